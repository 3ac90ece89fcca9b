//! `scorebook merge --roster ROSTER SHEETS_OR_FOLDERS… -o OUT_DIR`: verify a panel's sheets,
//! compute the statistics and ranking, write the merge folder and print a summary.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::{Args, ValueEnum};
use rust_decimal::Decimal;

use super::Context;
use super::panel_dir::{
    self, PANEL_FILE, ROSTER_FILE, SHEETS_DIR, catalog, load_roster_in, now, sheet_copy_path, tr,
};
use crate::display::{Shown, shown};
use crate::framework::score::format_score;
use crate::identity::write_atomic;
use crate::lang::Lang;
use crate::panel::{
    Checked, Exclusion, MergeOptions, Method, PanelResult, RankEntry, check, file_hash,
    merge_checked,
};
use crate::program::Catalog;
use crate::program::Program;
use crate::sheet::MAX_DOCUMENT_BYTES;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MethodArg {
    /// The agreed percents where a consensus sheet gives them, else the median.
    Consensus,
    Mean,
    Median,
    /// Drop one highest and one lowest when n ≥ 5.
    TrimmedMean,
}

impl From<MethodArg> for Method {
    fn from(m: MethodArg) -> Method {
        match m {
            MethodArg::Consensus => Method::Consensus,
            MethodArg::Mean => Method::Mean,
            MethodArg::Median => Method::Median,
            MethodArg::TrimmedMean => Method::TrimmedMean,
        }
    }
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The signed panel roster (scorebook roster new/add).
    #[arg(long, value_name = "ROSTER")]
    pub roster: PathBuf,
    /// Sheet files and folders of sheets (searched recursively).
    #[arg(required = true, value_name = "SHEETS_OR_FOLDERS")]
    pub inputs: Vec<PathBuf>,
    /// The merge folder to write (panel.json, reports, copies of the sheets used).
    #[arg(short = 'o', long = "output", value_name = "OUT_DIR")]
    pub output: PathBuf,
    #[arg(long, value_enum, default_value = "consensus")]
    pub method: MethodArg,
    /// Spread in percentage points at which an item is divergent.
    #[arg(long, default_value_t = crate::panel::stats::DEFAULT_THRESHOLD)]
    pub threshold: u8,
    /// Count sheets exported with --draft.
    #[arg(long)]
    pub include_drafts: bool,
    /// A total below this never takes an award place (第三条).
    #[arg(long, value_name = "N")]
    pub min_total: Option<Decimal>,
}

/// Files the merge itself writes: skipped when a folder being searched holds the output folder.
const OUTPUT_NAMES: &[&str] = &[
    PANEL_FILE,
    ROSTER_FILE,
    panel_dir::DRAFT_FILE,
    "scores.csv",
    "scores.xlsx",
    "report.html",
];

/// Every file named or found under the inputs, sorted, with notes on empty or missing ones.
pub fn collect(inputs: &[PathBuf], out_dir: &Path, lang: Lang) -> (Vec<PathBuf>, Vec<String>) {
    let out = fs::canonicalize(out_dir).ok();
    let mut files = BTreeSet::new();
    let mut notes = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let before = files.len();
            walk(input, out.as_deref(), &mut files, &mut notes, lang);
            if files.len() == before {
                notes.push(match lang {
                    Lang::Zh => format!("{}：文件夹中没有文件", input.display()),
                    Lang::En => format!("{}: folder has no files", input.display()),
                });
            }
        } else if input.exists() {
            files.insert(input.clone());
        } else {
            notes.push(match lang {
                Lang::Zh => format!("{}：没有这个文件或文件夹", input.display()),
                Lang::En => format!("{}: no such file or folder", input.display()),
            });
        }
    }
    (files.into_iter().collect(), notes)
}

