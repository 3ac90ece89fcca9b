//! A hand-built panel for the report tests: two applicants on one track, three counted reviewers
//! (a leader and two members) and a trainee, three items in three categories. Every figure is
//! worked out by hand in the comments, so a rendering that misplaces a number fails.
//!
//! A1 上海金山质量示范有限公司 — no consensus sheet yet, panel percent = median:
//!   4.1.2 (70 pts, process): 张伟 50, 王芳 45, 李强 70 | 赵敏 30 → median 50, spread 25
//!         (divergent at 20) → 35
//!   4.2.2 (50 pts, process): 40, 45, 45 | 60 → median 45, spread 5 → 22.5
//!   4.7.2 (90 pts, results): 30, 35, 30 | 50 → median 30, spread 5 → 27
//!   total 84.5
//! A2 金山精密机械有限公司 — consensus sheet agreed 60 / 55 / 40:
//!   4.1.2: 60, 60, 65 | 40 → 42;  4.2.2: 50, 55, 50 | 20 → 27.5;  4.7.2: 40, 40, 45 | 10 → 36
//!   total 105.5
//! Ranking on `mayor-model` (quota 1): A2 first, proposed for the mayor's award; A1 second.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::json;

use crate::framework::Framework;
use crate::panel::{
    ApplicantResult, Exclusion, InputSheet, ItemStats, Method, PanelResult, RankEntry,
    ReviewerPercent, Role, file_hash,
};
use crate::program::{ApplicantKind, Catalog, Program};
use crate::review::{Comment, ConflictDeclaration, Stage};
use crate::sheet::{
    ApplicantRef, CategoryTotal, DocRef, DocumentKind, ReviewerRef, Sheet, SheetItem,
};

pub const A1_NAME: &str = "上海金山质量示范有限公司";
pub const A2_NAME: &str = "金山精密机械有限公司";
pub const REVIEWERS: [(&str, Role); 4] = [
    ("张伟", Role::Leader),
    ("王芳", Role::Member),
    ("李强", Role::Member),
    ("赵敏", Role::Trainee),
];
/// (code, category, points)
const ITEMS: [(&str, &str, u32); 3] = [
    ("4.1.2", "4.1", 70),
    ("4.2.2", "4.2", 50),
    ("4.7.2", "4.7", 90),
];

pub fn framework() -> Framework {
    let band = |min: u8, max: u8, zh: &str| json!({"min": min, "max": max, "process": {"zh": zh, "en": zh}, "results": {"zh": zh, "en": zh}});
    let item = |code: &str, zh: &str, en: &str, points: u32, kind: &str| {
        json!({"code": code, "title": {"zh": zh, "en": en}, "points": points, "kind": kind,
               "requirements": []})
    };
    serde_json::from_value(json!({
        "format": "scorebook-framework/1",
        "id": "test-fw",
        "standard": "GB/T 19580-2012",
        "edition": "2012",
        "status": "provisional",
        "title": {"zh": "卓越绩效评价准则（测试）", "en": "Test framework"},
        "total_points": 210,
        "percent_step": 5,
        "factors": {"process": [], "results": []},
        "bands": [band(0, 5, "无"), band(10, 25, "开始"), band(30, 45, "初步"),
                  band(50, 65, "有效"), band(70, 85, "成熟"), band(90, 100, "卓越")],
        "categories": [
            {"code": "4.1", "title": {"zh": "领导", "en": "Leadership"}, "points": 70,
             "items": [item("4.1.2", "高层领导的作用", "Role of senior leaders", 70, "process")]},
            {"code": "4.2", "title": {"zh": "战略", "en": "Strategy"}, "points": 50,
             "items": [item("4.2.2", "战略制定", "Strategy development", 50, "process")]},
            {"code": "4.7", "title": {"zh": "结果", "en": "Results"}, "points": 90,
             "items": [item("4.7.2", "产品和服务结果", "Product and service results", 90, "results")]}
        ]
    }))
    .unwrap()
}

