//! The traps a real day hit (issue 11), each a test that failed on the code before the fix:
//! the "window too small" screen acts on keys the reviewer cannot see; `t` appends to the old
//! score; `←` on the eligibility checklist stepped forward.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use scorebook::lang::Lang;
use scorebook::program::Catalog;
use scorebook::review::Verdict;
use scorebook::review::demo::demo_applicant;
use scorebook::tui::keymap::{KeyMap, translate};
use scorebook::tui::model::{Model, Screen};
use scorebook::tui::update::update;

const NOW: &str = "2026-01-01T00:00:00Z";

fn model() -> Model {
    let catalog = Catalog::embedded();
    let hash = catalog.framework("gbt19580-2012").unwrap().hash.clone();
    let mut m = Model::new(Lang::Zh, catalog, KeyMap::default());
    m.reviewer = "张三".into();
    m.applicants.push(demo_applicant(&hash, NOW).unwrap());
    m
}

fn send(m: &mut Model, ev: Event) {
    if let Some(a) = translate(m, &ev) {
        update(m, a, NOW);
    }
}

fn key(m: &mut Model, code: KeyCode) {
    send(m, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn chars(m: &mut Model, s: &str) {
    for c in s.chars() {
        key(m, KeyCode::Char(c));
    }
}

#[test]
fn too_small_window_swallows_every_key_but_q_and_ctrl_c() {
    let mut m = model();
    send(&mut m, Event::Resize(60, 12));
    let before = m.applicants.clone();
    // `d` once opened a hidden delete dialog that one Enter confirmed.
    for k in [
        KeyCode::Char('d'),
        KeyCode::Enter,
        KeyCode::Char('a'),
        KeyCode::Char('e'),
        KeyCode::Char('2'),
        KeyCode::Char('?'),
        KeyCode::Esc,
        KeyCode::Down,
    ] {
        key(&mut m, k);
        assert!(m.dialog.is_none(), "{k:?} opened a dialog");
        assert!(m.editor.is_none() && !m.help, "{k:?}");
    }
    assert_eq!(m.applicants, before);
    assert_eq!(m.screen, Screen::Applicants);
    assert!(!m.quit);
    // Big enough again: keys act as before.
    send(&mut m, Event::Resize(80, 24));
    key(&mut m, KeyCode::Char('?'));
    assert!(m.help);
    key(&mut m, KeyCode::Esc);
    // Ctrl+C and q still quit.
    send(&mut m, Event::Resize(40, 10));
    send(
        &mut m,
        Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(m.quit);
    let mut m = model();
    send(&mut m, Event::Resize(79, 24));
    key(&mut m, KeyCode::Char('q'));
    assert!(m.quit);
}

#[test]
fn t_opens_with_the_old_value_selected_so_typing_replaces_it() {
    let mut m = model();
    key(&mut m, KeyCode::Enter); // the items list
    key(&mut m, KeyCode::Enter); // the first item
    assert_eq!(m.screen, Screen::Item);
    let percent = |m: &Model| m.item_review().and_then(|i| i.percent).map(|p| p.value());
    // The demo's first item is scored: 55 would have become 5560.
    let old = percent(&m).expect("the demo's first item is scored");
    assert_ne!(old, 60);
    key(&mut m, KeyCode::Char('t'));
    chars(&mut m, "60");
    key(&mut m, KeyCode::Enter);
    assert_eq!(percent(&m), Some(60), "{:?}", m.status);
}

#[test]
fn eligibility_left_steps_backward() {
    let mut m = model();
    m.screen = Screen::Eligibility;
    m.eligibility_sel = 0;
    let first = m.checklist().unwrap().conditions[0].id.clone();
    let verdict = |m: &Model| {
        m.applicants[0]
            .eligibility
            .get(&first)
            .and_then(|a| a.verdict)
    };
    assert_eq!(verdict(&m), Some(Verdict::Met));
    key(&mut m, KeyCode::Left);
    assert_eq!(verdict(&m), None, "← from 符合 is 未审查");
    key(&mut m, KeyCode::Left);
    assert_eq!(verdict(&m), Some(Verdict::Unclear));
    key(&mut m, KeyCode::Right);
    assert_eq!(verdict(&m), None);
    key(&mut m, KeyCode::Right);
    assert_eq!(verdict(&m), Some(Verdict::Met));
}
