//! The round (评审轮次): the one signed list of applicants, panel and stages that every
//! reviewer imports and the leader merges against. See `docs/round-format.md`.

pub mod model;

pub use model::*;
