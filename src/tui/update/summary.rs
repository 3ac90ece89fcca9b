//! The summary: totals, progress and the comment check, scrolled as one page.

use super::applicants::{ask_site_review, export};
use super::{Effect, open_goto, tab};
use crate::tui::action::Action;
use crate::tui::model::{Model, Screen};

pub(super) fn update(m: &mut Model, action: Action) -> Vec<Effect> {
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
