//! report.html and a feedback report in a real browser: headless Chromium prints them to PDF,
//! poppler reads the PDF back, and the test checks the text and the page layout (A4, each
//! applicant from a new page, no reviewer in the feedback).
//!
//! Needs `chromium` and `pdftotext`/`pdfinfo` on PATH (Debian: `apt-get install -y chromium
//! poppler-utils fonts-noto-cjk`); without them the test says it skipped and passes.
//!
//! The panel is merged by the real merge over the embedded catalog's first track and its full
//! framework, so the layout is checked on the real item list, not a toy one.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rust_decimal::Decimal;
use scorebook::framework::Framework;
use scorebook::panel::{
    Checked, MergeOptions, PanelResult, Role, Roster, RosterMember, merge_checked,
};
use scorebook::program::Catalog;
use scorebook::report::html_common::score as format_score;
use scorebook::review::{Comment, ConflictDeclaration, Stage};
use scorebook::sheet::{
    ApplicantRef, CategoryTotal, DocRef, DocumentKind, ReviewerRef, Sheet, SheetItem,
};

const REVIEWERS: [(&str, Role); 4] = [
    ("张伟", Role::Leader),
    ("王芳", Role::Member),
    ("李强", Role::Member),
    ("赵敏", Role::Trainee),
];
const APPLICANTS: [(&str, &str); 2] = [
    ("A1", "上海金山质量示范有限公司"),
    ("A2", "金山精密机械制造股份有限公司"),
];

fn on_path(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
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
    format!("{:064x}", 0xa000 + a * 16 + r)
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
    r: usize,
    sources: Option<Vec<String>>,
) -> Sheet {
    let program = &catalog.programs[0];
    let track = &program.doc.tracks[0];
    let (id, name) = APPLICANTS[a];
    let (who, _) = REVIEWERS[r];
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
        track: track.id.clone(),
        applicant: ApplicantRef {
            id: id.into(),
            name: name.into(),
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
    }
}

/// A panel merged by the real merge from (unsigned, already "checked") sheets: A1 without a
/// consensus, A2 with the leader's consensus sheet.
fn build(catalog: &Catalog) -> (PanelResult, Framework) {
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
        members: REVIEWERS
            .iter()
            .enumerate()
            .map(|(r, (who, role))| RosterMember {
                name: (*who).into(),
                public_key: format!("{r:064x}"),
                fingerprint: format!("SB-{r}"),
                role: *role,
            })
            .collect(),
        created_at: "2025-05-30T09:00:00+08:00".into(),
    };
    let mut inputs = Vec::new();
    for (a, (id, _)) in APPLICANTS.iter().enumerate() {
        for r in 0..REVIEWERS.len() {
            inputs.push(Checked {
                path: format!("sheets/{id}-{r}.json"),
                hash: hash_of(a, r),
                outcome: Ok(sheet(catalog, &fw.doc, &fw.hash, a, r, None)),
            });
        }
    }
    let sources = (0..REVIEWERS.len()).map(|r| hash_of(1, r)).collect();
    inputs.push(Checked {
        path: "sheets/A2-consensus.json".into(),
        hash: format!("{:064x}", 0xc0),
        outcome: Ok(sheet(catalog, &fw.doc, &fw.hash, 1, 0, Some(sources))),
    });
    let opts = MergeOptions {
        created_at: "2025-06-02T10:00:00+08:00".into(),
        ..MergeOptions::default()
    };
    let result = merge_checked(inputs, &roster, catalog, &opts);
    assert_eq!(result.results.len(), 2, "{:#?}", result.inputs);
    assert!(
        result.results[1].consensus_sheet.is_some(),
        "A2's consensus counts: {:#?}",
        result.inputs
    );
    (result, fw.doc.clone())
}

