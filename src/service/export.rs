//! Export a signed score sheet (导出签名评分表), and with it the printable A4 form: the one
//! export `scorebook export` and the TUI's `e` both run.

use std::path::{Path, PathBuf};

use super::{Error, write_file};
use crate::clock::{Clock, Random, file_safe, random_id};
use crate::framework::format_points;
use crate::identity::Identity;
use crate::ids::ApplicantId;
use crate::lang::Lang;
use crate::program::Catalog;
use crate::review::{Applicant, Stage};
use crate::sheet::{self, ReviewerRef, SheetMeta, VerifyError};
use crate::workspace::Workspace;

/// What to export and where.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub applicant_id: ApplicantId,
    pub stage: Stage,
    pub draft: bool,
    /// A file, or an existing folder to put the default-named file in; None: current folder.
    pub output: Option<PathBuf>,
    /// Also write the printable HTML sheet.
    pub html: bool,
    /// Seal the signed sheet for transit to the round's leader (and office) (`export --seal`).
    pub seal: Option<SealTo>,
}

/// Whom a sealed sheet is for: the group leader of the applicant's round, and the award office
/// when the round names its recipient (第二十一条: the applicants' secrets are kept on the
/// way, e-mail included).
#[derive(Debug, Clone)]
pub struct SealTo {
    /// Who can open it, in the order sealed, for the messages.
    pub to: Vec<Addressee>,
    pub recipients: Vec<age::x25519::Recipient>,
}

/// One holder of a key a sealed sheet opens with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Addressee {
    /// The round's group leader (评审组长), by name.
    Leader(String),
    /// The acting leader (代理组长) the round names for this applicant, by name: they sign its
    /// consensus, so they merge its sheets.
    ActingLeader(String),
    /// The award office (评奖办公室), when the round names its recipient.
    Office,
}

/// The addressees of a sealed sheet of `applicant`: the round must be the applicant's (same
/// round id) and its signing leader must publish an age recipient. The award office is added
/// when the round names its recipient, and the applicant's acting leader when the round names
/// one who publishes a recipient. The leader stays an addressee even then: the leader's merge
/// of the round counts every sheet (a recused leader does not sign that applicant's consensus,
/// which the round enforces), and a sheet it cannot open would be reported as sealed for
/// another.
pub fn seal_for_round(
    round: &crate::round::VerifiedRound,
    applicant: &Applicant,
) -> Result<SealTo, Error> {
    let round_id = &round.round.round_id;
    let same = matches!(&applicant.origin, crate::review::Origin::Round { round_id: r, .. } if r == round_id);
    if !same {
        return Err(Error::SealOtherRound {
            applicant: applicant.id.to_string(),
            round: round.round.name.clone(),
        });
    }
    let leader = &round.signer;
    let recipient = leader
        .age_recipient
        .as_deref()
        .and_then(|r| crate::identity::parse_recipient(r).ok())
        .ok_or_else(|| Error::SealNoRecipient {
            leader: leader.name.clone(),
        })?;
    let mut seal = SealTo {
        to: vec![Addressee::Leader(leader.name.clone())],
        recipients: vec![recipient],
    };
    let acting = round
        .round
        .acting_leaders
        .iter()
        .find(|a| a.applicant == applicant.id.as_str())
        .and_then(|a| round.round.member(&a.public_key));
    if let Some(m) = acting
        && let Some(r) = m
            .age_recipient
            .as_deref()
            .and_then(|r| crate::identity::parse_recipient(r).ok())
    {
        seal.to.push(Addressee::ActingLeader(m.name.clone()));
        seal.recipients.push(r);
    }
    // Verified rounds hold the office's recipient in its one spelling (`bad-office-recipient`
    // otherwise), so it parses here.
    if let Some(r) = round
        .round
        .office_recipient
        .as_deref()
        .and_then(|r| crate::identity::parse_recipient(r).ok())
    {
        seal.to.push(Addressee::Office);
        seal.recipients.push(r);
    }
    Ok(seal)
}

/// What an export wrote.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The signed sheet.
    pub sheet_path: PathBuf,
    /// The printable sheet, when asked for.
    pub html_path: Option<PathBuf>,
    /// SHA-256 (hex) of the signed file.
    pub hash: String,
    pub version: u32,
    pub draft: bool,
    /// The total, exact, as a string.
    pub total: String,
    /// The content equals the last export of this applicant and stage: that signed file (and
    /// its version) was handed out again, no new version made.
    pub unchanged: bool,
    /// The sheet was written sealed to these (the hash is still the inner signed file's).
    pub sealed_to: Option<Vec<Addressee>>,
}

