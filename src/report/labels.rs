//! The fixed words of the reports, Chinese first with the English beside it. Reports carry both
//! languages at once (中文 in full, English small) rather than a language switch: the panel
//! reads Chinese, the file may travel to someone who does not, and one file is simpler to
//! archive and sign for than two.

use crate::panel::{Exclusion, Method, Role};
use crate::review::Stage;

/// A label in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub zh: &'static str,
    pub en: &'static str,
}

const fn l(zh: &'static str, en: &'static str) -> Label {
    Label { zh, en }
}

impl Label {
    /// `中文 English`, for spreadsheet headers.
    pub fn both(self) -> String {
        format!("{} {}", self.zh, self.en)
    }
}

pub const COMPREHENSIVE_REPORT: Label = l("综合评价报告", "Comprehensive evaluation report");
pub const FEEDBACK_REPORT: Label = l("反馈报告", "Feedback report");
pub const PROGRAM: Label = l("奖项", "Programme");
pub const ROUND: Label = l("届次", "Round");
pub const TRACK: Label = l("奖项类别", "Track");
pub const STAGE: Label = l("评审阶段", "Stage");
pub const FRAMEWORK: Label = l("评价准则", "Framework");
pub const METHOD: Label = l("计分方法", "Scoring method");
pub const THRESHOLD: Label = l("分歧阈值", "Divergence threshold");
pub const CREATED: Label = l("生成时间", "Created");
pub const APPLICANT: Label = l("申报单位", "Applicant");
pub const APPLICANT_ID: Label = l("编号", "ID");
pub const REVIEWER: Label = l("评审员", "Reviewer");
pub const REVIEWERS: Label = l("评审组", "Panel");
pub const COUNTED_REVIEWERS: Label = l("计分评审员人数", "Counted reviewers");
pub const TRAINEES: Label = l("见习评审员人数", "Trainees");
pub const ROLE: Label = l("角色", "Role");
pub const TOTAL: Label = l("总分", "Total");
pub const CATEGORY: Label = l("类目", "Category");
pub const ITEM: Label = l("条款", "Item");
pub const TITLE: Label = l("名称", "Title");
pub const POINTS: Label = l("分值", "Points");
pub const SCORE: Label = l("得分", "Score");
pub const SCORE_RATE: Label = l("得分率", "Rate");
pub const PERCENT: Label = l("百分比", "Percent");
pub const ITEM_SCORE: Label = l("条款得分", "Item score");
pub const N: Label = l("人数", "n");
pub const MEAN: Label = l("均值", "Mean");
pub const MEDIAN: Label = l("中位数", "Median");
pub const MIN: Label = l("最低", "Min");
pub const MAX: Label = l("最高", "Max");
pub const SPREAD: Label = l("极差", "Spread");
pub const STD_DEV: Label = l("标准差", "Std dev");
pub const DIVERGENT: Label = l("分歧", "Divergent");
pub const CONSENSUS: Label = l("合议", "Consensus");
pub const PANEL_PERCENT: Label = l("小组百分比", "Panel %");
pub const PANEL_SCORE: Label = l("小组得分", "Panel score");
pub const BAND: Label = l("评分区间", "Band");
pub const BAND_LEGEND: Label = l("评分区间说明", "What the bands mean");
pub const RANKING: Label = l("排序", "Ranking");
pub const RANK: Label = l("名次", "Rank");
pub const TIED: Label = l("并列", "Tied");
pub const PROPOSED_AWARD: Label = l("拟推荐奖项", "Proposed award");
pub const NOTE: Label = l("说明", "Note");
pub const SUMMARY: Label = l("汇总", "Summary");
pub const CATEGORY_TOTALS: Label = l("类目得分", "Category totals");
pub const ITEM_SCORES: Label = l("条款评分", "Item scores");
pub const COMMENTS: Label = l(
    "优势与改进机会",
    "Strengths and opportunities for improvement",
);
pub const STRENGTHS: Label = l("优势", "Strengths");
pub const OFIS: Label = l("改进机会", "Opportunities for improvement");
pub const RATIONALE: Label = l("合议理由", "Consensus rationale");
pub const KEY_THEMES: Label = l("关键主题", "Key themes");
pub const PROCESS: Label = l("过程类条款", "Process items");
pub const RESULTS: Label = l("结果类条款", "Results items");
pub const MOST_STRENGTHS: Label = l("优势最集中的条款", "Items with the most strengths");
pub const MOST_OFIS: Label = l("改进机会最集中的条款", "Items with the most OFIs");
pub const AGENDA: Label = l("合议议程（分歧条款）", "Consensus agenda (divergent items)");
pub const INPUTS: Label = l("评分表", "Score sheets");
pub const COUNTED: Label = l("计入", "Counted");
pub const EXCLUDED: Label = l("未计入", "Excluded");
pub const VERSION: Label = l("版本", "Version");
pub const HASH: Label = l("哈希", "Hash");
pub const NONE: Label = l("无", "None");
pub const COMMENTS_FROM_CONSENSUS: Label =
    l("意见取自合议评分表。", "Comments from the consensus sheet.");
