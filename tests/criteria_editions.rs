//! A review scored on an earlier edition of a framework opens on that edition, keeps its scores
//! and comments, and says so; new reviews take the current edition.

use std::collections::BTreeMap;

use scorebook::framework::Framework;
use scorebook::i18n::criteria::edition_notice;
use scorebook::lang::Lang;
use scorebook::program::{Catalog, EditionMatch};
use scorebook::review::{Applicant, Comment, CommentKind, Stage};
use scorebook::tui::action::Action;
use scorebook::tui::keymap::KeyMap;
use scorebook::tui::model::{Model, StatusLine, framework_for};
use scorebook::tui::update::update;
use scorebook::workspace::Workspace;

const NOW: &str = "2026-11-25T10:00:00+08:00";

/// The hash of GB/T 19580-2012 r1, the edition before the 4.7 letters were corrected.
const R1: &str = "0dbc82b793d169b34491c293b75f7d9269f06f054782bebe5a6cb987b283a987";

fn r1(catalog: &Catalog) -> &Framework {
    &catalog.framework_by_hash(R1).expect("r1 stays known").doc
}

/// An applicant scored on r1, with an OFI citing 4.7.4 d: a point r1 has and r2 does not.
fn scored_on_r1(catalog: &Catalog) -> Applicant {
    let fw = r1(catalog);
    let mut a = Applicant::new(
        "A1",
        "上海金山示范制造有限公司",
        "jinshan-2023",
        "mayor-model",
        &fw.id,
        R1,
        NOW,
    );
    a.declare_no_conflict(NOW).unwrap();
    a.add_comment(
        fw,
        Stage::DocumentReview,
        "4.7.4",
        CommentKind::Ofi,
        Comment {
            text: "销售利润率连续两年下降，未与竞争对手比较。".into(),
            requirements: vec!["a".into(), "d".into()],
            evidence: "申报材料第80页".into(),
        },
    )
    .unwrap();
    a
}

#[test]
fn the_current_edition_dropped_the_letter_the_old_review_cites() {
    let catalog = Catalog::embedded();
    let current = catalog.framework("gbt19580-2012").unwrap();
    assert_ne!(current.hash, R1);
    let has_d = |f: &Framework| {
        f.item("4.7.4")
            .unwrap()
            .requirements
            .iter()
            .any(|r| r.label == "d")
    };
    assert!(has_d(r1(&catalog)));
    assert!(!has_d(&current.doc));
}

#[test]
fn a_review_on_the_previous_edition_reopens_on_it_with_its_comments() {
    let catalog = Catalog::embedded();
    let home = tempfile::tempdir().unwrap();
    {
        let (mut ws, _) = Workspace::open(home.path()).unwrap();
        ws.save_applicant(&scored_on_r1(&catalog)).unwrap();
    }
    let (ws, _) = Workspace::open(home.path()).unwrap();
    let a = ws.applicants().iter().find(|a| a.id == "A1").unwrap();

    // Opened on the edition it was scored on: the cited point still exists there.
    assert_eq!(a.document.framework_hash, R1);
    let fw = framework_for(&catalog, a).unwrap();
    assert_eq!(fw, r1(&catalog));
    let ofi = &a.document.items["4.7.4"].ofis[0];
    assert_eq!(ofi.requirements, ["a", "d"]);
    assert_eq!(ofi.evidence, "申报材料第80页");
    assert!(
        fw.item("4.7.4")
            .unwrap()
            .requirements
            .iter()
            .any(|r| r.label == "d")
    );

    // And the person is told, naming both editions.
    let EditionMatch::Superseded { scored, current } =
        catalog.edition_of(&a.document.framework, &a.document.framework_hash)
    else {
        panic!("r1 must be found as a superseded edition");
    };
    assert_eq!(scored.hash, R1);
    let current_hash = current.unwrap().hash.clone();
    let notice = catalog
        .edition_notice(&a.document.framework, &a.document.framework_hash)
        .unwrap();
    assert!(notice.scored_known);
    assert_eq!(notice.current_hash.as_deref(), Some(current_hash.as_str()));
    let zh = edition_notice(Lang::Zh, &notice);
    let en = edition_notice(Lang::En, &notice);
    assert_eq!(
        zh,
        format!(
            "此评审按 gbt19580-2012 的较早版本（0dbc82b7）评分，已按该版本打开，分数和评语不变；新的评审使用当前版本（{}）。",
            current_hash.get(..8).unwrap()
        )
    );
    assert!(
        en.starts_with("This review was scored on an earlier edition of gbt19580-2012 (0dbc82b7)"),
        "{en}"
    );
}

#[test]
fn opening_the_applicant_in_the_tui_shows_the_notice() {
    for (lang, expected) in [
        (Lang::Zh, "较早版本（0dbc82b7）"),
        (Lang::En, "earlier edition of gbt19580-2012 (0dbc82b7)"),
    ] {
        let catalog = Catalog::embedded();
        let a = scored_on_r1(&catalog);
        let mut m = Model::new(lang, catalog, KeyMap::new(&BTreeMap::new()).0);
        m.applicants = vec![a];
        m.current = 0;
        update(&mut m, Action::Open, NOW);
        match &m.status {
            Some(StatusLine::Info(s)) => assert!(s.contains(expected), "{s}"),
            other => panic!("no notice: {other:?}"),
        }
        // Nothing is said for a review on the current edition.
        let current = m.catalog.framework("gbt19580-2012").unwrap().clone();
        let mut b = Applicant::new(
            "A2",
            "新申报",
            "jinshan-2023",
            "mayor-model",
            &current.doc.id,
            &current.hash,
            NOW,
        );
        b.declare_no_conflict(NOW).unwrap();
        m.applicants = vec![b];
        update(&mut m, Action::Back, NOW);
        update(&mut m, Action::Open, NOW);
        assert!(m.status.is_none(), "{:?}", m.status);
    }
}

#[test]
fn an_unknown_edition_is_said_to_open_on_the_current_one() {
    let catalog = Catalog::embedded();
    let unknown = "ab".repeat(32);
    let notice = catalog.edition_notice("gbt19580-2012", &unknown).unwrap();
    assert!(!notice.scored_known);
    assert!(edition_notice(Lang::Zh, &notice).contains("本程序不认识"));
    assert!(edition_notice(Lang::En, &notice).contains("may be missing or mean something else"));
}