/// The applicant a person named: by id first, then by exact name.
pub fn find_applicant<'w>(ws: &'w Workspace, wanted: &str) -> Result<&'w Applicant, Error> {
    let wanted = wanted.trim();
    if let Some(a) = ws.applicant(wanted) {
        return Ok(a);
    }
    let by_name: Vec<&Applicant> = ws
        .applicants()
        .iter()
        .filter(|a| a.name == wanted)
        .collect();
    match by_name.as_slice() {
        [one] => Ok(one),
        [] => {
            // The README's tour exports the demo; it only exists once the app has been opened.
            let is_demo = crate::review::demo::DemoData::embedded()
                .is_ok_and(|d| d.id == wanted || d.name == wanted);
            if is_demo {
                return Err(Error::DemoNotCreated {
                    wanted: wanted.to_string(),
                });
            }
            Err(Error::NoApplicant {
                wanted: wanted.to_string(),
                known: ws
                    .applicants()
                    .iter()
                    .map(|a| format!("{} {}", a.id, a.name))
                    .collect(),
            })
        }
        _ => Err(Error::AmbiguousName {
            wanted: wanted.to_string(),
        }),
    }
}

/// Builds, signs, checks and writes one sheet; issues its version number only once the review
/// is known to export, so a refused export does not use up a version. `lang` is the language of
/// the printable sheet.
#[allow(clippy::too_many_arguments)]
pub fn export_sheet(
    ws: &Workspace,
    catalog: &Catalog,
    identity: &Identity,
    request: &ExportRequest,
    clock: &dyn Clock,
    random: &dyn Random,
    lang: Lang,
) -> Result<Exported, Error> {
    if ws.applicant(&request.applicant_id).is_none() {
        return Err(Error::NoApplicant {
            wanted: request.applicant_id.to_string(),
            known: Vec::new(),
        });
    }
    // Under the export lock, the applicant as saved on disk: never a window's stale copy.
    let exports = ws.lock_exports().map_err(Error::Version)?;
    let fresh = exports
        .applicant(&request.applicant_id)
        .map_err(Error::Version)?;
    let applicant = &fresh;
    let stage = request.stage;
    let review = applicant.review(stage).ok_or_else(|| Error::NoReview {
        applicant: applicant.id.to_string(),
        stage,
    })?;
    let framework = catalog
        .framework_by_hash(&review.framework_hash)
        .or_else(|| catalog.framework(&review.framework))
        .ok_or_else(|| Error::FrameworkUnavailable {
            framework: review.framework.clone(),
        })?;
    let program = catalog
        .program(&applicant.program)
        .ok_or_else(|| Error::ProgramUnavailable {
            program: applicant.program.clone(),
        })?;

    let mut meta = SheetMeta {
        reviewer: ReviewerRef {
            name: identity.name().to_string(),
            public_key: identity.public_info().public_key,
        },
        version: 1,
        sheet_id: random_id(random)?,
        created_at: clock.timestamp(),
        draft: request.draft,
    };
    // Build once to learn whether the review can be exported at all.
    let probe =
        sheet::build(applicant, stage, framework, program, meta.clone()).map_err(Error::Build)?;
    let last_path = last_export_path(ws.home(), &applicant.id, stage);
    if let Some((last, bytes)) = last_export(&last_path, &probe, ws.at_rest()) {
        return hand_out_again(request, &last, &bytes, framework, program, lang);
    }
    meta.version = exports
        .next_version(&applicant.id, stage)
        .map_err(Error::Version)?;
    let built = sheet::build(applicant, stage, framework, program, meta).map_err(Error::Build)?;
    let bytes = sheet::sign_sheet(&built, identity.signing_key()).map_err(Error::Sign)?;

    // Never hand out a file this build would not accept.
    let hash = match sheet::verify_sheet(&bytes, catalog, None) {
        Ok(ok) => ok.envelope.hash,
        Err(VerifyError::Draft) if built.draft => sheet::document_hash(&bytes),
        Err(e) => return Err(Error::SelfCheck(e)),
    };

    let default_name = sealed_name(
        file_name(&applicant.id, stage, built.version, built.draft),
        request,
    );
    let (sheet_path, html_path) = output_paths(request, &default_name);
    // A file the reviewer named is theirs to replace; a default name never replaces a sheet.
    let named = request.output.as_ref().is_some_and(|p| !p.is_dir()) && !request.html;
    write_file(&sheet_path, &sealed(&bytes, request), Some(0o644), named)?;
    if let Some(h) = &html_path {
        let page = crate::report::sheet_html::render(&built, &framework.doc, program, &hash, lang);
        write_file(h, page.as_bytes(), Some(0o644), true)?;
    }
    // The record the next export compares with; the sheet itself is already out. In an
    // encrypted home it is sealed to the data key like the applicant it was signed from.
    write_file(
        &last_path,
        &ws.at_rest().encode(bytes.clone()),
        Some(0o644),
        true,
    )?;
    Ok(Exported {
        sheet_path,
        html_path,
        hash,
        version: built.version,
        draft: built.draft,
        total: format_points(built.total),
        unchanged: false,
        sealed_to: request.seal.as_ref().map(|s| s.to.clone()),
    })
}

