//! The award office's applicant list as a CSV file (申报对象名单), for `round import-applicants`.
//! The office keeps the list in Excel or WPS; what those save is read as it comes:
//!
//! - UTF-8, with or without the byte-order mark Excel's "CSV UTF-8" writes. Excel's plain
//!   "CSV" on a Chinese Windows writes GBK, and "Unicode text" writes UTF-16: both are detected
//!   and refused, saying how to save as "CSV UTF-8" (the front end words it) — guessing an
//!   encoding could turn a name into other characters without a word.
//! - A header row naming the columns, in Chinese or English ([`Column`]; the front end's word
//!   list turns a heading into a column). Unknown or repeated columns are refused, so a column
//!   the office meant is never dropped silently.
//! - One applicant per row; rows with every cell blank (Excel's trailing rows) are skipped.
//!   Coaching experts (指导专家, 第十四条) are separated by `、` or `;` in one cell.
//!
//! A refused row is named by its line in the file, and nothing is imported: the round gets all
//! the rows as one new version or none of them ([`import`]).

use super::edit::{EditError, NewApplicant, add_applicants};
use super::model::Round;
use crate::program::Catalog;

/// A column of the applicant list. Headings are matched by the front end's word list, in
/// Chinese or English; [`Column::code`] is the English heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// 申报编号 (required).
    Number,
    /// 名称 (required).
    Name,
    /// 奖项类别: the track's id or title (required).
    Track,
    /// 推荐单位.
    RecommendingUnit,
    /// 指导专家, separated by `、` or `;`.
    Coaches,
}

impl Column {
    pub const ALL: [Column; 5] = [
        Column::Number,
        Column::Name,
        Column::Track,
        Column::RecommendingUnit,
        Column::Coaches,
    ];

    /// The English heading, also the column's stable name.
    pub fn code(self) -> &'static str {
        match self {
            Column::Number => "number",
            Column::Name => "name",
            Column::Track => "track",
            Column::RecommendingUnit => "recommending_unit",
            Column::Coaches => "coaches",
        }
    }

    /// Whether every list must have this column.
    pub fn required(self) -> bool {
        matches!(self, Column::Number | Column::Name | Column::Track)
    }
}

/// The separators between coaching experts in one cell: the ideographic comma `、` (U+3001),
/// `;` and the full-width `；` (U+FF1B) that a Chinese input method types for it.
const COACH_SEPARATORS: [char; 3] = ['\u{3001}', ';', '\u{ff1b}'];

/// Why an applicant list was refused. Each variant has a stable [`CsvError::code`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is UTF-16 text, not UTF-8; save it as \"CSV UTF-8\"")]
    Utf16,
    #[error("line {line}: the file is not UTF-8 (probably GBK: {gbk}); save it as \"CSV UTF-8\"")]
    NotUtf8 {
        line: u64,
        /// The bytes read as GBK / GB18030 (Excel's plain "CSV" on a Chinese Windows).
        gbk: bool,
    },
    #[error("line {line}: {message}")]
    Syntax { line: u64, message: String },
    #[error("line 1: unknown column {heading:?}")]
    UnknownColumn { heading: String },
    #[error("line 1: column {} is given twice", .0.code())]
    DuplicateColumn(Column),
    #[error("line 1: no column {}", .0.code())]
    MissingColumn(Column),
    #[error("line {line}: {found} cells, the header has {expected}")]
    FieldCount {
        line: u64,
        expected: usize,
        found: usize,
    },
    #[error("line {line}: a value in column {position}, which has no heading")]
    UnnamedValue { line: u64, position: usize },
    #[error("the file has a header and no applicant")]
    NoRows,
    #[error("line {line}: {error}")]
    Row { line: u64, error: EditError },
}

