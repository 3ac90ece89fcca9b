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
//! Areas: [`terms`] (the glossary), [`criteria`] (frameworks and programmes as users read them).

pub mod criteria;
pub mod terms;

pub use crate::lang::Lang;

/// Picks one of a pair of static texts. The building block of every table in this module.
#[inline]
pub const fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
