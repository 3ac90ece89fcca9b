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
use crate::ids::ApplicantId;
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
#[allow(
    clippy::large_enum_variant,
    reason = "inputs stream through the merge one at a time; a sheet is the common case"
)]
pub enum Input {
    Sheet(Checked),
    /// Boxed: far fewer than sheets, and smaller.
    Recusal(Box<CheckedRecusal>),
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
        Input::Recusal(Box::new(check_recusal(checked.path, bytes)))
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
    recused: BTreeMap<(String, ApplicantId), String>,
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
        self.recused.get(&(public_key.to_string(), number.into()))
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
                    listed.applicant = Some(r.applicant.id.to_string());
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
                    } else {
                        seen.get(&listed.hash).map(|first| Exclusion::SameFile {
                            first: first.clone(),
                        })
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
                        if let Some(path) = self
                            .recused
                            .get(&(m.public_key.clone(), number.as_str().into()))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::panel::ShortlistNote;
    use crate::panel::merge::{merge_checked, merge_round_checked};
    use crate::panel::model::{Method, PanelResult};
    use crate::testkit::panel::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn opts() -> MergeOptions {
        MergeOptions {
            method: Method::Mean,
            ..MergeOptions::default()
        }
    }

    fn run_with(inputs: Vec<Input>, round: &VerifiedRound, shortlist: Option<u32>) -> PanelResult {
        merge_round_checked(inputs, round, &catalog(), &opts(), shortlist)
    }

    fn run(inputs: Vec<Input>) -> PanelResult {
        run_with(inputs, &round(), None)
    }

    fn s(path: &str, sheet: Sheet) -> Input {
        Input::Sheet(checked(path, sheet))
    }

    fn excluded<'a>(r: &'a PanelResult, path: &str) -> Option<&'a Exclusion> {
        r.inputs
            .iter()
            .find(|i| i.path == path)
            .unwrap_or_else(|| panic!("{path} not listed"))
            .excluded
            .as_ref()
    }

    fn flat(v: u8) -> [Option<u8>; 3] {
        [Some(v); 3]
    }

    /// A site-stage round: version 3 with A1 and A2 shortlisted.
    fn site_round() -> VerifiedRound {
        let mut r = round();
        r.round.version = 3;
        r.hash = "ef".repeat(32);
        r.round.stages.site_review = Some(vec!["A1".into(), "A2".into()]);
        r
    }

    #[test]
    fn each_refusal_reason_against_a_round() {
        let mut local = round_sheet("M1", "A1", 1, flat(50));
        local.round = None;
        let mut other = round_sheet("M2", "A1", 1, flat(50));
        other.round.as_mut().unwrap().id = "12".repeat(16).into();
        let mut newer = round_sheet("M3", "A1", 1, flat(50));
        newer.round.as_mut().unwrap().version = 3;
        let mut forged = round_sheet("M4", "A1", 1, flat(50));
        forged.round.as_mut().unwrap().hash = "00".repeat(32);
        let unknown = round_sheet("M1", "A9", 1, flat(50));
        let mut renamed = round_sheet("M1", "A2", 1, flat(50));
        renamed.applicant.name = "另一家公司".into();
        let mut track = round_sheet("M2", "A2", 1, flat(50));
        track.track = "gold-model".into();
        let stranger = round_sheet("Stranger", "A2", 1, flat(50));
        let mut site = round_sheet("M3", "A2", 1, flat(50));
        site.stage = Stage::SiteReview;
        let coach = round_sheet("M5", "A3", 1, flat(50));
        let mut program = round_sheet("M4", "A2", 1, flat(50));
        program.program.id = "elsewhere".into();
        let r = run(vec![
            s("local.json", local),
            s("other.json", other),
            s("newer.json", newer),
            s("forged.json", forged),
            s("unknown.json", unknown),
            s("renamed.json", renamed),
            s("track.json", track),
            s("stranger.json", stranger),
            s("site.json", site),
            s("coach.json", coach),
            s("program.json", program),
            s("ok.json", round_sheet("L", "A1", 1, flat(60))),
        ]);
        assert_eq!(excluded(&r, "local.json"), Some(&Exclusion::NoRound));
        assert_eq!(
            excluded(&r, "other.json"),
            Some(&Exclusion::OtherRound {
                round_id: "12".repeat(16).into()
            })
        );
        assert_eq!(
            excluded(&r, "newer.json"),
            Some(&Exclusion::NewerRound {
                version: 3,
                current: 2
            })
        );
        assert_eq!(
            excluded(&r, "forged.json"),
            Some(&Exclusion::RoundFileDiffers { version: 2 })
        );
        assert_eq!(
            excluded(&r, "unknown.json"),
            Some(&Exclusion::NotInRound {
                number: "A9".into()
            })
        );
        assert_eq!(
            excluded(&r, "renamed.json"),
            Some(&Exclusion::NameDiffers {
                name: "另一家公司".into(),
                expected: "申报对象A2".into(),
                round_version: 2,
                current: 2
            })
        );
        assert!(matches!(
            excluded(&r, "track.json"),
            Some(Exclusion::TrackDiffers { track, expected, .. })
                if track == "gold-model" && expected == "mayor-model"
        ));
        assert_eq!(excluded(&r, "stranger.json"), Some(&Exclusion::NotOnPanel));
        assert_eq!(
            excluded(&r, "site.json"),
            Some(&Exclusion::NotInStage {
                stage: Stage::SiteReview
            })
        );
        assert_eq!(excluded(&r, "coach.json"), Some(&Exclusion::CoachingExpert));
        assert_eq!(
            excluded(&r, "program.json"),
            Some(&Exclusion::OtherProgram {
                program: "elsewhere".into()
            })
        );
        assert_eq!(excluded(&r, "ok.json"), None);
        assert_eq!(r.results.len(), 1);
        assert_eq!(r.results[0].reviewers, vec!["L"]);
        // Every reason has a stable code and words in both languages.
        for i in &r.inputs {
            if let Some(e) = &i.excluded {
                assert!(exclusion_code(e).is_some());
                assert!(!e.message(crate::lang::Lang::Zh).is_empty());
                assert!(!e.message(crate::lang::Lang::En).is_empty());
            }
        }
        let site_zh = excluded(&r, "site.json")
            .unwrap()
            .message(crate::lang::Lang::Zh);
        assert!(site_zh.contains("现场评审名单"), "{site_zh}");
        assert_eq!(
            exclusion_code(excluded(&r, "site.json").unwrap()),
            Some("not-shortlisted")
        );
    }

    #[test]
    fn an_older_round_version_counts_unless_what_it_names_changed_since() {
        let mut round = round();
        round.round.version = 4;
        round.hash = "ee".repeat(32);
        round.round.applicants[1].name = "申报对象A2（更名）".into();
        let r = run_with(
            vec![
                // Made with version 2: A1 is unchanged since, so it counts.
                s("a1.json", round_sheet("M1", "A1", 1, flat(50))),
                // A2 was renamed in a later version: say so.
                s("a2.json", round_sheet("M1", "A2", 1, flat(50))),
            ],
            &round,
            None,
        );
        assert_eq!(excluded(&r, "a1.json"), None);
        let e = excluded(&r, "a2.json").unwrap();
        assert_eq!(
            e,
            &Exclusion::NameDiffers {
                name: "申报对象A2".into(),
                expected: "申报对象A2（更名）".into(),
                round_version: 2,
                current: 4
            }
        );
        let zh = e.message(crate::lang::Lang::Zh);
        assert!(zh.contains("第 2 版") && zh.contains("第 4 版"), "{zh}");
        let en = e.message(crate::lang::Lang::En);
        assert!(
            en.contains("version 2") && en.contains("imports the update"),
            "{en}"
        );
    }

    #[test]
    fn site_stage_counts_only_for_the_shortlisted() {
        let round = site_round();
        let site = |reviewer: &str, applicant: &str| {
            let mut x = round_sheet(reviewer, applicant, 1, flat(70));
            x.stage = Stage::SiteReview;
            x.round.as_mut().unwrap().version = 3;
            x.round.as_mut().unwrap().hash = "ef".repeat(32);
            x
        };
        let r = run_with(
            vec![
                s("a1-site.json", site("M1", "A1")),
                s("a3-site.json", site("M1", "A3")),
                // A document sheet made with version 2 still counts under version 3.
                s("a3-doc.json", round_sheet("M1", "A3", 1, flat(50))),
            ],
            &round,
            None,
        );
        assert_eq!(excluded(&r, "a1-site.json"), None);
        assert_eq!(
            excluded(&r, "a3-site.json"),
            Some(&Exclusion::NotInStage {
                stage: Stage::SiteReview
            })
        );
        assert_eq!(excluded(&r, "a3-doc.json"), None);
        // The round has issued its shortlist: no proposal, and awards come from the site stage.
        assert!(r.shortlist.is_none());
        let m = &r.ranking["mayor-model"];
        assert_eq!(m[0].applicant_id, "A1");
        assert_eq!(m[0].proposed_award.as_deref(), Some("mayor"));
        // Coverage: the site rows are the shortlisted applicants only.
        let c = r.coverage.as_ref().unwrap();
        let site_rows: Vec<&str> = c
            .rows
            .iter()
            .filter(|r| r.stage == Stage::SiteReview)
            .map(|r| r.applicant_id.as_str())
            .collect();
        assert_eq!(site_rows, ["A1", "A2"]);
    }

    #[test]
    fn a_recusal_record_is_counted_and_outweighs_every_sheet() {
        let r = run(vec![
            s("m1-a1-v1.json", round_sheet("M1", "A1", 1, flat(90))),
            s("m1-a1-v2.json", round_sheet("M1", "A1", 2, flat(90))),
            s("m2-a1.json", round_sheet("M2", "A1", 1, flat(50))),
            Input::Recusal(Box::new(recusal("recusal-m1.json", "M1", "A1"))),
            // Not counted: a key off the panel, a number not in the round, another round.
            Input::Recusal(Box::new(recusal("recusal-x.json", "Stranger", "A1"))),
            Input::Recusal(Box::new(recusal("recusal-a9.json", "M2", "A9"))),
            Input::Recusal(Box::new({
                let mut c = recusal("recusal-old.json", "M3", "A1");
                if let Ok(r) = &mut c.outcome {
                    r.round.id = "12".repeat(16).into();
                }
                c
            })),
        ]);
        for path in ["m1-a1-v1.json", "m1-a1-v2.json"] {
            assert_eq!(
                excluded(&r, path),
                Some(&Exclusion::Recused {
                    record: "recusal-m1.json".into()
                }),
                "{path}"
            );
        }
        assert_eq!(r.results[0].reviewers, vec!["M2"]);
        assert_eq!(r.results[0].total, dec!(500));
        let listed: Vec<(&str, Option<&Exclusion>)> = r
            .recusals
            .iter()
            .map(|x| (x.path.as_str(), x.excluded.as_ref()))
            .collect();
        assert_eq!(
            listed,
            [
                (
                    "recusal-a9.json",
                    Some(&Exclusion::NotInRound {
                        number: "A9".into()
                    })
                ),
                ("recusal-m1.json", None),
                (
                    "recusal-old.json",
                    Some(&Exclusion::OtherRound {
                        round_id: "12".repeat(16).into()
                    })
                ),
                ("recusal-x.json", Some(&Exclusion::NotOnPanel)),
            ]
        );
        let c = r.coverage.as_ref().unwrap();
        let row = c.row("A1", Stage::DocumentReview).unwrap();
        assert_eq!(
            row.cells[1],
            Cell::Recused {
                by: RecusedBy::Record {
                    path: "recusal-m1.json".into()
                }
            }
        );
    }

    #[test]
    fn a_signed_recusal_record_is_verified_among_the_inputs() {
        use ed25519_dalek::SigningKey;
        let signing = SigningKey::from_bytes(&[9; 32]);
        let public_key = hex::encode(signing.verifying_key().as_bytes());
        let mut round = round();
        round.round.members[1].public_key = public_key.clone();
        let mut record = recusal("r.json", "M1", "A2").outcome.unwrap();
        record.reviewer.public_key = public_key;
        let bytes = crate::sheet::sign_recusal(&record, &signing).unwrap();
        let Input::Recusal(verified) = check_input("r.json".into(), &bytes, &catalog()) else {
            panic!("a recusal record is read as one");
        };
        assert!(verified.outcome.is_ok(), "{:?}", verified.outcome);
        // One byte changed: refused as invalid, listed, never counted.
        let mut bad = bytes.clone();
        let at = bad.len() / 2;
        bad[at] ^= 1;
        let c = match check_input("bad.json".into(), &bad, &catalog()) {
            Input::Recusal(c) => *c,
            Input::Sheet(s) => CheckedRecusal {
                path: s.path,
                hash: s.hash,
                outcome: Err(s.outcome.unwrap_err()),
            },
        };
        assert!(c.outcome.is_err());
        let r = run_with(
            vec![
                Input::Recusal(verified),
                Input::Recusal(Box::new(c)),
                s("m1.json", round_sheet("M2", "A2", 1, flat(50))),
            ],
            &round,
            None,
        );
        assert_eq!(r.recusals.len(), 2);
        assert_eq!(
            r.recusals.iter().filter(|x| x.excluded.is_none()).count(),
            1
        );
        let row = r
            .coverage
            .as_ref()
            .unwrap()
            .row("A2", Stage::DocumentReview)
            .unwrap()
            .clone();
        assert!(matches!(row.cells[1], Cell::Recused { .. }));
    }

    #[test]
    fn coverage_has_missing_recused_draft_and_signed_cells() {
        let mut draft = round_sheet("M2", "A1", 1, flat(40));
        draft.draft = true;
        let mut conflict = round_sheet("M3", "A1", 1, [None; 3]);
        conflict.conflict = crate::review::ConflictDeclaration::Conflict {
            relationship: "亲属任职".into(),
            declared_at: "2025-06-03T00:00:00Z".into(),
        };
        let mut renamed = round_sheet("M4", "A1", 1, flat(50));
        renamed.applicant.name = "别名".into();
        let r = run(vec![
            s("l.json", round_sheet("L", "A1", 1, flat(60))),
            s("m1-v1.json", round_sheet("M1", "A1", 1, flat(50))),
            s("m1-v3.json", round_sheet("M1", "A1", 3, flat(55))),
            s("m2.json", draft),
            s("m3.json", conflict),
            s("m4.json", renamed),
            s("t.json", round_sheet("T", "A1", 1, flat(10))),
            s("a3-m1.json", round_sheet("M1", "A3", 1, flat(70))),
        ]);
        let c = r.coverage.as_ref().unwrap();
        let names: Vec<&str> = c.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["L", "M1", "M2", "M3", "M4", "M5", "T"]);
        let a1 = c.row("A1", Stage::DocumentReview).unwrap();
        assert_eq!(
            a1.cells,
            [
                Cell::Signed { version: 1 },
                Cell::Signed { version: 3 },
                Cell::Draft {
                    version: 1,
                    counted: false
                },
                Cell::Recused {
                    by: RecusedBy::Sheet {
                        relationship: "亲属任职".into()
                    }
                },
                Cell::Refused {
                    version: 1,
                    code: "name-differs".into()
                },
                Cell::Missing,
                Cell::Signed { version: 1 },
            ]
        );
        // L, M1 counted; M2 (draft), M4 (refused), M5 (missing) owed; M3 recused; T not counted.
        assert_eq!((a1.counted, a1.expected), (2, 5));
        assert!(a1.is_short());
        let a3 = c.row("A3", Stage::DocumentReview).unwrap();
        assert_eq!(
            a3.cells[5],
            Cell::Recused {
                by: RecusedBy::Coach
            },
            "M5 coached A3 (第十四条)"
        );
        assert_eq!((a3.counted, a3.expected), (1, 5));
        let a2 = c.row("A2", Stage::DocumentReview).unwrap();
        assert!(a2.cells.iter().all(|c| *c == Cell::Missing));
        assert_eq!((a2.counted, a2.expected), (0, 6));
        // No site rows before the shortlist.
        assert!(c.rows.iter().all(|r| r.stage == Stage::DocumentReview));
        // What is owed: leaders and members only, never a trainee.
        let owed = c.owed().filter(|(r, _, _)| r.applicant_id == "A1").count();
        assert_eq!(owed, 3);
        // With drafts counted, the draft cell says so and counts.
        let mut draft = round_sheet("M2", "A1", 1, flat(40));
        draft.draft = true;
        let with = merge_round_checked(
            vec![s("m2.json", draft)],
            &round(),
            &catalog(),
            &MergeOptions {
                include_drafts: true,
                ..opts()
            },
            None,
        );
        let row = with
            .coverage
            .as_ref()
            .unwrap()
            .row("A1", Stage::DocumentReview)
            .unwrap()
            .clone();
        assert_eq!(
            row.cells[2],
            Cell::Draft {
                version: 1,
                counted: true
            }
        );
        assert_eq!(row.counted, 1);
    }

    #[test]
    fn a_document_merge_proposes_the_shortlist_never_awards() {
        let inputs = || {
            vec![
                s("a1.json", round_sheet("M1", "A1", 1, flat(60))),
                s("a2.json", round_sheet("M1", "A2", 1, flat(50))),
                s("a3.json", round_sheet("M1", "A3", 1, flat(50))),
                s("a4.json", round_sheet("M1", "A4", 1, flat(40))),
            ]
        };
        let r = run(inputs());
        // No award from the document review.
        for e in r.ranking.values().flatten() {
            assert_eq!(e.proposed_award, None, "{e:?}");
            assert_eq!(e.note, Some(crate::panel::RankNote::NoAwardBeforeSite));
        }
        let list = r.shortlist.as_ref().unwrap();
        // mayor-model's quota is 2: A1, then A2 and A3 tied at the cut, both proposed.
        let m: Vec<(&str, u32, bool)> = list["mayor-model"]
            .iter()
            .map(|e| (e.applicant_id.as_str(), e.rank, e.proposed))
            .collect();
        assert_eq!(m, [("A1", 1, true), ("A2", 2, true), ("A3", 2, true)]);
        assert_eq!(
            list["mayor-model"][1].note,
            Some(ShortlistNote::TieAtCut { tied: 2, places: 2 })
        );
        assert_eq!(list["gold-model"][0].applicant_id, "A4");
        assert!(list["gold-model"][0].proposed, "gold quota 4");
        // One sheet where six are expected: every entry is short, and says so.
        assert_eq!(
            (
                list["mayor-model"][0].counted,
                list["mayor-model"][0].expected
            ),
            (1, 6)
        );
        assert!(
            crate::i18n::coverage::shortlist_note(crate::lang::Lang::Zh, &list["mayor-model"][0])
                .contains("评分表不足")
        );

        // --shortlist 1: the tie falls outside.
        let r = run_with(inputs(), &round(), Some(1));
        let m = &r.shortlist.as_ref().unwrap()["mayor-model"];
        assert!(m[0].proposed && !m[1].proposed && !m[2].proposed);
        assert_eq!(m[1].note, Some(ShortlistNote::BeyondCut { places: 1 }));
    }

    #[test]
    fn a_roster_merge_has_no_round_parts() {
        let r = merge_checked(
            vec![checked("a.json", sheet("M1", "A1", 1, flat(50)))],
            &roster(),
            &catalog(),
            &opts(),
        );
        assert!(r.coverage.is_none() && r.shortlist.is_none() && r.round_file.is_none());
        assert!(r.recusals.is_empty());
        assert_eq!(
            r.ranking["mayor-model"][0].proposed_award.as_deref(),
            Some("mayor")
        );
    }

    fn round_strategy() -> impl Strategy<Value = Vec<(usize, usize, u32, u8, u8)>> {
        // (reviewer, applicant, version, percent step, what: 0–5 sheet, 6 draft, 7 site,
        // 8 renamed, 9 recusal record)
        proptest::collection::vec((0usize..8, 0usize..5, 1u32..4, 0u8..=20, 0u8..10), 0..30)
            .prop_map(|mut v| {
                // Regression (found by this test): two refusals of one cell at one version.
                v.extend([(1, 2, 2, 0, 8), (1, 2, 2, 11, 0), (1, 2, 2, 0, 0)]);
                v
            })
    }

    fn build(spec: &[(usize, usize, u32, u8, u8)]) -> Vec<Input> {
        let names = ["L", "M1", "M2", "M3", "M4", "M5", "T", "Stranger"];
        let numbers = ["A1", "A2", "A3", "A4", "A9"];
        spec.iter()
            .enumerate()
            .map(|(i, (r, a, v, pc, what))| {
                let path = format!("f{i}.json");
                let (who, number) = (names[*r], numbers[*a]);
                if *what == 9 {
                    return Input::Recusal(Box::new(recusal(&path, who, number)));
                }
                let mut x = round_sheet(who, number, *v, flat(pc * 5));
                match what {
                    6 => x.draft = true,
                    7 => x.stage = Stage::SiteReview,
                    8 => x.applicant.name = "别名".into(),
                    _ => {}
                }
                s(&path, x)
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn merge_against_a_round_does_not_depend_on_input_order(
            spec in round_strategy(),
            seed in any::<u64>(),
            site in any::<bool>(),
        ) {
            let round = if site { site_round() } else { round() };
            let inputs = build(&spec);
            let mut shuffled = inputs.clone();
            let mut st = seed;
            for i in (1..shuffled.len()).rev() {
                st = st.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (st >> 33) as usize % (i + 1));
            }
            let a = run_with(inputs, &round, None);
            let b = run_with(shuffled, &round, None);
            prop_assert_eq!(a, b);
        }
    }
}
