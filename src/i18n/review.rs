//! One reviewer's work, worded: the review's states, why a change was refused, and the
//! comment check's warnings. Inherent impls on the review's types, as in [`super::reason`].

use super::terms::Term;
use super::{Lang, pick, pick_owned};
use crate::framework::PercentError;
use crate::review::comment_check::WarningKind;
use crate::review::comments::CommentKind;
use crate::review::error::ReviewError;
use crate::review::model::{SiteIssueKind, SiteIssueStatus, Stage, Verdict};
use crate::review::scoring::ItemStatus;

impl Stage {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Stage::DocumentReview => Term::DocumentReview.text(lang),
            Stage::SiteReview => Term::SiteReview.text(lang),
        }
    }
}

impl SiteIssueKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SiteIssueKind::Verify => pick(lang, "核实", "verify"),
            SiteIssueKind::Clarify => pick(lang, "澄清", "clarify"),
        }
    }
}

impl SiteIssueStatus {
    /// The glossary's words: 待核查 / 已核实 / 与材料不符; 待澄清 / 已澄清.
    pub fn label(self, lang: Lang) -> &'static str {
        use crate::review::model::{ClarifyStatus, VerifyStatus};
        match self {
            SiteIssueStatus::Verify(VerifyStatus::Pending) => pick(lang, "待核查", "to verify"),
            SiteIssueStatus::Verify(VerifyStatus::Verified) => pick(lang, "已核实", "verified"),
            SiteIssueStatus::Verify(VerifyStatus::NotAsDocumented) => {
                pick(lang, "与材料不符", "not as documented")
            }
            SiteIssueStatus::Clarify(ClarifyStatus::Pending) => pick(lang, "待澄清", "to clarify"),
            SiteIssueStatus::Clarify(ClarifyStatus::Clarified) => pick(lang, "已澄清", "clarified"),
        }
    }
}

impl Verdict {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Verdict::Met => pick(lang, "符合", "met"),
            Verdict::NotMet => pick(lang, "不符合", "not met"),
            Verdict::Unclear => pick(lang, "待核实", "unclear"),
            Verdict::NotApplicable => pick(lang, "不适用", "not applicable"),
        }
    }
}

impl ItemStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ItemStatus::NotStarted => pick(lang, "未开始", "not started"),
            ItemStatus::InProgress => pick(lang, "进行中", "in progress"),
            ItemStatus::Done => pick(lang, "已评完", "done"),
        }
    }
}

impl CommentKind {
    /// The list's name. A programme may reword the OFI per stage (see `Program::term`); this is
    /// the glossary's word, for where no programme is at hand.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CommentKind::Strength => Term::Strength.text(lang),
            CommentKind::Ofi => pick(lang, Term::Ofi.text(Lang::Zh), "OFI"),
        }
    }
}

/// The entry lists a refusal may name (`ReviewError::NoSuchEntry::what`), in Chinese.
fn entry_zh(what: &str) -> &'static str {
    match what {
        "strength" => Term::Strength.text(Lang::Zh),
        "OFI" => Term::Ofi.text(Lang::Zh),
        "site-visit issue" => "现场核实/澄清要点",
        "key factor" => "概述要点",
        _ => "条目",
    }
}

