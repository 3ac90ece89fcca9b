//! The panel roster (评审组名单): who may sign sheets for a programme round, and in which role.
//! Trust in a sheet comes from here, like ssh's `allowed_signers`: the leader collects each
//! member's `key show --json`, adds it, and signs the roster. How the roster is signed and checked
//! is in `panel::signed` (a roster is its own document kind, so it never verifies as a sheet).

use std::collections::BTreeSet;

use ed25519_dalek::SigningKey;

use crate::canonical::to_canonical;
use crate::identity::MemberInfo;
use crate::sheet::{DocumentKind, EnvelopeError, sign_document, verify_document};

use super::model::{Role, Roster, RosterMember};

/// The format name carried in every roster.
pub const ROSTER_FORMAT: &str = "scorebook-roster";
pub const ROSTER_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    #[error("not a roster: format is '{0}', expected '{ROSTER_FORMAT}'")]
    Format(String),
    #[error("roster format version {0} is newer than this build reads ({ROSTER_FORMAT_VERSION})")]
    Version(u32),
    #[error("roster format version 0 does not exist")]
    VersionZero,
    #[error("created_at is not an RFC 3339 time ({0:?})")]
    CreatedAt(String),
    #[error("the roster names no programme")]
    NoProgram,
    #[error("the roster names no round")]
    NoRound,
    #[error("the roster has no leader")]
    NoLeader,
    /// 组长负责制 (第九条): a panel has one leader.
    #[error("the roster names two leaders, {first} and {second}; a panel has one")]
    TwoLeaders { first: String, second: String },
    #[error("member '{name}': public key is not 64 lowercase hex digits")]
    BadKey { name: String },
    #[error("member '{name}': the name is empty")]
    EmptyName { name: String },
    #[error("member '{name}': the fingerprint does not match the public key")]
    BadFingerprint { name: String },
    #[error("the key of '{name}' is already on the roster as '{existing}' ({role:?})")]
    DuplicateKey {
        name: String,
        existing: String,
        role: Role,
    },
}

impl Roster {
    /// A new roster with its creator as leader.
    pub fn new(program: &str, round: &str, leader: RosterMember, created_at: &str) -> Roster {
        Roster {
            format: ROSTER_FORMAT.into(),
            format_version: ROSTER_FORMAT_VERSION,
            program: program.into(),
            round: round.into(),
            members: vec![RosterMember {
                role: Role::Leader,
                ..leader
            }],
            created_at: created_at.into(),
        }
    }

    /// Adds a member. The same key twice is refused, whatever the role: change a role by
    /// editing the roster, never by accident.
    pub fn add(&mut self, member: RosterMember) -> Result<(), RosterError> {
        check_member(&member)?;
        if member.role == Role::Leader
            && let Some(first) = self.members.iter().find(|m| m.role == Role::Leader)
        {
            return Err(RosterError::TwoLeaders {
                first: first.name.clone(),
                second: member.name,
            });
        }
        if let Some(e) = self
            .members
            .iter()
            .find(|m| m.public_key == member.public_key)
        {
            return Err(RosterError::DuplicateKey {
                name: member.name,
                existing: e.name.clone(),
                role: e.role,
            });
        }
        self.members.push(member);
        Ok(())
    }

