//! The recusal record (回避声明): a reviewer's signed statement that they have a relationship
//! with one applicant of a round and do not score it (measures 第十四条). It is its own document
//! kind, so it never verifies as a sheet; the leader's merge counts it in the coverage table.
//! The format: `docs/sheet-format.md` (recusal records).

use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};

use super::build::is_hex_id;
use super::envelope::{Verified, verify_envelope};
use super::model::{ApplicantRef, DocRef, DocumentKind, ReviewerRef, RoundRef};
use super::verify::{
    VerifyError, check_round_ref, check_signer, check_time, field_error, is_sha256,
};
use super::{SignError, sign_as};
use crate::canonical::{self, Utf8};

/// The format name carried in every recusal record.
pub const RECUSAL_FORMAT: &str = "scorebook-recusal";
/// The format version this build writes and the highest it reads.
pub const RECUSAL_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recusal {
    /// Always [`RECUSAL_FORMAT`].
    pub format: String,
    pub format_version: u32,
    /// Always [`DocumentKind::Recusal`].
    pub kind: DocumentKind,
    /// Random id of this record (32 hex digits).
    pub record_id: String,
    /// RFC 3339 time of export.
    pub created_at: String,
    pub program: DocRef,
    /// The round the applicant belongs to (a recusal outside a round has no one to count it).
    pub round: RoundRef,
    /// The applicant; `id` is the office number (申报编号).
    pub applicant: ApplicantRef,
    pub reviewer: ReviewerRef,
    /// The stated relationship (利害关系), e.g. 曾为其提供辅导.
    pub relationship: String,
    /// RFC 3339 time the conflict was declared in the reviewer's workspace.
    pub declared_at: String,
}

/// A recusal record that passed every check.
#[derive(Debug, Clone)]
pub struct VerifiedRecusal {
    pub recusal: Recusal,
    /// Signer's key, fingerprint and the file hash.
    pub envelope: Verified,
}

/// Signs a recusal record with the reviewer key it names; returns the file bytes.
pub fn sign_recusal(recusal: &Recusal, key: &SigningKey) -> Result<Vec<u8>, SignError> {
    let payload = canonical::to_canonical(recusal).expect("a recusal record always serialises");
    sign_as(DocumentKind::Recusal, &recusal.reviewer, &payload, key)
}

/// Verifies a recusal record file end to end, in the order of `docs/sheet-format.md` (recusal
/// records): envelope and signature, payload type, format and fields (none unknown, none left
/// out), signer = named reviewer, then each field's form. No catalog is needed: the leader's
/// merge checks the programme and the round against its own round file.
pub fn verify_recusal(bytes: &[u8]) -> Result<VerifiedRecusal, VerifyError> {
    // The payload is parsed by serde_json next, which checks every string is UTF-8.
    let envelope = verify_envelope(bytes, Utf8::DeferToParser)?;
    let recusal = parse_recusal(&envelope)?;
    check_signer(&recusal.reviewer, &envelope)?;
    check_recusal(&recusal)?;
    Ok(VerifiedRecusal { recusal, envelope })
}

/// The recusal record in a verified envelope: its type, format, version, fields (no unknown
/// ones, none left to a default) and kind.
fn parse_recusal(envelope: &Verified) -> Result<Recusal, VerifyError> {
    if DocumentKind::from_payload_type(&envelope.payload_type) != Some(DocumentKind::Recusal) {
        return Err(VerifyError::NotARecusal(envelope.payload_type.clone()));
    }
    let payload = &envelope.payload;
    let recusal: Recusal = match serde_json::from_slice(payload) {
        Ok(r) => r,
        Err(_) => {
            #[derive(Deserialize)]
            struct Head {
                format: String,
                format_version: u64,
            }
            if let Ok(head) = serde_json::from_slice::<Head>(payload) {
                check_head(&head.format, head.format_version)?;
            }
            return Err(field_error::<Recusal>(payload));
        }
    };
    check_head(&recusal.format, u64::from(recusal.format_version))?;
    if recusal.kind != DocumentKind::Recusal {
        return Err(VerifyError::KindMismatch {
            kind: recusal.kind,
            payload_type: envelope.payload_type.clone(),
        });
    }
    let written =
        canonical::member_count(&recusal).map_err(|_| VerifyError::PayloadNotCanonical)?;
    if written != envelope.payload_members {
        return Err(VerifyError::PayloadNotCanonical);
    }
    Ok(recusal)
}

