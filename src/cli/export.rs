//! `scorebook export APPLICANT [--stage document|site] [-o FILE] [--draft] [--format json|html]`:
//! a signed score sheet, and with `--format html` also its printable A4 form (评分表).
//! [`export_sheet`] is the same export for the TUI.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::{Args, ValueEnum};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::Context;
use crate::display::{Shown, shown_block};
use crate::framework::format_score;
use crate::identity::{Identity, write_atomic};
use crate::lang::Lang;
use crate::program::Catalog;
use crate::review::{Applicant, Stage};
use crate::sheet::{self, ReviewerRef, SheetMeta, VerifyError};
use crate::workspace::Workspace;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The applicant: the short id shown in the app (e.g. 示例, A1) or its name.
    pub applicant: String,
    /// Which review to export (default: the applicant's current stage).
    #[arg(long, value_enum)]
    pub stage: Option<StageArg>,
    /// Output file (default: <applicant>-<stage>-v<version>.sheet.json in the current folder;
    /// with --format html, the HTML file, the signed sheet going beside it).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Export an incomplete review; the sheet is marked draft in what is signed.
    #[arg(long)]
    pub draft: bool,
    /// json: the signed sheet. html: also a printable A4 score sheet bound to its hash.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StageArg {
    /// 资料评审
    Document,
    /// 现场评审
    Site,
}

impl From<StageArg> for Stage {
    fn from(s: StageArg) -> Stage {
        match s {
            StageArg::Document => Stage::DocumentReview,
            StageArg::Site => Stage::SiteReview,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Html,
}

/// What to export and where.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub applicant_id: String,
    pub stage: Stage,
    pub draft: bool,
    /// A file, or an existing folder to put the default-named file in; None: current folder.
    pub output: Option<PathBuf>,
    /// Also write the printable HTML sheet.
    pub html: bool,
}

/// What an export wrote.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The signed sheet.
    pub sheet_path: PathBuf,
    /// The printable sheet, when asked for.
    pub html_path: Option<PathBuf>,
    /// SHA-256 (hex) of the signed file.
    pub hash: String,
    pub version: u32,
    pub draft: bool,
    /// The total, exact, as a string.
    pub total: String,
}

/// The catalog the app runs with: embedded editions plus `<home>/criteria/`. Problems with
/// home files are reported on stderr; the app goes on with what is valid.
pub fn catalog(ctx: &Context) -> Catalog {
    let (catalog, problems) = Catalog::load(&ctx.home);
    for p in problems {
        eprintln!("scorebook: {}", shown_block(&p.render(ctx.lang)));
    }
    catalog
}

pub fn run(args: ExportArgs, ctx: &Context) -> anyhow::Result<i32> {
    let (ws, notices) = Workspace::open_read_only(&ctx.home);
    for n in notices {
        eprintln!("scorebook: {}", shown_block(&n.message(ctx.lang)));
    }
    let applicant = find_applicant(&ws, &args.applicant, ctx.lang)?;
    let stage = args
        .stage
        .map(Stage::from)
        .unwrap_or_else(|| applicant.current_stage());
    let html = args.format == ExportFormat::Html;
    let request = ExportRequest {
        applicant_id: applicant.id.clone(),
        stage,
        draft: args.draft,
        output: args.output,
        html,
    };
    let catalog = catalog(ctx);
    let done = export_sheet(ctx, &ws, &catalog, &request)?;
    let lang = ctx.lang;
    let draft = match (done.draft, lang) {
        (true, Lang::Zh) => "（草稿）",
        (true, Lang::En) => " (draft)",
        (false, _) => "",
    };
    match lang {
        Lang::Zh => {
            println!(
                "已导出签名评分表{draft}：{} {}，{}，第{}版，总分 {}",
                Shown(&applicant.id),
                Shown(&applicant.name),
                stage.label(lang),
                done.version,
                done.total
            );
            println!("  文件：{}", done.sheet_path.display());
            if let Some(h) = &done.html_path {
                println!("  打印版：{}", h.display());
            }
            println!("  SHA-256：{}", done.hash);
        }
        Lang::En => {
            println!(
                "Exported signed score sheet{draft}: {} {}, {}, version {}, total {}",
                Shown(&applicant.id),
                Shown(&applicant.name),
                stage.label(lang),
                done.version,
                done.total
            );
            println!("  file: {}", done.sheet_path.display());
            if let Some(h) = &done.html_path {
                println!("  printable: {}", h.display());
            }
            println!("  SHA-256: {}", done.hash);
        }
    }
    Ok(0)
}

