//! `scores.xlsx`: a summary sheet, the ranking, and one sheet per applicant with every
//! reviewer's percent per item, the statistics, divergent spreads filled red, category
//! subtotals and the total.
//!
//! Numbers go into cells as numbers so the leader can sort and sum. The cell is the one place a
//! float is unavoidable: a Decimal is converted through its exact decimal text (the nearest
//! f64), never through arithmetic, and shown in the General format so 22.5 reads 22.5.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::scores_csv::exact;
use super::view::{ApplicantView, PanelView};
use super::xlsx_names::SheetNames;
use crate::i18n::coverage::{Word, cell as cov_cell, short, word};
use crate::i18n::report::{self as labels, Label};
use crate::lang::Lang;
use crate::panel::{Cell, Coverage, Role};

/// A4 in Excel's paper-size table.
const PAPER_A4: u8 = 9;

/// Excel's own "bad" style: light red fill, dark red text.
const DIVERGENT_FILL: u32 = 0xFFC7CE;
const DIVERGENT_FONT: u32 = 0x9C0006;
const TRAINEE_FONT: u32 = 0x808080;
const HEADER_FILL: u32 = 0xDDEBF7;
const SUBTOTAL_FILL: u32 = 0xF2F2F2;

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    number: Format,
    stat: Format,
    divergent: Format,
    trainee: Format,
    subtotal_text: Format,
    subtotal_number: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = Format::new().set_border(FormatBorder::Thin);
        let subtotal = cell
            .clone()
            .set_bold()
            .set_background_color(Color::RGB(SUBTOTAL_FILL));
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(HEADER_FILL)),
            text: cell.clone(),
            number: cell.clone().set_num_format("General"),
            stat: cell.clone().set_num_format("0.00"),
            divergent: cell
                .clone()
                .set_bold()
                .set_font_color(Color::RGB(DIVERGENT_FONT))
                .set_background_color(Color::RGB(DIVERGENT_FILL)),
            trainee: cell
                .clone()
                .set_italic()
                .set_font_color(Color::RGB(TRAINEE_FONT)),
            subtotal_text: subtotal.clone(),
            subtotal_number: subtotal.set_num_format("General"),
        }
    }
}

/// Excel's limit on the text of one cell, in UTF-16 units (rust_xlsxwriter refuses more).
pub const MAX_CELL_UNITS: usize = 32_767;

/// What ends a text cut to fit a cell, so nobody takes the cut text for the whole.
pub const CUT_MARK: &str = labels::CELL_CUT_MARK;

/// `s` as one cell can hold it: unchanged when it fits, else its longest prefix of whole
/// characters that fits with [`CUT_MARK`] after it. Only this workbook is cut: the CSV, the
/// HTML and `panel.json` keep the whole text (docs/reports.md).
pub fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    // Each char is at most two units: a short string needs no counting.
    if s.len() <= MAX_CELL_UNITS || s.encode_utf16().count() <= MAX_CELL_UNITS {
        return std::borrow::Cow::Borrowed(s);
    }
    let room = MAX_CELL_UNITS - CUT_MARK.encode_utf16().count();
    let mut units = 0;
    let end = s
        .char_indices()
        .find(|(_, c)| {
            units += c.len_utf16();
            units > room
        })
        .map_or(s.len(), |(i, _)| i);
    std::borrow::Cow::Owned(format!("{}{CUT_MARK}", s.get(..end).unwrap_or_default()))
}

