//! `scorebook key` (being built).

use clap::Subcommand;

use super::Context;

#[derive(Debug, Subcommand)]
pub enum KeyCommand {}

pub fn run(command: KeyCommand, _ctx: &Context) -> anyhow::Result<i32> {
    match command {}
}
