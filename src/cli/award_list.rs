//! `scorebook award-list OUT_DIR [--min-total N]`: the group leader signs the award
//! recommendation list (获奖建议名单, 第九条(二)) of a site-stage merge folder; it is written
//! beside `panel.json` as `award-list.json` (signed) and `award-list.html` (printable). The
//! use-case is [`crate::service::award_list`].

use std::path::PathBuf;

use clap::Args;
use rust_decimal::Decimal;

use super::{Context, catalog};
use crate::clock::System;
use crate::display::shown_block;
use crate::i18n::award_list::{ListMsg, error, say};
use crate::service::award_list::{ListError, Written, write_award_list};

#[derive(Debug, Args)]
pub struct AwardListArgs {
    /// A site-stage merge folder written by `scorebook merge --round`.
    #[arg(value_name = "OUT_DIR")]
    pub dir: PathBuf,
    /// A total below this never takes an award place (第三条); default: the merge's.
    #[arg(long, value_name = "N")]
    pub min_total: Option<Decimal>,
}

pub fn run(args: AwardListArgs, ctx: &Context) -> anyhow::Result<i32> {
    let lang = ctx.lang;
    let catalog = catalog(ctx);
    let identity =
        crate::service::identity(&ctx.home).map_err(|e| anyhow::anyhow!(e.message(lang)))?;
    let dir = args.dir.display().to_string();
    let written = write_award_list(
        &args.dir,
        &identity,
        &catalog,
        args.min_total,
        &System,
        &System,
    )
    .map_err(|e| {
        anyhow::anyhow!(match e {
            ListError::Service(e) => e.message(lang),
            ListError::NoRound { .. } => say(lang, &ListMsg::NoRound { dir: &dir }),
            ListError::Build(_) => say(lang, &ListMsg::NoSiteResults { dir: &dir }),
            ListError::Refused(e) => error(lang, &e),
            ListError::AwaitingActingLeader { number, acting } => say(
                lang,
                &ListMsg::AwaitingActingLeader {
                    number: &number,
                    acting: &acting,
                },
            ),
            ListError::NotLeader => say(lang, &ListMsg::NotLeader),
        })
    })?;
    let written = match written {
        Written::List(w) => *w,
        Written::Endorsed(files) => {
            for (number, path) in &files {
                let path = path.display().to_string();
                let m = ListMsg::Endorsed {
                    number,
                    path: &path,
                };
                println!("{}", shown_block(&say(lang, &m)));
            }
            return Ok(0);
        }
    };
    let proposed = written.list.places.iter().map(|p| p.proposed.len()).sum();
    let empty = written.list.places.iter().map(|p| p.empty).sum();
    println!(
        "{}",
        shown_block(&say(
            lang,
            &ListMsg::Written {
                json: &written.json.display().to_string(),
                html: &written.html.display().to_string(),
                hash: &written.hash,
                proposed,
                empty,
            },
        ))
    );
    Ok(0)
}
