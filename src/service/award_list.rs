//! Sign the award recommendation list (获奖建议名单, 第九条(二)) of a site-stage merge folder:
//! rank the folder (as `scorebook rank` does, `panel.json` confirmed first), build the list from
//! the site-review results, sign it with the round's leader key, check it the reader's way, and
//! write `award-list.json` (signed) and `award-list.html` (printable, 保密 on every page) beside
//! `panel.json`. Both are written atomically; a second run replaces them with a new list id.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::panel_dir::{self, ROUND_FILE};
use super::{Error, write_file};
use crate::clock::{Clock, Random, random_id};
use crate::identity::Identity;
use crate::panel::award_list::{
    AwardList, AwardListError, BuildError, ListMeta, build, sign_award_list, verify_award_list,
};
use crate::program::Catalog;
use crate::round::{VerifiedRound, verify_round};
use crate::sheet::{ReviewerRef, document_hash};

/// The signed list in a merge folder.
pub const AWARD_LIST_FILE: &str = "award-list.json";
/// Its printable form.
pub const AWARD_LIST_HTML: &str = "award-list.html";

/// The acting leader's list for one applicant (代理组长, 第二十一条), beside the panel's.
pub fn scoped_path(dir: &Path, number: &str) -> PathBuf {
    dir.join(format!(
        "award-list-{}.json",
        crate::clock::file_safe(number)
    ))
}

/// What `award-list` wrote.
#[derive(Debug, Clone)]
pub enum Written {
    /// The leader signed the panel's list.
    List(Box<WrittenList>),
    /// An acting leader signed their applicants' entries (`award-list-<number>.json`), for the
    /// leader's list to name.
    Endorsed(Vec<(String, PathBuf)>),
}

/// The panel's list as written.
#[derive(Debug, Clone)]
pub struct WrittenList {
    pub list: AwardList,
    pub json: PathBuf,
    pub html: PathBuf,
    /// SHA-256 of the signed file.
    pub hash: String,
}

/// Why the list was not signed.
#[derive(Debug)]
pub enum ListError {
    /// A use-case failure shared with the other commands (reading the folder, ranking, keys).
    Service(Error),
    /// The folder was merged against a roster, not a round: the list names its round.
    NoRound { dir: PathBuf },
    /// No site-review results in the folder.
    Build(BuildError),
    /// The list does not pass its own checks (the signer is not the round's leader, …).
    Refused(AwardListError),
    /// The leader's list waits for an acting leader's signed entry (`award-list-<number>.json`):
    /// the leader is recused from that applicant (第二十一条).
    AwaitingActingLeader { number: String, acting: String },
    /// The key is neither the round's leader nor an acting leader of an applicant on the list.
    NotLeader,
}

impl From<Error> for ListError {
    fn from(e: Error) -> ListError {
        ListError::Service(e)
    }
}

/// The round file a merge folder was merged against, checked in full.
pub fn folder_round(dir: &Path) -> Result<VerifiedRound, ListError> {
    let path = dir.join(ROUND_FILE);
    if !path.exists() {
        return Err(ListError::NoRound {
            dir: dir.to_path_buf(),
        });
    }
    let bytes = panel_dir::read(&path)?;
    verify_round(&bytes).map_err(|source| Error::RoundRefused { path, source }.into())
}

