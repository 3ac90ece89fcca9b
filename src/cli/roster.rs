//! `scorebook roster new|add|show`: the panel roster (评审组名单), signed by the leader.

use crate::i18n::cli::{Label as L, Msg, label, role_label, say};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::Subcommand;

use super::Context;
use super::catalog;
use crate::clock::{Clock, System};
use crate::display::Shown;
use crate::identity::{Identity, MemberInfo};
use crate::lang::Lang;
use crate::panel::roster::{SignedRosterError, sign_roster};
use crate::panel::{Role, Roster, RosterMember};
use crate::service::panel_dir::{load_roster, read_json};

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Start a roster for a programme round; your key signs it and you are its leader.
    New {
        /// Programme id, e.g. jinshan-2023.
        #[arg(long)]
        program: String,
        /// The round (届), e.g. 2025.
        #[arg(long)]
        round: String,
        /// Where to write the roster.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Add a member from the file `scorebook key show --json` printed on their laptop.
    Add {
        roster: PathBuf,
        member_file: PathBuf,
        /// leader, member or trainee (见习: shown, never counted).
        #[arg(long, default_value = "member", value_parser = crate::i18n::terms::parse_role)]
        role: Role,
    },
    /// Verify a roster and list its members.
    Show { roster: PathBuf },
}

pub fn run(command: RosterCommand, ctx: &Context) -> anyhow::Result<i32> {
    match command {
        RosterCommand::New {
            program,
            round,
            output,
            force,
        } => new(ctx, &program, &round, &output, force),
        RosterCommand::Add {
            roster,
            member_file,
            role,
        } => add(ctx, &roster, &member_file, role),
        RosterCommand::Show { roster } => show(ctx, &roster),
    }
}

fn identity(ctx: &Context) -> anyhow::Result<Identity> {
    Identity::load(&ctx.home)
        .map_err(|e| anyhow::anyhow!(crate::i18n::identity::error(ctx.lang, &e)))?
        .with_context(|| say(ctx.lang, &Msg::RosterNoKey(&ctx.home.display())))
}

fn write(
    lang: Lang,
    path: &Path,
    roster: &Roster,
    id: &Identity,
    overwrite: bool,
) -> anyhow::Result<()> {
    let bytes = sign_roster(roster, id.signing_key()).map_err(|e| match &e {
        SignedRosterError::NotSignedByLeader { .. } => {
            anyhow::anyhow!(say(lang, &Msg::OnlyLeaderSigns(&path.display())))
        }
        _ => anyhow::anyhow!("{}: {e}", path.display()),
    })?;
    crate::service::write_file(path, &bytes, None, overwrite).map_err(|e| match e {
        crate::service::Error::Exists { .. } => {
            anyhow::anyhow!(say(lang, &Msg::RosterExists(&path.display())))
        }
        e => anyhow::anyhow!(e.message(lang)),
    })
}

fn new(ctx: &Context, program: &str, round: &str, out: &Path, force: bool) -> anyhow::Result<i32> {
    let catalog = catalog(ctx);
    if catalog.program(program).is_none() {
        let known: Vec<&str> = catalog.programs.iter().map(|p| p.doc.id.as_str()).collect();
        let known = known.join(", ");
        bail!(say(
            ctx.lang,
            &Msg::UnknownProgramme {
                program,
                known: &known
            }
        ));
    }
    let id = identity(ctx)?;
    let me = RosterMember {
        role: Role::Leader,
        ..RosterMember::from(&id.public_info())
    };
    let roster = Roster::new(program, round.trim(), me, &System.timestamp());
    write(ctx.lang, out, &roster, &id, force)?;
    println!(
        "{} {} ({} {}): {} {} [{}]",
        label(ctx.lang, L::RosterWritten),
        out.display(),
        Shown(program),
        Shown(round),
        label(ctx.lang, L::LeaderRunning),
        Shown(id.name()),
        id.public_info().fingerprint
    );
    Ok(0)
}

fn add(ctx: &Context, path: &Path, member_file: &Path, role: Role) -> anyhow::Result<i32> {
    let mut roster = load_roster(path)
        .map_err(|e| anyhow::anyhow!(e.message(ctx.lang)))?
        .roster;
    let id = identity(ctx)?;
    let info: MemberInfo =
        read_json(member_file).map_err(|e| anyhow::anyhow!(e.message(ctx.lang)))?;
    info.verifying_key()
        .with_context(|| say(ctx.lang, &Msg::MemberKeyRefused(&member_file.display())))?;
    let member = RosterMember {
        role,
        ..RosterMember::from(&info)
    };
    roster.add(member).with_context(|| {
        let path = path.display();
        say(
            ctx.lang,
            &Msg::CannotAdd {
                path: &path,
                name: &info.name,
            },
        )
    })?;
    write(ctx.lang, path, &roster, &id, true)?;
    println!(
        "{} {} [{}] {} → {}",
        label(ctx.lang, L::Added),
        Shown(&info.name),
        info.fingerprint,
        role_label(ctx.lang, role),
        path.display()
    );
    Ok(0)
}

fn show(ctx: &Context, path: &Path) -> anyhow::Result<i32> {
    let v = load_roster(path).map_err(|e| anyhow::anyhow!(e.message(ctx.lang)))?;
    let r = &v.roster;
    println!(
        "{} {} {} — {} {} [{}]",
        label(ctx.lang, L::Roster),
        Shown(&r.program),
        Shown(&r.round),
        label(ctx.lang, L::SignedByLeader),
        Shown(&v.signer.name),
        v.signer.fingerprint
    );
    let rows: Vec<Vec<String>> = r
        .members
        .iter()
        .map(|m| {
            vec![
                role_label(ctx.lang, m.role).to_string(),
                m.name.clone(),
                m.fingerprint.clone(),
            ]
        })
        .collect();
    // Names and roles are Chinese: columns are measured in terminal cells.
    print!("{}", super::table::render(&rows, "  "));
    Ok(0)
}
