//! Canonical JSON (RFC 8785, JCS), restricted to what Scorebook documents hold: objects, arrays,
//! strings, `true`/`false`/`null` and integers of at most 2^53 − 1 in magnitude (decimals are
//! written as strings). The framework and programme hashes are taken over these bytes, and
//! signed files are these bytes. A leaf: it imports nothing else of the crate.
//!
//! Why not plain serde_jcs, the reference implementation (still the oracle of the tests):
//! - Writing: serde_jcs buffers every object in a BTreeMap of byte vectors; on GB/T 19580 it
//!   takes 0.6–1.9 ms against a 1 ms budget for load + validate + hash at every start and
//!   every verification, where [`to_canonical`] takes a fraction of that (see
//!   `cargo bench --bench criteria`, "part: hash" against "reference: serde_jcs").
//! - Reading: serde_jcs has no checker. Re-canonicalising to compare builds a tree of the whole
//!   file; [`check`] proves the bytes canonical in one pass and hands the envelope its members.
//! - Floats: serde_jcs writes them the ECMAScript way, which the checker refuses; the writer
//!   refuses them too, so nothing is written that could not be verified.
//! - Completeness: [`member_count`] counts the members a typed value writes, so a reader can
//!   refuse a payload that left members out to defaults without re-serialising it.

// The core takes values from files and people: none of them may panic it (issue 8). Tests
// may (their failures are panics); clippy.toml allows unwrap and indexing there.
// clippy::indexing_slicing joins these once this module's bounds-checked indexing is rewritten
// with `get` (`cargo clippy --lib -- -W clippy::indexing_slicing` lists it); framework and
// program have it already.
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod check;
mod count;
mod write;

pub use check::{CanonicalError, MAX_DEPTH, Member, Utf8, check, top_members};
pub use count::{CountError, member_count};
pub use write::{WriteError, to_canonical};

/// Largest integer magnitude: beyond it, IEEE doubles (and so JCS) lose exactness.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;
