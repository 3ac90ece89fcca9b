//! The durable local store under the home folder (工作区): one JSON file per applicant, the
//! reviewer's config, export counters. Every write is atomic; a second Scorebook on the same
//! home opens read-only; an unreadable file is moved aside, never deleted, and reported.
//!
//! ```text
//! <home>/config.json
//! <home>/workspace/.lock                     held by the one writable instance
//! <home>/workspace/applicants/<id>.json      id percent-encoded: 示例 → %E7%A4%BA%E4%BE%8B.json
//! <home>/workspace/quarantine/               unreadable files, moved aside at open
//! <home>/workspace/recent/                   copies written before their durable save lands
//! <home>/workspace/removed/<id>-<time>.json  backups of removed applicants
//! <home>/workspace/removed/restored/         backups whose applicant was restored
//! <home>/workspace/drafts/typed.json         text typed into dialogs, not yet saved (see [`drafts`])
//! <home>/workspace/export-versions.json      last sheet version per applicant and stage
//! <home>/workspace/encryption.json           present when the home is encrypted at rest
//! ```
//!
//! Encrypted at rest ([`at_rest`], opt-in): applicant files, recent copies, backups, typed
//! drafts and quarantined files are at-rest files sealed with the home's data key (AES-256-GCM,
//! [`crate::identity::rest_file`]); everything else below holds.
//!
//! Saving from a UI: [`Workspace::save_applicant`] is synchronous (serialise + fsync, about a
//! millisecond on an SSD). A UI that must never wait on disk takes [`Workspace::saver`] into
//! [`BackgroundSaver::spawn`], submits every change, reads [`BackgroundSaver::outcomes`] to
//! show errors, and calls [`Workspace::update_cached`] to keep the in-memory list current.

pub mod at_rest;
pub mod atomic;
pub mod config;
pub mod convert;
mod counters;
pub mod drafts;
pub mod editions;
pub mod error;
pub mod fileops;
pub mod names;
pub mod saver;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_durable;

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use config::{Config, Editing, Position};
pub use drafts::Drafts;
pub use editions::framework_changes;
pub use error::{FrameworkChange, Notice, Unreadable, WorkspaceError};
pub use fileops::{Fault, FaultyOps, FileOps, RealOps};
pub use saver::{BackgroundSaver, Backoff, Flusher, Paths, SaveOutcome, SaveTarget, Saver};

use crate::ids::ApplicantId;
use crate::review::{Applicant, Stage};
pub use at_rest::AtRest;
use names::{decode_id, encode_id, file_timestamp, natural_cmp};
use saver::Shared;

/// The open workspace: every applicant in memory, the config, and the right to write.
pub struct Workspace {
    saver: Saver,
    applicants: Vec<Applicant>,
    config: Config,
    /// `config.json` did not exist at open (a first run). A broken one is not a first run.
    config_missing: bool,
    /// Text typed into dialogs and not yet saved, as left by the last session.
    drafts: Drafts,
}

impl Workspace {
    /// Opens (creating folders as needed) the workspace under `home`. Takes the lock; if another
    /// instance holds it, or the home cannot be written (a read-only mount), opens read-only and
    /// says so in the notices. Unreadable files are moved to `quarantine/` and named in the
    /// notices; everything else opens.
    pub fn open(home: &Path) -> Result<(Workspace, Vec<Notice>), WorkspaceError> {
        Workspace::open_with(home, Arc::new(RealOps))
    }

