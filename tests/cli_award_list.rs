//! `scorebook award-list` end to end (获奖建议名单, 第九条(二)): a site-stage merge against a
//! round, the leader signs the list, `verify` names it and checks it against the round beside
//! it; a member may not sign it, a document-stage folder has none, and a changed byte is
//! refused.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

use scorebook::review::Stage;
use scorebook::testkit::corpus;

fn sb(home: &Path, lang: &str) -> Command {
    let mut c = Command::cargo_bin("scorebook").unwrap();
    c.arg("--home").arg(home).arg("--lang").arg(lang);
    c
}

fn home_of(n: usize) -> TempDir {
    scorebook::testkit::cli::corpus_home(n)
}

/// Three shortlisted applicants, the panel's document and site sheets, merged against the
/// round into `OUT`; returns OUT.
fn site_merge(w: &Path, stage: Stage) -> PathBuf {
    let (round_path, sheets) = corpus::write_panel(w, stage, |_| true);
    let out = w.join("out");
    let home = home_of(0);
    sb(home.path(), "en")
        .args(["merge", "--round"])
        .arg(&round_path)
        .arg(&sheets)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    out
}

#[test]
fn the_leader_signs_the_list_and_verify_checks_it_against_the_round() {
    let work = TempDir::new().unwrap();
    let out = site_merge(work.path(), Stage::SiteReview);
    let leader = home_of(0);
    sb(leader.path(), "en")
        .arg("award-list")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("award recommendation list signed"))
        .stdout(predicate::str::contains("award-list.json"));
    let json = out.join("award-list.json");
    let html = fs::read_to_string(out.join("award-list.html")).unwrap();
    assert!(html.contains("获奖建议名单"), "{html}");
    assert!(html.contains("保密"), "{html}");
    assert!(
        html.contains("@top-left"),
        "保密 in the page margin, on every page"
    );
    assert!(html.contains("申报对象00"), "{html}");
    assert!(html.contains("评审0"), "the signer is named");

    let list: serde_json::Value = serde_json::from_slice(&fs::read(&json).unwrap()).unwrap();
    let payload = &list["payload"];
    assert_eq!(payload["kind"], "award-list");
    assert_eq!(payload["leader"]["name"], "评审0");
    // One organisation track on the round: mayor-model, quota 2 (jinshan-2023).
    let places = payload["places"].as_array().unwrap();
    assert_eq!(places.len(), 1);
    let proposed = places[0]["proposed"].as_array().unwrap().len() as u64;
    assert_eq!(places[0]["quota"], 2);
    assert_eq!(places[0]["empty"].as_u64().unwrap(), 2 - proposed);
    let entries = payload["tracks"][0]["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3, "every shortlisted applicant is ranked");

    // verify names the kind and checks the round beside it.
    let run = sb(leader.path(), "en")
        .args(["verify", "--json"])
        .arg(&json)
        .assert()
        .success();
    let verdicts: serde_json::Value = serde_json::from_slice(&run.get_output().stdout).unwrap();
    assert_eq!(verdicts[0]["kind"], "award-list");
    assert_eq!(verdicts[0]["valid"], true);
    assert_eq!(verdicts[0]["award_list"]["checked_against_round"], true);
    sb(leader.path(), "zh")
        .arg("verify")
        .arg(&json)
        .assert()
        .success()
        .stdout(predicate::str::contains("有效 — 获奖建议名单"));

    // A changed byte: refused, the kind still named.
    let text = fs::read_to_string(&json).unwrap();
    let changed = text.replacen("申报对象00", "申报对象09", 1);
    assert_ne!(changed, text);
    fs::write(&json, changed).unwrap();
    let run = sb(leader.path(), "en")
        .args(["verify", "--json"])
        .arg(&json)
        .assert()
        .code(1);
    let verdicts: serde_json::Value = serde_json::from_slice(&run.get_output().stdout).unwrap();
    assert_eq!(verdicts[0]["kind"], "award-list");
    assert_eq!(verdicts[0]["error"], "bad-signature");
}

#[test]
fn a_member_may_not_sign_and_a_document_stage_folder_has_no_list() {
    let work = TempDir::new().unwrap();
    let out = site_merge(work.path(), Stage::SiteReview);
    let member = home_of(1);
    sb(member.path(), "en")
        .arg("award-list")
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "only the round's group leader signs",
        ));
    assert!(!out.join("award-list.json").exists(), "nothing written");

    let work = TempDir::new().unwrap();
    let out = site_merge(work.path(), Stage::DocumentReview);
    sb(home_of(0).path(), "zh")
        .arg("award-list")
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("没有现场评审结果"));
    assert!(!out.join("award-list.json").exists(), "nothing written");
}