fn walk(
    dir: &Path,
    out: Option<&Path>,
    files: &mut BTreeSet<PathBuf>,
    notes: &mut Vec<String>,
    lang: Lang,
) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            notes.push(match lang {
                Lang::Zh => format!("{}：无法读取文件夹：{e}", dir.display()),
                Lang::En => format!("{}: cannot read folder: {e}", dir.display()),
            });
            return;
        }
    };
    let canonical = fs::canonicalize(dir).ok();
    let in_out = out.is_some() && canonical.as_deref() == out;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let output = name == SHEETS_DIR
            || OUTPUT_NAMES.contains(&name.as_str())
            || (name.starts_with("feedback-") && name.ends_with(".html"));
        if in_out && output {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, out, files, notes, lang);
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            files.insert(path);
        }
    }
}

/// Reads and checks one file; a file too large or unreadable is listed, never fatal.
pub fn read_checked(path: &Path, catalog: &Catalog) -> Checked {
    let shown = path.display().to_string();
    let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_DOCUMENT_BYTES as u64 {
        return Checked {
            path: shown,
            hash: String::new(),
            outcome: Err(Exclusion::NotASheet {
                detail: format!("{size} bytes: larger than any sheet ({MAX_DOCUMENT_BYTES})"),
                code: Some("too-large".into()),
                detail_zh: Some(format!(
                    "{size} 字节，超过评分表的上限（{MAX_DOCUMENT_BYTES} 字节）"
                )),
            }),
        };
    }
    match fs::read(path) {
        Ok(bytes) => check(shown, &bytes, catalog),
        Err(e) => Checked {
            path: shown,
            hash: file_hash(b""),
            outcome: Err(Exclusion::Invalid {
                detail: format!("cannot read: {e}"),
                code: None,
                detail_zh: Some(format!("无法读取：{e}")),
            }),
        },
    }
}

pub fn run(args: MergeArgs, ctx: &Context) -> anyhow::Result<i32> {
    let lang = ctx.lang;
    let catalog = catalog(ctx);
    let roster_bytes = fs::read(&args.roster).with_context(|| match lang {
        Lang::Zh => format!("无法读取 {}", args.roster.display()),
        Lang::En => format!("cannot read {}", args.roster.display()),
    })?;
    let verified = load_roster_in(&args.roster, lang)?;
    let roster = verified.roster;
    if catalog.program(&roster.program).is_none() {
        match lang {
            Lang::Zh => bail!(
                "{}：评奖办法“{}”不在本机的准则目录中",
                args.roster.display(),
                roster.program
            ),
            Lang::En => bail!(
                "{}: programme '{}' is not in the catalogue",
                args.roster.display(),
                roster.program
            ),
        }
    }
    let (files, notes) = collect(&args.inputs, &args.output, lang);
    for n in &notes {
        eprintln!("{}{n}", tr(lang, "注意：", "note: "));
    }
    if files.is_empty() {
        bail!(
            "{}",
            tr(
                lang,
                "没有找到任何文件，未写出结果",
                "no files found in the inputs; nothing written"
            )
        );
    }
    let opts = MergeOptions {
        method: args.method.into(),
        threshold: args.threshold,
        include_drafts: args.include_drafts,
        min_total: args.min_total,
        created_at: now(),
    };
    let result = merge_checked(
        files.iter().map(|p| read_checked(p, &catalog)),
        &roster,
        &catalog,
        &opts,
    );
    write_out(&args.output, &result, &roster_bytes)?;
    let reports = crate::report::write_all(&result, &catalog, &args.output).context(tr(
        lang,
        "panel.json 已写出，但报告未能写出",
        "panel.json is written, but the reports could not be",
    ))?;
    print!(
        "{}",
        summary(
            &result,
            catalog.program(&result.program).map(|p| &p.doc),
            lang
        )
    );
    println!(
        "{} {}",
        tr(lang, "结果已写入", "written to"),
        args.output.join(PANEL_FILE).display()
    );
    for p in reports {
        println!("  {}", p.display());
    }
    Ok(0)
}

