//! The group leader's side as data: the roster, and the result of merging a panel's sheets
//! (统计、分歧、合议、排序). `panel.json` is this type serialised; see docs/panel-format.md.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ids::{ApplicantId, RoundId};
use crate::program::ApplicantKind;
use crate::review::Stage;
use crate::sheet::{CategoryTotal, RoundRef, Sheet};

pub use super::coverage::{
    Cell, Coverage, CoverageMember, CoverageRow, InputRecusal, RecusedBy, ShortlistEntry,
    ShortlistNote,
};

pub use crate::identity::Role;

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

/// Why a sheet was left out of the merge: a typed reason with its fields. Readers word it
/// (`crate::i18n::reason`); `panel.json` carries no sentences (format version 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Exclusion {
    /// A file that is a sheet but fails a check.
    Invalid {
        /// The fault's stable machine name ([`Fault::code`], as `verify --json` prints it).
        code: String,
        fault: Fault,
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
    /// Not a sheet at all (not JSON, not a signed document, a roster, too large, …).
    NotASheet {
        code: String,
        fault: Fault,
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
        stale: Stale,
    },
    // Against a round (评审轮次, `scorebook merge --round`): the sheet must belong to it.
    /// No round at all: a local applicant's sheet (added by hand) or a sheet of format 1.
    NoRound,
    /// Made for another round (another `round_id`).
    OtherRound {
        round_id: RoundId,
    },
    /// Names the round's id and version, but another file than the leader's round of that
    /// version: not the round the leader signed.
    RoundFileDiffers {
        version: u32,
    },
    /// Made with a newer version of the round than the one given to the merge: merge with
    /// the newest round file.
    NewerRound {
        version: u32,
        current: u32,
    },
    /// The application number (申报编号) is not in the round.
    NotInRound {
        number: ApplicantId,
    },
    /// The applicant's name differs from the round's. `round_version` is the version the sheet
    /// was made with: when it is older than the merge's, the round has renamed the applicant
    /// since and the reviewer re-exports after importing the update.
    NameDiffers {
        name: String,
        expected: String,
        round_version: u32,
        current: u32,
    },
    /// The award track differs from the round's (as [`Exclusion::NameDiffers`]).
    TrackDiffers {
        track: String,
        expected: String,
        round_version: u32,
        current: u32,
    },
    /// Signed by a key that is not on the round's panel.
    NotOnPanel,
    /// The applicant is not in this stage of the round: for the site stage, not on the
    /// site-review shortlist (现场评审名单, 第十八条(三)).
    NotInStage {
        stage: Stage,
    },
    /// The reviewer's recusal record (回避声明) for this applicant outweighs the sheet.
    Recused {
        /// The recusal record's path among the inputs.
        record: String,
    },
    /// The reviewer is registered as this applicant's coaching expert (指导专家) and must
    /// recuse (第十四条).
    CoachingExpert,
    /// A consensus sheet for an applicant the round names an acting leader (代理组长) for, not
    /// signed by that acting leader: the leader is recused from it (第二十一条).
    NotActingLeader,
}

/// What the checks found wrong with an input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// What `scorebook verify` finds: its typed reason, fields included.
    Check(crate::sheet::VerifyError),
    /// The file could not be read (the operating system's message).
    Unreadable { error: String },
    /// A folder where a file was expected.
    Directory,
    /// The file starts with a UTF-8 byte order mark: an editor re-saved it, so these are not
    /// the bytes that were signed.
    Bom,
    /// A sheet sealed for transit that did not open here (sealed to another key, no key,
    /// damaged on the way).
    Sealed(crate::identity::vault::Unsealed),
}

impl Fault {
    /// The stable machine name, as `verify --json` prints it.
    pub fn code(&self) -> &'static str {
        match self {
            Fault::Check(e) => e.code(),
            Fault::Unreadable { .. } => "unreadable",
            Fault::Directory => "directory",
            Fault::Bom => "bom",
            Fault::Sealed(u) => u.code(),
        }
    }
}

/// Why a consensus sheet no longer applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Stale {
    /// Its sources differ from the score sheets the merge counts.
    OtherSources {
        /// Counted score sheets not among its sources.
        missing: usize,
        /// Sources the merge does not count.
        extra: usize,
    },
    /// No score sheet of its applicant and stage counts.
    NoScoreSheets,
}

