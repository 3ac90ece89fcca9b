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
