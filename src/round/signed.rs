//! The signed round file: how a [`Round`] is signed by its group leader and checked by every
//! reader. A round is its own document kind (`application/vnd.scorebook.round+json`), in the
//! same envelope and canonical form as sheets, so it never verifies as a sheet or a roster.
//! The order of the checks and the code of each: `docs/round-format.md`.

use ed25519_dalek::SigningKey;

use crate::canonical::to_canonical;
use crate::identity::Role;
use crate::sheet::{DocumentKind, EnvelopeError, VerifyError, sign_document, verify_document};

use super::model::{ROUND_FORMAT, ROUND_FORMAT_OFFICE, ROUND_FORMAT_VERSION, Round, RoundMember};

/// Why a round cannot be signed or trusted. Each variant has a stable [`RoundError::code`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoundError {
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    #[error("not a round: the document is of type {0:?}")]
    NotARound(String),
    #[error("not a round: format is {0:?}, expected {ROUND_FORMAT:?}")]
    Format(String),
    #[error(
        "made by a newer Scorebook: round format version {0}, this build reads up to {ROUND_FORMAT_OFFICE}; update Scorebook"
    )]
    FutureVersion(u64),
    #[error("round format version {0} is not one this build reads")]
    UnsupportedVersion(u64),
    #[error("invalid round at {path}: {message}")]
    Payload { path: String, message: String },
    #[error("not canonical: the round's content is not written in its one canonical form")]
    NotCanonical,

    // Content (structural): `Round::validate`.
    #[error("round_id {0:?} is not 32 lowercase hex digits")]
    RoundId(String),
    #[error("the round's version must be 1 or more, found {0}")]
    RoundVersion(u32),
    #[error("{0} is empty")]
    EmptyField(String),
    #[error("created_at is not an RFC 3339 time ({0:?})")]
    CreatedAt(String),
    #[error("{field} is not a date written YYYY-MM-DD ({found:?})")]
    BadDate { field: &'static str, found: String },
    #[error("the round ends ({ends}) before it starts ({starts})")]
    DatesReversed { starts: String, ends: String },
    #[error("track {0:?} is listed twice in tracks")]
    DuplicateTrack(String),
    #[error("member {name:?}: {why}")]
    BadKey { name: String, why: String },
    #[error("member {name:?}: the fingerprint does not belong to the public key")]
    BadFingerprint { name: String },
    #[error("the key of {name:?} is already on the round as {existing:?}")]
    DuplicateKey { name: String, existing: String },
    #[error(
        "two members are named {0:?}; coaching experts are matched by name, so names must differ"
    )]
    DuplicateName(String),
    #[error("the round has no group leader")]
    NoLeader,
    /// 组长负责制 (第九条): a panel has one leader.
    #[error("the round names two group leaders, {first} and {second}; a panel has one")]
    TwoLeaders { first: String, second: String },
    #[error(
        "applicant number {0:?} is not allowed: 1 to 64 characters, ASCII letters, digits, CJK ideographs, '-' and '_', starting with a letter or digit"
    )]
    BadNumber(String),
    #[error("applicant number {number:?} is given twice (as {existing:?})")]
    DuplicateNumber { number: String, existing: String },
    #[error("applicant {number}: track {track:?} is not one of the round's tracks")]
    TrackNotInRound { number: String, track: String },
    #[error("stage {stage}: applicant number {number:?} is not in the round")]
    StageUnknownNumber { stage: &'static str, number: String },
    #[error("stage {stage}: applicant number {number:?} is listed twice")]
    StageDuplicate { stage: &'static str, number: String },
    #[error("applicant {0} is shortlisted for the site review but not in the document review")]
    NotInDocumentReview(String),

    // Content against the catalog: `check_catalog`.
    #[error("unknown programme: {id} {edition} ({hash}) is not an edition this build knows")]
    UnknownProgram {
        id: String,
        edition: String,
        hash: String,
    },
    #[error("programme {program} has no track {track:?}")]
    UnknownTrack { program: String, track: String },
    #[error(
        "track {track}: framework {stated} is not the edition the programme scores it on (a known edition of {expected} is needed)"
    )]
    FrameworkMismatch {
        track: String,
        stated: String,
        expected: String,
    },
    #[error("applicant {number}: track {track} is for another kind of applicant than {kind:?}")]
    ApplicantKind {
        number: String,
        track: String,
        kind: crate::program::ApplicantKind,
    },

    /// `acting_leaders` needs format 2 or later, and a format 2 round names at least one.
    #[error(
        "format version {version}: acting_leaders is in format 2 (or 3), and format 2 names one"
    )]
    ActingLeaderVersion { version: u32 },
    /// `office_recipient` is format 3 only, and a format 3 round names it.
    #[error("format version {version}: office_recipient is in format 3, and only there")]
    OfficeRecipientVersion { version: u32 },
    /// The award office's recipient is not an age X25519 recipient in its one spelling.
    #[error("office_recipient {found:?} is not an age X25519 recipient (age1…)")]
    BadOfficeRecipient { found: String },
    #[error("acting leader for {number}: {why:?}")]
    BadActingLeader { number: String, why: ActingWhy },

    // Signature.
    #[error("the round is not signed by its group leader: signer {fingerprint} is {what}")]
    NotSignedByLeader { fingerprint: String, what: String },
}

