//! An award programme: tracks, quotas, eligibility, stages.

// The core takes values from files and people: none of them may panic it (issue 8). Tests
// may (their failures are panics); clippy.toml allows unwrap and indexing there.
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod catalog;
pub mod load;
pub mod model;
pub mod validate;
pub mod validity;

pub use catalog::{
    Catalog, Diagnostic, EditionMatch, EditionNotice, Loaded, Origin, content_hash,
    embedded_editions,
};
pub use model::*;
pub use validity::{OutsideValidity, Side};
