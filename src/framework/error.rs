//! Errors in criteria data files (框架/办法文件错误): each names the file, the JSON path and the
//! line, so an award office can fix a hand-written edition without guessing.

use std::fmt;

use crate::lang::Lang;

/// One step of a JSON path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A JSON path such as `$.categories[0].items[1].points`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct JsonPath(pub Vec<Segment>);

impl JsonPath {
    pub fn root() -> JsonPath {
        JsonPath(Vec::new())
    }

    pub fn key(&self, key: &str) -> JsonPath {
        let mut p = self.clone();
        p.0.push(Segment::Key(key.to_string()));
        p
    }

    pub fn index(&self, index: usize) -> JsonPath {
        let mut p = self.clone();
        p.0.push(Segment::Index(index));
        p
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for s in &self.0 {
            match s {
                Segment::Key(k) if is_plain_key(k) => write!(f, ".{k}")?,
                Segment::Key(k) => write!(f, "[{k:?}]")?,
                Segment::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

fn is_plain_key(k: &str) -> bool {
    !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What kind of thing was duplicated, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Thing {
    Category,
    Item,
    Requirement,
    Factor,
    Award,
    AwardRank,
    Track,
    Stage,
    Checklist,
    Condition,
}

impl Thing {
    /// The developer's English name, for `Display`; a person reads `Thing::name` (i18n).
    pub fn dev_name(self) -> &'static str {
        match self {
            Thing::Category => "category code",
            Thing::Item => "item code",
            Thing::Requirement => "requirement label",
            Thing::Factor => "factor code",
            Thing::Award => "award id",
            Thing::AwardRank => "award rank",
            Thing::Track => "track id",
            Thing::Stage => "stage kind",
            Thing::Checklist => "checklist for applicant kind",
            Thing::Condition => "condition id",
        }
    }
}

/// What is wrong. `Display` is the developer's English; a person reads
/// [`Problem::message`] (worded in `crate::i18n::reason`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("cannot read the file: {0}")]
    Io(String),
    /// A folder, device or pipe where a data file was expected.
    #[error("cannot read the file: not a regular file")]
    NotAFile,
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes, above the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("the file starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without BOM")]
    Bom,
    #[error("the file is not UTF-8 text (invalid byte at offset {offset}); save it as UTF-8")]
    NotUtf8 { offset: usize },
    #[error("the file is binary (NUL byte at offset {offset}), not JSON")]
    Binary { offset: usize },
    #[error("malformed JSON: {0}")]
    Syntax(String),
    #[error("JSON nested too deeply (more than 128 levels)")]
    TooDeep,
    /// Wrong type, unknown field, missing field, unknown enum value (serde's message).
    #[error("{0}")]
    Schema(String),
    #[error(
        "no format tag; expected \"scorebook-framework/1\", \"scorebook-program/1\" or \"scorebook-comment-check/1\""
    )]
    NoFormatTag,
    #[error(
        "format {0:?} is neither \"scorebook-framework/1\", \"scorebook-program/1\" nor \"scorebook-comment-check/1\""
    )]
    UnknownFormat(String),
    #[error("format is {found:?}, expected {expected:?}")]
    FormatTag { found: String, expected: String },
    #[error("must not be empty")]
    EmptyField,
    #[error("{} text is empty", .0.code())]
    EmptyText(Lang),
    #[error("id {0:?} may only use a-z, 0-9, '-', '_' and '.'")]
    BadId(String),
    #[error("{} {value:?} appears twice (first at {first})", .what.dev_name())]
    Duplicate {
        what: Thing,
        value: String,
        first: JsonPath,
    },
    #[error("points must be above 0")]
    ZeroPoints,
    #[error("there are no categories")]
    NoCategories,
    #[error("category {0} has no items")]
    NoItems(String),
    #[error("items add up to {sum}, category {code} declares {declared}")]
    ItemsSum {
        code: String,
        sum: u64,
        declared: u32,
    },
    #[error("categories add up to {sum}, total_points declares {declared}")]
    CategoriesSum { sum: u64, declared: u32 },
    #[error("percent_step {0} must be above 0 and divide 100")]
    Step(u8),
    #[error("there are no evaluation factors for {0} items")]
    NoFactors(&'static str),
    #[error("there are no scoring bands")]
    NoBands,
    #[error("band edge {value} is not on the step of {step}")]
    BandOffStep { value: u8, step: u8 },
    #[error("band min {min} is above its max {max}")]
    BandInverted { min: u8, max: u8 },
    #[error("band max {0} is above 100")]
    BandAbove100(u8),
    #[error("{} in no band (gap)", percents(*.from, *.to))]
    BandGap { from: u8, to: u8 },
    #[error("{} in this band and in band {other} (overlap)", percents(*.from, *.to))]
    BandOverlap { from: u8, to: u8, other: usize },
    #[error("no framework with id {0:?} is known")]
    UnknownFramework(String),
    #[error("no award with id {0:?} in this programme")]
    UnknownAward(String),
    #[error("quota {0} is below zero")]
    NegativeQuota(i64),
    #[error("{0} is too large (above 9007199254740991)")]
    NumberTooLarge(String),
    #[error("must be above 0")]
    NotPositive,
    #[error("{0:?} is not a date (YYYY-MM-DD)")]
    BadDate(String),
    #[error("valid_from {from} is after valid_to {to}")]
    DateOrder { from: String, to: String },
    #[error(
        "stage {kind} comes after {previous}; stages run eligibility, document_review, site_review, comprehensive, decision"
    )]
    StageOrder { kind: String, previous: String },
    #[error("the programme has no stage {0}")]
    NoSuchStage(String),
    #[error("no eligibility checklist for {kind} applicants, needed by track {track}")]
    NoChecklist { kind: &'static str, track: String },
    #[error("there are no {0}")]
    NoneOf(&'static str),
    #[error("id {id:?} is also defined by {other}; this file is skipped")]
    DuplicateDocument { id: String, other: String },
    /// A threshold above the one it must not exceed (`min_width` above `max_width`).
    #[error("must not exceed {0}")]
    MustNotExceed(&'static str),
    /// A threshold not below the one it must be below (`low_percent` and `high_percent`).
    #[error("must be below {0}")]
    MustBeBelow(&'static str),
    /// A panel stage said to be the office's, or the decision said to be the panel's.
    #[error("stage {kind} is run by the {expected}, not the {found}")]
    StageOwner {
        kind: &'static str,
        expected: &'static str,
        found: &'static str,
    },
}

fn percents(from: u8, to: u8) -> String {
    if from == to {
        format!("percent {from}")
    } else {
        format!("percents {from}–{to}")
    }
}

/// A problem in a data file, located: `criteria/frameworks/x.json:12: $.categories[0].points: …`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct DataError {
    /// The file as the person knows it (relative to the home, or as typed).
    pub file: String,
    /// 1-based line, when the problem sits at a place in the text.
    pub line: Option<usize>,
    pub path: JsonPath,
    pub problem: Problem,
}

impl DataError {
    pub fn new(file: &str, line: Option<usize>, path: JsonPath, problem: Problem) -> DataError {
        DataError {
            file: file.to_string(),
            line,
            path,
            problem,
        }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}: {}", self.file, self.path, self.problem),
            None => write!(f, "{}: {}: {}", self.file, self.path, self.problem),
        }
    }
}
