//! `scorebook verify` on every kind of signed document: score sheets, round files (评审轮次) and
//! recusal records (回避声明) — which kind each file is, a verdict and a code per file.

use std::path::PathBuf;

use ed25519_dalek::SigningKey;
use serde_json::Value;

use scorebook::identity::{MemberInfo, Role};
use scorebook::program::{ApplicantKind, Catalog};
use scorebook::round::{
    ROUND_FORMAT, ROUND_FORMAT_VERSION, Round, RoundApplicant, RoundMember, RoundStages,
    RoundTrack, sign_round,
};
use scorebook::sheet::{DocRef, DocumentKind, sign_document};

use scorebook::testkit::cli::scorebook;

fn vector(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(name)
}

fn member(key: &SigningKey, name: &str, role: Role) -> RoundMember {
    let info = MemberInfo::new(name, &key.verifying_key());
    RoundMember {
        name: info.name,
        public_key: info.public_key,
        fingerprint: info.fingerprint,
        role,
        pool_number: None,
        age_recipient: None,
    }
}

/// A round of the shipped Jinshan programme: a leader (key 1), a member (key 2), two
/// applicants in the document review.
fn round() -> Round {
    let catalog = Catalog::embedded();
    let program = catalog.program("jinshan-2023").unwrap();
    let t = program.doc.track("mayor-model").unwrap();
    let f = catalog.framework(&t.framework).unwrap();
    let applicant = |number: &str, name: &str| RoundApplicant {
        number: number.into(),
        name: name.into(),
        kind: ApplicantKind::Organisation,
        track: "mayor-model".into(),
        recommended_by: String::new(),
        coaches: vec![],
    };
    Round {
        format: ROUND_FORMAT.into(),
        format_version: ROUND_FORMAT_VERSION,
        round_id: "0123456789abcdef0123456789abcdef".into(),
        version: 1,
        name: "2025 第二届".into(),
        program: DocRef {
            id: program.doc.id.clone(),
            edition: program.doc.edition.clone(),
            hash: program.hash.clone(),
        },
        tracks: vec![RoundTrack {
            track: "mayor-model".into(),
            framework: DocRef {
                id: f.doc.id.clone(),
                edition: f.doc.edition.clone(),
                hash: f.hash.clone(),
            },
        }],
        starts_on: None,
        ends_on: None,
        members: vec![
            member(&key(1), "王组长", Role::Leader),
            member(&key(2), "李专家", Role::Member),
        ],
        applicants: vec![
            applicant("2025-M-01", "金山电子有限公司"),
            applicant("2025-M-02", "精密机械股份公司"),
        ],
        stages: RoundStages {
            document_review: vec!["2025-M-01".into(), "2025-M-02".into()],
            site_review: None,
        },
        acting_leaders: vec![],
        office_recipient: None,
        created_at: "2025-06-01T09:00:00+08:00".into(),
    }
}

fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

