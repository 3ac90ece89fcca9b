//! What others may know about a reviewer: name, public key, fingerprint. Pure, no I/O, so the
//! sheet and panel modules can use it.

use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A panel member as `key show --json` prints it and the roster takes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberInfo {
    pub name: String,
    /// Ed25519 public key, 32 bytes, lowercase hex.
    pub public_key: String,
    /// [`fingerprint`] of the public key, e.g. `ab12 cd34 ef56 7890`.
    pub fingerprint: String,
    /// The age X25519 recipient (`age1…`) sheets are sealed to (加密接收密钥); absent in
    /// member files from before sealed sheets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_recipient: Option<String>,
}

impl MemberInfo {
    pub fn new(name: &str, key: &VerifyingKey) -> MemberInfo {
        MemberInfo {
            name: name.to_string(),
            public_key: hex::encode(key.as_bytes()),
            fingerprint: fingerprint(key.as_bytes()),
            age_recipient: None,
        }
    }

    /// The same member, publishing `recipient` for sealed sheets.
    pub fn with_age_recipient(mut self, recipient: &age::x25519::Recipient) -> MemberInfo {
        self.age_recipient = Some(recipient.to_string());
        self
    }

    /// The age recipient this entry publishes, checked; None when it publishes none.
    pub fn recipient(&self) -> Result<Option<age::x25519::Recipient>, PublicKeyError> {
        self.age_recipient
            .as_deref()
            .map(parse_recipient)
            .transpose()
    }

    /// The key this entry names, checked; and its fingerprint checked against the key, so a
    /// hand-edited roster entry cannot show one fingerprint for another key.
    pub fn verifying_key(&self) -> Result<VerifyingKey, PublicKeyError> {
        let key = parse_public_key(&self.public_key)?;
        let expected = fingerprint(key.as_bytes());
        if self.fingerprint != expected {
            return Err(PublicKeyError::FingerprintMismatch {
                stated: self.fingerprint.clone(),
                expected,
            });
        }
        Ok(key)
    }
}

/// A short fingerprint meant to be read aloud (密钥指纹): the first 8 bytes of SHA-256 of the
/// 32 public-key bytes, as 16 lowercase hex digits in groups of four.
pub fn fingerprint(public_key: &[u8; 32]) -> String {
    let digest = Sha256::digest(public_key);
    let hex = hex::encode(&digest[..8]);
    let mut out = String::with_capacity(19);
    for (i, c) in hex.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicKeyError {
    #[error("a public key must be 64 lowercase hex digits, got {0:?}")]
    Encoding(String),
    #[error("{0} is not a valid Ed25519 public key")]
    NotOnCurve(String),
    #[error("fingerprint {stated} does not belong to this key (its fingerprint is {expected})")]
    FingerprintMismatch { stated: String, expected: String },
    #[error("{0:?} is not an age X25519 recipient (age1…)")]
    Recipient(String),
}

/// An age X25519 recipient in its one spelling (`age1` and 58 lowercase Bech32 characters).
pub fn parse_recipient(text: &str) -> Result<age::x25519::Recipient, PublicKeyError> {
    let bad = || PublicKeyError::Recipient(text.chars().take(80).collect());
    let r: age::x25519::Recipient = text.parse().map_err(|_| bad())?;
    if r.to_string() != text {
        return Err(bad());
    }
    Ok(r)
}

/// Decodes exactly 64 lowercase hex digits: one spelling per key, so a case change in a signed
/// file cannot leave the key the same.
pub fn parse_public_key(text: &str) -> Result<VerifyingKey, PublicKeyError> {
    let bytes: [u8; 32] = strict_hex::<32>(text).ok_or_else(|| {
        let shown: String = text.chars().take(80).collect();
        PublicKeyError::Encoding(shown)
    })?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| PublicKeyError::NotOnCurve(text.to_string()))
}

/// Exactly `2 × N` lowercase hex digits, else None.
pub fn strict_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    if text.len() != 2 * N
        || !text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return None;
    }
    let mut out = [0u8; N];
    hex::decode_to_slice(text, &mut out).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::SigningKey;

    fn key() -> VerifyingKey {
        SigningKey::from_bytes(&[7u8; 32]).verifying_key()
    }

    #[test]
    fn fingerprint_is_four_groups_of_four() {
        let f = fingerprint(key().as_bytes());
        assert_eq!(f.len(), 19);
        assert_eq!(f.split(' ').count(), 4);
        assert!(f.split(' ').all(|g| g.len() == 4));
    }

    #[test]
    fn member_round_trips_and_checks_fingerprint() {
        let m = MemberInfo::new("张三", &key());
        assert_eq!(m.verifying_key().unwrap(), key());
        let mut bad = m.clone();
        bad.fingerprint = "0000 0000 0000 0000".into();
        assert!(matches!(
            bad.verifying_key(),
            Err(PublicKeyError::FingerprintMismatch { .. })
        ));
    }

    #[test]
    fn uppercase_or_short_hex_is_refused() {
        let hex = hex::encode(key().as_bytes());
        assert!(parse_public_key(&hex).is_ok());
        assert!(parse_public_key(&hex.to_uppercase()).is_err());
        assert!(parse_public_key(hex.get(..62).unwrap()).is_err());
        assert!(parse_public_key("").is_err());
    }
}