pub fn program() -> Program {
    serde_json::from_value(json!({
        "format": "scorebook-program/1",
        "id": "test-2025",
        "edition": "2025",
        "title": {"zh": "金山区政府质量奖（测试）", "en": "Jinshan award (test)"},
        "source": "测试",
        "round_years": 2,
        "awards": [
            {"id": "mayor", "title": {"zh": "金山区区长质量奖", "en": "Mayor award"}, "rank": 1},
            {"id": "gold", "title": {"zh": "金山区质量金奖", "en": "Gold award"}, "rank": 2}
        ],
        "tracks": [{"id": "mayor-model", "award": "mayor",
                    "title": {"zh": "区长质量奖·先进质量管理模式", "en": "Mayor award, model"},
                    "applicant_kind": "organisation", "framework": "test-fw", "quota": 1}],
        "stages": [], "eligibility": [], "exclusions": []
    }))
    .unwrap()
}

pub fn catalog() -> Catalog {
    super::catalog_of(framework(), program(), "test")
}

fn median(sorted: &[u8]) -> Decimal {
    let n = sorted.len();
    if n % 2 == 1 {
        Decimal::from(sorted[n / 2])
    } else {
        (Decimal::from(sorted[n / 2 - 1]) + Decimal::from(sorted[n / 2])) / dec!(2)
    }
}

/// Statistics over the counted reviewers (all but the trainee); panel percent = consensus,
/// else the median.
fn stats(code: &str, points: u32, percents: [u8; 4], consensus: Option<u8>) -> ItemStats {
    let mut counted: Vec<u8> = percents[..3].to_vec();
    counted.sort_unstable();
    let sum: u32 = counted.iter().map(|&p| u32::from(p)).sum();
    let mean = Decimal::from(sum) / Decimal::from(counted.len() as u32);
    let (min, max) = (counted[0], counted[2]);
    let panel_percent = consensus
        .map(Decimal::from)
        .unwrap_or_else(|| median(&counted));
    ItemStats {
        code: code.into(),
        points,
        percents: REVIEWERS
            .iter()
            .zip(percents)
            .map(|((who, role), p)| ReviewerPercent {
                reviewer: (*who).into(),
                role: *role,
                percent: Some(p),
            })
            .collect(),
        n: 3,
        mean,
        median: median(&counted),
        min,
        max,
        spread: max - min,
        std_dev: dec!(0),
        divergent: max - min >= 20,
        consensus,
        panel_percent,
        panel_score: (Decimal::from(points) * panel_percent / dec!(100)).normalize(),
    }
}

fn comment(text: &str) -> Comment {
    Comment {
        text: text.into(),
        requirements: vec!["a".into()],
        evidence: String::new(),
    }
}

