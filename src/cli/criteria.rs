//! `scorebook criteria`: list, show and check frameworks (评价准则) and award programmes (评奖办法).

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::Context;
use super::table;
use crate::framework::error::{DataError, JsonPath, Problem};
use crate::framework::load::{decode, format_tag, load_framework, parse};
use crate::framework::{FRAMEWORK_FORMAT, Framework, ItemKind, Status};
use crate::i18n::criteria as words;
use crate::lang::Lang;
use crate::program::catalog::{Catalog, Diagnostic, Loaded, Origin, read_capped};
use crate::program::load::load_program;
use crate::program::{ApplicantKind, PROGRAM_FORMAT, Program};

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
        /// Framework or programme files (JSON).
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

fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Loads the catalogue; problems with home files are warnings, never a stop.
fn catalog(ctx: &Context) -> Catalog {
    let (catalog, problems) = Catalog::load(&ctx.home);
    warn(ctx.lang, &problems);
    catalog
}

fn warn(lang: Lang, problems: &[Diagnostic]) {
    let label = tr(lang, "警告（已跳过）", "warning (skipped)");
    for p in problems {
        eprintln!("{label}: {}", p.render(lang));
    }
}

fn status(lang: Lang, s: Status) -> &'static str {
    match s {
        Status::Official => tr(lang, "正式", "official"),
        Status::Provisional => tr(lang, "暂定（未核实）", "PROVISIONAL (unverified)"),
    }
}

fn kind(lang: Lang, k: ItemKind) -> &'static str {
    match k {
        ItemKind::Process => tr(lang, "过程", "process"),
        ItemKind::Results => tr(lang, "结果", "results"),
    }
}

fn applicant(lang: Lang, k: ApplicantKind) -> &'static str {
    match k {
        ApplicantKind::Organisation => tr(lang, "组织", "organisation"),
        ApplicantKind::Individual => tr(lang, "个人", "individual"),
    }
}

