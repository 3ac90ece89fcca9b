//! One reviewer's work on one applicant in one stage; pure rules, no I/O.
//!
//! The model is plain data ([`model`]); the rules are methods on it: [`Applicant::new`], the
//! conflict declaration and its lock, scores ([`Applicant::set_percent`],
//! [`Applicant::step_percent`]), comments and site-visit issues, item status, progress and
//! totals, [`Applicant::start_site_review`], the comment check ([`comment_check`]), undo
//! ([`Undo`]) and the demo applicant ([`demo`]).

pub mod model;

mod applicant;
pub mod comment_check;
pub mod comments;
pub mod demo;
pub mod error;
pub mod list;
pub mod scoring;
pub mod undo;

#[cfg(test)]
mod tests;

pub use comment_check::{CommentRules, Warning, WarningKind};
pub use comments::{CommentKind, CommentRef, check_requirements};
pub use error::ReviewError;
pub use list::Move;
pub use model::*;
pub use scoring::{ItemStatus, Progress, Step};
pub use undo::Undo;
