//! The award recommendation list (获奖建议名单, 第九条(二)): the panel's proposal to the award
//! office, signed by the round's group leader (组长负责制, 第九条). It lists, per award track,
//! the applicants ranked on the site review (第十八条(四)) by panel total, the award proposed to
//! each, and why an applicant is not proposed (quota full, a tie at the quota edge, below the
//! minimum total: [`RankNote`]); per award and kind of applicant, the places (名额, 第三、十九条),
//! who fills them, and how many stay empty.
//!
//! It is its own document kind (`application/vnd.scorebook.award-list+json`) in the envelope and
//! canonical form of every signed document. Its arithmetic is checked on reading: the order,
//! ranks and ties follow the totals, the places hold exactly the proposed applicants, and the
//! empty places are the quota less those. Against the round file it names, the signer must be
//! the round's leader and every applicant the round's. The format: `docs/award-list-format.md`.

use std::collections::{BTreeMap, BTreeSet};

use ed25519_dalek::SigningKey;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::model::{ApplicantResult, RankEntry, RankNote};
use crate::canonical::{self, Utf8};
use crate::program::{ApplicantKind, Program};
use crate::review::Stage;
use crate::round::VerifiedRound;
use crate::sheet::build::is_hex_id;
use crate::sheet::envelope::{Verified, verify_envelope};
use crate::sheet::verify::{check_round_ref, check_signer, check_time, field_error, is_sha256};
use crate::sheet::{DocRef, DocumentKind, ReviewerRef, RoundRef, SignError, VerifyError, sign_as};

/// The format name carried in every award list.
pub const AWARD_LIST_FORMAT: &str = "scorebook-award-list";
/// The format version this build writes and the highest it reads.
pub const AWARD_LIST_FORMAT_VERSION: u32 = 1;

/// 获奖建议名单 — as the leader signs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardList {
    /// Always [`AWARD_LIST_FORMAT`].
    pub format: String,
    pub format_version: u32,
    /// Always [`DocumentKind::AwardList`].
    pub kind: DocumentKind,
    /// Random id of this list (32 lowercase hex digits).
    pub list_id: String,
    /// RFC 3339 time of signing.
    pub created_at: String,
    pub program: DocRef,
    /// The round (评审轮次) the list is for; its leader signs.
    pub round: RoundRef,
    /// The signer: the round's group leader; for a list scoped to one applicant, the acting
    /// leader (代理组长) the round names for it.
    pub leader: ReviewerRef,
    /// `null` for the panel's list. The application number, for an acting leader's list of the
    /// one applicant the leader is recused from (第二十一条): its one entry, no places; the
    /// leader's list names it by hash in that entry's `endorsement`.
    pub scope: Option<String>,
    /// The minimum total a place needs (第三条), when the ranking applied one.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub min_total: Option<Decimal>,
    /// Per award and kind of applicant: the places and who fills them.
    pub places: Vec<AwardPlaces>,
    /// Per award track of the round, the site-review ranking.
    pub tracks: Vec<TrackRanking>,
}

/// The places (名额) of one award for one kind of applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardPlaces {
    /// The award's id in the programme, e.g. `mayor`.
    pub award: String,
    pub kind: ApplicantKind,
    /// The sum of the quotas of the round's tracks of this award and kind.
    pub quota: u64,
    /// The application numbers (申报编号) proposed, best first.
    pub proposed: Vec<String>,
    /// quota − proposed: the places left empty (a tie not broken, totals below the minimum,
    /// too few applicants).
    pub empty: u64,
}

/// One award track's ranking on the site review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackRanking {
    pub track: String,
    /// The track's award id.
    pub award: String,
    pub kind: ApplicantKind,
    /// Best first.
    pub entries: Vec<ListEntry>,
}

/// One applicant's place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListEntry {
    /// 申报编号.
    pub number: String,
    pub name: String,
    /// 1-based; tied applicants share a rank (1, 1, 3).
    pub rank: u32,
    pub tied: bool,
    /// The panel total of the site review, normalised (`456.25`, never `456.250`).
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    /// The award id proposed, if any.
    pub proposed_award: Option<String>,
    /// Why it is not proposed, when it is not.
    pub note: Option<RankNote>,
    /// SHA-256 of each signed sheet the total rests on (score sheets, then the consensus sheet).
    pub sources: Vec<String>,
    /// In the panel's list, for an applicant the round names an acting leader for: SHA-256 of
    /// the acting leader's list scoped to it (`award-list-<number>.json`), whose one entry is
    /// this entry (but for this member). `null` otherwise.
    pub endorsement: Option<String>,
}

