//! An award programme (评奖办法) as data: awards, tracks with quotas, stages, eligibility
//! checklists and the no-repeat rules. Another district's programme is a new file, not new code.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::lang::Text;

/// The format tag every programme file must carry.
pub const PROGRAM_FORMAT: &str = "scorebook-program/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    /// Always [`PROGRAM_FORMAT`].
    pub format: String,
    /// e.g. `jinshan-2023`.
    pub id: String,
    pub edition: String,
    pub title: Text,
    /// The issuing document, e.g. 金府规发〔2023〕1号.
    pub source: String,
    /// ISO dates the measures are in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<String>,
    /// A round (届) every this many years.
    pub round_years: u32,
    /// How applicants are ranked against the quotas, and why. Absent: per award track.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking: Option<Ranking>,
    /// Award tiers, highest first (区长质量奖 before 质量金奖).
    pub awards: Vec<Award>,
    pub tracks: Vec<Track>,
    /// Stages in order (资格审查 → 资料评审 → 现场评审 → 综合评价 → 审定公示).
    pub stages: Vec<StageDef>,
    /// Eligibility checklists (资格审查) per applicant kind.
    pub eligibility: Vec<Checklist>,
    /// Rules that bar an application outright, kept apart from the checklists, so no reviewer
    /// answers them and no sheet records them. A programme whose reviewers check them puts them
    /// in its checklists instead, as Jinshan does (第十七、二十六、二十七条).
    /// Always written (an empty list too), so the content hash of programmes that predate
    /// the field being optional is unchanged.
    #[serde(default)]
    pub exclusions: Vec<Condition>,
    /// The programme's own words for the glossary terms it may reword (the glossary marks
    /// them "programme"); absent = the glossary's words.
    #[serde(default, skip_serializing_if = "Terms::is_empty")]
    pub terms: Terms,
}

/// The terms a programme may word differently, per stage where its measures do. Only the
/// terms the glossary marks "programme" have a field (`deny_unknown_fields` refuses others),
/// so a programme cannot rename 申报对象 or 评审专家.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    /// 改进机会 per stage, e.g. Jinshan: 质量改进建议 in document review (第十八条(三)), 可改进之处
    /// in site review (第十八条(四)).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ofi: BTreeMap<StageKind, Text>,
}

impl Terms {
    pub fn is_empty(&self) -> bool {
        let Terms { ofi } = self;
        ofi.is_empty()
    }
}

/// An award tier, e.g. 金山区区长质量奖.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Award {
    pub id: String,
    pub title: Text,
    /// 1 = highest. Ranking fills higher awards first; nobody wins two.
    pub rank: u32,
}

/// Who applies on a track.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ApplicantKind {
    /// 组织 — applies for 先进质量管理模式
    Organisation,
    /// 个人 — applies for 先进质量管理成果
    Individual,
}

/// A track (奖项类别): an award × a category such as 先进质量管理模式.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    pub id: String,
    /// The award this track belongs to ([`Award::id`]).
    pub award: String,
    pub title: Text,
    pub applicant_kind: ApplicantKind,
    /// The framework applicants are scored on ([`crate::framework::Framework::id`]).
    pub framework: String,
    /// At most this many winners per round (名额). Signed so a bad file can be reported, not crash.
    pub quota: i64,
    /// Prize in RMB, for the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prize_rmb: Option<u64>,
}

/// The kinds of stage the app knows, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    /// 资格审查
    Eligibility,
    /// 资料评审
    DocumentReview,
    /// 现场评审
    SiteReview,
    /// 综合评价: ends with the panel's 获奖建议名单.
    Comprehensive,
    /// 审定公示: the office ranks the candidates, the committee decides, a public notice follows.
    /// Not the panel's: its tools stop before it.
    Decision,
}

impl StageKind {
    /// Who runs a stage of this kind when the file does not say.
    pub fn default_owner(self) -> StageOwner {
        match self {
            StageKind::Decision => StageOwner::Office,
            _ => StageOwner::Panel,
        }
    }
}

/// Who runs a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageOwner {
    /// 评审组 (第九条): the reviewers and their leader, the people this app serves.
    Panel,
    /// 区审定办 and the 审定委: the award office and the committee.
    Office,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageDef {
    pub kind: StageKind,
    /// Who runs it; absent means [`StageKind::default_owner`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<StageOwner>,
    pub title: Text,
    /// What the stage produces, per the measures.
    pub description: Text,
}

impl StageDef {
    pub fn owner(&self) -> StageOwner {
        self.owner.unwrap_or_else(|| self.kind.default_owner())
    }
}

/// How the proposed winners are drawn from the totals (排序规则).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ranking {
    pub policy: RankingPolicy,
    /// Where the choice comes from: the article, the office's decision, or that the measures are
    /// silent and this is the default.
    pub source: Text,
}

/// Whether an applicant not placed on the higher award's track may still take a lower award.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankingPolicy {
    /// 按奖项类别分别排序: each track ranks only its own applicants against its own quota; an
    /// applicant not placed on the 区长质量奖 track is not considered for the 金奖.
    #[default]
    PerTrack,
    /// 统一排序、自高而低: applicants of one kind (organisation or individual) form one pool,
    /// and the highest award takes its quota from the top before the next award takes its own.
    OnePool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    pub applicant_kind: ApplicantKind,
    pub conditions: Vec<Condition>,
}

/// One condition of a checklist, e.g. 在本区注册登记并正常运行3年以上.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub id: String,
    pub text: Text,
    /// The article it comes from, e.g. 第十五条(一).
    pub article: String,
    /// 说明: what the measures add without making it a condition, e.g. 申报组织具备首席质量官者
    /// 优先 (第十五条(七)): shown with the condition, never answered on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// 适用情形: the condition binds only in this case, e.g. 申报个人如为组织最高管理者
    /// (第十六条(五)). Only such a condition may be answered 不适用 (not applicable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_if: Option<Text>,
}

impl Condition {
    /// Whether 不适用 is an answer the measures allow here.
    pub fn may_be_not_applicable(&self) -> bool {
        self.applies_if.is_some()
    }
}

impl Program {
    pub fn track(&self, id: &str) -> Option<&Track> {
        self.tracks.iter().find(|t| t.id == id)
    }

    pub fn award(&self, id: &str) -> Option<&Award> {
        self.awards.iter().find(|a| a.id == id)
    }

    pub fn checklist(&self, kind: ApplicantKind) -> Option<&Checklist> {
        self.eligibility.iter().find(|c| c.applicant_kind == kind)
    }

    /// The ranking policy, reading an absent `ranking` as per track.
    pub fn ranking_policy(&self) -> RankingPolicy {
        self.ranking.as_ref().map(|r| r.policy).unwrap_or_default()
    }

    /// The stages the panel runs (the app's review tools), in order; the office's come after.
    pub fn panel_stages(&self) -> impl Iterator<Item = &StageDef> {
        self.stages
            .iter()
            .filter(|s| s.owner() == StageOwner::Panel)
    }
}
