//! Core rules on the embedded GB/T 19580 framework.

use proptest::prelude::*;
use rust_decimal_macros::dec;

use super::*;
use crate::framework::Framework;
use crate::program::{ApplicantKind, Catalog};

const NOW: &str = "2026-11-25T09:00:00Z";

/// The embedded GB/T 19580, parsed once for all tests (property tests call this per case).
fn gbt() -> (Framework, String) {
    static GBT: std::sync::OnceLock<(Framework, String)> = std::sync::OnceLock::new();
    GBT.get_or_init(|| {
        let c = Catalog::embedded();
        let f = c.framework("gbt19580-2012").expect("embedded GB/T 19580");
        (f.doc.clone(), f.hash.clone())
    })
    .clone()
}

fn applicant(fw: &Framework, hash: &str) -> Applicant {
    let mut a = Applicant::new(
        "A1",
        "上海金山某精密机械有限公司",
        "jinshan-2023",
        "mayor-model",
        &fw.id,
        hash,
        NOW,
    );
    a.declare_no_conflict(NOW).unwrap();
    a
}

fn strength(text: &str) -> Comment {
    Comment {
        text: text.into(),
        requirements: vec!["a".into()],
        evidence: "申报材料第12页".into(),
    }
}

const DOC: Stage = Stage::DocumentReview;
const SITE: Stage = Stage::SiteReview;

#[test]
fn new_applicant_is_locked_until_declared() {
    let (fw, hash) = gbt();
    let mut a = Applicant::new("A1", "x", "jinshan-2023", "mayor-model", &fw.id, &hash, NOW);
    assert_eq!(a.current_stage(), DOC);
    assert_eq!(a.document.framework_hash, hash);
    assert_eq!(
        a.set_percent(&fw, DOC, "4.1.2", 50),
        Err(ReviewError::ConflictUndeclared)
    );
    a.declare_no_conflict(NOW).unwrap();
    assert!(a.set_percent(&fw, DOC, "4.1.2", 50).is_ok());
}

#[test]
fn declared_conflict_locks_everything_and_is_final() {
    let (fw, hash) = gbt();
    let mut a = applicant(&fw, &hash);
    a.set_percent(&fw, DOC, "4.1.2", 50).unwrap();
    assert_eq!(
        a.declare_conflict("  ", NOW),
        Err(ReviewError::EmptyRelationship)
    );
    a.declare_conflict("曾为其提供辅导", NOW).unwrap();
    let locked = ReviewError::ConflictLocked {
        relationship: "曾为其提供辅导".into(),
    };
    assert_eq!(a.set_percent(&fw, DOC, "4.1.2", 60), Err(locked.clone()));
    assert_eq!(
        a.add_comment(&fw, DOC, "4.1.2", CommentKind::Strength, strength("x")),
        Err(locked.clone())
    );
    assert_eq!(a.add_key_factor("员工 300 人"), Err(locked.clone()));
    assert_eq!(a.start_site_review(), Err(locked.clone()));
    assert!(locked.message(crate::lang::Lang::Zh).contains("回避"));
    assert_eq!(
        a.declare_no_conflict(NOW),
        Err(ReviewError::ConflictIsFinal)
    );
    // Nor reworded: the first relationship stays on record.
    assert_eq!(
        a.declare_conflict("另一种说法", NOW),
        Err(ReviewError::ConflictIsFinal)
    );
    assert!(matches!(&a.conflict,
        ConflictDeclaration::Conflict { relationship, .. } if relationship == "曾为其提供辅导"));
    assert_eq!(a.document.percent("4.1.2").map(|p| p.value()), Some(50));
}

#[test]
fn no_conflict_can_become_a_conflict_later() {
    let (fw, hash) = gbt();
    let mut a = applicant(&fw, &hash);
    a.declare_no_conflict(NOW).unwrap();
    a.set_percent(&fw, DOC, "4.1.2", 50).unwrap();
    a.declare_conflict("后来得知曾为其提供辅导", "2026-01-02T00:00:00Z")
        .unwrap();
    assert!(matches!(
        a.set_percent(&fw, DOC, "4.1.2", 60),
        Err(ReviewError::ConflictLocked { .. })
    ));
}

#[test]
fn percents_are_checked_against_the_framework_step() {
    let (fw, hash) = gbt();
    let mut a = applicant(&fw, &hash);
    assert!(matches!(
        a.set_percent(&fw, DOC, "4.1.2", 42),
        Err(ReviewError::Percent(
            crate::framework::PercentError::OffStep { .. }
        ))
    ));
    assert!(a.set_percent(&fw, DOC, "4.1.2", 105).is_err());
    assert_eq!(
        a.set_percent(&fw, DOC, "9.9.9", 50),
        Err(ReviewError::UnknownItem("9.9.9".into()))
    );
    assert_eq!(
        a.set_percent_text(&fw, DOC, "4.1.2", "45％")
            .unwrap()
            .value(),
        45
    );
    let err = a.set_percent_text(&fw, DOC, "4.1.2", "abc").unwrap_err();
    assert!(
        err.message(crate::lang::Lang::Zh)
            .contains("不是整数百分比")
    );
    // a rejected change leaves the previous score
    assert_eq!(a.document.percent("4.1.2").unwrap().value(), 45);
}

