//! Signed sheets end to end through the library: build → sign → verify, and the error
//! catalogue of issue 4, each fault with its own verdict.

use scorebook::testkit::sheet as fixture;

use proptest::prelude::*;
use serde_json::{Value, json};

use scorebook::canonical::{self, CanonicalError};
use scorebook::identity::MemberInfo;
use scorebook::review::{ConflictDeclaration, Stage};
use scorebook::sheet::{
    BuildError, DocumentKind, EnvelopeError, VerifyError, build, sign_document, verify_sheet,
};

fn payload_of(file: &[u8]) -> Value {
    let v = scorebook::sheet::verify_document(file).unwrap();
    serde_json::from_slice(&v.payload).unwrap()
}

/// The valid fixture sheet with its payload changed by `edit`, signed again by the same key,
/// so only the content check can catch the fault.
fn resigned(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let cat = fixture::catalog();
    let key = fixture::key(1);
    let (_, file) = fixture::signed_sheet(&cat, &key);
    let mut payload = payload_of(&file);
    edit(&mut payload);
    let bytes = canonical::to_canonical(&payload).unwrap();
    sign_document(DocumentKind::ScoreSheet.payload_type(), &bytes, &key).unwrap()
}

fn verdict(file: &[u8]) -> VerifyError {
    verify_sheet(file, &fixture::catalog(), None).unwrap_err()
}

#[test]
fn round_trip() {
    let cat = fixture::catalog();
    let key = fixture::key(1);
    let (sheet, file) = fixture::signed_sheet(&cat, &key);
    assert_eq!(sheet.items.len(), 23);
    let ok = verify_sheet(&file, &cat, None).unwrap();
    assert_eq!(ok.sheet, sheet);
    assert_eq!(ok.hash(), scorebook::sheet::document_hash(&file));
    assert_eq!(
        ok.envelope.public_key,
        hex::encode(key.verifying_key().as_bytes())
    );
    // the secret never appears in the file
    let secret = hex::encode(key.as_bytes());
    assert!(!String::from_utf8_lossy(&file).contains(&secret));
    // the total is the sum of the items, exact
    let sum: rust_decimal::Decimal = sheet.items.iter().filter_map(|i| i.score).sum();
    assert_eq!(sheet.total, sum.normalize());
}

#[test]
fn roster_membership() {
    let cat = fixture::catalog();
    let key = fixture::key(1);
    let (_, file) = fixture::signed_sheet(&cat, &key);
    let me = MemberInfo::new("王评审", &key.verifying_key());
    let other = MemberInfo::new("李评审", &fixture::key(2).verifying_key());
    assert!(verify_sheet(&file, &cat, Some(&[other.clone(), me])).is_ok());
    assert!(matches!(
        verify_sheet(&file, &cat, Some(&[other])),
        Err(VerifyError::NotInRoster { .. })
    ));
}

#[test]
fn incomplete_reviews_and_conflicts_are_refused() {
    let cat = fixture::catalog();
    let key = fixture::key(1);
    let mut a = fixture::applicant(&cat);
    a.document.items.get_mut("4.4.3").unwrap().percent = None;
    let (fw, pr) = (&cat.frameworks[0], &cat.programs[0]);
    let e = build(
        &a,
        Stage::DocumentReview,
        fw,
        pr,
        fixture::meta(&key, false),
    )
    .unwrap_err();
    assert!(
        matches!(e, BuildError::Incomplete { unscored: 1, .. }),
        "{e}"
    );

    // as a draft it builds, signs and verifies as exactly "a draft"
    let draft = build(&a, Stage::DocumentReview, fw, pr, fixture::meta(&key, true)).unwrap();
    assert!(draft.draft);
    let file = scorebook::sheet::sign_sheet(&draft, &key).unwrap();
    assert_eq!(
        verify_sheet(&file, &cat, None).unwrap_err(),
        VerifyError::Draft
    );

    let e = build(&a, Stage::SiteReview, fw, pr, fixture::meta(&key, true)).unwrap_err();
    assert!(matches!(e, BuildError::NoReview { .. }));

    a.conflict = ConflictDeclaration::Conflict {
        relationship: "曾为其提供辅导".into(),
        declared_at: "2026-11-25T09:00:00+08:00".into(),
    };
    for draft in [false, true] {
        let e = build(
            &a,
            Stage::DocumentReview,
            fw,
            pr,
            fixture::meta(&key, draft),
        )
        .unwrap_err();
        assert!(matches!(e, BuildError::Conflict { .. }));
    }
    a.conflict = ConflictDeclaration::Undeclared;
    let e = build(
        &a,
        Stage::DocumentReview,
        fw,
        pr,
        fixture::meta(&key, false),
    )
    .unwrap_err();
    assert_eq!(e, BuildError::Undeclared);
}

