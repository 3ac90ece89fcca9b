//! Drawing one pre-laid-out line straight into the frame's buffer. The item screen draws a few
//! thousand characters a frame (issue 11: ≤ 0.5 ms at 200×60), and a `Line` or `Paragraph`
//! widget measures every line's width before drawing it and styles the whole row; lines that the
//! wrap has already fitted to their width need neither. And most of what a reviewer writes is
//! characters that are each a grapheme of their own (汉字, Chinese punctuation, ASCII): those are
//! put in their cells one by one, without the grapheme segmentation a span needs for the rest.

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
    for span in &line.spans {
        if x >= right {
            break;
        }
        let rect = Rect::new(x, area.y, right - x, 1);
        let style = line.style.patch(span.style);
        if span.content.chars().all(alone) {
            x = simple(buf, rect, &span.content, style);
            continue;
        }
        // As a `Line` does: a span of no width is not drawn (its marks would land on the cell
        // before), the others one after the other.
        let w = span.width();
        if w == 0 {
            continue;
        }
        Span::styled(span.content.as_ref(), style).render(rect, buf);
        x = x.saturating_add(u16::try_from(w).unwrap_or(u16::MAX));
    }
}

/// A character that is a grapheme by itself whatever stands beside it (its grapheme-break
/// property is "Other": no mark joins it, it joins nothing), one or two cells wide, and not a
/// control: printable ASCII, Latin-1 letters and signs, general punctuation (“” … —), CJK
/// punctuation, ideographs, kana and full-width forms. The rest goes through the span.
fn alone(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{a0}'..='\u{ac}'
        | '\u{ae}'..='\u{ff}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205e}'
        | '\u{3000}'..='\u{3029}'
        | '\u{3030}'..='\u{303f}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30a0}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ff01}'..='\u{ff60}')
}

/// Draws text of [`alone`] characters from the left of `area` as a span draws it: each in its
/// cell with `style`, a wide one blanking the cell it covers, cut before the first that does
/// not fit. Returns where the text ends, or the area's right edge when it was cut (nothing
/// more is drawn on the row then, as a `Line` draws nothing after a cut span).
fn simple(buf: &mut Buffer, area: Rect, text: &str, style: Style) -> u16 {
    use unicode_width::UnicodeWidthChar;
    let right = area.right();
    let mut x = area.x;
    for c in text.chars() {
        let w = u16::try_from(c.width().unwrap_or(1)).unwrap_or(1);
        let next = x.saturating_add(w);
        if next > right {
            return right;
        }
        buf[(x, area.y)].set_char(c).set_style(style);
        for hidden in x + 1..next {
            buf[(hidden, area.y)].reset();
        }
        x = next;
    }
    x
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

    /// Text from what a reviewer types and what joins into one grapheme or is drawn apart:
    /// combining marks, emoji with a skin tone or a joiner, flags, Hangul jamo, half-width
    /// sound marks, zero-width and control characters, tabs.
    fn text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("领导"),
            Just("，。、"),
            Just("“引”…—"),
            Just("＃３０"),
            Just("ｶﾞ"),
            Just("ア"),
            Just("4.1.2 ab"),
            Just("é"),
            Just("e\u{301}"),
            Just("\u{3099}"),
            Just("〪"),
            Just("👍🏽"),
            Just("👩\u{200d}💻"),
            Just("🇨🇳"),
            Just("\u{1100}\u{1161}\u{11a8}"),
            Just("한"),
            Just("\u{200b}"),
            Just("\u{ad}"),
            Just("\t"),
            Just("\u{7}"),
            Just("\u{fe0f}"),
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn any_text_is_drawn_as_the_line_widget_draws_it(
            a in text(),
            b in text(),
            width in 0u16..24,
            reversed in proptest::bool::ANY,
        ) {
            let mut line = Line::from(vec![
                Span::raw(a),
                Span::styled(b, Style::default().fg(Color::Cyan)),
            ]);
            if reversed {
                line = line.patch_style(Style::default().add_modifier(Modifier::REVERSED));
            }
            proptest::prop_assert_eq!(drawn(&line, width), as_widget(&line, width));
        }
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
