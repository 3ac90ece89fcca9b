//! Set-up shared by the CLI tests: a leader's new roster, and a roster re-signed by someone
//! who is not its leader.

use std::path::Path;

use assert_cmd::Command;

use crate::identity::Identity;
use crate::sheet::{DocumentKind, sign_document};

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
