//! An award programme: tracks, quotas, eligibility, stages.

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
