//! Checks the shipped award data (criteria/frameworks, criteria/programs) directly: the files
//! parse into the model types and their numbers hold together. The general validator lives in
//! the framework module; these tests pin the content of the editions we ship.

use std::collections::HashSet;

use scorebook::framework::model::{FRAMEWORK_FORMAT, Framework, ItemKind, Status, Wording};
use scorebook::program::catalog::{
    Catalog, EMBEDDED_FRAMEWORKS, EMBEDDED_PROGRAMS, EMBEDDED_SUPERSEDED,
};
use scorebook::program::model::{
    ApplicantKind, PROGRAM_FORMAT, Program, RankingPolicy, StageKind, StageOwner,
};

fn frameworks() -> Vec<Framework> {
    EMBEDDED_FRAMEWORKS
        .iter()
        .map(|(name, text)| {
            serde_json::from_str::<Framework>(text)
                .unwrap_or_else(|e| panic!("criteria/frameworks/{name}: {e}"))
        })
        .collect()
}

fn framework(id: &str) -> Framework {
    frameworks()
        .into_iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no embedded framework {id}"))
}

fn program(id: &str) -> Program {
    EMBEDDED_PROGRAMS
        .iter()
        .map(|(name, text)| {
            serde_json::from_str::<Program>(text)
                .unwrap_or_else(|e| panic!("criteria/programs/{name}: {e}"))
        })
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no embedded programme {id}"))
}