/// Why a list cannot be built from a merge folder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    /// No track of the round has site-review results: the list comes only from the site
    /// review (第十八条(四)–(五)).
    #[error("no site-review results to propose awards from")]
    NoSiteResults,
}

/// Who signs and when.
#[derive(Debug, Clone)]
pub struct ListMeta {
    pub leader: ReviewerRef,
    pub list_id: String,
    pub created_at: String,
}

/// Builds the list from the merge's site-stage results and its ranking (`panel::ranking`,
/// after [`super::round::no_awards_before_site`]), for the round's tracks in the programme's
/// order.
pub fn build(
    program: &Program,
    round: &VerifiedRound,
    results: &[ApplicantResult],
    ranking: &BTreeMap<String, Vec<RankEntry>>,
    min_total: Option<Decimal>,
    meta: ListMeta,
) -> Result<AwardList, BuildError> {
    let site = |track: &str, number: &str| {
        results
            .iter()
            .find(|r| r.stage == Stage::SiteReview && r.track == track && r.applicant_id == number)
    };
    let mut tracks = Vec::new();
    for t in &program.tracks {
        if round.round.track(&t.id).is_none() {
            continue;
        }
        let entries: Vec<ListEntry> = ranking
            .get(&t.id)
            .into_iter()
            .flatten()
            .filter(|e| e.rank > 0)
            .filter_map(|e| {
                let r = site(&t.id, &e.applicant_id)?;
                Some(ListEntry {
                    number: e.applicant_id.to_string(),
                    name: r.applicant_name.clone(),
                    rank: e.rank,
                    tied: e.tied,
                    total: e.total.normalize(),
                    proposed_award: e.proposed_award.clone(),
                    note: e.note.clone(),
                    sources: r
                        .sources
                        .iter()
                        .chain(&r.consensus_sheet)
                        .cloned()
                        .collect(),
                    endorsement: None,
                })
            })
            .collect();
        tracks.push(TrackRanking {
            track: t.id.clone(),
            award: t.award.clone(),
            kind: t.applicant_kind,
            entries,
        });
    }
    if tracks.iter().all(|t| t.entries.is_empty()) {
        return Err(BuildError::NoSiteResults);
    }
    let mut places: Vec<AwardPlaces> = Vec::new();
    for t in &program.tracks {
        if round.round.track(&t.id).is_none() {
            continue;
        }
        let quota = u64::try_from(t.quota).unwrap_or(0);
        match places
            .iter_mut()
            .find(|p| p.award == t.award && p.kind == t.applicant_kind)
        {
            Some(p) => p.quota += quota,
            None => places.push(AwardPlaces {
                award: t.award.clone(),
                kind: t.applicant_kind,
                quota,
                proposed: Vec::new(),
                empty: 0,
            }),
        }
    }
    for p in &mut places {
        let mut proposed: Vec<&ListEntry> = tracks
            .iter()
            .filter(|t| t.kind == p.kind)
            .flat_map(|t| &t.entries)
            .filter(|e| e.proposed_award.as_deref() == Some(p.award.as_str()))
            .collect();
        proposed.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.number.cmp(&b.number)));
        let mut seen = BTreeSet::new();
        p.proposed = proposed
            .into_iter()
            .filter(|e| seen.insert(e.number.as_str()))
            .map(|e| e.number.clone())
            .collect();
        p.empty = p.quota.saturating_sub(p.proposed.len() as u64);
    }
    Ok(AwardList {
        format: AWARD_LIST_FORMAT.into(),
        format_version: AWARD_LIST_FORMAT_VERSION,
        kind: DocumentKind::AwardList,
        list_id: meta.list_id,
        created_at: meta.created_at,
        program: round.round.program.clone(),
        round: round.round_ref(),
        leader: meta.leader,
        scope: None,
        min_total: min_total.map(|m| m.normalize()),
        places,
        tracks,
    })
}

/// The acting leader's list for one applicant of the panel's `list`: that entry alone, its
/// track, no places, signed by `signer`. None when the list has no such applicant.
pub fn scoped(list: &AwardList, number: &str, signer: ReviewerRef) -> Option<AwardList> {
    let track = list
        .tracks
        .iter()
        .find(|t| t.entries.iter().any(|e| e.number == number))?;
    let mut entry = track.entries.iter().find(|e| e.number == number)?.clone();
    entry.endorsement = None;
    Some(AwardList {
        leader: signer,
        scope: Some(number.to_string()),
        places: Vec::new(),
        tracks: vec![TrackRanking {
            entries: vec![entry],
            ..track.clone()
        }],
        ..list.clone()
    })
}

