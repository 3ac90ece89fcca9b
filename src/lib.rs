//! Scorebook (评审记分册): offline, signed score sheets for the expert reviewers of government
//! quality awards. See `docs/` and the README.
//!
//! Imports run down the layers of `docs/architecture.md`, leaves first: {lang, canonical, clock,
//! context, display, ids} ← framework ← program ← review ← {workspace, identity, sheet} ← panel ←
//! {i18n, report, service} ← {cli, tui}; `cli` and `tui` never import each other.
//! `tests/house_rules.rs` checks it.

pub mod canonical;
pub mod clock;
pub mod context;
pub mod display;
pub mod ids;
pub mod lang;

// The core: values in, values out. `unwrap` is refused here, so user data cannot panic it
// (tests may: clippy.toml). clippy::indexing_slicing joins it once the core's ~80 indexings
// are gone (`cargo clippy --lib -- -W clippy::indexing_slicing` lists them).
#[warn(clippy::unwrap_used)]
pub mod framework;
#[warn(clippy::unwrap_used)]
pub mod program;
#[warn(clippy::unwrap_used)]
pub mod review;

pub mod identity;
#[warn(clippy::unwrap_used)]
pub mod sheet;
pub mod workspace;

#[warn(clippy::unwrap_used)]
pub mod panel;
pub mod round;

pub mod i18n;

pub mod report;

pub mod service;

pub mod cli;
pub mod tui;

#[cfg(any(test, feature = "testkit"))]
pub mod testkit;
