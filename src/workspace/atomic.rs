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

/// Replaces several files, each atomically, paying the disk's flushes together: every temp
/// file is written first, then all are flushed at once (on a few threads, so a journaling file
/// system commits them in a handful of batches instead of one by one), then each is renamed
/// into place and each folder is synced once. After a crash every file holds either its old
/// bytes or its new ones. On error the files not yet renamed keep their old bytes, the temp
/// files are removed, and the error names the file and the step; running the batch again
/// finishes it. A round import writes its 50 applicants this way (issue 9: under 50 ms).
pub fn write_all_with(
    ops: &dyn FileOps,
    files: &[(std::path::PathBuf, Vec<u8>)],
) -> Result<(), WorkspaceError> {
    let fail = |path: &Path, action: &'static str| {
        let path = path.to_path_buf();
        move |source: std::io::Error| WorkspaceError::Io {
            action,
            path,
            source,
        }
    };
    let dir_of = |path: &Path| match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut temps = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let mut tmp = ops
            .create_temp(&dir_of(path), None)
            .map_err(fail(path, "create a temporary file beside"))?;
        let mut rest = bytes.as_slice();
        while !rest.is_empty() {
            match ops.write(tmp.as_file_mut(), rest) {
                Ok(0) => {
                    return Err(fail(path, "write")(std::io::Error::new(
                        std::io::ErrorKind::WriteZero,
                        "the disk took only part of the file",
                    )));
                }
                Ok(n) => rest = rest.get(n..).unwrap_or_default(),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(fail(path, "write")(e)),
            }
        }
        temps.push(tmp);
    }
    // Flush all together: the first failure is reported, after every thread is done.
    const THREADS: usize = 8;
    let chunk = temps.len().div_ceil(THREADS).max(1);
    let synced: Result<(), WorkspaceError> = std::thread::scope(|scope| {
        let handles: Vec<_> = temps
            .chunks(chunk)
            .zip(files.chunks(chunk))
            .map(|(tmps, named)| {
                scope.spawn(move || {
                    for (tmp, (path, _)) in tmps.iter().zip(named) {
                        ops.sync(tmp.as_file())
                            .map_err(fail(path, "flush to disk"))?;
                    }
                    Ok(())
                })
            })
            .collect();
        handles.into_iter().try_for_each(|h| {
            h.join().unwrap_or_else(|_| {
                Err(WorkspaceError::Io {
                    action: "flush to disk",
                    path: std::path::PathBuf::new(),
                    source: std::io::Error::other("a flushing thread panicked"),
                })
            })
        })
    });
    synced?;
    let mut dirs: Vec<std::path::PathBuf> = Vec::new();
    for (tmp, (path, _)) in temps.into_iter().zip(files) {
        ops.persist(tmp, path, true)
            .map_err(fail(path, "replace"))?;
        let dir = dir_of(path);
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    for d in &dirs {
        ops.sync_dir(d).map_err(fail(d, "flush the folder of"))?;
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
