//! `scorebook key`: the reviewer's signing key (new, show).

use crate::i18n::cli::{KeyField, Msg, say};
use anyhow::Context as _;
use clap::Subcommand;

use super::Context;

use crate::i18n::checks::CheckMsg;
use crate::identity::{Identity, IdentityError};
use crate::lang::Lang;

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Make a new signing key for NAME (refuses to replace an existing key without --force).
    New {
        /// The reviewer's name as it will appear on signed sheets.
        #[arg(long)]
        name: String,
        /// Replace an existing key. Sheets signed with the old key stay valid.
        #[arg(long)]
        force: bool,
    },
    /// Show the name, public key and fingerprint (to read aloud at the panel kick-off).
    Show {
        /// Print {name, public_key, fingerprint} as JSON, for a roster.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: KeyCommand, ctx: &Context) -> anyhow::Result<i32> {
    match command {
        KeyCommand::New { name, force } => {
            let identity = match Identity::create(&ctx.home, &name, force) {
                Ok(i) => i,
                Err(IdentityError::AlreadyExists(dir)) => {
                    eprintln!("{}", say(ctx.lang, &Msg::KeyExists(&dir.display())));
                    return Ok(2);
                }
                Err(IdentityError::EmptyName) => {
                    eprintln!("{}", say(ctx.lang, &Msg::KeyNameEmpty));
                    return Ok(2);
                }
                Err(IdentityError::UnsafeName) => {
                    eprintln!("{}", CheckMsg::UnsafeKeyName.text(ctx.lang));
                    return Ok(2);
                }
                Err(e) => return Err(e.into()),
            };
            let info = identity.public_info();
            println!("{}", say(ctx.lang, &Msg::KeyCreated));
            print_info(ctx.lang, &info);
            Ok(0)
        }
        KeyCommand::Show { json } => {
            let Some(identity) = Identity::load(&ctx.home)? else {
                eprintln!("{}", crate::service::Error::NoKey.message(ctx.lang));
                return Ok(2);
            };
            for w in Identity::warnings(&ctx.home) {
                eprintln!("scorebook: {}", w.message(ctx.lang));
            }
            let info = identity.public_info();
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&info).context("printing the key")?
                );
            } else {
                print_info(ctx.lang, &info);
            }
            Ok(0)
        }
    }
}

fn print_info(lang: Lang, info: &crate::identity::MemberInfo) {
    for (field, value) in [
        (KeyField::Name, &info.name),
        (KeyField::PublicKey, &info.public_key),
        (KeyField::Fingerprint, &info.fingerprint),
    ] {
        println!("{}", say(lang, &Msg::KeyField(field, value)));
    }
}
