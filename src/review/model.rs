//! One reviewer's work on one applicant: the applicant record, the conflict declaration,
//! key factors and, per scored stage, a [`Review`] of every item with the stage's eligibility
//! answers. Plain data; the rules over it live beside it in `review::*`.
//!
//! Eligibility (资格审查, 第十八条(二)) is recorded per stage: a verdict changed on site
//! (第十八条(四)) must not rewrite what the document review found, which a later
//! `export --stage document` signs. Files written before this held one record beside the
//! reviews (`eligibility` at the top level); it is read as the document review's, and a site
//! review already started gets a copy of it, as a site review started now starts from a copy
//! of the document review's answers (see [`ApplicantFile`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::framework::Percent;
use crate::ids::{ApplicantId, ItemCode, RoundId};

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
#[serde(from = "ApplicantFile")]
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
    /// 资料评审
    pub document: Review,
    /// 现场评审, once started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<Review>,
    /// RFC 3339 time the applicant was added.
    pub created_at: String,
}

/// An applicant file as read: [`Applicant`]'s members, plus the one eligibility record of
/// files written before eligibility was kept per stage.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApplicantFile {
    id: ApplicantId,
    name: String,
    program: String,
    track: String,
    #[serde(default)]
    demo: bool,
    #[serde(default)]
    origin: Origin,
    conflict: ConflictDeclaration,
    #[serde(default)]
    key_factors: Vec<String>,
    /// The old single record: the document review's answers (and the site review's start).
    #[serde(default)]
    eligibility: Option<BTreeMap<String, EligibilityAnswer>>,
    document: Review,
    #[serde(default)]
    site: Option<Review>,
    created_at: String,
}

impl From<ApplicantFile> for Applicant {
    fn from(f: ApplicantFile) -> Applicant {
        let mut document = f.document;
        let mut site = f.site;
        if let Some(old) = f.eligibility.filter(|e| !e.is_empty()) {
            // A file never holds both: the new form has no top-level record. Should a hand
            // edit hold both, the per-stage answers win and the old record only fills a gap.
            if document.eligibility.is_empty() {
                document.eligibility = old.clone();
            }
            if let Some(site) = site.as_mut().filter(|s| s.eligibility.is_empty()) {
                site.eligibility = old;
            }
        }
        Applicant {
            id: f.id,
            name: f.name,
            program: f.program,
            track: f.track,
            demo: f.demo,
            origin: f.origin,
            conflict: f.conflict,
            key_factors: f.key_factors,
            document,
            site,
            created_at: f.created_at,
        }
    }
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
    pub items: BTreeMap<ItemCode, ItemReview>,
    /// 资格审查 answers of this stage, by condition id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub eligibility: BTreeMap<String, EligibilityAnswer>,
    /// 守纪情况 (第二十二条): on the site review, the reviewer's evaluation of how the applicant
    /// kept the rules of the review. None until given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conduct: Option<ApplicantConduct>,
}

/// The reviewer's evaluation of the applicant's conduct during the site review (守纪情况,
/// 第二十二条: 评审人员对申报组织或个人守纪情况作评价), carried in the signed site sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicantConduct {
    pub verdict: ConductVerdict,
    /// What the reviewer adds, e.g. what was offered and declined; may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// 遵守 / 基本遵守 / 未遵守.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConductVerdict {
    /// 遵守纪律
    Kept,
    /// 基本遵守
    MostlyKept,
    /// 未遵守 (say what in the note)
    NotKept,
}

impl ConductVerdict {
    pub const ALL: [ConductVerdict; 3] = [
        ConductVerdict::Kept,
        ConductVerdict::MostlyKept,
        ConductVerdict::NotKept,
    ];
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

/// Where a 核实 issue stands on site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum VerifyStatus {
    /// 待核查
    #[default]
    Pending,
    /// 已核实
    Verified,
    /// 与材料不符 — what was seen on site does not match the application.
    NotAsDocumented,
}

