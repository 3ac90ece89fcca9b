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
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Thing::Category, Lang::En) => "category code",
            (Thing::Category, Lang::Zh) => "类目编号",
            (Thing::Item, Lang::En) => "item code",
            (Thing::Item, Lang::Zh) => "条款编号",
            (Thing::Requirement, Lang::En) => "requirement label",
            (Thing::Requirement, Lang::Zh) => "要求标号",
            (Thing::Factor, Lang::En) => "factor code",
            (Thing::Factor, Lang::Zh) => "评价要素代号",
            (Thing::Award, Lang::En) => "award id",
            (Thing::Award, Lang::Zh) => "奖项 id",
            (Thing::AwardRank, Lang::En) => "award rank",
            (Thing::AwardRank, Lang::Zh) => "奖项等级",
            (Thing::Track, Lang::En) => "track id",
            (Thing::Track, Lang::Zh) => "类别 id",
            (Thing::Stage, Lang::En) => "stage kind",
            (Thing::Stage, Lang::Zh) => "评审阶段",
            (Thing::Checklist, Lang::En) => "checklist for applicant kind",
            (Thing::Checklist, Lang::Zh) => "申报主体的资格清单",
            (Thing::Condition, Lang::En) => "condition id",
            (Thing::Condition, Lang::Zh) => "条件 id",
        }
    }
}

