//! The round's words (评审轮次): why a round file, an edit or the office's applicant list (CSV)
//! was refused, the warnings of a round, the column headings of the applicant list, and what
//! `scorebook round …` prints (its help included).

use super::cli::role_label;
use super::{Lang, pick, pick_owned};
use crate::identity::Role;
use crate::program::{ApplicantKind, Side};
use crate::round::csv::{Column, CsvError};
use crate::round::{EditError, RoundError, RoundWarning};
use crate::service::round::{MemberFileFault, RoundFail};

// ---------------------------------------------------------------------------------------------
// The applicant list's headings

/// The column a heading of the office's applicant list names, in Chinese or English (English
/// in any letter case, with `_`, `-` or a space between words).
pub fn column_of(heading: &str) -> Option<Column> {
    let h = heading.trim();
    let zh = match h {
        "申报编号" | "编号" => Some(Column::Number),
        "名称" | "申报对象" | "申报对象名称" => Some(Column::Name),
        "奖项类别" => Some(Column::Track),
        "推荐单位" => Some(Column::RecommendingUnit),
        "指导专家" => Some(Column::Coaches),
        _ => None,
    };
    if zh.is_some() {
        return zh;
    }
    let en: String = h
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    match en.as_str() {
        "number" | "application_number" => Some(Column::Number),
        "name" => Some(Column::Name),
        "track" | "award_track" => Some(Column::Track),
        "recommending_unit" => Some(Column::RecommendingUnit),
        "coaches" | "coaching_experts" => Some(Column::Coaches),
        _ => None,
    }
}

/// A column's heading in `lang`, as a message names it.
pub fn column_heading(lang: Lang, c: Column) -> &'static str {
    let (zh, en) = match c {
        Column::Number => ("申报编号", "number"),
        Column::Name => ("名称", "name"),
        Column::Track => ("奖项类别", "track"),
        Column::RecommendingUnit => ("推荐单位", "recommending_unit"),
        Column::Coaches => ("指导专家", "coaches"),
    };
    pick(lang, zh, en)
}

fn kind_label(lang: Lang, k: ApplicantKind) -> &'static str {
    match k {
        ApplicantKind::Organisation => pick(lang, "申报组织", "organisation"),
        ApplicantKind::Individual => pick(lang, "申报个人", "individual"),
    }
}

fn stage_label(lang: Lang, stage: &str) -> &'static str {
    match stage {
        "site_review" => pick(lang, "现场评审名单", "site-review shortlist"),
        _ => pick(lang, "资料评审名单", "document-review list"),
    }
}

// ---------------------------------------------------------------------------------------------
// Refusals

