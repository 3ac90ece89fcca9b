//! report.html and a feedback report in a real browser: headless Chromium prints them to PDF,
//! poppler reads the PDF back, and the test checks the text and the page layout (A4, each
//! applicant from a new page, nothing running off the page with a panel of eight, no reviewer
//! in the feedback).
//!
//! Needs `chromium` and `pdftotext`/`pdfinfo` on PATH (Debian: `apt-get install -y chromium
//! poppler-utils fonts-noto-cjk`); without them the test says it skipped and passes.
//!
//! The panel is merged by the real merge over the embedded catalog's first track and its full
//! framework, so the layout is checked on the real item list, not a toy one.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use scorebook::program::Catalog;
use scorebook::report::html_common::score as format_score;

use scorebook::testkit::merged as report_panel;

fn on_path(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Runs a command with a deadline, so a wedged browser fails the test instead of hanging CI.
fn run(cmd: &mut Command, limit: Duration) -> std::process::Output {
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id();
    // The output is read on another thread so a full pipe never stalls the child.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => out.expect("output"),
        Err(_) => {
            // Only the process this test started, by its id.
            let _ = Command::new("kill").arg(pid.to_string()).status();
            panic!("{cmd:?} did not finish in {limit:?}");
        }
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

/// Every word of the PDF with its page width: (page width, xMin, xMax, text).
fn pdf_words(pdf: &Path) -> Vec<(f64, f64, f64, String)> {
    let out = run(
        Command::new("pdftotext")
            .args(["-bbox", "-enc", "UTF-8"])
            .arg(pdf)
            .arg("-"),
        Duration::from_secs(60),
    );
    let xml = String::from_utf8(out.stdout).expect("pdftotext writes UTF-8");
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let from = tag.find(&key).map(|i| i + key.len()).expect("attribute");
        tag.get(from..)
            .expect("attribute value")
            .split('"')
            .next()
            .unwrap()
            .parse()
            .expect("a number")
    };
    let mut width = 0.0;
    let mut words = Vec::new();
    for line in xml.lines().map(str::trim) {
        if line.starts_with("<page ") {
            width = attr(line, "width");
        } else if line.starts_with("<word ") {
            let text = line
                .split('>')
                .nth(1)
                .and_then(|t| t.split('<').next())
                .unwrap_or_default()
                .to_string();
            words.push((width, attr(line, "xMin"), attr(line, "xMax"), text));
        }
    }
    words
}

/// No word may run into the side margins (12 mm ≈ 34 pt; a table too wide for the page is
/// clipped at the paper's edge, or pushes text there).
fn assert_inside_margins(pdf: &Path) {
    let words = pdf_words(pdf);
    assert!(!words.is_empty(), "{} has no text", pdf.display());
    let slack = 20.0;
    for (width, x0, x1, text) in &words {
        assert!(
            *x0 >= slack && *x1 <= width - slack,
            "{}: '{text}' at x {x0:.0}–{x1:.0} runs off a page {width:.0} wide",
            pdf.display()
        );
    }
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

/// 保密 (and its English) in the margin of every printed page, and 暂定 on every page when the
/// framework is provisional.
fn assert_marked(pages: &[String], cjk: bool, provisional: bool) {
    let printed: Vec<&String> = pages.iter().filter(|p| !p.is_empty()).collect();
    assert!(!printed.is_empty());
    for (n, page) in printed.iter().enumerate() {
        assert!(
            page.contains("Confidential"),
            "page {n} not marked:\n{page}"
        );
        if cjk {
            assert!(page.contains("保密"), "page {n} not marked 保密:\n{page}");
        }
        assert_eq!(
            page.contains("Provisional"),
            provisional,
            "page {n}: provisional mark wrong:\n{page}"
        );
    }
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
    let (result, fw) = report_panel::merged(&catalog, 2, 8);
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
    let provisional = fw.status == scorebook::framework::Status::Provisional;

    let pdf = print_to_pdf(report, tmp.path());
    let info = pdf_info(&pdf);
    assert!(info.contains("(A4)"), "A4 pages: {info}");
    assert_inside_margins(&pdf);
    let text = pdf_text(&pdf);
    let pages: Vec<String> = text.split('\u{c}').map(squash).collect();
    let pages_count: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    assert!(
        pages_count > result.results.len(),
        "cover + one page per applicant at least"
    );
    assert_marked(&pages, cjk, provisional);

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
        assert!(pages[0].contains("评审组汇总报告"));
        // The item table's last column made it to paper on every applicant's page.
        for &page in &first_pages {
            assert!(
                pages[page].contains("评审组得分"),
                "item table cut on page {page}"
            );
        }
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
    assert_inside_margins(&pdf);
    let text = pdf_text(&pdf);
    let feedback_pages: Vec<String> = text.split('\u{c}').map(squash).collect();
    assert_marked(&feedback_pages, cjk, provisional);
    let text = squash(&text);
    let a1 = &result.results[0];
    assert!(text.contains(&squash(&format!(
        "{} / {}",
        format_score(a1.total),
        fw.total_points
    ))));
    if cjk {
        assert!(text.contains(&squash(&a1.applicant_name)));
        assert!(text.contains("反馈报告"));
        for (who, _) in report_panel::panel_members(8) {
            assert!(!text.contains(&who), "feedback names reviewer {who}");
        }
        assert!(!text.contains(&squash(report_panel::A2_NAME)));
    }
    println!("report_browser: {pages_count} pages; applicants start on pages {first_pages:?}");
}

/// The stage reports (第十八条(三)–(五)) in a real browser: the document review report, the
/// short feedback of an applicant left off the shortlist, the site review report and the overall
/// evaluation report, each on A4 with 保密 on every page, the applicant's name and total, the
/// stage's section titles in the programme's words, and no reviewer.
#[test]
fn stage_reports_print_to_a4_pdf_with_titles_and_no_reviewer() {
    use rust_decimal_macros::dec;
    use scorebook::panel::{NoteSource, ShortlistEntry, ShortlistNote, Synthesis};
    use scorebook::review::{SiteIssue, SiteIssueKind, SiteIssueStatus, Stage};

    if !on_path("chromium") || !on_path("pdftotext") || !on_path("pdfinfo") {
        println!("report_browser: SKIPPED — chromium or poppler-utils not on PATH");
        return;
    }
    let cjk = has_cjk_font();
    let catalog = Catalog::embedded();
    let (mut result, fw) = report_panel::merged(&catalog, 2, 6);
    // The same panel on site: the results and sheets again in the site stage, one site-visit
    // issue verified.
    let site: Vec<_> = result
        .results
        .iter()
        .cloned()
        .map(|mut r| {
            r.stage = Stage::SiteReview;
            r
        })
        .collect();
    result.results.extend(site);
    let mut site_sheets = result.sheets.clone();
    for s in &mut site_sheets {
        s.stage = Stage::SiteReview;
    }
    let leaders_a1 = site_sheets
        .iter_mut()
        .find(|s| {
            s.applicant.id == "A1"
                && s.reviewer.name == report_panel::NAMES[0]
                && s.kind == scorebook::sheet::DocumentKind::ScoreSheet
        })
        .expect("the leader's sheet of A1");
    leaders_a1.items[0].site_issues.push(SiteIssue {
        kind: SiteIssueKind::Verify,
        text: "核实战略研讨会纪要".into(),
        status: SiteIssueStatus::Verified,
        note: String::new(),
    });
    result.sheets.extend(site_sheets);
    let track = result.results[0].track.clone();
    let entry = |a: usize, rank, proposed| {
        let r = &result.results[a];
        ShortlistEntry {
            applicant_id: r.applicant_id.clone(),
            applicant_name: r.applicant_name.clone(),
            rank,
            tied: false,
            total: r.total,
            proposed,
            note: (!proposed).then_some(ShortlistNote::BeyondCut { places: 1 }),
            counted: 5,
            expected: 5,
        }
    };
    let list = vec![entry(1, 1, true), entry(0, 2, false)];
    result.shortlist = Some(std::collections::BTreeMap::from([(track, list)]));
    let mut synthesis = Synthesis::default();
    synthesis
        .set_experience("A1", "以顾客为中心的质量文化，贯穿战略、运营和改进。")
        .unwrap();
    synthesis
        .add_note(
            "A1",
            NoteSource::Presentation,
            "陈述答辩：回答清楚，证据充分。",
        )
        .unwrap();
    assert!(result.results[0].total > dec!(0));

    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("out");
    let extras = scorebook::report::Extras {
        document: None,
        synthesis: Some(&synthesis),
    };
    let written = scorebook::report::write_all_with(&result, &catalog, extras, &out_dir).unwrap();
    let provisional = fw.status == scorebook::framework::Status::Provisional;
    let a1 = &result.results[0];
    let total = squash(&format!("{} / {}", format_score(a1.total), fw.total_points));
    let reports: [(&str, &str, &[&str]); 4] = [
        (
            "document-report-A1.html",
            "资料评审报告",
            &["现场评审名单", "质量改进建议", "浅色条：类目分值"],
        ),
        (
            "document-result-A1.html",
            "资料评审结果反馈",
            &["质量改进建议"],
        ),
        (
            "site-report-A1.html",
            "现场评审报告",
            &[
                "可改进之处",
                "现场核实与澄清",
                "核实战略研讨会纪要",
                "资料评审与现场评审得分对比",
            ],
        ),
        (
            "overall-report-A1.html",
            "综合评价报告",
            &["先进质量管理经验", "以顾客为中心的质量文化", "陈述答辩"],
        ),
    ];
    for (name, title, sections) in reports {
        let html = written
            .iter()
            .find(|p| p.ends_with(name))
            .unwrap_or_else(|| panic!("{name} not written: {written:?}"));
        let pdf = print_to_pdf(html, tmp.path());
        assert!(pdf_info(&pdf).contains("(A4)"), "{name}: A4");
        assert_inside_margins(&pdf);
        let text = pdf_text(&pdf);
        let pages: Vec<String> = text.split('\u{c}').map(squash).collect();
        assert_marked(&pages, cjk, provisional);
        let text = squash(&text);
        assert!(text.contains(&total), "{name}: total {total}");
        if cjk {
            assert!(text.contains(&squash(&a1.applicant_name)), "{name}: name");
            assert!(text.contains(title), "{name}: title {title}");
            for s in sections {
                assert!(text.contains(&squash(s)), "{name}: section {s}");
            }
            for (who, _) in report_panel::panel_members(6) {
                assert!(!text.contains(&who), "{name} names reviewer {who}");
            }
            assert!(
                !text.contains(&squash(report_panel::A2_NAME)),
                "{name} names A2"
            );
        }
    }
}
