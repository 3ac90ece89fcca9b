//! The group leader's round file on the command line, each person in their own temp home: the
//! whole flow (new, add a member from their `key show --json` file, add and import applicants,
//! shortlist, show), and the bad inputs — each refused with a clear message, exit 1, and the
//! round file left byte for byte as it was.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

use scorebook::identity::{Identity, Role};
use scorebook::round::verify_round;
use scorebook::sheet::{DocumentKind, sign_document};

fn sb(home: &Path, lang: &str) -> Command {
    let mut c = Command::cargo_bin("scorebook").unwrap();
    c.arg("--home").arg(home).arg("--lang").arg(lang);
    c
}

/// A person with a key made by `scorebook key new` in their own home.
fn person(name: &str) -> TempDir {
    let home = TempDir::new().unwrap();
    sb(home.path(), "en")
        .args(["key", "new", "--name", name])
        .assert()
        .success();
    home
}

/// What `scorebook key show --json` prints, saved as the member file.
fn member_file(home: &Path, out: &Path) -> PathBuf {
    let shown = sb(home, "en")
        .args(["key", "show", "--json"])
        .assert()
        .success();
    fs::write(out, &shown.get_output().stdout).unwrap();
    out.to_path_buf()
}

struct Panel {
    leader: TempDir,
    member: TempDir,
    dir: TempDir,
    round: PathBuf,
}

/// 王组长 starts a round and adds 李专家 from their member file.
fn panel() -> Panel {
    let leader = person("王组长");
    let member = person("李专家");
    let dir = TempDir::new().unwrap();
    let round = dir.path().join("round.json");
    sb(leader.path(), "en")
        .args([
            "round",
            "new",
            "--program",
            "jinshan-2023",
            "--name",
            "2025 第二届",
        ])
        .args(["--starts", "2025-06-01", "--ends", "2025-07-31", "-o"])
        .arg(&round)
        .assert()
        .success()
        .stdout(predicate::str::contains("version 1").and(predicate::str::contains("王组长")));
    let li = member_file(member.path(), &dir.path().join("li.json"));
    sb(leader.path(), "en")
        .args(["round", "add-member"])
        .arg(&round)
        .arg(&li)
        .args(["--role", "member", "--pool-number", "ZJ-017"])
        .assert()
        .success()
        .stdout(predicate::str::contains("李专家").and(predicate::str::contains("version 2")));
    Panel {
        leader,
        member,
        dir,
        round,
    }
}

fn show_json(home: &Path, round: &Path) -> (i32, serde_json::Value) {
    let out = sb(home, "en")
        .args(["round", "show", "--json"])
        .arg(round)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap();
    (out.status.code().unwrap(), v)
}