    /// Checks the roster's own content (not its signature).
    pub fn validate(&self) -> Result<(), RosterError> {
        if self.format != ROSTER_FORMAT {
            return Err(RosterError::Format(self.format.clone()));
        }
        if self.format_version > ROSTER_FORMAT_VERSION {
            return Err(RosterError::Version(self.format_version));
        }
        if self.format_version == 0 {
            return Err(RosterError::VersionZero);
        }
        if time::OffsetDateTime::parse(
            &self.created_at,
            &time::format_description::well_known::Rfc3339,
        )
        .is_err()
        {
            return Err(RosterError::CreatedAt(self.created_at.clone()));
        }
        if self.program.trim().is_empty() {
            return Err(RosterError::NoProgram);
        }
        if self.round.trim().is_empty() {
            return Err(RosterError::NoRound);
        }
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for m in &self.members {
            check_member(m)?;
            if !seen.insert(&m.public_key) {
                let first = self
                    .members
                    .iter()
                    .find(|o| o.public_key == m.public_key)
                    .expect("seen before");
                return Err(RosterError::DuplicateKey {
                    name: m.name.clone(),
                    existing: first.name.clone(),
                    role: first.role,
                });
            }
        }
        let mut leaders = self.members.iter().filter(|m| m.role == Role::Leader);
        let Some(first) = leaders.next() else {
            return Err(RosterError::NoLeader);
        };
        if let Some(second) = leaders.next() {
            return Err(RosterError::TwoLeaders {
                first: first.name.clone(),
                second: second.name.clone(),
            });
        }
        Ok(())
    }

    pub fn member(&self, public_key: &str) -> Option<&RosterMember> {
        self.members.iter().find(|m| m.public_key == public_key)
    }

    pub fn is_leader(&self, public_key: &str) -> bool {
        self.member(public_key)
            .is_some_and(|m| m.role == Role::Leader)
    }
}

fn check_member(m: &RosterMember) -> Result<(), RosterError> {
    if m.name.trim().is_empty() {
        return Err(RosterError::EmptyName {
            name: m.public_key.clone(),
        });
    }
    let hex_ok = m.public_key.len() == 64
        && m.public_key
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !hex_ok {
        return Err(RosterError::BadKey {
            name: m.name.clone(),
        });
    }
    Ok(())
}

/// Why a roster file cannot be trusted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignedRosterError {
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    #[error("not a roster: the document is of type {0:?}")]
    NotARoster(String),
    #[error("invalid roster at {path}: {message}")]
    Payload { path: String, message: String },
    #[error("not canonical: the roster's content is not written in its one canonical form")]
    NotCanonical,
    #[error(transparent)]
    Content(#[from] RosterError),
    #[error("member '{name}': {why}")]
    Key { name: String, why: String },
    #[error("the roster is not signed by its leader: signer {fingerprint} is {what}")]
    NotSignedByLeader { fingerprint: String, what: String },
}

impl RosterError {
    /// A stable machine name for the fault, as `VerifyError::code` gives for sheets.
    pub fn code(&self) -> &'static str {
        match self {
            RosterError::Format(_) => "not-a-roster",
            RosterError::Version(_) => "future-version",
            RosterError::VersionZero => "unsupported-version",
            RosterError::CreatedAt(_) => "bad-time",
            RosterError::NoProgram | RosterError::NoRound => "empty-field",
            RosterError::NoLeader => "no-leader",
            RosterError::TwoLeaders { .. } => "two-leaders",
            RosterError::BadKey { .. } => "bad-key",
            RosterError::EmptyName { .. } => "empty-field",
            RosterError::BadFingerprint { .. } => "bad-fingerprint",
            RosterError::DuplicateKey { .. } => "duplicate-key",
        }
    }
}

impl SignedRosterError {
    /// A stable machine name for the fault.
    pub fn code(&self) -> &'static str {
        match self {
            SignedRosterError::Envelope(e) => crate::sheet::VerifyError::Envelope(e.clone()).code(),
            SignedRosterError::NotARoster(_) => "not-a-roster",
            SignedRosterError::Payload { message, .. } if message.starts_with("unknown field") => {
                "unknown-field"
            }
            SignedRosterError::Payload { .. } => "invalid-field",
            SignedRosterError::NotCanonical => "not-canonical",
            SignedRosterError::Content(e) => e.code(),
            SignedRosterError::Key { .. } => "bad-key",
            SignedRosterError::NotSignedByLeader { .. } => "not-signed-by-leader",
        }
    }
}

/// A roster whose signature and content were checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedRoster {
    pub roster: Roster,
    /// The leader who signed it.
    pub signer: RosterMember,
    /// SHA-256 of the roster file.
    pub hash: String,
}

