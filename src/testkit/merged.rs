//! A panel merged by the real merge, for the report tests and the report benchmark: any number
//! of applicants on the embedded catalog's
//! first track and its full framework, a leader, members and one trainee, each with
//! comments on every item; applicant A2 (when present) has the leader's consensus sheet.

use rust_decimal::Decimal;

use crate::framework::Framework;
use crate::panel::{Checked, MergeOptions, PanelResult, Role, Roster, RosterMember, merge_checked};
use crate::program::Catalog;
use crate::review::{Comment, ConflictDeclaration, Stage};
use crate::sheet::{
    ApplicantRef, CategoryTotal, DocRef, DocumentKind, ReviewerRef, Sheet, SheetItem,
};

/// Reviewer names, leader first; the trainee of every panel is 赵敏 (index 7), so a larger
/// panel (up to 14, wider than an 80-column heat map) takes its further members after her.
pub const NAMES: [&str; 14] = [
    "张伟", "王芳", "李强", "刘洋", "陈静", "杨帆", "黄磊", "赵敏", "周杰", "吴霞", "郑浩", "孙丽",
    "朱军", "郭亮",
];
pub const A1_NAME: &str = "上海金山质量示范有限公司";
pub const A2_NAME: &str = "金山精密机械制造股份有限公司";

/// (name, role) of a panel of `n` (≥ 2): leader, members, and the trainee last.
pub fn panel_members(n: usize) -> Vec<(String, Role)> {
    (0..n)
        .map(|r| {
            let name = match r {
                _ if r + 1 == n => NAMES[7],
                0..7 => NAMES[r],
                _ => NAMES[r + 1],
            };
            let role = match r {
                0 => Role::Leader,
                _ if r + 1 == n => Role::Trainee,
                _ => Role::Member,
            };
            (name.to_string(), role)
        })
        .collect()
}

/// (id, name) of applicant `a`.
pub fn applicant(a: usize) -> (String, String) {
    let name = match a {
        0 => A1_NAME.to_string(),
        1 => A2_NAME.to_string(),
        _ => format!("金山第{}测试企业有限公司", a + 1),
    };
    (format!("A{}", a + 1), name)
}

/// A deterministic percent on the 5 % step for (applicant, item, reviewer): every fourth item
/// splits the panel by 25 points, so some items are divergent.
fn percent(a: usize, item: usize, r: usize) -> u8 {
    let base = 30 + 10 * a + 5 * (item % 5);
    let spread = if item.is_multiple_of(4) {
        25 * (r % 2)
    } else {
        5 * (r % 2)
    };
    (base + spread).min(100) as u8
}

fn hash_of(a: usize, r: usize) -> String {
    format!("{:064x}", 0xa000 + a * 64 + r)
}

fn comment(text: String, requirements: &[&str], evidence: &str) -> Comment {
    Comment {
        text,
        requirements: requirements.iter().map(|s| s.to_string()).collect(),
        evidence: evidence.into(),
    }
}