fn check_head(format: &str, version: u64) -> Result<(), VerifyError> {
    if format != RECUSAL_FORMAT {
        return Err(VerifyError::RecusalFormat(format.to_string()));
    }
    match version {
        v if v == u64::from(RECUSAL_FORMAT_VERSION) => Ok(()),
        v if v > u64::from(RECUSAL_FORMAT_VERSION) => {
            Err(VerifyError::RecusalFutureVersion { found: v })
        }
        v => Err(VerifyError::RecusalUnsupportedVersion(v)),
    }
}

/// Each field to its form: ids and hashes in lowercase hex, times RFC 3339, names and the
/// relationship not blank.
fn check_recusal(r: &Recusal) -> Result<(), VerifyError> {
    if !is_hex_id(&r.record_id) {
        return Err(VerifyError::Field(
            "record_id must be 32 lowercase hex digits".into(),
        ));
    }
    check_time("created_at", &r.created_at)?;
    if !is_sha256(&r.program.hash) {
        return Err(VerifyError::Field(
            "program.hash must be 64 lowercase hex digits".into(),
        ));
    }
    check_round_ref(&r.round)?;
    for (field, value) in [
        ("program.id", r.program.id.as_str()),
        ("program.edition", r.program.edition.as_str()),
        ("applicant.id", r.applicant.id.as_str()),
        ("applicant.name", r.applicant.name.as_str()),
        ("reviewer.name", r.reviewer.name.as_str()),
        ("relationship", r.relationship.as_str()),
    ] {
        if value.trim().is_empty() {
            return Err(VerifyError::EmptyField(field.into()));
        }
    }
    check_time("declared_at", &r.declared_at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::ApplicantKind;
    use crate::sheet::{parse_sheet, sign_document, verify_document};
    use serde_json::{Value, json};

    fn key() -> SigningKey {
        SigningKey::from_bytes(&[7u8; 32])
    }

    fn recusal() -> Recusal {
        Recusal {
            format: RECUSAL_FORMAT.into(),
            format_version: RECUSAL_FORMAT_VERSION,
            kind: DocumentKind::Recusal,
            record_id: "0123456789abcdef0123456789abcdef".into(),
            created_at: "2026-03-02T09:30:00Z".into(),
            program: DocRef {
                id: "jinshan-quality-award".into(),
                edition: "2025".into(),
                hash: "ab".repeat(32),
            },
            round: RoundRef {
                id: "fedcba9876543210fedcba9876543210".into(),
                version: 2,
                hash: "cd".repeat(32),
            },
            applicant: ApplicantRef {
                id: "2025-M-01".into(),
                name: "上海金山示范制造有限公司".into(),
                kind: ApplicantKind::Organisation,
            },
            reviewer: ReviewerRef {
                name: "王评审".into(),
                public_key: hex::encode(key().verifying_key().as_bytes()),
            },
            relationship: "曾为其提供辅导".into(),
            declared_at: "2026-03-01T16:00:00+08:00".into(),
        }
    }

    /// Signs any JSON object as `kind`, bypassing [`sign_recusal`]'s typed input.
    fn signed_value(kind: DocumentKind, value: &Value) -> Vec<u8> {
        let payload = canonical::to_canonical(value).unwrap();
        sign_document(kind.payload_type(), &payload, &key()).unwrap()
    }

    fn code_of(change: impl FnOnce(&mut Value)) -> &'static str {
        let mut value = serde_json::to_value(recusal()).unwrap();
        change(&mut value);
        match verify_recusal(&signed_value(DocumentKind::Recusal, &value)) {
            Ok(_) => "valid",
            Err(e) => e.code(),
        }
    }

    #[test]
    fn round_trip() {
        let file = sign_recusal(&recusal(), &key()).unwrap();
        let ok = verify_recusal(&file).unwrap();
        assert_eq!(ok.recusal, recusal());
        assert_eq!(ok.envelope.public_key, recusal().reviewer.public_key);
        assert_eq!(ok.envelope.hash, crate::sheet::document_hash(&file));
        assert_eq!(
            ok.envelope.payload_type,
            "application/vnd.scorebook.recusal+json"
        );
        // Ed25519 is deterministic: the same record gives the same file.
        assert_eq!(sign_recusal(&recusal(), &key()).unwrap(), file);
    }

    #[test]
    fn only_the_named_reviewer_signs() {
        let other = SigningKey::from_bytes(&[8u8; 32]);
        assert!(matches!(
            sign_recusal(&recusal(), &other),
            Err(SignError::WrongKey { .. })
        ));
        // Signed by another key than the one named: refused on reading too.
        let payload = canonical::to_canonical(&recusal()).unwrap();
        let file = sign_document(DocumentKind::Recusal.payload_type(), &payload, &other).unwrap();
        assert!(matches!(
            verify_recusal(&file),
            Err(VerifyError::SignerMismatch { .. })
        ));
    }

    #[test]
    fn a_recusal_is_never_a_sheet_and_no_sheet_is_a_recusal() {
        let file = sign_recusal(&recusal(), &key()).unwrap();
        let envelope = verify_document(&file).unwrap();
        assert_eq!(
            parse_sheet(&envelope).unwrap_err(),
            VerifyError::NotASheet(DocumentKind::Recusal.payload_type().into())
        );
        let as_sheet = json!({"format": "scorebook-sheet", "format_version": 1});
        for kind in [
            DocumentKind::ScoreSheet,
            DocumentKind::ConsensusSheet,
            DocumentKind::Roster,
            DocumentKind::Round,
        ] {
            let err = verify_recusal(&signed_value(kind, &as_sheet)).unwrap_err();
            assert_eq!(err, VerifyError::NotARecusal(kind.payload_type().into()));
            assert_eq!(err.code(), "not-a-recusal");
        }
        // The record's own content re-signed as a sheet type is still no recusal.
        let value = serde_json::to_value(recusal()).unwrap();
        assert_eq!(
            verify_recusal(&signed_value(DocumentKind::ScoreSheet, &value))
                .unwrap_err()
                .code(),
            "not-a-recusal"
        );
        // And a recusal whose content says it is a score sheet.
        assert_eq!(
            code_of(|v| v["kind"] = "score-sheet".into()),
            "kind-mismatch"
        );
    }

    #[test]
    fn each_fault_has_its_code() {
        assert_eq!(code_of(|_| {}), "valid");
        assert_eq!(code_of(|v| v["extra"] = 1.into()), "unknown-field");
        assert_eq!(
            code_of(|v| v["applicant"]["extra"] = 1.into()),
            "unknown-field"
        );
        for member in ["record_id", "round", "relationship", "declared_at"] {
            assert_eq!(
                code_of(|v| {
                    v.as_object_mut().unwrap().remove(member);
                }),
                "invalid-field",
                "{member}"
            );
        }
        assert_eq!(
            code_of(|v| v["round"]["version"] = "2".into()),
            "invalid-field"
        );
        assert_eq!(
            code_of(|v| v["format"] = "scorebook-sheet".into()),
            "not-a-recusal"
        );
        assert_eq!(
            code_of(|v| v["format_version"] = 2.into()),
            "future-version"
        );
        assert_eq!(
            code_of(|v| v["format_version"] = 0.into()),
            "unsupported-version"
        );
        // A newer format is named as such even when its new members would read as unknown.
        assert_eq!(
            code_of(|v| {
                v["format_version"] = 2.into();
                v["new_member"] = true.into();
            }),
            "future-version"
        );
        assert_eq!(code_of(|v| v["relationship"] = " ".into()), "empty-field");
        assert_eq!(code_of(|v| v["applicant"]["id"] = "".into()), "empty-field");
        assert_eq!(
            code_of(|v| v["reviewer"]["name"] = "".into()),
            "empty-field"
        );
        assert_eq!(
            code_of(|v| v["created_at"] = "yesterday".into()),
            "bad-time"
        );
        assert_eq!(
            code_of(|v| v["declared_at"] = "2026-03-01 16:00".into()),
            "bad-time"
        );
        assert_eq!(code_of(|v| v["record_id"] = "ABC".into()), "invalid-field");
        assert_eq!(
            code_of(|v| v["round"]["id"] = "0123456789ABCDEF0123456789ABCDEF".into()),
            "invalid-field"
        );
        assert_eq!(
            code_of(|v| v["round"]["version"] = 0.into()),
            "invalid-field"
        );
        assert_eq!(
            code_of(|v| v["round"]["hash"] = "cd".repeat(31).into()),
            "invalid-field"
        );
        assert_eq!(
            code_of(|v| v["program"]["hash"] = "x".repeat(64).into()),
            "invalid-field"
        );
    }

    #[test]
    fn a_changed_record_does_not_verify() {
        let file = String::from_utf8(sign_recusal(&recusal(), &key()).unwrap()).unwrap();
        let changed = file.replacen("2025-M-01", "2025-M-02", 1);
        assert_eq!(
            verify_recusal(changed.as_bytes()).unwrap_err().code(),
            "bad-signature"
        );
        let mut resaved = file.into_bytes();
        resaved.push(b'\n');
        assert_eq!(
            verify_recusal(&resaved).unwrap_err().code(),
            "not-canonical"
        );
    }
}