impl RoundError {
    /// A stable machine name for the fault, listed in `docs/round-format.md` §6. Envelope and
    /// JSON faults give the same codes as a sheet's `verify`.
    pub fn code(&self) -> &'static str {
        match self {
            RoundError::Envelope(e) => VerifyError::Envelope(e.clone()).code(),
            RoundError::NotARound(_) | RoundError::Format(_) => "not-a-round",
            RoundError::FutureVersion(_) => "future-version",
            RoundError::UnsupportedVersion(_) => "unsupported-version",
            RoundError::Payload { message, .. } if message.starts_with("unknown field") => {
                "unknown-field"
            }
            RoundError::Payload { .. } => "invalid-field",
            RoundError::NotCanonical => "not-canonical",
            RoundError::RoundId(_) => "bad-round-id",
            RoundError::RoundVersion(_) => "bad-round-version",
            RoundError::EmptyField(_) => "empty-field",
            RoundError::CreatedAt(_) => "bad-time",
            RoundError::BadDate { .. } => "bad-date",
            RoundError::DatesReversed { .. } => "dates-reversed",
            RoundError::DuplicateTrack(_) => "duplicate-track",
            RoundError::BadKey { .. } => "bad-key",
            RoundError::BadFingerprint { .. } => "bad-fingerprint",
            RoundError::DuplicateKey { .. } => "duplicate-key",
            RoundError::DuplicateName(_) => "duplicate-name",
            RoundError::NoLeader => "no-leader",
            RoundError::TwoLeaders { .. } => "two-leaders",
            RoundError::BadNumber(_) => "bad-applicant-number",
            RoundError::DuplicateNumber { .. } => "duplicate-number",
            RoundError::TrackNotInRound { .. } => "track-not-in-round",
            RoundError::StageUnknownNumber { .. } => "stage-unknown-number",
            RoundError::StageDuplicate { .. } => "stage-duplicate",
            RoundError::NotInDocumentReview(_) => "site-not-in-document-review",
            RoundError::UnknownProgram { .. } => "unknown-program",
            RoundError::UnknownTrack { .. } => "unknown-track",
            RoundError::FrameworkMismatch { .. } => "framework-mismatch",
            RoundError::ApplicantKind { .. } => "applicant-kind",
            RoundError::ActingLeaderVersion { .. } => "acting-leader-version",
            RoundError::BadActingLeader { .. } => "bad-acting-leader",
            RoundError::OfficeRecipientVersion { .. } => "office-recipient-version",
            RoundError::BadOfficeRecipient { .. } => "bad-office-recipient",
            RoundError::NotSignedByLeader { .. } => "not-signed-by-leader",
        }
    }

    /// Whether the file is not a round at all (empty, not JSON, not a signed document, another
    /// kind of document), rather than a round that fails a check.
    pub fn is_not_a_round(&self) -> bool {
        match self {
            RoundError::NotARound(_) | RoundError::Format(_) => true,
            RoundError::Envelope(e) => VerifyError::Envelope(e.clone()).is_not_a_sheet(),
            _ => false,
        }
    }
}

/// Why a round's acting leader (代理组长) for an applicant is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActingWhy {
    /// The applicant number is not in the round.
    NotInRound,
    /// The applicant has an acting leader already.
    Twice,
    /// The key is not on the round's panel.
    NotOnPanel,
    /// The key is the leader's or a trainee's: only a member (组员) acts for the leader.
    NotAMember,
    /// The member is the applicant's registered coaching expert and must recuse (第十四条).
    Recused,
}

