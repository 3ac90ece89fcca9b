//! The criteria as data: model, load, validate, content hash, bands, arithmetic.

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

pub mod error;
pub mod load;
pub mod locate;
pub mod model;
pub mod score;
pub mod validate;

pub use error::{DataError, JsonPath, Problem, Segment, Thing};
pub use load::{MAX_FILE_BYTES, content_hash, load_framework};
pub use model::*;
pub use score::{
    Percent, PercentError, Totals, format_points, format_score, item_score, round_display,
    round_points,
};
