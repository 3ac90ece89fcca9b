//! Reading a sheet file the one way `verify` and `merge` both accept it (验收): a folder is
//! refused, an over-size file is named with its real size without being read, a read stops
//! after the size cap, a byte-order mark is named, and the bytes then go through
//! [`crate::sheet::verify::accept`].

use std::io::Read;
use std::path::Path;

use crate::sheet::{EnvelopeError, MAX_DOCUMENT_BYTES, VerifyError};

/// Why a file's bytes never reached the sheet checks, or what the checks said.
#[derive(Debug)]
pub enum Refused {
    /// A folder was given where a file was expected.
    Directory,
    Unreadable(std::io::Error),
    /// The file starts with a UTF-8 byte order mark: an editor re-saved it, so these are not
    /// the bytes that were signed (said so rather than "not JSON at column 1").
    Bom,
    Sheet(VerifyError),
}

impl Refused {
    /// The stable machine name, as `verify --json` prints it and the panel records it.
    pub fn code(&self) -> &'static str {
        match self {
            Refused::Directory => "directory",
            Refused::Unreadable(_) => "unreadable",
            Refused::Bom => "bom",
            Refused::Sheet(e) => e.code(),
        }
    }
}

/// The bytes of a would-be sheet file.
pub fn read_sheet_file(path: &Path) -> Result<Vec<u8>, Refused> {
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
