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
        KeyCode::Char('x'),
        KeyCode::Char('2'),
        KeyCode::Char('?'),
        KeyCode::Esc,
        KeyCode::Down,
    ] {
        key(&mut m, k);
        assert!(m.dialog.is_none(), "{k:?} opened a dialog");
        assert!(m.editor.is_none() && m.form.is_none() && !m.help, "{k:?}");
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

/// Opens a home as the app does: load, then what runs once before the first key.
fn open_home(
    home: &std::path::Path,
) -> (
    Model,
    scorebook::workspace::Workspace,
    scorebook::workspace::BackgroundSaver,
) {
    use scorebook::tui::app::{collect_outcomes, load_with, run_effects};
    let ops = std::sync::Arc::new(scorebook::workspace::RealOps);
    let (mut m, mut ws) = load_with(home, Some(Lang::Zh), ops).unwrap();
    let saver = scorebook::workspace::BackgroundSaver::spawn(ws.saver()).unwrap();
    let fx = scorebook::tui::update::start(&mut m, NOW);
    run_effects(&mut m, &mut ws, &saver, fx);
    saver.flush();
    collect_outcomes(&mut m, &saver);
    (m, ws, saver)
}

#[test]
fn first_run_with_an_existing_key_takes_its_name_without_asking() {
    let home = tempfile::tempdir().unwrap();
    scorebook::identity::Identity::create(home.path(), "李四", false).unwrap();
    let (m, _ws, _saver) = open_home(home.path());
    assert!(m.dialog.is_none(), "asked again: {:?}", m.dialog);
    assert_eq!(m.reviewer, "李四");
    assert_eq!(m.config.reviewer_name.as_deref(), Some("李四"));
    assert!(
        m.applicants.iter().any(|a| a.demo),
        "the demo is made as on any first run"
    );
    drop((m, _ws, _saver));
    // The next start is an ordinary one, with the same name.
    let (m, _ws, _saver) = open_home(home.path());
    assert!(m.dialog.is_none());
    assert_eq!(m.reviewer, "李四");
}

#[test]
fn the_name_shown_is_the_keys_name() {
    let home = tempfile::tempdir().unwrap();
    let (mut m, mut ws, saver) = open_home(home.path());
    // A true first run without a key still asks.
    assert!(matches!(
        m.dialog,
        Some(scorebook::tui::model::Dialog::FirstRun { .. })
    ));
    for c in "张三".chars() {
        let a = translate(
            &m,
            &Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
        update(&mut m, a.unwrap(), NOW);
    }
    let a = translate(
        &m,
        &Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    let fx = update(&mut m, a.unwrap(), NOW);
    scorebook::tui::app::run_effects(&mut m, &mut ws, &saver, fx);
    saver.flush();
    drop((m, ws, saver));
    // The key is replaced under another name (key new --force): sheets are signed 王五.
    scorebook::identity::Identity::create(home.path(), "王五", true).unwrap();
    let (m, _ws, _saver) = open_home(home.path());
    assert_eq!(m.reviewer, "王五");
}

/// Draws the model at a size, as text rows (wide characters once).
fn rows(m: &Model, w: u16, h: u16) -> Vec<String> {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| scorebook::tui::view::view(m, f)).unwrap();
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| {
            let mut s = String::new();
            let mut skip = 0;
            for x in 0..w {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
                s.push_str(sym);
            }
            s
        })
        .collect()
}

#[test]
fn truncated_names_end_with_an_ellipsis() {
    let mut m = model();
    let long = "上海金山某某精密机械制造股份有限公司第二分公司（含下属三个事业部和两个研发中心）";
    m.applicants[0].name = long.into();
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = rows(&m, w, h);
        let row = screen
            .iter()
            .find(|r| r.contains("上海金山"))
            .expect("the name is listed");
        assert!(!row.contains(long), "{row}");
        assert!(row.contains('…'), "cut without a sign: {row}");
        // The title bar on the items screen, too.
        let mut on_items = m.clone();
        on_items.screen = Screen::Items;
        let title = &rows(&on_items, w, h)[0];
        assert!(title.contains("上海金山"), "{title}");
        assert!(!title.contains(long) && title.contains('…'), "{title}");
    }
}
