//! The merge folder (OUT_DIR) on disk, shared by `merge`, `rank` and `consensus`:
//! - `panel.json` — the [`PanelResult`] (docs/panel-format.md);
//! - `roster.json` — a copy of the signed roster the merge used, or `round.json` — of the
//!   signed round (评审轮次) for a merge against a round;
//! - `sheets/<sha256>.sheet.json` — a byte-exact copy of every sheet the merge used, so the folder
//!   is self-contained evidence and the consensus screen can show every reviewer's comments;
//! - `consensus-draft.json` — the leader's consensus in progress; sealed with the leader's data
//!   key (the at-rest container, docs/security.md §4.2) when the leader's home is encrypted;
//! - `consensus.lock` — locked by the one consensus window that may edit it;
//! - `consensus-<applicant>-<stage>.sheet.json` — exported, signed consensus sheets;
//! - `synthesis.json` — the leader's inputs to the overall evaluation (综合评价, 第十八条(五)):
//!   the distilled experience and the notes of a public evaluation or presentation
//!   ([`crate::panel::Synthesis`]).

use std::fs;
use std::path::{Path, PathBuf};

use super::{Error, write_file};
use crate::clock::file_safe;
use crate::panel::consensus::{ConsensusDrafts, DRAFT_FORMAT};
use crate::panel::roster::{VerifiedRoster, verify_roster};
use crate::panel::synthesis::{SYNTHESIS_FORMAT, Synthesis};
use crate::panel::{PanelResult, check};
use crate::program::Catalog;
use crate::review::Stage;
use crate::sheet::Sheet;
use crate::workspace::AtRest;

pub const PANEL_FILE: &str = "panel.json";
pub const ROSTER_FILE: &str = "roster.json";
/// The copy of the signed round a merge against a round used (instead of `roster.json`).
pub const ROUND_FILE: &str = "round.json";
/// The coverage table of a merge against a round, for Excel/WPS.
pub const COVERAGE_FILE: &str = "coverage.csv";
pub const SHEETS_DIR: &str = "sheets";
pub const DRAFT_FILE: &str = "consensus-draft.json";
/// Held by the one consensus window that may edit the folder's draft.
pub const CONSENSUS_LOCK: &str = "consensus.lock";
/// The leader's inputs to the overall evaluation ([`Synthesis`]).
pub const SYNTHESIS_FILE: &str = "synthesis.json";

/// Reads a file, naming it on error.
pub fn read(path: &Path) -> Result<Vec<u8>, Error> {
    fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads a JSON file into `T`, naming the file, the JSON path and the line on error.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, Error> {
    parse_json(path, &read(path)?)
}

/// The bytes of `path` (already read, and opened when sealed) as `T`.
fn parse_json<T: serde::de::DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<T, Error> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| Error::Json {
        path: path.to_path_buf(),
        at: e.path().to_string(),
        line: e.inner().line(),
        message: e.inner().to_string(),
    })
}

/// The folder's `panel.json`; [`Error::NoPanel`] when no merge wrote one yet.
pub fn load_panel(dir: &Path) -> Result<PanelResult, Error> {
    let path = dir.join(PANEL_FILE);
    if !path.exists() {
        return Err(Error::NoPanel {
            dir: dir.to_path_buf(),
        });
    }
    crate::panel::check_panel_version(&read(&path)?).map_err(Error::PanelVersion)?;
    read_json(&path)
}

/// A signed roster, checked in full.
pub fn load_roster(path: &Path) -> Result<VerifiedRoster, Error> {
    let bytes = read(path)?;
    verify_roster(&bytes).map_err(|source| Error::RosterRefused {
        path: path.to_path_buf(),
        source,
    })
}

/// The panel of a merge folder as a roster: from `round.json` when the merge was against a
/// round, else from `roster.json`; each checked in full.
pub fn load_panel_members(dir: &Path) -> Result<crate::panel::Roster, Error> {
    let round = dir.join(ROUND_FILE);
    if round.exists() {
        let bytes = read(&round)?;
        let verified =
            crate::round::verify_round(&bytes).map_err(|source| Error::RoundRefused {
                path: round,
                source,
            })?;
        return Ok(crate::panel::round::RoundScope::new(&verified).roster());
    }
    Ok(load_roster(&dir.join(ROSTER_FILE))?.roster)
}