/// Writes panel.json, the roster copy and the copies of the sheets used, each atomically.
pub fn write_out(dir: &Path, result: &PanelResult, roster_bytes: &[u8]) -> anyhow::Result<()> {
    fs::create_dir_all(dir.join(SHEETS_DIR))
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let used: BTreeSet<&str> = result
        .results
        .iter()
        .flat_map(|r| r.sources.iter().chain(r.consensus_sheet.iter()))
        .map(String::as_str)
        .collect();
    for input in &result.inputs {
        if !used.contains(input.hash.as_str()) {
            continue;
        }
        let target = sheet_copy_path(dir, &input.hash);
        if target.exists() {
            continue;
        }
        let bytes = fs::read(&input.path).with_context(|| format!("cannot read {}", input.path))?;
        // The file may have changed since it was checked: copy only the bytes that were.
        if file_hash(&bytes) != input.hash {
            bail!("{} changed during the merge; run it again", input.path);
        }
        write_atomic(&target, &bytes, None, true)
            .with_context(|| format!("cannot write {}", target.display()))?;
    }
    write_atomic(&dir.join(ROSTER_FILE), roster_bytes, None, true)
        .with_context(|| format!("cannot write {}", dir.join(ROSTER_FILE).display()))?;
    let mut json = serde_json::to_vec_pretty(result)?;
    json.push(b'\n');
    write_atomic(&dir.join(PANEL_FILE), &json, None, true)
        .with_context(|| format!("cannot write {}", dir.join(PANEL_FILE).display()))?;
    Ok(())
}

/// Why a sheet was left out, in words.
pub fn reason(e: &Exclusion, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match e {
        Exclusion::Invalid { .. } => {
            let detail = e.detail_in(lang).unwrap_or_default();
            if zh {
                format!("无效：{detail}")
            } else {
                format!("invalid: {detail}")
            }
        }
        Exclusion::NotInRoster => if zh {
            "签名者不在评审组名单中"
        } else {
            "signed by a key not on the roster"
        }
        .into(),
        Exclusion::Draft => if zh {
            "草稿（未用 --include-drafts）"
        } else {
            "a draft (use --include-drafts to count it)"
        }
        .into(),
        Exclusion::Conflict { relationship } => {
            if zh {
                format!("评审员声明回避：{relationship}")
            } else {
                format!("the reviewer declared a conflict: {relationship}")
            }
        }
        Exclusion::Superseded { by_version } => {
            if zh {
                format!("已被第 {by_version} 版取代")
            } else {
                format!("superseded by version {by_version}")
            }
        }
        Exclusion::DuplicateVersion { other } => {
            if zh {
                format!("与 {other} 声称同一版本但内容不同，两份均不计入")
            } else {
                format!("claims the same version as {other} with other content; neither counts")
            }
        }
        Exclusion::FrameworkMismatch { hash } => {
            if zh {
                format!("评价准则版本 {hash} 与本组其他评分表不同")
            } else {
                format!("scored on framework edition {hash}, not the panel's")
            }
        }
        Exclusion::OtherProgram { program } => {
            if zh {
                format!("属于其他评奖办法 {program}")
            } else {
                format!("for another programme: {program}")
            }
        }
        Exclusion::NotASheet { .. } => {
            let detail = e.detail_in(lang).unwrap_or_default();
            if zh {
                format!("不是评分表：{detail}")
            } else {
                format!("not a sheet: {detail}")
            }
        }
        Exclusion::SameFile { first } => {
            if zh {
                format!("与 {first} 是同一文件，只计一次")
            } else {
                format!("the same file as {first}; counted once")
            }
        }
        Exclusion::NotLeader => if zh {
            "合议评分表须由组长签名"
        } else {
            "a consensus sheet signed by someone who is not a leader"
        }
        .into(),
        Exclusion::StaleConsensus { .. } => {
            let detail = e.detail_in(lang).unwrap_or_default();
            if zh {
                format!("合议已过时：{detail}")
            } else {
                format!("stale consensus: {detail}")
            }
        }
    }
}