impl RoundError {
    /// Why the round was refused, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use RoundError as E;
        let s = |zh: &str, en: &str| (zh.to_string(), en.to_string());
        let (zh, en) = match self {
            E::Envelope(e) => return e.message(lang),
            E::NotARound(t) => (
                format!("不是评审轮次文件（文件类型 {t}）"),
                format!("not a round file (document type {t})"),
            ),
            E::Format(f) => (
                format!("不是评审轮次文件（format 为 {f:?}）"),
                format!("not a round file (format {f:?})"),
            ),
            E::FutureVersion(v) => (
                format!("由更新版本的 Scorebook 生成（评审轮次格式第 {v} 版），请升级 Scorebook"),
                format!("made by a newer Scorebook (round format version {v}); update Scorebook"),
            ),
            E::UnsupportedVersion(v) => (
                format!("评审轮次格式第 {v} 版，本程序不能读取"),
                format!("round format version {v} is not one this build reads"),
            ),
            E::Payload { path, message } => (
                format!("评审轮次内容有误，位置 {path}：{message}"),
                format!("invalid round at {path}: {message}"),
            ),
            E::NotCanonical => s(
                "评审轮次内容不是唯一规范写法（文件被改写过）",
                "the round's content is not in its one canonical form (the file was rewritten)",
            ),
            E::RoundId(id) => (
                format!("round_id {id:?} 不是 32 位小写十六进制数"),
                format!("round_id {id:?} is not 32 lowercase hex digits"),
            ),
            E::RoundVersion(v) => (
                format!("评审轮次的版本号应不小于 1，实为 {v}"),
                format!("the round's version must be 1 or more, found {v}"),
            ),
            E::EmptyField(f) => (format!("{f} 不能为空"), format!("{f} is empty")),
            E::CreatedAt(t) => (
                format!("created_at {t:?} 不是 RFC 3339 时间"),
                format!("created_at {t:?} is not an RFC 3339 time"),
            ),
            E::BadDate { field, found } => (
                format!("{field} {found:?} 不是日期（YYYY-MM-DD）"),
                format!("{field} {found:?} is not a date written YYYY-MM-DD"),
            ),
            E::DatesReversed { starts, ends } => (
                format!("结束日期 {ends} 早于开始日期 {starts}"),
                format!("the round ends ({ends}) before it starts ({starts})"),
            ),
            E::DuplicateTrack(t) => (
                format!("奖项类别 {t} 在 tracks 中出现两次"),
                format!("track {t:?} is listed twice in tracks"),
            ),
            E::BadKey { name, why } => (
                format!("评审组成员 {name} 的公钥无效：{why}"),
                format!("member {name}: {why}"),
            ),
            E::BadFingerprint { name } => (
                format!("评审组成员 {name} 的指纹与公钥不符"),
                format!("member {name}: the fingerprint does not belong to the public key"),
            ),
            E::DuplicateKey { name, existing } => (
                format!("{name} 的密钥已在评审组中（{existing}）"),
                format!("the key of {name} is already on the round (as {existing})"),
            ),
            E::DuplicateName(n) => (
                format!("评审组中已有名为 {n} 的成员；指导专家按姓名回避，姓名不能重复"),
                format!(
                    "two members are named {n}; coaching experts are matched by name, so names must differ"
                ),
            ),
            E::NoLeader => s("评审轮次没有评审组长", "the round has no group leader"),
            E::TwoLeaders { first, second } => (
                format!(
                    "评审组只设一名评审组长（组长负责制，第九条）：已有 {first}，不能再设 {second}"
                ),
                format!(
                    "a panel has one group leader (第九条): {first} is the leader, {second} cannot be a second"
                ),
            ),
            E::BadNumber(n) => (
                format!(
                    "申报编号 {n:?} 不合规：1–64 个字符，只能用英文字母、数字、汉字、“-”和“_”，以字母、数字或汉字开头"
                ),
                format!(
                    "application number {n:?} is not allowed: 1 to 64 characters, ASCII letters, digits, CJK ideographs, '-' and '_', starting with a letter, digit or ideograph"
                ),
            ),
            E::DuplicateNumber { number, existing } => {
                if number == existing {
                    (
                        format!("申报编号 {number} 重复"),
                        format!("application number {number} is given twice"),
                    )
                } else {
                    (
                        format!("申报编号 {number} 与已有的 {existing} 重复（不区分大小写）"),
                        format!(
                            "application number {number} is the same as {existing} (letter case aside)"
                        ),
                    )
                }
            }
            E::TrackNotInRound { number, track } => (
                format!("申报对象 {number}：奖项类别 {track} 不在本评审轮次中"),
                format!("applicant {number}: track {track:?} is not one of the round's tracks"),
            ),
            E::StageUnknownNumber { stage, number } => (
                format!(
                    "{}：申报编号 {number} 不在本评审轮次中",
                    stage_label(Lang::Zh, stage)
                ),
                format!(
                    "{}: application number {number:?} is not in the round",
                    stage_label(Lang::En, stage)
                ),
            ),
            E::StageDuplicate { stage, number } => (
                format!(
                    "{}：申报编号 {number} 出现两次",
                    stage_label(Lang::Zh, stage)
                ),
                format!(
                    "{}: application number {number} is listed twice",
                    stage_label(Lang::En, stage)
                ),
            ),
            E::NotInDocumentReview(n) => (
                format!("申报对象 {n} 列入现场评审名单，却不在资料评审名单中"),
                format!(
                    "applicant {n} is on the site-review shortlist but not in the document review"
                ),
            ),
            E::UnknownProgram { id, edition, hash } => (
                format!(
                    "本程序不认识评奖办法 {id}（{edition}，哈希 {hash}）：请使用同一版本的 Scorebook"
                ),
                format!(
                    "unknown programme {id} {edition} (hash {hash}): this build does not know that edition; use the same Scorebook release"
                ),
            ),
            E::UnknownTrack { program, track } => (
                format!("评奖办法 {program} 中没有奖项类别 {track}"),
                format!("programme {program} has no track {track:?}"),
            ),
            E::FrameworkMismatch {
                track,
                stated,
                expected,
            } => (
                format!(
                    "奖项类别 {track}：评价准则 {stated} 不是评奖办法规定的（应为 {expected} 的已知版本）"
                ),
                format!(
                    "track {track}: framework {stated} is not the one the programme scores it on (a known edition of {expected} is needed)"
                ),
            ),
            E::ApplicantKind {
                number,
                track,
                kind,
            } => (
                format!(
                    "申报对象 {number}：奖项类别 {track} 不接受{}",
                    kind_label(Lang::Zh, *kind)
                ),
                format!(
                    "applicant {number}: track {track} is not for an {} applicant",
                    kind_label(Lang::En, *kind)
                ),
            ),
            E::ActingLeaderVersion { version } => (
                format!(
                    "格式第 {version} 版：代理组长（acting_leaders）只见于格式第 2 版，且第 2 版必须列出代理组长"
                ),
                format!(
                    "format version {version}: acting leaders (acting_leaders) are in format 2, and only there"
                ),
            ),
            E::OfficeRecipientVersion { version } => (
                format!(
                    "格式第 {version} 版：评奖办公室的加密接收密钥（office_recipient）只见于格式第 3 版，且第 3 版必须列出它"
                ),
                format!(
                    "format version {version}: the award office's recipient (office_recipient) is in format 3, and only there"
                ),
            ),
            E::BadOfficeRecipient { found } => (
                format!(
                    "评奖办公室的加密接收密钥 {found:?} 无效：应为 age X25519 接收密钥（age1 加 58 个小写字符，例如 age-keygen 或 scorebook key show --json 给出的）"
                ),
                format!(
                    "the award office's recipient {found:?} is not valid: an age X25519 recipient is age1 and 58 lowercase characters (as age-keygen or scorebook key show --json print it)"
                ),
            ),
            E::BadActingLeader { number, why } => {
                use crate::round::signed::ActingWhy as W;
                let (zh_why, en_why) = match why {
                    W::NotInRound => ("申报编号不在评审轮次中", "the number is not in the round"),
                    W::Twice => ("已指定过代理组长", "it has an acting leader already"),
                    W::NotOnPanel => ("该公钥不在评审组中", "the key is not on the panel"),
                    W::NotAMember => (
                        "代理组长须是组员（不能是评审组长或见习评审专家）",
                        "the acting leader must be a member (not the leader, not a trainee)",
                    ),
                    W::Recused => (
                        "该组员是其登记的指导专家，须回避（第十四条）",
                        "the member is its registered coaching expert and must recuse (第十四条)",
                    ),
                };
                (
                    format!("申报对象 {number} 的代理组长：{zh_why}"),
                    format!("acting leader for applicant {number}: {en_why}"),
                )
            }
            E::NotSignedByLeader { fingerprint, .. } => (
                format!("评审轮次不是由其评审组长签名的（签名者指纹 {fingerprint}）：不能采用"),
                format!(
                    "the round is not signed by its group leader (signer {fingerprint}): it cannot be trusted"
                ),
            ),
        };
        pick_owned(lang, (zh, en))
    }
}