#[test]
fn stepping_from_unscored_and_at_the_ends() {
    let (fw, hash) = gbt();
    let mut a = applicant(&fw, &hash);
    assert_eq!(
        a.step_percent(&fw, DOC, "4.1.3", Step::Up).unwrap().value(),
        5
    );
    assert_eq!(
        a.step_percent(&fw, DOC, "4.1.3", Step::Down)
            .unwrap()
            .value(),
        0
    );
    assert_eq!(
        a.step_percent(&fw, DOC, "4.1.3", Step::Down)
            .unwrap()
            .value(),
        0
    );
    assert_eq!(
        a.step_percent(&fw, DOC, "4.1.4", Step::Down)
            .unwrap()
            .value(),
        0
    );
    a.set_percent(&fw, DOC, "4.1.3", 100).unwrap();
    assert_eq!(
        a.step_percent(&fw, DOC, "4.1.3", Step::Up).unwrap().value(),
        100
    );
    a.clear_percent(&fw, DOC, "4.1.3").unwrap();
    assert!(
        !a.document.items.contains_key("4.1.3"),
        "empty item dropped"
    );
}

#[test]
fn item_status_progress_and_totals() {
    let (fw, hash) = gbt();
    let mut a = applicant(&fw, &hash);
    assert_eq!(a.document.item_status("4.1.2"), ItemStatus::NotStarted);
    a.add_comment(
        &fw,
        DOC,
        "4.1.2",
        CommentKind::Strength,
        strength("高层领导每季度召开战略研讨会"),
    )
    .unwrap();
    assert_eq!(a.document.item_status("4.1.2"), ItemStatus::InProgress);
    assert_eq!(
        a.set_done(&fw, DOC, "4.1.2", true),
        Err(ReviewError::NotScored("4.1.2".into()))
    );
    a.set_percent(&fw, DOC, "4.1.2", 45).unwrap(); // 50 × 45% = 22.5
    assert_eq!(a.document.item_status("4.1.2"), ItemStatus::InProgress);
    a.set_done(&fw, DOC, "4.1.2", true).unwrap();
    assert_eq!(a.document.item_status("4.1.2"), ItemStatus::Done);
    a.set_percent(&fw, DOC, "4.1.3", 55).unwrap(); // 30 × 55% = 16.5
    a.set_percent(&fw, DOC, "4.7.2", 30).unwrap(); // 80 × 30% = 24

    let p = a.document.progress(&fw);
    assert_eq!((p.scored, p.done, p.total), (3, 1, 23));
    let t = a.document.totals(&fw);
    assert_eq!(t.total, dec!(63));
    assert_eq!(t.categories[0], ("4.1".to_string(), dec!(39), 110));
    assert_eq!(t.categories[6].1, dec!(24));
    assert_eq!(t.unscored.len(), 20);

    a.clear_percent(&fw, DOC, "4.1.2").unwrap();
    assert_eq!(
        a.document.item_status("4.1.2"),
        ItemStatus::InProgress,
        "comment stays, not done"
    );
}

#[test]
fn comments_add_edit_delete_reorder() {
    let (fw, hash) = gbt();
    let mut a = applicant(&fw, &hash);
    let item = "4.3.3";
    for t in ["一", "二", "三"] {
        a.add_comment(&fw, DOC, item, CommentKind::Ofi, strength(t))
            .unwrap();
    }
    let at = |index| CommentRef {
        kind: CommentKind::Ofi,
        index,
    };
    assert_eq!(a.move_comment(&fw, DOC, item, at(2), Move::Up).unwrap(), 1);
    assert_eq!(a.move_comment(&fw, DOC, item, at(0), Move::Up).unwrap(), 0);
    assert_eq!(
        a.move_comment(&fw, DOC, item, at(2), Move::Down).unwrap(),
        2
    );
    a.edit_comment(&fw, DOC, item, at(0), strength("壹"))
        .unwrap();
    let removed = a.delete_comment(&fw, DOC, item, at(1)).unwrap();
    assert_eq!(removed.text, "三");
    let texts: Vec<_> = a.document.items[item]
        .ofis
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(texts, ["壹", "二"]);
    assert_eq!(
        a.delete_comment(&fw, DOC, item, at(5)),
        Err(ReviewError::NoSuchEntry {
            what: "OFI",
            index: 5,
            len: 2
        })
    );
    assert!(a.document.items[item].strengths.is_empty());
    // out-of-range on an untouched item leaves no empty entry behind
    let before = a.clone();
    assert!(a.delete_comment(&fw, DOC, "4.4.3", at(0)).is_err());
    assert_eq!(a, before);
}

