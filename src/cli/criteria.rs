//! `scorebook criteria`: list, show and check frameworks (评价准则) and award programmes (评奖办法).

use crate::i18n::cli::{Label as L, Msg, label, say};
use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::table;
use super::{Context, catalog};
use crate::display::shown_block;
use crate::framework::error::{DataError, JsonPath, Problem};
use crate::framework::load::{decode, format_tag, load_framework, parse};
use crate::framework::{FRAMEWORK_FORMAT, Framework, ItemKind, Status};
use crate::i18n::criteria as words;
use crate::lang::Lang;
use crate::program::catalog::{Catalog, Loaded, Origin, read_capped};
use crate::program::load::load_program;
use crate::program::{ApplicantKind, PROGRAM_FORMAT, Program};
use crate::review::CommentRules;
use crate::review::comment_check::{COMMENT_CHECK_FILE, COMMENT_CHECK_FORMAT};

#[derive(Debug, Subcommand)]
pub enum CriteriaCommand {
    /// List the frameworks and award programmes, embedded and from the home folder.
    List,
    /// Show a framework's categories and items, or a programme's tracks, stages and eligibility.
    Show {
        /// Framework or programme id, e.g. gbt19580-2012 or jinshan-2023.
        id: String,
        /// Print the full loaded document as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check criteria files; exit 1 and list every error if any is invalid.
    Check {
        /// Framework, programme or comment-check word-list files (JSON).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

pub fn run(command: CriteriaCommand, ctx: &Context) -> anyhow::Result<i32> {
    match command {
        CriteriaCommand::List => list(ctx),
        CriteriaCommand::Show { id, json } => show(ctx, &id, json),
        CriteriaCommand::Check { files } => check(ctx, &files),
    }
}

fn status(lang: Lang, s: Status) -> &'static str {
    match s {
        Status::Official => label(lang, L::Official),
        Status::Provisional => label(lang, L::ProvisionalUnverified),
    }
}

fn kind(lang: Lang, k: ItemKind) -> &'static str {
    match k {
        ItemKind::Process => label(lang, L::Process),
        ItemKind::Results => label(lang, L::Results),
    }
}

fn applicant(lang: Lang, k: ApplicantKind) -> &'static str {
    match k {
        ApplicantKind::Organisation => label(lang, L::Organisation),
        ApplicantKind::Individual => label(lang, L::Individual),
    }
}