impl EditError {
    /// Why the edit was refused, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            EditError::Round(e) => return e.message(lang),
            EditError::UnknownProgram { id, known } => (
                format!("没有评奖办法 “{id}”（现有：{}）", known.join("、")),
                format!("unknown programme '{id}' (known: {})", known.join(", ")),
            ),
            EditError::UnknownTrack {
                program,
                track,
                known,
            } => (
                format!(
                    "评奖办法 {program} 中没有奖项类别 “{track}”（现有：{}；也可用奖项类别的名称）",
                    known.join("、")
                ),
                format!(
                    "programme {program} has no track '{track}' (known: {}; a track's title also works)",
                    known.join(", ")
                ),
            ),
            EditError::NoFramework { track, framework } => (
                format!("奖项类别 {track} 所用的评价准则 {framework} 不可用"),
                format!("track {track}: the framework {framework} is not available"),
            ),
            EditError::EmptyShortlist => (
                "现场评审名单中没有申报对象".to_string(),
                "the site-review shortlist names no applicant".to_string(),
            ),
        };
        pick_owned(lang, (zh, en))
    }
}

/// How to save the list as UTF-8, from Excel and from WPS.
fn save_as_utf8(lang: Lang) -> &'static str {
    pick(
        lang,
        "请重新保存：Excel 中选“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）(*.csv)”；WPS 表格中选“文件 → 另存为”，文件类型选“CSV UTF-8”或“CSV（逗号分隔）”并将编码设为 UTF-8；也可用记事本打开后另存为，编码选 UTF-8",
        "save it again: in Excel, File → Save As, type \"CSV UTF-8 (Comma delimited) (*.csv)\"; in WPS Spreadsheets, File → Save As, type \"CSV UTF-8\" (or CSV with the encoding set to UTF-8); or open it in Notepad and Save As with the encoding UTF-8",
    )
}