/// A round file whose signature and content were checked (not against the catalog: see
/// [`super::check_catalog`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedRound {
    pub round: Round,
    /// The group leader who signed this version.
    pub signer: RoundMember,
    /// SHA-256 (lowercase hex) of the exact file bytes: what a sheet's `round.hash` names.
    pub hash: String,
}

impl VerifiedRound {
    /// What a sheet or recusal record carries to name this version of the round.
    pub fn round_ref(&self) -> crate::sheet::RoundRef {
        crate::sheet::RoundRef {
            id: self.round.round_id.clone(),
            version: self.round.version,
            hash: self.hash.clone(),
        }
    }
}

fn not_signed_by_leader(round: &Round, public_key: &str, fingerprint: String) -> RoundError {
    let what = match round.member(public_key) {
        Some(m) => format!("{} ({:?}), not a leader", m.name, m.role),
        None => "not on the round's panel".to_string(),
    };
    RoundError::NotSignedByLeader { fingerprint, what }
}

/// Signs a round as the document kind `round`; returns the file bytes. The round is validated
/// first, and the key must be a group leader's on it: a round signed by anyone else would be
/// refused by every reader.
pub fn sign_round(round: &Round, key: &SigningKey) -> Result<Vec<u8>, RoundError> {
    round.validate()?;
    let public_key = hex::encode(key.verifying_key().as_bytes());
    if !round.is_leader(&public_key) {
        let fingerprint = crate::identity::fingerprint(key.verifying_key().as_bytes());
        return Err(not_signed_by_leader(round, &public_key, fingerprint));
    }
    let payload = to_canonical(round).map_err(|_| RoundError::NotCanonical)?;
    Ok(sign_document(
        DocumentKind::Round.payload_type(),
        &payload,
        key,
    )?)
}

/// Checks a round file end to end, in the order of `docs/round-format.md` §5: envelope and
/// signature, document kind, format and version, fields (no unknown, none missing), canonical
/// form, content ([`Round::validate`]: every key and fingerprint among it), and that a group
/// leader on the round signed it.
pub fn verify_round(bytes: &[u8]) -> Result<VerifiedRound, RoundError> {
    let envelope = verify_document(bytes)?;
    if DocumentKind::from_payload_type(&envelope.payload_type) != Some(DocumentKind::Round) {
        return Err(RoundError::NotARound(envelope.payload_type));
    }
    check_head(&envelope.payload)?;
    let de = &mut serde_json::Deserializer::from_slice(&envelope.payload);
    let round: Round = serde_path_to_error::deserialize(de).map_err(|e| RoundError::Payload {
        path: e.path().to_string(),
        message: e.inner().to_string(),
    })?;
    if to_canonical(&round).ok().as_deref() != Some(envelope.payload.as_slice()) {
        return Err(RoundError::NotCanonical);
    }
    round.validate()?;
    let signer = match round.member(&envelope.public_key) {
        Some(m) if m.role == Role::Leader => m.clone(),
        _ => {
            return Err(not_signed_by_leader(
                &round,
                &envelope.public_key,
                envelope.fingerprint,
            ));
        }
    };
    Ok(VerifiedRound {
        round,
        signer,
        hash: envelope.hash,
    })
}

