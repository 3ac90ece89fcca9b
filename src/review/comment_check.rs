//! The comment check (评语检查): warnings, never blocks. Flags prescriptive wording, verdict
//! words, comments without an evidence reference, comments too short or too long, scored items
//! without a comment, and scores that contradict their comments (EFQM: the higher the score,
//! the more strengths). Word lists and thresholds are data: `criteria/comment-check.json`.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthStr;

use super::comments::{CommentKind, CommentRef};
use super::model::{Comment, ItemReview, Review};
use crate::framework::Framework;
use crate::lang::Text;

/// The format tag of the word-list file.
pub const COMMENT_CHECK_FORMAT: &str = "scorebook-comment-check/1";

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
    /// Parses and checks a word-list file; the error names the JSON path and line.
    pub fn from_json(text: &str) -> Result<CommentRules, String> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let rules: CommentRules = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            format!("at {path}, line {}: {inner}", inner.line())
        })?;
        if rules.format != COMMENT_CHECK_FORMAT {
            return Err(format!(
                "format is '{}', expected '{COMMENT_CHECK_FORMAT}'",
                rules.format
            ));
        }
        if rules.min_width > rules.max_width || rules.low_percent >= rules.high_percent {
            return Err(
                "min_width must not exceed max_width and low_percent must be below high_percent"
                    .into(),
            );
        }
        Ok(rules)
    }

    /// The built-in rules. The file is checked by the test suite; should it ever fail to
    /// parse, the check runs with empty lists rather than stopping the app.
    pub fn embedded() -> &'static CommentRules {
        static RULES: OnceLock<CommentRules> = OnceLock::new();
        RULES.get_or_init(|| CommentRules::from_json(EMBEDDED).unwrap_or_default())
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

/// Warnings about one comment's text. `rules` come from [`CommentRules::from_json`] (lists
/// lower-cased).
pub fn check_comment(rules: &CommentRules, comment: &Comment) -> Vec<WarningKind> {
    let text = comment.text.trim();
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    let found = |list: &[String]| -> Vec<String> {
        list.iter()
            .filter(|w| contains_word(&lower, w))
            .cloned()
            .collect()
    };
    let words = found(&rules.prescriptive);
    if !words.is_empty() {
        out.push(WarningKind::Prescriptive { words });
    }
    let words = found(&rules.verdict);
    if !words.is_empty() {
        out.push(WarningKind::Verdict { words });
    }
    if comment.evidence.trim().is_empty()
        && !rules
            .evidence_patterns
            .iter()
            .any(|p| matches_pattern(&lower, p))
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

/// Chinese words match anywhere; words of ASCII letters match whole words only, so `good`
/// does not fire on `goods`.
fn contains_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    if !word.is_ascii() {
        return text.contains(word);
    }
    text.match_indices(word).any(|(i, _)| {
        let before = text.get(..i).and_then(|s| s.chars().next_back());
        let after = text.get(i + word.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// Whether `text` contains `pattern`, where `#` matches a number (digits, optionally joined by
/// `-`, `.`, `–`, e.g. `12`, `3-2`, `3.2`) and a space matches any run of spaces. A pattern that
/// starts with a Latin letter only matches at the start of a word (`p #` not in `step 3`).
fn matches_pattern(text: &str, pattern: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let word_start = p.first().is_some_and(char::is_ascii_alphabetic);
    (0..t.len()).any(|start| {
        !(word_start && start > 0 && t[start - 1].is_ascii_alphanumeric())
            && match_at(&t, start, &p).is_some()
    })
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
        let r = CommentRules::from_json(EMBEDDED).unwrap();
        assert!(r.prescriptive.iter().any(|w| w == "应该"));
        assert!(r.verdict.iter().any(|w| w == "欠缺"));
        assert_eq!(rules(), &r);
        assert!(
            CommentRules::from_json("{\"format\":1}")
                .unwrap_err()
                .contains("format")
        );
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
