//! `scorebook round import ROUND_FILE`: the reviewer
//! imports the round the group leader signed (评审轮次), so this laptop's applicants carry the
//! office's numbers (申报编号) and names. The import itself is
//! [`crate::service::round_import`], the same for the TUI's `i`.

use std::path::PathBuf;

use clap::Args;

use super::Context;
use crate::display::shown_block;
use crate::i18n::round_import::summary;
use crate::service::round_import::{ImportRequest, import_round};
use crate::workspace::Workspace;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The round file the group leader sent (round.json).
    pub file: PathBuf,
}

/// Exit 0 when imported, 1 when the import was refused (nothing changed), 2 on a usage error.
pub fn run(args: ImportArgs, ctx: &Context) -> anyhow::Result<i32> {
    let lang = ctx.lang;
    let (mut ws, notices) = Workspace::open(&ctx.home)?;
    for n in notices {
        eprintln!("scorebook: {}", shown_block(&n.message(lang)));
    }
    // No key yet is fine: the import goes ahead, only the panel match waits for a key.
    let reviewer = crate::identity::Identity::load(&ctx.home)
        .ok()
        .flatten()
        .map(|id| id.public_info());
    let catalog = super::catalog(ctx);
    let request = ImportRequest {
        path: args.file,
        reviewer,
        now: crate::clock::Clock::timestamp(&crate::clock::System),
        lang,
    };
    match import_round(&mut ws, &catalog, &request) {
        Ok(done) => {
            for line in summary(lang, &done) {
                println!("{}", shown_block(&line));
            }
            Ok(0)
        }
        Err(e) => {
            eprintln!("scorebook: {}", shown_block(&e.message(lang)));
            Ok(1)
        }
    }
}
