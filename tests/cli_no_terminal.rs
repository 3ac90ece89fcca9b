//! `scorebook` and `scorebook consensus DIR` started without a terminal (piped, cron, CI):
//! exit 2 with one clear line, no panic, no backtrace, nothing written to the home.

use assert_cmd::Command;

fn scorebook(home: &std::path::Path, lang: &str) -> Command {
    let mut cmd = Command::cargo_bin("scorebook").unwrap();
    cmd.env("SCOREBOOK_HOME", home)
        .env("RUST_BACKTRACE", "1")
        .env_remove("SCOREBOOK_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(["--lang", lang]);
    cmd
}

fn one_line_exit_2(cmd: &mut Command, want: &str) {
    let out = cmd.write_stdin("").output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("scorebook: "), "{err}");
    assert!(err.contains(want), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn the_app_without_a_terminal_exits_2_with_one_line() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path().join("home");
    one_line_exit_2(&mut scorebook(&h, "en"), "needs a terminal window");
    one_line_exit_2(&mut scorebook(&h, "zh"), "需要在终端窗口中运行");
    assert!(!h.exists(), "nothing is written without a terminal");
}

/// The folder is read first (its problems are about what was typed), then the terminal is
/// required: either way one line and exit 2, never a panic.
#[test]
fn consensus_without_a_terminal_exits_2_with_one_line() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path().join("home");
    let dir = home.path().join("merged");
    std::fs::create_dir_all(&dir).unwrap();
    one_line_exit_2(scorebook(&h, "en").arg("consensus").arg(&dir), "panel.json");
}
