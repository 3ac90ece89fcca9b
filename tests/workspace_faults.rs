//! The disk says no while the reviewer types: for every fault (ENOSPC, EROFS, EIO, a short
//! write, a failed rename) the TUI, driven through update and its effects, keeps every
//! character, says plainly that the work is not saved (never "已自动保存"), asks before quitting
//! and offers another folder; once the disk works again the retry lands the text on disk.
//! Also: a read-only window refuses `e` with the reason, and notices come before first run.

#[path = "common/screen.rs"]
mod screen;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use scorebook::lang::Lang;
use scorebook::tui::app::{collect_outcomes, load_with, now, run_effects};
use scorebook::tui::keymap::{split_alt, translate};
use scorebook::tui::model::{Dialog, Model, Screen};
use scorebook::tui::update::update;
use scorebook::workspace::{BackgroundSaver, Backoff, Fault, FaultyOps, FileOps, Workspace};

struct App {
    m: Model,
    ws: Workspace,
    saver: BackgroundSaver,
}

impl App {
    fn open(home: &Path, ops: Arc<dyn FileOps>) -> App {
        let (m, ws) = load_with(home, Some(Lang::Zh), ops).unwrap();
        let backoff = Backoff {
            first: Duration::from_millis(5),
            max: Duration::from_millis(20),
        };
        let saver = BackgroundSaver::spawn_with(ws.saver(), backoff).unwrap();
        App { m, ws, saver }
    }

    fn key(&mut self, code: KeyCode) {
        let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        for ev in split_alt(&self.m, ev) {
            if let Some(a) = translate(&self.m, &ev) {
                let fx = update(&mut self.m, a, &now());
                run_effects(&mut self.m, &mut self.ws, &self.saver, fx);
            }
        }
    }

