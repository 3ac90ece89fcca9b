//! The round file is a contract (`docs/round-format.md` §9): `tests/vectors/round/` holds a
//! fixed test key, a valid signed round and files that must be refused, each with its code.
//! This test proves the implementation reproduces every file byte for byte and gives each
//! invalid file its code. After an intended format change, regenerate with
//! `SCOREBOOK_WRITE_VECTORS=1 cargo test --test round_vectors` and say so in the change.

use std::fs;
use std::path::PathBuf;

use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use scorebook::canonical::to_canonical;
use scorebook::identity::{MemberInfo, Role, fingerprint};
use scorebook::program::ApplicantKind;
use scorebook::round::{
    ROUND_FORMAT, ROUND_FORMAT_VERSION, Round, RoundApplicant, RoundMember, RoundStages,
    RoundTrack, sign_round, verify_round,
};
use scorebook::sheet::{DocRef, DocumentKind, document_hash, sign_document};

#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct KeyVector {
    /// The 32-byte Ed25519 secret key (RFC 8032 seed), lowercase hex. TEST KEY, PUBLIC.
    seed: String,
    public_key: String,
    fingerprint: String,
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/round")
}

const LEADER_SEED: [u8; 32] = *b"scorebook round vector leader!!!";
const MEMBER_SEED: [u8; 32] = *b"scorebook round vector member!!!";
const TRAINEE_SEED: [u8; 32] = *b"scorebook round vector trainee!!";
/// An age X25519 recipient (Bech32 of 32 bytes 0x11): a member's key for sealed sheets.
const RECIPIENT: &str = "age1zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygs0dsc5v";
/// Another (Bech32 of 32 bytes 0x22): the award office's key for sealed sheets.
const OFFICE: &str = "age1yg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3quewddq";

fn key(seed: &[u8; 32]) -> SigningKey {
    SigningKey::from_bytes(seed)
}

fn member(seed: &[u8; 32], name: &str, role: Role, pool: Option<&str>) -> RoundMember {
    let info = MemberInfo::new(name, &key(seed).verifying_key());
    RoundMember {
        name: info.name,
        public_key: info.public_key,
        fingerprint: info.fingerprint,
        role,
        pool_number: pool.map(Into::into),
        age_recipient: None,
    }
}

fn doc(id: &str, edition: &str, hash: &str) -> DocRef {
    DocRef {
        id: id.into(),
        edition: edition.into(),
        hash: hash.into(),
    }
}

/// The vector round, every value written out (not read from the catalog), so that a revised
/// programme file does not change the vector.
fn vector_round() -> Round {
    let gbt = doc(
        "gbt19580-2012",
        "2012",
        "1f1d0c3b6a6a4c1f5e2e8f0a9b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c",
    );
    let db = doc(
        "db31t598",
        "2012",
        "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
    );
    Round {
        format: ROUND_FORMAT.into(),
        format_version: ROUND_FORMAT_VERSION,
        round_id: "5c0b5e1a2d3f4e6a7b8c9d0e1f2a3b4c".into(),
        version: 2,
        name: "2025 第二届".into(),
        program: doc(
            "jinshan-2023",
            "2023",
            "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d",
        ),
        tracks: vec![
            RoundTrack {
                track: "mayor-model".into(),
                framework: gbt,
            },
            RoundTrack {
                track: "mayor-achievement".into(),
                framework: db,
            },
        ],
        starts_on: Some("2025-06-01".into()),
        ends_on: Some("2025-07-31".into()),
        members: vec![
            member(&LEADER_SEED, "王组长", Role::Leader, None),
            member(&MEMBER_SEED, "李专家", Role::Member, Some("ZJ-0042")),
            member(&TRAINEE_SEED, "张见习", Role::Trainee, None),
        ],
        applicants: vec![
            RoundApplicant {
                number: "2025-M-01".into(),
                name: "金山电子有限公司".into(),
                kind: ApplicantKind::Organisation,
                track: "mayor-model".into(),
                recommended_by: "区经委".into(),
                coaches: vec![],
            },
            RoundApplicant {
                number: "2025-M-02".into(),
                name: "精密机械股份公司 \"A\\B\"".into(),
                kind: ApplicantKind::Organisation,
                track: "mayor-model".into(),
                recommended_by: String::new(),
                coaches: vec![],
            },
            RoundApplicant {
                number: "2025-I-01".into(),
                name: "赵工程师".into(),
                kind: ApplicantKind::Individual,
                track: "mayor-achievement".into(),
                recommended_by: "山阳镇".into(),
                coaches: vec!["李专家".into()],
            },
        ],
        stages: RoundStages {
            document_review: vec!["2025-M-01".into(), "2025-M-02".into(), "2025-I-01".into()],
            site_review: Some(vec!["2025-I-01".into(), "2025-M-01".into()]),
        },
        acting_leaders: vec![],
        office_recipient: None,
        created_at: "2025-07-01T09:00:00+08:00".into(),
    }
}

