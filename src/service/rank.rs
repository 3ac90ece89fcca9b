//! Rank merged applicants against the programme's quotas (排序), from one or more merge folders
//! of the same round (e.g. one per track's panel).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::panel_dir::{ROSTER_FILE, ROUND_FILE, load_panel, sheet_copy_path};
use super::{Error, RoundOf};
use crate::panel::audit::{self, AuditError, Basis};
use crate::panel::{ApplicantResult, PanelResult, RankEntry, ranking};
use crate::program::Catalog;

/// The ranking of one round.
#[derive(Debug, Clone)]
pub struct Ranked {
    pub program: String,
    pub round: String,
    /// Per track id, best first.
    pub ranking: BTreeMap<String, Vec<RankEntry>>,
    /// How each folder's `panel.json` was confirmed before it was believed.
    pub bases: Vec<(PathBuf, Basis)>,
    /// The minimum total applied (第三条): the one asked for, else the strictest the merges
    /// recorded (`merge --min-total`), so the ranking printed is the one the reports state.
    pub min_total: Option<Decimal>,
}

/// Ranks the applicants of the merge folders `dirs`; refuses folders of different rounds and an
/// applicant merged twice. Without `min_total`, the strictest minimum the merges recorded applies.
pub fn rank(
    dirs: &[PathBuf],
    catalog: &Catalog,
    min_total: Option<Decimal>,
) -> Result<Ranked, Error> {
    let mut round: Option<(String, String)> = None;
    let mut against_round = false;
    let mut results: Vec<ApplicantResult> = Vec::new();
    let mut bases = Vec::new();
    let mut recorded: Option<Decimal> = None;
    for dir in dirs {
        let panel = load_panel(dir)?;
        recorded = recorded.max(panel.min_total);
        let basis = audited(dir, &panel, catalog).map_err(|source| Error::Audit {
            dir: dir.clone(),
            source: Box::new(source),
        })?;
        bases.push((dir.clone(), basis));
        against_round |= panel.round_file.is_some();
        match &round {
            None => round = Some((panel.program.clone(), panel.round.clone())),
            Some((p, r)) if *p != panel.program || *r != panel.round => {
                return Err(Error::MixedRounds {
                    this: Box::new(RoundOf {
                        dir: dir.clone(),
                        program: panel.program,
                        round: panel.round,
                    }),
                    first: Box::new(RoundOf {
                        dir: dirs.first().cloned().unwrap_or_default(),
                        program: p.clone(),
                        round: r.clone(),
                    }),
                });
            }
            Some(_) => {}
        }
        for r in panel.results {
            if let Some(seen) = results.iter().find(|o| {
                o.applicant_id == r.applicant_id && o.track == r.track && o.stage == r.stage
            }) {
                return Err(Error::AlsoElsewhere {
                    dir: dir.clone(),
                    applicant: r.applicant_id.into(),
                    track: r.track,
                    stage: r.stage,
                    total: crate::framework::format_points(seen.total),
                });
            }
            results.push(r);
        }
    }
    let Some((program, round)) = round else {
        return Err(Error::NoFolder);
    };
    let min_total = min_total.or(recorded);
    let mut ranking = ranking(&results, &program, catalog, min_total);
    if against_round {
        crate::panel::round::no_awards_before_site(&mut ranking, &results);
    }
    Ok(Ranked {
        program,
        round,
        ranking,
        bases,
        min_total,
    })
}

/// Confirms a folder's `panel.json` (`panel::audit`): recomputed from its sheet copies and
/// roster when every copy is there, else its sums and source hashes checked.
fn audited(dir: &Path, panel: &PanelResult, catalog: &Catalog) -> Result<Basis, AuditError> {
    audit::check(panel, catalog)?;
    let hashes: std::collections::BTreeSet<&String> = panel
        .results
        .iter()
        .flat_map(|r| r.sources.iter().chain(&r.consensus_sheet))
        .collect();
    let round = panel.round_file.is_some();
    let roster = std::fs::read(dir.join(if round { ROUND_FILE } else { ROSTER_FILE })).ok();
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
        Some(bytes) if missing == 0 && round => {
            let sheets = audit::recompute_round(panel, &bytes, sheets, catalog)?;
            Ok(Basis::Recomputed { sheets })
        }
        Some(roster) if missing == 0 => {
            let sheets = audit::recompute(panel, &roster, sheets, catalog)?;
            Ok(Basis::Recomputed { sheets })
        }
        _ => Ok(Basis::Checked { missing }),
    }
}
