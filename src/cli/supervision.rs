//! `scorebook supervision record OUT_DIR NUMBER --overall RATING [--member NAME=RATING]…
//! [--comments TEXT] [--received YYYY-MM-DD]`: the leader enters an applicant's returned
//! 双向监督反馈表 (第二十二条) into a merge folder; the next merge puts it in `report.html`.
//! The forms themselves: `scorebook round supervision-forms`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Context;
use crate::clock::{Clock, System};
use crate::display::shown_block;
use crate::i18n::supervision::{SupMsg, error, say};
use crate::panel::supervision::{Conduct, MemberConduct, SupervisionRecord};
use crate::service::supervision::{SupervisionFail, enter};

#[derive(Debug, Subcommand)]
pub enum SupervisionCommand {
    /// Enter an applicant's returned two-way supervision feedback form (article 22).
    Record(RecordArgs),
}

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// A merge folder written by `scorebook merge --round`.
    #[arg(value_name = "OUT_DIR")]
    pub dir: PathBuf,
    /// The applicant's application number.
    #[arg(value_name = "NUMBER")]
    pub applicant: String,
    /// The applicant's overall rating of the panel's conduct: good, fair or poor.
    #[arg(long, value_name = "RATING")]
    pub overall: String,
    /// A visiting member's rating, NAME=good|fair|poor; once per member rated.
    #[arg(long = "member", value_name = "NAME=RATING")]
    pub members: Vec<String>,
    /// The applicant's comments, as written on the form.
    #[arg(long, default_value = "")]
    pub comments: String,
    /// The day the form came back (YYYY-MM-DD); default: today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub received: Option<String>,
}

pub fn run(command: SupervisionCommand, ctx: &Context) -> anyhow::Result<i32> {
    let SupervisionCommand::Record(args) = command;
    let lang = ctx.lang;
    let bad_rating = |given: &str| anyhow::anyhow!(say(lang, &SupMsg::BadMember { given }));
    let overall = Conduct::from_code(&args.overall).ok_or_else(|| bad_rating(&args.overall))?;
    let mut members = Vec::new();
    for m in &args.members {
        let (name, rating) = m.rsplit_once('=').ok_or_else(|| bad_rating(m))?;
        let conduct = Conduct::from_code(rating).ok_or_else(|| bad_rating(m))?;
        members.push(MemberConduct {
            name: name.trim().to_string(),
            conduct,
        });
    }
    let today = System.timestamp().get(..10).unwrap_or_default().to_string();
    let rec = SupervisionRecord {
        applicant: args.applicant.clone(),
        applicant_name: String::new(),
        received_on: args.received.unwrap_or(today),
        overall,
        members,
        comments: args.comments.trim().to_string(),
        recorded_at: String::new(),
    };
    let dir = args.dir.display().to_string();
    let (entered, path) = enter(&args.dir, rec, &System).map_err(|e| {
        anyhow::anyhow!(match e {
            SupervisionFail::Service(e) => e.message(lang),
            SupervisionFail::NoRound { .. } => say(lang, &SupMsg::NoRound { dir: &dir }),
            SupervisionFail::Refused(e) => error(lang, &e),
            SupervisionFail::NoShortlist => say(lang, &SupMsg::NoShortlist),
        })
    })?;
    let path = path.display().to_string();
    let m = SupMsg::Entered {
        number: &entered.applicant,
        name: &entered.applicant_name,
        path: &path,
    };
    println!("{}", shown_block(&say(lang, &m)));
    Ok(0)
}
