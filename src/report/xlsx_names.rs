//! Worksheet names Excel accepts, made from applicant names: at most 31 UTF-16 units, none of
//! `[ ] : * ? / \`, no leading or trailing apostrophe, unique without regard to case, and not
//! the reserved `History`. Cut by whole chars, never bytes, so Chinese names cannot split.

use std::collections::HashSet;

/// Excel's limit, counted in UTF-16 code units (as rust_xlsxwriter checks it).
pub const MAX_UNITS: usize = 31;

/// Hands out unique worksheet names.
#[derive(Debug, Default)]
pub struct SheetNames {
    taken: HashSet<String>,
}

impl SheetNames {
    pub fn new() -> Self {
        SheetNames {
            taken: HashSet::from(["history".to_string()]),
        }
    }

    /// A valid, not yet used name as close to `wanted` as the rules allow.
    pub fn claim(&mut self, wanted: &str) -> String {
        let base = clean(wanted);
        let base = if base.is_empty() {
            "Sheet".to_string()
        } else {
            base
        };
        let mut n = 1u32;
        loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("~{n}")
            };
            let name = trim_apostrophes(&fit(&base, MAX_UNITS - units(&suffix))) + &suffix;
            if !name.is_empty() && self.taken.insert(name.to_lowercase()) {
                return name;
            }
            n += 1;
        }
    }
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Forbidden characters and control characters become `_` and spaces; whitespace collapses.
fn clean(s: &str) -> String {
    let replaced: String = s
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    trim_apostrophes(&replaced.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn trim_apostrophes(s: &str) -> String {
    s.trim_matches(|c: char| c == '\'' || c.is_whitespace())
        .to_string()
}

/// The longest prefix of whole chars within `max` UTF-16 units.
fn fit(s: &str, max: usize) -> String {
    let mut used = 0;
    s.chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= max
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn chinese_names_are_cut_by_chars_and_made_unique() {
        let mut names = SheetNames::new();
        let long = "A1 上海金山区某某精密机械制造股份有限公司第一分公司质量管理部";
        let first = names.claim(long);
        assert_eq!(units(&first), 31);
        assert!(long.starts_with(&first));
        let second = names.claim(long);
        assert!(second.ends_with("~2") && units(&second) <= 31, "{second}");
        assert_eq!(names.claim("a/b[c]:d*e?f\\g"), "a_b_c__d_e_f_g");
        assert_eq!(names.claim("'引号'"), "引号");
        assert_eq!(names.claim("History"), "History~2");
        assert_eq!(names.claim("SHEET"), "SHEET");
        assert_eq!(names.claim("sheet"), "sheet~2");
        assert_eq!(names.claim("   "), "Sheet~3");
    }

    proptest! {
        #[test]
        fn every_claimed_name_is_valid_for_rust_xlsxwriter(
            wanted in proptest::collection::vec("\\PC{0,40}", 1..6)
        ) {
            let mut names = SheetNames::new();
            let mut wb = rust_xlsxwriter::Workbook::new();
            for w in &wanted {
                let name = names.claim(w);
                prop_assert!(units(&name) <= MAX_UNITS);
                prop_assert!(wb.add_worksheet().set_name(&name).is_ok(), "{name:?}");
            }
            // Unique, so the workbook accepts them together.
            prop_assert!(wb.save_to_buffer().is_ok());
        }
    }
}
