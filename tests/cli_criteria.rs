//! `scorebook criteria list|show|check` and localised `--help`, run as a person would, each
//! with its own temporary home.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use scorebook::framework::Framework;
use scorebook::program::{Catalog, Program, content_hash};

fn scorebook(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("scorebook").unwrap();
    cmd.env("SCOREBOOK_HOME", home)
        .env_remove("SCOREBOOK_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    cmd
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/criteria")
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn list_shows_frameworks_and_programmes_with_status_and_hash() {
    let home = tempfile::tempdir().unwrap();
    let catalog = Catalog::embedded();
    let zh = stdout(scorebook(home.path()).args(["criteria", "list"]));
    for f in &catalog.frameworks {
        assert!(zh.contains(&f.doc.id), "{zh}");
        assert!(zh.contains(f.hash.get(..12).unwrap()), "{zh}");
    }
    let p = catalog.program("jinshan-2023").unwrap();
    assert!(zh.contains(p.hash.get(..12).unwrap()), "{zh}");
    assert!(zh.contains("评价准则") && zh.contains("评奖办法"), "{zh}");
    assert!(
        zh.contains("暂定"),
        "the provisional framework must say so: {zh}"
    );
    assert!(zh.contains("内置"), "{zh}");
    let gbt = zh.lines().find(|l| l.contains("gbt19580-2012")).unwrap();
    assert!(gbt.contains(" 23 ") && gbt.contains(" 1000 "), "{gbt}");

    let en = stdout(scorebook(home.path()).args(["--lang", "en", "criteria", "list"]));
    assert!(
        en.contains("Frameworks") && en.contains("PROVISIONAL"),
        "{en}"
    );
    assert!(en.contains("built-in"), "{en}");
}

#[test]
fn home_files_override_by_id_and_bad_ones_only_warn() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("criteria/frameworks");
    std::fs::create_dir_all(&dir).unwrap();
    let mut f = Catalog::embedded()
        .framework("db31t598")
        .unwrap()
        .doc
        .clone();
    f.edition = "2099-office".into();
    std::fs::write(
        dir.join("db31t598.json"),
        serde_json::to_string_pretty(&f).unwrap(),
    )
    .unwrap();
    std::fs::copy(
        fixtures().join("good/mini-framework.json"),
        dir.join("mini.json"),
    )
    .unwrap();
    std::fs::copy(
        fixtures().join("bad/items-sum.json"),
        dir.join("broken.json"),
    )
    .unwrap();

    let out = scorebook(home.path())
        .args(["--lang", "en", "criteria", "list"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    let db = text.lines().find(|l| l.contains("db31t598")).unwrap();
    assert!(
        db.contains("2099-office") && db.contains("db31t598.json"),
        "{db}"
    );
    assert!(text.contains("mini-2024"), "{text}");
    assert!(
        err.contains("criteria/frameworks/broken.json:78: $.categories[0].points: items add up to 55, category A declares 60"),
        "{err}"
    );
}

#[test]
fn show_prints_the_tree_and_the_programme() {
    let home = tempfile::tempdir().unwrap();
    let tree = stdout(scorebook(home.path()).args(["criteria", "show", "gbt19580-2012"]));
    assert!(tree.contains("4.1 领导  110 分"), "{tree}");
    assert!(tree.contains("4.1.2  高层领导的作用"), "{tree}");
    assert!(tree.contains("过程 17，结果 6"), "{tree}");
    assert!(tree.contains("评分区间"), "{tree}");

    let db = stdout(scorebook(home.path()).args(["--lang", "en", "criteria", "show", "db31t598"]));
    assert!(db.contains("PROVISIONAL"), "{db}");

    let p = stdout(scorebook(home.path()).args(["criteria", "show", "jinshan-2023"]));
    for track in [
        "mayor-model",
        "mayor-achievement",
        "gold-model",
        "gold-achievement",
    ] {
        assert!(p.contains(track), "{p}");
    }
    assert!(p.contains("资格审查") && p.contains("现场评审"), "{p}");
    // The decision is the office's stage, and the ranking policy is stated with its source.
    assert!(p.contains("5. 审定公示 [区审定办]"), "{p}");
    assert!(p.contains("排序规则: 按奖项类别分别排序"), "{p}");
    let tree_en =
        stdout(scorebook(home.path()).args(["--lang", "en", "criteria", "show", "gbt19580-2012"]));
    assert!(
        tree_en.contains(
            "structure and points: official; wording: paraphrased, not the standard's text"
        ),
        "{tree_en}"
    );
    let quotas: Vec<&str> = p
        .lines()
        .filter(|l| l.contains("-model") || l.contains("-achievement"))
        .collect();
    assert_eq!(quotas.len(), 4, "{p}");
}

#[test]
fn show_json_is_the_full_loaded_document() {
    let home = tempfile::tempdir().unwrap();
    let catalog = Catalog::embedded();
    let json = stdout(scorebook(home.path()).args(["criteria", "show", "gbt19580-2012", "--json"]));
    let f: Framework = serde_json::from_str(&json).unwrap();
    let loaded = catalog.framework("gbt19580-2012").unwrap();
    assert_eq!(f, loaded.doc);
    assert_eq!(content_hash(&f), loaded.hash);
    let json = stdout(scorebook(home.path()).args(["criteria", "show", "jinshan-2023", "--json"]));
    let p: Program = serde_json::from_str(&json).unwrap();
    assert_eq!(p, catalog.program("jinshan-2023").unwrap().doc);
}

#[test]
fn show_unknown_id_fails_and_names_the_known_ones() {
    let home = tempfile::tempdir().unwrap();
    scorebook(home.path())
        .args(["--lang", "en", "criteria", "show", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("gbt19580-2012"));
}

#[test]
fn check_accepts_the_shipped_files_and_a_new_edition() {
    let home = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = stdout(
        scorebook(home.path())
            .current_dir(root)
            .args(["--lang", "en", "criteria", "check"])
            .arg("criteria/frameworks/gbt19580-2012.json")
            .arg("criteria/frameworks/db31t598.json")
            .arg("criteria/programs/jinshan-2023.json")
            .arg(fixtures().join("good/mini-framework.json")),
    );
    assert_eq!(
        out.lines().filter(|l| l.starts_with("ok  ")).count(),
        4,
        "{out}"
    );
    assert!(
        out.contains(
            "framework gbt19580-2012 (2012, official structure, paraphrased), 23 items, 1000 points"
        ),
        "{out}"
    );
}

#[test]
fn a_programme_may_name_a_framework_checked_with_it() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Catalog::embedded()
        .program("jinshan-2023")
        .unwrap()
        .doc
        .clone();
    p.id = "mini-town-2024".into();
    for t in &mut p.tracks {
        t.framework = "mini-2024".into();
    }
    let file = home.path().join("town.json");
    std::fs::write(&file, serde_json::to_string_pretty(&p).unwrap()).unwrap();
    scorebook(home.path())
        .args(["--lang", "en", "criteria", "check"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "$.tracks[0].framework: no framework with id \"mini-2024\" is known",
        ));
    scorebook(home.path())
        .args(["--lang", "en", "criteria", "check"])
        .arg(&file)
        .arg(fixtures().join("good/mini-framework.json"))
        .assert()
        .success();
}

/// Every bad file, with what the check must say about it (file:line: path: problem).
const BAD: &[(&str, &[&str])] = &[
    (
        "malformed.json",
        &[":5: $: malformed JSON: key must be a string"],
    ),
    (
        "bom.json",
        &[":1: $: the file starts with a UTF-8 byte-order mark (BOM)"],
    ),
    (
        "not-utf8.json",
        &[":9: $: the file is not UTF-8 text (invalid byte at offset 204)"],
    ),
    (
        "binary.json",
        &[":3: $: the file is binary (NUL byte at offset 8), not JSON"],
    ),
    ("empty.json", &[": $: the file is empty"]),
    (
        "deep.json",
        &[":1: $: JSON nested too deeply (more than 128 levels)"],
    ),
    (
        "wrong-type.json",
        &[":119: $.categories[0].items[1].points: invalid type: string \"40\", expected u32"],
    ),
    (
        "unknown-field.json",
        &[":154: $.categories[1].items[0].weight: unknown field `weight`"],
    ),
    (
        "unknown-format.json",
        &[":2: $.format: format \"scorebook-framework/2\" is neither"],
    ),
    ("duplicate-key.json", &[":6: $: duplicate field `edition`"]),
    (
        "duplicate-item.json",
        &[
            ":146: $.categories[1].items[0].code: item code \"A.1\" appears twice (first at $.categories[0].items[0].code)",
        ],
    ),
    (
        "duplicate-label.json",
        &[
            ":101: $.categories[0].items[0].requirements[1].label: requirement label \"a\" appears twice",
        ],
    ),
    (
        "items-sum.json",
        &[":78: $.categories[0].points: items add up to 55, category A declares 60"],
    ),
    (
        "total.json",
        &[":15: $.total_points: categories add up to 100, total_points declares 1000"],
    ),
    (
        "band-gap.json",
        &[":45: $.bands: percents 50–55 in no band (gap)"],
    ),
    (
        "band-overlap.json",
        &[":58: $.bands[1]: percents 40–45 in this band and in band 0 (overlap)"],
    ),
    (
        "band-off-step.json",
        &[":48: $.bands[0].max: band edge 47 is not on the step of 5"],
    ),
    (
        "step-zero.json",
        &[":16: $.percent_step: percent_step 0 must be above 0 and divide 100"],
    ),
    (
        "empty-text.json",
        &[":104: $.categories[0].items[0].requirements[1].tag.en: en text is empty"],
    ),
    (
        "many-errors.json",
        &[
            ":8: $.title.zh: zh text is empty",
            ":15: $.total_points: categories add up to 110, total_points declares 100",
            ":45: $.bands: percent 45 in no band (gap)",
            ":78: $.categories[0].points: items add up to 60, category A declares 70",
        ],
    ),
    (
        "program-unknown-framework.json",
        &[":64: $.tracks[2].framework: no framework with id \"gbt19580-2024\" is known"],
    ),
    (
        "program-negative-quota.json",
        &[":53: $.tracks[1].quota: quota -2 is below zero"],
    ),
    (
        "program-unknown-award.json",
        &[":70: $.tracks[3].award: no award with id \"silver\" in this programme"],
    ),
    (
        "program-duplicate-condition.json",
        &[":245: $.exclusions[1].id: condition id \"org-registered-3y\" appears twice"],
    ),
    (
        "program-bad-kind.json",
        &[":39: $.tracks[0].applicant_kind: unknown variant `company`"],
    ),
];

#[test]
fn every_bad_file_fails_with_its_error() {
    let home = tempfile::tempdir().unwrap();
    let listed: Vec<String> = std::fs::read_dir(fixtures().join("bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(listed.len(), BAD.len(), "every fixture has an expectation");
    for (name, expected) in BAD {
        let path = fixtures().join("bad").join(name);
        let out = scorebook(home.path())
            .args(["--lang", "en", "criteria", "check"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = String::from_utf8(out.stderr).unwrap();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), expected.len(), "{name}: {err}");
        for (line, want) in lines.iter().zip(expected.iter()) {
            let want = format!("{}{want}", path.display());
            assert!(
                line.starts_with(&want),
                "{name}:\n got  {line}\n want {want}"
            );
        }
    }
}

#[test]
fn all_bad_files_at_once_report_every_error_and_keep_going() {
    let home = tempfile::tempdir().unwrap();
    let out = scorebook(home.path())
        .args(["--lang", "en", "criteria", "check"])
        .arg(fixtures().join("good/mini-framework.json"))
        .args(
            BAD.iter()
                .map(|(name, _)| fixtures().join("bad").join(name)),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().filter(|l| l.starts_with("ok  ")).count(),
        1,
        "{text}"
    );
    assert_eq!(
        text.lines().filter(|l| l.starts_with("FAILED  ")).count(),
        BAD.len(),
        "{text}"
    );
    let errors = String::from_utf8(out.stderr).unwrap();
    let expected: usize = BAD.iter().map(|(_, e)| e.len()).sum();
    assert_eq!(errors.lines().count(), expected, "{errors}");
}

#[test]
fn huge_files_are_refused_without_being_parsed() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("huge.json");
    let mut text = String::from("{\"format\": \"scorebook-framework/1\", \"pad\": \"");
    text.push_str(&"x".repeat(9 * 1024 * 1024));
    text.push_str("\"}");
    std::fs::write(&file, text).unwrap();
    scorebook(home.path())
        .args(["--lang", "en", "criteria", "check"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("above the limit of 8388608 bytes"));
}

#[test]
fn check_speaks_chinese_by_default() {
    let home = tempfile::tempdir().unwrap();
    scorebook(home.path())
        .args(["criteria", "check"])
        .arg(fixtures().join("bad/items-sum.json"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("错误"))
        .stderr(predicate::str::contains(
            "条款分值合计 55，类目 A 声明为 60",
        ));
}

#[test]
fn help_follows_the_language() {
    let home = tempfile::tempdir().unwrap();
    scorebook(home.path())
        .args(["criteria", "check", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("用法：").and(predicate::str::contains("检查准则文件")));
    scorebook(home.path())
        .args(["--lang", "en", "criteria", "--help"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Usage:").and(predicate::str::contains("List the frameworks")),
        );
    scorebook(home.path())
        .env("LANG", "en_US.UTF-8")
        .args(["criteria", "show", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Print the full loaded document as JSON",
        ));
}

/// A folder given as a criteria file is named as not a regular file, in the interface language.
#[test]
fn check_on_a_folder_says_not_a_regular_file_in_both_languages() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("准则");
    std::fs::create_dir_all(&dir).unwrap();
    scorebook(home.path())
        .args(["--lang", "zh", "criteria", "check"])
        .arg(&dir)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("不是普通文件"))
        .stderr(predicate::str::contains("not a regular file").not());
    scorebook(home.path())
        .args(["--lang", "en", "criteria", "check"])
        .arg(&dir)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a regular file"));
}

#[test]
fn check_validates_comment_check_word_lists_with_path_and_line() {
    let home = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = stdout(scorebook(home.path()).current_dir(root).args([
        "--lang",
        "en",
        "criteria",
        "check",
        "criteria/comment-check.json",
    ]));
    assert!(
        out.starts_with("ok  criteria/comment-check.json  comment-check word lists: "),
        "{out}"
    );
    // A bad override: a word that is not a string, thresholds out of order.
    let bad = home.path().join("comment-check.json");
    let mut doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("criteria/comment-check.json")).unwrap(),
    )
    .unwrap();
    doc["low_percent"] = serde_json::json!(80);
    std::fs::write(&bad, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let out = scorebook(home.path())
        .args(["--lang", "en", "criteria", "check"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let line = serde_json::to_string_pretty(&doc)
        .unwrap()
        .lines()
        .position(|l| l.contains("\"low_percent\""))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            ":{line}: $.low_percent: must be below high_percent"
        )),
        "{err}"
    );
    std::fs::write(
        &bad,
        "{\n  \"format\": \"scorebook-comment-check/1\",\n  \"verdict\": [\"很好\", 3]\n}\n",
    )
    .unwrap();
    let out = scorebook(home.path())
        .args(["criteria", "check"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("comment-check.json:3: $.verdict[1]"), "{err}");
}
