//! The help screen: scrolls, and closes on Esc, Enter, `?` or `q`.

use super::Effect;
use crate::tui::action::Action;
use crate::tui::model::Model;

pub(super) fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Back | Action::Help | Action::Quit | Action::Open => m.help = false,
        Action::Up => m.help_scroll = m.help_scroll.saturating_sub(1),
        Action::Down => m.help_scroll = m.help_scroll.saturating_add(1),
        Action::PageUp => m.help_scroll = m.help_scroll.saturating_sub(10),
        Action::PageDown => m.help_scroll = m.help_scroll.saturating_add(10),
        Action::Home => m.help_scroll = 0,
        _ => {}
    }
    Vec::new()
}

pub(super) fn open(m: &mut Model) -> Vec<Effect> {
    m.help = true;
    m.help_scroll = 0;
    Vec::new()
}
