//! Help: every key of every context, generated from the key map (so it cannot drift from it).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::heading;
use crate::i18n::tui::{Msg, help_extra, t};
use crate::tui::keymap::action_label;
use crate::tui::keymap::{Context, KeyMap};
use crate::tui::model::Model;
use crate::tui::widget::wrap::{truncate, wrap};
use unicode_width::UnicodeWidthStr;

pub(crate) fn render(m: &Model, f: &mut Frame, area: Rect) {
    f.render_widget(Clear, area);
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", t(m.lang, Msg::ScreenHelp)),
        heading(),
    ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let lines = lines(m, inner.width);
    let max = u16::try_from(lines.len().saturating_sub(usize::from(inner.height))).unwrap_or(0);
    f.render_widget(
        Paragraph::new(lines).scroll((m.help_scroll.min(max), 0)),
        inner,
    );
}

/// The help's lines at `w` cells wide: the intro, each context's bindings, then the keys the
/// key map does not hold (direct scoring, the text field's editing keys).
fn lines(m: &Model, w: u16) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = wrap(t(m.lang, Msg::HelpIntro), w, 4)
        .into_iter()
        .map(Line::from)
        .collect();
    let key_w = 22.min(usize::from(w) / 2);
    // The side that is open: the leader's consensus, or the reviewer's screens.
    let leader = m.consensus.is_some();
    for ctx in Context::ALL {
        if ctx == Context::Help || (leader && ctx.is_reviewer()) || (!leader && ctx.is_consensus())
        {
            continue;
        }
        let bindings: Vec<_> = m
            .keymap
            .bindings()
            .iter()
            .filter(|b| b.context == ctx && !b.keys.is_empty())
            .collect();
        if bindings.is_empty() {
            continue;
        }
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(t(m.lang, ctx.title()), heading())));
        for b in bindings {
            let keys = truncate(&KeyMap::keys_label(b), key_w);
            row(&mut lines, &keys, key_w, action_label(m.lang, &b.action), w);
        }
    }
    let key_w = key_w.max(1);
    // Direct scoring (the first section) and the site-visit issues (the third) are the
    // reviewer's; the leader's side has no digits and no issues.
    for (i, (title, rows)) in help_extra(m.lang).into_iter().enumerate() {
        if leader && (i == 0 || i == 2) {
            continue;
        }
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(title, heading())));
        for (keys, meaning) in rows {
            let keys = truncate(keys, key_w);
            row(&mut lines, &keys, key_w, meaning, w);
        }
    }
    lines
}

/// One key and its meaning: the meaning wrapped beside the key column, its further lines
/// indented under it.
fn row(lines: &mut Vec<Line<'static>>, keys: &str, key_w: usize, meaning: &str, w: u16) {
    let indent = key_w + 4;
    let pad = key_w.saturating_sub(keys.width());
    let room = w.saturating_sub(u16::try_from(indent).unwrap_or(u16::MAX));
    let mut said = wrap(meaning, room.max(1), 6).into_iter();
    lines.push(Line::from(format!(
        "  {keys}{}  {}",
        " ".repeat(pad),
        said.next().unwrap_or_default()
    )));
    lines.extend(said.map(|x| Line::from(format!("{}{x}", " ".repeat(indent)))));
}

/// The help box inside a `width`×`height` window: the body less the title, status and hint
/// rows, less the border.
fn inner_size((width, height): (u16, u16)) -> (u16, u16) {
    (width.saturating_sub(2), height.saturating_sub(5))
}

/// Rows the help shows at once in a window of that size (one page).
pub(crate) fn page(window: (u16, u16)) -> u16 {
    inner_size(window).1.max(1)
}

/// The furthest the help scrolls in a window of that size: its last line at the bottom.
pub(crate) fn max_scroll(m: &Model, window: (u16, u16)) -> u16 {
    let (w, h) = inner_size(window);
    let n = lines(m, w).len();
    u16::try_from(n.saturating_sub(usize::from(h))).unwrap_or(u16::MAX)
}
