//! 守纪情况 (第二十二条) from the terminal app, end to end: a member of a round records the
//! applicant's conduct on the site review with `C` (rating and note), exports the site sheet
//! from the app, the sheet carries it and verifies, and after the leader's merge it appears in
//! `report.html`'s 双向监督 section. Before site review the key says where it belongs; Esc keeps
//! what was typed.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

use scorebook::lang::Lang;
use scorebook::review::{ConductVerdict, Stage};
use scorebook::testkit::corpus;
use scorebook::tui::app::{collect_outcomes, load_with, run_effects};
use scorebook::tui::keymap::translate;
use scorebook::tui::model::{Dialog, Model, Screen, StatusLine};
use scorebook::tui::update::update;
use scorebook::workspace::{BackgroundSaver, RealOps, Workspace};

const NOW: &str = "2026-11-26T09:00:00Z";
const NOTE: &str = "座谈时申报方安排宴请，评审组婉拒";

fn sb(home: &Path) -> Command {
    let mut c = Command::cargo_bin("scorebook").unwrap();
    c.arg("--home").arg(home).arg("--lang").arg("en");
    c
}

fn home_of(n: usize) -> TempDir {
    scorebook::testkit::cli::corpus_home(n)
}

struct App {
    m: Model,
    ws: Workspace,
    saver: BackgroundSaver,
}

impl App {
    fn open(home: &Path) -> App {
        let (mut m, mut ws) =
            load_with(home, Some(Lang::Zh), std::sync::Arc::new(RealOps)).unwrap();
        let saver = BackgroundSaver::spawn(ws.saver()).unwrap();
        let fx = scorebook::tui::update::start(&mut m, NOW);
        run_effects(&mut m, &mut ws, &saver, fx);
        saver.flush();
        collect_outcomes(&mut m, &saver);
        App { m, ws, saver }
    }

    fn key(&mut self, code: KeyCode) {
        let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(a) = translate(&self.m, &ev) {
            let fx = update(&mut self.m, a, NOW);
            run_effects(&mut self.m, &mut self.ws, &self.saver, fx);
        }
    }

    fn typed(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    fn status(&self) -> String {
        match &self.m.status {
            Some(StatusLine::Info(s) | StatusLine::Error(s)) => s.clone(),
            None => String::new(),
        }
    }
}

#[test]
fn conduct_set_in_the_app_reaches_the_signed_sheet_and_the_report() {
    let work = TempDir::new().unwrap();
    let w = work.path();
    // The panel's site sheets, but reviewer 1's of A00: that one comes from the app.
    let (round_path, sheets) =
        corpus::write_panel(w, Stage::SiteReview, |name| !name.starts_with("A00-r1-"));

    let member = home_of(1);
    sb(member.path())
        .args(["round", "import"])
        .arg(&round_path)
        .assert()
        .success();
    {
        // Document review scored on every item (the keys for that are other tests').
        let catalog = scorebook::program::Catalog::embedded();
        let fw = catalog.framework("gbt19580-2012").unwrap();
        let (mut ws, _) = Workspace::open(member.path()).unwrap();
        let mut a = ws.applicant("A00").unwrap().clone();
        a.declare_no_conflict(NOW).unwrap();
        for (_, item) in fw.doc.items() {
            a.set_percent(&fw.doc, Stage::DocumentReview, &item.code, 55)
                .unwrap();
        }
        ws.save_applicant(&a).unwrap();
    }

    let mut app = App::open(member.path());
    app.m.current = app.m.applicants.iter().position(|a| a.id == "A00").unwrap();
    app.m.screen = Screen::Summary;
    // Document review: the key says it belongs to the site review, and opens nothing.
    app.key(KeyCode::Char('C'));
    assert!(app.m.dialog.is_none());
    assert!(app.status().contains("现场评审"), "{}", app.status());
    // S, Enter: site review; C: the dialog, 2 基本遵守, Tab, the note; Esc keeps the draft.
    app.key(KeyCode::Char('S'));
    app.key(KeyCode::Enter);
    assert_eq!(app.m.stage(), Stage::SiteReview);
    app.key(KeyCode::Char('C'));
    app.key(KeyCode::Char('2'));
    app.key(KeyCode::Tab);
    app.typed(NOTE);
    app.key(KeyCode::Esc);
    assert!(app.m.dialog.is_none());
    assert_eq!(app.m.review().unwrap().conduct, None, "Esc records nothing");
    app.m.screen = Screen::Items;
    app.key(KeyCode::Char('C'));
    let Some(Dialog::Conduct { verdict, note, .. }) = &app.m.dialog else {
        panic!("no dialog: {:?}", app.m.dialog);
    };
    assert_eq!(
        *verdict,
        Some(ConductVerdict::MostlyKept),
        "the draft's rating"
    );
    assert_eq!(note.lines().join(""), NOTE, "the draft's note");
    app.key(KeyCode::Enter);
    assert!(app.m.dialog.is_none(), "{}", app.status());
    let recorded = app.m.review().unwrap().conduct.clone().unwrap();
    assert_eq!(
        (recorded.verdict, recorded.note.as_str()),
        (ConductVerdict::MostlyKept, NOTE)
    );
    // Saved through the workspace saver: a fresh open reads it.
    app.saver.flush();
    let (ws, _) = Workspace::open_read_only(member.path());
    let on_disk = ws.applicant("A00").unwrap().site.clone().unwrap().conduct;
    assert_eq!(on_disk, Some(recorded));
    drop(ws);

    // x: everything scored, nothing open, conduct recorded: no warning, only the export's own
    // confirmation a round applicant gets (where the seal setting is shown), and Enter.
    app.key(KeyCode::Char('x'));
    assert!(
        matches!(app.m.dialog, Some(Dialog::ConfirmExport)),
        "{:?}",
        app.m.dialog
    );
    app.key(KeyCode::Enter);
    assert!(app.m.dialog.is_none(), "{:?}", app.m.dialog);
    let sheet = fs::read_dir(member.path().join("sheets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".json"))
        .unwrap_or_else(|| panic!("no sheet: {}", app.status()));
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&sheet).unwrap()).unwrap();
    assert_eq!(v["payload"]["conduct"]["verdict"], "mostly_kept", "{v}");
    assert_eq!(v["payload"]["conduct"]["note"], NOTE);
    sb(member.path())
        .arg("verify")
        .arg(&sheet)
        .assert()
        .success();

    fs::copy(&sheet, sheets.join("A00-r1-site.sheet.json")).unwrap();
    let out = w.join("out");
    sb(home_of(0).path())
        .args(["merge", "--round"])
        .arg(&round_path)
        .arg(&sheets)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let report = fs::read_to_string(out.join("report.html")).unwrap();
    let section = report
        .split("双向监督")
        .nth(1)
        .expect("the 双向监督 section");
    assert!(section.contains("守纪情况"), "{section}");
    assert!(section.contains(NOTE), "{section}");
    assert!(
        section.contains("基本遵守") && section.contains("评审1"),
        "{section}"
    );
}
