//! Why a review change was refused.

use crate::framework::PercentError;
use crate::lang::Lang;

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
    #[error("state the relationship (e.g. 曾为其提供辅导) to declare a conflict")]
    EmptyRelationship,
    #[error(transparent)]
    Percent(#[from] PercentError),
    #[error("item {0} is not in the framework")]
    UnknownItem(String),
    #[error("this review was scored on framework {review}, not {given}")]
    FrameworkMismatch { review: String, given: String },
    #[error("{} has not started", stage_en(*.0))]
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
    #[error("eligibility condition '{0}' is not in the programme's checklist")]
    UnknownCondition(String),
}

fn stage_en(s: Stage) -> &'static str {
    match s {
        Stage::DocumentReview => "document review",
        Stage::SiteReview => "site review",
    }
}

fn stage_zh(s: Stage) -> &'static str {
    match s {
        Stage::DocumentReview => "资料评审",
        Stage::SiteReview => "现场评审",
    }
}

fn what_zh(what: &str) -> &'static str {
    match what {
        "strength" => "优势",
        "OFI" => "改进机会",
        "site-visit issue" => "现场评审问题",
        "key factor" => "组织概述要点",
        _ => "条目",
    }
}

impl ReviewError {
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            ReviewError::ConflictUndeclared => {
                "评分前请先作回避声明（是否与该申报单位存在利害关系）".into()
            }
            ReviewError::ConflictLocked { relationship } => {
                format!("已声明回避（{relationship}），不能对该申报单位评分")
            }
            ReviewError::ConflictIsFinal => "已记录的回避声明不能撤回".into(),
            ReviewError::EmptyRelationship => "声明回避时请说明关系（如：曾为其提供辅导）".into(),
            ReviewError::Percent(e) => match e {
                PercentError::AboveHundred(v) => format!("得分率 {v}% 超过 100%"),
                PercentError::OffStep { value, step } => {
                    format!(
                        "得分率 {value}% 不在 {step}% 的档位上（可选 0、{step}、{}……100）",
                        step * 2
                    )
                }
                PercentError::NotANumber(t) => format!("“{t}”不是整数百分比"),
            },
            ReviewError::UnknownItem(c) => format!("评分条款 {c} 不在评价准则中"),
            ReviewError::FrameworkMismatch { review, given } => {
                format!("该评审依据的评价准则是 {review}，不是 {given}")
            }
            ReviewError::StageNotStarted(s) => format!("{}尚未开始", stage_zh(*s)),
            ReviewError::SiteReviewStarted => "现场评审已经开始".into(),
            ReviewError::DocumentReviewClosed => {
                "现场评审已开始，资料评审记录保持原样；请修改现场评审的评分".into()
            }
            ReviewError::NoSuchEntry { what, index, len } => {
                format!("没有第 {} 条{}（共 {len} 条）", index + 1, what_zh(what))
            }
            ReviewError::NotScored(c) => format!("请先给条款 {c} 评分，再标记为评完"),
            ReviewError::ResolveOnlyOnSite => "现场评审问题在现场评审阶段处理".into(),
            ReviewError::UnknownCondition(c) => format!("资格条件“{c}”不在评奖办法的清单中"),
        }
    }
}
