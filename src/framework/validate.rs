//! The rules a framework must keep beyond its JSON shape: identity, bilingual text, unique
//! codes, sums, and bands that tile 0–100 on the step. Every finding is returned, not the first.

use std::collections::HashMap;

use super::error::{JsonPath, Problem, Segment, Thing};
use super::model::{Band, FRAMEWORK_FORMAT, Factor, Framework};
use crate::lang::{Lang, Text};

/// A problem at a JSON path, before it is located in the text.
pub type Finding = (JsonPath, Problem);

/// Where the validator stands, as a chain of borrowed steps: a `JsonPath` is only built for a
/// finding, so checking a valid file allocates nothing per field.
#[derive(Debug, Clone, Copy)]
pub enum At<'a> {
    Root,
    Key(&'a At<'a>, &'static str),
    Index(&'a At<'a>, usize),
}

impl<'a> At<'a> {
    pub fn key(&'a self, key: &'static str) -> At<'a> {
        At::Key(self, key)
    }

    pub fn index(&'a self, index: usize) -> At<'a> {
        At::Index(self, index)
    }

    pub fn path(&self) -> JsonPath {
        let mut segments = Vec::new();
        let mut here = self;
        loop {
            match here {
                At::Root => break,
                At::Key(parent, k) => {
                    segments.push(Segment::Key((*k).to_string()));
                    here = parent;
                }
                At::Index(parent, i) => {
                    segments.push(Segment::Index(*i));
                    here = parent;
                }
            }
        }
        segments.reverse();
        JsonPath(segments)
    }
}

/// All rule violations of a parsed framework; empty when it is valid.
pub fn validate(f: &Framework) -> Vec<Finding> {
    let mut out = Vec::new();
    let root = At::Root;
    format_tag(&mut out, &root, &f.format, FRAMEWORK_FORMAT);
    check_id(&mut out, root.key("id"), &f.id);
    non_empty(&mut out, root.key("standard"), &f.standard);
    non_empty(&mut out, root.key("edition"), &f.edition);
    text(&mut out, root.key("title"), &f.title);
    if let Some(p) = &f.provenance {
        text(&mut out, root.key("provenance"), p);
    }
    if f.total_points == 0 {
        out.push((root.key("total_points").path(), Problem::ZeroPoints));
    }
    let step_ok = f.percent_step > 0 && 100 % f.percent_step == 0;
    if !step_ok {
        out.push((
            root.key("percent_step").path(),
            Problem::Step(f.percent_step),
        ));
    }
    if let Some(o) = &f.overview {
        let op = root.key("overview");
        text(&mut out, op.key("title"), &o.title);
        text(&mut out, op.key("guidance"), &o.guidance);
        if o.max_chars == Some(0) {
            out.push((op.key("max_chars").path(), Problem::NotPositive));
        }
    }
    factors(&mut out, &root.key("factors"), f);
    if step_ok {
        bands(&mut out, &root.key("bands"), &f.bands, f.percent_step);
    }
    categories(&mut out, &root, f);
    out
}

/// Ids appear in file names, sheets and command lines, so they stay plain.
/// The `format` tag must name this kind of file and version.
pub fn format_tag(out: &mut Vec<Finding>, root: &At<'_>, found: &str, expected: &str) {
    if found != expected {
        out.push((
            root.key("format").path(),
            Problem::FormatTag {
                found: found.to_string(),
                expected: expected.into(),
            },
        ));
    }
}

pub fn check_id(out: &mut Vec<Finding>, path: At<'_>, id: &str) {
    if id.trim().is_empty() {
        out.push((path.path(), Problem::EmptyField));
    } else if !id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
    {
        out.push((path.path(), Problem::BadId(id.to_string())));
    }
}

pub fn non_empty(out: &mut Vec<Finding>, path: At<'_>, s: &str) {
    if s.trim().is_empty() {
        out.push((path.path(), Problem::EmptyField));
    }
}

/// Both languages must be present: reviewers read Chinese, the English serves exports.
pub fn text(out: &mut Vec<Finding>, path: At<'_>, t: &Text) {
    if t.zh.trim().is_empty() {
        out.push((path.key("zh").path(), Problem::EmptyText(Lang::Zh)));
    }
    if t.en.trim().is_empty() {
        out.push((path.key("en").path(), Problem::EmptyText(Lang::En)));
    }
}

