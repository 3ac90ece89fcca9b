//! The summary: totals, progress and the comment check. The unscored items and the warnings
//! are one selectable list (Up/Down, PgUp/PgDn, Home/End); Enter opens the selected entry's
//! item, so a reviewer goes from "what is left" to the work in one key (issue 11). With
//! nothing listed, the keys scroll the page.

use super::applicants::{ask_site_review, export};
use super::items::open_item;
use super::{Effect, open_goto, tab};
use crate::tui::action::Action;
use crate::tui::model::{Model, Screen};

/// Entries a page key moves over.
const PAGE: usize = 10;

pub(super) fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    let targets = m.summary_targets();
    if !targets.is_empty() {
        let last = targets.len() - 1;
        let at = m.summary_selection(targets.len());
        match action {
            Action::Up => m.summary_sel = at.saturating_sub(1),
            Action::Down => m.summary_sel = (at + 1).min(last),
            Action::PageUp => m.summary_sel = at.saturating_sub(PAGE),
            Action::PageDown => m.summary_sel = (at + PAGE).min(last),
            Action::Home => m.summary_sel = 0,
            Action::End => m.summary_sel = last,
            Action::Open => {
                m.summary_sel = at;
                open_item(m, targets[at].clone());
            }
            _ => return screen_keys(m, action),
        }
        return Vec::new();
    }
    screen_keys(m, action)
}

/// The keys that do not move in the lists.
fn screen_keys(m: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Back => m.screen = Screen::Applicants,
        Action::NextPane | Action::PrevPane => tab(m, action == Action::NextPane),
        Action::Up => m.summary_scroll = m.summary_scroll.saturating_sub(1),
        Action::Down => m.summary_scroll = m.summary_scroll.saturating_add(1),
        Action::PageUp => m.summary_scroll = m.summary_scroll.saturating_sub(10),
        Action::PageDown => m.summary_scroll = m.summary_scroll.saturating_add(10),
        Action::Home => m.summary_scroll = 0,
        Action::StartSiteReview => ask_site_review(m),
        Action::ExportSheet => return export(m),
        Action::GotoItem => open_goto(m),
        _ => {}
    }
    Vec::new()
}
