//! A whole walk by keys, as a reviewer does it: first run → add an applicant → declare no
//! conflict → score three items with Chinese comments → the summary shows the right total, and
//! the workspace on disk holds every word. Also: paste, undo, reopening where one left off.

#[path = "common/screen.rs"]
mod screen;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use scorebook::lang::Lang;
use scorebook::review::ConflictDeclaration;
use scorebook::tui::app::{load, now, run_effects};
use scorebook::tui::keymap::{split_alt, translate};
use scorebook::tui::model::{Model, Screen};
use scorebook::tui::update::update;
use scorebook::workspace::{BackgroundSaver, Workspace};

struct App {
    m: Model,
    ws: Workspace,
    saver: BackgroundSaver,
}

impl App {
    fn open(home: &std::path::Path, lang: Lang) -> App {
        let (m, ws) = load(home, Some(lang)).unwrap();
        let saver = BackgroundSaver::spawn(ws.saver()).unwrap();
        App { m, ws, saver }
    }

    fn event(&mut self, ev: Event) {
        for ev in split_alt(&self.m, ev) {
            if let Some(a) = translate(&self.m, &ev) {
                let fx = update(&mut self.m, a, &now());
                run_effects(&mut self.m, &mut self.ws, &self.saver, fx);
            }
        }
    }

    fn key_mod(&mut self, code: KeyCode, mods: KeyModifiers) {
        self.event(Event::Key(KeyEvent::new(code, mods)));
    }

    fn key(&mut self, code: KeyCode) {
        self.key_mod(code, KeyModifiers::NONE);
    }

    fn keys(&mut self, codes: &[KeyCode]) {
        for c in codes {
            self.key(*c);
        }
    }

