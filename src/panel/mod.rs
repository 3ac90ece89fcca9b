//! The group leader's side: roster, merge, statistics, consensus, ranking.

pub mod model;

pub use model::*;
