//! Merge a panel's sheets (汇总): collect the files, accept each the way `verify` does, compute
//! the statistics and ranking, and write the merge folder and its reports.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::accept::{Refused, read_sheet_file};
use super::panel_dir::{self, PANEL_FILE, ROSTER_FILE, SHEETS_DIR, load_roster, sheet_copy_path};
use super::{Error, write_file};
use crate::clock::Clock;
use crate::panel::{Checked, MergeOptions, Method, PanelResult, check, file_hash, merge_checked};
use crate::panel::{Exclusion, Fault};
use crate::program::Catalog;

/// What the leader asked to merge.
#[derive(Debug, Clone)]
pub struct MergeRequest {
    /// The signed panel roster.
    pub roster: PathBuf,
    /// Sheet files and folders of sheets (searched recursively).
    pub inputs: Vec<PathBuf>,
    /// The merge folder to write.
    pub output: PathBuf,
    pub method: Method,
    pub threshold: u8,
    pub include_drafts: bool,
    pub min_total: Option<Decimal>,
}

/// Something about the inputs worth telling, not worth stopping for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputNote {
    EmptyFolder(PathBuf),
    Missing(PathBuf),
    UnreadableFolder { path: PathBuf, error: String },
}

/// What a merge wrote.
#[derive(Debug)]
pub struct Merged {
    pub result: PanelResult,
    /// `panel.json`.
    pub panel_path: PathBuf,
    /// The report files written beside it.
    pub reports: Vec<PathBuf>,
}

/// Files the merge itself writes: skipped when a folder being searched holds the output folder.
const OUTPUT_NAMES: &[&str] = &[
    PANEL_FILE,
    ROSTER_FILE,
    panel_dir::DRAFT_FILE,
    "scores.csv",
    "scores.xlsx",
    "report.html",
];

/// Runs a merge. `notes` hears about empty or missing inputs before anything is read, so a
/// front end can show them even when the merge then stops.
pub fn merge(
    request: &MergeRequest,
    catalog: &Catalog,
    clock: &dyn Clock,
    notes: &mut dyn FnMut(InputNote),
) -> Result<Merged, Error> {
    let roster_bytes = panel_dir::read(&request.roster)?;
    let roster = load_roster(&request.roster)?.roster;
    if catalog.program(&roster.program).is_none() {
        return Err(Error::RosterProgramUnknown {
            path: request.roster.clone(),
            program: roster.program,
        });
    }
    let (files, found) = collect(&request.inputs, &request.output);
    found.into_iter().for_each(&mut *notes);
    if files.is_empty() {
        return Err(Error::NoFiles);
    }
    let opts = MergeOptions {
        method: request.method,
        threshold: request.threshold,
        include_drafts: request.include_drafts,
        min_total: request.min_total,
        created_at: clock.timestamp(),
    };
    let result = merge_checked(
        files.iter().map(|p| read_checked(p, catalog)),
        &roster,
        catalog,
        &opts,
    );
    write_out(&request.output, &result, &roster_bytes)?;
    let reports =
        crate::report::write_all(&result, catalog, &request.output).map_err(Error::Reports)?;
    Ok(Merged {
        result,
        panel_path: request.output.join(PANEL_FILE),
        reports,
    })
}

/// Every file named or found under the inputs, sorted, with notes on empty or missing ones.
pub fn collect(inputs: &[PathBuf], out_dir: &Path) -> (Vec<PathBuf>, Vec<InputNote>) {
    let out = fs::canonicalize(out_dir).ok();
    let mut files = BTreeSet::new();
    let mut notes = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let before = files.len();
            walk(input, out.as_deref(), &mut files, &mut notes);
            if files.len() == before {
                notes.push(InputNote::EmptyFolder(input.clone()));
            }
        } else if input.exists() {
            files.insert(input.clone());
        } else {
            notes.push(InputNote::Missing(input.clone()));
        }
    }
    (files.into_iter().collect(), notes)
}

fn walk(dir: &Path, out: Option<&Path>, files: &mut BTreeSet<PathBuf>, notes: &mut Vec<InputNote>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            notes.push(InputNote::UnreadableFolder {
                path: dir.to_path_buf(),
                error: e.to_string(),
            });
            return;
        }
    };
    let canonical = fs::canonicalize(dir).ok();
    let in_out = out.is_some() && canonical.as_deref() == out;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let output = name == SHEETS_DIR
            || OUTPUT_NAMES.contains(&name.as_str())
            || (name.starts_with("feedback-") && name.ends_with(".html"));
        if in_out && output {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, out, files, notes);
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            files.insert(path);
        }
    }
}

/// Reads and checks one file the way `verify` does; a file too large or unreadable is listed,
/// never fatal.
pub fn read_checked(path: &Path, catalog: &Catalog) -> Checked {
    let shown = path.display().to_string();
    match read_sheet_file(path) {
        Ok(bytes) => check(shown, &bytes, catalog),
        Err(Refused::Sheet(e)) => Checked {
            path: shown,
            hash: String::new(),
            outcome: Err(crate::panel::merge::refused(&e, b"")),
        },
        Err(r) => Checked {
            path: shown,
            hash: file_hash(b""),
            outcome: Err(Exclusion::from_fault(match r {
                Refused::Directory => Fault::Directory,
                Refused::Bom => Fault::Bom,
                Refused::Unreadable(e) => Fault::Unreadable {
                    error: e.to_string(),
                },
                Refused::Sheet(e) => Fault::Check(e),
            })),
        },
    }
}

/// Writes panel.json, the roster copy and the copies of the sheets used, each atomically.
pub fn write_out(dir: &Path, result: &PanelResult, roster_bytes: &[u8]) -> Result<(), Error> {
    let sheets = dir.join(SHEETS_DIR);
    fs::create_dir_all(&sheets).map_err(|source| Error::Write {
        path: sheets.clone(),
        source,
    })?;
    let used: BTreeSet<&str> = result
        .results
        .iter()
        .flat_map(|r| r.sources.iter().chain(r.consensus_sheet.iter()))
        .map(String::as_str)
        .collect();
    for input in &result.inputs {
        if !used.contains(input.hash.as_str()) {
            continue;
        }
        let target = sheet_copy_path(dir, &input.hash);
        if target.exists() {
            continue;
        }
        let bytes = panel_dir::read(Path::new(&input.path))?;
        // The file may have changed since it was checked: copy only the bytes that were.
        if file_hash(&bytes) != input.hash {
            return Err(Error::ChangedDuringMerge {
                path: input.path.clone(),
            });
        }
        write_file(&target, &bytes, None, true)?;
    }
    write_file(&dir.join(ROSTER_FILE), roster_bytes, None, true)?;
    let mut json = serde_json::to_vec_pretty(result).map_err(|e| Error::Internal(e.to_string()))?;
    json.push(b'\n');
    write_file(&dir.join(PANEL_FILE), &json, None, true)
}
