//! One reviewer's work on one applicant in one stage; pure rules, no I/O.
//!
//! The model is plain data ([`model`]); the rules are methods on it: [`Applicant::new`], the
//! conflict declaration and its lock, scores ([`Applicant::set_percent`],
//! [`Applicant::step_percent`]), comments and site-visit issues, item status, progress and
//! totals, [`Applicant::start_site_review`], the comment check ([`comment_check`]), undo
//! ([`Undo`]) and the demo applicant ([`demo`]).

// The core takes values from files and people: none of them may panic it (issue 8). Tests
// may (their failures are panics); clippy.toml allows unwrap and indexing there.
// clippy::indexing_slicing joins these once this module's bounds-checked indexing is rewritten
// with `get` (`cargo clippy --lib -- -W clippy::indexing_slicing` lists it); framework and
// program have it already.
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod model;

mod applicant;
pub mod comment_check;
pub mod comments;
pub mod demo;
pub mod error;
pub mod lead_codes;
pub mod list;
pub mod scoring;
pub mod undo;

#[cfg(test)]
mod tests;

pub use comment_check::{CommentRules, Warning, WarningKind};
pub use comments::{CommentKind, CommentRef, check_requirements};
pub use error::ReviewError;
pub use lead_codes::{LeadCodes, merge_codes, split_lead_codes};
pub use list::Move;
pub use model::*;
pub use scoring::{ItemStatus, OpenIssue, Progress, Step};
pub use undo::Undo;
