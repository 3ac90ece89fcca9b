//! Hand-built panels for the unit tests: a three-item framework out of 1000, a programme with two
//! award tiers, a roster, and unsigned sheets (signatures are checked elsewhere; the merge takes
//! already-checked sheets).

use rust_decimal::Decimal;

use crate::framework::Framework;
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
            code: code.to_string(),
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