/// The workbook bytes.
pub fn render(panel: &PanelView) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let mut names = SheetNames::new();

    let ws = wb.add_worksheet();
    ws.set_name(names.claim(&labels::SUMMARY.both()))?;
    summary(ws, panel, &f)?;

    if let Some(c) = &panel.result.coverage {
        let ws = wb.add_worksheet();
        ws.set_name(names.claim(&format!(
            "{} {}",
            word(Lang::Zh, Word::Coverage),
            word(Lang::En, Word::Coverage)
        )))?;
        coverage(ws, c, &f)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name(names.claim(&labels::RANKING.both()))?;
    ranking(ws, panel, &f)?;

    for a in &panel.applicants {
        let r = a.result;
        let several_stages = panel
            .applicants
            .iter()
            .filter(|o| o.result.applicant_id == r.applicant_id)
            .count()
            > 1;
        let wanted = if several_stages {
            format!(
                "{} {} {}",
                r.applicant_id,
                labels::stage(r.stage).zh,
                r.applicant_name
            )
        } else {
            format!("{} {}", r.applicant_id, r.applicant_name)
        };
        let ws = wb.add_worksheet();
        ws.set_name(names.claim(&wanted))?;
        applicant(ws, panel, a, &f)?;
    }
    wb.save_to_buffer()
}

/// The nearest f64 to an exact decimal, through its decimal text.
fn float(value: Decimal) -> Option<f64> {
    exact(value).parse().ok()
}

fn decimal(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: Decimal,
    fmt: &Format,
) -> Result<(), XlsxError> {
    match float(value) {
        Some(v) => ws.write_number_with_format(row, col, v, fmt)?,
        None => ws.write_string_with_format(row, col, &*cell(&exact(value)), fmt)?,
    };
    Ok(())
}

fn headers(ws: &mut Worksheet, row: u32, labels: &[String], f: &Formats) -> Result<(), XlsxError> {
    for (col, l) in labels.iter().enumerate() {
        ws.write_string_with_format(row, col as u16, &*cell(l), &f.header)?;
    }
    ws.set_row_height(row, 30)?;
    Ok(())
}

fn header_labels(list: &[Label]) -> Vec<String> {
    list.iter().map(|l| l.both()).collect()
}

/// The coverage table: a row per applicant and stage, a column per member; a stage short of
/// sheets is filled red in its counted/expected column, and each short stage is said below.
fn coverage(ws: &mut Worksheet, c: &Coverage, f: &Formats) -> Result<(), XlsxError> {
    let both = |w: Word| format!("{} {}", word(Lang::Zh, w), word(Lang::En, w));
    ws.write_string_with_format(0, 0, &*cell(&both(Word::Coverage)), &f.title)?;
    let mut cols = vec![both(Word::Number), both(Word::Name), both(Word::Stage)];
    cols.extend(
        c.members
            .iter()
            .map(|m| format!("{} ({})", m.name, labels::role(m.role).zh)),
    );
    cols.push(both(Word::Counted));
    cols.push(both(Word::Expected));
    let top = 2;
    headers(ws, top, &cols, f)?;
    let first_member = 3u16;
    let after = first_member + c.members.len() as u16;
    for (i, row) in c.rows.iter().enumerate() {
        let r = top + 1 + i as u32;
        ws.write_string_with_format(r, 0, &*cell(&row.applicant_id), &f.text)?;
        ws.write_string_with_format(r, 1, &*cell(&row.applicant_name), &f.text)?;
        ws.write_string_with_format(r, 2, &*cell(labels::stage(row.stage).zh), &f.text)?;
        for (k, (state, m)) in row.cells.iter().zip(&c.members).enumerate() {
            let owed = m.role != Role::Trainee
                && matches!(
                    state,
                    Cell::Missing | Cell::Refused { .. } | Cell::Draft { counted: false, .. }
                );
            let format = if owed { &f.divergent } else { &f.text };
            ws.write_string_with_format(
                r,
                first_member + k as u16,
                &*cell(&cov_cell(Lang::Zh, state)),
                format,
            )?;
        }
        let format = if row.is_short() {
            &f.divergent
        } else {
            &f.number
        };
        ws.write_number_with_format(r, after, row.counted, format)?;
        ws.write_number_with_format(r, after + 1, row.expected, format)?;
    }
    let below = top + 2 + c.rows.len() as u32;
    for (r, row) in (below..).zip(c.short_rows()) {
        ws.write_string(r, 0, &*cell(&short(Lang::Zh, row)))?;
    }
    ws.set_column_width(0, 12)?;
    ws.set_column_width(1, 28)?;
    ws.set_freeze_panes(top + 1, 2)?;
    ws.set_paper_size(PAPER_A4).set_landscape();
    Ok(())
}