pub fn sheet_copy_path(dir: &Path, hash: &str) -> PathBuf {
    dir.join(SHEETS_DIR).join(format!("{hash}.sheet.json"))
}

/// The used sheets named by `hashes`, re-verified from the folder's copies.
pub fn load_sheets(dir: &Path, hashes: &[String], catalog: &Catalog) -> Result<Vec<Sheet>, Error> {
    hashes
        .iter()
        .map(|h| {
            let path = sheet_copy_path(dir, h);
            let bytes = fs::read(&path).map_err(|source| Error::SheetCopyMissing {
                path: path.clone(),
                source,
            })?;
            let c = check(path.display().to_string(), &bytes, catalog);
            if c.hash != *h {
                return Err(Error::SheetCopyAltered { path });
            }
            c.outcome.map_err(|why| Error::SheetCopyInvalid {
                path,
                why: Box::new(why),
            })
        })
        .collect()
}

/// The leader's consensus in progress; none yet is an empty set of drafts. A sealed draft is
/// opened with `at_rest` (the leader's home, its data key unlocked); a plain one opens as it is
/// (a draft from before the home was encrypted) and is sealed at the next save.
pub fn load_drafts(dir: &Path, at_rest: &AtRest) -> Result<ConsensusDrafts, Error> {
    let path = dir.join(DRAFT_FILE);
    if !path.exists() {
        return Ok(ConsensusDrafts::default());
    }
    let bytes = at_rest
        .decode(read(&path)?)
        .map_err(|reason| Error::DraftUnreadable {
            path: path.clone(),
            reason,
        })?;
    let d: ConsensusDrafts = parse_json(&path, &bytes)?;
    if d.format != DRAFT_FORMAT {
        return Err(Error::NotADraftFile {
            path,
            format: d.format,
        });
    }
    Ok(d)
}

/// Replaces the draft atomically: sealed with the leader's data key when `at_rest` is an
/// encrypted home's (the rationales and edited comments are the applicant's secrets too).
pub fn save_drafts(dir: &Path, drafts: &ConsensusDrafts, at_rest: &AtRest) -> Result<(), Error> {
    let path = dir.join(DRAFT_FILE);
    let mut bytes =
        serde_json::to_vec_pretty(drafts).map_err(|e| Error::Internal(e.to_string()))?;
    bytes.push(b'\n');
    write_file(&path, &at_rest.encode(bytes), None, true)
}

/// How every exported consensus sheet's file name starts.
pub const CONSENSUS_PREFIX: &str = "consensus-";

pub fn consensus_path(dir: &Path, applicant: &str, stage: Stage) -> PathBuf {
    dir.join(format!(
        "{CONSENSUS_PREFIX}{}-{}.sheet.json",
        file_safe(applicant),
        stage.cli_name()
    ))
}

/// The folder's `synthesis.json`; none yet is an empty one. A file of another format is
/// refused, naming it (never silently replaced by an empty one on the next save).
pub fn load_synthesis(dir: &Path) -> Result<Synthesis, Error> {
    let path = dir.join(SYNTHESIS_FILE);
    if !path.exists() {
        return Ok(Synthesis::default());
    }
    let s: Synthesis = read_json(&path)?;
    if s.format != SYNTHESIS_FORMAT {
        return Err(Error::NotASynthesisFile {
            path,
            format: s.format,
        });
    }
    Ok(s)
}

/// Replaces `synthesis.json` atomically (temp file, fsync, rename, fsync the folder).
pub fn save_synthesis(dir: &Path, synthesis: &Synthesis) -> Result<(), Error> {
    let mut bytes =
        serde_json::to_vec_pretty(synthesis).map_err(|e| Error::Internal(e.to_string()))?;
    bytes.push(b'\n');
    write_file(&dir.join(SYNTHESIS_FILE), &bytes, None, true)
}
