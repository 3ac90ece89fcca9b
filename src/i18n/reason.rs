//! Why something failed, worded for a person: the typed reasons of the core (criteria files,
//! the workspace, signed sheets, the panel's exclusions, ranking notes and consensus refusals)
//! in Chinese and English.
//!
//! The core types keep a `Display` (thiserror) as the developer's English for logs and error
//! chains; what a person reads comes from here. The methods are inherent impls on the core's
//! types (Rust allows them anywhere in the crate), so a caller writes `e.message(lang)` and
//! the core itself never imports this module.

use super::terms::Term;
use super::{Lang, pick, pick_owned};
use crate::canonical::CanonicalError;
use crate::framework::error::{DataError, Problem, Thing};
use crate::framework::score::format_points;
use crate::identity::member::PublicKeyError;
use crate::panel::consensus::ConsensusError;
use crate::panel::{Exclusion, Fault, OtherPanelVersion, RankNote, Stale};
use crate::sheet::{EnvelopeError, VerifyError};
use crate::workspace::error::{Notice, WorkspaceError};

// ---------------------------------------------------------------------------------------------
// Criteria data files (评价准则 / 评奖办法文件)

impl Thing {
    /// What was duplicated, as the message names it (the English is the code's own name).
    pub fn name(self, lang: Lang) -> &'static str {
        let zh = match self {
            Thing::Category => "类目编号",
            Thing::Item => "条款编号",
            Thing::Requirement => "要求标号",
            Thing::Factor => "评价要素代号",
            Thing::Award => "奖项 id",
            Thing::AwardRank => "奖项等级",
            Thing::Track => "奖项类别 id",
            Thing::Stage => "评审阶段",
            Thing::Checklist => "申报对象的资格清单",
            Thing::Condition => "条件 id",
        };
        pick(lang, zh, self.dev_name())
    }
}

impl Problem {
    /// The problem in the interface language.
    pub fn message(&self, lang: Lang) -> String {
        pick_owned(lang, self.texts())
    }

