//! What a merge against a round (评审轮次) adds to `panel.json`: the **coverage table**
//! (applicant × member × stage → signed sheet / draft / recused / refused / missing), the
//! recusal records (回避声明) among the inputs, and the proposed **site-review shortlist**
//! (现场评审名单建议, 第十八条(三): chosen 好中选优 from the document review).
//!
//! The shortlist is a proposal to the panel, never an award: proposed awards (获奖建议) come
//! only from the site stage (第十八条(三)–(六)). A stage in which an applicant has fewer
//! counted sheets than members who are not recused is *short*, and every report says so.
//! Pure data and arithmetic; the merge fills it (`panel::round`).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::identity::Role;
use crate::ids::ApplicantId;
use crate::program::{Program, RankingPolicy};
use crate::review::Stage;

use super::model::{ApplicantResult, Exclusion};

/// A recusal record (回避声明) given among the merge's inputs, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputRecusal {
    pub path: String,
    /// SHA-256 hex of the file bytes.
    pub hash: String,
    /// The member's name as the round spells it (the record's own name when not on the panel).
    pub reviewer: Option<String>,
    /// The application number (申报编号).
    pub applicant: Option<String>,
    /// The stated relationship (利害关系).
    pub relationship: Option<String>,
    /// None when the record counts.
    pub excluded: Option<Exclusion>,
}

/// A column of the coverage table: a member of the round's panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageMember {
    pub name: String,
    pub fingerprint: String,
    pub role: Role,
}

/// One applicant in one stage: what each member's sheet came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageRow {
    /// The application number (申报编号).
    pub applicant_id: ApplicantId,
    /// The name as the round registers it.
    pub applicant_name: String,
    pub track: String,
    pub stage: Stage,
    /// One per member, in the order of [`Coverage::members`].
    pub cells: Vec<Cell>,
    /// Counted score sheets of leaders and members (trainees are shown, never counted).
    pub counted: u32,
    /// Leaders and members who are not recused: the sheets this stage should have.
    pub expected: u32,
}

impl CoverageRow {
    /// Fewer counted sheets than members who are not recused.
    pub fn is_short(&self) -> bool {
        self.counted < self.expected
    }
}

/// What one member's sheet for one applicant and stage came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Cell {
    /// A signed sheet of this version counts.
    Signed { version: u32 },
    /// A draft of this version: counted only with `--include-drafts`.
    Draft { version: u32, counted: bool },
    /// The member does not score this applicant.
    Recused { by: RecusedBy },
    /// A sheet arrived and was refused; `code` is the exclusion's stable name.
    Refused { version: u32, code: String },
    /// Nothing arrived.
    Missing,
}

impl Cell {
    /// Whether the cell is a sheet the merge counts.
    pub fn is_counted(&self) -> bool {
        matches!(
            self,
            Cell::Signed { .. } | Cell::Draft { counted: true, .. }
        )
    }

    /// Which of two findings for one cell stands: a recusal outweighs a sheet, a counted
    /// sheet a draft, a draft a refused sheet; within one kind the higher version, then (so
    /// that the order of the inputs never matters) a fixed order of the reasons.
    pub(crate) fn weight(&self) -> (u8, u32, u8, &str) {
        match self {
            Cell::Recused { by } => match by {
                RecusedBy::Record { path } => (4, 0, 2, path),
                RecusedBy::Sheet { relationship } => (4, 0, 1, relationship),
                RecusedBy::Coach => (4, 0, 0, ""),
            },
            Cell::Signed { version } => (3, *version, 1, ""),
            Cell::Draft {
                version,
                counted: true,
            } => (3, *version, 0, ""),
            Cell::Draft { version, .. } => (2, *version, 0, ""),
            Cell::Refused { version, code } => (1, *version, 0, code),
            Cell::Missing => (0, 0, 0, ""),
        }
    }
}

/// Why a member does not score an applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum RecusedBy {
    /// A counted recusal record among the inputs (its path).
    Record { path: String },
    /// The member's newest sheet declares 有利害关系.
    Sheet { relationship: String },
    /// The round registers the member as the applicant's coaching expert (第十四条).
    Coach,
}

/// The coverage table of a merge against a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    pub members: Vec<CoverageMember>,
    /// Document review in the round's order, then the site review for the shortlisted.
    pub rows: Vec<CoverageRow>,
}

impl Coverage {
    /// The rows with fewer counted sheets than members who are not recused.
    pub fn short_rows(&self) -> impl Iterator<Item = &CoverageRow> {
        self.rows.iter().filter(|r| r.is_short())
    }

