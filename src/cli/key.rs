//! `scorebook key`: the reviewer's signing key (new, show, passphrase).

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
        /// Print {name, public_key, fingerprint, age_recipient} as JSON, the member file for a
        /// round.
        #[arg(long)]
        json: bool,
    },
    /// Set or change the passphrase that protects the key (asked twice, not shown).
    Passphrase {
        /// Read the new passphrase from FILE (one trailing line break dropped) instead of
        /// asking; the current one comes from SCOREBOOK_PASSPHRASE_FILE or a prompt.
        #[arg(long, value_name = "FILE", conflicts_with = "remove")]
        new_passphrase_file: Option<std::path::PathBuf>,
        /// Take the passphrase off (not recommended: the key file becomes plain).
        #[arg(long)]
        remove: bool,
    },
}

/// The key in the home, its refusal worded in the interface language.
fn load(ctx: &Context) -> anyhow::Result<Option<Identity>> {
    Identity::load(&ctx.home)
        .map_err(|e| anyhow::anyhow!(crate::i18n::seal::identity_error(ctx.lang, &e)))
}

/// The notice offering to protect a key kept in plain.
pub fn notice_unprotected(ctx: &Context) {
    if Identity::is_protected_in(&ctx.home) == Some(false) {
        eprintln!(
            "scorebook: {}",
            crate::i18n::seal::unprotected_notice(ctx.lang)
        );
    }
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
                Err(e) => anyhow::bail!(crate::i18n::identity::error(ctx.lang, &e)),
            };
            let info = identity.public_info();
            println!("{}", say(ctx.lang, &Msg::KeyCreated));
            print_info(ctx.lang, &info);
            Ok(0)
        }
        KeyCommand::Show { json } => {
            let Some(identity) = load(ctx)? else {
                eprintln!("{}", crate::service::Error::NoKey.message(ctx.lang));
                return Ok(2);
            };
            for w in Identity::warnings(&ctx.home) {
                eprintln!("scorebook: {}", w.message(ctx.lang));
            }
            notice_unprotected(ctx);
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
        KeyCommand::Passphrase {
            new_passphrase_file,
            remove,
        } => {
            let Some(mut identity) = load(ctx)? else {
                eprintln!("{}", crate::service::Error::NoKey.message(ctx.lang));
                return Ok(2);
            };
            let was = identity.is_protected();
            if remove {
                if !was {
                    println!("{}", crate::i18n::seal::passphrase_none(ctx.lang));
                    return Ok(0);
                }
                identity.set_passphrase(&ctx.home, None).map_err(|e| {
                    anyhow::anyhow!(crate::i18n::seal::identity_error(ctx.lang, &e))
                })?;
                println!("{}", crate::i18n::seal::passphrase_removed(ctx.lang));
                return Ok(0);
            }
            let new = match crate::service::unlock::new_passphrase(
                ctx.lang,
                new_passphrase_file.as_deref(),
            ) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!(
                        "scorebook: {}",
                        crate::i18n::seal::passphrase_error(ctx.lang, &e)
                    );
                    return Ok(2);
                }
            };
            identity
                .set_passphrase(&ctx.home, Some(new))
                .map_err(|e| anyhow::anyhow!(crate::i18n::seal::identity_error(ctx.lang, &e)))?;
            println!("{}", crate::i18n::seal::passphrase_set(ctx.lang, was));
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
