//! `scores.csv`: the raw per-reviewer scores, one row per applicant × item × reviewer, for the
//! leader's own pivot tables. UTF-8 with a byte-order mark and CRLF line ends, because Excel and
//! WPS on Chinese Windows otherwise read UTF-8 as GBK and garble every name. Like every other
//! leader report, it says when a stage is short of sheets (fewer counted than members not
//! recused): the last column of each of that applicant's rows, so a filter or pivot keeps it.

use rust_decimal::Decimal;

use super::view::{ApplicantView, Column, ItemView, PanelView};
use crate::framework::format_points;
use crate::i18n::coverage::short;
use crate::i18n::report::{self as labels, Label};
use crate::lang::Lang;

/// The UTF-8 byte-order mark Excel looks for.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

const HEADER: [Label; 17] = [
    labels::PROGRAM,
    labels::TRACK,
    labels::APPLICANT_ID,
    labels::APPLICANT,
    labels::STAGE,
    labels::CATEGORY,
    labels::ITEM,
    labels::TITLE,
    labels::POINTS,
    labels::REVIEWER,
    labels::ROLE,
    labels::PERCENT,
    labels::ITEM_SCORE,
    labels::PANEL_PERCENT,
    labels::SPREAD,
    labels::DIVERGENT,
    labels::SHORT_OF_SHEETS,
];

/// The CSV bytes, BOM first.
pub fn render(panel: &PanelView) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    out.write_record(HEADER.iter().map(|l| l.both()))?;
    for applicant in &panel.applicants {
        let r = applicant.result;
        // A merge without a round has no coverage, and so nothing to say here.
        let note = panel
            .result
            .coverage
            .iter()
            .flat_map(|c| c.short_rows())
            .find(|row| row.applicant_id == r.applicant_id && row.stage == r.stage)
            .map(|row| text(&short(Lang::Zh, row)))
            .unwrap_or_default();
        for (_, item) in applicant.items() {
            for column in &applicant.columns {
                out.write_record(row(panel, applicant, item, column, &note))?;
            }
        }
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// One row; `short_note` is the applicant's short-stage line, empty when its stage is not short.
fn row(
    panel: &PanelView,
    a: &ApplicantView,
    item: &ItemView,
    column: &Column,
    short_note: &str,
) -> [String; 17] {
    let r = a.result;
    let stats = item.stats;
    let percent = stats.and_then(|s| {
        s.percents
            .iter()
            .find(|p| p.reviewer == column.reviewer)
            .and_then(|p| p.percent)
    });
    let category = a
        .framework
        .category_of(&item.item.code)
        .map(|c| format!("{} {}", c.code, c.title.zh))
        .unwrap_or_default();
    [
        text(&panel.program.title.zh),
        text(&a.track.title.zh),
        text(&r.applicant_id),
        text(&r.applicant_name),
        labels::stage(r.stage).zh.to_string(),
        text(&category),
        text(&item.item.code),
        text(&item.item.title.zh),
        item.item.points.to_string(),
        text(&column.reviewer),
        labels::role(column.role).zh.to_string(),
        percent.map(|p| p.to_string()).unwrap_or_default(),
        percent
            .map(|p| {
                format_points(
                    Decimal::from(item.item.points) * Decimal::from(p) / Decimal::ONE_HUNDRED,
                )
            })
            .unwrap_or_default(),
        stats.map(|s| exact(s.panel_percent)).unwrap_or_default(),
        stats.map(|s| s.spread.to_string()).unwrap_or_default(),
        stats
            .map(|s| labels::yes_no(s.divergent).zh.to_string())
            .unwrap_or_default(),
        short_note.to_string(),
    ]
}

/// An exact decimal without trailing zeros: 22.5, not 22.50 and not 22.499999.
pub fn exact(value: Decimal) -> String {
    value.normalize().to_string()
}

/// User text, defused for spreadsheets: a cell starting with `= + - @` (or a tab or CR) is read
/// by Excel as a formula, so such text gets a leading apostrophe, as Excel itself shows it.
pub fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::report as fixture;

    fn rows() -> Vec<csv::StringRecord> {
        let (result, catalog) = fixture::panel();
        let view = PanelView::build(&result, &catalog).unwrap();
        let bytes = render(&view).unwrap();
        assert!(bytes.starts_with(BOM), "UTF-8 BOM first");
        let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
        assert!(text.contains("\r\n"), "CRLF line ends");
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn one_row_per_applicant_item_and_reviewer_after_a_header() {
        let rows = rows();
        // 2 applicants × 3 items × (3 reviewers + 1 trainee), plus the header.
        assert_eq!(rows.len(), 1 + 2 * 3 * 4);
        assert_eq!(rows[0].len(), 17);
        assert_eq!(&rows[0][16], "评分表不足 Short of sheets");
        // The fixture's merge has no round: no coverage, nothing to say.
        assert!(rows[1..].iter().all(|r| r[16].is_empty()));
        assert_eq!(&rows[0][0], "奖项 Programme");
    }

    #[test]
    fn decimals_are_exact_and_trainees_are_marked() {
        let rows = rows();
        // A1, 4.2.2 (50 points), 王芳 45 % → 22.5; panel 45.
        let r = rows
            .iter()
            .find(|r| &r[2] == "A1" && &r[6] == "4.2.2" && &r[9] == "王芳")
            .unwrap();
        assert_eq!(&r[3], fixture::A1_NAME);
        assert_eq!(&r[5], "4.2 战略");
        assert_eq!((&r[11], &r[12], &r[13]), ("45", "22.5", "45"));
        let t = rows
            .iter()
            .find(|r| &r[2] == "A1" && &r[6] == "4.1.2" && &r[9] == "赵敏")
            .unwrap();
        assert_eq!(&t[10], "见习评审专家");
        assert_eq!((&t[14], &t[15]), ("25", "是"));
    }

    #[test]
    fn formula_like_text_is_defused() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("金山"), "金山");
    }
}