/// Checks an acting leader's scoped list (`scoped_bytes`, verified against the round) against
/// the panel's `list`: same round and minimum, its one entry the panel's entry for that number
/// but for the endorsement, which must be the scoped file's SHA-256.
pub fn check_endorsement(
    list: &AwardList,
    number: &str,
    scoped_bytes: &[u8],
    round: &VerifiedRound,
) -> Result<(), AwardListError> {
    let mismatch = || AwardListError::EndorsementMismatch {
        number: number.to_string(),
    };
    let ok = verify_award_list(scoped_bytes, Some(round))?;
    let s = &ok.list;
    let entry = list
        .tracks
        .iter()
        .flat_map(|t| &t.entries)
        .find(|e| e.number == number)
        .ok_or_else(mismatch)?;
    if s.scope.as_deref() != Some(number)
        || s.round != list.round
        || s.program != list.program
        || s.min_total != list.min_total
        || entry.endorsement.as_deref() != Some(ok.envelope.hash.as_str())
    {
        return Err(mismatch());
    }
    let mut bare = entry.clone();
    bare.endorsement = None;
    match s.tracks.first().and_then(|t| t.entries.first()) {
        Some(e) if *e == bare => Ok(()),
        _ => Err(mismatch()),
    }
}

/// Why an award list cannot be signed or trusted. Each variant has a stable
/// [`AwardListError::code`] (docs/award-list-format.md §4).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AwardListError {
    /// The checks every signed document shares: envelope, signature, fields, times, signer.
    #[error(transparent)]
    Check(#[from] VerifyError),
    #[error("not an award recommendation list: the document is of type {0:?}")]
    NotAnAwardList(String),
    #[error("format {0:?} is not {AWARD_LIST_FORMAT:?}")]
    Format(String),
    #[error(
        "made by a newer Scorebook: award list format version {0}, this build reads up to {AWARD_LIST_FORMAT_VERSION}; update Scorebook"
    )]
    FutureVersion(u64),
    #[error("award list format version {0} is not one this build reads")]
    UnsupportedVersion(u64),
    #[error("not canonical: the list's content is not written in its one canonical form")]
    NotCanonical,
    /// The order, ranks or ties of a track do not follow its totals, or an applicant is
    /// listed twice.
    #[error("track {track}: the ranking does not follow the totals at {number}")]
    BadRanking { track: String, number: String },
    /// The places do not hold exactly the proposed applicants, exceed the quota, or the empty
    /// count is not the quota less those.
    #[error("award {award} ({kind:?}): the places do not match the proposals")]
    BadPlaces { award: String, kind: ApplicantKind },
    /// The list names another round (id, version or file) than the one it is checked against.
    #[error("the list is for round {id} version {version}, not the round file given")]
    OtherRound { id: String, version: u32 },
    #[error("not signed by the round's group leader: the signer is {what}")]
    NotSignedByLeader { what: String },
    #[error("applicant {number} {name} is not in the round by that number and name")]
    NotInRound { number: String, name: String },
    /// A list scoped to one applicant that is not one entry with no places, or not for an
    /// applicant the round names an acting leader for.
    #[error(
        "a list scoped to {number} holds that one entry only, for an applicant with an acting leader"
    )]
    BadScope { number: String },
    /// The panel's list lacks the acting leader's endorsement of an entry (or carries one where
    /// the round names no acting leader).
    #[error("applicant {number}: the acting leader's endorsement is missing or not expected")]
    Endorsement { number: String },
    /// The acting leader's scoped list is not the one the panel's list names, or its entry
    /// differs.
    #[error("applicant {number}: the acting leader's list does not match the panel's entry")]
    EndorsementMismatch { number: String },
}