type ItemComments<'a> = (&'a [&'a str], &'a [&'a str]);

#[allow(clippy::too_many_arguments)]
fn sheet(
    kind: DocumentKind,
    reviewer: &str,
    applicant: (&str, &str),
    version: u32,
    percents: [u8; 3],
    comments: [ItemComments; 3],
    rationale: &str,
    fw_hash: &str,
) -> Sheet {
    let items: Vec<SheetItem> = ITEMS
        .iter()
        .zip(percents)
        .zip(comments)
        .map(|(((code, _, points), p), (s, o))| SheetItem {
            code: (*code).into(),
            points: *points,
            percent: Some(p),
            score: Some(Decimal::from(*points) * Decimal::from(p) / dec!(100)),
            band: None,
            strengths: s.iter().map(|t| comment(t)).collect(),
            ofis: o.iter().map(|t| comment(t)).collect(),
            site_issues: vec![],
            rationale: rationale.into(),
        })
        .collect();
    let total = items.iter().filter_map(|i| i.score).sum();
    Sheet {
        format: "scorebook-sheet".into(),
        format_version: 1,
        kind,
        sheet_id: format!("{reviewer}-{}-{version}", applicant.0),
        version,
        draft: false,
        created_at: "2025-06-01T09:00:00+08:00".into(),
        program: DocRef {
            id: "test-2025".into(),
            edition: "2025".into(),
            hash: "p".repeat(64),
        },
        round: None,
        track: "mayor-model".into(),
        applicant: ApplicantRef {
            id: applicant.0.into(),
            name: applicant.1.into(),
            kind: ApplicantKind::Organisation,
        },
        stage: Stage::DocumentReview,
        reviewer: ReviewerRef {
            name: reviewer.into(),
            public_key: format!("{:0>64}", reviewer.len()),
        },
        conflict: ConflictDeclaration::NoConflict {
            declared_at: "2025-06-01T08:00:00+08:00".into(),
        },
        framework: DocRef {
            id: "test-fw".into(),
            edition: "2012".into(),
            hash: fw_hash.into(),
        },
        key_factors: vec![],
        eligibility: vec![],
        items,
        categories: vec![],
        total,
        sources: vec![],
        conduct: None,
    }
}

fn result(
    id: &str,
    name: &str,
    fw_hash: &str,
    percents: [[u8; 4]; 3],
    consensus: [Option<u8>; 3],
) -> ApplicantResult {
    let items: Vec<ItemStats> = ITEMS
        .iter()
        .zip(percents)
        .zip(consensus)
        .map(|(((code, _, points), p), c)| stats(code, *points, p, c))
        .collect();
    let categories: Vec<CategoryTotal> = ITEMS
        .iter()
        .zip(&items)
        .map(|((_, cat, points), s)| CategoryTotal {
            code: (*cat).into(),
            points: *points,
            score: s.panel_score,
        })
        .collect();
    let mut agenda: Vec<&ItemStats> = items.iter().collect();
    agenda.sort_by_key(|s| {
        (
            !s.divergent,
            std::cmp::Reverse(u32::from(s.spread) * s.points),
        )
    });
    ApplicantResult {
        applicant_id: id.into(),
        applicant_name: name.into(),
        kind: ApplicantKind::Organisation,
        track: "mayor-model".into(),
        stage: Stage::DocumentReview,
        framework_hash: fw_hash.into(),
        reviewers: REVIEWERS.iter().map(|(w, _)| (*w).into()).collect(),
        agenda: agenda.iter().map(|s| s.code.clone()).collect(),
        total: items
            .iter()
            .map(|s| s.panel_score)
            .sum::<Decimal>()
            .normalize(),
        items,
        categories,
        sources: vec![],
        consensus_sheet: None,
    }
}

fn input(
    path: &str,
    reviewer: &str,
    applicant: &str,
    version: u32,
    excluded: Option<Exclusion>,
) -> InputSheet {
    InputSheet {
        path: path.into(),
        hash: file_hash(path.as_bytes()),
        reviewer: Some(reviewer.into()),
        applicant: Some(applicant.into()),
        stage: Some(Stage::DocumentReview),
        version: Some(version),
        excluded,
    }
}

/// The panel result and the catalog it was merged against.
pub fn panel() -> (PanelResult, Catalog) {
    let catalog = catalog();
    let h = catalog.frameworks[0].hash.clone();
    let a1 = ("A1", A1_NAME);
    let a2 = ("A2", A2_NAME);
    let none: ItemComments = (&[], &[]);
    let sheets = vec![
        sheet(
            DocumentKind::ScoreSheet,
            "张伟",
            a1,
            1,
            [50, 40, 30],
            [
                (
                    &["高层领导每季度召开质量例会，见申报材料第12页"],
                    &["质量例会决议的跟踪机制未见说明"],
                ),
                none,
                (&[], &["顾客满意度缺少对比数据"]),
            ],
            "",
            &h,
        ),
        sheet(
            DocumentKind::ScoreSheet,
            "王芳",
            a1,
            1,
            [45, 45, 35],
            [
                (
                    &["\u{3000}高层领导每季度召开质量例会，见申报材料第12页  "],
                    &[],
                ),
                none,
                (&[], &["产品合格率趋势数据不足三年"]),
            ],
            "",
            &h,
        ),
        sheet(
            DocumentKind::ScoreSheet,
            "李强",
            a1,
            2,
            [70, 45, 30],
            [
                (&["战略目标分解到部门"], &[]),
                (&["战略制定过程系统 <b>完整</b>"], &[]),
                none,
            ],
            "",
            &h,
        ),
        sheet(
            DocumentKind::ScoreSheet,
            "赵敏",
            a1,
            1,
            [30, 60, 50],
            [(&[], &["见习意见：例会频次偏低"]), none, none],
            "",
            &h,
        ),
        sheet(
            DocumentKind::ScoreSheet,
            "张伟",
            a2,
            1,
            [60, 50, 40],
            [(&["领导作用发挥充分"], &[]), none, none],
            "",
            &h,
        ),
        sheet(
            DocumentKind::ScoreSheet,
            "王芳",
            a2,
            1,
            [60, 55, 40],
            [none, none, none],
            "",
            &h,
        ),
        sheet(
            DocumentKind::ScoreSheet,
            "李强",
            a2,
            1,
            [65, 50, 45],
            [none, none, none],
            "",
            &h,
        ),
        sheet(
            DocumentKind::ScoreSheet,
            "赵敏",
            a2,
            1,
            [40, 20, 10],
            [none, none, none],
            "",
            &h,
        ),
        sheet(
            DocumentKind::ConsensusSheet,
            "张伟",
            a2,
            1,
            [60, 55, 40],
            [
                (
                    &["合议：领导作用发挥充分"],
                    &["合议：领导层对绩效评审结果的应用有待系统化"],
                ),
                (&["合议：战略目标与关键绩效指标对应"], &[]),
                (&[], &["合议：主要产品质量指标缺少行业对比"]),
            ],
            "现场核实后取中位数",
            &h,
        ),
    ];
    let ranking = BTreeMap::from([(
        "mayor-model".to_string(),
        vec![
            RankEntry {
                applicant_id: "A2".into(),
                rank: 1,
                tied: false,
                total: dec!(105.5),
                proposed_award: Some("mayor".into()),
                note: None,
            },
            RankEntry {
                applicant_id: "A1".into(),
                rank: 2,
                tied: false,
                total: dec!(84.5),
                proposed_award: None,
                note: Some(crate::panel::RankNote::QuotaFull { quota: 1 }),
            },
        ],
    )]);
    let mut result = PanelResult {
        format: "scorebook-panel".into(),
        format_version: crate::panel::merge::PANEL_FORMAT_VERSION,
        program: "test-2025".into(),
        round: "2025".into(),
        method: Method::Consensus,
        divergence_threshold: 20,
        created_at: "2025-06-02T10:00:00+08:00".into(),
        inputs: vec![
            input("sheets/zhangwei-A1.json", "张伟", "A1", 1, None),
            input("sheets/wangfang-A1.json", "王芳", "A1", 1, None),
            input(
                "sheets/liqiang-A1-v1.json",
                "李强",
                "A1",
                1,
                Some(Exclusion::Superseded { by_version: 2 }),
            ),
            input("sheets/liqiang-A1-v2.json", "李强", "A1", 2, None),
            input("sheets/zhaomin-A1.json", "赵敏", "A1", 1, None),
            input("sheets/zhangwei-A2.json", "张伟", "A2", 1, None),
            input("sheets/wangfang-A2.json", "王芳", "A2", 1, None),
            input("sheets/liqiang-A2.json", "李强", "A2", 1, None),
            input("sheets/zhaomin-A2.json", "赵敏", "A2", 1, None),
            input("sheets/consensus-A2.json", "张伟", "A2", 1, None),
            InputSheet {
                path: "sheets/notes.txt".into(),
                hash: "n".repeat(64),
                reviewer: None,
                applicant: None,
                stage: None,
                version: None,
                excluded: Some(Exclusion::from_fault(crate::panel::Fault::Check(
                    crate::sheet::VerifyError::Envelope(crate::sheet::EnvelopeError::Json(
                        crate::canonical::CanonicalError::Syntax {
                            line: 1,
                            column: 1,
                            message: "expected value".into(),
                        },
                    )),
                ))),
            },
        ],
        results: vec![
            result(
                "A1",
                A1_NAME,
                &h,
                [[50, 45, 70, 30], [40, 45, 45, 60], [30, 35, 30, 50]],
                [None, None, None],
            ),
            result(
                "A2",
                A2_NAME,
                &h,
                [[60, 60, 65, 40], [50, 55, 50, 20], [40, 40, 45, 10]],
                [Some(60), Some(55), Some(40)],
            ),
        ],
        ranking,
        min_total: None,
        round_file: None,
        recusals: Vec::new(),
        coverage: None,
        shortlist: None,
        supervision: Vec::new(),
        sheets,
    };
    result.results[1].consensus_sheet = Some(file_hash(b"sheets/consensus-A2.json"));
    (result, catalog)
}

/// (reviewer, role) as the result lists them, for calling `comments::gather` directly.
pub fn roles(result: &ApplicantResult) -> Vec<(String, Role)> {
    result.items[0]
        .percents
        .iter()
        .map(|p| (p.reviewer.clone(), p.role))
        .collect()
}

#[cfg(test)]
#[test]
fn fixture_figures_match_the_hand_computation() {
    let (panel, _) = panel();
    assert_eq!(panel.results[0].total, dec!(84.5));
    assert_eq!(panel.results[1].total, dec!(105.5));
    assert!(panel.results[0].items[0].divergent);
    assert_eq!(panel.results[0].items[1].panel_score, dec!(22.5));
    assert_eq!(panel.results[0].agenda[0], "4.1.2");
}
