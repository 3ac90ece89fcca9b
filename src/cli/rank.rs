//! `scorebook rank OUT_DIR… [--min-total N]`: the ranking per track with the proposed winners,
//! from one or more merge folders (e.g. one per track's panel).

use crate::i18n::cli::{Label as L, label};
use std::path::PathBuf;

use clap::Args;
use rust_decimal::Decimal;

use super::merge::ranking_text;
use super::{Context, catalog};
use crate::service::rank::rank;

#[derive(Debug, Args)]
pub struct RankArgs {
    /// Merge folders written by `scorebook merge`.
    #[arg(required = true, value_name = "OUT_DIR")]
    pub dirs: Vec<PathBuf>,
    /// A total below this never takes an award place (第三条).
    #[arg(long, value_name = "N")]
    pub min_total: Option<Decimal>,
}

pub fn run(args: RankArgs, ctx: &Context) -> anyhow::Result<i32> {
    let lang = ctx.lang;
    let catalog = catalog(ctx);
    let ranked =
        rank(&args.dirs, &catalog, args.min_total).map_err(|e| anyhow::anyhow!(e.message(lang)))?;
    for (dir, basis) in &ranked.bases {
        eprintln!(
            "{}",
            crate::i18n::checks::audit_basis(lang, &dir.display().to_string(), basis)
        );
    }
    println!(
        "{} {}",
        crate::display::Shown(&ranked.program),
        crate::display::Shown(&ranked.round)
    );
    if let Some(min) = ranked.min_total {
        println!(
            "{} {}",
            label(lang, L::MinimumTotal),
            crate::framework::format_points(min)
        );
    }
    let program = catalog.program(&ranked.program).map(|p| &p.doc);
    let text = ranking_text(&ranked.ranking, program, lang);
    if text.is_empty() {
        println!("{}", label(lang, L::NothingToRank));
    } else {
        print!("{text}");
    }
    Ok(0)
}