impl ReviewError {
    /// Why the change was refused, in the interface language.
    pub fn message(&self, lang: Lang) -> String {
        use ReviewError as R;
        let applicant = Term::Applicant.text(Lang::Zh);
        let s = |zh: &str, en: &str| (zh.to_string(), en.to_string());
        let (zh, en) = match self {
            R::ConflictUndeclared => (
                format!("评分前请先作回避声明（是否与该{applicant}有利害关系）"),
                "declare whether you have a conflict of interest with this applicant before scoring"
                    .into(),
            ),
            R::ConflictLocked { relationship } => (
                format!("已声明回避（{relationship}），不能对该{applicant}评分"),
                format!(
                    "scoring is locked: you declared a conflict of interest ({relationship})"
                ),
            ),
            R::ConflictIsFinal => s(
                "已记录的回避声明不能撤回",
                "a declared conflict of interest is on record and cannot be withdrawn",
            ),
            R::EmptyRelationship => s(
                "声明回避时请说明关系（如：曾为其提供辅导）",
                "state the relationship (e.g. 曾为其提供辅导) to declare a conflict",
            ),
            R::Percent(e) => percent_texts(e),
            R::UnknownItem(c) => (
                format!("评分条款 {c} 不在评价准则中"),
                format!("item {c} is not in the framework"),
            ),
            R::FrameworkMismatch { review, given } => (
                format!("该评审依照的评价准则是 {review}，不是 {given}"),
                format!("this review was scored on framework {review}, not {given}"),
            ),
            R::StageNotStarted(st) => (
                format!("{}尚未开始", st.label(Lang::Zh)),
                format!("{} has not started", st.label(Lang::En)),
            ),
            R::SiteReviewStarted => s("现场评审已经开始", "site review has already started"),
            R::DocumentReviewClosed => s(
                "现场评审已开始，资料评审记录保持原样；请修改现场评审的评分",
                "document review is closed: site review has started, edit the site-review scores",
            ),
            R::NoSuchEntry { what, index, len } => (
                format!("没有第 {} 条{}（共 {len} 条）", index + 1, entry_zh(what)),
                format!("there is no {what} number {} (there are {len})", index + 1),
            ),
            R::NotScored(c) => (
                format!("请先给条款 {c} 评分，再标记为评完"),
                format!("give item {c} a score before marking it done"),
            ),
            R::ResolveOnlyOnSite => s(
                "现场核实/澄清要点在现场评审阶段处理",
                "site-visit issues are resolved during site review",
            ),
            R::ConductOnlyOnSite => s(
                "守纪情况（第二十二条）在现场评审阶段填写",
                "the applicant's conduct (article 22) is recorded during site review",
            ),
            R::StatusOfOtherKind => s(
                "该结论属于另一类要点：核实要点为已核实或与材料不符，澄清要点为已澄清",
                "that outcome belongs to the other kind of site-visit issue: verify issues are verified or not as documented, clarify issues are clarified",
            ),
            R::UnknownCondition(c) => (
                format!("资格条件“{c}”不在评奖办法的清单中"),
                format!("eligibility condition '{c}' is not in the programme's checklist"),
            ),
            R::NotApplicableRefused(c) => (
                format!("资格条件“{c}”适用于所有申报对象，不能选“不适用”"),
                format!(
                    "eligibility condition '{c}' applies to every applicant: it cannot be not applicable"
                ),
            ),
            R::UnknownRequirement {
                item,
                refused,
                valid,
            } => (
                format!(
                    "条款 {item} 没有要求 {}；可选：{}",
                    refused.join("、"),
                    valid.join(" ")
                ),
                format!(
                    "item {item} has no requirement {}; choose from: {}",
                    refused.join(", "),
                    valid.join(" ")
                ),
            ),
        };
        pick_owned(lang, (zh, en))
    }
}

fn percent_texts(e: &PercentError) -> (String, String) {
    match e {
        PercentError::AboveHundred(v) => (
            format!("得分率 {v}% 超过 100%"),
            format!("percent {v} is above 100"),
        ),
        PercentError::OffStep { value, step } => (
            format!(
                "得分率 {value}% 不在 {step}% 的档位上（可选 0、{step}、{}……100）",
                step * 2
            ),
            format!(
                "percent {value} is not on the step of {step} (allowed: 0, {step}, {}, … 100)",
                step * 2
            ),
        ),
        PercentError::NotANumber(t) => (
            format!("“{t}”不是整数百分比"),
            format!("'{t}' is not a whole-number percent"),
        ),
    }
}

