//! The command line's words (命令行文字): clap's help and "possible values", headings and
//! labels, and every message `scorebook <command>` prints. The use-cases' refusals are in
//! [`super::service`]; the award's terms in [`super::terms`].

use std::fmt::Display;

use super::{Lang, pick};

/// A fixed piece of command-line text: a heading, a column, a label before a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Official,
    ProvisionalUnverified,
    Process,
    Results,
    Organisation,
    Individual,
    BuiltIn,
    Id,
    Title,
    Edition,
    Status,
    Items,
    Points,
    HashHeader,
    OriginHeader,
    Frameworks,
    ProvisionalNote,
    Tracks,
    Quota,
    OfficialOnProvisional,
    Programmes,
    NotFound,
    Known,
    Hash,
    Origin,
    Provenance,
    Pts,
    EvaluationFactors,
    ScoringBands,
    Awards,
    TracksAndQuotas,
    ApplicantKind,
    Prize,
    Framework,
    ReviewStages,
    Eligibility,
    Exclusions,
    /// A condition's 适用情形 (第十六条(五)).
    AppliesIf,
    /// A condition's 说明, not itself a condition (第十五条(七)).
    ConditionNote,
    Ok,
    Failed,
    Note,
    WrittenTo,
    Files,
    Counted,
    ExcludedCount,
    Excluded,
    Reviewers,
    Total,
    Consensus,
    /// Followed by the number of consensus sheets whose agreed percents the merge used.
    ConsensusApplied,
    DivergentItems,
    TraineesNotCounted,
    Ranking,
    RankingRule,
    Proposed,
    MinimumTotal,
    NothingToRank,
    RosterWritten,
    LeaderRunning,
    Added,
    Roster,
    SignedByLeader,
}

/// A [`Label`] in `lang`.
pub fn label(lang: Lang, l: Label) -> &'static str {
    use Label as L;
    let (zh, en) = match l {
        L::Official => ("正式", "official"),
        L::ProvisionalUnverified => ("暂定（未核实）", "PROVISIONAL (unverified)"),
        L::Process => ("过程", "process"),
        L::Results => ("结果", "results"),
        L::Organisation => ("组织", "organisation"),
        L::Individual => ("个人", "individual"),
        L::BuiltIn => ("内置", "built-in"),
        L::Id => ("ID", "ID"),
        L::Title => ("名称", "Title"),
        L::Edition => ("版本", "Edition"),
        L::Status => ("状态", "Status"),
        L::Items => ("条款", "Items"),
        L::Points => ("总分", "Points"),
        L::HashHeader => ("哈希", "Hash"),
        L::OriginHeader => ("来源", "Origin"),
        L::Frameworks => ("评价准则", "Frameworks"),
        L::ProvisionalNote => (
            "暂定：结构和分值未经标准原文核实，详见 scorebook criteria show ID。",
            "PROVISIONAL: structure and points not verified against the standard; see scorebook criteria show ID.",
        ),
        L::Tracks => ("奖项类别", "Tracks"),
        L::Quota => ("名额", "Quota"),
        L::OfficialOnProvisional => (
            "正式（含暂定准则）",
            "official (uses a provisional framework)",
        ),
        L::Programmes => ("评奖办法", "Award programmes"),
        L::NotFound => ("找不到", "no framework or programme"),
        L::Known => ("可用", "known"),
        L::Hash => ("哈希", "hash"),
        L::Origin => ("来源", "origin"),
        L::Provenance => ("出处", "provenance"),
        L::Pts => ("分", "pts"),
        L::EvaluationFactors => ("评价要素", "Evaluation factors"),
        L::ScoringBands => ("评分区间", "Scoring bands"),
        L::Awards => ("奖项", "Awards"),
        L::TracksAndQuotas => ("奖项类别与名额", "Tracks and quotas"),
        L::ApplicantKind => ("申报对象", "Applicant"),
        L::Prize => ("奖金（元）", "Prize (RMB)"),
        L::Framework => ("评价准则", "Framework"),
        L::ReviewStages => ("评审阶段", "Review stages"),
        L::Eligibility => ("资格条件", "Eligibility"),
        L::Exclusions => ("不予受理", "Exclusions"),
        L::AppliesIf => ("适用情形", "applies if"),
        L::ConditionNote => ("说明", "note"),
        L::Ok => ("通过", "ok"),
        L::Failed => ("错误", "FAILED"),
        L::Note => ("注意：", "note: "),
        L::WrittenTo => ("结果已写入", "written to"),
        L::Files => ("文件", "files"),
        L::Counted => ("计入", "counted"),
        L::ExcludedCount => ("排除", "excluded"),
        L::Excluded => ("排除的文件", "Excluded"),
        L::Reviewers => ("评审专家", "reviewers"),
        L::Total => ("总分", "total"),
        L::Consensus => ("合议", "consensus"),
        L::ConsensusApplied => ("已采用合议评分表", "consensus sheets applied"),
        L::DivergentItems => ("分歧条款", "divergent items"),
        L::TraineesNotCounted => ("名见习，不计分", "trainee(s), not counted"),
        L::Ranking => ("排名", "Ranking"),
        L::RankingRule => ("排序规则", "Ranking"),
        L::Proposed => ("建议授予", "proposed:"),
        L::MinimumTotal => ("最低总分", "minimum total"),
        L::NothingToRank => ("没有可排名的申报对象", "no applicants to rank"),
        L::RosterWritten => ("已建评审组名单", "roster written"),
        L::LeaderRunning => ("评审组长", "leader"),
        L::Added => ("已加入", "added"),
        L::Roster => ("评审组名单", "Roster"),
        L::SignedByLeader => ("签名评审组长", "signed by leader"),
    };
    pick(lang, zh, en)
}

