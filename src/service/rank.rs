//! Rank merged applicants against the programme's quotas (排序), from one or more merge folders
//! of the same round (e.g. one per track's panel).

use std::collections::BTreeMap;
use std::path::PathBuf;

use rust_decimal::Decimal;

use super::panel_dir::load_panel;
use super::{Error, RoundOf};
use crate::panel::{ApplicantResult, RankEntry, ranking};
use crate::program::Catalog;

/// The ranking of one round.
#[derive(Debug, Clone)]
pub struct Ranked {
    pub program: String,
    pub round: String,
    /// Per track id, best first.
    pub ranking: BTreeMap<String, Vec<RankEntry>>,
}

/// Ranks the applicants of the merge folders `dirs`; refuses folders of different rounds and an
/// applicant merged twice.
pub fn rank(
    dirs: &[PathBuf],
    catalog: &Catalog,
    min_total: Option<Decimal>,
) -> Result<Ranked, Error> {
    let mut round: Option<(String, String)> = None;
    let mut results: Vec<ApplicantResult> = Vec::new();
    for dir in dirs {
        let panel = load_panel(dir)?;
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
                    applicant: r.applicant_id,
                    track: r.track,
                    stage: r.stage,
                    total: seen.total.to_string(),
                });
            }
            results.push(r);
        }
    }
    let Some((program, round)) = round else {
        return Err(Error::NoFolder);
    };
    let ranking = ranking(&results, &program, catalog, min_total);
    Ok(Ranked {
        program,
        round,
        ranking,
    })
}
