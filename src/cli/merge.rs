//! `scorebook merge` (being built).

use clap::Args;

use super::Context;

#[derive(Debug, Args)]
pub struct MergeArgs {}

pub fn run(_args: MergeArgs, _ctx: &Context) -> anyhow::Result<i32> {
    anyhow::bail!("scorebook merge is not built yet")
}
