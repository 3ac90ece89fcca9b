//! Runs one of the tmux scripts in `tests/e2e/` against the binary this test run built and
//! returns its standard output; fails the test with both outputs when the script fails.

use std::process::Command;

pub(crate) fn run_script(name: &str) -> String {
    run_script_with(name, &[])
}

/// [`run_script`] with more environment variables for the script.
#[allow(dead_code)] // not every test file that includes this module uses it
pub(crate) fn run_script_with(name: &str, vars: &[(&str, &str)]) -> String {
    let script = format!("{}/tests/e2e/{name}", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("bash")
        .arg(&script)
        .env("SCOREBOOK_BIN", env!("CARGO_BIN_EXE_scorebook"))
        .envs(vars.iter().copied())
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(out.status.success(), "{name} failed:\n{stdout}\n{stderr}");
    stdout
}
