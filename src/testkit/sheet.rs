//! A realistic test world, independent of the criteria data files: a 1000-point framework of
//! 23 items in 7 categories on the GB/Z 19579 bands, a programme with one track, and an
//! applicant scored on every item with five Chinese comments each. The sheet format's tests
//! and the sheet benchmark.

use std::collections::BTreeMap;

use ed25519_dalek::SigningKey;
use serde_json::json;

use crate::framework::{Framework, Percent};
use crate::program::{Catalog, Program};
use crate::review::{
    Applicant, Comment, ConflictDeclaration, EligibilityAnswer, ItemReview, Review, SiteIssue,
    SiteIssueStatus, Stage, Verdict, VerifyStatus,
};
use crate::sheet::{ReviewerRef, RoundRef, Sheet, SheetMeta};

/// (category code, title, [(item code, title, points, is_results)])
type ItemRow = (&'static str, &'static str, u32, bool);
const CATEGORIES: &[(&str, &str, &[ItemRow])] = &[
    (
        "4.1",
        "领导",
        &[
            ("4.1.2", "高层领导的作用", 50, false),
            ("4.1.3", "组织治理", 30, false),
            ("4.1.4", "社会责任", 30, false),
        ],
    ),
    (
        "4.2",
        "战略",
        &[
            ("4.2.2", "战略制定", 40, false),
            ("4.2.3", "战略部署", 50, false),
        ],
    ),
    (
        "4.3",
        "顾客与市场",
        &[
            ("4.3.2", "顾客和市场的了解", 40, false),
            ("4.3.3", "顾客关系与顾客满意", 50, false),
        ],
    ),
    (
        "4.4",
        "资源",
        &[
            ("4.4.2", "人力资源", 60, false),
            ("4.4.3", "财务资源", 15, false),
            ("4.4.4", "信息和知识资源", 20, false),
            ("4.4.5", "技术资源", 15, false),
            ("4.4.6", "基础设施", 10, false),
            ("4.4.7", "相关方关系", 10, false),
        ],
    ),
    (
        "4.5",
        "过程管理",
        &[
            ("4.5.2", "过程的识别与设计", 50, false),
            ("4.5.3", "过程的实施与改进", 50, false),
        ],
    ),
    (
        "4.6",
        "测量、分析与改进",
        &[
            ("4.6.2", "测量、分析和评价", 40, false),
            ("4.6.3", "改进与创新", 40, false),
        ],
    ),
    (
        "4.7",
        "结果",
        &[
            ("4.7.2", "产品和服务结果", 80, true),
            ("4.7.3", "顾客与市场结果", 80, true),
            ("4.7.4", "财务结果", 80, true),
            ("4.7.5", "资源结果", 60, true),
            ("4.7.6", "过程有效性结果", 50, true),
            ("4.7.7", "领导方面的结果", 50, true),
        ],
    ),
];
const BANDS: &[(u8, u8)] = &[(0, 5), (10, 25), (30, 45), (50, 65), (70, 85), (90, 100)];

pub fn framework() -> Framework {
    let text = |s: &str| json!({"zh": s, "en": s});
    let categories: Vec<_> = CATEGORIES
        .iter()
        .map(|(code, title, items)| {
            let items: Vec<_> = items
                .iter()
                .map(|(code, title, points, results)| {
                    json!({
                        "code": code, "title": text(title), "points": points,
                        "kind": if *results { "results" } else { "process" },
                        "requirements": [
                            {"label": "a", "tag": text("要求一"), "gloss": text("第一项要求")},
                            {"label": "b", "tag": text("要求二"), "gloss": text("第二项要求")}
                        ]
                    })
                })
                .collect();
            let points: u32 = items
                .iter()
                .map(|i| i["points"].as_u64().unwrap() as u32)
                .sum();
            json!({"code": code, "title": text(title), "points": points, "items": items})
        })
        .collect();
    let bands: Vec<_> = BANDS
        .iter()
        .map(|(min, max)| json!({"min": min, "max": max, "process": text("过程"), "results": text("结果")}))
        .collect();
    serde_json::from_value(json!({
        "format": "scorebook-framework/1",
        "id": "test-framework",
        "standard": "TEST 1",
        "edition": "2012",
        "status": "provisional",
        "title": text("测试准则"),
        "total_points": 1000,
        "percent_step": 5,
        "factors": {"process": [], "results": []},
        "bands": bands,
        "categories": categories,
    }))
    .expect("fixture framework")
}

pub fn program() -> Program {
    let text = |s: &str| json!({"zh": s, "en": s});
    serde_json::from_value(json!({
        "format": "scorebook-program/1",
        "id": "test-program",
        "edition": "2023",
        "title": text("测试质量奖"),
        "source": "测试文件",
        "round_years": 2,
        "awards": [{"id": "gold", "title": text("质量金奖"), "rank": 1}],
        "tracks": [{"id": "model", "award": "gold", "title": text("先进质量管理模式"),
                    "applicant_kind": "organisation", "framework": "test-framework", "quota": 3}],
        "stages": [],
        "eligibility": [{"applicant_kind": "organisation", "conditions": [
            {"id": "registered", "text": text("在本区注册登记并正常运行3年以上"), "article": "第十五条(一)"},
            {"id": "no-accident", "text": text("近三年未发生重大质量、安全、环境事故"), "article": "第十五条(二)"}
        ]}],
        "exclusions": []
    }))
    .expect("fixture program")
}

