//! The reviewer imports the round (导入评审轮次): the award office's applicants, with their
//! office numbers (申报编号), become this laptop's applicants, so every reviewer of the panel
//! scores the same applicant under the same id and name (measures 第九条, 第十八条). The one
//! import `scorebook round import` and the TUI's `i` both run.
//!
//! The import is planned first ([`plan_import`]: every check, nothing written) and then applied
//! ([`apply_import`]): a refused import changes nothing. Re-importing a newer version of the
//! same round (the site-review shortlist, 第十八条(三)) keeps every word already written; an
//! applicant the round no longer lists is kept when the reviewer has worked on it (and the
//! reviewer is told), and otherwise moved to `removed/`. A reviewer registered as an
//! applicant's coaching expert (指导专家, 第十四条) has the conflict (回避声明) declared for them.

use std::path::{Path, PathBuf};

use crate::identity::MemberInfo;
use crate::ids::RoundId;
use crate::lang::Lang;
use crate::program::Catalog;
use crate::review::{Applicant, ConflictDeclaration, Origin};
use crate::round::{
    Round, RoundError, RoundMember, RoundWarning, VerifiedRound, check_catalog, verify_round,
};
use crate::workspace::{Workspace, WorkspaceError};

/// Why a round was not imported. Nothing was written, except for [`ImportError::Save`], which
/// names the file that failed (running the import again finishes it). Each variant has a
/// stable [`ImportError::code`]; [`crate::i18n::round_import`] words it.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file does not verify as a round signed by its group leader.
    #[error("{path} is not a valid round file: {error}")]
    Invalid { path: PathBuf, error: RoundError },
    /// The round names a programme, track or framework edition this build does not know (a
    /// round for another programme).
    #[error("the round does not fit this build's programmes: {0}")]
    Catalog(RoundError),
    /// An older version of a round already imported: importing it would undo the newer one.
    #[error("this is version {given} of round {round}, but version {imported} is already imported")]
    Older {
        round: String,
        imported: u32,
        given: u32,
    },
    /// The same version as imported, but another file: two different rounds with one version.
    #[error(
        "version {version} of round {round} was imported from another file (hash {imported}); this one is {given}"
    )]
    SameVersionDiffers {
        round: String,
        version: u32,
        imported: String,
        given: String,
    },
    /// Office numbers equal to the ids of applicants added by hand on this laptop.
    #[error("applicants added on this laptop already use these ids: {}", .0.join(", "))]
    LocalIds(Vec<String>),
    /// Office numbers held by applicants of another round.
    #[error("applicants of another round already use these numbers: {}", .0.join(", "))]
    OtherRound(Vec<String>),
    /// The round moves an applicant to a track scored on another framework than the one its
    /// review is on: the words written could not be kept.
    #[error(
        "applicant {number}: the round moves it from track {from} to {to}, scored on another framework"
    )]
    TrackChanged {
        number: String,
        from: String,
        to: String,
    },
    #[error("cannot open the workspace: {0}")]
    Workspace(WorkspaceError),
    #[error("saving the imported applicants failed: {0}")]
    Save(WorkspaceError),
    /// The applicants are saved; keeping the round file beside them failed (importing again
    /// finishes it).
    #[error("keeping the round file failed: {0}")]
    Keep(Box<super::Error>),
}

impl ImportError {
    /// A stable machine name for the refusal.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Read { .. } => "read",
            ImportError::Invalid { .. } => "invalid-round",
            ImportError::Catalog(_) => "unknown-program",
            ImportError::Older { .. } => "older-version",
            ImportError::SameVersionDiffers { .. } => "same-version-differs",
            ImportError::LocalIds(_) => "local-id-taken",
            ImportError::OtherRound(_) => "other-round",
            ImportError::TrackChanged { .. } => "track-changed",
            ImportError::Workspace(_) => "workspace",
            ImportError::Save(_) => "save",
            ImportError::Keep(_) => "keep-round",
        }
    }

    /// The refusal in `lang`, as a front end shows it.
    pub fn message(&self, lang: Lang) -> String {
        crate::i18n::round_import::error(lang, self)
    }
}

/// What to import, for whom, when.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    /// The round file, named in messages.
    pub path: PathBuf,
    /// This home's reviewer (name and key), when it has a key: matched to the round's panel by
    /// key, for the coaching experts' automatic recusal.
    pub reviewer: Option<MemberInfo>,
    /// RFC 3339 time of the import: new applicants' creation and automatic declarations.
    pub now: String,
    /// The language the automatic relationship (利害关系) is recorded in.
    pub lang: Lang,
}