/// Records `value` at `path`; reports it when it was seen before.
pub struct Unique {
    what: Thing,
    seen: HashMap<String, JsonPath>,
}

impl Unique {
    pub fn new(what: Thing) -> Unique {
        Unique {
            what,
            seen: HashMap::new(),
        }
    }

    pub fn check(&mut self, out: &mut Vec<Finding>, path: At<'_>, value: &str) {
        match self.seen.get(value) {
            Some(first) => out.push((
                path.path(),
                Problem::Duplicate {
                    what: self.what,
                    value: value.to_string(),
                    first: first.clone(),
                },
            )),
            None => {
                self.seen.insert(value.to_string(), path.path());
            }
        }
    }
}

fn factors(out: &mut Vec<Finding>, path: &At<'_>, f: &Framework) {
    let lists: [(&str, &[Factor]); 2] = [
        ("process", &f.factors.process),
        ("results", &f.factors.results),
    ];
    for (kind, list) in lists {
        let p = path.key(kind);
        if list.is_empty() {
            out.push((p.path(), Problem::NoFactors(kind)));
        }
        let mut codes = Unique::new(Thing::Factor);
        for (i, factor) in list.iter().enumerate() {
            let fp = p.index(i);
            non_empty(out, fp.key("code"), &factor.code);
            codes.check(out, fp.key("code"), &factor.code);
            text(out, fp.key("name"), &factor.name);
            text(out, fp.key("meaning"), &factor.meaning);
        }
    }
}

fn bands(out: &mut Vec<Finding>, path: &At<'_>, bands: &[Band], step: u8) {
    if bands.is_empty() {
        out.push((path.path(), Problem::NoBands));
        return;
    }
    let mut usable = Vec::with_capacity(bands.len());
    for (i, b) in bands.iter().enumerate() {
        let p = path.index(i);
        text(out, p.key("process"), &b.process);
        text(out, p.key("results"), &b.results);
        let mut ok = true;
        for (key, value) in [("min", b.min), ("max", b.max)] {
            if value > 100 {
                out.push((p.key(key).path(), Problem::BandAbove100(value)));
                ok = false;
            } else if value % step != 0 {
                out.push((p.key(key).path(), Problem::BandOffStep { value, step }));
                ok = false;
            }
        }
        if b.min > b.max {
            out.push((
                p.key("min").path(),
                Problem::BandInverted {
                    min: b.min,
                    max: b.max,
                },
            ));
            ok = false;
        }
        usable.push(ok);
    }
    if usable.contains(&false) {
        // Coverage of broken bands would only repeat the errors above.
        return;
    }
    // Every percent a reviewer may give must fall in exactly one band.
    let owners: Vec<(u8, Vec<usize>)> = (0..=100u8)
        .step_by(usize::from(step))
        .map(|p| {
            let in_bands = bands
                .iter()
                .enumerate()
                .filter(|(_, b)| b.contains(p))
                .map(|(i, _)| i)
                .collect();
            (p, in_bands)
        })
        .collect();
    let mut gap: Option<(u8, u8)> = None;
    let mut overlaps: Vec<(usize, usize, u8, u8)> = Vec::new();
    for (p, owners_of_p) in &owners {
        if owners_of_p.is_empty() {
            gap = Some(gap.map_or((*p, *p), |(from, _)| (from, *p)));
            continue;
        }
        if let Some((from, to)) = gap.take() {
            out.push((path.path(), Problem::BandGap { from, to }));
        }
        for pair in owners_of_p.windows(2) {
            let &[first, second] = pair else { continue };
            match overlaps.last_mut() {
                Some(o) if o.0 == first && o.1 == second => o.3 = *p,
                _ => overlaps.push((first, second, *p, *p)),
            }
        }
    }
    if let Some((from, to)) = gap {
        out.push((path.path(), Problem::BandGap { from, to }));
    }
    for (first, second, from, to) in overlaps {
        out.push((
            path.index(second).path(),
            Problem::BandOverlap {
                from,
                to,
                other: first,
            },
        ));
    }
}

