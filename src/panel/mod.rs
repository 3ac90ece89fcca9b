//! The group leader's side: roster, merge, statistics, consensus, ranking.

// The core takes values from files and people: none of them may panic it (issue 8). Tests
// may (their failures are panics); clippy.toml allows unwrap and indexing there.
// clippy::indexing_slicing joins these once this module's bounds-checked indexing is rewritten
// with `get` (`cargo clippy --lib -- -W clippy::indexing_slicing` lists it); framework and
// program have it already.
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

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
pub use synthesis::{ApplicantSynthesis, NoteSource, Synthesis, SynthesisField, SynthesisNote};
