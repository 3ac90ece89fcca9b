//! `scorebook merge --round` end to end: a signed round, signed sheets made for it, a recusal
//! record, a sheet of an applicant added by hand; the summary leads with what is missing, the
//! folder holds round.json, coverage.csv and the reports with the coverage, the document
//! review proposes the site-review shortlist and no award; `rank` re-reads the round.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

use scorebook::panel::{Cell, PanelResult};
use scorebook::testkit::corpus;

fn sb(home: &Path, lang: &str) -> Command {
    let mut c = Command::cargo_bin("scorebook").unwrap();
    c.arg("--home").arg(home).arg("--lang").arg(lang);
    c
}

fn panel(out: &Path) -> PanelResult {
    serde_json::from_slice(&fs::read(out.join("panel.json")).unwrap()).unwrap()
}

/// Three applicants × 8 reviewers made for the round; reviewer 7 sent nothing for A02, reviewer
/// 3 recused from A01 with a signed record (and its sheet for A01 is outweighed), and one sheet
/// of A00 by reviewer 6 was made for an applicant added by hand.
fn world(dir: &Path) -> std::path::PathBuf {
    let (round, bytes) = corpus::round(3);
    let round_path = dir.join("round.json");
    fs::write(&round_path, bytes).unwrap();
    let sheets = dir.join("sheets");
    fs::create_dir_all(&sheets).unwrap();
    corpus::sheets_in(Some(&round.round_ref()), 3, 1, |name, bytes| {
        if name.starts_with("A02-r7") || name.starts_with("A00-r6") {
            return;
        }
        fs::write(sheets.join(name), bytes).unwrap();
    });
    // A00 by reviewer 6, but for a local applicant (no round).
    corpus::sheets_in(None, 1, 1, |name, bytes| {
        if name.starts_with("A00-r6") {
            fs::write(sheets.join(format!("local-{name}")), bytes).unwrap();
        }
    });
    let r = &round.round.applicants[1];
    let key = corpus::key(3);
    let recusal = scorebook::sheet::Recusal {
        format: scorebook::sheet::RECUSAL_FORMAT.into(),
        format_version: scorebook::sheet::RECUSAL_FORMAT_VERSION,
        kind: scorebook::sheet::DocumentKind::Recusal,
        record_id: "0123456789abcdef0123456789abcdef".into(),
        created_at: "2026-11-25T11:00:00+08:00".into(),
        program: round.round.program.clone(),
        round: round.round_ref(),
        applicant: scorebook::sheet::ApplicantRef {
            id: r.number.clone(),
            name: r.name.clone(),
            kind: r.kind,
        },
        reviewer: scorebook::sheet::ReviewerRef {
            name: "评审3".into(),
            public_key: hex::encode(key.verifying_key().as_bytes()),
        },
        relationship: "曾为其提供辅导".into(),
        declared_at: "2026-11-25T10:30:00+08:00".into(),
    };
    fs::write(
        sheets.join("recusal-r3-A01.json"),
        scorebook::sheet::sign_recusal(&recusal, &key).unwrap(),
    )
    .unwrap();
    round_path
}