/// An input file and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputSheet {
    pub path: String,
    /// SHA-256 hex of the file bytes.
    pub hash: String,
    pub reviewer: Option<String>,
    pub applicant: Option<ApplicantId>,
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
    pub applicant_id: ApplicantId,
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
    pub applicant_id: ApplicantId,
    /// 1-based; tied applicants share a rank.
    pub rank: u32,
    pub tied: bool,
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    /// The award proposed (track's award id), if any.
    pub proposed_award: Option<String>,
    /// Why not proposed, when it is not (quota full, below minimum, tie at the quota edge, …).
    pub note: Option<RankNote>,
}

/// Why an applicant is not proposed (or not ranked): a typed note for the award committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "note", rename_all = "snake_case")]
pub enum RankNote {
    /// The panel's programme is not in the catalog: nothing can be proposed.
    UnknownProgram { program: String },
    /// The track is not in the programme.
    UnknownTrack { track: String, program: String },
    /// The programme gives the track a negative quota: nothing proposed.
    InvalidQuota { track: String, quota: i64 },
    /// Already proposed for a higher award (nobody wins two).
    ProposedHigher { award: String },
    /// Below the minimum total: the place stays empty (第三条).
    BelowMinimum {
        #[serde(with = "rust_decimal::serde::str")]
        total: Decimal,
        #[serde(with = "rust_decimal::serde::str")]
        minimum: Decimal,
    },
    /// The quota is full.
    QuotaFull { quota: i64 },
    /// Ranked below a tie at the quota edge: the places left stay open.
    BelowTie,
    /// Tied at the quota edge with more applicants than places left: not broken here.
    TieAtQuotaEdge {
        tied: usize,
        #[serde(with = "rust_decimal::serde::str")]
        total: Decimal,
        places_left: u64,
    },
    /// Only sheets of an earlier stage than the one the track is ranked on.
    EarlierStageOnly { stage: Stage, ranked_on: Stage },
    /// Against a round, awards are proposed only from the site review (第十八条(三)–(六)):
    /// the document review gives the site-review shortlist instead.
    NoAwardBeforeSite,
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
    /// The minimum total the ranking applied (`--min-total`, 第三条): no total below it took
    /// a place. Absent when none was given, so files without it read as before.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rust_decimal::serde::str_option"
    )]
    pub min_total: Option<Decimal>,
    /// The round merged against (`merge --round`); None for a roster merge.
    #[serde(default)]
    pub round_file: Option<RoundRef>,
    /// The recusal records (回避声明) among the inputs, each counted or excluded.
    #[serde(default)]
    pub recusals: Vec<InputRecusal>,
    /// Applicant × member × stage → what arrived; only against a round (a roster does not
    /// list the applicants).
    #[serde(default)]
    pub coverage: Option<Coverage>,
    /// The proposed site-review shortlist (现场评审名单建议) by track, from a document-stage
    /// merge against a round that has not issued one. Never award winners.
    #[serde(default)]
    pub shortlist: Option<BTreeMap<String, Vec<ShortlistEntry>>>,
    /// 双向监督 (第二十二条): the applicants' returned feedback forms the leader entered in the
    /// merge folder (`supervision.json`), for the report to the office.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supervision: Vec<super::supervision::SupervisionRecord>,
    /// The counted sheets, kept for reports (strengths and OFIs side by side).
    #[serde(skip)]
    pub sheets: Vec<Sheet>,
}

impl PanelResult {
    /// 守纪情况 (第二十二条): the counted site-review score sheets that carry the reviewer's
    /// evaluation of the applicant's conduct, by applicant number, then reviewer.
    pub fn conduct_evaluations(&self) -> Vec<&Sheet> {
        let mut v: Vec<&Sheet> = self
            .sheets
            .iter()
            .filter(|s| s.stage == Stage::SiteReview && s.conduct.is_some())
            .collect();
        v.sort_by(|a, b| {
            (a.applicant.id.as_str(), a.reviewer.name.as_str())
                .cmp(&(b.applicant.id.as_str(), b.reviewer.name.as_str()))
        });
        v
    }
}

