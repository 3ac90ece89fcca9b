//! `scorebook key`: the reviewer's signing key (new, show).

use anyhow::Context as _;
use clap::Subcommand;

use super::Context;
use crate::display::Shown;
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
                    eprintln!("{}", already_exists(ctx.lang, &dir.display().to_string()));
                    return Ok(2);
                }
                Err(IdentityError::EmptyName) => {
                    eprintln!(
                        "{}",
                        match ctx.lang {
                            Lang::Zh => "姓名不能为空：scorebook key new --name 你的姓名",
                            Lang::En => "The name is empty: scorebook key new --name \"Your Name\"",
                        }
                    );
                    return Ok(2);
                }
                Err(IdentityError::UnsafeName) => {
                    eprintln!("{}", CheckMsg::UnsafeKeyName.text(ctx.lang));
                    return Ok(2);
                }
                Err(e) => return Err(e.into()),
            };
            let info = identity.public_info();
            let heading = match ctx.lang {
                Lang::Zh => "已生成新的签名密钥：",
                Lang::En => "New signing key created:",
            };
            println!("{heading}");
            print_info(ctx.lang, &info);
            Ok(0)
        }
        KeyCommand::Show { json } => {
            let Some(identity) = Identity::load(&ctx.home)? else {
                eprintln!("{}", no_key(ctx.lang));
                return Ok(2);
            };
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
    let (name, key, fp, colon) = match lang {
        Lang::Zh => ("姓名", "公钥", "指纹", "："),
        Lang::En => ("Name", "Public key", "Fingerprint", ": "),
    };
    println!("  {name}{colon}{}", Shown(&info.name));
    println!("  {key}{colon}{}", info.public_key);
    println!("  {fp}{colon}{}", info.fingerprint);
}

/// The message when no key exists yet; export says the same.
pub fn no_key(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "还没有签名密钥。请先运行：scorebook key new --name 你的姓名",
        Lang::En => "No signing key yet. First run: scorebook key new --name \"Your Name\"",
    }
}

fn already_exists(lang: Lang, dir: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "{dir} 中已有签名密钥，未作改动。如确需更换，请加 --force（旧密钥签过的评分表仍然有效）。"
        ),
        Lang::En => format!(
            "A signing key already exists in {dir}; nothing changed. To replace it, add --force (sheets signed with the old key stay valid)."
        ),
    }
}
