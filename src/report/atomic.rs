//! Atomic replacement of one report file: a temp file in the same directory, fsync, rename over
//! the target, fsync the directory. A reader (or a crash) sees the old file or the new one, never
//! half of one.
//!
//! Local to report because `workspace::atomic` had not landed when this was written; once it
//! has, [`write`] should delegate to it.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::ReportError;

/// Writes `bytes` to `dir/name` atomically and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, ReportError> {
    let path = dir.join(name);
    let io = |source| ReportError::Io {
        path: path.clone(),
        source,
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".scorebook-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(&path).map_err(|e| io(e.error))?;
    sync_dir(dir).map_err(io)?;
    Ok(path)
}

/// Makes the rename durable. Windows cannot open a directory as a file, so there the rename
/// alone has to do.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", b"old").unwrap();
        let p = write(dir.path(), "a.txt", "新".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "新");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_directory_is_a_named_error() {
        let err = write(Path::new("/nonexistent/scorebook"), "a.txt", b"x").unwrap_err();
        assert!(
            err.to_string().contains("/nonexistent/scorebook/a.txt"),
            "{err}"
        );
    }
}
