//! `scorebook merge --roster ROSTER SHEETS_OR_FOLDERS… -o OUT_DIR`: verify a panel's sheets,
//! compute the statistics and ranking, write the merge folder and print a summary.

use crate::i18n::cli::{Label as L, label};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use rust_decimal::Decimal;

use super::{Context, catalog};
use crate::clock::System;
use crate::display::{Shown, shown};
use crate::framework::score::format_points;
use crate::i18n::coverage::{Word, cell, heading, owed_heading, short, shortlist_note, word};
use crate::i18n::service::{exclusion, input_note};
use crate::lang::Lang;
use crate::panel::{Method, PanelResult, RankEntry};
use crate::program::Program;
use crate::service::merge::{InputNote, MergeRequest, PanelSource, merge};

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
#[command(group(clap::ArgGroup::new("panel").required(true).args(["round", "roster"])))]
pub struct MergeArgs {
    /// The signed round (scorebook round …): applicants, panel, stages. Recusal records among
    /// the inputs are counted.
    #[arg(long, value_name = "ROUND")]
    pub round: Option<PathBuf>,
    /// The signed panel roster (scorebook roster new/add), for panels before rounds.
    #[arg(long, value_name = "ROSTER")]
    pub roster: Option<PathBuf>,
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
    /// Places per track on the proposed site-review shortlist (default: the programme's
    /// quotas, else every applicant ranked). Only with --round.
    #[arg(long, value_name = "N", requires = "round")]
    pub shortlist: Option<u32>,
    /// The document review's merge folder of the same round, for the site reports' score
    /// change per item (not needed when the inputs hold the document-stage sheets too).
    #[arg(long, value_name = "DIR")]
    pub document: Option<PathBuf>,
    /// Open sealed sheets with this age identity file (as age-keygen writes it, e.g. the award
    /// office's office.key) instead of this home's key.
    #[arg(long, value_name = "FILE")]
    pub identity: Option<PathBuf>,
}

pub fn run(args: MergeArgs, ctx: &Context) -> anyhow::Result<i32> {
    let lang = ctx.lang;
    let catalog = catalog(ctx);
    let panel = match (args.round, args.roster) {
        (Some(round), _) => PanelSource::Round(round),
        (None, Some(roster)) => PanelSource::Roster(roster),
        // clap's group requires exactly one.
        (None, None) => unreachable!("clap requires --round or --roster"),
    };
    let request = MergeRequest {
        panel,
        shortlist: args.shortlist,
        document: args.document,
        inputs: args.inputs,
        output: args.output,
        method: args.method.into(),
        threshold: args.threshold,
        include_drafts: args.include_drafts,
        min_total: args.min_total,
        // Sheets sealed to the leader open with this home's key (asked for only if one is met),
        // or with the identity file given.
        unseal_with: Some(match args.identity {
            Some(file) => crate::service::accept::UnsealWith::IdentityFile(file),
            None => crate::service::accept::UnsealWith::Home(ctx.home.clone()),
        }),
    };
    let mut note = |n: InputNote| {
        eprintln!("{}{}", label(lang, L::Note), input_note(lang, &n));
    };
    let merged = merge(&request, &catalog, &System, &mut note)
        .map_err(|e| anyhow::anyhow!(e.message(lang)))?;
    let result = &merged.result;
    print!(
        "{}",
        summary(
            result,
            catalog.program(&result.program).map(|p| &p.doc),
            lang
        )
    );
    println!(
        "{} {}",
        label(lang, L::WrittenTo),
        merged.panel_path.display()
    );
    for p in merged.reports {
        println!("  {}", p.display());
    }
    Ok(0)
}

/// The printed summary: counts, exclusions with reasons, divergent items, ranking.
pub fn summary(r: &PanelResult, program: Option<&Program>, lang: Lang) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    if let Some(c) = &r.coverage {
        s.push_str(&coverage_text(r, c, lang));
    }
    let counted = r.inputs.iter().filter(|i| i.excluded.is_none()).count();
    let excluded = r.inputs.len() - counted;
    let _ = writeln!(
        s,
        "{} {} | {}: {} | {}: {} | {}: {}",
        r.program,
        r.round,
        label(lang, L::Files),
        r.inputs.len(),
        label(lang, L::Counted),
        counted,
        label(lang, L::ExcludedCount),
        excluded
    );
    if excluded > 0 {
        let _ = writeln!(s, "{}:", label(lang, L::Excluded));
        for i in &r.inputs {
            if let Some(e) = &i.excluded {
                let _ = writeln!(s, "  {}  {}", i.path, exclusion(lang, e));
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
            label(lang, L::Reviewers),
            reviewer_count(a, lang),
            label(lang, L::Total),
            if a.consensus_sheet.is_some() {
                format!("{} ({})", format_points(a.total), label(lang, L::Consensus))
            } else {
                format_points(a.total)
            },
            label(lang, L::DivergentItems),
            if divergent.is_empty() {
                "-".to_string()
            } else {
                divergent.join(", ")
            }
        );
    }
    if let Some(min) = r.min_total {
        let _ = writeln!(s, "{} {}", label(lang, L::MinimumTotal), format_points(min));
    }
    let applied = r
        .results
        .iter()
        .filter(|a| a.consensus_sheet.is_some())
        .count();
    if applied > 0 {
        let _ = writeln!(s, "{}: {applied}", label(lang, L::ConsensusApplied));
    }
    s.push_str(&ranking_text(&r.ranking, program, lang));
    if let Some(list) = &r.shortlist {
        s.push_str(&shortlist_text(list, program, lang));
    }
    s
}

