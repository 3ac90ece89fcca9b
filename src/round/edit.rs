//! The group leader's edits to a round (修改评审轮次): start one, add a panel member, add
//! applicants, issue the site-review shortlist. Pure: each takes the round as it stands, the
//! catalog and the time of signing, and returns the next version or a typed reason; reading,
//! signing and writing are `service::round`'s.
//!
//! Every change gives a new version (`version` + 1, `created_at` the new signing time) that
//! is held to [`Round::validate`] and [`check_catalog`] before it is returned, so a round the
//! leader's CLI writes is one every reviewer's import accepts. The award office fixes the
//! applicants and their numbers and chooses the panel (measures 第九条); the leader issues the
//! site-review shortlist after the document review (第十八条(三)).

use crate::identity::{MemberInfo, Role};
use crate::ids::{ApplicantId, RoundId};
use crate::program::{ApplicantKind, Catalog, Program, Track};
use crate::sheet::DocRef;

use super::model::{
    ROUND_FORMAT, ROUND_FORMAT_VERSION, Round, RoundApplicant, RoundMember, RoundStages, RoundTrack,
};
use super::signed::RoundError;
use super::validate::{check_catalog, is_valid_number};

/// Why an edit was refused. Each variant has a stable [`EditError::code`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The round after the edit would not be valid: the round's own reason.
    #[error(transparent)]
    Round(#[from] RoundError),
    /// No programme with this id in the catalog.
    #[error("unknown programme {id:?} (known: {})", known.join(", "))]
    UnknownProgram { id: String, known: Vec<String> },
    /// The programme has no track by this id or title.
    #[error("programme {program} has no track {track:?} (known: {})", known.join(", "))]
    UnknownTrack {
        program: String,
        track: String,
        known: Vec<String>,
    },
    /// The catalog lacks the framework a track of the programme is scored on.
    #[error("track {track}: framework {framework} is not in the catalog")]
    NoFramework { track: String, framework: String },
    /// A shortlist must name at least one applicant.
    #[error("the site-review shortlist names no applicant")]
    EmptyShortlist,
}

impl EditError {
    /// A stable machine name: the round's own code, or one of this module's.
    pub fn code(&self) -> &'static str {
        match self {
            EditError::Round(e) => e.code(),
            EditError::UnknownProgram { .. } => "unknown-program",
            EditError::UnknownTrack { .. } => "unknown-track",
            EditError::NoFramework { .. } => "no-framework",
            EditError::EmptyShortlist => "empty-shortlist",
        }
    }
}

/// What `round new` needs besides the catalog.
#[derive(Debug, Clone)]
pub struct NewRound {
    /// Programme id, e.g. `jinshan-2023`.
    pub program: String,
    /// The round's name, e.g. `2025 第二届`.
    pub name: String,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    /// 32 lowercase hex digits, random, fixed for the life of the round.
    pub round_id: RoundId,
    /// The signer: becomes the round's group leader (评审组长).
    pub leader: MemberInfo,
    /// RFC 3339 signing time.
    pub created_at: String,
}

/// An applicant as the leader (or the office's CSV) gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewApplicant {
    /// 申报编号.
    pub number: ApplicantId,
    pub name: String,
    /// Track id, or its title in either language.
    pub track: String,
    /// When absent, the track's kind.
    pub kind: Option<ApplicantKind>,
    /// 推荐单位.
    pub recommended_by: String,
    /// 指导专家.
    pub coaches: Vec<String>,
}