fn categories(out: &mut Vec<Finding>, root: &At<'_>, f: &Framework) {
    let path = root.key("categories");
    if f.categories.is_empty() {
        out.push((path.path(), Problem::NoCategories));
        return;
    }
    let mut category_codes = Unique::new(Thing::Category);
    let mut item_codes = Unique::new(Thing::Item);
    let mut total: u64 = 0;
    for (ci, c) in f.categories.iter().enumerate() {
        let cp = path.index(ci);
        non_empty(out, cp.key("code"), &c.code);
        category_codes.check(out, cp.key("code"), &c.code);
        text(out, cp.key("title"), &c.title);
        if let Some(g) = &c.general {
            text(out, cp.key("general"), g);
        }
        total += u64::from(c.points);
        if c.points == 0 {
            out.push((cp.key("points").path(), Problem::ZeroPoints));
        }
        if c.items.is_empty() {
            out.push((cp.key("items").path(), Problem::NoItems(c.code.clone())));
            continue;
        }
        let mut sum: u64 = 0;
        let items_at = cp.key("items");
        for (ii, item) in c.items.iter().enumerate() {
            let ip = items_at.index(ii);
            non_empty(out, ip.key("code"), &item.code);
            item_codes.check(out, ip.key("code"), &item.code);
            text(out, ip.key("title"), &item.title);
            if let Some(s) = &item.summary {
                text(out, ip.key("summary"), s);
            }
            if item.points == 0 {
                out.push((ip.key("points").path(), Problem::ZeroPoints));
            }
            sum += u64::from(item.points);
            let mut labels = Unique::new(Thing::Requirement);
            let requirements_at = ip.key("requirements");
            for (ri, r) in item.requirements.iter().enumerate() {
                let rp = requirements_at.index(ri);
                non_empty(out, rp.key("label"), &r.label);
                labels.check(out, rp.key("label"), &r.label);
                if let Some(cl) = &r.clause {
                    text(out, rp.key("clause"), cl);
                }
                text(out, rp.key("tag"), &r.tag);
                text(out, rp.key("gloss"), &r.gloss);
            }
        }
        if sum != u64::from(c.points) {
            out.push((
                cp.key("points").path(),
                Problem::ItemsSum {
                    code: c.code.clone(),
                    sum,
                    declared: c.points,
                },
            ));
        }
    }
    if total != u64::from(f.total_points) {
        out.push((
            root.key("total_points").path(),
            Problem::CategoriesSum {
                sum: total,
                declared: f.total_points,
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::model::*;

    fn t(s: &str) -> Text {
        Text::new(s, s)
    }

    fn band(min: u8, max: u8) -> Band {
        Band {
            min,
            max,
            process: t("p"),
            results: t("r"),
        }
    }

    fn item(code: &str, points: u32) -> Item {
        Item {
            code: code.into(),
            title: t("item"),
            points,
            kind: ItemKind::Process,
            summary: None,
            requirements: vec![Requirement {
                label: "a".into(),
                clause: None,
                tag: t("tag"),
                gloss: t("gloss"),
            }],
        }
    }

    fn sample() -> Framework {
        Framework {
            format: FRAMEWORK_FORMAT.into(),
            id: "test-1".into(),
            standard: "T 1".into(),
            edition: "1".into(),
            status: Status::Provisional,
            wording: None,
            title: t("title"),
            provenance: None,
            total_points: 100,
            percent_step: 5,
            factors: Factors {
                process: vec![Factor {
                    code: "A".into(),
                    name: t("A"),
                    meaning: t("A"),
                }],
                results: vec![Factor {
                    code: "Le".into(),
                    name: t("Le"),
                    meaning: t("Le"),
                }],
            },
            bands: vec![band(0, 45), band(50, 100)],
            overview: None,
            categories: vec![
                Category {
                    code: "1".into(),
                    title: t("one"),
                    points: 60,
                    general: None,
                    items: vec![item("1.1", 20), item("1.2", 40)],
                },
                Category {
                    code: "2".into(),
                    title: t("two"),
                    points: 40,
                    general: None,
                    items: vec![item("2.1", 40)],
                },
            ],
        }
    }

    fn problems(f: &Framework) -> Vec<String> {
        validate(f)
            .into_iter()
            .map(|(p, e)| format!("{p}: {e}"))
            .collect()
    }

    #[test]
    fn sample_is_valid() {
        assert_eq!(problems(&sample()), Vec::<String>::new());
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let mut f = sample();
        f.format = "scorebook-framework/9".into();
        f.title.en.clear();
        f.categories[0].items[1].points = 35;
        f.categories[1].items[0].code = "1.1".into();
        f.categories[0].items[0].requirements[0].tag.zh = "  ".into();
        let p = problems(&f);
        assert!(p.contains(&"$.format: format is \"scorebook-framework/9\", expected \"scorebook-framework/1\"".to_string()), "{p:?}");
        assert!(p.contains(&"$.title.en: en text is empty".to_string()));
        assert!(p.contains(
            &"$.categories[0].points: items add up to 55, category 1 declares 60".to_string()
        ));
        assert!(p.contains(&"$.categories[1].items[0].code: item code \"1.1\" appears twice (first at $.categories[0].items[0].code)".to_string()));
        assert!(p.contains(
            &"$.categories[0].items[0].requirements[0].tag.zh: zh text is empty".to_string()
        ));
        assert_eq!(p.len(), 5, "{p:?}");
    }

    #[test]
    fn categories_must_add_up_to_the_total() {
        let mut f = sample();
        f.total_points = 1000;
        assert_eq!(
            problems(&f),
            vec!["$.total_points: categories add up to 100, total_points declares 1000"]
        );
    }

    #[test]
    fn band_gaps_overlaps_and_off_step_edges() {
        let mut f = sample();
        f.bands = vec![band(0, 25), band(40, 60), band(55, 100)];
        assert_eq!(
            problems(&f),
            vec![
                "$.bands: percents 30–35 in no band (gap)",
                "$.bands[2]: percents 55–60 in this band and in band 1 (overlap)"
            ]
        );
        f.bands = vec![band(0, 47), band(50, 95)];
        assert_eq!(
            problems(&f),
            vec!["$.bands[0].max: band edge 47 is not on the step of 5"]
        );
        f.bands = vec![band(0, 45), band(50, 95)];
        assert_eq!(problems(&f), vec!["$.bands: percent 100 in no band (gap)"]);
    }

    #[test]
    fn step_must_divide_100() {
        for bad in [0u8, 3, 7] {
            let mut f = sample();
            f.percent_step = bad;
            assert_eq!(
                problems(&f),
                vec![format!(
                    "$.percent_step: percent_step {bad} must be above 0 and divide 100"
                )]
            );
        }
    }

    #[test]
    fn duplicate_category_codes_and_requirement_labels() {
        let mut f = sample();
        f.categories[1].code = "1".into();
        let r = f.categories[0].items[0].requirements[0].clone();
        f.categories[0].items[0].requirements.push(r);
        let p = problems(&f);
        assert!(
            p.iter()
                .any(|s| s.starts_with("$.categories[1].code: category code \"1\" appears twice"))
        );
        assert!(p.iter().any(|s| s.starts_with(
            "$.categories[0].items[0].requirements[1].label: requirement label \"a\" appears twice"
        )));
    }

    #[test]
    fn ids_are_plain() {
        let mut f = sample();
        f.id = "GB/T 19580".into();
        assert_eq!(
            problems(&f),
            vec!["$.id: id \"GB/T 19580\" may only use a-z, 0-9, '-', '_' and '.'"]
        );
    }

    #[test]
    fn an_overview_needs_both_languages_and_a_positive_limit() {
        let mut f = sample();
        f.overview = Some(Overview {
            title: t("个人概述要点"),
            guidance: Text::new("附录C", ""),
            max_chars: Some(0),
        });
        assert_eq!(
            problems(&f),
            vec![
                "$.overview.guidance.en: en text is empty",
                "$.overview.max_chars: must be above 0"
            ]
        );
        f.overview.as_mut().unwrap().max_chars = Some(3000);
        f.overview.as_mut().unwrap().guidance = t("附录C");
        assert_eq!(problems(&f), Vec::<String>::new());
    }
}
