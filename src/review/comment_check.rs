//! The comment check (评语检查): warnings, never blocks. Flags prescriptive wording, verdict
//! words, comments without an evidence reference, comments too short or too long, scored items
//! without a comment, and scores that contradict their comments (EFQM: the higher the score,
//! the more strengths). Word lists, phrase exceptions and thresholds are data the award office
//! can tune: `criteria/comment-check.json`, replaced by `<home>/criteria/comment-check.json`
//! (read by `service::comment_rules`; this module stays pure). The measures ask the panel for
//! 质量改进建议 and 可改进之处 (第十八条(三)(四)) that an applicant can act on: findings with
//! their evidence, not prescriptions or verdicts.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthStr;

use super::comments::{CommentKind, CommentRef};
use super::model::{Comment, ItemReview, Review};
use crate::framework::Framework;
use crate::framework::error::{DataError, JsonPath, Problem};
use crate::framework::load::{decode, locate, parse};
use crate::lang::Text;

/// The format tag of the word-list file.
pub const COMMENT_CHECK_FORMAT: &str = "scorebook-comment-check/1";

/// The file's name, embedded under `criteria/` and overriding it under `<home>/criteria/`.
pub const COMMENT_CHECK_FILE: &str = "comment-check.json";

const EMBEDDED: &str = include_str!("../../criteria/comment-check.json");

/// The check's word lists and thresholds, from data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentRules {
    pub format: String,
    pub about: Text,
    /// 指令性措辞: telling the applicant what to do.
    pub prescriptive: Vec<String>,
    /// 评判性用语: a verdict instead of a fact.
    pub verdict: Vec<String>,
    /// 例外短语: phrases that contain a listed word but are not one (合理化建议 is a kind of
    /// scheme, not advice; 不足0.1% is a number, not a verdict; 代表12人 is no table reference).
    /// Patterns as in `evidence_patterns`; text they match is neither flagged nor evidence.
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// 引文: opening and closing marks around the applicant's own words (「必须…」). Words inside
    /// are quoted, not the reviewer's prescription or verdict; they still count as evidence.
    #[serde(default)]
    pub quotes: Vec<[String; 2]>,
    /// Shortest comment, in terminal cells.
    pub min_width: usize,
    /// Longest comment, in terminal cells.
    pub max_width: usize,
    /// Evidence references; `#` stands for a number such as `12`, `3-2` or `3.2`, and a space
    /// for any run of spaces, none included (`图 #` matches `图3-2` and `图 3-2`).
    pub evidence_patterns: Vec<String>,
    /// At or above this percent, more OFIs than strengths is a contradiction.
    pub high_percent: u8,
    /// At or below this percent, more strengths than OFIs is a contradiction.
    pub low_percent: u8,
}

impl CommentRules {
    /// Parses and checks a word-list file: every problem, each with the file, JSON path and
    /// line. Words and patterns are lower-cased, as the check compares lower-cased text.
    pub fn load(file: &str, bytes: &[u8]) -> Result<CommentRules, Vec<DataError>> {
        let text = decode(file, bytes).map_err(|e| vec![e])?;
        let mut rules: CommentRules = parse(file, text).map_err(|e| vec![e])?;
        let findings = rules.validate();
        if !findings.is_empty() {
            return Err(locate(file, text, findings));
        }
        for list in [
            &mut rules.prescriptive,
            &mut rules.verdict,
            &mut rules.exceptions,
            &mut rules.evidence_patterns,
        ] {
            for w in list.iter_mut() {
                *w = w.to_lowercase();
            }
        }
        Ok(rules)
    }

