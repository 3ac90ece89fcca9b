//! Showing text that came from a file (名称、编号…) on a terminal without letting it drive the
//! terminal. A name read from a sheet, a key or a roster is data, not output: an ANSI escape in
//! a reviewer's name could repaint a fingerprint, a carriage return could overwrite the line
//! that names the real signer, and a bidi override could turn `张三 (abc)` into something else.
//! Every such string goes through [`shown`] before it is printed; the TUI does the same with
//! its own replacement (`tui::text`).
//!
//! A leaf: it depends on nothing in the crate, so every layer may call it.

use std::borrow::Cow;
use std::fmt;

/// Whether a character would act on the terminal or on the text's direction rather than be
/// drawn: C0 and C1 controls and DEL (ANSI escapes begin with ESC or CSI, both here), the bidi
/// embeddings, overrides and isolates, the implicit direction marks, and the line and paragraph
/// separators.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' // LRM, RLM
                | '\u{061c}' // ALM
                | '\u{202a}'..='\u{202e}' // LRE RLE PDF LRO RLO
                | '\u{2066}'..='\u{2069}' // LRI RLI FSI PDI
                | '\u{2028}' | '\u{2029}'
        )
}

/// `s` with every unsafe character ([`is_unsafe`]) written as a visible escape, `\u{1b}`:
/// nothing is lost (the reader sees that the name holds an escape, and which) and nothing acts.
/// Borrows when there is nothing to escape, which is almost always.
pub fn shown(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`shown`] for a block of lines the program built itself (a listing, an error chain): every
/// unsafe character is escaped except the line feeds that separate the lines. Values put into
/// such a block are better passed through [`shown`] on their own, so that a line feed inside a
/// value cannot start a line of its own; this is the net under them.
pub fn shown_block(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let lines: Vec<Cow<'_, str>> = s.split('\n').map(shown).collect();
    Cow::Owned(lines.join("\n"))
}

/// [`shown`] for `format!`: `format!("{}", Shown(&name))`.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a>(pub &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&shown(self.0))
    }
}

/// Whether a name typed by a person (a reviewer's own name for `key new`) holds a character
/// that [`shown`] would have to escape: such a name is refused rather than signed.
pub fn has_unsafe(s: &str) -> bool {
    s.chars().any(is_unsafe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_untouched() {
        for s in ["张三", "Zhang San (评审组长)", "", "a\\b", "①■“”"] {
            assert!(matches!(shown(s), Cow::Borrowed(x) if x == s));
        }
    }

    #[test]
    fn an_ansi_sequence_at_the_end_of_a_name_is_visible_and_inert() {
        let name = "张三\u{1b}[2K\u{1b}[1G李四 c88f ae3f f8d0 c9e6";
        let out = shown(name);
        assert!(!out.contains('\u{1b}'));
        assert_eq!(out, "张三\\u{1b}[2K\\u{1b}[1G李四 c88f ae3f f8d0 c9e6");
        assert_eq!(shown("王五\u{1b}[8m"), "王五\\u{1b}[8m");
    }

    #[test]
    fn every_class_is_escaped() {
        let cases = [
            ('\0', "\\u{0}"),
            ('\r', "\\u{d}"),
            ('\n', "\\u{a}"),
            ('\t', "\\u{9}"),
            ('\u{7f}', "\\u{7f}"),
            ('\u{9b}', "\\u{9b}"), // CSI, the one-byte C1 escape
            ('\u{85}', "\\u{85}"),
            ('\u{202e}', "\\u{202e}"),
            ('\u{2067}', "\\u{2067}"),
            ('\u{200f}', "\\u{200f}"),
            ('\u{2028}', "\\u{2028}"),
        ];
        for (c, escaped) in cases {
            let s = format!("a{c}b");
            assert_eq!(shown(&s), format!("a{escaped}b"), "{:x}", u32::from(c));
            assert!(has_unsafe(&s));
            assert_eq!(Shown(&s).to_string(), format!("a{escaped}b"));
        }
        assert!(!has_unsafe("张三 Zhang"));
    }

    #[test]
    fn a_block_keeps_its_lines() {
        assert!(matches!(shown_block("a\nb\n"), Cow::Borrowed("a\nb\n")));
        assert_eq!(
            shown_block("名单 王五\u{1b}[1A\n李四\r\n"),
            "名单 王五\\u{1b}[1A\n李四\\u{d}\n"
        );
    }

    #[test]
    fn escaping_never_leaves_an_unsafe_character() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        assert!(!shown(&all).chars().any(is_unsafe));
    }
}
