//! Atomic replacement of a file: a reader (or a crash) sees either the old bytes or the new
//! ones, never a mixture. Temp file in the same folder, write, fsync, rename, fsync the folder.

use std::io::Write;
use std::path::Path;

use super::error::WorkspaceError;

/// Prefix of every temporary file this module creates, so a leftover after a crash can be
/// recognised and cleared at the next open.
pub const TEMP_PREFIX: &str = ".scorebook-tmp-";

/// How [`replace`] treats the target.
#[derive(Debug, Clone, Copy)]
pub struct WriteOptions {
    /// Unix permission bits set on the temp file before any byte is written, so a secret is
    /// never readable by others even for a moment.
    pub mode: Option<u32>,
    /// With false, an existing file is an `AlreadyExists` error and is left untouched.
    pub overwrite: bool,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            mode: None,
            overwrite: true,
        }
    }
}

/// The one atomic-write mechanism of the app (workspace, keys, rosters, panel folders).
/// On failure the previous file at `path` is untouched, the temp file is removed, and the
/// error says which step failed.
pub fn replace(
    path: &Path,
    bytes: &[u8],
    opts: WriteOptions,
) -> Result<(), (&'static str, std::io::Error)> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let io = |action: &'static str| move |e: std::io::Error| (action, e);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(".tmp");
    #[cfg(unix)]
    if let Some(mode) = opts.mode {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(io("create a temporary file beside"))?;
    tmp.write_all(bytes).map_err(io("write"))?;
    tmp.flush().map_err(io("write"))?;
    tmp.as_file().sync_all().map_err(io("flush to disk"))?;
    if opts.overwrite {
        tmp.persist(path).map_err(|e| io("replace")(e.error))?;
    } else {
        tmp.persist_noclobber(path)
            .map_err(|e| io("replace")(e.error))?;
    }
    sync_dir(dir).map_err(io("flush the folder of"))
}

/// Replaces `path` with `bytes` atomically; the error names the step that failed and the file.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WorkspaceError> {
    replace(path, bytes, WriteOptions::default()).map_err(|(action, source)| WorkspaceError::Io {
        action,
        path: path.to_path_buf(),
        source,
    })
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