impl WarningKind {
    /// The warning in the interface language.
    pub fn message(&self, lang: Lang) -> String {
        use WarningKind as W;
        let (strength, ofi) = (Term::Strength.text(Lang::Zh), Term::Ofi.text(Lang::Zh));
        let (zh, en) = match self {
            W::Prescriptive { words } => (
                format!(
                    "指令性措辞（{}）：评语陈述事实，不给对方开处方",
                    words.join("、")
                ),
                format!(
                    "prescriptive wording ({}): state the finding, do not prescribe",
                    words.join(", ")
                ),
            ),
            W::Verdict { words } => (
                format!(
                    "评判性用语（{}）：用事实和数据说明，而非下结论",
                    words.join("、")
                ),
                format!(
                    "verdict words ({}): show facts and data instead of a judgement",
                    words.join(", ")
                ),
            ),
            W::NoEvidence => (
                format!(
                    "未注明{}出处（如：见申报材料第12页、图3-2）",
                    Term::Evidence.text(Lang::Zh)
                ),
                "no evidence reference (e.g. application p. 12, figure 3-2)".into(),
            ),
            W::TooShort { width, min } => (
                format!("评语过短（{width} 字宽，少于 {min}）：说明要点、影响和实例"),
                format!(
                    "too short ({width} cells, under {min}): give the point, its relevance and an example"
                ),
            ),
            W::TooLong { width, max } => (
                format!("评语过长（{width} 字宽，超过 {max}）：一条评语只写一个要点"),
                format!("too long ({width} cells, over {max}): one main point per comment"),
            ),
            W::NoComment => (
                format!("已评分但没有任何{strength}或{ofi}"),
                "scored, but no strength or OFI".into(),
            ),
            W::HighScoreMoreOfis {
                percent,
                strengths,
                ofis,
            } => (
                format!(
                    "得分率 {percent}% 较高，但{ofi}（{ofis} 条）多于{strength}（{strengths} 条）"
                ),
                format!(
                    "{percent}% is a high score, yet there are more OFIs ({ofis}) than strengths ({strengths})"
                ),
            ),
            W::LowScoreMoreStrengths {
                percent,
                strengths,
                ofis,
            } => (
                format!(
                    "得分率 {percent}% 较低，但{strength}（{strengths} 条）多于{ofi}（{ofis} 条）"
                ),
                format!(
                    "{percent}% is a low score, yet there are more strengths ({strengths}) than OFIs ({ofis})"
                ),
            ),
        };
        pick_owned(lang, (zh, en))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_use_the_glossary() {
        let zh = ReviewError::ConflictUndeclared.message(Lang::Zh);
        assert!(zh.contains("申报对象") && zh.contains("利害关系"), "{zh}");
        let en = ReviewError::NotScored("4.1.1".into());
        assert_eq!(en.message(Lang::En), en.to_string());
        let site = ReviewError::ResolveOnlyOnSite.message(Lang::Zh);
        // The glossary's word for a site-visit issue, not the older 现场评审 + 问题.
        assert!(site.starts_with("现场核实/澄清要点"), "{site}");
    }

    #[test]
    fn every_kind_has_both_messages() {
        let all = [
            WarningKind::Prescriptive {
                words: vec!["应该".into()],
            },
            WarningKind::Verdict {
                words: vec!["很好".into()],
            },
            WarningKind::NoEvidence,
            WarningKind::TooShort { width: 4, min: 15 },
            WarningKind::TooLong {
                width: 500,
                max: 400,
            },
            WarningKind::NoComment,
            WarningKind::HighScoreMoreOfis {
                percent: 80,
                strengths: 1,
                ofis: 3,
            },
            WarningKind::LowScoreMoreStrengths {
                percent: 10,
                strengths: 3,
                ofis: 0,
            },
        ];
        for k in all {
            let (zh, en) = (k.message(Lang::Zh), k.message(Lang::En));
            assert!(!zh.is_ascii(), "{zh}");
            assert!(en.starts_with(|c: char| c.is_ascii_alphanumeric()), "{en}");
            assert_ne!(zh, en);
        }
    }
}
