//! `scorebook verify FILE… [--roster FILE] [--json]`: one verdict per file, exit 0 only when
//! every file is valid: a final sheet, a round file (评审轮次) signed by its group leader, or a
//! recusal record (回避声明). Each verdict says which kind of document the file is.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use serde::Serialize;

use super::Context;
use crate::canonical::CanonicalError;
use crate::display::{Shown, shown, shown_block};
use crate::framework::format_points;
use crate::i18n::cli::{Msg, say};
use crate::i18n::service::refused;
use crate::i18n::verify::{self as words, VerifyMsg};
use crate::identity::MemberInfo;
use crate::ids::RoundId;
use crate::lang::Lang;
use crate::panel::roster::SignedRosterError;
use crate::program::Catalog;
use crate::review::Stage;
use crate::round::{RoundError, VerifiedRound, check_catalog, verify_round};
use crate::service::accept::{Refused, Unsealer, read_capped, read_sheet_file_with};
use crate::sheet::{
    DocumentKind, EnvelopeError, VerifiedRecusal, VerifiedSheet, VerifyError, verify_document,
    verify_recusal, verify_sheet,
};

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Signed files: sheets, round files, recusal records, award recommendation lists.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The panel roster: only its members' keys are accepted.
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// One JSON array with a verdict object per file.
    #[arg(long)]
    pub json: bool,
    /// Open sealed sheets with this age identity file (as age-keygen writes it, e.g. the award
    /// office's office.key) instead of this home's key.
    #[arg(long, value_name = "FILE")]
    pub identity: Option<PathBuf>,
}

/// One file's verdict, as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct Verdict {
    pub file: String,
    /// The kind of document the file says it is (`score-sheet`, `consensus-sheet`, `round`,
    /// `recusal`, `roster`), or null when it is not a signed document that can be read.
    pub kind: Option<&'static str>,
    pub valid: bool,
    /// Stable machine name of the fault, e.g. `bad-signature`; absent when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
    /// The verdict in the interface language.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<SheetSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub round: Option<RoundSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recusal: Option<RecusalSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub award_list: Option<AwardListSummary>,
    /// The file came sealed for transit (`export --seal`) and was opened with this home's key;
    /// everything else is said of the inner signed file.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub sealed: bool,
}

/// A valid award recommendation list (获奖建议名单).
#[derive(Debug, Serialize)]
pub struct AwardListSummary {
    pub hash: String,
    pub leader: String,
    pub fingerprint: String,
    pub round_id: String,
    pub round_version: u32,
    /// Application numbers proposed, per award, best first.
    pub proposed: Vec<String>,
    pub empty_places: u64,
    /// Whether the round file beside it (`round.json`) was found and the list checked
    /// against it (signer the round's leader, applicants the round's).
    pub checked_against_round: bool,
}

/// A valid round file.
#[derive(Debug, Serialize)]
pub struct RoundSummary {
    /// SHA-256 (hex) of the exact file bytes: what a sheet's `round.hash` names.
    pub hash: String,
    pub round_id: RoundId,
    pub version: u32,
    pub name: String,
    pub program: String,
    pub applicants: usize,
    pub members: usize,
    /// The group leader who signed it.
    pub signer: String,
    pub fingerprint: String,
}

