//! The group leader's side as data: the roster, and the result of merging a panel's sheets
//! (统计、分歧、合议、排序). `panel.json` is this type serialised; see docs/panel-format.md.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::program::ApplicantKind;
use crate::review::Stage;
use crate::sheet::{CategoryTotal, Sheet};

/// A member's role on the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 评审组长 — answers for the panel (第九条), signs the roster and the consensus sheet.
    Leader,
    /// 评审专家
    Member,
    /// 见习评审员 — shadow reviewer: shown everywhere, never counted.
    Trainee,
}

/// One panel member as the roster lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterMember {
    pub name: String,
    /// Ed25519 public key, lowercase hex.
    pub public_key: String,
    pub fingerprint: String,
    pub role: Role,
}

/// The panel roster (评审组名单) for one programme round, signed by the leader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    pub format: String,
    pub format_version: u32,
    pub program: String,
    /// The round (届), e.g. `2025`.
    pub round: String,
    pub members: Vec<RosterMember>,
    pub created_at: String,
}

/// How the panel score of an item is formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// The agreed percents (合议), where present; else the median.
    #[default]
    Consensus,
    Mean,
    Median,
    /// Drop one highest and one lowest when n ≥ 5; plain mean below that.
    TrimmedMean,
}

/// Why a sheet was left out of the merge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Exclusion {
    Invalid {
        detail: String,
        /// The fault's stable machine name (`VerifyError::code`, as `verify --json` prints
        /// it), when the sheet checks found it; absent in panel files written before.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        code: Option<String>,
        /// `detail` in Chinese, when known, so the interface can speak zh.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail_zh: Option<String>,
    },
    NotInRoster,
    Draft,
    Conflict {
        relationship: String,
    },
    /// An older version of the same (reviewer, applicant, stage).
    Superseded {
        by_version: u32,
    },
    /// Two different sheets claim the same version.
    DuplicateVersion {
        other: String,
    },
    /// Scored on another framework edition than the rest of the panel for this applicant.
    FrameworkMismatch {
        hash: String,
    },
    OtherProgram {
        program: String,
    },
    NotASheet {
        detail: String,
        /// The fault's stable machine name (`VerifyError::code`, as `verify --json` prints
        /// it), when the sheet checks found it; absent in panel files written before.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        code: Option<String>,
        /// `detail` in Chinese, when known, so the interface can speak zh.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail_zh: Option<String>,
    },
    /// The same file (same SHA-256) given again; the first path counts.
    SameFile {
        first: String,
    },
    /// A consensus sheet signed by a member who is not a leader of the roster.
    NotLeader,
    /// A consensus sheet built from other sheets than the merge now counts (a newer version
    /// arrived, or a source is missing): agree again.
    StaleConsensus {
        detail: String,
        /// `detail` in Chinese; absent in panel files written before it was added.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail_zh: Option<String>,
    },
}

/// An input file and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputSheet {
    pub path: String,
    /// SHA-256 hex of the file bytes.
    pub hash: String,
    pub reviewer: Option<String>,
    pub applicant: Option<String>,
    pub stage: Option<Stage>,
    pub version: Option<u32>,
    /// None when the sheet counts.
    pub excluded: Option<Exclusion>,
}

/// One reviewer's percent for an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewerPercent {
    pub reviewer: String,
    pub role: Role,
    pub percent: Option<u8>,
}

/// Statistics of one item over the counted reviewers, exact decimals (as strings in JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemStats {
    pub code: String,
    pub points: u32,
    pub percents: Vec<ReviewerPercent>,
    pub n: u32,
    #[serde(with = "rust_decimal::serde::str")]
    pub mean: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub median: Decimal,
    pub min: u8,
    pub max: u8,
    /// max − min, percentage points.
    pub spread: u8,
    #[serde(with = "rust_decimal::serde::str")]
    pub std_dev: Decimal,
    pub divergent: bool,
    /// The agreed percent, when a consensus sheet gives one.
    pub consensus: Option<u8>,
    /// The percent the chosen method gives.
    #[serde(with = "rust_decimal::serde::str")]
    pub panel_percent: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub panel_score: Decimal,
}

/// The merged result for one applicant in one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicantResult {
    pub applicant_id: String,
    pub applicant_name: String,
    pub kind: ApplicantKind,
    pub track: String,
    pub stage: Stage,
    pub framework_hash: String,
    pub reviewers: Vec<String>,
    pub items: Vec<ItemStats>,
    /// Divergent items first, by spread × points, descending.
    pub agenda: Vec<String>,
    pub categories: Vec<CategoryTotal>,
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    /// SHA-256 of each score sheet used (counted and trainee), in `reviewers` order: what a
    /// consensus sheet for this applicant must list as its `sources`.
    #[serde(default)]
    pub sources: Vec<String>,
    /// SHA-256 of the consensus sheet whose agreed percents were used, if any.
    #[serde(default)]
    pub consensus_sheet: Option<String>,
}

/// A place in a track's ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankEntry {
    pub applicant_id: String,
    /// 1-based; tied applicants share a rank.
    pub rank: u32,
    pub tied: bool,
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    /// The award proposed (track's award id), if any.
    pub proposed_award: Option<String>,
    /// Why not proposed, when it is not (quota full, below minimum, tie at the quota edge, …).
    pub note: String,
}

/// Everything a merge produces: `panel.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PanelResult {
    pub format: String,
    pub format_version: u32,
    pub program: String,
    pub round: String,
    pub method: Method,
    pub divergence_threshold: u8,
    pub created_at: String,
    pub inputs: Vec<InputSheet>,
    pub results: Vec<ApplicantResult>,
    /// By track id.
    pub ranking: BTreeMap<String, Vec<RankEntry>>,
    /// The counted sheets, kept for reports (strengths and OFIs side by side).
    #[serde(skip)]
    pub sheets: Vec<Sheet>,
}

impl Exclusion {
    /// Invalid for a reason the sheet checks do not name (no code, no Chinese).
    pub fn invalid(detail: impl Into<String>) -> Exclusion {
        Exclusion::Invalid {
            detail: detail.into(),
            code: None,
            detail_zh: None,
        }
    }

    /// Not a sheet, for a reason the sheet checks do not name.
    pub fn not_a_sheet(detail: impl Into<String>) -> Exclusion {
        Exclusion::NotASheet {
            detail: detail.into(),
            code: None,
            detail_zh: None,
        }
    }

    /// The recorded detail in `lang`: the English one when no Chinese was recorded (older
    /// panel files). None for the exclusions whose reason is all in their kind.
    pub fn detail_in(&self, lang: crate::lang::Lang) -> Option<&str> {
        match self {
            Exclusion::Invalid {
                detail, detail_zh, ..
            }
            | Exclusion::NotASheet {
                detail, detail_zh, ..
            }
            | Exclusion::StaleConsensus { detail, detail_zh } => Some(match (lang, detail_zh) {
                (crate::lang::Lang::Zh, Some(zh)) => zh,
                _ => detail,
            }),
            _ => None,
        }
    }
}