fn origin(lang: Lang, o: &Origin) -> String {
    match o {
        Origin::Embedded(_) => tr(lang, "内置", "built-in").to_string(),
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
            tr(lang, "ID", "ID"),
            tr(lang, "名称", "Title"),
            tr(lang, "版本", "Edition"),
            tr(lang, "状态", "Status"),
            tr(lang, "条款", "Items"),
            tr(lang, "总分", "Points"),
            tr(lang, "哈希", "Hash"),
            tr(lang, "来源", "Origin"),
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
    println!("{}", tr(lang, "评价准则", "Frameworks"));
    print!("{}", table::render(&rows, "  "));
    if c.frameworks
        .iter()
        .any(|f| f.doc.status == Status::Provisional)
    {
        println!(
            "  {}",
            tr(
                lang,
                "暂定：结构和分值未经标准原文核实，详见 scorebook criteria show ID。",
                "PROVISIONAL: structure and points not verified against the standard; see scorebook criteria show ID."
            )
        );
    }

    let mut rows = vec![
        [
            tr(lang, "ID", "ID"),
            tr(lang, "名称", "Title"),
            tr(lang, "版本", "Edition"),
            tr(lang, "状态", "Status"),
            tr(lang, "类别", "Tracks"),
            tr(lang, "名额", "Quota"),
            tr(lang, "哈希", "Hash"),
            tr(lang, "来源", "Origin"),
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
            tr(
                lang,
                "正式（含暂定准则）",
                "official (uses a provisional framework)",
            )
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
    println!("{}", tr(lang, "评奖办法", "Award programmes"));
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
            print!("{}", framework_tree(lang, f));
        }
        return Ok(0);
    }
    if let Some(p) = c.program(id) {
        if json {
            println!("{}", serde_json::to_string_pretty(&p.doc)?);
        } else {
            print!("{}", program_tree(lang, p, &c));
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
        tr(lang, "找不到", "no framework or programme"),
        tr(lang, "可用", "known"),
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
    out += &match lang {
        Lang::Zh => format!(
            "id {} · 版本 {} · {} · 总分 {} · {} 个条款（过程 {}，结果 {}）· 步长 {}%\n",
            d.id,
            d.edition,
            words::standing(lang, d),
            d.total_points,
            d.item_count(),
            process,
            d.item_count() - process,
            d.percent_step
        ),
        Lang::En => format!(
            "id {} · edition {} · {} · {} points · {} items ({} process, {} results) · step {}%\n",
            d.id,
            d.edition,
            words::standing(lang, d),
            d.total_points,
            d.item_count(),
            process,
            d.item_count() - process,
            d.percent_step
        ),
    };
    out += &format!("{} {}\n", tr(lang, "哈希", "hash"), f.hash);
    out += &format!(
        "{} {}\n",
        tr(lang, "来源", "origin"),
        origin(lang, &f.origin)
    );
    if let Some(p) = &d.provenance {
        out += &format!("{}: {}\n", tr(lang, "出处", "provenance"), p.get(lang));
    }
    let points = tr(lang, "分", "pts");
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
                i.code.clone(),
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
    out += &format!("\n{}\n", tr(lang, "评价要素", "Evaluation factors"));
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
    out += &format!("\n{}\n", tr(lang, "评分区间", "Scoring bands"));
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
    out += &match lang {
        Lang::Zh => format!(
            "id {} · 版本 {} · 有效期 {period} · 每 {} 年评选一届\n",
            d.id, d.edition, d.round_years
        ),
        Lang::En => format!(
            "id {} · edition {} · in force {period} · a round every {} years\n",
            d.id, d.edition, d.round_years
        ),
    };
    out += &format!("{} {}\n", tr(lang, "哈希", "hash"), p.hash);
    out += &format!(
        "{} {}\n",
        tr(lang, "来源", "origin"),
        origin(lang, &p.origin)
    );

    out += &format!("\n{}\n", tr(lang, "奖项", "Awards"));
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

    out += &format!("\n{}\n", tr(lang, "类别与名额", "Tracks and quotas"));
    let mut rows = vec![
        [
            tr(lang, "ID", "ID"),
            tr(lang, "名称", "Title"),
            tr(lang, "申报主体", "Applicant"),
            tr(lang, "名额", "Quota"),
            tr(lang, "奖金（元）", "Prize (RMB)"),
            tr(lang, "评价准则", "Framework"),
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

    out += &format!("\n{}\n", tr(lang, "评审阶段", "Review stages"));
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
        tr(lang, "排序规则", "Ranking"),
        words::ranking_policy(lang, d.ranking_policy())
    );
    if let Some(r) = &d.ranking {
        out += &format!("  {}\n", r.source.get(lang));
    }
    for list in &d.eligibility {
        out += &format!(
            "\n{} ({})\n",
            tr(lang, "资格条件", "Eligibility"),
            applicant(lang, list.applicant_kind)
        );
        for cond in &list.conditions {
            out += &format!(
                "  [{}] {}  ({})\n",
                cond.id,
                cond.text.get(lang),
                cond.article
            );
        }
    }
    if !d.exclusions.is_empty() {
        out += &format!("\n{}\n", tr(lang, "不予受理", "Exclusions"));
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
}

/// What one checked file turned out to be.
enum Checked {
    Framework(Box<Framework>, String),
    Program(Box<Program>, String),
    Invalid(Vec<DataError>),
}

/// Decides whether a file is a framework or a programme: by its format tag, else by the
/// folder it sits in; `Err` when neither tells (with the parse error, if any).
fn kind_of(file: &str, path: &Path, text: &str) -> Result<Kind, DataError> {
    match format_tag(text).as_deref() {
        Some(FRAMEWORK_FORMAT) => return Ok(Kind::Framework),
        Some(PROGRAM_FORMAT) => return Ok(Kind::Program),
        _ => {}
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
                tr(lang, "通过", "ok"),
                match lang {
                    Lang::Zh => format!(
                        "评价准则 {}（{}，{}），{} 个条款，{} 分，哈希 {}",
                        d.id,
                        d.edition,
                        words::standing_short(lang, d),
                        d.item_count(),
                        d.total_points,
                        short(hash)
                    ),
                    Lang::En => format!(
                        "framework {} ({}, {}), {} items, {} points, hash {}",
                        d.id,
                        d.edition,
                        words::standing_short(lang, d),
                        d.item_count(),
                        d.total_points,
                        short(hash)
                    ),
                }
            ),
            Checked::Program(d, hash) => println!(
                "{}  {file}  {}",
                tr(lang, "通过", "ok"),
                match lang {
                    Lang::Zh => format!(
                        "评奖办法 {}（{}），{} 个类别，哈希 {}",
                        d.id,
                        d.edition,
                        d.tracks.len(),
                        short(hash)
                    ),
                    Lang::En => format!(
                        "programme {} ({}), {} tracks, hash {}",
                        d.id,
                        d.edition,
                        d.tracks.len(),
                        short(hash)
                    ),
                }
            ),
            Checked::Invalid(errors) => {
                failed += 1;
                println!(
                    "{}  {file}  {}",
                    tr(lang, "错误", "FAILED"),
                    match lang {
                        Lang::Zh => format!("{} 处错误", errors.len()),
                        Lang::En => format!("{} error(s)", errors.len()),
                    }
                );
                for e in errors {
                    eprintln!("{}", e.render(lang));
                }
            }
        }
    }
    Ok(if failed == 0 { 0 } else { 1 })
}
