//! What `rank` believes of a `panel.json`. The file is not signed (it is reproducible from the
//! signed inputs it names), so anyone with the folder can edit it: a total of 999 whose
//! categories add up to 700 must not be ranked. Two levels, and the caller says which one held:
//! - [`recompute`]: the merge is run again over the folder's byte-exact copies of the signed
//!   sheets and its roster, and every result must equal the stored one;
//! - [`check`]: when copies are missing, the stored arithmetic is checked (item score =
//!   points × panel percent, categories = sum of their items, total = sum of categories) and
//!   every source hash must be a counted input.
//!
//! Pure: the caller reads the files.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::merge::{MergeOptions, merge};
use super::model::{ApplicantResult, PanelResult};
use super::roster::verify_roster;
use super::stats;
use crate::program::Catalog;
use crate::review::Stage;

/// How far `panel.json` was confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// Every result was recomputed from this many signed sheets and matched.
    Recomputed { sheets: usize },
    /// Arithmetic and source hashes checked; `missing` sheet copies kept it from recomputing.
    Checked { missing: usize },
}

/// A result of `panel.json` that does not hold. `applicant` is `id [track, stage]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditError {
    #[error("{applicant}: the total is {stated}, but its categories add up to {sum}")]
    Total {
        applicant: String,
        stated: String,
        sum: String,
    },
    #[error("{applicant}: category {category} is {stated}, but its items add up to {sum}")]
    Category {
        applicant: String,
        category: String,
        stated: String,
        sum: String,
    },
    #[error("{applicant}: the categories do not match framework {framework}")]
    Categories {
        applicant: String,
        framework: String,
    },
    #[error("{applicant}: item {item} scores {stated}, but points × panel percent is {expected}")]
    ItemScore {
        applicant: String,
        item: String,
        stated: String,
        expected: String,
    },
    #[error("{applicant}: framework {hash} is not one this build knows")]
    UnknownFramework { applicant: String, hash: String },
    #[error("{applicant}: source sheet {hash} is not a counted input of the merge")]
    SourceMissing { applicant: String, hash: String },
    #[error("{applicant}: no source sheets are listed")]
    NoSources { applicant: String },
    #[error("the roster copy does not verify: {0}")]
    Roster(String),
    #[error(
        "{applicant}: {what} differs from a merge of the signed sheets (stored {stated}, recomputed {recomputed})"
    )]
    Differs {
        applicant: String,
        what: String,
        stated: String,
        recomputed: String,
    },
    #[error("{applicant}: the signed sheets give no such result")]
    NotRecomputed { applicant: String },
    #[error("{applicant}: the signed sheets give this result, but panel.json leaves it out")]
    LeftOut { applicant: String },
}

fn label(id: &str, track: &str, stage: Stage) -> String {
    format!("{id} [{track}, {}]", stage.cli_name())
}

fn who(r: &ApplicantResult) -> String {
    label(&r.applicant_id, &r.track, r.stage)
}

/// Checks `panel.json` on its own: each result's arithmetic against its framework, and that
/// every sheet it names (sources and consensus sheet) is a counted input.
pub fn check(panel: &PanelResult, catalog: &Catalog) -> Result<(), AuditError> {
    let counted: BTreeSet<&str> = panel
        .inputs
        .iter()
        .filter(|i| i.excluded.is_none())
        .map(|i| i.hash.as_str())
        .collect();
    for r in &panel.results {
        let applicant = who(r);
        if r.sources.is_empty() {
            return Err(AuditError::NoSources { applicant });
        }
        for hash in r.sources.iter().chain(&r.consensus_sheet) {
            if !counted.contains(hash.as_str()) {
                return Err(AuditError::SourceMissing {
                    applicant,
                    hash: hash.clone(),
                });
            }
        }
        let fw = &catalog
            .framework_by_hash(&r.framework_hash)
            .ok_or_else(|| AuditError::UnknownFramework {
                applicant: applicant.clone(),
                hash: r.framework_hash.clone(),
            })?
            .doc;
        let categories_match = fw.categories.len() == r.categories.len()
            && fw
                .categories
                .iter()
                .zip(&r.categories)
                .all(|(f, c)| f.code == c.code && f.points == c.points);
        let items_match = r
            .items
            .iter()
            .map(|i| (i.code.as_str(), i.points))
            .eq(fw.items().map(|(_, i)| (i.code.as_str(), i.points)));
        if !categories_match || !items_match {
            return Err(AuditError::Categories {
                applicant,
                framework: format!("{} {}", fw.id, fw.edition),
            });
        }
        for i in &r.items {
            let expected = stats::score(i.points, i.panel_percent);
            if i.panel_score != expected {
                return Err(AuditError::ItemScore {
                    applicant,
                    item: i.code.clone(),
                    stated: i.panel_score.to_string(),
                    expected: expected.to_string(),
                });
            }
        }
        for (fc, c) in fw.categories.iter().zip(&r.categories) {
            let sum: Decimal = r
                .items
                .iter()
                .filter(|i| fc.items.iter().any(|fi| fi.code == i.code))
                .map(|i| i.panel_score)
                .sum();
            if sum != c.score {
                return Err(AuditError::Category {
                    applicant,
                    category: c.code.clone(),
                    stated: c.score.to_string(),
                    sum: sum.normalize().to_string(),
                });
            }
        }
        let sum: Decimal = r.categories.iter().map(|c| c.score).sum();
        if sum != r.total {
            return Err(AuditError::Total {
                applicant,
                stated: r.total.to_string(),
                sum: sum.normalize().to_string(),
            });
        }
    }
    Ok(())
}

