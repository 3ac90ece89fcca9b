//! The reports as a leader gets them: real keys in temp homes, signed sheets of the demo
//! applicant, `scorebook merge`, then the files in OUT_DIR read back — the panel report names
//! every reviewer and the total, the applicant's feedback names none of them, the CSV has its
//! BOM and one row per item × reviewer.

use scorebook::testkit::cli;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

use scorebook::framework::Percent;
use scorebook::identity::Identity;
use scorebook::panel::PanelResult;
use scorebook::program::Catalog;
use scorebook::report::html_common::score;
use scorebook::review::Stage;
use scorebook::review::demo::demo_applicant;
use scorebook::sheet::{ReviewerRef, SheetMeta, build, sign_sheet};

fn sb(home: &Path) -> Command {
    let mut c = Command::cargo_bin("scorebook").unwrap();
    c.arg("--home").arg(home).arg("--lang").arg("en");
    c
}

struct Person {
    home: TempDir,
    id: Identity,
}

fn person(name: &str) -> Person {
    let home = TempDir::new().unwrap();
    let id = Identity::create(home.path(), name, false).unwrap();
    Person { home, id }
}

fn member_file(p: &Person, dir: &Path) -> PathBuf {
    let path = dir.join(format!("{}.json", p.id.name()));
    fs::write(
        &path,
        serde_json::to_vec_pretty(&p.id.public_info()).unwrap(),
    )
    .unwrap();
    path
}

/// The demo applicant (with its comments) scored at `base` + a per-item offset, signed by `p`.
fn export(p: &Person, base: u32, out: &Path) {
    let catalog = Catalog::embedded();
    let program = catalog.program("jinshan-2023").unwrap();
    let fw = catalog.framework("gbt19580-2012").unwrap();
    let mut a = demo_applicant(&fw.hash, "2026-11-25T09:00:00Z").unwrap();
    a.id = "A1".into();
    for (n, (_, item)) in fw.doc.items().enumerate() {
        let pct = (base + (n as u32 % 3) * 5).min(100);
        let entry = a.document.items.entry(item.code.clone()).or_default();
        entry.percent = Some(Percent::new(pct, fw.doc.percent_step).unwrap());
    }
    let meta = SheetMeta {
        reviewer: ReviewerRef {
            name: p.id.name().into(),
            public_key: hex::encode(p.id.verifying_key().as_bytes()),
        },
        version: 1,
        sheet_id: format!("{:032x}", base),
        created_at: "2026-11-25T10:00:00Z".into(),
        draft: false,
    };
    let sheet = build(&a, Stage::DocumentReview, fw, program, meta).unwrap();
    fs::write(out, sign_sheet(&sheet, p.id.signing_key()).unwrap()).unwrap();
}

#[test]
fn merge_writes_reports_that_keep_reviewers_out_of_the_feedback() {
    let people = [
        (person("王组长"), "leader", 50),
        (person("李专家"), "member", 60),
        (person("张专家"), "member", 40),
        (person("赵见习"), "trainee", 20),
    ];
    let leader = &people[0].0;
    let work = TempDir::new().unwrap();
    let w = work.path();
    let roster = w.join("roster.json");
    cli::roster_new(sb(leader.home.path()), &roster);
    let sheets = w.join("sheets");
    fs::create_dir_all(&sheets).unwrap();
    for (p, role, base) in &people {
        if *role != "leader" {
            sb(leader.home.path())
                .args(["roster", "add"])
                .arg(&roster)
                .arg(member_file(p, w))
                .args(["--role", role])
                .assert()
                .success();
        }
        export(
            p,
            *base,
            &sheets.join(format!("{}.sheet.json", p.id.name())),
        );
    }
    let out = w.join("out");
    sb(leader.home.path())
        .arg("merge")
        .arg("--roster")
        .arg(&roster)
        .arg(&sheets)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();

    // To look at them: SCOREBOOK_REPORT_KEEP=DIR keeps the merge folder's reports in DIR.
    if let Some(keep) = std::env::var_os("SCOREBOOK_REPORT_KEEP") {
        fs::create_dir_all(&keep).unwrap();
        for e in fs::read_dir(&out).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_file() {
                fs::copy(e.path(), Path::new(&keep).join(e.file_name())).unwrap();
            }
        }
    }

    let panel: PanelResult =
        serde_json::from_slice(&fs::read(out.join("panel.json")).unwrap()).unwrap();
    let r = &panel.results[0];
    let total = score(r.total);
    let items = r.items.len();
    assert!(items > 20, "the full framework");

    let report = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(report.contains(&r.applicant_name));
    assert!(report.contains(&format!(r#"<span class="value">{total}</span>"#)));
    for (p, _, _) in &people {
        assert!(
            report.contains(p.id.name()),
            "panel report names {}",
            p.id.name()
        );
    }

    let feedback = fs::read_to_string(out.join("feedback-A1.html")).unwrap();
    assert!(feedback.contains(&r.applicant_name));
    assert!(feedback.contains(&format!(r#"<span class="value">{total}</span>"#)));
    for (p, _, _) in &people {
        assert!(
            !feedback.contains(p.id.name()),
            "feedback names reviewer {}",
            p.id.name()
        );
    }
    // The demo's comments reached the reports (gathered, as there is no consensus yet).
    assert!(feedback.contains("<ul class=\"comments\">"));

    let csv = fs::read(out.join("scores.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let rows = csv.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(rows, 1 + items * people.len());

    let xlsx = fs::read(out.join("scores.xlsx")).unwrap();
    assert!(xlsx.starts_with(b"PK\x03\x04"));

    // Every report says whether a minimum total was applied to the ranking (第三条).
    assert!(report.contains("未设最低总分"), "no minimum stated");
    assert!(panel.min_total.is_none());
    let strict = w.join("strict");
    sb(leader.home.path())
        .arg("merge")
        .arg("--roster")
        .arg(&roster)
        .arg(&sheets)
        .args(["--min-total", "999.50"])
        .arg("-o")
        .arg(&strict)
        .assert()
        .success();
    let panel: PanelResult =
        serde_json::from_slice(&fs::read(strict.join("panel.json")).unwrap()).unwrap();
    assert_eq!(panel.min_total, Some("999.5".parse().unwrap()));
    let report = fs::read_to_string(strict.join("report.html")).unwrap();
    assert!(
        report.contains("最低总分 999.5："),
        "minimum missing from the report"
    );
    assert!(
        report.contains("低于最低分 999.5"),
        "the rank note names it"
    );
    assert!(!report.contains("未设最低总分"));
    // `rank` over that folder applies the minimum the merge recorded, and says so.
    let ranked = sb(leader.home.path())
        .arg("rank")
        .arg(&strict)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&ranked.get_output().stdout).to_string();
    assert!(stdout.contains(" 999.5\n"), "the minimum line: {stdout}");
}
