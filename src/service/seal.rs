//! The round a reviewer imported, kept in the home (`<home>/rounds/<round id>.json`, the signed
//! file as imported, encrypted at rest in an encrypted home like the applicants it lists), so
//! that a sheet can be sealed to that round's leader (密封发送给组长, 第二十一条) without the
//! reviewer finding the round file again: the TUI's export and `export --seal` without
//! `--round` both read it here. What it holds is re-verified at every read: the recipients a
//! sheet is sealed to always come from the leader's signature, never from an unsigned copy.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Error;
use super::export::{Addressee, SealTo, seal_for_round};
use crate::ids::{ApplicantId, RoundId};
use crate::review::{Applicant, Origin};
use crate::round::{VerifiedRound, verify_round};
use crate::workspace::{AtRest, Workspace};

/// Where the round with this id is kept.
pub fn kept_round_path(home: &Path, round_id: &str) -> PathBuf {
    home.join("rounds")
        .join(format!("{}.json", crate::clock::file_safe(round_id)))
}

/// Keeps the signed round file (`bytes`, already verified by the import) in the home; a newer
/// version of the same round replaces the older one.
pub fn keep_round(
    home: &Path,
    at_rest: &AtRest,
    round_id: &str,
    bytes: &[u8],
) -> Result<(), Error> {
    let path = kept_round_path(home, round_id);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    super::write_file(&path, &at_rest.encode(bytes.to_vec()), Some(0o644), true)
}

/// Whether a sheet of an applicant can be sealed, and for whom; or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealState {
    /// Sealed to these (the leader first).
    Available(Vec<Addressee>),
    Unavailable(Unavailable),
}

/// What is wrong with a kept round file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeptFault {
    Io {
        kind: std::io::ErrorKind,
        text: String,
    },
    /// It did not open (an encrypted home locked, a damaged file).
    AtRest(crate::workspace::Unreadable),
    /// It opened but does not verify as a round.
    Round(crate::round::RoundError),
}

/// Why a sheet cannot be sealed here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// Added on this laptop: no round, no leader to seal to.
    NotFromRound,
    /// Imported before this home kept rounds (or the file was removed): import it again.
    RoundNotKept { round_id: RoundId },
    /// The kept round does not open or verify (damaged, the workspace locked).
    RoundUnreadable { path: PathBuf, why: KeptFault },
    /// The round's leader publishes no age recipient (a member file from before sealing).
    NoRecipient { leader: String },
}

impl Unavailable {
    /// The stable machine name.
    pub fn code(&self) -> &'static str {
        match self {
            Unavailable::NotFromRound => "seal-not-from-round",
            Unavailable::RoundNotKept { .. } => "seal-round-not-kept",
            Unavailable::RoundUnreadable { .. } => "seal-round-unreadable",
            Unavailable::NoRecipient { .. } => "seal-no-recipient",
        }
    }
}

/// The kept round an applicant was imported from, verified.
pub fn kept_round_of(
    home: &Path,
    at_rest: &AtRest,
    applicant: &Applicant,
) -> Result<VerifiedRound, Unavailable> {
    let Origin::Round { round_id, .. } = &applicant.origin else {
        return Err(Unavailable::NotFromRound);
    };
    let path = kept_round_path(home, round_id);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Unavailable::RoundNotKept {
                round_id: round_id.clone(),
            });
        }
        Err(e) => {
            return Err(Unavailable::RoundUnreadable {
                path,
                why: KeptFault::Io {
                    kind: e.kind(),
                    text: e.to_string(),
                },
            });
        }
    };
    let bytes = match at_rest.decode(bytes) {
        Ok(b) => b,
        Err(e) => {
            return Err(Unavailable::RoundUnreadable {
                path,
                why: KeptFault::AtRest(e),
            });
        }
    };
    verify_round(&bytes).map_err(|e| Unavailable::RoundUnreadable {
        path,
        why: KeptFault::Round(e),
    })
}

/// The addressees of a sealed sheet of `applicant` from the round kept in the home.
pub fn seal_from_kept(ws: &Workspace, applicant: &Applicant) -> Result<SealTo, Unavailable> {
    let round = kept_round_of(ws.home(), ws.at_rest(), applicant)?;
    match seal_for_round(&round, applicant) {
        Ok(to) => Ok(to),
        Err(Error::SealNoRecipient { leader }) => Err(Unavailable::NoRecipient { leader }),
        // The kept round is filed under the applicant's own round id, so it is that round:
        // `seal_for_round`'s other refusal means the file is not what its name says.
        Err(_) => Err(Unavailable::RoundNotKept {
            round_id: round.round.round_id,
        }),
    }
}

/// Every applicant's [`SealState`], each kept round read and verified once (a home of one
/// round costs one verification, under a millisecond): what the TUI shows at the export.
pub fn seal_states(ws: &Workspace) -> BTreeMap<ApplicantId, SealState> {
    let mut rounds: BTreeMap<RoundId, Result<VerifiedRound, Unavailable>> = BTreeMap::new();
    let mut states = BTreeMap::new();
    for a in ws.applicants() {
        let state = match &a.origin {
            Origin::Local => SealState::Unavailable(Unavailable::NotFromRound),
            Origin::Round { round_id, .. } => {
                let kept = rounds
                    .entry(round_id.clone())
                    .or_insert_with(|| kept_round_of(ws.home(), ws.at_rest(), a));
                match kept {
                    Ok(round) => match seal_for_round(round, a) {
                        Ok(to) => SealState::Available(to.to),
                        Err(Error::SealNoRecipient { leader }) => {
                            SealState::Unavailable(Unavailable::NoRecipient { leader })
                        }
                        Err(_) => SealState::Unavailable(Unavailable::RoundNotKept {
                            round_id: round_id.clone(),
                        }),
                    },
                    Err(why) => SealState::Unavailable(why.clone()),
                }
            }
        };
        states.insert(a.id.clone(), state);
    }
    states
}