#[test]
fn a_changed_byte_is_a_bad_signature() {
    let cat = fixture::catalog();
    let (_, file) = fixture::signed_sheet(&cat, &fixture::key(1));
    let text = String::from_utf8(file).unwrap();
    let changed = text.replacen("高层领导每季度", "高层领导每半年", 1);
    assert_ne!(changed, text);
    assert_eq!(
        verdict(changed.as_bytes()),
        VerifyError::Envelope(EnvelopeError::BadSignature)
    );
    let changed = text.replacen("\"percent\":15", "\"percent\":95", 1);
    assert_ne!(changed, text);
    assert_eq!(
        verdict(changed.as_bytes()),
        VerifyError::Envelope(EnvelopeError::BadSignature)
    );
}

#[test]
fn not_canonical() {
    let cat = fixture::catalog();
    let (_, file) = fixture::signed_sheet(&cat, &fixture::key(1));
    let pretty =
        serde_json::to_vec_pretty(&serde_json::from_slice::<Value>(&file).unwrap()).unwrap();
    assert!(matches!(
        verdict(&pretty),
        VerifyError::Envelope(EnvelopeError::Json(CanonicalError::NotCanonical { .. }))
    ));
    let mut trailing = file.clone();
    trailing.push(b'\n');
    assert!(matches!(
        verdict(&trailing),
        VerifyError::Envelope(EnvelopeError::Json(CanonicalError::NotCanonical { .. }))
    ));
    // canonical JSON, validly signed, but not the sheet's one spelling (a null left out)
    let file = resigned(|p| {
        p["sources"] = json!([]);
    });
    assert_eq!(verdict(&file), VerifyError::PayloadNotCanonical);
    // A decimal's other spelling is a spelling fault (issue 9), never an arithmetic one.
    let file = resigned(|p| p["items"][0]["score"] = json!("22.50"));
    assert!(matches!(
        verdict(&file),
        VerifyError::DecimalSpelling { ref field, .. } if field == "score"
    ));
    assert_eq!(verdict(&file).code(), "not-canonical");
}