#[test]
fn merge_against_a_round_leads_with_what_is_missing() {
    let home = TempDir::new().unwrap();
    let work = TempDir::new().unwrap();
    let w = work.path();
    let round = world(w);
    let out = w.join("out");
    let run = sb(home.path(), "en")
        .args(["merge", "--round"])
        .arg(&round)
        .arg(w.join("sheets"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8(run.get_output().stdout.clone()).unwrap();
    // The summary begins with the sheets still missing.
    assert!(stdout.starts_with("Sheets still missing (2):"), "{stdout}");
    assert!(
        stdout.contains("A02 申报对象02 [document]  评审7  missing"),
        "{stdout}"
    );
    assert!(
        stdout.contains("A00 申报对象00 [document]  评审6  refused v1 (no-round)"),
        "{stdout}"
    );
    assert!(stdout.contains("Stages short of sheets:"), "{stdout}");
    assert!(
        stdout.contains("A02 申报对象02 (document review): 7 counted sheet(s), fewer than the 8 members not recused"),
        "{stdout}"
    );
    assert!(
        stdout.contains("recusal-r3-A01.json  评审3 → A01  counted"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Proposed site-review shortlist"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("proposed: "),
        "no award from the document review: {stdout}"
    );

    let p = panel(&out);
    assert_eq!(p.format_version, 3);
    assert!(p.round_file.is_some());
    let c = p.coverage.as_ref().unwrap();
    let a01 = c
        .row("A01", scorebook::review::Stage::DocumentReview)
        .unwrap();
    assert!(matches!(a01.cells[3], Cell::Recused { .. }));
    assert_eq!((a01.counted, a01.expected), (7, 7));
    let recused_sheet = p
        .inputs
        .iter()
        .find(|i| i.path.ends_with("A01-r3-v01.sheet.json"))
        .unwrap();
    assert_eq!(
        scorebook::panel::merge::exclusion_code(recused_sheet.excluded.as_ref().unwrap()),
        Some("recused")
    );
    let list = p.shortlist.as_ref().unwrap();
    let entries = list.values().next().unwrap();
    assert_eq!(entries.len(), 3);
    assert!(entries.windows(2).all(|w| w[0].total >= w[1].total));

    // The folder: the round's copy (no roster), coverage.csv with a BOM, the reports.
    assert!(out.join("round.json").exists() && !out.join("roster.json").exists());
    let csv = fs::read(out.join("coverage.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(
        csv.lines().count(),
        1 + 3 * 8,
        "a row per applicant × member"
    );
    assert!(csv.contains("A02,申报对象02"), "{csv}");
    assert!(csv.contains(",missing,"), "{csv}");
    // scores.xlsx has the coverage sheet after the summary, short cells written out.
    let xlsx = fs::read(out.join("scores.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut text = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let workbook = text("xl/workbook.xml");
    assert!(workbook.contains("评分表覆盖情况 Coverage"), "{workbook}");
    let strings = text("xl/sharedStrings.xml");
    assert!(
        strings.contains("计入 7 份评分表"),
        "the short stage is said"
    );
    assert!(strings.contains("回避（回避声明）"));
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("评分表覆盖情况"));
    assert!(html.contains("评分表不足的阶段"));
    assert!(html.contains("现场评审名单建议"));

    // rank re-reads round.json, recomputes, and proposes no award before the site review.
    sb(home.path(), "en")
        .arg("rank")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("recomputed"))
        .stdout(predicate::str::contains("site review"));

    // Chinese summary.
    let zh = sb(home.path(), "zh")
        .args(["merge", "--round"])
        .arg(&round)
        .arg(w.join("sheets"))
        .arg("-o")
        .arg(w.join("out-zh"))
        .assert()
        .success();
    let zh = String::from_utf8(zh.get_output().stdout.clone()).unwrap();
    assert!(zh.starts_with("尚缺的评分表 (2):"), "{zh}");
    assert!(
        zh.contains("不属于任何评审轮次") || zh.contains("退回 v1（no-round）"),
        "{zh}"
    );
}

#[test]
fn exactly_one_of_round_and_roster() {
    let home = TempDir::new().unwrap();
    let work = TempDir::new().unwrap();
    let w = work.path();
    let round = world(w);
    sb(home.path(), "en")
        .args(["merge", "--round"])
        .arg(&round)
        .arg("--roster")
        .arg(&round)
        .arg(w.join("sheets"))
        .arg("-o")
        .arg(w.join("out"))
        .assert()
        .failure();
    sb(home.path(), "en")
        .arg("merge")
        .arg(w.join("sheets"))
        .arg("-o")
        .arg(w.join("out"))
        .assert()
        .failure();
    // --shortlist needs a round.
    sb(home.path(), "en")
        .args(["merge", "--roster"])
        .arg(&round)
        .args(["--shortlist", "2"])
        .arg(w.join("sheets"))
        .arg("-o")
        .arg(w.join("out"))
        .assert()
        .failure();
    // A roster given as the round is refused with the reason, nothing written.
    let (_, roster) = corpus::roster();
    fs::write(w.join("roster.json"), roster).unwrap();
    sb(home.path(), "en")
        .args(["merge", "--round"])
        .arg(w.join("roster.json"))
        .arg(w.join("sheets"))
        .arg("-o")
        .arg(w.join("out"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("round file refused"));
    assert!(!w.join("out").exists());
}