impl CsvError {
    /// Why the applicant list was refused, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            CsvError::Empty => ("文件为空".to_string(), "the file is empty".to_string()),
            CsvError::Utf16 => (
                format!(
                    "文件是 UTF-16 编码（Excel 的“Unicode 文本”），不是 UTF-8。{}",
                    save_as_utf8(Lang::Zh)
                ),
                format!(
                    "the file is UTF-16 (Excel's \"Unicode Text\"), not UTF-8; {}",
                    save_as_utf8(Lang::En)
                ),
            ),
            CsvError::NotUtf8 { line, gbk } => {
                let (zh_what, en_what) = if *gbk {
                    (
                        "文件是 GBK 编码（Excel 中文版保存的普通“CSV”），不是 UTF-8",
                        "the file is GBK (what Excel's plain \"CSV\" saves on a Chinese Windows), not UTF-8",
                    )
                } else {
                    ("文件不是 UTF-8 文本", "the file is not UTF-8 text")
                };
                (
                    format!("第 {line} 行：{zh_what}。{}", save_as_utf8(Lang::Zh)),
                    format!("line {line}: {en_what}; {}", save_as_utf8(Lang::En)),
                )
            }
            CsvError::Syntax { line, message } => (
                format!("第 {line} 行：CSV 格式错误：{message}"),
                format!("line {line}: malformed CSV: {message}"),
            ),
            CsvError::UnknownColumn { heading } => (
                format!(
                    "第 1 行：未知的列 “{heading}”；可用的列：{}",
                    headings(Lang::Zh)
                ),
                format!(
                    "line 1: unknown column '{heading}'; the columns are: {}",
                    headings(Lang::En)
                ),
            ),
            CsvError::DuplicateColumn(c) => (
                format!("第 1 行：列 “{}” 出现两次", column_heading(Lang::Zh, *c)),
                format!(
                    "line 1: column '{}' is given twice",
                    column_heading(Lang::En, *c)
                ),
            ),
            CsvError::MissingColumn(c) => (
                format!(
                    "第 1 行：缺少列 “{}”（{}）",
                    column_heading(Lang::Zh, *c),
                    column_heading(Lang::En, *c)
                ),
                format!(
                    "line 1: no column '{}' ({})",
                    column_heading(Lang::En, *c),
                    column_heading(Lang::Zh, *c)
                ),
            ),
            CsvError::FieldCount {
                line,
                expected,
                found,
            } => (
                format!("第 {line} 行：有 {found} 个单元格，表头有 {expected} 列"),
                format!("line {line}: {found} cells, the header has {expected} columns"),
            ),
            CsvError::UnnamedValue { line, position } => (
                format!("第 {line} 行：第 {position} 列没有表头，却有内容"),
                format!("line {line}: column {position} has no heading but holds a value"),
            ),
            CsvError::NoRows => (
                "文件只有表头，没有申报对象".to_string(),
                "the file has a header and no applicant".to_string(),
            ),
            CsvError::Row { line, error } => (
                format!("第 {line} 行：{}", error.message(Lang::Zh)),
                format!("line {line}: {}", error.message(Lang::En)),
            ),
        };
        pick_owned(lang, (zh, en))
    }
}

