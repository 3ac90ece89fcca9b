//! Atomic replacement of a file: a reader (or a crash) sees either the old bytes or the new
//! ones, never a mixture. Temp file in the same folder, write, fsync, rename, fsync the folder.

use std::io::Write;
use std::path::Path;

use super::error::WorkspaceError;

/// Prefix of every temporary file this module creates, so a leftover after a crash can be
/// recognised and cleared at the next open.
pub const TEMP_PREFIX: &str = ".scorebook-tmp-";

/// Replaces `path` with `bytes` atomically. On any failure (disk full, read-only folder) the
/// previous file at `path` is untouched, the temporary file is removed, and the error names the
/// step that failed and the file.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WorkspaceError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let io = |action: &'static str| {
        move |source: std::io::Error| WorkspaceError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io("create a temporary file beside"))?;
    tmp.write_all(bytes).map_err(io("write"))?;
    tmp.flush().map_err(io("write"))?;
    tmp.as_file().sync_all().map_err(io("flush to disk"))?;
    tmp.persist(path).map_err(|e| io("replace")(e.error))?;
    sync_dir(dir).map_err(io("flush the folder of"))?;
    Ok(())
}

/// Makes a rename durable: on Unix the directory entry must itself be synced.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

/// Windows has no directory handles to sync; `MoveFileEx` is durable enough there.
#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Whether a file name is one of our temporary files.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX)
}
