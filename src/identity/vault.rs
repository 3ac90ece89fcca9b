//! The field-made encryption every protected file uses (保密, 第二十一条): the age format
//! (age-encryption.org/v1), through the `age` crate — never a cipher of our own.
//!
//! - Under the reviewer's passphrase: age's scrypt recipient (a memory-hard KDF), for the
//!   secret key file and the workspace's data key — one KDF run per session.
//! - To a public key: age's X25519 recipient, for sheets sealed to the group leader and for the
//!   workspace's files (a few microseconds each, no KDF).
//!
//! Every function here takes and returns bytes; the files are read and written by the callers
//! through the atomic writers, so an encrypted file is as durable as a plain one.

use std::io::{Read, Write};

use age::secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

/// The first line of every binary age file.
pub const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// The scrypt work factor (N = 2^16, 64 MiB): a fraction of a second to unlock on a reviewer's
/// laptop, far too slow to guess a passphrase by the million.
pub const WORK_FACTOR: u8 = 16;
/// The highest work factor a protected file may ask for before it is refused as damaged: a
/// crafted file must not tie up the laptop for hours.
const MAX_WORK_FACTOR: u8 = 22;

/// Whether these bytes are an age file (as opposed to a plain JSON file of ours).
pub fn is_age(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

/// Why an age file did not open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    /// Under a passphrase, and this is not it.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// Encrypted to public keys, none of them ours.
    #[error("encrypted for another key")]
    NotForUs,
    /// Under a passphrase where a key was expected, or the other way round.
    #[error("encrypted another way than expected")]
    OtherKind,
    /// Cut short, altered, or not an age file at all: the stated detail is age's.
    #[error("damaged or altered ({0})")]
    Damaged(String),
}

impl OpenError {
    /// The stable machine name.
    pub fn code(&self) -> &'static str {
        match self {
            OpenError::WrongPassphrase => "wrong-passphrase",
            OpenError::NotForUs => "sealed-for-another",
            OpenError::OtherKind => "sealed-other-kind",
            OpenError::Damaged(_) => "sealed-damaged",
        }
    }
}

/// Why a sealed sheet (an age file given to `verify` or `merge`) was not opened: recorded in
/// `panel.json` with the other faults, so it is serialisable and has a stable code.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Unsealed {
    /// This home has no key to open it with.
    NoKey,
    /// The key is under a passphrase and none was given.
    Locked,
    /// The passphrase given does not open the key.
    WrongPassphrase,
    /// The key could not be loaded (damaged, altered): the detail says how.
    KeyUnusable { detail: String },
    /// The identity file given (`--identity`) did not give a key: unreadable (the OS's words),
    /// a line that is not an identity (its number), or none in it. Never its content.
    IdentityFile {
        path: String,
        line: Option<usize>,
        io: Option<String>,
    },
    /// Sealed to another key than this home's: for another leader (or encrypted under a
    /// passphrase rather than to a key).
    ForAnother,
    /// Cut short or altered on the way.
    Damaged { detail: String },
}

impl Unsealed {
    /// The stable machine name.
    pub fn code(&self) -> &'static str {
        match self {
            Unsealed::NoKey => "sealed-no-key",
            Unsealed::Locked => "sealed-key-locked",
            Unsealed::WrongPassphrase => "sealed-wrong-passphrase",
            Unsealed::KeyUnusable { .. } => "sealed-key-unusable",
            Unsealed::IdentityFile { .. } => "sealed-identity-file",
            Unsealed::ForAnother => "sealed-for-another",
            Unsealed::Damaged { .. } => "sealed-damaged",
        }
    }
}

impl From<OpenError> for Unsealed {
    fn from(e: OpenError) -> Unsealed {
        match e {
            OpenError::NotForUs | OpenError::OtherKind | OpenError::WrongPassphrase => {
                Unsealed::ForAnother
            }
            OpenError::Damaged(detail) => Unsealed::Damaged { detail },
        }
    }
}

fn damaged(e: impl std::fmt::Display) -> OpenError {
    OpenError::Damaged(e.to_string())
}

