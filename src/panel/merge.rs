//! The group leader's merge (汇总): from verified sheets to a [`PanelResult`].
//!
//! Rules (also in docs/panel-format.md):
//! - Every input is listed with its SHA-256, sorted by path, whatever happened to it.
//! - A sheet counts only when it verifies, is for the roster's programme, is signed by a roster
//!   member, is not a draft (unless drafts are included), and its reviewer declared no conflict.
//! - Sheets are grouped by (applicant, track, stage). Per (reviewer, applicant, track, stage) the
//!   newest non-draft version wins; older ones are `superseded`. A conflict declared in the newest
//!   version withdraws the reviewer from that applicant (older versions do not come back).
//! - Two *different* files claiming the same newest version are both left out (`duplicate_version`)
//!   — guessing which one the reviewer meant would be wrong either way; the reviewer re-exports.
//!   The *same* file given twice (same hash) counts once; the copy is `same_file`.
//! - One applicant is never scored on two framework editions: the edition most of its reviewers
//!   used wins, a tie goes to the catalog's current edition for the track, and if that does not
//!   settle it every sheet of the group is left out (`framework_mismatch`).
//! - A consensus sheet (合议) counts when signed by a roster leader, on the panel's edition, and
//!   built from exactly the sheets the merge uses for that group; otherwise it is listed as
//!   `not_leader` / `framework_mismatch` / `stale_consensus` and the method falls back to the median.
//! - Nothing depends on the order of the inputs.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use crate::framework::Framework;
use crate::ids::ApplicantId;
use crate::program::Catalog;
use crate::review::{ConflictDeclaration, Stage};
use crate::sheet::{CategoryTotal, DocumentKind, Sheet, VerifyError};

use super::model::{
    ApplicantResult, Exclusion, Fault, InputSheet, Method, PanelResult, RankEntry, RankNote,
    ReviewerPercent, Role, Roster, RosterMember, Stale,
};
use super::rank::{Standing, rank};
use super::round::{CheckedRecusal, Input, RecordMeta, RoundScope, check_input};
use super::stats::{self, DEFAULT_THRESHOLD};
use crate::round::VerifiedRound;

/// The format name of `panel.json`.
pub const PANEL_FORMAT: &str = "scorebook-panel";
/// 3: a merge against a round adds `round_file`, `recusals`, `coverage` and `shortlist`, and
/// the round's exclusion reasons (2: exclusions and ranking notes became typed codes with
/// fields; 1 carried `detail`, `detail_zh` and `中文 | English` notes).
pub const PANEL_FORMAT_VERSION: u32 = 3;

/// Choices the leader makes for a merge.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeOptions {
    pub method: Method,
    /// Spread (percentage points) at which an item is divergent.
    pub threshold: u8,
    pub include_drafts: bool,
    /// A total below this never takes an award place.
    pub min_total: Option<Decimal>,
    /// RFC 3339 time written into the result (the caller reads the clock).
    pub created_at: String,
}

impl Default for MergeOptions {
    fn default() -> Self {
        MergeOptions {
            method: Method::Consensus,
            threshold: DEFAULT_THRESHOLD,
            include_drafts: false,
            min_total: None,
            created_at: String::new(),
        }
    }
}

/// One input after its signature and arithmetic were checked.
#[derive(Debug, Clone)]
pub struct Checked {
    pub path: String,
    /// SHA-256 (hex) of the file bytes.
    pub hash: String,
    pub outcome: Result<Sheet, Exclusion>,
}

/// SHA-256 (lowercase hex) of a file's bytes, as listed in `inputs` and consensus `sources`.
pub fn file_hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// What the merge gathers into one result (评审结果): one applicant's review in one track
/// and stage, by every reviewer of the panel.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Group {
    /// 申报编号
    applicant: ApplicantId,
    track: String,
    stage: Stage,
}

/// A group's sheets of one kind: its score sheets, or its consensus sheet (合议). Ordered by
/// kind first, so every group's score sheets are settled before any consensus sheet.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct GroupKey {
    /// [`kind_code`] of the sheets' kind.
    kind: u8,
    group: Group,
}

fn kind_code(k: DocumentKind) -> u8 {
    match k {
        DocumentKind::ScoreSheet => 0,
        DocumentKind::ConsensusSheet => 1,
        DocumentKind::Roster => 2,
        DocumentKind::Round => 3,
        DocumentKind::Recusal => 4,
    }
}

/// Verifies one file through the same acceptance as `scorebook verify`
/// ([`crate::sheet::verify::accept`]), so the same file gets the same code from both. A
/// declared conflict, the roster and a draft are left for the merge to judge: a conflict in
/// the newest version must still retire the older ones.
pub fn check(path: String, bytes: &[u8], catalog: &Catalog) -> Checked {
    match crate::sheet::verify::accept(bytes, catalog) {
        Ok(ok) => Checked {
            path,
            hash: ok.envelope.hash,
            outcome: Ok(ok.sheet),
        },
        Err(e) => Checked {
            path,
            hash: file_hash(bytes),
            outcome: Err(refused(&e, bytes)),
        },
    }
}

