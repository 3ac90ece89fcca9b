//! Reading a sheet file the one way `verify` and `merge` both accept it (验收): a folder is
//! refused, an over-size file is named with its real size without being read, a read stops
//! after the size cap, a byte-order mark is named, and the bytes then go through
//! [`crate::sheet::verify::accept`].
//!
//! A sheet sealed for transit (an age file, `export --seal`) is opened first with this home's
//! key — the group leader's — and its inner bytes then go through exactly the same checks: the
//! same refusals, the same hash of the signed file. A file sealed to another key is named as
//! such ([`Unsealed::ForAnother`]), not as invalid.

use std::cell::OnceCell;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::identity::vault::{self, Unsealed};
use crate::identity::{Identity, IdentityError};
use crate::sheet::{EnvelopeError, MAX_DOCUMENT_BYTES, VerifyError};

/// Whose key opens sealed sheets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnsealWith {
    /// The key of this home (the leader's, or an office running Scorebook).
    Home(PathBuf),
    /// An age identity file as `age-keygen` writes it (`--identity FILE`): the award office's
    /// `office.key`, or a leader's exported identity.
    IdentityFile(PathBuf),
}

/// Opens sealed sheets with the key of one home or of an identity file, loaded (a home's
/// passphrase asked) only when the first sealed file is met: a merge of plain sheets never
/// asks.
pub struct Unsealer {
    with: Option<UnsealWith>,
    keys: OnceCell<Result<Vec<age::x25519::Identity>, Unsealed>>,
}

impl Unsealer {
    /// With the key in `home`.
    pub fn for_home(home: &Path) -> Unsealer {
        Unsealer::with(Some(UnsealWith::Home(home.to_path_buf())))
    }

    /// With the key(s) `with` names; None: [`Unsealer::none`].
    pub fn with(with: Option<UnsealWith>) -> Unsealer {
        Unsealer {
            with,
            keys: OnceCell::new(),
        }
    }

    /// Without a key: every sealed file is refused as [`Unsealed::NoKey`].
    pub fn none() -> Unsealer {
        Unsealer::with(None)
    }

    fn keys(&self) -> Result<&[age::x25519::Identity], Unsealed> {
        self.keys
            .get_or_init(|| match self.with.as_ref().ok_or(Unsealed::NoKey)? {
                UnsealWith::Home(home) => match Identity::load(home) {
                    Ok(Some(id)) => Ok(vec![id.age_identity().clone()]),
                    Ok(None) => Err(Unsealed::NoKey),
                    Err(IdentityError::Locked(_)) => Err(Unsealed::Locked),
                    Err(IdentityError::WrongPassphrase(_)) => Err(Unsealed::WrongPassphrase),
                    Err(e) => Err(Unsealed::KeyUnusable {
                        detail: e.to_string(),
                    }),
                },
                UnsealWith::IdentityFile(path) => identity_file(path),
            })
            .as_deref()
            .map_err(Clone::clone)
    }

    /// The inner bytes of a sealed file; plain bytes come back as they are.
    pub fn open(&self, bytes: Vec<u8>) -> Result<Vec<u8>, Unsealed> {
        if !vault::is_age(&bytes) {
            return Ok(bytes);
        }
        let keys: Vec<&age::x25519::Identity> = self.keys()?.iter().collect();
        let inner = vault::open_sealed(&bytes, &keys).map_err(Unsealed::from)?;
        Ok(inner.to_vec())
    }
}

/// The identities of an age identity file; what is wrong with it said by its path and line
/// number only (its lines are secret keys).
fn identity_file(path: &Path) -> Result<Vec<age::x25519::Identity>, Unsealed> {
    let fault = |line: Option<usize>, io: Option<String>| Unsealed::IdentityFile {
        path: path.display().to_string(),
        line,
        io,
    };
    let bytes = std::fs::read(path).map_err(|e| fault(None, Some(e.to_string())))?;
    vault::identities_from_file_bytes(zeroize::Zeroizing::new(bytes)).map_err(|e| match e {
        vault::IdentityFileError::BadLine(n) => fault(Some(n), None),
        vault::IdentityFileError::Empty => fault(None, None),
    })
}

/// Why a file's bytes never reached the sheet checks, or what the checks said.
#[derive(Debug)]
pub enum Refused {
    /// A folder was given where a file was expected.
    Directory,
    Unreadable(std::io::Error),
    /// The file starts with a UTF-8 byte order mark: an editor re-saved it, so these are not
    /// the bytes that were signed (said so rather than "not JSON at column 1").
    Bom,
    /// A sealed file that did not open.
    Sealed(Unsealed),
    Sheet(VerifyError),
}

impl Refused {
    /// The stable machine name, as `verify --json` prints it and the panel records it.
    pub fn code(&self) -> &'static str {
        match self {
            Refused::Directory => "directory",
            Refused::Unreadable(_) => "unreadable",
            Refused::Bom => "bom",
            Refused::Sealed(u) => u.code(),
            Refused::Sheet(e) => e.code(),
        }
    }
}

/// The bytes of a would-be sheet file; a sealed one is refused as [`Unsealed::NoKey`].
pub fn read_sheet_file(path: &Path) -> Result<Vec<u8>, Refused> {
    read_sheet_file_with(path, &Unsealer::none())
}

/// The bytes of a would-be sheet file, opened by `unsealer` when sealed: the size cap and the
/// byte-order-mark check then hold for the inner file as for a plain one.
pub fn read_sheet_file_with(path: &Path, unsealer: &Unsealer) -> Result<Vec<u8>, Refused> {
    let bytes = read_plain_sheet_file(path)?;
    let sealed = vault::is_age(&bytes);
    let bytes = unsealer.open(bytes).map_err(Refused::Sealed)?;
    if sealed {
        if bytes.len() > MAX_DOCUMENT_BYTES {
            return Err(Refused::Sheet(VerifyError::Envelope(
                EnvelopeError::TooLarge {
                    size: bytes.len(),
                    max: MAX_DOCUMENT_BYTES,
                },
            )));
        }
        if bytes.starts_with(UTF8_BOM) {
            return Err(Refused::Bom);
        }
    }
    Ok(bytes)
}

/// The bytes of a file as they are on disk (a sealed file still sealed).
fn read_plain_sheet_file(path: &Path) -> Result<Vec<u8>, Refused> {
    let meta = std::fs::metadata(path).map_err(Refused::Unreadable)?;
    if meta.is_dir() {
        return Err(Refused::Directory);
    }
    if meta.len() > MAX_DOCUMENT_BYTES as u64 {
        return Err(Refused::Sheet(VerifyError::Envelope(
            EnvelopeError::TooLarge {
                size: usize::try_from(meta.len()).unwrap_or(usize::MAX),
                max: MAX_DOCUMENT_BYTES,
            },
        )));
    }
    let bytes = read_capped(path).map_err(Refused::Unreadable)?;
    if bytes.starts_with(UTF8_BOM) {
        return Err(Refused::Bom);
    }
    Ok(bytes)
}

/// The bytes an editor puts first when it re-saves a file as "UTF-8 with BOM".
const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// Reads a file, never more than the size cap: a file that grew past it since it was measured
/// comes back as its first `MAX + 1` bytes, so the checks name the size fault.
pub fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}
