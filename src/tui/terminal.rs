//! The one way in and out of the terminal for every screen of the app: raw mode, the alternate
//! screen and bracketed paste go on together and come off together — when the guard is dropped,
//! on an error that unwinds past it, and on a panic (the hook runs before the message prints, so
//! the reviewer's shell is usable and the message readable).

use std::io::{IsTerminal, stdin, stdout};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;

/// Holds the terminal in the app's mode while it lives.
pub struct Guard {
    pub terminal: DefaultTerminal,
}

/// Refuses, with one line in the interface language, to start a screen without a terminal
/// (piped, cron, CI): called before anything is read or written, so nothing is left behind.
pub fn require(lang: crate::lang::Lang) -> anyhow::Result<()> {
    if stdin().is_terminal() && stdout().is_terminal() {
        Ok(())
    } else {
        anyhow::bail!(crate::i18n::tui::t(lang, crate::i18n::tui::Msg::NoTerminal))
    }
}

impl Guard {
    pub fn enter() -> anyhow::Result<Guard> {
        // ratatui's hook restores the screen; bracketed paste is ours to switch off. A
        // terminal that cannot be set up is an error to report, not a panic.
        let terminal = ratatui::try_init()?;
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(stdout(), DisableBracketedPaste);
            previous(info);
        }));
        // Best effort: legacy Windows consoles refuse it, and typing still works without.
        let _ = execute!(stdout(), EnableBracketedPaste);
        Ok(Guard { terminal })
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableBracketedPaste);
        ratatui::restore();
    }
}
