//! Export runs off the UI thread (issue 11, "Speed"): with a disk that holds every write until
//! the test lets it go, the key that asks for an export returns while nothing can reach the disk,
//! later keys still change the model, and the result reaches the status line once the disk
//! moves again. (Run on the UI thread, the export would wait for the held save: the key would
//! not return until the watchdog lets the disk go, and the checks below would fail.)

use std::io;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use scorebook::lang::Lang;
use scorebook::tui::app::{collect_exports, collect_outcomes, load_with, run_effects_with};
use scorebook::tui::exporter::Exporter;
use scorebook::tui::keymap::translate;
use scorebook::tui::model::{Model, Screen, StatusLine};
use scorebook::tui::update::update;
use scorebook::workspace::{BackgroundSaver, FileOps, RealOps, Workspace};

const NOW: &str = "2026-01-01T00:00:00Z";

/// The real file system, whose syncs wait while the gate is shut (a stalled USB stick).
#[derive(Debug, Default)]
struct GatedOps {
    shut: Mutex<bool>,
    moved: Condvar,
    /// Syncs waiting at the gate right now.
    waiting: Mutex<usize>,
}

impl GatedOps {
    fn set_shut(&self, shut: bool) {
        *self.shut.lock().unwrap() = shut;
        self.moved.notify_all();
    }

    fn waiting(&self) -> usize {
        *self.waiting.lock().unwrap()
    }
}

impl FileOps for GatedOps {
    fn sync(&self, file: &std::fs::File) -> io::Result<()> {
        *self.waiting.lock().unwrap() += 1;
        let mut shut = self.shut.lock().unwrap();
        while *shut {
            shut = self.moved.wait(shut).unwrap();
        }
        drop(shut);
        *self.waiting.lock().unwrap() -= 1;
        RealOps.sync(file)
    }
}

struct App {
    m: Model,
    ws: Workspace,
    saver: BackgroundSaver,
    exporter: Exporter,
}

fn open(home: &Path, ops: Arc<GatedOps>) -> App {
    let (mut m, mut ws) = load_with(home, Some(Lang::Zh), ops).unwrap();
    let saver = BackgroundSaver::spawn(ws.saver()).unwrap();
    let mut exporter =
        Exporter::spawn(home.to_path_buf(), m.catalog.clone(), saver.flusher()).unwrap();
    let fx = scorebook::tui::update::start(&mut m, NOW);
    run_effects_with(&mut m, &mut ws, &saver, Some(&mut exporter), fx);
    saver.flush();
    collect_outcomes(&mut m, &saver);
    App {
        m,
        ws,
        saver,
        exporter,
    }
}

/// One key as the loop handles it.
fn key(app: &mut App, code: KeyCode) {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(a) = translate(&app.m, &ev) {
        let fx = update(&mut app.m, a, NOW);
        run_effects_with(
            &mut app.m,
            &mut app.ws,
            &app.saver,
            Some(&mut app.exporter),
            fx,
        );
    }
}

/// Waits for `done`, up to a deadline that only stops a hung test.
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "never happened: {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn sheets(home: &Path) -> Vec<String> {
    std::fs::read_dir(home.join("sheets"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn keys_never_wait_on_an_export() {
    let home = tempfile::tempdir().unwrap();
    scorebook::identity::Identity::create(home.path(), "张三", false).unwrap();
    let ops = Arc::new(GatedOps::default());
    let mut app = open(home.path(), ops.clone());
    // The disk stalls; a change is made, its save is held at the gate.
    ops.set_shut(true);
    // The watchdog lets the disk go in the end, so a UI thread that waits fails, not hangs.
    let watchdog = {
        let ops = ops.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(20));
            ops.set_shut(false);
        })
    };
    app.m.screen = Screen::Items;
    key(&mut app, KeyCode::Char('+'));
    wait_until("the save is held at the gate", || ops.waiting() > 0);
    app.m.screen = Screen::Applicants;
    key(&mut app, KeyCode::Char('x'));
    assert!(app.m.dialog.is_some(), "the draft question");
    key(&mut app, KeyCode::Enter);
    // The key came back while the save it must wait for is still held.
    assert!(ops.waiting() > 0, "the export key waited for the disk");
    assert!(sheets(home.path()).is_empty());
    assert_eq!(app.m.exporting, 1, "{:?}", app.m.status);
    // Keys still change the model while the export waits.
    key(&mut app, KeyCode::Char('3'));
    assert_eq!(app.m.screen, Screen::Items);
    let before = app.m.items_sel;
    key(&mut app, KeyCode::Down);
    assert_ne!(app.m.items_sel, before);
    assert!(ops.waiting() > 0, "all of it while the disk is stalled");
    // The disk moves again: the result comes back to the status line.
    ops.set_shut(false);
    wait_until("the export's result", || {
        collect_exports(&mut app.m, &mut app.exporter)
    });
    assert_eq!(app.m.exporting, 0);
    let Some(StatusLine::Info(said)) = &app.m.status else {
        panic!("{:?}", app.m.status);
    };
    assert!(said.contains("已导出签名评分表"), "{said}");
    let names = sheets(home.path());
    assert!(names.iter().any(|n| n.ends_with(".html")), "{names:?}");
    // The sheet signs the change made just before it: the saves landed first.
    let sheet = names.iter().find(|n| n.ends_with(".sheet.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(home.path().join("sheets").join(sheet)).unwrap(),
    )
    .unwrap();
    let a = &app.m.applicants[0];
    let code = &app.m.framework().unwrap().categories[0].items[0].code;
    let want = a.document.percent(code).unwrap().value();
    let item = v["payload"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code.as_str())
        .unwrap();
    assert_eq!(item["percent"], want);
    drop(watchdog);
}
