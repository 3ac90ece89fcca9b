//! The site-visit issue dialogs after a crash (issue 11, "nothing a reviewer can lose by a
//! slip"): a planned issue (`v`: kind and text) and an outcome being written (`n`: outcome,
//! note) are part of the saved position and come back exactly as they were after kill -9; what
//! Esc kept typed survives a restart too. The typed text lives in the workspace (sealed when the
//! home is encrypted), never in `config.json`.

#[path = "common/screen.rs"]
mod screen;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use scorebook::lang::Lang;
use scorebook::review::{ClarifyStatus, SiteIssueKind, SiteIssueStatus, Stage, VerifyStatus};
use scorebook::tui::app::{collect_outcomes, load_with, run_effects};
use scorebook::tui::keymap::translate;
use scorebook::tui::model::{Dialog, Model, Screen};
use scorebook::tui::update::update;
use scorebook::workspace::{BackgroundSaver, RealOps, Workspace};

const NOW: &str = "2026-01-01T00:00:00Z";

type Session = (Model, Workspace, BackgroundSaver);

/// Opens a home as the app does.
fn open_home(home: &std::path::Path) -> Session {
    let (mut m, mut ws) = load_with(home, Some(Lang::Zh), std::sync::Arc::new(RealOps)).unwrap();
    let saver = BackgroundSaver::spawn(ws.saver()).unwrap();
    let fx = scorebook::tui::update::start(&mut m, NOW);
    run_effects(&mut m, &mut ws, &saver, fx);
    saver.flush();
    collect_outcomes(&mut m, &saver);
    (m, ws, saver)
}

/// As after kill -9: no quit, the dialog still open; what is on disk is all there is (the
/// workspace is let go, as the system lets go of a killed process's lock).
fn crash_and_restart(s: Session, home: &std::path::Path) -> Session {
    s.2.flush();
    drop(s);
    let s = open_home(home);
    assert!(!s.0.read_only);
    s
}

fn key(s: &mut Session, code: KeyCode) {
    let (m, ws, saver) = s;
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(a) = translate(m, &ev) {
        let fx = update(m, a, NOW);
        run_effects(m, ws, saver, fx);
    }
}

fn chars(s: &mut Session, text: &str) {
    for c in text.chars() {
        key(s, KeyCode::Char(c));
    }
}

fn home_with_key() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    scorebook::identity::Identity::create(home.path(), "张三", false).unwrap();
    home
}

/// The demo applicant's item screen of `code`.
fn item(s: &mut Session, code: &str) {
    if s.0.screen == Screen::Applicants {
        key(s, KeyCode::Enter);
    }
    key(s, KeyCode::Char('g'));
    chars(s, code);
    key(s, KeyCode::Enter);
    assert_eq!((s.0.screen, s.0.item_code.as_str()), (Screen::Item, code));
}

fn planned(m: &Model) -> Option<(SiteIssueKind, String, (usize, usize))> {
    match &m.dialog {
        Some(Dialog::SiteIssue { kind, text, .. }) => {
            Some((*kind, text.lines().join("\n"), at(text)))
        }
        _ => None,
    }
}

/// The outcome dialog as the reviewer left it: item, issue, outcome, note, cursor.
type Outcome = (String, usize, SiteIssueStatus, String, (usize, usize));

fn outcome(m: &Model) -> Option<Outcome> {
    match &m.dialog {
        Some(Dialog::ResolveIssue {
            item,
            index,
            status,
            note,
        }) => Some((
            item.clone(),
            *index,
            *status,
            note.lines().join("\n"),
            at(note),
        )),
        _ => None,
    }
}

/// The cursor as (line, column).
fn at(a: &ratatui_textarea::TextArea<'static>) -> (usize, usize) {
    let c = a.cursor();
    (c.0, c.1)
}

fn config_text(home: &std::path::Path) -> String {
    std::fs::read_to_string(home.join("config.json")).unwrap()
}

#[test]
fn a_planned_issue_comes_back_after_a_crash_kind_text_and_cursor() {
    let home = home_with_key();
    let mut s = open_home(home.path());
    item(&mut s, "4.2.3");
    let before = s.0.item_review().map_or(0, |r| r.site_issues.len());
    key(&mut s, KeyCode::Char('v'));
    key(&mut s, KeyCode::Tab);
    chars(&mut s, "澄清质量目标分解到班组的方式，见自评报告第41页");
    key(&mut s, KeyCode::Left);
    key(&mut s, KeyCode::Left);
    let was = planned(&s.0).expect("the issue dialog is open");
    assert_eq!(was.0, SiteIssueKind::Clarify);
    let s2 = crash_and_restart(s, home.path());
    assert!(
        !config_text(home.path()).contains("澄清质量目标"),
        "the text is not in the config"
    );
    let mut s = s2;
    assert_eq!(
        (s.0.screen, s.0.item_code.as_str()),
        (Screen::Item, "4.2.3")
    );
    assert_eq!(
        planned(&s.0),
        Some(was),
        "kind, text and cursor as they were"
    );
    // Typing goes on where it stopped, and Enter adds the issue.
    key(&mut s, KeyCode::Char('X'));
    key(&mut s, KeyCode::Enter);
    assert!(s.0.dialog.is_none());
    let issues = &s.0.item_review().unwrap().site_issues;
    assert_eq!(issues.len(), before + 1);
    let added = issues.last().unwrap();
    assert_eq!(added.kind(), SiteIssueKind::Clarify);
    assert_eq!(
        added.text,
        "澄清质量目标分解到班组的方式，见自评报告第4X1页"
    );
    // Added: the next start has no dialog and no draft of it.
    let s = crash_and_restart(s, home.path());
    assert!(s.0.dialog.is_none());
    assert!(s.0.drafts.is_empty(), "{:?}", s.0.drafts);
}

