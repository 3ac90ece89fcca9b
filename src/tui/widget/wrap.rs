//! The one wrap of the app: every place that shows user text (comments, site-issue notes,
//! eligibility notes, dialogs, help, the consensus screen) breaks its lines here, so the
//! Chinese line-breaking rules (禁则, issue 11) hold everywhere alike. ratatui's `Paragraph`
//! wraps only at spaces, and Chinese has none, so text is pre-wrapped by terminal cells
//! (unicode-width).
//!
//! The text is cut into unbreakable runs, then the runs are laid greedily on lines:
//! - a break is allowed at whitespace (dropped at the break) and between two wide characters
//!   (汉字 break anywhere);
//! - a run of narrow characters — a Latin word, a number, a code such as `4.1.2`, `98.2%`,
//!   `(2023)` — is never split;
//! - a number keeps the characters it is written between: `第41页`, `2023年12月`, and the
//!   number sign before it: `#30`, `＃30`, `№30`; full-width digits (as a Chinese input method
//!   types them: `＃３０`, `第４１页`) hold together as ASCII digits do;
//! - no line starts with closing punctuation ([`NO_LINE_START`]: `，` `。` `、` `）` `”` …) and
//!   none ends with opening punctuation ([`NO_LINE_END`]: `（` `“` …), even across a space;
//! - only a run wider than the whole line is cut by cells (the one case where a line may start
//!   with closing punctuation), and a wide character never fits a line one cell wide.
//!
//! (textwrap's Unicode line breaking gives much the same lines several times slower; the item
//! screen keeps its comments' wrapped lines in [`WrapCache`], so this runs when a text or the
//! width changes, not on every frame.)

use std::collections::HashMap;
use std::sync::Arc;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::i18n::{NO_LINE_END, NO_LINE_START};

/// Cells a character takes on screen: a tab is drawn as one space, control characters as none.
fn cells(c: char) -> usize {
    if c == '\t' { 1 } else { c.width().unwrap_or(0) }
}

/// May not begin a line. Letters and digits never are such punctuation: the common case skips
/// the table.
fn no_start(c: char) -> bool {
    !c.is_alphanumeric() && NO_LINE_START.contains(c)
}

/// May not end a line.
fn no_end(c: char) -> bool {
    !c.is_alphanumeric() && NO_LINE_END.contains(c)
}

/// Part of a word: a narrow character that is not a space.
fn narrow(c: char) -> bool {
    cells(c) == 1 && !c.is_whitespace()
}

/// A wide letter (汉字, kana, a full-width digit): what a number is written between.
fn wide_letter(c: char) -> bool {
    cells(c) == 2 && c.is_alphanumeric()
}

/// A full-width digit (０…９): wide, but one number with its neighbours as ASCII digits are.
fn wide_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

/// A number sign, which keeps the number after it: `#30`, `＃30`, `№30`.
fn number_sign(c: char) -> bool {
    matches!(c, '#' | '＃' | '№')
}

/// Whether `p` then `c` must stay on one line because they belong to one number: a number sign
/// and its first digit, or full-width digits and the wide letters they are written between
/// (`第４１页`, as `第41页` is).
fn one_number(p: char, c: char) -> bool {
    (number_sign(p) && (c.is_ascii_digit() || wide_digit(c)))
        || (wide_digit(p) && wide_letter(c))
        || (wide_letter(p) && wide_digit(c))
}

/// Whether the narrow run at the start of `rest` holds a digit.
fn run_has_digit(rest: &str) -> bool {
    rest.chars()
        .take_while(|&c| narrow(c))
        .any(|c| c.is_ascii_digit())
}

/// The lines being filled.
struct Lines<'o> {
    width: usize,
    max: usize,
    out: &'o mut Vec<String>,
    line: String,
    line_w: usize,
    /// Whitespace after the line's last run: kept only when another run follows on this line
    /// (or, at the start of a paragraph, as its indent).
    gap: String,
    gap_w: usize,
}

