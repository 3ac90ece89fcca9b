//! `scorebook synthesis set DIR APPLICANT --experience-file F | --note public|presentation F`:
//! the group leader records the overall evaluation's inputs (综合评价, 第十八条(五)) in a
//! site-stage merge folder; the applicant's 综合评价报告 is written again at once.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Context, catalog};
use crate::i18n::synthesis as words;
use crate::service::synthesis::{SetRequest, set};

#[derive(Debug, Subcommand)]
pub enum SynthesisCommand {
    /// Record an applicant's distilled experience (replaces) or a public-evaluation or
    /// presentation note (adds), and write its overall evaluation report again.
    Set(SetArgs),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).multiple(true)
    .args(["experience_file", "note", "clear_notes"])))]
pub struct SetArgs {
    /// The site review's merge folder (written by scorebook merge).
    pub dir: PathBuf,
    /// The application number or the applicant's name.
    pub applicant: String,
    /// A UTF-8 text file with the distilled experience; replaces what was there. A blank line
    /// separates paragraphs.
    #[arg(long, value_name = "FILE")]
    pub experience_file: Option<PathBuf>,
    /// Add a note: its source (public or presentation), then a UTF-8 text file.
    #[arg(long, num_args = 2, value_names = ["public|presentation", "FILE"], action = clap::ArgAction::Append)]
    pub note: Vec<String>,
    /// Drop the applicant's notes first.
    #[arg(long)]
    pub clear_notes: bool,
}

pub fn run(command: SynthesisCommand, ctx: &Context) -> anyhow::Result<i32> {
    match command {
        SynthesisCommand::Set(args) => run_set(args, ctx),
    }
}

fn run_set(args: SetArgs, ctx: &Context) -> anyhow::Result<i32> {
    let lang = ctx.lang;
    let mut notes = Vec::new();
    for pair in args.note.chunks(2) {
        let [source, file] = pair else {
            // clap takes exactly two values per --note.
            continue;
        };
        let source = words::parse_source(source)
            .map_err(|_| anyhow::anyhow!(words::bad_source(lang, source)))?;
        notes.push((source, PathBuf::from(file)));
    }
    let request = SetRequest {
        dir: args.dir,
        applicant: args.applicant,
        experience: args.experience_file,
        notes,
        clear_notes: args.clear_notes,
    };
    let catalog = catalog(ctx);
    let outcome = set(&request, &catalog).map_err(|e| anyhow::anyhow!(e.message(lang)))?;
    let notes: Vec<_> = outcome
        .entry
        .notes
        .iter()
        .map(|n| (n.source, n.text.chars().count()))
        .collect();
    println!(
        "{}",
        crate::display::shown_block(&words::recorded(
            lang,
            &outcome.applicant_id,
            &outcome.applicant_name,
            outcome.entry.experience.chars().count(),
            &notes,
        ))
    );
    println!("{}", words::written(lang));
    println!("  {}", outcome.file.display());
    for p in &outcome.reports {
        println!("  {}", p.display());
    }
    Ok(0)
}
