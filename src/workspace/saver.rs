//! Writing to disk, separable from the in-memory [`super::Workspace`] so a TUI can save from
//! another thread. [`Saver`] writes synchronously; [`BackgroundSaver`] owns two threads,
//! coalesces rapid changes (only the newest copy of each applicant is written), retries a failed
//! save with backoff until it succeeds, and never blocks the caller.
//!
//! Why two steps. A durable save waits for `fsync`, which on a busy or slow disk takes hundreds
//! of milliseconds; a process killed meanwhile (a crash, `kill -9`, a laptop lid on a hung
//! machine) would lose everything typed since the last save that landed. So each copy is first
//! written as a **recent copy** (`workspace/recent/<id>.json`: temp file, rename, no sync —
//! in the OS's cache within a millisecond, which survives the process dying), and then saved
//! durably to `applicants/<id>.json`; once that lands, the recent copy is removed unless a newer
//! one has replaced it. At open a recent copy that reads cleanly wins over the applicant file
//! (it is never older: it is written before its durable save starts and removed only after a
//! newer durable save); one left unreadable by a power cut is moved aside and the durable file
//! used.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::atomic;
use super::config::Config;
use super::drafts::Drafts;
use super::error::WorkspaceError;
use super::fileops::FileOps;
use super::names::encode_id;
use crate::review::Applicant;

/// Where everything lives under the home folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub home: PathBuf,
    /// `<home>/workspace`
    pub workspace: PathBuf,
    /// `<home>/workspace/applicants` — one `<encoded id>.json` per applicant.
    pub applicants: PathBuf,
    /// `<home>/workspace/quarantine` — unreadable files moved aside at open.
    pub quarantine: PathBuf,
    /// `<home>/workspace/removed` — backups of removed applicants.
    pub removed: PathBuf,
    /// `<home>/workspace/recent` — recent copies not yet saved durably (see the module docs).
    pub recent: PathBuf,
    /// `<home>/workspace/.lock`
    pub lock: PathBuf,
    /// `<home>/workspace/export-versions.json` and its lock.
    pub counters: PathBuf,
    pub counters_lock: PathBuf,
    /// `<home>/config.json`
    pub config: PathBuf,
    /// `<home>/workspace/drafts` and its one file, `typed.json` (see [`super::drafts`]).
    pub drafts: PathBuf,
    pub drafts_file: PathBuf,
}

impl Paths {
    pub fn new(home: &std::path::Path) -> Paths {
        let workspace = home.join("workspace");
        Paths {
            home: home.to_path_buf(),
            applicants: workspace.join("applicants"),
            quarantine: workspace.join("quarantine"),
            removed: workspace.join("removed"),
            recent: workspace.join("recent"),
            lock: workspace.join(".lock"),
            counters: workspace.join("export-versions.json"),
            counters_lock: workspace.join(".export-versions.lock"),
            config: home.join("config.json"),
            drafts: workspace.join("drafts"),
            drafts_file: workspace.join("drafts").join("typed.json"),
            workspace,
        }
    }

    /// The file of an applicant: `applicants/<encoded id>.json`.
    pub fn applicant_file(&self, id: &str) -> Result<PathBuf, WorkspaceError> {
        Ok(self.applicants.join(format!("{}.json", encode_id(id)?)))
    }

    /// The recent copy of an applicant: `recent/<encoded id>.json`.
    pub fn recent_file(&self, id: &str) -> Result<PathBuf, WorkspaceError> {
        Ok(self.recent.join(format!("{}.json", encode_id(id)?)))
    }
}

pub(crate) struct Shared {
    pub paths: Paths,
    /// Every file step goes through here: the real file system, or a test's faulty one.
    pub ops: Arc<dyn FileOps>,
    pub read_only: bool,
    /// Held for the life of the workspace and every saver: dropping the last releases the lock.
    pub _lock: Option<File>,
    /// Which generation of each applicant the recent copy on disk holds (written by this
    /// process); taken while a recent copy is written or removed.
    pub recent: Mutex<BTreeMap<String, u64>>,
    /// Plain or encrypted at rest (第二十一条): every applicant byte written goes through it.
    pub at_rest: super::at_rest::AtRest,
}

/// Writes applicants and the config to disk, atomically. Cheap to clone, `Send + Sync`: keeps
/// the workspace lock alive while any clone exists.
#[derive(Clone)]
pub struct Saver {
    pub(crate) shared: Arc<Shared>,
}

impl Saver {
    pub fn is_read_only(&self) -> bool {
        self.shared.read_only
    }

    pub fn paths(&self) -> &Paths {
        &self.shared.paths
    }