/// The leader recused from A00 (第二十一条): the round names 评审1 its acting leader; the
/// leader's list waits for 评审1's signed entry, then names it by hash, and verify checks both.
#[test]
fn an_acting_leader_signs_the_entry_the_leader_is_recused_from() {
    let work = TempDir::new().unwrap();
    let w = work.path();
    let out = site_merge(w, Stage::SiteReview);
    let leader = home_of(0);
    let round = w.join("round.json");
    // A member of the panel only, and only the leader names one.
    sb(home_of(1).path(), "en")
        .args(["round", "set-acting-leader"])
        .arg(&round)
        .args(["A00", "评审1"])
        .assert()
        .failure();
    sb(leader.path(), "en")
        .args(["round", "set-acting-leader"])
        .arg(&round)
        .args(["A00", "评审0"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("acting leader"));
    sb(leader.path(), "en")
        .args(["round", "set-acting-leader"])
        .arg(&round)
        .args(["A00", "评审1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("version 2"));
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&round).unwrap()).unwrap();
    assert_eq!(v["payload"]["format_version"], 2);
    // Merge again against the new version of the round.
    sb(leader.path(), "en")
        .args(["merge", "--round"])
        .arg(&round)
        .arg(w.join("sheets"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();

    // The leader first: refused until the acting leader has signed A00's entry.
    sb(leader.path(), "en")
        .arg("award-list")
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("acting leader 评审1 first runs"));
    // Another member signs nothing.
    sb(home_of(2).path(), "en")
        .arg("award-list")
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("this key is neither"));
    sb(home_of(1).path(), "en")
        .arg("award-list")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("as acting leader"));
    let scoped = out.join("award-list-A00.json");
    assert!(scoped.exists());
    sb(leader.path(), "en")
        .arg("award-list")
        .arg(&out)
        .assert()
        .success();
    let list: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("award-list.json")).unwrap()).unwrap();
    let hash = scorebook::sheet::document_hash(&fs::read(&scoped).unwrap());
    let entries = list["payload"]["tracks"][0]["entries"].as_array().unwrap();
    for e in entries {
        let want = (e["number"] == "A00").then(|| hash.clone());
        assert_eq!(e["endorsement"].as_str().map(String::from), want, "{e}");
    }
    sb(leader.path(), "en")
        .arg("verify")
        .arg(out.join("award-list.json"))
        .arg(&scoped)
        .assert()
        .success();
    // The acting leader's file replaced by another: the panel's list no longer verifies.
    fs::remove_file(&scoped).unwrap();
    let run = sb(leader.path(), "en")
        .args(["verify", "--json"])
        .arg(out.join("award-list.json"))
        .assert()
        .code(1);
    let verdicts: serde_json::Value = serde_json::from_slice(&run.get_output().stdout).unwrap();
    assert_eq!(verdicts[0]["error"], "endorsement-mismatch");
}

/// 双向监督 (第二十二条): the round prints a form per shortlisted applicant; the leader enters a
/// returned form into the merge folder, typed and checked, and the next merge puts it in
/// report.html.
#[test]
fn two_way_supervision_forms_are_printed_entered_and_reported() {
    let work = TempDir::new().unwrap();
    let w = work.path();
    let out = site_merge(w, Stage::SiteReview);
    let leader = home_of(0);
    let forms = w.join("forms");
    sb(leader.path(), "en")
        .args(["round", "supervision-forms"])
        .arg(w.join("round.json"))
        .arg("-o")
        .arg(&forms)
        .assert()
        .success()
        .stdout(predicate::str::contains("3 printable"));
    let form = fs::read_to_string(forms.join("supervision-A00.html")).unwrap();
    assert!(
        form.contains("双向监督反馈表") && form.contains("保密"),
        "{form}"
    );
    assert!(
        form.contains("申报对象00") && form.contains("评审7"),
        "{form}"
    );
    assert!(!form.contains("总分"), "no score on the applicant's form");

    // A member who did not visit, a rating not spelled right: refused, nothing written.
    sb(leader.path(), "en")
        .args(["supervision", "record"])
        .arg(&out)
        .args(["A00", "--overall", "good", "--member", "张三=good"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("did not visit"));
    sb(leader.path(), "en")
        .args(["supervision", "record"])
        .arg(&out)
        .args(["A00", "--overall", "excellent"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("good|fair|poor"));
    assert!(!out.join("supervision.json").exists());

    sb(leader.path(), "zh")
        .args(["supervision", "record"])
        .arg(&out)
        .args(["A01", "--overall", "fair", "--member", "评审2=poor"])
        .args([
            "--comments",
            "评审专家迟到半小时。",
            "--received",
            "2026-12-01",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("已录入申报对象 A01"));
    let file: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("supervision.json")).unwrap()).unwrap();
    assert_eq!(file["records"][0]["members"][0]["conduct"], "poor");

    // The same merge command again: the report carries the form.
    sb(leader.path(), "en")
        .args(["merge", "--round"])
        .arg(w.join("round.json"))
        .arg(w.join("sheets"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let report = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(report.contains("双向监督"), "section");
    assert!(report.contains("评审专家迟到半小时。"), "comments");
    assert!(report.contains("2026-12-01"), "day received");
}