/// A command-line message with values. One `match` words them all, Chinese beside English.
#[derive(Clone, Copy)]
pub enum Msg<'a> {
    /// `criteria show` of a framework: its one-line summary.
    FrameworkSummary {
        id: &'a str,
        edition: &'a str,
        status: &'a str,
        points: u32,
        items: usize,
        process: usize,
        step: u8,
    },
    /// `criteria show` of a programme: its one-line summary.
    ProgramSummary {
        id: &'a str,
        edition: &'a str,
        period: &'a str,
        round_years: u32,
    },
    /// `criteria check`: a valid framework file.
    FrameworkChecked {
        id: &'a str,
        edition: &'a str,
        status: &'a str,
        items: usize,
        points: u32,
        hash: &'a str,
    },
    /// `criteria check`: a valid programme file.
    ProgramChecked {
        id: &'a str,
        edition: &'a str,
        tracks: usize,
        hash: &'a str,
    },
    /// `criteria check`: a valid comment-check word-list file.
    CommentCheckChecked {
        prescriptive: usize,
        verdict: usize,
        exceptions: usize,
        evidence: usize,
    },
    ErrorCount(usize),
    /// `export`: what was written.
    Exported {
        draft: bool,
        applicant: &'a str,
        name: &'a str,
        stage: &'a str,
        version: u32,
        total: &'a str,
    },
    /// The content equals the last export: that version handed out again.
    ExportUnchanged {
        applicant: &'a str,
        name: &'a str,
        stage: &'a str,
        version: u32,
    },
    ExportedFile(&'a dyn Display),
    ExportedPrintable(&'a dyn Display),
    ExportedHash(&'a str),
    /// `key new`.
    KeyExists(&'a dyn Display),
    KeyNameEmpty,
    KeyCreated,
    /// `key show`: one field, `(label, value)`.
    KeyField(KeyField, &'a str),
    /// `verify --roster` with a bare member list.
    UnsignedRoster(&'a dyn Display),
    /// `verify`: a valid sheet.
    Valid {
        consensus: bool,
        applicant: &'a str,
        name: &'a str,
        stage: &'a str,
        version: u32,
        total: &'a str,
        reviewer: &'a str,
        fingerprint: &'a str,
        hash: &'a str,
    },
    /// `verify`: refused, the reason already worded.
    Invalid(&'a str),
    /// `verify`: the roster itself given as a sheet.
    RosterIsNotASheet,
    ReadingRoster(&'a dyn Display),
    RosterNotByLeader {
        fingerprint: &'a str,
    },
    NotARoster {
        path: &'a dyn Display,
        kind: &'a str,
    },
    NoMembersList(&'a dyn Display),
    MembersNotAList(&'a dyn Display),
    MemberFieldMissing {
        path: &'a dyn Display,
        index: usize,
        field: &'a str,
    },
    MemberAt {
        path: &'a dyn Display,
        index: usize,
    },
    /// `roster new|add`.
    RosterNoKey(&'a dyn Display),
    OnlyLeaderSigns(&'a dyn Display),
    RosterExists(&'a dyn Display),
    UnknownProgramme {
        program: &'a str,
        known: &'a str,
    },
    MemberKeyRefused(&'a dyn Display),
    CannotAdd {
        path: &'a dyn Display,
        name: &'a str,
    },
}

/// A field of `key show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyField {
    Name,
    PublicKey,
    Fingerprint,
}

/// A [`Msg`] in `lang`.
///
/// Values in these messages come from files (names in sheets, keys, rosters): control characters
/// in them are shown escaped ([`crate::display::shown_block`]), so no file can forge what a
/// terminal shows.
pub fn say(lang: Lang, m: &Msg<'_>) -> String {
    crate::display::shown_block(&say_raw(lang, m)).into_owned()
}

fn say_raw(lang: Lang, m: &Msg<'_>) -> String {
    let w = |zh: String, en: String| match lang {
        Lang::Zh => zh,
        Lang::En => en,
    };
    match *m {
        Msg::FrameworkSummary {
            id,
            edition,
            status,
            points,
            items,
            process,
            step,
        } => w(
            format!(
                "id {id} · 版本 {edition} · {status} · 总分 {points} · {items} 个条款（过程 {process}，结果 {}）· 步长 {step}%",
                items - process
            ),
            format!(
                "id {id} · edition {edition} · {status} · {points} points · {items} items ({process} process, {} results) · step {step}%",
                items - process
            ),
        ),
        Msg::ProgramSummary {
            id,
            edition,
            period,
            round_years,
        } => w(
            format!("id {id} · 版本 {edition} · 有效期 {period} · 每 {round_years} 年评选一届"),
            format!(
                "id {id} · edition {edition} · in force {period} · a round every {round_years} years"
            ),
        ),
        Msg::FrameworkChecked {
            id,
            edition,
            status,
            items,
            points,
            hash,
        } => w(
            format!("评价准则 {id}（{edition}，{status}），{items} 个条款，{points} 分，哈希 {hash}"),
            format!("framework {id} ({edition}, {status}), {items} items, {points} points, hash {hash}"),
        ),
        Msg::ProgramChecked {
            id,
            edition,
            tracks,
            hash,
        } => w(
            format!("评奖办法 {id}（{edition}），{tracks} 个奖项类别，哈希 {hash}"),
            format!("programme {id} ({edition}), {tracks} tracks, hash {hash}"),
        ),
        Msg::CommentCheckChecked {
            prescriptive,
            verdict,
            exceptions,
            evidence,
        } => w(
            format!(
                "评语检查词表：指令性措辞 {prescriptive} 个，评判性用语 {verdict} 个，例外短语 {exceptions} 个，证据出处 {evidence} 种"
            ),
            format!(
                "comment-check word lists: {prescriptive} prescriptive, {verdict} verdict, {exceptions} exceptions, {evidence} evidence patterns"
            ),
        ),
        Msg::ErrorCount(n) => w(format!("{n} 处错误"), format!("{n} error(s)")),
        Msg::Exported {
            draft,
            applicant,
            name,
            stage,
            version,
            total,
        } => {
            let draft = if draft { pick(lang, "（草稿）", " (draft)") } else { "" };
            w(
                format!("已导出签名评分表{draft}：{applicant} {name}，{stage}，第{version}版，总分 {total}"),
                format!(
                    "Exported signed score sheet{draft}: {applicant} {name}, {stage}, version {version}, total {total}"
                ),
            )
        }
        Msg::ExportUnchanged {
            applicant,
            name,
            stage,
            version,
        } => w(
            format!("内容与上次导出相同，未生成新版本：{applicant} {name}，{stage}，仍为第{version}版"),
            format!(
                "Unchanged since the last export, no new version: {applicant} {name}, {stage}, still version {version}"
            ),
        ),
        Msg::ExportedFile(p) => w(format!("  文件：{p}"), format!("  file: {p}")),
        Msg::ExportedPrintable(p) => w(format!("  打印版：{p}"), format!("  printable: {p}")),
        Msg::ExportedHash(h) => w(format!("  SHA-256：{h}"), format!("  SHA-256: {h}")),
        Msg::KeyExists(dir) => w(
            format!(
                "{dir} 中已有签名密钥，未作改动。如确需更换，请加 --force（旧密钥签过的评分表仍然有效）。"
            ),
            format!(
                "A signing key already exists in {dir}; nothing changed. To replace it, add --force (sheets signed with the old key stay valid)."
            ),
        ),
        Msg::KeyNameEmpty => w(
            "姓名不能为空：scorebook key new --name 你的姓名".into(),
            "The name is empty: scorebook key new --name \"Your Name\"".into(),
        ),
        Msg::KeyCreated => w(
            "已生成新的签名密钥：".into(),
            "New signing key created:".into(),
        ),
        Msg::KeyField(field, value) => {
            let (zh, en) = match field {
                KeyField::Name => ("姓名", "Name"),
                KeyField::PublicKey => ("公钥", "Public key"),
                KeyField::Fingerprint => ("指纹", "Fingerprint"),
            };
            w(format!("  {zh}：{value}"), format!("  {en}: {value}"))
        }
        Msg::UnsignedRoster(p) => w(
            format!("注意：{p} 不是签名的评审组名单，只按其中的成员公钥核对，未核实由谁编制"),
            format!(
                "note: {p} is not a signed roster; sheets are checked against its member keys only, nobody vouches for the list"
            ),
        ),
        Msg::Valid {
            consensus,
            applicant,
            name,
            stage,
            version,
            total,
            reviewer,
            fingerprint,
            hash,
        } => {
            let kind = if consensus {
                pick(lang, "合议评分表", "consensus sheet")
            } else {
                pick(lang, "评分表", "score sheet")
            };
            w(
                format!(
                    "有效 — {kind}，{applicant} {name}，{stage}，第{version}版，总分 {total}，评审专家 {reviewer}（指纹 {fingerprint}），SHA-256 {hash}"
                ),
                format!(
                    "valid — {kind}, {applicant} {name}, {stage}, version {version}, total {total}, reviewer {reviewer} (fingerprint {fingerprint}), SHA-256 {hash}"
                ),
            )
        }
        Msg::Invalid(why) => w(format!("无效 — {why}"), format!("INVALID — {why}")),
        Msg::RosterIsNotASheet => w(
            "无效 — 这是评审组名单，不是评分表：用 --roster 名单 指定它，或用 scorebook roster show 查看".into(),
            "INVALID — this is a roster, not a sheet: pass it with --roster, or read it with scorebook roster show".into(),
        ),
        Msg::ReadingRoster(p) => w(
            format!("读取评审组名单 {p}"),
            format!("reading the roster {p}"),
        ),
        Msg::RosterNotByLeader { fingerprint } => w(
            format!("名单不是由名单上的评审组长签名的（签名者指纹 {fingerprint}）"),
            format!("the roster is not signed by a leader on it (signer {fingerprint})"),
        ),
        Msg::NotARoster { path, kind } => w(
            format!("{path}：不是评审组名单（{kind}）"),
            format!("{path}: not a roster ({kind})"),
        ),
        Msg::NoMembersList(p) => w(
            format!("{p}：名单中没有 \"members\" 列表"),
            format!("{p}: no \"members\" list in the roster"),
        ),
        Msg::MembersNotAList(p) => w(
            format!("{p}：\"members\" 不是列表"),
            format!("{p}: \"members\" is not a list"),
        ),
        Msg::MemberFieldMissing { path, index, field } => w(
            format!("{path}：members[{index}] 缺少 {field}"),
            format!("{path}: members[{index}] has no {field}"),
        ),
        Msg::MemberAt { path, index } => w(
            format!("{path}：members[{index}]"),
            format!("{path}: members[{index}]"),
        ),
        Msg::RosterNoKey(home) => w(
            format!("{home} 中还没有签名密钥：请先运行 `scorebook key new --name 你的姓名`"),
            format!("no signing key in {home}: run `scorebook key new --name NAME` first"),
        ),
        Msg::OnlyLeaderSigns(p) => w(
            format!("{p}：只有名单上的评审组长可以修改并签署名单（你的密钥不是评审组长）"),
            format!(
                "{p}: only a leader on the roster can change and sign it (your key is not a leader)"
            ),
        ),
        Msg::RosterExists(p) => w(
            format!("{p} 已存在；如要替换，请加 --force"),
            format!("{p} exists; use --force to replace it"),
        ),
        Msg::UnknownProgramme { program, known } => w(
            format!("没有评奖办法 “{program}”（现有：{known}）"),
            format!("unknown programme '{program}' (known: {known})"),
        ),
        Msg::MemberKeyRefused(p) => w(
            format!("{p}：成员公钥无效"),
            format!("{p}: member key refused"),
        ),
        Msg::CannotAdd { path, name } => w(
            format!("{path}：无法加入 {name}"),
            format!("{path}: cannot add {name}"),
        ),
    }
}

/// A role on the roster, as a table cell.
pub fn role_label(lang: Lang, role: crate::panel::Role) -> &'static str {
    use crate::panel::Role as R;
    match role {
        R::Leader => pick(lang, "组长", "leader"),
        R::Member => pick(lang, "组员", "member"),
        R::Trainee => pick(lang, "见习（不计分）", "trainee (not counted)"),
    }
}

// clap's help in Chinese: the English is the doc comments on the clap types in `src/cli`.

/// clap's help layout, its "Usage:" in Chinese.
pub const HELP_TEMPLATE_ZH: &str =
    "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";
/// The headings of clap's help lists.
pub const COMMANDS_ZH: &str = "命令";
pub const ARGUMENTS_ZH: &str = "参数";
pub const OPTIONS_ZH: &str = "选项";

/// Chinese about text of a command, by path (`""` is the root, `"criteria show"` a subcommand).
pub fn command_zh(path: &str) -> Option<&'static str> {
    // `help` appears under every command with subcommands.
    let last = path.rsplit(' ').next().unwrap_or(path);
    if last == "help" {
        return Some("显示本帮助，或指定子命令的帮助");
    }
    // `scorebook help criteria show` lists the same commands as `scorebook criteria show`.
    if let Some(rest) = path.strip_prefix("help ") {
        return command_zh(rest);
    }
    if let Some((head, rest)) = path.split_once(" help ") {
        return command_zh(&format!("{head} {rest}"));
    }
    if let Some(round) = super::round::command_zh(path) {
        return Some(round);
    }
    if let Some(seal) = super::seal::command_zh(path) {
        return Some(seal);
    }
    if let Some(synthesis) = super::synthesis::command_zh(path) {
        return Some(synthesis);
    }
    Some(match path {
        "" => "评审记分册 Scorebook：质量奖评审专家的离线评分表",
        "criteria" => "评价准则与评奖办法：列出、查看、检查",
        "criteria list" => "列出评价准则和评奖办法（内置的和数据目录中的）",
        "criteria show" => "查看评价准则的类目与条款，或评奖办法的奖项类别、评审阶段和资格条件",
        "criteria check" => "检查准则文件；有错误时列出全部错误并以状态 1 退出",
        "key" => "评审专家签名密钥：新建、查看、口令",
        "key new" => "新建签名密钥",
        "key show" => "查看签名密钥及其指纹",
        "export" => "导出某申报对象某评审阶段的已签名评分表",
        "verify" => "验证已签名的评分表",
        "roster" => "评审组名单：新建、添加",
        "roster new" => "新建评审组名单",
        "roster add" => "向评审组名单添加评审专家",
        "roster show" => "查看评审组名单",
        "merge" => "汇总评审组的评分表：统计、分歧、排名、报告",
        "consensus" => "在终端中形成评审组合议意见",
        "rank" => "按评奖办法的名额对汇总结果排名",
        "award-list" => "评审组长签署现场评审汇总目录的获奖建议名单",
        "supervision" => "双向监督（第二十二条）：录入申报对象交回的反馈表",
        "supervision record" => "录入一个申报对象交回的双向监督反馈表",
        "round supervision-forms" => "为现场评审名单上的每个申报对象生成可打印的双向监督反馈表",
        "round set-acting-leader" => "为评审组长回避的申报对象指定代理组长（第二十一条）",
        "round set-office-recipient" => {
            "记录评奖办公室的加密接收密钥（age1…）：密封的评分表同时加密给评奖办公室。新的一版"
        }
        _ => return None,
    })
}

/// Chinese help text of an argument, by command path and argument id. Global flags and clap's own
/// flags read the same everywhere.
pub fn arg_zh(path: &str, id: &str) -> Option<&'static str> {
    let global = match id {
        "home" => Some("数据目录（准则覆盖、工作区、密钥、配置）"),
        "lang" => Some("界面语言：zh 或 en（默认取自 LANG，否则为中文）"),
        "help" => Some("显示帮助"),
        "version" => Some("显示版本"),
        _ => None,
    };
    if global.is_some() {
        return global;
    }
    let last = path.rsplit(' ').next().unwrap_or(path);
    if last == "help" && id == "subcommand" {
        return Some("要查看帮助的子命令");
    }
    if let Some(round) = super::round::arg_zh(path, id) {
        return Some(round);
    }
    if let Some(seal) = super::seal::arg_zh(path, id) {
        return Some(seal);
    }
    if let Some(synthesis) = super::synthesis::arg_zh(path, id) {
        return Some(synthesis);
    }
    Some(match (path, id) {
        ("criteria show", "id") => "评价准则或评奖办法的 id，例如 gbt19580-2012、jinshan-2023",
        ("criteria show", "json") => "以 JSON 输出完整的已加载文档",
        ("criteria check", "files") => "评价准则或评奖办法文件（JSON）",
        ("export", "applicant") => "申报对象：软件中显示的编号（如 示例、A1）或名称",
        ("merge", "inputs") => "评分表文件和存放评分表的文件夹（逐层查找）",
        ("merge", "output") => "要写出的汇总目录（panel.json、报告、所用评分表的副本）",
        ("merge", "method") => "汇总方法",
        ("merge", "threshold") => "条款得分率极差达到此百分点即为分歧条款",
        ("merge", "include_drafts") => "计入用 --draft 导出的草稿",
        ("merge", "round") => {
            "评审轮次文件（申报对象、评审组、各阶段名单）；输入中的回避声明一并计入"
        }
        ("merge", "roster") => "评审组名单文件（评审轮次之前的评审组）",
        ("merge", "document") => {
            "资料评审的汇总目录（同一评审轮次），供现场评审报告逐条对比得分；输入中已有资料评审评分表时不需要"
        }
        ("merge", "shortlist") => {
            "现场评审名单建议每个奖项类别的名额（默认取评奖办法的名额，无名额时全部排序）；仅用于 --round"
        }
        (_, "min_total") => "总分低于此值的不占获奖名额（第三条）",
        ("verify", "roster") => "评审组名单：只接受其成员的公钥",
        ("verify", "json") => "以 JSON 数组输出，每个文件一个结论",
        ("rank", "dirs") | ("consensus", "dir") => "由 scorebook merge 写出的汇总目录",
        ("award-list", "dir") => "由 scorebook merge --round 写出的现场评审汇总目录",
        ("round set-acting-leader", "number") => "评审组长回避的申报对象的申报编号",
        ("round set-acting-leader", "member") => "代理组长：评审轮次中组员的姓名（或其指纹）",
        ("round set-office-recipient", "recipient") => {
            "评奖办公室的 age 接收密钥（age1…，由 age-keygen 或办公室的 scorebook key show --json 给出）"
        }
        ("supervision record", "dir") => "由 scorebook merge --round 写出的汇总目录",
        ("supervision record", "overall") => {
            "申报对象对评审组纪律执行情况的总体评价：good、fair 或 poor（好、较好、差）"
        }
        ("supervision record", "members") => {
            "对一名到访评审人员的评价，写作 姓名=good|fair|poor；每人一次"
        }
        ("supervision record", "comments") => "申报对象在表上填写的意见",
        ("supervision record", "received") => "反馈表交回的日期（YYYY-MM-DD）；默认今天",
        ("roster new", "round") => "评审轮次（届），例如 2025",
        ("roster new", "output") => "名单写到哪个文件",
        ("roster add", "member_file") => "成员在自己电脑上用 scorebook key show --json 输出的文件",
        ("roster add", "role") => {
            "leader（评审组长）、member（组员）或 trainee（见习评审专家：列出，不计分）"
        }
        ("key new", "force") => "替换已有密钥；旧密钥签过的评分表仍然有效",
        ("key show", "json") => {
            "以 JSON 输出 {name, public_key, fingerprint, age_recipient}，即编入评审轮次的成员文件"
        }
        (_, "out" | "output") => "输出文件或目录",
        (_, "applicant") => "申报对象",
        (_, "stage") => "评审阶段",
        (_, "program") => "评奖办法 id",
        (_, "track") => "奖项类别 id",
        (_, "roster") => "评审组名单文件",
        (_, "sheets" | "files") => "评分表文件",
        (_, "draft") => "导出未完成的评分（草稿）",
        (_, "force") => "覆盖已有文件",
        (_, "name") => "评审专家姓名",
        (_, "format") => "输出格式",
        _ => return None,
    })
}

/// Chinese help of a possible value (`--stage document`), by argument id and value. The
/// English is the value's doc comment.
pub fn value_zh(arg: &str, value: &str) -> Option<&'static str> {
    if let Some(round) = super::round::value_zh(arg, value) {
        return Some(round);
    }
    Some(match (arg, value) {
        ("stage", "document") => "资料评审",
        ("stage", "site") => "现场评审",
        ("format", "json") => "签名评分表",
        ("format", "html") => "另加可打印的 A4 评分表，与签名评分表的哈希绑定",
        ("method", "consensus") => "有合议评分表时用合议得分率，否则用中位数",
        ("method", "mean") => "平均数",
        ("method", "median") => "中位数",
        ("method", "trimmed-mean") => "n ≥ 5 时去掉一个最高、一个最低后的平均数",
        _ => return None,
    })
}

/// The Chinese tail of an argument's help: its possible values with their help, and its
/// default (clap would print both in English).
pub fn values_tail_zh(values: &[(String, Option<&str>)], default: Option<&str>) -> String {
    let mut tail = String::new();
    if !values.is_empty() {
        let list: Vec<String> = values
            .iter()
            .map(|(name, help)| match help {
                Some(h) => format!("{name}（{h}）"),
                None => name.clone(),
            })
            .collect();
        tail += &format!("。可选值：{}", list.join("、"));
    }
    if let Some(d) = default {
        tail += &format!("。默认值：{d}");
    }
    tail
}