/// Runs the merge again over the signed roster and sheet copies (`(path, bytes)`) with the
/// stored method and threshold, and compares every result with the stored one. Returns how
/// many sheets it read.
pub fn recompute(
    panel: &PanelResult,
    roster_bytes: &[u8],
    sheets: Vec<(String, Vec<u8>)>,
    catalog: &Catalog,
) -> Result<usize, AuditError> {
    let roster = verify_roster(roster_bytes)
        .map_err(|e| AuditError::Roster(e.to_string()))?
        .roster;
    let count = sheets.len();
    let again = merge(sheets, &roster, catalog, &recompute_options(panel));
    compare(panel, &again)?;
    Ok(count)
}

/// [`recompute`] for a merge against a round: the folder's `round.json` instead of the roster.
pub fn recompute_round(
    panel: &PanelResult,
    round_bytes: &[u8],
    sheets: Vec<(String, Vec<u8>)>,
    catalog: &Catalog,
) -> Result<usize, AuditError> {
    let round =
        crate::round::verify_round(round_bytes).map_err(|e| AuditError::Roster(e.to_string()))?;
    let count = sheets.len();
    let again = super::merge::merge_round(sheets, &round, catalog, &recompute_options(panel), None);
    compare(panel, &again)?;
    Ok(count)
}

fn recompute_options(panel: &PanelResult) -> MergeOptions {
    // The folder holds only the sheets the merge used; a draft among them was counted with
    // --include-drafts.
    MergeOptions {
        method: panel.method,
        threshold: panel.divergence_threshold,
        include_drafts: true,
        min_total: panel.min_total,
        created_at: panel.created_at.clone(),
    }
}

/// Every stored result must be the recomputed one, and none left out.
fn compare(panel: &PanelResult, again: &PanelResult) -> Result<(), AuditError> {
    for stored in &panel.results {
        let applicant = who(stored);
        let Some(fresh) = again.results.iter().find(|f| {
            f.applicant_id == stored.applicant_id
                && f.track == stored.track
                && f.stage == stored.stage
        }) else {
            return Err(AuditError::NotRecomputed { applicant });
        };
        if let Some((what, stated, recomputed)) = first_difference(stored, fresh) {
            return Err(AuditError::Differs {
                applicant,
                what,
                stated,
                recomputed,
            });
        }
    }
    if let Some(extra) = again.results.iter().find(|f| {
        !panel
            .results
            .iter()
            .any(|s| s.applicant_id == f.applicant_id && s.track == f.track && s.stage == f.stage)
    }) {
        return Err(AuditError::LeftOut {
            applicant: who(extra),
        });
    }
    Ok(())
}

/// The first field, most telling first, in which two results differ.
fn first_difference(
    stored: &ApplicantResult,
    fresh: &ApplicantResult,
) -> Option<(String, String, String)> {
    if stored.total != fresh.total {
        return Some((
            "the total".into(),
            stored.total.to_string(),
            fresh.total.to_string(),
        ));
    }
    for (s, f) in stored.categories.iter().zip(&fresh.categories) {
        if s != f {
            return Some((
                format!("category {}", f.code),
                s.score.to_string(),
                f.score.to_string(),
            ));
        }
    }
    for (s, f) in stored.items.iter().zip(&fresh.items) {
        if s != f {
            return Some((
                format!("item {}", f.code),
                s.panel_percent.to_string(),
                f.panel_percent.to_string(),
            ));
        }
    }
    if stored == fresh {
        return None;
    }
    let text = |r: &ApplicantResult| {
        format!(
            "{} {} {:?} {:?} {:?}",
            r.applicant_name, r.framework_hash, r.reviewers, r.sources, r.consensus_sheet
        )
    };
    Some((
        "the result's other fields".into(),
        text(stored),
        text(fresh),
    ))
}
