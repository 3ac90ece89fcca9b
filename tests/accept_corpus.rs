//! One pipeline accepts a sheet: over a corpus of bad files, the code the merge records for
//! each file is the code `verify` gives it (issue 8, "Evidence").

use scorebook::testkit::sheet as fixture;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use scorebook::canonical;
use scorebook::identity::MemberInfo;
use scorebook::panel::merge::exclusion_code;
use scorebook::panel::{MergeOptions, Role, Roster, RosterMember, merge_checked};
use scorebook::service::accept::{Refused, read_sheet_file};
use scorebook::service::merge::read_checked;
use scorebook::sheet::{DocumentKind, sign_document, verify_document, verify_sheet};

/// The valid fixture sheet with its payload changed by `edit`, signed again by `key`.
fn resigned(seed: u8, kind: &str, edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let cat = fixture::catalog();
    let key = fixture::key(1);
    let (_, file) = fixture::signed_sheet(&cat, &key);
    let v = verify_document(&file).unwrap();
    let mut payload: Value = serde_json::from_slice(&v.payload).unwrap();
    edit(&mut payload);
    let key = fixture::key(seed);
    if seed != 1 {
        payload["reviewer"]["public_key"] = json!(hex::encode(key.verifying_key().as_bytes()));
    }
    let bytes = canonical::to_canonical(&payload).unwrap();
    sign_document(kind, &bytes, &key).unwrap()
}

fn score_sheet(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    resigned(1, DocumentKind::ScoreSheet.payload_type(), edit)
}

/// (file name, bytes, the code both must give).
fn corpus() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let cat = fixture::catalog();
    let (_, good) = fixture::signed_sheet(&cat, &fixture::key(1));
    let text = String::from_utf8(good.clone()).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&good);
    let mut newline = good.clone();
    newline.push(b'\n');
    // A digit of the total changed after signing: still canonical, no longer signed.
    let mut flipped = text.clone().into_bytes();
    let at = text.find("\"total\":\"").unwrap() + 9;
    flipped[at] = if flipped[at] == b'1' { b'2' } else { b'1' };
    let sig = text.find("\"sig\":\"").unwrap() + 7;
    let mut bad_sig = text.clone().into_bytes();
    bad_sig[sig] = if bad_sig[sig] == b'a' { b'b' } else { b'a' };
    vec![
        (
            "truncated.sheet.json",
            good[..good.len() / 2].to_vec(),
            "truncated",
        ),
        ("bom.sheet.json", bom, "bom"),
        ("newline.sheet.json", newline, "not-canonical"),
        (
            "theme.json",
            br#"{"theme":"dark"}"#.to_vec(),
            "unknown-field",
        ),
        (
            "no-envelope.json",
            br#"{"payload":{}}"#.to_vec(),
            "not-signed-document",
        ),
        ("empty.sheet.json", Vec::new(), "empty"),
        ("binary.sheet.json", vec![0, 159, 146, 150], "binary"),
        ("altered.sheet.json", flipped, "bad-signature"),
        ("bad-sig.sheet.json", bad_sig, "bad-signature"),
        (
            "wrong-kind.sheet.json",
            // a score sheet signed as a consensus sheet
            resigned(1, DocumentKind::ConsensusSheet.payload_type(), |_| {}),
            "kind-mismatch",
        ),
        (
            "roster-typed.sheet.json",
            resigned(1, DocumentKind::Roster.payload_type(), |_| {}),
            "not-a-sheet",
        ),
        (
            "future.sheet.json",
            score_sheet(|p| p["format_version"] = json!(99)),
            "future-version",
        ),
        (
            "unknown-field.sheet.json",
            score_sheet(|p| p["theme"] = json!("dark")),
            "unknown-field",
        ),
        (
            "signer.sheet.json",
            score_sheet(|p| {
                p["reviewer"]["public_key"] =
                    json!(hex::encode(fixture::key(2).verifying_key().as_bytes()));
                // and a fault further on, which the signer check must come before
                p["total"] = json!("1");
            }),
            "signer-mismatch",
        ),
        (
            "framework.sheet.json",
            score_sheet(|p| p["framework"]["hash"] = json!("0".repeat(64))),
            "unknown-framework",
        ),
        (
            "total.sheet.json",
            score_sheet(|p| p["total"] = json!("1")),
            "totals",
        ),
        (
            "conflict-and-bad-total.sheet.json",
            score_sheet(|p| {
                p["conflict"] = json!({"kind": "conflict", "relationship": "亲属", "declared_at": "2026-11-25T09:00:00+08:00"});
                p["total"] = json!("1");
            }),
            "totals",
        ),
        (
            "conflict.sheet.json",
            score_sheet(|p| {
                p["conflict"] = json!({"kind": "conflict", "relationship": "亲属", "declared_at": "2026-11-25T09:00:00+08:00"});
            }),
            "conflict",
        ),
        (
            "draft.sheet.json",
            score_sheet(|p| p["draft"] = json!(true)),
            "draft",
        ),
        (
            "stranger.sheet.json",
            resigned(9, DocumentKind::ScoreSheet.payload_type(), |_| {}),
            "not-in-roster",
        ),
    ]
}

