//! The group leader's side: roster, merge, statistics, consensus, ranking.

pub mod audit;
pub mod consensus;
pub mod coverage;
pub mod heat;
pub mod merge;
pub mod model;
pub mod rank;
pub mod roster;
pub mod round;
pub mod similar;
pub mod stats;

pub use merge::{Checked, MergeOptions, check, file_hash, merge, merge_checked, ranking};
pub use model::*;