/// A file the acceptance refused, as the panel records it: the fault's code and the typed
/// fault, so every edge words it in the reader's language.
///
/// docs/panel-format.md §2 rule 1: a file that presents itself as a signed document
/// ([`looks_signed`](crate::sheet::envelope::looks_signed)) and fails a step is `invalid`; one
/// that is not a signed document at all is `not_a_sheet`.
pub fn refused(e: &VerifyError, bytes: &[u8]) -> Exclusion {
    use crate::sheet::EnvelopeError as E;
    let not_a_sheet = match e {
        VerifyError::NotASheet(_) => true,
        VerifyError::Envelope(E::Empty | E::Binary | E::TooLarge { .. } | E::NotAnEnvelope) => true,
        VerifyError::Envelope(_) => !crate::sheet::envelope::looks_signed(bytes),
        _ => false,
    };
    let (code, fault) = (e.code().to_string(), Fault::Check(e.clone()));
    if not_a_sheet {
        Exclusion::NotASheet { code, fault }
    } else {
        Exclusion::Invalid { code, fault }
    }
}

/// The stable machine name of why an input was left out: `verify`'s code (`VerifyError::code`)
/// for what the acceptance refused and for the judgements both make (`conflict`, `draft`,
/// `not-in-roster`); the merge's own names for what only a panel can judge.
pub fn exclusion_code(e: &Exclusion) -> Option<&str> {
    match e {
        Exclusion::Invalid { code, .. } | Exclusion::NotASheet { code, .. } => Some(code.as_str()),
        Exclusion::NotInRoster => Some("not-in-roster"),
        Exclusion::Draft => Some("draft"),
        Exclusion::Conflict { .. } => Some("conflict"),
        Exclusion::Superseded { .. } => Some("superseded"),
        Exclusion::DuplicateVersion { .. } => Some("duplicate-version"),
        Exclusion::FrameworkMismatch { .. } => Some("other-edition"),
        Exclusion::OtherProgram { .. } => Some("other-program"),
        Exclusion::SameFile { .. } => Some("same-file"),
        Exclusion::NotLeader => Some("not-leader"),
        Exclusion::StaleConsensus { .. } => Some("stale-consensus"),
        Exclusion::NoRound => Some("no-round"),
        Exclusion::OtherRound { .. } => Some("other-round"),
        Exclusion::RoundFileDiffers { .. } => Some("round-file-differs"),
        Exclusion::NewerRound { .. } => Some("newer-round"),
        Exclusion::NotInRound { .. } => Some("not-in-round"),
        Exclusion::NameDiffers { .. } => Some("name-differs"),
        Exclusion::TrackDiffers { .. } => Some("track-differs"),
        Exclusion::NotOnPanel => Some("not-on-panel"),
        Exclusion::NotInStage {
            stage: Stage::SiteReview,
        } => Some("not-shortlisted"),
        Exclusion::NotInStage { .. } => Some("not-in-stage"),
        Exclusion::Recused { .. } => Some("recused"),
        Exclusion::CoachingExpert => Some("coaching-expert"),
    }
}

/// Verifies and merges files: `(path, bytes)` in any order. Each file is checked and its bytes
/// dropped before the next is read, so memory follows the panel, not the pile of versions.
pub fn merge(
    inputs: impl IntoIterator<Item = (String, Vec<u8>)>,
    roster: &Roster,
    catalog: &Catalog,
    opts: &MergeOptions,
) -> PanelResult {
    merge_checked(
        inputs
            .into_iter()
            .map(|(path, bytes)| check(path, &bytes, catalog)),
        roster,
        catalog,
        opts,
    )
}

struct Pending {
    rec: usize,
    sheet: Sheet,
    member: usize,
}

/// Merges checked inputs. See the module documentation for the rules.
pub fn merge_checked(
    inputs: impl IntoIterator<Item = Checked>,
    roster: &Roster,
    catalog: &Catalog,
    opts: &MergeOptions,
) -> PanelResult {
    merge_inner(
        inputs.into_iter().map(Input::Sheet),
        roster,
        None,
        catalog,
        opts,
    )
}

/// Verifies and merges files against a signed round (`super::round` has the rules): sheets
/// and recusal records, `(path, bytes)` in any order. `shortlist` fixes the places of the
/// proposed site-review shortlist (default: from the programme's quotas).
pub fn merge_round(
    inputs: impl IntoIterator<Item = (String, Vec<u8>)>,
    round: &VerifiedRound,
    catalog: &Catalog,
    opts: &MergeOptions,
    shortlist: Option<u32>,
) -> PanelResult {
    merge_round_checked(
        inputs
            .into_iter()
            .map(|(path, bytes)| check_input(path, &bytes, catalog)),
        round,
        catalog,
        opts,
        shortlist,
    )
}

/// Merges checked inputs against a signed round. See `super::round` for the rules.
pub fn merge_round_checked(
    inputs: impl IntoIterator<Item = Input>,
    round: &VerifiedRound,
    catalog: &Catalog,
    opts: &MergeOptions,
    shortlist: Option<u32>,
) -> PanelResult {
    let scope = RoundScope::new(round);
    let roster = scope.roster();
    let mut result = merge_inner(inputs, &roster, Some(scope), catalog, opts);
    if round.round.stages.site_review.is_none() {
        let program = catalog.program(&roster.program).map(|p| &p.doc);
        let proposed = super::coverage::shortlist(
            &result.results,
            result.coverage.as_ref(),
            program,
            shortlist,
        );
        result.shortlist = Some(proposed);
    }
    result
}

