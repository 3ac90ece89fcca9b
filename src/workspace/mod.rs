//! The durable local store under the home folder (工作区): one JSON file per applicant, the
//! reviewer's config, export counters. Every write is atomic; a second Scorebook on the same
//! home opens read-only; an unreadable file is moved aside, never deleted, and reported.
//!
//! ```text
//! <home>/config.json
//! <home>/workspace/.lock                     held by the one writable instance
//! <home>/workspace/applicants/<id>.json      id percent-encoded: 示例 → %E7%A4%BA%E4%BE%8B.json
//! <home>/workspace/quarantine/               unreadable files, moved aside at open
//! <home>/workspace/removed/<id>-<time>.json  backups of removed applicants
//! <home>/workspace/export-versions.json      last sheet version per applicant and stage
//! ```
//!
//! Saving from a UI: [`Workspace::save_applicant`] is synchronous (serialise + fsync, about a
//! millisecond on an SSD). A UI that must never wait on disk takes [`Workspace::saver`] into
//! [`BackgroundSaver::spawn`], submits every change, reads [`BackgroundSaver::outcomes`] to
//! show errors, and calls [`Workspace::update_cached`] to keep the in-memory list current.

pub mod atomic;
pub mod config;
mod counters;
pub mod error;
pub mod names;
pub mod saver;

#[cfg(test)]
mod tests;

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use config::{Config, Position};
pub use error::{Notice, WorkspaceError};
pub use saver::{BackgroundSaver, Paths, SaveOutcome, SaveTarget, Saver};

use crate::review::{Applicant, Stage};
use names::{decode_id, encode_id, file_timestamp, natural_cmp};
use saver::Shared;

/// The open workspace: every applicant in memory, the config, and the right to write.
pub struct Workspace {
    saver: Saver,
    applicants: Vec<Applicant>,
    config: Config,
}

impl Workspace {
    /// Opens (creating folders as needed) the workspace under `home`. Takes the lock; if another
    /// instance holds it, opens read-only and says so in the notices. Unreadable files are moved
    /// to `quarantine/` and named in the notices; everything else opens.
    pub fn open(home: &Path) -> Result<(Workspace, Vec<Notice>), WorkspaceError> {
        let paths = Paths::new(home);
        for dir in [
            &paths.home,
            &paths.workspace,
            &paths.applicants,
            &paths.quarantine,
            &paths.removed,
        ] {
            std::fs::create_dir_all(dir).map_err(|source| WorkspaceError::Io {
                action: "create the folder",
                path: dir.clone(),
                source,
            })?;
        }
        let mut notices = Vec::new();
        let lock = take_lock(&paths.lock, &mut notices);
        Ok(Workspace::load(paths, lock, notices))
    }

    /// Opens for reading only, without taking the lock or changing any file (no folders
    /// created, nothing moved aside): for commands such as `export` that only read applicants.
    /// Unreadable files are still reported. Saving fails with [`WorkspaceError::ReadOnly`];
    /// [`Workspace::next_export_version`] still works.
    pub fn open_read_only(home: &Path) -> (Workspace, Vec<Notice>) {
        Workspace::load(Paths::new(home), None, Vec::new())
    }

    fn load(
        paths: Paths,
        lock: Option<File>,
        mut notices: Vec<Notice>,
    ) -> (Workspace, Vec<Notice>) {
        let read_only = lock.is_none();
        let now = time::OffsetDateTime::now_utc();
        if !read_only {
            for dir in [&paths.home, &paths.workspace, &paths.applicants] {
                clear_temp_files(dir);
            }
        }
        let config = load_config(&paths, read_only, now, &mut notices);
        let applicants = load_applicants(&paths, read_only, now, &mut notices);
        let saver = Saver {
            shared: Arc::new(Shared {
                paths,
                read_only,
                _lock: lock,
            }),
        };
        (
            Workspace {
                saver,
                applicants,
                config,
            },
            notices,
        )
    }

    pub fn is_read_only(&self) -> bool {
        self.saver.is_read_only()
    }

    pub fn paths(&self) -> &Paths {
        self.saver.paths()
    }

    pub fn home(&self) -> &Path {
        &self.paths().home
    }

    /// A handle that writes to this workspace from any thread (see the module docs).
    pub fn saver(&self) -> Saver {
        self.saver.clone()
    }

    /// Every applicant, ordered by id as people read it (A2 before A10).
    pub fn applicants(&self) -> &[Applicant] {
        &self.applicants
    }

