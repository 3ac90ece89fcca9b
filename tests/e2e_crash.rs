//! Runs `tests/e2e/crash.sh`: 30 randomized `kill -9` trials of the binary this test run built,
//! each typing into a strength and killing the app within 0-99 ms of the text appearing; it
//! counts the characters typed and lost. The script skips itself where tmux is not installed.

#[path = "common/e2e.rs"]
mod e2e;

#[test]
fn kill_9_trials_lose_no_text_that_was_shown() {
    let stdout = e2e::run_script("crash.sh");
    assert!(
        stdout.contains("skipped") || stdout.contains("30 kill -9 trials"),
        "{stdout}"
    );
}