    /// (row, member) of every cell a leader or member still owes: missing, refused or an
    /// uncounted draft.
    pub fn owed(&self) -> impl Iterator<Item = (&CoverageRow, &CoverageMember, &Cell)> {
        self.rows.iter().flat_map(move |r| {
            r.cells
                .iter()
                .zip(&self.members)
                .filter(|(c, m)| {
                    m.role != Role::Trainee
                        && matches!(
                            c,
                            Cell::Missing
                                | Cell::Refused { .. }
                                | Cell::Draft { counted: false, .. }
                        )
                })
                .map(move |(c, m)| (r, m, c))
        })
    }

    /// The row of an applicant in a stage.
    pub fn row(&self, applicant: &str, stage: Stage) -> Option<&CoverageRow> {
        self.rows
            .iter()
            .find(|r| r.applicant_id == applicant && r.stage == stage)
    }
}

/// A place on the proposed site-review shortlist of a track.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShortlistEntry {
    pub applicant_id: ApplicantId,
    pub applicant_name: String,
    /// 1-based competition rank by document-review total; tied applicants share it.
    pub rank: u32,
    pub tied: bool,
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    /// Proposed for the site review.
    pub proposed: bool,
    pub note: Option<ShortlistNote>,
    /// Counted sheets and expected sheets in the document review (short when fewer).
    pub counted: u32,
    pub expected: u32,
}

/// Why an entry is or is not proposed, where the rank alone does not say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "note", rename_all = "snake_case")]
pub enum ShortlistNote {
    /// Tied at the cut: every tied applicant is proposed, so the list is longer than `places`.
    TieAtCut { tied: usize, places: u32 },
    /// Ranked below the cut of `places`.
    BeyondCut { places: u32 },
}

/// How many places the shortlist of `track` has when the leader does not say: the award
/// places its applicants compete for in the programme (the track's quota, or under one pool
/// the quotas of every track of the same kind of applicant); None (everyone ranked) when the
/// programme or the track is unknown or a quota is negative.
pub fn default_places(program: Option<&Program>, track: &str) -> Option<u32> {
    let program = program?;
    let t = program.track(track)?;
    let quotas: Vec<i64> = match program.ranking_policy() {
        RankingPolicy::PerTrack => vec![t.quota],
        RankingPolicy::OnePool => program
            .tracks
            .iter()
            .filter(|o| o.applicant_kind == t.applicant_kind)
            .map(|o| o.quota)
            .collect(),
    };
    if quotas.iter().any(|q| *q < 0) {
        return None;
    }
    u32::try_from(quotas.iter().sum::<i64>()).ok()
}

/// The proposed shortlist per track from the document-review results: ranked by total,
/// highest first (ties share a rank, competition style), the first `places` proposed
/// (`places` = `fixed`, else [`default_places`], else everyone). A tie straddling the cut is
/// not broken: all of it is proposed, with a note.
pub fn shortlist(
    results: &[ApplicantResult],
    coverage: Option<&Coverage>,
    program: Option<&Program>,
    fixed: Option<u32>,
) -> BTreeMap<String, Vec<ShortlistEntry>> {
    let mut by_track: BTreeMap<String, Vec<&ApplicantResult>> = BTreeMap::new();
    for r in results.iter().filter(|r| r.stage == Stage::DocumentReview) {
        by_track.entry(r.track.clone()).or_default().push(r);
    }
    let mut out = BTreeMap::new();
    for (track, mut list) in by_track {
        list.sort_by(|a, b| {
            b.total
                .cmp(&a.total)
                .then_with(|| a.applicant_id.cmp(&b.applicant_id))
        });
        let places = fixed.or_else(|| default_places(program, &track));
        let mut entries: Vec<ShortlistEntry> = Vec::with_capacity(list.len());
        let mut i = 0;
        while i < list.len() {
            let same = list[i..]
                .iter()
                .take_while(|r| r.total == list[i].total)
                .count();
            let rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let starts_inside = places.is_none_or(|p| (i as u64) < u64::from(p));
            let straddles = places.is_some_and(|p| ((i + same) as u64) > u64::from(p));
            for r in &list[i..i + same] {
                let (counted, expected) = coverage
                    .and_then(|c| c.row(&r.applicant_id, Stage::DocumentReview))
                    .map_or((0, 0), |row| (row.counted, row.expected));
                let note = match places {
                    Some(p) if !starts_inside => Some(ShortlistNote::BeyondCut { places: p }),
                    Some(p) if straddles => Some(ShortlistNote::TieAtCut {
                        tied: same,
                        places: p,
                    }),
                    _ => None,
                };
                entries.push(ShortlistEntry {
                    applicant_id: r.applicant_id.clone(),
                    applicant_name: r.applicant_name.clone(),
                    rank,
                    tied: same > 1,
                    total: r.total,
                    proposed: starts_inside,
                    note,
                    counted,
                    expected,
                });
            }
            i += same;
        }
        out.insert(track, entries);
    }
    out
}