    pub fn applicant(&self, id: &str) -> Option<&Applicant> {
        self.applicants.iter().find(|a| a.id == id)
    }

    /// Saves the applicant atomically, then updates the in-memory list. On error nothing in
    /// memory or on disk changes, and the error names the file and the failed step.
    pub fn save_applicant(&mut self, applicant: &Applicant) -> Result<(), WorkspaceError> {
        self.saver.save_applicant(applicant)?;
        self.update_cached(applicant.clone());
        Ok(())
    }

    /// Replaces (or inserts) the in-memory copy without writing: for a UI that saves through a
    /// [`BackgroundSaver`].
    pub fn update_cached(&mut self, applicant: Applicant) {
        match self
            .applicants
            .binary_search_by(|a| natural_cmp(&a.id, &applicant.id))
        {
            Ok(i) => self.applicants[i] = applicant,
            Err(i) => self.applicants.insert(i, applicant),
        }
    }

    /// Removes an applicant, keeping its file as `removed/<id>-<time>.json`. Returns that path.
    /// With a [`BackgroundSaver`], call its `forget(id)` and `flush()` first.
    pub fn remove_applicant(&mut self, id: &str) -> Result<PathBuf, WorkspaceError> {
        if self.is_read_only() {
            return Err(WorkspaceError::ReadOnly {
                lock: self.paths().lock.clone(),
            });
        }
        let index = self
            .applicants
            .iter()
            .position(|a| a.id == id)
            .ok_or_else(|| WorkspaceError::NotFound(id.to_string()))?;
        let paths = self.paths().clone();
        let src = paths.applicant_file(id)?;
        let stamp = file_timestamp(time::OffsetDateTime::now_utc());
        let dst = unique_path(
            &paths.removed,
            &format!("{}-{stamp}", encode_id(id)?),
            "json",
        );
        if src.exists() {
            std::fs::rename(&src, &dst).map_err(|source| WorkspaceError::Io {
                action: "move to removed/",
                path: src.clone(),
                source,
            })?;
            sync_dirs(&[&paths.applicants, &paths.removed], &dst)?;
        } else {
            // Known only in memory (never saved): the backup is written from memory.
            let bytes = serde_json::to_vec_pretty(&self.applicants[index]).map_err(|source| {
                WorkspaceError::Encode {
                    what: format!("applicant {id}"),
                    source,
                }
            })?;
            atomic::write(&dst, &bytes)?;
        }
        self.applicants.remove(index);
        Ok(dst)
    }

    /// The next free id `A<n>`: one above any `A<n>` in use or among removed backups, so an id
    /// is never reused (a removed applicant's exported sheets keep their meaning).
    pub fn next_applicant_id(&self) -> String {
        let mut max = 0u64;
        let mut see = |id: &str| {
            if let Some(n) = id.strip_prefix('A').and_then(|d| {
                if d.bytes().all(|b| b.is_ascii_digit()) {
                    d.parse::<u64>().ok()
                } else {
                    None
                }
            }) {
                max = max.max(n);
            }
        };
        for a in &self.applicants {
            see(&a.id);
        }
        if let Ok(entries) = std::fs::read_dir(&self.paths().removed) {
            for e in entries.flatten() {
                let name = e.file_name();
                let name = name.to_string_lossy();
                if let Some(id) = name.split('-').next().and_then(decode_id) {
                    see(&id);
                }
            }
        }
        format!("A{}", max.saturating_add(1))
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Saves the config atomically, then keeps it in memory.
    pub fn save_config(&mut self, config: &Config) -> Result<(), WorkspaceError> {
        self.saver.save_config(config)?;
        self.config = config.clone();
        Ok(())
    }

    /// Issues the next sheet version (1, 2, …) for the applicant and stage, stored before it is
    /// returned. Uses a lock of its own, so it works even in a read-only window (an export from
    /// the command line while the TUI is open).
    pub fn next_export_version(
        &self,
        applicant_id: &str,
        stage: Stage,
    ) -> Result<u32, WorkspaceError> {
        let p = self.paths();
        counters::next_version(&p.counters, &p.counters_lock, applicant_id, stage)
    }
}

fn take_lock(lock: &Path, notices: &mut Vec<Notice>) -> Option<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock)
        .or_else(|_| File::open(lock));
    let file = match file {
        Ok(f) => f,
        Err(e) => {
            notices.push(Notice::LockUnavailable {
                lock: lock.to_path_buf(),
                reason: e.to_string(),
            });
            return None;
        }
    };
    match file.try_lock() {
        Ok(()) => Some(file),
        Err(TryLockError::WouldBlock) => {
            notices.push(Notice::ReadOnly {
                lock: lock.to_path_buf(),
            });
            None
        }
        Err(TryLockError::Error(e)) => {
            notices.push(Notice::LockUnavailable {
                lock: lock.to_path_buf(),
                reason: e.to_string(),
            });
            None
        }
    }
}