impl Lines<'_> {
    fn full(&self) -> bool {
        self.out.len() >= self.max
    }

    fn end_line(&mut self) {
        self.out.push(std::mem::take(&mut self.line));
        self.line_w = 0;
        self.gap.clear();
        self.gap_w = 0;
    }

    fn space(&mut self, s: &str) {
        for c in s.chars() {
            self.gap.push(if c == '\t' { ' ' } else { c });
            self.gap_w += cells(c);
        }
    }

    fn push_run(&mut self, run: &str) {
        if run.contains('\t') {
            self.line.push_str(&run.replace('\t', " "));
        } else {
            self.line.push_str(run);
        }
    }

    /// Lays one unbreakable run of `w` cells.
    fn run(&mut self, run: &str, w: usize) {
        if self.line_w + self.gap_w + w <= self.width {
            self.line.push_str(&self.gap);
            self.line_w += self.gap_w;
            self.gap.clear();
            self.gap_w = 0;
            self.push_run(run);
            self.line_w += w;
            return;
        }
        if !self.line.is_empty() {
            self.end_line();
            if self.full() {
                return;
            }
        }
        // A wrapped line starts with the run itself, not with the spaces before it.
        self.gap.clear();
        self.gap_w = 0;
        if w <= self.width {
            self.push_run(run);
            self.line_w = w;
            return;
        }
        // Wider than a whole line: cut by cells.
        for c in run.chars() {
            let cw = cells(c);
            if self.line_w + cw > self.width && self.line_w > 0 {
                self.end_line();
                if self.full() {
                    return;
                }
            }
            // (Whitespace is inside a run only before closing punctuation it holds on to.)
            if c.is_whitespace() && self.line.is_empty() {
                continue;
            }
            self.line.push(if c == '\t' { ' ' } else { c });
            self.line_w += cw;
        }
    }
}

/// Wraps `text` to `width` cells, keeping its own line breaks; at most `max_lines` lines (the
/// work stops there, so a 100 KB comment costs no more than what is shown). Every line fits
/// `width` (a width of one cell cannot hold a wide character: it gets a line to itself).
pub fn wrap(text: &str, width: u16, max_lines: usize) -> Vec<String> {
    let mut out = Vec::new();
    if width == 0 || max_lines == 0 || text.is_empty() {
        return out;
    }
    let mut lines = Lines {
        width: usize::from(width),
        max: max_lines,
        out: &mut out,
        line: String::new(),
        line_w: 0,
        gap: String::new(),
        gap_w: 0,
    };
    for para in text.split('\n') {
        if lines.full() {
            break;
        }
        paragraph(para, &mut lines);
        if !lines.full() {
            lines.end_line();
        }
    }
    out
}

/// Cuts one paragraph (no `\n`) into unbreakable runs and lays them.
fn paragraph(para: &str, lines: &mut Lines<'_>) {
    // The run being built (byte range and cells), the whitespace after it, and what the run
    // ends with.
    let mut run: Option<(usize, usize, usize)> = None;
    let mut gap: Option<(usize, usize, usize)> = None;
    let mut prev: Option<char> = None;
    // The narrow run just before holds a digit.
    let mut digits = false;
    for (i, c) in para.char_indices() {
        let end = i + c.len_utf8();
        if c.is_whitespace() {
            let g = gap.get_or_insert((i, i, 0));
            g.1 = end;
            g.2 += cells(c);
            prev = None;
            digits = false;
            continue;
        }
        let cw = cells(c);
        let glue = match (run, gap, prev) {
            (None, ..) => false,
            // Across whitespace only closing punctuation holds on.
            (_, Some(_), _) => no_start(c),
            (_, None, Some(p)) => {
                cw == 0
                    || no_start(c)
                    || no_end(p)
                    || (narrow(p) && narrow(c))
                    || (wide_letter(p)
                        && narrow(c)
                        && run_has_digit(para.get(i..).unwrap_or_default()))
                    || (digits && wide_letter(c))
                    || one_number(p, c)
            }
            (_, None, None) => true,
        };
        if let (true, Some((s, _, w))) = (glue, run) {
            let gw = gap.map_or(0, |g| g.2);
            run = Some((s, end, w + gw + cw));
        } else {
            if let Some((s, e, w)) = run {
                lines.run(para.get(s..e).unwrap_or_default(), w);
                if lines.full() {
                    return;
                }
            }
            if let Some((s, e, _)) = gap {
                lines.space(para.get(s..e).unwrap_or_default());
            }
            run = Some((i, end, cw));
        }
        gap = None;
        digits = if narrow(c) {
            digits || c.is_ascii_digit()
        } else {
            false
        };
        prev = Some(c);
    }
    if let Some((s, e, w)) = run {
        lines.run(para.get(s..e).unwrap_or_default(), w);
    } else if let Some((s, e, _)) = gap {
        // A paragraph of whitespace only.
        lines.space(para.get(s..e).unwrap_or_default());
    }
}