    /// [`Workspace::open`] through the given file operations (a test's [`FaultyOps`]).
    pub fn open_with(
        home: &Path,
        ops: Arc<dyn FileOps>,
    ) -> Result<(Workspace, Vec<Notice>), WorkspaceError> {
        // An encrypted home opens only with its data key: a locked one is refused before any
        // file is looked at, so nothing is quarantined for want of a passphrase.
        let at_rest = AtRest::load(home)?;
        let paths = Paths::new(home);
        let mut notices = Vec::new();
        let dirs = [
            &paths.home,
            &paths.workspace,
            &paths.applicants,
            &paths.quarantine,
            &paths.removed,
            &paths.recent,
            &paths.drafts,
        ];
        let failed = dirs
            .into_iter()
            .find_map(|d| ops.create_dir_all(d).err().map(|e| not_writable(d, &e)));
        if let Some(notice) = failed {
            notices.push(notice);
            return Ok(Workspace::load(paths, ops, None, notices, at_rest));
        }
        let lock = take_lock(&paths.lock, &mut notices);
        let lock = match lock {
            Some(l) => match probe_writable(ops.as_ref(), &paths.applicants) {
                Ok(()) => Some(l),
                Err(e) => {
                    notices.push(not_writable(&paths.applicants, &e));
                    None
                }
            },
            None => None,
        };
        // A home encrypted before the at-rest container: its marker says so before any file is
        // written the new way, so that an older version refuses the home rather than taking
        // the new files for damaged JSON. Should it fail, the next writable open tries again.
        if lock.is_some()
            && let Some(bytes) = at_rest.outdated_marker()
        {
            let _ = atomic::write_with(ops.as_ref(), &at_rest::marker_path(home), &bytes);
        }
        Ok(Workspace::load(paths, ops, lock, notices, at_rest))
    }

    /// Opens for reading only, without taking the lock or changing any file (no folders
    /// created, nothing moved aside): for commands such as `export` that only read applicants.
    /// Unreadable files are still reported. Saving fails with [`WorkspaceError::ReadOnly`];
    /// [`Workspace::next_export_version`] still works.
    pub fn open_read_only(home: &Path) -> (Workspace, Vec<Notice>) {
        let paths = Paths::new(home);
        match AtRest::load(home) {
            Ok(at_rest) => Workspace::load(paths, Arc::new(RealOps), None, Vec::new(), at_rest),
            Err(_) => {
                // Locked (or its key unusable): nothing is read, and the notice says why.
                let notice = Notice::EncryptedLocked {
                    path: at_rest::data_key_path(home),
                };
                let saver = Saver {
                    shared: Arc::new(Shared {
                        paths,
                        ops: Arc::new(RealOps),
                        read_only: true,
                        _lock: None,
                        recent: Default::default(),
                        at_rest: AtRest::plain(),
                    }),
                };
                let ws = Workspace {
                    saver,
                    applicants: Vec::new(),
                    config: Config::default(),
                    config_missing: false,
                    drafts: Drafts::new(),
                };
                (ws, vec![notice])
            }
        }
    }

    fn load(
        paths: Paths,
        ops: Arc<dyn FileOps>,
        lock: Option<File>,
        mut notices: Vec<Notice>,
        at_rest: AtRest,
    ) -> (Workspace, Vec<Notice>) {
        let read_only = lock.is_none();
        let now = crate::clock::utc_now();
        if !read_only {
            for dir in [
                &paths.home,
                &paths.workspace,
                &paths.applicants,
                &paths.recent,
                &paths.drafts,
            ] {
                clear_temp_files(ops.as_ref(), dir);
            }
        }
        let store = Store {
            paths: &paths,
            ops: ops.as_ref(),
            read_only,
            now,
            at_rest: &at_rest,
        };
        let (config, config_missing) = store.load_config(&mut notices);
        let mut applicants = store.load_applicants(&mut notices);
        let recovered = store.load_recent(&mut applicants, &mut notices);
        let drafts = store.load_drafts(&mut notices);
        let saver = Saver {
            shared: Arc::new(Shared {
                paths,
                ops,
                read_only,
                _lock: lock,
                recent: Default::default(),
                at_rest,
            }),
        };
        // What a killed process had not saved durably is saved now; a failure leaves the recent
        // copy in place for the next save or open.
        if !read_only {
            for a in applicants.iter().filter(|a| recovered.contains(&a.id)) {
                let _ = saver.save_applicant(a);
            }
        }
        (
            Workspace {
                saver,
                applicants,
                config,
                config_missing,
                drafts,
            },
            notices,
        )
    }

