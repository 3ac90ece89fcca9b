//! `scorebook consensus OUT_DIR`: the leader's consensus screen over a merge folder.

use std::path::PathBuf;

use clap::Args;

use super::Context;

#[derive(Debug, Args)]
pub struct ConsensusArgs {
    /// A merge folder written by `scorebook merge`.
    #[arg(value_name = "OUT_DIR")]
    pub dir: PathBuf,
}

pub fn run(args: ConsensusArgs, ctx: &Context) -> anyhow::Result<i32> {
    crate::tui::consensus::run(&args.dir, ctx)
}
