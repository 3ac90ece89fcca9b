//! Set-up shared by the CLI tests: the binary in a home and a language, the reviewer's round
//! import, a leader's new roster, and a roster re-signed by someone who is not its leader.

use std::path::Path;

use assert_cmd::Command;

use crate::identity::Identity;
use crate::sheet::{DocumentKind, sign_document};

/// `scorebook` in `home`, speaking `lang` (`zh` or `en`), not yet run.
pub fn scorebook(home: &Path, lang: &str) -> Command {
    let mut c = Command::cargo_bin("scorebook").unwrap();
    c.env("SCOREBOOK_HOME", home).env("SCOREBOOK_LANG", lang);
    c
}

/// The words before the round file in the reviewer's round import.
pub const IMPORT: &[&str] = &["round", "import"];

/// `scorebook round import FILE` in `home`, in English, not yet run.
pub fn import_round(home: &Path, file: &Path) -> Command {
    let mut c = scorebook(home, "en");
    c.args(IMPORT).arg(file);
    c
}

/// `roster new --program jinshan-2023 --round 2025 -o ROSTER` with `cmd` (a `scorebook` command
/// already given its home and language); must succeed.
pub fn roster_new(mut cmd: Command, roster: &Path) {
    cmd.args([
        "roster",
        "new",
        "--program",
        "jinshan-2023",
        "--round",
        "2025",
        "-o",
    ])
    .arg(roster)
    .assert()
    .success();
}

/// The roster at `roster`, its payload unchanged, signed with the key in `signer_home`.
pub fn forged_roster(roster: &Path, signer_home: &Path) -> Vec<u8> {
    let text = std::fs::read_to_string(roster).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let payload = crate::canonical::to_canonical(&v["payload"]).unwrap();
    let key = Identity::load(signer_home).unwrap().unwrap();
    sign_document(
        DocumentKind::Roster.payload_type(),
        &payload,
        key.signing_key(),
    )
    .unwrap()
}

/// A new home holding corpus reviewer `n`'s key as a first-format (plain) key file, named
/// `评审{n}` (reviewer 0 leads the corpus round): a member or leader of the corpus panel.
pub fn corpus_home(n: usize) -> tempfile::TempDir {
    use std::fs;
    let home = tempfile::TempDir::new().unwrap();
    let key = crate::testkit::corpus::key(n);
    let dir = home.path().join("keys");
    fs::create_dir_all(&dir).unwrap();
    let secret = serde_json::json!({
        "format": crate::identity::store::SECRET_FORMAT_V1,
        "secret_key": hex::encode(key.as_bytes()),
    });
    let path = dir.join("reviewer.secret");
    fs::write(&path, serde_json::to_vec(&secret).unwrap()).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    }
    let info = crate::identity::MemberInfo::new(&format!("评审{n}"), &key.verifying_key());
    fs::write(
        dir.join("reviewer.json"),
        serde_json::to_vec(&info).unwrap(),
    )
    .unwrap();
    home
}
