//! `scorebook consensus` (being built).

use clap::Args;

use super::Context;

#[derive(Debug, Args)]
pub struct ConsensusArgs {}

pub fn run(_args: ConsensusArgs, _ctx: &Context) -> anyhow::Result<i32> {
    anyhow::bail!("scorebook consensus is not built yet")
}
