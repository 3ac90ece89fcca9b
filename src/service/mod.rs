//! The use-cases both front ends call (用例): export a sheet, read and write a merge folder,
//! build-sign-check-write a consensus sheet, merge a panel's sheets, rank merge folders, and
//! read a sheet file the one way `verify` and `merge` both accept it.
//!
//! They take values — the workspace, the catalog, an identity, paths, a [`crate::clock::Clock`]
//! and a [`crate::clock::Random`] — and return typed results. A failure is an [`Error`]: codes
//! and fields, no words; [`crate::i18n::service`] words it in the interface language (its
//! `Display` is the English wording, for logs and for `?` into `anyhow`).
//!
//! Imports: `service` sits above `report` and below `cli` and `tui`; it never imports either.

use std::fmt;
use std::path::PathBuf;

use crate::clock::RandomError;
use crate::identity::IdentityError;
use crate::lang::Lang;
use crate::panel::Exclusion;
use crate::panel::consensus::ConsensusError;
use crate::panel::roster::SignedRosterError;
use crate::report::ReportError;
use crate::review::Stage;
use crate::sheet::{BuildError, SignError, VerifyError};
use crate::workspace::WorkspaceError;

pub mod accept;
pub mod award_list;
pub mod comment_rules;
pub mod consensus;
pub mod export;
pub mod merge;
pub mod panel_dir;
pub mod rank;
pub mod round;
pub mod round_import;
pub mod seal;
pub mod supervision;
pub mod synthesis;
pub mod unlock;

/// The round a merge folder holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundOf {
    pub dir: PathBuf,
    pub program: String,
    pub round: String,
}

/// Why a use-case did not complete. Each variant carries the fields its wording needs.
#[derive(Debug)]
pub enum Error {
    /// This home has no signing key yet.
    NoKey,
    Identity(IdentityError),
    Random(RandomError),
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An explicitly named output file exists; it is never overwritten.
    Exists {
        path: PathBuf,
    },
    /// A JSON file that does not parse as what it should hold.
    Json {
        path: PathBuf,
        at: String,
        line: usize,
        message: String,
    },
    /// What this build wrote does not pass its own checks: a bug, never the user's fault.
    Internal(String),

    // Export (导出评分表).
    NoApplicant {
        wanted: String,
        /// `id name` of every applicant in the workspace.
        known: Vec<String>,
    },
    /// The README's demo applicant, asked for before the app created it.
    DemoNotCreated {
        wanted: String,
    },
    AmbiguousName {
        wanted: String,
    },
    NoReview {
        applicant: String,
        stage: Stage,
    },
    FrameworkUnavailable {
        framework: String,
    },
    ProgramUnavailable {
        program: String,
    },
    /// A recusal record (回避声明) asked for an applicant that is not from a round, or has no
    /// declared relationship.
    NotRecused {
        applicant: String,
    },
    Build(BuildError),
    Version(WorkspaceError),
    Sign(SignError),
    SelfCheck(VerifyError),

    // The merge folder (汇总目录).
    NoPanel {
        dir: PathBuf,
    },
    /// `panel.json` does not add up or names sheets it did not use (`panel::audit`).
    Audit {
        dir: PathBuf,
        source: Box<crate::panel::audit::AuditError>,
    },
    /// `panel.json` written by another format version: merge again.
    PanelVersion(crate::panel::OtherPanelVersion),
    RosterRefused {
        path: PathBuf,
        source: SignedRosterError,
    },
    /// The round file (评审轮次) does not verify.
    RoundRefused {
        path: PathBuf,
        source: crate::round::RoundError,
    },
    SheetCopyMissing {
        path: PathBuf,
        source: std::io::Error,
    },
    SheetCopyAltered {
        path: PathBuf,
    },
    SheetCopyInvalid {
        path: PathBuf,
        why: Box<Exclusion>,
    },
    NotADraftFile {
        path: PathBuf,
        format: String,
    },
    /// The consensus draft is sealed and did not open: sealed in another home, cut short or
    /// altered, or this home has no unlocked data key.
    DraftUnreadable {
        path: PathBuf,
        reason: crate::workspace::Unreadable,
    },

