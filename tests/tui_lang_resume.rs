//! The interface language switched inside the app (kept for the next start), and edit mode
//! restored after a crash: the field being typed in and its cursor come back (issue 11).

#[path = "common/screen.rs"]
mod screen;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use scorebook::lang::Lang;
use scorebook::tui::app::{collect_outcomes, load_with, run_effects};
use scorebook::tui::keymap::translate;
use scorebook::tui::model::{CommentList, FormField, Model, Screen};
use scorebook::tui::update::update;
use scorebook::workspace::{BackgroundSaver, RealOps, Workspace};

const NOW: &str = "2026-01-01T00:00:00Z";

/// Opens a home as the app does; `lang` as `--lang` would give it.
fn open_home(home: &std::path::Path, lang: Option<Lang>) -> (Model, Workspace, BackgroundSaver) {
    let (mut m, mut ws) = load_with(home, lang, std::sync::Arc::new(RealOps)).unwrap();
    let saver = BackgroundSaver::spawn(ws.saver()).unwrap();
    let fx = scorebook::tui::update::start(&mut m, NOW);
    run_effects(&mut m, &mut ws, &saver, fx);
    saver.flush();
    collect_outcomes(&mut m, &saver);
    (m, ws, saver)
}

fn key(s: &mut (Model, Workspace, BackgroundSaver), code: KeyCode) {
    let (m, ws, saver) = s;
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(a) = translate(m, &ev) {
        let fx = update(m, a, NOW);
        run_effects(m, ws, saver, fx);
    }
}

fn home_with_key() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    scorebook::identity::Identity::create(home.path(), "张三", false).unwrap();
    home
}

#[test]
fn l_switches_the_language_at_once_and_for_the_next_start() {
    let home = home_with_key();
    let mut s = open_home(home.path(), Some(Lang::Zh));
    assert!(screen::render_at(&s.0, 80, 24).contains("申报对象"));
    key(&mut s, KeyCode::Char('L'));
    assert_eq!(s.0.lang, Lang::En);
    let frame = screen::render_at(&s.0, 80, 24);
    assert!(frame.contains("Applicants"), "{frame}");
    // The help lists the key.
    key(&mut s, KeyCode::Char('?'));
    let help = screen::render_at(&s.0, 120, 40);
    assert!(help.contains("switch to 中文"), "{help}");
    key(&mut s, KeyCode::Esc);
    s.2.flush();
    drop(s);
    // Kept in the config: the next start without --lang is in English.
    let s = open_home(home.path(), None);
    assert_eq!(s.0.lang, Lang::En);
    let mut s = s;
    key(&mut s, KeyCode::Char('L'));
    assert_eq!(s.0.lang, Lang::Zh);
}

#[test]
fn an_open_comment_edit_comes_back_after_a_crash() {
    let home = home_with_key();
    let mut s = open_home(home.path(), Some(Lang::Zh));
    s.0.screen = Screen::Items;
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.0.screen, Screen::Item);
    let item = s.0.item_code.clone();
    let strengths = s.0.item_review().map_or(0, |r| r.strengths.len());
    key(&mut s, KeyCode::Char('s'));
    for c in "领导作用发挥充分，见申报材料第12页".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    key(&mut s, KeyCode::Left);
    key(&mut s, KeyCode::Left);
    let form = s.0.form.as_ref().expect("the comment form is open");
    let (index, cursor) = (form.index, form.text.cursor());
    assert_eq!(index, strengths);
    s.2.flush();
    // As after kill -9: no quit, the field still open; what is on disk is all there is (the
    // workspace is let go, as the system lets go of a killed process's lock).
    drop(s);
    let s = open_home(home.path(), Some(Lang::Zh));
    assert!(!s.0.read_only);
    let f = s.0.form.as_ref().expect("the comment form is open again");
    assert_eq!(
        (f.item.as_str(), f.list, f.index, f.field),
        (
            item.as_str(),
            CommentList::Strengths,
            strengths,
            FormField::Text
        )
    );
    assert_eq!(f.text.cursor(), cursor, "the cursor where it was");
    assert_eq!(s.0.screen, Screen::Item);
    assert_eq!(s.0.item_code, item);
    // Typing goes on where it stopped.
    let mut s = s;
    key(&mut s, KeyCode::Char('X'));
    let text = &s.0.item_review().unwrap().strengths[strengths].text;
    assert_eq!(text, "领导作用发挥充分，见申报材料第1X2页");
    // Esc leaves the field; the next start opens without it.
    key(&mut s, KeyCode::Esc);
    s.2.flush();
    drop(s);
    let s = open_home(home.path(), Some(Lang::Zh));
    assert!(s.0.form.is_none() && s.0.editor.is_none());
    assert_eq!(s.0.screen, Screen::Item);
}

#[test]
fn a_field_that_is_gone_is_not_reopened() {
    let home = home_with_key();
    let mut s = open_home(home.path(), Some(Lang::Zh));
    s.0.screen = Screen::Items;
    key(&mut s, KeyCode::Enter);
    // A new strength with nothing typed: not written, so nothing to reopen.
    key(&mut s, KeyCode::Char('s'));
    assert!(s.0.form.is_some());
    s.2.flush();
    drop(s);
    let s = open_home(home.path(), Some(Lang::Zh));
    assert!(!s.0.read_only);
    assert!(s.0.editor.is_none() && s.0.form.is_none());
    assert_eq!(s.0.screen, Screen::Item);
}