impl AwardListError {
    /// Every code [`AwardListError::code`] gives beyond the shared ones, in the order of
    /// `docs/award-list-format.md` §4.
    pub const OWN_CODES: &'static [&'static str] = &[
        "not-an-award-list",
        "future-version",
        "unsupported-version",
        "not-canonical",
        "bad-ranking",
        "bad-places",
        "other-round",
        "not-signed-by-leader",
        "not-in-round",
        "bad-scope",
        "endorsement",
        "endorsement-mismatch",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            AwardListError::Check(e) => e.code(),
            AwardListError::NotAnAwardList(_) | AwardListError::Format(_) => "not-an-award-list",
            AwardListError::FutureVersion(_) => "future-version",
            AwardListError::UnsupportedVersion(_) => "unsupported-version",
            AwardListError::NotCanonical => "not-canonical",
            AwardListError::BadRanking { .. } => "bad-ranking",
            AwardListError::BadPlaces { .. } => "bad-places",
            AwardListError::OtherRound { .. } => "other-round",
            AwardListError::NotSignedByLeader { .. } => "not-signed-by-leader",
            AwardListError::NotInRound { .. } => "not-in-round",
            AwardListError::BadScope { .. } => "bad-scope",
            AwardListError::Endorsement { .. } => "endorsement",
            AwardListError::EndorsementMismatch { .. } => "endorsement-mismatch",
        }
    }

    /// Whether the file is not an award list at all (not a signed document, another kind).
    pub fn is_not_an_award_list(&self) -> bool {
        match self {
            AwardListError::NotAnAwardList(_) | AwardListError::Format(_) => true,
            AwardListError::Check(e) => e.is_not_a_sheet(),
            _ => false,
        }
    }
}

/// A list that passed every check.
#[derive(Debug, Clone)]
pub struct VerifiedAwardList {
    pub list: AwardList,
    /// Signer's key, fingerprint and the file hash.
    pub envelope: Verified,
}

/// Signs a list with the leader's key. The list is checked first as every reader will check
/// it, against the round: only the round's group leader signs (组长负责制, 第九条).
pub fn sign_award_list(
    list: &AwardList,
    round: &VerifiedRound,
    key: &SigningKey,
) -> Result<Vec<u8>, AwardListError> {
    check_content(list)?;
    check_against_round(list, round)?;
    let payload = canonical::to_canonical(list).map_err(|_| AwardListError::NotCanonical)?;
    sign_as(DocumentKind::AwardList, &list.leader, &payload, key).map_err(|e| match e {
        SignError::WrongKey { named, actual } => VerifyError::SignerMismatch {
            signer: actual,
            reviewer: named,
        }
        .into(),
        SignError::Envelope(e) => VerifyError::Envelope(e).into(),
    })
}

/// Verifies an award list file end to end, in the order of `docs/award-list-format.md` §4:
/// envelope and signature, payload type, format and version, fields, canonical form, kind,
/// signer = named leader, each field's form, the ranking and the places; then, when the round
/// file is given, that the list is of that round, signed by its leader, for its applicants.
pub fn verify_award_list(
    bytes: &[u8],
    round: Option<&VerifiedRound>,
) -> Result<VerifiedAwardList, AwardListError> {
    let envelope = verify_envelope(bytes, Utf8::DeferToParser).map_err(VerifyError::Envelope)?;
    if DocumentKind::from_payload_type(&envelope.payload_type) != Some(DocumentKind::AwardList) {
        return Err(AwardListError::NotAnAwardList(envelope.payload_type));
    }
    let list = parse(&envelope.payload)?;
    if canonical::to_canonical(&list).ok().as_deref() != Some(envelope.payload.as_slice())
        || !decimals_normalised(&list)
    {
        return Err(AwardListError::NotCanonical);
    }
    if list.kind != DocumentKind::AwardList {
        return Err(VerifyError::KindMismatch {
            kind: list.kind,
            payload_type: envelope.payload_type.clone(),
        }
        .into());
    }
    check_signer(&list.leader, &envelope)?;
    check_content(&list)?;
    if let Some(round) = round {
        check_against_round(&list, round)?;
    }
    Ok(VerifiedAwardList { list, envelope })
}

/// The format and version first (a newer version's members would read as unknown), then the
/// typed fields.
fn parse(payload: &[u8]) -> Result<AwardList, AwardListError> {
    #[derive(Deserialize)]
    struct Head {
        format: Option<serde_json::Value>,
        format_version: Option<serde_json::Value>,
    }
    if let Ok(head) = serde_json::from_slice::<Head>(payload) {
        if let Some(serde_json::Value::String(f)) = &head.format
            && f != AWARD_LIST_FORMAT
        {
            return Err(AwardListError::Format(f.clone()));
        }
        match head.format_version.as_ref().and_then(|v| v.as_u64()) {
            Some(v) if v > u64::from(AWARD_LIST_FORMAT_VERSION) => {
                return Err(AwardListError::FutureVersion(v));
            }
            Some(v) if v < u64::from(AWARD_LIST_FORMAT_VERSION) => {
                return Err(AwardListError::UnsupportedVersion(v));
            }
            _ => {}
        }
    }
    serde_json::from_slice(payload).map_err(|_| field_error::<AwardList>(payload).into())
}

