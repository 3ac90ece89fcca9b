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
    let recusal_copy = out
        .join("sheets")
        .join(format!("{}.recusal.json", p.recusals[0].hash));
    assert!(
        recusal_copy.exists(),
        "the counted recusal record is kept as evidence"
    );
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
    // scores.csv says it too, on every row of the short applicant, and nothing on the others.
    let scores = fs::read(out.join("scores.csv")).unwrap();
    let scores = String::from_utf8(scores[3..].to_vec()).unwrap();
    let rows: Vec<Vec<&str>> = scores
        .lines()
        .map(|l| l.split(',').collect::<Vec<_>>())
        .collect();
    assert_eq!(rows[0].last(), Some(&"评分表不足 Short of sheets"));
    let of = |id: &str| rows.iter().filter(move |r| r[2] == id).collect::<Vec<_>>();
    assert!(!of("A02").is_empty());
    for r in of("A02") {
        assert_eq!(
            r.last(),
            Some(&"A02 申报对象02（资料评审）：计入 7 份评分表，少于未回避的评审专家 8 人"),
            "{r:?}"
        );
    }
    assert!(
        of("A01").iter().all(|r| r.last() == Some(&"")),
        "A01 is complete"
    );
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
    // Per applicant, the 资料评审报告 with its place on the proposed shortlist; the short
    // feedback (资料评审结果反馈) for each applicant the proposal leaves off (第十八条(三)).
    for e in entries {
        let report =
            fs::read_to_string(out.join(format!("document-report-{}.html", e.applicant_id)))
                .unwrap();
        assert!(report.contains("资料评审报告"));
        let said = if e.proposed {
            "评审组建议列入现场评审名单"
        } else {
            "评审组建议不列入现场评审名单"
        };
        assert!(report.contains(said), "{}: {said}", e.applicant_id);
        let result = out.join(format!("document-result-{}.html", e.applicant_id));
        assert_eq!(result.exists(), !e.proposed, "{}", e.applicant_id);
    }
    assert!(
        entries.iter().any(|e| !e.proposed),
        "the fixture leaves one off"
    );

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
    assert!(zh.starts_with("尚缺的评分表（2 份）："), "{zh}");
    assert!(zh.contains("评分表不足的阶段："), "{zh}");
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

