//! An award programme: tracks, quotas, eligibility, stages.

pub mod catalog;
pub mod load;
pub mod model;
pub mod validate;

pub use catalog::{Catalog, Diagnostic, Loaded, Origin, content_hash};
pub use model::*;
