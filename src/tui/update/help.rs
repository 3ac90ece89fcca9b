//! The help screen: scrolls by a line or a page (PgUp/PgDn) and stops at its last line; closes
//! on Esc, Enter, `?` or `q`.

use super::Effect;
use crate::tui::action::Action;
use crate::tui::model::Model;
use crate::tui::view::help_bounds;

pub(super) fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    let (page, max) = help_bounds(m);
    let at = m.help_scroll.min(max);
    match action {
        Action::Back | Action::Help | Action::Quit | Action::Open => m.help = false,
        Action::Up => m.help_scroll = at.saturating_sub(1),
        Action::Down => m.help_scroll = at.saturating_add(1).min(max),
        Action::PageUp => m.help_scroll = at.saturating_sub(page),
        Action::PageDown => m.help_scroll = at.saturating_add(page).min(max),
        Action::Home => m.help_scroll = 0,
        Action::End => m.help_scroll = max,
        _ => {}
    }
    Vec::new()
}

pub(super) fn open(m: &mut Model) -> Vec<Effect> {
    m.help = true;
    m.help_scroll = 0;
    Vec::new()
}
