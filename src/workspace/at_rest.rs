//! The workspace encrypted at rest (工作区加密; opt-in per home, 第二十一条: applicants'
//! business and technical secrets kept). A lost laptop then shows no comment and no applicant
//! name: applicant files, recent copies, backups of removed applicants, quarantined files and
//! the last-export records are sealed with a per-home **data key**.
//!
//! ```text
//! <home>/workspace/encryption.json   {"format": …, "recipient": "age1…"}: new files are sealed
//! <home>/keys/workspace.key          the data key (AGE-SECRET-KEY-1…), under the passphrase
//! ```
//!
//! Why a data key rather than the passphrase itself: an autosave must cost microseconds, never
//! a KDF run; the passphrase is asked once per session ([`crate::identity::session`]) to open
//! the data key. Files are written in the at-rest container
//! ([`crate::identity::rest_file`]: AES-256-GCM under a key derived from the data key, no key
//! exchange per save); files sealed the old way — age, to the data key's X25519 recipient —
//! still open with the same data key, and `workspace encrypt` rewrites them in the new way.
//!
//! Every file is read by its content, not by the marker: a plain file and a sealed one both
//! open (with the data key unlocked), so a conversion cut short by a power failure leaves a
//! home that opens, and running the conversion again finishes it. Writes stay atomic: the
//! sealed bytes go through the same `atomic` writers as plain ones.

use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use super::error::{Unreadable, WorkspaceError};
use crate::identity::rest_file::{self, RestKey};
use crate::identity::session::{self, Shut};
use crate::identity::vault::{self, OpenError};

/// The tag of the marker file. Version 2: new files are at-rest files; a version that knows
/// only version 1 (age files) refuses the home instead of taking them for damaged JSON.
pub const MARKER_FORMAT: &str = "scorebook-workspace-encryption/2";
/// The marker of a home encrypted before the at-rest container: its files are age files,
/// which still open; the marker is rewritten as version 2 when the home is opened for writing.
const MARKER_FORMAT_V1: &str = "scorebook-workspace-encryption/1";

/// `<home>/workspace/encryption.json`.
pub fn marker_path(home: &Path) -> PathBuf {
    home.join("workspace").join("encryption.json")
}

/// `<home>/keys/workspace.key` (kept beside the signing key, under the same passphrase).
pub fn data_key_path(home: &Path) -> PathBuf {
    crate::identity::Identity::data_key_path(home)
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Marker {
    format: String,
    /// The data key's age recipient: what new files are sealed to.
    recipient: String,
}

/// Whether these bytes are sealed, in either way (the at-rest container, or age as before).
pub fn is_sealed(bytes: &[u8]) -> bool {
    rest_file::is_rest_file(bytes) || vault::is_age(bytes)
}

/// The data key, unlocked: the at-rest key derived from it seals and opens files; the data
/// key itself opens files sealed the old way (age X25519).
#[derive(Clone)]
struct Unlocked {
    rest: RestKey,
    age: age::x25519::Identity,
}

impl Unlocked {
    fn new(age: age::x25519::Identity) -> Unlocked {
        Unlocked {
            rest: RestKey::of_identity(&age),
            age,
        }
    }
}

/// How this home keeps its files: plain, or sealed with the data key.
#[derive(Clone, Default)]
pub struct AtRest {
    /// New files are sealed (the home is encrypted); never without `key`.
    sealing: bool,
    /// Opens sealed files (the data key, unlocked).
    key: Option<Unlocked>,
    /// The marker says version 1: to be rewritten before a new file is written.
    old_marker: bool,
}

impl std::fmt::Debug for AtRest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AtRest")
            .field("encrypted", &self.sealing)
            .field("unlocked", &self.key.is_some())
            .finish()
    }
}

impl AtRest {
    /// Plain files, no key.
    pub fn plain() -> AtRest {
        AtRest::default()
    }

    /// Whether new files are sealed.
    pub fn is_encrypted(&self) -> bool {
        self.sealing
    }

    /// The bytes to write for `plain`: in an encrypted home, an at-rest file sealed with the
    /// data key.
    pub fn encode(&self, plain: Vec<u8>) -> Vec<u8> {
        match (&self.key, self.sealing) {
            (Some(k), true) => k.rest.seal(&plain),
            _ => plain,
        }
    }

    /// The plain bytes of a file read from disk: sealed ones opened (the at-rest container,
    /// or age as before), plain ones as they are.
    pub fn decode(&self, bytes: Vec<u8>) -> Result<Vec<u8>, Unreadable> {
        let rest = rest_file::is_rest_file(&bytes);
        if !rest && !vault::is_age(&bytes) {
            return Ok(bytes);
        }
        let Some(key) = &self.key else {
            return Err(Unreadable::Locked);
        };
        let opened = if rest {
            key.rest.open(&bytes)
        } else {
            vault::open_sealed(&bytes, &[&key.age])
        };
        match opened {
            Ok(plain) => Ok(plain.to_vec()),
            Err(OpenError::NotForUs | OpenError::OtherKind | OpenError::WrongPassphrase) => {
                Err(Unreadable::SealedForAnother)
            }
            Err(OpenError::Damaged(detail)) => Err(Unreadable::SealedDamaged(detail)),
        }
    }

