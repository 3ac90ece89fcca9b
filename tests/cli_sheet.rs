//! `scorebook key`, `export` and `verify` end to end, in temp homes.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

use scorebook::program::Catalog;
use scorebook::review::demo::demo_applicant;
use scorebook::workspace::Workspace;

fn scorebook(home: &Path) -> Command {
    scorebook::testkit::cli::scorebook(home, "en")
}

/// A home with the demo applicant (示例) in the workspace, every item scored.
fn home_with_demo() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let catalog = Catalog::embedded();
    let fw = catalog.framework("gbt19580-2012").unwrap();
    let mut a = demo_applicant(&fw.hash, "2026-11-25T09:00:00+08:00").unwrap();
    for (_, item) in fw.doc.items() {
        let r = a.document.items.entry(item.code.clone()).or_default();
        if r.percent.is_none() {
            r.percent = Some(scorebook::framework::Percent::new(50, fw.doc.percent_step).unwrap());
        }
    }
    let (mut ws, _) = Workspace::open(home.path()).unwrap();
    ws.save_applicant(&a).unwrap();
    home
}

fn key_new(home: &Path) {
    scorebook(home)
        .args(["key", "new", "--name", "王评审"])
        .assert()
        .success();
}

fn exported(out: &[u8]) -> PathBuf {
    let text = String::from_utf8_lossy(out);
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("file:"))
        .expect(&text);
    PathBuf::from(line.trim_start().trim_start_matches("file:").trim())
}

