//! The reports' words (评审报告、评分表、汇总表), in the award's vocabulary
//! (`shared/design/glossary.md`, [`super::terms`]).
//!
//! The panel reports carry both languages at once (中文 in full, English small) rather than a
//! language switch: the panel reads Chinese, the file may travel to someone who does not, and
//! one file is simpler to archive and sign for than two. A [`Label`] is one such pair; the
//! printable score sheet is in one language and takes its words from [`sheet_words`].

use super::Lang;
use super::terms::{self, Term};
use crate::panel::{Exclusion, Method, Role};
use crate::program::Program;
use crate::review::{Comment, Stage};

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
    /// The label in one language.
    pub fn get(self, lang: Lang) -> &'static str {
        super::pick_str(lang, self.zh, self.en)
    }

    /// `中文 English`, for spreadsheet headers.
    pub fn both(self) -> String {
        format!("{} {}", self.zh, self.en)
    }
}

/// 综合评价报告 (第十八条(五)): the per-applicant report of `report::stage_html`.
pub const COMPREHENSIVE_REPORT: Label = super::stage_report::OVERALL_REPORT;
/// `report.html`: the panel's internal report of a merge (every reviewer's scores, the
/// ranking, the sheets used); not the 综合评价报告, which is per applicant.
pub const PANEL_REPORT: Label = l("评审组汇总报告", "Panel merge report");
pub const FEEDBACK_REPORT: Label = l("反馈报告", "Feedback report");
pub const PROGRAM: Label = l("奖项", "Programme");
pub const ROUND: Label = l("评审轮次", "Round");
pub const TRACK: Label = l("奖项类别", "Award track");
pub const STAGE: Label = l("评审阶段", "Stage");
pub const FRAMEWORK: Label = l("评价准则", "Framework");
pub const METHOD: Label = l("计分方法", "Scoring method");
pub const THRESHOLD: Label = l("分歧阈值", "Divergence threshold");
pub const CREATED: Label = l("生成时间", "Created");
pub const APPLICANT: Label = l("申报对象", "Applicant");
pub const APPLICANT_ID: Label = l("申报编号", "Application number");
pub const REVIEWER: Label = l("评审专家", "Reviewer");
pub const REVIEWERS: Label = l("评审组", "Panel");
pub const COUNTED_REVIEWERS: Label = l("计分评审专家人数", "Counted reviewers");
pub const TRAINEES: Label = l("见习评审专家人数", "Trainees");
pub const ROLE: Label = l("角色", "Role");
pub const TOTAL: Label = l("总分", "Total");
pub const CATEGORY: Label = l("类目", "Category");
pub const ITEM: Label = l("条款", "Item");
pub const TITLE: Label = l("名称", "Title");
pub const POINTS: Label = l("分值", "Points");
pub const SCORE: Label = l("得分", "Score");
pub const SCORE_RATE: Label = l("得分率", "Rate");
pub const PERCENT: Label = l("得分率", "Percent");
pub const ITEM_SCORE: Label = l("条款得分", "Item score");
pub const N: Label = l("人数", "n");
pub const MEAN: Label = l("均值", "Mean");
pub const MEDIAN: Label = l("中位数", "Median");
pub const MIN: Label = l("最低", "Min");
pub const MAX: Label = l("最高", "Max");
pub const SPREAD: Label = l("极差", "Spread");
pub const STD_DEV: Label = l("标准差", "Std dev");
pub const DIVERGENT: Label = l("分歧", "Divergent");
/// `scores.csv`: the stage has fewer counted sheets than members not recused.
pub const SHORT_OF_SHEETS: Label = l("评分表不足", "Short of sheets");
pub const CONSENSUS: Label = l("合议", "Consensus");
pub const PANEL_PERCENT: Label = l("评审组得分率", "Panel %");
pub const PANEL_SCORE: Label = l("评审组得分", "Panel score");
pub const BAND: Label = l("评分区间", "Band");
pub const BAND_LEGEND: Label = l("评分区间说明", "What the bands mean");
pub const RANKING: Label = l("排序", "Ranking");
pub const RANK: Label = l("名次", "Rank");
pub const TIED: Label = l("并列", "Tied");
pub const PROPOSED_AWARD: Label = l("建议奖项", "Proposed award");
/// 获奖建议名单 (第九条(二)): what the panel sends the award office.
pub const AWARD_RECOMMENDATION_LIST: Label = l("获奖建议名单", "Award recommendation list");
pub const NOTE: Label = l("说明", "Note");
/// What the ranking section says of the minimum total: the one applied, or that none was.
pub fn min_total(minimum: Option<&str>) -> (String, String) {
    match minimum {
        Some(m) => (
            format!("最低总分 {m}：低于此分者不获奖项名额（第三条）"),
            format!("Minimum total {m}: no total below it takes an award place (第三条)"),
        ),
        None => (
            "未设最低总分（第三条）".to_string(),
            "No minimum total applied (第三条)".to_string(),
        ),
    }
}
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
/// The heading of the OFI themes in the programme's word: 质量改进建议最集中的条款. The
/// glossary's own word gives [`MOST_OFIS`].
pub fn most_ofis((zh, en): (&str, &str)) -> (String, String) {
    if zh == OFIS.zh {
        return (MOST_OFIS.zh.to_string(), MOST_OFIS.en.to_string());
    }
    (
        format!("{zh}最集中的条款"),
        format!("Items with the most {en}s"),
    )
}
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
    "尚无合议评分表：意见汇总自各计入评审专家的评分表（已去重）。",
    "No consensus sheet yet: comments gathered from every counted reviewer's sheet, duplicates removed.",
);
pub const TRAINEE_NOT_COUNTED: Label = l("见习，不计分", "trainee, not counted");
pub const TRAINEE: Label = l("见习", "trainee");
pub const NOT_COUNTED_SUFFIX: Label = l("，不计分", ", not counted");
pub const SUBTOTAL: Label = l("小计", "subtotal");
pub const FILE: Label = l("文件", "File");
pub const FEEDBACK_INTRO: Label = l(
    "本报告列出评审组对申报材料的总体评价、各条款的评分区间、优势和改进机会，供持续改进参考。",
    "This report gives the panel's overall result, the scoring band of each item, and the strengths and opportunities for improvement it found, for your continuous improvement.",
);
pub const BAND_NOTE: Label = l(
    "评分区间按评审组百分比四舍五入到评分步长后所在的区间给出。",
    "Each band is the one holding the panel percent, rounded half away from zero to the scoring step.",
);
pub const CONFIDENTIAL: Label = l(
    "内部资料：含评审专家姓名与个人评分，不得提供给申报对象。",
    "Internal: names reviewers and their individual scores; not for the applicant.",
);

