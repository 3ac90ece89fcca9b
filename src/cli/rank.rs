//! `scorebook rank OUT_DIR… [--min-total N]`: the ranking per track with the proposed winners,
//! from one or more merge folders (e.g. one per track's panel).

use std::path::PathBuf;

use anyhow::bail;
use clap::Args;
use rust_decimal::Decimal;

use super::Context;
use super::merge::ranking_text;
use super::panel_dir::{ROSTER_FILE, catalog, load_panel_in, sheet_copy_path, tr};
use crate::display::Shown;
use crate::i18n::checks;
use crate::panel::audit::{self, AuditError, Basis};
use crate::panel::{ApplicantResult, ranking};

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
    let mut program: Option<(String, String)> = None;
    let mut results: Vec<ApplicantResult> = Vec::new();
    for dir in &args.dirs {
        let panel = load_panel_in(dir, ctx.lang)?;
        let basis = audited(dir, &panel, &catalog).map_err(|e| {
            anyhow::anyhow!(checks::audit_refusal(lang, &dir.display().to_string(), &e))
        })?;
        eprintln!(
            "{}",
            checks::audit_basis(lang, &dir.display().to_string(), &basis)
        );
        match &program {
            None => program = Some((panel.program.clone(), panel.round.clone())),
            Some((p, r)) if *p != panel.program || *r != panel.round => bail!(
                "{}: programme {} round {}, but {} is {} round {}; rank one round at a time",
                dir.display(),
                panel.program,
                panel.round,
                args.dirs[0].display(),
                p,
                r
            ),
            Some(_) => {}
        }
        for r in panel.results {
            if let Some(seen) = results.iter().find(|o| {
                o.applicant_id == r.applicant_id && o.track == r.track && o.stage == r.stage
            }) {
                bail!(
                    "{}: applicant {} ({}, {}) is also in another merge folder (total {}); \
                     merge its sheets once",
                    dir.display(),
                    r.applicant_id,
                    r.track,
                    r.stage.cli_name(),
                    seen.total
                );
            }
            results.push(r);
        }
    }
    let Some((program, round)) = program else {
        bail!("no merge folder given");
    };
    let ranked = ranking(&results, &program, &catalog, args.min_total);
    println!("{} {}", Shown(&program), Shown(&round));
    if let Some(min) = args.min_total {
        println!("{} {min}", tr(lang, "最低总分", "minimum total"));
    }
    let text = ranking_text(&ranked, catalog.program(&program).map(|p| &p.doc), lang);
    if text.is_empty() {
        println!(
            "{}",
            tr(lang, "没有可排名的申报对象", "no applicants to rank")
        );
    } else {
        print!("{text}");
    }
    Ok(0)
}

/// Confirms a folder's `panel.json` (`panel::audit`): recomputed from its sheet copies and
/// roster when every copy is there, else its sums and source hashes checked.
fn audited(
    dir: &std::path::Path,
    panel: &crate::panel::PanelResult,
    catalog: &crate::program::Catalog,
) -> Result<Basis, AuditError> {
    audit::check(panel, catalog)?;
    let hashes: std::collections::BTreeSet<&String> = panel
        .results
        .iter()
        .flat_map(|r| r.sources.iter().chain(&r.consensus_sheet))
        .collect();
    let roster = std::fs::read(dir.join(ROSTER_FILE)).ok();
    let sheets: Vec<(String, Vec<u8>)> = hashes
        .iter()
        .filter_map(|h| {
            let path = sheet_copy_path(dir, h);
            std::fs::read(&path)
                .ok()
                .map(|b| (path.display().to_string(), b))
        })
        .collect();
    let missing = hashes.len() - sheets.len() + usize::from(roster.is_none());
    match roster {
        Some(roster) if missing == 0 => {
            let sheets = audit::recompute(panel, &roster, sheets, catalog)?;
            Ok(Basis::Recomputed { sheets })
        }
        _ => Ok(Basis::Checked { missing }),
    }
}