/// Every decimal in its one spelling: normalised (`812.5`, not `812.50`), as the list is built.
fn decimals_normalised(list: &AwardList) -> bool {
    let normal = |d: &Decimal| d.normalize().to_string() == d.to_string();
    let note_ok = |n: &RankNote| match n {
        RankNote::BelowMinimum { total, minimum } => normal(total) && normal(minimum),
        RankNote::TieAtQuotaEdge { total, .. } => normal(total),
        _ => true,
    };
    list.min_total.as_ref().is_none_or(normal)
        && list
            .tracks
            .iter()
            .flat_map(|t| &t.entries)
            .all(|e| normal(&e.total) && e.note.as_ref().is_none_or(note_ok))
}

fn empty_field(field: String) -> AwardListError {
    VerifyError::EmptyField(field.into()).into()
}

/// Each field to its form, the ranking to its totals, the places to the proposals.
fn check_content(list: &AwardList) -> Result<(), AwardListError> {
    if !is_hex_id(&list.list_id) {
        return Err(VerifyError::Field("list_id must be 32 lowercase hex digits".into()).into());
    }
    check_time("created_at", &list.created_at)?;
    if !is_sha256(&list.program.hash) {
        return Err(
            VerifyError::Field("program.hash must be 64 lowercase hex digits".into()).into(),
        );
    }
    check_round_ref(&list.round)?;
    for (field, value) in [
        ("program.id", &list.program.id),
        ("program.edition", &list.program.edition),
        ("leader.name", &list.leader.name),
    ] {
        if value.trim().is_empty() {
            return Err(empty_field(field.into()));
        }
    }
    for (i, t) in list.tracks.iter().enumerate() {
        for (field, value) in [("track", &t.track), ("award", &t.award)] {
            if value.trim().is_empty() {
                return Err(empty_field(format!("tracks[{i}].{field}")));
            }
        }
        for (k, e) in t.entries.iter().enumerate() {
            for (field, value) in [("number", &e.number), ("name", &e.name)] {
                if value.trim().is_empty() {
                    return Err(empty_field(format!("tracks[{i}].entries[{k}].{field}")));
                }
            }
            if !e.sources.iter().all(|s| is_sha256(s)) {
                return Err(VerifyError::Field(
                    format!("tracks[{i}].entries[{k}].sources: SHA-256, lowercase hex").into(),
                )
                .into());
            }
            if let Some(h) = &e.endorsement
                && !is_sha256(h)
            {
                return Err(VerifyError::Field(
                    format!("tracks[{i}].entries[{k}].endorsement: SHA-256, lowercase hex").into(),
                )
                .into());
            }
        }
    }
    if let Some(number) = &list.scope {
        // One entry, no places, no endorsement: its rank is the panel list's, not recomputed.
        let one = list.places.is_empty()
            && list.tracks.len() == 1
            && list.tracks[0].entries.len() == 1
            && list.tracks[0].entries[0].number == *number
            && list.tracks[0].entries[0].endorsement.is_none()
            && list.tracks[0].entries[0].rank >= 1;
        if !one {
            return Err(AwardListError::BadScope {
                number: number.clone(),
            });
        }
        return Ok(());
    }
    for t in &list.tracks {
        check_ranking(t)?;
    }
    check_places(list)
}

/// Best first by total; rank = 1 + the number of higher totals; tied = another equal total;
/// a proposed applicant carries no note; nobody twice.
fn check_ranking(t: &TrackRanking) -> Result<(), AwardListError> {
    let bad = |e: &ListEntry| AwardListError::BadRanking {
        track: t.track.clone(),
        number: e.number.clone(),
    };
    let mut seen = BTreeSet::new();
    for (i, e) in t.entries.iter().enumerate() {
        if !seen.insert(e.number.as_str()) {
            return Err(bad(e));
        }
        if i > 0 && t.entries[i - 1].total < e.total {
            return Err(bad(e));
        }
        let higher = t.entries.iter().filter(|o| o.total > e.total).count();
        let equal = t.entries.iter().filter(|o| o.total == e.total).count();
        if e.rank as usize != higher + 1 || e.tied != (equal > 1) {
            return Err(bad(e));
        }
        if e.proposed_award.is_some() && e.note.is_some() {
            return Err(bad(e));
        }
    }
    Ok(())
}

