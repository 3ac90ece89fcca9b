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

/// The same on a home encrypted at rest (issue 13): fewer trials, the same promise, and the
/// file never holds the typed text in plain.
#[test]
fn kill_9_trials_on_an_encrypted_home_lose_no_text_and_leak_none() {
    let stdout = e2e::run_script_with("crash.sh", &[("ENCRYPTED", "1"), ("TRIALS", "10")]);
    assert!(
        stdout.contains("skipped") || stdout.contains("10 kill -9 trials"),
        "{stdout}"
    );
}