    fn texts(&self) -> (String, String) {
        use Problem as P;
        let s = |zh: &str, en: &str| (zh.to_string(), en.to_string());
        match self {
            P::Io(e) => (
                format!("无法读取文件：{e}"),
                format!("cannot read the file: {e}"),
            ),
            P::NotAFile => s(
                "无法读取文件：这不是普通文件（可能是文件夹）",
                "cannot read the file: not a regular file",
            ),
            P::Empty => s("文件为空", "the file is empty"),
            P::TooLarge { size, limit } => (
                format!("文件大小 {size} 字节，超过上限 {limit} 字节"),
                format!("the file is {size} bytes, above the limit of {limit} bytes"),
            ),
            P::Bom => s(
                "文件以 UTF-8 字节顺序标记（BOM）开头；请另存为无 BOM 的 UTF-8",
                "the file starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without BOM",
            ),
            P::NotUtf8 { offset } => (
                format!("文件不是 UTF-8 文本（偏移 {offset} 处字节无效）；请另存为 UTF-8"),
                format!(
                    "the file is not UTF-8 text (invalid byte at offset {offset}); save it as UTF-8"
                ),
            ),
            P::Binary { offset } => (
                format!("这是二进制文件（偏移 {offset} 处有 NUL 字节），不是 JSON"),
                format!("the file is binary (NUL byte at offset {offset}), not JSON"),
            ),
            P::Syntax(m) => (
                format!("JSON 格式错误：{m}"),
                format!("malformed JSON: {m}"),
            ),
            P::TooDeep => s(
                "JSON 嵌套过深（超过 128 层）",
                "JSON nested too deeply (more than 128 levels)",
            ),
            P::Schema(m) => (format!("结构不符：{m}"), m.clone()),
            P::NoFormatTag => s(
                "缺少 format 标记；应为 \"scorebook-framework/1\"、\"scorebook-program/1\" 或 \"scorebook-comment-check/1\"",
                "no format tag; expected \"scorebook-framework/1\", \"scorebook-program/1\" or \"scorebook-comment-check/1\"",
            ),
            P::UnknownFormat(found) => (
                format!(
                    "format {found:?} 不是 \"scorebook-framework/1\"、\"scorebook-program/1\" 或 \"scorebook-comment-check/1\""
                ),
                format!(
                    "format {found:?} is neither \"scorebook-framework/1\", \"scorebook-program/1\" nor \"scorebook-comment-check/1\""
                ),
            ),
            P::FormatTag { found, expected } => (
                format!("format 为 {found:?}，应为 {expected:?}"),
                format!("format is {found:?}, expected {expected:?}"),
            ),
            P::EmptyField => s("不能为空", "must not be empty"),
            P::MustNotExceed(other) => (
                format!("不能超过 {other}"),
                format!("must not exceed {other}"),
            ),
            P::MustBeBelow(other) => (
                format!("必须小于 {other}"),
                format!("must be below {other}"),
            ),
            P::EmptyText(l) => (
                format!("{} 文本为空", l.code()),
                format!("{} text is empty", l.code()),
            ),
            P::BadId(id) => (
                format!("id {id:?} 只能使用 a-z、0-9、'-'、'_' 和 '.'"),
                format!("id {id:?} may only use a-z, 0-9, '-', '_' and '.'"),
            ),
            P::Duplicate { what, value, first } => (
                format!(
                    "{} {value:?} 重复（首次出现于 {first}）",
                    what.name(Lang::Zh)
                ),
                format!(
                    "{} {value:?} appears twice (first at {first})",
                    what.name(Lang::En)
                ),
            ),
            P::ZeroPoints => s("分值必须大于 0", "points must be above 0"),
            P::NoCategories => s("没有类目", "there are no categories"),
            P::NoItems(c) => (
                format!("类目 {c} 没有条款"),
                format!("category {c} has no items"),
            ),
            P::ItemsSum {
                code,
                sum,
                declared,
            } => (
                format!("条款分值合计 {sum}，类目 {code} 声明为 {declared}"),
                format!("items add up to {sum}, category {code} declares {declared}"),
            ),
            P::CategoriesSum { sum, declared } => (
                format!("类目分值合计 {sum}，total_points 声明为 {declared}"),
                format!("categories add up to {sum}, total_points declares {declared}"),
            ),
            P::Step(v) => (
                format!("percent_step {v} 必须大于 0 且能整除 100"),
                format!("percent_step {v} must be above 0 and divide 100"),
            ),
            P::NoFactors(k) => (
                format!("没有{}条款的评价要素", kind_zh(k)),
                format!("there are no evaluation factors for {k} items"),
            ),
            P::NoBands => s("没有评分区间", "there are no scoring bands"),
            P::BandOffStep { value, step } => (
                format!("区间端点 {value} 不在步长 {step} 上"),
                format!("band edge {value} is not on the step of {step}"),
            ),
            P::BandInverted { min, max } => (
                format!("区间下限 {min} 大于上限 {max}"),
                format!("band min {min} is above its max {max}"),
            ),
            P::BandAbove100(m) => (
                format!("区间上限 {m} 超过 100"),
                format!("band max {m} is above 100"),
            ),
            P::BandGap { from, to } => (
                format!("百分比 {} 不在任何区间内（缺口）", range(*from, *to)),
                format!("{} in no band (gap)", percents(*from, *to)),
            ),
            P::BandOverlap { from, to, other } => (
                format!(
                    "百分比 {} 同时落在本区间和第 {other} 个区间（重叠）",
                    range(*from, *to)
                ),
                format!(
                    "{} in this band and in band {other} (overlap)",
                    percents(*from, *to)
                ),
            ),
            P::UnknownFramework(id) => (
                format!("找不到 id 为 {id:?} 的评价准则"),
                format!("no framework with id {id:?} is known"),
            ),
            P::UnknownAward(id) => (
                format!("本办法中没有 id 为 {id:?} 的奖项"),
                format!("no award with id {id:?} in this programme"),
            ),
            P::NegativeQuota(q) => (
                format!("名额 {q} 小于 0"),
                format!("quota {q} is below zero"),
            ),
            P::NumberTooLarge(n) => (
                format!("{n} 过大（超过 9007199254740991）"),
                format!("{n} is too large (above 9007199254740991)"),
            ),
            P::NotPositive => s("必须大于 0", "must be above 0"),
            P::BadDate(d) => (
                format!("{d:?} 不是日期（YYYY-MM-DD）"),
                format!("{d:?} is not a date (YYYY-MM-DD)"),
            ),
            P::DateOrder { from, to } => (
                format!("valid_from {from} 晚于 valid_to {to}"),
                format!("valid_from {from} is after valid_to {to}"),
            ),
            P::StageOrder { kind, previous } => (
                format!(
                    "阶段 {kind} 排在 {previous} 之后；阶段顺序应为 资格审查、资料评审、现场评审、综合评价、审定公示"
                ),
                format!(
                    "stage {kind} comes after {previous}; stages run eligibility, document_review, site_review, comprehensive, decision"
                ),
            ),
            P::NoSuchStage(kind) => (
                format!("评奖办法中没有评审阶段 {kind}"),
                format!("the programme has no stage {kind}"),
            ),
            P::NoChecklist { kind, track } => (
                format!(
                    "没有申报{}的资格清单，{} {track} 需要它",
                    kind_zh(kind),
                    Term::AwardTrack.text(Lang::Zh)
                ),
                format!("no eligibility checklist for {kind} applicants, needed by track {track}"),
            ),
            P::NoneOf(what) => (
                format!("没有{}", list_zh(what)),
                format!("there are no {what}"),
            ),
            P::DuplicateDocument { id, other } => (
                format!("id {id:?} 已由 {other} 定义；本文件被跳过"),
                format!("id {id:?} is also defined by {other}; this file is skipped"),
            ),
            P::StageOwner {
                kind,
                expected,
                found,
            } => (
                format!(
                    "阶段 {kind} 由{}负责，不是{}",
                    owner_zh(expected),
                    owner_zh(found)
                ),
                format!("stage {kind} is run by the {expected}, not the {found}"),
            ),
        }
    }
}