fn merge_inner(
    inputs: impl IntoIterator<Item = Input>,
    roster: &Roster,
    mut scope: Option<RoundScope<'_>>,
    catalog: &Catalog,
    opts: &MergeOptions,
) -> PanelResult {
    let mut meta: Vec<RecordMeta> = Vec::new();
    let mut recusals: Vec<CheckedRecusal> = Vec::new();
    let mut records: Vec<InputSheet> = Vec::new();
    // Per (group, reviewer key): the sheets at the highest version seen so far.
    let mut newest: BTreeMap<(GroupKey, String), Vec<Pending>> = BTreeMap::new();
    let mut superseded: Vec<(usize, (GroupKey, String))> = Vec::new();
    let member_of: HashMap<&str, usize> = roster
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.public_key.as_str(), i))
        .collect();

    for input in inputs {
        let input = match input {
            Input::Sheet(c) => c,
            Input::Recusal(r) => {
                recusals.push(*r);
                continue;
            }
        };
        let rec = records.len();
        meta.push(RecordMeta {
            member: None,
            kind: DocumentKind::ScoreSheet,
            draft: false,
        });
        let mut record = InputSheet {
            path: input.path,
            hash: input.hash,
            reviewer: None,
            applicant: None,
            stage: None,
            version: None,
            excluded: None,
        };
        let sheet = match input.outcome {
            Ok(s) => s,
            Err(e) => {
                record.excluded = Some(e);
                records.push(record);
                continue;
            }
        };
        let member = member_of.get(sheet.reviewer.public_key.as_str()).copied();
        record.reviewer = Some(match member {
            Some(m) => roster.members[m].name.clone(),
            None => sheet.reviewer.name.clone(),
        });
        record.applicant = Some(sheet.applicant.id.clone());
        record.stage = Some(sheet.stage);
        record.version = Some(sheet.version);
        meta[rec] = RecordMeta {
            member,
            kind: sheet.kind,
            draft: sheet.draft,
        };
        let signer = member.map(|m| &roster.members[m]);
        record.excluded = match &scope {
            Some(scope) if sheet.kind.is_sheet() => scope.admit(&sheet, signer, opts),
            _ => admit(&sheet, signer, roster, opts),
        };
        records.push(record);
        let (Some(member), None) = (member, &records[rec].excluded) else {
            continue;
        };
        let key = (
            GroupKey {
                kind: kind_code(sheet.kind),
                group: Group {
                    applicant: sheet.applicant.id.clone(),
                    track: sheet.track.clone(),
                    stage: sheet.stage,
                },
            },
            sheet.reviewer.public_key.clone(),
        );
        let slot = newest.entry(key.clone()).or_default();
        let current = slot.first().map(|p| p.sheet.version);
        let pending = Pending { rec, sheet, member };
        match current {
            Some(v) if pending.sheet.version < v => superseded.push((rec, key)),
            Some(v) if pending.sheet.version == v => slot.push(pending),
            _ => {
                for old in slot.drain(..) {
                    superseded.push((old.rec, key.clone()));
                }
                slot.push(pending);
            }
        }
    }
    // A recusal record outweighs every sheet of its reviewer for its applicant.
    if let Some(scope) = &mut scope {
        scope.judge(std::mem::take(&mut recusals));
        let recused_by: Vec<Option<String>> = records
            .iter()
            .zip(&meta)
            .map(|(r, m)| {
                let key = &roster.members[m.member?].public_key;
                scope.recused(key, r.applicant.as_deref()?).cloned()
            })
            .collect();
        for (record, by) in records.iter_mut().zip(&recused_by) {
            let soft = matches!(
                record.excluded,
                None | Some(Exclusion::Draft | Exclusion::CoachingExpert)
            );
            if let (true, Some(by)) = (soft, by) {
                record.excluded = Some(Exclusion::Recused { record: by.clone() });
            }
        }
        newest.retain(|_, slot| {
            slot.retain(|p| records[p.rec].excluded.is_none());
            !slot.is_empty()
        });
        superseded.retain(|(rec, key)| {
            if let Some(record) = &recused_by[*rec] {
                records[*rec].excluded = Some(Exclusion::Recused {
                    record: record.clone(),
                });
                return false;
            }
            newest.contains_key(key)
        });
    }
    for (rec, key) in superseded {
        let by_version = newest[&key][0].sheet.version;
        records[rec].excluded = Some(Exclusion::Superseded { by_version });
    }

    // One sheet per (group, reviewer), or none when two different files claim the version.
    let mut groups: BTreeMap<GroupKey, Vec<Pending>> = BTreeMap::new();
    for ((group, _), mut same) in newest {
        same.sort_by(|a, b| {
            (&records[a.rec].path, &records[a.rec].hash)
                .cmp(&(&records[b.rec].path, &records[b.rec].hash))
        });
        let first_hash = records[same[0].rec].hash.clone();
        if same.iter().all(|p| records[p.rec].hash == first_hash) {
            let first_path = records[same[0].rec].path.clone();
            let mut it = same.into_iter();
            let kept = it.next().expect("a slot is never empty");
            for copy in it {
                records[copy.rec].excluded = Some(Exclusion::SameFile {
                    first: first_path.clone(),
                });
            }
            groups.entry(group).or_default().push(kept);
        } else {
            for p in &same {
                let other = same
                    .iter()
                    .find(|o| records[o.rec].hash != records[p.rec].hash)
                    .map(|o| records[o.rec].path.clone())
                    .unwrap_or_default();
                records[p.rec].excluded = Some(Exclusion::DuplicateVersion { other });
            }
        }
    }

    // Score sheets by (applicant, track, stage), then their consensus sheet if any.
    let mut consensus: BTreeMap<Group, Vec<Pending>> = BTreeMap::new();
    let mut scored: BTreeMap<Group, Vec<Pending>> = BTreeMap::new();
    for (GroupKey { kind, group: key }, list) in groups {
        if kind == kind_code(DocumentKind::ConsensusSheet) {
            consensus.entry(key).or_default().extend(list);
        } else {
            scored.entry(key).or_default().extend(list);
        }
    }

    let mut results = Vec::new();
    let mut used_sheets = Vec::new();
    for (key, mut list) in scored {
        let Some(framework) = settle_framework(
            &mut list,
            &mut records,
            catalog,
            &roster.program,
            &key.track,
        ) else {
            continue;
        };
        list.sort_by_key(|p| (p.member, p.rec));
        let agreed = consensus
            .remove(&key)
            .and_then(|c| pick_consensus(c, &list, &framework.1, &mut records));
        let mut result = build_result(&key, &list, agreed.as_ref(), framework, roster, opts);
        result.sources = list.iter().map(|p| records[p.rec].hash.clone()).collect();
        result.consensus_sheet = agreed.as_ref().map(|p| records[p.rec].hash.clone());
        results.push(result);
        used_sheets.extend(list.into_iter().map(|p| (p.rec, p.sheet)));
        used_sheets.extend(agreed.map(|p| (p.rec, p.sheet)));
    }
    // Consensus sheets for a group with no counted score sheets have nothing to agree on.
    for (_, list) in consensus {
        for p in list {
            records[p.rec].excluded = Some(Exclusion::StaleConsensus {
                stale: Stale::NoScoreSheets,
            });
        }
    }

    let mut ranking = ranking(&results, &roster.program, catalog, opts.min_total);
    let mut coverage = None;
    let mut round_file = None;
    let mut recusal_list = Vec::new();
    if let Some(scope) = scope {
        super::round::no_awards_before_site(&mut ranking, &results);
        coverage = Some(scope.coverage(&records, &meta));
        round_file = Some(scope.round.round_ref());
        recusal_list = scope.recusals;
    }
    used_sheets.sort_by(|a, b| {
        (&records[a.0].path, &records[a.0].hash).cmp(&(&records[b.0].path, &records[b.0].hash))
    });
    records.sort_by(|a, b| (&a.path, &a.hash).cmp(&(&b.path, &b.hash)));
    PanelResult {
        format: PANEL_FORMAT.into(),
        format_version: PANEL_FORMAT_VERSION,
        program: roster.program.clone(),
        round: roster.round.clone(),
        method: opts.method,
        divergence_threshold: opts.threshold,
        created_at: opts.created_at.clone(),
        inputs: records,
        results,
        ranking,
        min_total: opts.min_total,
        round_file,
        recusals: recusal_list,
        coverage,
        shortlist: None,
        sheets: used_sheets.into_iter().map(|(_, s)| s).collect(),
    }
}