/// The printed summary: counts, exclusions with reasons, divergent items, ranking.
pub fn summary(r: &PanelResult, program: Option<&Program>, lang: Lang) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let counted = r.inputs.iter().filter(|i| i.excluded.is_none()).count();
    let excluded = r.inputs.len() - counted;
    let _ = writeln!(
        s,
        "{} {} | {}: {} | {}: {} | {}: {}",
        Shown(&r.program),
        Shown(&r.round),
        tr(lang, "文件", "files"),
        r.inputs.len(),
        tr(lang, "计入", "counted"),
        counted,
        tr(lang, "排除", "excluded"),
        excluded
    );
    if excluded > 0 {
        let _ = writeln!(s, "{}:", tr(lang, "排除的文件", "Excluded"));
        for i in &r.inputs {
            if let Some(e) = &i.excluded {
                let _ = writeln!(s, "  {}  {}", Shown(&i.path), Shown(&reason(e, lang)));
            }
        }
    }
    for a in &r.results {
        let divergent: Vec<String> = a
            .items
            .iter()
            .filter(|i| i.divergent)
            .map(|i| format!("{} ({})", Shown(&i.code), i.spread))
            .collect();
        let _ = writeln!(
            s,
            "{} {} [{}, {}] {}: {} | {}: {} | {}: {}",
            Shown(&a.applicant_id),
            Shown(&a.applicant_name),
            Shown(&a.track),
            a.stage.cli_name(),
            tr(lang, "评审员", "reviewers"),
            reviewer_count(a, lang),
            tr(lang, "总分", "total"),
            if a.consensus_sheet.is_some() {
                format!(
                    "{} ({})",
                    format_score(a.total),
                    tr(lang, "合议", "consensus")
                )
            } else {
                format_score(a.total)
            },
            tr(lang, "分歧条款", "divergent items"),
            if divergent.is_empty() {
                "-".to_string()
            } else {
                divergent.join(", ")
            }
        );
    }
    s.push_str(&ranking_text(&r.ranking, program, lang));
    s
}

/// `3`, or `4 (1 trainee, not counted)`.
fn reviewer_count(a: &crate::panel::ApplicantResult, lang: Lang) -> String {
    let trainees = a.items.first().map_or(0, |i| {
        i.percents
            .iter()
            .filter(|p| p.role == crate::panel::Role::Trainee)
            .count()
    });
    if trainees == 0 {
        a.reviewers.len().to_string()
    } else {
        format!(
            "{} ({trainees} {})",
            a.reviewers.len(),
            tr(lang, "名见习，不计分", "trainee(s), not counted")
        )
    }
}

/// The ranking per track, with the programme's track and award titles where it is known
/// (a leader reads 金山区区长质量奖, not `mayor`).
pub fn ranking_text(
    ranking: &std::collections::BTreeMap<String, Vec<RankEntry>>,
    program: Option<&Program>,
    lang: Lang,
) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    for (track, entries) in ranking {
        if entries.is_empty() {
            continue;
        }
        let track_title = program
            .and_then(|p| p.track(track))
            .map(|t| format!("{} ({})", t.title.get(lang), Shown(track)))
            .unwrap_or_else(|| shown(track).into_owned());
        let _ = writeln!(s, "{} {track_title}:", tr(lang, "排名", "Ranking"));
        for e in entries {
            let place = if e.rank == 0 {
                "-".to_string()
            } else if e.tied {
                format!("={}", e.rank)
            } else {
                e.rank.to_string()
            };
            let proposal = match &e.proposed_award {
                Some(a) => format!(
                    "{} {}",
                    tr(lang, "建议授予", "proposed:"),
                    program
                        .and_then(|p| p.award(a))
                        .map_or(shown(a), |w| w.title.get(lang).into())
                ),
                None => crate::panel::rank::note_in(&e.note, lang).to_string(),
            };
            let _ = writeln!(
                s,
                "  {place:>4}  {:<10} {:>7}  {proposal}",
                shown(&e.applicant_id),
                format_score(e.total)
            );
        }
    }
    s
}