#[test]
fn site_review_carries_forward_and_leaves_document_untouched() {
    let (fw, hash) = gbt();
    let mut a = applicant(&fw, &hash);
    a.set_percent(&fw, DOC, "4.1.2", 45).unwrap();
    a.set_done(&fw, DOC, "4.1.2", true).unwrap();
    a.add_comment(
        &fw,
        DOC,
        "4.1.2",
        CommentKind::Strength,
        strength("有战略研讨会"),
    )
    .unwrap();
    a.add_site_issue(&fw, DOC, "4.1.2", SiteIssueKind::Verify, "核实研讨会纪要")
        .unwrap();
    a.add_site_issue(&fw, DOC, "4.1.2", SiteIssueKind::Clarify, "澄清考核方式")
        .unwrap();
    assert_eq!(
        a.resolve_site_issue(
            &fw,
            "4.1.2",
            0,
            SiteIssueStatus::Verify(VerifyStatus::Verified),
            ""
        ),
        Err(ReviewError::ResolveOnlyOnSite)
    );
    assert_eq!(
        a.set_percent(&fw, SITE, "4.1.2", 50),
        Err(ReviewError::StageNotStarted(SITE))
    );
    let document_before = a.document.clone();

    a.start_site_review().unwrap();
    assert_eq!(a.current_stage(), SITE);
    assert_eq!(a.start_site_review(), Err(ReviewError::SiteReviewStarted));
    let site = a.site.as_ref().unwrap();
    assert_eq!(site.stage, SITE);
    assert_eq!(site.percent("4.1.2").unwrap().value(), 45);
    assert_eq!(
        site.items["4.1.2"].strengths,
        document_before.items["4.1.2"].strengths
    );
    assert_eq!(
        site.item_status("4.1.2"),
        ItemStatus::InProgress,
        "to confirm again"
    );
    assert!(site.items["4.1.2"].site_issues.iter().all(|i| i.is_open()));

    a.set_percent(&fw, SITE, "4.1.2", 55).unwrap();
    a.resolve_site_issue(
        &fw,
        "4.1.2",
        0,
        SiteIssueStatus::Verify(VerifyStatus::Verified),
        "见会议纪要",
    )
    .unwrap();
    // A 澄清 issue has no 与材料不符: the outcomes are typed per kind.
    assert_eq!(
        a.resolve_site_issue(
            &fw,
            "4.1.2",
            1,
            SiteIssueStatus::Verify(VerifyStatus::NotAsDocumented),
            ""
        ),
        Err(ReviewError::StatusOfOtherKind)
    );
    a.resolve_site_issue(
        &fw,
        "4.1.2",
        1,
        SiteIssueStatus::Clarify(ClarifyStatus::Clarified),
        "",
    )
    .unwrap();
    assert_eq!(
        a.set_percent(&fw, DOC, "4.1.2", 60),
        Err(ReviewError::DocumentReviewClosed)
    );
    assert_eq!(a.document, document_before, "document review untouched");
    let issues = &a.site.as_ref().unwrap().items["4.1.2"].site_issues;
    assert_eq!(
        issues[0].status,
        SiteIssueStatus::Verify(VerifyStatus::Verified)
    );
    assert_eq!(issues[0].note, "见会议纪要");
    assert_eq!(
        issues[1].status,
        SiteIssueStatus::Clarify(ClarifyStatus::Clarified)
    );
    assert_eq!(
        a.site.as_ref().unwrap().percent("4.1.2").unwrap().value(),
        55
    );
}

#[test]
fn framework_mismatch_is_refused() {
    let (fw, hash) = gbt();
    let mut a = applicant(&fw, &hash);
    let mut other = fw.clone();
    other.id = "db31t598".into();
    assert!(matches!(
        a.set_percent(&other, DOC, "4.1.2", 50),
        Err(ReviewError::FrameworkMismatch { .. })
    ));
}