    // Consensus (合议).
    UnknownFrameworkHash {
        dir: PathBuf,
        applicant: String,
        hash: String,
    },
    NothingToAgree {
        dir: PathBuf,
    },
    NoSuchApplicant,
    NotLeader,
    /// The round names an acting leader (代理组长) for this applicant: only they sign its
    /// consensus (第二十一条).
    ActingLeaderSigns {
        applicant: String,
        acting: String,
    },
    /// The leader is recused from this applicant (第二十一条): another member must sign.
    LeaderRecused(crate::panel::consensus::LeaderRecused),
    NoSheetsUsed,
    Consensus(ConsensusError),
    ConsensusSelfCheck(Exclusion),

    // Merge (汇总).
    RosterProgramUnknown {
        path: PathBuf,
        program: String,
    },
    NoFiles,
    Reports(ReportError),
    ChangedDuringMerge {
        path: String,
    },

    // Sealed sheets (密封评分表).
    /// `export --seal` with a round the applicant was not imported from.
    SealOtherRound {
        applicant: String,
        round: String,
    },
    /// The round's leader published no age recipient (a member file from before sealing).
    SealNoRecipient {
        leader: String,
    },

    // Rank (排序).
    /// Merge folders of different rounds: `this` is not of the round of `first`.
    MixedRounds {
        this: Box<RoundOf>,
        first: Box<RoundOf>,
    },
    AlsoElsewhere {
        dir: PathBuf,
        applicant: String,
        track: String,
        stage: Stage,
        total: String,
    },
    NoFolder,

    // The overall evaluation's inputs (综合评价, synthesis.json).
    /// `synthesis.json` of another format.
    NotASynthesisFile {
        path: PathBuf,
        format: String,
    },
    /// A text file that is not UTF-8.
    NotText {
        path: PathBuf,
    },
    /// A text refused by the synthesis rules (empty, too long, binary).
    SynthesisText {
        path: PathBuf,
        source: crate::panel::synthesis::SynthesisError,
    },
    /// No applicant of the merge folder has this application number or name.
    UnknownApplicant {
        dir: PathBuf,
        wanted: String,
    },
    /// The applicant has no site-review result in the folder: the overall evaluation covers
    /// the applicants who had a site review (第十八条(五)).
    NoSiteResult {
        dir: PathBuf,
        applicant: String,
    },
    /// `merge --document DIR` names a folder of another programme or round.
    DocumentOtherRound {
        dir: PathBuf,
        program: String,
        round: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::service::error(Lang::En, self))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Identity(e) => Some(e),
            Error::Random(e) => Some(e),
            Error::Read { source, .. }
            | Error::Write { source, .. }
            | Error::SheetCopyMissing { source, .. } => Some(source),
            Error::Build(e) => Some(e),
            Error::Version(e) => Some(e),
            Error::Sign(e) => Some(e),
            Error::SelfCheck(e) => Some(e),
            Error::RosterRefused { source, .. } => Some(source),
            Error::RoundRefused { source, .. } => Some(source),
            Error::Consensus(e) => Some(e),
            Error::Reports(e) => Some(e),
            Error::SynthesisText { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Error {
    /// The error in `lang`, as a front end shows it.
    pub fn message(&self, lang: Lang) -> String {
        crate::i18n::service::error(lang, self)
    }
}

impl From<RandomError> for Error {
    fn from(e: RandomError) -> Error {
        Error::Random(e)
    }
}

impl From<IdentityError> for Error {
    fn from(e: IdentityError) -> Error {
        Error::Identity(e)
    }
}

/// The reviewer's key in `home`; [`Error::NoKey`] when none was made yet.
pub fn identity(home: &std::path::Path) -> Result<crate::identity::Identity, Error> {
    crate::identity::Identity::load(home)?.ok_or(Error::NoKey)
}

/// Writes a file atomically; an existing file is replaced only when `overwrite`, otherwise it
/// is [`Error::Exists`] and left untouched.
pub(crate) fn write_file(
    path: &std::path::Path,
    bytes: &[u8],
    mode: Option<u32>,
    overwrite: bool,
) -> Result<(), Error> {
    crate::identity::write_atomic(path, bytes, mode, overwrite).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Exists {
                path: path.to_path_buf(),
            }
        } else {
            Error::Write {
                path: path.to_path_buf(),
                source,
            }
        }
    })
}