    /// The file operations every write goes through.
    pub fn ops(&self) -> &dyn FileOps {
        self.shared.ops.as_ref()
    }

    fn writable(&self) -> Result<(), WorkspaceError> {
        if self.shared.read_only {
            Err(WorkspaceError::ReadOnly {
                lock: self.shared.paths.lock.clone(),
            })
        } else {
            Ok(())
        }
    }

    /// Serialises and atomically replaces the applicant's file. On error the previous file is
    /// intact. Takes well under a millisecond plus the disk's fsync time. Comments and other
    /// entries that hold nothing are not written (see [`Applicant::without_empty_entries`]).
    pub fn save_applicant(&self, applicant: &Applicant) -> Result<(), WorkspaceError> {
        self.save_generation(applicant, u64::MAX)
    }

    /// The durable save of generation `generation` of the applicant; once it lands, the recent
    /// copy goes unless it holds a newer generation.
    fn save_generation(
        &self,
        applicant: &Applicant,
        generation: u64,
    ) -> Result<(), WorkspaceError> {
        self.writable()?;
        let path = self.shared.paths.applicant_file(&applicant.id)?;
        let bytes = self.shared.at_rest.encode(applicant_bytes(applicant)?);
        atomic::write_with(self.ops(), &path, &bytes)?;
        self.drop_recent(&applicant.id, generation);
        Ok(())
    }

    /// Writes the recent copy (no sync: see the module docs). A failure is not reported: the
    /// durable save that follows fails the same way and says so.
    fn write_recent(&self, applicant: &Applicant, generation: u64) {
        if self.shared.read_only {
            return;
        }
        let (Ok(path), Ok(bytes)) = (
            self.shared.paths.recent_file(&applicant.id),
            applicant_bytes(applicant),
        ) else {
            return;
        };
        let bytes = self.shared.at_rest.encode(bytes);
        let opts = atomic::WriteOptions {
            durable: false,
            ..atomic::WriteOptions::default()
        };
        let mut held = lock_recent(&self.shared);
        if atomic::replace_with(self.ops(), &path, &bytes, opts).is_ok() {
            held.insert(applicant.id.to_string(), generation);
        }
    }

    /// Removes the recent copy of `id` unless it holds a generation newer than `saved`.
    pub(crate) fn drop_recent(&self, id: &str, saved: u64) {
        let mut held = lock_recent(&self.shared);
        if held.get(id).is_some_and(|g| *g > saved) {
            return;
        }
        if let Ok(path) = self.shared.paths.recent_file(id) {
            match self.ops().remove_file(&path) {
                Ok(()) => {
                    held.remove(id);
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    held.remove(id);
                }
                // Left for the next save or open; it is never older than the durable file.
                Err(_) => {}
            }
        }
    }

    /// How this home keeps its files (plain, or encrypted to its data key).
    pub fn at_rest(&self) -> &super::at_rest::AtRest {
        &self.shared.at_rest
    }

    pub fn save_config(&self, config: &Config) -> Result<(), WorkspaceError> {
        self.writable()?;
        let bytes = serde_json::to_vec_pretty(config).map_err(|source| WorkspaceError::Encode {
            what: "config".into(),
            source,
        })?;
        atomic::write_with(self.ops(), &self.shared.paths.config, &bytes)
    }

    /// Replaces the typed drafts (sealed like an applicant file when the home is encrypted);
    /// none at all removes the file.
    pub fn save_drafts(&self, drafts: &Drafts) -> Result<(), WorkspaceError> {
        self.writable()?;
        let path = &self.shared.paths.drafts_file;
        if drafts.is_empty() {
            return match self.ops().remove_file(path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(WorkspaceError::Io {
                    action: "remove",
                    path: path.clone(),
                    source: e,
                }),
                _ => Ok(()),
            };
        }
        let file = super::drafts::DraftsFile {
            drafts: drafts.clone(),
        };
        let bytes = serde_json::to_vec_pretty(&file).map_err(|source| WorkspaceError::Encode {
            what: "drafts".into(),
            source,
        })?;
        let bytes = self.shared.at_rest.encode(bytes);
        atomic::write_with(self.ops(), path, &bytes)
    }
}

fn lock_recent(shared: &Shared) -> MutexGuard<'_, BTreeMap<String, u64>> {
    shared.recent.lock().unwrap_or_else(|p| p.into_inner())
}

/// The bytes an applicant is saved as.
pub(crate) fn applicant_bytes(applicant: &Applicant) -> Result<Vec<u8>, WorkspaceError> {
    serde_json::to_vec_pretty(&applicant.without_empty_entries()).map_err(|source| {
        WorkspaceError::Encode {
            what: format!("applicant {}", applicant.id),
            source,
        }
    })
}

