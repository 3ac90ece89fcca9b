//! `scorebook roster new|add|show`: the panel roster (评审组名单), signed by the leader.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::Subcommand;

use super::Context;
use super::panel_dir::{catalog, load_roster_in, now, read_json, tr};
use crate::display::Shown;
use crate::identity::{Identity, MemberInfo, write_atomic};
use crate::lang::Lang;
use crate::panel::roster::{SignedRosterError, sign_roster};
use crate::panel::{Role, Roster, RosterMember};

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
        #[arg(long, default_value = "member")]
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
    Identity::load(&ctx.home)?.with_context(|| match ctx.lang {
        Lang::Zh => format!(
            "{} 中还没有签名密钥：请先运行 `scorebook key new --name 你的姓名`",
            ctx.home.display()
        ),
        Lang::En => format!(
            "no signing key in {}: run `scorebook key new --name NAME` first",
            ctx.home.display()
        ),
    })
}

fn write(
    lang: Lang,
    path: &Path,
    roster: &Roster,
    id: &Identity,
    overwrite: bool,
) -> anyhow::Result<()> {
    let bytes = sign_roster(roster, id.signing_key()).map_err(|e| match (&e, lang) {
        (SignedRosterError::NotSignedByLeader { .. }, Lang::Zh) => anyhow::anyhow!(
            "{}：只有名单上的组长可以修改并签署名单（你的密钥不是组长）",
            path.display()
        ),
        (SignedRosterError::NotSignedByLeader { .. }, Lang::En) => anyhow::anyhow!(
            "{}: only a leader on the roster can change and sign it (your key is not a leader)",
            path.display()
        ),
        _ => anyhow::anyhow!("{}: {e}", path.display()),
    })?;
    write_atomic(path, &bytes, None, overwrite).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            match lang {
                Lang::Zh => anyhow::anyhow!("{} 已存在；如要替换，请加 --force", path.display()),
                Lang::En => anyhow::anyhow!("{} exists; use --force to replace it", path.display()),
            }
        } else {
            match lang {
                Lang::Zh => anyhow::anyhow!("无法写入 {}：{e}", path.display()),
                Lang::En => anyhow::anyhow!("cannot write {}: {e}", path.display()),
            }
        }
    })
}

/// The role as the interface language says it.
fn role_label(lang: Lang, role: Role) -> &'static str {
    match (role, lang) {
        (Role::Leader, Lang::Zh) => "组长",
        (Role::Member, Lang::Zh) => "组员",
        (Role::Trainee, Lang::Zh) => "见习（不计分）",
        (Role::Leader, Lang::En) => "leader",
        (Role::Member, Lang::En) => "member",
        (Role::Trainee, Lang::En) => "trainee (not counted)",
    }
}

fn new(ctx: &Context, program: &str, round: &str, out: &Path, force: bool) -> anyhow::Result<i32> {
    let catalog = catalog(ctx);
    if catalog.program(program).is_none() {
        let known: Vec<&str> = catalog.programs.iter().map(|p| p.doc.id.as_str()).collect();
        match ctx.lang {
            Lang::Zh => bail!("没有评奖办法 “{program}”（现有：{}）", known.join(", ")),
            Lang::En => bail!(
                "unknown programme '{program}' (known: {})",
                known.join(", ")
            ),
        }
    }
    let id = identity(ctx)?;
    let me = RosterMember {
        role: Role::Leader,
        ..RosterMember::from(&id.public_info())
    };
    let roster = Roster::new(program, round.trim(), me, &now());
    write(ctx.lang, out, &roster, &id, force)?;
    println!(
        "{} {} ({} {}): {} {} [{}]",
        tr(ctx.lang, "已建评审组名单", "roster written"),
        out.display(),
        Shown(program),
        Shown(round),
        tr(ctx.lang, "组长", "leader"),
        Shown(id.name()),
        id.public_info().fingerprint
    );
    Ok(0)
}

fn add(ctx: &Context, path: &Path, member_file: &Path, role: Role) -> anyhow::Result<i32> {
    let mut roster = load_roster_in(path, ctx.lang)?.roster;
    let id = identity(ctx)?;
    let info: MemberInfo = read_json(member_file)?;
    info.verifying_key().with_context(|| match ctx.lang {
        Lang::Zh => format!("{}：成员公钥无效", member_file.display()),
        Lang::En => format!("{}: member key refused", member_file.display()),
    })?;
    let member = RosterMember {
        role,
        ..RosterMember::from(&info)
    };
    roster.add(member).with_context(|| match ctx.lang {
        Lang::Zh => format!("{}：无法加入 {}", path.display(), info.name),
        Lang::En => format!("{}: cannot add {}", path.display(), info.name),
    })?;
    write(ctx.lang, path, &roster, &id, true)?;
    println!(
        "{} {} [{}] {} → {}",
        tr(ctx.lang, "已加入", "added"),
        Shown(&info.name),
        info.fingerprint,
        role_label(ctx.lang, role),
        path.display()
    );
    Ok(0)
}

fn show(ctx: &Context, path: &Path) -> anyhow::Result<i32> {
    let v = load_roster_in(path, ctx.lang)?;
    let r = &v.roster;
    println!(
        "{} {} {} — {} {} [{}]",
        tr(ctx.lang, "评审组名单", "Roster"),
        Shown(&r.program),
        Shown(&r.round),
        tr(ctx.lang, "签名组长", "signed by leader"),
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
