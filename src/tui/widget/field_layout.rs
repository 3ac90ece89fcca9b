//! Where the text being edited goes on screen: each logical line of a text field laid out by
//! the one wrap ([`wrap`], the Chinese line-start rules of issue 11), with every drawn
//! character tied back to the character of the line it shows, so the caret (a line and a
//! character index, as the text area keeps it) lands on the cell the wrap put that character
//! in. Text being typed thus breaks exactly as the same text does once it is shown.

use unicode_width::UnicodeWidthChar;

use super::wrap::wrap;

/// Cells a character takes, as [`wrap`] counts them: a tab is one space, control characters
/// none.
pub fn cells(c: char) -> usize {
    if c == '\t' { 1 } else { c.width().unwrap_or(0) }
}

/// One visual row of a logical line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// What is drawn (a tab shown as a space).
    pub text: String,
    /// For each character of `text`, its character index in the logical line.
    pub src: Vec<usize>,
    /// The first character index of the line this row holds: whitespace the wrap dropped at a
    /// break belongs to the row before it, so a caret on it stays at that row's end.
    pub start: usize,
}

/// Lays out one logical line (no `\n`) at `width` cells: at least one row, even when empty.
pub fn layout_line(line: &str, width: u16) -> Vec<Row> {
    let chars: Vec<char> = line.chars().collect();
    let shown = |c: char| if c == '\t' { ' ' } else { c };
    let mut rows = Vec::new();
    let mut p = 0;
    for text in wrap(line, width.max(1), usize::MAX) {
        let mut src = Vec::with_capacity(text.len());
        for o in text.chars() {
            // The wrap drops whitespace at a break and nothing else: skip it to the match.
            while p < chars.len() && shown(chars[p]) != o && chars[p].is_whitespace() {
                p += 1;
            }
            src.push(p.min(chars.len().saturating_sub(1)));
            p += 1;
        }
        let start = if rows.is_empty() {
            0
        } else {
            src.first().copied().unwrap_or(p)
        };
        rows.push(Row { text, src, start });
    }
    if rows.is_empty() {
        rows.push(Row {
            text: String::new(),
            src: Vec::new(),
            start: 0,
        });
    }
    rows
}

/// The row and cell of the caret before character `col` of the laid-out line: the row holding
/// that character (a caret after the last character of a row that wraps is at the start of
/// the next row, as ratatui-textarea put it), and the cells of the line from the row's start
/// to the caret — dropped whitespace too, so a typed space moves the caret — at most
/// `width - 1`, so the caret at the end of a full row stays in the field.
pub fn caret(line: &str, rows: &[Row], col: usize, width: u16) -> (usize, u16) {
    let k = rows.iter().rposition(|r| r.start <= col).unwrap_or(0);
    let start = rows.get(k).map_or(0, |r| r.start);
    let w: usize = line
        .chars()
        .skip(start)
        .take(col.saturating_sub(start))
        .map(cells)
        .sum();
    let max = usize::from(width.saturating_sub(1));
    (k, u16::try_from(w.min(max)).unwrap_or(u16::MAX))
}

/// A whole field laid out: its visual rows (logical line, row) in order and the caret's visual
/// row and cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldLayout {
    /// (logical line index, row) for every visual row.
    pub rows: Vec<(usize, Row)>,
    /// The caret: visual row index into `rows`, and cell.
    pub caret: (usize, u16),
}

/// Lays out `lines` at `width`, with the caret at (logical line, character). Lines after the
/// caret's are laid out only while fewer than `below` rows follow the caret's row (what a
/// field can show under it), so a long text costs what comes before the caret plus a screen.
pub fn layout(lines: &[String], caret_at: (usize, usize), width: u16, below: usize) -> FieldLayout {
    let mut rows: Vec<(usize, Row)> = Vec::new();
    let mut at = (0, 0);
    for (i, line) in lines.iter().enumerate() {
        if i > caret_at.0 && rows.len() > at.0 + below {
            break;
        }
        let laid = layout_line(line, width);
        if i == caret_at.0 {
            let (k, x) = caret(line, &laid, caret_at.1, width);
            at = (rows.len() + k, x);
        }
        rows.extend(laid.into_iter().map(|r| (i, r)));
    }
    FieldLayout { rows, caret: at }
}