fn panel_facts(ws: &mut Worksheet, panel: &PanelView, f: &Formats) -> Result<u32, XlsxError> {
    let r = panel.result;
    ws.write_string_with_format(0, 0, &*cell(&panel.program.title.zh), &f.title)?;
    let facts = [
        (labels::ROUND, r.round.clone()),
        (labels::METHOD, labels::method(r.method).both()),
        (labels::CREATED, r.created_at.clone()),
    ];
    for (i, (label, value)) in facts.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, &*cell(&label.both()))?;
        ws.write_string(row, 1, &*cell(value))?;
    }
    let row = 1 + facts.len() as u32;
    ws.write_string(row, 0, &*cell(&labels::THRESHOLD.both()))?;
    ws.write_number(row, 1, r.divergence_threshold)?;
    Ok(row + 2)
}

fn summary(ws: &mut Worksheet, panel: &PanelView, f: &Formats) -> Result<(), XlsxError> {
    let top = panel_facts(ws, panel, f)?;
    let cols = header_labels(&[
        labels::APPLICANT_ID,
        labels::APPLICANT,
        labels::TRACK,
        labels::STAGE,
        labels::TOTAL,
        labels::POINTS,
        labels::COUNTED_REVIEWERS,
        labels::TRAINEES,
        labels::RANK,
        labels::PROPOSED_AWARD,
    ]);
    headers(ws, top, &cols, f)?;
    for (i, a) in panel.applicants.iter().enumerate() {
        let row = top + 1 + i as u32;
        let r = a.result;
        let trainees = a.columns.iter().filter(|c| c.role == Role::Trainee).count();
        ws.write_string_with_format(row, 0, &*cell(&r.applicant_id), &f.text)?;
        ws.write_string_with_format(row, 1, &*cell(&r.applicant_name), &f.text)?;
        ws.write_string_with_format(row, 2, &*cell(&a.track.title.zh), &f.text)?;
        ws.write_string_with_format(row, 3, &*cell(labels::stage(r.stage).zh), &f.text)?;
        decimal(ws, row, 4, r.total, &f.number)?;
        ws.write_number_with_format(row, 5, a.framework.total_points, &f.number)?;
        ws.write_number_with_format(row, 6, (a.columns.len() - trainees) as u32, &f.number)?;
        ws.write_number_with_format(row, 7, trainees as u32, &f.number)?;
        match a.rank {
            Some(rank) => {
                if rank.entry.rank > 0 {
                    ws.write_number_with_format(row, 8, rank.entry.rank, &f.number)?;
                } else {
                    ws.write_string_with_format(row, 8, &*cell("—"), &f.text)?;
                }
                let award = rank.award.map(|w| w.title.zh.as_str()).unwrap_or_default();
                ws.write_string_with_format(row, 9, &*cell(award), &f.text)?;
            }
            None => {
                ws.write_blank(row, 8, &f.text)?;
                ws.write_blank(row, 9, &f.text)?;
            }
        }
    }
    for (col, width) in [(0, 10), (1, 32), (2, 28), (3, 12), (9, 20)] {
        ws.set_column_width(col, width)?;
    }
    ws.set_freeze_panes(top + 1, 2)?;
    ws.set_paper_size(PAPER_A4).set_landscape();
    Ok(())
}