/// Why a verified sheet is left out before versions are compared, if it is.
fn admit(
    sheet: &Sheet,
    member: Option<&RosterMember>,
    roster: &Roster,
    opts: &MergeOptions,
) -> Option<Exclusion> {
    if !sheet.kind.is_sheet() {
        return Some(Exclusion::from_fault(Fault::Check(VerifyError::NotASheet(
            sheet.kind.payload_type().to_string(),
        ))));
    }
    if sheet.program.id != roster.program {
        return Some(Exclusion::OtherProgram {
            program: sheet.program.id.clone(),
        });
    }
    let Some(member) = member else {
        return Some(Exclusion::NotInRoster);
    };
    if sheet.kind == DocumentKind::ConsensusSheet && member.role != Role::Leader {
        return Some(Exclusion::NotLeader);
    }
    if sheet.draft && !opts.include_drafts {
        return Some(Exclusion::Draft);
    }
    None
}

/// Leaves out conflicted reviewers and sheets on a minority edition; returns the panel's
/// framework (with its hash), or None when the group cannot be scored.
fn settle_framework<'c>(
    list: &mut Vec<Pending>,
    records: &mut [InputSheet],
    catalog: &'c Catalog,
    program: &str,
    track: &str,
) -> Option<(&'c Framework, String)> {
    list.retain(|p| match &p.sheet.conflict {
        ConflictDeclaration::Conflict { relationship, .. } => {
            records[p.rec].excluded = Some(Exclusion::Conflict {
                relationship: relationship.clone(),
            });
            false
        }
        _ => true,
    });
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in list.iter() {
        *counts.entry(p.sheet.framework.hash.as_str()).or_default() += 1;
    }
    let best = counts.values().copied().max()?;
    let leaders: Vec<String> = counts
        .iter()
        .filter(|(_, n)| **n == best)
        .map(|(h, _)| h.to_string())
        .collect();
    let current = catalog
        .program(program)
        .and_then(|p| p.doc.track(track))
        .and_then(|t| catalog.framework(&t.framework))
        .map(|f| f.hash.clone());
    let chosen = if leaders.len() == 1 {
        Some(leaders[0].clone())
    } else {
        current.filter(|c| leaders.contains(c))
    };
    let framework = chosen.as_deref().and_then(|h| catalog.framework_by_hash(h));
    let Some(framework) = framework else {
        for p in list.drain(..) {
            records[p.rec].excluded = Some(match &chosen {
                Some(h) => Exclusion::from_fault(Fault::Check(VerifyError::UnknownFramework {
                    id: p.sheet.framework.id.clone(),
                    hash: h.clone(),
                })),
                None => Exclusion::FrameworkMismatch {
                    hash: p.sheet.framework.hash.clone(),
                },
            });
        }
        return None;
    };
    list.retain(|p| {
        if p.sheet.framework.hash == framework.hash {
            true
        } else {
            records[p.rec].excluded = Some(Exclusion::FrameworkMismatch {
                hash: p.sheet.framework.hash.clone(),
            });
            false
        }
    });
    Some((&framework.doc, framework.hash.clone()))
}