#[test]
fn key_new_show_and_refuse_overwrite() {
    let home = tempfile::tempdir().unwrap();
    scorebook(home.path())
        .args(["key", "show"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("scorebook key new"));
    key_new(home.path());
    let out = scorebook(home.path())
        .args(["key", "show", "--json"])
        .assert()
        .success();
    let info: scorebook::identity::MemberInfo =
        serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(info.name, "王评审");
    assert!(info.verifying_key().is_ok());
    scorebook(home.path())
        .args(["key", "new", "--name", "李四"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--force"));
    scorebook(home.path())
        .args(["key", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains(&info.fingerprint))
        .stdout(predicate::str::contains("王评审"));
    // the secret is never printed
    let secret = std::fs::read_to_string(home.path().join("keys/reviewer.secret")).unwrap();
    let secret: serde_json::Value = serde_json::from_str(&secret).unwrap();
    let secret = secret["secret_key"].as_str().unwrap();
    for args in [&["key", "show"][..], &["key", "show", "--json"]] {
        let out = scorebook(home.path()).args(args).assert().success();
        assert!(!String::from_utf8_lossy(&out.get_output().stdout).contains(secret));
    }
}

#[test]
fn export_then_verify_round_trip() {
    let home = home_with_demo();
    let work = tempfile::tempdir().unwrap();
    // no key yet: a clear message
    scorebook(home.path())
        .current_dir(work.path())
        .args(["export", "示例", "--stage", "document"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("scorebook key new"));
    key_new(home.path());

    let out = scorebook(home.path())
        .current_dir(work.path())
        .args(["export", "示例", "--stage", "document"])
        .assert()
        .success();
    let first = work.path().join(exported(&out.get_output().stdout));
    assert!(
        first.ends_with("示例-document-v1.sheet.json"),
        "{}",
        first.display()
    );
    // Without -o: into <home>/sheets/, named by its full path (as the README says).
    assert!(
        first.is_absolute() && first.starts_with(home.path().join("sheets")),
        "{}",
        first.display()
    );
    let bytes = std::fs::read(&first).unwrap();
    let secret = std::fs::read_to_string(home.path().join("keys/reviewer.secret")).unwrap();
    let secret: serde_json::Value = serde_json::from_str(&secret).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains(secret["secret_key"].as_str().unwrap()));

    // Issue 10: the same content again makes no new version: the same signed file, said so.
    let out = scorebook(home.path())
        .current_dir(work.path())
        .args(["export", "示例", "--stage", "document"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("no new version"), "{stdout}");
    let again = work.path().join(exported(&out.get_output().stdout));
    assert_eq!(again, first);
    assert_eq!(std::fs::read(&again).unwrap(), bytes);

    // by name too, and the version rises once the content changed
    {
        let (mut ws, _) = Workspace::open(home.path()).unwrap();
        let mut a = ws.applicants()[0].clone();
        let item = a.document.items.values_mut().next().unwrap();
        item.strengths.push(scorebook::review::Comment {
            text: "再次核对申报材料后补充：质量目标逐级分解到班组".into(),
            ..Default::default()
        });
        ws.save_applicant(&a).unwrap();
    }
    let out = scorebook(home.path())
        .current_dir(work.path())
        .args(["export", "上海金山某新材料有限公司（示例）"])
        .assert()
        .success();
    let second = work.path().join(exported(&out.get_output().stdout));
    assert!(second.ends_with("示例-document-v2.sheet.json"));

    scorebook(home.path())
        .args(["verify"])
        .arg(&first)
        .arg(&second)
        .assert()
        .success()
        .stdout(predicate::str::contains("valid").count(2))
        .stdout(predicate::str::contains(scorebook::sheet::document_hash(
            &bytes,
        )));

    // --json, and zh
    let out = scorebook(home.path())
        .args(["verify", "--json"])
        .arg(&first)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v[0]["valid"], true);
    assert_eq!(v[0]["sheet"]["version"], 1);
    scorebook(home.path())
        .args(["--lang", "zh", "verify"])
        .arg(&first)
        .assert()
        .success()
        .stdout(predicate::str::contains("有效"));
}

#[test]
fn verify_names_each_fault_and_fails_if_any() {
    let home = home_with_demo();
    key_new(home.path());
    let work = tempfile::tempdir().unwrap();
    let out = scorebook(home.path())
        .current_dir(work.path())
        .args(["export", "示例"])
        .assert()
        .success();
    let good = work.path().join(exported(&out.get_output().stdout));
    let text = std::fs::read_to_string(&good).unwrap();

    let tampered = work.path().join("tampered.sheet.json");
    let i = text.find("\"percent\":50").unwrap();
    let mut t = text.clone();
    t.replace_range(i..i + 12, "\"percent\":55");
    std::fs::write(&tampered, t).unwrap();
    let pretty = work.path().join("pretty.sheet.json");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    std::fs::write(&pretty, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let empty = work.path().join("empty.sheet.json");
    std::fs::write(&empty, "").unwrap();
    let missing = work.path().join("missing.sheet.json");
    // 100 MB, sparse: refused by its size without being read
    let huge = work.path().join("huge.sheet.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();

    let out = scorebook(home.path())
        .args(["verify", "--json"])
        .arg(&good)
        .arg(&tampered)
        .arg(&pretty)
        .arg(&empty)
        .arg(&missing)
        .arg(&huge)
        .assert()
        .code(1);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let errors: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["error"].clone())
        .collect();
    assert_eq!(
        errors,
        [
            serde_json::Value::Null,
            "bad-signature".into(),
            "not-canonical".into(),
            "empty".into(),
            "unreadable".into(),
            "too-large".into()
        ]
    );
    // one line per file in text mode
    let out = scorebook(home.path())
        .args(["verify"])
        .arg(&good)
        .arg(&tampered)
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert_eq!(stdout.lines().count(), 2);
    assert!(stdout.contains("bad signature"), "{stdout}");

    // a roster without this reviewer
    let roster = work.path().join("roster.json");
    let other = scorebook::identity::MemberInfo::new(
        "李评审",
        &ed25519_dalek::SigningKey::from_bytes(&[5; 32]).verifying_key(),
    );
    std::fs::write(&roster, serde_json::to_string(&vec![other]).unwrap()).unwrap();
    scorebook(home.path())
        .args(["verify", "--roster"])
        .arg(&roster)
        .arg(&good)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("not in the roster"));
    // with this reviewer added it passes
    let me: scorebook::identity::MemberInfo = serde_json::from_slice(
        &scorebook(home.path())
            .args(["key", "show", "--json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    std::fs::write(&roster, serde_json::json!({"members": [me]}).to_string()).unwrap();
    scorebook(home.path())
        .args(["verify", "--roster"])
        .arg(&roster)
        .arg(&good)
        .assert()
        .success();
}

#[test]
fn incomplete_reviews_need_draft_and_drafts_do_not_verify() {
    let home = tempfile::tempdir().unwrap();
    let catalog = Catalog::embedded();
    let fw = catalog.framework("gbt19580-2012").unwrap();
    let mut a = demo_applicant(&fw.hash, "2026-11-25T09:00:00+08:00").unwrap();
    let first = fw.doc.items().next().unwrap().1.code.clone();
    a.document.items.entry(first).or_default().percent = None;
    let (mut ws, _) = Workspace::open(home.path()).unwrap();
    ws.save_applicant(&a).unwrap();
    drop(ws);
    key_new(home.path());
    let work = tempfile::tempdir().unwrap();
    scorebook(home.path())
        .current_dir(work.path())
        .args(["export", "示例"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--draft"));
    // the refused export used no version number: the draft is v1
    let out = scorebook(home.path())
        .current_dir(work.path())
        .args(["export", "示例", "--draft", "--format", "html"])
        .assert()
        .success();
    let draft = work.path().join(exported(&out.get_output().stdout));
    assert!(
        draft.ends_with("示例-document-v1-draft.sheet.json"),
        "{}",
        draft.display()
    );
    let html = std::fs::read_to_string(draft.with_extension("").with_extension("html")).unwrap();
    assert!(html.contains("DRAFT"));
    scorebook(home.path())
        .args(["verify"])
        .arg(&draft)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("a draft"));
}

#[test]
fn html_sheet_binds_the_signed_file() {
    let home = home_with_demo();
    key_new(home.path());
    let work = tempfile::tempdir().unwrap();
    let page = work.path().join("评分表.html");
    let out = scorebook(home.path())
        .current_dir(work.path())
        .args(["--lang", "zh", "export", "示例", "--format", "html", "-o"])
        .arg(&page)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains("打印版"), "{stdout}");
    let signed = work.path().join("示例-document-v1.sheet.json");
    let hash = scorebook::sheet::document_hash(&std::fs::read(&signed).unwrap());
    let html = std::fs::read_to_string(&page).unwrap();
    let grouped: Vec<String> = hash
        .as_bytes()
        .chunks(8)
        .map(|c| String::from_utf8_lossy(c).into())
        .collect();
    assert!(html.contains(&grouped.join(" ")), "hash missing");
    assert!(html.contains("评审专家签字"));
    assert!(html.contains("@page"));
    // 保密 in the page margin: printed on every page, in the sheet's language.
    assert!(html.contains("@top-left { content: \"保密\""), "{html}");
    assert!(html.contains("4.1.2"));
    assert!(!html.contains("<script"));
}

#[test]
fn unknown_applicant_and_unstarted_site_review() {
    let home = home_with_demo();
    key_new(home.path());
    scorebook(home.path())
        .args(["export", "nobody"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("示例"));
    scorebook(home.path())
        .args(["export", "示例", "--stage", "site"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("site review"));
}