impl DataError {
    /// The whole line in the interface language: `file:line: $.path: problem`.
    pub fn render(&self, lang: Lang) -> String {
        let problem = self.problem.message(lang);
        match self.line {
            Some(l) => format!("{}:{l}: {}: {problem}", self.file, self.path),
            None => format!("{}: {}: {problem}", self.file, self.path),
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

/// The kinds the validators name (`process`, `organisation`, …) in Chinese.
fn kind_zh(k: &str) -> &str {
    match k {
        "process" => "过程类",
        "results" => "结果类",
        "organisation" => "组织",
        "individual" => "个人",
        other => other,
    }
}

/// Who runs a stage (`panel`, `office`), in Chinese.
fn owner_zh(owner: &str) -> &str {
    match owner {
        "panel" => Term::Panel.text(Lang::Zh),
        "office" => Term::AwardOffice.text(Lang::Zh),
        other => other,
    }
}

/// The lists a programme must not leave empty, in Chinese.
fn list_zh(what: &str) -> &str {
    match what {
        "awards" => "奖项",
        "tracks" => Term::AwardTrack.text(Lang::Zh),
        "stages" => "评审阶段",
        "conditions" => "资格条件",
        other => other,
    }
}

// ---------------------------------------------------------------------------------------------
// The workspace (工作区)

impl WorkspaceError {
    /// The message in the interface language; the technical detail (file, OS error) is kept
    /// verbatim in both.
    pub fn message(&self, lang: Lang) -> String {
        use WorkspaceError as W;
        let applicant = Term::Applicant.text(Lang::Zh);
        let (zh, en) = match self {
            W::ReadOnly { lock } => (
                format!(
                    "未保存：另一个记分册窗口正在使用此工作区（锁文件 {}），本窗口为只读",
                    lock.display()
                ),
                format!(
                    "not saved: the workspace is open in another Scorebook (lock {}); this window is read-only",
                    lock.display()
                ),
            ),
            W::Io {
                action,
                path,
                source,
            } => (
                format!(
                    "无法{}：{}：{}。上一次保存的内容未受影响",
                    action_zh(action),
                    path.display(),
                    super::durable::io_error(Lang::Zh, source)
                ),
                format!("could not {action} {}: {source}", path.display()),
            ),
            W::Encode { what, source } => (
                format!("无法编码 {what}：{source}"),
                format!("could not encode {what} as JSON: {source}"),
            ),
            W::InvalidId { id, reason } => (
                format!("{applicant}编号“{id}”无效：{reason}"),
                format!("invalid applicant id '{id}': {reason}"),
            ),
            W::NotFound(id) => (
                format!("没有编号为“{id}”的{applicant}"),
                format!("no applicant with id '{id}'"),
            ),
            W::AlreadyExists { id, backup } => (
                format!(
                    "未恢复：已有编号为“{id}”的{applicant}，恢复会覆盖它（备份 {}）",
                    backup.display()
                ),
                format!(
                    "not restored: an applicant with id '{id}' exists and would be overwritten (backup {})",
                    backup.display()
                ),
            ),
            W::Unreadable { path, reason } => (
                format!(
                    "无法读取 {}：{}",
                    path.display(),
                    super::durable::unreadable(Lang::Zh, reason)
                ),
                format!(
                    "could not read {}: {}",
                    path.display(),
                    super::durable::unreadable(Lang::En, reason)
                ),
            ),
            W::Locked { path } => (
                format!(
                    "工作区已加密，需要签名密钥的口令才能打开（数据密钥 {}）。请在终端中运行并输入口令，或用环境变量 SCOREBOOK_PASSPHRASE_FILE 指定口令文件",
                    path.display()
                ),
                format!(
                    "the workspace is encrypted and opens with your key's passphrase (data key {}): run in a terminal and type it, or name a file holding it in SCOREBOOK_PASSPHRASE_FILE",
                    path.display()
                ),
            ),
            W::WrongPassphrase { path } => (
                format!("口令不对，工作区未打开（{}，文件未改动）", path.display()),
                format!(
                    "wrong passphrase: the workspace stays shut ({}, nothing changed)",
                    path.display()
                ),
            ),
            W::DataKeyMissing { path } => (
                format!(
                    "工作区已加密，但数据密钥 {} 不见了：请从备份恢复 keys/ 文件夹",
                    path.display()
                ),
                format!(
                    "the workspace is encrypted but its data key {} is missing: restore the keys/ folder from a backup",
                    path.display()
                ),
            ),
            W::DataKeyMismatch { marker } => (
                format!(
                    "数据密钥与 {} 记录的不一致：keys/ 文件夹可能来自另一台电脑",
                    marker.display()
                ),
                format!(
                    "the data key does not match the one {} names: the keys/ folder may come from another laptop",
                    marker.display()
                ),
            ),
            W::NeedsPassphrase => (
                "加密工作区前请先为签名密钥设置口令：scorebook key passphrase".into(),
                "set a passphrase on your signing key before encrypting the workspace: scorebook key passphrase".into(),
            ),
        };
        pick_owned(lang, (zh, en))
    }
}

/// The failed step in Chinese (the workspace names its steps in English, as codes); an unknown
/// step keeps its English words rather than vanish.
pub(crate) fn action_zh(action: &str) -> String {
    let zh = match action {
        "create a temporary file beside" => "创建临时文件（位于其旁）",
        "write" => "写入",
        "flush to disk" => "写入磁盘",
        "replace" => "替换文件",
        "flush the folder of" => "同步文件夹",
        "create the folder" => "创建文件夹",
        "open the lock" => "打开锁文件",
        "lock" => "加锁",
        "read" => "读取",
        "remove" => "删除",
        "move to removed/" => "移至 removed/ 备份",
        "move to removed/restored/" => "移至 removed/restored/",
        "list" => "列出",
        "start the saving thread for" => "启动保存线程",
        "read the export counters (fix or remove the file; versions must rise) in" => {
            "读取导出版本计数（请修复或删除该文件；版本号必须递增）"
        }
        "raise the export version (counter exhausted) in" => "递增导出版本号（计数已满）",
        other => return other.to_string(),
    };
    zh.to_string()
}

impl Notice {
    pub fn message(&self, lang: Lang) -> String {
        super::durable::notice(self, lang)
    }
}

// ---------------------------------------------------------------------------------------------
// Signed sheets (评分表)

impl VerifyError {
    /// Why the sheet does not count, in the interface language.
    pub fn message(&self, lang: Lang) -> String {
        use VerifyError as V;
        let s = |zh: &str, en: &str| (zh.to_string(), en.to_string());
        let (zh, en) = match self {
            V::Envelope(e) => return e.message(lang),
            V::NotASheet(t) => (
                format!("不是评分表（文件类型 {t}）"),
                format!("not a score sheet: the document is of type {t:?}"),
            ),
            V::KindMismatch { kind, payload_type } => (
                format!("内容自称 {kind:?}，却按 {payload_type} 签名"),
                format!("the document says it is a {kind:?} but was signed as {payload_type:?}"),
            ),
            V::WrongFormat(f) => (
                format!("格式 {f:?} 不是评分表格式"),
                format!("format {f:?} is not {:?}", crate::sheet::SHEET_FORMAT),
            ),
            V::FutureVersion { found } => (
                format!("由更新版本的 Scorebook 生成（评分表格式第 {found} 版），请升级 Scorebook"),
                format!(
                    "made by a newer Scorebook: sheet format version {found}, this build reads up to {}; update Scorebook",
                    crate::sheet::SHEET_FORMAT_VERSION
                ),
            ),
            V::UnsupportedVersion(v) => (
                format!("不支持的评分表格式版本 {v}"),
                format!("sheet format version {v} is not one this build reads"),
            ),
            V::RoundInOldFormat { version } => (
                format!("未知字段 round：评分表格式第 {version} 版没有评审轮次（round）字段"),
                format!(
                    "unknown field `round`: sheet format version {version} has no round member"
                ),
            ),
            V::RoundMissing { version } => (
                format!(
                    "缺少字段 round：评分表格式第 {version} 版必须写明评审轮次（本机添加的{}写 null）",
                    Term::Applicant.text(Lang::Zh)
                ),
                format!(
                    "missing field `round`: sheet format version {version} always has it (null for an applicant added on the laptop)"
                ),
            ),
            V::Payload { path, message } => (
                format!("内容无效，位置 {path}：{message}"),
                format!("invalid content at {path}: {message}"),
            ),
            V::PayloadNotCanonical => s(
                "非规范格式：评分表内容不是唯一规定的写法",
                "not canonical: the sheet's content is not written in its one canonical form",
            ),
            V::SignerMismatch { signer, reviewer } => (
                "签名密钥与文件中评审专家的公钥不一致".into(),
                format!("signed by key {signer}, but the document names reviewer key {reviewer}"),
            ),
            V::UnknownFramework { id, hash } => (
                format!(
                    "未知的评价准则哈希：{id} {hash} 不是本程序所知的版本（准则文件不同或被改动）"
                ),
                format!(
                    "unknown framework hash: {id} {hash} is not an edition this build knows (a different or altered criteria file)"
                ),
            ),
            V::FrameworkMismatch { stated, known } => (
                format!("表中写的准则是 {stated}，但该哈希属于 {known}"),
                format!("the sheet names framework {stated}, but that hash belongs to {known}"),
            ),
            V::UnknownProgram { id, hash } => (
                format!("未知的评奖办法哈希：{id} {hash}"),
                format!("unknown programme hash: {id} {hash} is not an edition this build knows"),
            ),
            V::UnknownTrack {
                program,
                track,
                framework,
            } => (
                format!(
                    "评奖办法 {program} 中没有{} {track}",
                    Term::AwardTrack.text(Lang::Zh)
                ),
                format!("programme {program} has no track {track} on framework {framework}"),
            ),
            V::ApplicantKind { track, kind } => (
                format!(
                    "{} {track} 不适用于该类{}",
                    Term::AwardTrack.text(Lang::Zh),
                    Term::Applicant.text(Lang::Zh)
                ),
                format!("track {track} is for another kind of applicant than {kind:?}"),
            ),
            V::Eligibility => s(
                "资格审查条目与评奖办法不一致",
                "the eligibility answers do not follow the programme's checklist",
            ),
            V::NotApplicableRefused { condition } => (
                format!(
                    "资格条件 {condition} 标为“不适用”，但评奖办法未规定该条件的适用情形，只能判为符合、不符合或待核实"
                ),
                format!(
                    "eligibility condition {condition} is marked not applicable, but the checklist does not say when it applies: it can only be met, not met or unclear"
                ),
            ),
            V::Items { expected, found } => (
                format!("条款列表与准则不符：应为 {expected}，实为 {found}"),
                format!(
                    "item list does not match the framework: expected {expected}, found {found}"
                ),
            ),
            V::Points {
                item,
                stated,
                expected,
            } => (
                format!("条款 {item} 写 {stated} 分，准则为 {expected} 分"),
                format!("item {item}: {stated} points stated, the framework gives {expected}"),
            ),
            V::PercentOffStep {
                item,
                percent,
                step,
            } => (
                format!(
                    "百分比不在步长上：条款 {item} 为 {percent}%，只允许 {step}% 的整数倍（至 100%）"
                ),
                format!(
                    "percent off the step: item {item} has {percent}%, allowed are multiples of {step}% up to 100%"
                ),
            ),
            V::Unscored { item } => (
                format!("条款 {item} 未评分，但表未标为草稿"),
                format!("item {item} has no percent, but the sheet is not marked draft"),
            ),
            V::ItemScore {
                item,
                stated,
                expected,
            } => (
                format!("条款 {item} 得分 {stated} 不等于 分值×百分比（应为 {expected}）"),
                format!(
                    "item {item}: score {stated} is not points × percent (expected {expected})"
                ),
            ),
            V::Band {
                item,
                stated,
                expected,
            } => (
                format!("条款 {item} 的评分区间 {stated} 与百分比不符（应为 {expected}）"),
                format!(
                    "item {item}: band {stated} is wrong for its percent (expected {expected})"
                ),
            ),
            V::Categories => s(
                "合计不符：类目列表与准则不一致",
                "totals do not add up: category list does not match the framework's",
            ),
            V::CategoryTotal {
                category,
                stated,
                expected,
            } => (
                format!("合计不符：类目 {category} 写 {stated}，条款得分之和为 {expected}"),
                format!(
                    "totals do not add up: category {category} states {stated}, its items add up to {expected}"
                ),
            ),
            V::Total { stated, expected } => (
                format!("合计不符：总分写 {stated}，条款得分之和为 {expected}"),
                format!(
                    "totals do not add up: total states {stated}, the items add up to {expected}"
                ),
            ),
            V::Conflict => (
                format!(
                    "评审专家已声明{}（回避），此表不能计分",
                    Term::HasInterest.text(Lang::Zh)
                ),
                "the reviewer declared a conflict of interest; the sheet cannot count".into(),
            ),
            V::Undeclared => s(
                "未作回避声明",
                "the conflict-of-interest declaration was never made",
            ),
            V::Field(what) => (
                format!("字段无效：{what}"),
                format!("invalid field: {what}"),
            ),
            V::BadTime { field, found } => (
                format!("字段无效：{field} 不是 RFC 3339 时间（{found:?}）"),
                format!("invalid field: {field} is not an RFC 3339 time ({found:?})"),
            ),
            V::EmptyField(field) => (
                format!("字段无效：{field} 为空"),
                format!("invalid field: {field} is empty"),
            ),
            V::UnknownRequirement { item, label } => (
                format!("条款 {item} 的评语引用了要求 {label:?}，该条款没有这一要求"),
                format!(
                    "item {item}: a comment cites requirement {label:?}, which the item does not have"
                ),
            ),
            V::DuplicateRequirement { item, label } => (
                format!("条款 {item} 的一条评语重复引用了要求 {label:?}"),
                format!("item {item}: a comment cites requirement {label:?} more than once"),
            ),
            V::DecimalSpelling { field, found } => (
                format!(
                    "非规范格式：{field} 的值 {found:?} 不是小数的唯一写法（不带正号、指数、前导零和末尾零，如 \"22.5\"）"
                ),
                format!(
                    "not canonical: {field} {found:?} is not the one spelling of a decimal (plain, normalised, e.g. \"22.5\")"
                ),
            ),
            V::NotInRoster { name, fingerprint } => (
                format!("密钥不在评审组名单中：{name}（指纹 {fingerprint}）不是本组成员"),
                format!(
                    "key not in the roster: {name} ({fingerprint}) is not a member of this panel"
                ),
            ),
            V::Draft => s(
                "这是草稿（以 --draft 导出），不是正式评分表",
                "a draft, not a final sheet (exported with --draft)",
            ),
            V::NotARecusal(t) => (
                format!("不是回避声明（文件类型 {t}）"),
                format!("not a recusal record: the document is of type {t:?}"),
            ),
            V::RecusalFormat(f) => (
                format!("格式 {f:?} 不是回避声明格式"),
                format!("format {f:?} is not {:?}", crate::sheet::RECUSAL_FORMAT),
            ),
            V::RecusalFutureVersion { found } => (
                format!(
                    "由更新版本的 Scorebook 生成（回避声明格式第 {found} 版），请升级 Scorebook"
                ),
                format!(
                    "made by a newer Scorebook: recusal record format version {found}, this build reads up to {}; update Scorebook",
                    crate::sheet::RECUSAL_FORMAT_VERSION
                ),
            ),
            V::RecusalUnsupportedVersion(v) => (
                format!("不支持的回避声明格式版本 {v}"),
                format!("recusal record format version {v} is not one this build reads"),
            ),
        };
        pick_owned(lang, (zh, en))
    }
}

impl EnvelopeError {
    pub fn message(&self, lang: Lang) -> String {
        use EnvelopeError as E;
        let s = |zh: &str, en: &str| (zh.to_string(), en.to_string());
        let (zh, en) = match self {
            E::Json(c) => return c.message(lang),
            E::Empty => s("文件为空", "the file is empty"),
            E::TooLarge { size, max } => (
                format!("文件过大（{size} 字节，上限 {max} 字节）"),
                format!("the file is {size} bytes; a signed document is at most {max} bytes"),
            ),
            E::Binary => s(
                "二进制数据，不是 JSON 文本",
                "binary data, not a JSON text document",
            ),
            E::NotAnEnvelope => (
                "不是 Scorebook 签名文件".into(),
                format!(
                    "not a Scorebook signed document (no \"envelope\": \"{}\")",
                    crate::sheet::envelope::ENVELOPE_FORMAT
                ),
            ),
            E::FutureEnvelope { found } => (
                format!("由更新版本的 Scorebook 生成（签名封装第 {found} 版），请升级 Scorebook"),
                format!(
                    "made by a newer Scorebook: envelope version {found}, this build reads up to {}; update Scorebook",
                    crate::sheet::envelope::ENVELOPE_VERSION
                ),
            ),
            E::UnknownField(f) => (
                format!("签名封装中有未知字段 {f:?}"),
                format!("unknown field {f:?} in the envelope"),
            ),
            E::MissingField(f) => (
                format!("签名封装缺少字段 {f:?}"),
                format!("the envelope has no {f:?}"),
            ),
            E::BadField(f) => (
                format!("签名封装字段 {f:?} 类型或写法有误"),
                format!("envelope field {f:?} has the wrong type or form"),
            ),
            E::PublicKey(k) => (
                format!("签名公钥无效：{}", k.message(Lang::Zh)),
                format!("signer's public key: {}", k.message(Lang::En)),
            ),
            E::BadSignature => s(
                "签名无效：签名后内容被改动，或并非此密钥所签",
                "bad signature: the content was changed after signing, or not signed by this key",
            ),
            E::PayloadNotCanonical(why) => (
                format!("内容不是规范 JSON：{why}"),
                format!("the payload must be a canonical JSON object: {why}"),
            ),
            E::BadPayloadType(t) => (
                format!("文件类型 {t:?} 不合规"),
                format!(
                    "payload type {t:?} is not allowed (lowercase letters, digits and . + / - only)"
                ),
            ),
        };
        pick_owned(lang, (zh, en))
    }
}

impl CanonicalError {
    pub fn message(&self, lang: Lang) -> String {
        use CanonicalError as C;
        let (zh, en) = match self {
            C::NotCanonical { offset, why } => (
                format!("非规范格式（RFC 8785），第 {offset} 字节：{why}"),
                format!("not canonical JSON (RFC 8785) at byte {offset}: {why}"),
            ),
            C::DuplicateKey { key, offset } => (
                format!("重复的键 {key:?}"),
                format!("duplicate key {key:?} at byte {offset}"),
            ),
            C::TooDeep { offset } => (
                "嵌套层数过深".into(),
                format!(
                    "nested more than {} levels deep (byte {offset})",
                    crate::canonical::MAX_DEPTH
                ),
            ),
            C::Number { offset } => (
                "数字不是安全范围内的整数（小数须写成字符串）".into(),
                format!(
                    "number at byte {offset} is not an integer within ±(2^53−1); decimals are written as strings"
                ),
            ),
            C::Truncated { line, column } => (
                format!("文件不完整（被截断），第 {line} 行第 {column} 列"),
                format!("the file ends early (truncated) at line {line}, column {column}"),
            ),
            C::Syntax {
                line,
                column,
                message,
            } => (
                format!("不是有效的 JSON，第 {line} 行第 {column} 列：{message}"),
                format!("not valid JSON at line {line}, column {column}: {message}"),
            ),
        };
        pick_owned(lang, (zh, en))
    }
}

impl PublicKeyError {
    pub fn message(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            PublicKeyError::Encoding(got) => (
                format!("公钥须为 64 位小写十六进制数字，实为 {got:?}"),
                format!("a public key must be 64 lowercase hex digits, got {got:?}"),
            ),
            PublicKeyError::NotOnCurve(k) => (
                format!("{k} 不是有效的 Ed25519 公钥"),
                format!("{k} is not a valid Ed25519 public key"),
            ),
            PublicKeyError::FingerprintMismatch { stated, expected } => (
                format!("指纹 {stated} 与此公钥不符（其指纹为 {expected}）"),
                format!(
                    "fingerprint {stated} does not belong to this key (its fingerprint is {expected})"
                ),
            ),
            PublicKeyError::Recipient(r) => (
                format!("{r:?} 不是 age X25519 加密密钥（age1…，小写）"),
                format!("{r:?} is not an age X25519 recipient (age1…, lowercase)"),
            ),
        };
        pick_owned(lang, (zh, en))
    }
}

// ---------------------------------------------------------------------------------------------
// The panel (评审组): exclusions, ranking notes, consensus refusals

impl Exclusion {
    /// Why the sheet was left out, in the interface language.
    pub fn message(&self, lang: Lang) -> String {
        use Exclusion as X;
        let reviewer = Term::Reviewer.text(Lang::Zh);
        let s = |zh: &str, en: &str| (zh.to_string(), en.to_string());
        let (zh, en) = match self {
            X::Invalid { fault, .. } => (
                format!("无效：{}", fault.message(Lang::Zh)),
                format!("invalid: {}", fault.message(Lang::En)),
            ),
            X::NotInRoster => s(
                "签名者不在评审组名单中",
                "signed by a key not on the roster",
            ),
            X::Draft => s(
                "草稿（未用 --include-drafts）",
                "a draft (use --include-drafts to count it)",
            ),
            X::Conflict { relationship } => (
                format!("{reviewer}已声明回避：{relationship}"),
                format!("the reviewer declared a conflict: {relationship}"),
            ),
            X::Superseded { by_version } => (
                format!("已被第 {by_version} 版取代"),
                format!("superseded by version {by_version}"),
            ),
            X::DuplicateVersion { other } => (
                format!("与 {other} 声称同一版本但内容不同，两份均不计入"),
                format!("claims the same version as {other} with other content; neither counts"),
            ),
            X::FrameworkMismatch { hash } => (
                format!("评价准则版本 {hash} 与本组其他评分表不同"),
                format!("scored on framework edition {hash}, not the panel's"),
            ),
            X::OtherProgram { program } => (
                format!("属于其他评奖办法 {program}"),
                format!("for another programme: {program}"),
            ),
            X::NotASheet { fault, .. } => (
                format!("不是评分表：{}", fault.message(Lang::Zh)),
                format!("not a sheet: {}", fault.message(Lang::En)),
            ),
            X::SameFile { first } => (
                format!("与 {first} 是同一文件，只计一次"),
                format!("the same file as {first}; counted once"),
            ),
            X::NotLeader => (
                format!(
                    "{}须由{}签名",
                    Term::ConsensusSheet.text(Lang::Zh),
                    Term::Leader.text(Lang::Zh)
                ),
                "a consensus sheet signed by someone who is not a leader".into(),
            ),
            X::StaleConsensus { stale } => (
                format!("合议已过时：{}", stale.message(Lang::Zh)),
                format!("stale consensus: {}", stale.message(Lang::En)),
            ),
            X::NoRound => (
                format!(
                    "不属于任何评审轮次（本机手工添加的{}，或旧格式评分表）：请先导入评审轮次文件，再导出",
                    Term::Applicant.text(Lang::Zh)
                ),
                "belongs to no round (an applicant added by hand on the laptop, or an old-format sheet): import the round file, then export again".into(),
            ),
            X::OtherRound { round_id } => (
                format!("属于另一评审轮次（{round_id}）"),
                format!("made for another round ({round_id})"),
            ),
            X::RoundFileDiffers { version } => (
                format!("所依据的评审轮次第 {version} 版与组长的该版文件不同：不是组长签发的轮次文件"),
                format!("names version {version} of the round, but not the leader's file of that version: not the round the leader signed"),
            ),
            X::NewerRound { version, current } => (
                format!("按评审轮次第 {version} 版评审，而汇总所用的是较旧的第 {current} 版：请用最新的轮次文件汇总"),
                format!("made with version {version} of the round, newer than the version {current} given to the merge: merge with the newest round file"),
            ),
            X::NotInRound { number } => (
                format!("申报编号 {number} 不在本评审轮次中"),
                format!("application number {number} is not in the round"),
            ),
            X::NameDiffers {
                name,
                expected,
                round_version,
                current,
            } => {
                let older = round_version < current;
                (
                    if older {
                        format!("{applicant}名称为“{name}”，按评审轮次第 {round_version} 版；现行第 {current} 版为“{expected}”：请评审专家导入新版轮次后重新导出", applicant = Term::Applicant.text(Lang::Zh))
                    } else {
                        format!("{applicant}名称“{name}”与评审轮次中的“{expected}”不同", applicant = Term::Applicant.text(Lang::Zh))
                    },
                    if older {
                        format!("names the applicant {name:?} as version {round_version} of the round did; version {current} names it {expected:?}: the reviewer imports the update and exports again")
                    } else {
                        format!("names the applicant {name:?}, the round names it {expected:?}")
                    },
                )
            }
            X::TrackDiffers {
                track,
                expected,
                round_version,
                current,
            } => {
                let track_zh = Term::AwardTrack.text(Lang::Zh);
                let older = round_version < current;
                (
                    if older {
                        format!("{track_zh}为 {track}，按评审轮次第 {round_version} 版；现行第 {current} 版为 {expected}：请导入新版轮次后重新导出")
                    } else {
                        format!("{track_zh} {track} 与评审轮次中的 {expected} 不同")
                    },
                    if older {
                        format!("track {track} as version {round_version} of the round had it; version {current} says {expected}: import the update and export again")
                    } else {
                        format!("track {track}, the round says {expected}")
                    },
                )
            }
            X::NotOnPanel => (
                format!("签名者不在本评审轮次的{}中", Term::Panel.text(Lang::Zh)),
                "signed by a key not on the round's panel".into(),
            ),
            X::NotInStage { stage } => match stage {
                crate::review::Stage::SiteReview => (
                    format!(
                        "该{}不在现场评审名单中（第十八条(三)）",
                        Term::Applicant.text(Lang::Zh)
                    ),
                    "the applicant is not on the site-review shortlist (第十八条(三))".into(),
                ),
                crate::review::Stage::DocumentReview => (
                    format!(
                        "该{}不在本轮次的资料评审名单中",
                        Term::Applicant.text(Lang::Zh)
                    ),
                    "the applicant is not in the round's document review".into(),
                ),
            },
            X::Recused { record } => (
                format!("{reviewer}已就该{}提交回避声明（{record}），回避声明优先于评分表", Term::Applicant.text(Lang::Zh)),
                format!("the reviewer's recusal record ({record}) outweighs the sheet"),
            ),
            X::CoachingExpert => (
                format!("{reviewer}是该{}登记的指导专家，应当回避（第十四条）", Term::Applicant.text(Lang::Zh)),
                "the reviewer is the applicant's registered coaching expert and must recuse (第十四条)".into(),
            ),
        };
        pick_owned(lang, (zh, en))
    }
}

impl Fault {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Fault::Check(e) => e.message(lang),
            Fault::Unreadable { error } => pick_owned(
                lang,
                (
                    format!("无法读取：{error}"),
                    format!("cannot read: {error}"),
                ),
            ),
            Fault::Directory => pick(lang, "这是文件夹，不是文件", "a folder, not a file").into(),
            Fault::Bom => pick(
                lang,
                "文件开头有 UTF-8 BOM：它被编辑器另存过，已不是签名时的字节；请用原文件",
                "starts with a UTF-8 byte order mark: an editor re-saved it, so these are not the signed bytes; use the original file",
            )
            .into(),
            Fault::Sealed(u) => super::seal::unsealed(lang, u),
        }
    }
}

