//! The content of a signed score sheet (评分表): everything one reviewer says about one applicant
//! in one stage, plus what is needed to check it without the reviewer's laptop. How it is
//! canonicalised and signed is in `sheet::sign` and `docs/sheet-format.md`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ids::{ApplicantId, RoundId};
use crate::program::ApplicantKind;
use crate::review::{Comment, ConflictDeclaration, SiteIssue, Stage, Verdict};

/// The format name carried in every sheet.
pub const SHEET_FORMAT: &str = "scorebook-sheet";
/// The format version this build writes and the highest it reads. Version 2 adds the `round`
/// member (docs/sheet-format.md §10).
pub const SHEET_FORMAT_VERSION: u32 = 2;
/// The oldest format version this build still reads and verifies: version 1 sheets (before
/// rounds) keep counting, so a panel's earlier work is never lost.
pub const SHEET_FORMAT_OLDEST: u32 = 1;

/// What a signed document is. Bound into what is signed, so one kind never verifies as another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// One reviewer's sheet.
    ScoreSheet,
    /// The panel's agreed sheet (合议), listing the sheets it was built from.
    ConsensusSheet,
    /// The panel roster (评审组名单): members' names and public keys, signed by the group leader.
    Roster,
    /// The round (评审轮次): applicants, panel and stages, signed by the group leader
    /// (`round::model`, docs/round-format.md).
    Round,
    /// A reviewer's recusal record (回避声明) for one applicant of a round
    /// (`sheet::recusal`), counted by the leader's merge.
    Recusal,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 5] = [
        DocumentKind::ScoreSheet,
        DocumentKind::ConsensusSheet,
        DocumentKind::Roster,
        DocumentKind::Round,
        DocumentKind::Recusal,
    ];

    /// A score sheet of either kind (not a roster, round or recusal record).
    pub fn is_sheet(self) -> bool {
        matches!(
            self,
            DocumentKind::ScoreSheet | DocumentKind::ConsensusSheet
        )
    }

    /// The kind's stable name, as the payload's `kind` member and `verify --json` write it.
    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::ScoreSheet => "score-sheet",
            DocumentKind::ConsensusSheet => "consensus-sheet",
            DocumentKind::Roster => "roster",
            DocumentKind::Round => "round",
            DocumentKind::Recusal => "recusal",
        }
    }

    /// The envelope's `payload_type`, bound into every signature.
    pub fn payload_type(self) -> &'static str {
        match self {
            DocumentKind::ScoreSheet => "application/vnd.scorebook.score-sheet+json",
            DocumentKind::ConsensusSheet => "application/vnd.scorebook.consensus-sheet+json",
            DocumentKind::Roster => "application/vnd.scorebook.roster+json",
            DocumentKind::Round => "application/vnd.scorebook.round+json",
            DocumentKind::Recusal => "application/vnd.scorebook.recusal+json",
        }
    }

    pub fn from_payload_type(payload_type: &str) -> Option<DocumentKind> {
        DocumentKind::ALL
            .into_iter()
            .find(|k| k.payload_type() == payload_type)
    }
}

/// Serialised by hand (below) so that the `round` member is written exactly when the format
/// has it: always in version 2 (`null` for an applicant added on the laptop), never in
/// version 1.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    /// Always [`SHEET_FORMAT`].
    pub format: String,
    pub format_version: u32,
    pub kind: DocumentKind,
    /// Random id of this sheet (32 hex digits).
    pub sheet_id: String,
    /// Rises by one with each export of the same (reviewer, applicant, stage).
    pub version: u32,
    /// An incomplete review exported with `--draft`.
    pub draft: bool,
    /// RFC 3339 time of export.
    pub created_at: String,
    pub program: DocRef,
    /// The round (评审轮次) the applicant was imported from, `None` for one added by hand on the
    /// laptop (本机添加). Format 2 only: a version 1 sheet has no such member.
    #[serde(default)]
    pub round: Option<RoundRef>,
    pub track: String,
    /// The applicant as the round names it: office number (申报编号) and name.
    pub applicant: ApplicantRef,
    pub stage: Stage,
    pub reviewer: ReviewerRef,
    pub conflict: ConflictDeclaration,
    pub framework: DocRef,
    pub key_factors: Vec<String>,
    pub eligibility: Vec<EligibilityEntry>,
    pub items: Vec<SheetItem>,
    pub categories: Vec<CategoryTotal>,
    /// Sum of the item scores, exact, as a string.
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    /// For a consensus sheet: SHA-256 (hex) of each sheet file it was built from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

