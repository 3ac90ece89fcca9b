//! Renderings of sheets and panel results: HTML, CSV, XLSX.
//!
//! The panel renderings (`scores.csv`, `scores.xlsx`, `report.html`, `feedback-<id>.html`, and
//! against a round `coverage.csv`) are
//! produced together by [`write_all`]. Report sits below cli/tui and above panel; [`write_all`] is
//! its single door to the file system (the house rule keeps I/O at the edges, and this is the one
//! edge the report owns). Everything else here is a pure function from data to bytes.

pub mod award_list_html;
pub mod charts;
pub mod comments;
pub mod coverage_csv;
pub mod feedback_html;
pub mod html_common;
pub mod panel_html;
pub mod scores_csv;
pub mod scores_xlsx;
pub mod sheet_html;
pub mod stage_html;
pub mod supervision_html;
pub mod view;
pub mod xlsx_names;

use std::path::{Path, PathBuf};

use crate::panel::PanelResult;
use crate::program::Catalog;
use crate::workspace::{WorkspaceError, atomic};

pub use stage_html::Extras;
pub use view::{ApplicantView, PanelView};

/// Why a report could not be written. Nothing is written when the panel cannot be read at all
/// (an unknown framework, say); when one rendering fails, the others are still written
/// ([`ReportError::Partial`]). A failed write leaves earlier files whole (each file is replaced
/// atomically).
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(
        "programme '{program}' of the panel result is not in the catalog; add its file to <home>/criteria/programs/"
    )]
    UnknownProgram { program: String },
    #[error("track '{track}' of applicant {applicant} is not in programme '{program}'")]
    UnknownTrack {
        applicant: String,
        track: String,
        program: String,
    },
    #[error(
        "framework {hash} of applicant {applicant} is not in the catalog; add its file to <home>/criteria/frameworks/"
    )]
    UnknownFramework { applicant: String, hash: String },
    #[error("item {item} of applicant {applicant} is not in framework {framework}")]
    UnknownItem {
        applicant: String,
        item: String,
        framework: String,
    },
    #[error("cannot create the folder {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A report file could not be replaced (names the step and the file).
    #[error(transparent)]
    Write(#[from] WorkspaceError),
    #[error("cannot build scores.csv: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot build scores.xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// One rendering failed; every other one was written (one report's limit never costs the
    /// leader the others).
    #[error("{file} could not be made ({source}); the other reports were written")]
    Partial {
        file: String,
        written: Vec<PathBuf>,
        #[source]
        source: Box<ReportError>,
    },
}

/// Whether a file name is one `write_all` writes as a report (the feedback and stage reports,
/// whose names carry an applicant): a merge skips them when searching its output folder.
pub fn is_report_file(name: &str) -> bool {
    (name.starts_with("feedback-") && name.ends_with(".html")) || stage_html::is_stage_report(name)
}

/// Writes every rendering of a merged panel result into `out_dir` (created if missing) and
/// returns the paths written: `scores.csv`, `scores.xlsx`, `report.html`, then one
/// `feedback-<applicant id>.html` per applicant result.
///
/// Everything is rendered in memory first, so bad input (an unknown framework, say) writes
/// nothing, and a rendering that fails (a format's own limit) is named while the others are
/// written; each file is then replaced atomically by `workspace::atomic::write` (temp file,
/// fsync, rename, fsync the dir).
pub fn write_all(
    result: &PanelResult,
    catalog: &Catalog,
    out_dir: &Path,
) -> Result<Vec<PathBuf>, ReportError> {
    write_all_with(result, catalog, Extras::default(), out_dir)
}

