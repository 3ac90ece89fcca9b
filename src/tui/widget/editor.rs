//! The text field: the text of a ratatui-textarea laid out by the one wrap (issue 11: what is
//! being typed breaks by the Chinese line-start rules, as the same text does once shown), with
//! the real terminal cursor placed at the caret so a Chinese IME's candidate window follows it.
//!
//! The `TextArea` keeps the text, the caret, undo and the editing keys; it no longer draws
//! itself (its own wrap let a line start with "，" while typing and broke differently from the
//! finished text). Its Up/Down still move by logical line, not by the rows drawn here.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::field_layout::{self, FieldLayout, cells};

/// The selection's look: ratatui-textarea's own default (the app sets none, and the text area
/// hands its selection style out only to a mutable borrow).
fn selection_style() -> Style {
    Style::default().bg(Color::LightBlue)
}

/// Draws the field and puts the terminal cursor at its caret.
pub fn render(f: &mut Frame, area: &TextArea<'static>, rect: Rect) {
    if let Some(at) = draw(f, area, rect) {
        f.set_cursor_position(at);
    }
}

/// Draws the field (its caret cell marked as the text area marked it) without taking the
/// terminal cursor: a field that is shown but not being typed in. Returns the caret's cell.
pub fn draw(f: &mut Frame, area: &TextArea<'static>, rect: Rect) -> Option<Position> {
    let rect = rect.intersection(f.area());
    if rect.is_empty() {
        return None;
    }
    let lines = area.lines();
    let caret = area.cursor();
    let FieldLayout { rows, caret: at } = field_layout::layout(
        lines,
        (caret.0, caret.1),
        rect.width,
        usize::from(rect.height),
    );
    let top = field_layout::top_row(at.0, rect.height);
    let selection = area.selection_range();
    let buf_style = area.style();
    for (dy, (li, row)) in rows
        .iter()
        .skip(top)
        .take(usize::from(rect.height))
        .enumerate()
    {
        let y = rect.y + u16::try_from(dy).unwrap_or(u16::MAX);
        let r = Rect::new(rect.x, y, rect.width, 1);
        f.render_widget(
            Paragraph::new(Line::from(row.text.as_str())).style(buf_style),
            r,
        );
        if let Some((from, to)) = selection {
            let mut x = 0usize;
            for (c, &s) in row.text.chars().zip(&row.src) {
                let w = cells(c);
                if from <= (*li, s) && (*li, s) < to && x < usize::from(rect.width) {
                    let dx = u16::try_from(x).unwrap_or(u16::MAX);
                    let cw = u16::try_from(w).unwrap_or(1);
                    let cell = Rect::new(rect.x.saturating_add(dx), y, cw, 1).intersection(r);
                    f.buffer_mut().set_style(cell, selection_style());
                }
                x += w;
            }
        }
    }
    let dy = u16::try_from(at.0 - top).unwrap_or(u16::MAX);
    let pos = Position::new(rect.x + at.1, rect.y.saturating_add(dy));
    if pos.y >= rect.bottom() {
        return None;
    }
    // The caret cell: as wide as the character under it (a space past the end).
    let under = lines
        .get(caret.0)
        .and_then(|l| l.chars().nth(caret.1))
        .map_or(1, cells)
        .max(1);
    let w = u16::try_from(under).unwrap_or(1).min(rect.right() - pos.x);
    f.buffer_mut()
        .set_style(Rect::new(pos.x, pos.y, w, 1), area.cursor_style());
    Some(pos)
}

/// The style of a field: underlined, so it reads as editable on dark and light themes alike.
pub fn field_style() -> Style {
    Style::default().add_modifier(Modifier::UNDERLINED)
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui_textarea::CursorMove;

    use super::*;
    use crate::tui::model::text_area;

    /// The field drawn at `w`×`h`: its rows and the terminal cursor.
    fn drawn(a: &TextArea<'static>, w: u16, h: u16) -> (Vec<String>, Position) {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| render(f, a, f.area())).unwrap();
        let buf = t.backend().buffer().clone();
        let rows = (0..h)
            .map(|y| {
                let mut s = String::new();
                let mut x = 0;
                while x < w {
                    let sym = buf[(x, y)].symbol();
                    s.push_str(sym);
                    x += u16::try_from(unicode_width::UnicodeWidthStr::width(sym).max(1)).unwrap();
                }
                s.trim_end().to_string()
            })
            .collect();
        (rows, t.get_cursor_position().unwrap())
    }

    #[test]
    fn a_short_text_shows_from_its_first_row_and_the_cursor_follows_the_caret() {
        let mut a = text_area("质量管理，体系");
        let (rows, at) = drawn(&a, 8, 3);
        assert_eq!(rows, ["质量管", "理，体系", ""]);
        assert_eq!(at, Position::new(7, 1));
        a.move_cursor(CursorMove::Head);
        let (rows, at) = drawn(&a, 8, 3);
        assert_eq!(rows[0], "质量管");
        assert_eq!(at, Position::new(0, 0));
    }

    #[test]
    fn a_long_text_scrolls_so_the_caret_is_in_view() {
        let mut a = text_area("一二三四五六七八九十");
        let (rows, at) = drawn(&a, 4, 2);
        assert_eq!(rows, ["七八", "九十"]);
        assert_eq!(at, Position::new(3, 1));
        a.move_cursor(CursorMove::Top);
        a.move_cursor(CursorMove::Head);
        let (rows, at) = drawn(&a, 4, 2);
        assert_eq!(rows, ["一二", "三四"]);
        assert_eq!(at, Position::new(0, 0));
    }

    #[test]
    fn the_caret_cell_is_marked_as_the_text_area_marks_it() {
        let mut a = text_area("ab");
        a.move_cursor(CursorMove::Head);
        let mut t = Terminal::new(TestBackend::new(4, 1)).unwrap();
        t.draw(|f| render(f, &a, f.area())).unwrap();
        let buf = t.backend().buffer();
        assert!(buf[(0, 0)].modifier.contains(Modifier::REVERSED));
        assert!(!buf[(1, 0)].modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn a_selection_is_drawn_on_the_rows_the_wrap_gives() {
        let mut a = text_area("质量管理，体系");
        a.move_cursor(CursorMove::Head);
        a.start_selection();
        for _ in 0..4 {
            a.move_cursor(CursorMove::Forward);
        }
        let mut t = Terminal::new(TestBackend::new(8, 2)).unwrap();
        t.draw(|f| render(f, &a, f.area())).unwrap();
        let buf = t.backend().buffer();
        let selected = |x: u16, y: u16| buf[(x, y)].bg == Color::LightBlue;
        // 质量管 on the first row, 理 first on the second; the caret (on ，) is not selected.
        assert!(selected(0, 0) && selected(4, 0) && selected(0, 1));
        assert!(!selected(2, 1) && buf[(2, 1)].modifier.contains(Modifier::REVERSED));
    }
}