/// A payload (any JSON), signed as a round by `seed`, without the checks of `sign_round`.
fn signed(payload: &Value, seed: &[u8; 32]) -> Vec<u8> {
    let p = to_canonical(payload).unwrap();
    sign_document(DocumentKind::Round.payload_type(), &p, &key(seed)).unwrap()
}

/// The invalid vectors: file name, bytes, expected code.
/// Format 2: the vector round naming 李专家 the acting leader (代理组长) for 2025-M-01, version 3.
fn vector_round_v2() -> Round {
    let mut r = vector_round();
    r.format_version = scorebook::round::ROUND_FORMAT_ACTING;
    r.version = 3;
    r.acting_leaders = vec![scorebook::round::ActingLeader {
        applicant: "2025-M-01".into(),
        public_key: hex::encode(key(&MEMBER_SEED).verifying_key().as_bytes()),
    }];
    r
}

/// Format 3: the format 2 round with the award office's age recipient (sealed sheets go to the
/// office too), version 4.
fn vector_round_v3() -> Round {
    let mut r = vector_round_v2();
    r.format_version = scorebook::round::ROUND_FORMAT_OFFICE;
    r.version = 4;
    r.office_recipient = Some(OFFICE.into());
    r
}

fn invalid(valid: &[u8]) -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let base = serde_json::to_value(vector_round()).unwrap();
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = base.clone();
        f(&mut v);
        signed(&v, &LEADER_SEED)
    };
    let text = String::from_utf8(valid.to_vec()).unwrap();
    let mut trailing_newline = valid.to_vec();
    trailing_newline.push(b'\n');
    vec![
        (
            "signed-by-member.json",
            signed(&base, &MEMBER_SEED),
            "not-signed-by-leader",
        ),
        (
            "tampered-name.json",
            text.replacen("金山电子有限公司", "金山电子股份公司", 1)
                .into_bytes(),
            "bad-signature",
        ),
        (
            "signed-as-roster.json",
            sign_document(
                DocumentKind::Roster.payload_type(),
                &to_canonical(&base).unwrap(),
                &key(&LEADER_SEED),
            )
            .unwrap(),
            "not-a-round",
        ),
        ("trailing-newline.json", trailing_newline, "not-canonical"),
        (
            "empty-coaches-spelled.json",
            with(&|v| v["applicants"][0]["coaches"] = json!([])),
            "not-canonical",
        ),
        (
            "future-version.json",
            with(&|v| v["format_version"] = json!(4)),
            "future-version",
        ),
        (
            "unknown-member.json",
            with(&|v| v["budget"] = json!("100")),
            "unknown-field",
        ),
        (
            "missing-stages.json",
            with(&|v| {
                v.as_object_mut().unwrap().remove("stages");
            }),
            "invalid-field",
        ),
        (
            "uppercase-round-id.json",
            with(&|v| v["round_id"] = json!("5C0B5E1A2D3F4E6A7B8C9D0E1F2A3B4C")),
            "bad-round-id",
        ),
        (
            "dates-reversed.json",
            with(&|v| v["ends_on"] = json!("2025-05-31")),
            "dates-reversed",
        ),
        (
            // An age recipient (for sealed sheets, an optional member) in capitals: another
            // spelling of the key, refused like an upper-case public key.
            "bad-recipient.json",
            with(&|v| v["members"][1]["age_recipient"] = json!(RECIPIENT.to_uppercase())),
            "bad-key",
        ),
        (
            "bad-fingerprint.json",
            with(&|v| v["members"][1]["fingerprint"] = json!("0000 0000 0000 0000")),
            "bad-fingerprint",
        ),
        (
            "duplicate-name.json",
            with(&|v| v["members"][2]["name"] = json!("李专家")),
            "duplicate-name",
        ),
        (
            "no-leader.json",
            with(&|v| v["members"][0]["role"] = json!("member")),
            "no-leader",
        ),
        (
            "bad-number.json",
            with(&|v| v["applicants"][1]["number"] = json!("2025 M 02")),
            "bad-applicant-number",
        ),
        (
            "duplicate-number-case.json",
            with(&|v| {
                v["applicants"][1]["number"] = json!("2025-m-01");
                v["stages"]["document_review"][1] = json!("2025-m-01");
            }),
            "duplicate-number",
        ),
        (
            "track-not-in-round.json",
            with(&|v| v["applicants"][0]["track"] = json!("gold-model")),
            "track-not-in-round",
        ),
        (
            "shortlist-unknown-number.json",
            with(&|v| v["stages"]["site_review"] = json!(["2025-X-99"])),
            "stage-unknown-number",
        ),
        (
            "shortlist-not-in-document-review.json",
            with(&|v| {
                v["stages"]["document_review"] = json!(["2025-M-01", "2025-M-02"]);
            }),
            "site-not-in-document-review",
        ),
        // Format 2 (acting leaders, 代理组长): exactly when the round names one.
        (
            "v2-without-acting-leaders.json",
            with(&|v| v["format_version"] = json!(2)),
            "acting-leader-version",
        ),
        (
            "v1-with-acting-leader.json",
            with(&|v| v["acting_leaders"] = json!([acting("2025-M-01", &MEMBER_SEED)])),
            "acting-leader-version",
        ),
        (
            "acting-leader-is-coach.json",
            with(&|v| {
                v["format_version"] = json!(2);
                v["acting_leaders"] = json!([acting("2025-I-01", &MEMBER_SEED)]);
            }),
            "bad-acting-leader",
        ),
        (
            "acting-leader-is-trainee.json",
            with(&|v| {
                v["format_version"] = json!(2);
                v["acting_leaders"] = json!([acting("2025-M-01", &TRAINEE_SEED)]);
            }),
            "bad-acting-leader",
        ),
        (
            "acting-leader-unknown-number.json",
            with(&|v| {
                v["format_version"] = json!(2);
                v["acting_leaders"] = json!([acting("2025-X-09", &MEMBER_SEED)]);
            }),
            "bad-acting-leader",
        ),
        // Format 3 (the award office's recipient): exactly when the round names it, in the
        // one spelling of an age recipient.
        (
            "v3-without-office-recipient.json",
            with(&|v| v["format_version"] = json!(3)),
            "office-recipient-version",
        ),
        (
            "v2-with-office-recipient.json",
            with(&|v| {
                v["format_version"] = json!(2);
                v["acting_leaders"] = json!([acting("2025-M-01", &MEMBER_SEED)]);
                v["office_recipient"] = json!(OFFICE);
            }),
            "office-recipient-version",
        ),
        (
            "bad-office-recipient.json",
            with(&|v| {
                v["format_version"] = json!(3);
                v["office_recipient"] = json!(OFFICE.to_uppercase());
            }),
            "bad-office-recipient",
        ),
        (
            // Its last character changed: the Bech32 checksum fails.
            "office-recipient-checksum.json",
            with(&|v| {
                v["format_version"] = json!(3);
                v["office_recipient"] = json!(format!("{}p", OFFICE.strip_suffix('q').unwrap()));
            }),
            "bad-office-recipient",
        ),
    ]
}

