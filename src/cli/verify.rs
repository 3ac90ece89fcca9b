//! `scorebook verify FILE… [--roster FILE] [--json]`: one verdict per file, exit 0 only when
//! every file is a valid, final sheet.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use serde::Serialize;

use super::Context;
use crate::canonical::CanonicalError;
use crate::display::{Shown, shown, shown_block};
use crate::framework::format_score;
use crate::i18n::cli::{Msg, say};
use crate::i18n::service::refused;
use crate::identity::MemberInfo;
use crate::lang::Lang;
use crate::panel::roster::SignedRosterError;
use crate::program::Catalog;
use crate::review::Stage;
use crate::service::accept::{Refused, read_capped, read_sheet_file};
use crate::sheet::{
    DocumentKind, EnvelopeError, VerifiedSheet, VerifyError, verify_document, verify_sheet,
};

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Signed sheet files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The panel roster: only its members' keys are accepted.
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// One JSON array with a verdict object per file.
    #[arg(long)]
    pub json: bool,
}

/// One file's verdict, as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct Verdict {
    pub file: String,
    pub valid: bool,
    /// Stable machine name of the fault, e.g. `bad-signature`; absent when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
    /// The verdict in the interface language.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<SheetSummary>,
}

#[derive(Debug, Serialize)]
pub struct SheetSummary {
    /// SHA-256 (hex) of the exact file bytes.
    pub hash: String,
    pub reviewer: String,
    pub fingerprint: String,
    pub applicant: String,
    pub stage: Stage,
    pub version: u32,
    pub total: String,
}

pub fn run(args: VerifyArgs, ctx: &Context) -> anyhow::Result<i32> {
    let catalog = super::catalog(ctx);
    let roster = match &args.roster {
        Some(path) => {
            let (members, signed) = read_roster_checked(path, ctx.lang)?;
            if !signed {
                // A bare member list is accepted on purpose (a panel without a signed roster
                // yet), but the reader must know nobody vouched for it.
                eprintln!("{}", say(ctx.lang, &Msg::UnsignedRoster(&path.display())));
            }
            Some(members)
        }
        None => None,
    };
    let verdicts: Vec<Verdict> = args
        .files
        .iter()
        .map(|f| verdict(f, &catalog, roster.as_deref(), ctx.lang))
        .collect();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&verdicts)?);
    } else {
        for v in &verdicts {
            println!("{}: {}", Shown(&v.file), shown_block(&v.message));
        }
    }
    Ok(if verdicts.iter().all(|v| v.valid) {
        0
    } else {
        1
    })
}

/// Verifies one file: read the one way ([`crate::service::accept`]), then [`verify_sheet`].
pub fn verdict(
    path: &Path,
    catalog: &Catalog,
    roster: Option<&[MemberInfo]>,
    lang: Lang,
) -> Verdict {
    let file = path.display().to_string();
    let result = read_sheet_file(path)
        .and_then(|bytes| verify_sheet(&bytes, catalog, roster).map_err(Refused::Sheet));
    match result {
        Ok(ok) => Verdict {
            file,
            valid: true,
            error: None,
            message: valid_message(&ok, lang),
            sheet: Some(summary(&ok)),
        },
        Err(Refused::Sheet(e)) => Verdict {
            file,
            valid: false,
            error: Some(e.code()),
            message: invalid_message(lang, &e),
            sheet: None,
        },
        Err(r) => Verdict {
            file,
            valid: false,
            error: Some(r.code()),
            message: match r {
                // Invalid, as any sheet whose bytes changed; the others never were a sheet.
                Refused::Bom => say(lang, &Msg::Invalid(&refused(lang, &r))),
                _ => refused(lang, &r),
            },
            sheet: None,
        },
    }
}

fn summary(ok: &VerifiedSheet) -> SheetSummary {
    SheetSummary {
        hash: ok.envelope.hash.clone(),
        reviewer: shown(&ok.sheet.reviewer.name).into_owned(),
        fingerprint: ok.envelope.fingerprint.clone(),
        applicant: format!(
            "{} {}",
            Shown(&ok.sheet.applicant.id),
            Shown(&ok.sheet.applicant.name)
        ),
        stage: ok.sheet.stage,
        version: ok.sheet.version,
        total: ok.sheet.total.to_string(),
    }
}