    /// The semantic rules: the format tag, no empty word, pattern or quote mark, and thresholds
    /// in order.
    fn validate(&self) -> Vec<(JsonPath, Problem)> {
        let root = JsonPath::root();
        let mut out = Vec::new();
        if self.format != COMMENT_CHECK_FORMAT {
            out.push((
                root.key("format"),
                Problem::FormatTag {
                    found: self.format.clone(),
                    expected: COMMENT_CHECK_FORMAT.into(),
                },
            ));
        }
        for (key, list) in [
            ("prescriptive", &self.prescriptive),
            ("verdict", &self.verdict),
            ("exceptions", &self.exceptions),
            ("evidence_patterns", &self.evidence_patterns),
        ] {
            for (i, w) in list.iter().enumerate() {
                // A pattern of only spaces and `#` would match every number: no phrase at all.
                if w.chars().all(|c| c == ' ' || c == '#') {
                    out.push((root.key(key).index(i), Problem::EmptyField));
                }
            }
        }
        for (i, pair) in self.quotes.iter().enumerate() {
            for (j, mark) in pair.iter().enumerate() {
                if mark.is_empty() {
                    out.push((root.key("quotes").index(i).index(j), Problem::EmptyField));
                }
            }
        }
        if self.min_width > self.max_width {
            out.push((root.key("min_width"), Problem::MustNotExceed("max_width")));
        }
        if self.low_percent >= self.high_percent {
            out.push((
                root.key("low_percent"),
                Problem::MustBeBelow("high_percent"),
            ));
        }
        if self.high_percent > 100 {
            out.push((root.key("high_percent"), Problem::MustNotExceed("100")));
        }
        out
    }

    /// The built-in rules. The file is checked by the test suite; should it ever fail to
    /// parse, the check runs with empty lists rather than stopping the app.
    pub fn embedded() -> &'static CommentRules {
        static RULES: OnceLock<CommentRules> = OnceLock::new();
        RULES.get_or_init(|| {
            CommentRules::load(
                &format!("criteria/{COMMENT_CHECK_FILE}"),
                EMBEDDED.as_bytes(),
            )
            .unwrap_or_default()
        })
    }
}

/// What a warning is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WarningKind {
    /// 指令性措辞 (应该/建议/should …)
    Prescriptive {
        words: Vec<String>,
    },
    /// 评判性用语 (很好/不足/good …)
    Verdict {
        words: Vec<String>,
    },
    /// 未注明证据出处 (page, figure, table)
    NoEvidence,
    TooShort {
        width: usize,
        min: usize,
    },
    TooLong {
        width: usize,
        max: usize,
    },
    /// A scored item with neither strength nor OFI.
    NoComment,
    /// ≥ high percent, yet more OFIs than strengths.
    HighScoreMoreOfis {
        percent: u8,
        strengths: usize,
        ofis: usize,
    },
    /// ≤ low percent, yet more strengths than OFIs.
    LowScoreMoreStrengths {
        percent: u8,
        strengths: usize,
        ofis: usize,
    },
}

/// One warning: the item, the comment it is about (None for the whole item), and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub item: String,
    pub comment: Option<CommentRef>,
    pub kind: WarningKind,
}

/// Warnings about one comment's text. `rules` come from [`CommentRules::load`] (lists
/// lower-cased).
pub fn check_comment(rules: &CommentRules, comment: &Comment) -> Vec<WarningKind> {
    let text = comment.text.trim();
    let mut chars: Vec<char> = text.to_lowercase().chars().collect();
    for p in &rules.exceptions {
        let p: Vec<char> = p.chars().collect();
        for (start, end) in pattern_spans(&chars, &p) {
            blank(&mut chars[start..end]);
        }
    }
    let mut unquoted = chars.clone();
    for [open, close] in &rules.quotes {
        blank_quoted(&mut unquoted, open, close);
    }
    let mut out = Vec::new();
    let words = find_words(&unquoted, &rules.prescriptive);
    if !words.is_empty() {
        out.push(WarningKind::Prescriptive { words });
    }
    let words = find_words(&unquoted, &rules.verdict);
    if !words.is_empty() {
        out.push(WarningKind::Verdict { words });
    }
    if comment.evidence.trim().is_empty()
        && !rules.evidence_patterns.iter().any(|p| {
            let p: Vec<char> = p.chars().collect();
            !pattern_spans(&chars, &p).is_empty()
        })
    {
        out.push(WarningKind::NoEvidence);
    }
    let width = text.width();
    if width < rules.min_width {
        out.push(WarningKind::TooShort {
            width,
            min: rules.min_width,
        });
    } else if width > rules.max_width {
        out.push(WarningKind::TooLong {
            width,
            max: rules.max_width,
        });
    }
    out
}

