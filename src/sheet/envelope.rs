//! The signed envelope shared by every Scorebook document (score sheet, consensus sheet,
//! roster): canonical JSON holding the payload object, its type and one Ed25519 signature over
//! the DSSE pre-authentication encoding of (type, payload bytes). See `docs/sheet-format.md`.

use std::cell::RefCell;
use std::ops::Range;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::canonical::{self, CanonicalError, Utf8};
use crate::identity::member::{PublicKeyError, fingerprint, parse_public_key, strict_hex};

/// The value of the envelope's `envelope` member for the version this build writes.
pub const ENVELOPE_FORMAT: &str = "scorebook-signed/1";
/// The prefix of every envelope tag; the number after it is the envelope version.
pub const ENVELOPE_PREFIX: &str = "scorebook-signed/";
pub const ENVELOPE_VERSION: u32 = 1;
/// Files larger than this are refused before any parsing. A full sheet is about 40 KiB.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// What a valid envelope yields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// e.g. `application/vnd.scorebook.score-sheet+json`.
    pub payload_type: String,
    /// The exact canonical payload bytes that were signed.
    pub payload: Vec<u8>,
    /// Object members in the payload at every level. A typed reader compares it with
    /// [`crate::canonical::member_count`] of what it parsed, to refuse payloads that
    /// leave members out to defaults.
    pub payload_members: usize,
    /// The signer's Ed25519 public key, lowercase hex.
    pub public_key: String,
    /// Its read-aloud fingerprint.
    pub fingerprint: String,
    /// SHA-256 (lowercase hex) of the exact file bytes: the document's identity.
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnvelopeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes; a signed document is at most {max} bytes")]
    TooLarge { size: usize, max: usize },
    #[error("binary data, not a JSON text document")]
    Binary,
    #[error(transparent)]
    Json(#[from] CanonicalError),
    #[error("not a Scorebook signed document (no \"envelope\": \"{ENVELOPE_FORMAT}\")")]
    NotAnEnvelope,
    #[error(
        "made by a newer Scorebook: envelope version {found}, this build reads up to {ENVELOPE_VERSION}; update Scorebook"
    )]
    FutureEnvelope { found: String },
    #[error("unknown field {0:?} in the envelope")]
    UnknownField(String),
    #[error("the envelope has no {0:?}")]
    MissingField(std::borrow::Cow<'static, str>),
    #[error("envelope field {0:?} has the wrong type or form")]
    BadField(std::borrow::Cow<'static, str>),
    #[error("signer's public key: {0}")]
    PublicKey(#[from] PublicKeyError),
    #[error("bad signature: the content was changed after signing, or not signed by this key")]
    BadSignature,
    #[error("the payload must be a canonical JSON object: {0}")]
    PayloadNotCanonical(String),
    #[error("payload type {0:?} is not allowed (lowercase letters, digits and . + / - only)")]
    BadPayloadType(String),
}

/// DSSE's pre-authentication encoding: `"DSSEv1" SP len(type) SP type SP len(body) SP body`,
/// lengths in ASCII decimal bytes. Binding the type means one kind of document can never
/// verify as another.
pub fn pae(payload_type: &str, payload: &[u8]) -> Vec<u8> {
    let head = format!(
        "DSSEv1 {} {} {} ",
        payload_type.len(),
        payload_type,
        payload.len()
    );
    let mut out = Vec::with_capacity(head.len() + payload.len());
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(payload);
    out
}

/// SHA-256 (lowercase hex) of exact bytes: how a signed file is named in a panel's records.
pub fn document_hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn check_payload_type(payload_type: &str) -> Result<(), EnvelopeError> {
    let ok = !payload_type.is_empty()
        && payload_type.len() <= 128
        && payload_type.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'+' | b'/' | b'-')
        });
    if ok {
        Ok(())
    } else {
        Err(EnvelopeError::BadPayloadType(payload_type.to_string()))
    }
}

#[derive(Serialize)]
struct SignatureEntry<'a> {
    public_key: &'a str,
    sig: &'a str,
}

/// Signs canonical payload bytes (a JSON object, as [`canonical::to_canonical`] writes it) and
/// returns the bytes of the signed file.
pub fn sign_document(
    payload_type: &str,
    payload: &[u8],
    key: &SigningKey,
) -> Result<Vec<u8>, EnvelopeError> {
    check_payload_type(payload_type)?;
    if payload.first() != Some(&b'{') {
        return Err(EnvelopeError::PayloadNotCanonical(
            "it is not an object".into(),
        ));
    }
    canonical::check(payload).map_err(|e| EnvelopeError::PayloadNotCanonical(e.to_string()))?;
    let signature = key.sign(&pae(payload_type, payload));
    let public_key = hex::encode(key.verifying_key().as_bytes());
    let sig = hex::encode(signature.to_bytes());
    let entry = canonical::to_canonical(&SignatureEntry {
        public_key: &public_key,
        sig: &sig,
    })
    .map_err(|e| EnvelopeError::PayloadNotCanonical(e.to_string()))?;
    let type_json = canonical::to_canonical(&payload_type)
        .map_err(|e| EnvelopeError::PayloadNotCanonical(e.to_string()))?;

    // Members in RFC 8785 order: envelope < payload < payload_type < signature.
    let mut out = Vec::with_capacity(payload.len() + 320);
    out.extend_from_slice(b"{\"envelope\":\"");
    out.extend_from_slice(ENVELOPE_FORMAT.as_bytes());
    out.extend_from_slice(b"\",\"payload\":");
    out.extend_from_slice(payload);
    out.extend_from_slice(b",\"payload_type\":");
    out.extend_from_slice(&type_json);
    out.extend_from_slice(b",\"signature\":");
    out.extend_from_slice(&entry);
    out.push(b'}');
    if out.len() > MAX_DOCUMENT_BYTES {
        return Err(EnvelopeError::TooLarge {
            size: out.len(),
            max: MAX_DOCUMENT_BYTES,
        });
    }
    Ok(out)
}