/// The applicant named on the command line: by id first, then by exact name.
pub fn find_applicant<'w>(
    ws: &'w Workspace,
    wanted: &str,
    lang: Lang,
) -> anyhow::Result<&'w Applicant> {
    let wanted = wanted.trim();
    if let Some(a) = ws.applicant(wanted) {
        return Ok(a);
    }
    let by_name: Vec<&Applicant> = ws
        .applicants()
        .iter()
        .filter(|a| a.name == wanted)
        .collect();
    match by_name.as_slice() {
        [one] => Ok(one),
        [] => {
            let known: Vec<String> = ws
                .applicants()
                .iter()
                .map(|a| format!("{} {}", a.id, a.name))
                .collect();
            let known = if known.is_empty() {
                match lang {
                    Lang::Zh => "（工作区中还没有申报者）".to_string(),
                    Lang::En => "(the workspace has no applicants yet)".to_string(),
                }
            } else {
                known.join(", ")
            };
            // The README's tour exports the demo; it only exists once the app has been opened.
            let is_demo = crate::review::demo::DemoData::embedded()
                .is_ok_and(|d| d.id == wanted || d.name == wanted);
            if is_demo {
                match lang {
                    Lang::Zh => bail!(
                        "示例申报单位 “{wanted}” 在第一次打开软件时创建，此工作区中还没有。请先运行一次 `scorebook`（或 `cargo run --release`，用同一个 --home），然后再导出"
                    ),
                    Lang::En => bail!(
                        "the demo applicant '{wanted}' is created the first time the app is opened, and this workspace has none yet. Run `scorebook` (or `cargo run --release`, with the same --home) once, then export"
                    ),
                }
            }
            match lang {
                Lang::Zh => bail!("没有申报者 “{wanted}”。现有：{known}"),
                Lang::En => bail!("no applicant '{wanted}'. Known: {known}"),
            }
        }
        _ => match lang {
            Lang::Zh => bail!("有多个申报者名为 “{wanted}”，请用编号"),
            Lang::En => bail!("several applicants are named '{wanted}'; use the id"),
        },
    }
}