fn origin(lang: Lang, o: &Origin) -> String {
    match o {
        Origin::Embedded(_) => label(lang, L::BuiltIn).to_string(),
        Origin::File(p) => p.display().to_string(),
    }
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

fn list(ctx: &Context) -> anyhow::Result<i32> {
    let lang = ctx.lang;
    let c = catalog(ctx);
    let mut rows = vec![
        [
            label(lang, L::Id),
            label(lang, L::Title),
            label(lang, L::Edition),
            label(lang, L::Status),
            label(lang, L::Items),
            label(lang, L::Points),
            label(lang, L::HashHeader),
            label(lang, L::OriginHeader),
        ]
        .map(String::from)
        .to_vec(),
    ];
    for f in &c.frameworks {
        let d = &f.doc;
        rows.push(vec![
            d.id.clone(),
            d.title.get(lang).to_string(),
            d.edition.clone(),
            words::standing_short(lang, d).to_string(),
            d.item_count().to_string(),
            d.total_points.to_string(),
            short(&f.hash).to_string(),
            origin(lang, &f.origin),
        ]);
    }
    println!("{}", label(lang, L::Frameworks));
    print!("{}", table::render(&rows, "  "));
    if c.frameworks
        .iter()
        .any(|f| f.doc.status == Status::Provisional)
    {
        println!("  {}", label(lang, L::ProvisionalNote));
    }

    let mut rows = vec![
        [
            label(lang, L::Id),
            label(lang, L::Title),
            label(lang, L::Edition),
            label(lang, L::Status),
            label(lang, L::Tracks),
            label(lang, L::Quota),
            label(lang, L::HashHeader),
            label(lang, L::OriginHeader),
        ]
        .map(String::from)
        .to_vec(),
    ];
    for p in &c.programs {
        let d = &p.doc;
        let provisional = d.tracks.iter().any(|t| {
            c.framework(&t.framework)
                .is_some_and(|f| f.doc.status == Status::Provisional)
        });
        let state = if provisional {
            label(lang, L::OfficialOnProvisional)
        } else {
            status(lang, Status::Official)
        };
        rows.push(vec![
            d.id.clone(),
            d.title.get(lang).to_string(),
            d.edition.clone(),
            state.to_string(),
            d.tracks.len().to_string(),
            d.tracks.iter().map(|t| t.quota).sum::<i64>().to_string(),
            short(&p.hash).to_string(),
            origin(lang, &p.origin),
        ]);
    }
    println!();
    println!("{}", label(lang, L::Programmes));
    print!("{}", table::render(&rows, "  "));
    Ok(0)
}

fn show(ctx: &Context, id: &str, json: bool) -> anyhow::Result<i32> {
    let lang = ctx.lang;
    let c = catalog(ctx);
    if let Some(f) = c.framework(id) {
        if json {
            println!("{}", serde_json::to_string_pretty(&f.doc)?);
        } else {
            print!("{}", shown_block(&framework_tree(lang, f)));
        }
        return Ok(0);
    }
    if let Some(p) = c.program(id) {
        if json {
            println!("{}", serde_json::to_string_pretty(&p.doc)?);
        } else {
            print!("{}", shown_block(&program_tree(lang, p, &c)));
        }
        return Ok(0);
    }
    let known: Vec<&str> = c
        .frameworks
        .iter()
        .map(|f| f.doc.id.as_str())
        .chain(c.programs.iter().map(|p| p.doc.id.as_str()))
        .collect();
    eprintln!(
        "{} {id:?}; {}: {}",
        label(lang, L::NotFound),
        label(lang, L::Known),
        known.join(", ")
    );
    Ok(2)
}

fn framework_tree(lang: Lang, f: &Loaded<Framework>) -> String {
    let d = &f.doc;
    let mut out = String::new();
    let process = d
        .items()
        .filter(|(_, i)| i.kind == ItemKind::Process)
        .count();
    out += &format!("{}  {}\n", d.standard, d.title.get(lang));
    let standing = words::standing(lang, d);
    out += &say(
        lang,
        &Msg::FrameworkSummary {
            id: &d.id,
            edition: &d.edition,
            status: &standing,
            points: d.total_points,
            items: d.item_count(),
            process,
            step: d.percent_step,
        },
    );
    out.push('\n');
    out += &format!("{} {}\n", label(lang, L::Hash), f.hash);
    out += &format!("{} {}\n", label(lang, L::Origin), origin(lang, &f.origin));
    if let Some(p) = &d.provenance {
        out += &format!("{}: {}\n", label(lang, L::Provenance), p.get(lang));
    }
    let points = label(lang, L::Pts);
    for c in &d.categories {
        out += &format!(
            "\n{} {}  {} {points}\n",
            c.code,
            c.title.get(lang),
            c.points
        );
        let mut rows = Vec::new();
        for i in &c.items {
            rows.push(vec![
                i.code.to_string(),
                i.title.get(lang).to_string(),
                format!("{} {points}", i.points),
                kind(lang, i.kind).to_string(),
            ]);
        }
        // Each item's line, then its requirement points beneath it.
        for (line, i) in table::render(&rows, "  ").lines().zip(&c.items) {
            out += line;
            out += "\n";
            if !i.requirements.is_empty() {
                let tags: Vec<String> = i
                    .requirements
                    .iter()
                    .map(|r| format!("{}) {}", r.label, r.tag.get(lang)))
                    .collect();
                out += &format!("      {}\n", tags.join("  "));
            }
        }
    }
    out += &format!("\n{}\n", label(lang, L::EvaluationFactors));
    for (k, list) in [
        (ItemKind::Process, &d.factors.process),
        (ItemKind::Results, &d.factors.results),
    ] {
        let names: Vec<String> = list
            .iter()
            .map(|f| format!("{} {}", f.code, f.name.get(lang)))
            .collect();
        out += &format!("  {}: {}\n", kind(lang, k), names.join(" · "));
    }
    out += &format!("\n{}\n", label(lang, L::ScoringBands));
    for b in &d.bands {
        out += &format!("  {}–{}%\n", b.min, b.max);
        out += &format!(
            "      {}: {}\n",
            kind(lang, ItemKind::Process),
            b.process.get(lang)
        );
        out += &format!(
            "      {}: {}\n",
            kind(lang, ItemKind::Results),
            b.results.get(lang)
        );
    }
    out
}

fn program_tree(lang: Lang, p: &Loaded<Program>, c: &Catalog) -> String {
    let d = &p.doc;
    let mut out = String::new();
    out += &format!("{}  ({})\n", d.title.get(lang), d.source);
    let period = match (&d.valid_from, &d.valid_to) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        (Some(a), None) => format!("{a} –"),
        (None, Some(b)) => format!("– {b}"),
        (None, None) => "–".into(),
    };
    out += &say(
        lang,
        &Msg::ProgramSummary {
            id: &d.id,
            edition: &d.edition,
            period: &period,
            round_years: d.round_years,
        },
    );
    out.push('\n');
    out += &format!("{} {}\n", label(lang, L::Hash), p.hash);
    out += &format!("{} {}\n", label(lang, L::Origin), origin(lang, &p.origin));

    out += &format!("\n{}\n", label(lang, L::Awards));
    let rows: Vec<Vec<String>> = d
        .awards
        .iter()
        .map(|a| {
            vec![
                a.rank.to_string(),
                a.id.clone(),
                a.title.get(lang).to_string(),
            ]
        })
        .collect();
    out += &table::render(&rows, "  ");

    out += &format!("\n{}\n", label(lang, L::TracksAndQuotas));
    let mut rows = vec![
        [
            label(lang, L::Id),
            label(lang, L::Title),
            label(lang, L::ApplicantKind),
            label(lang, L::Quota),
            label(lang, L::Prize),
            label(lang, L::Framework),
        ]
        .map(String::from)
        .to_vec(),
    ];
    for t in &d.tracks {
        let framework = match c.framework(&t.framework) {
            Some(f) if f.doc.status == Status::Provisional => {
                format!("{} [{}]", t.framework, status(lang, Status::Provisional))
            }
            _ => t.framework.clone(),
        };
        rows.push(vec![
            t.id.clone(),
            t.title.get(lang).to_string(),
            applicant(lang, t.applicant_kind).to_string(),
            t.quota.to_string(),
            t.prize_rmb.map_or_else(|| "–".into(), |p| p.to_string()),
            framework,
        ]);
    }
    out += &table::render(&rows, "  ");

    out += &format!("\n{}\n", label(lang, L::ReviewStages));
    for (n, s) in d.stages.iter().enumerate() {
        out += &format!(
            "  {}. {} [{}]: {}\n",
            n + 1,
            s.title.get(lang),
            words::stage_owner(lang, s.owner()),
            s.description.get(lang)
        );
    }
    out += &format!(
        "\n{}: {}\n",
        label(lang, L::RankingRule),
        words::ranking_policy(lang, d.ranking_policy())
    );
    if let Some(r) = &d.ranking {
        out += &format!("  {}\n", r.source.get(lang));
    }
    for list in &d.eligibility {
        out += &format!(
            "\n{} ({})\n",
            label(lang, L::Eligibility),
            applicant(lang, list.applicant_kind)
        );
        for cond in &list.conditions {
            out += &format!(
                "  [{}] {}  ({})\n",
                cond.id,
                cond.text.get(lang),
                cond.article
            );
            if let Some(a) = &cond.applies_if {
                out += &format!("      {}: {}\n", label(lang, L::AppliesIf), a.get(lang));
            }
            if let Some(n) = &cond.note {
                out += &format!("      {}: {}\n", label(lang, L::ConditionNote), n.get(lang));
            }
        }
    }
    if !d.exclusions.is_empty() {
        out += &format!("\n{}\n", label(lang, L::Exclusions));
        for cond in &d.exclusions {
            out += &format!(
                "  [{}] {}  ({})\n",
                cond.id,
                cond.text.get(lang),
                cond.article
            );
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Framework,
    Program,
    /// The comment check's word lists (`comment-check.json`).
    CommentCheck,
}

/// What one checked file turned out to be.
enum Checked {
    Framework(Box<Framework>, String),
    Program(Box<Program>, String),
    CommentCheck(Box<CommentRules>),
    Invalid(Vec<DataError>),
}

/// Decides whether a file is a framework or a programme: by its format tag, else by the
/// folder it sits in; `Err` when neither tells (with the parse error, if any).
fn kind_of(file: &str, path: &Path, text: &str) -> Result<Kind, DataError> {
    match format_tag(text).as_deref() {
        Some(FRAMEWORK_FORMAT) => return Ok(Kind::Framework),
        Some(PROGRAM_FORMAT) => return Ok(Kind::Program),
        Some(COMMENT_CHECK_FORMAT) => return Ok(Kind::CommentCheck),
        _ => {}
    }
    if path.file_name().is_some_and(|n| n == COMMENT_CHECK_FILE) {
        return Ok(Kind::CommentCheck);
    }
    let folder = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().to_string());
    match folder.as_deref() {
        Some("frameworks") => return Ok(Kind::Framework),
        Some("programs") => return Ok(Kind::Program),
        _ => {}
    }
    parse::<serde_json::Value>(file, text)?;
    let tag = JsonPath::root().key("format");
    let line = crate::framework::locate::line_of(text, &tag);
    Err(match format_tag(text) {
        None => DataError::new(file, Some(1), JsonPath::root(), Problem::NoFormatTag),
        Some(found) => DataError::new(file, line, tag, Problem::UnknownFormat(found)),
    })
}

/// A file that decoded, with what it claims to be and its text.
type Readable = (Kind, String);

fn check(ctx: &Context, files: &[PathBuf]) -> anyhow::Result<i32> {
    let lang = ctx.lang;
    let c = catalog(ctx);
    // Read and sort the files first: programmes may name frameworks checked alongside them.
    let mut read: Vec<(String, Result<Readable, DataError>)> = Vec::new();
    for path in files {
        let file = path.display().to_string();
        let r = read_capped(path, &file).and_then(|bytes| {
            let text = decode(&file, &bytes)?.to_string();
            let kind = kind_of(&file, path, &text)?;
            Ok((kind, text))
        });
        read.push((file, r));
    }
    let mut results: Vec<(String, Checked)> = Vec::new();
    let mut ids: Vec<String> = c.frameworks.iter().map(|f| f.doc.id.clone()).collect();
    for (file, r) in &read {
        let checked = match r {
            Err(e) => Checked::Invalid(vec![e.clone()]),
            Ok((Kind::Framework, text)) => match load_framework(file, text.as_bytes()) {
                Ok((doc, hash)) => {
                    ids.push(doc.id.clone());
                    Checked::Framework(Box::new(doc), hash)
                }
                Err(e) => Checked::Invalid(e),
            },
            Ok((Kind::CommentCheck, text)) => match CommentRules::load(file, text.as_bytes()) {
                Ok(rules) => Checked::CommentCheck(Box::new(rules)),
                Err(e) => Checked::Invalid(e),
            },
            Ok((Kind::Program, _)) => continue,
        };
        results.push((file.clone(), checked));
    }
    let exists = |id: &str| ids.iter().any(|k| k == id);
    for (file, r) in &read {
        if let Ok((Kind::Program, text)) = r {
            let checked = match load_program(file, text.as_bytes(), &exists) {
                Ok((doc, hash)) => Checked::Program(Box::new(doc), hash),
                Err(e) => Checked::Invalid(e),
            };
            results.push((file.clone(), checked));
        }
    }
    // Report in the order the files were given.
    results.sort_by_key(|(file, _)| read.iter().position(|(f, _)| f == file));

    let mut failed = 0;
    for (file, checked) in &results {
        match checked {
            Checked::Framework(d, hash) => println!(
                "{}  {file}  {}",
                label(lang, L::Ok),
                say(
                    lang,
                    &Msg::FrameworkChecked {
                        id: &d.id,
                        edition: &d.edition,
                        status: words::standing_short(lang, d),
                        items: d.item_count(),
                        points: d.total_points,
                        hash: short(hash),
                    }
                )
            ),
            Checked::Program(d, hash) => println!(
                "{}  {file}  {}",
                label(lang, L::Ok),
                say(
                    lang,
                    &Msg::ProgramChecked {
                        id: &d.id,
                        edition: &d.edition,
                        tracks: d.tracks.len(),
                        hash: short(hash),
                    }
                )
            ),
            Checked::CommentCheck(r) => println!(
                "{}  {file}  {}",
                label(lang, L::Ok),
                say(
                    lang,
                    &Msg::CommentCheckChecked {
                        prescriptive: r.prescriptive.len(),
                        verdict: r.verdict.len(),
                        exceptions: r.exceptions.len(),
                        evidence: r.evidence_patterns.len(),
                    }
                )
            ),
            Checked::Invalid(errors) => {
                failed += 1;
                println!(
                    "{}  {file}  {}",
                    label(lang, L::Failed),
                    say(lang, &Msg::ErrorCount(errors.len()))
                );
                for e in errors {
                    eprintln!("{}", shown_block(&e.render(lang)));
                }
            }
        }
    }
    Ok(if failed == 0 { 0 } else { 1 })
}