/// Checks a signed file: size, canonical form (UTF-8 included), envelope fields, and the
/// signature (`verify_strict`). It does not judge the payload; see `sheet::verify_sheet`.
pub fn verify_document(bytes: &[u8]) -> Result<Verified, EnvelopeError> {
    verify_envelope(bytes, Utf8::Check)
}

/// [`verify_document`] for a caller that will parse the payload with `serde_json` (which
/// rejects strings that are not UTF-8), leaving that check to the parser.
pub(crate) fn verify_envelope(bytes: &[u8], utf8: Utf8) -> Result<Verified, EnvelopeError> {
    if bytes.is_empty() {
        return Err(EnvelopeError::Empty);
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(EnvelopeError::TooLarge {
            size: bytes.len(),
            max: MAX_DOCUMENT_BYTES,
        });
    }
    let members = canonical::top_members(bytes, utf8).map_err(|e| {
        if std::str::from_utf8(bytes).is_err() || bytes.contains(&0) {
            EnvelopeError::Binary
        } else {
            EnvelopeError::Json(e)
        }
    })?;

    let mut tag = None;
    let mut payload = None;
    let mut payload_type = None;
    let mut signature = None;
    let mut payload_members = 0;
    for member in members {
        let (key, range) = (member.key, member.value);
        let slot = match key.as_str() {
            "envelope" => &mut tag,
            "payload" => {
                payload_members = member.nested_members;
                &mut payload
            }
            "payload_type" => &mut payload_type,
            "signature" => &mut signature,
            _ => return Err(EnvelopeError::UnknownField(key)),
        };
        *slot = Some(range);
    }
    let tag: String = string_at(bytes, tag.ok_or(EnvelopeError::NotAnEnvelope)?)
        .ok_or(EnvelopeError::NotAnEnvelope)?;
    if tag != ENVELOPE_FORMAT {
        let version = tag
            .strip_prefix(ENVELOPE_PREFIX)
            .ok_or(EnvelopeError::NotAnEnvelope)?;
        return match version.parse::<u32>() {
            Ok(v) if v > ENVELOPE_VERSION => Err(EnvelopeError::FutureEnvelope {
                found: version.to_string(),
            }),
            _ => Err(EnvelopeError::NotAnEnvelope),
        };
    }
    let payload = payload.ok_or(EnvelopeError::MissingField("payload".into()))?;
    if bytes[payload.start] != b'{' {
        return Err(EnvelopeError::BadField("payload".into()));
    }
    let payload_type: String = string_at(
        bytes,
        payload_type.ok_or(EnvelopeError::MissingField("payload_type".into()))?,
    )
    .ok_or(EnvelopeError::BadField("payload_type".into()))?;
    check_payload_type(&payload_type)?;

    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Entry {
        public_key: String,
        sig: String,
    }
    let entry: Entry = serde_json::from_slice(
        &bytes[signature.ok_or(EnvelopeError::MissingField("signature".into()))?],
    )
    .map_err(|_| EnvelopeError::BadField("signature".into()))?;
    let key = decoded_key(&entry.public_key)?;
    let sig = strict_hex::<{ Signature::BYTE_SIZE }>(&entry.sig)
        .ok_or(EnvelopeError::BadField("signature.sig".into()))?;
    let payload = &bytes[payload];
    key.verify_strict(&pae(&payload_type, payload), &Signature::from_bytes(&sig))
        .map_err(|_| EnvelopeError::BadSignature)?;

    Ok(Verified {
        payload_type,
        payload: payload.to_vec(),
        payload_members,
        fingerprint: fingerprint(key.as_bytes()),
        public_key: entry.public_key,
        hash: document_hash(bytes),
    })
}

/// Whether a file presents itself as a Scorebook signed document, whatever else is wrong with
/// it: it begins with the canonical head `{"envelope":"scorebook-signed/` (so a truncated or
/// re-saved document still counts), or it is a JSON object whose `envelope` member is a string
/// beginning with `scorebook-signed/`. A merge calls a file that fails to verify `invalid`
/// when it is one, and `not_a_sheet` when it is not (`docs/panel-format.md` §2 rule 1).
pub fn looks_signed(bytes: &[u8]) -> bool {
    const HEAD: &[u8] = b"{\"envelope\":\"scorebook-signed/";
    if bytes.starts_with(HEAD) {
        return true;
    }
    #[derive(serde::Deserialize)]
    struct Head {
        envelope: String,
    }
    // Only the one member is kept: the rest of the object is skipped, not stored.
    serde_json::from_slice::<Head>(bytes).is_ok_and(|h| h.envelope.starts_with(ENVELOPE_PREFIX))
}

