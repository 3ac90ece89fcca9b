//! The recusal record (回避声明): a reviewer's signed statement that they have a relationship
//! with one applicant of a round and do not score it (measures 第十四条). It is its own document
//! kind, so it never verifies as a sheet; the leader's merge counts it in the coverage table.
//! The format: `docs/sheet-format.md` (recusal records).

use serde::{Deserialize, Serialize};

use super::model::{ApplicantRef, DocRef, DocumentKind, ReviewerRef, RoundRef};

/// The format name carried in every recusal record.
pub const RECUSAL_FORMAT: &str = "scorebook-recusal";
/// The format version this build writes and the highest it reads.
pub const RECUSAL_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recusal {
    /// Always [`RECUSAL_FORMAT`].
    pub format: String,
    pub format_version: u32,
    /// Always [`DocumentKind::Recusal`].
    pub kind: DocumentKind,
    /// Random id of this record (32 hex digits).
    pub record_id: String,
    /// RFC 3339 time of export.
    pub created_at: String,
    pub program: DocRef,
    /// The round the applicant belongs to (a recusal outside a round has no one to count it).
    pub round: RoundRef,
    /// The applicant; `id` is the office number (申报编号).
    pub applicant: ApplicantRef,
    pub reviewer: ReviewerRef,
    /// The stated relationship (利害关系), e.g. 曾为其提供辅导.
    pub relationship: String,
    /// RFC 3339 time the conflict was declared in the reviewer's workspace.
    pub declared_at: String,
}
