//! The award recommendation list is a contract (`docs/award-list-format.md` §6):
//! `tests/vectors/award-list/` holds a list signed with the round vector's leader key for the
//! round vector, and files that must be refused, each with its code in `expected.json`. This
//! test proves the implementation reproduces every file byte for byte and gives each its code,
//! and that the independent Python verifier agrees. After an intended format change, regenerate
//! with `SCOREBOOK_WRITE_VECTORS=1 cargo test --test award_list_vectors`.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use ed25519_dalek::SigningKey;
use rust_decimal::Decimal;
use serde_json::Value;

use scorebook::canonical::to_canonical;
use scorebook::panel::RankNote;
use scorebook::panel::award_list::{
    AWARD_LIST_FORMAT, AWARD_LIST_FORMAT_VERSION, AwardList, AwardPlaces, ListEntry, TrackRanking,
    sign_award_list, verify_award_list,
};
use scorebook::program::ApplicantKind;
use scorebook::round::{VerifiedRound, verify_round};
use scorebook::sheet::{DocumentKind, ReviewerRef, sign_document};

fn vectors() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

fn dir() -> PathBuf {
    vectors().join("award-list")
}

/// The round vector's keys (`tests/round_vectors.rs`): TEST KEYS, PUBLIC.
const LEADER_SEED: [u8; 32] = *b"scorebook round vector leader!!!";
const MEMBER_SEED: [u8; 32] = *b"scorebook round vector member!!!";

fn round() -> VerifiedRound {
    verify_round(&fs::read(vectors().join("round/round.signed.json")).unwrap()).unwrap()
}

fn public(seed: &[u8; 32]) -> String {
    hex::encode(SigningKey::from_bytes(seed).verifying_key().as_bytes())
}

/// The two shortlisted applicants of the round vector: the organisation 2025-M-01 proposed for
/// the Mayor's award (one of two places; the other stays empty), the individual 2025-I-01 below
/// the minimum total 600 (both places empty).
fn vector_list(round: &VerifiedRound) -> AwardList {
    let dec = |s: &str| s.parse::<Decimal>().unwrap();
    AwardList {
        format: AWARD_LIST_FORMAT.into(),
        format_version: AWARD_LIST_FORMAT_VERSION,
        kind: DocumentKind::AwardList,
        list_id: "a1b2c3d4e5f60718293a4b5c6d7e8f90".into(),
        created_at: "2025-07-25T16:00:00+08:00".into(),
        program: round.round.program.clone(),
        round: round.round_ref(),
        leader: ReviewerRef {
            name: "王组长".into(),
            public_key: public(&LEADER_SEED),
        },
        scope: None,
        min_total: Some(dec("600")),
        places: vec![
            AwardPlaces {
                award: "mayor".into(),
                kind: ApplicantKind::Organisation,
                quota: 2,
                proposed: vec!["2025-M-01".into()],
                empty: 1,
            },
            AwardPlaces {
                award: "mayor".into(),
                kind: ApplicantKind::Individual,
                quota: 2,
                proposed: vec![],
                empty: 2,
            },
        ],
        tracks: vec![
            TrackRanking {
                track: "mayor-model".into(),
                award: "mayor".into(),
                kind: ApplicantKind::Organisation,
                entries: vec![ListEntry {
                    number: "2025-M-01".into(),
                    name: "金山电子有限公司".into(),
                    rank: 1,
                    tied: false,
                    total: dec("812.5"),
                    proposed_award: Some("mayor".into()),
                    note: None,
                    sources: vec!["11".repeat(32), "22".repeat(32)],
                    endorsement: None,
                }],
            },
            TrackRanking {
                track: "mayor-achievement".into(),
                award: "mayor".into(),
                kind: ApplicantKind::Individual,
                entries: vec![ListEntry {
                    number: "2025-I-01".into(),
                    name: "赵工程师".into(),
                    rank: 1,
                    tied: false,
                    total: dec("590.25"),
                    proposed_award: None,
                    note: Some(RankNote::BelowMinimum {
                        total: dec("590.25"),
                        minimum: dec("600"),
                    }),
                    sources: vec!["33".repeat(32)],
                    endorsement: None,
                }],
            },
        ],
    }
}

fn signed_value(kind: DocumentKind, value: &Value, seed: &[u8; 32]) -> Vec<u8> {
    let payload = to_canonical(value).unwrap();
    sign_document(kind.payload_type(), &payload, &SigningKey::from_bytes(seed)).unwrap()
}

