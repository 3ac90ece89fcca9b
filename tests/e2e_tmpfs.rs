//! Runs `tests/e2e/tmpfs.sh`: the home on a real 1 MB tmpfs filled with `dd`; the app must say
//! the work is not saved, save it once space is freed, and exit 0 with the text on disk. The
//! script skips itself (saying so) without tmux or where mounting is not allowed.

#[path = "common/e2e.rs"]
mod e2e;

#[test]
fn a_real_full_disk_loses_nothing() {
    let stdout = e2e::run_script("tmpfs.sh");
    assert!(
        stdout.contains("skipped") || stdout.contains("all checks passed"),
        "{stdout}"
    );
}