impl CsvError {
    /// A stable machine name, listed in `docs/round-format.md` §8.
    pub fn code(&self) -> &'static str {
        match self {
            CsvError::Empty => "csv-empty",
            CsvError::Utf16 => "csv-utf16",
            CsvError::NotUtf8 { .. } => "csv-not-utf8",
            CsvError::Syntax { .. } => "csv-syntax",
            CsvError::UnknownColumn { .. } => "csv-unknown-column",
            CsvError::DuplicateColumn(_) => "csv-duplicate-column",
            CsvError::MissingColumn(_) => "csv-missing-column",
            CsvError::FieldCount { .. } => "csv-field-count",
            CsvError::UnnamedValue { .. } => "csv-unnamed-value",
            CsvError::NoRows => "csv-no-rows",
            CsvError::Row { error, .. } => error.code(),
        }
    }

    /// The line of the file the fault is on, where there is one.
    pub fn line(&self) -> Option<u64> {
        match self {
            CsvError::NotUtf8 { line, .. }
            | CsvError::Syntax { line, .. }
            | CsvError::FieldCount { line, .. }
            | CsvError::UnnamedValue { line, .. }
            | CsvError::Row { line, .. } => Some(*line),
            CsvError::UnknownColumn { .. }
            | CsvError::DuplicateColumn(_)
            | CsvError::MissingColumn(_) => Some(1),
            CsvError::Empty | CsvError::Utf16 | CsvError::NoRows => None,
        }
    }
}

/// One applicant row, with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub applicant: NewApplicant,
}

const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

/// The text of the file: UTF-8 with its BOM removed, or why it is not UTF-8.
fn text(bytes: &[u8]) -> Result<&str, CsvError> {
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return Err(CsvError::Utf16);
    }
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    // UTF-16 without a BOM: ASCII characters come with a zero byte beside them.
    let head = &body[..body.len().min(512)];
    let zeros = head.iter().filter(|&&b| b == 0).count();
    if zeros > 0 && zeros * 4 >= head.len() {
        return Err(CsvError::Utf16);
    }
    match std::str::from_utf8(body) {
        Ok(text) if text.trim().is_empty() => Err(CsvError::Empty),
        Ok(text) => Ok(text),
        Err(e) => {
            let at = e.valid_up_to();
            let line = 1 + body[..at].iter().filter(|&&b| b == b'\n').count() as u64;
            Err(CsvError::NotUtf8 {
                line,
                gbk: looks_like_gbk(body),
            })
        }
    }
}

/// Whether every byte above ASCII pairs up as a GBK / GB18030 double-byte character (lead
/// 0x81–0xFE, trail 0x40–0xFE but not 0x7F), and there is at least one.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    let mut i = 0;
    let mut pairs = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let Some(&t) = bytes.get(i + 1) else {
            return false;
        };
        if !(0x81..=0xfe).contains(&b) || !(0x40..=0xfe).contains(&t) || t == 0x7f {
            return false;
        }
        pairs += 1;
        i += 2;
    }
    pairs > 0
}

/// Reads the applicant list. `column_of` turns a heading (trimmed) into a column: the front
/// end's word list, Chinese and English.
pub fn parse(
    bytes: &[u8],
    column_of: &dyn Fn(&str) -> Option<Column>,
) -> Result<Vec<Row>, CsvError> {
    let text = text(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err(CsvError::Empty),
        Some(r) => r.map_err(syntax)?,
    };
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(header.len());
    for heading in header.iter() {
        let heading = heading.trim();
        if heading.is_empty() {
            columns.push(None);
            continue;
        }
        let column = column_of(heading).ok_or_else(|| CsvError::UnknownColumn {
            heading: heading.to_string(),
        })?;
        if columns.contains(&Some(column)) {
            return Err(CsvError::DuplicateColumn(column));
        }
        columns.push(Some(column));
    }
    if let Some(missing) = Column::ALL
        .into_iter()
        .find(|c| c.required() && !columns.contains(&Some(*c)))
    {
        return Err(CsvError::MissingColumn(missing));
    }
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(syntax)?;
        let line = record.position().map_or(0, |p| line_at(text, p.byte()));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != columns.len() {
            return Err(CsvError::FieldCount {
                line,
                expected: columns.len(),
                found: record.len(),
            });
        }
        let mut a = NewApplicant::default();
        for (position, (cell, column)) in record.iter().zip(&columns).enumerate() {
            let cell = cell.trim();
            match column {
                None if cell.is_empty() => {}
                None => {
                    return Err(CsvError::UnnamedValue {
                        line,
                        position: position + 1,
                    });
                }
                Some(Column::Number) => a.number = cell.into(),
                Some(Column::Name) => a.name = cell.to_string(),
                Some(Column::Track) => a.track = cell.to_string(),
                Some(Column::RecommendingUnit) => a.recommended_by = cell.to_string(),
                Some(Column::Coaches) => {
                    a.coaches = cell
                        .split(COACH_SEPARATORS)
                        .map(|c| c.trim().to_string())
                        .filter(|c| !c.is_empty())
                        .collect();
                }
            }
        }
        rows.push(Row { line, applicant: a });
    }
    if rows.is_empty() {
        return Err(CsvError::NoRows);
    }
    Ok(rows)
}

