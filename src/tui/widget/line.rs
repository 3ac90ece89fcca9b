//! Drawing one pre-laid-out line straight into the frame's buffer. The item screen draws a few
//! thousand characters a frame (issue 11: ≤ 0.5 ms at 200×60), and a `Line` or `Paragraph`
//! widget measures every line's width before drawing it and styles the whole row; lines that the
//! wrap has already fitted to their width need neither.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Draws `line` left-aligned on the row of `area` from its left edge: each span with the
/// line's style under its own, cut at the area's right edge as a `Line` widget cuts it. The
/// line's style goes on its text only, not on the rest of the row.
pub fn draw(buf: &mut Buffer, area: Rect, line: &Line<'_>) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let right = area.right();
    let mut x = area.x;
    let last = line.spans.len().saturating_sub(1);
    for (i, span) in line.spans.iter().enumerate() {
        if x >= right {
            break;
        }
        let rect = Rect::new(x, area.y, right - x, 1);
        if line.style == Style::default() {
            span.render(rect, buf);
        } else {
            Span::styled(span.content.as_ref(), line.style.patch(span.style)).render(rect, buf);
        }
        // The last span's width is not needed: nothing comes after it.
        if i < last {
            x = x.saturating_add(u16::try_from(span.width()).unwrap_or(u16::MAX));
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};

    use super::*;

    /// The row as the `Line` widget draws it, the line's style put on its spans first (so the
    /// rest of the row is left alone, as [`draw`] leaves it).
    fn as_widget(line: &Line<'_>, width: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, width + 3, 1));
        let spans: Vec<Span<'_>> = line
            .spans
            .iter()
            .map(|s| Span::styled(s.content.as_ref(), line.style.patch(s.style)))
            .collect();
        Line::from(spans).render(Rect::new(1, 0, width, 1), &mut buf);
        buf
    }

    fn drawn(line: &Line<'_>, width: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, width + 3, 1));
        draw(&mut buf, Rect::new(1, 0, width, 1), line);
        buf
    }

    #[test]
    fn draws_as_the_line_widget_does_whole_cut_and_styled() {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let lines = [
            Line::from("领导作用发挥充分"),
            Line::from(vec![
                Span::styled("优势1", bold),
                Span::raw("  要求: a, c"),
                Span::styled(" 证据", Style::default().fg(Color::Yellow)),
            ]),
            Line::from(vec![Span::raw("> "), Span::styled("领导作用", bold)])
                .patch_style(Style::default().add_modifier(Modifier::REVERSED)),
            Line::from(""),
        ];
        for line in &lines {
            // Wide enough, cut in the middle of a wide character, and one cell.
            for width in [30, 7, 1] {
                assert_eq!(
                    drawn(line, width),
                    as_widget(line, width),
                    "{line:?} at {width}"
                );
            }
        }
    }
}