/// Encrypts under a passphrase (age scrypt recipient) at [`WORK_FACTOR`].
pub fn lock_with_passphrase(plain: &[u8], passphrase: &SecretString) -> Vec<u8> {
    lock_with_passphrase_at(plain, passphrase, WORK_FACTOR)
}

/// [`lock_with_passphrase`] at another work factor (tests and benchmarks measure both).
pub fn lock_with_passphrase_at(plain: &[u8], passphrase: &SecretString, log_n: u8) -> Vec<u8> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(log_n.clamp(1, MAX_WORK_FACTOR));
    encrypt(&[&recipient], plain)
}

/// Decrypts a file made by [`lock_with_passphrase`].
pub fn open_with_passphrase(
    cipher: &[u8],
    passphrase: &SecretString,
) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    let decryptor = age::Decryptor::new_buffered(cipher).map_err(damaged)?;
    if !decryptor.is_scrypt() {
        return Err(OpenError::OtherKind);
    }
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            // The scrypt stanza's MAC fails: the passphrase (an altered stanza is
            // indistinguishable, and both leave the file as it was).
            age::DecryptError::DecryptionFailed | age::DecryptError::KeyDecryptionFailed => {
                OpenError::WrongPassphrase
            }
            other => damaged(other),
        })?;
    read_all(reader)
}

/// Encrypts to public keys (age X25519 recipients).
pub fn seal(plain: &[u8], recipients: &[age::x25519::Recipient]) -> Vec<u8> {
    let dyns: Vec<&dyn age::Recipient> = recipients
        .iter()
        .map(|r| r as &dyn age::Recipient)
        .collect();
    encrypt(&dyns, plain)
}

/// Decrypts a file made by [`seal`] with one of `identities`.
pub fn open_sealed(
    cipher: &[u8],
    identities: &[&age::x25519::Identity],
) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    let decryptor = age::Decryptor::new_buffered(cipher).map_err(damaged)?;
    if decryptor.is_scrypt() {
        return Err(OpenError::OtherKind);
    }
    let reader = decryptor
        .decrypt(identities.iter().map(|i| *i as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => OpenError::NotForUs,
            other => damaged(other),
        })?;
    read_all(reader)
}

fn encrypt(recipients: &[&dyn age::Recipient], plain: &[u8]) -> Vec<u8> {
    let encryptor = age::Encryptor::with_recipients(recipients.iter().copied())
        .expect("at least one recipient of one kind");
    let mut out = Vec::with_capacity(plain.len() + 256);
    let mut writer = encryptor
        .wrap_output(&mut out)
        .expect("writing to memory cannot fail");
    writer.write_all(plain).expect("writing to memory");
    writer.finish().expect("writing to memory");
    out
}

fn read_all(mut reader: impl Read) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    let mut plain = Zeroizing::new(Vec::new());
    // The payload's chunks are authenticated as they are read: a cut or altered body stops
    // here, before any of it is used.
    reader.read_to_end(&mut plain).map_err(damaged)?;
    Ok(plain)
}

/// A passphrase read from a file (`SCOREBOOK_PASSPHRASE_FILE`): one trailing line break (`\n`
/// or `\r\n`), as `echo` and editors add, is not part of it.
pub fn passphrase_from_file_bytes(bytes: Zeroizing<Vec<u8>>) -> Option<SecretString> {
    let mut text = Zeroizing::new(String::from_utf8(bytes.to_vec()).ok()?);
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    if text.is_empty() {
        return None;
    }
    Some(SecretString::from(text.as_str().to_owned()))
}

/// Why an age identity file (`age-keygen`'s format) gave no key. Never holds the file's
/// content: its lines are secret keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentityFileError {
    /// A line that is neither blank, a `#` comment, nor an X25519 identity; its number.
    BadLine(usize),
    /// Not one identity in it.
    Empty,
}

/// The X25519 identities of an age identity file, as `age-keygen -o FILE` writes it (and `age
/// -d -i FILE` reads it): `AGE-SECRET-KEY-1…` lines, blank lines and `#` comments.
pub fn identities_from_file_bytes(
    bytes: Zeroizing<Vec<u8>>,
) -> Result<Vec<age::x25519::Identity>, IdentityFileError> {
    let text = Zeroizing::new(String::from_utf8_lossy(&bytes).into_owned());
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let id = line
            .parse::<age::x25519::Identity>()
            .map_err(|_| IdentityFileError::BadLine(i + 1))?;
        out.push(id);
    }
    if out.is_empty() {
        return Err(IdentityFileError::Empty);
    }
    Ok(out)
}

