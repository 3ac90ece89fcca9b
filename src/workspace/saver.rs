//! Writing to disk, separable from the in-memory [`super::Workspace`] so a TUI can save from
//! another thread. [`Saver`] writes synchronously; [`BackgroundSaver`] owns a thread, coalesces
//! rapid changes (only the newest copy of each applicant is written) and never blocks the caller.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

use super::atomic;
use super::config::Config;
use super::error::WorkspaceError;
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
    /// `<home>/workspace/.lock`
    pub lock: PathBuf,
    /// `<home>/workspace/export-versions.json` and its lock.
    pub counters: PathBuf,
    pub counters_lock: PathBuf,
    /// `<home>/config.json`
    pub config: PathBuf,
}

impl Paths {
    pub fn new(home: &std::path::Path) -> Paths {
        let workspace = home.join("workspace");
        Paths {
            home: home.to_path_buf(),
            applicants: workspace.join("applicants"),
            quarantine: workspace.join("quarantine"),
            removed: workspace.join("removed"),
            lock: workspace.join(".lock"),
            counters: workspace.join("export-versions.json"),
            counters_lock: workspace.join(".export-versions.lock"),
            config: home.join("config.json"),
            workspace,
        }
    }

    /// The file of an applicant: `applicants/<encoded id>.json`.
    pub fn applicant_file(&self, id: &str) -> Result<PathBuf, WorkspaceError> {
        Ok(self.applicants.join(format!("{}.json", encode_id(id)?)))
    }
}

pub(crate) struct Shared {
    pub paths: Paths,
    pub read_only: bool,
    /// Held for the life of the workspace and every saver: dropping the last releases the lock.
    pub _lock: Option<File>,
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
    /// intact. Takes well under a millisecond plus the disk's fsync time.
    pub fn save_applicant(&self, applicant: &Applicant) -> Result<(), WorkspaceError> {
        self.writable()?;
        let path = self.shared.paths.applicant_file(&applicant.id)?;
        let bytes =
            serde_json::to_vec_pretty(applicant).map_err(|source| WorkspaceError::Encode {
                what: format!("applicant {}", applicant.id),
                source,
            })?;
        atomic::write(&path, &bytes)
    }

    pub fn save_config(&self, config: &Config) -> Result<(), WorkspaceError> {
        self.writable()?;
        let bytes = serde_json::to_vec_pretty(config).map_err(|source| WorkspaceError::Encode {
            what: "config".into(),
            source,
        })?;
        atomic::write(&self.shared.paths.config, &bytes)
    }
}

/// What was saved (or failed to be) by a [`BackgroundSaver`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveTarget {
    Applicant(String),
    Config,
}

#[derive(Debug)]
pub struct SaveOutcome {
    pub target: SaveTarget,
    pub result: Result<(), WorkspaceError>,
}

#[derive(Default)]
struct Queue {
    applicants: BTreeMap<String, Applicant>,
    config: Option<Config>,
    busy: bool,
    shutdown: bool,
}

impl Queue {
    fn is_idle(&self) -> bool {
        self.applicants.is_empty() && self.config.is_none() && !self.busy
    }
}

type SharedQueue = Arc<(Mutex<Queue>, Condvar)>;

/// Saves on a thread of its own. `submit_*` never waits on disk: it replaces any pending copy
/// of the same applicant, so a burst of keystrokes costs one write. Errors come back through
/// [`BackgroundSaver::outcomes`]. Dropping it writes what is pending, then stops the thread.
pub struct BackgroundSaver {
    queue: SharedQueue,
    outcomes: Receiver<SaveOutcome>,
    thread: Option<JoinHandle<()>>,
}

fn lock(queue: &SharedQueue) -> MutexGuard<'_, Queue> {
    // A panic while holding this lock can only come from a bug in this file; carry on with
    // the data as it is rather than losing every later save.
    queue.0.lock().unwrap_or_else(|p| p.into_inner())
}

impl BackgroundSaver {
    /// Starts the saver thread; fails only if the OS refuses a thread.
    pub fn spawn(saver: Saver) -> Result<BackgroundSaver, WorkspaceError> {
        let queue: SharedQueue = Arc::new((Mutex::new(Queue::default()), Condvar::new()));
        let (tx, outcomes) = channel();
        let q = Arc::clone(&queue);
        let lock_path = saver.paths().lock.clone();
        let thread = std::thread::Builder::new()
            .name("scorebook-saver".into())
            .spawn(move || run(saver, q, tx))
            .map_err(|source| WorkspaceError::Io {
                action: "start the saving thread for",
                path: lock_path,
                source,
            })?;
        Ok(BackgroundSaver {
            queue,
            outcomes,
            thread: Some(thread),
        })
    }

    /// Queues the applicant; a pending copy with the same id is replaced.
    pub fn submit_applicant(&self, applicant: Applicant) {
        lock(&self.queue)
            .applicants
            .insert(applicant.id.clone(), applicant);
        self.queue.1.notify_all();
    }

    /// Drops a pending (not yet started) save of this applicant. Call it, then [`Self::flush`],
    /// before [`super::Workspace::remove_applicant`], so a queued save cannot bring back a
    /// removed applicant.
    pub fn forget(&self, id: &str) {
        lock(&self.queue).applicants.remove(id);
    }

    pub fn submit_config(&self, config: Config) {
        lock(&self.queue).config = Some(config);
        self.queue.1.notify_all();
    }

    /// Outcomes of finished saves since the last call; never blocks.
    pub fn outcomes(&self) -> Vec<SaveOutcome> {
        self.outcomes.try_iter().collect()
    }

    /// Blocks until everything submitted so far is on disk (or failed).
    pub fn flush(&self) {
        let mut q = lock(&self.queue);
        while !q.is_idle() {
            q = self.queue.1.wait(q).unwrap_or_else(|p| p.into_inner());
        }
    }
}

impl Drop for BackgroundSaver {
    fn drop(&mut self) {
        lock(&self.queue).shutdown = true;
        self.queue.1.notify_all();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(saver: Saver, queue: SharedQueue, tx: Sender<SaveOutcome>) {
    loop {
        let (applicants, config) = {
            let mut q = lock(&queue);
            while q.applicants.is_empty() && q.config.is_none() && !q.shutdown {
                q = queue.1.wait(q).unwrap_or_else(|p| p.into_inner());
            }
            if q.applicants.is_empty() && q.config.is_none() {
                return; // shutdown with nothing pending
            }
            q.busy = true;
            (std::mem::take(&mut q.applicants), q.config.take())
        };
        for (id, a) in applicants {
            let result = saver.save_applicant(&a);
            let _ = tx.send(SaveOutcome {
                target: SaveTarget::Applicant(id),
                result,
            });
        }
        if let Some(c) = config {
            let result = saver.save_config(&c);
            let _ = tx.send(SaveOutcome {
                target: SaveTarget::Config,
                result,
            });
        }
        lock(&queue).busy = false;
        queue.1.notify_all();
    }
}
