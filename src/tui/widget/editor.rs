//! The text field: ratatui-textarea drawn into a rect, with the real terminal cursor placed at
//! the caret so a Chinese IME's candidate window follows it.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

/// Draws the field and puts the terminal cursor at its caret.
pub fn render(f: &mut Frame, area: &TextArea<'static>, rect: Rect) {
    if rect.width == 0 || rect.height == 0 {
        return;
    }
    let buf_area = f.area();
    let rect = rect.intersection(buf_area);
    if rect.is_empty() {
        return;
    }
    f.render_widget(area, rect);
    let caret = area.screen_cursor();
    let (top, left) = area.scroll_offset();
    let dy = caret.row.saturating_sub(usize::from(top));
    let dx = caret.col.saturating_sub(usize::from(left));
    let x = rect.x.saturating_add(u16::try_from(dx).unwrap_or(u16::MAX));
    let y = rect.y.saturating_add(u16::try_from(dy).unwrap_or(u16::MAX));
    let x = x.min(rect.right().saturating_sub(1));
    let y = y.min(rect.bottom().saturating_sub(1));
    f.set_cursor_position(Position::new(x, y));
}

/// The style of a field: underlined, so it reads as editable on dark and light themes alike.
pub fn field_style() -> Style {
    Style::default().add_modifier(Modifier::UNDERLINED)
}
