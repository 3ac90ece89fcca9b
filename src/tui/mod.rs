//! The terminal front end (being built).

pub mod consensus;

use crate::cli::Context;

pub fn run(_ctx: &Context) -> anyhow::Result<i32> {
    anyhow::bail!("the terminal app is not built yet")
}