/// A valid recusal record.
#[derive(Debug, Serialize)]
pub struct RecusalSummary {
    pub hash: String,
    pub reviewer: String,
    pub fingerprint: String,
    pub applicant: String,
    pub round_id: RoundId,
    pub round_version: u32,
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
    // Sheets sealed to this home's key (the leader's) are opened, asking the passphrase once;
    // or with the identity file given (the award office's).
    let unsealer = match &args.identity {
        Some(file) => Unsealer::with(Some(crate::service::accept::UnsealWith::IdentityFile(
            file.clone(),
        ))),
        None => Unsealer::for_home(&ctx.home),
    };
    let verdicts: Vec<Verdict> = args
        .files
        .iter()
        .map(|f| verdict_with(f, &catalog, roster.as_deref(), ctx.lang, &unsealer))
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

/// Verifies one file: read the one way ([`crate::service::accept`]), then [`verify_sheet`]; a
/// round file or a recusal record (which a sheet verifier refuses as not a sheet) is then
/// verified as what it is.
pub fn verdict(
    path: &Path,
    catalog: &Catalog,
    roster: Option<&[MemberInfo]>,
    lang: Lang,
) -> Verdict {
    verdict_with(path, catalog, roster, lang, &Unsealer::none())
}

/// [`verdict`], opening a sealed file with `unsealer`: the inner signed file gets exactly the
/// same checks and hash, and the verdict says it came sealed.
pub fn verdict_with(
    path: &Path,
    catalog: &Catalog,
    roster: Option<&[MemberInfo]>,
    lang: Lang,
    unsealer: &Unsealer,
) -> Verdict {
    let file = path.display().to_string();
    let sealed = read_capped(path).is_ok_and(|b| crate::identity::vault::is_age(&b));
    let bytes = match read_sheet_file_with(path, unsealer) {
        Ok(bytes) => bytes,
        Err(r) => return refused_verdict(file, None, r, lang),
    };
    let mut v = verdict_of(file, path.parent(), &bytes, catalog, roster, lang);
    if sealed {
        v.sealed = true;
        v.message = crate::i18n::seal::opened_verdict(lang, &v.message);
    }
    v
}

fn verdict_of(
    file: String,
    dir: Option<&Path>,
    bytes: &[u8],
    catalog: &Catalog,
    roster: Option<&[MemberInfo]>,
    lang: Lang,
) -> Verdict {
    let bytes = bytes.to_vec();
    match verify_sheet(&bytes, catalog, roster) {
        Ok(ok) => Verdict {
            kind: Some(ok.sheet.kind.code()),
            valid: true,
            error: None,
            message: valid_message(&ok, lang),
            sheet: Some(summary(&ok)),
            ..empty(file)
        },
        Err(VerifyError::NotASheet(t)) if t == DocumentKind::Round.payload_type() => {
            round_verdict(file, &bytes, catalog, lang)
        }
        Err(VerifyError::NotASheet(t)) if t == DocumentKind::Recusal.payload_type() => {
            recusal_verdict(file, &bytes, roster, lang)
        }
        Err(VerifyError::NotASheet(t)) if t == DocumentKind::AwardList.payload_type() => {
            award_list_verdict(file, dir, &bytes, lang)
        }
        Err(e) => {
            let kind = claimed_kind(&bytes);
            refused_verdict(file, kind, Refused::Sheet(e), lang)
        }
    }
}

/// A verdict with nothing said yet.
fn empty(file: String) -> Verdict {
    Verdict {
        file,
        kind: None,
        valid: false,
        error: None,
        message: String::new(),
        sheet: None,
        round: None,
        recusal: None,
        award_list: None,
        sealed: false,
    }
}

fn refused_verdict(file: String, kind: Option<DocumentKind>, r: Refused, lang: Lang) -> Verdict {
    Verdict {
        kind: kind.map(DocumentKind::code),
        error: Some(r.code()),
        message: match (r, kind) {
            // The roster has its own advice; a file of a known kind says what it is.
            (Refused::Sheet(e), Some(kind)) if kind != DocumentKind::Roster => words::say(
                lang,
                &VerifyMsg::Invalid {
                    kind,
                    why: &e.message(lang),
                },
            ),
            (Refused::Sheet(e), _) => invalid_message(lang, &e),
            // Invalid, as any sheet whose bytes changed; the others never were a sheet.
            (r @ Refused::Bom, _) => say(lang, &Msg::Invalid(&refused(lang, &r))),
            (r, _) => refused(lang, &r),
        },
        ..empty(file)
    }
}

/// The kind of document a file that failed to verify says it is: its envelope's
/// `payload_type`, read without judging anything else (the signature may be what failed).
fn claimed_kind(bytes: &[u8]) -> Option<DocumentKind> {
    #[derive(serde::Deserialize)]
    struct Head {
        payload_type: String,
    }
    let head: Head = serde_json::from_slice(bytes).ok()?;
    DocumentKind::from_payload_type(&head.payload_type)
}

/// A round file: signed by a group leader on it ([`verify_round`]), and for a programme,
/// tracks and frameworks this build knows ([`check_catalog`]).
fn round_verdict(file: String, bytes: &[u8], catalog: &Catalog, lang: Lang) -> Verdict {
    let checked = verify_round(bytes).and_then(|ok| check_catalog(&ok.round, catalog).map(|_| ok));
    match checked {
        Ok(ok) => Verdict {
            kind: Some(DocumentKind::Round.code()),
            valid: true,
            message: words::say(lang, &round_message(&ok)),
            round: Some(round_summary(&ok)),
            ..empty(file)
        },
        Err(e) => Verdict {
            kind: Some(DocumentKind::Round.code()),
            error: Some(e.code()),
            message: invalid_round_message(lang, &e),
            ..empty(file)
        },
    }
}

fn round_message(ok: &VerifiedRound) -> VerifyMsg<'_> {
    VerifyMsg::ValidRound {
        name: &ok.round.name,
        version: ok.round.version,
        program: &ok.round.program.id,
        applicants: ok.round.applicants.len(),
        members: ok.round.members.len(),
        signer: &ok.signer.name,
        fingerprint: &ok.signer.fingerprint,
        hash: &ok.hash,
    }
}

