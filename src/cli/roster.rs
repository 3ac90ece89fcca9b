//! `scorebook roster` (being built).

use clap::Subcommand;

use super::Context;

#[derive(Debug, Subcommand)]
pub enum RosterCommand {}

pub fn run(command: RosterCommand, _ctx: &Context) -> anyhow::Result<i32> {
    match command {}
}
