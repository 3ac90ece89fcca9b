//! Site review with an overview (issue 11, "Site review"): eligibility is recorded per stage,
//! the items and applicants lists show what site review still has open, and export lists the
//! open site-visit issues before it signs.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use scorebook::lang::Lang;
use scorebook::service::export::{ExportRequest, export_sheet};
use scorebook::tui::app::{collect_outcomes, load_with, run_effects};
use scorebook::tui::keymap::translate;
use scorebook::tui::model::{Model, Screen};
use scorebook::tui::update::update;
use scorebook::workspace::{BackgroundSaver, RealOps, Workspace};

const NOW: &str = "2026-01-01T00:00:00Z";

/// Opens a home as the app does (a first run with a key: the demo is made, no question).
fn open_home(home: &std::path::Path) -> (Model, Workspace, BackgroundSaver) {
    let ops = std::sync::Arc::new(RealOps);
    let (mut m, mut ws) = load_with(home, Some(Lang::Zh), ops).unwrap();
    let saver = BackgroundSaver::spawn(ws.saver()).unwrap();
    let fx = scorebook::tui::update::start(&mut m, NOW);
    run_effects(&mut m, &mut ws, &saver, fx);
    saver.flush();
    collect_outcomes(&mut m, &saver);
    (m, ws, saver)
}

fn key(m: &mut Model, ws: &mut Workspace, saver: &BackgroundSaver, code: KeyCode) {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(a) = translate(m, &ev) {
        let fx = update(m, a, NOW);
        run_effects(m, ws, saver, fx);
    }
}

/// The verdict of the checklist's first condition in the sheet file at `path`.
fn sheet_verdict(path: &std::path::Path, condition: &str) -> Option<String> {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["payload"]["eligibility"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["condition"] == condition)
        .and_then(|e| e["verdict"].as_str().map(str::to_string))
}

/// Written before the fix: a verdict changed during site review was carried into a later
/// `export --stage document`, because eligibility was one record for both stages.
#[test]
fn eligibility_changed_on_site_leaves_the_document_record() {
    let home = tempfile::tempdir().unwrap();
    let identity = scorebook::identity::Identity::create(home.path(), "张三", false).unwrap();
    let (mut m, mut ws, saver) = open_home(home.path());
    let first = m.checklist().unwrap().conditions[0].id.clone();
    // S, Enter: site review starts.
    key(&mut m, &mut ws, &saver, KeyCode::Char('S'));
    key(&mut m, &mut ws, &saver, KeyCode::Enter);
    assert!(m.applicants[0].site.is_some(), "{:?}", m.status);
    // 2 opens the checklist; → turns 符合 into 不符合 on site.
    m.screen = Screen::Eligibility;
    m.eligibility_sel = 0;
    key(&mut m, &mut ws, &saver, KeyCode::Right);
    saver.flush();
    let dir = home.path().join("out");
    std::fs::create_dir_all(&dir).unwrap();
    let export = |stage| {
        let request = ExportRequest {
            applicant_id: m.applicants[0].id.clone(),
            stage,
            draft: true,
            output: Some(dir.clone()),
            html: false,
            seal: None,
        };
        let world = scorebook::clock::System;
        export_sheet(
            &ws,
            &m.catalog,
            &identity,
            &request,
            &world,
            &world,
            Lang::Zh,
        )
        .unwrap()
    };
    let site = export(scorebook::review::Stage::SiteReview);
    assert_eq!(
        sheet_verdict(&site.sheet_path, &first).as_deref(),
        Some("not_met"),
        "the site sheet carries the site verdict"
    );
    let document = export(scorebook::review::Stage::DocumentReview);
    assert_eq!(
        sheet_verdict(&document.sheet_path, &first).as_deref(),
        Some("met"),
        "the document sheet keeps the document verdict"
    );
}

