//! One reviewer's work on one applicant in one stage; pure rules, no I/O.

pub mod model;

pub use model::*;