/// The line (from 1) a record starting at byte `at` is on. The reader may place a record's
/// start on the line break that ends the one before (after the `\r` of a CRLF): breaks at the
/// start are skipped, so a file saved with CRLF numbers its lines as one saved with LF.
fn line_at(text: &str, at: u64) -> u64 {
    let bytes = text.as_bytes();
    let mut at = usize::try_from(at).unwrap_or(bytes.len()).min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64
}

fn syntax(e: csv::Error) -> CsvError {
    let line = e.position().map_or(0, |p| p.line());
    CsvError::Syntax {
        line,
        message: e.to_string(),
    }
}

/// Adds every row to the round as one new version, or none: a refused row is named by its line.
pub fn import(
    round: &Round,
    catalog: &Catalog,
    rows: Vec<Row>,
    now: &str,
) -> Result<Round, CsvError> {
    let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
    let applicants = rows.into_iter().map(|r| r.applicant).collect();
    add_applicants(round, catalog, applicants, now).map_err(|(i, error)| CsvError::Row {
        line: lines.get(i).copied().unwrap_or(0),
        error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::testing::sample;

    fn english(h: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.code() == h)
    }

    fn rows(text: &str) -> Result<Vec<Row>, CsvError> {
        parse(text.as_bytes(), &english)
    }

    #[test]
    fn a_list_with_bom_blank_rows_and_coaches() {
        let mut bytes = UTF8_BOM.to_vec();
        bytes.extend_from_slice(
            "number,name,track,recommending_unit,coaches\r\n\
             2025-M-03,金山化工,mayor-model,区经委,\r\n\
             ,,,,\r\n\
             2025-I-02,\"钱工, 高级\",mayor-achievement,,李专家、 周专家;吴专家；\r\n"
                .as_bytes(),
        );
        let r = parse(&bytes, &english).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 4]);
        assert_eq!(r[0].line, 2);
        assert_eq!(r[0].applicant.recommended_by, "区经委");
        assert_eq!(r[1].line, 4);
        assert_eq!(r[1].applicant.name, "钱工, 高级");
        assert_eq!(r[1].applicant.coaches, vec!["李专家", "周专家", "吴专家"]);
    }

    #[test]
    fn encodings_other_than_utf8_are_refused() {
        // "申报编号" in GBK.
        let gbk = b"\xc9\xea\xb1\xa8\xb1\xe0\xba\xc5,name,track\n";
        assert_eq!(
            parse(gbk, &english).unwrap_err(),
            CsvError::NotUtf8 { line: 1, gbk: true }
        );
        let mut later = b"number,name,track\nA1,".to_vec();
        later.extend_from_slice(b"\xbd\xf0\xc9\xbd,mayor-model\n");
        assert_eq!(
            parse(&later, &english).unwrap_err(),
            CsvError::NotUtf8 { line: 2, gbk: true }
        );
        let utf16: Vec<u8> = "number,name,track\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(parse(&utf16, &english).unwrap_err(), CsvError::Utf16);
        let mut bom16 = vec![0xff, 0xfe];
        bom16.extend_from_slice(&utf16);
        assert_eq!(parse(&bom16, &english).unwrap_err(), CsvError::Utf16);
        assert_eq!(parse(b"", &english).unwrap_err(), CsvError::Empty);
        assert_eq!(parse(UTF8_BOM, &english).unwrap_err(), CsvError::Empty);
        assert_eq!(
            parse(b"\xff\xff\xff", &english).unwrap_err(),
            CsvError::NotUtf8 {
                line: 1,
                gbk: false
            }
        );
    }

    #[test]
    fn headers_must_be_known_complete_and_once() {
        assert_eq!(
            rows("number,name,track,stars\nA1,x,mayor-model,5\n").unwrap_err(),
            CsvError::UnknownColumn {
                heading: "stars".into()
            }
        );
        assert_eq!(
            rows("number,name,track,name\n").unwrap_err(),
            CsvError::DuplicateColumn(Column::Name)
        );
        assert_eq!(
            rows("number,name\nA1,x\n").unwrap_err(),
            CsvError::MissingColumn(Column::Track)
        );
        assert_eq!(rows("number,name,track\n").unwrap_err(), CsvError::NoRows);
        let e = rows("number,name,track\nA1,x,mayor-model\nA2,y\n").unwrap_err();
        assert_eq!(e.code(), "csv-field-count");
        assert_eq!(e.line(), Some(3));
        // An unnamed trailing column may only be blank.
        assert_eq!(
            rows("number,name,track,\nA1,x,mayor-model,\n")
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            rows("number,name,track,\nA1,x,mayor-model,?\n").unwrap_err(),
            CsvError::UnnamedValue {
                line: 2,
                position: 4
            }
        );
    }

    #[test]
    fn a_bad_row_is_named_by_line_and_nothing_is_imported() {
        let catalog = Catalog::embedded();
        let round = sample();
        let list = rows(
            "number,name,track\n\
             2025-M-03,甲,mayor-model\n\
             \"2025-M-04\",\"乙\nmulti-line\",mayor-model\n\
             2025-m-01,丙,mayor-model\n",
        )
        .unwrap();
        let e = import(&round, &catalog, list, "2025-06-02T10:00:00+08:00").unwrap_err();
        assert_eq!(e.code(), "duplicate-number");
        // The multi-line name spans lines 3–4: the duplicate is on line 5.
        assert_eq!(e.line(), Some(5));
        let ok = import(
            &round,
            &catalog,
            rows("number,name,track\n2025-M-03,甲,区长质量奖·先进质量管理模式\n").unwrap(),
            "2025-06-02T10:00:00+08:00",
        )
        .unwrap();
        assert_eq!(ok.applicants.len(), round.applicants.len() + 1);
        assert_eq!(ok.version, round.version + 1);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Whatever the bytes, a list is read or refused with a reason: never a panic.
        #[test]
        fn any_bytes_are_read_or_refused(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let _ = parse(&bytes, &english);
        }

        /// What a spreadsheet writes (any names and coaches, quoted as CSV quotes them, CRLF or
        /// LF) is read back cell for cell, each row named by the line it starts on.
        #[test]
        fn written_lists_read_back(
            names in proptest::collection::vec("[^\\x00-\\x1f]{1,12}", 1..6),
            coaches in proptest::collection::vec("[a-z\\x{4e00}-\\x{4e20}]{1,4}", 0..3),
            crlf in proptest::prelude::any::<bool>(),
        ) {
            let mut w = csv::WriterBuilder::new()
                .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
                .from_writer(vec![]);
            w.write_record(["number", "name", "track", "coaches"]).unwrap();
            for (i, name) in names.iter().enumerate() {
                w.write_record([format!("A{i}"), name.clone(), "mayor-model".into(), coaches.join("\u{3001}")]).unwrap();
            }
            let bytes = w.into_inner().unwrap();
            let rows = parse(&bytes, &english).unwrap();
            let blank = names.iter().filter(|n| n.trim().is_empty()).count();
            proptest::prop_assert!(rows.len() + blank >= names.len());
            for row in &rows {
                let i: usize = row.applicant.number.trim_start_matches('A').parse().unwrap();
                proptest::prop_assert_eq!(&row.applicant.name, names[i].trim());
                proptest::prop_assert_eq!(&row.applicant.coaches, &coaches);
                proptest::prop_assert_eq!(row.line, 2 + i as u64);
            }
        }
    }
}