/// Leftovers of a write interrupted by a crash; the real file beside them is intact.
fn clear_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        if atomic::is_temp_name(&e.file_name().to_string_lossy()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn load_config(
    paths: &Paths,
    read_only: bool,
    now: time::OffsetDateTime,
    notices: &mut Vec<Notice>,
) -> Config {
    match std::fs::read(&paths.config) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Config::default(),
        Err(e) => {
            quarantine(paths, &paths.config, e.to_string(), read_only, now, notices);
            Config::default()
        }
        Ok(bytes) => match parse::<Config>(&bytes) {
            Ok(c) => c,
            Err(reason) => {
                quarantine(paths, &paths.config, reason, read_only, now, notices);
                Config::default()
            }
        },
    }
}

fn load_applicants(
    paths: &Paths,
    read_only: bool,
    now: time::OffsetDateTime,
    notices: &mut Vec<Notice>,
) -> Vec<Applicant> {
    let mut out: Vec<Applicant> = Vec::new();
    let Ok(entries) = std::fs::read_dir(&paths.applicants) else {
        return out;
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Only our own `<id>.json` files; anything else a person left there is not ours to move.
        let Some(stem) = name.strip_suffix(".json") else {
            continue;
        };
        if atomic::is_temp_name(&name) {
            continue;
        }
        let Some(file_id) = decode_id(stem) else {
            let reason = "the file name is not an applicant id".to_string();
            quarantine(paths, &path, reason, read_only, now, notices);
            continue;
        };
        let result = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| parse::<Applicant>(&b));
        match result {
            Ok(a) if a.id == file_id => out.push(a),
            Ok(a) => {
                let reason = format!("it holds applicant '{}' but is named '{file_id}'", a.id);
                quarantine(paths, &path, reason, read_only, now, notices);
            }
            Err(reason) => quarantine(paths, &path, reason, read_only, now, notices),
        }
    }
    out.sort_by(|a, b| natural_cmp(&a.id, &b.id));
    out
}

/// Parses JSON, reporting the JSON path and line of the first error.
fn parse<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        format!(
            "at {path}, line {} column {}: {inner}",
            inner.line(),
            inner.column()
        )
    })
}

fn quarantine(
    paths: &Paths,
    file: &Path,
    reason: String,
    read_only: bool,
    now: time::OffsetDateTime,
    notices: &mut Vec<Notice>,
) {
    let moved_to = if read_only {
        None
    } else {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".into());
        let dst = unique_path(
            &paths.quarantine,
            &format!("{stem}.{}", file_timestamp(now)),
            "json",
        );
        match std::fs::rename(file, &dst) {
            Ok(()) => {
                let _ = file.parent().map(atomic::sync_dir);
                let _ = atomic::sync_dir(&paths.quarantine);
                Some(dst)
            }
            Err(e) => {
                notices.push(Notice::Quarantined {
                    file: file.to_path_buf(),
                    reason: format!("{reason}; moving it aside failed: {e}"),
                    moved_to: None,
                });
                return;
            }
        }
    };
    notices.push(Notice::Quarantined {
        file: file.to_path_buf(),
        reason,
        moved_to,
    });
}

/// `dir/base.ext`, or `dir/base.2.ext`, … if taken.
fn unique_path(dir: &Path, base: &str, ext: &str) -> PathBuf {
    let first = dir.join(format!("{base}.{ext}"));
    if !first.exists() {
        return first;
    }
    (2u32..)
        .map(|n| dir.join(format!("{base}.{n}.{ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

fn sync_dirs(dirs: &[&Path], what: &Path) -> Result<(), WorkspaceError> {
    for d in dirs {
        atomic::sync_dir(d).map_err(|source| WorkspaceError::Io {
            action: "flush the folder of",
            path: what.to_path_buf(),
            source,
        })?;
    }
    Ok(())
}