#[test]
fn key_factors_and_eligibility() {
    let (fw, hash) = gbt();
    let mut a = applicant(&fw, &hash);
    a.add_key_factor("员工 320 人").unwrap();
    a.add_key_factor("主要顾客为汽车零部件企业").unwrap();
    assert_eq!(a.move_key_factor(1, Move::Up).unwrap(), 0);
    a.edit_key_factor(1, "员工 326 人").unwrap();
    assert_eq!(a.key_factors, ["主要顾客为汽车零部件企业", "员工 326 人"]);
    assert_eq!(a.delete_key_factor(0).unwrap(), "主要顾客为汽车零部件企业");
    assert!(a.delete_key_factor(3).is_err());

    let c = Catalog::embedded();
    let program = &c.program("jinshan-2023").unwrap().doc;
    let list = program.checklist(ApplicantKind::Organisation).unwrap();
    let first = list.conditions[0].id.clone();
    let answer = EligibilityAnswer {
        verdict: Some(Verdict::Met),
        note: "营业执照 2015 年".into(),
    };
    a.set_eligibility(list, &first, answer.clone()).unwrap();
    assert_eq!(a.eligibility()[&first], answer);
    assert_eq!(
        a.set_eligibility(list, "no-such", answer),
        Err(ReviewError::UnknownCondition("no-such".into()))
    );
    a.set_eligibility(list, &first, EligibilityAnswer::default())
        .unwrap();
    assert!(a.eligibility().is_empty());

    // 不适用 only where the measures say when a condition binds (第十六条(五)).
    let not_applicable = EligibilityAnswer {
        verdict: Some(Verdict::NotApplicable),
        note: String::new(),
    };
    assert_eq!(
        a.set_eligibility(list, &first, not_applicable.clone()),
        Err(ReviewError::NotApplicableRefused(first.clone()))
    );
    let individual = program.checklist(ApplicantKind::Individual).unwrap();
    let top_manager = individual
        .conditions
        .iter()
        .find(|c| c.article == "第十六条(五)")
        .unwrap();
    a.set_eligibility(individual, &top_manager.id, not_applicable)
        .unwrap();
    assert_eq!(
        a.eligibility()[&top_manager.id].verdict,
        Some(Verdict::NotApplicable)
    );
}

#[test]
fn undo_redo_with_cap_and_groups() {
    let (fw, hash) = gbt();
    let mut a = applicant(&fw, &hash);
    let mut undo = Undo::new(3);
    assert!(!undo.can_undo());
    for v in [10, 20, 30, 40, 50] {
        undo.apply(&mut a, None, |a| a.set_percent(&fw, DOC, "4.1.2", v))
            .unwrap();
    }
    // a refused change records nothing
    assert!(
        undo.apply(&mut a, None, |a| a.set_percent(&fw, DOC, "4.1.2", 7))
            .is_err()
    );
    // a change to the same value records nothing
    undo.apply(&mut a, None, |a| a.set_percent(&fw, DOC, "4.1.2", 50))
        .unwrap();
    let pct = |a: &Applicant| a.document.percent("4.1.2").map(|p| p.value());
    assert!(undo.undo(&mut a));
    assert_eq!(pct(&a), Some(40));
    assert!(undo.undo(&mut a));
    assert!(undo.undo(&mut a));
    assert_eq!(pct(&a), Some(20));
    assert!(!undo.undo(&mut a), "capped at 3");
    assert!(undo.redo(&mut a));
    assert_eq!(pct(&a), Some(30));
    // a new change clears redo
    undo.apply(&mut a, None, |a| a.set_percent(&fw, DOC, "4.1.2", 90))
        .unwrap();
    assert!(!undo.can_redo());

    // typing into one comment is one step
    let mut undo = Undo::default();
    let at = CommentRef {
        kind: CommentKind::Strength,
        index: 0,
    };
    undo.apply(&mut a, None, |a| {
        a.add_comment(&fw, DOC, "4.1.3", CommentKind::Strength, Comment::default())
    })
    .unwrap();
    for text in ["董", "董事", "董事会"] {
        undo.apply(&mut a, Some("4.1.3/s0"), |a| {
            a.edit_comment(&fw, DOC, "4.1.3", at, strength(text))
        })
        .unwrap();
    }
    undo.seal();
    undo.apply(&mut a, Some("4.1.3/s0"), |a| {
        a.edit_comment(&fw, DOC, "4.1.3", at, strength("董事会每年"))
    })
    .unwrap();
    assert!(undo.undo(&mut a));
    assert_eq!(a.document.items["4.1.3"].strengths[0].text, "董事会");
    assert!(undo.undo(&mut a));
    assert_eq!(a.document.items["4.1.3"].strengths[0].text, "");
    assert!(undo.undo(&mut a));
    assert!(!a.document.items.contains_key("4.1.3"));
}

#[test]
fn errors_have_chinese_messages() {
    for e in [
        ReviewError::ConflictUndeclared,
        ReviewError::DocumentReviewClosed,
        ReviewError::StageNotStarted(SITE),
        ReviewError::NoSuchEntry {
            what: "strength",
            index: 0,
            len: 0,
        },
    ] {
        let zh = e.message(crate::lang::Lang::Zh);
        assert!(!zh.is_ascii(), "{zh}");
        assert_ne!(zh, e.message(crate::lang::Lang::En));
    }
}

