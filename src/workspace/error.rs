//! What can go wrong in the workspace, and what the user is told at open. A person reads
//! these through `message(lang)`, worded in `crate::i18n::reason` and `crate::i18n::durable`;
//! `Display` is the developer's English.

use std::path::PathBuf;

use crate::ids::ApplicantId;
use crate::program::catalog::EditionNotice;
use crate::review::Stage;

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// Another Scorebook holds the lock; this one may read but not write.
    #[error(
        "not saved: the workspace is open in another Scorebook (lock {lock}); this window is read-only"
    )]
    ReadOnly { lock: PathBuf },
    /// A file-system step failed; `action` says which (write, flush to disk, replace, …).
    #[error("could not {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not encode {what} as JSON: {source}")]
    Encode {
        what: String,
        #[source]
        source: serde_json::Error,
    },
    #[error("invalid applicant id '{id}': {reason}")]
    InvalidId { id: String, reason: &'static str },
    #[error("no applicant with id '{0}'")]
    NotFound(String),
    /// Restoring a removed applicant whose id is in use again: restoring would overwrite it.
    #[error("not restored: an applicant with id '{id}' exists (backup {backup})")]
    AlreadyExists { id: String, backup: PathBuf },
    /// A file that must be read now (an applicant about to be signed) is damaged.
    #[error("could not read {path}: {reason:?}")]
    Unreadable { path: PathBuf, reason: Unreadable },
    /// The home is encrypted and its data key is under a passphrase that was not given.
    #[error("the workspace is encrypted and the passphrase was not given ({path})")]
    Locked { path: PathBuf },
    /// The passphrase given does not open the data key; nothing was changed.
    #[error("wrong passphrase for {path}")]
    WrongPassphrase { path: PathBuf },
    /// The home says it is encrypted but its data key file is gone.
    #[error("the workspace is encrypted but its data key {path} is missing")]
    DataKeyMissing { path: PathBuf },
    /// The data key does not match the recipient the marker names.
    #[error("the data key does not match {marker}")]
    DataKeyMismatch { marker: PathBuf },
    /// Encrypting the workspace needs a passphrase on the signing key first.
    #[error("encrypting the workspace needs a passphrase on the signing key")]
    NeedsPassphrase,
}

/// Why a file under the workspace was not opened. Worded by `i18n::durable`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// The OS refused to read it.
    Io {
        kind: std::io::ErrorKind,
        text: String,
    },
    /// Not valid JSON of the expected shape: the JSON path, line and column, and serde's words.
    Json(String),
    /// Valid JSON followed by something else (a second document, garbage) at this line.
    TrailingData { line: usize, column: usize },
    /// A folder where an applicant file should be.
    Folder,
    /// A symbolic link whose target does not exist.
    DanglingLink,
    /// Not a regular file (a device, a socket, a pipe).
    NotAFile,
    /// The file name is not one we could have written for an applicant id.
    BadName,
    /// It holds another applicant than its name says.
    WrongId { holds: String, named: String },
    /// A value outside what the app can ever write (a percent above 100).
    BadValue(crate::review::ValueProblem),
    /// Encrypted, and the home's data key is not unlocked.
    Locked,
    /// Encrypted to another key than this home's data key.
    SealedForAnother,
    /// Encrypted, and cut short or altered (age's detail).
    SealedDamaged(String),
}

/// Something the user should see once the workspace is open; nothing here stops it opening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Another instance holds the lock: this one opened read-only.
    ReadOnly { lock: PathBuf },
    /// The lock could not be taken for another reason (file system without locks, permissions):
    /// opened read-only so that nothing is corrupted.
    LockUnavailable { lock: PathBuf, reason: String },
    /// The home cannot be written (a read-only mount, no permission): opened read-only rather
    /// than fail on every keystroke.
    HomeNotWritable {
        dir: PathBuf,
        kind: std::io::ErrorKind,
        text: String,
    },
    /// A file could not be read or parsed. It was moved aside (`moved_to`), or, in a read-only
    /// workspace or when moving failed (`move_failed`), left where it is (`moved_to: None`).
    Quarantined {
        file: PathBuf,
        reason: Unreadable,
        moved_to: Option<PathBuf>,
        move_failed: Option<String>,
    },
    /// A review was scored on another edition of its framework than the one the app now has
    /// under that id (a home override). The review keeps every score and comment.
    FrameworkChanged(FrameworkChange),
    /// The home is encrypted and its data key stayed locked: nothing was read (a read-only
    /// open; a writable open refuses with [`WorkspaceError::Locked`]).
    EncryptedLocked { path: PathBuf },
}

/// A review whose framework edition is not the current one, found at open, with what the
/// current edition would do to it: the catalogue's [`EditionNotice`] plus the scored items the
/// current edition lacks and the percents off its step. Both lists stay empty when the scored
/// edition is still known (the review opens on it unchanged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkChange {
    pub applicant: ApplicantId,
    pub stage: Stage,
    pub edition: EditionNotice,
    /// Scored items the current edition no longer has.
    pub dropped_items: Vec<String>,
    /// Scored percents that are off the current edition's step: (item, percent, step).
    pub off_step: Vec<(String, u8, u8)>,
}