/// Decoding a public key costs a field square root. A panel verifies many sheets from the same
/// few reviewers, so the last keys decoded on this thread are kept (a pure memo: same input,
/// same output).
fn decoded_key(hex: &str) -> Result<VerifyingKey, PublicKeyError> {
    const KEEP: usize = 64;
    thread_local! {
        static RECENT: RefCell<Vec<(String, VerifyingKey)>> = const { RefCell::new(Vec::new()) };
    }
    if let Some(key) = RECENT.with_borrow(|r| r.iter().find(|(h, _)| h == hex).map(|(_, k)| *k)) {
        return Ok(key);
    }
    let key = parse_public_key(hex)?;
    RECENT.with_borrow_mut(|r| {
        if r.len() == KEEP {
            r.remove(0);
        }
        r.push((hex.to_string(), key));
    });
    Ok(key)
}

fn string_at(bytes: &[u8], range: Range<usize>) -> Option<String> {
    serde_json::from_slice(&bytes[range]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const TYPE: &str = "application/vnd.scorebook.test+json";

    fn key() -> SigningKey {
        SigningKey::from_bytes(&[42u8; 32])
    }

    fn signed() -> Vec<u8> {
        let payload = canonical::to_canonical(&json!({"b": "金山", "a": [1, 2]})).unwrap();
        sign_document(TYPE, &payload, &key()).unwrap()
    }

    #[test]
    fn round_trip() {
        let file = signed();
        let v = verify_document(&file).unwrap();
        assert_eq!(v.payload_type, TYPE);
        assert_eq!(v.payload, r#"{"a":[1,2],"b":"金山"}"#.as_bytes());
        assert_eq!(v.public_key, hex::encode(key().verifying_key().as_bytes()));
        assert_eq!(v.hash, document_hash(&file));
        // the file itself is canonical JSON
        let reparsed: serde_json::Value = serde_json::from_slice(&file).unwrap();
        assert_eq!(canonical::to_canonical(&reparsed).unwrap(), file);
    }

    #[test]
    fn the_type_is_bound() {
        let file = String::from_utf8(signed()).unwrap();
        let other = file.replace(TYPE, "application/vnd.scorebook.roster+json");
        assert_eq!(
            verify_document(other.as_bytes()),
            Err(EnvelopeError::BadSignature)
        );
    }

    #[test]
    fn refuses_non_canonical_payloads_when_signing() {
        for p in [&b"{\"b\":1,\"a\":2}"[..], b"[1]", b"{ }", b""] {
            assert!(sign_document(TYPE, p, &key()).is_err());
        }
        assert!(sign_document("Bad Type", b"{}", &key()).is_err());
    }

    #[test]
    fn what_looks_signed() {
        let file = signed();
        assert!(looks_signed(&file));
        let mut resaved = file.clone();
        resaved.push(b'\n');
        assert!(looks_signed(&resaved));
        assert!(looks_signed(&file[..file.len() / 2]));
        let pretty =
            serde_json::to_vec_pretty(&serde_json::from_slice::<serde_json::Value>(&file).unwrap())
                .unwrap();
        assert!(looks_signed(&pretty));
        for other in [
            &b"{\"theme\":\"dark\"}"[..],
            b"{\"envelope\":1}",
            b"{\"envelope\":\"other/1\"}",
            b"[1,2]",
            b"",
            b"\xff\xfe",
            b"hello",
        ] {
            assert!(!looks_signed(other), "{other:?}");
        }
    }

    #[test]
    fn envelope_faults() {
        let file = String::from_utf8(signed()).unwrap();
        let future = file.replace("scorebook-signed/1", "scorebook-signed/2");
        assert!(matches!(
            verify_document(future.as_bytes()),
            Err(EnvelopeError::FutureEnvelope { .. })
        ));
        let upper = {
            let (head, sig) = file.split_once("\"sig\":\"").unwrap();
            format!("{head}\"sig\":\"{}", sig.to_uppercase())
        };
        assert!(verify_document(upper.as_bytes()).is_err());
        assert_eq!(verify_document(b""), Err(EnvelopeError::Empty));
        assert_eq!(verify_document(b"\x00\x01\xff"), Err(EnvelopeError::Binary));
        assert!(matches!(
            verify_document(&file.as_bytes()[..file.len() - 1]),
            Err(EnvelopeError::Json(CanonicalError::Truncated { .. }))
        ));
        let extra = file.replacen("{\"envelope\"", "{\"a\":1,\"envelope\"", 1);
        assert_eq!(
            verify_document(extra.as_bytes()),
            Err(EnvelopeError::UnknownField("a".into()))
        );
    }
}