/// `NAME.age` when the sheet is sealed: the age format's own extension, so `age -d` / `rage -d`
/// and a mail client both see what it is.
fn sealed_name(name: String, request: &ExportRequest) -> String {
    if request.seal.is_some() {
        format!("{name}.age")
    } else {
        name
    }
}

/// The bytes to write: the signed sheet, sealed when asked.
fn sealed(bytes: &[u8], request: &ExportRequest) -> Vec<u8> {
    match &request.seal {
        Some(to) => crate::identity::vault::seal(bytes, &to.recipients),
        None => bytes.to_vec(),
    }
}

/// Where the last signed export of an applicant's stage is kept:
/// `<home>/exported/<applicant>-<stage>.sheet.json`.
pub fn last_export_path(home: &Path, applicant_id: &str, stage: Stage) -> PathBuf {
    home.join("exported").join(format!(
        "{}-{}.sheet.json",
        file_safe(applicant_id),
        stage.cli_name()
    ))
}

/// The last export, when its content equals `fresh` but for the sheet id, version and time:
/// re-exporting it must not make a new version (a merge would then reopen every agreed item).
fn last_export(
    path: &Path,
    fresh: &sheet::Sheet,
    at_rest: &crate::workspace::AtRest,
) -> Option<(sheet::Sheet, Vec<u8>)> {
    let bytes = at_rest.decode(std::fs::read(path).ok()?).ok()?;
    let envelope = sheet::verify_document(&bytes).ok()?;
    let mut last = sheet::parse_sheet(&envelope).ok()?;
    let kept = (last.sheet_id.clone(), last.version, last.created_at.clone());
    last.sheet_id.clone_from(&fresh.sheet_id);
    last.version = fresh.version;
    last.created_at.clone_from(&fresh.created_at);
    if last != *fresh {
        return None;
    }
    (last.sheet_id, last.version, last.created_at) = kept;
    Some((last, bytes))
}

/// Writes the last export's signed bytes where this request asked (nothing new is signed).
fn hand_out_again(
    request: &ExportRequest,
    last: &sheet::Sheet,
    bytes: &[u8],
    framework: &crate::program::Loaded<crate::framework::Framework>,
    program: &crate::program::Loaded<crate::program::Program>,
    lang: Lang,
) -> Result<Exported, Error> {
    let hash = sheet::document_hash(bytes);
    let default_name = sealed_name(
        file_name(&last.applicant.id, last.stage, last.version, last.draft),
        request,
    );
    let (sheet_path, html_path) = output_paths(request, &default_name);
    if request.seal.is_some() {
        // Sealing is randomised: the same signed sheet sealed again, over the earlier one.
        write_file(&sheet_path, &sealed(bytes, request), Some(0o644), true)?;
    } else if std::fs::read(&sheet_path).ok().as_deref() != Some(bytes) {
        // The same bytes already there: nothing to write.
        let named = request.output.as_ref().is_some_and(|p| !p.is_dir()) && !request.html;
        write_file(&sheet_path, bytes, Some(0o644), named)?;
    }
    if let Some(h) = &html_path {
        let page = crate::report::sheet_html::render(last, &framework.doc, program, &hash, lang);
        write_file(h, page.as_bytes(), Some(0o644), true)?;
    }
    Ok(Exported {
        sheet_path,
        html_path,
        hash,
        version: last.version,
        draft: last.draft,
        total: format_points(last.total),
        unchanged: true,
        sealed_to: request.seal.as_ref().map(|s| s.to.clone()),
    })
}

/// Where the signed sheet (and, with `html`, the printable page) of an export go: `-o` a folder
/// (the default name in it), a file, or nothing (the default name here).
fn output_paths(request: &ExportRequest, default_name: &str) -> (PathBuf, Option<PathBuf>) {
    match (&request.output, request.html) {
        (Some(p), false) if p.is_dir() => (p.join(default_name), None),
        (Some(p), false) => (p.clone(), None),
        (Some(p), true) if p.is_dir() => {
            let s = p.join(default_name);
            (s.clone(), Some(html_beside(&s)))
        }
        (Some(p), true) => {
            let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
            (dir.join(default_name), Some(p.clone()))
        }
        (None, html) => {
            let s = PathBuf::from(default_name);
            let h = html.then(|| html_beside(&s));
            (s, h)
        }
    }
}

