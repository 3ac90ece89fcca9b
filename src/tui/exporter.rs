//! Export off the UI thread (issue 11, "Speed"): signing, writing the sheet and its printable
//! HTML run on a worker, after the saves queued before them have landed, so a keystroke never
//! waits on the disk or on signing. The loop hands a job over, shows that it is running, and
//! puts the worker's result in the status line when it comes back.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use super::model::StatusLine;
use crate::lang::Lang;
use crate::program::Catalog;
use crate::review::Stage;
use crate::workspace::{Flusher, Workspace};

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportJob {
    /// The signed sheet of one stage; `draft` when items are unscored.
    Sheet {
        id: String,
        stage: Stage,
        draft: bool,
        /// Sealed to the round's leader (and office).
        seal: bool,
    },
    /// The signed recusal record (回避声明).
    Recusal { id: String },
}

struct Job {
    what: ExportJob,
    /// The reviewer's name, for a key made on the way (a home that never had one).
    name: String,
    lang: Lang,
}

/// The export worker: one thread, jobs in order.
pub struct Exporter {
    jobs: Option<Sender<Job>>,
    results: Receiver<StatusLine>,
    running: usize,
    thread: Option<JoinHandle<()>>,
}

impl Exporter {
    /// Starts the worker for this home. `flusher` waits for the saves queued before a job.
    pub fn spawn(home: PathBuf, catalog: Catalog, flusher: Flusher) -> std::io::Result<Exporter> {
        let (jobs, inbox) = channel::<Job>();
        let (outbox, results) = channel();
        let thread = std::thread::Builder::new()
            .name("scorebook-export".into())
            .spawn(move || {
                for job in inbox {
                    let done = run_job(&home, &catalog, &flusher, job);
                    if outbox.send(done).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Exporter {
            jobs: Some(jobs),
            results,
            running: 0,
            thread: Some(thread),
        })
    }

    /// Hands a job to the worker; never blocks.
    pub fn submit(&mut self, what: ExportJob, name: &str, lang: Lang) -> bool {
        let job = Job {
            what,
            name: name.to_string(),
            lang,
        };
        let sent = self.jobs.as_ref().is_some_and(|tx| tx.send(job).is_ok());
        if sent {
            self.running += 1;
        }
        sent
    }

    /// Results that came back since the last call; never blocks.
    pub fn results(&mut self) -> Vec<StatusLine> {
        let done: Vec<StatusLine> = self.results.try_iter().collect();
        self.running = self.running.saturating_sub(done.len());
        done
    }

    /// Jobs handed over and not yet back.
    pub fn running(&self) -> usize {
        self.running
    }

    /// Waits for every job handed over (quitting: a sheet being signed is finished, not cut).
    pub fn finish(&mut self) -> Vec<StatusLine> {
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        self.results()
    }
}

impl Drop for Exporter {
    fn drop(&mut self) {
        self.finish();
    }
}

/// One job, as the synchronous path runs it: saves first, a key if missing, then the export
/// through the same function as `scorebook export`, on a read-only view of the workspace.
fn run_job(home: &std::path::Path, catalog: &Catalog, flusher: &Flusher, job: Job) -> StatusLine {
    flusher.flush();
    if flusher.failing() {
        return StatusLine::Error(crate::i18n::durable::export_unsaved(job.lang).into());
    }
    if let Some(e) = super::app::make_key(home, &job.name, job.lang) {
        return e;
    }
    let (ws, _) = Workspace::open_read_only(home);
    match job.what {
        ExportJob::Sheet {
            id,
            stage,
            draft,
            seal,
        } => super::app::export_sheet_status(&ws, catalog, job.lang, &id, stage, draft, seal),
        ExportJob::Recusal { id } => super::app::export_recusal_status(&ws, catalog, job.lang, &id),
    }
}
