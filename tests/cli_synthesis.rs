//! `scorebook synthesis set`: the group leader records the overall evaluation's inputs
//! (综合评价, 第十八条(五)) in a site-stage merge folder — the distilled experience replaces, a
//! public-evaluation or presentation note adds — and the 综合评价报告 is written again at once;
//! bad input is refused with its reason and changes nothing.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

use scorebook::panel::{NoteSource, Synthesis};
use scorebook::program::Catalog;
use scorebook::review::Stage;
use scorebook::testkit::merged;

fn sb(home: &Path, lang: &str) -> Command {
    let mut c = Command::cargo_bin("scorebook").unwrap();
    c.arg("--home").arg(home).arg("--lang").arg(lang);
    c
}

/// A merge folder with A1 and A2 in the site stage and A3 in the document stage only (the
/// reports read no sheet copies: the results name none).
fn folder(dir: &Path) -> PathBuf {
    let (mut result, _) = merged::merged(&Catalog::embedded(), 3, 4);
    for r in &mut result.results {
        r.sources.clear();
        r.consensus_sheet = None;
        if r.applicant_id != "A3" {
            r.stage = Stage::SiteReview;
        }
    }
    let out = dir.join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(
        out.join("panel.json"),
        serde_json::to_vec_pretty(&result).unwrap(),
    )
    .unwrap();
    out
}

fn synthesis(out: &Path) -> Synthesis {
    serde_json::from_slice(&fs::read(out.join("synthesis.json")).unwrap()).unwrap()
}

#[test]
fn experience_replaces_notes_add_and_the_overall_report_follows() {
    let home = TempDir::new().unwrap();
    let out = folder(home.path());
    let experience = home.path().join("experience.txt");
    fs::write(
        &experience,
        "以顾客为中心的<质量>文化。\r\n\r\n第二段：持续改进。\r\n",
    )
    .unwrap();
    let public = home.path().join("public.txt");
    fs::write(&public, "公众满意度 92%").unwrap();
    sb(home.path(), "en")
        .args(["synthesis", "set"])
        .arg(&out)
        .arg("A1")
        .arg("--experience-file")
        .arg(&experience)
        .args(["--note", "public"])
        .arg(&public)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Recorded the overall evaluation inputs of A1",
        ))
        .stdout(predicate::str::contains("synthesis.json"))
        .stdout(predicate::str::contains("overall-report-A1.html"));
    let s = synthesis(&out);
    let a1 = s.of("A1").unwrap();
    assert_eq!(
        a1.experience,
        "以顾客为中心的<质量>文化。\n\n第二段：持续改进。"
    );
    assert_eq!(a1.notes.len(), 1);
    assert_eq!(a1.notes[0].source, NoteSource::Public);
    let report = fs::read_to_string(out.join("overall-report-A1.html")).unwrap();
    assert!(report.contains("以顾客为中心的&lt;质量&gt;文化。"));
    assert!(report.contains("公众满意度 92%"));
    assert!(report.contains("综合评价报告"));
    // A2 is in the site stage too: its report says nothing is written yet.
    let a2 = fs::read_to_string(out.join("overall-report-A2.html")).unwrap();
    assert!(a2.contains("评审组尚未填写"));

    // By name, in Chinese: a presentation note adds; a new experience replaces.
    let presentation = home.path().join("presentation.txt");
    fs::write(&presentation, "答辩清楚").unwrap();
    fs::write(&experience, "新的经验").unwrap();
    sb(home.path(), "zh")
        .args(["synthesis", "set"])
        .arg(&out)
        .arg(merged::A1_NAME)
        .args(["--note", "陈述答辩"])
        .arg(&presentation)
        .arg("--experience-file")
        .arg(&experience)
        .assert()
        .success()
        .stdout(predicate::str::contains("已记录 A1"))
        .stdout(predicate::str::contains("陈述答辩（4 字）"));
    let a1 = synthesis(&out).of("A1").cloned().unwrap();
    assert_eq!(a1.experience, "新的经验");
    assert_eq!(a1.notes.len(), 2);
    let report = fs::read_to_string(out.join("overall-report-A1.html")).unwrap();
    assert!(report.contains("新的经验") && !report.contains("以顾客为中心"));

    sb(home.path(), "en")
        .args(["synthesis", "set"])
        .arg(&out)
        .arg("A1")
        .arg("--clear-notes")
        .assert()
        .success();
    assert!(synthesis(&out).of("A1").unwrap().notes.is_empty());
}