fn roster(cat: &scorebook::program::Catalog) -> (Roster, Vec<MemberInfo>) {
    let me = MemberInfo::new("王评审", &fixture::key(1).verifying_key());
    let leader = RosterMember {
        role: Role::Leader,
        ..RosterMember::from(&me)
    };
    let roster = Roster::new(
        &cat.programs[0].doc.id,
        "2026",
        leader,
        "2026-11-25T09:00:00+08:00",
    );
    (roster, vec![me])
}

fn verify_code(path: &Path, cat: &scorebook::program::Catalog, members: &[MemberInfo]) -> String {
    match read_sheet_file(path)
        .and_then(|b| verify_sheet(&b, cat, Some(members)).map_err(Refused::Sheet))
    {
        Ok(_) => "valid".into(),
        Err(r) => r.code().into(),
    }
}

#[test]
fn merge_and_verify_give_the_same_code_for_every_bad_file() {
    let cat = fixture::catalog();
    let (roster, members) = roster(&cat);
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus();
    let paths: Vec<PathBuf> = corpus
        .iter()
        .map(|(name, bytes, _)| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        })
        .collect();
    let result = merge_checked(
        paths.iter().map(|p| read_checked(p, &cat)),
        &roster,
        &cat,
        &MergeOptions::default(),
    );
    for ((name, _, expected), path) in corpus.iter().zip(&paths) {
        let verify = verify_code(path, &cat, &members);
        let shown = path.display().to_string();
        let input = result.inputs.iter().find(|i| i.path == shown).unwrap();
        let merge = input
            .excluded
            .as_ref()
            .and_then(exclusion_code)
            .unwrap_or("counted");
        assert_eq!(verify, *expected, "{name}: verify");
        assert_eq!(merge, verify, "{name}: merge's code is not verify's");
    }
    // The corpus holds no good sheet: nothing was counted.
    assert!(result.results.is_empty());
}

#[test]
fn the_good_sheet_passes_both() {
    let cat = fixture::catalog();
    let (roster, members) = roster(&cat);
    let dir = tempfile::tempdir().unwrap();
    let (_, good) = fixture::signed_sheet(&cat, &fixture::key(1));
    let path = dir.path().join("good.sheet.json");
    std::fs::write(&path, &good).unwrap();
    assert_eq!(verify_code(&path, &cat, &members), "valid");
    let result = merge_checked(
        [read_checked(&path, &cat)],
        &roster,
        &cat,
        &MergeOptions::default(),
    );
    assert_eq!(result.inputs[0].excluded, None);
    // A folder is refused by the reading itself.
    assert_eq!(verify_code(dir.path(), &cat, &members), "directory");
}
