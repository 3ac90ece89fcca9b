//! `scorebook export APPLICANT [--stage document|site] [-o FILE] [--draft] [--format json|html]`:
//! a signed score sheet, and with `--format html` also its printable A4 form (评分表).
//! The export itself is [`crate::service::export`], the same for the TUI.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::Context;
use crate::clock::System;
use crate::display::shown_block;
use crate::i18n::cli::{Msg, say};
use crate::review::Stage;
use crate::service::export::{ExportRequest, export_sheet, find_applicant};
use crate::workspace::Workspace;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The applicant: the short id shown in the app (e.g. 示例, A1) or its name.
    pub applicant: String,
    /// Which review to export (default: the applicant's current stage).
    #[arg(long, value_enum)]
    pub stage: Option<StageArg>,
    /// Output file or folder (default: <home>/sheets/, the file named
    /// <applicant>-<stage>-v<version>.sheet.json; with --format html, the HTML file, the signed
    /// sheet going beside it).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Export an incomplete review; the sheet is marked draft in what is signed.
    #[arg(long)]
    pub draft: bool,
    /// json: the signed sheet. html: also a printable A4 score sheet bound to its hash.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// Seal the signed sheet to the round's group leader (an age file, NAME.sheet.json.age),
    /// and to the award office when the round names its recipient: only their keys open it.
    #[arg(long)]
    pub seal: bool,
    /// The round file the applicant was imported from (whose leader a sealed sheet is for;
    /// default: the round as this home imported it).
    #[arg(long, value_name = "FILE")]
    pub round: Option<PathBuf>,
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

pub fn run(args: ExportArgs, ctx: &Context) -> anyhow::Result<i32> {
    let (ws, notices) = Workspace::open_read_only(&ctx.home);
    for n in notices {
        eprintln!("scorebook: {}", shown_block(&n.message(ctx.lang)));
    }
    for w in crate::identity::Identity::warnings(&ctx.home) {
        eprintln!("scorebook: {}", w.message(ctx.lang));
    }
    let lang = ctx.lang;
    let said = |e: crate::service::Error| anyhow::anyhow!(e.message(lang));
    let applicant = find_applicant(&ws, &args.applicant).map_err(said)?;
    if crate::service::export::exports_recusal(applicant) {
        // A round applicant with a declared relationship is not scored: its export is the
        // signed recusal record (回避声明), into <home>/sheets/ (or the folder -o names).
        let dir = match &args.output {
            Some(p) if p.is_dir() => p.clone(),
            _ => ctx.home.join("sheets"),
        };
        std::fs::create_dir_all(&dir).map_err(|source| {
            said(crate::service::Error::Write {
                path: dir.clone(),
                source,
            })
        })?;
        let catalog = super::catalog(ctx);
        let identity = crate::service::identity(&ctx.home).map_err(said)?;
        let done = crate::service::export::export_recusal(
            &ws,
            &catalog,
            &identity,
            &applicant.id,
            &dir,
            &System,
            &System,
        )
        .map_err(said)?;
        println!(
            "{}",
            crate::i18n::round_import::recusal_exported(
                lang,
                &applicant.id,
                &applicant.name,
                &done.path.display().to_string(),
                &done.hash
            )
        );
        return Ok(0);
    }
    let stage = args
        .stage
        .map(Stage::from)
        .unwrap_or_else(|| applicant.current_stage());
    let html = args.format == ExportFormat::Html;
    // Without -o the sheet goes where the app puts it and the README says: <home>/sheets/.
    let output = match args.output {
        Some(p) => p,
        None => {
            let dir = ctx.home.join("sheets");
            std::fs::create_dir_all(&dir).map_err(|source| {
                said(crate::service::Error::Write {
                    path: dir.clone(),
                    source,
                })
            })?;
            dir
        }
    };
    let catalog = super::catalog(ctx);
    let seal = match (&args.round, args.seal) {
        (Some(path), true) => {
            let loaded = crate::service::round::load(path, &catalog)
                .map_err(|e| anyhow::anyhow!(e.message(lang)))?;
            Some(
                crate::service::export::seal_for_round(&loaded.verified, applicant)
                    .map_err(said)?,
            )
        }
        // The round as this home imported it (kept beside the applicants).
        (None, true) => Some(
            crate::service::seal::seal_from_kept(&ws, applicant)
                .map_err(|u| anyhow::anyhow!(crate::i18n::seal::unavailable(lang, &u)))?,
        ),
        (_, false) => None,
    };
    let request = ExportRequest {
        applicant_id: applicant.id.clone(),
        stage,
        draft: args.draft,
        output: Some(output),
        html,
        seal,
    };
    // Site-visit issues still open are listed before signing; the export goes ahead (the sheet
    // records them as open), as the TUI lets the reviewer confirm.
    if stage == Stage::SiteReview
        && let Some(review) = applicant.review(stage)
        && let Some(fw) = catalog
            .framework_by_hash(&review.framework_hash)
            .or_else(|| catalog.framework(&review.framework))
    {
        for line in crate::i18n::site::open_issues_warning(lang, &review.open_issues(&fw.doc)) {
            eprintln!("scorebook: {line}");
        }
        // 守纪情况 (第二十二条) not recorded: said, not refused.
        if review.conduct.is_none() {
            let missing = crate::i18n::conduct::Word::Missing.text(lang);
            eprintln!("scorebook: {missing}");
        }
    }
    let identity = crate::service::identity(&ctx.home).map_err(said)?;
    let done =
        export_sheet(&ws, &catalog, &identity, &request, &System, &System, lang).map_err(said)?;
    let stage = stage.label(lang);
    let exported = if done.unchanged {
        Msg::ExportUnchanged {
            applicant: &applicant.id,
            name: &applicant.name,
            stage,
            version: done.version,
        }
    } else {
        Msg::Exported {
            draft: done.draft,
            applicant: &applicant.id,
            name: &applicant.name,
            stage,
            version: done.version,
            total: &done.total,
        }
    };
    println!("{}", say(lang, &exported));
    println!(
        "{}",
        say(lang, &Msg::ExportedFile(&done.sheet_path.display()))
    );
    if let Some(to) = &done.sealed_to {
        println!("{}", crate::i18n::seal::sealed_to(lang, to));
    }
    if let Some(h) = &done.html_path {
        println!("{}", say(lang, &Msg::ExportedPrintable(&h.display())));
    }
    println!("{}", say(lang, &Msg::ExportedHash(&done.hash)));
    if done.sealed_to.is_none() {
        super::key::notice_unprotected(ctx);
    }
    Ok(0)
}