/// Runs a command with a deadline, so a wedged browser fails the test instead of hanging CI.
fn run(cmd: &mut Command, limit: Duration) -> std::process::Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().expect("output");
            panic!(
                "{cmd:?} did not finish in {limit:?}; stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn print_to_pdf(html: &Path, tmp: &Path) -> PathBuf {
    let pdf = html.with_extension("pdf");
    let profile = tmp.join(format!(
        "chromium-profile-{}",
        html.file_stem().unwrap().to_string_lossy()
    ));
    let out = run(
        Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", html.display())),
        Duration::from_secs(120),
    );
    assert!(
        pdf.exists() && std::fs::metadata(&pdf).unwrap().len() > 1000,
        "chromium printed no PDF for {}: {}",
        html.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    // To look at the pages: SCOREBOOK_REPORT_KEEP=/some/dir keeps every file written there.
    if let Some(keep) = std::env::var_os("SCOREBOOK_REPORT_KEEP") {
        std::fs::copy(&pdf, Path::new(&keep).join(pdf.file_name().unwrap())).unwrap();
    }
    pdf
}

/// The PDF's text, pages separated by form feeds.
fn pdf_text(pdf: &Path) -> String {
    let out = run(
        Command::new("pdftotext")
            .args(["-layout", "-enc", "UTF-8"])
            .arg(pdf)
            .arg("-"),
        Duration::from_secs(60),
    );
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

fn pdf_info(pdf: &Path) -> String {
    let out = run(Command::new("pdfinfo").arg(pdf), Duration::from_secs(60));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Whether fontconfig knows a Chinese font; without one Chromium prints boxes for CJK text and
/// only the ASCII parts of the check are meaningful.
fn has_cjk_font() -> bool {
    Command::new("fc-list")
        .arg(":lang=zh")
        .output()
        .map(|o| !o.stdout.is_empty())
        .unwrap_or(false)
}

/// pdftotext may break or space CJK text differently from the source; compare without spaces.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn report_and_feedback_print_to_a4_pdf_with_names_and_totals() {
    if !on_path("chromium") || !on_path("pdftotext") || !on_path("pdfinfo") {
        println!(
            "report_browser: SKIPPED — chromium or poppler-utils not on PATH \
             (apt-get install -y chromium poppler-utils fonts-noto-cjk)"
        );
        return;
    }
    let cjk = has_cjk_font();
    if !cjk {
        println!("report_browser: no CJK font (fonts-noto-cjk); checking ASCII text only");
    }
    let catalog = Catalog::embedded();
    let (result, fw) = build(&catalog);
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("out");
    let written = scorebook::report::write_all(&result, &catalog, &out_dir).unwrap();
    if let Some(keep) = std::env::var_os("SCOREBOOK_REPORT_KEEP") {
        std::fs::create_dir_all(&keep).unwrap();
        for f in &written {
            std::fs::copy(f, Path::new(&keep).join(f.file_name().unwrap())).unwrap();
        }
    }
    let report = written.iter().find(|p| p.ends_with("report.html")).unwrap();

    let pdf = print_to_pdf(report, tmp.path());
    let info = pdf_info(&pdf);
    assert!(info.contains("(A4)"), "A4 pages: {info}");
    let text = pdf_text(&pdf);
    let pages: Vec<String> = text.split('\u{c}').map(squash).collect();
    let pages_count: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    assert!(
        pages_count > APPLICANTS.len(),
        "cover + one page per applicant at least"
    );

    let mut first_pages = Vec::new();
    for r in &result.results {
        let total = format_score(r.total);
        let total_line = squash(&format!("{total} / {}", fw.total_points));
        let heading = if cjk {
            squash(&r.applicant_name)
        } else {
            format!("({})", r.applicant_id)
        };
        // The page holding the applicant's heading and total line.
        let page = pages
            .iter()
            .position(|p| p.contains(&heading) && p.contains(&total_line))
            .unwrap_or_else(|| panic!("no page with {heading} and total {total_line}:\n{text}"));
        first_pages.push(page);
    }
    assert!(
        first_pages.windows(2).all(|w| w[0] < w[1]) && first_pages[0] > 0,
        "each applicant starts on its own page after the cover: {first_pages:?}"
    );
    if cjk {
        assert!(pages[0].contains("综合评价报告"));
        // Every item title of the framework made it to paper.
        for (_, item) in fw.items() {
            assert!(text.contains(&item.code), "item {} missing", item.code);
        }
    }

    // The feedback report: the applicant, its total, and no reviewer.
    let feedback = written
        .iter()
        .find(|p| p.ends_with("feedback-A1.html"))
        .unwrap();
    let pdf = print_to_pdf(feedback, tmp.path());
    let text = squash(&pdf_text(&pdf));
    let a1 = &result.results[0];
    assert!(text.contains(&squash(&format!(
        "{} / {}",
        format_score(a1.total),
        fw.total_points
    ))));
    if cjk {
        assert!(text.contains(&squash(&a1.applicant_name)));
        assert!(text.contains("反馈报告"));
        for (who, _) in REVIEWERS {
            assert!(!text.contains(who), "feedback names reviewer {who}");
        }
        assert!(!text.contains(&squash(APPLICANTS[1].1)));
    }
    println!("report_browser: {pages_count} pages; applicants start on pages {first_pages:?}");
}