/// One sheet as a reviewer (or, with `sources`, the leader's consensus) would export it.
fn sheet(
    catalog: &Catalog,
    fw: &Framework,
    fw_hash: &str,
    a: usize,
    (r, who): (usize, &str),
    sources: Option<Vec<String>>,
) -> Sheet {
    let program = &catalog.programs[0];
    let track = &program.doc.tracks[0];
    let (id, name) = applicant(a);
    let consensus = sources.is_some();
    let items: Vec<SheetItem> = fw
        .items()
        .enumerate()
        .map(|(k, (_, i))| {
            let p = if consensus {
                percent(a, k, 0)
            } else {
                percent(a, k, r)
            };
            let (strengths, ofis) = if consensus {
                (
                    vec![comment(
                        format!("合议：{}方面的做法系统展开，定期评审改进", i.title.zh),
                        &["a"],
                        "现场访谈",
                    )],
                    vec![comment(
                        format!("合议：{}相关指标缺少与标杆的对比", i.title.zh),
                        &[],
                        "",
                    )],
                )
            } else {
                (
                    vec![
                        comment(
                            format!("{}：相关做法已系统展开并有定期评审", i.title.zh),
                            &["a"],
                            "申报材料第12页",
                        ),
                        comment(
                            format!("{}：第{}位评审员记录的做法", i.title.zh, r + 1),
                            &["b"],
                            "",
                        ),
                    ],
                    vec![comment(
                        format!("{}：关键指标缺少与标杆的对比数据", i.title.zh),
                        &[],
                        "",
                    )],
                )
            };
            SheetItem {
                code: i.code.clone(),
                points: i.points,
                percent: Some(p),
                score: Some(Decimal::from(i.points) * Decimal::from(p) / Decimal::ONE_HUNDRED),
                band: None,
                strengths,
                ofis,
                site_issues: vec![],
                rationale: if consensus {
                    "合议后取组长意见".into()
                } else {
                    String::new()
                },
            }
        })
        .collect();
    let categories: Vec<CategoryTotal> = fw
        .categories
        .iter()
        .map(|c| CategoryTotal {
            code: c.code.clone(),
            points: c.points,
            score: items
                .iter()
                .filter(|i| c.items.iter().any(|ci| ci.code == i.code))
                .filter_map(|i| i.score)
                .sum(),
        })
        .collect();
    Sheet {
        format: "scorebook-sheet".into(),
        format_version: 1,
        kind: if consensus {
            DocumentKind::ConsensusSheet
        } else {
            DocumentKind::ScoreSheet
        },
        sheet_id: format!("{a:016x}{r:016x}"),
        version: 1,
        draft: false,
        created_at: "2025-06-01T09:00:00+08:00".into(),
        program: DocRef {
            id: program.doc.id.clone(),
            edition: program.doc.edition.clone(),
            hash: program.hash.clone(),
        },
        round: None,
        track: track.id.clone(),
        applicant: ApplicantRef {
            id: id.into(),
            name,
            kind: track.applicant_kind,
        },
        stage: Stage::DocumentReview,
        reviewer: ReviewerRef {
            name: who.into(),
            public_key: format!("{r:064x}"),
        },
        conflict: ConflictDeclaration::NoConflict {
            declared_at: "2025-06-01T08:00:00+08:00".into(),
        },
        framework: DocRef {
            id: fw.id.clone(),
            edition: fw.edition.clone(),
            hash: fw_hash.into(),
        },
        key_factors: vec![],
        eligibility: vec![],
        total: categories.iter().map(|c| c.score).sum(),
        items,
        categories,
        sources: sources.unwrap_or_default(),
        conduct: None,
    }
}

/// `applicants` applicants scored by a panel of `reviewers`, merged by the real merge from
/// (unsigned, already "checked") sheets: A2 has the leader's consensus sheet, the others none.
pub fn merged(catalog: &Catalog, applicants: usize, reviewers: usize) -> (PanelResult, Framework) {
    let program = &catalog.programs[0].doc;
    let track = &program.tracks[0];
    let fw = catalog
        .framework(&track.framework)
        .expect("the track's framework is embedded");
    let roster = Roster {
        format: "scorebook-roster".into(),
        format_version: 1,
        program: program.id.clone(),
        round: "2025".into(),
        members: panel_members(reviewers)
            .into_iter()
            .enumerate()
            .map(|(r, (who, role))| RosterMember {
                name: who,
                public_key: format!("{r:064x}"),
                fingerprint: format!("SB-{r}"),
                role,
            })
            .collect(),
        created_at: "2025-05-30T09:00:00+08:00".into(),
    };
    let mut inputs = Vec::new();
    let members = panel_members(reviewers);
    for a in 0..applicants {
        let id = applicant(a).0;
        for (r, (who, _)) in members.iter().enumerate() {
            inputs.push(Checked {
                path: format!("sheets/{id}-{r}.json"),
                hash: hash_of(a, r),
                outcome: Ok(sheet(catalog, &fw.doc, &fw.hash, a, (r, who), None)),
            });
        }
    }
    if applicants > 1 {
        let sources = (0..reviewers).map(|r| hash_of(1, r)).collect();
        inputs.push(Checked {
            path: "sheets/A2-consensus.json".into(),
            hash: format!("{:064x}", 0xc0),
            outcome: Ok(sheet(
                catalog,
                &fw.doc,
                &fw.hash,
                1,
                (0, NAMES[0]),
                Some(sources),
            )),
        });
    }
    let opts = MergeOptions {
        created_at: "2025-06-02T10:00:00+08:00".into(),
        ..MergeOptions::default()
    };
    let result = merge_checked(inputs, &roster, catalog, &opts);
    assert_eq!(result.results.len(), applicants, "{:#?}", result.inputs);
    assert!(
        applicants < 2
            || result
                .results
                .iter()
                .any(|r| r.applicant_id == "A2" && r.consensus_sheet.is_some()),
        "A2's consensus counts: {:#?}",
        result.inputs
    );
    (result, fw.doc.clone())
}