/// An acting leader entry for `number`, the member holding `seed`'s key.
fn acting(number: &str, seed: &[u8; 32]) -> Value {
    json!({"applicant": number, "public_key": hex::encode(key(seed).verifying_key().as_bytes())})
}

#[test]
fn the_round_vectors_hold() {
    let leader = key(&LEADER_SEED);
    let valid = sign_round(&vector_round(), &leader).unwrap();
    let hash = document_hash(&valid);
    let key_vector = KeyVector {
        seed: hex::encode(LEADER_SEED),
        public_key: hex::encode(leader.verifying_key().as_bytes()),
        fingerprint: fingerprint(leader.verifying_key().as_bytes()),
    };
    let key_json = serde_json::to_string_pretty(&key_vector).unwrap() + "\n";
    let invalid = invalid(&valid);
    let v2 = sign_round(&vector_round_v2(), &leader).unwrap();
    let v3 = sign_round(&vector_round_v3(), &leader).unwrap();
    let codes: String = invalid
        .iter()
        .map(|(file, _, code)| format!("{file} {code}\n"))
        .collect();

    let d = dir();
    if std::env::var_os("SCOREBOOK_WRITE_VECTORS").is_some() {
        fs::create_dir_all(d.join("invalid")).unwrap();
        fs::write(d.join("key.json"), &key_json).unwrap();
        fs::write(d.join("round.signed.json"), &valid).unwrap();
        fs::write(d.join("round-v2.signed.json"), &v2).unwrap();
        fs::write(d.join("round-v3.signed.json"), &v3).unwrap();
        fs::write(d.join("round.sha256"), format!("{hash}\n")).unwrap();
        for (file, bytes, _) in &invalid {
            fs::write(d.join("invalid").join(file), bytes).unwrap();
        }
        fs::write(d.join("invalid/codes.txt"), &codes).unwrap();
    }

    // Byte for byte.
    assert_eq!(fs::read_to_string(d.join("key.json")).unwrap(), key_json);
    assert_eq!(fs::read(d.join("round.signed.json")).unwrap(), valid);
    assert_eq!(fs::read(d.join("round-v2.signed.json")).unwrap(), v2);
    assert_eq!(fs::read(d.join("round-v3.signed.json")).unwrap(), v3);
    let v = verify_round(&v3).unwrap();
    assert_eq!(v.round, vector_round_v3());
    assert_eq!(v.round.office_recipient.as_deref(), Some(OFFICE));
    let v = verify_round(&v2).unwrap();
    assert_eq!(v.round, vector_round_v2());
    assert_eq!(
        v.round.signer_for("2025-M-01"),
        Some(hex::encode(key(&MEMBER_SEED).verifying_key().as_bytes()).as_str())
    );
    assert_eq!(
        fs::read_to_string(d.join("round.sha256")).unwrap().trim(),
        hash
    );
    assert_eq!(
        fs::read_to_string(d.join("invalid/codes.txt")).unwrap(),
        codes
    );
    for (file, bytes, _) in &invalid {
        assert_eq!(
            &fs::read(d.join("invalid").join(file)).unwrap(),
            bytes,
            "{file}"
        );
    }

    // The valid file verifies, from the file.
    let v = verify_round(&fs::read(d.join("round.signed.json")).unwrap()).unwrap();
    assert_eq!(v.round, vector_round());
    assert_eq!(v.hash, hash);
    assert_eq!(v.signer.name, "王组长");

    // Code for code, read from the listing as a third party would.
    let listing = fs::read_to_string(d.join("invalid/codes.txt")).unwrap();
    let mut seen = 0;
    for line in listing.lines() {
        let (file, code) = line.split_once(' ').unwrap();
        let bytes = fs::read(d.join("invalid").join(file)).unwrap();
        let e = verify_round(&bytes).expect_err(file);
        assert_eq!(e.code(), code, "{file}: {e}");
        seen += 1;
    }
    assert_eq!(seen, invalid.len());
}

