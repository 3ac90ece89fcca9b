//! The use-cases' refusals in words ([`crate::service::Error`] and friends), for the CLI and
//! the TUI alike. One exhaustive `match` per type: a new variant without words fails to compile.

use super::Lang;
use crate::panel::Exclusion;
use crate::panel::consensus::ConsensusError;
use crate::service::Error;
use crate::service::accept::Refused;
use crate::service::merge::InputNote;
use crate::sheet::BuildError;

fn zh_or_en(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A sealed consensus draft that did not open: what the leader can do depends on why.
fn draft_unreadable(
    lang: Lang,
    path: &std::path::Path,
    reason: &crate::workspace::Unreadable,
) -> String {
    use crate::workspace::Unreadable as U;
    let path = path.display();
    match reason {
        U::SealedForAnother => zh_or_en(
            lang,
            format!(
                "{path}：合议草稿是用另一个数据目录的数据密钥加密的（另一位组长的电脑）；请在写它的那台电脑上打开合议"
            ),
            format!(
                "{path}: the consensus draft was sealed with another home's data key (another leader's computer); open the consensus on the computer that wrote it"
            ),
        ),
        U::Locked => zh_or_en(
            lang,
            format!(
                "{path}：合议草稿已加密，而本数据目录没有已解锁的数据密钥（草稿写于加密的工作区——另一位组长的，或本机 workspace decrypt 之前的）"
            ),
            format!(
                "{path}: the consensus draft is sealed and this home has no unlocked data key (it was written in an encrypted home: another leader's, or this one before workspace decrypt)"
            ),
        ),
        other => zh_or_en(
            lang,
            format!(
                "{path}：合议草稿打不开：{}",
                super::durable::unreadable(Lang::Zh, other)
            ),
            format!(
                "{path}: the consensus draft does not open: {}",
                super::durable::unreadable(Lang::En, other)
            ),
        ),
    }
}

/// A use-case's refusal in `lang`.
pub fn error(lang: Lang, e: &Error) -> String {
    use Error as E;
    let w = |zh: String, en: String| zh_or_en(lang, zh, en);
    match e {
        E::NoKey => w(
            "本机没有签名密钥。请先运行：scorebook key new --name 你的姓名".into(),
            "No signing key in this home. First run: scorebook key new --name \"Your Name\"".into(),
        ),
        E::Identity(e) => super::identity::error(lang, e),
        E::Random(e) => w(format!("随机数发生器出错：{}", e.0), e.to_string()),
        E::Read { path, source } => w(
            format!(
                "无法读取 {}：{}",
                path.display(),
                super::durable::io_error(Lang::Zh, source)
            ),
            format!("cannot read {}: {source}", path.display()),
        ),
        E::Write { path, source } => w(
            format!(
                "无法写入 {}：{}",
                path.display(),
                super::durable::io_error(Lang::Zh, source)
            ),
            format!("cannot write {}: {source}", path.display()),
        ),
        E::Exists { path } => w(
            format!("{} 已存在，未覆盖", path.display()),
            format!("{} already exists; not overwritten", path.display()),
        ),
        E::Json {
            path,
            at,
            line,
            message,
        } => w(
            format!("{}：位置 {at}（第 {line} 行）：{message}", path.display()),
            format!("{}: at {at} (line {line}): {message}", path.display()),
        ),
        E::Internal(what) => w(
            format!("内部错误：{what}"),
            format!("internal error: {what}"),
        ),
        E::NoApplicant { wanted, known } => {
            let known = if known.is_empty() {
                w(
                    "（工作区中还没有申报对象）".into(),
                    "(the workspace has no applicants yet)".into(),
                )
            } else {
                known.join(", ")
            };
            w(
                format!("没有申报对象 “{wanted}”。现有：{known}"),
                format!("no applicant '{wanted}'. Known: {known}"),
            )
        }
        E::DemoNotCreated { wanted } => w(
            format!(
                "示例申报对象 “{wanted}” 在第一次打开软件时创建，此工作区中还没有。请先运行一次 `scorebook`（或 `cargo run --release`，用同一个 --home），然后再导出"
            ),
            format!(
                "the demo applicant '{wanted}' is created the first time the app is opened, and this workspace has none yet. Run `scorebook` (or `cargo run --release`, with the same --home) once, then export"
            ),
        ),
        E::NotRecused { applicant } => w(
            format!(
                "申报对象 {applicant} 没有回避声明可导出：只有从评审轮次导入、且已声明有利害关系的申报对象才导出回避声明"
            ),
            format!(
                "applicant {applicant} has no recusal record to export: only an applicant imported from a round, with a declared relationship, exports one"
            ),
        ),
        E::AmbiguousName { wanted } => w(
            format!("有多个申报对象名为 “{wanted}”，请用编号"),
            format!("several applicants are named '{wanted}'; use the id"),
        ),
        E::NoReview { applicant, stage } => w(
            format!("{applicant} 还没有开始{}", stage.label(lang)),
            format!("{applicant} has no {} yet", stage.label(lang)),
        ),
        E::FrameworkUnavailable { framework } => w(
            format!("找不到评分所用的评价准则 {framework}"),
            format!("the framework {framework} this review was scored on is not available"),
        ),
        E::ProgramUnavailable { program } => w(
            format!("找不到评奖办法 {program}"),
            format!("the award programme {program} is not available"),
        ),
        E::Build(e) => build(lang, e),
        E::Version(e) => e.message(lang),
        E::Sign(e) => e.to_string(),
        E::SelfCheck(e) => w(
            format!("内部错误：导出的评分表未通过核验：{}", e.message(Lang::Zh)),
            format!("internal error: the exported sheet does not verify: {e}"),
        ),
        E::PanelVersion(v) => v.message(lang),
        E::Audit { dir, source } => {
            super::checks::audit_refusal(lang, &dir.display().to_string(), source)
        }
        E::NoPanel { dir } => {
            let (dir, file) = (dir.display(), crate::service::panel_dir::PANEL_FILE);
            w(
                format!(
                    "{dir} 中没有 {file}：请先运行 `scorebook merge --roster 名单 评分表… -o {dir}`"
                ),
                format!(
                    "{dir} has no {file}: run `scorebook merge --roster ROSTER SHEETS… -o {dir}` first"
                ),
            )
        }
        E::RosterRefused { path, source } => w(
            format!("{}：评审组名单不可信，已拒绝：{source}", path.display()),
            format!("{}: roster refused: {source}", path.display()),
        ),
        E::RoundRefused { path, source } => w(
            format!("{}：评审轮次文件不可信，已拒绝：{source}", path.display()),
            format!("{}: round file refused: {source}", path.display()),
        ),
        E::SheetCopyMissing { path, source } => w(
            format!(
                "无法读取 {}（请重新汇总）：{}",
                path.display(),
                super::durable::io_error(Lang::Zh, source)
            ),
            format!("cannot read {} (run merge again): {source}", path.display()),
        ),
        E::SheetCopyAltered { path } => w(
            format!("{}：副本与其哈希不符", path.display()),
            format!("{}: the copy does not match its hash", path.display()),
        ),
        E::SheetCopyInvalid { path, why } => {
            format!("{}: {}", path.display(), exclusion(lang, why))
        }
        E::NotADraftFile { path, format } => w(
            format!("{}：不是合议草稿（格式 {format:?}）", path.display()),
            format!(
                "{}: not a consensus draft (format {format:?})",
                path.display()
            ),
        ),
        E::DraftUnreadable { path, reason } => draft_unreadable(lang, path, reason),
        E::UnknownFrameworkHash {
            dir,
            applicant,
            hash,
        } => w(
            format!(
                "{}：申报对象 {applicant} 所用的评价准则 {hash} 不是本程序所知的版本",
                dir.display()
            ),
            format!(
                "{}: applicant {applicant} was scored on framework {hash}, which this build does not know",
                dir.display()
            ),
        ),
        E::NothingToAgree { dir } => w(
            format!("{}：汇总结果中没有可合议的申报对象", dir.display()),
            format!("{}: the merge has no applicant to agree on", dir.display()),
        ),
        E::NoSuchApplicant => w("没有这个申报对象".into(), "no such applicant".into()),
        E::NotLeader => w(
            "合议评分表只能由评审组名单上的评审组长签名；本机密钥不是评审组长".into(),
            "only a leader on the panel's roster signs the consensus; this key is not one".into(),
        ),
        E::ActingLeaderSigns { applicant, acting } => w(
            format!(
                "评审轮次为申报对象 {applicant} 指定了代理组长 {acting}（评审组长回避，第二十一条）：其合议评分表由代理组长签名"
            ),
            format!(
                "the round names {acting} the acting leader for applicant {applicant} (the leader is recused, 第二十一条): they sign its consensus sheet"
            ),
        ),
        E::LeaderRecused(r) => {
            let why_zh = r
                .relationship
                .as_ref()
                .map_or(String::new(), |x| format!("（{x}）"));
            let why_en = r
                .relationship
                .as_ref()
                .map_or(String::new(), |x| format!(" ({x})"));
            let (others_zh, others_en) = if r.others.is_empty() {
                (
                    "评审组中没有其他未回避的评审专家，请报区审定办".to_string(),
                    "no other member of the panel is free of a relationship; tell the award office"
                        .to_string(),
                )
            } else {
                (
                    format!("可由未回避的评审专家代行组长签署：{}", r.others.join("、")),
                    format!(
                        "a member not recused may sign as acting leader: {}",
                        r.others.join(", ")
                    ),
                )
            };
            w(
                format!(
                    "评审组长与 {} 有利害关系{why_zh}，已回避，不能签署其合议评分表；{others_zh}",
                    r.applicant
                ),
                format!(
                    "the leader has a relationship with {}{why_en} and is recused: they cannot sign its consensus sheet; {others_en}",
                    r.applicant
                ),
            )
        }
        E::NoSheetsUsed => w(
            "汇总时该申报对象没有计入任何评分表".into(),
            "the merge used no sheets for this applicant".into(),
        ),
        E::Consensus(e) => consensus(lang, e),
        E::ConsensusSelfCheck(why) => w(
            format!(
                "合议评分表未通过自检（{}），未写出文件",
                exclusion(lang, why)
            ),
            format!(
                "the consensus sheet does not verify ({}); nothing written",
                exclusion(lang, why)
            ),
        ),
        E::RosterProgramUnknown { path, program } => w(
            format!(
                "{}：评奖办法“{program}”不在本机的准则目录中",
                path.display()
            ),
            format!(
                "{}: programme '{program}' is not in the catalogue",
                path.display()
            ),
        ),
        E::NoFiles => w(
            "没有找到任何文件，未写出结果".into(),
            "no files found in the inputs; nothing written".into(),
        ),
        E::Reports(e) => w(
            format!("panel.json 已写出，但报告未能写出：{e}"),
            format!("panel.json is written, but the reports could not be: {e}"),
        ),
        E::ChangedDuringMerge { path } => w(
            format!("{path} 在汇总过程中被改动，请重新汇总"),
            format!("{path} changed during the merge; run it again"),
        ),
        E::MixedRounds { this, first } => {
            let (dir, program, round) = (this.dir.display(), &this.program, &this.round);
            let (first_dir, first_program, first_round) =
                (first.dir.display(), &first.program, &first.round);
            w(
                format!(
                    "{dir}：评奖办法 {program} 评审轮次 {round}，而 {first_dir} 是 {first_program} 评审轮次 {first_round}；每次只对一个评审轮次排序"
                ),
                format!(
                    "{dir}: programme {program} round {round}, but {first_dir} is {first_program} round {first_round}; rank one round at a time"
                ),
            )
        }
        E::AlsoElsewhere {
            dir,
            applicant,
            track,
            stage,
            total,
        } => w(
            format!(
                "{}：申报对象 {applicant}（{track}，{}）也在另一个汇总目录中（总分 {total}）；其评分表只应汇总一次",
                dir.display(),
                stage.cli_name()
            ),
            format!(
                "{}: applicant {applicant} ({track}, {}) is also in another merge folder (total {total}); merge its sheets once",
                dir.display(),
                stage.cli_name()
            ),
        ),
        E::NoFolder => w("没有给出汇总目录".into(), "no merge folder given".into()),
        E::NotASynthesisFile { path, format } => w(
            format!(
                "{}：不是综合评价输入文件（格式 {format:?}），未改动",
                path.display()
            ),
            format!(
                "{}: not an overall-evaluation input file (format {format:?}); left as it is",
                path.display()
            ),
        ),
        E::NotText { path } => w(
            format!(
                "{}：不是 UTF-8 文本文件（请另存为“UTF-8 文本”）",
                path.display()
            ),
            format!(
                "{}: not a UTF-8 text file (save it as UTF-8 text)",
                path.display()
            ),
        ),
        E::SynthesisText { path, source } => {
            use crate::panel::synthesis::SynthesisError as S;
            let (zh, en) = match source {
                S::Empty => ("内容为空".to_string(), "it is empty".to_string()),
                S::TooLong { chars, max } => (
                    format!("有 {chars} 个字，最多 {max} 个"),
                    format!("it has {chars} characters; at most {max} fit"),
                ),
                S::ControlCharacters => (
                    "含有控制字符，不像文本文件".to_string(),
                    "it holds control characters: not a text file".to_string(),
                ),
            };
            w(
                format!("{}：{zh}；未写入", path.display()),
                format!("{}: {en}; nothing written", path.display()),
            )
        }
        E::UnknownApplicant { dir, wanted } => w(
            format!(
                "{} 的汇总结果中没有申报编号或名称为“{wanted}”的申报对象",
                dir.display()
            ),
            format!(
                "no applicant numbered or named '{wanted}' in the merge in {}",
                dir.display()
            ),
        ),
        E::NoSiteResult { dir, applicant } => w(
            format!(
                "{applicant} 在 {} 中没有现场评审结果：综合评价针对进入现场评审的申报对象（第十八条(五)），请在现场评审的汇总目录中填写",
                dir.display()
            ),
            format!(
                "{applicant} has no site review result in {}: the overall evaluation covers applicants who had a site review (Art. 18(5)); record it in the site review's merge folder",
                dir.display()
            ),
        ),
        E::DocumentOtherRound {
            dir,
            program,
            round,
        } => w(
            format!(
                "{}：资料评审汇总属于 {program} {round}，与本次汇总的评审轮次不同",
                dir.display()
            ),
            format!(
                "{}: the document review merge is of {program} {round}, not of this merge's round",
                dir.display()
            ),
        ),
        E::SealOtherRound { applicant, round } => w(
            format!("申报对象 {applicant} 不是从评审轮次“{round}”导入的：请用它所属评审轮次的文件"),
            format!(
                "applicant {applicant} was not imported from the round \"{round}\": give the round file it came from"
            ),
        ),
        E::SealNoRecipient { leader } => w(
            format!(
                "评审组长 {leader} 在评审轮次中没有公布加密密钥（成员文件来自旧版本）：请组长用新版本的 scorebook key show --json 更新成员信息后重新签发评审轮次"
            ),
            format!(
                "the group leader {leader} publishes no encryption key in the round (a member file from an older version): the leader updates it from a new `scorebook key show --json` and issues the round again"
            ),
        ),
    }
}

/// Why a file never reached, or did not pass, the sheet checks.
pub fn refused(lang: Lang, r: &Refused) -> String {
    match r {
        Refused::Directory => zh_or_en(
            lang,
            "这是文件夹，不是评分表文件（核验文件夹中的评分表：scorebook verify 文件夹/*.json）"
                .into(),
            "a folder, not a sheet file (to verify the sheets in it: scorebook verify FOLDER/*.json)"
                .into(),
        ),
        Refused::Bom => zh_or_en(
            lang,
            "文件以 UTF-8 字节顺序标记（BOM）开头：评分表被编辑器另存过，已不是签名时的字节".into(),
            "the file starts with a UTF-8 byte order mark (BOM): an editor re-saved it, so these are not the bytes that were signed".into(),
        ),
        Refused::Unreadable(e) => zh_or_en(
            lang,
            format!("无法读取：{}", super::durable::io_error(Lang::Zh, e)),
            format!("cannot be read: {e}"),
        ),
        Refused::Sealed(u) => super::seal::unsealed(lang, u),
        Refused::Sheet(e) => e.message(lang),
    }
}

/// A note on the merge's inputs.
pub fn input_note(lang: Lang, n: &InputNote) -> String {
    match n {
        InputNote::EmptyFolder(p) => zh_or_en(
            lang,
            format!("{}：文件夹中没有文件", p.display()),
            format!("{}: folder has no files", p.display()),
        ),
        InputNote::Missing(p) => zh_or_en(
            lang,
            format!("{}：没有这个文件或文件夹", p.display()),
            format!("{}: no such file or folder", p.display()),
        ),
        InputNote::UnreadableFolder { path, error } => zh_or_en(
            lang,
            format!("{}：无法读取文件夹：{error}", path.display()),
            format!("{}: cannot read folder: {error}", path.display()),
        ),
    }
}

/// Why the merge left a sheet out (worded once, in `i18n::reason`).
pub fn exclusion(lang: Lang, e: &Exclusion) -> String {
    e.message(lang)
}

/// Why a consensus sheet cannot be built from the draft.
pub fn consensus(lang: Lang, e: &ConsensusError) -> String {
    match (lang, e) {
        (Lang::En, e) => e.to_string(),
        (Lang::Zh, ConsensusError::NotAgreed(n, items)) => {
            format!("还有 {n} 个分歧条款未合议：{items}")
        }
        (Lang::Zh, ConsensusError::NoRationale(n, items)) => {
            format!("{n} 个分歧条款已确认但未写合议理由：{items}")
        }
        (Lang::Zh, ConsensusError::Stale) => {
            "合议草稿所依据的评分表与当前汇总不同，请重新开始合议".into()
        }
        (Lang::Zh, ConsensusError::NoSources) => "合议至少需要一份评分表".into(),
        (Lang::Zh, ConsensusError::UnknownItem(code)) => format!("条款 {code} 不在评价准则中"),
    }
}

/// Why a review cannot be exported.
pub fn build(lang: Lang, e: &BuildError) -> String {
    use BuildError as B;
    match lang {
        Lang::En => e.to_string(),
        Lang::Zh => match e {
            B::NoReview { applicant, stage } => format!("{applicant} 还没有{stage}评审"),
            B::Conflict { relationship } => {
                format!("已声明有利害关系（{relationship}）：评分已锁定，不能导出评分表")
            }
            B::Undeclared => "尚未作回避声明。请先声明，或加 --draft 导出草稿".into(),
            B::Incomplete {
                unscored,
                total,
                first,
            } => format!(
                "{total} 个条款中有 {unscored} 个尚未评分（如 {first}）。请评完，或加 --draft 导出草稿"
            ),
            B::WrongProgram {
                applicant,
                program,
                given,
            } => format!("申报对象 {applicant} 属于评奖办法 {program}，不是 {given}"),
            B::UnknownTrack { program, track } => {
                format!("评奖办法 {program} 中没有奖项类别 {track}")
            }
            B::WrongFramework { review, given } => {
                format!("评审所用准则为 {review}，与 {given} 不符")
            }
            B::UnknownItem(code) => format!("评审中有条款 {code}，但此版准则中没有"),
            B::OffStep {
                item,
                percent,
                step,
            } => format!("条款 {item}：{percent}% 不在 {step}% 的步长上"),
            B::NoBand { item, percent } => format!("条款 {item}：没有评分区间包含 {percent}%"),
            B::BadMeta => "内部错误：评分表编号或版本无效".into(),
            B::UnknownRequirement { item, label, known } => format!(
                "条款 {item}：一条评语引用了要求 {label:?}，该条款没有这一要求（只有 {known}）；请改正评语的要求标注"
            ),
        },
    }
}

/// A criteria file in the home folder that was skipped (the app goes on with what is valid).
pub fn skipped(lang: Lang, problem: &crate::program::catalog::Diagnostic) -> String {
    let label = super::pick(lang, "警告（已跳过）", "warning (skipped)");
    format!("{label}: {}", problem.render(lang))
}
