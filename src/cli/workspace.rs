//! `scorebook workspace encrypt|decrypt`: the home's files encrypted at rest or back to plain
//! (保密, 第二十一条), converted in place by [`crate::workspace::convert`].

use clap::Subcommand;

use super::Context;
use crate::identity::{Identity, session};
use crate::workspace::Workspace;
use crate::workspace::convert::{Direction, convert};

#[derive(Debug, Subcommand)]
pub enum WorkspaceCommand {
    /// Encrypt this home's applicant files, backups and records to a data key kept under your
    /// key's passphrase (set one first: scorebook key passphrase).
    Encrypt,
    /// Turn an encrypted workspace back into plain files.
    Decrypt,
}

pub fn run(command: WorkspaceCommand, ctx: &Context) -> anyhow::Result<i32> {
    let lang = ctx.lang;
    let ws_err = |e: crate::workspace::WorkspaceError| anyhow::anyhow!(e.message(lang));
    let direction = match command {
        WorkspaceCommand::Encrypt => Direction::Encrypt,
        WorkspaceCommand::Decrypt => Direction::Decrypt,
    };
    let passphrase = match direction {
        Direction::Encrypt => {
            // The data key goes under the signing key's passphrase: opening the key checks it.
            let identity = Identity::load(&ctx.home)
                .map_err(|e| anyhow::anyhow!(crate::i18n::seal::identity_error(lang, &e)))?;
            let Some(identity) = identity else {
                eprintln!("{}", crate::service::Error::NoKey.message(lang));
                return Ok(2);
            };
            match (identity.is_protected(), session::passphrase(&ctx.home)) {
                (true, Some(p)) => Some(p),
                _ => {
                    let e = crate::workspace::WorkspaceError::NeedsPassphrase;
                    eprintln!("scorebook: {}", e.message(lang));
                    return Ok(2);
                }
            }
        }
        Direction::Decrypt => None,
    };
    let (ws, notices) = Workspace::open(&ctx.home).map_err(ws_err)?;
    for n in notices {
        eprintln!(
            "scorebook: {}",
            crate::display::shown_block(&n.message(lang))
        );
    }
    let done = convert(&ws, direction, passphrase.as_ref()).map_err(ws_err)?;
    println!(
        "{}",
        crate::i18n::seal::converted(
            lang,
            direction == Direction::Encrypt,
            done.files,
            done.already
        )
    );
    Ok(0)
}
