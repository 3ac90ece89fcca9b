//! Why a review change was refused. A person reads `message(lang)`, worded in
//! `crate::i18n::review`; `Display` is the developer's English.

use crate::framework::PercentError;

use super::model::Stage;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// 未作回避声明 — scoring waits for the declaration.
    #[error("declare whether you have a conflict of interest with this applicant before scoring")]
    ConflictUndeclared,
    /// 已声明回避 — a declared conflict locks every review change.
    #[error("scoring is locked: you declared a conflict of interest ({relationship})")]
    ConflictLocked { relationship: String },
    #[error("a declared conflict of interest is on record and cannot be withdrawn")]
    ConflictIsFinal,
    #[error("state the relationship (e.g. coached them) to declare a conflict")]
    EmptyRelationship,
    #[error(transparent)]
    Percent(#[from] PercentError),
    #[error("item {0} is not in the framework")]
    UnknownItem(String),
    #[error("this review was scored on framework {review}, not {given}")]
    FrameworkMismatch { review: String, given: String },
    #[error("{0:?} has not started")]
    StageNotStarted(Stage),
    #[error("site review has already started")]
    SiteReviewStarted,
    /// Once site review starts, the document-review record is kept as it was.
    #[error("document review is closed: site review has started, edit the site-review scores")]
    DocumentReviewClosed,
    #[error("there is no {what} number {} (there are {len})", .index + 1)]
    NoSuchEntry {
        what: &'static str,
        index: usize,
        len: usize,
    },
    #[error("give item {0} a score before marking it done")]
    NotScored(String),
    #[error("site-visit issues are resolved during site review")]
    ResolveOnlyOnSite,
    /// 守纪情况 (第二十二条) is evaluated on the site visit, so only in site review.
    #[error("the applicant's conduct is recorded during site review")]
    ConductOnlyOnSite,
    /// 已核实 for a 澄清 issue, or 已澄清 for a 核实 one.
    #[error("that outcome belongs to the other kind of site-visit issue")]
    StatusOfOtherKind,
    #[error("eligibility condition '{0}' is not in the programme's checklist")]
    UnknownCondition(String),
    /// 不适用 on a condition that binds every applicant of its kind.
    #[error("eligibility condition '{0}' applies to every applicant: it cannot be not applicable")]
    NotApplicableRefused(String),
    /// 要求编号 a comment cites must be the item's own (4.2.3 has `2a`…`3b`).
    #[error("item {item} has no requirement {}: its requirements are {}", .refused.join(", "), .valid.join(", "))]
    UnknownRequirement {
        item: String,
        refused: Vec<String>,
        valid: Vec<String>,
    },
}