impl Stale {
    pub fn message(&self, lang: Lang) -> String {
        let applicant = Term::Applicant.text(Lang::Zh);
        let (zh, en) = match self {
            Stale::OtherSources { missing, extra } => (
                format!(
                    "所依据的评分表与本次汇总不同：{missing} 份计入的评分表不在其依据中，{extra} 份依据未计入；请重新合议"
                ),
                format!(
                    "built from other sheets than the merge uses: {missing} counted sheet(s) not among its sources, {extra} source(s) not counted; agree the consensus again"
                ),
            ),
            Stale::NoScoreSheets => (
                format!("该{applicant}在此阶段没有计入的评分表"),
                "no counted score sheets for this applicant and stage".into(),
            ),
        };
        pick_owned(lang, (zh, en))
    }
}

impl RankNote {
    /// The note for the award committee, in the interface language.
    pub fn message(&self, lang: Lang) -> String {
        use RankNote as N;
        let track_zh = Term::AwardTrack.text(Lang::Zh);
        let (zh, en) = match self {
            N::UnknownProgram { program } => (
                format!("评奖办法 {program} 不在准则目录中"),
                format!("programme {program} is not in the catalog"),
            ),
            N::UnknownTrack { track, program } => (
                format!("{track_zh} {track} 不在评奖办法 {program} 中"),
                format!("track {track} is not in programme {program}"),
            ),
            N::InvalidQuota { track, quota } => (
                format!("{track_zh} {track} 的名额 {quota} 无效，不提名"),
                format!("quota {quota} of track {track} is invalid; nothing proposed"),
            ),
            N::ProposedHigher { award } => (
                format!("已提名更高奖项 {award}"),
                format!("proposed for the higher award {award}"),
            ),
            N::BelowMinimum { total, minimum } => {
                let (t, m) = (format_points(*total), format_points(*minimum));
                (
                    format!("总分 {t} 低于最低分 {m}，名额空缺（第三条）"),
                    format!("total {t} is below the minimum {m}; place left empty (第三条)"),
                )
            }
            N::QuotaFull { quota } => (
                format!("名额 {quota} 已满"),
                format!("quota of {quota} is full"),
            ),
            N::BelowTie => (
                "名额边缘并列，余下名额空缺".into(),
                "ranked below a tie at the quota edge; the places left stay open".into(),
            ),
            N::TieAtQuotaEdge {
                tied,
                total,
                places_left,
            } => {
                let t = format_points(*total);
                (
                    format!(
                        "名额边缘并列：{tied} 个{}同为 {t} 分，争 {places_left} 个名额，不在此拆分，由区审定委决定",
                        Term::Applicant.text(Lang::Zh)
                    ),
                    format!(
                        "tie at the quota edge: {tied} applicants tied at {t} for {places_left} place(s) left; not broken here, the committee decides"
                    ),
                )
            }
            N::EarlierStageOnly { stage, ranked_on } => (
                format!(
                    "不参与排名：只有{}评分，本{track_zh}按{}排名",
                    stage.label(Lang::Zh),
                    ranked_on.label(Lang::Zh)
                ),
                format!(
                    "not ranked: only {} sheets, the track is ranked on {}",
                    stage.cli_name(),
                    ranked_on.cli_name()
                ),
            ),
            N::NoAwardBeforeSite => (
                "资料评审不提出获奖建议：获奖建议只在现场评审之后提出（第十八条(三)–(六)），资料评审据此确定现场评审名单".into(),
                "no award proposed from the document review: awards are proposed only after the site review (第十八条(三)–(六)); the document review gives the site-review shortlist".into(),
            ),
        };
        pick_owned(lang, (zh, en))
    }
}