#[test]
fn content_faults_each_have_their_verdict() {
    let e = verdict(&resigned(|p| {
        p["framework"]["hash"] = json!("00".repeat(32))
    }));
    assert!(matches!(e, VerifyError::UnknownFramework { .. }), "{e}");

    let e = verdict(&resigned(|p| p["items"][0]["score"] = json!("1")));
    assert!(
        matches!(e, VerifyError::ItemScore { ref item, .. } if item == "4.1.2"),
        "{e}"
    );

    let e = verdict(&resigned(|p| {
        // 42% of 50 points is 21: the arithmetic holds, the step does not
        p["items"][0]["percent"] = json!(42);
        p["items"][0]["score"] = json!("21");
    }));
    assert!(
        matches!(
            e,
            VerifyError::PercentOffStep {
                percent: 42,
                step: 5,
                ..
            }
        ),
        "{e}"
    );

    let e = verdict(&resigned(|p| p["items"][0]["band"] = json!("90-100")));
    assert!(matches!(e, VerifyError::Band { .. }), "{e}");

    let e = verdict(&resigned(|p| p["categories"][0]["score"] = json!("99")));
    assert!(matches!(e, VerifyError::CategoryTotal { .. }), "{e}");
    assert!(e.to_string().contains("totals do not add up"));

    let e = verdict(&resigned(|p| p["total"] = json!("1000")));
    assert!(matches!(e, VerifyError::Total { .. }), "{e}");

    let e = verdict(&resigned(|p| p["items"][0]["points"] = json!(60)));
    assert!(matches!(e, VerifyError::Points { .. }), "{e}");

    let e = verdict(&resigned(|p| {
        p["items"].as_array_mut().unwrap().truncate(22)
    }));
    assert!(matches!(e, VerifyError::Items { .. }), "{e}");

    let e = verdict(&resigned(
        |p| p["conflict"] = json!({"kind": "conflict", "relationship": "亲属", "declared_at": "2026-11-25T09:00:00+08:00"}),
    ));
    assert_eq!(e, VerifyError::Conflict);

    let e = verdict(&resigned(|p| p["draft"] = json!(true)));
    assert_eq!(e, VerifyError::Draft);

    let e = verdict(&resigned(|p| {
        p["reviewer"]["public_key"] = json!(hex::encode(fixture::key(2).verifying_key().as_bytes()))
    }));
    assert!(matches!(e, VerifyError::SignerMismatch { .. }), "{e}");

    // A time field has its own code since issue 12 (it was the catch-all `invalid-field`).
    let e = verdict(&resigned(|p| p["created_at"] = json!("yesterday")));
    assert!(
        matches!(
            e,
            VerifyError::BadTime { ref field, .. } if field == "created_at"
        ),
        "{e}"
    );
}

#[test]
fn unknown_fields_and_future_versions() {
    let e = verdict(&resigned(|p| p["comment"] = json!("extra")));
    match &e {
        VerifyError::Payload { message, .. } => assert!(message.contains("unknown field"), "{e}"),
        other => panic!("{other}"),
    }
    let e = verdict(&resigned(|p| p["items"][3]["weight"] = json!(1)));
    match &e {
        VerifyError::Payload { path, .. } => assert_eq!(path, "items[3].weight"),
        other => panic!("{other}"),
    }
    let e = verdict(&resigned(|p| {
        p["format_version"] = json!(3);
        p["new_thing"] = json!(true);
    }));
    assert_eq!(e, VerifyError::FutureVersion { found: 3 });
    assert!(e.to_string().contains("newer Scorebook"));
    let e = verdict(&resigned(|p| p["format_version"] = json!(3)));
    assert_eq!(e, VerifyError::FutureVersion { found: 3 });
}

#[test]
fn kinds_cannot_be_confused() {
    let cat = fixture::catalog();
    let key = fixture::key(1);
    let (_, file) = fixture::signed_sheet(&cat, &key);
    let payload = scorebook::sheet::verify_document(&file).unwrap().payload;
    let as_roster = sign_document(DocumentKind::Roster.payload_type(), &payload, &key).unwrap();
    assert!(matches!(verdict(&as_roster), VerifyError::NotASheet(_)));
    let as_consensus =
        sign_document(DocumentKind::ConsensusSheet.payload_type(), &payload, &key).unwrap();
    assert!(matches!(
        verdict(&as_consensus),
        VerifyError::KindMismatch { .. }
    ));
}