/// What was saved (or failed to be) by a [`BackgroundSaver`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SaveTarget {
    Applicant(String),
    Config,
    /// Text typed into dialogs (see [`super::drafts`]).
    Drafts,
}

/// One attempt of the [`BackgroundSaver`].
#[derive(Debug)]
pub struct SaveOutcome {
    pub target: SaveTarget,
    pub result: Result<(), WorkspaceError>,
    /// 1 for the first attempt of this copy, 2 for its first retry, …
    pub attempt: u32,
    /// After a failure: when the next attempt comes (sooner if a newer copy is submitted).
    pub retry_in: Option<Duration>,
}

/// How long a failed save waits before it is tried again: `first`, doubling up to `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub first: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            first: Duration::from_millis(250),
            max: Duration::from_secs(5),
        }
    }
}

impl Backoff {
    /// The wait after `failures` failed attempts in a row (1, 2, …).
    pub fn delay(&self, failures: u32) -> Duration {
        let factor = 1u32 << failures.saturating_sub(1).min(16);
        self.first.saturating_mul(factor).min(self.max)
    }
}

enum Job {
    /// An applicant and its generation (the count of submits, so a recent copy can tell
    /// whether a durable save has caught up with it).
    Applicant(Box<Applicant>, u64),
    Config(Config),
    Drafts(Drafts),
}

struct Pending {
    job: Job,
    /// Submitted since the last attempt: tried at once, and waited for by `flush`.
    fresh: bool,
    /// Failed attempts in a row for this target.
    failures: u32,
    retry_at: Option<Instant>,
}

#[derive(Default)]
struct Queue {
    pending: BTreeMap<SaveTarget, Pending>,
    in_flight: BTreeSet<SaveTarget>,
    shutdown: bool,
}

impl Queue {
    fn submit(&mut self, target: SaveTarget, job: Job) {
        let failures = self.pending.get(&target).map_or(0, |p| p.failures);
        self.pending.insert(
            target,
            Pending {
                job,
                fresh: true,
                failures,
                retry_at: None,
            },
        );
    }

    /// Nothing submitted is waiting for its first attempt, and nothing is being written.
    fn is_settled(&self) -> bool {
        self.in_flight.is_empty() && !self.pending.values().any(|p| p.fresh)
    }

    /// What is to be written now; at shutdown, everything pending gets one last attempt.
    fn take_due(&mut self, now: Instant) -> Vec<(SaveTarget, Job, u32)> {
        let shutdown = self.shutdown;
        let due: Vec<SaveTarget> = self
            .pending
            .iter()
            .filter(|(_, p)| shutdown || p.fresh || p.retry_at.is_none_or(|t| t <= now))
            .map(|(t, _)| t.clone())
            .collect();
        due.into_iter()
            .filter_map(|t| {
                let p = self.pending.remove(&t)?;
                self.in_flight.insert(t.clone());
                Some((t, p.job, p.failures))
            })
            .collect()
    }

    fn next_retry(&self) -> Option<Instant> {
        self.pending.values().filter_map(|p| p.retry_at).min()
    }
}

type SharedQueue = Arc<(Mutex<Queue>, Condvar)>;

/// What waits for its recent copy, newest generation per applicant.
#[derive(Default)]
struct RecentQueue {
    pending: BTreeMap<String, (u64, Box<Applicant>)>,
    next_generation: u64,
    /// The writer thread is between taking a batch and handing it on.
    busy: bool,
    shutdown: bool,
}

type SharedRecent = Arc<(Mutex<RecentQueue>, Condvar)>;

/// Saves on a thread of its own. `submit_*` never waits on disk: it replaces any pending copy
/// of the same applicant, so a burst of keystrokes costs one write. A failed save is kept and
/// tried again with [`Backoff`] until it succeeds or a newer copy replaces it; every attempt
/// comes back through [`BackgroundSaver::outcomes`], and [`BackgroundSaver::unsaved`] says what
/// is not on disk yet. Dropping it tries once more what is pending, then stops the thread:
/// a caller that must not lose work checks `unsaved()` first.
pub struct BackgroundSaver {
    queue: SharedQueue,
    recent: SharedRecent,
    outcomes: Receiver<SaveOutcome>,
    thread: Option<JoinHandle<()>>,
    recent_thread: Option<JoinHandle<()>>,
}

fn lock(queue: &SharedQueue) -> MutexGuard<'_, Queue> {
    // A panic while holding this lock can only come from a bug in this file; carry on with
    // the data as it is rather than losing every later save.
    queue.0.lock().unwrap_or_else(|p| p.into_inner())
}

