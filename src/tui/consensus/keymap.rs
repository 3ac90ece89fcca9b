//! Keys → actions for the consensus screen. Arrow keys and Enter are the primary keys; letters
//! are ASCII so they work under a Chinese IME in English mode.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::model::Action;

/// The action for a terminal event, if any. Releases and repeats of Windows terminals are
/// ignored (only `Press`), a paste is one insert.
pub fn action_for(event: &Event, editing: bool) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => key_action(key, editing),
        Event::Paste(text) if editing => Some(Action::Insert(text.clone())),
        _ => None,
    }
}

fn key_action(key: &KeyEvent, editing: bool) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if editing {
        return Some(match key.code {
            KeyCode::Enter => Action::Commit,
            KeyCode::Esc => Action::Cancel,
            KeyCode::Backspace => Action::Backspace,
            KeyCode::Delete => Action::Delete,
            KeyCode::Left => Action::CursorLeft,
            KeyCode::Right => Action::CursorRight,
            KeyCode::Home => Action::Home,
            KeyCode::End => Action::End,
            KeyCode::Char('a') if ctrl => Action::Home,
            KeyCode::Char('e') if ctrl => Action::End,
            KeyCode::Char(c) if !ctrl => Action::Insert(c.to_string()),
            _ => return None,
        });
    }
    Some(match key.code {
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::Left | KeyCode::Char('-') => Action::Lower,
        KeyCode::Right | KeyCode::Char('+') | KeyCode::Char('=') => Action::Raise,
        KeyCode::Tab | KeyCode::BackTab => Action::SwitchFocus,
        KeyCode::Char(' ') => Action::ToggleKeep,
        KeyCode::Enter => Action::Agree,
        KeyCode::Char('r') => Action::EditRationale,
        KeyCode::Char('e') => Action::EditComment,
        KeyCode::Char('a') => Action::AddStrength,
        KeyCode::Char('o') => Action::AddOfi,
        KeyCode::Char('n') | KeyCode::PageDown => Action::NextApplicant,
        KeyCode::Char('p') | KeyCode::PageUp => Action::PrevApplicant,
        KeyCode::Char('x') => Action::Export,
        KeyCode::Char('s') if ctrl => Action::Save,
        KeyCode::Char('s') => Action::Save,
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Esc => Action::Cancel,
        KeyCode::Char('?') | KeyCode::F(1) => Action::ToggleHelp,
        _ => return None,
    })
}
