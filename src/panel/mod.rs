//! The group leader's side: roster, merge, statistics, consensus, ranking.

pub mod audit;
pub mod award_list;
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
pub mod supervision;
pub mod synthesis;

pub use merge::{Checked, MergeOptions, check, file_hash, merge, merge_checked, ranking};
pub use model::*;
pub use synthesis::{ApplicantSynthesis, NoteSource, Synthesis, SynthesisNote};