/// Round 1 of a new round: every track of the programme on the framework edition the catalog
/// scores it on, the signer as the only member and group leader, no applicants yet.
pub fn new_round(catalog: &Catalog, req: NewRound) -> Result<Round, EditError> {
    let program = catalog
        .program(&req.program)
        .ok_or_else(|| EditError::UnknownProgram {
            id: req.program.clone(),
            known: catalog.programs.iter().map(|p| p.doc.id.clone()).collect(),
        })?;
    let tracks = program
        .doc
        .tracks
        .iter()
        .map(|t| {
            let f = catalog
                .framework(&t.framework)
                .ok_or_else(|| EditError::NoFramework {
                    track: t.id.clone(),
                    framework: t.framework.clone(),
                })?;
            Ok(RoundTrack {
                track: t.id.clone(),
                framework: DocRef {
                    id: f.doc.id.clone(),
                    edition: f.doc.edition.clone(),
                    hash: f.hash.clone(),
                },
            })
        })
        .collect::<Result<Vec<_>, EditError>>()?;
    let round = Round {
        format: ROUND_FORMAT.into(),
        format_version: ROUND_FORMAT_VERSION,
        round_id: req.round_id,
        version: 1,
        name: req.name.trim().to_string(),
        program: DocRef {
            id: program.doc.id.clone(),
            edition: program.doc.edition.clone(),
            hash: program.hash.clone(),
        },
        tracks,
        starts_on: trimmed(req.starts_on),
        ends_on: trimmed(req.ends_on),
        members: vec![RoundMember {
            name: req.leader.name.trim().to_string(),
            public_key: req.leader.public_key,
            fingerprint: req.leader.fingerprint,
            role: Role::Leader,
            pool_number: None,
            age_recipient: req.leader.age_recipient,
        }],
        applicants: vec![],
        stages: RoundStages {
            document_review: vec![],
            site_review: None,
        },
        acting_leaders: vec![],
        office_recipient: None,
        created_at: req.created_at,
    };
    checked(round, catalog)
}

/// Adds a panel member from their member file (`scorebook key show --json`). Names must differ
/// (coaching experts are matched by name) and a key is on the round once.
pub fn add_member(
    round: &Round,
    catalog: &Catalog,
    member: &MemberInfo,
    role: Role,
    pool_number: Option<String>,
    now: &str,
) -> Result<Round, EditError> {
    let mut next = round.clone();
    next.members.push(RoundMember {
        name: member.name.trim().to_string(),
        public_key: member.public_key.clone(),
        fingerprint: member.fingerprint.clone(),
        role,
        pool_number: pool_number.map(|p| p.trim().to_string()),
        age_recipient: member.age_recipient.clone(),
    });
    finish(next, catalog, now)
}

/// Adds one applicant, at the end of the office's order and of the document-review list.
pub fn add_applicant(
    round: &Round,
    catalog: &Catalog,
    applicant: NewApplicant,
    now: &str,
) -> Result<Round, EditError> {
    let mut next = round.clone();
    push_applicant(&mut next, catalog, applicant)?;
    finish(next, catalog, now)
}

/// Adds applicants in one change (one new version): all or none. The error names the index of
/// the applicant refused.
pub fn add_applicants(
    round: &Round,
    catalog: &Catalog,
    applicants: Vec<NewApplicant>,
    now: &str,
) -> Result<Round, (usize, EditError)> {
    let mut next = round.clone();
    for (i, a) in applicants.into_iter().enumerate() {
        push_applicant(&mut next, catalog, a).map_err(|e| (i, e))?;
    }
    let last = next.applicants.len().saturating_sub(1);
    finish(next, catalog, now).map_err(|e| (last, e))
}

/// Issues (or re-issues) the site-review shortlist (现场评审名单, 第十八条(三)): the numbers in
/// the order given, each an applicant of the round in the document review. A number is found
/// whatever its letter case and written as the round spells it.
pub fn shortlist(
    round: &Round,
    catalog: &Catalog,
    numbers: &[String],
    now: &str,
) -> Result<Round, EditError> {
    if numbers.is_empty() {
        return Err(EditError::EmptyShortlist);
    }
    let mut list: Vec<String> = Vec::with_capacity(numbers.len());
    for wanted in numbers {
        let wanted = wanted.trim();
        let found = round
            .applicants
            .iter()
            .find(|a| a.number.eq_ignore_ascii_case(wanted))
            .ok_or_else(|| RoundError::StageUnknownNumber {
                stage: "site_review",
                number: wanted.to_string(),
            })?;
        if list.iter().any(|n| *n == found.number) {
            return Err(RoundError::StageDuplicate {
                stage: "site_review",
                number: found.number.to_string(),
            }
            .into());
        }
        list.push(found.number.to_string());
    }
    let mut next = round.clone();
    next.stages.site_review = Some(list);
    finish(next, catalog, now)
}

