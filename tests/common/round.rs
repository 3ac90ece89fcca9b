//! The reviewer's round import on the command line, in one place: `scorebook round import
//! FILE`.

use std::path::Path;

use assert_cmd::Command;

/// The words before the round file.
pub(crate) const IMPORT: &[&str] = &["round", "import"];

/// `scorebook` in `home`, in English.
pub(crate) fn scorebook(home: &Path) -> Command {
    let mut c = Command::cargo_bin("scorebook").unwrap();
    c.env("SCOREBOOK_HOME", home).env("SCOREBOOK_LANG", "en");
    c
}

/// `scorebook <import> FILE` in `home`, not yet run.
pub(crate) fn import_round(home: &Path, file: &Path) -> Command {
    let mut c = scorebook(home);
    c.args(IMPORT).arg(file);
    c
}