/// Lines kept of one text: enough for any window's list (it shows at most a window's height of
/// a body); a longer text is wrapped again, to what is shown, on the rare frame that needs more.
const CACHED_LINES: usize = 256;

/// One text wrapped at one width.
#[derive(Debug)]
struct Wrapped {
    text: Box<str>,
    width: u16,
    /// The first [`CACHED_LINES`] lines, and one more when the text goes on.
    lines: Vec<String>,
}

/// The wrapped lines of the texts on screen, keyed by text and width (issue 11: the item screen
/// wrapped every visible comment on every frame).
///
/// Why a cache that `update` refreshes, rather than layout stored beside each comment or a memo
/// the view fills: drawing stays a pure function of the model (the view only reads this, and
/// wraps for itself what it does not find, so a model drawn without `update` — a test, the
/// first frame — looks the same), the review data stays free of screen geometry, and the key is
/// the text itself, so a comment that changes by any route (typing, undo, a merge) can never be
/// drawn with stale lines. `update` calls [`WrapCache::keep`] after every action with the texts
/// the screen shows and the width they are drawn at (see `tui::update::refresh_layout`):
/// entries no longer shown are dropped, new ones wrapped once.
#[derive(Debug, Clone, Default)]
pub struct WrapCache {
    map: HashMap<u64, Vec<Arc<Wrapped>>>,
}

fn key(text: &str, width: u16) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    width.hash(&mut h);
    h.finish()
}

impl WrapCache {
    /// The lines of `text` wrapped at `width`, as [`wrap`] gives them, at least `max_lines` of
    /// them when the text has that many; `None` when not cached (or not that far).
    pub fn get(&self, text: &str, width: u16, max_lines: usize) -> Option<&[String]> {
        let w = self
            .map
            .get(&key(text, width))?
            .iter()
            .find(|w| w.width == width && &*w.text == text)?;
        let n = w.lines.len();
        if max_lines <= n || n <= CACHED_LINES {
            Some(&w.lines[..max_lines.min(n)])
        } else {
            None
        }
    }