fn headings(lang: Lang) -> String {
    let sep = pick(lang, "、", ", ");
    Column::ALL
        .iter()
        .map(|c| column_heading(lang, *c))
        .collect::<Vec<_>>()
        .join(sep)
}

impl RoundWarning {
    /// The warning in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            RoundWarning::OutsideValidity {
                field,
                date,
                side,
                limit,
            } => {
                let zh_field = if *field == "starts_on" {
                    "开始日期"
                } else {
                    "结束日期"
                };
                let en_field = if *field == "starts_on" {
                    "start date"
                } else {
                    "end date"
                };
                let (zh, en) = match side {
                    Side::Before => (
                        format!("{zh_field} {date} 早于评奖办法的施行日期 {limit}（第二十九条）"),
                        format!(
                            "the {en_field} {date} is before the measures came into force ({limit}; article 29)"
                        ),
                    ),
                    Side::After => (
                        format!(
                            "{zh_field} {date} 晚于评奖办法的有效期截止日 {limit}（第二十九条）"
                        ),
                        format!(
                            "the {en_field} {date} is after the measures expired ({limit}; article 29)"
                        ),
                    ),
                };
                pick_owned(lang, (zh, en))
            }
        }
    }
}

fn member_file_fault(lang: Lang, why: &MemberFileFault) -> String {
    match why {
        MemberFileFault::Json { at, line, message } => pick_owned(
            lang,
            (
                format!("位置 {at}（第 {line} 行）：{message}"),
                format!("at {at} (line {line}): {message}"),
            ),
        ),
        MemberFileFault::Key(e) => e.message(lang),
    }
}

impl RoundFail {
    /// The refusal in `lang`, naming the file.
    pub fn message(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            RoundFail::Service(e) => return e.message(lang),
            RoundFail::Refused { path, error } => {
                let p = path.display();
                (
                    format!("{p}：评审轮次文件不能采用：{}", error.message(Lang::Zh)),
                    format!("{p}: round refused: {}", error.message(Lang::En)),
                )
            }
            RoundFail::NotALeader {
                path,
                fingerprint,
                role,
            } => {
                let p = path.display();
                let (zh_who, en_who) = match role {
                    Some(r) => (
                        format!("你在本评审组中是{}", role_label(Lang::Zh, *r)),
                        format!("you are {} on this round", role_label(Lang::En, *r)),
                    ),
                    None => (
                        "你的密钥不在本评审组中".to_string(),
                        "your key is not on this round's panel".to_string(),
                    ),
                };
                (
                    format!(
                        "{p}：只有评审组长可以修改并签署评审轮次（{zh_who}，指纹 {fingerprint}）；未作改动"
                    ),
                    format!(
                        "{p}: only a group leader on the round can change and sign it ({en_who}, fingerprint {fingerprint}); nothing changed"
                    ),
                )
            }
            RoundFail::NotAMemberFile { path, why } => {
                let p = path.display();
                (
                    format!(
                        "{p} 不是成员文件（应为成员在自己电脑上运行 scorebook key show --json 输出的文件）：{}",
                        member_file_fault(Lang::Zh, why)
                    ),
                    format!(
                        "{p} is not a member file (the file `scorebook key show --json` prints on the member's laptop): {}",
                        member_file_fault(Lang::En, why)
                    ),
                )
            }
            RoundFail::Edit { path, error } => {
                let p = path.display();
                (
                    format!("{p}：未作改动：{}", error.message(Lang::Zh)),
                    format!("{p}: nothing changed: {}", error.message(Lang::En)),
                )
            }
            RoundFail::Csv { path, error } => {
                let p = path.display();
                (
                    format!("{p}：未导入任何申报对象：{}", error.message(Lang::Zh)),
                    format!("{p}: nothing imported: {}", error.message(Lang::En)),
                )
            }
        };
        pick_owned(lang, (zh, en))
    }
}

