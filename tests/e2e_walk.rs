//! Runs `tests/e2e/walk.sh` — the reviewer's walk driven through tmux: Chinese typing, a paste,
//! `kill -9` mid-edit, restart — against the binary this test run built. The script skips
//! itself (and this test passes) where tmux is not installed.

use std::process::Command;

#[test]
fn tmux_walk_survives_kill_and_restart() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/walk.sh");
    let out = Command::new("bash")
        .arg(script)
        .env("SCOREBOOK_BIN", env!("CARGO_BIN_EXE_scorebook"))
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(out.status.success(), "walk.sh failed:\n{stdout}\n{stderr}");
}