/// The format and its version, read before the fields: a newer version's new fields would
/// otherwise be reported as unknown, and another format's as a pile of field errors.
fn check_head(payload: &[u8]) -> Result<(), RoundError> {
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<serde_json::Value>,
        format_version: Option<serde_json::Value>,
    }
    let Ok(head) = serde_json::from_slice::<Head>(payload) else {
        // Not an object of the right shape: the typed parse names the field.
        return Ok(());
    };
    if let Some(serde_json::Value::String(format)) = &head.format
        && format != ROUND_FORMAT
    {
        return Err(RoundError::Format(format.clone()));
    }
    match head.format_version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v > u64::from(ROUND_FORMAT_OFFICE) => Err(RoundError::FutureVersion(v)),
        Some(v) if v < u64::from(ROUND_FORMAT_VERSION) => Err(RoundError::UnsupportedVersion(v)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::testing::{key, sample};

    #[test]
    fn a_signed_round_verifies_as_itself() {
        let leader = key(1);
        let round = sample();
        let bytes = sign_round(&round, &leader).unwrap();
        let v = verify_round(&bytes).unwrap();
        assert_eq!(v.round, round);
        assert_eq!(v.signer.role, Role::Leader);
        assert_eq!(v.hash, crate::sheet::document_hash(&bytes));
        assert_eq!(v.round_ref().version, round.version);
        // Signing is deterministic (Ed25519), so one content gives one file.
        assert_eq!(sign_round(&round, &leader).unwrap(), bytes);
    }

    #[test]
    fn only_a_leader_signs() {
        let round = sample();
        let member = key(2);
        let e = sign_round(&round, &member).unwrap_err();
        assert_eq!(e.code(), "not-signed-by-leader");
        assert!(e.to_string().contains("not a leader"), "{e}");
        let stranger = key(9);
        let e = sign_round(&round, &stranger).unwrap_err();
        assert!(e.to_string().contains("not on the round"), "{e}");

        // Signed by a member around sign_round: every reader refuses it.
        let payload = to_canonical(&round).unwrap();
        let forged = sign_document(DocumentKind::Round.payload_type(), &payload, &member).unwrap();
        assert_eq!(
            verify_round(&forged).unwrap_err().code(),
            "not-signed-by-leader"
        );
    }

    #[test]
    fn another_kind_of_document_is_not_a_round() {
        let round = sample();
        let payload = to_canonical(&round).unwrap();
        let as_roster =
            sign_document(DocumentKind::Roster.payload_type(), &payload, &key(1)).unwrap();
        let e = verify_round(&as_roster).unwrap_err();
        assert_eq!(e.code(), "not-a-round");
        assert!(e.is_not_a_round());
        assert!(verify_round(b"not json").unwrap_err().is_not_a_round());
        assert!(verify_round(b"").unwrap_err().is_not_a_round());
    }

    #[test]
    fn tampering_breaks_the_signature() {
        let bytes = sign_round(&sample(), &key(1)).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let tampered = text.replacen("2025-M-01", "2025-M-09", 1);
        assert_eq!(
            verify_round(tampered.as_bytes()).unwrap_err().code(),
            "bad-signature"
        );
    }

    fn signed_value(value: serde_json::Value) -> Vec<u8> {
        let payload = to_canonical(&value).unwrap();
        sign_document(DocumentKind::Round.payload_type(), &payload, &key(1)).unwrap()
    }

    #[test]
    fn fields_format_and_version_are_named() {
        let base = serde_json::to_value(sample()).unwrap();
        let with = |path: &str, v: serde_json::Value| {
            let mut x = base.clone();
            x[path] = v;
            verify_round(&signed_value(x)).unwrap_err()
        };
        assert_eq!(
            with("format", "scorebook-sheet".into()).code(),
            "not-a-round"
        );
        assert_eq!(with("format_version", 4.into()).code(), "future-version");
        // Format 3 without an office recipient: likewise another spelling of format 1.
        assert_eq!(
            with("format_version", 3.into()).code(),
            "office-recipient-version"
        );
        // Format 2 without acting leaders: the one spelling of such a round is format 1.
        assert_eq!(
            with("format_version", 2.into()).code(),
            "acting-leader-version"
        );
        assert_eq!(
            with("format_version", 0.into()).code(),
            "unsupported-version"
        );
        assert_eq!(with("extra", 1.into()).code(), "unknown-field");
        let e = with("version", "one".into());
        assert_eq!(e.code(), "invalid-field");
        assert!(e.to_string().contains("version"), "{e}");
        let mut missing = base.clone();
        missing.as_object_mut().unwrap().remove("members");
        assert_eq!(
            verify_round(&signed_value(missing)).unwrap_err().code(),
            "invalid-field"
        );
        // A defaulted member written out (an empty coach list) is another spelling of the
        // same content.
        let mut spelled = base.clone();
        spelled["applicants"][1]["coaches"] = serde_json::json!([]);
        assert_eq!(
            verify_round(&signed_value(spelled)).unwrap_err().code(),
            "not-canonical"
        );
    }

    #[test]
    fn content_is_validated_on_both_sides() {
        let mut round = sample();
        round.applicants[1].number = round.applicants[0].number.clone();
        assert_eq!(
            sign_round(&round, &key(1)).unwrap_err().code(),
            "duplicate-number"
        );
        let payload = to_canonical(&round).unwrap();
        let bytes = sign_document(DocumentKind::Round.payload_type(), &payload, &key(1)).unwrap();
        assert_eq!(verify_round(&bytes).unwrap_err().code(), "duplicate-number");
    }
}
