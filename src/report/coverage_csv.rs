//! `coverage.csv`: the coverage table of a merge against a round (评审轮次), one row per
//! applicant × stage × member, for the leader's own filters and pivot tables: the state's
//! stable code, the version, the cell as the reports word it, and whether the stage is short
//! of sheets. UTF-8 with a byte-order mark and CRLF line ends, as `scores.csv`.

use super::scores_csv::BOM;
use crate::i18n::coverage::{Word, cell, word};
use crate::i18n::report::{self as labels};
use crate::lang::Lang;
use crate::panel::{Cell, Coverage, PanelResult};

/// The stable name of a cell's state, as `panel.json` writes it.
pub fn state_code(c: &Cell) -> &'static str {
    match c {
        Cell::Signed { .. } => "signed",
        Cell::Draft { .. } => "draft",
        Cell::Recused { .. } => "recused",
        Cell::Refused { .. } => "refused",
        Cell::Missing => "missing",
    }
}

fn both(w: Word) -> String {
    format!("{} {}", word(Lang::Zh, w), word(Lang::En, w))
}

/// The CSV bytes, BOM first; None for a merge without a round (no coverage).
pub fn render(result: &PanelResult) -> Result<Option<Vec<u8>>, csv::Error> {
    let Some(coverage) = &result.coverage else {
        return Ok(None);
    };
    Ok(Some(table(result, coverage)?))
}

fn table(result: &PanelResult, c: &Coverage) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    out.write_record([
        both(Word::Round),
        both(Word::Number),
        both(Word::Name),
        both(Word::Track),
        both(Word::Stage),
        labels::REVIEWER.both(),
        labels::ROLE.both(),
        both(Word::State),
        both(Word::Version),
        both(Word::Note),
        both(Word::Counted),
        both(Word::Expected),
        both(Word::IsShort),
    ])?;
    for row in &c.rows {
        for (state, member) in row.cells.iter().zip(&c.members) {
            let version = match state {
                Cell::Signed { version }
                | Cell::Draft { version, .. }
                | Cell::Refused { version, .. } => version.to_string(),
                Cell::Recused { .. } | Cell::Missing => String::new(),
            };
            out.write_record([
                result.round.clone(),
                row.applicant_id.to_string(),
                row.applicant_name.clone(),
                row.track.clone(),
                row.stage.cli_name().to_string(),
                member.name.clone(),
                labels::role(member.role).zh.to_string(),
                state_code(state).to_string(),
                version,
                cell(Lang::Zh, state),
                row.counted.to_string(),
                row.expected.to_string(),
                labels::yes_no(row.is_short()).zh.to_string(),
            ])?;
        }
    }
    out.into_inner().map_err(|e| e.into_error().into())
}