fn lock_queue(recent: &SharedRecent) -> MutexGuard<'_, RecentQueue> {
    recent.0.lock().unwrap_or_else(|p| p.into_inner())
}

impl BackgroundSaver {
    /// Starts the saver thread; fails only if the OS refuses a thread.
    pub fn spawn(saver: Saver) -> Result<BackgroundSaver, WorkspaceError> {
        BackgroundSaver::spawn_with(saver, Backoff::default())
    }

    /// [`BackgroundSaver::spawn`] with another backoff (tests use milliseconds).
    pub fn spawn_with(saver: Saver, backoff: Backoff) -> Result<BackgroundSaver, WorkspaceError> {
        let queue: SharedQueue = Arc::new((Mutex::new(Queue::default()), Condvar::new()));
        let recent: SharedRecent = Arc::new((Mutex::new(RecentQueue::default()), Condvar::new()));
        let (tx, outcomes) = channel();
        let lock_path = saver.paths().lock.clone();
        let refused = |source| WorkspaceError::Io {
            action: "start the saving thread for",
            path: lock_path.clone(),
            source,
        };
        let (q, s) = (Arc::clone(&queue), saver.clone());
        let thread = std::thread::Builder::new()
            .name("scorebook-saver".into())
            .spawn(move || run(s, q, tx, backoff))
            .map_err(refused)?;
        let (q, r) = (Arc::clone(&queue), Arc::clone(&recent));
        let recent_thread = std::thread::Builder::new()
            .name("scorebook-recent".into())
            .spawn(move || run_recent(saver, r, q));
        let mut bg = BackgroundSaver {
            queue,
            recent,
            outcomes,
            thread: Some(thread),
            recent_thread: None,
        };
        // On failure `bg` is dropped here, which stops the saving thread.
        bg.recent_thread = Some(recent_thread.map_err(refused)?);
        Ok(bg)
    }

    /// Queues the applicant; a pending copy with the same id is replaced. Its recent copy is
    /// written at once by one thread, its durable save follows on the other.
    pub fn submit_applicant(&self, applicant: Applicant) {
        let mut q = lock_queue(&self.recent);
        q.next_generation += 1;
        let generation = q.next_generation;
        q.pending
            .insert(applicant.id.to_string(), (generation, Box::new(applicant)));
        drop(q);
        self.recent.1.notify_all();
    }

    /// Drops a pending (not yet started) save of this applicant. Call it, then [`Self::flush`],
    /// before [`super::Workspace::remove_applicant`], so a queued save cannot bring back a
    /// removed applicant.
    pub fn forget(&self, id: &str) {
        lock_queue(&self.recent).pending.remove(id);
        lock(&self.queue)
            .pending
            .remove(&SaveTarget::Applicant(id.to_string()));
    }

    pub fn submit_config(&self, config: Config) {
        lock(&self.queue).submit(SaveTarget::Config, Job::Config(config));
        self.queue.1.notify_all();
    }

    /// Queues the typed drafts; a pending copy is replaced (a burst of keystrokes, one write).
    pub fn submit_drafts(&self, drafts: Drafts) {
        lock(&self.queue).submit(SaveTarget::Drafts, Job::Drafts(drafts));
        self.queue.1.notify_all();
    }

    /// Outcomes of finished attempts since the last call; never blocks.
    pub fn outcomes(&self) -> Vec<SaveOutcome> {
        self.outcomes.try_iter().collect()
    }

    /// Blocks until everything submitted so far has been attempted once (saved, or failed and
    /// waiting for its retry).
    pub fn flush(&self) {
        self.flusher().flush();
    }

    /// A handle another thread can wait on (an export signs what is on disk, so it waits for
    /// the saves submitted before it, off the UI thread).
    pub fn flusher(&self) -> Flusher {
        Flusher {
            queue: Arc::clone(&self.queue),
            recent: Arc::clone(&self.recent),
        }
    }

    /// Everything submitted that is not on disk yet: waiting, being written, or failed and
    /// waiting for a retry.
    pub fn unsaved(&self) -> Vec<SaveTarget> {
        let mut v: BTreeSet<SaveTarget> = lock_queue(&self.recent)
            .pending
            .keys()
            .map(|id| SaveTarget::Applicant(id.clone()))
            .collect();
        let q = lock(&self.queue);
        v.extend(q.pending.keys().cloned());
        v.extend(q.in_flight.iter().cloned());
        v.into_iter().collect()
    }

