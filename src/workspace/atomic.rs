//! Atomic replacement of a file: a reader (or a crash) sees either the old bytes or the new
//! ones, never a mixture. Temp file in the same folder, write, fsync, rename, fsync the folder.

use std::path::Path;

use super::error::WorkspaceError;
use super::fileops::{FileOps, RealOps};

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
    /// With false, neither the file nor its folder is synced: the new bytes survive the
    /// process being killed (they are in the OS's cache once `rename` returns) but not a power
    /// cut. For the workspace's recent copies only (see `saver`), which a durable write follows.
    pub durable: bool,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            mode: None,
            overwrite: true,
            durable: true,
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
    replace_with(&RealOps, path, bytes, opts)
}

/// [`replace`] through the given file operations (the workspace's, which a test may make fail).
pub fn replace_with(
    ops: &dyn FileOps,
    path: &Path,
    bytes: &[u8],
    opts: WriteOptions,
) -> Result<(), (&'static str, std::io::Error)> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let io = |action: &'static str| move |e: std::io::Error| (action, e);
    let mut tmp = ops
        .create_temp(dir, opts.mode)
        .map_err(io("create a temporary file beside"))?;
    let mut rest = bytes;
    while !rest.is_empty() {
        match ops.write(tmp.as_file_mut(), rest) {
            Ok(0) => {
                return Err(io("write")(std::io::Error::new(
                    std::io::ErrorKind::WriteZero,
                    "the disk took only part of the file",
                )));
            }
            Ok(n) => rest = rest.get(n..).unwrap_or_default(),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io("write")(e)),
        }
    }
    if opts.durable {
        ops.sync(tmp.as_file()).map_err(io("flush to disk"))?;
    }
    ops.persist(tmp, path, opts.overwrite)
        .map_err(io("replace"))?;
    if opts.durable {
        ops.sync_dir(dir).map_err(io("flush the folder of"))?;
    }
    Ok(())
}

/// [`write`] through the given file operations.
pub fn write_with(ops: &dyn FileOps, path: &Path, bytes: &[u8]) -> Result<(), WorkspaceError> {
    replace_with(ops, path, bytes, WriteOptions::default()).map_err(|(action, source)| {
        WorkspaceError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    })
}

/// Replaces `path` with `bytes` atomically; the error names the step that failed and the file.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WorkspaceError> {
    write_with(&RealOps, path, bytes)
}

/// Makes a rename durable: on Unix the directory entry must itself be synced.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    RealOps.sync_dir(dir)
}

/// Whether a file name is one of our temporary files.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX)
}