proptest! {
    #[test]
    fn any_steps_stay_on_step_and_total_stays_within_1000(
        ops in proptest::collection::vec((0usize..23, any::<bool>(), any::<bool>()), 0..200)
    ) {
        let (fw, hash) = gbt();
        let codes: Vec<String> = fw.items().map(|(_, i)| i.code.to_string()).collect();
        let mut a = applicant(&fw, &hash);
        for (i, up, clear) in ops {
            let code = &codes[i % codes.len()];
            if clear {
                a.clear_percent(&fw, DOC, code).unwrap();
            } else {
                let step = if up { Step::Up } else { Step::Down };
                let p = a.step_percent(&fw, DOC, code, step).unwrap();
                prop_assert!(p.value() <= 100);
                prop_assert_eq!(p.value() % fw.percent_step, 0);
            }
        }
        let t = a.document.totals(&fw);
        prop_assert!(t.total <= rust_decimal::Decimal::from(fw.total_points));
        prop_assert!(t.total >= rust_decimal::Decimal::ZERO);
        for (_, sum, points) in &t.categories {
            prop_assert!(*sum <= rust_decimal::Decimal::from(*points));
        }
    }

    #[test]
    fn all_full_marks_give_exactly_the_framework_total(pct in 0u32..=20) {
        let (fw, hash) = gbt();
        let mut a = applicant(&fw, &hash);
        let codes: Vec<String> = fw.items().map(|(_, i)| i.code.to_string()).collect();
        for c in &codes {
            a.set_percent(&fw, DOC, c, pct * 5).unwrap();
        }
        let t = a.document.totals(&fw);
        prop_assert_eq!(t.total * rust_decimal::Decimal::ONE_HUNDRED, rust_decimal::Decimal::from(fw.total_points * pct * 5));
        prop_assert!(t.unscored.is_empty());
    }
}

mod demo_applicant {
    use super::*;
    use crate::review::comment_check::{CommentRules, WarningKind, check_review};
    use crate::review::demo::{DemoData, demo_applicant};

    #[test]
    fn demo_matches_the_embedded_framework_and_programme() {
        let (fw, hash) = gbt();
        let demo = DemoData::embedded().unwrap();
        assert_eq!(demo.framework, fw.id);
        let a = demo_applicant(&hash, NOW).unwrap();
        assert!(a.demo);
        assert_eq!(a.id, "示例");
        assert!(a.name.contains("示例"));
        assert!(a.check_can_score().is_ok());
        assert_eq!(a.document.framework_hash, hash);
        assert!((12..=25).contains(&a.key_factors.len()));

        // every item, requirement label and percent is valid on the framework
        for (code, item) in &a.document.items {
            let fi = fw
                .item(code)
                .unwrap_or_else(|| panic!("{code} not in framework"));
            if let Some(p) = item.percent {
                assert!(
                    crate::framework::Percent::new(u32::from(p.value()), fw.percent_step).is_ok()
                );
            }
            for c in item.strengths.iter().chain(&item.ofis) {
                for r in &c.requirements {
                    assert!(
                        fi.requirements.iter().any(|q| &q.label == r),
                        "{code} has no requirement {r}"
                    );
                }
            }
            assert!(
                item.done <= item.percent.is_some(),
                "{code}: done without score"
            );
        }
        let progress = a.document.progress(&fw);
        assert_eq!(progress.scored, 8);
        assert!(progress.done < progress.scored, "one item left in progress");
        // 27.5 + 13.5 + 20 + 25 + 27 + 27.5 + 40 + 32
        assert_eq!(a.document.totals(&fw).total, dec!(212.5));

        // the programme and track exist, and eligibility answers name real conditions
        let c = Catalog::embedded();
        let program = &c.program(&a.program).unwrap().doc;
        let track = program.track(&a.track).unwrap();
        assert_eq!(track.framework, fw.id);
        let list = program.checklist(track.applicant_kind).unwrap();
        for id in a.eligibility().keys() {
            assert!(list.conditions.iter().any(|c| &c.id == id), "{id}");
        }
        assert_eq!(a.eligibility().len(), list.conditions.len());

        // it round-trips through JSON as the workspace stores it
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Applicant>(&json).unwrap(), a);
    }

    #[test]
    fn demo_shows_the_comment_check_at_work_but_mostly_clean() {
        let (fw, hash) = gbt();
        let a = demo_applicant(&hash, NOW).unwrap();
        let w = check_review(CommentRules::embedded(), &fw, &a.document);
        // one deliberately prescriptive OFI without evidence on 4.3.3, nothing else
        assert!(w.iter().all(|w| w.item == "4.3.3"), "{w:?}");
        assert!(
            w.iter()
                .any(|w| matches!(w.kind, WarningKind::Prescriptive { .. }))
        );
        assert!(w.iter().any(|w| w.kind == WarningKind::NoEvidence));
    }

    #[test]
    fn demo_can_go_on_to_site_review() {
        let (fw, hash) = gbt();
        let mut a = demo_applicant(&hash, NOW).unwrap();
        a.start_site_review().unwrap();
        let site = a.site.as_ref().unwrap();
        assert_eq!(site.totals(&fw).total, a.document.totals(&fw).total);
        let all: usize = site.items.values().map(|i| i.site_issues.len()).sum();
        assert!(all >= 5);
        assert_eq!(site.open_site_issues(&fw).len(), all);
        assert_eq!(site.open_site_issues(&fw)[0], ("4.1.2".to_string(), 0));
        assert_eq!(a.document.comment_counts(&fw), (16, 13));
        a.resolve_site_issue(
            &fw,
            "4.1.2",
            0,
            SiteIssueStatus::Verify(VerifyStatus::Verified),
            "纪要齐全",
        )
        .unwrap();
        assert_eq!(
            a.site.as_ref().unwrap().open_site_issues(&fw).len(),
            all - 1
        );
        assert_eq!(
            SiteIssueStatus::Verify(VerifyStatus::Verified).label(crate::lang::Lang::Zh),
            "已核实"
        );
        assert_eq!(
            Stage::SiteReview.label(crate::lang::Lang::En),
            "site review"
        );
    }
}