#[test]
fn the_whole_leader_flow() {
    let p = panel();
    let l = p.leader.path();
    sb(l, "en")
        .args(["round", "add-applicant"])
        .arg(&p.round)
        .args(["--number", "2025-M-01", "--name", "金山电子有限公司"])
        .args(["--track", "mayor-model", "--unit", "区经委"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2025-M-01").and(predicate::str::contains("version 3")));

    // The office's list as Excel's "CSV UTF-8" saves it: BOM, CRLF, Chinese headings.
    let csv = p.dir.path().join("applicants.csv");
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(
        "申报编号,名称,奖项类别,推荐单位,指导专家\r\n\
         2025-M-02,精密机械股份公司,区长质量奖·先进质量管理模式,山阳镇,\r\n\
         2025-I-01,赵工程师,mayor-achievement,区经委,李专家、周专家\r\n"
            .as_bytes(),
    );
    fs::write(&csv, bytes).unwrap();
    sb(l, "en")
        .args(["round", "import-applicants"])
        .arg(&p.round)
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("imported 2").and(predicate::str::contains("version 4")));

    sb(l, "en")
        .args(["round", "shortlist"])
        .arg(&p.round)
        .args(["2025-I-01", "2025-m-01"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("2 applicant(s)").and(predicate::str::contains("version 5")),
        );

    // Any reviewer (the member's own home) reads the same round.
    let (code, v) = show_json(p.member.path(), &p.round);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["valid"], true);
    assert_eq!(v["round"]["version"], 5);
    assert_eq!(v["signer"]["name"], "王组长");
    assert_eq!(v["round"]["members"].as_array().unwrap().len(), 2);
    assert_eq!(v["round"]["members"][1]["pool_number"], "ZJ-017");
    assert_eq!(
        v["round"]["stages"]["site_review"],
        serde_json::json!(["2025-I-01", "2025-M-01"])
    );
    assert_eq!(v["round"]["applicants"][1]["track"], "mayor-model");
    assert_eq!(v["round"]["applicants"][2]["kind"], "individual");
    assert_eq!(v["warnings"], serde_json::json!([]));

    let verified = verify_round(&fs::read(&p.round).unwrap()).unwrap();
    assert_eq!(verified.round.must_recuse("李专家"), vec!["2025-I-01"]);
    assert_eq!(verified.signer.role, Role::Leader);
    assert_eq!(verified.round.applicants.len(), 3);

    let zh = sb(p.member.path(), "zh")
        .args(["round", "show"])
        .arg(&p.round)
        .assert()
        .success();
    let text = String::from_utf8(zh.get_output().stdout.clone()).unwrap();
    for want in [
        "2025 第二届",
        "第 5 版",
        "组长",
        "王组长",
        "李专家",
        "专家库编号 ZJ-017",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    assert!(
        text.contains("现场评审名单（2）：2025-I-01、2025-M-01"),
        "{text}"
    );
    assert!(
        text.contains("推荐单位 区经委；指导专家 李专家、周专家"),
        "{text}"
    );
    assert!(
        text.contains("专家库编号 ZJ-017；须回避（指导专家，第十四条） 2025-I-01"),
        "{text}"
    );
}

/// The bytes of the round before a refused command, to compare after.
fn refused(cmd: &mut Command, round: &Path, says: &[&str]) {
    let before = fs::read(round).unwrap();
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for s in says {
        assert!(err.contains(s), "{s:?} not in: {err}");
    }
    assert_eq!(fs::read(round).unwrap(), before, "the round file changed");
}

#[test]
fn only_the_leader_changes_the_round() {
    let p = panel();
    let mut cmd = sb(p.member.path(), "en");
    cmd.args(["round", "add-applicant"]).arg(&p.round).args([
        "--number",
        "A1",
        "--name",
        "x",
        "--track",
        "mayor-model",
    ]);
    refused(
        &mut cmd,
        &p.round,
        &["only a group leader", "you are member on this round"],
    );
    let stranger = person("陌生人");
    let mut cmd = sb(stranger.path(), "zh");
    cmd.args(["round", "shortlist"]).arg(&p.round).arg("A1");
    refused(
        &mut cmd,
        &p.round,
        &["只有评审组长", "你的密钥不在本评审组中"],
    );
}

#[test]
fn a_round_not_signed_by_its_leader_is_refused() {
    let p = panel();
    // The same content re-signed by the member: every reader refuses it.
    let text = fs::read_to_string(&p.round).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let payload = scorebook::canonical::to_canonical(&v["payload"]).unwrap();
    let key = Identity::load(p.member.path()).unwrap().unwrap();
    let forged = sign_document(
        DocumentKind::Round.payload_type(),
        &payload,
        key.signing_key(),
    )
    .unwrap();
    let forged_path = p.dir.path().join("forged.json");
    fs::write(&forged_path, forged).unwrap();
    let (code, v) = show_json(p.leader.path(), &forged_path);
    assert_eq!(code, 1);
    assert_eq!(v["valid"], false);
    assert_eq!(v["error"], "not-signed-by-leader");
    sb(p.leader.path(), "en")
        .args(["round", "show"])
        .arg(&forged_path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not signed by its group leader"));
    // And the leader cannot build on it.
    let mut cmd = sb(p.leader.path(), "en");
    cmd.args(["round", "shortlist"]).arg(&forged_path).arg("A1");
    refused(&mut cmd, &forged_path, &["round refused"]);
}

#[test]
fn a_member_file_that_is_not_one() {
    let p = panel();
    let l = p.leader.path();
    for (name, content, says) in [
        ("theme.json", r#"{"theme":"dark"}"#, "unknown field"),
        ("text.json", "李专家", "line 1"),
        (
            "badkey.json",
            r#"{"name":"x","public_key":"00","fingerprint":"0000 0000 0000 0000"}"#,
            "64 lowercase hex",
        ),
    ] {
        let file = p.dir.path().join(name);
        fs::write(&file, content).unwrap();
        let mut cmd = sb(l, "en");
        cmd.args(["round", "add-member"]).arg(&p.round).arg(&file);
        refused(
            &mut cmd,
            &p.round,
            &["is not a member file", "key show --json", says],
        );
    }
    // The round file itself is not a member file either.
    let mut cmd = sb(l, "zh");
    cmd.args(["round", "add-member"])
        .arg(&p.round)
        .arg(&p.round);
    refused(&mut cmd, &p.round, &["不是成员文件"]);
    // A member already on the round.
    let li = member_file(p.member.path(), &p.dir.path().join("li-again.json"));
    let mut cmd = sb(l, "en");
    cmd.args(["round", "add-member"]).arg(&p.round).arg(&li);
    refused(&mut cmd, &p.round, &["already on the round"]);
}

#[test]
fn a_duplicate_number_is_refused_whatever_its_case() {
    let p = panel();
    let l = p.leader.path();
    sb(l, "en")
        .args(["round", "add-applicant"])
        .arg(&p.round)
        .args([
            "--number",
            "2025-M-01",
            "--name",
            "甲",
            "--track",
            "mayor-model",
        ])
        .assert()
        .success();
    let mut cmd = sb(l, "en");
    cmd.args(["round", "add-applicant"]).arg(&p.round).args([
        "--number",
        "2025-m-01",
        "--name",
        "乙",
        "--track",
        "mayor-model",
    ]);
    refused(
        &mut cmd,
        &p.round,
        &["2025-m-01", "same as 2025-M-01", "nothing changed"],
    );
    let mut cmd = sb(l, "zh");
    cmd.args(["round", "add-applicant"]).arg(&p.round).args([
        "--number",
        "2025/01",
        "--name",
        "乙",
        "--track",
        "mayor-model",
    ]);
    refused(&mut cmd, &p.round, &["申报编号", "不合规"]);
    let mut cmd = sb(l, "en");
    cmd.args(["round", "add-applicant"])
        .arg(&p.round)
        .args(["--number", "A9", "--name", "乙", "--track", "mayor-model"])
        .args(["--kind", "individual"]);
    refused(&mut cmd, &p.round, &["not for an individual applicant"]);
}

#[test]
fn a_gbk_csv_is_refused_with_how_to_save_it() {
    let p = panel();
    let csv = p.dir.path().join("gbk.csv");
    // "申报编号,名称,奖项类别\n2025-M-01,金山,mayor-model\n" as Excel's plain CSV saves it.
    let mut bytes = b"\xc9\xea\xb1\xa8\xb1\xe0\xba\xc5,\xc3\xfb\xb3\xc6,".to_vec();
    bytes.extend_from_slice(
        b"\xbd\xb1\xcf\xee\xc0\xe0\xb1\xf0\n2025-M-01,\xbd\xf0\xc9\xbd,mayor-model\n",
    );
    fs::write(&csv, bytes).unwrap();
    let mut cmd = sb(p.leader.path(), "zh");
    cmd.args(["round", "import-applicants"])
        .arg(&p.round)
        .arg(&csv);
    refused(
        &mut cmd,
        &p.round,
        &["GBK", "CSV UTF-8", "WPS", "未导入任何申报对象"],
    );
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(
            "number,name,track\n"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    fs::write(&csv, utf16).unwrap();
    let mut cmd = sb(p.leader.path(), "en");
    cmd.args(["round", "import-applicants"])
        .arg(&p.round)
        .arg(&csv);
    refused(&mut cmd, &p.round, &["UTF-16", "CSV UTF-8"]);
}

#[test]
fn a_bad_csv_row_is_named_by_line_and_nothing_is_imported() {
    let p = panel();
    let csv = p.dir.path().join("list.csv");
    let l = p.leader.path();
    let cases: [(&str, &[&str]); 4] = [
        (
            "number,name,track\nA1,甲,mayor-model\nA2,乙,silver-model\n",
            &["line 3", "no track 'silver-model'", "nothing imported"],
        ),
        (
            "number,name,track\nA1,甲,mayor-model\nA2,乙,gold-model\na1,丙,mayor-model\n",
            &["line 4", "same as A1"],
        ),
        (
            "number,name,track,score\nA1,甲,mayor-model,90\n",
            &["line 1", "unknown column 'score'"],
        ),
        ("number,name\nA1,甲\n", &["line 1", "no column 'track'"]),
    ];
    for (text, says) in cases {
        fs::write(&csv, text).unwrap();
        let mut cmd = sb(l, "en");
        cmd.args(["round", "import-applicants"])
            .arg(&p.round)
            .arg(&csv);
        refused(&mut cmd, &p.round, says);
    }
    let v = verify_round(&fs::read(&p.round).unwrap()).unwrap();
    assert!(v.round.applicants.is_empty());
    assert_eq!(v.round.version, 2);
}

#[test]
fn the_shortlist_names_applicants_of_the_round() {
    let p = panel();
    let mut cmd = sb(p.leader.path(), "en");
    cmd.args(["round", "shortlist"])
        .arg(&p.round)
        .arg("2025-X-99");
    refused(
        &mut cmd,
        &p.round,
        &["site-review shortlist", "2025-X-99", "not in the round"],
    );
}

#[test]
fn usage_and_files_that_cannot_be_used() {
    let p = panel();
    let l = p.leader.path();
    // An existing file is not replaced without --force: exit 2, unchanged.
    let before = fs::read(&p.round).unwrap();
    sb(l, "en")
        .args([
            "round",
            "new",
            "--program",
            "jinshan-2023",
            "--name",
            "x",
            "-o",
        ])
        .arg(&p.round)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(fs::read(&p.round).unwrap(), before);
    // Unknown programme: refused, nothing written.
    let other = p.dir.path().join("other.json");
    sb(l, "en")
        .args(["round", "new", "--program", "nowhere", "--name", "x", "-o"])
        .arg(&other)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("known: jinshan-2023"));
    assert!(!other.exists());
    // Missing arguments: clap's usage error.
    sb(l, "en")
        .args(["round", "shortlist"])
        .arg(&p.round)
        .assert()
        .code(2);
    // Not a file at all.
    sb(l, "en")
        .args(["round", "show"])
        .arg(p.dir.path().join("missing.json"))
        .assert()
        .code(2);
    // A sheet-like JSON that is not a round.
    let not_round = p.dir.path().join("theme.json");
    fs::write(&not_round, r#"{"theme":"dark"}"#).unwrap();
    let (code, v) = show_json(l, &not_round);
    assert_eq!(code, 1);
    assert_eq!(v["valid"], false);
    assert!(v["error"].is_string(), "{v}");
}

#[test]
fn chinese_help_for_every_round_command() {
    let out = sb(Path::new("/nonexistent"), "zh")
        .args(["round", "add-applicant", "--help"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("指导专家"), "{text}");
    assert!(text.contains("申报组织"), "{text}");
}

#[test]
fn dates_outside_the_measures_validity_are_a_warning() {
    let leader = person("王组长");
    let dir = TempDir::new().unwrap();
    let round = dir.path().join("late.json");
    sb(leader.path(), "en")
        .args([
            "round",
            "new",
            "--program",
            "jinshan-2023",
            "--name",
            "2028",
        ])
        .args(["--starts", "2028-02-20", "--ends", "2028-03-10", "-o"])
        .arg(&round)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: the end date 2028-03-10 is after",
        ));
    let (code, v) = show_json(leader.path(), &round);
    assert_eq!(code, 0);
    assert_eq!(v["warnings"][0]["code"], "outside-validity");
    sb(leader.path(), "zh")
        .args(["round", "show"])
        .arg(&round)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "结束日期 2028-03-10 晚于评奖办法的有效期截止日",
        ));
}
