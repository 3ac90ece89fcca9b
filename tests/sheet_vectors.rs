//! The format is a contract: `tests/vectors/` holds a fixed test key, a sheet payload, its
//! signature and the signed file. This test proves the implementation reproduces them byte for
//! byte. After an intended format change, regenerate with
//! `SCOREBOOK_WRITE_VECTORS=1 cargo test --test sheet_vectors` and say so in the change.

use scorebook::testkit::sheet as fixture;

use std::path::PathBuf;

use ed25519_dalek::{Signature, SigningKey};
use serde::{Deserialize, Serialize};

use scorebook::canonical::{self, to_canonical};
use scorebook::identity::{MemberInfo, fingerprint};
use scorebook::program::{Catalog, Loaded, Origin};
use scorebook::review::{SiteIssue, SiteIssueKind, SiteIssueStatus, Stage};
use scorebook::sheet::envelope::pae;
use scorebook::sheet::{
    DocumentKind, Sheet, build, document_hash, parse_sheet, sign_document, verify_document,
    verify_sheet,
};

#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct KeyVector {
    /// The 32-byte Ed25519 secret key (RFC 8032 seed), lowercase hex. TEST KEY, PUBLIC.
    seed: String,
    public_key: String,
    fingerprint: String,
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

const SEED: [u8; 32] = *b"scorebook test vector key seed!!";

/// The vector sheet: the fixture applicant, trimmed to stay readable, with strings that
/// exercise canonical escaping (quote, backslash, newline, tab, a control character, text
/// outside the Basic Multilingual Plane).
fn vector_sheet(catalog: &Catalog, key: &SigningKey) -> Sheet {
    let mut a = fixture::applicant(catalog);
    for (i, review) in a.document.items.values_mut().enumerate() {
        if i > 1 {
            review.strengths.clear();
            review.ofis.clear();
            review.site_issues.clear();
        } else {
            review.strengths.truncate(1);
            review.ofis.truncate(1);
        }
    }
    let first = a.document.items.values_mut().next().unwrap();
    first.site_issues.push(SiteIssue {
        kind: SiteIssueKind::Clarify,
        text: "澄清“顾客满意度”口径".into(),
        status: SiteIssueStatus::Clarified,
        note: "口径一致".into(),
    });
    a.key_factors = vec![
        "主营精细化工新材料".into(),
        "含\"引号\"、反斜杠\\、换行\n、制表\t、控制字符\u{1}与𠀋".into(),
    ];
    let mut meta = fixture::meta(key, false);
    meta.sheet_id = "5c0feebeefc0ffee0123456789abcdef".into();
    meta.version = 3;
    build(
        &a,
        Stage::DocumentReview,
        &catalog.frameworks[0],
        &catalog.programs[0],
        meta,
    )
    .expect("vector sheet builds")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("tests/vectors/{name}: {e}"))
}