/// What is wrong. The English text is the `Display`; [`Problem::zh`] gives the Chinese.
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
    #[error("no format tag; expected \"scorebook-framework/1\" or \"scorebook-program/1\"")]
    NoFormatTag,
    #[error("format {0:?} is neither \"scorebook-framework/1\" nor \"scorebook-program/1\"")]
    UnknownFormat(String),
    #[error("format is {found:?}, expected {expected:?}")]
    FormatTag { found: String, expected: String },
    #[error("must not be empty")]
    EmptyField,
    #[error("{} text is empty", .0.code())]
    EmptyText(Lang),
    #[error("id {0:?} may only use a-z, 0-9, '-', '_' and '.'")]
    BadId(String),
    #[error("{what} {value:?} appears twice (first at {first})", what = .what.name(Lang::En))]
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
    #[error("no eligibility checklist for {kind} applicants, needed by track {track}")]
    NoChecklist { kind: &'static str, track: String },
    #[error("there are no {0}")]
    NoneOf(&'static str),
    #[error("id {id:?} is also defined by {other}; this file is skipped")]
    DuplicateDocument { id: String, other: String },
    /// A panel stage said to be the office's, or the decision said to be the panel's.
    #[error("stage {kind} is run by the {expected}, not the {found}")]
    StageOwner {
        kind: String,
        expected: &'static str,
        found: &'static str,
    },
}

impl Problem {
    /// The Chinese message.
    pub fn zh(&self) -> String {
        match self {
            Problem::Io(e) => format!("无法读取文件：{e}"),
            Problem::NotAFile => "无法读取文件：这不是普通文件（可能是文件夹）".into(),
            Problem::Empty => "文件为空".into(),
            Problem::TooLarge { size, limit } => {
                format!("文件大小 {size} 字节，超过上限 {limit} 字节")
            }
            Problem::Bom => "文件以 UTF-8 字节顺序标记（BOM）开头；请另存为无 BOM 的 UTF-8".into(),
            Problem::NotUtf8 { offset } => {
                format!("文件不是 UTF-8 文本（偏移 {offset} 处字节无效）；请另存为 UTF-8")
            }
            Problem::Binary { offset } => {
                format!("这是二进制文件（偏移 {offset} 处有 NUL 字节），不是 JSON")
            }
            Problem::Syntax(m) => format!("JSON 格式错误：{m}"),
            Problem::TooDeep => "JSON 嵌套过深（超过 128 层）".into(),
            Problem::Schema(m) => format!("结构不符：{m}"),
            Problem::NoFormatTag => {
                "缺少 format 标记；应为 \"scorebook-framework/1\" 或 \"scorebook-program/1\"".into()
            }
            Problem::UnknownFormat(found) => format!(
                "format {found:?} 既不是 \"scorebook-framework/1\" 也不是 \"scorebook-program/1\""
            ),
            Problem::FormatTag { found, expected } => {
                format!("format 为 {found:?}，应为 {expected:?}")
            }
            Problem::EmptyField => "不能为空".into(),
            Problem::EmptyText(l) => format!("{} 文本为空", l.code()),
            Problem::BadId(id) => format!("id {id:?} 只能使用 a-z、0-9、'-'、'_' 和 '.'"),
            Problem::Duplicate { what, value, first } => {
                format!(
                    "{} {value:?} 重复（首次出现于 {first}）",
                    what.name(Lang::Zh)
                )
            }
            Problem::ZeroPoints => "分值必须大于 0".into(),
            Problem::NoCategories => "没有类目".into(),
            Problem::NoItems(c) => format!("类目 {c} 没有条款"),
            Problem::ItemsSum {
                code,
                sum,
                declared,
            } => {
                format!("条款分值合计 {sum}，类目 {code} 声明为 {declared}")
            }
            Problem::CategoriesSum { sum, declared } => {
                format!("类目分值合计 {sum}，total_points 声明为 {declared}")
            }
            Problem::Step(s) => format!("percent_step {s} 必须大于 0 且能整除 100"),
            Problem::NoFactors(k) => format!("没有{}条款的评价要素", kind_zh(k)),
            Problem::NoBands => "没有评分区间".into(),
            Problem::BandOffStep { value, step } => {
                format!("区间端点 {value} 不在步长 {step} 上")
            }
            Problem::BandInverted { min, max } => format!("区间下限 {min} 大于上限 {max}"),
            Problem::BandAbove100(m) => format!("区间上限 {m} 超过 100"),
            Problem::BandGap { from, to } => {
                format!("百分比 {} 不在任何区间内（缺口）", range(*from, *to))
            }
            Problem::BandOverlap { from, to, other } => format!(
                "百分比 {} 同时落在本区间和第 {other} 个区间（重叠）",
                range(*from, *to)
            ),
            Problem::UnknownFramework(id) => format!("找不到 id 为 {id:?} 的评价准则"),
            Problem::UnknownAward(id) => format!("本办法中没有 id 为 {id:?} 的奖项"),
            Problem::NegativeQuota(q) => format!("名额 {q} 小于 0"),
            Problem::NumberTooLarge(n) => format!("{n} 过大（超过 9007199254740991）"),
            Problem::NotPositive => "必须大于 0".into(),
            Problem::BadDate(d) => format!("{d:?} 不是日期（YYYY-MM-DD）"),
            Problem::DateOrder { from, to } => format!("valid_from {from} 晚于 valid_to {to}"),
            Problem::StageOrder { kind, previous } => format!(
                "阶段 {kind} 排在 {previous} 之后；阶段顺序应为 资格审查、资料评审、现场评审、综合评价、审定公示"
            ),
            Problem::NoChecklist { kind, track } => {
                format!("没有{}申报者的资格清单，类别 {track} 需要", kind_zh(kind))
            }
            Problem::NoneOf(what) => format!("没有 {what}"),
            Problem::DuplicateDocument { id, other } => {
                format!("id {id:?} 已由 {other} 定义；本文件被跳过")
            }
            Problem::StageOwner {
                kind,
                expected,
                found,
            } => format!(
                "阶段 {kind} 由{}负责，不是{}",
                owner_zh(expected),
                owner_zh(found)
            ),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => self.zh(),
        }
    }
}

fn range(from: u8, to: u8) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from}–{to}")
    }
}

fn percents(from: u8, to: u8) -> String {
    if from == to {
        format!("percent {from}")
    } else {
        format!("percents {from}–{to}")
    }
}

fn owner_zh(owner: &str) -> &str {
    match owner {
        "panel" => "评审组",
        "office" => "区审定办",
        other => other,
    }
}

fn kind_zh(k: &str) -> &str {
    match k {
        "process" => "过程类",
        "results" => "结果类",
        "organisation" => "组织",
        "individual" => "个人",
        other => other,
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

    /// The whole line in the interface language.
    pub fn render(&self, lang: Lang) -> String {
        match self.line {
            Some(l) => format!(
                "{}:{l}: {}: {}",
                self.file,
                self.path,
                self.problem.message(lang)
            ),
            None => format!(
                "{}: {}: {}",
                self.file,
                self.path,
                self.problem.message(lang)
            ),
        }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}
