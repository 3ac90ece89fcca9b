//! 双向监督 (第二十二条) on disk: the printable feedback forms (双向监督反馈表) a round gives each
//! applicant the panel visited, and the leader's entry of the returned forms into a merge
//! folder's `supervision.json` (typed, written atomically), which the next merge puts into
//! `report.html`.

use std::path::{Path, PathBuf};

use super::panel_dir::{self, ROUND_FILE, read_json};
use super::{Error, write_file};
use crate::clock::{Clock, file_safe};
use crate::panel::supervision::{
    SUPERVISION_FORMAT, SupervisionError, SupervisionFile, SupervisionRecord, record,
};
use crate::round::{Round, verify_round};

/// The records of a merge folder.
pub const SUPERVISION_FILE: &str = "supervision.json";

/// Why a form was not entered or printed.
#[derive(Debug)]
pub enum SupervisionFail {
    Service(Error),
    /// The folder was not merged against a round.
    NoRound {
        dir: PathBuf,
    },
    Refused(SupervisionError),
    /// The round has no site-review shortlist: nobody visited yet.
    NoShortlist,
}

impl From<Error> for SupervisionFail {
    fn from(e: Error) -> SupervisionFail {
        SupervisionFail::Service(e)
    }
}

/// The records in `dir/supervision.json` for round `round_id`; none when there is no file.
pub fn records_in(dir: &Path, round_id: &str) -> Result<Vec<SupervisionRecord>, Error> {
    let path = dir.join(SUPERVISION_FILE);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let file = load(&path)?;
    if file.round_id != round_id {
        // Another round's forms are not this report's.
        return Ok(Vec::new());
    }
    Ok(file.records)
}

fn load(path: &Path) -> Result<SupervisionFile, Error> {
    let file: SupervisionFile = read_json(path)?;
    if file.format != SUPERVISION_FORMAT {
        return Err(Error::Json {
            path: path.to_path_buf(),
            at: "format".into(),
            line: 1,
            message: format!("{:?} is not {SUPERVISION_FORMAT:?}", file.format),
        });
    }
    Ok(file)
}

fn folder_round(dir: &Path) -> Result<Round, SupervisionFail> {
    let path = dir.join(ROUND_FILE);
    if !path.exists() {
        return Err(SupervisionFail::NoRound {
            dir: dir.to_path_buf(),
        });
    }
    let bytes = panel_dir::read(&path)?;
    let v = verify_round(&bytes).map_err(|source| Error::RoundRefused { path, source })?;
    Ok(v.round)
}

/// Enters one returned form into `dir/supervision.json` (replacing the applicant's earlier
/// one); returns the record as entered and the file's path.
pub fn enter(
    dir: &Path,
    mut rec: SupervisionRecord,
    clock: &dyn Clock,
) -> Result<(SupervisionRecord, PathBuf), SupervisionFail> {
    let round = folder_round(dir)?;
    let path = dir.join(SUPERVISION_FILE);
    let mut file = if path.exists() {
        load(&path)?
    } else {
        SupervisionFile::new(&round.round_id)
    };
    rec.recorded_at = clock.timestamp();
    let wanted = rec.applicant.clone();
    record(&mut file, &round, rec).map_err(SupervisionFail::Refused)?;
    let entered = file
        .records
        .iter()
        .find(|r| r.applicant.eq_ignore_ascii_case(wanted.trim()))
        .cloned()
        .ok_or_else(|| Error::Internal("the entered form is not in the file".into()))?;
    let mut bytes = serde_json::to_vec_pretty(&file).map_err(|e| Error::Internal(e.to_string()))?;
    bytes.push(b'\n');
    write_file(&path, &bytes, None, true)?;
    Ok((entered, path))
}

/// Writes one printable form per shortlisted applicant into `out` (created if missing), named
/// `supervision-<number>.html`; returns the paths.
pub fn write_forms(round_path: &Path, out: &Path) -> Result<Vec<PathBuf>, SupervisionFail> {
    let bytes = panel_dir::read(round_path)?;
    let round = verify_round(&bytes)
        .map_err(|source| Error::RoundRefused {
            path: round_path.to_path_buf(),
            source,
        })?
        .round;
    let Some(shortlist) = &round.stages.site_review else {
        return Err(SupervisionFail::NoShortlist);
    };
    std::fs::create_dir_all(out).map_err(|source| Error::Write {
        path: out.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for number in shortlist {
        let html = crate::report::supervision_html::render(&round, number);
        let path = out.join(format!("supervision-{}.html", file_safe(number)));
        write_file(&path, html.as_bytes(), None, true)?;
        written.push(path);
    }
    Ok(written)
}