/// Stands in for text an exception or a quote took out: no letter, digit or listed word.
const BLANK: char = '\u{0}';

fn blank(chars: &mut [char]) {
    chars.iter_mut().for_each(|c| *c = BLANK);
}

/// Blanks every `open … close` run, marks included; an opening mark never closed is left as
/// it is (the reviewer's own words, then, as far as the check can tell).
fn blank_quoted(chars: &mut [char], open: &str, close: &str) {
    let open: Vec<char> = open.chars().collect();
    let close: Vec<char> = close.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i..].starts_with(&open) {
            let inner = i + open.len();
            let end = (inner..chars.len()).find(|&j| chars[j..].starts_with(&close));
            if let Some(j) = end {
                let end = j + close.len();
                blank(&mut chars[i..end]);
                i = end;
                continue;
            }
        }
        i += 1;
    }
}

/// The listed words in the text, in the order they appear, each once. At each place the
/// longest listed word wins and the scan goes on after it, so 还需进一步 is one finding, not
/// two. Chinese words match anywhere; words of ASCII letters match whole words only, so `good`
/// does not fire on `goods`.
fn find_words(t: &[char], list: &[String]) -> Vec<String> {
    let list: Vec<(Vec<char>, &String)> = list
        .iter()
        .filter(|w| !w.is_empty())
        .map(|w| (w.chars().collect(), w))
        .collect();
    let mut found: Vec<String> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let best = list
            .iter()
            .filter(|(w, word)| {
                let glued = (i > 0 && t[i - 1].is_ascii_alphanumeric())
                    || t.get(i + w.len()).is_some_and(char::is_ascii_alphanumeric);
                t[i..].starts_with(w) && !(word.is_ascii() && glued)
            })
            .max_by_key(|(w, _)| w.len());
        match best {
            Some((w, word)) => {
                if !found.contains(word) {
                    found.push((*word).clone());
                }
                i += w.len();
            }
            None => i += 1,
        }
    }
    found
}

/// Where `pattern` matches in `t`, as `(start, end)` runs, where `#` matches a number (digits,
/// optionally joined by `-`, `.`, `–`, e.g. `12`, `3-2`, `3.2`) and a space matches any run of
/// spaces. A pattern that starts with a Latin letter only matches at the start of a word (`p #`
/// not in `step 3`).
fn pattern_spans(t: &[char], p: &[char]) -> Vec<(usize, usize)> {
    let word_start = p.first().is_some_and(char::is_ascii_alphabetic);
    let mut out = Vec::new();
    let mut start = 0;
    while start < t.len() {
        if !(word_start && start > 0 && t[start - 1].is_ascii_alphanumeric())
            && let Some(end) = match_at(t, start, p)
            && end > start
        {
            out.push((start, end));
            start = end;
        } else {
            start += 1;
        }
    }
    out
}

/// Warnings about one item: each comment, then the item as a whole.
pub fn check_item(rules: &CommentRules, code: &str, item: &ItemReview) -> Vec<Warning> {
    let mut out = Vec::new();
    for kind in [CommentKind::Strength, CommentKind::Ofi] {
        for (index, c) in item.comments(kind).iter().enumerate() {
            for w in check_comment(rules, c) {
                out.push(Warning {
                    item: code.to_string(),
                    comment: Some(CommentRef { kind, index }),
                    kind: w,
                });
            }
        }
    }
    let (strengths, ofis) = (item.strengths.len(), item.ofis.len());
    if let Some(p) = item.percent {
        let percent = p.value();
        let whole = |kind| Warning {
            item: code.to_string(),
            comment: None,
            kind,
        };
        if strengths + ofis == 0 {
            out.push(whole(WarningKind::NoComment));
        } else if percent >= rules.high_percent && ofis > strengths {
            out.push(whole(WarningKind::HighScoreMoreOfis {
                percent,
                strengths,
                ofis,
            }));
        } else if percent <= rules.low_percent && strengths > ofis {
            out.push(whole(WarningKind::LowScoreMoreStrengths {
                percent,
                strengths,
                ofis,
            }));
        }
    }
    out
}

