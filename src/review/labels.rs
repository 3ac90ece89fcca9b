//! Names of the model's states in both interface languages, kept beside the model so every
//! front end (TUI, reports, CLI) says the same thing.

use super::model::{SiteIssueKind, SiteIssueStatus, Stage, Verdict};
use crate::lang::Lang;

fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

impl Stage {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Stage::DocumentReview => pick(lang, "资料评审", "document review"),
            Stage::SiteReview => pick(lang, "现场评审", "site review"),
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
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SiteIssueStatus::Open => pick(lang, "待处理", "open"),
            SiteIssueStatus::Verified => pick(lang, "已核实", "verified"),
            SiteIssueStatus::NotConfirmed => pick(lang, "未证实", "not confirmed"),
            SiteIssueStatus::Clarified => pick(lang, "已澄清", "clarified"),
        }
    }
}

impl Verdict {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Verdict::Met => pick(lang, "符合", "met"),
            Verdict::NotMet => pick(lang, "不符合", "not met"),
            Verdict::Unclear => pick(lang, "待核实", "unclear"),
        }
    }
}
