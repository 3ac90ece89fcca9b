//! Runs `tests/e2e/walk.sh` — the reviewer's walk driven through tmux: Chinese typing, a paste,
//! `kill -9` mid-edit, restart — against the binary this test run built. The script skips
//! itself (and this test passes) where tmux is not installed.

#[path = "common/e2e.rs"]
mod e2e;

#[test]
fn tmux_walk_survives_kill_and_restart() {
    e2e::run_script("walk.sh");
}
