//! `scorebook round new|add-member|add-applicant|import-applicants|shortlist|show`: the group
//! leader's round file (评审轮次), scriptable. Every change re-signs the file as a new version
//! with the leader's key (`service::round`); `show` verifies before it prints.
//!
//! Exit status: 0 done; 1 the input was looked at and refused (a round that does not verify, a
//! key that is not the leader's, a duplicate number, a bad CSV row …), nothing written; 2 the
//! command could not run (usage, no key, a file not readable or writable).

use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use serde::Serialize;

use super::{Context, catalog};
use crate::clock::System;
use crate::display::Shown;
use crate::i18n::round::{
    Done, Label, clauses, done, field, heading, heading_list, kind, label, list, role, summary,
};
use crate::identity::Role;
use crate::lang::Lang;
use crate::program::ApplicantKind;
use crate::round::edit::NewApplicant;
use crate::service::round::{Change, LoadedRound, NewRoundRequest, RoundFail};

#[derive(Debug, Subcommand)]
pub enum RoundCommand {
    /// Start a round for a programme; your key signs it and you are its group leader.
    New {
        /// Programme id, e.g. jinshan-2023.
        #[arg(long)]
        program: String,
        /// The round's name, e.g. "2025 第二届".
        #[arg(long)]
        name: String,
        /// First day of the round, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        starts: Option<String>,
        /// Last day of the round, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        ends: Option<String>,
        /// Where to write the round file.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Add a panel member from the file `scorebook key show --json` printed on their laptop.
    AddMember {
        round: PathBuf,
        member_file: PathBuf,
        /// leader, member or trainee (shown, never counted).
        #[arg(long, default_value = "member", value_parser = crate::i18n::terms::parse_role)]
        role: Role,
        /// The member's expert-pool number.
        #[arg(long, value_name = "N")]
        pool_number: Option<String>,
    },
    /// Add one applicant.
    AddApplicant {
        round: PathBuf,
        /// Application number, e.g. 2025-M-01.
        #[arg(long)]
        number: String,
        /// The applicant's name.
        #[arg(long)]
        name: String,
        /// Track id or title.
        #[arg(long)]
        track: String,
        /// Applicant kind (default: the track's).
        #[arg(long)]
        kind: Option<KindArg>,
        /// Recommending unit.
        #[arg(long)]
        unit: Option<String>,
        /// A registered coaching expert (article 14); repeat for several.
        #[arg(long, value_name = "NAME")]
        coach: Vec<String>,
    },
    /// Import the award office's applicant list (CSV, UTF-8); one bad row and nothing is imported.
    ImportApplicants { round: PathBuf, csv: PathBuf },
    /// Issue the site-review shortlist (article 18 (3)): a new version of the round.
    Shortlist {
        round: PathBuf,
        /// Application numbers on the shortlist.
        #[arg(required = true, value_name = "NUMBER")]
        numbers: Vec<String>,
    },
    /// Name the acting leader for an applicant the group leader is recused from (article 21):
    /// that member signs its consensus and its place on the award list. A new version.
    SetActingLeader {
        round: PathBuf,
        /// The applicant's application number.
        #[arg(value_name = "NUMBER")]
        number: String,
        /// The member's name as the round lists it (or their fingerprint).
        #[arg(value_name = "MEMBER")]
        member: String,
    },
    /// Record the award office's age recipient (age1…): sheets sealed for transit (`export
    /// --seal`) are then encrypted to the office as well as to the leader. A new version.
    SetOfficeRecipient {
        round: PathBuf,
        /// The office's age X25519 recipient (age1…, from age-keygen or the office's `scorebook
        /// key show --json`).
        #[arg(value_name = "RECIPIENT")]
        recipient: String,
    },
    /// Print the two-way supervision feedback form (article 22) for each shortlisted applicant.
    SupervisionForms {
        round: PathBuf,
        /// The folder the forms are written into.
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
    },
    /// Import the round file the group leader signed into this laptop's workspace (reviewer).
    Import(super::round_import::ImportArgs),
    /// Verify a round file and show it.
    Show {
        round: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// An applicant kind on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// An organisation (advanced quality-management model).
    Organisation,
    /// An individual (advanced quality-management achievement).
    Individual,
}

impl From<KindArg> for ApplicantKind {
    fn from(k: KindArg) -> ApplicantKind {
        match k {
            KindArg::Organisation => ApplicantKind::Organisation,
            KindArg::Individual => ApplicantKind::Individual,
        }
    }
}

pub fn run(command: RoundCommand, ctx: &Context) -> anyhow::Result<i32> {
    let lang = ctx.lang;
    let result = match command {
        RoundCommand::New {
            program,
            name,
            starts,
            ends,
            output,
            force,
        } => new(
            ctx,
            NewRoundRequest {
                program,
                name,
                starts_on: starts,
                ends_on: ends,
                output,
                overwrite: force,
            },
        ),
        RoundCommand::AddMember {
            round,
            member_file,
            role,
            pool_number,
        } => {
            let what = Change::AddMember {
                member_file,
                role,
                pool_number,
            };
            change(ctx, &round, &what).map(|saved| {
                let r = &saved.verified.round;
                if let Some(m) = r.members.last() {
                    let d = Done::MemberAdded {
                        name: &m.name,
                        fingerprint: &m.fingerprint,
                        role: m.role,
                    };
                    println!("{}", done(lang, &d, &round.display(), r.version));
                }
            })
        }
        RoundCommand::AddApplicant {
            round,
            number,
            name,
            track,
            kind,
            unit,
            coach,
        } => {
            let what = Change::AddApplicant(NewApplicant {
                number: number.into(),
                name,
                track,
                kind: kind.map(Into::into),
                recommended_by: unit.unwrap_or_default(),
                coaches: coach,
            });
            change(ctx, &round, &what).map(|saved| {
                let r = &saved.verified.round;
                if let Some(a) = r.applicants.last() {
                    let d = Done::ApplicantAdded {
                        number: &a.number,
                        name: &a.name,
                        track: &a.track,
                    };
                    println!("{}", done(lang, &d, &round.display(), r.version));
                }
            })
        }
        RoundCommand::ImportApplicants { round, csv } => {
            let before = crate::service::round::load(&round, &catalog(ctx))
                .map(|l| l.verified.round.applicants.len());
            let what = Change::ImportApplicants {
                csv,
                column_of: crate::i18n::round::column_of,
            };
            before.and_then(|before| {
                change(ctx, &round, &what).map(|saved| {
                    let r = &saved.verified.round;
                    let d = Done::Imported {
                        count: r.applicants.len().saturating_sub(before),
                    };
                    println!("{}", done(lang, &d, &round.display(), r.version));
                })
            })
        }
        RoundCommand::Shortlist { round, numbers } => {
            change(ctx, &round, &Change::Shortlist(numbers)).map(|saved| {
                let r = &saved.verified.round;
                let count = r.stages.site_review.as_ref().map_or(0, Vec::len);
                let d = Done::Shortlisted { count };
                println!("{}", done(lang, &d, &round.display(), r.version));
            })
        }
        RoundCommand::SetActingLeader {
            round,
            number,
            member,
        } => change(ctx, &round, &Change::SetActingLeader { number, member }).map(|saved| {
            let r = &saved.verified.round;
            let d = Done::ActingLeaders {
                count: r.acting_leaders.len(),
            };
            println!("{}", done(lang, &d, &round.display(), r.version));
        }),
        RoundCommand::SetOfficeRecipient { round, recipient } => {
            change(ctx, &round, &Change::SetOfficeRecipient(recipient)).map(|saved| {
                let r = &saved.verified.round;
                let d = Done::OfficeRecipient {
                    recipient: r.office_recipient.as_deref().unwrap_or_default(),
                };
                println!("{}", done(lang, &d, &round.display(), r.version));
            })
        }
        RoundCommand::SupervisionForms { round, output } => {
            use crate::i18n::supervision::{SupMsg, say};
            use crate::service::supervision::{SupervisionFail, write_forms};
            return match write_forms(&round, &output) {
                Ok(files) => {
                    let dir = output.display().to_string();
                    let m = SupMsg::Forms {
                        count: files.len(),
                        dir: &dir,
                    };
                    println!("{}", crate::display::shown_block(&say(lang, &m)));
                    Ok(0)
                }
                Err(e) => {
                    let text = match e {
                        SupervisionFail::Service(e) => e.message(lang),
                        SupervisionFail::NoShortlist => say(lang, &SupMsg::NoShortlist),
                        SupervisionFail::Refused(e) => crate::i18n::supervision::error(lang, &e),
                        SupervisionFail::NoRound { dir } => say(
                            lang,
                            &SupMsg::NoRound {
                                dir: &dir.display().to_string(),
                            },
                        ),
                    };
                    eprintln!("{}", crate::display::shown_block(&text));
                    Ok(1)
                }
            };
        }
        RoundCommand::Show { round, json } => return show(ctx, &round, json),
        RoundCommand::Import(args) => return super::round_import::run(args, ctx),
    };
    finish(lang, result)
}

/// Exit status of a use-case: a refused input is a verdict (1), anything else stops (2).
fn finish(lang: Lang, result: Result<(), RoundFail>) -> anyhow::Result<i32> {
    match result {
        Ok(()) => Ok(0),
        Err(e) if e.is_verdict() => {
            eprintln!(
                "scorebook: {}",
                crate::display::shown_block(&e.message(lang))
            );
            Ok(1)
        }
        Err(e) => Err(anyhow::anyhow!(e.message(lang))),
    }
}

fn new(ctx: &Context, req: NewRoundRequest) -> Result<(), RoundFail> {
    let id = crate::service::identity(&ctx.home)?;
    let saved = crate::service::round::create(&id, &catalog(ctx), &req, &System, &System)?;
    let r = &saved.verified.round;
    let d = Done::Created {
        path: &req.output.display(),
        program: &r.program.id,
        name: &r.name,
        leader: &saved.verified.signer.name,
        fingerprint: &saved.verified.signer.fingerprint,
    };
    println!("{}", done(ctx.lang, &d, &req.output.display(), r.version));
    warnings(ctx.lang, &saved);
    Ok(())
}

fn change(ctx: &Context, path: &Path, what: &Change) -> Result<LoadedRound, RoundFail> {
    let id = crate::service::identity(&ctx.home)?;
    let saved = crate::service::round::change(path, &id, &catalog(ctx), &System, what)?;
    warnings(ctx.lang, &saved);
    Ok(saved)
}

fn warnings(lang: Lang, loaded: &LoadedRound) {
    for w in &loaded.warnings {
        eprintln!("{}{}", label(lang, Label::Warning), w.message(lang));
    }
}

/// `round show --json`: the verdict, and the round when valid.
#[derive(Debug, Serialize)]
struct ShowJson<'a> {
    file: String,
    valid: bool,
    /// Stable machine name of the fault; absent when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'static str>,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    hash: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signer: Option<&'a crate::round::RoundMember>,
    #[serde(skip_serializing_if = "Option::is_none")]
    round: Option<&'a crate::round::Round>,
    warnings: Vec<WarningJson>,
}

#[derive(Debug, Serialize)]
struct WarningJson {
    code: &'static str,
    message: String,
}

fn show(ctx: &Context, path: &Path, json: bool) -> anyhow::Result<i32> {
    let lang = ctx.lang;
    let loaded = crate::service::round::load(path, &catalog(ctx));
    if json {
        let out = match &loaded {
            Ok(l) => ShowJson {
                file: path.display().to_string(),
                valid: true,
                error: None,
                message: label(lang, Label::Valid).to_string(),
                hash: Some(&l.verified.hash),
                signer: Some(&l.verified.signer),
                round: Some(&l.verified.round),
                warnings: l
                    .warnings
                    .iter()
                    .map(|w| WarningJson {
                        code: w.code(),
                        message: w.message(lang),
                    })
                    .collect(),
            },
            Err(e) => ShowJson {
                file: path.display().to_string(),
                valid: false,
                error: Some(e.code()),
                message: e.message(lang),
                hash: None,
                signer: None,
                round: None,
                warnings: vec![],
            },
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(if loaded.is_ok() { 0 } else { 1 });
    }
    let loaded = match loaded {
        Ok(l) => l,
        Err(e) => {
            let code = if e.is_verdict() { 1 } else { 2 };
            eprintln!(
                "scorebook: {}{}",
                label(lang, Label::Invalid),
                crate::display::shown_block(&e.message(lang))
            );
            return Ok(code);
        }
    };
    let v = &loaded.verified;
    let r = &v.round;
    println!(
        "{}",
        Shown(&summary(
            lang,
            &format!("{} {}", r.program.id, r.program.edition),
            &r.name,
            r.version,
            &r.round_id
        ))
    );
    if r.starts_on.is_some() || r.ends_on.is_some() {
        let dates = format!(
            "{} – {}",
            r.starts_on.as_deref().unwrap_or("?"),
            r.ends_on.as_deref().unwrap_or("?")
        );
        println!("{}", field(lang, Label::Dates, &dates));
    }
    let signer = format!(
        "{} [{}]  SHA-256 {}",
        v.signer.name, v.signer.fingerprint, v.hash
    );
    println!("{}", Shown(&field(lang, Label::SignedBy, &signer)));
    if let Some(office) = &r.office_recipient {
        println!("{}", Shown(&field(lang, Label::OfficeRecipient, office)));
    }
    println!("{}", heading(lang, Label::Members, r.members.len()));
    let rows: Vec<Vec<String>> = r
        .members
        .iter()
        .map(|m| {
            let mut row = vec![
                role(lang, m.role).to_string(),
                m.name.clone(),
                m.fingerprint.clone(),
            ];
            let mut more = Vec::new();
            if let Some(p) = &m.pool_number {
                more.push(format!("{} {p}", label(lang, Label::PoolNumber)));
            }
            let recuse: Vec<String> = r
                .must_recuse(&m.name)
                .into_iter()
                .map(String::from)
                .collect();
            if !recuse.is_empty() {
                more.push(format!(
                    "{} {}",
                    label(lang, Label::MustRecuse),
                    list(lang, &recuse)
                ));
            }
            row.push(clauses(lang, &more));
            row
        })
        .collect();
    print!("{}", super::table::render(&rows, "  "));
    println!("{}", heading(lang, Label::Applicants, r.applicants.len()));
    if r.applicants.is_empty() {
        println!("  {}", label(lang, Label::None));
    }
    let rows: Vec<Vec<String>> = r
        .applicants
        .iter()
        .map(|a| {
            let mut row = vec![
                a.number.to_string(),
                a.name.clone(),
                a.track.clone(),
                kind(lang, a.kind).to_string(),
            ];
            let mut more = Vec::new();
            if !a.recommended_by.is_empty() {
                more.push(format!(
                    "{} {}",
                    label(lang, Label::RecommendingUnit),
                    a.recommended_by
                ));
            }
            if !a.coaches.is_empty() {
                more.push(format!(
                    "{} {}",
                    label(lang, Label::Coaches),
                    list(lang, &a.coaches)
                ));
            }
            row.push(clauses(lang, &more));
            row
        })
        .collect();
    print!("{}", super::table::render(&rows, "  "));
    match &r.stages.site_review {
        None => println!(
            "{}",
            field(lang, Label::Shortlist, label(lang, Label::NotIssued))
        ),
        Some(numbers) => println!("{}", Shown(&heading_list(lang, Label::Shortlist, numbers))),
    }
    for w in &loaded.warnings {
        println!("{}{}", label(lang, Label::Warning), w.message(lang));
    }
    Ok(0)
}
