//! Restoring a removed applicant from the applicants screen (issue 11, "Traps to remove"): `R`
//! lists the backups `d` left in `workspace/removed/`, Enter restores the selected one with
//! every score and comment, and an applicant whose id is in use again is never overwritten.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use scorebook::lang::Lang;
use scorebook::tui::app::{collect_outcomes, load_with, run_effects};
use scorebook::tui::keymap::translate;
use scorebook::tui::model::{Dialog, Model, StatusLine};
use scorebook::tui::update::{start, update};
use scorebook::workspace::{BackgroundSaver, RealOps, RemovedBackup, Workspace};

const NOW: &str = "2026-01-01T00:00:00Z";

struct App {
    m: Model,
    ws: Workspace,
    saver: BackgroundSaver,
}

impl App {
    fn open(home: &std::path::Path, lang: Lang) -> App {
        let (mut m, mut ws) = load_with(home, Some(lang), std::sync::Arc::new(RealOps)).unwrap();
        let saver = BackgroundSaver::spawn(ws.saver()).unwrap();
        let fx = start(&mut m, NOW);
        run_effects(&mut m, &mut ws, &saver, fx);
        let mut app = App { m, ws, saver };
        if matches!(app.m.dialog, Some(Dialog::FirstRun { .. })) {
            app.chars("张三");
            app.key(KeyCode::Enter);
        }
        app.saver.flush();
        collect_outcomes(&mut app.m, &app.saver);
        app
    }

    fn key(&mut self, code: KeyCode) {
        let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(a) = translate(&self.m, &ev) {
            let fx = update(&mut self.m, a, NOW);
            run_effects(&mut self.m, &mut self.ws, &self.saver, fx);
        }
    }

    fn chars(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    fn ids(&self) -> Vec<String> {
        self.m.applicants.iter().map(|a| a.id.to_string()).collect()
    }
}

/// Draws the model at a size, as text (wide characters once).
fn draw(m: &Model, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| scorebook::tui::view::view(m, f)).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            out.push_str(sym);
        }
        out.push('\n');
    }
    out
}

#[test]
fn r_lists_the_removed_and_enter_restores_with_its_work() {
    let home = tempfile::tempdir().unwrap();
    let mut app = App::open(home.path(), Lang::Zh);
    assert_eq!(app.ids().len(), 1, "the demo applicant");
    let id = app.ids()[0].clone();
    let before = app.m.applicants[0].clone();
    app.key(KeyCode::Char('d'));
    app.key(KeyCode::Enter);
    assert!(app.ids().is_empty());
    assert!(app.ws.applicant(&id).is_none());

    app.key(KeyCode::Char('R'));
    let Some(Dialog::Restore {
        backups, sel: 0, ..
    }) = &app.m.dialog
    else {
        panic!("no restore dialog: {:?}", app.m.dialog);
    };
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].id, id);
    let screen = draw(&app.m, 80, 24);
    assert!(screen.contains("恢复已删除的申报对象"), "{screen}");
    assert!(screen.contains(&before.name), "{screen}");

    app.key(KeyCode::Enter);
    assert!(app.m.dialog.is_none(), "{:?}", app.m.dialog);
    assert_eq!(app.ids(), std::slice::from_ref(&id));
    assert_eq!(
        app.m.applicants[0], before,
        "every score and comment is back"
    );
    assert!(matches!(&app.m.status, Some(StatusLine::Info(s)) if s.contains("已恢复")));
    app.saver.flush();
    drop(app);
    // On disk too, and the backup is no longer offered.
    let mut app = App::open(home.path(), Lang::En);
    assert_eq!(app.ids(), [id]);
    app.key(KeyCode::Char('R'));
    let Some(Dialog::Restore { backups, .. }) = &app.m.dialog else {
        panic!("no restore dialog");
    };
    assert!(backups.is_empty());
    assert!(draw(&app.m, 80, 24).contains("No backups to restore"));
    app.key(KeyCode::Enter);
    app.key(KeyCode::Esc);
    assert!(app.m.dialog.is_none());
}

#[test]
fn a_backup_whose_id_is_in_use_is_refused_in_the_dialog() {
    let home = tempfile::tempdir().unwrap();
    let mut app = App::open(home.path(), Lang::En);
    let id = app.ids()[0].clone();
    let kept = app.m.applicants[0].clone();
    // A backup of the same id from earlier, as if it had come back since (a round import).
    let backup = app.ws.paths().removed.join(format!(
        "{}-20260101T000000.000Z.json",
        scorebook::workspace::names::encode_id(&id).unwrap()
    ));
    let mut old = kept.clone();
    old.name = "old name".into();
    std::fs::write(&backup, serde_json::to_vec(&old).unwrap()).unwrap();
    app.key(KeyCode::Char('R'));
    app.key(KeyCode::Enter);
    let Some(Dialog::Restore { error: Some(e), .. }) = &app.m.dialog else {
        panic!("not refused: {:?}", app.m.dialog);
    };
    assert!(e.contains("not restored") && e.contains(&id), "{e}");
    assert_eq!(app.m.applicants, [kept], "nothing overwritten");
    assert!(backup.exists());
}

#[test]
fn the_dialog_in_both_languages_and_sizes() {
    let catalog = scorebook::program::Catalog::embedded();
    for lang in [Lang::Zh, Lang::En] {
        let mut m = Model::new(lang, catalog.clone(), Default::default());
        m.reviewer = "张三".into();
        let backups = (1..=10)
            .map(|n| RemovedBackup {
                id: format!("A{n}"),
                name: format!("金山精密机械有限公司第{n}分公司"),
                removed_at: format!("2026-11-{:02} 08:53:00Z", 10 + n),
                path: format!("/home/r/workspace/removed/A{n}.json").into(),
            })
            .collect();
        m.dialog = Some(Dialog::Restore {
            backups,
            sel: 9,
            error: Some("not restored: an applicant with id 'A10' exists".into()),
        });
        for (w, h) in [(80, 24), (120, 40)] {
            let screen = draw(&m, w, h);
            assert!(
                screen.contains("A10"),
                "the selection is in view:\n{screen}"
            );
            insta::assert_snapshot!(format!("restore_{}_{w}x{h}", lang.code()), screen);
        }
    }
}
