//! The round (评审轮次): the one signed list of applicants, panel and stages that every
//! reviewer imports and the leader merges against. See `docs/round-format.md`.

// The core takes values from files and people: none of them may panic it (issue 8). Tests
// may (their failures are panics); clippy.toml allows unwrap and indexing there.
// clippy::indexing_slicing joins these once this module's bounds-checked indexing is rewritten
// with `get` (`cargo clippy --lib -- -W clippy::indexing_slicing` lists it); framework and
// program have it already.
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod csv;
pub mod edit;
pub mod model;
pub mod signed;
pub mod validate;

#[cfg(test)]
mod testing;

pub use edit::{EditError, NewApplicant, NewRound};
pub use model::*;
pub use signed::{RoundError, VerifiedRound, sign_round, verify_round};
pub use validate::{RoundWarning, check_catalog, is_valid_number};
