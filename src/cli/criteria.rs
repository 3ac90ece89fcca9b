//! `scorebook criteria` (being built).

use clap::Subcommand;

use super::Context;

#[derive(Debug, Subcommand)]
pub enum CriteriaCommand {}

pub fn run(command: CriteriaCommand, _ctx: &Context) -> anyhow::Result<i32> {
    match command {}
}