/// The consensus sheet that applies to a group, if one does.
fn pick_consensus(
    mut candidates: Vec<Pending>,
    used: &[Pending],
    framework_hash: &str,
    records: &mut [InputSheet],
) -> Option<Pending> {
    // Several leaders may each have signed one: the newest (created_at, then path) stands.
    // Compared as instants: times are written with the signer's local offset.
    let at = |p: &Pending| {
        let rfc3339 = &time::format_description::well_known::Rfc3339;
        time::OffsetDateTime::parse(&p.sheet.created_at, rfc3339).ok()
    };
    candidates.sort_by(|a, b| (at(b), &records[b.rec].path).cmp(&(at(a), &records[a.rec].path)));
    let mut it = candidates.into_iter();
    let chosen = it.next()?;
    for other in it {
        records[other.rec].excluded = Some(Exclusion::Superseded {
            by_version: chosen.sheet.version,
        });
    }
    let fail = |records: &mut [InputSheet], e: Exclusion| {
        records[chosen.rec].excluded = Some(e);
    };
    if chosen.sheet.framework.hash != framework_hash {
        fail(
            records,
            Exclusion::FrameworkMismatch {
                hash: chosen.sheet.framework.hash.clone(),
            },
        );
        return None;
    }
    let want: BTreeSet<&str> = used.iter().map(|p| records[p.rec].hash.as_str()).collect();
    let have: BTreeSet<&str> = chosen.sheet.sources.iter().map(String::as_str).collect();
    if want != have {
        let stale = Stale::OtherSources {
            missing: want.difference(&have).count(),
            extra: have.difference(&want).count(),
        };
        fail(records, Exclusion::StaleConsensus { stale });
        return None;
    }
    Some(chosen)
}

fn build_result(
    key: &Group,
    list: &[Pending],
    agreed: Option<&Pending>,
    (framework, hash): (&Framework, String),
    roster: &Roster,
    opts: &MergeOptions,
) -> ApplicantResult {
    let percents: Vec<HashMap<&str, Option<u8>>> = list
        .iter()
        .map(|p| {
            p.sheet
                .items
                .iter()
                .map(|i| (i.code.as_str(), i.percent))
                .collect()
        })
        .collect();
    let agreed_of: HashMap<&str, Option<u8>> = agreed
        .map(|c| {
            c.sheet
                .items
                .iter()
                .map(|i| (i.code.as_str(), i.percent))
                .collect()
        })
        .unwrap_or_default();
    let mut items = Vec::with_capacity(framework.item_count());
    let mut categories = Vec::with_capacity(framework.categories.len());
    let mut total = Decimal::ZERO;
    for c in &framework.categories {
        let mut sum = Decimal::ZERO;
        for i in &c.items {
            let row = list
                .iter()
                .zip(&percents)
                .map(|(p, map)| {
                    let m = &roster.members[p.member];
                    ReviewerPercent {
                        reviewer: m.name.clone(),
                        role: m.role,
                        percent: map.get(i.code.as_str()).copied().flatten(),
                    }
                })
                .collect();
            let agreed = agreed_of.get(i.code.as_str()).copied().flatten();
            let s = stats::item_stats(&i.code, i.points, row, agreed, opts.method, opts.threshold);
            sum += s.panel_score;
            items.push(s);
        }
        total += sum;
        categories.push(CategoryTotal {
            code: c.code.clone(),
            points: c.points,
            score: sum.normalize(),
        });
    }
    let first = &list[0].sheet;
    ApplicantResult {
        applicant_id: key.applicant.clone(),
        applicant_name: first.applicant.name.clone(),
        kind: first.applicant.kind,
        track: key.track.clone(),
        stage: key.stage,
        framework_hash: hash,
        reviewers: list
            .iter()
            .map(|p| roster.members[p.member].name.clone())
            .collect(),
        agenda: stats::agenda(&items),
        items,
        categories,
        total: total.normalize(),
        sources: Vec::new(),
        consensus_sheet: None,
    }
}