/// What is missing first (the sheets still owed, then the stages short of sheets), then the
/// recusal records.
fn coverage_text(r: &PanelResult, c: &crate::panel::Coverage, lang: Lang) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let owed: Vec<_> = c.owed().collect();
    if owed.is_empty() {
        let _ = writeln!(s, "{}", word(lang, Word::NothingOwed));
    } else {
        let _ = writeln!(s, "{}", owed_heading(lang, owed.len()));
        for (row, member, state) in owed {
            let _ = writeln!(
                s,
                "  {} {} [{}]  {}  {}",
                Shown(&row.applicant_id),
                Shown(&row.applicant_name),
                row.stage.cli_name(),
                Shown(&member.name),
                cell(lang, state)
            );
        }
    }
    let short_rows: Vec<_> = c.short_rows().collect();
    if !short_rows.is_empty() {
        let _ = writeln!(s, "{}", heading(lang, Word::Short));
        for row in short_rows {
            let _ = writeln!(s, "  {}", short(lang, row));
        }
    }
    if !r.recusals.is_empty() {
        let _ = writeln!(s, "{}", heading(lang, Word::Recusals));
        for rec in &r.recusals {
            let who = format!(
                "{} → {}",
                shown(rec.reviewer.as_deref().unwrap_or("?")),
                shown(rec.applicant.as_deref().unwrap_or("?"))
            );
            match &rec.excluded {
                None => {
                    let _ = writeln!(s, "  {}  {who}  {}", rec.path, label(lang, L::Counted));
                }
                Some(e) => {
                    let _ = writeln!(s, "  {}  {who}  {}", rec.path, exclusion(lang, e));
                }
            }
        }
    }
    s
}

/// The proposed site-review shortlist per track: never award winners.
pub fn shortlist_text(
    list: &std::collections::BTreeMap<String, Vec<crate::panel::ShortlistEntry>>,
    program: Option<&Program>,
    lang: Lang,
) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    for (track, entries) in list {
        let track_title = program
            .and_then(|p| p.track(track))
            .map(|t| format!("{} ({track})", t.title.get(lang)))
            .unwrap_or_else(|| track.clone());
        let _ = writeln!(s, "{} {track_title}:", word(lang, Word::Shortlist));
        let _ = writeln!(s, "  {}", word(lang, Word::ShortlistRule));
        for e in entries {
            let place = if e.tied {
                format!("={}", e.rank)
            } else {
                e.rank.to_string()
            };
            let mark = if e.proposed { "*" } else { " " };
            let _ = writeln!(
                s,
                "  {mark}{place:>4}  {:<10} {:<20} {:>7}  {}",
                shown(&e.applicant_id),
                shown(&e.applicant_name),
                format_points(e.total),
                shortlist_note(lang, e)
            );
        }
    }
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
            label(lang, L::TraineesNotCounted)
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
            .map(|t| format!("{} ({track})", t.title.get(lang)))
            .unwrap_or_else(|| track.clone());
        let _ = writeln!(s, "{} {track_title}:", label(lang, L::Ranking));
        // Said once for the track, not on every line.
        let before_site = Some(crate::panel::RankNote::NoAwardBeforeSite);
        if entries.iter().any(|e| e.note == before_site) {
            let _ = writeln!(
                s,
                "  {}",
                crate::panel::RankNote::NoAwardBeforeSite.message(lang)
            );
        }
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
                    label(lang, L::Proposed),
                    program
                        .and_then(|p| p.award(a))
                        .map_or(shown(a), |w| w.title.get(lang).into())
                ),
                None => e
                    .note
                    .as_ref()
                    .filter(|n| **n != crate::panel::RankNote::NoAwardBeforeSite)
                    .map_or(String::new(), |n| n.message(lang)),
            };
            let _ = writeln!(
                s,
                "  {place:>4}  {:<10} {:>7}  {proposal}",
                shown(&e.applicant_id),
                format_points(e.total)
            );
        }
    }
    s
}