/// Every `{"zh": …, "en": …}` object anywhere in the document, with its JSON path.
fn texts(v: &serde_json::Value, path: String, out: &mut Vec<(String, String, String)>) {
    match v {
        serde_json::Value::Object(m) => {
            if m.len() == 2 && m.contains_key("zh") && m.contains_key("en") {
                let s = |k: &str| m[k].as_str().unwrap_or_default().to_string();
                out.push((path, s("zh"), s("en")));
                return;
            }
            for (k, x) in m {
                texts(x, format!("{path}.{k}"), out);
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                texts(x, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn assert_bilingual<T: serde::Serialize>(doc: &T, what: &str) {
    let v = serde_json::to_value(doc).unwrap();
    let mut all = Vec::new();
    texts(&v, "$".into(), &mut all);
    assert!(!all.is_empty(), "{what}: no bilingual text found");
    for (path, zh, en) in all {
        assert!(
            !zh.trim().is_empty(),
            "{what} {path}: Chinese text is empty"
        );
        assert!(
            !en.trim().is_empty(),
            "{what} {path}: English text is empty"
        );
    }
}

#[test]
fn every_embedded_document_loads_into_the_catalog() {
    let fws = frameworks();
    assert_eq!(fws.len(), EMBEDDED_FRAMEWORKS.len());
    let catalog = Catalog::embedded();
    assert_eq!(catalog.frameworks.len(), EMBEDDED_FRAMEWORKS.len());
    assert_eq!(catalog.programs.len(), EMBEDDED_PROGRAMS.len());
    let ids: HashSet<_> = fws.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids.len(), fws.len(), "framework ids must be unique");
    for f in &fws {
        assert_eq!(f.format, FRAMEWORK_FORMAT, "{}", f.id);
        assert!(f.provenance.is_some(), "{}: provenance note missing", f.id);
    }
}

#[test]
fn points_add_up_in_every_framework() {
    for f in frameworks() {
        assert_eq!(f.total_points, 1000, "{}", f.id);
        let sum: u32 = f.categories.iter().map(|c| c.points).sum();
        assert_eq!(sum, f.total_points, "{}: categories vs total", f.id);
        for c in &f.categories {
            let items: u32 = c.items.iter().map(|i| i.points).sum();
            assert_eq!(items, c.points, "{} {}: items vs category", f.id, c.code);
            assert!(!c.items.is_empty(), "{} {}: no items", f.id, c.code);
        }
    }
}

#[test]
fn codes_and_labels_are_unique_and_every_item_has_requirements() {
    for f in frameworks() {
        let mut codes = HashSet::new();
        for c in &f.categories {
            assert!(
                codes.insert(c.code.clone()),
                "{}: duplicate {}",
                f.id,
                c.code
            );
            for i in &c.items {
                assert!(
                    codes.insert(i.code.to_string()),
                    "{}: duplicate {}",
                    f.id,
                    i.code
                );
                assert!(
                    i.code.starts_with(&format!("{}.", c.code)),
                    "{}: item {} is filed under category {}",
                    f.id,
                    i.code,
                    c.code
                );
                assert!(!i.requirements.is_empty(), "{} {}: none", f.id, i.code);
                let mut labels = HashSet::new();
                for r in &i.requirements {
                    assert!(
                        labels.insert(r.label.as_str()),
                        "{} {}: duplicate label {}",
                        f.id,
                        i.code,
                        r.label
                    );
                }
            }
        }
    }
}

#[test]
fn bands_cover_0_to_100_on_the_step_without_gap_or_overlap() {
    for f in frameworks() {
        assert_eq!(f.percent_step, 5, "{}", f.id);
        let step = f.percent_step;
        let mut next = 0u8;
        for b in &f.bands {
            assert_eq!(b.min, next, "{}: gap or overlap at {}", f.id, b.min);
            assert!(
                b.min <= b.max,
                "{}: band {}–{} reversed",
                f.id,
                b.min,
                b.max
            );
            assert_eq!(b.min % step, 0, "{}: {} off the step", f.id, b.min);
            assert_eq!(b.max % step, 0, "{}: {} off the step", f.id, b.max);
            next = b.max + step;
        }
        assert_eq!(next, 100 + step, "{}: bands must end at 100", f.id);
        for p in (0..=100).step_by(step as usize) {
            assert_eq!(
                f.bands.iter().filter(|b| b.contains(p)).count(),
                1,
                "{}: {p}% must fall in exactly one band",
                f.id
            );
        }
        let edges: Vec<_> = f.bands.iter().map(|b| (b.min, b.max)).collect();
        assert_eq!(
            edges,
            [(0, 5), (10, 25), (30, 45), (50, 65), (70, 85), (90, 100)],
            "{}",
            f.id
        );
    }
}

#[test]
fn factors_are_adli_and_letci_for_organisations_and_adr_for_a_person() {
    let codes = |v: &[scorebook::framework::model::Factor]| {
        v.iter().map(|x| x.code.clone()).collect::<Vec<_>>()
    };
    let gbt = framework("gbt19580-2012");
    assert_eq!(codes(&gbt.factors.process), ["A", "D", "L", "I"]);
    assert_eq!(codes(&gbt.factors.results), ["Le", "T", "C", "I"]);
    // Shanghai calls ask a person to self-assess on 采用方法、工作展开、实施结果.
    let db = framework("db31t598");
    for list in [&db.factors.process, &db.factors.results] {
        assert_eq!(codes(list), ["A", "D", "R"]);
        let names: Vec<_> = list.iter().map(|f| f.name.zh.as_str()).collect();
        assert_eq!(names, ["方法", "展开", "结果"]);
    }
}

#[test]
fn all_text_is_given_in_both_languages() {
    for f in frameworks() {
        assert_bilingual(&f, &f.id);
    }
    let p = program("jinshan-2023");
    assert_bilingual(&p, &p.id);
}

#[test]
fn gbt19580_has_seven_categories_and_23_items_17_process_6_results() {
    let f = framework("gbt19580-2012");
    assert_eq!(f.status, Status::Official);
    assert_eq!(f.wording(), Wording::Paraphrase);
    assert_eq!(
        f.wording,
        Some(Wording::Paraphrase),
        "stated, not defaulted"
    );
    assert_eq!(f.standard, "GB/T 19580-2012");
    let cats: Vec<_> = f
        .categories
        .iter()
        .map(|c| (c.code.as_str(), c.points))
        .collect();
    assert_eq!(
        cats,
        [
            ("4.1", 110),
            ("4.2", 90),
            ("4.3", 90),
            ("4.4", 130),
            ("4.5", 100),
            ("4.6", 80),
            ("4.7", 400)
        ]
    );
    assert!(f.categories.iter().all(|c| c.general.is_some()));
    assert_eq!(f.item_count(), 23);
    let process: Vec<_> = f
        .items()
        .filter(|(_, i)| i.kind == ItemKind::Process)
        .collect();
    let results: Vec<_> = f
        .items()
        .filter(|(_, i)| i.kind == ItemKind::Results)
        .collect();
    assert_eq!((process.len(), results.len()), (17, 6));
    assert!(process.iter().all(|(c, _)| c.code != "4.7"));
    assert!(results.iter().all(|(c, _)| c.code == "4.7"));
    let p: u32 = process.iter().map(|(_, i)| i.points).sum();
    let r: u32 = results.iter().map(|(_, i)| i.points).sum();
    assert_eq!((p, r), (600, 400));
    assert_eq!(f.item("4.1.2").map(|i| i.points), Some(50));
    assert_eq!(f.item("4.4.2").map(|i| i.points), Some(60));
    assert_eq!(f.item("4.4.6").map(|i| i.points), Some(10));
    assert_eq!(f.item("4.7.5").map(|i| i.points), Some(60));
    let senior = f.item("4.1.2").unwrap();
    let tags: Vec<_> = senior
        .requirements
        .iter()
        .map(|r| r.tag.zh.as_str())
        .collect();
    assert_eq!(tags[0], "确定方向");
    assert_eq!(senior.requirements.len(), 7);
}

/// Item points of GB/T 19580-2012 附录A, all 23.
#[test]
fn gbt19580_item_points_are_the_standards() {
    let f = framework("gbt19580-2012");
    let points: Vec<_> = f
        .items()
        .map(|(_, i)| (i.code.as_str(), i.points))
        .collect();
    assert_eq!(
        points,
        [
            ("4.1.2", 50),
            ("4.1.3", 30),
            ("4.1.4", 30),
            ("4.2.2", 40),
            ("4.2.3", 50),
            ("4.3.2", 40),
            ("4.3.3", 50),
            ("4.4.2", 60),
            ("4.4.3", 15),
            ("4.4.4", 20),
            ("4.4.5", 15),
            ("4.4.6", 10),
            ("4.4.7", 10),
            ("4.5.2", 50),
            ("4.5.3", 50),
            ("4.6.2", 40),
            ("4.6.3", 40),
            ("4.7.2", 80),
            ("4.7.3", 80),
            ("4.7.4", 80),
            ("4.7.5", 60),
            ("4.7.6", 50),
            ("4.7.7", 50),
        ]
    );
}

/// The results items list what to show, and nothing more: the expectation of levels, trends,
/// comparisons and segmentation is 4.7.1's and the factors', not a lettered point of each item.
#[test]
fn gbt19580_results_items_have_no_lettered_point_beyond_the_standards() {
    let f = framework("gbt19580-2012");
    let labels: Vec<(&str, Vec<&str>)> = f
        .items()
        .filter(|(c, _)| c.code == "4.7")
        .map(|(_, i)| {
            (
                i.code.as_str(),
                i.requirements.iter().map(|r| r.label.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        labels,
        [
            ("4.7.2", vec!["a", "b"]),
            ("4.7.3", vec!["a", "b"]),
            ("4.7.4", vec!["a", "b", "c"]),
            ("4.7.5", vec!["a", "b"]),
            ("4.7.6", vec!["a", "b", "c"]),
            ("4.7.7", vec!["a", "b", "c", "d", "e"]),
        ]
    );
    for (_, i) in f.items() {
        for r in &i.requirements {
            assert!(
                !r.tag.zh.contains("趋势") && !r.gloss.zh.contains("近年趋势"),
                "{} {}: {}",
                i.code,
                r.label,
                r.tag.zh
            );
        }
    }
    let general = &f.categories[6].general.as_ref().unwrap().zh;
    assert!(
        general.contains("趋势") && general.contains("细分"),
        "{general}"
    );
    // 4.7.7 keeps ethics and community support apart, as 4.1.4 does (4.1.4.3, 4.1.4.4).
    let leadership = f.item("4.7.7").unwrap();
    let tags: Vec<_> = leadership
        .requirements
        .iter()
        .map(|r| r.tag.zh.as_str())
        .collect();
    assert_eq!(
        tags,
        [
            "战略实现",
            "治理结果",
            "公共责任",
            "道德行为结果",
            "公益支持结果"
        ]
    );
    let social = f.item("4.1.4").unwrap();
    let clauses: Vec<_> = social
        .requirements
        .iter()
        .filter_map(|r| r.clause.as_ref().map(|c| c.zh.as_str()))
        .collect();
    assert!(clauses.contains(&"4.1.4.3 道德行为") && clauses.contains(&"4.1.4.4 公益支持"));
}

#[test]
fn db31t598_is_provisional_and_written_for_a_person() {
    let f = framework("db31t598");
    assert_eq!(f.status, Status::Provisional);
    assert_eq!(f.wording(), Wording::Paraphrase);
    assert_eq!(f.standard, "DB31/T 598");
    let items: Vec<_> = f
        .items()
        .map(|(_, i)| (i.title.zh.as_str(), i.points, i.kind))
        .collect();
    assert_eq!(
        items,
        [
            ("质量意识与责任感", 50, ItemKind::Process),
            ("质量理念与领导", 150, ItemKind::Process),
            ("质量实践与方法应用", 250, ItemKind::Process),
            ("创新", 150, ItemKind::Process),
            ("成效与贡献", 300, ItemKind::Results),
            ("示范推广与社会影响", 100, ItemKind::Results),
        ]
    );
    // 政治与道德素养 and 职业道德与诚信 are 第十六条(四), checked at eligibility, never scored.
    for (_, i) in f.items() {
        for r in &i.requirements {
            assert!(
                !r.tag.zh.contains("道德") && !r.tag.zh.contains("诚信"),
                "{} {}: {}",
                i.code,
                r.label,
                r.tag.zh
            );
        }
    }
    let ind = program("jinshan-2023");
    let ind = ind.checklist(ApplicantKind::Individual).unwrap();
    assert!(
        ind.conditions
            .iter()
            .any(|c| c.article == "第十六条(四)" && c.text.zh.contains("职业道德"))
    );
    // Written for a person: nothing of an organisation's departments or profile.
    let text = serde_json::to_string(&f).unwrap();
    for organisational in ["各部门", "各自为政", "组织概述"] {
        assert!(!text.contains(organisational), "{organisational}");
    }
    let overview = f.overview.as_ref().expect("the personal overview");
    assert_eq!(overview.title.zh, "个人概述要点");
    assert_eq!(overview.max_chars, Some(3000));
    assert!(overview.guidance.zh.contains("附录C"));
    let provenance = &f.provenance.as_ref().unwrap().zh;
    assert!(provenance.contains("暂定") && provenance.contains("重新分配"));
    let gbt = framework("gbt19580-2012");
    let edges = |f: &Framework| f.bands.iter().map(|b| (b.min, b.max)).collect::<Vec<_>>();
    assert_eq!(edges(&f), edges(&gbt), "same band edges as GB/Z 19579");
    assert_ne!(f.bands, gbt.bands, "descriptors of its own");
}

/// Earlier editions stay loadable, so their content hash (the one old sheets name) is known.
#[test]
fn superseded_editions_keep_their_hashes() {
    use scorebook::framework::load_framework;
    use scorebook::program::EditionMatch;
    let catalog = Catalog::embedded();
    let pinned = [
        (
            "gbt19580-2012-r1.json",
            "0dbc82b793d169b34491c293b75f7d9269f06f054782bebe5a6cb987b283a987",
        ),
        (
            "db31t598-provisional-r1.json",
            "407b7862318fa48301b98736b938fed7801c3c84db0b24835a785673c5747f7f",
        ),
    ];
    assert_eq!(EMBEDDED_SUPERSEDED.len(), pinned.len());
    for ((name, text), (pinned_name, hash)) in EMBEDDED_SUPERSEDED.iter().zip(pinned) {
        assert_eq!(*name, pinned_name);
        let (doc, got) = load_framework(name, text.as_bytes()).unwrap();
        assert_eq!(got, hash, "{name}: a superseded file must never change");
        let current = catalog.framework(&doc.id).unwrap();
        assert_ne!(current.hash, hash, "{name} is not the current edition");
        assert!(matches!(
            catalog.edition_of(&doc.id, hash),
            EditionMatch::Superseded { .. }
        ));
        assert!(matches!(
            catalog.edition_of(&doc.id, &current.hash),
            EditionMatch::Current(_)
        ));
    }
    // r1 still has the letters sheets scored on it cite.
    let r1 = catalog.framework_by_hash(pinned[0].1).unwrap();
    assert!(r1.doc.item("4.7.4").unwrap().requirements.len() == 4);
}

#[test]
fn jinshan_programme_tracks_quotas_and_frameworks() {
    let p = program("jinshan-2023");
    assert_eq!(p.format, PROGRAM_FORMAT);
    assert_eq!(p.round_years, 2);
    assert_eq!(p.valid_from.as_deref(), Some("2023-03-03"));
    assert_eq!(p.valid_to.as_deref(), Some("2028-03-02"));
    let fws = frameworks();
    let tracks: Vec<_> = p
        .tracks
        .iter()
        .map(|t| (t.id.as_str(), t.quota, t.prize_rmb))
        .collect();
    assert_eq!(
        tracks,
        [
            ("mayor-model", 2, Some(500_000)),
            ("mayor-achievement", 2, Some(20_000)),
            ("gold-model", 4, Some(200_000)),
            ("gold-achievement", 2, Some(10_000)),
        ]
    );
    for t in &p.tracks {
        assert!(t.quota >= 0, "{}", t.id);
        assert!(p.award(&t.award).is_some(), "{}: unknown award", t.id);
        let f = fws
            .iter()
            .find(|f| f.id == t.framework)
            .unwrap_or_else(|| panic!("{}: unknown framework {}", t.id, t.framework));
        let expected = match t.applicant_kind {
            ApplicantKind::Organisation => "gbt19580-2012",
            ApplicantKind::Individual => "db31t598",
        };
        assert_eq!(f.id, expected, "{}", t.id);
    }
    let ranks: Vec<_> = p.awards.iter().map(|a| (a.id.as_str(), a.rank)).collect();
    assert_eq!(ranks, [("mayor", 1), ("gold", 2)]);
    let stages: Vec<_> = p.stages.iter().map(|s| (s.kind, s.owner())).collect();
    assert_eq!(
        stages,
        [
            (StageKind::Eligibility, StageOwner::Panel),
            (StageKind::DocumentReview, StageOwner::Panel),
            (StageKind::SiteReview, StageOwner::Panel),
            (StageKind::Comprehensive, StageOwner::Panel),
            (StageKind::Decision, StageOwner::Office),
        ]
    );
    // The panel's work ends with the 获奖建议名单; ranking, the committee and the notice are the
    // office's stage (第九条, 第十八条(六)).
    assert_eq!(p.panel_stages().count(), 4);
    let comprehensive = &p.stages[3].description.zh;
    assert!(comprehensive.contains("获奖建议名单"), "{comprehensive}");
    assert!(!comprehensive.contains("公示"), "{comprehensive}");
    let decision = &p.stages[4];
    assert_eq!(decision.title.zh, "审定公示");
    assert!(decision.description.zh.contains("不少于7天"));
    assert!(decision.description.zh.contains("第十八条(六)"));
    // Ranking is per award track by default, and the file says why.
    let ranking = p.ranking.as_ref().expect("the ranking policy is stated");
    assert_eq!(ranking.policy, RankingPolicy::PerTrack);
    assert!(ranking.source.zh.contains("第十八条(六)"));
}

/// The checklists say what the measures say (第十五、十六、十七、十八、二十六、二十七条).
#[test]
fn jinshan_eligibility_and_exclusions_cite_their_articles() {
    let p = program("jinshan-2023");
    let org = p
        .checklist(ApplicantKind::Organisation)
        .expect("organisation");
    let ind = p.checklist(ApplicantKind::Individual).expect("individual");
    let count = |list: &scorebook::program::Checklist, article: &str| {
        list.conditions
            .iter()
            .filter(|c| c.article.starts_with(article))
            .count()
    };
    for (list, basic, n) in [(org, "第十五条", 7), (ind, "第十六条", 5)] {
        assert_eq!(count(list, basic), n, "{basic} has {n} clauses");
        // 第十八条(一)(二): the application complete, the recommending unit's opinion signed.
        assert_eq!(count(list, "第十八条"), 2);
        // 第十七条: no dual application in a year, no repeat within 5 years; 第二十六、二十七条:
        // barred for 5 years after a revocation.
        assert_eq!(count(list, "第十七条"), 2);
        assert_eq!(count(list, "第二十六条"), 1);
        assert_eq!(count(list, "第二十七条"), 1);
        assert_eq!(list.conditions.len(), n + 6);
        let dual = list
            .conditions
            .iter()
            .find(|c| c.id.ends_with("no-dual-application"))
            .unwrap();
        assert!(dual.text.zh.contains("本市市、区两级"), "{}", dual.text.zh);
    }
    // 第十五条(七): having a 首席质量官 is a preference, a note beside the condition, not a
    // condition of its own.
    let culture = org
        .conditions
        .iter()
        .find(|c| c.article == "第十五条(七)")
        .unwrap();
    assert!(
        !culture.text.zh.contains("首席质量官"),
        "{}",
        culture.text.zh
    );
    let note = culture.note.as_ref().expect("the preference is a note");
    assert!(note.zh.contains("首席质量官者优先"), "{}", note.zh);
    // 第十六条(五) binds only a top manager: the one condition that may be 不适用.
    let may: Vec<&str> = org
        .conditions
        .iter()
        .chain(&ind.conditions)
        .filter(|c| c.may_be_not_applicable())
        .map(|c| c.article.as_str())
        .collect();
    assert_eq!(may, ["第十六条(五)"]);
    let mut ids = HashSet::new();
    let all = org
        .conditions
        .iter()
        .chain(&ind.conditions)
        .chain(&p.exclusions);
    for c in all {
        assert!(ids.insert(c.id.as_str()), "duplicate condition id {}", c.id);
        assert!(!c.article.is_empty(), "{}: no article", c.id);
    }
    assert!(
        p.exclusions.is_empty(),
        "the exclusions are answered in the checklists"
    );
}

/// The same value with every object's keys in reverse order.
fn reversed(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => {
            let pairs: Vec<_> = m.into_iter().collect();
            serde_json::Value::Object(
                pairs
                    .into_iter()
                    .rev()
                    .map(|(k, x)| (k, reversed(x)))
                    .collect(),
            )
        }
        serde_json::Value::Array(a) => {
            serde_json::Value::Array(a.into_iter().map(reversed).collect())
        }
        other => other,
    }
}

#[test]
fn content_hash_ignores_layout_and_key_order_but_not_points() {
    use scorebook::program::catalog::content_hash;
    for (name, text) in EMBEDDED_FRAMEWORKS {
        let original: Framework = serde_json::from_str(text).unwrap();
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let compact = serde_json::to_string(&reversed(value.clone())).unwrap();
        assert_ne!(compact.as_str(), *text);
        let reread: Framework = serde_json::from_str(&compact).unwrap();
        assert_eq!(content_hash(&original), content_hash(&reread), "{name}");

        let mut changed = original.clone();
        changed.categories[0].items[0].points += 5;
        assert_ne!(content_hash(&original), content_hash(&changed), "{name}");
    }
}