/// Every code the format document lists for a refused round is one the program can give, and
/// the other way round for the codes these vectors show.
#[test]
fn the_document_lists_every_vector_code() {
    let doc =
        fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/round-format.md"))
            .unwrap();
    let valid = sign_round(&vector_round(), &key(&LEADER_SEED)).unwrap();
    for (file, _, code) in invalid(&valid) {
        assert!(
            doc.contains(&format!("`{code}`")),
            "{file}: {code} not in the document"
        );
    }
}

/// The independent verifier written from the document (`reference_verify_round.py`) gives the
/// valid file `valid` and each invalid file its code. Runs where `python3` with `cryptography`
/// is installed; says so and passes elsewhere.
#[test]
fn the_python_reference_verifier_agrees() {
    use std::process::Command;
    let has_python = Command::new("python3")
        .args(["-c", "import cryptography"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_python {
        eprintln!("skipped: python3 with the cryptography package is not installed");
        return;
    }
    // One run over every file: the listing's order, the valid file first.
    let d = dir();
    let listing = fs::read_to_string(d.join("invalid/codes.txt")).unwrap();
    let expected: Vec<(PathBuf, &str)> = [
        (d.join("round.signed.json"), "valid"),
        (d.join("round-v2.signed.json"), "valid"),
        (d.join("round-v3.signed.json"), "valid"),
    ]
    .into_iter()
    .chain(listing.lines().map(|line| {
        let (file, code) = line.split_once(' ').unwrap();
        (d.join("invalid").join(file), code)
    }))
    .collect();
    let out = Command::new("python3")
        .arg(d.join("reference_verify_round.py"))
        .args(expected.iter().map(|(f, _)| f))
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{out}");
    for (line, (file, code)) in lines.iter().zip(&expected) {
        let got = line
            .split_whitespace()
            .nth(1)
            .unwrap_or("")
            .trim_end_matches(':');
        assert_eq!(got, *code, "{}: {line}", file.display());
    }
}

/// A member's `age_recipient` is a compatible addition (docs/round-format.md §3.1, §7): the
/// vector with one on the member verifies here and in the Python verifier, and the vector
/// without it keeps its bytes (checked above).
#[test]
fn an_age_recipient_is_a_compatible_addition() {
    let mut round = vector_round();
    round.members[1].age_recipient = Some(RECIPIENT.into());
    let bytes = sign_round(&round, &key(&LEADER_SEED)).unwrap();
    let verified = scorebook::round::verify_round(&bytes).unwrap();
    assert_eq!(
        verified.round.members[1].age_recipient.as_deref(),
        Some(RECIPIENT)
    );
    assert!(scorebook::identity::parse_recipient(RECIPIENT).is_ok());
    use std::process::Command;
    let has_python = Command::new("python3")
        .args(["-c", "import cryptography"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_python {
        eprintln!("skipped: python3 with the cryptography package is not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("with-recipient.json");
    fs::write(&file, &bytes).unwrap();
    let out = Command::new("python3")
        .arg(dir().join("reference_verify_round.py"))
        .arg(&file)
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(out.contains(" valid"), "{out}");
}