// ---------------------------------------------------------------------------------------------
// What `scorebook round …` prints

/// A fixed piece of `round show`: a heading or a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Dates,
    SignedBy,
    Members,
    Applicants,
    Shortlist,
    NotIssued,
    Warning,
    Valid,
    Invalid,
    None,
    PoolNumber,
    RecommendingUnit,
    Coaches,
    MustRecuse,
    /// The award office's recipient for sealed sheets.
    OfficeRecipient,
}

/// A [`Label`] in `lang`.
pub fn label(lang: Lang, l: Label) -> &'static str {
    let (zh, en) = match l {
        Label::Dates => ("日期", "Dates"),
        Label::SignedBy => ("签名评审组长", "Signed by leader"),
        Label::Members => ("评审组", "Panel"),
        Label::Applicants => ("申报对象", "Applicants"),
        Label::Shortlist => ("现场评审名单", "Site-review shortlist"),
        Label::NotIssued => ("尚未发布", "not issued yet"),
        Label::Warning => ("注意：", "warning: "),
        Label::Valid => ("有效", "valid"),
        Label::Invalid => ("无效 — ", "INVALID — "),
        Label::None => ("（无）", "(none)"),
        Label::PoolNumber => ("专家库编号", "pool no."),
        Label::OfficeRecipient => (
            "评奖办公室的加密接收密钥（密封评分表同时加密给它）",
            "Award office's recipient (sealed sheets are encrypted to it too)",
        ),
        Label::RecommendingUnit => ("推荐单位", "recommended by"),
        Label::Coaches => ("指导专家", "coaches"),
        Label::MustRecuse => (
            "须回避（指导专家，第十四条）",
            "must recuse (coaching expert, art. 14)",
        ),
    };
    pick(lang, zh, en)
}

/// `label: value`, with the language's colon.
pub fn field(lang: Lang, l: Label, value: &str) -> String {
    let l = label(lang, l);
    pick_owned(lang, (format!("{l}：{value}"), format!("{l}: {value}")))
}

/// A list's heading with its length: `评审组（3）：` / `Panel (3):`.
pub fn heading(lang: Lang, l: Label, count: usize) -> String {
    let l = label(lang, l);
    pick_owned(
        lang,
        (format!("{l}（{count}）："), format!("{l} ({count}):")),
    )
}

/// A list's heading with its length and the list: `现场评审名单（2）：A、B` / `… (2): A, B`.
pub fn heading_list(lang: Lang, l: Label, items: &[String]) -> String {
    format!(
        "{}{}{}",
        heading(lang, l, items.len()),
        pick(lang, "", " "),
        list(lang, items)
    )
}

/// Items of one list in running text: `A、B` / `A, B`.
pub fn list(lang: Lang, items: &[String]) -> String {
    items.join(pick(lang, "、", ", "))
}

/// Clauses of one cell: `甲；乙` / `a; b`.
pub fn clauses(lang: Lang, items: &[String]) -> String {
    items.join(pick(lang, "；", "; "))
}

/// A role on the round, as a table cell.
pub fn role(lang: Lang, r: Role) -> &'static str {
    role_label(lang, r)
}

/// An applicant kind, as a table cell.
pub fn kind(lang: Lang, k: ApplicantKind) -> &'static str {
    kind_label(lang, k)
}

