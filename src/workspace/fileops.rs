//! The workspace's file operations behind one trait, so that a test can make the disk say no
//! (full, read-only, failing, writing short, refusing to rename) at exactly the step it wants,
//! and check that nothing the reviewer typed is lost and that they are told.
//!
//! [`RealOps`] is the file system; [`FaultyOps`] wraps it and injects one [`Fault`] while it
//! is switched on.

use std::fs::File;
use std::io::{self, ErrorKind, Write};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use tempfile::NamedTempFile;

use super::atomic::TEMP_PREFIX;

/// Every step by which the workspace reads and writes its files. The default methods are the
/// real file system; an implementation overrides the steps it wants to change.
pub trait FileOps: Send + Sync + std::fmt::Debug {
    /// A new temporary file in `dir`, with `mode` (Unix permission bits) set before any byte
    /// is written. Removed when dropped unless persisted.
    fn create_temp(&self, dir: &Path, mode: Option<u32>) -> io::Result<NamedTempFile> {
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX).suffix(".tmp");
        #[cfg(unix)]
        if let Some(mode) = mode {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(mode));
        }
        #[cfg(not(unix))]
        let _ = mode;
        builder.tempfile_in(dir)
    }

    /// One `write` call: may write fewer bytes than given.
    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<usize> {
        file.write(bytes)
    }

    fn sync(&self, file: &File) -> io::Result<()> {
        file.sync_all()
    }

    /// Renames the temporary file onto `path` (or, without `overwrite`, only if `path` does not
    /// exist). On error the temporary file is removed.
    fn persist(&self, tmp: NamedTempFile, path: &Path, overwrite: bool) -> io::Result<()> {
        let done = if overwrite {
            tmp.persist(path)
        } else {
            tmp.persist_noclobber(path)
        };
        done.map(drop).map_err(|e| e.error)
    }

    /// Makes a rename durable: on Unix the directory entry must itself be synced. Windows has no
    /// directory handles to sync; `MoveFileEx` is durable enough there.
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        #[cfg(unix)]
        return File::open(dir)?.sync_all();
        #[cfg(not(unix))]
        {
            let _ = dir;
            Ok(())
        }
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    fn create_dir_all(&self, dir: &Path) -> io::Result<()> {
        std::fs::create_dir_all(dir)
    }

    fn remove_file(&self, path: &Path) -> io::Result<()> {
        std::fs::remove_file(path)
    }
}

/// The file system as it is.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealOps;

impl FileOps for RealOps {}

/// A way for the disk to say no, as the reviewer's laptop does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// ENOSPC: every write fails, nothing is written.
    NoSpace,
    /// EROFS: no file can be created, renamed or made.
    ReadOnlyFs,
    /// EIO: data does not reach the disk (`fsync` fails).
    Io,
    /// The first write takes half the bytes, then the device takes none.
    ShortWrite,
    /// The final rename onto the real file fails.
    RenameFails,
}

impl Fault {
    pub const ALL: [Fault; 5] = [
        Fault::NoSpace,
        Fault::ReadOnlyFs,
        Fault::Io,
        Fault::ShortWrite,
        Fault::RenameFails,
    ];

    /// The error the OS would give.
    pub fn error(self) -> io::Error {
        match self {
            Fault::NoSpace => io::Error::new(ErrorKind::StorageFull, "No space left on device"),
            Fault::ReadOnlyFs => {
                io::Error::new(ErrorKind::ReadOnlyFilesystem, "Read-only file system")
            }
            Fault::Io => io::Error::other("Input/output error"),
            Fault::ShortWrite => {
                io::Error::new(ErrorKind::WriteZero, "failed to write whole buffer")
            }
            Fault::RenameFails => {
                io::Error::new(ErrorKind::ResourceBusy, "Device or resource busy")
            }
        }
    }
}

thread_local! {
    /// Bytes already taken by this thread's current temp file under [`Fault::ShortWrite`]: per
    /// thread, because the background saver writes from two threads at once.
    static SHORT_TAKEN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The real file system with one fault injected while switched on (see [`FaultyOps::set`]).
/// Reads always work: a full or read-only disk still reads.
#[derive(Debug, Default)]
pub struct FaultyOps {
    fault: Mutex<Option<Fault>>,
    injected: AtomicUsize,
}

impl FaultyOps {
    pub fn new(fault: Option<Fault>) -> FaultyOps {
        FaultyOps {
            fault: Mutex::new(fault),
            ..FaultyOps::default()
        }
    }

    /// Switches the fault on (`Some`) or off (`None`: the disk has been fixed).
    pub fn set(&self, fault: Option<Fault>) {
        *self.fault.lock().unwrap_or_else(|p| p.into_inner()) = fault;
    }

    pub fn fault(&self) -> Option<Fault> {
        *self.fault.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// How many operations have failed because of the fault so far.
    pub fn injected(&self) -> usize {
        self.injected.load(Ordering::SeqCst)
    }

    fn fail_if(&self, faults: &[Fault]) -> io::Result<()> {
        match self.fault() {
            Some(f) if faults.contains(&f) => {
                self.injected.fetch_add(1, Ordering::SeqCst);
                Err(f.error())
            }
            _ => Ok(()),
        }
    }
}

impl FileOps for FaultyOps {
    fn create_temp(&self, dir: &Path, mode: Option<u32>) -> io::Result<NamedTempFile> {
        self.fail_if(&[Fault::ReadOnlyFs])?;
        SHORT_TAKEN.with(|t| t.set(0));
        RealOps.create_temp(dir, mode)
    }

    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<usize> {
        self.fail_if(&[Fault::NoSpace])?;
        if self.fault() == Some(Fault::ShortWrite) && !bytes.is_empty() {
            if SHORT_TAKEN.with(|t| t.get()) > 0 {
                self.injected.fetch_add(1, Ordering::SeqCst);
                return Ok(0);
            }
            let half = bytes.len().div_ceil(2);
            let n = file.write(&bytes[..half])?;
            SHORT_TAKEN.with(|t| t.set(n.max(1)));
            return Ok(n);
        }
        RealOps.write(file, bytes)
    }

    fn sync(&self, file: &File) -> io::Result<()> {
        self.fail_if(&[Fault::Io])?;
        RealOps.sync(file)
    }

    fn persist(&self, tmp: NamedTempFile, path: &Path, overwrite: bool) -> io::Result<()> {
        self.fail_if(&[Fault::RenameFails, Fault::ReadOnlyFs])?;
        RealOps.persist(tmp, path, overwrite)
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.fail_if(&[Fault::RenameFails, Fault::ReadOnlyFs])?;
        RealOps.rename(from, to)
    }

    fn create_dir_all(&self, dir: &Path) -> io::Result<()> {
        if !dir.is_dir() {
            self.fail_if(&[Fault::ReadOnlyFs])?;
        }
        RealOps.create_dir_all(dir)
    }

    fn remove_file(&self, path: &Path) -> io::Result<()> {
        self.fail_if(&[Fault::ReadOnlyFs])?;
        RealOps.remove_file(path)
    }
}