impl Sheet {
    /// Whether this sheet's format version has the `round` member (version 2 on).
    pub fn has_round_member(&self) -> bool {
        self.format_version >= 2
    }
}

impl Serialize for Sheet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // A version 1 sheet that somehow carries a round still writes it, so the verifier
        // refuses it rather than the round being dropped without a word.
        let with_round = self.has_round_member() || self.round.is_some();
        let with_sources = !self.sources.is_empty();
        let len = 19 + usize::from(with_round) + usize::from(with_sources);
        let mut st = serializer.serialize_struct("Sheet", len)?;
        st.serialize_field("format", &self.format)?;
        st.serialize_field("format_version", &self.format_version)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("sheet_id", &self.sheet_id)?;
        st.serialize_field("version", &self.version)?;
        st.serialize_field("draft", &self.draft)?;
        st.serialize_field("created_at", &self.created_at)?;
        st.serialize_field("program", &self.program)?;
        if with_round {
            st.serialize_field("round", &self.round)?;
        } else {
            st.skip_field("round")?;
        }
        st.serialize_field("track", &self.track)?;
        st.serialize_field("applicant", &self.applicant)?;
        st.serialize_field("stage", &self.stage)?;
        st.serialize_field("reviewer", &self.reviewer)?;
        st.serialize_field("conflict", &self.conflict)?;
        st.serialize_field("framework", &self.framework)?;
        st.serialize_field("key_factors", &self.key_factors)?;
        st.serialize_field("eligibility", &self.eligibility)?;
        st.serialize_field("items", &self.items)?;
        st.serialize_field("categories", &self.categories)?;
        st.serialize_field("total", &DecimalStr(&self.total))?;
        if with_sources {
            st.serialize_field("sources", &self.sources)?;
        } else {
            st.skip_field("sources")?;
        }
        st.end()
    }
}

/// A decimal written as its string, as `rust_decimal::serde::str` does for the derive.
struct DecimalStr<'a>(&'a Decimal);

impl Serialize for DecimalStr<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::str::serialize(self.0, serializer)
    }
}

/// The round a sheet or recusal record belongs to (sheet format 2): the round's id, the
/// version the reviewer had imported, and the SHA-256 of that round file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundRef {
    pub id: RoundId,
    pub version: u32,
    pub hash: String,
}

/// A reference to a framework or programme edition by id, edition and content hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocRef {
    pub id: String,
    pub edition: String,
    /// SHA-256 (hex) of the canonical content.
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicantRef {
    /// 申报编号
    pub id: ApplicantId,
    pub name: String,
    pub kind: ApplicantKind,
}

/// Who signed: name and Ed25519 public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewerRef {
    pub name: String,
    /// Ed25519 public key, 32 bytes, lowercase hex.
    pub public_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityEntry {
    pub condition: String,
    pub verdict: Option<Verdict>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetItem {
    pub code: String,
    pub points: u32,
    /// None only in a draft.
    pub percent: Option<u8>,
    /// points × percent / 100, exact, as a string.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub score: Option<Decimal>,
    /// The band the percent falls in, e.g. `50-65`.
    pub band: Option<String>,
    pub strengths: Vec<Comment>,
    pub ofis: Vec<Comment>,
    pub site_issues: Vec<SiteIssue>,
    /// For a consensus sheet: why the panel agreed this percent.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rationale: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryTotal {
    pub code: String,
    pub points: u32,
    #[serde(with = "rust_decimal::serde::str")]
    pub score: Decimal,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_codes_are_the_serialised_names() {
        for kind in DocumentKind::ALL {
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::Value::from(kind.code())
            );
        }
    }
}