impl From<&MemberInfo> for RosterMember {
    fn from(m: &MemberInfo) -> RosterMember {
        RosterMember {
            name: m.name.clone(),
            public_key: m.public_key.clone(),
            fingerprint: m.fingerprint.clone(),
            role: Role::Member,
        }
    }
}

fn check_keys(roster: &Roster) -> Result<(), SignedRosterError> {
    for m in &roster.members {
        let info = MemberInfo {
            name: m.name.clone(),
            public_key: m.public_key.clone(),
            fingerprint: m.fingerprint.clone(),
            age_recipient: None,
        };
        info.verifying_key().map_err(|e| SignedRosterError::Key {
            name: m.name.clone(),
            why: e.to_string(),
        })?;
    }
    Ok(())
}

/// Signs a roster as the document kind `roster` (never valid as a sheet). The key must be a
/// leader's on the roster.
pub fn sign_roster(roster: &Roster, key: &SigningKey) -> Result<Vec<u8>, SignedRosterError> {
    roster.validate()?;
    check_keys(roster)?;
    let signer = hex::encode(key.verifying_key().as_bytes());
    if !roster.is_leader(&signer) {
        return Err(SignedRosterError::NotSignedByLeader {
            fingerprint: crate::identity::fingerprint(key.verifying_key().as_bytes()),
            what: "not a leader on this roster".into(),
        });
    }
    let payload = to_canonical(roster).map_err(|_| SignedRosterError::NotCanonical)?;
    Ok(sign_document(
        DocumentKind::Roster.payload_type(),
        &payload,
        key,
    )?)
}