impl OtherPanelVersion {
    pub fn message(&self, lang: Lang) -> String {
        let (found, expected) = (self.found, self.expected);
        let (zh, en) = (
            format!(
                "panel.json 是第 {found} 版格式，本程序读取第 {expected} 版：请重新运行 scorebook merge（输出目录的 sheets/ 中保存了全部评分表）"
            ),
            format!(
                "panel.json is format version {found}, this build reads version {expected}: run scorebook merge again (the folder's sheets/ holds every sheet)"
            ),
        );
        pick_owned(lang, (zh, en))
    }
}

impl ConsensusError {
    pub fn message(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            ConsensusError::NotAgreed(n, items) => (
                format!(
                    "还有 {n} 个{}未合议：{items}",
                    Term::DivergentItem.text(Lang::Zh)
                ),
                format!("{n} divergent item(s) not yet agreed: {items}"),
            ),
            ConsensusError::NoRationale(n, items) => (
                format!(
                    "{n} 个{}已确认但未写合议理由：{items}",
                    Term::DivergentItem.text(Lang::Zh)
                ),
                format!("{n} divergent item(s) agreed without a rationale: {items}"),
            ),
            ConsensusError::Stale => (
                "合议草稿所依据的评分表与本次汇总不同；请重新开始合议".into(),
                "the draft was started from other sheets than the merge now uses; start it again"
                    .into(),
            ),
            ConsensusError::NoSources => (
                "合议至少需要一份依据的评分表".into(),
                "the consensus needs at least one source sheet".into(),
            ),
            ConsensusError::UnknownItem(c) => (
                format!("条款 {c} 不在评价准则中"),
                format!("item {c} is not in the framework"),
            ),
        };
        pick_owned(lang, (zh, en))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every step named in the workspace sources has a Chinese name.
    #[test]
    fn every_workspace_action_has_chinese() {
        let sources = [
            include_str!("../workspace/atomic.rs"),
            include_str!("../workspace/counters.rs"),
            include_str!("../workspace/mod.rs"),
            include_str!("../workspace/saver.rs"),
        ];
        let mut seen = 0;
        for src in sources {
            for marker in ["action: \"", "io(\""] {
                for (i, _) in src.match_indices(marker) {
                    let rest = src.get(i + marker.len()..).unwrap();
                    let action = rest.get(..rest.find('"').unwrap()).unwrap();
                    assert!(!action_zh(action).is_ascii(), "no Chinese for '{action}'");
                    seen += 1;
                }
            }
        }
        assert!(seen >= 12, "found only {seen} actions");
    }