    /// Keeps exactly the given texts at their widths: what is cached already stays, what is new
    /// is wrapped, everything else is dropped (the cache holds what one screen shows).
    pub fn keep<'t>(&mut self, wanted: impl IntoIterator<Item = (&'t str, u16)>) {
        let mut next: HashMap<u64, Vec<Arc<Wrapped>>> = HashMap::new();
        for (text, width) in wanted {
            let k = key(text, width);
            let same = |w: &&Arc<Wrapped>| w.width == width && &*w.text == text;
            if next.get(&k).is_some_and(|v| v.iter().any(|w| same(&w))) {
                continue;
            }
            let found = self.map.get(&k).and_then(|v| v.iter().find(same)).cloned();
            let entry = found.unwrap_or_else(|| {
                Arc::new(Wrapped {
                    text: text.into(),
                    width,
                    lines: wrap(text, width, CACHED_LINES + 1),
                })
            });
            next.entry(k).or_default().push(entry);
        }
        self.map = next;
    }

    /// Puts given lines in for `text` at `width` (a test's way to see what the view read).
    #[cfg(test)]
    pub(crate) fn plant(&mut self, text: &str, width: u16, lines: Vec<String>) {
        let w = Arc::new(Wrapped {
            text: text.into(),
            width,
            lines,
        });
        let v = self.map.entry(key(text, width)).or_default();
        v.retain(|x| !(x.width == width && &*x.text == text));
        v.push(w);
    }

    /// How many texts are held.
    pub fn len(&self) -> usize {
        self.map.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The lines of `text` at `width` from the cache when they are there, else wrapped now.
pub fn wrap_cached<'c>(
    cache: &'c WrapCache,
    text: &str,
    width: u16,
    max_lines: usize,
) -> std::borrow::Cow<'c, [String]> {
    match cache.get(text, width, max_lines) {
        Some(lines) => std::borrow::Cow::Borrowed(lines),
        None => std::borrow::Cow::Owned(wrap(text, width, max_lines)),
    }
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
    use proptest::prelude::*;

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

    #[test]
    fn numbers_and_codes_are_never_split() {
        // Each of these starts where a plain cell-by-cell wrap would cut it.
        for (text, whole) in [
            ("见条款要求4.1.2", "4.1.2"),
            ("合格率为百98.2%", "98.2%"),
            ("详见自评报告第41页", "第41页"),
            ("金府规发〔2023〕号", "〔2023〕"),
            ("管理办法(2023)", "(2023)"),
            ("质量体系ISO9001:2015", "ISO9001:2015"),
        ] {
            let lines = wrap(text, 14, 10);
            assert!(
                lines.iter().any(|l| l.contains(whole)),
                "{text:?} -> {lines:?}"
            );
            assert!(lines.iter().all(|l| l.width() <= 14), "{lines:?}");
        }
        // A number sign keeps its number (a ticket, an issue, a document): as typed with a
        // Chinese input method (full-width ＃, full-width digits) as well as in ASCII.
        for (text, whole) in [
            ("现场核实问题清单＃30", "＃30"),
            ("现场核实问题清单#30", "#30"),
            ("现场核实问题清单№30", "№30"),
            ("现场核实问题清单，＃３０", "＃３０"),
            ("现场核实问题清单，#30", "#30"),
            ("现场核实问题清单，№30", "№30"),
            ("现场核实问题的清单３０", "３０"),
            ("现场核实问题清单第４１页", "第４１页"),
        ] {
            for width in 12..=20 {
                let lines = wrap(text, width, 10);
                assert!(
                    lines.iter().any(|l| l.contains(whole)),
                    "{text:?} at {width} -> {lines:?}"
                );
                assert!(lines.iter().all(|l| l.width() <= usize::from(width)));
            }
        }
        // The dialog of issue 11: "(2023)" split across lines.
        let lines = wrap(
            "读取评审轮次文件失败：金山区政府质量奖 (2023) 第二届",
            30,
            9,
        );
        assert!(lines.iter().any(|l| l.contains("(2023)")), "{lines:?}");
    }

    #[test]
    fn no_line_starts_with_closing_punctuation_nor_ends_with_opening() {
        for text in [
            "领导作用发挥充分，",
            "领导作用发挥充分。",
            "领导作用发挥充分、",
            "领导作用发挥充分）",
            "领导作用发挥充“分”",
            "领导作用发挥充分 。",
        ] {
            let lines = wrap(text, 16, 10);
            assert_eq!(lines.len(), 2, "{text:?} -> {lines:?}");
            let first = lines[1].chars().next().unwrap();
            assert!(!no_start(first), "{text:?} -> {lines:?}");
        }
        let lines = wrap("领导作用发挥充（分）", 16, 10);
        assert_eq!(lines, vec!["领导作用发挥充", "（分）"]);
        // A run wider than the line is cut by cells: the only place the rule gives way.
        assert_eq!(wrap("。。。。", 4, 10), vec!["。。", "。。"]);
    }

    #[test]
    fn spaces_break_and_are_dropped_at_the_break_but_an_indent_stays() {
        assert_eq!(wrap("  indent me", 20, 5), vec!["  indent me"]);
        assert_eq!(wrap("aaa    bbb", 5, 5), vec!["aaa", "bbb"]);
        assert_eq!(wrap("a\tb", 5, 5), vec!["a b"]);
        assert_eq!(wrap("一\n\n二", 5, 5), vec!["一", "", "二"]);
        // A wide character on a line one cell wide: alone, never dropped.
        assert_eq!(wrap("汉字", 1, 5), vec!["汉", "字"]);
    }

    /// Text from pieces a reviewer writes: Chinese, codes, numbers, punctuation of both kinds,
    /// spaces and line breaks.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("汉"),
            Just("字"),
            Just("领导"),
            Just("，"),
            Just("。"),
            Just("、"),
            Just("）"),
            Just("（"),
            Just("“"),
            Just("”"),
            Just("4.1.2"),
            Just("98.2%"),
            Just("第41页"),
            Just("(2023)"),
            Just("ISO"),
            Just("a"),
            Just(" "),
            Just("\n"),
            Just("\t"),
            Just("é"),
            Just("＃30"),
            Just("#7"),
            Just("№5"),
            Just("＃３０"),
            Just("第４１页"),
        ];
        proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    fn no_space(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn wrapped_lines_fit_lose_nothing_and_keep_the_rules(s in text(), width in 2u16..40) {
            let lines = wrap(&s, width, usize::MAX);
            for l in &lines {
                prop_assert!(l.width() <= usize::from(width), "{l:?} wider than {width}");
            }
            // Nothing lost or reordered: the same characters, whitespace aside.
            prop_assert_eq!(no_space(&lines.concat()), no_space(&s));
            // Own line breaks kept: the paragraphs wrap one by one.
            let per: Vec<Vec<String>> = s
                .split('\n')
                .map(|p| if p.is_empty() { vec![String::new()] } else { wrap(p, width, usize::MAX) })
                .collect();
            if !s.is_empty() {
                prop_assert_eq!(&per.concat(), &lines);
            }
            // No line but a paragraph's first starts with closing punctuation, nor with the
            // number of a number sign that ends the line before, unless that line is one
            // unbreakable run (no space but before closing punctuation, no two wide letters
            // side by side but in a number) that filled its line.
            for para in &per {
                for pair in para.windows(2) {
                    let (p, l) = (&pair[0], &pair[1]);
                    let Some(c) = l.chars().next() else { continue };
                    let split_number = p.chars().last().is_some_and(number_sign)
                        && (c.is_ascii_digit() || wide_digit(c));
                    if no_start(c) || split_number {
                        let chars: Vec<char> = p.trim_end().chars().collect();
                        // A space breaks unless closing punctuation follows it.
                        let space_break = chars.iter().enumerate().any(|(i, c)| {
                            c.is_whitespace()
                                && chars[i..]
                                    .iter()
                                    .find(|x| !x.is_whitespace())
                                    .is_some_and(|&x| !no_start(x))
                        });
                        let one_run = !space_break
                            && !chars.windows(2).any(|w| {
                                wide_letter(w[0])
                                    && wide_letter(w[1])
                                    && !wide_digit(w[0])
                                    && !wide_digit(w[1])
                            });
                        prop_assert!(
                            one_run && p.width() + cells(c) > usize::from(width),
                            "{:?} starts with {:?} after {:?} in {:?}", l, c, p, para
                        );
                    }
                }
            }
        }
    }
}