/// 保密: on every page of every report (the measures bind reviewers to confidentiality,
/// 第二十一条), printed in the page margin so no page travels without it.
pub const SECRET: Label = l("保密", "Confidential");
/// On every page of an output scored on a framework whose structure and points are provisional
/// (暂定): the figures may move when the standard's own text is checked.
pub const PROVISIONAL: Label = l("暂定·非标准原文", "Provisional · not the standard's text");

pub fn stage(stage: Stage) -> Label {
    match stage {
        Stage::DocumentReview => term(Term::DocumentReview, "Document review"),
        Stage::SiteReview => term(Term::SiteReview, "Site review"),
    }
}

/// A glossary term as a label, with the English capitalised for a heading.
fn term(t: Term, en: &'static str) -> Label {
    Label {
        zh: t.text(Lang::Zh),
        en,
    }
}

pub fn role(role: Role) -> Label {
    match role {
        Role::Leader => l("评审组长", "Leader"),
        Role::Member => l("组员", "Member"),
        Role::Trainee => l("见习评审专家", "Trainee"),
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

/// The full reason in Chinese and in English.
fn detail(e: &Exclusion) -> (String, String) {
    (e.message(Lang::Zh), e.message(Lang::En))
}

/// Why a sheet was left out: its kind, and the detail in Chinese and in English (empty when
/// the kind says it all; the same text twice when it is a name, a path or a hash).
pub fn exclusion(e: &Exclusion) -> (Label, String, String) {
    let same = |t: String| (t.clone(), t);
    let (why, (zh, en)) = match e {
        Exclusion::Invalid { fault, .. } => (
            l("无效", "Invalid"),
            (fault.message(Lang::Zh), fault.message(Lang::En)),
        ),
        Exclusion::NotInRoster => (
            l("签名者不在名单中", "Signer not in roster"),
            same(String::new()),
        ),
        Exclusion::Draft => (l("草稿", "Draft"), same(String::new())),
        Exclusion::Conflict { relationship } => (
            l("声明回避", "Declared conflict"),
            same(relationship.clone()),
        ),
        Exclusion::Superseded { by_version } => (
            l("已被新版本取代", "Superseded"),
            same(format!("v{by_version}")),
        ),
        Exclusion::DuplicateVersion { other } => {
            (l("版本号重复", "Duplicate version"), same(other.clone()))
        }
        Exclusion::FrameworkMismatch { hash } => (
            l("评价准则不一致", "Framework mismatch"),
            same(short_hash(hash)),
        ),
        Exclusion::OtherProgram { program } => {
            (l("其他评奖办法", "Other programme"), same(program.clone()))
        }
        Exclusion::NotASheet { fault, .. } => (
            l("不是评分表", "Not a sheet"),
            (fault.message(Lang::Zh), fault.message(Lang::En)),
        ),
        Exclusion::SameFile { first } => {
            (l("重复文件", "Same file given again"), same(first.clone()))
        }
        Exclusion::NotLeader => (
            l(
                "合议评分表签名者不是组长",
                "Consensus sheet not signed by a leader",
            ),
            same(String::new()),
        ),
        Exclusion::StaleConsensus { stale } => (
            l(
                "合议评分表已过期，需重新合议",
                "Stale consensus: agree again",
            ),
            (stale.message(Lang::Zh), stale.message(Lang::En)),
        ),
        Exclusion::NoRound => (l("不属于评审轮次", "No round"), detail(e)),
        Exclusion::OtherRound { .. } => (l("其他评审轮次", "Other round"), detail(e)),
        Exclusion::RoundFileDiffers { .. } => (l("轮次文件不符", "Round file differs"), detail(e)),
        Exclusion::NewerRound { .. } => (l("轮次版本较新", "Newer round"), detail(e)),
        Exclusion::NotInRound { .. } => (l("申报编号不在轮次中", "Not in the round"), detail(e)),
        Exclusion::NameDiffers { .. } => (l("名称不符", "Name differs"), detail(e)),
        Exclusion::TrackDiffers { .. } => (l("奖项类别不符", "Track differs"), detail(e)),
        Exclusion::NotOnPanel => (l("签名者不在评审组中", "Not on the panel"), detail(e)),
        Exclusion::NotInStage { .. } => (l("不在本阶段名单中", "Not in the stage"), detail(e)),
        Exclusion::Recused { .. } => (l("回避声明", "Recusal record"), detail(e)),
        Exclusion::CoachingExpert => (l("指导专家回避", "Coaching expert"), detail(e)),
        Exclusion::NotActingLeader => (
            l("须由代理组长签名", "Not signed by the acting leader"),
            detail(e),
        ),
    };
    (why, zh, en)
}

/// The OFI heading as the programme words it in the stage (Jinshan: 质量改进建议 in document
/// review, 可改进之处 on site), Chinese and English.
pub fn ofis(program: &Program, stage: Stage) -> (&str, &str) {
    let kind = terms::stage_kind(stage);
    match (
        terms::in_programme(program, Term::Ofi, kind, Lang::Zh),
        terms::in_programme(program, Term::Ofi, kind, Lang::En),
    ) {
        // The glossary's own word: the heading's plural English.
        (zh, _) if zh == OFIS.zh => (OFIS.zh, OFIS.en),
        words => words,
    }
}

/// An item's comments in one spreadsheet cell, Chinese marks (the workbook is Chinese first):
/// one numbered line each, `1. 文字 [4.1.2 要求、要求]（证据）`, or 无 when there are none.
pub fn comment_cell(item_code: &str, comments: &[&Comment]) -> String {
    if comments.is_empty() {
        return NONE.zh.to_string();
    }
    let p = punct(Lang::Zh);
    comments
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let mut line = format!("{}. {}", k + 1, c.text.trim());
            if !c.requirements.is_empty() {
                line.push_str(&format!(
                    " [{item_code} {}]",
                    c.requirements.join(p.list_sep)
                ));
            }
            if !c.evidence.trim().is_empty() {
                line.push_str(&in_parens(Lang::Zh, c.evidence.trim()));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `（3 条）`: how many comments an item has, in a list of items (Chinese reports).
pub fn count_entries(n: usize) -> String {
    format!("（{n} 条）")
}

/// The printable score sheet's words, in one language (the sheet is printed in the
/// reviewer's interface language and signed by hand).
pub struct SheetWords {
    pub punct: &'static Punct,
    pub title: &'static str,
    pub consensus_title: &'static str,
    pub programme: &'static str,
    pub track: &'static str,
    pub applicant: &'static str,
    pub stage: &'static str,
    pub reviewer: &'static str,
    pub fingerprint: &'static str,
    pub framework: &'static str,
    pub version: &'static str,
    pub sheet_id: &'static str,
    pub created: &'static str,
    pub conflict: &'static str,
    pub no_conflict: &'static str,
    pub conflict_declared: &'static str,
    pub undeclared: &'static str,
    pub draft: &'static str,
    pub scores: &'static str,
    pub code: &'static str,
    pub item: &'static str,
    pub points: &'static str,
    pub percent: &'static str,
    pub score: &'static str,
    pub band: &'static str,
    pub total: &'static str,
    pub unscored: &'static str,
    pub comments: &'static str,
    pub strengths: &'static str,
    pub site_issues: &'static str,
    pub requirements: &'static str,
    pub evidence: &'static str,
    pub rationale: &'static str,
    pub key_factors: &'static str,
    pub eligibility: &'static str,
    pub not_answered: &'static str,
    pub binding: &'static str,
    pub binding_note: &'static str,
    pub signature: &'static str,
    pub date: &'static str,
    pub sources: &'static str,
}

const ZH: SheetWords = SheetWords {
    punct: &PUNCT_ZH,
    title: "评分表",
    consensus_title: "合议评分表",
    programme: "评奖办法",
    track: "奖项类别",
    applicant: "申报对象",
    stage: "评审阶段",
    reviewer: "评审专家",
    fingerprint: "密钥指纹",
    framework: "评价准则",
    version: "版本",
    sheet_id: "评分表编号",
    created: "导出时间",
    conflict: "回避声明",
    no_conflict: "与申报对象无利害关系",
    conflict_declared: "有利害关系（已声明回避）",
    undeclared: "未声明",
    draft: "草稿 — 评审未完成，不作评分依据",
    scores: "条款评分",
    code: "条款",
    item: "名称",
    points: "分值",
    percent: "得分率",
    score: "得分",
    band: "评分区间",
    total: "总分",
    unscored: "未评",
    comments: "评语",
    strengths: "优势",
    site_issues: "现场核实/澄清要点",
    requirements: "对应要求",
    evidence: "证据",
    rationale: "合议理由",
    key_factors: "概述要点",
    eligibility: "资格审查",
    not_answered: "未答",
    binding: "签名文件",
    binding_note: "本纸质评分表对应且仅对应下列 SHA-256 值的签名评分表文件；核对命令：scorebook verify 文件名",
    signature: "评审专家签字",
    date: "日期",
    sources: "所依据的评分表（SHA-256）",
};

const EN: SheetWords = SheetWords {
    punct: &PUNCT_EN,
    title: "Score sheet",
    consensus_title: "Consensus score sheet",
    programme: "Programme",
    track: "Award track",
    applicant: "Applicant",
    stage: "Stage",
    reviewer: "Reviewer",
    fingerprint: "Key fingerprint",
    framework: "Framework",
    version: "Version",
    sheet_id: "Sheet id",
    created: "Exported",
    conflict: "Recusal declaration",
    no_conflict: "No interest in the applicant",
    conflict_declared: "Has an interest (recused)",
    undeclared: "Not declared",
    draft: "DRAFT — review incomplete, not a basis for scoring",
    scores: "Item scores",
    code: "Item",
    item: "Title",
    points: "Points",
    percent: "Percent",
    score: "Score",
    band: "Band",
    total: "Total",
    unscored: "not scored",
    comments: "Comments",
    strengths: "Strengths",
    site_issues: "Site-visit issues",
    requirements: "requirements",
    evidence: "evidence",
    rationale: "Rationale",
    key_factors: "Key factors",
    eligibility: "Eligibility",
    not_answered: "not answered",
    binding: "Signed file",
    binding_note: "This paper sheet belongs to the signed sheet file with exactly this SHA-256; check with: scorebook verify FILE",
    signature: "Reviewer's signature",
    date: "Date",
    sources: "Sheets it was built from (SHA-256)",
};

/// The score sheet's words in `lang`.
pub fn sheet_words(lang: Lang) -> &'static SheetWords {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// The first 16 hex digits: enough to tell sheets apart on paper. Cut by chars, so a malformed
/// non-ASCII "hash" cannot panic.
pub fn short_hash(hash: &str) -> String {
    hash.chars().take(16).collect()
}

/// Punctuation and the HTML language tag of a report in one language: Chinese full-width
/// marks (：、；（）) or their English spellings.
#[derive(Debug)]
pub struct Punct {
    pub colon: &'static str,
    pub list_sep: &'static str,
    pub semi: &'static str,
    pub open: &'static str,
    pub close: &'static str,
    /// The `lang` attribute of the page.
    pub html_lang: &'static str,
    /// The mark a cell cut to fit a format's limit ends with (Excel's 32,767 characters).
    pub cut: &'static str,
}

/// What ends a spreadsheet cell cut to fit (the workbook is bilingual, Chinese first).
pub const CELL_CUT_MARK: &str = PUNCT_ZH.cut;

const PUNCT_ZH: Punct = Punct {
    colon: "：",
    list_sep: "、",
    semi: "；",
    open: "（",
    close: "）",
    html_lang: "zh-CN",
    cut: "…［截断 cut］",
};

const PUNCT_EN: Punct = Punct {
    colon: ": ",
    list_sep: ", ",
    semi: "; ",
    open: " (",
    close: ")",
    html_lang: "en",
    cut: "…[cut]",
};

pub fn punct(lang: Lang) -> &'static Punct {
    if lang == Lang::En {
        &PUNCT_EN
    } else {
        &PUNCT_ZH
    }
}

/// `text` in parentheses as `lang` writes them: （…） or (…).
pub fn in_parens(lang: Lang, text: &str) -> String {
    let p = punct(lang);
    format!("{}{text}{}", p.open, p.close)
}