/// The first visual row shown in a field `height` rows tall: the top while the caret fits
/// there, else the caret on the bottom row. (The field keeps no scroll state — drawing reads
/// the model only — so a short text always shows from its first row, as before.)
pub fn top_row(caret_row: usize, height: u16) -> usize {
    let h = usize::from(height.max(1));
    (caret_row + 1).saturating_sub(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(|r| r.text.as_str()).collect()
    }

    fn at(line: &str, width: u16, col: usize) -> (usize, u16) {
        caret(line, &layout_line(line, width), col, width)
    }

    #[test]
    fn chinese_text_caret_walks_the_cells() {
        let line = "质量管理体系完善";
        let rows = layout_line(line, 8);
        assert_eq!(texts(&rows), ["质量管理", "体系完善"]);
        assert_eq!(at(line, 8, 0), (0, 0));
        assert_eq!(at(line, 8, 3), (0, 6));
        // After the last character of a row that wraps: the start of the next row.
        assert_eq!(at(line, 8, 4), (1, 0));
        assert_eq!(at(line, 8, 6), (1, 4));
    }

    #[test]
    fn line_start_punctuation_at_the_wrap_point_goes_with_the_character_before() {
        // 8 cells hold 质量管理; "，" may not start a line, so 理 goes down with it.
        let line = "质量管理，体系";
        let rows = layout_line(line, 8);
        assert_eq!(texts(&rows), ["质量管", "理，体系"]);
        assert!(rows.iter().all(|r| !r.text.starts_with('，')));
        // The caret after "，" is after it on the second row.
        assert_eq!(at(line, 8, 5), (1, 4));
        // On 理: the start of the second row.
        assert_eq!(at(line, 8, 3), (1, 0));
    }

    #[test]
    fn a_number_is_kept_whole_and_the_caret_follows_it() {
        let line = "的见第41页 4.1.2 条";
        let rows = layout_line(line, 9);
        assert_eq!(texts(&rows), ["的见", "第41页", "4.1.2 条"]);
        // The caret inside 41 is on the row holding it.
        assert_eq!(at(line, 9, 3), (1, 2));
        // The caret on the space dropped at the break stays at the end of 第41页.
        assert_eq!(at(line, 9, 6), (1, 6));
        assert_eq!(at(line, 9, 7), (2, 0));
        assert_eq!(at(line, 9, 9), (2, 2));
    }

    #[test]
    fn caret_at_the_end() {
        let line = "质量管理体系";
        assert_eq!(at(line, 8, 6), (1, 4));
        // A full last row: the caret stays on its last cell, inside the field.
        assert_eq!(at("质量管理", 8, 4), (0, 7));
        // Trailing spaces the wrap does not draw still move the caret.
        assert_eq!(at("ab  ", 8, 4), (0, 4));
    }

    #[test]
    fn empty_field() {
        let rows = layout_line("", 10);
        assert_eq!(texts(&rows), [""]);
        assert_eq!(at("", 10, 0), (0, 0));
        let l = layout(&[String::new()], (0, 0), 10, 3);
        assert_eq!(l.rows.len(), 1);
        assert_eq!(l.caret, (0, 0));
    }

    #[test]
    fn whole_field_counts_rows_of_lines_before_the_caret() {
        let lines = vec![
            "质量管理体系".to_string(),
            String::new(),
            "改进".to_string(),
        ];
        let l = layout(&lines, (2, 1), 8, 10);
        assert_eq!(l.rows.len(), 4);
        assert_eq!(l.caret, (3, 2));
        assert_eq!(top_row(l.caret.0, 2), 2);
        assert_eq!(top_row(l.caret.0, 6), 0);
    }

    #[test]
    fn tabs_and_every_char_map_back() {
        let line = "a\tb 质量，管理 98.2% 完成";
        for w in 1..12 {
            let rows = layout_line(line, w);
            let n = line.chars().count();
            for r in &rows {
                for (o, &s) in r.text.chars().zip(&r.src) {
                    let c = line.chars().nth(s).unwrap();
                    assert_eq!(if c == '\t' { ' ' } else { c }, o, "width {w}");
                }
            }
            for col in 0..=n {
                let (k, x) = caret(line, &rows, col, w);
                assert!(k < rows.len() && x < w.max(1), "width {w} col {col}");
            }
        }
    }

    #[test]
    fn the_rows_typed_are_the_rows_shown() {
        // The same text, being typed or shown when editing ends, breaks alike.
        let text = "以顾客为中心的质量文化：高层领导每季度走访重点顾客，顾客意见纳入方针目标展开。\n\n第二段：见第41页、4.1.2 与 98.2%（2023年）。\n";
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        for w in [8u16, 13, 20, 49, 50, 51, 80] {
            let l = layout(&lines, (0, 0), w, usize::MAX);
            let typed: Vec<&str> = l.rows.iter().map(|(_, r)| r.text.as_str()).collect();
            assert_eq!(typed, wrap(text, w, usize::MAX), "width {w}");
        }
    }
}