#[path = "common/screen.rs"]
mod screen;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The demo in site review: the first item's percent moved on site and one of its issues
/// verified, the rest still open.
fn on_site(lang: Lang) -> Model {
    let catalog = scorebook::program::Catalog::embedded();
    let hash = catalog.framework("gbt19580-2012").unwrap().hash.clone();
    let mut m = Model::new(lang, catalog, scorebook::tui::keymap::KeyMap::default());
    m.reviewer = "张三".into();
    m.applicants
        .push(scorebook::review::demo::demo_applicant(&hash, NOW).unwrap());
    let press = |m: &mut Model, code: KeyCode| {
        let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(a) = translate(m, &ev) {
            update(m, a, NOW);
        }
    };
    press(&mut m, KeyCode::Char('S'));
    press(&mut m, KeyCode::Enter);
    m.screen = Screen::Items;
    press(&mut m, KeyCode::Char('+'));
    // Down to the first site issue; Space moves it on (已核实).
    press(&mut m, KeyCode::Enter);
    for _ in 0..20 {
        let on_issue = scorebook::tui::model::entries(m.item_review())
            .get(m.entry_sel)
            .is_some_and(|e| matches!(e, scorebook::tui::model::Entry::Issue(_)));
        if on_issue {
            break;
        }
        press(&mut m, KeyCode::Down);
    }
    press(&mut m, KeyCode::Char(' '));
    press(&mut m, KeyCode::Esc);
    m
}

fn open_count(m: &Model) -> usize {
    let a = &m.applicants[0];
    let fw = m.framework().unwrap();
    a.site.as_ref().unwrap().open_issues(fw).len()
}

#[test]
fn site_overview_screens_in_both_languages_and_sizes() {
    for lang in [Lang::Zh, Lang::En] {
        let m = on_site(lang);
        assert_eq!(m.screen, Screen::Items, "{:?}", m.status);
        assert!(open_count(&m) > 0);
        let mut states = vec![("site_items", m.clone())];
        let mut a = m.clone();
        a.screen = Screen::Applicants;
        states.push(("site_applicants", a.clone()));
        let ev = Event::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
        let action = translate(&a, &ev).unwrap();
        update(&mut a, action, NOW);
        states.push(("site_export_open_issues", a));
        // An export on the worker: the status line says so until its result comes.
        let mut e = m.clone();
        e.screen = Screen::Applicants;
        e.exporting = 1;
        states.push(("site_exporting", e));
        for (name, m) in states {
            for (w, h) in SIZES {
                let snap = format!("{name}_{}_{w}x{h}", lang.code());
                insta::assert_snapshot!(snap, screen::snapshot_at(&m, w, h));
            }
        }
    }
}

/// The items list counts each item's open issues and shows document → site; the applicants
/// list the applicant's open issues; export lists them and waits for the reviewer.
#[test]
fn open_issues_are_counted_and_export_asks_first() {
    let mut m = on_site(Lang::Zh);
    let open = open_count(&m);
    let items = screen::render_at(&m, 120, 40);
    let first_item = items
        .lines()
        .find(|l| l.contains(&m.item_code))
        .expect("the first item's row");
    let doc = m.applicants[0].document.percent(&m.item_code).unwrap();
    let site = m.review().unwrap().percent(&m.item_code).unwrap();
    assert_ne!(doc, site, "the demo's first percent was moved on site");
    let cells: Vec<&str> = first_item.split_whitespace().collect();
    assert!(
        cells
            .windows(2)
            .any(|w| w == [doc.to_string(), site.to_string()]),
        "document then site: {first_item}"
    );
    assert!(
        first_item.trim_end().ends_with(" 1"),
        "one issue open: {first_item}"
    );
    m.screen = Screen::Applicants;
    let list = screen::render_at(&m, 120, 40);
    assert!(list.contains("待查"), "{list}");
    let row = list.lines().find(|l| l.contains("示例")).unwrap();
    assert!(
        row.split_whitespace().any(|c| c == open.to_string()),
        "{row}"
    );
    // e: the dialog lists the open issues; Esc goes back without exporting.
    let ev = |c| Event::Key(KeyEvent::new(c, KeyModifiers::NONE));
    let a = translate(&m, &ev(KeyCode::Char('x'))).unwrap();
    assert!(update(&mut m, a, NOW).is_empty());
    let Some(scorebook::tui::model::Dialog::ConfirmOpenIssues { open: listed, .. }) = &m.dialog
    else {
        panic!("no warning: {:?}", m.dialog);
    };
    assert_eq!(listed.len(), open);
    let a = translate(&m, &ev(KeyCode::Esc)).unwrap();
    assert!(update(&mut m, a, NOW).is_empty());
    assert!(m.dialog.is_none());
    // Enter exports all the same: the warning never blocks.
    let a = translate(&m, &ev(KeyCode::Char('x'))).unwrap();
    update(&mut m, a, NOW);
    let a = translate(&m, &ev(KeyCode::Enter)).unwrap();
    let fx = update(&mut m, a, NOW);
    assert!(
        matches!(
            fx.as_slice(),
            [scorebook::tui::update::Effect::Export { draft: true, .. }]
        ),
        "{fx:?}"
    );
}