    /// True only when `config.json` did not exist: the one case for a first-run dialog. A
    /// config that could not be read is named in the notices instead.
    pub fn is_first_run(&self) -> bool {
        self.config_missing
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

    /// Saves several applicants in one batch (a round import): each file atomically, their
    /// flushes to disk paid together ([`atomic::write_all_with`]), then the in-memory list
    /// updated. On error the error names the file; files not yet replaced keep their old bytes
    /// and the in-memory list is left as it was, so running the same batch again finishes it.
    pub fn save_applicants(&mut self, applicants: &[Applicant]) -> Result<(), WorkspaceError> {
        if self.is_read_only() {
            return Err(WorkspaceError::ReadOnly {
                lock: self.paths().lock.clone(),
            });
        }
        let paths = self.paths().clone();
        let files = applicants
            .iter()
            .map(|a| {
                let bytes = self.saver.at_rest().encode(saver::applicant_bytes(a)?);
                Ok((paths.applicant_file(&a.id)?, bytes))
            })
            .collect::<Result<Vec<_>, WorkspaceError>>()?;
        atomic::write_all_with(self.saver.ops(), &files)?;
        for a in applicants {
            // A recent copy older than this durable save must not win at the next open.
            self.saver.drop_recent(&a.id, u64::MAX);
            self.update_cached(a.clone());
        }
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
        let stamp = file_timestamp(crate::clock::utc_now());
        let dst = unique_path(
            &paths.removed,
            &format!("{}-{stamp}", encode_id(id)?),
            "json",
        );
        let ops = self.saver.ops();
        if src.exists() {
            ops.rename(&src, &dst)
                .map_err(|source| WorkspaceError::Io {
                    action: "move to removed/",
                    path: src.clone(),
                    source,
                })?;
            sync_dirs(ops, &[&paths.applicants, &paths.removed], &dst)?;
        } else {
            // Known only in memory (never saved): the backup is written from memory.
            let bytes = serde_json::to_vec_pretty(&self.applicants[index]).map_err(|source| {
                WorkspaceError::Encode {
                    what: format!("applicant {id}"),
                    source,
                }
            })?;
            atomic::write_with(ops, &dst, &self.saver.at_rest().encode(bytes))?;
        }
        self.applicants.remove(index);
        self.saver.drop_recent(id, u64::MAX);
        Ok(dst)
    }

    /// The backups of removed applicants that can be restored, newest first. A file in
    /// `removed/` that is not one of our backups, or no longer reads as an applicant, is left
    /// out (it stays where it is for a person to look at).
    pub fn removed(&self) -> Vec<RemovedBackup> {
        let paths = self.paths();
        let Ok(entries) = std::fs::read_dir(&paths.removed) else {
            return Vec::new();
        };
        let store = Store {
            paths,
            ops: self.saver.ops(),
            read_only: true,
            now: crate::clock::utc_now(),
            at_rest: self.saver.at_rest(),
        };
        let mut out: Vec<RemovedBackup> = entries
            .flatten()
            .filter_map(|e| {
                let path = e.path();
                let name = e.file_name().to_string_lossy().into_owned();
                let rest = name.strip_suffix(".json")?;
                if atomic::is_temp_name(&name) || !e.file_type().ok()?.is_file() {
                    return None;
                }
                let (encoded, stamp) = rest.split_once('-')?;
                decode_id(encoded)?;
                let a: Applicant = parse(&store.read_regular(&path).ok()?).ok()?;
                a.check_values().ok()?;
                Some(RemovedBackup {
                    id: a.id.into(),
                    name: a.name,
                    removed_at: readable_stamp(stamp),
                    path,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.removed_at
                .cmp(&a.removed_at)
                .then_with(|| natural_cmp(&a.id, &b.id))
        });
        out
    }

    /// Puts a removed applicant back from its backup (one of [`Workspace::removed`]): saved
    /// atomically and durably as `applicants/<id>.json`, then the backup moves to
    /// `removed/restored/`. Refused with [`WorkspaceError::AlreadyExists`] when an applicant
    /// with its id exists (an id is never reused, but a round import can bring it back), so
    /// restoring never overwrites work. With a [`BackgroundSaver`], call its `flush()` first.
    pub fn restore(&mut self, backup: &Path) -> Result<Applicant, WorkspaceError> {
        if self.is_read_only() {
            return Err(WorkspaceError::ReadOnly {
                lock: self.paths().lock.clone(),
            });
        }
        let paths = self.paths().clone();
        let store = Store {
            paths: &paths,
            ops: self.saver.ops(),
            read_only: true,
            now: crate::clock::utc_now(),
            at_rest: self.saver.at_rest(),
        };
        let unreadable = |reason| WorkspaceError::Unreadable {
            path: backup.to_path_buf(),
            reason,
        };
        let bytes = match store.read_regular(backup) {
            Ok(b) => b,
            Err(reason) => {
                return Err(unreadable(reason.unwrap_or(Unreadable::Io {
                    kind: std::io::ErrorKind::NotFound,
                    text: "not found".into(),
                })));
            }
        };
        let a: Applicant = parse(&bytes).map_err(unreadable)?;
        a.check_values()
            .map_err(|v| unreadable(Unreadable::BadValue(v)))?;
        if self.applicant(&a.id).is_some() || paths.applicant_file(&a.id)?.exists() {
            return Err(WorkspaceError::AlreadyExists {
                id: a.id.into(),
                backup: backup.to_path_buf(),
            });
        }
        self.save_applicant(&a)?;
        // The applicant is back and durable; moving the backup aside only keeps the list of
        // backups short. If the move fails the backup stays, and restoring it again is refused
        // (the id exists), so nothing is lost or doubled.
        let done = paths.removed.join("restored");
        let ops = self.saver.ops();
        if ops.create_dir_all(&done).is_ok() {
            let stem = backup
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| encode_id(&a.id).unwrap_or_default());
            let dst = unique_path(&done, &stem, "json");
            if ops.rename(backup, &dst).is_ok() {
                let _ = sync_dirs(ops, &[&paths.removed, &done], &dst);
            }
        }
        Ok(a)
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

    /// Text typed into dialogs and not yet saved, as the last session left it (see
    /// [`drafts`]).
    pub fn drafts(&self) -> &Drafts {
        &self.drafts
    }

    /// How this home keeps its files: plain, or encrypted to its data key.
    pub fn at_rest(&self) -> &AtRest {
        self.saver.at_rest()
    }

    /// Saves the config atomically, then keeps it in memory.
    pub fn save_config(&mut self, config: &Config) -> Result<(), WorkspaceError> {
        self.saver.save_config(config)?;
        self.config = config.clone();
        Ok(())
    }

    /// Takes the export lock (waiting for another exporter, in this or another process). Under
    /// it, [`ExportLock::applicant`] reads what is on disk now and [`ExportLock::next_version`]
    /// issues the version: a sheet with a higher version is never signed from an older state
    /// than a sheet with a lower one, and never from a window's stale in-memory copy.
    pub fn lock_exports(&self) -> Result<ExportLock<'_>, WorkspaceError> {
        let p = self.paths();
        Ok(ExportLock {
            ws: self,
            _guard: counters::lock(&p.counters_lock)?,
        })
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

/// Writes applicants into `dir` (created if needed) as the workspace would, `<id>.json` each,
/// atomically: where unsaved work goes when the workspace's own disk refuses it. Copying the
/// files back into `workspace/applicants/` restores them.
pub fn rescue(dir: &Path, applicants: &[Applicant]) -> Result<(), WorkspaceError> {
    std::fs::create_dir_all(dir).map_err(|source| WorkspaceError::Io {
        action: "create the folder",
        path: dir.to_path_buf(),
        source,
    })?;
    for a in applicants {
        let path = dir.join(format!("{}.json", encode_id(&a.id)?));
        atomic::write(&path, &saver::applicant_bytes(a)?)?;
    }
    Ok(())
}

/// A removed applicant's backup, as [`Workspace::removed`] lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedBackup {
    /// 申报编号, as stored inside the backup.
    pub id: String,
    /// 申报对象名称
    pub name: String,
    /// When it was removed (UTC), from the file name: `2026-11-25 08:53:00Z`.
    pub removed_at: String,
    pub path: PathBuf,
}

/// `20261125T085300.123Z` (or with a `.2` suffix) → `2026-11-25 08:53:00Z`; anything else as it
/// is, so a renamed backup still lists.
fn readable_stamp(stamp: &str) -> String {
    let part = |r: std::ops::Range<usize>| {
        stamp
            .get(r)
            .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
    };
    match (
        part(0..4),
        part(4..6),
        part(6..8),
        stamp.get(8..9),
        part(9..11),
        part(11..13),
        part(13..15),
    ) {
        (Some(y), Some(mo), Some(d), Some("T"), Some(h), Some(mi), Some(s)) => {
            format!("{y}-{mo}-{d} {h}:{mi}:{s}Z")
        }
        _ => stamp.to_string(),
    }
}

/// Held while an export reads its applicant and issues its version (see
/// [`Workspace::lock_exports`]); dropping it lets the next exporter in.
pub struct ExportLock<'w> {
    ws: &'w Workspace,
    _guard: File,
}

impl ExportLock<'_> {
    /// The applicant as saved on disk now, read with the same strictness as at open. A window
    /// whose unsaved changes matter saves them first; this never returns its in-memory copy.
    pub fn applicant(&self, id: &str) -> Result<Applicant, WorkspaceError> {
        let paths = self.ws.paths();
        let path = paths.applicant_file(id)?;
        let store = Store {
            paths,
            ops: self.ws.saver.ops(),
            read_only: true,
            now: crate::clock::utc_now(),
            at_rest: self.ws.saver.at_rest(),
        };
        let bytes = match store.read_regular(&path) {
            Ok(b) => b,
            Err(None) => return Err(WorkspaceError::NotFound(id.to_string())),
            Err(Some(reason)) => return Err(WorkspaceError::Unreadable { path, reason }),
        };
        let unreadable = |reason| WorkspaceError::Unreadable {
            path: path.clone(),
            reason,
        };
        applicant_from(&bytes, id.to_string()).map_err(unreadable)
    }

    /// The next sheet version for the applicant and stage, stored before it is returned.
    pub fn next_version(&self, applicant_id: &str, stage: Stage) -> Result<u32, WorkspaceError> {
        counters::bump(&self.ws.paths().counters, applicant_id, stage)
    }
}

/// The lock is opened for writing: a lock that can only be opened for reading means a home
/// that cannot be written, which is a read-only window, never a writable one that fails on
/// every keystroke.
fn take_lock(lock: &Path, notices: &mut Vec<Notice>) -> Option<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock);
    let file = match file {
        Ok(f) => f,
        Err(e) => {
            notices.push(not_writable(lock, &e));
            return None;
        }
    };
    // A lock held for a moment is waited for: an instance that is just exiting, or a process
    // forked by another thread that still holds a copy of the descriptor until it execs.
    let mut attempt = file.try_lock();
    for _ in 0..15 {
        if !matches!(attempt, Err(TryLockError::WouldBlock)) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        attempt = file.try_lock();
    }
    match attempt {
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

fn not_writable(dir: &Path, e: &std::io::Error) -> Notice {
    Notice::HomeNotWritable {
        dir: dir.to_path_buf(),
        kind: e.kind(),
        text: e.to_string(),
    }
}

/// Creates and writes a temporary file where applicants are saved: a read-only mount (or a
/// folder without write permission) says so here, once, rather than at every save.
fn probe_writable(ops: &dyn FileOps, dir: &Path) -> std::io::Result<()> {
    let mut tmp = ops.create_temp(dir, None)?;
    match ops.write(tmp.as_file_mut(), b"probe")? {
        0 => Err(std::io::Error::from(std::io::ErrorKind::WriteZero)),
        _ => Ok(()),
    }
}

/// Leftovers of a write interrupted by a crash; the real file beside them is intact.
fn clear_temp_files(ops: &dyn FileOps, dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        if atomic::is_temp_name(&e.file_name().to_string_lossy()) {
            let _ = ops.remove_file(&e.path());
        }
    }
}

