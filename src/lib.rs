//! Scorebook (评审记分册): offline, signed score sheets for the expert reviewers of government
//! quality awards. See `docs/` and the README.
//!
//! Imports run down the layers of `docs/architecture.md`, leaves first: {lang, canonical, clock,
//! context, display, ids} ← framework ← program ← review ← {workspace, identity, sheet} ←
//! {panel, round} ← {i18n, report, service} ← {cli, tui, testkit}; `cli` and `tui` never import
//! each other. `tests/house_rules.rs` checks it (`imports_run_down_the_layers`,
//! `the_front_ends_do_not_import_each_other`).

pub mod canonical;
pub mod clock;
pub mod context;
pub mod display;
pub mod ids;
pub mod lang;

// The core: values in, values out. `unwrap`, `expect` and `panic!` are refused in each core
// module (its root: framework, program, review, sheet, panel, round, canonical), so user data
// cannot panic it; tests may (clippy.toml).
pub mod framework;
pub mod program;
pub mod review;

pub mod identity;
pub mod sheet;
pub mod workspace;

pub mod panel;
pub mod round;

pub mod i18n;

pub mod report;

pub mod service;

pub mod cli;
pub mod tui;

#[cfg(any(test, feature = "testkit"))]
pub mod testkit;