/// What an import did (or, from [`plan_import`], will do). Lists hold office numbers in the
/// round's order (kept and removed ones in the workspace's order).
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub round_id: RoundId,
    pub round_name: String,
    pub version: u32,
    /// SHA-256 of the round file.
    pub hash: String,
    /// The group leader who signed this version.
    pub signer: String,
    /// New applicants.
    pub added: Vec<String>,
    /// Applicants already here whose name, track or round version changed; their work is kept.
    pub updated: Vec<String>,
    /// Applicants already here at this very version.
    pub unchanged: Vec<String>,
    /// Applicants the round no longer lists that hold the reviewer's work: kept.
    pub kept: Vec<String>,
    /// Applicants the round no longer lists, untouched: moved to `removed/` (the backup's path
    /// once applied).
    pub removed: Vec<(String, Option<PathBuf>)>,
    /// Conflicts declared by this import: the reviewer is the applicant's registered coaching
    /// expert (第十四条).
    pub recused: Vec<String>,
    /// The reviewer as the round's panel lists them; `None` when this key is not on the panel
    /// (or the home has no key yet).
    pub member: Option<RoundMember>,
    /// The site-review shortlist (现场评审名单), when the round has one.
    pub shortlist: Option<Vec<String>>,
    /// Dates outside the programme's validity (第二十九条) and the like.
    pub warnings: Vec<RoundWarning>,
}

/// A checked import, ready to apply.
#[derive(Debug, Clone)]
pub struct ImportPlan {
    pub summary: Imported,
    /// Every applicant to write (new or changed), in the round's order.
    save: Vec<Applicant>,
    /// Dropped, untouched applicants to move to `removed/`.
    remove: Vec<String>,
    /// The signed round file, kept in the home once applied (`service::seal`: the leader a
    /// sheet is sealed to comes from it). None when planned from a round already verified.
    round_file: Option<Vec<u8>>,
}

/// Reads the round file and plans its import into `ws`: verifies it (signature, form, a leader
/// signed it), checks it against the catalogue, and against what the workspace holds. Nothing
/// is written.
pub fn plan_import(
    ws: &Workspace,
    catalog: &Catalog,
    request: &ImportRequest,
) -> Result<ImportPlan, ImportError> {
    let bytes = read(&request.path)?;
    let verified = verify_round(&bytes).map_err(|error| ImportError::Invalid {
        path: request.path.clone(),
        error,
    })?;
    let mut plan = plan_verified(ws.applicants(), catalog, verified, request)?;
    plan.round_file = Some(bytes);
    Ok(plan)
}