/// `X.sheet.json` (or sealed `X.sheet.json.age`) → `X.html`.
fn html_beside(sheet: &Path) -> PathBuf {
    let plain = if sheet.extension().is_some_and(|e| e == "age") {
        sheet.with_extension("")
    } else {
        sheet.to_path_buf()
    };
    plain.with_extension("").with_extension("html")
}

/// `<applicant>-<stage>-v<version>[-draft].sheet.json`, the applicant id made file-safe.
pub fn file_name(applicant_id: &str, stage: Stage, version: u32, draft: bool) -> String {
    let draft = if draft { "-draft" } else { "" };
    format!(
        "{}-{}-v{version}{draft}.sheet.json",
        file_safe(applicant_id),
        stage.cli_name()
    )
}

/// What a recusal export wrote.
#[derive(Debug, Clone)]
pub struct ExportedRecusal {
    pub path: PathBuf,
    /// SHA-256 (hex) of the signed file.
    pub hash: String,
}

/// `<number>-<reviewer>-recusal.json`, both made file-safe.
pub fn recusal_file_name(number: &str, reviewer: &str) -> String {
    format!("{}-{}-recusal.json", file_safe(number), file_safe(reviewer))
}

/// The signed recusal record (回避声明, 第十四条、第二十一条) of a round applicant the reviewer
/// declared a relationship with: what the leader's merge counts instead of a sheet. Written
/// into `dir` as [`recusal_file_name`], never over an existing file. The applicant is read as
/// saved on disk, under the export lock.
pub fn export_recusal(
    ws: &Workspace,
    catalog: &Catalog,
    identity: &Identity,
    applicant_id: &str,
    dir: &Path,
    clock: &dyn Clock,
    random: &dyn Random,
) -> Result<ExportedRecusal, Error> {
    if ws.applicant(applicant_id).is_none() {
        return Err(Error::NoApplicant {
            wanted: applicant_id.to_string(),
            known: Vec::new(),
        });
    }
    let exports = ws.lock_exports().map_err(Error::Version)?;
    let a = exports.applicant(applicant_id).map_err(Error::Version)?;
    let (round, relationship, declared_at) = match (&a.origin, &a.conflict) {
        (
            crate::review::Origin::Round {
                round_id,
                round_version,
                round_hash,
            },
            crate::review::ConflictDeclaration::Conflict {
                relationship,
                declared_at,
            },
        ) => (
            sheet::RoundRef {
                id: round_id.clone(),
                version: *round_version,
                hash: round_hash.clone(),
            },
            relationship.clone(),
            declared_at.clone(),
        ),
        _ => {
            return Err(Error::NotRecused {
                applicant: a.id.to_string(),
            });
        }
    };
    let program = catalog
        .program(&a.program)
        .ok_or_else(|| Error::ProgramUnavailable {
            program: a.program.clone(),
        })?;
    let kind = program
        .doc
        .track(&a.track)
        .map(|t| t.applicant_kind)
        .ok_or_else(|| Error::ProgramUnavailable {
            program: format!("{} / {}", a.program, a.track),
        })?;
    let record = sheet::Recusal {
        format: sheet::RECUSAL_FORMAT.into(),
        format_version: sheet::RECUSAL_FORMAT_VERSION,
        kind: sheet::DocumentKind::Recusal,
        record_id: random_id(random)?,
        created_at: clock.timestamp(),
        program: sheet::DocRef {
            id: program.doc.id.clone(),
            edition: program.doc.edition.clone(),
            hash: program.hash.clone(),
        },
        round,
        applicant: sheet::ApplicantRef {
            id: a.id.clone(),
            name: a.name.clone(),
            kind,
        },
        reviewer: ReviewerRef {
            name: identity.name().to_string(),
            public_key: identity.public_info().public_key,
        },
        relationship,
        declared_at,
    };
    let bytes = sheet::sign_recusal(&record, identity.signing_key()).map_err(Error::Sign)?;
    // Never hand out a file this build would not accept.
    let verified = sheet::verify_recusal(&bytes).map_err(Error::SelfCheck)?;
    let path = dir.join(recusal_file_name(&a.id, identity.name()));
    write_file(&path, &bytes, Some(0o644), false)?;
    Ok(ExportedRecusal {
        path,
        hash: verified.envelope.hash,
    })
}

/// Whether the applicant's export is a recusal record rather than a sheet: a round applicant
/// with a declared relationship (有利害关系).
pub fn exports_recusal(a: &Applicant) -> bool {
    matches!(a.origin, crate::review::Origin::Round { .. })
        && matches!(
            a.conflict,
            crate::review::ConflictDeclaration::Conflict { .. }
        )
}
