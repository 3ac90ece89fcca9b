//! What a reviewer and a group leader stumble on when they follow the README with the real
//! binary, each case a fix: every test here failed before its fix.

use scorebook::testkit::cli;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn sb(home: &Path, lang: &str) -> Command {
    let mut c = Command::cargo_bin("scorebook").unwrap();
    c.arg("--home").arg(home).arg("--lang").arg(lang);
    c
}

fn key_new(name: &str) -> TempDir {
    let home = TempDir::new().unwrap();
    sb(home.path(), "en")
        .args(["key", "new", "--name", name])
        .assert()
        .success();
    home
}

/// `verify --roster` with a roster signed by a member who is not its leader is refused, in
/// both languages, naming the roster file; a bare member list is still accepted, with a note.
#[test]
fn verify_roster_must_be_signed_by_its_leader() {
    let leader = key_new("王组长");
    let member = key_new("李专家");
    let work = TempDir::new().unwrap();
    let w = work.path();
    let roster = w.join("roster.json");
    cli::roster_new(sb(leader.path(), "en"), &roster);
    let forged = cli::forged_roster(&roster, member.path());
    let forged_path = w.join("forged.json");
    fs::write(&forged_path, forged).unwrap();
    let any = w.join("any.sheet.json");
    fs::write(&any, b"{}").unwrap();

    sb(leader.path(), "en")
        .arg("verify")
        .arg("--roster")
        .arg(&forged_path)
        .arg(&any)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("forged.json"))
        .stderr(predicate::str::contains("not signed by its leader"))
        .stderr(predicate::str::contains("panicked").not());
    sb(leader.path(), "zh")
        .arg("verify")
        .arg("--roster")
        .arg(&forged_path)
        .arg(&any)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("组长签名"));

    // The genuine roster is accepted (the junk sheet then fails on its own verdict).
    sb(leader.path(), "en")
        .arg("verify")
        .arg("--roster")
        .arg(&roster)
        .arg(&any)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a signed roster").not());

    // A plain member list, as `key show --json` prints: accepted, with a note saying so.
    let out = sb(member.path(), "en")
        .args(["key", "show", "--json"])
        .assert()
        .success();
    let one: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let list = w.join("list.json");
    fs::write(&list, serde_json::to_vec(&vec![one]).unwrap()).unwrap();
    sb(leader.path(), "en")
        .arg("verify")
        .arg("--roster")
        .arg(&list)
        .arg(&any)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a signed roster"));
}

