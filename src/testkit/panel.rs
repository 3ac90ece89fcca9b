//! Hand-built panels for the unit tests: a three-item framework out of 1000, a programme with two
//! award tiers, a roster, and unsigned sheets (signatures are checked elsewhere; the merge takes
//! already-checked sheets).

use rust_decimal::Decimal;

use crate::framework::Framework;
use crate::ids::ItemCode;
use crate::program::{ApplicantKind, Catalog, Program};
use crate::review::{ConflictDeclaration, Stage};
use crate::sheet::{
    ApplicantRef, CategoryTotal, DocRef, DocumentKind, ReviewerRef, SHEET_FORMAT,
    SHEET_FORMAT_VERSION, Sheet, SheetItem,
};

use crate::panel::merge::{Checked, file_hash};
use crate::panel::stats;
use crate::panel::{Role, Roster, RosterMember};

pub const FRAMEWORK: &str = r#"{
  "format": "scorebook-framework/1", "id": "tf", "standard": "T", "edition": "1",
  "status": "provisional", "title": {"zh": "测", "en": "T"},
  "total_points": 1000, "percent_step": 5,
  "factors": {"process": [], "results": []},
  "bands": [{"min": 0, "max": 100, "process": {"zh": "x", "en": "x"}, "results": {"zh": "x", "en": "x"}}],
  "categories": [
    {"code": "1", "title": {"zh": "一", "en": "One"}, "points": 500, "items": [
      {"code": "1.1", "title": {"zh": "甲", "en": "A"}, "points": 400, "kind": "process", "requirements": []},
      {"code": "1.2", "title": {"zh": "乙", "en": "B"}, "points": 100, "kind": "process", "requirements": []}]},
    {"code": "2", "title": {"zh": "二", "en": "Two"}, "points": 500, "items": [
      {"code": "2.1", "title": {"zh": "丙", "en": "C"}, "points": 500, "kind": "results", "requirements": []}]}
  ]
}"#;

pub const PROGRAM: &str = r#"{
  "format": "scorebook-program/1", "id": "tp", "edition": "1", "title": {"zh": "测", "en": "T"},
  "source": "", "round_years": 2,
  "awards": [{"id": "mayor", "title": {"zh": "区长", "en": "Mayor"}, "rank": 1},
             {"id": "gold", "title": {"zh": "金奖", "en": "Gold"}, "rank": 2}],
  "tracks": [
    {"id": "mayor-model", "award": "mayor", "title": {"zh": "模式", "en": "Model"}, "applicant_kind": "organisation", "framework": "tf", "quota": 2},
    {"id": "gold-model", "award": "gold", "title": {"zh": "模式", "en": "Model"}, "applicant_kind": "organisation", "framework": "tf", "quota": 4}],
  "stages": [], "eligibility": [], "exclusions": []
}"#;

pub fn catalog() -> Catalog {
    let f: Framework = serde_json::from_str(FRAMEWORK).unwrap();
    let p: Program = serde_json::from_str(PROGRAM).unwrap();
    super::catalog_of(f, p, "test")
}

pub fn framework_hash() -> String {
    catalog().frameworks[0].hash.clone()
}

/// The key of reviewer `name`: a made-up, unique hex string (no crypto here).
pub fn key(name: &str) -> String {
    file_hash(name.as_bytes())
}

/// 组长 L, members M1..M5, trainee T.
pub fn roster() -> Roster {
    let m = |name: &str, role| RosterMember {
        name: name.into(),
        public_key: key(name),
        fingerprint: key(name).get(..16).expect("a hex hash").into(),
        role,
    };
    Roster {
        format: "scorebook-roster".into(),
        format_version: 1,
        program: "tp".into(),
        round: "2025".into(),
        members: vec![
            m("L", Role::Leader),
            m("M1", Role::Member),
            m("M2", Role::Member),
            m("M3", Role::Member),
            m("M4", Role::Member),
            m("M5", Role::Member),
            m("T", Role::Trainee),
        ],
        created_at: "2025-01-01T00:00:00Z".into(),
    }
}