/// Every warning of a review, in the framework's item order.
pub fn check_review(rules: &CommentRules, fw: &Framework, review: &Review) -> Vec<Warning> {
    fw.items()
        .filter_map(|(_, i)| review.items.get(&i.code).map(|r| (i, r)))
        .flat_map(|(i, r)| check_item(rules, &i.code, r))
        .collect()
}

fn match_at(t: &[char], mut i: usize, p: &[char]) -> Option<usize> {
    for &pc in p {
        match pc {
            '#' => {
                let start = i;
                while i < t.len()
                    && (t[i].is_ascii_digit()
                        || (i > start
                            && matches!(t[i], '-' | '.' | '–')
                            && t.get(i + 1).is_some_and(char::is_ascii_digit)))
                {
                    i += 1;
                }
                if i == start {
                    return None;
                }
            }
            ' ' => {
                while t.get(i) == Some(&' ') {
                    i += 1;
                }
            }
            c => {
                if t.get(i) != Some(&c) {
                    return None;
                }
                i += 1;
            }
        }
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::Percent;

    fn rules() -> &'static CommentRules {
        CommentRules::embedded()
    }

    fn c(text: &str) -> Comment {
        Comment {
            text: text.into(),
            requirements: vec![],
            evidence: String::new(),
        }
    }

    fn kinds(text: &str) -> Vec<WarningKind> {
        check_comment(rules(), &c(text))
    }

    #[test]
    fn embedded_rules_parse() {
        let r = CommentRules::load("criteria/comment-check.json", EMBEDDED.as_bytes()).unwrap();
        assert!(r.prescriptive.iter().any(|w| w == "应该"));
        assert!(r.verdict.iter().any(|w| w == "欠缺"));
        assert_eq!(rules(), &r);
        let e = CommentRules::load("x.json", b"{\"format\":1}").unwrap_err();
        assert_eq!(e[0].path.to_string(), "$.format", "{e:?}");
    }

    #[test]
    fn a_good_comment_has_no_warning() {
        let text = "高层领导每季度召开战略研讨会，2021—2023年共12次，形成决议并跟踪落实（见申报材料第12页、图3-2）。";
        assert_eq!(kinds(text), vec![]);
        let mut with_field = c("高层领导每季度召开战略研讨会，形成决议并跟踪落实。");
        with_field.evidence = "申报材料第12页".into();
        assert_eq!(check_comment(rules(), &with_field), vec![]);
    }

    #[test]
    fn prescriptive_wording() {
        let k = kinds("组织应该建立系统的顾客投诉分析方法，并定期评价其有效性（见第8页）。");
        assert_eq!(
            k,
            vec![WarningKind::Prescriptive {
                words: vec!["应该".into()]
            }]
        );
        let k = kinds("The organisation should review its KPIs more often (page 12).");
        assert!(matches!(&k[..], [WarningKind::Prescriptive { words }] if words == &["should"]));
    }

    #[test]
    fn verdict_words_whole_words_in_english() {
        let k = kinds("顾客满意度测量方法较好，覆盖全部顾客群（见申报材料第20页）。");
        assert!(matches!(&k[..], [WarningKind::Verdict { words }] if words == &["较好"]));
        let k = kinds("Leaders show excellent commitment to staff (figure 3-2, p. 4).");
        assert!(matches!(&k[..], [WarningKind::Verdict { words }] if words == &["excellent"]));
        // "goods" is not "good"
        assert_eq!(
            kinds("Finished goods inventory fell from 40 to 25 days (table 7.2)."),
            vec![]
        );
    }

    #[test]
    fn evidence_reference() {
        assert_eq!(
            kinds("高层领导每季度召开战略研讨会，形成决议并跟踪落实。"),
            vec![WarningKind::NoEvidence]
        );
        for ok in [
            "高层领导每季度召开战略研讨会，形成决议（P12）。",
            "高层领导每季度召开战略研讨会，形成决议（表 4-1）。",
            "Senior leaders hold quarterly strategy reviews (Fig. 3.2).",
            "现场查阅了2023年的管理评审记录，决议均已跟踪落实。",
        ] {
            assert!(!kinds(ok).contains(&WarningKind::NoEvidence), "{ok}");
        }
        // a bare "第页" without a number is not a reference, nor is "step 3"
        assert!(kinds("高层领导每季度召开战略研讨会，见第页。").contains(&WarningKind::NoEvidence));
        assert!(
            kinds("Leaders review the plan at step 3 of the cycle each year.")
                .contains(&WarningKind::NoEvidence)
        );
        assert!(
            !kinds("高层领导每季度召开战略研讨会，形成决议（第 12 页）。")
                .contains(&WarningKind::NoEvidence)
        );
    }

    #[test]
    fn too_short_and_too_long_in_cells() {
        // 7 Chinese characters = 14 cells
        assert!(
            kinds("制度完善见P3")
                .iter()
                .any(|k| matches!(k, WarningKind::TooShort { .. }))
        );
        assert_eq!(
            kinds("领导作用明显见第3页")
                .into_iter()
                .filter(|k| matches!(k, WarningKind::TooShort { .. }))
                .count(),
            0,
            "10 Chinese characters = 20 cells is long enough"
        );
        let long = format!("{}（见第3页）", "高层领导定期开展战略研讨".repeat(20));
        assert!(matches!(
            kinds(&long).last(),
            Some(WarningKind::TooLong { max: 400, .. })
        ));
    }

    fn item(percent: Option<u32>, strengths: usize, ofis: usize) -> ItemReview {
        let good = c("高层领导每季度召开战略研讨会，形成决议并跟踪落实（见第12页）。");
        ItemReview {
            percent: percent.map(|p| Percent::new(p, 5).unwrap()),
            strengths: vec![good.clone(); strengths],
            ofis: vec![good; ofis],
            site_issues: vec![],
            done: false,
        }
    }

    #[test]
    fn item_level_warnings() {
        let only = |i: &ItemReview| -> Vec<WarningKind> {
            check_item(rules(), "4.1.2", i)
                .into_iter()
                .map(|w| {
                    assert_eq!(w.comment, None);
                    w.kind
                })
                .collect()
        };
        assert_eq!(only(&item(Some(50), 0, 0)), vec![WarningKind::NoComment]);
        assert_eq!(only(&item(None, 0, 0)), vec![]);
        assert_eq!(
            only(&item(Some(70), 1, 2)),
            vec![WarningKind::HighScoreMoreOfis {
                percent: 70,
                strengths: 1,
                ofis: 2
            }]
        );
        assert_eq!(only(&item(Some(70), 2, 2)), vec![]);
        assert_eq!(only(&item(Some(65), 1, 3)), vec![]);
        assert_eq!(
            only(&item(Some(25), 3, 1)),
            vec![WarningKind::LowScoreMoreStrengths {
                percent: 25,
                strengths: 3,
                ofis: 1
            }]
        );
        assert_eq!(only(&item(Some(30), 3, 1)), vec![]);
    }

    #[test]
    fn warnings_point_at_the_comment() {
        let mut it = item(Some(50), 1, 1);
        it.ofis.push(c("建议加强"));
        let w = check_item(rules(), "4.3.3", &it);
        assert!(w.iter().all(|w| w.item == "4.3.3"));
        let at = CommentRef {
            kind: CommentKind::Ofi,
            index: 1,
        };
        assert!(w.iter().all(|w| w.comment == Some(at)));
        let kinds: Vec<_> = w.iter().map(|w| &w.kind).collect();
        assert!(matches!(kinds[0], WarningKind::Prescriptive { .. }));
        assert!(kinds.contains(&&WarningKind::NoEvidence));
        assert!(
            kinds
                .iter()
                .any(|k| matches!(k, WarningKind::TooShort { .. }))
        );
    }
}