fn read(path: &Path) -> Result<Vec<u8>, ImportError> {
    // The envelope check refuses anything larger than a signed document may be.
    std::fs::read(path).map_err(|source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// [`plan_import`] for a round already verified, against the applicants a workspace holds.
pub fn plan_verified(
    applicants: &[Applicant],
    catalog: &Catalog,
    verified: VerifiedRound,
    request: &ImportRequest,
) -> Result<ImportPlan, ImportError> {
    let warnings = check_catalog(&verified.round, catalog).map_err(ImportError::Catalog)?;
    let round = &verified.round;
    check_version(applicants, &verified)?;
    check_collisions(applicants, round)?;

    let origin = Origin::Round {
        round_id: round.round_id.clone(),
        round_version: round.version,
        round_hash: verified.hash.clone(),
    };
    let member = request
        .reviewer
        .as_ref()
        .and_then(|r| round.member(&r.public_key))
        .cloned();
    let coached: Vec<&str> = member
        .as_ref()
        .map(|m| round.must_recuse(&m.name))
        .unwrap_or_default();
    let relationship = crate::i18n::round_import::coach_relationship(request.lang);

    let mut summary = Imported {
        round_id: round.round_id.clone(),
        round_name: round.name.clone(),
        version: round.version,
        hash: verified.hash.clone(),
        signer: verified.signer.name.clone(),
        added: vec![],
        updated: vec![],
        unchanged: vec![],
        kept: vec![],
        removed: vec![],
        recused: vec![],
        member,
        shortlist: round.stages.site_review.clone(),
        warnings,
    };
    let mut save = Vec::new();
    for ra in &round.applicants {
        let track = round
            .track(&ra.track)
            .expect("a validated round has every applicant's track");
        let existing = applicants.iter().find(|a| a.id == ra.number);
        let mut a = match existing {
            Some(a) => {
                let mut a = a.clone();
                if a.track != ra.track {
                    let same_framework = std::iter::once(&a.document)
                        .chain(a.site.as_ref())
                        .all(|r| r.framework == track.framework.id);
                    if !same_framework {
                        return Err(ImportError::TrackChanged {
                            number: ra.number.to_string(),
                            from: a.track.clone(),
                            to: ra.track.clone(),
                        });
                    }
                    a.track = ra.track.clone();
                }
                a.name = ra.name.clone();
                a.program = round.program.id.clone();
                a.origin = origin.clone();
                a
            }
            None => {
                let mut a = Applicant::new(
                    &ra.number,
                    &ra.name,
                    &round.program.id,
                    &ra.track,
                    &track.framework.id,
                    &track.framework.hash,
                    &request.now,
                );
                a.origin = origin.clone();
                a
            }
        };
        if coached.contains(&ra.number.as_str())
            && !matches!(a.conflict, ConflictDeclaration::Conflict { .. })
        {
            a.declare_conflict(&relationship, &request.now)
                .expect("a non-empty relationship on an applicant without a conflict");
            summary.recused.push(ra.number.to_string());
        }
        match existing {
            None => {
                summary.added.push(ra.number.to_string());
                save.push(a);
            }
            Some(old) if *old == a => summary.unchanged.push(ra.number.to_string()),
            Some(_) => {
                summary.updated.push(ra.number.to_string());
                save.push(a);
            }
        }
    }
    let mut remove = Vec::new();
    for a in applicants {
        let ours =
            matches!(&a.origin, Origin::Round { round_id, .. } if *round_id == round.round_id);
        if !ours || round.applicant(&a.id).is_some() {
            continue;
        }
        if has_work(a) {
            summary.kept.push(a.id.to_string());
        } else {
            summary.removed.push((a.id.to_string(), None));
            remove.push(a.id.to_string());
        }
    }
    Ok(ImportPlan {
        summary,
        save,
        remove,
        round_file: None,
    })
}

/// Writes the plan: every new or changed applicant (each file atomically), then moves the
/// dropped untouched ones to `removed/`. With a background saver running, flush it and
/// `forget` the removed ids first.
pub fn apply_import(ws: &mut Workspace, plan: ImportPlan) -> Result<Imported, ImportError> {
    let ImportPlan {
        mut summary,
        save,
        remove,
        round_file,
    } = plan;
    ws.save_applicants(&save).map_err(ImportError::Save)?;
    if let Some(bytes) = &round_file {
        super::seal::keep_round(ws.home(), ws.at_rest(), &summary.round_id, bytes)
            .map_err(|e| ImportError::Keep(Box::new(e)))?;
    }
    for (id, path) in &mut summary.removed {
        debug_assert!(remove.contains(id));
        *path = Some(ws.remove_applicant(id).map_err(ImportError::Save)?);
    }
    Ok(summary)
}

/// Plans and applies in one go: the command line's import.
pub fn import_round(
    ws: &mut Workspace,
    catalog: &Catalog,
    request: &ImportRequest,
) -> Result<Imported, ImportError> {
    if ws.is_read_only() {
        return Err(ImportError::Workspace(WorkspaceError::ReadOnly {
            lock: ws.paths().lock.clone(),
        }));
    }
    let plan = plan_import(ws, catalog, request)?;
    apply_import(ws, plan)
}

/// Anything the reviewer recorded: a score, a comment, a key factor, an eligibility answer,
/// a started site review, or a declared relationship.
pub fn has_work(a: &Applicant) -> bool {
    !a.document.items.is_empty()
        || a.site.is_some()
        || !a.key_factors.is_empty()
        || !a.document.eligibility.is_empty()
        || matches!(a.conflict, ConflictDeclaration::Conflict { .. })
}

/// The newest version of this round already imported must not be newer than the file, nor the
/// same version from another file.
fn check_version(applicants: &[Applicant], verified: &VerifiedRound) -> Result<(), ImportError> {
    let round = &verified.round;
    let newest = applicants
        .iter()
        .filter_map(|a| match &a.origin {
            Origin::Round {
                round_id,
                round_version,
                round_hash,
            } if *round_id == round.round_id => Some((*round_version, round_hash)),
            _ => None,
        })
        .max_by_key(|(v, _)| *v);
    match newest {
        Some((v, _)) if v > round.version => Err(ImportError::Older {
            round: round.name.clone(),
            imported: v,
            given: round.version,
        }),
        Some((v, hash)) if v == round.version && *hash != verified.hash => {
            Err(ImportError::SameVersionDiffers {
                round: round.name.clone(),
                version: v,
                imported: hash.clone(),
                given: verified.hash.clone(),
            })
        }
        _ => Ok(()),
    }
}

/// Numbers already used by an applicant added by hand, or by one of another round. Compared
/// without regard to ASCII case: on a case-insensitive disk (macOS, Windows) `2025-m-01` and
/// `2025-M-01` would be one file.
fn check_collisions(applicants: &[Applicant], round: &Round) -> Result<(), ImportError> {
    let mut local = Vec::new();
    let mut other = Vec::new();
    for ra in &round.applicants {
        for a in applicants
            .iter()
            .filter(|a| a.id.eq_ignore_ascii_case(&ra.number))
        {
            match &a.origin {
                Origin::Local => local.push(ra.number.to_string()),
                Origin::Round { round_id, .. } if *round_id != round.round_id => {
                    other.push(ra.number.to_string())
                }
                Origin::Round { .. } if a.id != ra.number => local.push(ra.number.to_string()),
                Origin::Round { .. } => {}
            }
        }
    }
    if !local.is_empty() {
        return Err(ImportError::LocalIds(local));
    }
    if !other.is_empty() {
        return Err(ImportError::OtherRound(other));
    }
    Ok(())
}