/// A sheet by `reviewer` for `applicant` with the given percents for items 1.1, 1.2, 2.1.
pub fn sheet(reviewer: &str, applicant: &str, version: u32, percents: [Option<u8>; 3]) -> Sheet {
    let codes = [("1", "1.1", 400u32), ("1", "1.2", 100), ("2", "2.1", 500)];
    let items: Vec<SheetItem> = codes
        .iter()
        .zip(percents)
        .map(|((_, code, points), p)| SheetItem {
            code: ItemCode::from(*code),
            points: *points,
            percent: p,
            score: p.map(|p| stats::score(*points, Decimal::from(p))),
            band: None,
            strengths: vec![],
            ofis: vec![],
            site_issues: vec![],
            rationale: String::new(),
        })
        .collect();
    let cat = |c: &str, points| CategoryTotal {
        code: c.into(),
        points,
        score: items
            .iter()
            .zip(codes)
            .filter(|(_, (cc, _, _))| *cc == c)
            .filter_map(|(i, _)| i.score)
            .sum(),
    };
    let categories = vec![cat("1", 500), cat("2", 500)];
    Sheet {
        format: SHEET_FORMAT.into(),
        format_version: SHEET_FORMAT_VERSION,
        kind: DocumentKind::ScoreSheet,
        sheet_id: format!("{reviewer}-{applicant}-{version}"),
        version,
        draft: false,
        created_at: format!("2025-05-01T00:00:{version:02}Z"),
        program: DocRef {
            id: "tp".into(),
            edition: "1".into(),
            hash: String::new(),
        },
        round: None,
        track: "mayor-model".into(),
        applicant: ApplicantRef {
            id: applicant.into(),
            name: format!("申报对象{applicant}"),
            kind: ApplicantKind::Organisation,
        },
        stage: Stage::DocumentReview,
        reviewer: ReviewerRef {
            name: reviewer.into(),
            public_key: key(reviewer),
        },
        conflict: ConflictDeclaration::NoConflict {
            declared_at: "2025-05-01T00:00:00Z".into(),
        },
        framework: DocRef {
            id: "tf".into(),
            edition: "1".into(),
            hash: framework_hash(),
        },
        key_factors: vec![],
        eligibility: vec![],
        total: categories.iter().map(|c| c.score).sum(),
        categories,
        items,
        sources: vec![],
        conduct: None,
    }
}

/// A checked input whose hash is that of the sheet's JSON, as a real file's would be.
pub fn checked(path: &str, s: Sheet) -> Checked {
    let bytes = serde_json::to_vec(&s).unwrap();
    Checked {
        path: path.into(),
        hash: file_hash(&bytes),
        outcome: Ok(s),
    }
}

pub fn p(v: u8) -> Option<u8> {
    Some(v)
}

/// A leader's consensus sheet agreeing `percents`, built from `sources`.
pub fn consensus(
    leader: &str,
    applicant: &str,
    percents: [Option<u8>; 3],
    sources: Vec<String>,
) -> Sheet {
    let mut s = sheet(leader, applicant, 1, percents);
    s.kind = DocumentKind::ConsensusSheet;
    s.sources = sources;
    s
}

/// The id of [`round`].
pub const ROUND_ID: &str = "abababababababababababababababab";
/// The file hash of [`round`] (made up: the merge takes the round already verified).
pub fn round_hash() -> String {
    "cd".repeat(32)
}

/// The applicants of [`round`]: A1–A3 on `mayor-model`, A4 on `gold-model`; M5 is registered
/// as A3's coaching expert (指导专家).
pub fn round_applicant(number: &str) -> crate::round::RoundApplicant {
    crate::round::RoundApplicant {
        number: number.into(),
        name: format!("申报对象{number}"),
        kind: ApplicantKind::Organisation,
        track: if number == "A4" {
            "gold-model".into()
        } else {
            "mayor-model".into()
        },
        recommended_by: String::new(),
        coaches: if number == "A3" {
            vec!["M5".into()]
        } else {
            vec![]
        },
    }
}

