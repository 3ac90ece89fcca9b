//! `scorebook export` (being built).

use clap::Args;

use super::Context;

#[derive(Debug, Args)]
pub struct ExportArgs {}

pub fn run(_args: ExportArgs, _ctx: &Context) -> anyhow::Result<i32> {
    anyhow::bail!("scorebook export is not built yet")
}