/// Names `member` (a panel member's name as the round spells it) the acting leader (代理组长)
/// for applicant `number`: the leader is recused from it (第二十一条), so that member signs its
/// consensus and its place on the award list. Naming another member for the same applicant
/// replaces the first. The round becomes format 2 ([`super::model::ROUND_FORMAT_ACTING`]),
/// or stays format 3 when it names the office's recipient.
pub fn set_acting_leader(
    round: &Round,
    catalog: &Catalog,
    number: &str,
    member: &str,
    now: &str,
) -> Result<Round, EditError> {
    use super::model::ActingLeader;
    use super::signed::ActingWhy;
    let wanted = number.trim();
    let applicant = round
        .applicants
        .iter()
        .find(|a| a.number.eq_ignore_ascii_case(wanted))
        .ok_or_else(|| RoundError::BadActingLeader {
            number: wanted.to_string(),
            why: ActingWhy::NotInRound,
        })?;
    let m = round
        .members
        .iter()
        .find(|m| m.name.trim() == member.trim() || m.fingerprint == member.trim())
        .ok_or_else(|| RoundError::BadActingLeader {
            number: applicant.number.to_string(),
            why: ActingWhy::NotOnPanel,
        })?;
    let mut next = round.clone();
    next.acting_leaders
        .retain(|a| a.applicant != applicant.number);
    next.acting_leaders.push(ActingLeader {
        applicant: applicant.number.to_string(),
        public_key: m.public_key.clone(),
    });
    next.format_version = next.format_needed();
    finish(next, catalog, now)
}

/// Records the award office's age recipient (评奖办公室的加密接收密钥, `age1…`, e.g. from
/// `age-keygen` or the office's `scorebook key show --json`): sheets sealed for transit are
/// then encrypted to the office as well as to the leader (第二十一条). Giving another one
/// replaces it. The round becomes format 3 ([`super::model::ROUND_FORMAT_OFFICE`]).
pub fn set_office_recipient(
    round: &Round,
    catalog: &Catalog,
    recipient: &str,
    now: &str,
) -> Result<Round, EditError> {
    let recipient = recipient.trim();
    if crate::identity::parse_recipient(recipient).is_err() {
        return Err(RoundError::BadOfficeRecipient {
            found: recipient.chars().take(80).collect(),
        }
        .into());
    }
    let mut next = round.clone();
    next.office_recipient = Some(recipient.to_string());
    next.format_version = next.format_needed();
    finish(next, catalog, now)
}

/// The track a person named: its id, or its title in Chinese or English.
pub fn find_track<'p>(program: &'p Program, wanted: &str) -> Option<&'p Track> {
    let wanted = wanted.trim();
    program.track(wanted).or_else(|| {
        program
            .tracks
            .iter()
            .find(|t| t.title.zh.trim() == wanted || t.title.en.trim().eq_ignore_ascii_case(wanted))
    })
}

fn push_applicant(round: &mut Round, catalog: &Catalog, a: NewApplicant) -> Result<(), EditError> {
    let number = a.number.trim().to_string();
    if !is_valid_number(&number) {
        return Err(RoundError::BadNumber(number).into());
    }
    if let Some(existing) = round
        .applicants
        .iter()
        .find(|x| x.number.eq_ignore_ascii_case(&number))
    {
        return Err(RoundError::DuplicateNumber {
            number,
            existing: existing.number.to_string(),
        }
        .into());
    }
    let program = program_of(round, catalog)?;
    let track = find_track(&program.doc, &a.track).ok_or_else(|| EditError::UnknownTrack {
        program: program.doc.id.clone(),
        track: a.track.trim().to_string(),
        known: program.doc.tracks.iter().map(|t| t.id.clone()).collect(),
    })?;
    let kind = a.kind.unwrap_or(track.applicant_kind);
    if kind != track.applicant_kind {
        return Err(RoundError::ApplicantKind {
            number,
            track: track.id.clone(),
            kind,
        }
        .into());
    }
    let mut coaches: Vec<String> = Vec::new();
    for c in a.coaches.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        if !coaches.iter().any(|x| x == c) {
            coaches.push(c.to_string());
        }
    }
    round.stages.document_review.push(number.clone());
    round.applicants.push(RoundApplicant {
        number: number.into(),
        name: a.name.trim().to_string(),
        kind,
        track: track.id.clone(),
        recommended_by: a.recommended_by.trim().to_string(),
        coaches,
    });
    Ok(())
}

