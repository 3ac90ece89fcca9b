//! The group leader's side: roster, merge, statistics, consensus, ranking.

pub mod model;
pub mod rank;
pub mod stats;

pub use model::*;
