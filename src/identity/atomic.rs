//! Atomic writes for keys and signed documents: the workspace's mechanism, plus creating the
//! folder and plain `io::Error`s for callers that check the error kind.

use std::fs;
use std::io;
use std::path::Path;

use crate::workspace::atomic::{WriteOptions, replace};

/// Writes `bytes` to `path` atomically through the workspace's one mechanism, creating the
/// folder first. `mode` (Unix permission bits) is set before any byte is written. With
/// `overwrite` false an existing file is an `AlreadyExists` error and is left untouched.
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    mode: Option<u32>,
    overwrite: bool,
) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let opts = WriteOptions {
        mode,
        overwrite,
        durable: true,
    };
    replace(path, bytes, opts).map_err(|(_, e)| e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_and_refuses_to_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub").join("f.txt");
        write_atomic(&p, b"one", None, false).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"one");
        let e = write_atomic(&p, b"two", None, false).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&p).unwrap(), b"one");
        write_atomic(&p, b"two", None, true).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        // no temp files left behind
        let names: Vec<_> = fs::read_dir(p.parent().unwrap()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn mode_is_applied() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("secret");
        write_atomic(&p, b"s", Some(0o600), false).unwrap();
        let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