/// Ranks each track on its most advanced stage; applicants only seen in an earlier stage are
/// listed after the ranked ones with rank 0 and a note, never dropped.
pub fn ranking(
    results: &[ApplicantResult],
    program: &str,
    catalog: &Catalog,
    min_total: Option<Decimal>,
) -> BTreeMap<String, Vec<RankEntry>> {
    let mut latest: BTreeMap<&str, Stage> = BTreeMap::new();
    for r in results {
        let s = latest.entry(r.track.as_str()).or_insert(r.stage);
        *s = (*s).max(r.stage);
    }
    let standings: Vec<Standing> = results
        .iter()
        .filter(|r| latest.get(r.track.as_str()) == Some(&r.stage))
        .map(|r| Standing {
            applicant_id: r.applicant_id.clone(),
            track: r.track.clone(),
            total: r.total,
        })
        .collect();
    let mut ranking = match catalog.program(program) {
        Some(p) => rank(&p.doc, &standings, min_total),
        None => {
            let mut m: BTreeMap<String, Vec<RankEntry>> = BTreeMap::new();
            for s in &standings {
                m.entry(s.track.clone()).or_default().push(RankEntry {
                    applicant_id: s.applicant_id.clone(),
                    rank: 0,
                    tied: false,
                    total: s.total,
                    proposed_award: None,
                    note: Some(RankNote::UnknownProgram {
                        program: program.to_string(),
                    }),
                });
            }
            m
        }
    };
    let ranked: BTreeSet<(&str, &str)> = standings
        .iter()
        .map(|s| (s.track.as_str(), s.applicant_id.as_str()))
        .collect();
    for r in results {
        if ranked.contains(&(r.track.as_str(), r.applicant_id.as_str())) {
            continue;
        }
        let stage = latest[r.track.as_str()];
        let entries = ranking.entry(r.track.clone()).or_default();
        if entries
            .iter()
            .any(|e| e.applicant_id == r.applicant_id && e.rank == 0)
        {
            continue;
        }
        entries.push(RankEntry {
            applicant_id: r.applicant_id.clone(),
            rank: 0,
            tied: false,
            total: r.total,
            proposed_award: None,
            note: Some(RankNote::EarlierStageOnly {
                stage: r.stage,
                ranked_on: stage,
            }),
        });
    }
    ranking
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::panel::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn opts(method: Method) -> MergeOptions {
        MergeOptions {
            method,
            ..MergeOptions::default()
        }
    }

    fn run(inputs: Vec<Checked>, method: Method) -> PanelResult {
        merge_checked(inputs, &roster(), &catalog(), &opts(method))
    }

    fn excluded<'a>(r: &'a PanelResult, path: &str) -> Option<&'a Exclusion> {
        r.inputs
            .iter()
            .find(|i| i.path == path)
            .unwrap_or_else(|| panic!("{path} not listed"))
            .excluded
            .as_ref()
    }

    /// Five counted reviewers on item 1.1: 40 50 55 60 80 → mean 57, median 55, trimmed 55.
    fn five() -> Vec<Checked> {
        let rows = [
            ("L", [40, 50, 60]),
            ("M1", [50, 50, 60]),
            ("M2", [55, 50, 60]),
            ("M3", [60, 70, 65]),
            ("M4", [80, 50, 60]),
        ];
        rows.iter()
            .map(|(r, v)| checked(&format!("{r}.json"), sheet(r, "A1", 1, v.map(Some))))
            .collect()
    }

    #[test]
    fn methods_on_a_hand_computed_panel() {
        // 1.1 (400 pts): mean 57 → 228; median 55 → 220; trimmed 55 → 220.
        // 1.2 (100 pts): 50 50 50 70 50 → mean 54 → 54; median 50 → 50; trimmed (50 50 50) 50.
        // 2.1 (500 pts): 60 60 60 65 60 → mean 61 → 305; median 60 → 300; trimmed 60 → 300.
        let mean = run(five(), Method::Mean);
        let r = &mean.results[0];
        assert_eq!(r.items[0].mean, dec!(57));
        assert_eq!(r.items[0].spread, 40);
        assert!(r.items[0].divergent);
        assert!(r.items[1].divergent, "1.2 spread 20 reaches the threshold");
        assert!(!r.items[2].divergent);
        assert_eq!(r.agenda, vec!["1.1", "1.2", "2.1"]);
        assert_eq!(r.categories[0].score, dec!(282));
        assert_eq!(r.categories[1].score, dec!(305));
        assert_eq!(r.total, dec!(587));
        assert_eq!(run(five(), Method::Median).results[0].total, dec!(570));
        assert_eq!(run(five(), Method::TrimmedMean).results[0].total, dec!(570));
        // No consensus sheet: consensus falls back to the median.
        assert_eq!(run(five(), Method::Consensus).results[0].total, dec!(570));
        assert!(mean.inputs.iter().all(|i| i.excluded.is_none()));
        assert_eq!(mean.results[0].reviewers, vec!["L", "M1", "M2", "M3", "M4"]);
    }

    #[test]
    fn trainee_is_shown_but_not_counted() {
        let mut inputs = five();
        inputs.push(checked("T.json", sheet("T", "A1", 1, [p(0), p(0), p(0)])));
        let r = run(inputs, Method::Mean);
        let item = &r.results[0].items[0];
        assert_eq!(item.percents.len(), 6);
        assert_eq!(item.n, 5);
        assert_eq!(item.min, 40);
        assert_eq!(r.results[0].total, dec!(587));
        assert!(excluded(&r, "T.json").is_none());
    }

    #[test]
    fn newest_version_wins_and_older_ones_are_listed() {
        let r = run(
            vec![
                checked("m1-v1.json", sheet("M1", "A1", 1, [p(10), p(10), p(10)])),
                checked("m1-v3.json", sheet("M1", "A1", 3, [p(50), p(50), p(50)])),
                checked("m1-v2.json", sheet("M1", "A1", 2, [p(90), p(90), p(90)])),
            ],
            Method::Mean,
        );
        assert_eq!(
            excluded(&r, "m1-v1.json"),
            Some(&Exclusion::Superseded { by_version: 3 })
        );
        assert_eq!(
            excluded(&r, "m1-v2.json"),
            Some(&Exclusion::Superseded { by_version: 3 })
        );
        assert_eq!(excluded(&r, "m1-v3.json"), None);
        assert_eq!(r.results[0].total, dec!(500));
        assert_eq!(r.sheets.len(), 1);
    }

    #[test]
    fn two_different_sheets_claiming_one_version_are_both_left_out() {
        let r = run(
            vec![
                checked("a.json", sheet("M1", "A1", 2, [p(10), p(10), p(10)])),
                checked("b.json", sheet("M1", "A1", 2, [p(90), p(90), p(90)])),
                checked("old.json", sheet("M1", "A1", 1, [p(50), p(50), p(50)])),
                checked("m2.json", sheet("M2", "A1", 1, [p(50), p(50), p(50)])),
                checked("copy/m2.json", sheet("M2", "A1", 1, [p(50), p(50), p(50)])),
            ],
            Method::Mean,
        );
        assert_eq!(
            excluded(&r, "a.json"),
            Some(&Exclusion::DuplicateVersion {
                other: "b.json".into()
            })
        );
        assert_eq!(
            excluded(&r, "b.json"),
            Some(&Exclusion::DuplicateVersion {
                other: "a.json".into()
            })
        );
        assert_eq!(
            excluded(&r, "old.json"),
            Some(&Exclusion::Superseded { by_version: 2 })
        );
        // The identical copy counts once; "copy/m2.json" sorts first so it is the one kept.
        assert_eq!(excluded(&r, "copy/m2.json"), None);
        assert_eq!(
            excluded(&r, "m2.json"),
            Some(&Exclusion::SameFile {
                first: "copy/m2.json".into()
            })
        );
        assert_eq!(r.results[0].reviewers, vec!["M2"]);
    }

    #[test]
    fn conflict_in_the_newest_version_withdraws_the_reviewer() {
        let mut c = sheet("M1", "A1", 2, [None, None, None]);
        c.conflict = ConflictDeclaration::Conflict {
            relationship: "曾为其提供辅导".into(),
            declared_at: "2025-05-02T00:00:00Z".into(),
        };
        let r = run(
            vec![
                checked("m1-v1.json", sheet("M1", "A1", 1, [p(90), p(90), p(90)])),
                checked("m1-v2.json", c),
                checked("m2.json", sheet("M2", "A1", 1, [p(50), p(50), p(50)])),
            ],
            Method::Mean,
        );
        assert_eq!(
            excluded(&r, "m1-v2.json"),
            Some(&Exclusion::Conflict {
                relationship: "曾为其提供辅导".into()
            })
        );
        assert_eq!(
            excluded(&r, "m1-v1.json"),
            Some(&Exclusion::Superseded { by_version: 2 })
        );
        assert_eq!(r.results[0].total, dec!(500));
    }

    #[test]
    fn outsiders_other_programmes_drafts_and_invalid_files_are_named() {
        let mut draft = sheet("M2", "A1", 2, [p(100), p(100), p(100)]);
        draft.draft = true;
        let mut other = sheet("M3", "A1", 1, [p(0), p(0), p(0)]);
        other.program.id = "elsewhere-2023".into();
        let inputs = || {
            vec![
                checked("m1.json", sheet("M1", "A1", 1, [p(50), p(50), p(50)])),
                checked("m2-v1.json", sheet("M2", "A1", 1, [p(50), p(50), p(50)])),
                checked("m2-draft.json", draft.clone()),
                checked(
                    "x.json",
                    sheet("Stranger", "A1", 1, [p(100), p(100), p(100)]),
                ),
                checked("other.json", other.clone()),
                Checked {
                    path: "notes.txt".into(),
                    hash: file_hash(b"hello"),
                    outcome: Err(not_json()),
                },
            ]
        };
        let r = run(inputs(), Method::Mean);
        assert_eq!(excluded(&r, "m2-draft.json"), Some(&Exclusion::Draft));
        assert_eq!(
            excluded(&r, "m2-v1.json"),
            None,
            "a later draft does not retire a final"
        );
        assert_eq!(excluded(&r, "x.json"), Some(&Exclusion::NotInRoster));
        assert_eq!(
            excluded(&r, "other.json"),
            Some(&Exclusion::OtherProgram {
                program: "elsewhere-2023".into()
            })
        );
        assert!(matches!(
            excluded(&r, "notes.txt"),
            Some(Exclusion::NotASheet { .. })
        ));
        assert_eq!(r.inputs.len(), 6);
        assert_eq!(r.results[0].total, dec!(500));

        let with_drafts = merge_checked(
            inputs(),
            &roster(),
            &catalog(),
            &MergeOptions {
                method: Method::Mean,
                include_drafts: true,
                ..MergeOptions::default()
            },
        );
        assert_eq!(excluded(&with_drafts, "m2-draft.json"), None);
        assert_eq!(
            excluded(&with_drafts, "m2-v1.json"),
            Some(&Exclusion::Superseded { by_version: 2 })
        );
        assert_eq!(with_drafts.results[0].total, dec!(750));
    }

    #[test]
    fn minority_framework_edition_is_refused() {
        let mut odd = sheet("M3", "A1", 1, [p(0), p(0), p(0)]);
        odd.framework.hash = "ab".repeat(32);
        let r = run(
            vec![
                checked("m1.json", sheet("M1", "A1", 1, [p(50), p(50), p(50)])),
                checked("m2.json", sheet("M2", "A1", 1, [p(50), p(50), p(50)])),
                checked("m3.json", odd),
            ],
            Method::Mean,
        );
        assert_eq!(
            excluded(&r, "m3.json"),
            Some(&Exclusion::FrameworkMismatch {
                hash: "ab".repeat(32)
            })
        );
        assert_eq!(r.results[0].framework_hash, framework_hash());
        assert_eq!(r.results[0].total, dec!(500));
    }

    #[test]
    fn even_split_on_editions_keeps_the_current_one() {
        let mut odd = sheet("M2", "A1", 1, [p(0), p(0), p(0)]);
        odd.framework.hash = "cd".repeat(32);
        let r = run(
            vec![
                checked("m1.json", sheet("M1", "A1", 1, [p(50), p(50), p(50)])),
                checked("m2.json", odd),
            ],
            Method::Mean,
        );
        assert!(matches!(
            excluded(&r, "m2.json"),
            Some(Exclusion::FrameworkMismatch { .. })
        ));
        assert_eq!(r.results.len(), 1);
    }

    #[test]
    fn consensus_sheet_from_the_leader_gives_the_agreed_percents() {
        let base = five();
        let sources: Vec<String> = base.iter().map(|c| c.hash.clone()).collect();
        let mut inputs = five();
        inputs.push(checked(
            "consensus.json",
            consensus("L", "A1", [p(60), p(55), p(60)], sources.clone()),
        ));
        // agreed: 400×60% + 100×55% + 500×60% = 240 + 55 + 300 = 595
        let r = run(inputs, Method::Consensus);
        assert_eq!(excluded(&r, "consensus.json"), None);
        assert_eq!(r.results[0].items[0].consensus, Some(60));
        assert_eq!(r.results[0].total, dec!(595));
        // The mean method ignores it.
        let mut inputs = five();
        inputs.push(checked(
            "consensus.json",
            consensus("L", "A1", [p(60), p(55), p(60)], sources.clone()),
        ));
        assert_eq!(run(inputs, Method::Mean).results[0].total, dec!(587));

        // A member may not sign the panel's consensus.
        let mut inputs = five();
        inputs.push(checked(
            "c.json",
            consensus("M1", "A1", [p(100), p(100), p(100)], sources.clone()),
        ));
        let r = run(inputs, Method::Consensus);
        assert_eq!(excluded(&r, "c.json"), Some(&Exclusion::NotLeader));
        assert_eq!(r.results[0].total, dec!(570));

        // A newer sheet after the consensus makes it stale: back to the median.
        let mut inputs = five();
        inputs.push(checked(
            "m4-v2.json",
            sheet("M4", "A1", 2, [p(80), p(50), p(60)]),
        ));
        inputs.push(checked(
            "c.json",
            consensus("L", "A1", [p(100), p(100), p(100)], sources),
        ));
        let r = run(inputs, Method::Consensus);
        assert!(matches!(
            excluded(&r, "c.json"),
            Some(Exclusion::StaleConsensus { .. })
        ));
        // The reason is typed; readers word it in their language: the leader reads Chinese.
        let stale = excluded(&r, "c.json").unwrap();
        assert!(
            stale
                .message(crate::lang::Lang::Zh)
                .contains("1 份计入的评分表不在其依据中")
        );
        assert!(
            stale
                .message(crate::lang::Lang::En)
                .contains("1 counted sheet(s) not among its sources")
        );
        assert_eq!(r.results[0].total, dec!(570));
    }

    #[test]
    fn ranking_uses_the_latest_stage_and_lists_the_rest() {
        let mut site = sheet("M1", "A1", 1, [p(70), p(70), p(70)]);
        site.stage = Stage::SiteReview;
        let r = run(
            vec![
                checked("a1-doc.json", sheet("M1", "A1", 1, [p(50), p(50), p(50)])),
                checked("a1-site.json", site),
                checked("a2-doc.json", sheet("M1", "A2", 1, [p(90), p(90), p(90)])),
            ],
            Method::Mean,
        );
        assert_eq!(r.results.len(), 3);
        let m = &r.ranking["mayor-model"];
        assert_eq!(m[0].applicant_id, "A1");
        assert_eq!(m[0].rank, 1);
        assert_eq!(m[0].total, dec!(700));
        assert_eq!(m[0].proposed_award.as_deref(), Some("mayor"));
        assert_eq!(m[1].applicant_id, "A2");
        assert_eq!(m[1].rank, 0);
        let note = m[1].note.as_ref().unwrap().message(crate::lang::Lang::En);
        assert!(note.contains("only document"), "{note}");
    }

    /// What the checks say of a file that is not JSON.
    fn not_json() -> Exclusion {
        use crate::canonical::CanonicalError;
        use crate::sheet::EnvelopeError;
        Exclusion::from_fault(Fault::Check(VerifyError::Envelope(EnvelopeError::Json(
            CanonicalError::Syntax {
                line: 1,
                column: 1,
                message: "expected value".into(),
            },
        ))))
    }

    fn panel_strategy() -> impl Strategy<Value = Vec<(usize, usize, u32, [u8; 3])>> {
        // (reviewer, applicant, version, percents in steps of 5)
        proptest::collection::vec(
            (
                0usize..7,
                0usize..3,
                1u32..4,
                [0u8..=20, 0u8..=20, 0u8..=20],
            ),
            0..25,
        )
    }

    fn build(spec: &[(usize, usize, u32, [u8; 3])]) -> Vec<Checked> {
        let names = ["L", "M1", "M2", "M3", "M4", "M5", "T"];
        spec.iter()
            .enumerate()
            .map(|(i, (r, a, v, pc))| {
                checked(
                    &format!("f{i}.json"),
                    sheet(names[*r], &format!("A{a}"), *v, pc.map(|x| Some(x * 5))),
                )
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn merge_does_not_depend_on_input_order(
            spec in panel_strategy(),
            seed in any::<u64>(),
            method in prop_oneof![
                Just(Method::Consensus), Just(Method::Mean),
                Just(Method::Median), Just(Method::TrimmedMean)
            ],
        ) {
            let inputs = build(&spec);
            let mut shuffled = inputs.clone();
            // Fisher–Yates with a small LCG: proptest varies the seed.
            let mut s = seed;
            for i in (1..shuffled.len()).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (s >> 33) as usize % (i + 1));
            }
            let a = run(inputs, method);
            let b = run(shuffled, method);
            prop_assert_eq!(a, b);
        }

        #[test]
        fn totals_never_exceed_1000(spec in panel_strategy()) {
            for method in [Method::Consensus, Method::Mean, Method::Median, Method::TrimmedMean] {
                let r = run(build(&spec), method);
                for a in &r.results {
                    prop_assert!(a.total <= dec!(1000));
                    prop_assert!(a.total >= Decimal::ZERO);
                    let sum: Decimal = a.categories.iter().map(|c| c.score).sum();
                    prop_assert_eq!(sum, a.total);
                }
            }
        }
    }
}
