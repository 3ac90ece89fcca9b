//! Render benchmarks: a full frame of the item screen with long Chinese comments at 200×60 into
//! TestBackend (target ≤ 0.5 ms; 80×24 ≤ 0.2 ms, issue 11), each by wall clock and by on-CPU
//! time (the figure that holds on a shared machine), beside the floor of an empty frame;
//! start-up to the first frame with a 50-applicant workspace in process (the figure in a real
//! pseudo-terminal is `tests/e2e_startup.rs`), and a 100 KB paste into a comment.
//!
//! The models are brought to the state the app draws from: `update` has run, so the comments'
//! wrapped lines and the criteria pane are in the model ([`refresh_layout`]); the frame itself
//! wraps nothing that did not change.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use scorebook::lang::Lang;
use scorebook::program::Catalog;
use scorebook::review::Comment;
use scorebook::review::demo::demo_applicant;
use scorebook::tui::app::load;
use scorebook::tui::keymap::{KeyMap, translate};
use scorebook::tui::model::{Model, Screen};
use scorebook::tui::update::{refresh_layout, update};
use scorebook::tui::view::view;

#[path = "../tests/common/startup.rs"]
mod startup_world;

const NOW: &str = "2026-01-01T00:00:00Z";
const LONG: &str = "高层领导每月主持经营分析会，按十八项关键绩效指标评审进展，偏差超过百分之五的指标须在两周内提交改进措施，会议决议的跟踪关闭率为百分之九十六，见申报材料第十二页图三之二。";

fn item_model() -> Model {
    let catalog = Catalog::embedded();
    let hash = catalog.framework("gbt19580-2012").unwrap().hash.clone();
    let mut a = demo_applicant(&hash, NOW).unwrap();
    let ir = a.document.items.get_mut("4.1.2").unwrap();
    for i in 0..6 {
        let c = Comment {
            text: LONG.repeat(3 + i % 3),
            requirements: vec!["a".into(), "c".into()],
            evidence: "申报材料第12页".into(),
        };
        ir.strengths.push(c.clone());
        ir.ofis.push(c);
    }
    let mut m = Model::new(Lang::Zh, catalog, KeyMap::default());
    m.reviewer = "张三".into();
    m.applicants.push(a);
    m.screen = Screen::Item;
    m.item_code = "4.1.2".into();
    m
}

/// The model as the app holds it in a window of that size: the layout refreshed as every
/// `update` leaves it.
fn sized(mut m: Model, window: (u16, u16)) -> Model {
    m.window = Some(window);
    refresh_layout(&mut m);
    m
}

/// Time this thread has spent on a CPU (`CLOCK_THREAD_CPUTIME_ID`): the machine is shared with
/// other builds, and wall time swings with their load; CPU time is what a frame itself costs.
#[cfg(unix)]
fn cpu_now() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// One frame of `m` into `t`, timed by wall clock and, beside it, by on-CPU time (the figure
/// to hold against the target on a loaded machine).
fn frame_bench(c: &mut Criterion, name: &str, m: &Model, t: &mut Terminal<TestBackend>) {
    c.bench_function(name, |b| {
        b.iter(|| {
            t.draw(|f| view(black_box(m), f)).unwrap();
        })
    });
    #[cfg(unix)]
    c.bench_function(&format!("{name} (CPU time)"), |b| {
        b.iter_custom(|iters| {
            let start = cpu_now();
            for _ in 0..iters {
                t.draw(|f| view(black_box(m), f)).unwrap();
            }
            cpu_now() - start
        })
    });
}

fn render(c: &mut Criterion) {
    let m = sized(item_model(), (200, 60));
    let mut t = Terminal::new(TestBackend::new(200, 60)).unwrap();
    frame_bench(c, "item screen 200x60, long Chinese comments", &m, &mut t);
    // The floor under both: a frame that draws nothing still clears, diffs and flushes every
    // cell of the TestBackend (what the view's own work is measured above).
    let mut empty = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("empty frame 200x60 (TestBackend floor)", |b| {
        b.iter(|| {
            empty
                .draw(|f| {
                    black_box(f.area());
                })
                .unwrap();
        })
    });
    let mut m80 = sized(item_model(), (80, 24));
    m80.entry_sel = 5;
    let mut t80 = Terminal::new(TestBackend::new(80, 24)).unwrap();
    frame_bench(c, "item screen 80x24", &m80, &mut t80);
}

fn startup(c: &mut Criterion) {
    let home = tempfile::tempdir().unwrap();
    startup_world::fifty_applicants(home.path());
    c.bench_function("start-up to first frame, 50 applicants", |b| {
        b.iter(|| {
            let (m, ws) = load(home.path(), Some(Lang::Zh)).unwrap();
            let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
            t.draw(|f| view(&m, f)).unwrap();
            drop(ws);
            black_box(m.applicants.len())
        })
    });
}

fn paste(c: &mut Criterion) {
    let big = "领导作用发挥充分。".repeat(12_000);
    let base = sized(item_model(), (120, 40));
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("100 KB paste into a new comment, then one frame", |b| {
        b.iter(|| {
            let mut m = base.clone();
            let s = Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE));
            let a = translate(&m, &s).unwrap();
            update(&mut m, a, NOW);
            let a = translate(&m, &Event::Paste(big.clone())).unwrap();
            update(&mut m, a, NOW);
            t.draw(|f| view(&m, f)).unwrap();
            black_box(m.editor.is_some())
        })
    });
    let mut m = base.clone();
    let s = Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE));
    let a = translate(&m, &s).unwrap();
    update(&mut m, a, NOW);
    let a = translate(&m, &Event::Paste(big.clone())).unwrap();
    update(&mut m, a, NOW);
    c.bench_function("one keystroke in a 100 KB comment", |b| {
        b.iter(|| {
            let k = Event::Key(KeyEvent::new(KeyCode::Char('字'), KeyModifiers::NONE));
            let a = translate(&m, &k).unwrap();
            black_box(update(&mut m, a, NOW));
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3));
    targets = render, startup, paste
}
criterion_main!(benches);