#[test]
fn verify_says_the_kind_and_verdict_of_each_file() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let good_round = work.path().join("round.json");
    std::fs::write(&good_round, sign_round(&round(), &key(1)).unwrap()).unwrap();
    // the same round signed by a member, not the leader
    let by_member = work.path().join("round-by-member.json");
    let payload = scorebook::canonical::to_canonical(&round()).unwrap();
    std::fs::write(
        &by_member,
        sign_document(DocumentKind::Round.payload_type(), &payload, &key(2)).unwrap(),
    )
    .unwrap();
    let files = [
        good_round.clone(),
        by_member,
        vector("recusal/valid.signed.json"),
        vector("recusal/blank-relationship.signed.json"),
        vector("recusal/changed-after-signing.signed.json"),
        // scored on the test fixture's criteria, which this build does not ship
        vector("sheet-v2/valid-round.signed.json"),
        vector("sheet-v2/v2-without-round.signed.json"),
    ];
    let out = scorebook(home.path(), "en")
        .args(["verify", "--json"])
        .args(&files)
        .assert()
        .code(1);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let got: Vec<(Value, Value, Value)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["kind"].clone(), r["valid"].clone(), r["error"].clone()))
        .collect();
    let want = |kind: &str, code: Option<&str>| {
        (
            Value::from(kind),
            Value::from(code.is_none()),
            code.map_or(Value::Null, Value::from),
        )
    };
    assert_eq!(
        got,
        [
            want("round", None),
            want("round", Some("not-signed-by-leader")),
            want("recusal", None),
            want("recusal", Some("empty-field")),
            want("recusal", Some("bad-signature")),
            want("score-sheet", Some("unknown-framework")),
            want("score-sheet", Some("invalid-field")),
        ]
    );
    let round_verdict = &v[0]["round"];
    assert_eq!(round_verdict["applicants"], 2);
    assert_eq!(round_verdict["signer"], "王组长");
    assert_eq!(
        round_verdict["hash"],
        scorebook::sheet::document_hash(&std::fs::read(&good_round).unwrap())
    );
    assert_eq!(
        v[2]["recusal"]["applicant"],
        "2025-M-02 上海金山精密机械有限公司"
    );

    // text: one line per file, each naming its kind, in both languages
    for (lang, round_word, recusal_word) in [
        ("en", "round file", "recusal record"),
        ("zh", "评审轮次文件", "回避声明"),
    ] {
        let out = scorebook(home.path(), lang)
            .arg("verify")
            .args(&files[..5])
            .assert()
            .code(1);
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 5, "{text}");
        for line in &lines[..2] {
            assert!(line.contains(round_word), "{line}");
        }
        for line in &lines[2..] {
            assert!(line.contains(recusal_word), "{line}");
        }
        let leader_word = if lang == "en" {
            "group leader"
        } else {
            "组长"
        };
        assert!(lines[1].contains(leader_word), "{}", lines[1]);
    }

    // every file valid: exit 0
    scorebook(home.path(), "en")
        .arg("verify")
        .arg(&good_round)
        .arg(vector("recusal/valid.signed.json"))
        .assert()
        .success();

    // a recusal record by a key not on the roster
    let roster = work.path().join("roster.json");
    let other = MemberInfo::new("李专家", &key(2).verifying_key());
    std::fs::write(&roster, serde_json::to_vec(&vec![other]).unwrap()).unwrap();
    let out = scorebook(home.path(), "en")
        .args(["verify", "--json", "--roster"])
        .arg(&roster)
        .arg(vector("recusal/valid.signed.json"))
        .assert()
        .code(1);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v[0]["error"], "not-in-roster");
}

/// `verify` gives a round file the code `docs/round-format.md` gives it: every round vector
/// (`tests/vectors/round/`) but the one signed as a roster, which `verify` reads as a roster.
#[test]
fn verify_gives_the_round_vectors_their_codes() {
    let home = tempfile::tempdir().unwrap();
    let listed = std::fs::read_to_string(vector("round/invalid/codes.txt")).unwrap();
    // The valid vector names a programme hash written out in the test, not a shipped edition:
    // against this build's catalog it is `unknown-program`, as docs/round-format.md §9 says.
    let mut files = vec![vector("round/round.signed.json")];
    let mut want = vec![("round".to_string(), Value::from("unknown-program"))];
    for line in listed.lines().filter(|l| !l.trim().is_empty()) {
        let (name, code) = line.split_once(' ').unwrap();
        if name == "signed-as-roster.json" {
            continue;
        }
        files.push(vector(&format!("round/invalid/{name}")));
        want.push(("round".to_string(), Value::from(code.trim())));
    }
    assert!(files.len() > 10, "{listed}");
    let out = scorebook(home.path(), "en")
        .args(["verify", "--json"])
        .args(&files)
        .assert()
        .code(1);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let got: Vec<(String, Value)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap_or("null").to_string(),
                r["error"].clone(),
            )
        })
        .collect();
    assert_eq!(got, want);
}