/// Every (award, kind) once; its `proposed` exactly the entries of that kind proposed for that
/// award; no more than the quota; `empty` the quota less them; no proposal outside the places.
fn check_places(list: &AwardList) -> Result<(), AwardListError> {
    let mut keys = BTreeSet::new();
    for p in &list.places {
        let bad = || AwardListError::BadPlaces {
            award: p.award.clone(),
            kind: p.kind,
        };
        if !keys.insert((p.award.as_str(), p.kind)) {
            return Err(bad());
        }
        let expected: BTreeSet<&str> = list
            .tracks
            .iter()
            .filter(|t| t.kind == p.kind)
            .flat_map(|t| &t.entries)
            .filter(|e| e.proposed_award.as_deref() == Some(p.award.as_str()))
            .map(|e| e.number.as_str())
            .collect();
        let stated: BTreeSet<&str> = p.proposed.iter().map(String::as_str).collect();
        if stated.len() != p.proposed.len()
            || stated != expected
            || p.proposed.len() as u64 > p.quota
            || p.empty != p.quota - p.proposed.len() as u64
        {
            return Err(bad());
        }
    }
    for t in &list.tracks {
        for e in &t.entries {
            if let Some(award) = &e.proposed_award
                && !keys.contains(&(award.as_str(), t.kind))
            {
                return Err(AwardListError::BadPlaces {
                    award: award.clone(),
                    kind: t.kind,
                });
            }
        }
    }
    Ok(())
}