/// Why a round file does not verify, worded as `scorebook round` words it, after the kind.
fn invalid_round_message(lang: Lang, e: &RoundError) -> String {
    words::say(
        lang,
        &VerifyMsg::Invalid {
            kind: DocumentKind::Round,
            why: &e.message(lang),
        },
    )
}

fn round_summary(ok: &VerifiedRound) -> RoundSummary {
    RoundSummary {
        hash: ok.hash.clone(),
        round_id: ok.round.round_id.clone(),
        version: ok.round.version,
        name: shown(&ok.round.name).into_owned(),
        program: ok.round.program.id.clone(),
        applicants: ok.round.applicants.len(),
        members: ok.round.members.len(),
        signer: shown(&ok.signer.name).into_owned(),
        fingerprint: ok.signer.fingerprint.clone(),
    }
}

/// A recusal record: [`verify_recusal`], and with `--roster`, signed by a member's key.
fn recusal_verdict(
    file: String,
    bytes: &[u8],
    roster: Option<&[MemberInfo]>,
    lang: Lang,
) -> Verdict {
    let checked = verify_recusal(bytes).and_then(|ok| match roster {
        Some(members)
            if !members
                .iter()
                .any(|m| m.public_key == ok.envelope.public_key) =>
        {
            Err(VerifyError::NotInRoster {
                name: ok.recusal.reviewer.name.clone(),
                fingerprint: ok.envelope.fingerprint.clone(),
            })
        }
        _ => Ok(ok),
    });
    match checked {
        Ok(ok) => Verdict {
            kind: Some(DocumentKind::Recusal.code()),
            valid: true,
            message: words::say(lang, &recusal_message(&ok)),
            recusal: Some(recusal_summary(&ok)),
            ..empty(file)
        },
        Err(e) => Verdict {
            kind: Some(DocumentKind::Recusal.code()),
            error: Some(e.code()),
            message: words::say(
                lang,
                &VerifyMsg::Invalid {
                    kind: DocumentKind::Recusal,
                    why: &e.message(lang),
                },
            ),
            ..empty(file)
        },
    }
}

fn recusal_message(ok: &VerifiedRecusal) -> VerifyMsg<'_> {
    let r = &ok.recusal;
    VerifyMsg::ValidRecusal {
        reviewer: &r.reviewer.name,
        fingerprint: &ok.envelope.fingerprint,
        applicant: &r.applicant.id,
        name: &r.applicant.name,
        relationship: &r.relationship,
        round_version: r.round.version,
        hash: &ok.envelope.hash,
    }
}

