//! Direct scoring (issue 11): digits on the items list and the item screen type the percent —
//! `5` `5` → 55 % — committed by Enter or after a pause carried by the actions' timestamps.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use scorebook::lang::Lang;
use scorebook::program::Catalog;
use scorebook::review::demo::demo_applicant;
use scorebook::tui::action::Action;
use scorebook::tui::keymap::{KeyMap, translate};
use scorebook::tui::model::{Model, Screen, StatusLine};
use scorebook::tui::update::update;

const NOW: &str = "2026-01-01T00:00:00Z";

fn model() -> Model {
    let catalog = Catalog::embedded();
    let hash = catalog.framework("gbt19580-2012").unwrap().hash.clone();
    let mut m = Model::new(Lang::En, catalog, KeyMap::default());
    m.reviewer = "张三".into();
    m.applicants.push(demo_applicant(&hash, NOW).unwrap());
    m
}

/// A key at a moment, as the loop sends it (translated, then stamped).
fn key_at(m: &mut Model, code: KeyCode, at_ms: u64) {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(a) = translate(m, &ev) {
        update(m, a.stamped(at_ms), NOW);
    }
}

fn percent(m: &Model, code: &str) -> Option<u8> {
    m.applicants[0]
        .document
        .items
        .get(code)
        .and_then(|i| i.percent)
        .map(|p| p.value())
}

/// The items list with the selection on the first item; its code.
fn on_items(m: &mut Model) -> String {
    key_at(m, KeyCode::Enter, 0);
    assert_eq!(m.screen, Screen::Items);
    key_at(m, KeyCode::Enter, 0);
    let code = m.item_code.clone();
    key_at(m, KeyCode::Esc, 0);
    assert_eq!(m.screen, Screen::Items);
    code
}

#[test]
fn two_digits_and_enter_score_the_selected_item() {
    let mut m = model();
    let code = on_items(&mut m);
    key_at(&mut m, KeyCode::Char('4'), 10);
    key_at(&mut m, KeyCode::Char('5'), 200);
    assert!(
        matches!(&m.status, Some(StatusLine::Info(s)) if s.contains("45%")),
        "{:?}",
        m.status
    );
    assert_ne!(percent(&m, &code), Some(45), "not before Enter or a pause");
    key_at(&mut m, KeyCode::Enter, 400);
    assert_eq!(percent(&m, &code), Some(45));
    assert_eq!(
        m.screen,
        Screen::Items,
        "Enter committed the score, it did not open the item"
    );
}

#[test]
fn a_pause_commits_and_esc_drops() {
    let mut m = model();
    let code = on_items(&mut m);
    key_at(&mut m, KeyCode::Char('7'), 1_000);
    key_at(&mut m, KeyCode::Char('0'), 1_300);
    update(&mut m, Action::Tick { at_ms: 1_800 }, NOW);
    assert_ne!(percent(&m, &code), Some(70), "500 ms is no pause yet");
    update(&mut m, Action::Tick { at_ms: 2_300 }, NOW);
    assert_eq!(percent(&m, &code), Some(70));
    // Esc drops what is typed; the score stays.
    key_at(&mut m, KeyCode::Char('3'), 5_000);
    key_at(&mut m, KeyCode::Esc, 5_100);
    update(&mut m, Action::Tick { at_ms: 9_000 }, NOW);
    assert_eq!(percent(&m, &code), Some(70));
    assert_eq!(
        m.screen,
        Screen::Items,
        "Esc dropped the digits, it did not leave"
    );
    // A digit after a pause starts a new percent: 5, pause, 5 is 5 then 5 — not 55.
    key_at(&mut m, KeyCode::Char('8'), 10_000);
    key_at(&mut m, KeyCode::Char('5'), 12_000);
    assert_eq!(m.typed_score.as_ref().map(|p| p.text.as_str()), Some("5"));
}

#[test]
fn off_step_is_refused_with_the_reason_and_the_item_screen_scores_too() {
    let mut m = model();
    let code = on_items(&mut m);
    let before = percent(&m, &code);
    key_at(&mut m, KeyCode::Char('4'), 0);
    key_at(&mut m, KeyCode::Char('2'), 100);
    key_at(&mut m, KeyCode::Enter, 200);
    assert_eq!(percent(&m, &code), before);
    assert!(
        matches!(m.status, Some(StatusLine::Error(_))),
        "{:?}",
        m.status
    );
    // On the item screen.
    key_at(&mut m, KeyCode::Enter, 300);
    assert_eq!(m.screen, Screen::Item);
    key_at(&mut m, KeyCode::Char('6'), 400);
    key_at(&mut m, KeyCode::Char('5'), 500);
    // Enter commits the typed percent on the item screen too.
    key_at(&mut m, KeyCode::Enter, 600);
    assert_eq!(percent(&m, &code), Some(65));
}
