//! Wrapping by terminal cells. ratatui's `Paragraph` wraps only at spaces, so Chinese (which has
//! none) must be pre-wrapped: textwrap with Unicode line-breaking rules breaks between Han
//! characters and measures with unicode-width.

use unicode_width::UnicodeWidthStr;

/// Wraps `text` to `width` cells, keeping its own line breaks; at most `max_lines` lines (the
/// work stops there, so a 100 KB comment costs no more than what is shown).
pub fn wrap(text: &str, width: u16, max_lines: usize) -> Vec<String> {
    let width = usize::from(width);
    let mut out = Vec::new();
    if width == 0 || max_lines == 0 || text.is_empty() {
        return out;
    }
    for para in text.split('\n') {
        let room = max_lines - out.len();
        if room == 0 {
            break;
        }
        if para.is_empty() {
            out.push(String::new());
            continue;
        }
        // Every visible character takes at least one cell, so this prefix fills `room` lines.
        let prefix = match para.char_indices().nth(room * width + 1) {
            Some((i, _)) => para.get(..i).unwrap_or(para),
            None => para,
        };
        let opts = textwrap::Options::new(width)
            .break_words(true)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
        for line in textwrap::wrap(prefix, opts) {
            if out.len() == max_lines {
                break;
            }
            out.push(fit(&line, width));
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

/// Cuts a one-line label to `width` cells, marking the cut with `~` (ASCII: `…` is ambiguous).
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = fit(s, width - 1);
    out.push('~');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_wraps_by_cells_without_spaces() {
        let lines = wrap("领导作用发挥充分领导作用发挥充分", 10, 100);
        assert_eq!(lines, vec!["领导作用发", "挥充分领导", "作用发挥充", "分"]);
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
        assert!(wrap("abc", 0, 5).is_empty());
        assert_eq!(truncate("领导作用", 5), "领导~");
        assert_eq!(truncate("ab", 5), "ab");
    }
}
