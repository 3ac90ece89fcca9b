//! `scorebook verify` (being built).

use clap::Args;

use super::Context;

#[derive(Debug, Args)]
pub struct VerifyArgs {}

pub fn run(_args: VerifyArgs, _ctx: &Context) -> anyhow::Result<i32> {
    anyhow::bail!("scorebook verify is not built yet")
}