/// Every vector file and the code it must get.
fn files() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let round = round();
    let leader = SigningKey::from_bytes(&LEADER_SEED);
    let valid = sign_award_list(&vector_list(&round), &round, &leader).unwrap();
    let base = serde_json::to_value(vector_list(&round)).unwrap();
    let with = |change: &dyn Fn(&mut Value)| {
        let mut v = base.clone();
        change(&mut v);
        signed_value(DocumentKind::AwardList, &v, &LEADER_SEED)
    };
    let text = String::from_utf8(valid.clone()).unwrap();
    vec![
        ("valid.signed.json", valid.clone(), "valid"),
        (
            "changed-after-signing.signed.json",
            text.replacen("812.5", "912.5", 1).into_bytes(),
            "bad-signature",
        ),
        (
            "signed-as-recusal.signed.json",
            signed_value(DocumentKind::Recusal, &base, &LEADER_SEED),
            "not-an-award-list",
        ),
        (
            "future-version-2.signed.json",
            with(&|v| v["format_version"] = 2.into()),
            "future-version",
        ),
        (
            "version-0.signed.json",
            with(&|v| v["format_version"] = 0.into()),
            "unsupported-version",
        ),
        (
            "unknown-member.signed.json",
            with(&|v| v["committee"] = "区审定委".into()),
            "unknown-field",
        ),
        (
            "missing-places.signed.json",
            with(&|v| {
                v.as_object_mut().unwrap().remove("places");
            }),
            "invalid-field",
        ),
        (
            "total-not-normalised.signed.json",
            with(&|v| v["tracks"][0]["entries"][0]["total"] = "812.50".into()),
            "not-canonical",
        ),
        (
            "kind-recusal.signed.json",
            with(&|v| v["kind"] = "recusal".into()),
            "kind-mismatch",
        ),
        (
            "signed-by-another-key.signed.json",
            signed_value(DocumentKind::AwardList, &base, &MEMBER_SEED),
            "signer-mismatch",
        ),
        (
            "created-at-not-rfc3339.signed.json",
            with(&|v| v["created_at"] = "2025-07-25 16:00".into()),
            "bad-time",
        ),
        (
            "blank-leader-name.signed.json",
            with(&|v| v["leader"]["name"] = " ".into()),
            "empty-field",
        ),
        (
            "rank-wrong.signed.json",
            with(&|v| v["tracks"][1]["entries"][0]["rank"] = 2.into()),
            "bad-ranking",
        ),
        (
            "proposed-with-note.signed.json",
            with(&|v| v["tracks"][1]["entries"][0]["proposed_award"] = "mayor".into()),
            "bad-ranking",
        ),
        (
            "empty-places-wrong.signed.json",
            with(&|v| v["places"][0]["empty"] = 0.into()),
            "bad-places",
        ),
        (
            "proposed-not-in-places.signed.json",
            with(&|v| v["places"][0]["proposed"] = serde_json::json!([])),
            "bad-places",
        ),
        (
            "other-round.signed.json",
            with(&|v| v["round"]["version"] = 1.into()),
            "other-round",
        ),
        (
            "signed-by-member.signed.json",
            {
                let mut v = base.clone();
                v["leader"] =
                    serde_json::json!({"name": "李专家", "public_key": public(&MEMBER_SEED)});
                signed_value(DocumentKind::AwardList, &v, &MEMBER_SEED)
            },
            "not-signed-by-leader",
        ),
        (
            "not-in-round.signed.json",
            with(&|v| v["tracks"][0]["entries"][0]["name"] = "金山电子股份公司".into()),
            "not-in-round",
        ),
    ]
}

#[test]
fn vectors_are_reproduced_and_each_gets_its_code() {
    let round = round();
    let write = std::env::var_os("SCOREBOOK_WRITE_VECTORS").is_some();
    let files = files();
    let mut expected = BTreeMap::new();
    for (name, bytes, code) in &files {
        let path = dir().join(name);
        if write {
            fs::create_dir_all(dir()).unwrap();
            fs::write(&path, bytes).unwrap();
        } else {
            assert_eq!(&fs::read(&path).unwrap(), bytes, "{name} differs");
        }
        let got = match verify_award_list(bytes, Some(&round)) {
            Ok(_) => "valid",
            Err(e) => e.code(),
        };
        assert_eq!(got, *code, "{name}");
        expected.insert(name.to_string(), code.to_string());
    }
    let mut json = serde_json::to_vec_pretty(&expected).unwrap();
    json.push(b'\n');
    if write {
        fs::write(dir().join("expected.json"), &json).unwrap();
    } else {
        assert_eq!(fs::read(dir().join("expected.json")).unwrap(), json);
    }
    // The valid list reads back as the list that was signed.
    let ok = verify_award_list(&files[0].1, Some(&round)).unwrap();
    assert_eq!(ok.list, vector_list(&round));
}

/// The independent Python verifier (`tests/vectors/reference_verify.py`, written from the
/// format documents) agrees with every verdict. Skipped, and said so, without Python 3 and
/// `cryptography`.
#[test]
fn the_reference_verifier_agrees() {
    let has_python = std::process::Command::new("python3")
        .args(["-c", "import cryptography"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_python {
        eprintln!("skipped: python3 with the cryptography package is not installed");
        return;
    }
    let expected: BTreeMap<String, String> =
        serde_json::from_slice(&fs::read(dir().join("expected.json")).unwrap()).unwrap();
    for (name, code) in &expected {
        let out = std::process::Command::new("python3")
            .current_dir(vectors())
            .args(["reference_verify.py", &format!("award-list/{name}")])
            .args(["--round", "round/round.signed.json"])
            .output()
            .unwrap();
        assert!(
            out.status.code().is_some_and(|c| c == 0 || c == 1),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            out.status.success(),
            code == "valid",
            "{name}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}
