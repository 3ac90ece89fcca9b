//! Start time in a real pseudo-terminal (issue 11, "Speed"): from spawning `scorebook` on a
//! 50-applicant home to its first full frame (the applicants screen, its hint bar — the last row
//! drawn — on the terminal), against spawning a trivial program (`/bin/echo`) in the same
//! harness (`tests/e2e/startup.py`: a fresh pty per run, python's `pty` module). The figure is
//! the fastest of the runs less the trivial program's fastest: the least disturbed by other
//! load on the machine, with the harness's own cost taken out.
//!
//! The target, 20 ms, is for an optimised build: `SCOREBOOK_START_LIMIT_MS=20 cargo test
//! --release --test e2e_startup` holds it; a plain `cargo test` prints the figure and checks
//! that the first frame is drawn, not how fast. Skipped (and passing) where python3 is missing.

#[path = "common/screen.rs"]
mod screen;
#[path = "common/startup.rs"]
mod startup_world;

use std::process::Command;

use scorebook::lang::Lang;
use scorebook::tui::app::load;

const RUNS: &str = "12";

/// The harness on one program: the fastest run, in milliseconds.
fn fastest(marker: &str, argv: &[&str]) -> f64 {
    let script = format!("{}/tests/e2e/startup.py", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("python3")
        .arg(&script)
        .args([RUNS, "120", "40", marker, "--"])
        .args(argv)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "startup.py {argv:?} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let last = stdout.lines().last().unwrap_or_default();
    println!("{argv:?}: {last}");
    last.split_whitespace()
        .find_map(|w| w.strip_prefix("min="))
        .and_then(|v| v.parse().ok())
        .expect("a min= figure")
}

#[test]
fn first_frame_of_fifty_applicants_in_a_pty_is_quick() {
    if Command::new("python3").arg("-V").output().is_err() {
        println!("e2e_startup: skipped (python3 is not installed)");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    startup_world::fifty_applicants(home.path());
    // What the last row of the first frame ends with, drawn from the same home as the app
    // will draw it: when it is on the terminal, the whole frame is.
    let marker = {
        let (mut m, ws) = load(home.path(), Some(Lang::Zh)).unwrap();
        m.window = Some((120, 40));
        scorebook::tui::update::refresh_layout(&mut m);
        let frame = screen::render_at(&m, 120, 40);
        drop(ws);
        assert!(frame.contains("金山第1申报单位"), "{frame}");
        let last_row = frame.lines().last().unwrap_or_default().to_string();
        let word = last_row
            .split_whitespace()
            .last()
            .unwrap_or_default()
            .to_string();
        let words: String = frame.split_whitespace().collect();
        assert!(
            !word.is_empty() && words.matches(word.as_str()).count() == 1,
            "the marker {word:?} must be drawn once, in the last row:\n{frame}"
        );
        word
    };
    let home_arg = home.path().to_str().unwrap();
    let trivial = fastest("READY", &["/bin/echo", "READY"]);
    let app = fastest(
        &marker,
        &[
            env!("CARGO_BIN_EXE_scorebook"),
            "--home",
            home_arg,
            "--lang",
            "zh",
        ],
    );
    println!(
        "start to first frame: scorebook {app:.2} ms, /bin/echo {trivial:.2} ms, difference {:.2} ms",
        app - trivial
    );
    // A time limit is held only when asked for (the target, 20 ms, on a release build:
    // `SCOREBOOK_START_LIMIT_MS=20 cargo test --release --test e2e_startup`): a shared CI
    // machine's load is not the app's speed, and a test that fails on load teaches nothing.
    if let Some(limit) = std::env::var("SCOREBOOK_START_LIMIT_MS")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
    {
        assert!(
            app - trivial <= limit,
            "scorebook took {app:.2} ms to its first frame, a trivial program {trivial:.2} ms (limit {limit} ms)"
        );
    }
}
