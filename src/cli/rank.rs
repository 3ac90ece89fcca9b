//! `scorebook rank` (being built).

use clap::Args;

use super::Context;

#[derive(Debug, Args)]
pub struct RankArgs {}

pub fn run(_args: RankArgs, _ctx: &Context) -> anyhow::Result<i32> {
    anyhow::bail!("scorebook rank is not built yet")
}
