//! The leader's merge against a round (评审轮次, `scorebook merge --round`): the signed round
//! names the applicants, their numbers (申报编号), the panel and who is in each stage, so the
//! merge can refuse what does not belong and say what is missing.
//!
//! Rules, in the order they are applied to a verified sheet (docs/panel-format.md §2):
//! 1. for the round's programme, else `other_program`;
//! 2. for this round: no round at all (a local applicant's sheet, or sheet format 1) is
//!    `no_round`, another round id `other_round`, a newer version than the leader's file
//!    `newer_round`, the same version but another file `round_file_differs`. An older
//!    version counts where nothing it names has changed since;
//! 3. signed by a key on the round's panel (`not_on_panel`); a consensus sheet by a leader;
//! 4. the number is in the round (`not_in_round`), with the round's name and track
//!    (`name_differs`, `track_differs`: when the sheet was made with an older version, the
//!    reason says so — the round renamed it since);
//! 5. the applicant is in the stage: the site stage only for the site-review shortlist
//!    (现场评审名单, 第十八条(三)) (`not_in_stage`);
//! 6. a recusal record (回避声明) of the reviewer for the applicant outweighs any sheet
//!    (`recused`), and so does the round registering the reviewer as its coaching expert
//!    (指导专家, 第十四条: `coaching_expert`);
//! 7. then as against a roster: drafts, versions, conflicts, framework editions, consensus.
//!
//! Recusal records among the inputs are verified (`sheet::verify_recusal`) and counted when
//! they are for this round's programme and round, by a member of its panel, for a number in it.

use std::collections::{BTreeMap, HashMap};

use crate::identity::Role;
use crate::program::Catalog;
use crate::review::Stage;
use crate::round::VerifiedRound;
use crate::sheet::{DocumentKind, Recusal, RoundRef, Sheet, VerifyError, verify_recusal};

use super::coverage::{Cell, Coverage, CoverageMember, CoverageRow, InputRecusal, RecusedBy};
use super::merge::{Checked, MergeOptions, check, exclusion_code, file_hash, refused};
use super::model::{Exclusion, Fault, InputSheet, RankEntry, RankNote, Roster, RosterMember};

/// A recusal record after its signature and fields were checked.
#[derive(Debug, Clone)]
pub struct CheckedRecusal {
    pub path: String,
    /// SHA-256 (hex) of the file bytes.
    pub hash: String,
    pub outcome: Result<Recusal, Exclusion>,
}

/// One input of a merge against a round: a sheet (or a file that is none), or a recusal record.
#[derive(Debug, Clone)]
pub enum Input {
    Sheet(Checked),
    Recusal(CheckedRecusal),
}

/// Checks one file: a recusal record is verified as one, anything else the way `verify`
/// checks a sheet ([`check`]).
pub fn check_input(path: String, bytes: &[u8], catalog: &Catalog) -> Input {
    let checked = check(path, bytes, catalog);
    let is_recusal = matches!(
        &checked.outcome,
        Err(Exclusion::NotASheet { fault: Fault::Check(VerifyError::NotASheet(t)), .. })
            if t == DocumentKind::Recusal.payload_type()
    );
    if is_recusal {
        Input::Recusal(check_recusal(checked.path, bytes))
    } else {
        Input::Sheet(checked)
    }
}

/// Verifies a recusal record file.
pub fn check_recusal(path: String, bytes: &[u8]) -> CheckedRecusal {
    match verify_recusal(bytes) {
        Ok(v) => CheckedRecusal {
            path,
            hash: v.envelope.hash,
            outcome: Ok(v.recusal),
        },
        Err(e) => CheckedRecusal {
            path,
            hash: file_hash(bytes),
            outcome: Err(refused(&e, bytes)),
        },
    }
}

/// The round of a sheet (sheet format 2), None for a local applicant's sheet or format 1.
fn sheet_round(sheet: &Sheet) -> Option<&RoundRef> {
    sheet.round.as_ref()
}

/// Whether a document made with round `r` belongs to the round the leader merges against.
fn against(round: &VerifiedRound, r: Option<&RoundRef>) -> Option<Exclusion> {
    let current = round.round.version;
    match r {
        None => Some(Exclusion::NoRound),
        Some(r) if r.id != round.round.round_id => Some(Exclusion::OtherRound {
            round_id: r.id.clone(),
        }),
        Some(r) if r.version > current => Some(Exclusion::NewerRound {
            version: r.version,
            current,
        }),
        Some(r) if r.version == current && r.hash != round.hash => {
            Some(Exclusion::RoundFileDiffers { version: r.version })
        }
        Some(_) => None,
    }
}

/// The round a merge is checked against, with the recusal records it counts.
#[derive(Debug, Clone)]
pub struct RoundScope<'a> {
    pub round: &'a VerifiedRound,
    /// Every recusal record given, counted or excluded, sorted by path.
    pub recusals: Vec<InputRecusal>,
    /// Counted recusals: (public key, number) → the record's path (the first by path).
    recused: BTreeMap<(String, String), String>,
}

