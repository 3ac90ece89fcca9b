//! Wrapping by terminal cells. ratatui's `Paragraph` wraps only at spaces, so Chinese (which has
//! none) must be pre-wrapped. One greedy pass measured with unicode-width: a line breaks before
//! the character that would overflow it, or at the last space when it is inside a Latin word.
//! (textwrap's Unicode line breaking gave the same lines several times slower; a frame wraps
//! every visible comment, so this is the hot path of drawing.)

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::i18n::NO_LINE_START;

/// Wraps `text` to `width` cells, keeping its own line breaks; at most `max_lines` lines (the
/// work stops there, so a 100 KB comment costs no more than what is shown).
pub fn wrap(text: &str, width: u16, max_lines: usize) -> Vec<String> {
    let width = usize::from(width);
    let mut out = Vec::new();
    if width == 0 || max_lines == 0 || text.is_empty() {
        return out;
    }
    for para in text.split('\n') {
        if out.len() == max_lines {
            break;
        }
        let mut line = String::new();
        let mut line_w = 0usize;
        // Byte offset just after the last space in `line` (always a char boundary).
        let mut after_space: Option<usize> = None;
        for ch in para.chars() {
            let cw = if ch == '\t' {
                1
            } else {
                ch.width().unwrap_or(0)
            };
            if line_w + cw > width && !line.is_empty() {
                if ch == ' ' {
                    out.push(std::mem::take(&mut line));
                    line_w = 0;
                    after_space = None;
                    if out.len() == max_lines {
                        break;
                    }
                    continue;
                }
                let latin = cw == 1 && !ch.is_whitespace();
                let rest = match after_space {
                    Some(at) if latin && at < line.len() => line.split_off(at),
                    // 禁则: a line never starts with closing punctuation; the character
                    // before it moves down with it.
                    _ if NO_LINE_START.contains(ch) && line.chars().count() > 1 => {
                        line.pop().map(String::from).unwrap_or_default()
                    }
                    _ => String::new(),
                };
                out.push(std::mem::take(&mut line).trim_end().to_string());
                line_w = rest.width();
                line = rest;
                after_space = None;
                if out.len() == max_lines {
                    break;
                }
            }
            line.push(if ch == '\t' { ' ' } else { ch });
            line_w += cw;
            if ch == ' ' {
                after_space = Some(line.len());
            }
        }
        if out.len() < max_lines {
            out.push(line);
        }
    }
    out
}

/// Cuts a line to at most `width` cells (a safety net for characters textwrap measures
/// differently from the terminal).
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut w = 0;
    let mut out = String::new();
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > width {
            break;
        }
        w += cw;
        out.push(c);
    }
    out
}

/// Cuts a one-line label to `width` cells, marking the cut with `…` (issue 11: a reviewer
/// reads `~` as part of the name). `…` is ambiguous-width — CJK terminals may draw it two
/// cells wide — so it gets two cells here and the text before it is cut a cell shorter; the
/// result is at most `width` cells either way.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width < 2 {
        return fit(s, width);
    }
    let mut out = fit(s, width - 2);
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_wraps_by_cells_without_spaces() {
        let lines = wrap("领导作用发挥充分领导作用发挥充分", 10, 100);
        assert_eq!(lines, vec!["领导作用发", "挥充分领导", "作用发挥充", "分"]);
        assert_eq!(wrap("领导作用发，挥", 10, 9), vec!["领导作用", "发，挥"]);
        for l in &lines {
            assert!(l.width() <= 10);
        }
    }

    #[test]
    fn english_wraps_at_spaces_and_own_breaks_are_kept() {
        assert_eq!(
            wrap("one two three\nfour", 8, 10),
            vec!["one two", "three", "four"]
        );
    }

    #[test]
    fn work_stops_at_max_lines_and_zero_width_is_empty() {
        let big = "汉".repeat(100_000);
        let lines = wrap(&big, 20, 5);
        assert_eq!(lines.len(), 5);
        assert!(lines.iter().all(|l| l.width() == 20));
        assert!(wrap("abc", 0, 5).is_empty());
        assert_eq!(truncate("领导作用", 5), "领…");
        assert_eq!(truncate("领导作用", 6), "领导…");
        assert_eq!(truncate("Acme Holdings", 8), "Acme H…");
        assert_eq!(truncate("领导作用", 1), "");
        assert_eq!(truncate("ab", 5), "ab");
    }
}
