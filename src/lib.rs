//! Scorebook (评审记分册): offline, signed score sheets for the expert reviewers of government
//! quality awards. See `docs/` and the README.
//!
//! Imports run downward only: framework ← program ← review ← {workspace, sheet} ← panel ← report
//! ← {cli, tui}.

pub mod canonical;
pub mod context;
pub mod i18n;
pub mod lang;

pub mod framework;
pub mod program;
pub mod review;

pub mod identity;
pub mod sheet;
pub mod workspace;

pub mod panel;
pub mod report;

pub mod cli;
pub mod tui;

#[cfg(any(test, feature = "testkit"))]
pub mod testkit;