    /// Types text key by key, as an IME delivers committed characters.
    fn type_text(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    fn screen(&self) -> String {
        screen::render(&self.m)
    }
}

const COMMENTS: [&str; 3] = [
    "高层领导每季度召开质量分析会，见申报材料第12页",
    "战略制定过程覆盖全部事业部，见图2-1",
    "顾客满意度连续三年上升，见表3-4",
];

#[test]
fn whole_walk_scores_three_items_and_the_summary_adds_up() {
    let home = tempfile::tempdir().unwrap();
    let mut app = App::open(home.path(), Lang::Zh);
    assert!(app.screen().contains("请输入您的姓名"));

    // First run: the name only; the demo applicant appears.
    app.type_text("李四");
    app.key(KeyCode::Enter);
    assert_eq!(app.m.reviewer, "李四");
    assert!(app.m.applicants.iter().any(|a| a.demo));
    // …and the signing key is made under that name, so the first export needs no CLI step.
    let key = scorebook::identity::Identity::load(home.path())
        .unwrap()
        .expect("key made on first run");
    assert_eq!(key.name(), "李四");

    // Add an applicant: name, first track, no conflict.
    app.key(KeyCode::Char('a'));
    app.type_text("金山精密制造有限公司");
    app.keys(&[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter]);
    let a = app.m.applicant().unwrap().clone();
    assert_eq!(a.name, "金山精密制造有限公司");
    assert!(matches!(a.conflict, ConflictDeclaration::NoConflict { .. }));
    assert_eq!(app.m.screen, Screen::Items);

    // Score three items: first item 55% (11 steps), next 40% by typing, next 70% with +.
    app.key(KeyCode::Enter);
    assert_eq!(app.m.screen, Screen::Item);
    let first = app.m.item_code.clone();
    for _ in 0..11 {
        app.key(KeyCode::Right);
    }
    app.key(KeyCode::Char('s'));
    app.type_text(COMMENTS[0]);
    app.key(KeyCode::Esc);

    app.key(KeyCode::Char(']'));
    let second = app.m.item_code.clone();
    assert_ne!(first, second);
    app.key(KeyCode::Char('t'));
    app.type_text("40");
    app.key(KeyCode::Enter);
    app.key(KeyCode::Char('s'));
    app.type_text(COMMENTS[1]);
    app.key(KeyCode::Esc);

    app.key(KeyCode::Char(']'));
    let third = app.m.item_code.clone();
    for _ in 0..14 {
        app.key(KeyCode::Char('+'));
    }
    app.key(KeyCode::Char('o'));
    app.type_text(COMMENTS[2]);
    app.key(KeyCode::Esc);
    app.key(KeyCode::Char('s'));
    app.type_text("以数据驱动改进，见第20页");
    app.key(KeyCode::Esc);

    // The expected total from the framework's own points.
    let fw = app.m.framework().unwrap().clone();
    let pts = |c: &str| rust_decimal::Decimal::from(fw.item(c).unwrap().points);
    let pct = |p: i64| rust_decimal::Decimal::new(p, 2);
    let expected = pts(&first) * pct(55) + pts(&second) * pct(40) + pts(&third) * pct(70);
    let expected = scorebook::framework::format_score(expected);

    // Summary: Esc to the items, Tab to the summary.
    app.keys(&[KeyCode::Esc, KeyCode::Tab]);
    assert_eq!(app.m.screen, Screen::Summary);
    let screen = app.screen();
    assert!(
        screen.contains(&format!("总分 {expected} / 1000")),
        "{expected}\n{screen}"
    );
    assert!(screen.contains("未评分条款 (20)"), "{screen}");
    assert!(screen.contains("优势 3   改进机会 1"), "{screen}");

    // Every word is on disk.
    app.saver.flush();
    let id = app.m.applicant().unwrap().id.clone();
    let file = app.ws.paths().applicant_file(&id).unwrap();
    let json = std::fs::read_to_string(file).unwrap();
    for c in COMMENTS {
        assert!(json.contains(c), "missing {c}");
    }
    assert!(json.contains("\"percent\": \"55\"") || json.contains("\"percent\": 55"));

    // Reopened, the app is where the reviewer left off.
    let (m, _ws) = {
        drop(app);
        load(home.path(), Some(Lang::Zh)).unwrap()
    };
    assert_eq!(m.screen, Screen::Summary);
    assert_eq!(m.applicant().unwrap().id, id);
    assert_eq!(m.item_code, third);
}

#[test]
fn g_on_the_summary_jumps_to_an_item_by_code() {
    let home = tempfile::tempdir().unwrap();
    let mut app = App::open(home.path(), Lang::Zh);
    app.type_text("李四");
    app.key(KeyCode::Enter);
    // The demo: its items, then Tab to the summary.
    app.keys(&[KeyCode::Enter, KeyCode::Tab]);
    assert_eq!(app.m.screen, Screen::Summary);
    app.key(KeyCode::Char('g'));
    app.type_text("4.7.3");
    app.key(KeyCode::Enter);
    assert_eq!(app.m.screen, Screen::Item);
    assert_eq!(app.m.item_code, "4.7.3");
}

#[test]
fn paste_is_one_insertion_undo_reverts_and_a_big_paste_is_fast() {
    let home = tempfile::tempdir().unwrap();
    let mut app = App::open(home.path(), Lang::En);
    app.type_text("Wang");
    app.key(KeyCode::Enter);
    // The demo is declared no-conflict: open it and its first item.
    app.keys(&[KeyCode::Enter, KeyCode::Enter]);
    assert_eq!(app.m.screen, Screen::Item);
    let before = app.m.item_review().unwrap().strengths.len();

    app.key(KeyCode::Char('s'));
    let big: String = "领导作用发挥充分。".repeat(12_000); // ~100 KB of UTF-8
    // how quickly: the paste benchmarks in benches/render.rs
    app.event(Event::Paste(big.clone()));
    app.screen();
    app.key(KeyCode::Esc);
    let s = &app.m.item_review().unwrap().strengths;
    assert_eq!(s.len(), before + 1);
    assert_eq!(s[before].text, big);

    // Undo removes the whole comment (add + paste are one step); redo brings it back.
    app.key(KeyCode::Char('u'));
    assert_eq!(app.m.item_review().unwrap().strengths.len(), before);
    app.key_mod(KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(app.m.item_review().unwrap().strengths.len(), before + 1);

    // Score undo.
    let p = app.m.item_review().unwrap().percent;
    app.key(KeyCode::Right);
    assert_ne!(app.m.item_review().unwrap().percent, p);
    app.key_mod(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(app.m.item_review().unwrap().percent, p);
}

#[test]
fn a_declared_conflict_locks_scoring_and_a_second_window_is_read_only() {
    let home = tempfile::tempdir().unwrap();
    let mut app = App::open(home.path(), Lang::Zh);
    app.type_text("李四");
    app.key(KeyCode::Enter);
    app.key(KeyCode::Char('a'));
    app.type_text("某公司");
    app.keys(&[
        KeyCode::Enter,
        KeyCode::Enter,
        KeyCode::Down,
        KeyCode::Enter,
    ]);
    app.type_text("曾为其提供辅导");
    app.key(KeyCode::Enter);
    assert!(matches!(
        app.m.applicant().unwrap().conflict,
        ConflictDeclaration::Conflict { .. }
    ));
    app.key(KeyCode::Enter);
    app.key(KeyCode::Right);
    assert!(app.m.item_review().is_none(), "scoring must be locked");
    assert!(app.screen().contains("评分已锁定"));

    // A second instance on the same home: read-only, says so, refuses changes.
    let mut second = App::open(home.path(), Lang::Zh);
    assert!(second.m.read_only);
    second.key(KeyCode::Enter); // close the notice
    second.key(KeyCode::Char('a'));
    assert!(second.screen().contains("只读"));
    assert!(second.m.dialog.is_none());
}

#[test]
fn keys_type_text_in_a_field_esc_keeps_it_and_an_empty_new_comment_is_dropped() {
    let home = tempfile::tempdir().unwrap();
    let mut app = App::open(home.path(), Lang::En);
    app.type_text("Li");
    app.key(KeyCode::Enter);
    app.keys(&[KeyCode::Enter, KeyCode::Enter]);
    let n = app.m.item_review().unwrap().ofis.len();
    // q, s, j, ? and g type themselves in a comment; Esc leaves, keeping the text.
    app.key(KeyCode::Char('o'));
    app.type_text("qsj?g 质量");
    app.key(KeyCode::Enter);
    app.type_text("第二行");
    app.key(KeyCode::Esc);
    assert!(!app.m.quit);
    assert!(app.m.editor.is_none() && app.m.form.is_none());
    assert_eq!(
        app.m.item_review().unwrap().ofis[n].text,
        "qsj?g 质量\n第二行"
    );
    // Evidence and requirement codes of that comment, in the same form: Enter opens it at
    // the text, Tab goes on.
    app.key(KeyCode::Enter);
    app.key(KeyCode::Tab);
    app.type_text("申报材料第9页");
    app.key(KeyCode::Tab);
    app.type_text("a，c");
    app.key(KeyCode::Enter);
    assert!(app.m.form.is_none());
    let c = &app.m.item_review().unwrap().ofis[n];
    assert_eq!(c.requirements, vec!["a", "c"]);
    assert_eq!(c.evidence, "申报材料第9页");
    // A new comment left empty is not kept.
    app.key(KeyCode::Char('s'));
    let s = app.m.item_review().unwrap().strengths.len();
    app.key(KeyCode::Esc);
    assert_eq!(app.m.item_review().unwrap().strengths.len(), s - 1);
}

#[test]
fn removing_asks_and_keeps_a_backup_and_user_keys_override_defaults() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("config.json"),
        r#"{"reviewer_name":"李四","demo_created":true,"keys":{"quit":"ctrl+q","add_applicant":"n"}}"#,
    )
    .unwrap();
    let mut app = App::open(home.path(), Lang::Zh);
    assert!(app.m.applicants.is_empty());
    app.key(KeyCode::Char('q'));
    assert!(!app.m.quit, "q was rebound");
    app.key(KeyCode::Char('n'));
    app.type_text("甲公司");
    app.keys(&[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter, KeyCode::Esc]);
    assert_eq!(app.m.applicants.len(), 1);
    assert!(
        app.screen().contains("n 添加"),
        "hint bar shows the user's key"
    );
    app.key(KeyCode::Char('d'));
    app.key(KeyCode::Esc);
    assert_eq!(app.m.applicants.len(), 1, "Esc cancels");
    app.key(KeyCode::Char('d'));
    app.key(KeyCode::Enter);
    assert!(app.m.applicants.is_empty());
    let removed = std::fs::read_dir(app.ws.paths().removed.clone())
        .unwrap()
        .count();
    assert_eq!(removed, 1, "a backup is kept");
    app.key_mod(KeyCode::Char('q'), KeyModifiers::CONTROL);
    assert!(app.m.quit);
}

#[test]
fn esc_then_a_key_sent_together_reads_as_both() {
    let home = tempfile::tempdir().unwrap();
    let mut app = App::open(home.path(), Lang::Zh);
    app.type_text("李四");
    app.key(KeyCode::Enter);
    app.keys(&[KeyCode::Enter, KeyCode::Enter]);
    assert_eq!(app.m.screen, Screen::Item);
    // What a terminal delivers for a quick Esc then `z`: back to the items list (where z means
    // nothing; a digit there would score), then Esc and `2` quickly: the applicants list, where
    // 2 opens eligibility.
    app.key_mod(KeyCode::Char('z'), KeyModifiers::ALT);
    assert_eq!(app.m.screen, Screen::Items);
    app.key_mod(KeyCode::Char('2'), KeyModifiers::ALT);
    assert_eq!(app.m.screen, Screen::Eligibility);
    // In a text field Alt+key stays the field's own.
    app.key(KeyCode::Esc);
    app.key(KeyCode::Char('a'));
    app.key_mod(KeyCode::Char('b'), KeyModifiers::ALT);
    assert!(app.m.dialog.is_some());
}