pub fn catalog() -> Catalog {
    super::catalog_of(framework(), program(), "fixture")
}

fn comment(item: &str, n: usize, what: &str) -> Comment {
    Comment {
        text: format!(
            "{what}{n}：条款{item}中，组织建立了“识别—实施—评价—改进”的闭环机制，高层领导每季度主持专题会议评审进展，\
             相关方法已在主要部门展开，近三年关键指标呈持续向好趋势，并与行业标杆进行了对比分析。"
        ),
        requirements: vec!["a".into(), "b".into()],
        evidence: format!("申报材料第{}页 / 图3-{n}", 10 + n),
    }
}

/// An applicant with every item scored (percent varies with the item), three strengths and
/// two OFIs per item, and one site-review issue on the results items.
pub fn applicant(catalog: &Catalog) -> Applicant {
    let fw = &catalog.frameworks[0];
    let mut items = BTreeMap::new();
    for (n, (_, item)) in fw.doc.items().enumerate() {
        let percent = Percent::new(((n as u32 * 3) % 19 + 1) * 5, 5).unwrap();
        items.insert(
            item.code.clone(),
            ItemReview {
                percent: Some(percent),
                strengths: (1..=3).map(|k| comment(&item.code, k, "优势")).collect(),
                ofis: (1..=2)
                    .map(|k| comment(&item.code, k, "改进机会"))
                    .collect(),
                site_issues: if item.code.starts_with("4.7") {
                    vec![SiteIssue {
                        text: "核实近三年顾客满意度数据来源".into(),
                        status: SiteIssueStatus::Verify(VerifyStatus::Verified),
                        note: "已查阅第三方调查报告".into(),
                    }]
                } else {
                    Vec::new()
                },
                done: true,
            },
        );
    }
    let mut eligibility = BTreeMap::new();
    eligibility.insert(
        "registered".to_string(),
        EligibilityAnswer {
            verdict: Some(Verdict::Met),
            note: "营业执照2015年".into(),
        },
    );
    Applicant {
        id: "A1".into(),
        name: "上海金山示范制造有限公司".into(),
        program: "test-program".into(),
        track: "model".into(),
        demo: false,
        origin: Default::default(),
        conflict: ConflictDeclaration::NoConflict {
            declared_at: "2026-11-25T09:00:00+08:00".into(),
        },
        key_factors: vec!["主营精细化工新材料".into(), "员工约1200人".into()],
        document: Review {
            stage: Stage::DocumentReview,
            framework: fw.doc.id.clone(),
            framework_hash: fw.hash.clone(),
            items,
            eligibility,
            conduct: None,
        },
        site: None,
        created_at: "2026-11-20T09:00:00+08:00".into(),
    }
}

/// A round reference as an imported round file gives it (its id, version and file hash).
pub fn round_ref() -> RoundRef {
    RoundRef {
        id: "2025a0c1d2e3f40516273849a5b6c7d8".into(),
        version: 2,
        hash: "5a".repeat(32),
    }
}

/// [`applicant`] as imported from `round`: its id is the office number (申报编号).
pub fn applicant_in_round(catalog: &Catalog, round: &RoundRef) -> Applicant {
    let mut a = applicant(catalog);
    a.id = "2025-M-01".into();
    a.origin = crate::review::Origin::Round {
        round_id: round.id.clone(),
        round_version: round.version,
        round_hash: round.hash.clone(),
    };
    a
}

pub fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

pub fn meta(key: &SigningKey, draft: bool) -> SheetMeta {
    SheetMeta {
        reviewer: ReviewerRef {
            name: "王评审".into(),
            public_key: hex::encode(key.verifying_key().as_bytes()),
        },
        version: 1,
        sheet_id: "0123456789abcdef0123456789abcdef".into(),
        created_at: "2026-11-25T10:00:00+08:00".into(),
        draft,
    }
}

/// `applicant`'s document-review sheet, signed by `key` under the reviewer name `reviewer`.
pub fn signed_by(
    catalog: &Catalog,
    applicant: &Applicant,
    key: &SigningKey,
    reviewer: &str,
) -> Vec<u8> {
    let mut meta = meta(key, false);
    meta.reviewer.name = reviewer.into();
    let sheet = crate::sheet::build(
        applicant,
        Stage::DocumentReview,
        &catalog.frameworks[0],
        &catalog.programs[0],
        meta,
    )
    .expect("fixture sheet builds");
    crate::sheet::sign_sheet(&sheet, key).expect("fixture sheet signs")
}

/// The applicant's document-review sheet, built and signed.
pub fn signed_sheet(catalog: &Catalog, key: &SigningKey) -> (Sheet, Vec<u8>) {
    let a = applicant(catalog);
    let sheet = crate::sheet::build(
        &a,
        Stage::DocumentReview,
        &catalog.frameworks[0],
        &catalog.programs[0],
        meta(key, false),
    )
    .expect("fixture sheet builds");
    let bytes = crate::sheet::sign_sheet(&sheet, key).expect("fixture sheet signs");
    (sheet, bytes)
}