    /// Whether `bytes` are sealed the way this home writes new files now (a conversion leaves
    /// them as they are; files sealed the old way are rewritten).
    pub(crate) fn is_current(&self, bytes: &[u8]) -> bool {
        if self.sealing {
            rest_file::is_rest_file(bytes)
        } else {
            !is_sealed(bytes)
        }
    }

    /// The home's way of keeping files: reads the marker and, when a data key exists, opens it
    /// (asking the passphrase once per session). Plain homes never ask.
    pub fn load(home: &Path) -> Result<AtRest, WorkspaceError> {
        let marker = marker_path(home);
        let mut old_marker = false;
        let write_to = match std::fs::read(&marker) {
            Ok(bytes) => {
                let (recipient, version) = parse_marker(&marker, &bytes)?;
                old_marker = version == 1;
                Some(recipient)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(WorkspaceError::Io {
                    action: "read",
                    path: marker,
                    source,
                });
            }
        };
        let key_path = data_key_path(home);
        let key = match std::fs::read(&key_path) {
            Ok(bytes) => Some(open_data_key(home, &key_path, &bytes)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if write_to.is_some() {
                    return Err(WorkspaceError::DataKeyMissing { path: key_path });
                }
                None
            }
            Err(source) => {
                return Err(WorkspaceError::Io {
                    action: "read",
                    path: key_path,
                    source,
                });
            }
        };
        if let (Some(r), Some(k)) = (&write_to, &key)
            && k.to_public().to_string() != r.to_string()
        {
            return Err(WorkspaceError::DataKeyMismatch { marker });
        }
        Ok(AtRest {
            sealing: write_to.is_some(),
            key: key.map(Unlocked::new),
            old_marker,
        })
    }

    /// An encrypted home's way, with a new data key or the existing one: the key file is
    /// written (under `passphrase`) first, the marker is not touched here.
    pub(crate) fn create_or_open(
        home: &Path,
        passphrase: &age::secrecy::SecretString,
    ) -> Result<AtRest, WorkspaceError> {
        let key_path = data_key_path(home);
        let key = match std::fs::read(&key_path) {
            Ok(bytes) => open_data_key(home, &key_path, &bytes)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = age::x25519::Identity::generate();
                let text = key.to_string();
                let sealed =
                    vault::lock_with_passphrase(text.expose_secret().as_bytes(), passphrase);
                super::atomic::write(&key_path, &sealed)?;
                key
            }
            Err(source) => {
                return Err(WorkspaceError::Io {
                    action: "read",
                    path: key_path,
                    source,
                });
            }
        };
        Ok(AtRest {
            sealing: true,
            key: Some(Unlocked::new(key)),
            old_marker: false,
        })
    }

    /// This way with new files written plain (the key still opens sealed ones).
    pub(crate) fn writing_plain(&self) -> AtRest {
        AtRest {
            sealing: false,
            key: self.key.clone(),
            old_marker: false,
        }
    }

    /// The marker file's bytes when it must be rewritten as the current version (a home
    /// encrypted before the at-rest container, opened for writing).
    pub(crate) fn outdated_marker(&self) -> Option<Vec<u8>> {
        if self.old_marker {
            self.marker_bytes()
        } else {
            None
        }
    }

    /// The marker file's bytes for this (encrypted) way.
    pub(crate) fn marker_bytes(&self) -> Option<Vec<u8>> {
        let key = self.key.as_ref().filter(|_| self.sealing)?;
        let mut bytes = serde_json::to_vec_pretty(&Marker {
            format: MARKER_FORMAT.into(),
            recipient: key.age.to_public().to_string(),
        })
        .expect("a marker serialises");
        bytes.push(b'\n');
        Some(bytes)
    }
}

/// The marker's recipient and version (1 or 2).
fn parse_marker(path: &Path, bytes: &[u8]) -> Result<(age::x25519::Recipient, u8), WorkspaceError> {
    let bad = |why: String| WorkspaceError::Unreadable {
        path: path.to_path_buf(),
        reason: Unreadable::Json(why),
    };
    let m: Marker = super::parse(bytes).map_err(|r| WorkspaceError::Unreadable {
        path: path.to_path_buf(),
        reason: r,
    })?;
    let version = match m.format.as_str() {
        MARKER_FORMAT => 2,
        MARKER_FORMAT_V1 => 1,
        _ => return Err(bad(format!("format is {:?}", m.format))),
    };
    let recipient =
        crate::identity::parse_recipient(&m.recipient).map_err(|e| bad(e.to_string()))?;
    Ok((recipient, version))
}

fn open_data_key(
    home: &Path,
    path: &Path,
    bytes: &[u8],
) -> Result<age::x25519::Identity, WorkspaceError> {
    let plain = session::open(home, path, bytes).map_err(|shut| match shut {
        Shut::Locked => WorkspaceError::Locked {
            path: path.to_path_buf(),
        },
        Shut::WrongPassphrase | Shut::Damaged(OpenError::WrongPassphrase) => {
            WorkspaceError::WrongPassphrase {
                path: path.to_path_buf(),
            }
        }
        Shut::Damaged(e) => WorkspaceError::Unreadable {
            path: path.to_path_buf(),
            reason: Unreadable::SealedDamaged(e.to_string()),
        },
    })?;
    let text = std::str::from_utf8(&plain).unwrap_or_default().trim();
    text.parse::<age::x25519::Identity>()
        .map_err(|_| WorkspaceError::Unreadable {
            path: path.to_path_buf(),
            reason: Unreadable::SealedDamaged("not an age X25519 identity".into()),
        })
}