fn recusal_summary(ok: &VerifiedRecusal) -> RecusalSummary {
    let r = &ok.recusal;
    RecusalSummary {
        hash: ok.envelope.hash.clone(),
        reviewer: shown(&r.reviewer.name).into_owned(),
        fingerprint: ok.envelope.fingerprint.clone(),
        applicant: format!("{} {}", Shown(&r.applicant.id), Shown(&r.applicant.name)),
        round_id: r.round.id.clone(),
        round_version: r.round.version,
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
        total: format_points(ok.sheet.total),
    }
}

fn valid_message(ok: &VerifiedSheet, lang: Lang) -> String {
    let s = &ok.sheet;
    let (stage, total) = (s.stage.label(lang), format_points(s.total));
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
                    age_recipient: None,
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
                age_recipient: None,
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

/// An award recommendation list: [`verify_award_list`], against the round file beside it
/// (`round.json` of its merge folder) when there is one — then the signer must be the round's
/// leader. A round file there that does not verify is the list's fault: it cannot be checked.
fn award_list_verdict(file: String, dir: Option<&Path>, bytes: &[u8], lang: Lang) -> Verdict {
    use crate::i18n::award_list::{ListMsg, error as list_error, say as list_say};
    use crate::panel::award_list::{AwardListError, verify_award_list};
    let kind = Some(DocumentKind::AwardList.code());
    let beside = dir
        .map(|d| d.join(crate::service::panel_dir::ROUND_FILE))
        .filter(|p| p.is_file());
    let round = match beside.map(|p| std::fs::read(&p).map(|b| verify_round(&b))) {
        None => None,
        Some(Ok(Ok(round))) => Some(round),
        Some(Ok(Err(e))) => {
            return Verdict {
                kind,
                error: Some(e.code()),
                message: invalid_round_message(lang, &e),
                ..empty(file)
            };
        }
        Some(Err(e)) => {
            let e = AwardListError::Check(VerifyError::Field(e.to_string().into()));
            return Verdict {
                kind,
                error: Some(e.code()),
                message: list_error(lang, &e),
                ..empty(file)
            };
        }
    };
    // The panel's list names each acting leader's signed entry: check the file beside it.
    let endorsed = |ok: crate::panel::award_list::VerifiedAwardList| {
        let (Some(round), Some(dir)) = (round.as_ref(), dir) else {
            return Ok(ok);
        };
        for e in ok.list.tracks.iter().flat_map(|t| &t.entries) {
            if e.endorsement.is_none() {
                continue;
            }
            let scoped = crate::service::award_list::scoped_path(dir, &e.number);
            let bytes =
                std::fs::read(&scoped).map_err(|_| AwardListError::EndorsementMismatch {
                    number: e.number.clone(),
                })?;
            crate::panel::award_list::check_endorsement(&ok.list, &e.number, &bytes, round)?;
        }
        Ok(ok)
    };
    match verify_award_list(bytes, round.as_ref()).and_then(endorsed) {
        Ok(ok) => {
            let l = &ok.list;
            let proposed: Vec<String> = l.places.iter().flat_map(|p| p.proposed.clone()).collect();
            Verdict {
                kind,
                valid: true,
                message: list_say(
                    lang,
                    &ListMsg::Valid {
                        leader: &l.leader.name,
                        fingerprint: &ok.envelope.fingerprint,
                        round_version: l.round.version,
                        proposed: proposed.len(),
                        hash: &ok.envelope.hash,
                        against_round: round.is_some(),
                    },
                ),
                award_list: Some(AwardListSummary {
                    hash: ok.envelope.hash.clone(),
                    leader: shown(&l.leader.name).into_owned(),
                    fingerprint: ok.envelope.fingerprint.clone(),
                    round_id: l.round.id.to_string(),
                    round_version: l.round.version,
                    proposed,
                    empty_places: l.places.iter().map(|p| p.empty).sum(),
                    checked_against_round: round.is_some(),
                }),
                ..empty(file)
            }
        }
        Err(e) => Verdict {
            kind,
            error: Some(e.code()),
            message: words::say(
                lang,
                &VerifyMsg::Invalid {
                    kind: DocumentKind::AwardList,
                    why: &list_error(lang, &e),
                },
            ),
            ..empty(file)
        },
    }
}
