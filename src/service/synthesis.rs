//! Record the leader's inputs to the overall evaluation (综合评价, 第十八条(五)) in a merge
//! folder — the distilled advanced quality-management experience and the notes of a public
//! evaluation or presentation — and write the applicant's 综合评价报告 again at once.
//!
//! The texts come from files (a leader writes a paragraph in an editor, not on a command line).
//! Everything is checked before anything is written: a refused text leaves `synthesis.json` and
//! the reports as they were.

use std::path::{Path, PathBuf};

use super::Error;
use super::panel_dir::{self, SYNTHESIS_FILE, load_panel, load_sheets};
use crate::panel::{ApplicantResult, ApplicantSynthesis, NoteSource, PanelResult, SynthesisField};
use crate::program::Catalog;
use crate::report::stage_html::{self, Extras, Kind};
use crate::report::{PanelView, ReportError};
use crate::review::Stage;
use crate::workspace::atomic;

/// What the leader asked to record for one applicant.
#[derive(Debug, Clone, Default)]
pub struct SetRequest {
    /// The merge folder (a site-stage merge).
    pub dir: PathBuf,
    /// The application number (申报编号) or the exact name.
    pub applicant: String,
    /// A text file with the experience; replaces what was there.
    pub experience: Option<PathBuf>,
    /// Notes to add, each from a text file.
    pub notes: Vec<(NoteSource, PathBuf)>,
    /// Drop the applicant's notes before adding these.
    pub clear_notes: bool,
}

/// What was recorded.
#[derive(Debug, Clone)]
pub struct SetOutcome {
    pub applicant_id: String,
    pub applicant_name: String,
    /// `synthesis.json`.
    pub file: PathBuf,
    /// The applicant's entry as it now stands.
    pub entry: ApplicantSynthesis,
    /// The overall evaluation reports written again.
    pub reports: Vec<PathBuf>,
}

/// The site-stage result of the applicant numbered or named `wanted`.
fn site_result<'a>(
    dir: &Path,
    panel: &'a PanelResult,
    wanted: &str,
) -> Result<&'a ApplicantResult, Error> {
    let wanted = wanted.trim();
    let matches = |r: &&ApplicantResult| r.applicant_id == wanted || r.applicant_name == wanted;
    let any = panel.results.iter().find(matches);
    let Some(any) = any else {
        return Err(Error::UnknownApplicant {
            dir: dir.to_path_buf(),
            wanted: wanted.to_string(),
        });
    };
    panel
        .results
        .iter()
        .filter(matches)
        .find(|r| r.stage == Stage::SiteReview)
        .ok_or_else(|| Error::NoSiteResult {
            dir: dir.to_path_buf(),
            applicant: any.applicant_id.to_string(),
        })
}

fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = panel_dir::read(path)?;
    String::from_utf8(bytes).map_err(|_| Error::NotText {
        path: path.to_path_buf(),
    })
}

/// Records the request in `synthesis.json` and writes the folder's overall evaluation reports
/// again.
pub fn set(request: &SetRequest, catalog: &Catalog) -> Result<SetOutcome, Error> {
    let dir = request.dir.as_path();
    let mut panel = load_panel(dir)?;
    let (id, name) = {
        let r = site_result(dir, &panel, &request.applicant)?;
        (r.applicant_id.clone(), r.applicant_name.clone())
    };
    let mut synthesis = panel_dir::load_synthesis(dir)?;
    let refused = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::SynthesisText { path, source }
    };
    if let Some(path) = &request.experience {
        let text = read_text(path)?;
        synthesis
            .set_experience(&id, &text)
            .map_err(refused(path))?;
    }
    if request.clear_notes {
        synthesis.clear_notes(&id, None);
    }
    for (source, path) in &request.notes {
        let text = read_text(path)?;
        synthesis
            .add_note(&id, *source, &text)
            .map_err(refused(path))?;
    }
    panel_dir::save_synthesis(dir, &synthesis)?;

    // The reports read the comments from the folder's copies of the sheets.
    let mut hashes: Vec<String> = panel
        .results
        .iter()
        .flat_map(|r| r.sources.iter().chain(r.consensus_sheet.iter()))
        .cloned()
        .collect();
    hashes.sort();
    hashes.dedup();
    panel.sheets = load_sheets(dir, &hashes, catalog)?;
    let view = PanelView::build(&panel, catalog).map_err(Error::Reports)?;
    let extras = Extras {
        document: None,
        synthesis: Some(&synthesis),
    };
    let mut reports = Vec::new();
    for (file, html) in stage_html::render_all(&view, extras) {
        if !file.starts_with(Kind::OverallReport.prefix()) {
            continue;
        }
        let path = dir.join(&file);
        atomic::write(&path, html.as_bytes()).map_err(|e| Error::Reports(ReportError::Write(e)))?;
        reports.push(path);
    }
    Ok(SetOutcome {
        entry: synthesis.of(&id).cloned().unwrap_or_default(),
        applicant_id: id.to_string(),
        applicant_name: name,
        file: dir.join(SYNTHESIS_FILE),
        reports,
    })
}

/// Whether this key may write an applicant's overall-evaluation inputs from the consensus
/// screen: the key that signs its consensus — against a round, the acting leader the round
/// names for the applicant (the leader is recused, 第二十一条), else the leader (组长负责制,
/// 第九条); against a roster, a leader. A folder with neither names no leader: its consensus
/// window decides.
pub fn may_write(dir: &Path, public_key: &str, applicant: &str) -> Result<bool, Error> {
    if let Some(round) = super::consensus::folder_round(dir)? {
        return Ok(round.round.signer_for(applicant) == Some(public_key));
    }
    if !dir.join(panel_dir::ROSTER_FILE).exists() {
        return Ok(true);
    }
    Ok(panel_dir::load_panel_members(dir)?.is_leader(public_key))
}

/// Writes the fields the consensus screen changed for one applicant into `synthesis.json`
/// (read afresh, so what `synthesis set` recorded meanwhile for the others stays), atomically;
/// a blank field clears it. The overall evaluation report takes it at the next merge.
pub fn write_fields(
    dir: &Path,
    applicant: &str,
    fields: &[(SynthesisField, &str)],
) -> Result<(), Error> {
    let mut synthesis = panel_dir::load_synthesis(dir)?;
    for (field, text) in fields {
        synthesis
            .replace(applicant, *field, text)
            .map_err(|source| Error::SynthesisText {
                path: dir.join(SYNTHESIS_FILE),
                source,
            })?;
    }
    panel_dir::save_synthesis(dir, &synthesis)
}
