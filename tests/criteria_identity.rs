//! The content hash identifies a framework edition: it ignores formatting and key order, and
//! any change of content changes it. And the arithmetic over a real framework adds up.

use std::sync::LazyLock;

use proptest::prelude::*;
use rust_decimal::Decimal;
use scorebook::framework::{Percent, item_score, load_framework};
use scorebook::program::Catalog;
use scorebook::program::catalog::EMBEDDED_FRAMEWORKS;
use serde_json::{Map, Value};

fn embedded(name: &str) -> &'static str {
    EMBEDDED_FRAMEWORKS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .unwrap()
}

fn hash_of(text: &str) -> String {
    load_framework("test.json", text.as_bytes())
        .map(|(_, hash)| hash)
        .unwrap_or_else(|e| panic!("{e:?}"))
}

/// The same value with every object's keys in reverse order.
fn reverse_keys(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut entries: Vec<(String, Value)> = m.into_iter().collect();
            entries.reverse();
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, reverse_keys(v)))
                    .collect::<Map<_, _>>(),
            )
        }
        Value::Array(a) => Value::Array(a.into_iter().map(reverse_keys).collect()),
        other => other,
    }
}

#[test]
fn hash_is_stable_under_reformatting_and_key_order() {
    for (name, text) in EMBEDDED_FRAMEWORKS {
        let original = hash_of(text);
        let value: Value = serde_json::from_str(text).unwrap();
        let compact = serde_json::to_string(&value).unwrap();
        let reordered = serde_json::to_string_pretty(&reverse_keys(value.clone())).unwrap();
        assert_ne!(compact, *text);
        assert!(
            !reordered.starts_with("{\n  \"format\""),
            "keys really moved"
        );
        let tabbed = text.replace("  ", "\t").replace('\n', "\r\n");
        assert_eq!(hash_of(&compact), original, "{name}: compact");
        assert_eq!(hash_of(&reordered), original, "{name}: reordered");
        assert_eq!(hash_of(&tabbed), original, "{name}: tabs and CRLF");
        assert_eq!(original.len(), 64);
        assert!(
            original
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
    }
}

#[test]
fn hash_changes_when_a_point_value_changes() {
    let text = embedded("gbt19580-2012.json");
    let mut value: Value = serde_json::from_str(text).unwrap();
    // Move 10 points between two items of one category: still a valid framework.
    let items = value["categories"][0]["items"].as_array_mut().unwrap();
    let a = items[0]["points"].as_u64().unwrap();
    let b = items[1]["points"].as_u64().unwrap();
    items[0]["points"] = (a - 10).into();
    items[1]["points"] = (b + 10).into();
    let changed = serde_json::to_string(&value).unwrap();
    assert_ne!(hash_of(&changed), hash_of(text));
    // A text change alone changes it too.
    let mut value: Value = serde_json::from_str(text).unwrap();
    value["title"]["en"] = "Criteria (reprint)".into();
    assert_ne!(
        hash_of(&serde_json::to_string(&value).unwrap()),
        hash_of(text)
    );
}

#[test]
fn catalog_hash_is_the_file_hash() {
    let c = Catalog::embedded();
    let f = c.framework("gbt19580-2012").unwrap();
    assert_eq!(f.hash, hash_of(embedded("gbt19580-2012.json")));
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::embedded);

fn percents_for(n: usize) -> impl Strategy<Value = Vec<u32>> {
    proptest::collection::vec(0u32..=20, n).prop_map(|v| v.into_iter().map(|s| s * 5).collect())
}

proptest! {
    #[test]
    fn sum_of_item_scores_is_the_total(percents in percents_for(23), skip in 0usize..30) {
        let c = &*CATALOG;
        for f in [&c.framework("gbt19580-2012").unwrap().doc, &c.framework("db31t598").unwrap().doc] {
            let codes: Vec<&str> = f.items().map(|(_, i)| i.code.as_str()).collect();
            // One item may be left unscored (index past the end: all scored).
            let percent_of = |code: &str| {
                let i = codes.iter().position(|c| *c == code)?;
                (i != skip).then(|| Percent::new(percents[i % percents.len()], f.percent_step).unwrap())
            };
            let totals = f.totals(percent_of);
            let mut expected = Decimal::ZERO;
            for (cat, (code, sum, points)) in f.categories.iter().zip(&totals.categories) {
                prop_assert_eq!(&cat.code, code);
                prop_assert_eq!(cat.points, *points);
                let cat_sum: Decimal = cat.items.iter().filter_map(|i| percent_of(&i.code).map(|p| item_score(i.points, p))).sum();
                prop_assert_eq!(cat_sum, *sum);
                prop_assert!(*sum <= Decimal::from(cat.points));
                expected += cat_sum;
            }
            prop_assert_eq!(totals.total, expected.normalize());
            prop_assert!(totals.total <= Decimal::from(f.total_points));
            prop_assert_eq!(totals.unscored.len(), usize::from(skip < codes.len()));
        }
    }
}

#[test]
fn full_marks_everywhere_is_the_declared_total() {
    let c = Catalog::embedded();
    for f in &c.frameworks {
        let t = f.doc.totals(|_| Some(Percent::FULL));
        assert_eq!(t.total, Decimal::from(f.doc.total_points));
        assert!(t.unscored.is_empty());
    }
}

#[test]
fn canonical_bytes_are_serde_jcs_bytes_for_every_embedded_document() {
    let (c, _) = Catalog::embedded_checked();
    for f in &c.frameworks {
        let ours = scorebook::canonical::to_canonical(&f.doc).unwrap();
        assert_eq!(ours, serde_jcs::to_vec(&f.doc).unwrap(), "{}", f.doc.id);
    }
    for p in &c.programs {
        let ours = scorebook::canonical::to_canonical(&p.doc).unwrap();
        assert_eq!(ours, serde_jcs::to_vec(&p.doc).unwrap(), "{}", p.doc.id);
    }
}
