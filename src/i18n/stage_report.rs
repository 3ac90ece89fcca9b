//! The words of the per-applicant stage reports (第十八条(三)–(五)): 资料评审报告, the short
//! 资料评审结果反馈 for applicants not shortlisted, 现场评审报告 and 综合评价报告, and their
//! charts. Bilingual like the other panel reports ([`super::report`]): Chinese in full, English
//! small. Words that carry the programme's own OFI term take it as an argument.

use super::report::Label;
use crate::panel::NoteSource;
use crate::program::ApplicantKind;

const fn l(zh: &'static str, en: &'static str) -> Label {
    Label { zh, en }
}

/// 资料评审报告 (第十八条(三)).
pub const DOCUMENT_REPORT: Label = l("资料评审报告", "Document review report");
/// The short feedback for an applicant not on the site-review shortlist (第十八条(三):
/// 由区审定办反馈资料评审结果).
pub const DOCUMENT_RESULT: Label = l("资料评审结果反馈", "Document review result");
/// 现场评审报告 (第十八条(四)).
pub const SITE_REPORT: Label = l("现场评审报告", "Site review report");
/// 综合评价报告 (第十八条(五)).
pub const OVERALL_REPORT: Label = l("综合评价报告", "Overall evaluation report");

/// Who the stage reports go to: the panel reports to the award office (第九条).
pub const TO_THE_OFFICE: Label = l(
    "评审组报区审定办。本报告不列评审专家姓名和个人评分。",
    "From the panel to the award office. Names no reviewer and no individual score.",
);
pub const PANEL_SIZE: Label = l("计入评审专家", "Counted reviewers");
pub const APPLICANT_KIND: Label = l("申报对象类型", "Kind of applicant");
pub fn applicant_kind(kind: ApplicantKind) -> Label {
    match kind {
        ApplicantKind::Organisation => l("组织", "Organisation"),
        ApplicantKind::Individual => l("个人", "Individual"),
    }
}

/// 概述要点 as the applicant's kind names them: 组织概述要点 / 个人概述要点.
pub fn key_factors(kind: ApplicantKind) -> Label {
    match kind {
        ApplicantKind::Organisation => l("组织概述要点", "Key factors (organisational overview)"),
        ApplicantKind::Individual => l("个人概述要点", "Key factors (personal overview)"),
    }
}

pub const PANEL_ITEM_SCORES: Label = l("评审组条款评分", "The panel's item scores");
pub const SHORTLIST: Label = l("现场评审名单", "Site-review shortlist");

/// Where the applicant stands with the site-review shortlist (第十八条(三)).
pub enum ShortlistWords<'a> {
    /// On the panel's proposal (the round has not fixed a list yet).
    Proposed {
        rank: u32,
        tied: bool,
        total: &'a str,
    },
    /// Below the proposal's cut.
    NotProposed {
        rank: u32,
        tied: bool,
        total: &'a str,
        places: Option<u32>,
    },
    /// On the list the round fixed.
    OnList,
    /// Not on the list the round fixed.
    NotOnList,
    /// This merge gives no list (a roster merge, or no document-stage result in the track).
    Unknown,
}

pub fn shortlist(w: &ShortlistWords) -> (String, String) {
    let tie = |tied: bool| {
        if tied {
            ("（并列）", " (tied)")
        } else {
            ("", "")
        }
    };
    match w {
        ShortlistWords::Proposed { rank, tied, total } => (
            format!(
                "评审组建议列入现场评审名单：本奖项类别资料评审第 {rank} 名{}，总分 {total}。名单由区审定办确定。",
                tie(*tied).0
            ),
            format!(
                "Proposed by the panel for the site-review shortlist: document review rank {rank}{} in the track, total {total}. The award office fixes the list.",
                tie(*tied).1
            ),
        ),
        ShortlistWords::NotProposed {
            rank,
            tied,
            total,
            places,
        } => {
            let (pz, pe) = places.map_or((String::new(), String::new()), |p| {
                (format!("，名额 {p} 个"), format!(", places: {p}"))
            });
            (
                format!(
                    "评审组建议不列入现场评审名单：本奖项类别资料评审第 {rank} 名{}，总分 {total}{pz}。名单由区审定办确定。",
                    tie(*tied).0
                ),
                format!(
                    "Not proposed for the site-review shortlist: document review rank {rank}{} in the track, total {total}{pe}. The award office fixes the list.",
                    tie(*tied).1
                ),
            )
        }
        ShortlistWords::OnList => (
            "已列入评审轮次确定的现场评审名单。".into(),
            "On the site-review shortlist the round fixed.".into(),
        ),
        ShortlistWords::NotOnList => (
            "未列入评审轮次确定的现场评审名单。".into(),
            "Not on the site-review shortlist the round fixed.".into(),
        ),
        ShortlistWords::Unknown => (
            "本次汇总未给出现场评审名单（只有按评审轮次汇总资料评审才提出名单建议）。".into(),
            "This merge gives no site-review shortlist (only a document-stage merge against a round proposes one).".into(),
        ),
    }
}