fn valid_message(ok: &VerifiedSheet, lang: Lang) -> String {
    let s = &ok.sheet;
    let (stage, total) = (s.stage.label(lang), format_score(s.total));
    say(
        lang,
        &Msg::Valid {
            consensus: s.kind == DocumentKind::ConsensusSheet,
            applicant: &s.applicant.id,
            name: &s.applicant.name,
            stage,
            version: s.version,
            total: &total,
            reviewer: &s.reviewer.name,
            fingerprint: &ok.envelope.fingerprint,
            hash: &ok.envelope.hash,
        },
    )
}

/// "invalid — why", in the interface language.
pub fn invalid_message(lang: Lang, e: &VerifyError) -> String {
    // A leader easily passes the roster itself to verify: say where it belongs.
    if let VerifyError::NotASheet(t) = e
        && (t == "roster" || t == DocumentKind::Roster.payload_type())
    {
        return say(lang, &Msg::RosterIsNotASheet);
    }
    say(
        lang,
        &Msg::Invalid(&refused(lang, &Refused::Sheet(e.clone()))),
    )
}

/// A roster: a signed roster document (its payload's `members`), or a plain JSON list of
/// members, or an object with `members` — each member as `key show --json` prints it.
pub fn read_roster(path: &Path, lang: Lang) -> anyhow::Result<Vec<MemberInfo>> {
    read_roster_checked(path, lang).map(|(members, _)| members)
}

/// As [`read_roster`], and whether the roster was a signed roster document. A signed roster
/// is checked in full (`panel::roster::verify_roster`): signature, content, and that a leader
/// on it signed it.
pub fn read_roster_checked(path: &Path, lang: Lang) -> anyhow::Result<(Vec<MemberInfo>, bool)> {
    let context = || say(lang, &Msg::ReadingRoster(&path.display()));
    let bytes = read_capped(path).with_context(context)?;
    let value: serde_json::Value = match verify_document(&bytes) {
        Ok(doc) if doc.payload_type == DocumentKind::Roster.payload_type() => {
            let checked = crate::panel::roster::verify_roster(&bytes).map_err(|e| {
                let why = match (&e, lang) {
                    (SignedRosterError::NotSignedByLeader { fingerprint, .. }, Lang::Zh) => {
                        say(lang, &Msg::RosterNotByLeader { fingerprint })
                    }
                    _ => e.to_string(),
                };
                anyhow::anyhow!("{}: {why}", path.display())
            })?;
            let members = checked
                .roster
                .members
                .iter()
                .map(|m| MemberInfo {
                    name: m.name.clone(),
                    public_key: m.public_key.clone(),
                    fingerprint: m.fingerprint.clone(),
                })
                .collect();
            return Ok((members, true));
        }
        Ok(doc) => {
            let (path, kind) = (path.display(), &doc.payload_type);
            anyhow::bail!(say(lang, &Msg::NotARoster { path: &path, kind }))
        }
        Err(EnvelopeError::NotAnEnvelope | EnvelopeError::UnknownField(_))
        | Err(EnvelopeError::Json(CanonicalError::NotCanonical { .. })) => {
            serde_json::from_slice(&bytes).with_context(context)?
        }
        Err(e) => return Err(anyhow::Error::new(e).context(context())),
    };
    let list = match &value {
        serde_json::Value::Array(_) => &value,
        other => other
            .get("members")
            .with_context(|| say(lang, &Msg::NoMembersList(&path.display())))?,
    };
    let serde_json::Value::Array(items) = list else {
        anyhow::bail!(say(lang, &Msg::MembersNotAList(&path.display())));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let pick = |field: &str| {
                item.get(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
                    .with_context(|| {
                        let path = path.display();
                        say(
                            lang,
                            &Msg::MemberFieldMissing {
                                path: &path,
                                index: i,
                                field,
                            },
                        )
                    })
            };
            let member = MemberInfo {
                name: pick("name")?,
                public_key: pick("public_key")?,
                fingerprint: pick("fingerprint")?,
            };
            member.verifying_key().with_context(|| {
                let path = path.display();
                say(
                    lang,
                    &Msg::MemberAt {
                        path: &path,
                        index: i,
                    },
                )
            })?;
            Ok(member)
        })
        .collect::<anyhow::Result<Vec<_>>>()
        .map(|members| (members, false))
}