/// What a change to a round file did.
#[derive(Clone, Copy)]
pub enum Done<'a> {
    Created {
        path: &'a dyn std::fmt::Display,
        program: &'a str,
        name: &'a str,
        leader: &'a str,
        fingerprint: &'a str,
    },
    MemberAdded {
        name: &'a str,
        fingerprint: &'a str,
        role: Role,
    },
    ApplicantAdded {
        number: &'a str,
        name: &'a str,
        track: &'a str,
    },
    Imported {
        count: usize,
    },
    Shortlisted {
        count: usize,
    },
    /// An acting leader (代理组长) named; `count` applicants now have one.
    ActingLeaders {
        count: usize,
    },
    /// The award office's recipient recorded: sealed sheets go to the office too.
    OfficeRecipient {
        recipient: &'a str,
    },
}

/// The line a change prints, with the file and the new version.
pub fn done(lang: Lang, d: &Done<'_>, path: &dyn std::fmt::Display, version: u32) -> String {
    let (zh, en) = match *d {
        Done::Created {
            path,
            program,
            name,
            leader,
            fingerprint,
        } => (
            format!(
                "已新建评审轮次 {path}（{program}，{name}，第 1 版）：评审组长 {leader} [{fingerprint}]"
            ),
            format!(
                "round written to {path} ({program}, {name}, version 1): group leader {leader} [{fingerprint}]"
            ),
        ),
        Done::MemberAdded {
            name,
            fingerprint,
            role,
        } => (
            format!(
                "已加入{} {name} [{fingerprint}] → {path}（第 {version} 版）",
                role_label(Lang::Zh, role)
            ),
            format!(
                "added {} {name} [{fingerprint}] → {path} (version {version})",
                role_label(Lang::En, role)
            ),
        ),
        Done::ApplicantAdded {
            number,
            name,
            track,
        } => (
            format!("已加入申报对象 {number} {name}（{track}）→ {path}（第 {version} 版）"),
            format!("added applicant {number} {name} ({track}) → {path} (version {version})"),
        ),
        Done::Imported { count } => (
            format!("已导入 {count} 个申报对象 → {path}（第 {version} 版）"),
            format!("imported {count} applicant(s) → {path} (version {version})"),
        ),
        Done::ActingLeaders { count } => (
            format!(
                "已指定代理组长，共 {count} 个申报对象由代理组长签署合议与获奖建议 → {path}（第 {version} 版）"
            ),
            format!(
                "acting leader named; {count} applicant(s) have their consensus and award-list place signed by an acting leader → {path} (version {version})"
            ),
        ),
        Done::OfficeRecipient { recipient } => (
            format!(
                "已记录评奖办公室的加密接收密钥 {recipient}：此后密封的评分表同时加密给评审组长和评奖办公室 → {path}（第 {version} 版）"
            ),
            format!(
                "award office's recipient {recipient} recorded: sheets sealed from now on open with the leader's key or the office's → {path} (version {version})"
            ),
        ),
        Done::Shortlisted { count } => (
            format!("已发布现场评审名单，{count} 个申报对象 → {path}（第 {version} 版）"),
            format!(
                "site-review shortlist issued, {count} applicant(s) → {path} (version {version})"
            ),
        ),
    };
    crate::display::shown_block(&pick_owned(lang, (zh, en))).into_owned()
}