/// Version 2 of a round of the test programme with the [`roster`]'s panel, applicants A1–A4
/// all in the document review and no site-review shortlist yet. Unsigned (the keys are made
/// up): the merge takes a round already verified.
pub fn round() -> crate::round::VerifiedRound {
    use crate::round::*;
    let members: Vec<RoundMember> = roster()
        .members
        .into_iter()
        .map(|m| RoundMember {
            name: m.name,
            public_key: m.public_key,
            fingerprint: m.fingerprint,
            role: m.role,
            pool_number: None,
            age_recipient: None,
        })
        .collect();
    let numbers = ["A1", "A2", "A3", "A4"];
    let framework = DocRef {
        id: "tf".into(),
        edition: "1".into(),
        hash: framework_hash(),
    };
    let round = Round {
        format: ROUND_FORMAT.into(),
        format_version: ROUND_FORMAT_VERSION,
        round_id: ROUND_ID.into(),
        version: 2,
        name: "2025 第二届".into(),
        program: DocRef {
            id: "tp".into(),
            edition: "1".into(),
            hash: catalog().programs[0].hash.clone(),
        },
        tracks: ["mayor-model", "gold-model"]
            .into_iter()
            .map(|t| RoundTrack {
                track: t.into(),
                framework: framework.clone(),
            })
            .collect(),
        starts_on: None,
        ends_on: None,
        members,
        applicants: numbers.iter().map(|n| round_applicant(n)).collect(),
        stages: RoundStages {
            document_review: numbers.iter().map(|n| n.to_string()).collect(),
            site_review: None,
        },
        acting_leaders: vec![],
        office_recipient: None,
        created_at: "2025-06-01T09:00:00+08:00".into(),
    };
    let signer = round.members[0].clone();
    VerifiedRound {
        round,
        signer,
        hash: round_hash(),
    }
}

/// [`sheet`], made for an applicant of [`round`] with the round's name and track, carrying
/// the round's reference.
pub fn round_sheet(
    reviewer: &str,
    applicant: &str,
    version: u32,
    percents: [Option<u8>; 3],
) -> Sheet {
    let mut s = sheet(reviewer, applicant, version, percents);
    let a = round_applicant(applicant);
    s.track = a.track;
    s.round = Some(crate::sheet::RoundRef {
        id: ROUND_ID.into(),
        version: 2,
        hash: round_hash(),
    });
    s
}

/// A recusal record (回避声明) of `reviewer` for `applicant` of [`round`], already checked.
pub fn recusal(path: &str, reviewer: &str, applicant: &str) -> crate::panel::round::CheckedRecusal {
    let r = crate::sheet::Recusal {
        format: crate::sheet::RECUSAL_FORMAT.into(),
        format_version: crate::sheet::RECUSAL_FORMAT_VERSION,
        kind: DocumentKind::Recusal,
        record_id: "0123456789abcdef0123456789abcdef".into(),
        created_at: "2025-06-02T09:00:00+08:00".into(),
        program: DocRef {
            id: "tp".into(),
            edition: "1".into(),
            hash: catalog().programs[0].hash.clone(),
        },
        round: crate::sheet::RoundRef {
            id: ROUND_ID.into(),
            version: 2,
            hash: round_hash(),
        },
        applicant: ApplicantRef {
            id: applicant.into(),
            name: format!("申报对象{applicant}"),
            kind: ApplicantKind::Organisation,
        },
        reviewer: ReviewerRef {
            name: reviewer.into(),
            public_key: key(reviewer),
        },
        relationship: "曾为其提供辅导".into(),
        declared_at: "2025-06-02T08:00:00+08:00".into(),
    };
    crate::panel::round::CheckedRecusal {
        path: path.into(),
        hash: file_hash(format!("{path}{reviewer}{applicant}").as_bytes()),
        outcome: Ok(r),
    }
}
