//! The round (评审轮次): the one signed list of applicants, panel and stages that every
//! reviewer imports and the leader merges against. See `docs/round-format.md`.

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
