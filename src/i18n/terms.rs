//! The award's vocabulary (`shared/design/glossary.md`): one word per concept, zh and en.
//!
//! Where the Jinshan measures (金府规发〔2023〕1号) name a thing their word wins; otherwise the
//! common usage of Chinese quality-award review. A programme may reword the terms for which
//! [`Term::programme_may_reword`] is true.

use super::{Lang, pick};
use crate::program::{Program, StageKind};
use crate::review::Stage;

/// A concept of the award, as users read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Term {
    /// 评审专家 — in running text (评审员 only in tight table headers).
    Reviewer,
    /// 评审组 (第九条).
    Panel,
    /// 评审组长: one per panel, 组长负责制 (第九条).
    Leader,
    /// 组员.
    Member,
    /// 见习评审专家: shown, never counted.
    Trainee,
    /// 区审定办 (第八条).
    AwardOffice,
    /// 指导专家 (第十四条).
    CoachingExpert,
    /// 推荐单位 (第十条).
    RecommendingUnit,
    /// 申报对象: organisations and individuals alike.
    Applicant,
    /// 申报编号: the office's number, the one id that matches across laptops.
    ApplicationNumber,
    /// 奖项类别.
    AwardTrack,
    /// 评审轮次.
    Round,
    /// 资格审查 (第十八条(二)).
    EligibilityCheck,
    /// 资料评审 (第十八条(三)).
    DocumentReview,
    /// 现场评审名单.
    SiteShortlist,
    /// 现场评审 (第十八条(四)).
    SiteReview,
    /// 综合评价 (第十八条(五)).
    OverallEvaluation,
    /// 回避 (第二十一条).
    Recusal,
    /// 有利害关系.
    HasInterest,
    /// 无利害关系.
    NoInterest,
    /// 保密 (第二十一条).
    Confidential,
    /// 评价准则.
    Framework,
    /// 类目.
    Category,
    /// 条款 (评分项).
    Item,
    /// 要求: the lettered points of an item.
    Requirement,
    /// 评分区间 (GB/Z 19579).
    Band,
    /// 得分率.
    Percent,
    /// 得分.
    Score,
    /// 总分.
    Total,
    /// 优势.
    Strength,
    /// 改进机会 — a programme rewords it (Jinshan: 可改进之处 / 质量改进建议).
    Ofi,
    /// 证据.
    Evidence,
    /// 现场核实要点.
    SiteIssueVerify,
    /// 现场澄清要点.
    SiteIssueClarify,
    /// 分歧条款.
    DivergentItem,
    /// 合议.
    Consensus,
    /// 评分表.
    ScoreSheet,
    /// 合议评分表.
    ConsensusSheet,
    /// 反馈报告.
    FeedbackReport,
    /// 获奖建议名单 (第九条(二)).
    AwardRecommendationList,
    /// 暂定（非标准原文）.
    Provisional,
}

impl Term {
    pub fn text(self, lang: Lang) -> &'static str {
        use Term::*;
        let (zh, en) = match self {
            Reviewer => ("评审专家", "reviewer"),
            Panel => ("评审组", "panel"),
            Leader => ("评审组长", "group leader"),
            Member => ("组员", "member"),
            Trainee => ("见习评审专家", "trainee"),
            AwardOffice => ("区审定办", "award office"),
            CoachingExpert => ("指导专家", "coaching expert"),
            RecommendingUnit => ("推荐单位", "recommending unit"),
            Applicant => ("申报对象", "applicant"),
            ApplicationNumber => ("申报编号", "application number"),
            AwardTrack => ("奖项类别", "award track"),
            Round => ("评审轮次", "round"),
            EligibilityCheck => ("资格审查", "eligibility check"),
            DocumentReview => ("资料评审", "document review"),
            SiteShortlist => ("现场评审名单", "site-review shortlist"),
            SiteReview => ("现场评审", "site review"),
            OverallEvaluation => ("综合评价", "overall evaluation"),
            Recusal => ("回避", "recusal"),
            HasInterest => ("有利害关系", "has an interest"),
            NoInterest => ("无利害关系", "no interest"),
            Confidential => ("保密", "confidential"),
            Framework => ("评价准则", "framework"),
            Category => ("类目", "category"),
            Item => ("条款", "item"),
            Requirement => ("要求", "requirement"),
            Band => ("评分区间", "scoring band"),
            Percent => ("得分率", "percent"),
            Score => ("得分", "score"),
            Total => ("总分", "total"),
            Strength => ("优势", "strength"),
            Ofi => ("改进机会", "opportunity for improvement"),
            Evidence => ("证据", "evidence"),
            SiteIssueVerify => ("现场核实要点", "site-visit issue to verify"),
            SiteIssueClarify => ("现场澄清要点", "site-visit issue to clarify"),
            DivergentItem => ("分歧条款", "divergent item"),
            Consensus => ("合议", "consensus"),
            ScoreSheet => ("评分表", "score sheet"),
            ConsensusSheet => ("合议评分表", "consensus sheet"),
            FeedbackReport => ("反馈报告", "feedback report"),
            AwardRecommendationList => ("获奖建议名单", "award recommendation list"),
            Provisional => (
                "暂定（非标准原文）",
                "provisional (not the standard's text)",
            ),
        };
        pick(lang, zh, en)
    }

    /// The terms a programme file may word differently (the glossary marks them "programme").
    pub fn programme_may_reword(self) -> bool {
        matches!(self, Term::Ofi)
    }
}