pub const COMMENTS_FROM_REVIEWERS: Label = l(
    "尚无合议评分表：意见汇总自各计入评审员的评分表（已去重）。",
    "No consensus sheet yet: comments gathered from every counted reviewer's sheet, duplicates removed.",
);
pub const TRAINEE_NOT_COUNTED: Label = l("见习，不计分", "trainee, not counted");
pub const FEEDBACK_INTRO: Label = l(
    "本报告列出评审组对贵单位申报材料的总体评价、各条款的评分区间、优势和改进机会，供持续改进参考。",
    "This report gives the panel's overall result, the scoring band of each item, and the strengths and opportunities for improvement it found, for your continuous improvement.",
);
pub const BAND_NOTE: Label = l(
    "评分区间按评审组百分比四舍五入到评分步长后所在的区间给出。",
    "Each band is the one holding the panel percent, rounded half away from zero to the scoring step.",
);
pub const CONFIDENTIAL: Label = l(
    "内部资料：含评审员姓名与个人评分，不得提供给申报单位。",
    "Internal: names reviewers and their individual scores; not for the applicant.",
);

pub fn stage(stage: Stage) -> Label {
    match stage {
        Stage::DocumentReview => l("资料评审", "Document review"),
        Stage::SiteReview => l("现场评审", "Site review"),
    }
}

pub fn role(role: Role) -> Label {
    match role {
        Role::Leader => l("评审组长", "Leader"),
        Role::Member => l("评审专家", "Member"),
        Role::Trainee => l("见习评审员", "Trainee"),
    }
}

pub fn method(method: Method) -> Label {
    match method {
        Method::Consensus => l("合议（无合议时取中位数）", "Consensus (median where none)"),
        Method::Mean => l("均值", "Mean"),
        Method::Median => l("中位数", "Median"),
        Method::TrimmedMean => l("截尾均值", "Trimmed mean"),
    }
}

pub fn yes_no(value: bool) -> Label {
    if value {
        l("是", "yes")
    } else {
        l("否", "no")
    }
}

/// Why a sheet was left out, in both languages, with the detail the panel recorded.
pub fn exclusion(e: &Exclusion) -> (Label, String) {
    match e {
        Exclusion::Invalid { detail, .. } => (l("无效", "Invalid"), detail.clone()),
        Exclusion::NotInRoster => (l("签名者不在名单中", "Signer not in roster"), String::new()),
        Exclusion::Draft => (l("草稿", "Draft"), String::new()),
        Exclusion::Conflict { relationship } => {
            (l("声明回避", "Declared conflict"), relationship.clone())
        }
        Exclusion::Superseded { by_version } => {
            (l("已被新版本取代", "Superseded"), format!("v{by_version}"))
        }
        Exclusion::DuplicateVersion { other } => {
            (l("版本号重复", "Duplicate version"), other.clone())
        }
        Exclusion::FrameworkMismatch { hash } => {
            (l("评价准则不一致", "Framework mismatch"), short_hash(hash))
        }
        Exclusion::OtherProgram { program } => (l("其他奖项", "Other programme"), program.clone()),
        Exclusion::NotASheet { detail, .. } => (l("不是评分表", "Not a sheet"), detail.clone()),
        Exclusion::SameFile { first } => (l("重复文件", "Same file given again"), first.clone()),
        Exclusion::NotLeader => (
            l(
                "合议评分表签名者不是组长",
                "Consensus sheet not signed by a leader",
            ),
            String::new(),
        ),
        Exclusion::StaleConsensus { detail, .. } => (
            l(
                "合议评分表已过期，需重新合议",
                "Stale consensus: agree again",
            ),
            detail.clone(),
        ),
    }
}

/// The Chinese of the detail [`exclusion`] gives in English, when the panel recorded one
/// (sheet check faults; older panel files have none).
pub fn exclusion_detail_zh(e: &Exclusion) -> Option<&str> {
    match e {
        Exclusion::Invalid { detail_zh, .. }
        | Exclusion::NotASheet { detail_zh, .. }
        | Exclusion::StaleConsensus { detail_zh, .. } => detail_zh.as_deref(),
        _ => None,
    }
}

/// The first 16 hex digits: enough to tell sheets apart on paper. Cut by chars, so a malformed
/// non-ASCII "hash" cannot panic.
pub fn short_hash(hash: &str) -> String {
    hash.chars().take(16).collect()
}