    fn type_text(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// What the loop does between events: read the saver's outcomes.
    fn settle(&mut self) {
        self.saver.flush();
        collect_outcomes(&mut self.m, &self.saver);
    }

    fn screen(&self) -> String {
        screen::render(&self.m)
    }
}

/// The applicant files as a reader finds them: not the saver's temp files (`.tmp…`), which hold
/// the newest bytes while a write is under way and vanish when its rename fails.
fn on_disk(home: &Path) -> String {
    let dir = home.join("workspace/applicants");
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect()
}

/// First run, an applicant with no conflict, the first item open: ready to type.
fn ready(home: &Path, ops: Arc<FaultyOps>) -> App {
    let mut app = App::open(home, ops);
    app.type_text("李四");
    app.key(KeyCode::Enter);
    app.key(KeyCode::Char('a'));
    app.type_text("容错测试公司");
    for _ in 0..3 {
        app.key(KeyCode::Enter);
    }
    app.key(KeyCode::Enter);
    app.settle();
    assert!(app.m.disk_error.is_none());
    app
}

#[test]
fn every_fault_keeps_the_text_and_tells_the_reviewer() {
    let mut told = 0;
    let mut chars_typed = 0;
    for (n, fault) in Fault::ALL.into_iter().enumerate() {
        let home = tempfile::tempdir().unwrap();
        let ops = Arc::new(FaultyOps::new(None));
        let mut app = ready(home.path(), ops.clone());

        ops.set(Some(fault));
        let words = format!("磁盘故障{n}时写下的优势，见第{n}页");
        chars_typed += words.chars().count();
        app.key(KeyCode::Char('s'));
        app.type_text(&words);
        app.settle();
        let screen = app.screen();
        assert!(screen.contains(&words), "{fault:?}: still on screen");
        assert!(screen.contains("尚未保存"), "{fault:?}: told\n{screen}");
        assert!(
            !screen.contains("已自动保存"),
            "{fault:?}: never claims saved\n{screen}"
        );
        // Told once, not the same words twice.
        let status = app.m.disk_error.clone().unwrap();
        let first_clause = status.split('：').nth(1).unwrap_or(&status).to_string();
        assert_eq!(status.matches(&first_clause).count(), 1, "{status}");
        told += 1;
        assert!(!on_disk(home.path()).contains(&words), "{fault:?}");

        // Quitting asks, offering another folder; Esc goes back with nothing lost.
        app.key(KeyCode::Esc); // leave the editor
        app.key(KeyCode::Char('q'));
        assert!(!app.m.quit, "{fault:?}: never quits over unsaved work");
        assert!(matches!(app.m.dialog, Some(Dialog::UnsavedQuit { .. })));
        app.key(KeyCode::Esc);
        assert!(app.m.dialog.is_none() && !app.m.quit);

        // The disk recovers: the retry lands the words, and the status clears.
        ops.set(None);
        let deadline = Instant::now() + Duration::from_secs(5);
        while !on_disk(home.path()).contains(&words) {
            assert!(Instant::now() < deadline, "{fault:?}: never saved");
            std::thread::sleep(Duration::from_millis(5));
        }
        // The config (the position, with the open field and its cursor) retries on its own
        // backoff; the status clears once it has landed too.
        app.settle();
        while app.m.disk_error.is_some() {
            assert!(
                Instant::now() < deadline,
                "{fault:?}: {:?}",
                app.m.disk_error
            );
            std::thread::sleep(Duration::from_millis(5));
            app.settle();
        }
        app.key(KeyCode::Char('q'));
        assert!(app.m.quit, "{fault:?}: quits once saved");
    }
    assert_eq!(told, Fault::ALL.len());
    println!(
        "{} faults, {chars_typed} characters typed, 0 lost",
        Fault::ALL.len()
    );
}

#[test]
fn quitting_over_a_dead_disk_writes_the_work_to_another_folder() {
    let home = tempfile::tempdir().unwrap();
    let ops = Arc::new(FaultyOps::new(None));
    let mut app = ready(home.path(), ops.clone());
    ops.set(Some(Fault::NoSpace));
    app.key(KeyCode::Char('s'));
    app.type_text("磁盘满时写下的话");
    app.key(KeyCode::Esc);
    app.settle();
    app.key(KeyCode::Char('q'));
    let Some(Dialog::UnsavedQuit { .. }) = app.m.dialog else {
        panic!("no question")
    };
    // Replace the suggested folder with one of ours.
    let rescue = home.path().join("u盘");
    for _ in 0..200 {
        app.key(KeyCode::Backspace);
    }
    app.type_text(&rescue.display().to_string());
    app.key(KeyCode::Enter);
    assert!(app.m.quit);
    let saved: String = std::fs::read_dir(&rescue)
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(saved.contains("磁盘满时写下的话"), "{saved}");
    assert!(!on_disk(home.path()).contains("磁盘满时写下的话"));
    assert!(
        !app.saver.unsaved().is_empty(),
        "still not in the workspace"
    );
}

#[test]
fn a_read_only_window_refuses_to_export_and_says_why() {
    let home = tempfile::tempdir().unwrap();
    let first = ready(home.path(), Arc::new(FaultyOps::new(None)));
    let mut second = App::open(home.path(), Arc::new(FaultyOps::new(None)));
    assert!(second.m.read_only);
    second.key(KeyCode::Esc); // the read-only notice
    second.m.screen = Screen::Applicants; // it reopened where the first window was
    second.key(KeyCode::Char('x'));
    let screen = second.screen();
    assert!(screen.contains("不能导出"), "{screen}");
    assert!(
        !home.path().join("sheets").exists(),
        "nothing signed from a stale copy"
    );
    drop(first);
}

#[test]
fn a_broken_config_shows_notices_not_the_first_run_dialog() {
    let home = tempfile::tempdir().unwrap();
    drop(ready(home.path(), Arc::new(FaultyOps::new(None))));
    std::fs::write(
        home.path().join("config.json"),
        "{\"reviewer_name\": \"李四\"} x",
    )
    .unwrap();
    let app = App::open(home.path(), Arc::new(FaultyOps::new(None)));
    assert!(
        matches!(app.m.dialog, Some(Dialog::Notices(_))),
        "{:?}",
        app.m.dialog
    );
    let screen = app.screen();
    assert!(screen.contains("config.json"), "{screen}");
    assert!(!screen.contains("请输入您的姓名"), "{screen}");
    assert_eq!(app.m.reviewer, "李四", "the name comes back from the key");
}