/// `round show`'s first line.
pub fn summary(lang: Lang, program: &str, name: &str, version: u32, round_id: &str) -> String {
    pick_owned(
        lang,
        (
            format!("评审轮次 {name} — 评奖办法 {program}，第 {version} 版（轮次 id {round_id}）"),
            format!("Round {name} — programme {program}, version {version} (round id {round_id})"),
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// clap's help in Chinese for `scorebook round …` (the English is the doc comments in
// `src/cli/round.rs`); `super::cli::command_zh` and `arg_zh` ask here first.

/// Chinese about text of a `round` command, by path.
pub fn command_zh(path: &str) -> Option<&'static str> {
    Some(match path {
        "round" => {
            "评审轮次：新建、加入成员和申报对象、发布现场评审名单、查看（评审组长）；导入（评审专家）"
        }
        "round new" => "新建评审轮次；你的密钥签名，你是评审组长",
        "round add-member" => {
            "向评审轮次加入评审组成员（成员文件由 scorebook key show --json 输出）"
        }
        "round add-applicant" => "向评审轮次加入一个申报对象",
        "round import-applicants" => {
            "从区审定办的申报对象名单（CSV，UTF-8）导入申报对象；有一行出错则全部不导入"
        }
        "round shortlist" => "发布现场评审名单（第十八条(三)），评审轮次升一版",
        "round show" => "验证并查看评审轮次",
        "round import" => "把评审组长签署的评审轮次导入本机工作区（评审专家）",
        _ => return None,
    })
}

/// Chinese help of an argument of a `round` command.
pub fn arg_zh(path: &str, id: &str) -> Option<&'static str> {
    if !path.starts_with("round") {
        return None;
    }
    Some(match (path, id) {
        (_, "round") => "评审轮次文件",
        ("round new", "program") => "评奖办法 id，例如 jinshan-2023",
        ("round new", "name") => "评审轮次名称，例如 “2025 第二届”",
        ("round new", "starts") => "开始日期 YYYY-MM-DD（可选）",
        ("round new", "ends") => "结束日期 YYYY-MM-DD（可选）",
        ("round new", "output") => "评审轮次写到哪个文件",
        ("round new", "force") => "覆盖已有文件",
        ("round add-member", "member_file") => {
            "成员在自己电脑上用 scorebook key show --json 输出的文件"
        }
        ("round add-member", "role") => {
            "leader（评审组长）、member（组员）或 trainee（见习评审专家：列出，不计分）"
        }
        ("round add-member", "pool_number") => "专家库编号（可选）",
        ("round add-applicant", "number") => "申报编号，例如 2025-M-01",
        ("round add-applicant", "name") => "申报对象名称",
        ("round add-applicant", "track") => "奖项类别：id 或名称",
        ("round add-applicant", "kind") => "申报对象类型（默认取自奖项类别）",
        ("round add-applicant", "unit") => "推荐单位",
        ("round add-applicant", "coach") => "指导专家（第十四条），可重复",
        ("round import-applicants", "csv") => {
            "申报对象名单（CSV，UTF-8）：申报编号、名称、奖项类别，可选 推荐单位、指导专家"
        }
        ("round shortlist", "numbers") => "列入现场评审名单的申报编号",
        ("round show", "json") => "以 JSON 输出",
        ("round import", "file") => "评审组长发来的评审轮次文件（round.json）",
        _ => return None,
    })
}

/// Chinese help of a possible value of a `round` argument.
pub fn value_zh(arg: &str, value: &str) -> Option<&'static str> {
    Some(match (arg, value) {
        ("kind", "organisation") => "申报组织",
        ("kind", "individual") => "申报个人",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_in_either_language() {
        assert_eq!(column_of(" 申报编号 "), Some(Column::Number));
        assert_eq!(
            column_of("Recommending Unit"),
            Some(Column::RecommendingUnit)
        );
        assert_eq!(column_of("coaching-experts"), Some(Column::Coaches));
        assert_eq!(column_of("奖项类别"), Some(Column::Track));
        assert_eq!(column_of("得分"), None);
        for c in Column::ALL {
            assert_eq!(column_of(column_heading(Lang::Zh, c)), Some(c));
            assert_eq!(column_of(column_heading(Lang::En, c)), Some(c));
        }
    }

    #[test]
    fn the_encoding_refusal_says_how_to_save_as_utf8() {
        let e = CsvError::NotUtf8 { line: 1, gbk: true };
        let zh = e.message(Lang::Zh);
        assert!(
            zh.contains("GBK") && zh.contains("CSV UTF-8") && zh.contains("WPS"),
            "{zh}"
        );
        let en = e.message(Lang::En);
        assert!(en.contains("GBK") && en.contains("Save As"), "{en}");
    }
}
