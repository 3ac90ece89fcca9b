//! Build, sign, check and write a consensus sheet (合议评分表) for one merged applicant.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::panel_dir::{self, consensus_path, load_sheets};
use super::{Error, write_file};
use crate::clock::{Clock, Random, random_id};
use crate::framework::Framework;
use crate::identity::Identity;
use crate::panel::consensus::{
    ConsensusDraft, ConsensusMeta, check_leader_not_recused, consensus_sheet,
};
use crate::panel::{ApplicantResult, check};
use crate::program::Catalog;
use crate::sheet::{ReviewerRef, band_label, sign_sheet};

/// Why a consensus window opens read-only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditDenied {
    /// Another consensus window holds the folder's lock.
    OtherSession,
    /// The folder's round (or roster) names another leader: this key is not the leader's.
    NotLeader,
    /// The folder names a panel, and this machine has no key to show it is the leader's.
    NoKey,
}

impl EditDenied {
    pub fn code(self) -> &'static str {
        match self {
            EditDenied::OtherSession => "other-session",
            EditDenied::NotLeader => "not-leader",
            EditDenied::NoKey => "no-key",
        }
    }
}

/// An open consensus session over a merge folder: while it holds the lock, no other window
/// edits the draft (the last to quit would otherwise silently win).
#[derive(Debug)]
pub struct Session {
    /// The lock on `OUT_DIR/consensus.lock`, held while editing; released on drop.
    _lock: Option<File>,
    /// None: this window may edit.
    pub denied: Option<EditDenied>,
}

/// Opens the one editing session a folder allows (same mechanism as the workspace lock, std
/// `File::try_lock`): a second window, or a key that is not the leader's of the folder's round
/// or roster, is read-only. Only the leader agrees the panel's consensus (组长负责制, 第九条).
pub fn open_session(dir: &Path, home: &Path) -> Result<Session, Error> {
    let has_panel =
        dir.join(panel_dir::ROUND_FILE).exists() || dir.join(panel_dir::ROSTER_FILE).exists();
    if has_panel {
        let members = panel_dir::load_panel_members(dir)?;
        let denied = match crate::service::identity(home) {
            Err(Error::NoKey) => Some(EditDenied::NoKey),
            Err(e) => return Err(e),
            Ok(me) => {
                let key = hex::encode(me.verifying_key().as_bytes());
                // An acting leader (代理组长) agrees the consensus of the applicants the round
                // names them for; the export refuses any other.
                let acting = folder_round(dir)?.is_some_and(|r| r.round.is_acting_leader(&key));
                (!members.is_leader(&key) && !acting).then_some(EditDenied::NotLeader)
            }
        };
        if denied.is_some() {
            return Ok(Session {
                _lock: None,
                denied,
            });
        }
    }
    let path = dir.join(panel_dir::CONSENSUS_LOCK);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
    match file.try_lock() {
        Ok(()) => Ok(Session {
            _lock: Some(file),
            denied: None,
        }),
        Err(TryLockError::WouldBlock) => Ok(Session {
            _lock: None,
            denied: Some(EditDenied::OtherSession),
        }),
        Err(TryLockError::Error(source)) => Err(Error::Write { path, source }),
    }
}

/// The round a merge folder was merged against (`round.json`), checked; None for a roster merge.
pub(super) fn folder_round(dir: &Path) -> Result<Option<crate::round::VerifiedRound>, Error> {
    let path = dir.join(panel_dir::ROUND_FILE);
    if !path.exists() {
        return Ok(None);
    }
    let bytes = panel_dir::read(&path)?;
    crate::round::verify_round(&bytes)
        .map(Some)
        .map_err(|source| Error::RoundRefused { path, source })
}

/// One applicant's consensus as the leader agreed it, and the merge it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Agreed<'a> {
    pub result: &'a ApplicantResult,
    pub framework: &'a Framework,
    pub draft: &'a ConsensusDraft,
}

/// What a consensus export wrote.
#[derive(Debug, Clone)]
pub struct ExportedConsensus {
    pub path: PathBuf,
    /// Items the leader never confirmed: exported at their starting percent (the median).
    pub unconfirmed: Vec<String>,
}

/// Signs the agreed consensus with the leader's key and writes it into the merge folder `dir`
/// (version = the draft's exported version + 1); returns its path. Refused unless the key is a
/// leader's on the folder's roster and the sheet passes the checks the merge applies.
pub fn export(
    dir: &Path,
    agreed: Agreed<'_>,
    identity: &Identity,
    catalog: &Catalog,
    clock: &dyn Clock,
    random: &dyn Random,
) -> Result<ExportedConsensus, Error> {
    let roster = panel_dir::load_panel_members(dir)?;
    let me = hex::encode(identity.verifying_key().as_bytes());
    let result = agreed.result;
    // Against a round, the one key that signs this applicant's consensus: the acting leader
    // it names for the applicant (the leader is recused, 第二十一条), else the leader.
    match folder_round(dir)? {
        Some(round) => {
            let signer = round.round.signer_for(&result.applicant_id);
            if signer != Some(me.as_str()) {
                let acting = round
                    .round
                    .acting_leaders
                    .iter()
                    .find(|a| a.applicant == result.applicant_id)
                    .and_then(|a| round.round.member(&a.public_key))
                    .map(|m| m.name.clone());
                return Err(match acting {
                    Some(name) => Error::ActingLeaderSigns {
                        applicant: result.applicant_id.to_string(),
                        acting: name,
                    },
                    None => Error::NotLeader,
                });
            }
        }
        None if !roster.is_leader(&me) => return Err(Error::NotLeader),
        None => {}
    }
    // 第二十一条: a leader recused from the applicant does not sign the panel's consensus on it.
    let panel = panel_dir::load_panel(dir)?;
    check_leader_not_recused(&panel, &roster, &me, &result.applicant_id)
        .map_err(Error::LeaderRecused)?;
    let first = &result.sources[..1.min(result.sources.len())];
    let template = load_sheets(dir, first, catalog)?;
    let template = template.first().ok_or(Error::NoSheetsUsed)?;
    let meta = ConsensusMeta {
        leader: ReviewerRef {
            name: identity.name().to_string(),
            public_key: me,
        },
        sheet_id: random_id(random)?,
        created_at: clock.timestamp(),
        version: agreed.draft.exported_version + 1,
    };
    let fw = agreed.framework;
    let sheet = consensus_sheet(agreed.draft, result, fw, template, meta, |p| {
        fw.band_for(p).map(band_label)
    })
    .map_err(Error::Consensus)?;
    let bytes = sign_sheet(&sheet, identity.signing_key()).map_err(Error::Sign)?;
    let path = consensus_path(dir, &result.applicant_id, result.stage);
    // The merge must count what is written: check it the merge's way first.
    check(path.display().to_string(), &bytes, catalog)
        .outcome
        .map_err(Error::ConsensusSelfCheck)?;
    write_file(&path, &bytes, None, true)?;
    Ok(ExportedConsensus {
        path,
        unconfirmed: agreed.draft.unconfirmed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_session_on_one_folder_is_read_only_until_the_first_ends() {
        let dir = tempfile::tempdir().unwrap();
        let home = tempfile::tempdir().unwrap();
        let first = open_session(dir.path(), home.path()).unwrap();
        assert_eq!(first.denied, None);
        let second = open_session(dir.path(), home.path()).unwrap();
        assert_eq!(second.denied, Some(EditDenied::OtherSession));
        drop(second);
        drop(first);
        let third = open_session(dir.path(), home.path()).unwrap();
        assert_eq!(third.denied, None);
    }
}
