//! Which layer has the keys: help over a dialog over a text field over the screen. `update`
//! routes an action by it, the key map reads keys in its context, and the hint bar describes it,
//! so the three cannot disagree about where a key goes.

use super::keymap::Context;
use super::model::{AddStep, Dialog, Model, Screen};

/// The layer on top, the one that gets the next key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    Help,
    /// A modal box; `typing` when its current step is a one-line text field.
    Dialog {
        typing: bool,
    },
    /// The comment form; `multiline` when its focused field is the text (Enter starts a line).
    Form {
        multiline: bool,
    },
    /// A text field over part of the applicant; `multiline` when Enter starts a new line.
    Editor {
        multiline: bool,
    },
    Screen(Screen),
}

/// The one place that decides: help > dialog > comment form > editor > screen.
pub fn active(m: &Model) -> Layer {
    if m.help {
        Layer::Help
    } else if let Some(d) = &m.dialog {
        Layer::Dialog {
            typing: has_text_field(d),
        }
    } else if let Some(f) = &m.form {
        Layer::Form {
            multiline: f.field == super::model::FormField::Text,
        }
    } else if let Some(e) = &m.editor {
        Layer::Editor {
            multiline: e.multiline,
        }
    } else {
        Layer::Screen(m.screen)
    }
}

/// Whether a text field has the keys, and whether Enter makes a new line in it.
pub fn text_focus(m: &Model) -> Option<bool> {
    match active(m) {
        Layer::Dialog { typing: true } => Some(false),
        Layer::Editor { multiline } | Layer::Form { multiline } => Some(multiline),
        _ => None,
    }
}

/// Whether the dialog's current step is a text field (the rest are choices and confirmations).
pub fn has_text_field(d: &Dialog) -> bool {
    match d {
        Dialog::FirstRun { .. }
        | Dialog::Rename { .. }
        | Dialog::Goto { .. }
        | Dialog::TypeScore { .. }
        | Dialog::UnsavedQuit { .. }
        | Dialog::ImportRound { .. }
        | Dialog::SiteIssue { .. }
        | Dialog::ResolveIssue { .. } => true,
        Dialog::Add(f) => matches!(f.step, AddStep::Name | AddStep::Relationship),
        Dialog::Conduct { on_note, .. } => *on_note,
        Dialog::ConfirmRemove
        | Dialog::ConfirmSiteReview
        | Dialog::ConfirmExport
        | Dialog::ConfirmDraftExport { .. }
        | Dialog::ConfirmOpenIssues { .. }
        | Dialog::Notices(_)
        | Dialog::Restore { .. } => false,
    }
}

/// The key-map context of the layer on top. A text field reads its keys itself (see
/// `keymap::translate`); what it does not take is read in its screen's context.
pub fn context(m: &Model) -> Context {
    match active(m) {
        Layer::Help => Context::Help,
        Layer::Dialog { .. } => Context::Dialog,
        Layer::Editor { .. } | Layer::Form { .. } => screen_context(m.screen),
        Layer::Screen(s) => screen_context(s),
    }
}

fn screen_context(s: Screen) -> Context {
    match s {
        Screen::Applicants => Context::Applicants,
        Screen::KeyFactors => Context::KeyFactors,
        Screen::Eligibility => Context::Eligibility,
        Screen::Items => Context::Items,
        Screen::Item => Context::Item,
        Screen::Summary => Context::Summary,
        Screen::Consensus => Context::Consensus,
        Screen::HeatMap => Context::HeatMap,
    }
}