#[test]
fn bad_input_is_refused_with_its_reason_and_changes_nothing() {
    let home = TempDir::new().unwrap();
    let out = folder(home.path());
    let good = home.path().join("good.txt");
    fs::write(&good, "经验").unwrap();
    sb(home.path(), "en")
        .args(["synthesis", "set"])
        .arg(&out)
        .arg("A1")
        .arg("--experience-file")
        .arg(&good)
        .assert()
        .success();
    let before = fs::read(out.join("synthesis.json")).unwrap();

    let empty = home.path().join("empty.txt");
    fs::write(&empty, "  \n\n").unwrap();
    let binary = home.path().join("scan.pdf");
    fs::write(&binary, b"%PDF-1.7\xff\xfe\x00\x01").unwrap();
    let control = home.path().join("control.txt");
    fs::write(&control, "abc\u{1}").unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![
                "A9".into(),
                "--experience-file".into(),
                good.display().to_string(),
            ],
            "no applicant numbered or named 'A9'",
        ),
        (
            vec![
                "A3".into(),
                "--experience-file".into(),
                good.display().to_string(),
            ],
            "A3 has no site review result",
        ),
        (
            vec![
                "A1".into(),
                "--experience-file".into(),
                empty.display().to_string(),
            ],
            "it is empty; nothing written",
        ),
        (
            vec![
                "A1".into(),
                "--experience-file".into(),
                binary.display().to_string(),
            ],
            "not a UTF-8 text file",
        ),
        (
            vec![
                "A1".into(),
                "--experience-file".into(),
                control.display().to_string(),
            ],
            "control characters",
        ),
        (
            vec![
                "A1".into(),
                "--note".into(),
                "press".into(),
                good.display().to_string(),
            ],
            "unknown note source 'press'",
        ),
        (
            vec![
                "A1".into(),
                "--experience-file".into(),
                home.path().join("missing.txt").display().to_string(),
            ],
            "cannot read",
        ),
    ];
    for (args, says) in cases {
        sb(home.path(), "en")
            .args(["synthesis", "set"])
            .arg(&out)
            .args(&args)
            .assert()
            .failure()
            .stderr(predicate::str::contains(says));
        assert_eq!(
            fs::read(out.join("synthesis.json")).unwrap(),
            before,
            "{args:?} changed synthesis.json"
        );
    }
    // Nothing to record is a usage error.
    sb(home.path(), "en")
        .args(["synthesis", "set"])
        .arg(&out)
        .arg("A1")
        .assert()
        .failure();
    // A folder without a merge is named.
    sb(home.path(), "en")
        .args(["synthesis", "set"])
        .arg(home.path())
        .arg("A1")
        .arg("--experience-file")
        .arg(&good)
        .assert()
        .failure();
    // A synthesis.json of another format is never replaced by an empty one.
    fs::write(
        out.join("synthesis.json"),
        br#"{"format": "other/1", "applicants": {}}"#,
    )
    .unwrap();
    sb(home.path(), "en")
        .args(["synthesis", "set"])
        .arg(&out)
        .arg("A1")
        .arg("--experience-file")
        .arg(&good)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "not an overall-evaluation input file",
        ));
    assert_eq!(
        fs::read(out.join("synthesis.json")).unwrap(),
        br#"{"format": "other/1", "applicants": {}}"#
    );
}
