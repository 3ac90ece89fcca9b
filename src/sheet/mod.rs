//! Signed score sheets: canonical bytes, sign, verify, format versions.

pub mod model;

pub use model::*;