/// The opening of the short feedback for an applicant not shortlisted; `ofis` is the
/// programme's word for the OFIs of the document review (Jinshan: 质量改进建议).
pub fn result_intro((ofis_zh, ofis_en): (&str, &str)) -> (String, String) {
    (
        format!(
            "经资料评审，本申报对象未列入本届现场评审名单。以下是资料评审结果和评审组提出的{ofis_zh}，供持续改进参考（第十八条(三)）。"
        ),
        format!(
            "After the document review this applicant is not on this round's site-review shortlist. Below are the document review results and the panel's {ofis_en}s, for continuous improvement (Art. 18(3))."
        ),
    )
}
/// On the short feedback while the shortlist is only the panel's proposal.
pub const RESULT_PENDING: Label = l(
    "依据评审组的现场评审名单建议生成：评审轮次确定名单后请再次汇总，再发出本页。",
    "Made from the panel's proposed shortlist: merge again once the round fixes the list, then send this page.",
);

pub const SITE_FINDINGS: Label = l("现场核实与澄清", "Site-visit findings");
/// When no sheet carries a site-visit issue; `ofis` is the programme's word on site.
pub fn no_site_issues((ofis_zh, ofis_en): (&str, &str)) -> (String, String) {
    (
        format!(
            "评分表中没有现场核实要点或现场澄清要点；现场评审的发现见下文各条款的优势和{ofis_zh}。"
        ),
        format!(
            "No sheet records a site-visit issue to verify or clarify; the site review's findings are the strengths and {ofis_en}s of each item below."
        ),
    )
}

pub const SCORE_CHANGE: Label = l(
    "资料评审与现场评审得分对比",
    "Document review against site review",
);
pub const DOCUMENT_PERCENT: Label = l("资料评审得分率", "Document %");
pub const SITE_PERCENT: Label = l("现场评审得分率", "Site %");
pub const DOCUMENT_SCORE: Label = l("资料评审得分", "Document score");
pub const SITE_SCORE: Label = l("现场评审得分", "Site score");
pub const CHANGE: Label = l("变化", "Change");
pub const NO_DOCUMENT_RESULT: Label = l(
    "本汇总没有该申报对象的资料评审结果：合并汇总资料评审和现场评审的评分表，或汇总时用 --document 目录 指定资料评审的汇总目录，即可逐条对比。",
    "This merge has no document review result for the applicant: merge both stages' sheets together, or name the document review's merge folder with --document DIR, to compare item by item.",
);
pub const OTHER_FRAMEWORK: Label = l(
    "资料评审与现场评审所用评价准则版本不同，不作逐条对比。",
    "The document and site reviews used different framework editions: no item-by-item comparison.",
);

pub const EXPERIENCE: Label = l("先进质量管理经验", "Advanced quality-management experience");
pub const EXPERIENCE_SOURCE: Label = l(
    "评审组对申报对象的综合分析评议，总结提炼（第十八条(五)）。",
    "Distilled by the panel from its overall analysis of the applicant (Art. 18(5)).",
);
pub const NO_EXPERIENCE: Label = l(
    "评审组尚未填写。评审组长用 scorebook synthesis set 汇总目录 申报编号 --experience-file 文件 写入。",
    "Not written yet. The group leader writes it with scorebook synthesis set DIR APPLICANT --experience-file FILE.",
);
pub const NOTES: Label = l("公众评价与陈述答辩", "Public evaluation and presentation");
pub const NOTES_SOURCE: Label = l(
    "区审定办可有选择地开展，作为综合评价的必要参考（第十八条(五)）。",
    "Held at the award office's choice, as input to the overall evaluation (Art. 18(5)).",
);
pub const STAGE_TOTALS: Label = l("各阶段总分", "Totals by stage");

/// Where a note of the overall evaluation comes from.
pub fn note_source(source: NoteSource) -> Label {
    match source {
        NoteSource::Public => l("公众评价", "Public evaluation"),
        NoteSource::Presentation => l("陈述答辩", "Presentation and questions"),
    }
}

pub const CHART_CATEGORIES: Label = l("类目得分与满分", "Category scores against their maximum");
pub const CHART_CATEGORIES_LEGEND: Label = l(
    "浅色条：类目分值；深色条：评审组得分。",
    "light bar: the category's points; dark bar: the panel's score.",
);
pub const CHART_SPREAD: Label = l("评审组各条款得分率分布", "The panel's percents per item");
pub const CHART_SPREAD_LEGEND: Label = l(
    "线：计入评审专家的最低至最高得分率；圆点：评审组得分率；▲ 红色：分歧条款。",
    "line: lowest to highest counted percent; dot: panel percent; ▲ red: divergent item.",
);
/// Marks a divergent item in the spread chart, so it reads in black and white too.
pub const DIVERGENT_MARK: &str = "▲";
