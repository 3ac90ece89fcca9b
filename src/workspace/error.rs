//! What can go wrong in the workspace, and what the user is told at open. A person reads
//! these through `message(lang)`, worded in `crate::i18n::reason`; `Display` is the
//! developer's English.

use std::path::PathBuf;

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
}

/// Something the user should see once the workspace is open; nothing here stops it opening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Another instance holds the lock: this one opened read-only.
    ReadOnly { lock: PathBuf },
    /// The lock could not be taken for another reason (file system without locks, permissions):
    /// opened read-only so that nothing is corrupted.
    LockUnavailable { lock: PathBuf, reason: String },
    /// A file could not be read or parsed. It was moved aside (`moved_to`), or, in a read-only
    /// workspace, left where it is (`moved_to: None`).
    Quarantined {
        file: PathBuf,
        reason: String,
        moved_to: Option<PathBuf>,
    },
}