/// What loading needs: where, how, and whether files may be moved aside.
struct Store<'a> {
    paths: &'a Paths,
    ops: &'a dyn FileOps,
    read_only: bool,
    now: time::OffsetDateTime,
    at_rest: &'a AtRest,
}

impl Store<'_> {
    /// The config, and whether it was missing (a first run). A config that cannot be read is
    /// set aside and named; its defaults are used, but it is not a first run.
    fn load_config(&self, notices: &mut Vec<Notice>) -> (Config, bool) {
        let path = &self.paths.config;
        match self.read_regular(path) {
            Err(None) => (Config::default(), true),
            Err(Some(reason)) => {
                self.quarantine(path, reason, notices);
                (Config::default(), false)
            }
            Ok(bytes) => match parse::<Config>(&bytes) {
                Ok(c) => (c, false),
                Err(reason) => {
                    self.quarantine(path, reason, notices);
                    (Config::default(), false)
                }
            },
        }
    }

    /// The typed drafts; a file that cannot be read is set aside and named (nothing in it is
    /// overwritten), and the app starts without drafts.
    fn load_drafts(&self, notices: &mut Vec<Notice>) -> Drafts {
        let path = &self.paths.drafts_file;
        match self.read_regular(path) {
            Err(None) => Drafts::new(),
            Err(Some(reason)) => {
                self.quarantine(path, reason, notices);
                Drafts::new()
            }
            Ok(bytes) => match parse::<drafts::DraftsFile>(&bytes) {
                Ok(f) => f.drafts,
                Err(reason) => {
                    self.quarantine(path, reason, notices);
                    Drafts::new()
                }
            },
        }
    }

    /// The bytes of a regular file, following a symlink to one. `Err(None)`: nothing there.
    fn read_regular(&self, path: &Path) -> Result<Vec<u8>, Option<Unreadable>> {
        let link = match std::fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(None),
            Err(e) => return Err(Some(io_reason(&e))),
        };
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if link.file_type().is_symlink() && e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Some(Unreadable::DanglingLink));
            }
            Err(e) => return Err(Some(io_reason(&e))),
        };
        if meta.is_dir() {
            return Err(Some(Unreadable::Folder));
        }
        if !meta.is_file() {
            return Err(Some(Unreadable::NotAFile));
        }
        let bytes = self.ops.read(path).map_err(|e| Some(io_reason(&e)))?;
        self.at_rest.decode(bytes).map_err(Some)
    }

    fn load_applicants(&self, notices: &mut Vec<Notice>) -> Vec<Applicant> {
        let mut out: Vec<Applicant> = Vec::new();
        for (path, name) in listed(&self.paths.applicants) {
            // Only our own `<id>.json`; anything else a person left there is not ours to move.
            let Some(stem) = name.strip_suffix(".json") else {
                continue;
            };
            if atomic::is_temp_name(&name) {
                continue;
            }
            let Some(file_id) = decode_id(stem) else {
                self.quarantine(&path, Unreadable::BadName, notices);
                continue;
            };
            match self.read_regular(&path) {
                Err(None) => {} // gone since the folder was listed
                Err(Some(reason)) => self.quarantine(&path, reason, notices),
                Ok(bytes) => match applicant_from(&bytes, file_id) {
                    Ok(a) => out.push(a),
                    Err(reason) => self.quarantine(&path, reason, notices),
                },
            }
        }
        out.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        out
    }

    /// Puts the recent copies (see `saver`) in place of the applicant files they are newer
    /// than; returns the ids recovered. One that cannot be read (a power cut while it was only
    /// in the OS's cache) is moved aside and named, and the applicant file stands.
    fn load_recent(
        &self,
        applicants: &mut Vec<Applicant>,
        notices: &mut Vec<Notice>,
    ) -> Vec<ApplicantId> {
        let mut recovered = Vec::new();
        for (path, name) in listed(&self.paths.recent) {
            let Some(file_id) = name.strip_suffix(".json").and_then(decode_id) else {
                continue;
            };
            let result = match self.read_regular(&path) {
                Err(None) => continue,
                Err(Some(reason)) => Err(reason),
                Ok(bytes) => applicant_from(&bytes, file_id),
            };
            match result {
                Ok(a) => {
                    recovered.push(a.id.clone());
                    match applicants.iter_mut().find(|b| b.id == a.id) {
                        Some(slot) => *slot = a,
                        None => applicants.push(a),
                    }
                }
                Err(reason) => self.quarantine(&path, reason, notices),
            }
        }
        applicants.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        recovered
    }

    /// Moves the file aside (unless read-only) and names it in a notice either way.
    fn quarantine(&self, file: &Path, reason: Unreadable, notices: &mut Vec<Notice>) {
        let mut moved_to = None;
        let mut move_failed = None;
        if !self.read_only {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "file".into());
            let dst = unique_path(
                &self.paths.quarantine,
                &format!("{stem}.{}", file_timestamp(self.now)),
                "json",
            );
            match self.ops.rename(file, &dst) {
                Ok(()) => {
                    let _ = file.parent().map(|d| self.ops.sync_dir(d));
                    let _ = self.ops.sync_dir(&self.paths.quarantine);
                    moved_to = Some(dst);
                }
                Err(e) => move_failed = Some(e.to_string()),
            }
        }
        notices.push(Notice::Quarantined {
            file: file.to_path_buf(),
            reason,
            moved_to,
            move_failed,
        });
    }
}

