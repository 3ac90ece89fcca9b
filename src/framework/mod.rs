//! The criteria as data: model, load, validate, content hash, bands, arithmetic.

pub mod model;
pub mod score;

pub use model::*;
pub use score::{Percent, PercentError, Totals, format_score, item_score, round_display};
