//! The one home of user-facing text (界面文字). Every word a person reads — in the TUI, on the
//! command line (clap's help included), in the reports and in every error shown to a person —
//! comes from here. The core returns typed reasons (codes and fields); only this module turns
//! them into words.
//!
//! Conventions, so that a missing translation does not compile:
//! - Each area has one file and one `enum` of messages, worded by one exhaustive `match` that
//!   gives the Chinese and the English side by side (`(zh, en)` tuples or `match lang`).
//! - A message with values is a variant with fields (or a function taking them) returning
//!   `String`; the order of words is the language's, never built by concatenating pieces.
//! - The award's vocabulary is [`terms::Term`] (`../shared/design/glossary.md`): use it rather than
//!   spelling 申报对象 / 奖项类别 / 评审专家 … again; a programme may reword the few terms the
//!   glossary marks.
//!
//! Areas: [`terms`] (the glossary), [`criteria`] (frameworks and programmes as users read them),
//! [`service`] (the use-cases' refusals, for both front ends), [`cli`] (the command line:
//! clap's help, headings, messages),
//! [`durable`] (saving, notices at open, key permissions), [`identity`] (the key's refusals),
//! [`tui`] (the terminal app),
//! [`reason`] (why something failed: criteria files, the workspace, signed sheets, the
//! panel's exclusions and ranking notes), [`review`] (a review's states, refusals and
//! comment-check warnings), [`report`] (the reports' words),
//! [`site`] (site review's overview and the open-issue warning),
//! [`checks`] (strictness: refused names, rank's audit), [`coverage`] (a merge against a
//! round: coverage, short stages, the proposed site-review shortlist), [`seal`] (passphrases,
//! sealed sheets, the encrypted workspace), [`stage_report`] (the per-applicant reports of each
//! stage, 第十八条(三)–(五)).

pub mod award_list;
pub mod checks;
pub mod cli;
pub mod conduct;
pub mod coverage;
pub mod criteria;
pub mod durable;
pub mod identity;
pub mod reason;
pub mod report;
pub mod review;
pub mod round;
pub mod round_import;
pub mod seal;
pub mod service;
pub mod site;
pub mod stage_report;
pub mod supervision;
pub mod synthesis;
pub mod terms;
pub mod tui;
pub mod verify;

pub use crate::lang::Lang;

/// Picks one of a pair of static texts. The building block of every table in this module.
#[inline]
pub const fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Picks one of a pair of formatted texts. Both are built: these are short messages shown
/// once, and building both keeps the two languages side by side in one `match`.
#[inline]
pub fn pick_owned(lang: Lang, (zh, en): (String, String)) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// As [`pick`], for borrowed texts of any lifetime (words a programme file gives).
#[inline]
pub fn pick_str<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Punctuation that must not begin a line in Chinese typesetting (避头点), nor its Western
/// counterparts: every wrap of user text keeps these at the end of the line before.
pub const NO_LINE_START: &str = "，。、；：？！）》」』】〕〉〗］｝．％‰℃·”’…%,.;:?!)]}";

/// Punctuation that must not end a line (避尾点): opening brackets and quotes stay with what
/// they open.
pub const NO_LINE_END: &str = "（《「『【〔〈〖［｛“‘([{";