#[test]
fn an_outcome_being_written_comes_back_after_a_crash() {
    let home = home_with_key();
    let mut s = open_home(home.path());
    item(&mut s, "4.2.3");
    key(&mut s, KeyCode::Char('v'));
    chars(&mut s, "核实班组质量目标");
    key(&mut s, KeyCode::Enter);
    key(&mut s, KeyCode::Char('S'));
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.0.stage(), Stage::SiteReview, "{:?}", s.0.status);
    let index = s.0.item_review().unwrap().site_issues.len() - 1;
    // `n` on the issue: 已核实 first; Tab on to 与材料不符; the note in Chinese.
    key(&mut s, KeyCode::Char('n'));
    key(&mut s, KeyCode::Tab);
    chars(
        &mut s,
        "现场抽查3个班组，目标未分解到个人，与自评报告第41页不符",
    );
    key(&mut s, KeyCode::Home);
    key(&mut s, KeyCode::Right);
    let was = outcome(&s.0).expect("the outcome dialog is open");
    assert_eq!(
        (was.1, was.2),
        (
            index,
            SiteIssueStatus::Verify(VerifyStatus::NotAsDocumented)
        )
    );
    let mut s = crash_and_restart(s, home.path());
    assert!(!config_text(home.path()).contains("现场抽查"));
    assert_eq!(outcome(&s.0), Some(was), "issue, outcome, note and cursor");
    key(&mut s, KeyCode::Enter);
    let issue = &s.0.item_review().unwrap().site_issues[index];
    assert_eq!(
        issue.status,
        SiteIssueStatus::Verify(VerifyStatus::NotAsDocumented)
    );
    assert_eq!(
        issue.note,
        "现场抽查3个班组，目标未分解到个人，与自评报告第41页不符"
    );
    let s = crash_and_restart(s, home.path());
    assert!(s.0.dialog.is_none() && s.0.drafts.is_empty());
}

#[test]
fn what_esc_kept_in_both_dialogs_survives_a_restart() {
    let home = home_with_key();
    let mut s = open_home(home.path());
    item(&mut s, "4.2.3");
    // A clarify issue resolved on site later; first one planned and one kept by Esc.
    key(&mut s, KeyCode::Char('v'));
    key(&mut s, KeyCode::Tab);
    chars(&mut s, "澄清推进方式");
    key(&mut s, KeyCode::Enter);
    key(&mut s, KeyCode::Char('v'));
    chars(&mut s, "核实顾客满意度测量");
    key(&mut s, KeyCode::Esc);
    assert!(s.0.dialog.is_none());
    let mut s = crash_and_restart(s, home.path());
    assert!(s.0.dialog.is_none(), "Esc closed it: it stays closed");
    key(&mut s, KeyCode::Char('v'));
    assert_eq!(
        planned(&s.0).map(|p| p.1),
        Some("核实顾客满意度测量".to_string()),
        "the kept text is offered again"
    );
    key(&mut s, KeyCode::Esc);
    // The outcome's note kept by Esc on site, across a restart.
    key(&mut s, KeyCode::Char('S'));
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.0.stage(), Stage::SiteReview, "{:?}", s.0.status);
    let index = s.0.item_review().unwrap().site_issues.len() - 1;
    key(&mut s, KeyCode::Char('n'));
    chars(&mut s, "已说明推进方式");
    key(&mut s, KeyCode::Esc);
    let mut s = crash_and_restart(s, home.path());
    assert!(s.0.dialog.is_none());
    assert_eq!(s.0.item_code, "4.2.3");
    key(&mut s, KeyCode::Char('n'));
    let (_, i, status, note, _) = outcome(&s.0).expect("the outcome dialog");
    assert_eq!(i, index);
    assert_eq!(status, SiteIssueStatus::Clarify(ClarifyStatus::Clarified));
    assert_eq!(note, "已说明推进方式");
}

#[test]
fn a_dialog_reopened_behind_start_up_notices_waits_for_them_and_loses_nothing() {
    let home = home_with_key();
    let mut s = open_home(home.path());
    item(&mut s, "4.2.3");
    key(&mut s, KeyCode::Char('v'));
    chars(&mut s, "核实质量目标分解");
    let was = planned(&s.0).expect("the issue dialog is open");
    s.2.flush();
    drop(s);
    // A file the workspace cannot read: the next start names it in a notice first.
    let stray = home.path().join("workspace/applicants/A9.json");
    std::fs::write(&stray, "not json").unwrap();
    let mut s = open_home(home.path());
    assert!(
        matches!(s.0.dialog, Some(Dialog::Notices(_))),
        "{:?}",
        s.0.dialog
    );
    // Killed again while the notices are up: the dialog and its text are still kept.
    s = crash_and_restart(s, home.path());
    assert_eq!(planned(&s.0), Some(was.clone()), "no notice this time");
    std::fs::write(&stray, "not json").unwrap();
    let mut s = crash_and_restart(s, home.path());
    assert!(matches!(s.0.dialog, Some(Dialog::Notices(_))));
    key(&mut s, KeyCode::Enter);
    assert_eq!(planned(&s.0), Some(was), "the dialog after the notices");
}