    /// Whose last attempt failed (and is waiting for a retry).
    pub fn failing(&self) -> Vec<SaveTarget> {
        lock(&self.queue)
            .pending
            .iter()
            .filter(|(_, p)| p.failures > 0)
            .map(|(t, _)| t.clone())
            .collect()
    }

    /// Tries every failed save again now instead of at its backoff time (space was freed).
    pub fn retry_now(&self) {
        for p in lock(&self.queue).pending.values_mut() {
            p.retry_at = None;
        }
        self.queue.1.notify_all();
    }
}

/// [`BackgroundSaver::flush`] and [`BackgroundSaver::failing`] from another thread.
#[derive(Clone)]
pub struct Flusher {
    queue: SharedQueue,
    recent: SharedRecent,
}

impl Flusher {
    /// Blocks until everything submitted so far has been attempted once.
    pub fn flush(&self) {
        let mut r = lock_queue(&self.recent);
        while r.busy || !r.pending.is_empty() {
            r = self.recent.1.wait(r).unwrap_or_else(|p| p.into_inner());
        }
        drop(r);
        let mut q = lock(&self.queue);
        while !q.is_settled() {
            q = self.queue.1.wait(q).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// Whether any save's last attempt failed.
    pub fn failing(&self) -> bool {
        lock(&self.queue).pending.values().any(|p| p.failures > 0)
    }
}

impl Drop for BackgroundSaver {
    fn drop(&mut self) {
        // The recent-copy thread first: it hands what it holds to the saving thread.
        lock_queue(&self.recent).shutdown = true;
        self.recent.1.notify_all();
        if let Some(t) = self.recent_thread.take() {
            let _ = t.join();
        }
        lock(&self.queue).shutdown = true;
        self.queue.1.notify_all();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(saver: Saver, queue: SharedQueue, tx: Sender<SaveOutcome>, backoff: Backoff) {
    loop {
        let batch = {
            let mut q = lock(&queue);
            loop {
                let due = q.take_due(Instant::now());
                if !due.is_empty() {
                    break due;
                }
                if q.shutdown {
                    return; // nothing pending
                }
                q = match q.next_retry() {
                    Some(at) => {
                        let wait = at.saturating_duration_since(Instant::now());
                        queue
                            .1
                            .wait_timeout(q, wait)
                            .map(|(g, _)| g)
                            .unwrap_or_else(|p| p.into_inner().0)
                    }
                    None => queue.1.wait(q).unwrap_or_else(|p| p.into_inner()),
                };
            }
        };
        for (target, job, failures) in batch {
            let result = match &job {
                Job::Applicant(a, generation) => saver.save_generation(a, *generation),
                Job::Config(c) => saver.save_config(c),
                Job::Drafts(d) => saver.save_drafts(d),
            };
            let attempt = failures + 1;
            let mut retry_in = None;
            {
                let mut q = lock(&queue);
                q.in_flight.remove(&target);
                // At shutdown each pending copy gets one last attempt, not a retry loop.
                if result.is_err() && !q.shutdown {
                    let delay = backoff.delay(attempt);
                    retry_in = Some(delay);
                    let retry_at = Some(Instant::now() + delay);
                    match q.pending.get_mut(&target) {
                        // A newer copy came in meanwhile: it is tried at once, and counts the
                        // failure so the status stays "not saved" until it lands.
                        Some(newer) => newer.failures = attempt,
                        None => {
                            q.pending.insert(
                                target.clone(),
                                Pending {
                                    job,
                                    fresh: false,
                                    failures: attempt,
                                    retry_at,
                                },
                            );
                        }
                    }
                }
            }
            let _ = tx.send(SaveOutcome {
                target,
                result,
                attempt,
                retry_in,
            });
            queue.1.notify_all();
        }
    }
}

/// The recent-copy thread: writes each submitted copy's recent copy at once, then hands it to
/// the saving thread, so a durable save never starts before the recent copy it supersedes.
fn run_recent(saver: Saver, recent: SharedRecent, queue: SharedQueue) {
    loop {
        let batch = {
            let mut r = lock_queue(&recent);
            loop {
                if !r.pending.is_empty() {
                    r.busy = true;
                    break std::mem::take(&mut r.pending);
                }
                if r.shutdown {
                    return;
                }
                r = recent.1.wait(r).unwrap_or_else(|p| p.into_inner());
            }
        };
        for (id, (generation, applicant)) in batch {
            saver.write_recent(&applicant, generation);
            lock(&queue).submit(
                SaveTarget::Applicant(id),
                Job::Applicant(applicant, generation),
            );
            queue.1.notify_all();
        }
        lock_queue(&recent).busy = false;
        recent.1.notify_all();
    }
}