/// A term as the programme words it in a stage: the programme's own word where it gives one
/// (`terms` in the programme file), else the glossary's.
pub fn in_programme(program: &Program, term: Term, stage: StageKind, lang: Lang) -> &str {
    let own = match term {
        Term::Ofi => program.terms.ofi.get(&stage),
        _ => None,
    };
    own.map_or_else(|| term.text(lang), |t| t.get(lang))
}

/// The programme's stage kind of a review stage.
pub fn stage_kind(stage: Stage) -> StageKind {
    match stage {
        Stage::DocumentReview => StageKind::DocumentReview,
        Stage::SiteReview => StageKind::SiteReview,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glossary_words_not_their_rejected_synonyms() {
        assert_eq!(Term::Applicant.text(Lang::Zh), "申报对象");
        assert_eq!(Term::AwardTrack.text(Lang::Zh), "奖项类别");
        assert_eq!(Term::HasInterest.text(Lang::Zh), "有利害关系");
        assert_eq!(Term::Evidence.text(Lang::Zh), "证据");
        assert!(!Term::Applicant.programme_may_reword());
        assert!(Term::Ofi.programme_may_reword());
    }

    /// Jinshan words the OFI per stage (第十八条(三)、(四)); elsewhere the glossary's word holds.
    #[test]
    fn a_programme_rewords_only_what_it_may() {
        let catalog = crate::program::Catalog::embedded();
        let jinshan = &catalog.program("jinshan-2023").expect("embedded").doc;
        let ofi = |stage| in_programme(jinshan, Term::Ofi, stage, Lang::Zh);
        assert_eq!(ofi(StageKind::DocumentReview), "质量改进建议");
        assert_eq!(ofi(StageKind::SiteReview), "可改进之处");
        assert_eq!(ofi(StageKind::Comprehensive), "改进机会");
        let applicant = in_programme(jinshan, Term::Applicant, StageKind::SiteReview, Lang::Zh);
        assert_eq!(applicant, "申报对象");
    }
}

/// A role as typed on the command line (`--role`): the English word or the panel's own (组长,
/// 组员/专家/成员, 见习); clap's value parser for `roster add` and `round add-member`.
pub fn parse_role(word: &str) -> Result<crate::identity::Role, String> {
    use crate::identity::Role;
    match word.trim().to_ascii_lowercase().as_str() {
        "leader" | "组长" | "评审组长" => Ok(Role::Leader),
        "member" | "组员" | "专家" | "成员" => Ok(Role::Member),
        "trainee" | "shadow" | "见习" => Ok(Role::Trainee),
        other => Err(format!(
            "unknown role '{other}' (use leader, member or trainee / 组长、组员、见习)"
        )),
    }
}

#[cfg(test)]
mod role_words {
    use super::parse_role;
    use crate::identity::Role;

    #[test]
    fn roles_parse_in_either_language_and_others_are_refused() {
        assert_eq!(parse_role("Trainee"), Ok(Role::Trainee));
        assert_eq!(parse_role("组长"), Ok(Role::Leader));
        assert_eq!(parse_role(" 专家 "), Ok(Role::Member));
        assert!(
            parse_role("boss")
                .unwrap_err()
                .contains("leader, member or trainee")
        );
    }
}