/// Builds, signs, self-checks and writes the list of merge folder `dir`: the leader's key signs
/// the panel's list, naming the acting leaders' signed entries; an acting leader's key signs
/// the entries of the applicants the round names them for.
pub fn write_award_list(
    dir: &Path,
    identity: &Identity,
    catalog: &Catalog,
    min_total: Option<Decimal>,
    clock: &dyn Clock,
    random: &dyn Random,
) -> Result<Written, ListError> {
    let round = folder_round(dir)?;
    let ranked = super::rank::rank(&[dir.to_path_buf()], catalog, min_total)?;
    let panel = panel_dir::load_panel(dir)?;
    let program = catalog
        .program(&ranked.program)
        .ok_or_else(|| Error::ProgramUnavailable {
            program: ranked.program.clone(),
        })?;
    let meta = ListMeta {
        leader: ReviewerRef {
            name: identity.name().to_string(),
            public_key: hex::encode(identity.verifying_key().as_bytes()),
        },
        list_id: random_id(random).map_err(Error::from)?,
        created_at: clock.timestamp(),
    };
    let mut list = build(
        &program.doc,
        &round,
        &panel.results,
        &ranked.ranking,
        ranked.min_total,
        meta,
    )
    .map_err(ListError::Build)?;
    let me = list.leader.public_key.clone();
    if !round.round.is_leader(&me) {
        return endorse(dir, &list, &round, identity, random).map(Written::Endorsed);
    }
    // The leader's list names each acting leader's signed entry by its hash.
    for a in &round.round.acting_leaders {
        let Some(entry) = list
            .tracks
            .iter_mut()
            .flat_map(|t| &mut t.entries)
            .find(|e| e.number == a.applicant)
        else {
            continue;
        };
        let path = scoped_path(dir, &a.applicant);
        let awaiting = || ListError::AwaitingActingLeader {
            number: a.applicant.clone(),
            acting: round
                .round
                .member(&a.public_key)
                .map_or_else(|| a.public_key.clone(), |m| m.name.clone()),
        };
        let bytes = std::fs::read(&path).map_err(|_| awaiting())?;
        entry.endorsement = Some(document_hash(&bytes));
    }
    for a in &round.round.acting_leaders {
        if let Ok(bytes) = std::fs::read(scoped_path(dir, &a.applicant)) {
            crate::panel::award_list::check_endorsement(&list, &a.applicant, &bytes, &round)
                .map_err(ListError::Refused)?;
        }
    }
    let bytes =
        sign_award_list(&list, &round, identity.signing_key()).map_err(ListError::Refused)?;
    // What is written must verify the reader's way.
    let verified = verify_award_list(&bytes, Some(&round))
        .map_err(|e| Error::Internal(format!("award list self-check: {e}")))?;
    let hash = document_hash(&bytes);
    // 暂定 on every page when a listed track was scored on a provisional framework.
    let provisional = list.tracks.iter().any(|t| {
        round
            .round
            .track(&t.track)
            .and_then(|rt| catalog.framework_by_hash(&rt.framework.hash))
            .is_some_and(|f| crate::report::html_common::provisional(&f.doc))
    });
    let html = crate::report::award_list_html::render(
        &list,
        &program.doc,
        crate::report::award_list_html::Signed {
            hash: &hash,
            fingerprint: &verified.envelope.fingerprint,
            provisional,
        },
    );
    let json_path = dir.join(AWARD_LIST_FILE);
    let html_path = dir.join(AWARD_LIST_HTML);
    write_file(&json_path, &bytes, None, true)?;
    write_file(&html_path, html.as_bytes(), None, true)?;
    Ok(Written::List(Box::new(WrittenList {
        list,
        json: json_path,
        html: html_path,
        hash,
    })))
}

/// An acting leader signs the entries of the applicants the round names them for.
fn endorse(
    dir: &Path,
    list: &AwardList,
    round: &VerifiedRound,
    identity: &Identity,
    random: &dyn Random,
) -> Result<Vec<(String, PathBuf)>, ListError> {
    let mine: Vec<&str> = round
        .round
        .acting_leaders
        .iter()
        .filter(|a| a.public_key == list.leader.public_key)
        .map(|a| a.applicant.as_str())
        .filter(|n| {
            list.tracks
                .iter()
                .flat_map(|t| &t.entries)
                .any(|e| e.number == *n)
        })
        .collect();
    if mine.is_empty() {
        return Err(ListError::NotLeader);
    }
    let mut written = Vec::new();
    for number in mine {
        let Some(mut one) = crate::panel::award_list::scoped(list, number, list.leader.clone())
        else {
            continue;
        };
        one.list_id = random_id(random).map_err(Error::from)?;
        let bytes =
            sign_award_list(&one, round, identity.signing_key()).map_err(ListError::Refused)?;
        verify_award_list(&bytes, Some(round))
            .map_err(|e| Error::Internal(format!("award list self-check: {e}")))?;
        let path = scoped_path(dir, number);
        write_file(&path, &bytes, None, true)?;
        written.push((number.to_string(), path));
    }
    Ok(written)
}
