//! An award programme: tracks, quotas, eligibility, stages.

pub mod model;

pub use model::*;
pub mod catalog;

pub use catalog::{Catalog, Loaded, Origin, content_hash};