/// Where a 澄清 issue stands on site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ClarifyStatus {
    /// 待澄清
    #[default]
    Pending,
    /// 已澄清
    Clarified,
}

/// A site-visit issue's kind with its status, typed per kind: a 澄清 issue can never be
/// 已核实, a 核实 issue never 已澄清 (the glossary: 待核查 / 已核实 / 与材料不符; 待澄清 / 已澄清).
///
/// On disk (applicant files and sheets alike) it is the pair `kind` + `status` it always was:
/// `status` is `open` (pending, either kind), `verified` / `not_confirmed` (核实) or
/// `clarified` (澄清). Builds before this type let any status go with either kind; such pairs
/// are read as the reviewer's outcome in the kind's own words (see [`SiteIssueStatus::from_wire`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SiteIssueStatus {
    /// 现场核实要点
    Verify(VerifyStatus),
    /// 现场澄清要点
    Clarify(ClarifyStatus),
}

impl SiteIssueStatus {
    /// A new issue of this kind: pending (待核查 / 待澄清).
    pub fn pending(kind: SiteIssueKind) -> SiteIssueStatus {
        match kind {
            SiteIssueKind::Verify => SiteIssueStatus::Verify(VerifyStatus::Pending),
            SiteIssueKind::Clarify => SiteIssueStatus::Clarify(ClarifyStatus::Pending),
        }
    }

    pub fn kind(self) -> SiteIssueKind {
        match self {
            SiteIssueStatus::Verify(_) => SiteIssueKind::Verify,
            SiteIssueStatus::Clarify(_) => SiteIssueKind::Clarify,
        }
    }

    /// Not yet resolved on site: 待核查 or 待澄清.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            SiteIssueStatus::Verify(VerifyStatus::Pending)
                | SiteIssueStatus::Clarify(ClarifyStatus::Pending)
        )
    }

    /// The next status of the same kind, as a key cycles it on site:
    /// 待核查 → 已核实 → 与材料不符 → 待核查; 待澄清 → 已澄清 → 待澄清.
    pub fn next(self) -> SiteIssueStatus {
        use SiteIssueStatus::{Clarify, Verify};
        match self {
            Verify(VerifyStatus::Pending) => Verify(VerifyStatus::Verified),
            Verify(VerifyStatus::Verified) => Verify(VerifyStatus::NotAsDocumented),
            Verify(VerifyStatus::NotAsDocumented) => Verify(VerifyStatus::Pending),
            Clarify(ClarifyStatus::Pending) => Clarify(ClarifyStatus::Clarified),
            Clarify(ClarifyStatus::Clarified) => Clarify(ClarifyStatus::Pending),
        }
    }

    /// The previous status of the same kind: [`SiteIssueStatus::next`] backwards.
    pub fn prev(self) -> SiteIssueStatus {
        let mut s = self;
        // Three statuses at most: two steps forward are one back for 核实, zero for 澄清.
        while s.next() != self {
            s = s.next();
        }
        s
    }

    /// Every status of the issue's kind, pending first, in the order [`SiteIssueStatus::next`]
    /// steps through them.
    pub fn all_of(kind: SiteIssueKind) -> Vec<SiteIssueStatus> {
        let first = SiteIssueStatus::pending(kind);
        let mut all = vec![first];
        let mut s = first.next();
        while s != first {
            all.push(s);
            s = s.next();
        }
        all
    }

    /// The same outcome under another kind, for an issue whose kind is changed: a positive
    /// outcome stays positive (已核实 ⇄ 已澄清), anything else is pending again.
    pub fn with_kind(self, kind: SiteIssueKind) -> SiteIssueStatus {
        use SiteIssueStatus::{Clarify, Verify};
        match (self, kind) {
            (s, k) if s.kind() == k => s,
            (Verify(VerifyStatus::Verified), SiteIssueKind::Clarify) => {
                Clarify(ClarifyStatus::Clarified)
            }
            (Clarify(ClarifyStatus::Clarified), SiteIssueKind::Verify) => {
                Verify(VerifyStatus::Verified)
            }
            (_, k) => SiteIssueStatus::pending(k),
        }
    }

    /// The pair as written in files.
    pub fn to_wire(self) -> (SiteIssueKind, WireStatus) {
        use SiteIssueStatus::{Clarify, Verify};
        let status = match self {
            Verify(VerifyStatus::Pending) | Clarify(ClarifyStatus::Pending) => WireStatus::Open,
            Verify(VerifyStatus::Verified) => WireStatus::Verified,
            Verify(VerifyStatus::NotAsDocumented) => WireStatus::NotConfirmed,
            Clarify(ClarifyStatus::Clarified) => WireStatus::Clarified,
        };
        (self.kind(), status)
    }

    /// Reads a `kind` + `status` pair. The four pairs older builds could write that mix the
    /// kinds keep the reviewer's outcome: 核实 + `clarified` is 已核实, 澄清 + `verified` is
    /// 已澄清 (resolved either way), and 澄清 + `not_confirmed` — the reviewer saw 与材料不符 —
    /// becomes a 核实 issue 与材料不符, since only a check against the application has that
    /// outcome and the finding must not be lost.
    pub fn from_wire(kind: SiteIssueKind, status: WireStatus) -> SiteIssueStatus {
        use SiteIssueStatus::{Clarify, Verify};
        match (kind, status) {
            (SiteIssueKind::Verify, WireStatus::Open) => Verify(VerifyStatus::Pending),
            (SiteIssueKind::Verify, WireStatus::Verified | WireStatus::Clarified) => {
                Verify(VerifyStatus::Verified)
            }
            (_, WireStatus::NotConfirmed) => Verify(VerifyStatus::NotAsDocumented),
            (SiteIssueKind::Clarify, WireStatus::Open) => Clarify(ClarifyStatus::Pending),
            (SiteIssueKind::Clarify, WireStatus::Verified | WireStatus::Clarified) => {
                Clarify(ClarifyStatus::Clarified)
            }
        }
    }
}