#[test]
fn malformed_files() {
    let cat = fixture::catalog();
    let (_, file) = fixture::signed_sheet(&cat, &fixture::key(1));
    let env = |e: VerifyError| match e {
        VerifyError::Envelope(e) => e,
        other => panic!("expected an envelope error, got {other}"),
    };
    assert_eq!(env(verdict(b"")), EnvelopeError::Empty);
    assert!(matches!(
        env(verdict(&file[..file.len() / 2])),
        EnvelopeError::Json(CanonicalError::Truncated { .. }) | EnvelopeError::Binary
    ));
    assert!(matches!(
        env(verdict(&file[..file.len() - 3])),
        EnvelopeError::Json(CanonicalError::Truncated { .. })
    ));
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert_eq!(env(verdict(&binary)), EnvelopeError::Binary);
    assert!(matches!(
        env(verdict(b"\xef\xbb\xbf{}")),
        EnvelopeError::Json(_)
    ));

    // 100 MB: refused by size before any parsing, whatever it holds (how quickly: the
    // `refuse_100_MB_by_size` benchmark in benches/sheet.rs)
    let huge = vec![b'['; 100 * 1024 * 1024];
    assert!(matches!(
        env(verdict(&huge)),
        EnvelopeError::TooLarge { .. }
    ));
    drop(huge);

    // deeply nested, bare and inside the payload: an error, not a stack overflow
    let deep = "[".repeat(1_000_000);
    assert!(matches!(
        env(verdict(deep.as_bytes())),
        EnvelopeError::Json(CanonicalError::TooDeep { .. } | CanonicalError::NotCanonical { .. })
    ));
    let nested = format!(
        "{{\"envelope\":\"scorebook-signed/1\",\"payload\":{{\"a\":{}1{}}}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(matches!(
        env(verdict(nested.as_bytes())),
        EnvelopeError::Json(CanonicalError::TooDeep { .. })
    ));

    // duplicate keys, placed where the canonical order allows them
    let text = String::from_utf8(file).unwrap();
    let dup = text.replacen("\"draft\":false,", "\"draft\":false,\"draft\":false,", 1);
    assert!(matches!(
        env(verdict(dup.as_bytes())),
        EnvelopeError::Json(CanonicalError::DuplicateKey { ref key, .. }) if key == "draft"
    ));
    let future = text.replacen("scorebook-signed/1", "scorebook-signed/7", 1);
    assert!(matches!(
        env(verdict(future.as_bytes())),
        EnvelopeError::FutureEnvelope { .. }
    ));
    assert!(matches!(
        env(verdict(b"{\"a\":1}")),
        EnvelopeError::UnknownField(_)
    ));
    assert!(matches!(env(verdict(b"[]")), EnvelopeError::Json(_)));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// The same through the generic envelope check, which every document kind uses.
    #[test]
    fn any_changed_byte_breaks_the_envelope(at in any::<prop::sample::Index>(), xor in 1u8..=255) {
        thread_local! {
            static FILE: Vec<u8> = fixture::signed_sheet(&fixture::catalog(), &fixture::key(1)).1;
        }
        FILE.with(|file| {
            let mut bytes = file.clone();
            let i = at.index(bytes.len());
            bytes[i] ^= xor;
            prop_assert!(scorebook::sheet::verify_document(&bytes).is_err(), "byte {} ^ {:#x} accepted", i, xor);
            Ok(())
        })?;
    }

    /// Any single-byte change anywhere in a signed sheet is rejected.
    #[test]
    fn any_changed_byte_is_rejected(at in any::<prop::sample::Index>(), xor in 1u8..=255) {
        thread_local! {
            static VALID: (scorebook::program::Catalog, Vec<u8>) = {
                let cat = fixture::catalog();
                let (_, file) = fixture::signed_sheet(&cat, &fixture::key(1));
                (cat, file)
            };
        }
        VALID.with(|(cat, file)| {
            let mut bytes = file.clone();
            let i = at.index(bytes.len());
            bytes[i] ^= xor;
            prop_assert!(verify_sheet(&bytes, cat, None).is_err(), "byte {} ^ {:#x} accepted", i, xor);
            Ok(())
        })?;
    }
}

