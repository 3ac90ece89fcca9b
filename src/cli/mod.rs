//! The command line: one file per subcommand. `main.rs` only parses and calls [`run`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::lang::Lang;

pub mod consensus;
pub mod criteria;
pub mod export;
pub mod help;
pub mod key;
pub mod merge;
pub mod rank;
pub mod roster;
pub mod round;
pub mod round_import;
pub mod table;
pub mod verify;
pub mod workspace;

/// 评审记分册 Scorebook — offline score sheets for quality award reviewers.
#[derive(Debug, Parser)]
#[command(name = "scorebook", version)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Data folder (frameworks override dir, workspace, keys, config).
    #[arg(long, global = true, env = "SCOREBOOK_HOME", value_name = "DIR")]
    pub home: Option<PathBuf>,
    /// Interface language: zh or en (default: from LANG, else Chinese).
    #[arg(long, global = true, value_name = "zh|en")]
    pub lang: Option<Lang>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Frameworks and award programmes: list, show, check.
    #[command(subcommand)]
    Criteria(criteria::CriteriaCommand),
    /// The reviewer's signing key: new, show, passphrase.
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// Export a signed score sheet for an applicant and stage.
    Export(export::ExportArgs),
    /// Verify signed sheets.
    Verify(verify::VerifyArgs),
    /// The panel roster: new, add.
    #[command(subcommand)]
    Roster(roster::RosterCommand),
    /// The round file (group leader): new, add members and applicants, shortlist, show.
    #[command(subcommand)]
    Round(round::RoundCommand),
    /// Merge a panel's sheets: statistics, divergence, ranking, reports.
    Merge(merge::MergeArgs),
    /// Agree the panel's consensus in the terminal.
    Consensus(consensus::ConsensusArgs),
    /// Rank merged applicants against the programme's quotas.
    Rank(rank::RankArgs),
    /// The workspace at rest: encrypt, decrypt.
    #[command(subcommand)]
    Workspace(workspace::WorkspaceCommand),
}

pub use crate::context::Context;

impl GlobalArgs {
    pub fn context(&self) -> anyhow::Result<Context> {
        Context::new(self.home.as_deref(), self.lang)
    }
}

/// Runs a subcommand; returns the process exit code.
pub fn run(command: Command, ctx: &Context) -> anyhow::Result<i32> {
    // A key under a passphrase asks for it (once) when a command first needs the key.
    crate::service::unlock::install(ctx.lang);
    match command {
        Command::Criteria(c) => criteria::run(c, ctx),
        Command::Key(c) => key::run(c, ctx),
        Command::Export(a) => export::run(a, ctx),
        Command::Verify(a) => verify::run(a, ctx),
        Command::Roster(c) => roster::run(c, ctx),
        Command::Round(c) => round::run(c, ctx),
        Command::Merge(a) => merge::run(a, ctx),
        // A screen of the terminal app: `main` starts it (the command line never imports tui).
        Command::Consensus(_) => {
            anyhow::bail!("the consensus screen is started by main, not by cli::run")
        }
        Command::Rank(a) => rank::run(a, ctx),
        Command::Workspace(c) => workspace::run(c, ctx),
    }
}

/// The catalog the app runs with: embedded editions plus `<home>/criteria/`. Problems with home
/// files are warnings on stderr, never a stop: the app goes on with what is valid.
pub fn catalog(ctx: &Context) -> crate::program::Catalog {
    let (catalog, problems) = crate::program::Catalog::load(&ctx.home);
    for p in &problems {
        eprintln!("{}", crate::i18n::service::skipped(ctx.lang, p));
    }
    catalog
}
