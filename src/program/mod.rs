//! An award programme: tracks, quotas, eligibility, stages.

pub mod model;

pub use model::*;