fn ranking(ws: &mut Worksheet, panel: &PanelView, f: &Formats) -> Result<(), XlsxError> {
    let mut row = panel_facts(ws, panel, f)?;
    let cols = header_labels(&[
        labels::RANK,
        labels::TIED,
        labels::APPLICANT_ID,
        labels::APPLICANT,
        labels::TOTAL,
        labels::PROPOSED_AWARD,
        labels::NOTE,
    ]);
    for track in &panel.ranking {
        let title = track
            .track
            .map(|t| format!("{} ({})", t.title.zh, t.id))
            .unwrap_or_else(|| track.track_id.to_string());
        ws.write_string_with_format(row, 0, &*cell(&title), &f.title)?;
        headers(ws, row + 1, &cols, f)?;
        row += 2;
        for r in &track.rows {
            let e = r.entry;
            if e.rank > 0 {
                ws.write_number_with_format(row, 0, e.rank, &f.number)?;
            } else {
                ws.write_string_with_format(row, 0, &*cell("—"), &f.text)?;
            }
            ws.write_string_with_format(row, 1, &*cell(labels::yes_no(e.tied).zh), &f.text)?;
            ws.write_string_with_format(row, 2, &*cell(&e.applicant_id), &f.text)?;
            ws.write_string_with_format(
                row,
                3,
                &*cell(r.applicant_name.unwrap_or_default()),
                &f.text,
            )?;
            decimal(ws, row, 4, e.total, &f.number)?;
            let award = r
                .award
                .map(|w| w.title.zh.clone())
                .or_else(|| e.proposed_award.clone())
                .unwrap_or_default();
            ws.write_string_with_format(row, 5, &*cell(&award), &f.text)?;
            let note = e.note.as_ref().map_or(String::new(), |n| {
                format!("{} {}", n.message(Lang::Zh), n.message(Lang::En))
            });
            ws.write_string_with_format(row, 6, &*cell(&note), &f.text)?;
            row += 1;
        }
        row += 1;
    }
    for (col, width) in [(2, 10), (3, 32), (5, 20), (6, 36)] {
        ws.set_column_width(col, width)?;
    }
    ws.set_paper_size(PAPER_A4);
    Ok(())
}