/// [`write_all`] with the leader's inputs to the stage reports (the document-stage results of
/// another merge folder, `synthesis.json`); after the feedback reports come the stage reports
/// of [`stage_html`]: `document-report-<id>.html`, `document-result-<id>.html`,
/// `site-report-<id>.html`, `overall-report-<id>.html`.
pub fn write_all_with(
    result: &PanelResult,
    catalog: &Catalog,
    extras: Extras,
    out_dir: &Path,
) -> Result<Vec<PathBuf>, ReportError> {
    let panel = PanelView::build(result, catalog)?;
    let rendered: Vec<(String, Result<Vec<u8>, ReportError>)> = vec![
        (
            "scores.csv".to_string(),
            scores_csv::render(&panel).map_err(ReportError::from),
        ),
        (
            "scores.xlsx".to_string(),
            scores_xlsx::render(&panel).map_err(ReportError::from),
        ),
    ];
    let mut rendered = rendered;
    match coverage_csv::render(result) {
        Ok(Some(bytes)) => rendered.push(("coverage.csv".to_string(), Ok(bytes))),
        Ok(None) => {}
        Err(e) => rendered.push(("coverage.csv".to_string(), Err(ReportError::from(e)))),
    }
    let mut failed = None;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, bytes) in rendered {
        match bytes {
            Ok(bytes) => files.push((name, bytes)),
            Err(e) => {
                failed.get_or_insert((name, e));
            }
        }
    }
    files.push((
        "report.html".to_string(),
        panel_html::render(&panel).into_bytes(),
    ));
    for (name, applicant) in feedback_html::file_names(&panel)
        .into_iter()
        .zip(&panel.applicants)
    {
        files.push((name, feedback_html::render(&panel, applicant).into_bytes()));
    }
    for (name, html) in stage_html::render_all(&panel, extras) {
        files.push((name, html.into_bytes()));
    }

    std::fs::create_dir_all(out_dir).map_err(|source| ReportError::Io {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let written = files
        .iter()
        .map(|(name, bytes)| {
            let path = out_dir.join(name);
            atomic::write(&path, bytes)?;
            Ok(path)
        })
        .collect::<Result<Vec<_>, ReportError>>()?;
    match failed {
        None => Ok(written),
        Some((file, source)) => Err(ReportError::Partial {
            file,
            written,
            source: Box::new(source),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::report as fixture;

    #[test]
    fn write_all_writes_every_file_and_no_temp_files() {
        let (result, catalog) = fixture::panel();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let written = write_all(&result, &catalog, &out).unwrap();
        let names: Vec<String> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "scores.csv",
                "scores.xlsx",
                "report.html",
                "feedback-A1.html",
                "feedback-A2.html",
                "document-report-A1.html",
                "document-report-A2.html"
            ]
        );
        let mut on_disk: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut expected = names.clone();
        expected.sort();
        assert_eq!(on_disk, expected, "no temp file may be left behind");
        // A second run replaces the files in place.
        write_all(&result, &catalog, &out).unwrap();
    }

    #[test]
    fn an_empty_panel_still_gets_its_files() {
        let (mut result, catalog) = fixture::panel();
        result.results.clear();
        result.ranking.clear();
        let dir = tempfile::tempdir().unwrap();
        let written = write_all(&result, &catalog, dir.path()).unwrap();
        assert_eq!(written.len(), 3, "csv, xlsx, html; no feedback");
        let csv = std::fs::read(&written[0]).unwrap();
        assert_eq!(
            csv.iter().filter(|&&b| b == b'\n').count(),
            1,
            "header only"
        );
    }

    #[test]
    fn a_missing_percent_renders_as_blank_not_zero() {
        let (mut result, catalog) = fixture::panel();
        result.results[0].items[0].percents[1].percent = None;
        let dir = tempfile::tempdir().unwrap();
        let written = write_all(&result, &catalog, dir.path()).unwrap();
        let csv = std::fs::read_to_string(&written[0]).unwrap();
        let row = csv
            .lines()
            .find(|l| l.contains("4.1.2") && l.contains("王芳"))
            .unwrap();
        assert!(row.contains("王芳,组员,,,50,"), "{row}");
    }

    #[test]
    fn a_name_too_long_for_excel_costs_no_report() {
        let (mut result, catalog) = fixture::panel();
        result.results[0].applicant_name = "名".repeat(32_768);
        let dir = tempfile::tempdir().unwrap();
        let written = write_all(&result, &catalog, dir.path()).unwrap();
        assert_eq!(written.len(), 7, "{written:?}");
        // Cut in the workbook alone: the CSV and the HTML keep the whole name.
        let csv = std::fs::read_to_string(&written[0]).unwrap();
        assert!(csv.contains(&"名".repeat(32_768)));
        let html = std::fs::read_to_string(&written[2]).unwrap();
        assert!(html.contains(&"名".repeat(32_768)));
    }

    #[test]
    fn unknown_framework_writes_nothing() {
        let (mut result, catalog) = fixture::panel();
        result.results[1].framework_hash = "0".repeat(64);
        let dir = tempfile::tempdir().unwrap();
        let err = write_all(&result, &catalog, dir.path()).unwrap_err();
        assert!(
            matches!(err, ReportError::UnknownFramework { ref applicant, .. } if applicant == "A2"),
            "{err}"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn an_unwritable_folder_is_a_named_error() {
        let (result, catalog) = fixture::panel();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("not-a-folder");
        std::fs::write(&file, b"x").unwrap();
        let err = write_all(&result, &catalog, &file).unwrap_err();
        assert!(err.to_string().contains("not-a-folder"), "{err}");
    }

    #[test]
    fn unknown_program_is_named() {
        let (mut result, catalog) = fixture::panel();
        result.program = "nowhere-2099".into();
        let err = write_all(&result, &catalog, Path::new("/nonexistent")).unwrap_err();
        assert!(err.to_string().contains("nowhere-2099"), "{err}");
    }
}