/// The list is of this round file, signed by its leader, for its applicants by number and name.
fn check_against_round(list: &AwardList, round: &VerifiedRound) -> Result<(), AwardListError> {
    if list.round != round.round_ref() {
        return Err(AwardListError::OtherRound {
            id: list.round.id.to_string(),
            version: list.round.version,
        });
    }
    let r = &round.round;
    let signer_ok = match &list.scope {
        // A scoped list: by the acting leader the round names for that applicant, and only
        // for such an applicant.
        Some(number) => {
            let acting = r.acting_leaders.iter().find(|a| a.applicant == *number);
            match acting {
                None => {
                    return Err(AwardListError::BadScope {
                        number: number.clone(),
                    });
                }
                Some(a) => a.public_key == list.leader.public_key,
            }
        }
        None => r.is_leader(&list.leader.public_key),
    };
    if !signer_ok {
        let what = match r.member(&list.leader.public_key) {
            Some(m) => format!("{} ({:?})", m.name, m.role),
            None => "not on the round's panel".to_string(),
        };
        return Err(AwardListError::NotSignedByLeader { what });
    }
    if list.scope.is_none() {
        for e in list.tracks.iter().flat_map(|t| &t.entries) {
            let acting = r.acting_leaders.iter().any(|a| a.applicant == e.number);
            if acting != e.endorsement.is_some() {
                return Err(AwardListError::Endorsement {
                    number: e.number.clone(),
                });
            }
        }
    }
    for t in &list.tracks {
        for e in &t.entries {
            let known = round
                .round
                .applicant(&e.number)
                .is_some_and(|a| a.name == e.name && a.track == t.track);
            if !known {
                return Err(AwardListError::NotInRound {
                    number: e.number.clone(),
                    name: e.name.clone(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::sign_document;
    use crate::testkit::round::{key, round as kit_round, signed};
    use proptest::prelude::*;
    use rust_decimal_macros::dec;
    use serde_json::Value;

    fn verified_round() -> VerifiedRound {
        crate::round::verify_round(&signed(&kit_round(3, 3))).unwrap()
    }

    fn entry(number: &str, rank: u32, tied: bool, total: Decimal) -> ListEntry {
        ListEntry {
            number: number.into(),
            name: format!("申报组织{}", number.trim_start_matches("2025-M-0")),
            rank,
            tied,
            total,
            proposed_award: None,
            note: None,
            sources: vec!["ab".repeat(32)],
            endorsement: None,
        }
    }

    /// Three organisations on `mayor-model` (quota 2): 01 proposed; 02 and 03 tied at the
    /// quota edge, so one place stays empty; no individual reached the site review.
    fn list(round: &VerifiedRound) -> AwardList {
        let mut first = entry("2025-M-01", 1, false, dec!(812.5));
        first.proposed_award = Some("mayor".into());
        let tie = |n| {
            let mut e = entry(n, 2, true, dec!(700));
            e.note = Some(RankNote::TieAtQuotaEdge {
                tied: 2,
                total: dec!(700),
                places_left: 1,
            });
            e
        };
        AwardList {
            format: AWARD_LIST_FORMAT.into(),
            format_version: AWARD_LIST_FORMAT_VERSION,
            kind: DocumentKind::AwardList,
            list_id: "0123456789abcdef0123456789abcdef".into(),
            created_at: "2025-07-20T10:00:00+08:00".into(),
            program: round.round.program.clone(),
            round: round.round_ref(),
            leader: ReviewerRef {
                name: "王组长".into(),
                public_key: hex::encode(key(1).verifying_key().as_bytes()),
            },
            scope: None,
            min_total: None,
            places: vec![
                AwardPlaces {
                    award: "mayor".into(),
                    kind: ApplicantKind::Organisation,
                    quota: 2,
                    proposed: vec!["2025-M-01".into()],
                    empty: 1,
                },
                AwardPlaces {
                    award: "mayor".into(),
                    kind: ApplicantKind::Individual,
                    quota: 2,
                    proposed: vec![],
                    empty: 2,
                },
            ],
            tracks: vec![
                TrackRanking {
                    track: "mayor-model".into(),
                    award: "mayor".into(),
                    kind: ApplicantKind::Organisation,
                    entries: vec![first, tie("2025-M-02"), tie("2025-M-03")],
                },
                TrackRanking {
                    track: "mayor-achievement".into(),
                    award: "mayor".into(),
                    kind: ApplicantKind::Individual,
                    entries: vec![],
                },
            ],
        }
    }

    fn code_of(change: impl FnOnce(&mut Value)) -> &'static str {
        let round = verified_round();
        let mut value = serde_json::to_value(list(&round)).unwrap();
        change(&mut value);
        let payload = canonical::to_canonical(&value).unwrap();
        let bytes =
            sign_document(DocumentKind::AwardList.payload_type(), &payload, &key(1)).unwrap();
        match verify_award_list(&bytes, Some(&round)) {
            Ok(_) => "valid",
            Err(e) => e.code(),
        }
    }

    #[test]
    fn a_signed_list_verifies_as_itself() {
        let round = verified_round();
        let bytes = sign_award_list(&list(&round), &round, &key(1)).unwrap();
        let ok = verify_award_list(&bytes, Some(&round)).unwrap();
        assert_eq!(ok.list, list(&round));
        assert_eq!(ok.envelope.hash, crate::sheet::document_hash(&bytes));
        // Without the round: the content and signature still check.
        assert!(verify_award_list(&bytes, None).is_ok());
        // Ed25519 is deterministic: one list, one file.
        assert_eq!(
            sign_award_list(&list(&round), &round, &key(1)).unwrap(),
            bytes
        );
    }

    #[test]
    fn only_the_rounds_leader_signs() {
        let round = verified_round();
        let mut by_member = list(&round);
        by_member.leader = ReviewerRef {
            name: "组员1".into(),
            public_key: hex::encode(key(2).verifying_key().as_bytes()),
        };
        let e = sign_award_list(&by_member, &round, &key(2)).unwrap_err();
        assert_eq!(e.code(), "not-signed-by-leader");
        // Another key than the one the list names.
        let e = sign_award_list(&list(&round), &round, &key(2)).unwrap_err();
        assert_eq!(e.code(), "signer-mismatch");
        // Signed around sign_award_list: refused against the round on reading.
        let payload = canonical::to_canonical(&by_member).unwrap();
        let forged =
            sign_document(DocumentKind::AwardList.payload_type(), &payload, &key(2)).unwrap();
        assert_eq!(
            verify_award_list(&forged, Some(&round)).unwrap_err().code(),
            "not-signed-by-leader"
        );
    }

    #[test]
    fn each_fault_has_its_code() {
        assert_eq!(code_of(|_| {}), "valid");
        assert_eq!(code_of(|v| v["extra"] = 1.into()), "unknown-field");
        assert_eq!(
            code_of(|v| v["tracks"][0]["entries"][0]["extra"] = 1.into()),
            "unknown-field"
        );
        assert_eq!(
            code_of(|v| {
                v.as_object_mut().unwrap().remove("places");
            }),
            "invalid-field"
        );
        assert_eq!(
            code_of(|v| v["format"] = "scorebook-sheet".into()),
            "not-an-award-list"
        );
        assert_eq!(
            code_of(|v| {
                v["format_version"] = 2.into();
                v["new"] = true.into();
            }),
            "future-version"
        );
        assert_eq!(
            code_of(|v| v["format_version"] = 0.into()),
            "unsupported-version"
        );
        assert_eq!(code_of(|v| v["kind"] = "recusal".into()), "kind-mismatch");
        assert_eq!(
            code_of(|v| v["tracks"][0]["entries"][0]["total"] = "812.50".into()),
            "not-canonical"
        );
        assert_eq!(code_of(|v| v["created_at"] = "today".into()), "bad-time");
        assert_eq!(code_of(|v| v["list_id"] = "ABC".into()), "invalid-field");
        assert_eq!(code_of(|v| v["leader"]["name"] = " ".into()), "empty-field");
        assert_eq!(
            code_of(|v| v["tracks"][0]["entries"][0]["rank"] = 2.into()),
            "bad-ranking"
        );
        assert_eq!(
            code_of(|v| v["tracks"][0]["entries"][1]["tied"] = false.into()),
            "bad-ranking"
        );
        assert_eq!(
            code_of(|v| v["tracks"][0]["entries"][2]["total"] = "900".into()),
            "bad-ranking"
        );
        assert_eq!(
            code_of(|v| v["places"][0]["empty"] = 0.into()),
            "bad-places"
        );
        assert_eq!(
            code_of(|v| v["places"][0]["proposed"] = serde_json::json!([])),
            "bad-places"
        );
        assert_eq!(
            code_of(|v| {
                // Both tied applicants given the last place: more than the quota.
                for k in [1, 2] {
                    v["tracks"][0]["entries"][k]["proposed_award"] = "mayor".into();
                    v["tracks"][0]["entries"][k]["note"] = Value::Null;
                }
                v["places"][0]["proposed"] =
                    serde_json::json!(["2025-M-01", "2025-M-02", "2025-M-03"]);
                v["places"][0]["empty"] = 0.into();
            }),
            "bad-places"
        );
        assert_eq!(
            code_of(|v| v["round"]["hash"] = "ef".repeat(32).into()),
            "other-round"
        );
        assert_eq!(
            code_of(|v| v["tracks"][0]["entries"][0]["name"] = "别的公司".into()),
            "not-in-round"
        );
    }

    #[test]
    fn the_list_comes_only_from_the_site_review() {
        let round = verified_round();
        let program = crate::program::Catalog::embedded()
            .program("jinshan-2023")
            .unwrap()
            .doc
            .clone();
        let meta = ListMeta {
            leader: list(&round).leader,
            list_id: "0123456789abcdef0123456789abcdef".into(),
            created_at: "2025-07-20T10:00:00+08:00".into(),
        };
        let result = |n: &str, stage, total| ApplicantResult {
            applicant_id: n.into(),
            applicant_name: format!("申报组织{}", n.trim_start_matches("2025-M-0")),
            kind: ApplicantKind::Organisation,
            track: "mayor-model".into(),
            stage,
            framework_hash: String::new(),
            reviewers: vec![],
            items: vec![],
            agenda: vec![],
            categories: vec![],
            total,
            sources: vec!["ab".repeat(32)],
            consensus_sheet: Some("cd".repeat(32)),
        };
        let standings = |results: &[ApplicantResult]| {
            let s: Vec<_> = results
                .iter()
                .map(|r| crate::panel::rank::Standing {
                    applicant_id: r.applicant_id.clone(),
                    track: r.track.clone(),
                    total: r.total,
                })
                .collect();
            crate::panel::rank::rank(&program, &s, None)
        };
        let document = [result("2025-M-01", Stage::DocumentReview, dec!(800))];
        assert_eq!(
            build(
                &program,
                &round,
                &document,
                &standings(&document),
                None,
                meta.clone()
            )
            .unwrap_err(),
            BuildError::NoSiteResults
        );
        let site = [
            result("2025-M-01", Stage::SiteReview, dec!(812.50)),
            result("2025-M-02", Stage::SiteReview, dec!(700)),
            result("2025-M-03", Stage::SiteReview, dec!(700)),
        ];
        let built = build(&program, &round, &site, &standings(&site), None, meta).unwrap();
        // The hand-made list is what the build gives, but for the sources it carries.
        let mut expected = list(&round);
        for e in &mut expected.tracks[0].entries {
            e.sources.push("cd".repeat(32));
        }
        assert_eq!(built, expected);
        assert_eq!(built.tracks[0].entries[0].total.to_string(), "812.5");
        let bytes = sign_award_list(&built, &round, &key(1)).unwrap();
        assert!(verify_award_list(&bytes, Some(&round)).is_ok());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Signing then verifying round-trips, and any changed byte is refused.
        #[test]
        fn any_changed_byte_is_refused(at in any::<prop::sample::Index>(), by in 1u8..=255) {
            let round = verified_round();
            let bytes = sign_award_list(&list(&round), &round, &key(1)).unwrap();
            prop_assert!(verify_award_list(&bytes, Some(&round)).is_ok());
            let mut changed = bytes.clone();
            let i = at.index(changed.len());
            changed[i] ^= by;
            prop_assert!(verify_award_list(&changed, Some(&round)).is_err());
        }
    }
}