fn applicant(
    ws: &mut Worksheet,
    panel: &PanelView,
    a: &ApplicantView,
    f: &Formats,
) -> Result<(), XlsxError> {
    let r = a.result;
    ws.write_string_with_format(
        0,
        0,
        &*cell(&format!("{} {}", r.applicant_id, r.applicant_name)),
        &f.title,
    )?;
    let facts = [
        (labels::PROGRAM, panel.program.title.zh.clone()),
        (labels::TRACK, a.track.title.zh.clone()),
        (labels::STAGE, labels::stage(r.stage).zh.to_string()),
        (
            labels::FRAMEWORK,
            format!(
                "{} {}{}",
                a.framework.standard,
                a.framework.title.zh,
                labels::in_parens(
                    Lang::Zh,
                    &crate::i18n::criteria::standing(Lang::Zh, a.framework)
                )
            ),
        ),
        (labels::METHOD, labels::method(panel.result.method).both()),
    ];
    for (i, (label, value)) in facts.iter().enumerate() {
        ws.write_string(1 + i as u32, 0, &*cell(&label.both()))?;
        ws.write_string(1 + i as u32, 2, &*cell(value))?;
    }
    let head = 1 + facts.len() as u32 + 1;

    let mut cols = header_labels(&[
        labels::CATEGORY,
        labels::ITEM,
        labels::TITLE,
        labels::POINTS,
    ]);
    let first_reviewer = cols.len() as u16;
    for c in &a.columns {
        cols.push(match c.role {
            Role::Trainee => format!(
                "{}{}",
                c.reviewer,
                labels::in_parens(Lang::Zh, labels::TRAINEE_NOT_COUNTED.zh)
            ),
            Role::Leader => format!(
                "{}{}",
                c.reviewer,
                labels::in_parens(Lang::Zh, labels::role(Role::Leader).zh)
            ),
            Role::Member => c.reviewer.clone(),
        });
    }
    let stats_col = cols.len() as u16;
    cols.extend(header_labels(&[
        labels::N,
        labels::MEAN,
        labels::MEDIAN,
        labels::MIN,
        labels::MAX,
        labels::SPREAD,
        labels::STD_DEV,
        labels::CONSENSUS,
        labels::PANEL_PERCENT,
        labels::PANEL_SCORE,
    ]));
    let score_col = cols.len() as u16 - 1;
    headers(ws, head, &cols, f)?;

    let mut row = head + 1;
    for cat in &a.categories {
        for item in &cat.items {
            let divergent = item.stats.is_some_and(|s| s.divergent);
            ws.write_string_with_format(row, 0, &*cell(&cat.category.code), &f.text)?;
            ws.write_string_with_format(row, 1, &*cell(&item.item.code), &f.text)?;
            ws.write_string_with_format(row, 2, &*cell(&item.item.title.zh), &f.text)?;
            ws.write_number_with_format(row, 3, item.item.points, &f.number)?;
            for (k, c) in a.columns.iter().enumerate() {
                let col = first_reviewer + k as u16;
                let fmt = match (c.role, divergent) {
                    (Role::Trainee, _) => &f.trainee,
                    (_, true) => &f.divergent,
                    _ => &f.number,
                };
                let percent = item.stats.and_then(|s| {
                    s.percents
                        .iter()
                        .find(|p| p.reviewer == c.reviewer)
                        .and_then(|p| p.percent)
                });
                match percent {
                    Some(p) => ws.write_number_with_format(row, col, p, fmt)?,
                    None => ws.write_blank(row, col, fmt)?,
                };
            }
            match item.stats {
                Some(s) => {
                    let spread_fmt = if s.divergent { &f.divergent } else { &f.number };
                    ws.write_number_with_format(row, stats_col, s.n, &f.number)?;
                    decimal(ws, row, stats_col + 1, s.mean, &f.stat)?;
                    decimal(ws, row, stats_col + 2, s.median, &f.number)?;
                    ws.write_number_with_format(row, stats_col + 3, s.min, &f.number)?;
                    ws.write_number_with_format(row, stats_col + 4, s.max, &f.number)?;
                    ws.write_number_with_format(row, stats_col + 5, s.spread, spread_fmt)?;
                    decimal(ws, row, stats_col + 6, s.std_dev, &f.stat)?;
                    match s.consensus {
                        Some(c) => ws.write_number_with_format(row, stats_col + 7, c, &f.number)?,
                        None => ws.write_blank(row, stats_col + 7, &f.number)?,
                    };
                    decimal(ws, row, stats_col + 8, s.panel_percent, &f.number)?;
                    decimal(ws, row, stats_col + 9, s.panel_score, &f.number)?;
                }
                None => {
                    for col in stats_col..=score_col {
                        ws.write_blank(row, col, &f.number)?;
                    }
                }
            }
            row += 1;
        }
        // Category subtotal (类目小计).
        let label = format!(
            "{} {} {}",
            cat.category.code,
            cat.category.title.zh,
            labels::SUBTOTAL.both()
        );
        ws.write_string_with_format(row, 0, &*cell(&label), &f.subtotal_text)?;
        for col in 1..score_col {
            ws.write_blank(row, col, &f.subtotal_text)?;
        }
        ws.write_number_with_format(row, 3, cat.category.points, &f.subtotal_number)?;
        match cat.total {
            Some(t) => decimal(ws, row, score_col, t.score, &f.subtotal_number)?,
            None => {
                ws.write_blank(row, score_col, &f.subtotal_number)?;
            }
        }
        row += 1;
    }
    ws.write_string_with_format(row, 0, &*cell(&labels::TOTAL.both()), &f.subtotal_text)?;
    for col in 1..score_col {
        ws.write_blank(row, col, &f.subtotal_text)?;
    }
    ws.write_number_with_format(row, 3, a.framework.total_points, &f.subtotal_number)?;
    decimal(ws, row, score_col, r.total, &f.subtotal_number)?;

    ws.set_column_width(0, 8)?;
    ws.set_column_width(1, 8)?;
    ws.set_column_width(2, 26)?;
    for col in first_reviewer..stats_col {
        ws.set_column_width(col, 10)?;
    }
    ws.set_freeze_panes(head + 1, 3)?;
    ws.set_paper_size(PAPER_A4).set_landscape();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::report as fixture;
    use std::io::Read;

    fn workbook() -> zip::ZipArchive<std::io::Cursor<Vec<u8>>> {
        let (result, catalog) = fixture::panel();
        let view = PanelView::build(&result, &catalog).unwrap();
        let bytes = render(&view).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"), "an xlsx is a zip file");
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap()
    }

    fn entry(zip: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str) -> String {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn sheets_are_summary_ranking_and_one_per_applicant() {
        let mut zip = workbook();
        let wb = entry(&mut zip, "xl/workbook.xml");
        let names: Vec<&str> = wb
            .split("<sheet name=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "汇总 Summary",
                "排序 Ranking",
                "A1 上海金山质量示范有限公司",
                "A2 金山精密机械有限公司"
            ]
        );
    }

    #[test]
    fn numbers_are_numbers_and_divergent_cells_are_filled() {
        let mut zip = workbook();
        let a1 = entry(&mut zip, "xl/worksheets/sheet3.xml");
        // 22.5 (4.2.2 at 45 %) and the total 84.5 are numeric cells, not text.
        assert!(a1.contains("<v>22.5</v>"), "{a1}");
        assert!(a1.contains("<v>84.5</v>"));
        let styles = entry(&mut zip, "xl/styles.xml");
        assert!(styles.contains("FFFFC7CE"), "the divergent fill is defined");
        // The divergent spread (25) carries a style other than the plain number's.
        let spread_cell = a1.split("<c ").find(|c| c.contains("<v>25</v>")).unwrap();
        let plain_cell = a1.split("<c ").find(|c| c.contains("<v>5</v>")).unwrap();
        let style = |c: &str| {
            c.split("s=\"")
                .nth(1)
                .map(|s| s.split('"').next().unwrap().to_string())
        };
        assert_ne!(style(spread_cell), style(plain_cell));
    }

    #[test]
    fn a_name_longer_than_a_cell_is_cut_with_a_mark() {
        let (mut result, catalog) = fixture::panel();
        let long: String = "金".repeat(MAX_CELL_UNITS + 1);
        result.results[0].applicant_name = long.clone();
        let view = PanelView::build(&result, &catalog).unwrap();
        let bytes = render(&view).expect("a long name never stops the workbook");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let strings = entry(&mut zip, "xl/sharedStrings.xml");
        assert!(strings.contains(CUT_MARK), "the cut is visible");
        assert!(!strings.contains(&long));

        let cut = cell(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_UNITS);
        assert!(cut.ends_with(CUT_MARK));
        // Astral characters are two units each and are never split.
        let astral = "𠀀".repeat(MAX_CELL_UNITS);
        let cut = cell(&astral);
        assert!(cut.encode_utf16().count() <= MAX_CELL_UNITS);
        assert!(cut.trim_end_matches(CUT_MARK).chars().all(|c| c == '𠀀'));
        assert!(matches!(cell("张三"), std::borrow::Cow::Borrowed("张三")));
        let exact = "a".repeat(MAX_CELL_UNITS);
        assert!(matches!(cell(&exact), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn decimal_to_float_is_the_nearest_double() {
        use rust_decimal_macros::dec;
        assert_eq!(float(dec!(22.50)), Some(22.5));
        assert_eq!(float(dec!(0.1)), Some(0.1));
        assert_eq!(float(dec!(84.5)), Some(84.5));
    }
}
