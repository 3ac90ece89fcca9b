//! Merge a panel's sheets (汇总): collect the files, accept each the way `verify` does, compute
//! the statistics and ranking, and write the merge folder and its reports.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::accept::{Refused, Unsealer, read_sheet_file_with};
use super::panel_dir::{
    self, COVERAGE_FILE, PANEL_FILE, ROSTER_FILE, ROUND_FILE, SHEETS_DIR, load_roster,
    sheet_copy_path,
};
use super::{Error, write_file};
use crate::clock::Clock;
use crate::panel::round::{Input, check_recusal};
use crate::panel::{Checked, MergeOptions, Method, PanelResult, check, file_hash, merge_checked};
use crate::panel::{Exclusion, Fault, merge::merge_round_checked};
use crate::program::Catalog;
use crate::round::{VerifiedRound, verify_round};
use crate::sheet::{DocumentKind, VerifyError};

/// Who the panel is: a signed round (评审轮次: applicants, panel, stages) or, for panels
/// before rounds, a signed roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PanelSource {
    Round(PathBuf),
    Roster(PathBuf),
}

/// What the leader asked to merge.
#[derive(Debug, Clone)]
pub struct MergeRequest {
    /// The signed round or roster.
    pub panel: PanelSource,
    /// Sheet files and folders of sheets (searched recursively).
    pub inputs: Vec<PathBuf>,
    /// The merge folder to write.
    pub output: PathBuf,
    pub method: Method,
    pub threshold: u8,
    pub include_drafts: bool,
    pub min_total: Option<Decimal>,
    /// Places on the proposed site-review shortlist per track (against a round; default:
    /// from the programme's quotas).
    pub shortlist: Option<u32>,
    /// Whose key opens sheets sealed to the leader (`export --seal`): the home's, or an age
    /// identity file (`--identity`); None: sealed sheets are listed as not openable here.
    pub unseal_with: Option<super::accept::UnsealWith>,
    /// A merge folder of the same round holding the document-stage results, for the site
    /// reports' score change when these inputs have no document-stage sheets.
    pub document: Option<PathBuf>,
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
    ROUND_FILE,
    COVERAGE_FILE,
    panel_dir::DRAFT_FILE,
    panel_dir::CONSENSUS_LOCK,
    panel_dir::SYNTHESIS_FILE,
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
    let (panel_path, panel_bytes) = match &request.panel {
        PanelSource::Round(p) | PanelSource::Roster(p) => (p, panel_dir::read(p)?),
    };
    let panel = match &request.panel {
        PanelSource::Roster(path) => Panel::Roster(load_roster(path)?.roster),
        PanelSource::Round(path) => {
            Panel::Round(Box::new(verify_round(&panel_bytes).map_err(|source| {
                Error::RoundRefused {
                    path: path.clone(),
                    source,
                }
            })?))
        }
    };
    let program = match &panel {
        Panel::Roster(r) => r.program.clone(),
        Panel::Round(r) => r.round.program.id.clone(),
    };
    if catalog.program(&program).is_none() {
        return Err(Error::RosterProgramUnknown {
            path: panel_path.clone(),
            program,
        });
    }
    // The stage reports' other inputs, read before anything is written.
    let synthesis = panel_dir::load_synthesis(&request.output)?;
    let document = match &request.document {
        Some(dir) => {
            let d = panel_dir::load_panel(dir)?;
            let (round_id, d_round_id) = (
                panel_round_id(&panel),
                d.round_file.as_ref().map(|r| r.id.as_str()),
            );
            let other_round = round_id.is_some() && d_round_id.is_some() && round_id != d_round_id;
            if d.program != program || other_round {
                return Err(Error::DocumentOtherRound {
                    dir: dir.clone(),
                    program: d.program,
                    round: d.round,
                });
            }
            Some(d)
        }
        None => None,
    };
    let (mut files, found) = collect(&request.inputs, &request.output);
    // The consensus sheets a leader exported into OUT count as inputs of the next merge into
    // it: the same command, run again, applies them.
    for c in consensus_in(&request.output) {
        if !same_file_listed(&files, &c) {
            files.push(c);
        }
    }
    files.sort();
    found.into_iter().for_each(&mut *notes);
    // The round or roster itself, kept beside the sheets, is the panel, not an input.
    if let Ok(panel_file) = fs::canonicalize(panel_path) {
        files.retain(|f| fs::canonicalize(f).ok().as_deref() != Some(panel_file.as_path()));
    }
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
    let unsealer = Unsealer::with(request.unseal_with.clone());
    let mut result = match &panel {
        Panel::Roster(roster) => merge_checked(
            files
                .iter()
                .map(|p| read_checked_with(p, catalog, &unsealer)),
            roster,
            catalog,
            &opts,
        ),
        Panel::Round(round) => merge_round_checked(
            files.iter().map(|p| read_input_with(p, catalog, &unsealer)),
            round,
            catalog,
            &opts,
            request.shortlist,
        ),
    };
    // 双向监督 (第二十二条): the feedback forms the leader entered in OUT go into the report.
    if let Panel::Round(round) = &panel {
        result.supervision =
            super::supervision::records_in(&request.output, &round.round.round_id)?;
    }
    let copy = match &panel {
        Panel::Roster(_) => (ROSTER_FILE, panel_bytes.as_slice()),
        Panel::Round(_) => (ROUND_FILE, panel_bytes.as_slice()),
    };
    write_out_with(&request.output, &result, copy, &unsealer)?;
    let extras = crate::report::Extras {
        document: document.as_ref(),
        synthesis: Some(&synthesis),
    };
    let reports = crate::report::write_all_with(&result, catalog, extras, &request.output)
        .map_err(Error::Reports)?;
    Ok(Merged {
        result,
        panel_path: request.output.join(PANEL_FILE),
        reports,
    })
}