/// A site-visit issue's status as files spell it (`docs/sheet-format.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WireStatus {
    #[default]
    Open,
    Verified,
    NotConfirmed,
    Clarified,
}

/// A site-visit issue (现场核实要点 or 现场澄清要点) for an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "SiteIssueFile", into = "SiteIssueFile")]
pub struct SiteIssue {
    /// The kind and where it stands (待核查 … 已澄清).
    pub status: SiteIssueStatus,
    pub text: String,
    /// What was found on site.
    pub note: String,
}

impl SiteIssue {
    /// A new pending issue of this kind.
    pub fn new(kind: SiteIssueKind, text: &str) -> SiteIssue {
        SiteIssue {
            status: SiteIssueStatus::pending(kind),
            text: text.to_string(),
            note: String::new(),
        }
    }

    pub fn kind(&self) -> SiteIssueKind {
        self.status.kind()
    }

    pub fn is_open(&self) -> bool {
        self.status.is_open()
    }
}

/// [`SiteIssue`] as files hold it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteIssueFile {
    kind: SiteIssueKind,
    text: String,
    #[serde(default)]
    status: WireStatus,
    #[serde(default)]
    note: String,
}

impl From<SiteIssueFile> for SiteIssue {
    fn from(f: SiteIssueFile) -> SiteIssue {
        SiteIssue {
            status: SiteIssueStatus::from_wire(f.kind, f.status),
            text: f.text,
            note: f.note,
        }
    }
}

impl From<SiteIssue> for SiteIssueFile {
    fn from(i: SiteIssue) -> SiteIssueFile {
        let (kind, status) = i.status.to_wire();
        SiteIssueFile {
            kind,
            text: i.text,
            status,
            note: i.note,
        }
    }
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

    /// The eligibility answers of the stage the reviewer is working in now.
    pub fn eligibility(&self) -> &BTreeMap<String, EligibilityAnswer> {
        match &self.site {
            Some(site) => &site.eligibility,
            None => &self.document.eligibility,
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
            eligibility: BTreeMap::new(),
            conduct: None,
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
