//! Export version counters: every exported sheet for (applicant, stage) gets a higher version
//! than the last, so a panel keeps the newest. The counter file has its own short-lived lock so
//! `scorebook export` works while the TUI holds the workspace lock.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::path::Path;

use super::atomic;
use super::error::WorkspaceError;
use crate::review::Stage;

/// applicant id → stage (`document` / `site`) → last version issued.
type Counters = BTreeMap<String, BTreeMap<String, u32>>;

/// Takes the counter lock (waiting for another exporter), issues the next version and stores it
/// before returning it: a version is never issued twice, even after a crash.
pub(crate) fn next_version(
    counters: &Path,
    lock_path: &Path,
    applicant: &str,
    stage: Stage,
) -> Result<u32, WorkspaceError> {
    let guard = lock(lock_path)?;
    let version = bump(counters, applicant, stage);
    drop(guard); // releases the lock
    version
}

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> WorkspaceError {
    let path = path.to_path_buf();
    move |source| WorkspaceError::Io {
        action,
        path,
        source,
    }
}

/// The counter lock, held until the returned file is dropped.
pub(crate) fn lock(lock: &Path) -> Result<File, WorkspaceError> {
    if let Some(dir) = lock.parent() {
        std::fs::create_dir_all(dir).map_err(io("create the folder", dir))?;
    }
    let guard: File = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock)
        .map_err(io("open the lock", lock))?;
    guard.lock().map_err(io("lock", lock))?;
    Ok(guard)
}

/// Issues and stores the next version; the caller holds [`lock`].
pub(crate) fn bump(counters: &Path, applicant: &str, stage: Stage) -> Result<u32, WorkspaceError> {
    let mut all: Counters = match std::fs::read(counters) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| WorkspaceError::Io {
            action: "read the export counters (fix or remove the file; versions must rise) in",
            path: counters.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Counters::new(),
        Err(e) => return Err(io("read", counters)(e)),
    };
    let slot = all
        .entry(applicant.to_string())
        .or_default()
        .entry(stage.cli_name().to_string())
        .or_insert(0);
    *slot = slot.checked_add(1).ok_or_else(|| WorkspaceError::Io {
        action: "raise the export version (counter exhausted) in",
        path: counters.to_path_buf(),
        source: std::io::Error::other("u32 overflow"),
    })?;
    let version = *slot;
    let bytes = serde_json::to_vec_pretty(&all).map_err(|source| WorkspaceError::Encode {
        what: "export counters".into(),
        source,
    })?;
    atomic::write(counters, &bytes)?;
    Ok(version)
}