/// Sheet format 2 carries the round; the `round` member is there exactly when the version has
/// it (docs/sheet-format.md §10), and a version 1 sheet still verifies.
#[test]
fn the_round_member_follows_the_format_version() {
    let round = json!({"id": "0123456789abcdef0123456789abcdef", "version": 2,
                       "hash": "ab".repeat(32)});
    // a local applicant: round null, verifies
    let cat = fixture::catalog();
    let key = fixture::key(1);
    let (sheet, file) = fixture::signed_sheet(&cat, &key);
    assert_eq!(sheet.format_version, 2);
    assert_eq!(sheet.round, None);
    assert_eq!(payload_of(&file)["round"], Value::Null);
    verify_sheet(&file, &cat, None).unwrap();
    // from a round: verifies, the round read back
    let ok = verify_sheet(&resigned(|p| p["round"] = round.clone()), &cat, None).unwrap();
    assert_eq!(ok.sheet.round.unwrap().version, 2);
    // version 1 without the member: verifies (the old format)
    let v1 = resigned(|p| {
        p["format_version"] = json!(1);
        p.as_object_mut().unwrap().remove("round");
    });
    assert_eq!(
        verify_sheet(&v1, &cat, None).unwrap().sheet.format_version,
        1
    );
    // version 1 with the member, null or not: refused
    for value in [Value::Null, round.clone()] {
        let e = verdict(&resigned(|p| {
            p["format_version"] = json!(1);
            p["round"] = value;
        }));
        assert_eq!(e, VerifyError::RoundInOldFormat { version: 1 });
        assert_eq!(e.code(), "unknown-field");
    }
    // version 2 without it: refused, even when another member makes up the count
    for extra in [false, true] {
        let e = verdict(&resigned(|p| {
            p.as_object_mut().unwrap().remove("round");
            if extra {
                p["sources"] = json!([]);
            }
        }));
        assert_eq!(
            e,
            VerifyError::RoundMissing { version: 2 },
            "extra: {extra}"
        );
        assert_eq!(e.code(), "invalid-field");
    }
    // the reference's own fields
    for (field, bad) in [
        ("hash", json!("AB".repeat(32))),
        ("hash", json!("ab".repeat(31))),
        ("id", json!("R1")),
        ("version", json!(0)),
    ] {
        let e = verdict(&resigned(|p| {
            p["round"] = round.clone();
            p["round"][field] = bad;
        }));
        assert_eq!(e.code(), "invalid-field", "{field}: {e}");
    }
    let e = verdict(&resigned(|p| {
        p["round"] = round.clone();
        p["round"]["name"] = json!("2025 第二届");
    }));
    assert_eq!(e.code(), "unknown-field", "{e}");
}

/// An applicant imported from a round exports sheets naming that round; one added by hand
/// exports `round: null`.
#[test]
fn build_takes_the_round_from_the_applicant() {
    let cat = fixture::catalog();
    let key = fixture::key(1);
    let round = fixture::round_ref();
    let a = fixture::applicant_in_round(&cat, &round);
    assert_eq!(scorebook::sheet::round_of(&a), Some(round.clone()));
    let sheet = build(
        &a,
        Stage::DocumentReview,
        &cat.frameworks[0],
        &cat.programs[0],
        fixture::meta(&key, false),
    )
    .unwrap();
    assert_eq!(sheet.round, Some(round.clone()));
    let file = scorebook::sheet::sign_sheet(&sheet, &key).unwrap();
    assert_eq!(payload_of(&file)["round"]["hash"], json!(round.hash));
    assert_eq!(verify_sheet(&file, &cat, None).unwrap().sheet, sheet);
    assert_eq!(scorebook::sheet::round_of(&fixture::applicant(&cat)), None);
}

#[test]
fn not_applicable_only_where_the_checklist_says_when_the_condition_applies() {
    let file = resigned(|p| p["eligibility"][0]["verdict"] = json!("not_applicable"));
    let e = verdict(&file);
    assert!(
        matches!(&e, VerifyError::NotApplicableRefused { condition } if condition == "registered"),
        "{e}"
    );
    assert_eq!(e.code(), "not-applicable-refused");
    assert!(e.message(scorebook::lang::Lang::Zh).contains("不适用"));
    // The same sheet against a checklist whose condition says when it applies: it counts.
    let mut cat = fixture::catalog();
    for p in &mut cat.programs {
        for c in &mut p.doc.eligibility {
            if let Some(first) = c.conditions.first_mut() {
                first.applies_if = Some(scorebook::lang::Text {
                    zh: "在本区注册的组织".into(),
                    en: "An organisation registered in the district".into(),
                });
            }
        }
    }
    verify_sheet(&file, &cat, None).unwrap();
    // Met, not met and unclear stay allowed everywhere.
    for v in ["met", "not_met", "unclear"] {
        let ok = resigned(|p| p["eligibility"][0]["verdict"] = json!(v));
        verify_sheet(&ok, &fixture::catalog(), None).unwrap();
    }
}