/// The files of a folder with their names, sorted (nothing when it cannot be listed).
fn listed(dir: &Path) -> Vec<(PathBuf, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(PathBuf, String)> = entries
        .flatten()
        .map(|e| (e.path(), e.file_name().to_string_lossy().into_owned()))
        .collect();
    files.sort();
    files
}

/// An applicant file's bytes, read as strictly as at open: one JSON document, values in range,
/// holding the id its file is named for.
fn applicant_from(bytes: &[u8], file_id: String) -> Result<Applicant, Unreadable> {
    let a: Applicant = parse(bytes)?;
    a.check_values().map_err(Unreadable::BadValue)?;
    if a.id != file_id {
        return Err(Unreadable::WrongId {
            holds: a.id.into(),
            named: file_id,
        });
    }
    Ok(a)
}

fn io_reason(e: &std::io::Error) -> Unreadable {
    Unreadable::Io {
        kind: e.kind(),
        text: e.to_string(),
    }
}

/// Parses exactly one JSON document, reporting the JSON path and line of the first error.
/// Anything after it but white space is an error too: the same strictness as key and counter
/// files, so a file with a second document or garbage appended is named, not half-believed.
pub(crate) fn parse<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, Unreadable> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut *de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        Unreadable::Json(format!(
            "at {path}, line {} column {}: {inner}",
            inner.line(),
            inner.column()
        ))
    })?;
    de.end().map_err(|e| Unreadable::TrailingData {
        line: e.line(),
        column: e.column(),
    })?;
    Ok(value)
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

fn sync_dirs(ops: &dyn FileOps, dirs: &[&Path], what: &Path) -> Result<(), WorkspaceError> {
    for d in dirs {
        ops.sync_dir(d).map_err(|source| WorkspaceError::Io {
            action: "flush the folder of",
            path: what.to_path_buf(),
            source,
        })?;
    }
    Ok(())
}