/// The exported consensus sheets (`consensus-<applicant>-<stage>.sheet.json`) in a merge
/// folder, sorted; none when the folder does not exist yet.
pub fn consensus_in(out_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(out_dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(panel_dir::CONSENSUS_PREFIX) && name.ends_with(".sheet.json")
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Whether `path` is already among `files`, however it was spelled.
fn same_file_listed(files: &[PathBuf], path: &Path) -> bool {
    let want = fs::canonicalize(path).ok();
    files
        .iter()
        .any(|f| f == path || (want.is_some() && fs::canonicalize(f).ok() == want))
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
            || crate::report::is_report_file(&name);
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

/// A used input's bytes for its copy: opened when sealed (it opened when it was checked).
fn opened(path: &Path, unsealer: &Unsealer) -> Result<Vec<u8>, Error> {
    let bytes = panel_dir::read(path)?;
    unsealer.open(bytes).map_err(|_| Error::ChangedDuringMerge {
        path: path.display().to_string(),
    })
}

/// The panel a merge runs against.
enum Panel {
    Roster(crate::panel::Roster),
    Round(Box<VerifiedRound>),
}

/// The id of the round a merge runs against, if it runs against one.
fn panel_round_id(panel: &Panel) -> Option<&str> {
    match panel {
        Panel::Roster(_) => None,
        Panel::Round(r) => Some(r.round.round_id.as_str()),
    }
}

/// Reads and checks one input of a merge against a round: a recusal record is verified as
/// one, anything else as [`read_checked`] does.
pub fn read_input(path: &Path, catalog: &Catalog) -> Input {
    read_input_with(path, catalog, &Unsealer::none())
}

/// [`read_input`], opening sealed files with `unsealer`.
pub fn read_input_with(path: &Path, catalog: &Catalog, unsealer: &Unsealer) -> Input {
    let checked = read_checked_with(path, catalog, unsealer);
    let is_recusal = matches!(
        &checked.outcome,
        Err(Exclusion::NotASheet { fault: Fault::Check(VerifyError::NotASheet(t)), .. })
            if t == DocumentKind::Recusal.payload_type()
    );
    if !is_recusal {
        return Input::Sheet(checked);
    }
    match read_sheet_file_with(path, unsealer) {
        Ok(bytes) => Input::Recusal(Box::new(check_recusal(checked.path, &bytes))),
        Err(_) => Input::Sheet(checked),
    }
}

/// Reads and checks one file the way `verify` does; a file too large or unreadable is listed,
/// never fatal.
pub fn read_checked(path: &Path, catalog: &Catalog) -> Checked {
    read_checked_with(path, catalog, &Unsealer::none())
}

/// [`read_checked`], opening sealed files with `unsealer`: the inner signed file is checked
/// and hashed exactly as a plain one.
pub fn read_checked_with(path: &Path, catalog: &Catalog, unsealer: &Unsealer) -> Checked {
    let shown = path.display().to_string();
    match read_sheet_file_with(path, unsealer) {
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
                Refused::Sealed(u) => Fault::Sealed(u),
                Refused::Unreadable(e) => Fault::Unreadable {
                    error: e.to_string(),
                },
                Refused::Sheet(e) => Fault::Check(e),
            })),
        },
    }
}

/// Writes panel.json, the copy of the roster or round (`(file name, bytes)`) and the copies of
/// the sheets used and of the counted recusal records, each atomically.
pub fn write_out(dir: &Path, result: &PanelResult, panel: (&str, &[u8])) -> Result<(), Error> {
    write_out_with(dir, result, panel, &Unsealer::none())
}

/// [`write_out`]; a sealed input's copy is its inner signed file, opened by `unsealer` (the
/// hash the panel names is the inner file's).
pub fn write_out_with(
    dir: &Path,
    result: &PanelResult,
    panel: (&str, &[u8]),
    unsealer: &Unsealer,
) -> Result<(), Error> {
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
        let bytes = opened(Path::new(&input.path), unsealer)?;
        // The file may have changed since it was checked: copy only the bytes that were.
        if file_hash(&bytes) != input.hash {
            return Err(Error::ChangedDuringMerge {
                path: input.path.clone(),
            });
        }
        write_file(&target, &bytes, None, true)?;
    }
    // The counted recusal records too: the coverage table rests on them.
    for record in result.recusals.iter().filter(|r| r.excluded.is_none()) {
        let target = sheets.join(format!("{}.recusal.json", record.hash));
        if target.exists() {
            continue;
        }
        let bytes = opened(Path::new(&record.path), unsealer)?;
        if file_hash(&bytes) != record.hash {
            return Err(Error::ChangedDuringMerge {
                path: record.path.clone(),
            });
        }
        write_file(&target, &bytes, None, true)?;
    }
    // Only one of the two describes this merge: a copy left by an earlier merge of the other
    // kind would make `rank` and `consensus` read the wrong panel.
    let (name, bytes) = panel;
    for other in [ROSTER_FILE, ROUND_FILE].into_iter().filter(|o| *o != name) {
        let stale = dir.join(other);
        if stale.exists() {
            fs::remove_file(&stale).map_err(|source| Error::Write {
                path: stale.clone(),
                source,
            })?;
        }
    }
    write_file(&dir.join(name), bytes, None, true)?;
    let mut json = serde_json::to_vec_pretty(result).map_err(|e| Error::Internal(e.to_string()))?;
    json.push(b'\n');
    write_file(&dir.join(PANEL_FILE), &json, None, true)
}
