//! One reviewer's work on one applicant: the applicant record, the conflict declaration,
//! key factors, eligibility answers and, per scored stage, a [`Review`] of every item.
//! Plain data; the rules over it live beside it in `review::*`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::framework::Percent;
use crate::ids::{ApplicantId, RoundId};

/// The stages in which a reviewer scores items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 资料评审 — document review of the written application.
    DocumentReview,
    /// 现场评审 — site review; starts from the document review's scores and comments.
    SiteReview,
}

impl Stage {
    /// The short name used on the command line: `document` / `site`.
    pub fn cli_name(self) -> &'static str {
        match self {
            Stage::DocumentReview => "document",
            Stage::SiteReview => "site",
        }
    }
}

/// An applicant as one reviewer sees it on their laptop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    /// Short id shown in the app and used on the command line, e.g. `A1`, or `示例` for the demo.
    pub id: ApplicantId,
    /// The applicant's name (organisation, or person and their achievement).
    pub name: String,
    /// Programme id, e.g. `jinshan-2023`.
    pub program: String,
    /// Track id within the programme; the framework follows from it.
    pub track: String,
    /// The demo applicant (示例): clearly marked, removable, never a real applicant.
    #[serde(default)]
    pub demo: bool,
    /// Where the applicant came from: a round file (the id is then the office number,
    /// 申报编号) or added by hand on this laptop (practice; refused by a merge against a round).
    #[serde(default)]
    pub origin: Origin,
    /// 回避声明 — must be made before scoring; a declared conflict locks scoring.
    pub conflict: ConflictDeclaration,
    /// 组织概述要点 — short statements from the applicant's profile.
    #[serde(default)]
    pub key_factors: Vec<String>,
    /// 资格审查 answers by condition id.
    #[serde(default)]
    pub eligibility: BTreeMap<String, EligibilityAnswer>,
    /// 资料评审
    pub document: Review,
    /// 现场评审, once started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<Review>,
    /// RFC 3339 time the applicant was added.
    pub created_at: String,
}

/// The conflict-of-interest declaration (回避声明, Jinshan 第十四、二十一条).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ConflictDeclaration {
    /// Not yet declared: scoring is not allowed until it is.
    Undeclared,
    /// 无利害关系
    NoConflict { declared_at: String },
    /// A stated relationship (e.g. 曾为其提供辅导): scoring locked, recorded on every sheet.
    Conflict {
        relationship: String,
        declared_at: String,
    },
}

impl ConflictDeclaration {
    /// Scoring is allowed only after declaring no conflict.
    pub fn allows_scoring(&self) -> bool {
        matches!(self, ConflictDeclaration::NoConflict { .. })
    }
}

/// Where an applicant came from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Origin {
    /// Added by hand on this laptop (本机添加): practice, or a workspace from before rounds.
    #[default]
    Local,
    /// Imported from a round file (评审轮次): the round's id, the version last imported and
    /// the SHA-256 of that file. The applicant's id is its office number.
    Round {
        round_id: RoundId,
        round_version: u32,
        round_hash: String,
    },
}

/// An answer to one eligibility condition.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityAnswer {
    pub verdict: Option<Verdict>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// 符合
    Met,
    /// 不符合
    NotMet,
    /// 待核实
    Unclear,
    /// 不适用: only where the condition says when it applies (`applies_if`, 第十六条(五)).
    NotApplicable,
}

/// One reviewer's scoring of one applicant in one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub stage: Stage,
    /// Framework id and content hash the review was scored on.
    pub framework: String,
    pub framework_hash: String,
    /// By item code; an item not present has not been touched.
    #[serde(default)]
    pub items: BTreeMap<String, ItemReview>,
}

/// The reviewer's work on one item.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemReview {
    pub percent: Option<Percent>,
    /// 优势
    #[serde(default)]
    pub strengths: Vec<Comment>,
    /// 改进机会
    #[serde(default)]
    pub ofis: Vec<Comment>,
    /// 现场核实要点 / 现场澄清要点 — planned in document review, resolved on site.
    #[serde(default)]
    pub site_issues: Vec<SiteIssue>,
    /// The reviewer marked the item done (评完).
    #[serde(default)]
    pub done: bool,
}

/// A strength or an OFI.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    pub text: String,
    /// Requirement-point labels it addresses, e.g. `a`, `c`.
    #[serde(default)]
    pub requirements: Vec<String>,
    /// Evidence reference, e.g. 申报材料第12页 / 图3-2.
    #[serde(default)]
    pub evidence: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteIssueKind {
    /// 核实 — confirm a claimed strength or deployment.
    Verify,
    /// 澄清 — clarify something unclear or missing.
    Clarify,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteIssueStatus {
    #[default]
    Open,
    /// 已核实
    Verified,
    /// 未证实
    NotConfirmed,
    /// 已澄清
    Clarified,
}

/// A site-visit issue (现场核实要点 or 现场澄清要点) for an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteIssue {
    pub kind: SiteIssueKind,
    pub text: String,
    #[serde(default)]
    pub status: SiteIssueStatus,
    #[serde(default)]
    pub note: String,
}

impl Applicant {
    pub fn review(&self, stage: Stage) -> Option<&Review> {
        match stage {
            Stage::DocumentReview => Some(&self.document),
            Stage::SiteReview => self.site.as_ref(),
        }
    }

    pub fn review_mut(&mut self, stage: Stage) -> Option<&mut Review> {
        match stage {
            Stage::DocumentReview => Some(&mut self.document),
            Stage::SiteReview => self.site.as_mut(),
        }
    }

    /// The stage the reviewer is working in now: site review once started.
    pub fn current_stage(&self) -> Stage {
        if self.site.is_some() {
            Stage::SiteReview
        } else {
            Stage::DocumentReview
        }
    }
}

impl Review {
    pub fn new(stage: Stage, framework: &str, framework_hash: &str) -> Review {
        Review {
            stage,
            framework: framework.to_string(),
            framework_hash: framework_hash.to_string(),
            items: BTreeMap::new(),
        }
    }

    pub fn percent(&self, item: &str) -> Option<Percent> {
        self.items.get(item).and_then(|i| i.percent)
    }
}

/// A value in an applicant file that the app never writes, found when the file is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueProblem {
    /// A percent above 100 (a hand edit, or a bit flipped on the way).
    PercentAbove100 {
        stage: Stage,
        item: String,
        percent: u8,
    },
}
