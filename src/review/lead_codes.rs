//! Requirement codes (要求编号) written at the start of a comment's evidence (证据): a reviewer
//! types `2a 自评报告第12页` in one field instead of the evidence, Tab, the codes. Pure text
//! rules; the comment form (`tui::update::form`) shows the split live and saves by it.
//!
//! The leading words are taken as codes while each one is one of the item's own labels
//! (compared case-insensitively, kept as the framework spells them), separated by spaces or
//! `，` `,` `、` `：` `:` `；` `;`. The first word that is not a valid code ends them, so
//! `P23 自评报告` or `2a自评报告` (no separator) stay evidence as typed. Nothing is lost: the
//! evidence is the rest of the text from that word on, unchanged, and what comes before it is
//! only the codes taken and their separators.

/// What separates codes from each other and from the evidence.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '，' | ',' | '、' | '：' | ':' | '；' | ';')
}

/// Codes at the start of an evidence text and the evidence that follows them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LeadCodes {
    /// The codes taken, as the framework spells them, in the framework's order, without
    /// repeats.
    pub codes: Vec<String>,
    /// The rest of the text from the first word that is not a code, unchanged; the whole text
    /// when it starts with no code.
    pub evidence: String,
}

/// Splits `text` into the item's codes it starts with and the evidence after them. `valid` are
/// the item's requirement labels (4.2.3: `2a` … `3b`).
pub fn split_lead_codes(valid: &[String], text: &str) -> LeadCodes {
    let mut codes: Vec<String> = Vec::new();
    let mut rest = text;
    loop {
        let word_start = rest.trim_start_matches(is_separator);
        let word_len = word_start.find(is_separator).unwrap_or(word_start.len());
        let Some(word) = word_start.get(..word_len) else {
            break;
        };
        let Some(label) = valid
            .iter()
            .find(|v| !word.is_empty() && v.to_lowercase() == word.to_lowercase())
        else {
            break;
        };
        if !codes.contains(label) {
            codes.push(label.clone());
        }
        rest = word_start.get(word_len..).unwrap_or_default();
    }
    codes.sort_by_key(|c| valid.iter().position(|v| v == c));
    if codes.is_empty() {
        return LeadCodes {
            codes,
            evidence: text.to_string(),
        };
    }
    LeadCodes {
        codes,
        evidence: rest.trim_start_matches(is_separator).to_string(),
    }
}

