//! The criteria as data: model, load, validate, content hash, bands, arithmetic.

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