/// The programme the round names, by id, edition and hash.
fn program_of<'c>(
    round: &Round,
    catalog: &'c Catalog,
) -> Result<&'c crate::program::Loaded<Program>, RoundError> {
    catalog
        .programs
        .iter()
        .find(|p| {
            p.hash == round.program.hash
                && p.doc.id == round.program.id
                && p.doc.edition == round.program.edition
        })
        .ok_or_else(|| RoundError::UnknownProgram {
            id: round.program.id.clone(),
            edition: round.program.edition.clone(),
            hash: round.program.hash.clone(),
        })
}

/// The next version: one more than the last, signed now, checked in full.
fn finish(mut round: Round, catalog: &Catalog, now: &str) -> Result<Round, EditError> {
    round.version = round.version.saturating_add(1);
    round.created_at = now.to_string();
    checked(round, catalog)
}

fn checked(round: Round, catalog: &Catalog) -> Result<Round, EditError> {
    round.validate()?;
    check_catalog(&round, catalog)?;
    Ok(round)
}

fn trimmed(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::testing::{key, sample};

    const NOW: &str = "2025-06-02T10:00:00+08:00";

    fn info(seed: u8, name: &str) -> MemberInfo {
        MemberInfo::new(name, &key(seed).verifying_key())
    }

    fn applicant(number: &str, name: &str, track: &str) -> NewApplicant {
        NewApplicant {
            number: number.into(),
            name: name.into(),
            track: track.into(),
            ..NewApplicant::default()
        }
    }

    fn fresh() -> Round {
        new_round(
            &Catalog::embedded(),
            NewRound {
                program: "jinshan-2023".into(),
                name: " 2025 第二届 ".into(),
                starts_on: Some("2025-06-01".into()),
                ends_on: None,
                round_id: "00112233445566778899aabbccddeeff".into(),
                leader: info(1, "王组长"),
                created_at: "2025-06-01T09:00:00+08:00".into(),
            },
        )
        .unwrap()
    }

    #[test]
    fn a_new_round_has_every_track_and_its_signer_as_leader() {
        let r = fresh();
        assert_eq!(r.version, 1);
        assert_eq!(r.name, "2025 第二届");
        assert_eq!(r.members.len(), 1);
        assert_eq!(r.members[0].role, Role::Leader);
        let program = Catalog::embedded();
        let program = program.program("jinshan-2023").unwrap();
        assert_eq!(r.tracks.len(), program.doc.tracks.len());
        assert!(r.applicants.is_empty());
        assert_eq!(r.stages.site_review, None);
    }

    #[test]
    fn an_unknown_programme_is_named_with_the_known_ones() {
        let e = new_round(
            &Catalog::embedded(),
            NewRound {
                program: "nowhere-2020".into(),
                ..NewRound {
                    program: String::new(),
                    name: "x".into(),
                    starts_on: None,
                    ends_on: None,
                    round_id: "00112233445566778899aabbccddeeff".into(),
                    leader: info(1, "王组长"),
                    created_at: NOW.into(),
                }
            },
        )
        .unwrap_err();
        assert_eq!(e.code(), "unknown-program");
        assert!(e.to_string().contains("jinshan-2023"), "{e}");
    }

    #[test]
    fn reversed_dates_are_refused_at_creation() {
        let catalog = Catalog::embedded();
        let mut req = NewRound {
            program: "jinshan-2023".into(),
            name: "2025".into(),
            starts_on: Some("2025-07-01".into()),
            ends_on: Some("2025-06-01".into()),
            round_id: "00112233445566778899aabbccddeeff".into(),
            leader: info(1, "王组长"),
            created_at: NOW.into(),
        };
        assert_eq!(
            new_round(&catalog, req.clone()).unwrap_err().code(),
            "dates-reversed"
        );
        req.ends_on = Some("2025-13-01".into());
        assert_eq!(new_round(&catalog, req).unwrap_err().code(), "bad-date");
    }

    #[test]
    fn every_change_bumps_the_version() {
        let catalog = Catalog::embedded();
        let r = fresh();
        let r2 = add_member(&r, &catalog, &info(2, "李专家"), Role::Member, None, NOW).unwrap();
        assert_eq!(r2.version, 2);
        assert_eq!(r2.created_at, NOW);
        let r3 = add_applicant(
            &r2,
            &catalog,
            applicant("2025-M-01", "金山电子", "mayor-model"),
            NOW,
        )
        .unwrap();
        assert_eq!(r3.version, 3);
        let r4 = shortlist(&r3, &catalog, &["2025-m-01".into()], NOW).unwrap();
        assert_eq!(r4.version, 4);
        // Found whatever the case, written as the round spells it.
        assert_eq!(r4.stages.site_review, Some(vec!["2025-M-01".to_string()]));
        assert_eq!(r4.round_id, r.round_id);
    }

    #[test]
    fn members_are_unique_by_key_and_by_name() {
        let catalog = Catalog::embedded();
        let r = fresh();
        let e = add_member(&r, &catalog, &info(1, "别名"), Role::Member, None, NOW).unwrap_err();
        assert_eq!(e.code(), "duplicate-key");
        let e = add_member(&r, &catalog, &info(2, " 王组长"), Role::Member, None, NOW).unwrap_err();
        assert_eq!(e.code(), "duplicate-name");
        let e = add_member(
            &r,
            &catalog,
            &info(2, "李"),
            Role::Trainee,
            Some(" ".into()),
            NOW,
        )
        .unwrap_err();
        assert_eq!(e.code(), "empty-field");
        let mut bad = info(2, "李");
        bad.fingerprint = "0000 0000 0000 0000".into();
        let e = add_member(&r, &catalog, &bad, Role::Member, None, NOW).unwrap_err();
        assert_eq!(e.code(), "bad-fingerprint");
        let ok = add_member(
            &r,
            &catalog,
            &info(2, "李"),
            Role::Trainee,
            Some(" ZJ-1 ".into()),
            NOW,
        )
        .unwrap();
        assert_eq!(ok.members[1].pool_number.as_deref(), Some("ZJ-1"));
    }

    #[test]
    fn applicants_numbers_tracks_and_kinds() {
        let catalog = Catalog::embedded();
        let r = fresh();
        let add = |a: NewApplicant| add_applicant(&r, &catalog, a, NOW);
        // The kind comes from the track; the track may be named by its title.
        let ok = add(NewApplicant {
            coaches: vec![" 李专家 ".into(), "李专家".into(), "".into()],
            recommended_by: " 区经委 ".into(),
            ..applicant(" 2025-I-01 ", "赵工程师", "区长质量奖·先进质量管理成果")
        })
        .unwrap();
        let a = &ok.applicants[0];
        assert_eq!(a.number, "2025-I-01");
        assert_eq!(a.kind, ApplicantKind::Individual);
        assert_eq!(a.track, "mayor-achievement");
        assert_eq!(a.coaches, vec!["李专家"]);
        assert_eq!(a.recommended_by, "区经委");
        assert_eq!(ok.stages.document_review, vec!["2025-I-01"]);

        let e = add_applicant(
            &ok,
            &catalog,
            applicant("2025-i-01", "x", "mayor-model"),
            NOW,
        )
        .unwrap_err();
        assert_eq!(e.code(), "duplicate-number");
        assert_eq!(
            add(applicant("2025/01", "x", "mayor-model"))
                .unwrap_err()
                .code(),
            "bad-applicant-number"
        );
        assert_eq!(
            add(applicant("A1", " ", "mayor-model")).unwrap_err().code(),
            "empty-field"
        );
        let e = add(applicant("A1", "x", "silver-model")).unwrap_err();
        assert_eq!(e.code(), "unknown-track");
        assert!(e.to_string().contains("gold-model"), "{e}");
        let e = add(NewApplicant {
            kind: Some(ApplicantKind::Individual),
            ..applicant("A1", "x", "mayor-model")
        })
        .unwrap_err();
        assert_eq!(e.code(), "applicant-kind");
    }

    #[test]
    fn a_batch_is_all_or_nothing_and_names_the_refused_one() {
        let catalog = Catalog::embedded();
        let r = fresh();
        let batch = vec![
            applicant("A1", "甲", "mayor-model"),
            applicant("A2", "乙", "gold-model"),
            applicant("a1", "丙", "mayor-model"),
        ];
        let (i, e) = add_applicants(&r, &catalog, batch, NOW).unwrap_err();
        assert_eq!((i, e.code()), (2, "duplicate-number"));
        let ok = add_applicants(
            &r,
            &catalog,
            vec![
                applicant("A1", "甲", "mayor-model"),
                applicant("A2", "乙", "gold-model"),
            ],
            NOW,
        )
        .unwrap();
        assert_eq!(ok.version, 2);
        assert_eq!(ok.applicants.len(), 2);
    }

    #[test]
    fn the_shortlist_names_applicants_of_the_round_once() {
        let catalog = Catalog::embedded();
        let r = sample();
        assert_eq!(
            shortlist(&r, &catalog, &[], NOW).unwrap_err().code(),
            "empty-shortlist"
        );
        assert_eq!(
            shortlist(&r, &catalog, &["2025-X-09".into()], NOW)
                .unwrap_err()
                .code(),
            "stage-unknown-number"
        );
        assert_eq!(
            shortlist(&r, &catalog, &["2025-M-01".into(), "2025-m-01".into()], NOW)
                .unwrap_err()
                .code(),
            "stage-duplicate"
        );
        let s = shortlist(&r, &catalog, &["2025-M-02".into(), "2025-M-01".into()], NOW).unwrap();
        assert_eq!(
            s.stages.site_review,
            Some(vec!["2025-M-02".to_string(), "2025-M-01".to_string()])
        );
        assert_eq!(s.version, r.version + 1);
        // Re-issued: replaces the list, another version.
        let again = shortlist(&s, &catalog, &["2025-I-01".into()], NOW).unwrap();
        assert_eq!(
            again.stages.site_review,
            Some(vec!["2025-I-01".to_string()])
        );
        assert_eq!(again.version, r.version + 2);
    }

    #[test]
    fn a_second_leader_is_refused_with_a_typed_reason() {
        let r = fresh();
        let e = add_member(
            &r,
            &Catalog::embedded(),
            &info(2, "李专家"),
            Role::Leader,
            None,
            "2025-06-02T09:00:00+08:00",
        )
        .unwrap_err();
        assert_eq!(e.code(), "two-leaders");
        assert!(
            matches!(&e, EditError::Round(RoundError::TwoLeaders { first, second }) if first == "王组长" && second == "李专家"),
            "{e:?}"
        );
    }

    #[test]
    fn the_office_recipient_bumps_the_format_only_when_set() {
        const OFFICE: &str = "age1zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygs0dsc5v";
        let catalog = Catalog::embedded();
        let r = sample();
        assert_eq!(r.format_version, 1);
        for bad in ["", "age1", &OFFICE.to_uppercase(), "AGE-SECRET-KEY-1QQ"] {
            let e = set_office_recipient(&r, &catalog, bad, NOW).unwrap_err();
            assert_eq!(e.code(), "bad-office-recipient", "{bad:?}");
        }
        let with = set_office_recipient(&r, &catalog, &format!(" {OFFICE}\n"), NOW).unwrap();
        assert_eq!(with.office_recipient.as_deref(), Some(OFFICE));
        assert_eq!((with.format_version, with.version), (3, r.version + 1));
        // An acting leader named afterwards keeps format 3; before, it is format 2.
        let acting = set_acting_leader(&with, &catalog, "2025-M-01", "李专家", NOW).unwrap();
        assert_eq!(acting.format_version, 3);
        let only_acting = set_acting_leader(&r, &catalog, "2025-M-01", "李专家", NOW).unwrap();
        assert_eq!(only_acting.format_version, 2);
        let both = set_office_recipient(&only_acting, &catalog, OFFICE, NOW).unwrap();
        assert_eq!(both.format_version, 3);
        assert!(both.validate().is_ok());
    }
}