/// Whether the passphrase is empty (an empty one is never accepted as protection).
pub fn is_blank(passphrase: &SecretString) -> bool {
    passphrase.expose_secret().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(s: &str) -> SecretString {
        SecretString::from(s.to_owned())
    }

    #[test]
    fn passphrase_round_trip_and_wrong_passphrase() {
        let c = lock_with_passphrase_at(b"secret seed", &pass("对的口令"), 10);
        assert!(is_age(&c));
        assert!(!c.windows(11).any(|w| w == b"secret seed"));
        assert_eq!(
            open_with_passphrase(&c, &pass("对的口令"))
                .unwrap()
                .as_slice(),
            b"secret seed"
        );
        assert_eq!(
            open_with_passphrase(&c, &pass("错的")).unwrap_err(),
            OpenError::WrongPassphrase
        );
    }

    #[test]
    fn truncated_and_tampered_files_are_damaged_never_a_panic() {
        let c = lock_with_passphrase_at(&[7u8; 1000], &pass("p"), 10);
        for cut in [0, 5, AGE_MAGIC.len(), c.len() / 2, c.len() - 1] {
            let e = open_with_passphrase(c.get(..cut).unwrap(), &pass("p")).unwrap_err();
            assert!(matches!(e, OpenError::Damaged(_)), "cut {cut}: {e:?}");
        }
        let mut t = c.clone();
        let last = t.len() - 3;
        t[last] ^= 1;
        assert!(matches!(
            open_with_passphrase(&t, &pass("p")),
            Err(OpenError::Damaged(_))
        ));
    }

    #[test]
    fn sealed_for_another_key_is_named_so() {
        let leader = age::x25519::Identity::generate();
        let other = age::x25519::Identity::generate();
        let c = seal(b"sheet", &[leader.to_public()]);
        assert_eq!(open_sealed(&c, &[&leader]).unwrap().as_slice(), b"sheet");
        assert_eq!(open_sealed(&c, &[&other]).unwrap_err(), OpenError::NotForUs);
        assert_eq!(
            open_with_passphrase(&c, &pass("p")).unwrap_err(),
            OpenError::OtherKind
        );
    }

    #[test]
    fn an_identity_file_is_read_as_age_keygen_writes_it_and_never_echoed() {
        use age::secrecy::ExposeSecret;
        let id = age::x25519::Identity::generate();
        let secret = id.to_string().expose_secret().to_owned();
        let file = format!(
            "# created: 2026-03-01T09:00:00+08:00\n# public key: {}\n{secret}\n",
            id.to_public()
        );
        let read = identities_from_file_bytes(Zeroizing::new(file.into_bytes())).unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].to_public().to_string(), id.to_public().to_string());
        let bad = format!(
            "# ok\n{}\n",
            secret.to_lowercase().replace("age-secret", "x")
        );
        let Err(e) = identities_from_file_bytes(Zeroizing::new(bad.into_bytes())) else {
            panic!("a bad line was read as a key");
        };
        assert_eq!(e, IdentityFileError::BadLine(2));
        assert!(!format!("{e:?}").contains(secret.get(20..).unwrap()));
        assert!(matches!(
            identities_from_file_bytes(Zeroizing::new(b"# nothing\n".to_vec())),
            Err(IdentityFileError::Empty)
        ));
    }

    #[test]
    fn passphrase_file_loses_one_trailing_line_break() {
        let p = |b: &[u8]| {
            passphrase_from_file_bytes(Zeroizing::new(b.to_vec()))
                .map(|s| s.expose_secret().to_owned())
        };
        assert_eq!(p(b"abc\n").as_deref(), Some("abc"));
        assert_eq!(p(b"abc\r\n").as_deref(), Some("abc"));
        assert_eq!(p(b"abc \n\n").as_deref(), Some("abc \n"));
        assert_eq!(p(b"\n"), None);
        assert_eq!(p(b"\xff"), None);
    }
}