#[test]
fn vectors_reproduce_byte_for_byte() {
    let key = SigningKey::from_bytes(&SEED);
    let catalog = fixture::catalog();
    // These files are sheet format 1 (before rounds), kept unchanged: a version 1 sheet still
    // verifies. Format 2's vectors are in `sheet-v2/`.
    let mut sheet = vector_sheet(&catalog, &key);
    sheet.format_version = 1;
    let payload = to_canonical(&sheet).unwrap();
    let file = sign_document(DocumentKind::ScoreSheet.payload_type(), &payload, &key).unwrap();
    let sig = Signature::from_bytes(&key.sign_pae(&payload));
    let key_vector = KeyVector {
        seed: hex::encode(SEED),
        public_key: hex::encode(key.verifying_key().as_bytes()),
        fingerprint: fingerprint(key.verifying_key().as_bytes()),
    };

    if std::env::var_os("SCOREBOOK_WRITE_VECTORS").is_some() {
        let mut key_json = serde_json::to_vec_pretty(&key_vector).unwrap();
        key_json.push(b'\n');
        std::fs::write(dir().join("key.json"), key_json).unwrap();
        std::fs::write(dir().join("payload.json"), &payload).unwrap();
        std::fs::write(
            dir().join("pae.bin"),
            pae(DocumentKind::ScoreSheet.payload_type(), &payload),
        )
        .unwrap();
        std::fs::write(dir().join("signature.hex"), hex::encode(sig.to_bytes())).unwrap();
        std::fs::write(dir().join("score-sheet.signed.json"), &file).unwrap();
        std::fs::write(dir().join("score-sheet.sha256"), document_hash(&file)).unwrap();
        std::fs::write(
            dir().join("framework.json"),
            to_canonical(&catalog.frameworks[0].doc).unwrap(),
        )
        .unwrap();
        std::fs::write(
            dir().join("program.json"),
            to_canonical(&catalog.programs[0].doc).unwrap(),
        )
        .unwrap();
    }

    // the criteria the vector was scored on, as canonical files: their SHA-256 is their hash
    assert_eq!(
        read("framework.json"),
        to_canonical(&catalog.frameworks[0].doc).unwrap()
    );
    assert_eq!(
        read("program.json"),
        to_canonical(&catalog.programs[0].doc).unwrap()
    );

    // the key
    let stored: KeyVector = serde_json::from_slice(&read("key.json")).unwrap();
    assert_eq!(stored, key_vector);
    let seed: [u8; 32] = hex::decode(&stored.seed).unwrap().try_into().unwrap();
    let stored_key = SigningKey::from_bytes(&seed);
    assert_eq!(
        hex::encode(stored_key.verifying_key().as_bytes()),
        stored.public_key
    );

    // the payload: what the builder writes today, and canonical by an independent route
    let stored_payload = read("payload.json");
    assert_eq!(stored_payload, payload, "the sheet payload format changed");
    let as_value: serde_json::Value = serde_json::from_slice(&stored_payload).unwrap();
    assert_eq!(serde_jcs::to_vec(&as_value).unwrap(), stored_payload);
    canonical::check(&stored_payload).unwrap();

    // what is signed, the signature, the file, its hash
    assert_eq!(
        read("pae.bin"),
        pae(DocumentKind::ScoreSheet.payload_type(), &stored_payload)
    );
    assert_eq!(
        String::from_utf8(read("signature.hex")).unwrap(),
        hex::encode(sig.to_bytes())
    );
    let stored_file = read("score-sheet.signed.json");
    assert_eq!(
        sign_document(
            DocumentKind::ScoreSheet.payload_type(),
            &stored_payload,
            &stored_key
        )
        .unwrap(),
        stored_file,
        "the envelope format changed"
    );
    assert_eq!(
        String::from_utf8(read("score-sheet.sha256")).unwrap(),
        document_hash(&stored_file)
    );

    // and it verifies, end to end, against the fixture catalog
    let env = verify_document(&stored_file).unwrap();
    assert_eq!(env.payload, stored_payload);
    assert_eq!(env.public_key, stored.public_key);
    assert_eq!(env.fingerprint, stored.fingerprint);
    let parsed = parse_sheet(&env).unwrap();
    assert_eq!(parsed, sheet);
    // The fixture's hashes follow the model types; pin the catalog to the hashes the vector
    // names, so the arithmetic is checked even when those types grow.
    let pinned = Catalog {
        frameworks: vec![Loaded {
            hash: parsed.framework.hash.clone(),
            doc: catalog.frameworks[0].doc.clone(),
            origin: Origin::Embedded("vector"),
        }],
        programs: vec![Loaded {
            hash: parsed.program.hash.clone(),
            doc: catalog.programs[0].doc.clone(),
            origin: Origin::Embedded("vector"),
        }],
    };
    let roster = [MemberInfo::new("王评审", &stored_key.verifying_key())];
    assert_eq!(
        pinned.frameworks[0].hash,
        document_hash(&read("framework.json"))
    );
    assert_eq!(
        pinned.programs[0].hash,
        document_hash(&read("program.json"))
    );
    let ok = verify_sheet(&stored_file, &pinned, Some(&roster)).unwrap();
    assert_eq!(ok.hash(), document_hash(&stored_file));
}

trait SignPae {
    fn sign_pae(&self, payload: &[u8]) -> [u8; 64];
}

impl SignPae for SigningKey {
    fn sign_pae(&self, payload: &[u8]) -> [u8; 64] {
        use ed25519_dalek::Signer;
        self.sign(&pae(DocumentKind::ScoreSheet.payload_type(), payload))
            .to_bytes()
    }
}