/// One random edit for the undo property test.
#[derive(Debug, Clone)]
enum Op {
    Step(usize, bool),
    Set(usize, u32),
    Clear(usize),
    AddStrength(usize, String),
    AddOfi(usize, String),
    DeleteFirstOfi(usize),
    MoveFirstStrengthDown(usize),
    AddSiteIssue(usize, String),
    Done(usize, bool),
    KeyFactor(String),
}

fn op() -> impl Strategy<Value = Op> {
    let item = 0usize..23;
    prop_oneof![
        (item.clone(), any::<bool>()).prop_map(|(i, up)| Op::Step(i, up)),
        (item.clone(), 0u32..=110).prop_map(|(i, v)| Op::Set(i, v)),
        item.clone().prop_map(Op::Clear),
        (item.clone(), "\\PC{0,20}").prop_map(|(i, t)| Op::AddStrength(i, t)),
        (item.clone(), "[一-龥a-z ]{0,20}").prop_map(|(i, t)| Op::AddOfi(i, t)),
        item.clone().prop_map(Op::DeleteFirstOfi),
        item.clone().prop_map(Op::MoveFirstStrengthDown),
        (item.clone(), "\\PC{0,10}").prop_map(|(i, t)| Op::AddSiteIssue(i, t)),
        (item, any::<bool>()).prop_map(|(i, d)| Op::Done(i, d)),
        "\\PC{0,10}".prop_map(Op::KeyFactor),
    ]
}

fn run(a: &mut Applicant, fw: &Framework, code: &str, op: &Op) -> Result<(), ReviewError> {
    let first = |kind| CommentRef { kind, index: 0 };
    match op {
        Op::Step(_, up) => a
            .step_percent(fw, DOC, code, if *up { Step::Up } else { Step::Down })
            .map(drop),
        Op::Set(_, v) => a.set_percent(fw, DOC, code, *v).map(drop),
        Op::Clear(_) => a.clear_percent(fw, DOC, code),
        Op::AddStrength(_, t) => a
            .add_comment(fw, DOC, code, CommentKind::Strength, strength(t))
            .map(drop),
        Op::AddOfi(_, t) => a
            .add_comment(fw, DOC, code, CommentKind::Ofi, strength(t))
            .map(drop),
        Op::DeleteFirstOfi(_) => a
            .delete_comment(fw, DOC, code, first(CommentKind::Ofi))
            .map(drop),
        Op::MoveFirstStrengthDown(_) => a
            .move_comment(fw, DOC, code, first(CommentKind::Strength), Move::Down)
            .map(drop),
        Op::AddSiteIssue(_, t) => a
            .add_site_issue(fw, DOC, code, SiteIssueKind::Clarify, t)
            .map(drop),
        Op::Done(_, d) => a.set_done(fw, DOC, code, *d),
        Op::KeyFactor(t) => a.add_key_factor(t).map(drop),
    }
}

fn item_of(op: &Op) -> usize {
    match op {
        Op::Step(i, _)
        | Op::Set(i, _)
        | Op::Clear(i)
        | Op::AddStrength(i, _)
        | Op::AddOfi(i, _)
        | Op::DeleteFirstOfi(i)
        | Op::MoveFirstStrengthDown(i)
        | Op::AddSiteIssue(i, _)
        | Op::Done(i, _) => *i,
        Op::KeyFactor(_) => 0,
    }
}

proptest! {
    #[test]
    fn undo_all_restores_the_start_and_redo_all_the_end(ops in proptest::collection::vec(op(), 0..60)) {
        let (fw, hash) = gbt();
        let codes: Vec<String> = fw.items().map(|(_, i)| i.code.to_string()).collect();
        let mut a = applicant(&fw, &hash);
        let start = a.clone();
        let mut undo = Undo::new(1000);
        for op in &ops {
            let code = &codes[item_of(op)];
            let before = a.clone();
            if undo.apply(&mut a, None, |a| run(a, &fw, code, op)).is_err() {
                prop_assert_eq!(&a, &before, "a refused change changes nothing");
            }
            // invariants after every step
            for (c, r) in &a.document.items {
                prop_assert!(!r.is_empty(), "{} left empty", c);
                prop_assert!(!r.done || r.percent.is_some());
            }
        }
        let end = a.clone();
        while undo.undo(&mut a) {}
        prop_assert_eq!(&a, &start);
        while undo.redo(&mut a) {}
        prop_assert_eq!(&a, &end);
    }

    #[test]
    fn comment_check_never_panics_and_measures_cells(text in "\\PC{0,300}", evidence in "\\PC{0,5}") {
        use crate::review::comment_check::{CommentRules, WarningKind, check_comment};
        use unicode_width::UnicodeWidthStr;
        let rules = CommentRules::embedded();
        let c = Comment { text: text.clone(), requirements: vec![], evidence };
        let w = check_comment(rules, &c);
        let width = text.trim().width();
        prop_assert_eq!(w.iter().any(|k| matches!(k, WarningKind::TooShort { .. })), width < rules.min_width);
        prop_assert_eq!(w.iter().any(|k| matches!(k, WarningKind::TooLong { .. })), width > rules.max_width);
    }
}

