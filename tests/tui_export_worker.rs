//! Export runs off the UI thread (issue 11, "Speed"): with a disk that takes its time, the key
//! that asks for an export returns at once, later keys still change the model, and the result
//! reaches the status line when the worker is done.

use std::io;
use std::path::Path;
use std::sync::Arc;
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
/// How long the slow disk takes to make each write durable.
const SLOW: Duration = Duration::from_millis(400);

/// The real file system, slow to sync (a USB stick, a busy disk).
#[derive(Debug)]
struct SlowOps;

impl FileOps for SlowOps {
    fn sync(&self, file: &std::fs::File) -> io::Result<()> {
        std::thread::sleep(SLOW);
        RealOps.sync(file)
    }
}

struct App {
    m: Model,
    ws: Workspace,
    saver: BackgroundSaver,
    exporter: Exporter,
}

fn open(home: &Path) -> App {
    let (mut m, mut ws) = load_with(home, Some(Lang::Zh), Arc::new(SlowOps)).unwrap();
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

/// One key as the loop handles it; returns how long the key took.
fn key(app: &mut App, code: KeyCode) -> Duration {
    let started = Instant::now();
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
    started.elapsed()
}

#[test]
fn keys_never_wait_on_an_export() {
    let home = tempfile::tempdir().unwrap();
    scorebook::identity::Identity::create(home.path(), "张三", false).unwrap();
    let mut app = open(home.path());
    // A change whose save is still on its way to the slow disk when the export is asked for.
    app.m.screen = Screen::Items;
    key(&mut app, KeyCode::Char('+'));
    app.m.screen = Screen::Applicants;
    key(&mut app, KeyCode::Char('e'));
    assert!(app.m.dialog.is_some(), "the draft question");
    let asked = key(&mut app, KeyCode::Enter);
    assert!(
        asked < SLOW / 2,
        "the export key waited {asked:?} (the disk takes {SLOW:?} per write)"
    );
    assert_eq!(app.m.exporting, 1, "{:?}", app.m.status);
    // While the worker waits for the disk and signs, keys still change the model.
    let moved = key(&mut app, KeyCode::Char('3'));
    assert!(moved < SLOW / 2, "{moved:?}");
    assert_eq!(app.m.screen, Screen::Items);
    let before = app.m.items_sel;
    key(&mut app, KeyCode::Down);
    assert_ne!(app.m.items_sel, before);
    // The result comes back to the status line.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !collect_exports(&mut app.m, &mut app.exporter) {
        assert!(Instant::now() < deadline, "no result");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(app.m.exporting, 0);
    let Some(StatusLine::Info(said)) = &app.m.status else {
        panic!("{:?}", app.m.status);
    };
    assert!(said.contains("已导出签名评分表"), "{said}");
    let sheets: Vec<_> = std::fs::read_dir(home.path().join("sheets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        sheets.iter().any(|n| n.ends_with(".sheet.json")),
        "{sheets:?}"
    );
    assert!(sheets.iter().any(|n| n.ends_with(".html")), "{sheets:?}");
    // The sheet signs the change made just before it: the saves landed first.
    let sheet = sheets.iter().find(|n| n.ends_with(".sheet.json")).unwrap();
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
}