/// The whole flow with the real commands, each person in their own home: the leader makes the
/// round, two members import it, score one applicant (one declares a relationship with the
/// other and exports its recusal record), export; a practice applicant added by hand is
/// refused; the leader's merge counts what belongs and says who is missing.
#[test]
fn reviewers_import_export_and_the_leader_merges_against_the_round() {
    use scorebook::program::Catalog;
    use scorebook::review::Stage;
    use scorebook::workspace::Workspace;

    let person = |name: &str| {
        let home = TempDir::new().unwrap();
        sb(home.path(), "en")
            .args(["key", "new", "--name", name])
            .assert()
            .success();
        home
    };
    let leader = person("王组长");
    let m1 = person("李专家");
    let m2 = person("张专家");
    let work = TempDir::new().unwrap();
    let w = work.path();
    let round = w.join("round.json");
    sb(leader.path(), "en")
        .args([
            "round",
            "new",
            "--program",
            "jinshan-2023",
            "--name",
            "2025 第二届",
            "-o",
        ])
        .arg(&round)
        .assert()
        .success();
    for (i, home) in [&m1, &m2].into_iter().enumerate() {
        let out = sb(home.path(), "en")
            .args(["key", "show", "--json"])
            .assert()
            .success();
        let file = w.join(format!("member{i}.json"));
        fs::write(&file, &out.get_output().stdout).unwrap();
        sb(leader.path(), "en")
            .args(["round", "add-member"])
            .arg(&round)
            .arg(&file)
            .assert()
            .success();
    }
    for (number, name) in [
        ("2025-M-01", "金山电子有限公司"),
        ("2025-M-02", "精密机械股份公司"),
    ] {
        sb(leader.path(), "en")
            .args(["round", "add-applicant"])
            .arg(&round)
            .args(["--number", number, "--name", name, "--track", "mayor-model"])
            .assert()
            .success();
    }
    let catalog = Catalog::embedded();
    let fw = catalog.framework("gbt19580-2012").unwrap();
    let sheets = w.join("sheets");
    fs::create_dir_all(&sheets).unwrap();
    let now = "2026-11-25T09:00:00Z";
    for (k, home) in [&m1, &m2].into_iter().enumerate() {
        sb(home.path(), "en")
            .args(["round", "import"])
            .arg(&round)
            .assert()
            .success();
        {
            let (mut ws, _) = Workspace::open(home.path()).unwrap();
            let mut a = ws.applicant("2025-M-01").unwrap().clone();
            a.declare_no_conflict(now).unwrap();
            for (_, item) in fw.doc.items() {
                a.set_percent(
                    &fw.doc,
                    Stage::DocumentReview,
                    &item.code,
                    50 + 5 * k as u32,
                )
                .unwrap();
            }
            ws.save_applicant(&a).unwrap();
            if k == 1 {
                let mut b = ws.applicant("2025-M-02").unwrap().clone();
                b.declare_conflict("曾为其提供辅导", now).unwrap();
                ws.save_applicant(&b).unwrap();
            }
        }
        sb(home.path(), "en")
            .args(["export", "2025-M-01", "--stage", "document", "-o"])
            .arg(sheets.join(format!("m{k}-2025-M-01.sheet.json")))
            .assert()
            .success();
        if k == 1 {
            sb(home.path(), "en")
                .args(["export", "2025-M-02", "-o"])
                .arg(&sheets)
                .assert()
                .success();
        }
    }
    // The leader scores nothing; a stray sheet of a practice applicant (no round) is refused.
    fs::write(sheets.join("practice.sheet.json"), {
        let mut v = Vec::new();
        corpus::sheets_in(None, 1, 1, |name, bytes| {
            if name.starts_with("A00-r1") {
                v = bytes;
            }
        });
        v
    })
    .unwrap();
    // The leader keeps the round beside the sheets: it is the panel, not an input.
    let beside = sheets.join("round.json");
    fs::copy(&round, &beside).unwrap();
    let out = w.join("out");
    let run = sb(leader.path(), "en")
        .args(["merge", "--round"])
        .arg(&beside)
        .arg(&sheets)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8(run.get_output().stdout.clone()).unwrap();
    let p = panel(&out);
    let counted: Vec<&str> = p
        .inputs
        .iter()
        .filter(|i| i.excluded.is_none())
        .map(|i| i.path.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        counted,
        ["m0-2025-M-01.sheet.json", "m1-2025-M-01.sheet.json"],
        "{stdout}"
    );
    assert_eq!(p.recusals.len(), 1, "{stdout}");
    assert!(
        !p.inputs.iter().any(|i| i.path.ends_with("round.json")),
        "{stdout}"
    );
    assert!(p.recusals[0].excluded.is_none(), "{stdout}");
    let practice = p
        .inputs
        .iter()
        .find(|i| i.path.ends_with("practice.sheet.json"))
        .unwrap();
    assert!(practice.excluded.is_some(), "{stdout}");
    let c = p.coverage.as_ref().unwrap();
    let m01 = c.row("2025-M-01", Stage::DocumentReview).unwrap();
    // The leader owes a sheet; both members' count.
    assert_eq!((m01.counted, m01.expected), (2, 3), "{stdout}");
    let m02 = c.row("2025-M-02", Stage::DocumentReview).unwrap();
    assert!(matches!(m02.cells[2], Cell::Recused { .. }), "{stdout}");
    assert_eq!((m02.counted, m02.expected), (0, 2), "{stdout}");
    assert!(stdout.starts_with("Sheets still missing (3):"), "{stdout}");
}

/// `merge --document DIR` takes the document review's merge folder of the same round (for the
/// site reports' score change) and refuses one of another programme or round, naming it, before
/// anything is written.
#[test]
fn the_document_folder_must_be_of_the_same_round() {
    let home = TempDir::new().unwrap();
    let work = TempDir::new().unwrap();
    let w = work.path();
    let round = world(w);
    let document = w.join("document");
    let merge = |out: &Path, with: Option<&Path>| {
        let mut c = sb(home.path(), "en");
        c.args(["merge", "--round"])
            .arg(&round)
            .arg(w.join("sheets"))
            .arg("-o")
            .arg(out);
        if let Some(d) = with {
            c.arg("--document").arg(d);
        }
        c.assert()
    };
    merge(&document, None).success();
    merge(&w.join("again"), Some(&document)).success();
    assert!(w.join("again").join("panel.json").exists());

    // Another round's folder: refused, and the new folder is not written.
    let other = w.join("other");
    fs::create_dir_all(&other).unwrap();
    let mut p = panel(&document);
    if let Some(r) = p.round_file.as_mut() {
        r.id = "f".repeat(32).into();
    }
    fs::write(other.join("panel.json"), serde_json::to_vec(&p).unwrap()).unwrap();
    merge(&w.join("refused"), Some(&other))
        .failure()
        .stderr(predicate::str::contains("not of this merge's round"));
    assert!(!w.join("refused").join("panel.json").exists());
    // A folder without a merge is named too.
    merge(&w.join("refused"), Some(w))
        .failure()
        .stderr(predicate::str::contains("panel.json"));
}