#[test]
fn site_issue_statuses_step_back_and_list_per_kind() {
    use SiteIssueStatus::{Clarify, Verify};
    for kind in [SiteIssueKind::Verify, SiteIssueKind::Clarify] {
        let all = SiteIssueStatus::all_of(kind);
        assert!(all.iter().all(|s| s.kind() == kind));
        for s in &all {
            assert_eq!(s.next().prev(), *s);
            assert_eq!(s.prev().next(), *s);
        }
    }
    assert_eq!(
        SiteIssueStatus::all_of(SiteIssueKind::Verify),
        [
            Verify(VerifyStatus::Pending),
            Verify(VerifyStatus::Verified),
            Verify(VerifyStatus::NotAsDocumented)
        ]
    );
    assert_eq!(
        SiteIssueStatus::all_of(SiteIssueKind::Clarify),
        [
            Clarify(ClarifyStatus::Pending),
            Clarify(ClarifyStatus::Clarified)
        ]
    );
}

#[test]
fn site_issue_statuses_cycle_within_their_kind() {
    use SiteIssueStatus::{Clarify, Verify};
    let mut s = SiteIssueStatus::pending(SiteIssueKind::Verify);
    let mut seen = vec![s];
    for _ in 0..3 {
        s = s.next();
        seen.push(s);
    }
    assert_eq!(
        seen,
        [
            Verify(VerifyStatus::Pending),
            Verify(VerifyStatus::Verified),
            Verify(VerifyStatus::NotAsDocumented),
            Verify(VerifyStatus::Pending)
        ]
    );
    let c = SiteIssueStatus::pending(SiteIssueKind::Clarify);
    assert_eq!(c.next(), Clarify(ClarifyStatus::Clarified));
    assert_eq!(c.next().next(), c);
    assert!(c.is_open() && !c.next().is_open());
    let words: Vec<&str> = [
        Verify(VerifyStatus::Pending),
        Verify(VerifyStatus::Verified),
        Verify(VerifyStatus::NotAsDocumented),
        Clarify(ClarifyStatus::Pending),
        Clarify(ClarifyStatus::Clarified),
    ]
    .iter()
    .map(|s| s.label(crate::lang::Lang::Zh))
    .collect();
    assert_eq!(
        words,
        ["待核查", "已核实", "与材料不符", "待澄清", "已澄清"]
    );
}

