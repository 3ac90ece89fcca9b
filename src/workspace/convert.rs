//! `scorebook workspace encrypt|decrypt`: converts a home in place (第二十一条), one file at a
//! time, each replaced atomically and durably, under the workspace lock.
//!
//! Order, so that an interruption (power failure, kill -9) loses nothing and leaves a home
//! that opens: encrypting writes the data key, then the marker (new saves are sealed from
//! then on), then seals file after file; decrypting opens file after file, then removes the
//! marker, and the data key last. Every file is read by its content, plain or sealed, so a
//! half-converted home opens, and running the same command again finishes the job.

use std::path::{Path, PathBuf};

use age::secrecy::SecretString;

use super::at_rest::{self, AtRest};
use super::error::WorkspaceError;
use super::{Workspace, atomic};

/// Which way to convert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Encrypt,
    Decrypt,
}

/// What a conversion did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Converted {
    /// Files rewritten in this run.
    pub files: usize,
    /// Files already as asked (a run finishing an interrupted one, or a second run).
    pub already: usize,
}

/// The folders whose files hold applicants' words: the workspace's own, the last-export
/// records (`<home>/exported/`, signed sheets with every comment) and the imported rounds.
fn folders(ws: &Workspace) -> Vec<PathBuf> {
    let p = ws.paths();
    vec![
        p.applicants.clone(),
        p.recent.clone(),
        p.removed.clone(),
        p.removed.join("restored"),
        p.quarantine.clone(),
        p.drafts.clone(),
        p.home.join("exported"),
        // The rounds imported (`service::seal`): they list the applicants' names.
        p.home.join("rounds"),
    ]
}

/// Converts the home `ws` was opened on. `passphrase` (the signing key's, already checked by
/// opening the key) puts a new data key under it; decrypting needs none (the data key was
/// opened with the workspace). A read-only workspace (another instance open) is refused.
/// Encrypting a home already encrypted rewrites the files sealed the old way (age) in the
/// at-rest container.
pub fn convert(
    ws: &Workspace,
    direction: Direction,
    passphrase: Option<&SecretString>,
) -> Result<Converted, WorkspaceError> {
    if ws.is_read_only() {
        return Err(WorkspaceError::ReadOnly {
            lock: ws.paths().lock.clone(),
        });
    }
    let home = ws.home().to_path_buf();
    let marker = at_rest::marker_path(&home);
    let way = match direction {
        Direction::Encrypt => {
            let pass = passphrase.ok_or(WorkspaceError::NeedsPassphrase)?;
            let way = AtRest::create_or_open(&home, pass)?;
            let bytes = way.marker_bytes().expect("an encrypted way has a marker");
            atomic::write(&marker, &bytes)?;
            way
        }
        Direction::Decrypt => ws.at_rest().writing_plain(),
    };
    let mut done = Converted::default();
    for dir in folders(ws) {
        convert_folder(&dir, &way, &mut done)?;
    }
    if direction == Direction::Decrypt {
        remove_durably(&marker)?;
        remove_durably(&at_rest::data_key_path(&home))?;
    }
    Ok(done)
}

fn convert_folder(dir: &Path, way: &AtRest, done: &mut Converted) -> Result<(), WorkspaceError> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| !atomic::is_temp_name(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    files.sort();
    for path in files {
        let bytes = std::fs::read(&path).map_err(|source| WorkspaceError::Io {
            action: "read",
            path: path.clone(),
            source,
        })?;
        if way.is_current(&bytes) {
            done.already += 1;
            continue;
        }
        // Plain bytes are sealed; sealed ones (the old way, when encrypting) are opened first.
        let plain = way
            .decode(bytes)
            .map_err(|reason| WorkspaceError::Unreadable {
                path: path.clone(),
                reason,
            })?;
        let new = way.encode(plain);
        atomic::write(&path, &new)?;
        done.files += 1;
    }
    Ok(())
}

fn remove_durably(path: &Path) -> Result<(), WorkspaceError> {
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(WorkspaceError::Io {
                action: "remove",
                path: path.to_path_buf(),
                source,
            });
        }
    }
    if let Some(dir) = path.parent() {
        atomic::sync_dir(dir).map_err(|source| WorkspaceError::Io {
            action: "flush the folder of",
            path: path.to_path_buf(),
            source,
        })?;
    }
    Ok(())
}