/// The codes of a comment: those picked in the codes field and those written before the
/// evidence, each once, in the framework's order (codes the item does not have, which the form
/// refuses before it saves, go last as typed). With none before the evidence, the picked codes
/// as they are.
pub fn merge_codes(valid: &[String], picked: &[String], lead: &[String]) -> Vec<String> {
    if lead.is_empty() {
        return picked.to_vec();
    }
    let mut all: Vec<String> = Vec::new();
    for c in picked.iter().chain(lead) {
        if !all.contains(c) {
            all.push(c.clone());
        }
    }
    all.sort_by_key(|c| valid.iter().position(|v| v == c).unwrap_or(usize::MAX));
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn labels() -> Vec<String> {
        ["2a", "2b", "3a", "3b", "a"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn codes(c: &[&str]) -> Vec<String> {
        c.iter().map(|x| x.to_string()).collect()
    }

    fn split(text: &str) -> (Vec<String>, String) {
        let l = split_lead_codes(&labels(), text);
        (l.codes, l.evidence)
    }

    #[test]
    fn codes_before_the_evidence_are_taken() {
        assert_eq!(
            split("2a 自评报告第12页"),
            (codes(&["2a"]), "自评报告第12页".into())
        );
        assert_eq!(
            split("2a、3B：自评报告第12页"),
            (codes(&["2a", "3b"]), "自评报告第12页".into())
        );
        assert_eq!(
            split("2A,2b；  附表3"),
            (codes(&["2a", "2b"]), "附表3".into())
        );
        assert_eq!(split("3a"), (codes(&["3a"]), String::new()));
        assert_eq!(split("3a，"), (codes(&["3a"]), String::new()));
        // A full-width space from a Chinese input method separates too.
        assert_eq!(
            split("2a\u{3000}现场查看"),
            (codes(&["2a"]), "现场查看".into())
        );
        assert_eq!(split("2a 2a 现场"), (codes(&["2a"]), "现场".into()));
    }

    #[test]
    fn the_first_word_that_is_not_a_code_ends_them() {
        assert_eq!(split("P23 自评报告"), (codes(&[]), "P23 自评报告".into()));
        assert_eq!(split("2a自评报告"), (codes(&[]), "2a自评报告".into()));
        assert_eq!(split("2a P23 2b"), (codes(&["2a"]), "P23 2b".into()));
        assert_eq!(split("  自评报告"), (codes(&[]), "  自评报告".into()));
        assert_eq!(split(""), (codes(&[]), String::new()));
        assert_eq!(split("，，"), (codes(&[]), "，，".into()));
        // `gz` is not 4.2.3's: it stays evidence.
        assert_eq!(split("gz 2a 报告"), (codes(&[]), "gz 2a 报告".into()));
    }

    #[test]
    fn merged_codes_are_in_framework_order_without_repeats() {
        let v = labels();
        let s = |x: &[&str]| x.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(
            merge_codes(&v, &s(&["3b", "2a"]), &s(&["2b", "2a"])),
            s(&["2a", "2b", "3b"])
        );
        assert_eq!(merge_codes(&v, &[], &s(&["a"])), s(&["a"]));
        assert_eq!(
            merge_codes(&v, &s(&["gz", "3a"]), &s(&["2a"])),
            s(&["2a", "3a", "gz"])
        );
        // Nothing before the evidence: the picked codes as they are.
        assert_eq!(merge_codes(&v, &s(&["3b", "2a"]), &[]), s(&["3b", "2a"]));
    }

    /// Words a reviewer might write, codes and near-codes among them.
    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("2a".to_string()),
            Just("2A".to_string()),
            Just("3b".to_string()),
            Just("a".to_string()),
            Just("P23".to_string()),
            Just("2a自评".to_string()),
            "[a-c0-9]{1,3}",
            "[自评报告第页附表现场]{1,4}",
            Just(String::new()),
        ]
    }

    fn sep() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(" ".to_string()),
            Just("，".to_string()),
            Just(",".to_string()),
            Just("、".to_string()),
            Just("：".to_string()),
            Just(":".to_string()),
            Just("；".to_string()),
            Just("\u{3000}".to_string()),
            Just("  ".to_string()),
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec((word(), sep()), 0..6).prop_map(|v| {
            v.into_iter()
                .map(|(w, s)| format!("{w}{s}"))
                .collect::<String>()
        })
    }

    proptest! {
        /// Nothing is lost: the evidence is what follows the codes, unchanged, and what comes
        /// before it is only the codes taken (as written, any case) and separators.
        #[test]
        fn codes_and_evidence_reassemble_the_text(t in prop_oneof![text(), ".{0,20}"]) {
            let v = labels();
            let l = split_lead_codes(&v, &t);
            prop_assert!(t.ends_with(&l.evidence), "{t:?} → {l:?}");
            let head = t.strip_suffix(l.evidence.as_str()).unwrap();
            if l.codes.is_empty() {
                prop_assert_eq!(&l.evidence, &t);
            }
            let words: Vec<String> = head
                .split(is_separator)
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            let mut seen: Vec<String> = Vec::new();
            for w in &words {
                let label = v.iter().find(|x| x.to_lowercase() == *w);
                prop_assert!(label.is_some(), "{w:?} taken from {t:?}");
                let label = label.unwrap().clone();
                if !seen.contains(&label) {
                    seen.push(label);
                }
            }
            seen.sort_by_key(|c| v.iter().position(|x| x == c));
            prop_assert_eq!(&seen, &l.codes, "{:?}", t);
        }

        /// Only the item's codes are taken, and the evidence left starts with none of them:
        /// splitting it again takes nothing.
        #[test]
        fn only_valid_codes_are_taken_and_the_split_is_stable(t in text()) {
            let v = labels();
            let l = split_lead_codes(&v, &t);
            prop_assert!(l.codes.iter().all(|c| v.contains(c)));
            let again = split_lead_codes(&v, &l.evidence);
            prop_assert!(again.codes.is_empty(), "{t:?} → {l:?} → {again:?}");
            prop_assert_eq!(again.evidence, l.evidence);
        }
    }
}