impl<'a> RoundScope<'a> {
    /// The scope of a round, before any recusal record is judged.
    pub fn new(round: &'a VerifiedRound) -> RoundScope<'a> {
        RoundScope {
            round,
            recusals: Vec::new(),
            recused: BTreeMap::new(),
        }
    }

    /// Whether a counted recusal record of this member (public key) covers the applicant.
    pub(super) fn recused(&self, public_key: &str, number: &str) -> Option<&String> {
        self.recused
            .get(&(public_key.to_string(), number.to_string()))
    }

    /// Judges the recusal records against the round (independent of their order) and keeps
    /// the counted ones.
    pub(super) fn judge(&mut self, mut records: Vec<CheckedRecusal>) {
        let round = self.round;
        records.sort_by(|a, b| (&a.path, &a.hash).cmp(&(&b.path, &b.hash)));
        let mut recused = BTreeMap::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut recusals = Vec::with_capacity(records.len());
        for c in records {
            let mut listed = InputRecusal {
                path: c.path,
                hash: c.hash,
                reviewer: None,
                applicant: None,
                relationship: None,
                excluded: None,
            };
            match c.outcome {
                Err(e) => listed.excluded = Some(e),
                Ok(r) => {
                    let member = round.round.member(&r.reviewer.public_key);
                    listed.reviewer =
                        Some(member.map_or(r.reviewer.name.clone(), |m| m.name.clone()));
                    listed.applicant = Some(r.applicant.id.clone());
                    listed.relationship = Some(r.relationship.clone());
                    listed.excluded = if r.program.id != round.round.program.id {
                        Some(Exclusion::OtherProgram {
                            program: r.program.id.clone(),
                        })
                    } else if let Some(e) = against(round, Some(&r.round)) {
                        Some(e)
                    } else if member.is_none() {
                        Some(Exclusion::NotOnPanel)
                    } else if round.round.applicant(&r.applicant.id).is_none() {
                        Some(Exclusion::NotInRound {
                            number: r.applicant.id.clone(),
                        })
                    } else if let Some(first) = seen.get(&listed.hash) {
                        Some(Exclusion::SameFile {
                            first: first.clone(),
                        })
                    } else {
                        None
                    };
                    if listed.excluded.is_none() {
                        seen.insert(listed.hash.clone(), listed.path.clone());
                        recused
                            .entry((r.reviewer.public_key.clone(), r.applicant.id.clone()))
                            .or_insert_with(|| listed.path.clone());
                    }
                }
            }
            recusals.push(listed);
        }
        self.recusals = recusals;
        self.recused = recused;
    }

    /// The round's panel as the merge's roster: program, round name and members.
    pub fn roster(&self) -> Roster {
        let r = &self.round.round;
        Roster {
            format: super::roster::ROSTER_FORMAT.into(),
            format_version: super::roster::ROSTER_FORMAT_VERSION,
            program: r.program.id.clone(),
            round: r.name.clone(),
            members: r
                .members
                .iter()
                .map(|m| RosterMember {
                    name: m.name.clone(),
                    public_key: m.public_key.clone(),
                    fingerprint: m.fingerprint.clone(),
                    role: m.role,
                })
                .collect(),
            created_at: r.created_at.clone(),
        }
    }

    /// Why a verified sheet does not belong to the round (rules 1–6 of the module, but for
    /// recusal records, which the merge applies once every input is read), or a draft not
    /// asked for; None when it goes on to the version comparison.
    pub(super) fn admit(
        &self,
        sheet: &Sheet,
        member: Option<&RosterMember>,
        opts: &MergeOptions,
    ) -> Option<Exclusion> {
        let round = &self.round.round;
        if sheet.program.id != round.program.id {
            return Some(Exclusion::OtherProgram {
                program: sheet.program.id.clone(),
            });
        }
        let made_with = sheet_round(sheet);
        if let Some(e) = against(self.round, made_with) {
            return Some(e);
        }
        let Some(member) = member else {
            return Some(Exclusion::NotOnPanel);
        };
        if sheet.kind == DocumentKind::ConsensusSheet && member.role != Role::Leader {
            return Some(Exclusion::NotLeader);
        }
        let number = &sheet.applicant.id;
        let Some(applicant) = round.applicant(number) else {
            return Some(Exclusion::NotInRound {
                number: number.clone(),
            });
        };
        let round_version = made_with.map_or(round.version, |r| r.version);
        if sheet.applicant.name != applicant.name {
            return Some(Exclusion::NameDiffers {
                name: sheet.applicant.name.clone(),
                expected: applicant.name.clone(),
                round_version,
                current: round.version,
            });
        }
        if sheet.track != applicant.track {
            return Some(Exclusion::TrackDiffers {
                track: sheet.track.clone(),
                expected: applicant.track.clone(),
                round_version,
                current: round.version,
            });
        }
        let in_stage = match sheet.stage {
            Stage::DocumentReview => round.stages.document_review.iter().any(|n| n == number),
            Stage::SiteReview => round.is_shortlisted(number),
        };
        if !in_stage {
            return Some(Exclusion::NotInStage { stage: sheet.stage });
        }
        if round.must_recuse(&member.name).contains(&number.as_str()) {
            return Some(Exclusion::CoachingExpert);
        }
        if sheet.draft && !opts.include_drafts {
            return Some(Exclusion::Draft);
        }
        None
    }

    /// The coverage table from the merge's records (`records[i]` was signed by member
    /// `meta[i].member` of [`Self::roster`], a sheet of `meta[i].kind`).
    pub(super) fn coverage(&self, records: &[InputSheet], meta: &[RecordMeta]) -> Coverage {
        let round = &self.round.round;
        let members: Vec<CoverageMember> = round
            .members
            .iter()
            .map(|m| CoverageMember {
                name: m.name.clone(),
                fingerprint: m.fingerprint.clone(),
                role: m.role,
            })
            .collect();
        let stages = [
            (Stage::DocumentReview, Some(&round.stages.document_review)),
            (Stage::SiteReview, round.stages.site_review.as_ref()),
        ];
        let mut rows: Vec<CoverageRow> = Vec::new();
        let mut index: HashMap<(&str, Stage), usize> = HashMap::new();
        for (stage, list) in stages {
            for number in list.into_iter().flatten() {
                let Some(a) = round.applicant(number) else {
                    continue;
                };
                if index.contains_key(&(number.as_str(), stage)) {
                    continue;
                }
                let cells = round
                    .members
                    .iter()
                    .map(|m| {
                        if let Some(path) =
                            self.recused.get(&(m.public_key.clone(), number.clone()))
                        {
                            Cell::Recused {
                                by: RecusedBy::Record { path: path.clone() },
                            }
                        } else if round.must_recuse(&m.name).contains(&number.as_str()) {
                            Cell::Recused {
                                by: RecusedBy::Coach,
                            }
                        } else {
                            Cell::Missing
                        }
                    })
                    .collect();
                index.insert((number.as_str(), stage), rows.len());
                rows.push(CoverageRow {
                    applicant_id: a.number.clone(),
                    applicant_name: a.name.clone(),
                    track: a.track.clone(),
                    stage,
                    cells,
                    counted: 0,
                    expected: 0,
                });
            }
        }
        for (rec, m) in records.iter().zip(meta) {
            let (Some(member), DocumentKind::ScoreSheet) = (m.member, m.kind) else {
                continue;
            };
            let (Some(applicant), Some(stage), Some(version)) =
                (&rec.applicant, rec.stage, rec.version)
            else {
                continue;
            };
            let Some(&row) = index.get(&(applicant.as_str(), stage)) else {
                continue;
            };
            let found = match &rec.excluded {
                None if m.draft => Cell::Draft {
                    version,
                    counted: true,
                },
                None => Cell::Signed { version },
                Some(Exclusion::Draft) => Cell::Draft {
                    version,
                    counted: false,
                },
                Some(Exclusion::Conflict { relationship }) => Cell::Recused {
                    by: RecusedBy::Sheet {
                        relationship: relationship.clone(),
                    },
                },
                Some(Exclusion::Recused { record }) => Cell::Recused {
                    by: RecusedBy::Record {
                        path: record.clone(),
                    },
                },
                Some(Exclusion::CoachingExpert) => Cell::Recused {
                    by: RecusedBy::Coach,
                },
                // Another record of the same cell stands for it.
                Some(Exclusion::Superseded { .. } | Exclusion::SameFile { .. }) => continue,
                Some(e) => Cell::Refused {
                    version,
                    code: exclusion_code(e).unwrap_or_default().to_string(),
                },
            };
            let cell = &mut rows[row].cells[member];
            if found.weight() > cell.weight() {
                *cell = found;
            }
        }
        for row in &mut rows {
            let voting = row
                .cells
                .iter()
                .zip(&members)
                .filter(|(_, m)| m.role != Role::Trainee);
            let (mut counted, mut expected) = (0, 0);
            for (c, _) in voting {
                counted += u32::from(c.is_counted());
                expected += u32::from(!matches!(c, Cell::Recused { .. }));
            }
            row.counted = counted;
            row.expected = expected;
        }
        Coverage { members, rows }
    }
}

/// What the coverage needs to know of each input beyond its listing.
#[derive(Debug, Clone, Copy)]
pub(super) struct RecordMeta {
    /// Index into the round's members, when the signer is one.
    pub member: Option<usize>,
    pub kind: DocumentKind,
    pub draft: bool,
}

/// Against a round, awards are proposed only from the site review (第十八条(三)–(六)): a
/// track ranked on the document review keeps its order and totals, proposes nothing, and
/// each ranked entry says why.
pub fn no_awards_before_site(
    ranking: &mut BTreeMap<String, Vec<RankEntry>>,
    results: &[super::model::ApplicantResult],
) {
    for (track, entries) in ranking.iter_mut() {
        let site = results
            .iter()
            .any(|r| &r.track == track && r.stage == Stage::SiteReview);
        if site {
            continue;
        }
        for e in entries.iter_mut().filter(|e| e.rank > 0) {
            e.proposed_award = None;
            e.note = Some(RankNote::NoAwardBeforeSite);
        }
    }
}
