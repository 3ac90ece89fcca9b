//! The group leader's side: roster, merge, statistics, consensus, ranking.

pub mod merge;
pub mod model;
pub mod rank;
pub mod roster;
pub mod stats;
#[cfg(test)]
pub(crate) mod testkit;

pub use model::*;