/// Files from builds that let any status go with either kind are read with the reviewer's
/// outcome kept, in the kind's own words; what is written back is one of the valid pairs.
#[test]
fn old_site_issue_pairs_are_migrated() {
    use SiteIssueStatus::{Clarify, Verify};
    let read = |kind: &str, status: &str| -> SiteIssue {
        serde_json::from_str(&format!(
            r#"{{"kind":"{kind}","text":"t","status":"{status}","note":"n"}}"#
        ))
        .unwrap()
    };
    let cases = [
        ("verify", "open", Verify(VerifyStatus::Pending)),
        ("verify", "verified", Verify(VerifyStatus::Verified)),
        (
            "verify",
            "not_confirmed",
            Verify(VerifyStatus::NotAsDocumented),
        ),
        ("verify", "clarified", Verify(VerifyStatus::Verified)),
        ("clarify", "open", Clarify(ClarifyStatus::Pending)),
        ("clarify", "clarified", Clarify(ClarifyStatus::Clarified)),
        ("clarify", "verified", Clarify(ClarifyStatus::Clarified)),
        (
            "clarify",
            "not_confirmed",
            Verify(VerifyStatus::NotAsDocumented),
        ),
    ];
    for (kind, status, want) in cases {
        let issue = read(kind, status);
        assert_eq!(issue.status, want, "{kind} + {status}");
        assert_eq!(issue.note, "n");
        let again: SiteIssue =
            serde_json::from_str(&serde_json::to_string(&issue).unwrap()).unwrap();
        assert_eq!(again, issue, "written back as a valid pair");
    }
    // The status may be left out (older files): pending.
    let bare: SiteIssue = serde_json::from_str(r#"{"kind":"clarify","text":"t"}"#).unwrap();
    assert!(bare.is_open());
    // Unknown members are still refused.
    assert!(serde_json::from_str::<SiteIssue>(r#"{"kind":"verify","text":"t","x":1}"#).is_err());
}

/// Eligibility is recorded per stage: site review starts from a copy of the document
/// review's answers, and a change on site leaves the document record as it was.
#[test]
fn eligibility_is_recorded_per_stage() {
    let (fw, hash) = gbt();
    let catalog = Catalog::embedded();
    let program = &catalog.program("jinshan-2023").unwrap().doc;
    let list = program.checklist(ApplicantKind::Organisation).unwrap();
    let first = list.conditions[0].id.clone();
    let mut a = Applicant::new("A1", "某公司", "jinshan-2023", "model", &fw.id, &hash, NOW);
    a.declare_no_conflict(NOW).unwrap();
    let met = EligibilityAnswer {
        verdict: Some(Verdict::Met),
        note: "营业执照".into(),
    };
    a.set_eligibility(list, &first, met.clone()).unwrap();
    a.start_site_review().unwrap();
    assert_eq!(a.eligibility()[&first], met, "site starts from a copy");
    let not_met = EligibilityAnswer {
        verdict: Some(Verdict::NotMet),
        note: "现场查看：证照过期".into(),
    };
    a.set_eligibility(list, &first, not_met.clone()).unwrap();
    assert_eq!(a.site.as_ref().unwrap().eligibility[&first], not_met);
    assert_eq!(
        a.document.eligibility[&first], met,
        "document record untouched"
    );
}

/// A file from before eligibility was kept per stage: its one record becomes the document
/// review's, and a site review already started gets a copy.
#[test]
fn old_single_eligibility_record_is_read_into_both_stages() {
    let (fw, hash) = gbt();
    let mut a = Applicant::new("A1", "某公司", "jinshan-2023", "model", &fw.id, &hash, NOW);
    a.declare_no_conflict(NOW).unwrap();
    a.start_site_review().unwrap();
    let mut v = serde_json::to_value(&a).unwrap();
    assert!(
        v.get("eligibility").is_none(),
        "no top-level record is written"
    );
    v["eligibility"] = serde_json::json!({"registered": {"verdict": "met", "note": "x"}});
    let old: Applicant = serde_json::from_value(v).unwrap();
    for review in [&old.document, old.site.as_ref().unwrap()] {
        assert_eq!(
            review.eligibility["registered"].verdict,
            Some(Verdict::Met),
            "{:?}",
            review.stage
        );
    }
    // Written back in the new form, and read again the same.
    let again: Applicant = serde_json::from_str(&serde_json::to_string(&old).unwrap()).unwrap();
    assert_eq!(again, old);
}

#[test]
fn a_comment_cites_only_its_items_requirements() {
    let (fw, _) = gbt();
    let labels = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        check_requirements(&fw, "4.2.3", &labels(&["2a", "3b"])),
        Ok(())
    );
    assert_eq!(check_requirements(&fw, "4.2.3", &[]), Ok(()));
    match check_requirements(&fw, "4.2.3", &labels(&["gz", "2a", "a"])) {
        Err(ReviewError::UnknownRequirement {
            item,
            refused,
            valid,
        }) => {
            assert_eq!(item, "4.2.3");
            assert_eq!(refused, labels(&["gz", "a"]));
            // From the framework data, in its order.
            assert_eq!(valid, labels(&["2a", "2b", "2c", "2d", "2e", "3a", "3b"]));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        check_requirements(&fw, "9.9.9", &[]),
        Err(ReviewError::UnknownItem(_))
    ));
}

/// 守纪情况 (第二十二条) is the site visit's: refused before it, recorded on site with the note
/// trimmed (a blank note is none), and locked by a declared conflict like every review change.
#[test]
fn conduct_is_recorded_on_site_only_with_a_trimmed_note() {
    let (fw, hash) = gbt();
    let mut a = applicant(&fw, &hash);
    assert_eq!(
        a.set_conduct(&fw, ConductVerdict::Kept, ""),
        Err(ReviewError::ConductOnlyOnSite)
    );
    assert_eq!(a.document.conduct, None);
    a.start_site_review().unwrap();
    a.set_conduct(&fw, ConductVerdict::NotKept, "  婉拒了赠送的纪念品  ")
        .unwrap();
    let c = a.site.as_ref().unwrap().conduct.clone().unwrap();
    assert_eq!(c.verdict, ConductVerdict::NotKept);
    assert_eq!(c.note, "婉拒了赠送的纪念品");
    a.set_conduct(&fw, ConductVerdict::Kept, " \n ").unwrap();
    let c = a.site.as_ref().unwrap().conduct.clone().unwrap();
    assert_eq!((c.verdict, c.note.as_str()), (ConductVerdict::Kept, ""));
    assert_eq!(a.document.conduct, None, "the document record is untouched");
    a.declare_conflict("曾为其提供咨询", NOW).unwrap();
    assert!(matches!(
        a.set_conduct(&fw, ConductVerdict::MostlyKept, ""),
        Err(ReviewError::ConflictLocked { .. })
    ));
}