impl Exclusion {
    /// A sheet check's fault: `NotASheet` for files that are no sheet at all (empty, binary,
    /// not JSON, not a signed document, another kind of document), else `Invalid`.
    pub fn from_fault(fault: Fault) -> Exclusion {
        use crate::sheet::{EnvelopeError as E, VerifyError as V};
        let code = fault.code().to_string();
        let not_a_sheet = matches!(
            fault,
            Fault::Check(
                V::NotASheet(_) | V::Envelope(E::Empty | E::Binary | E::Json(_) | E::NotAnEnvelope)
            )
        );
        if not_a_sheet {
            Exclusion::NotASheet { code, fault }
        } else {
            Exclusion::Invalid { code, fault }
        }
    }
}

/// A `panel.json` of another format version than this build reads. Version 1 carried
/// sentences (`detail`, `detail_zh`, `中文 | English` notes) where version 2 has typed codes;
/// the folder's `sheets/` holds every input, so merging again rebuilds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("panel.json is format version {found}, this build reads version {expected}: merge again")]
pub struct OtherPanelVersion {
    pub found: u64,
    pub expected: u32,
}

/// Checks the format version of `panel.json` bytes before they are read in full, so that a
/// file of another version is refused with its reason rather than a field error. Bytes that
/// are not a JSON object with a numeric `format_version` pass: the full read words that fault.
pub fn check_panel_version(bytes: &[u8]) -> Result<(), OtherPanelVersion> {
    #[derive(Deserialize)]
    struct Head {
        format_version: u64,
    }
    let expected = super::merge::PANEL_FORMAT_VERSION;
    match serde_json::from_slice::<Head>(bytes) {
        Ok(h) if h.format_version != u64::from(expected) => Err(OtherPanelVersion {
            found: h.format_version,
            expected,
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canonical::CanonicalError;
    use crate::sheet::{EnvelopeError, VerifyError};

    /// panel.json keeps the typed reason, fields included, and reads it back the same.
    #[test]
    fn exclusions_and_notes_round_trip_as_codes_with_fields() {
        let exclusions = [
            Exclusion::from_fault(Fault::Check(VerifyError::Total {
                stated: "547.3".into(),
                expected: "550".into(),
            })),
            Exclusion::from_fault(Fault::Check(VerifyError::Envelope(EnvelopeError::Json(
                CanonicalError::NotCanonical {
                    offset: 9,
                    why: "keys not sorted".into(),
                },
            )))),
            Exclusion::from_fault(Fault::Check(VerifyError::Field("version".into()))),
            Exclusion::from_fault(Fault::Unreadable {
                error: "permission denied".into(),
            }),
            Exclusion::StaleConsensus {
                stale: Stale::OtherSources {
                    missing: 1,
                    extra: 0,
                },
            },
        ];
        for e in exclusions {
            let json = serde_json::to_string(&e).unwrap();
            assert!(!json.contains("detail"), "{json}");
            assert_eq!(
                serde_json::from_str::<Exclusion>(&json).unwrap(),
                e,
                "{json}"
            );
        }
        let total =
            serde_json::to_value(Exclusion::from_fault(Fault::Check(VerifyError::Draft))).unwrap();
        assert_eq!(
            total,
            serde_json::json!({"reason": "invalid", "code": "draft", "fault": {"check": "draft"}})
        );
        let note = RankNote::TieAtQuotaEdge {
            tied: 2,
            total: Decimal::new(7005, 1),
            places_left: 1,
        };
        let json = serde_json::to_value(&note).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"note": "tie_at_quota_edge", "tied": 2, "total": "700.5", "places_left": 1})
        );
        assert_eq!(serde_json::from_value::<RankNote>(json).unwrap(), note);
    }

    #[test]
    fn a_panel_file_of_another_version_is_refused_before_its_fields() {
        let v1 = br#"{"format": "scorebook-panel", "format_version": 1, "inputs": []}"#;
        assert_eq!(
            check_panel_version(v1),
            Err(OtherPanelVersion {
                found: 1,
                expected: super::super::merge::PANEL_FORMAT_VERSION
            })
        );
        let current = format!(
            r#"{{"format_version": {}}}"#,
            super::super::merge::PANEL_FORMAT_VERSION
        );
        assert_eq!(check_panel_version(current.as_bytes()), Ok(()));
        // Not JSON: left for the full read to name the fault.
        assert_eq!(check_panel_version(b"not json"), Ok(()));
    }
}