    /// The person's English is the developer's English: no message drifted while it moved.
    #[test]
    fn english_matches_the_developer_display() {
        let problems = [
            Problem::Empty,
            Problem::BandGap { from: 5, to: 5 },
            Problem::BandOverlap {
                from: 10,
                to: 20,
                other: 2,
            },
            Problem::NoneOf("tracks"),
            Problem::Step(7),
        ];
        for p in problems {
            assert_eq!(p.message(Lang::En), p.to_string());
            assert!(!p.message(Lang::Zh).is_ascii(), "{}", p.message(Lang::Zh));
        }
        let sheet = [
            VerifyError::Draft,
            VerifyError::FutureVersion { found: 9 },
            VerifyError::Envelope(EnvelopeError::NotAnEnvelope),
            VerifyError::Envelope(EnvelopeError::Json(CanonicalError::TooDeep { offset: 3 })),
            VerifyError::NotARecusal("application/vnd.scorebook.round+json".into()),
            VerifyError::RecusalFormat("x".into()),
            VerifyError::RecusalFutureVersion { found: 2 },
            VerifyError::RecusalUnsupportedVersion(0),
            VerifyError::EmptyField("relationship".into()),
        ];
        for e in sheet {
            assert_eq!(e.message(Lang::En), e.to_string());
        }
    }
}