/// Builds, signs, checks and writes one sheet; issues its version number only once the review
/// is known to export, so a refused export does not use up a version.
pub fn export_sheet(
    ctx: &Context,
    ws: &Workspace,
    catalog: &Catalog,
    request: &ExportRequest,
) -> anyhow::Result<Exported> {
    let lang = ctx.lang;
    let Some(identity) = Identity::load(&ctx.home)? else {
        bail!("{}", super::key::no_key(lang));
    };
    let applicant = ws
        .applicant(&request.applicant_id)
        .with_context(|| match lang {
            Lang::Zh => format!("没有申报者 “{}”", request.applicant_id),
            Lang::En => format!("no applicant '{}'", request.applicant_id),
        })?;
    let stage = request.stage;
    let Some(review) = applicant.review(stage) else {
        match lang {
            Lang::Zh => bail!("{} 还没有开始{}", applicant.id, stage.label(lang)),
            Lang::En => bail!("{} has no {} yet", applicant.id, stage.label(lang)),
        }
    };
    let framework = catalog
        .framework_by_hash(&review.framework_hash)
        .or_else(|| catalog.framework(&review.framework))
        .with_context(|| match lang {
            Lang::Zh => format!("找不到评分所用的评价准则 {}", review.framework),
            Lang::En => format!(
                "the framework {} this review was scored on is not available",
                review.framework
            ),
        })?;
    let program = catalog
        .program(&applicant.program)
        .with_context(|| match lang {
            Lang::Zh => format!("找不到评奖办法 {}", applicant.program),
            Lang::En => format!("the award programme {} is not available", applicant.program),
        })?;

    let mut meta = SheetMeta {
        reviewer: ReviewerRef {
            name: identity.name().to_string(),
            public_key: identity.public_info().public_key,
        },
        version: 1,
        sheet_id: random_id()?,
        created_at: now_rfc3339(),
        draft: request.draft,
    };
    // Build once to learn whether the review can be exported at all.
    sheet::build(applicant, stage, framework, program, meta.clone())
        .map_err(|e| anyhow::anyhow!(build_message(lang, &e)))?;
    meta.version = ws
        .next_export_version(&applicant.id, stage)
        .map_err(|e| anyhow::anyhow!(e.message(lang)))?;
    let built = sheet::build(applicant, stage, framework, program, meta)
        .map_err(|e| anyhow::anyhow!(build_message(lang, &e)))?;
    let bytes = sheet::sign_sheet(&built, identity.signing_key())?;

    // Never hand out a file this build would not accept.
    let hash = match sheet::verify_sheet(&bytes, catalog, None) {
        Ok(ok) => ok.envelope.hash,
        Err(VerifyError::Draft) if built.draft => sheet::document_hash(&bytes),
        Err(e) => bail!("internal error: the exported sheet does not verify: {e}"),
    };

    let default_name = file_name(&applicant.id, stage, built.version, built.draft);
    let (sheet_path, html_path) = match (&request.output, request.html) {
        (Some(p), false) if p.is_dir() => (p.join(&default_name), None),
        (Some(p), false) => (p.clone(), None),
        (Some(p), true) if p.is_dir() => {
            let s = p.join(&default_name);
            let h = s.with_extension("").with_extension("html");
            (s, Some(h))
        }
        (Some(p), true) => {
            let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
            (dir.join(&default_name), Some(p.clone()))
        }
        (None, html) => {
            let s = PathBuf::from(&default_name);
            let h = html.then(|| s.with_extension("").with_extension("html"));
            (s, h)
        }
    };
    let explicit = request.output.as_ref().is_some_and(|p| !p.is_dir()) && !request.html;
    write_atomic(&sheet_path, &bytes, Some(0o644), explicit).map_err(|e| {
        anyhow::anyhow!(match (lang, e.kind()) {
            (Lang::Zh, std::io::ErrorKind::AlreadyExists) =>
                format!("{} 已存在，未覆盖", sheet_path.display()),
            (Lang::En, std::io::ErrorKind::AlreadyExists) =>
                format!("{} already exists; not overwritten", sheet_path.display()),
            (Lang::Zh, _) => format!("无法写入 {}：{e}", sheet_path.display()),
            (Lang::En, _) => format!("cannot write {}: {e}", sheet_path.display()),
        })
    })?;
    if let Some(h) = &html_path {
        let page = crate::report::sheet_html::render(&built, &framework.doc, program, &hash, lang);
        write_atomic(h, page.as_bytes(), Some(0o644), true)
            .with_context(|| format!("{}", h.display()))?;
    }
    Ok(Exported {
        sheet_path,
        html_path,
        hash,
        version: built.version,
        draft: built.draft,
        total: format_score(built.total),
    })
}

/// `<applicant>-<stage>-v<version>[-draft].sheet.json`, with characters that are unsafe in a
/// file name replaced.
pub fn file_name(applicant_id: &str, stage: Stage, version: u32, draft: bool) -> String {
    let safe: String = applicant_id
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let draft = if draft { "-draft" } else { "" };
    format!("{safe}-{}-v{version}{draft}.sheet.json", stage.cli_name())
}

fn random_id() -> anyhow::Result<String> {
    let mut id = [0u8; 16];
    getrandom::fill(&mut id).map_err(|e| anyhow::anyhow!("random number generator: {e}"))?;
    Ok(hex::encode(id))
}

fn now_rfc3339() -> String {
    let now = OffsetDateTime::now_local().unwrap_or_else(|_| OffsetDateTime::now_utc());
    let now = now.replace_nanosecond(0).unwrap_or(now);
    now.format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string())
}

/// Why a review cannot be exported, in the interface language.
pub fn build_message(lang: Lang, e: &sheet::BuildError) -> String {
    use sheet::BuildError as B;
    match lang {
        Lang::En => e.to_string(),
        Lang::Zh => match e {
            B::NoReview { applicant, stage } => format!("{applicant} 还没有{stage}评审"),
            B::Conflict { relationship } => {
                format!("已声明利益冲突（{relationship}）：评分已锁定，不能导出评分表")
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
            } => format!("申报者 {applicant} 属于评奖办法 {program}，不是 {given}"),
            B::UnknownTrack { program, track } => format!("评奖办法 {program} 中没有类别 {track}"),
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