/// On a fresh home the README's `export 示例` says how the demo comes to exist instead of
/// just "no applicant".
#[test]
fn export_demo_on_a_fresh_home_says_to_open_the_app_first() {
    let home = key_new("张三");
    sb(home.path(), "zh")
        .args(["export", "示例", "--stage", "document"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("第一次打开软件"))
        .stderr(predicate::str::contains("panicked").not());
    sb(home.path(), "en")
        .args(["export", "示例", "--stage", "document"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Run `scorebook`"));
    // Any other unknown name keeps the plain message.
    sb(home.path(), "en")
        .args(["export", "无此单位", "--stage", "document"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no applicant '无此单位'"));
}

/// Usage mistakes exit 2 like every other usage error (1 is for verdicts: verify, check).
#[test]
fn usage_mistakes_exit_2() {
    let fresh = TempDir::new().unwrap();
    sb(fresh.path(), "zh")
        .args(["key", "show"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("key new"));
    let home = key_new("张三");
    sb(home.path(), "zh")
        .args(["key", "new", "--name", "张三"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    sb(fresh.path(), "en")
        .args(["key", "new", "--name", " "])
        .assert()
        .code(2);
    sb(fresh.path(), "en")
        .args(["criteria", "show", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("gbt19580-2012"));
}

/// The roster commands speak the interface language: roles, refusals and the signing rule.
#[test]
fn roster_commands_are_localised() {
    let leader = key_new("王组长");
    let member = key_new("李专家");
    let trainee = key_new("钱见习");
    let work = TempDir::new().unwrap();
    let w = work.path();
    let roster = w.join("roster.json");
    let new = |lang: &str| {
        let mut c = sb(leader.path(), lang);
        c.args([
            "roster",
            "new",
            "--program",
            "jinshan-2023",
            "--round",
            "2025",
            "-o",
        ])
        .arg(&roster);
        c
    };
    new("zh").assert().success();
    new("zh")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("已存在"))
        .stderr(predicate::str::contains("--force"));
    sb(leader.path(), "zh")
        .args([
            "roster",
            "new",
            "--program",
            "nowhere",
            "--round",
            "1",
            "-o",
        ])
        .arg(w.join("x.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("没有评奖办法"));
    let member_file = |home: &Path, name: &str| {
        let out = sb(home, "en")
            .args(["key", "show", "--json"])
            .assert()
            .success();
        let path = w.join(name);
        fs::write(&path, &out.get_output().stdout).unwrap();
        path
    };
    let m = member_file(member.path(), "m.json");
    let t = member_file(trainee.path(), "t.json");
    sb(leader.path(), "zh")
        .args(["roster", "add"])
        .arg(&roster)
        .arg(&t)
        .args(["--role", "trainee"])
        .assert()
        .success()
        .stdout(predicate::str::contains("见习"))
        .stdout(predicate::str::contains("Trainee").not());
    sb(leader.path(), "zh")
        .args(["roster", "add"])
        .arg(&roster)
        .arg(&t)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("无法加入 钱见习"));
    // A member cannot re-sign the leader's roster.
    sb(member.path(), "zh")
        .args(["roster", "add"])
        .arg(&roster)
        .arg(&m)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("只有名单上的评审组长"));
    let shown = sb(leader.path(), "zh")
        .args(["roster", "show"])
        .arg(&roster)
        .assert()
        .success();
    let text = String::from_utf8(shown.get_output().stdout.clone()).unwrap();
    assert!(text.contains("组长") && text.contains("见习"), "{text}");
    assert!(!text.contains("trainee"), "{text}");
}

/// The leader's commands speak Chinese by default: an empty folder, a missing input, a
/// folder never merged, a roster refused.
#[test]
fn leader_messages_are_localised() {
    let leader = key_new("王组长");
    let work = TempDir::new().unwrap();
    let w = work.path();
    let roster = w.join("roster.json");
    cli::roster_new(sb(leader.path(), "zh"), &roster);
    let empty = w.join("空文件夹");
    fs::create_dir_all(&empty).unwrap();
    sb(leader.path(), "zh")
        .arg("merge")
        .arg("--roster")
        .arg(&roster)
        .arg(&empty)
        .arg(w.join("无此文件.json"))
        .arg("-o")
        .arg(w.join("out"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("空文件夹：文件夹中没有文件"))
        .stderr(predicate::str::contains(
            "无此文件.json：没有这个文件或文件夹",
        ))
        .stderr(predicate::str::contains("folder has no files").not());
    sb(leader.path(), "zh")
        .arg("rank")
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("中没有 panel.json"))
        .stderr(predicate::str::contains("scorebook merge"));
    let broken = w.join("broken.json");
    fs::write(&broken, b"{}").unwrap();
    sb(leader.path(), "zh")
        .arg("merge")
        .arg("--roster")
        .arg(&broken)
        .arg(&empty)
        .arg("-o")
        .arg(w.join("out"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.json：评审组名单不可信"));
}

/// `verify` on a folder or on a sheet re-saved with a BOM says what the file is, not an OS
/// error or "expected value at column 1".
#[test]
fn verify_names_folders_and_byte_order_marks() {
    let home = TempDir::new().unwrap();
    let work = TempDir::new().unwrap();
    let dir = work.path().join("评分表");
    fs::create_dir_all(&dir).unwrap();
    let bom = work.path().join("bom.sheet.json");
    fs::write(&bom, b"\xEF\xBB\xBF{\"payload\":\"\"}").unwrap();
    sb(home.path(), "zh")
        .arg("verify")
        .arg(&dir)
        .arg(&bom)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("这是文件夹"))
        .stdout(predicate::str::contains("字节顺序标记"))
        .stdout(predicate::str::contains("os error").not());
    let out = sb(home.path(), "en")
        .args(["verify", "--json"])
        .arg(&dir)
        .arg(&bom)
        .assert()
        .code(1);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v[0]["error"], "directory");
    assert_eq!(v[1]["error"], "bom");
}

/// `consensus` on a folder never merged, or on a merge that counted no sheet, says so in the
/// interface language before any screen opens.
#[test]
fn consensus_refusals_are_localised() {
    let leader = key_new("王组长");
    let work = TempDir::new().unwrap();
    let w = work.path();
    sb(leader.path(), "zh")
        .arg("consensus")
        .arg(w)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("中没有 panel.json"));
    let roster = w.join("roster.json");
    cli::roster_new(sb(leader.path(), "zh"), &roster);
    let junk = w.join("junk");
    fs::create_dir_all(&junk).unwrap();
    fs::write(junk.join("readme.txt"), "不是评分表").unwrap();
    let out = w.join("out");
    sb(leader.path(), "zh")
        .arg("merge")
        .arg("--roster")
        .arg(&roster)
        .arg(&junk)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    sb(leader.path(), "zh")
        .arg("consensus")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("没有可合议的申报对象"))
        .stderr(predicate::str::contains("panicked").not());
}

/// Passing the roster itself to `verify` says what it is and where it belongs.
#[test]
fn verify_on_a_roster_says_use_roster() {
    let leader = key_new("王组长");
    let work = TempDir::new().unwrap();
    let roster = work.path().join("roster.json");
    cli::roster_new(sb(leader.path(), "zh"), &roster);
    sb(leader.path(), "zh")
        .arg("verify")
        .arg(&roster)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("这是评审组名单"))
        .stdout(predicate::str::contains("--roster"));
    sb(leader.path(), "en")
        .arg("verify")
        .arg(&roster)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("this is a roster"));
}

/// The README's tour with the demo in the workspace: incomplete refused with the way out,
/// `--draft`, HTML, `-o` into a folder that does not exist yet, site review not started.
#[test]
fn demo_export_walk() {
    use scorebook::program::Catalog;
    use scorebook::review::demo::demo_applicant;
    use scorebook::workspace::Workspace;
    let home = key_new("张三");
    let catalog = Catalog::embedded();
    let fw = catalog.framework("gbt19580-2012").unwrap();
    let demo = demo_applicant(&fw.hash, "2026-11-25T09:00:00Z").unwrap();
    {
        let (mut ws, _) = Workspace::open(home.path()).unwrap();
        ws.save_applicant(&demo).unwrap();
    }
    let work = TempDir::new().unwrap();
    sb(home.path(), "zh")
        .args(["export", "示例", "--stage", "document"])
        .current_dir(work.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--draft"));
    let nested = work.path().join("新文件夹/子目录/示例.sheet.json");
    sb(home.path(), "zh")
        .args(["export", "示例", "--stage", "document", "--draft", "-o"])
        .arg(&nested)
        .assert()
        .success();
    assert!(nested.exists());
    sb(home.path(), "zh")
        .args([
            "export", "示例", "--stage", "document", "--draft", "--format", "html", "-o",
        ])
        .arg(work.path().join("示例.html"))
        .assert()
        .success();
    sb(home.path(), "zh")
        .args(["export", "示例", "--stage", "site", "--draft"])
        .current_dir(work.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("现场评审"))
        .stderr(predicate::str::contains("panicked").not());
}

/// `merge` gives why a file was left out in the interface language, the label and the reason
/// both: an empty file and a sheet changed after signing.
#[test]
fn merge_exclusion_reasons_are_localised() {
    use scorebook::program::Catalog;
    use scorebook::review::demo::demo_applicant;
    use scorebook::workspace::Workspace;
    let leader = key_new("王组长");
    let catalog = Catalog::embedded();
    let fw = catalog.framework("gbt19580-2012").unwrap();
    let demo = demo_applicant(&fw.hash, "2026-11-25T09:00:00Z").unwrap();
    {
        let (mut ws, _) = Workspace::open(leader.path()).unwrap();
        ws.save_applicant(&demo).unwrap();
    }
    let work = TempDir::new().unwrap();
    let w = work.path();
    let roster = w.join("roster.json");
    cli::roster_new(sb(leader.path(), "zh"), &roster);
    let sheets = w.join("sheets");
    fs::create_dir_all(&sheets).unwrap();
    fs::write(sheets.join("empty.sheet.json"), b"").unwrap();
    let signed = w.join("signed.sheet.json");
    sb(leader.path(), "zh")
        .args(["export", "示例", "--stage", "document", "--draft", "-o"])
        .arg(&signed)
        .assert()
        .success();
    let text = fs::read_to_string(&signed).unwrap();
    let tampered = text.replacen("王组长", "李组长", 1);
    assert_ne!(text, tampered);
    fs::write(sheets.join("tampered.sheet.json"), tampered).unwrap();

    let merge = |lang: &str, out: &str| {
        let done = sb(leader.path(), lang)
            .arg("merge")
            .arg("--roster")
            .arg(&roster)
            .arg(&sheets)
            .arg("-o")
            .arg(w.join(out))
            .assert()
            .success();
        String::from_utf8(done.get_output().stdout.clone()).unwrap()
    };
    let line = |stdout: &str, file: &str| -> String {
        stdout
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file} not named in:\n{stdout}"))
            .to_string()
    };
    let zh = merge("zh", "out-zh");
    assert!(
        line(&zh, "empty.sheet.json").contains("不是评分表：文件为空"),
        "{zh}"
    );
    assert!(
        line(&zh, "tampered.sheet.json").contains("无效：签名无效"),
        "{zh}"
    );
    assert!(!zh.contains("the file is empty"), "{zh}");
    assert!(!zh.contains("bad signature"), "{zh}");
    // panel.json keeps the fault's code beside the sentence.
    let panel: serde_json::Value =
        serde_json::from_slice(&fs::read(w.join("out-zh/panel.json")).unwrap()).unwrap();
    let codes: Vec<&str> = panel["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["excluded"]["code"].as_str())
        .collect();
    assert!(codes.contains(&"empty"), "{codes:?}");
    assert!(codes.contains(&"bad-signature"), "{codes:?}");

    let en = merge("en", "out-en");
    assert!(
        line(&en, "empty.sheet.json").contains("not a sheet: the file is empty"),
        "{en}"
    );
    assert!(
        line(&en, "tampered.sheet.json").contains("invalid: bad signature"),
        "{en}"
    );
    assert!(!en.contains("文件为空"), "{en}");
}