/// Checks a roster file: envelope and signature, document kind, fields, canonical form,
/// content, every member's key and fingerprint, and that a leader on it signed it.
pub fn verify_roster(bytes: &[u8]) -> Result<VerifiedRoster, SignedRosterError> {
    let envelope = verify_document(bytes)?;
    if envelope.payload_type != DocumentKind::Roster.payload_type() {
        return Err(SignedRosterError::NotARoster(envelope.payload_type));
    }
    let de = &mut serde_json::Deserializer::from_slice(&envelope.payload);
    let roster: Roster =
        serde_path_to_error::deserialize(de).map_err(|e| SignedRosterError::Payload {
            path: e.path().to_string(),
            message: e.inner().to_string(),
        })?;
    if to_canonical(&roster).ok().as_deref() != Some(envelope.payload.as_slice()) {
        return Err(SignedRosterError::NotCanonical);
    }
    roster.validate()?;
    check_keys(&roster)?;
    let signer = match roster.member(&envelope.public_key) {
        Some(m) if m.role == Role::Leader => m.clone(),
        Some(m) => {
            return Err(SignedRosterError::NotSignedByLeader {
                fingerprint: envelope.fingerprint,
                what: format!("{} ({:?}), not a leader", m.name, m.role),
            });
        }
        None => {
            return Err(SignedRosterError::NotSignedByLeader {
                fingerprint: envelope.fingerprint,
                what: "not on the roster".into(),
            });
        }
    };
    Ok(VerifiedRoster {
        roster,
        signer,
        hash: envelope.hash,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "2025-06-01T09:00:00+08:00";

    fn m(name: &str, k: char) -> RosterMember {
        RosterMember {
            name: name.into(),
            public_key: k.to_string().repeat(64),
            fingerprint: String::new(),
            role: Role::Member,
        }
    }

    #[test]
    fn creator_leads_and_duplicates_are_refused() {
        let mut r = Roster::new("jinshan-2023", "2025", m("王", 'a'), T);
        assert_eq!(r.members[0].role, Role::Leader);
        r.add(m("李", 'b')).unwrap();
        let e = r.add(m("李二", 'b')).unwrap_err();
        assert!(matches!(e, RosterError::DuplicateKey { .. }));
        assert!(r.validate().is_ok());
        assert!(r.is_leader(&"a".repeat(64)));
        assert!(!r.is_leader(&"b".repeat(64)));
    }

    fn member(key: &SigningKey, name: &str) -> RosterMember {
        RosterMember::from(&MemberInfo::new(name, &key.verifying_key()))
    }

    #[test]
    fn a_roster_has_one_leader() {
        let leader = SigningKey::from_bytes(&[1; 32]);
        let other = SigningKey::from_bytes(&[2; 32]);
        let mut r = Roster::new("jinshan-2023", "2025", member(&leader, "王组长"), T);
        let second = RosterMember {
            role: Role::Leader,
            ..member(&other, "李专家")
        };
        let e = r.add(second.clone()).unwrap_err();
        assert_eq!(e.code(), "two-leaders");
        assert_eq!(r.members.len(), 1, "nothing added");
        r.members.push(second);
        assert_eq!(r.validate().unwrap_err().code(), "two-leaders");
    }

    #[test]
    fn signed_roster_round_trip_and_refusals() {
        let leader = SigningKey::from_bytes(&[1; 32]);
        let other = SigningKey::from_bytes(&[2; 32]);
        let mut r = Roster::new("jinshan-2023", "2025", member(&leader, "王组长"), T);
        r.add(member(&other, "李专家")).unwrap();
        let bytes = sign_roster(&r, &leader).unwrap();
        let v = verify_roster(&bytes).unwrap();
        assert_eq!(v.roster, r);
        assert_eq!(v.signer.name, "王组长");

        // A member cannot sign the roster, and a roster signed by a member does not verify.
        assert!(matches!(
            sign_roster(&r, &other),
            Err(SignedRosterError::NotSignedByLeader { .. })
        ));
        let payload = to_canonical(&r).unwrap();
        let forged = sign_document(DocumentKind::Roster.payload_type(), &payload, &other).unwrap();
        assert!(matches!(
            verify_roster(&forged),
            Err(SignedRosterError::NotSignedByLeader { .. })
        ));
        // Tampering breaks the signature.
        let text = String::from_utf8(bytes.clone()).unwrap();
        let tampered = text.replace("李专家", "张专家");
        assert!(matches!(
            verify_roster(tampered.as_bytes()),
            Err(SignedRosterError::Envelope(_))
        ));
        // The same payload signed as a sheet is not a roster.
        let as_sheet =
            sign_document(DocumentKind::ScoreSheet.payload_type(), &payload, &leader).unwrap();
        assert!(matches!(
            verify_roster(&as_sheet),
            Err(SignedRosterError::NotARoster(_))
        ));
        // A fingerprint that does not belong to its key is refused.
        let mut bad = r.clone();
        bad.members[1].fingerprint = "0000 0000 0000 0000".into();
        assert!(matches!(
            sign_roster(&bad, &leader),
            Err(SignedRosterError::Key { .. })
        ));
    }

    #[test]
    fn bad_rosters_are_named() {
        let mut r = Roster::new("jinshan-2023", "2025", m("王", 'a'), T);
        r.members[0].role = Role::Member;
        assert_eq!(r.validate(), Err(RosterError::NoLeader));
        let mut r = Roster::new("jinshan-2023", "", m("王", 'a'), T);
        assert_eq!(r.validate(), Err(RosterError::NoRound));
        r.round = "2025".into();
        assert!(r.add(m("x", 'G')).is_err());
        r.format = "scorebook-sheet".into();
        assert!(matches!(r.validate(), Err(RosterError::Format(_))));
        let mut r = Roster::new("jinshan-2023", "2025", m("王", 'a'), "garbage");
        assert_eq!(r.validate(), Err(RosterError::CreatedAt("garbage".into())));
        assert_eq!(r.validate().unwrap_err().code(), "bad-time");
        r.created_at = T.into();
        r.format_version = 0;
        assert_eq!(r.validate(), Err(RosterError::VersionZero));
    }
}
