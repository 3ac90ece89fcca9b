//! Issue 12, "nothing forged on screen", and the field checks of issues 9 and 12, through the
//! command line: names from files never reach the terminal raw; `key new` refuses a name with
//! control characters; `rank` refuses an edited `panel.json`; every field fault, decimal
//! spelling and classification has its own stable code.

use scorebook::testkit::sheet as fixture;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

use scorebook::canonical;
use scorebook::framework::Percent;
use scorebook::identity::MemberInfo;
use scorebook::panel::{Exclusion, Role, Roster, RosterMember};
use scorebook::program::Catalog;
use scorebook::review::demo::demo_applicant;
use scorebook::review::{ConflictDeclaration, Stage};
use scorebook::sheet::{DocumentKind, VerifyError, sign_document};

const ESC: char = '\u{1b}';

fn sb(home: &Path) -> Command {
    let mut c = Command::cargo_bin("scorebook").unwrap();
    c.arg("--home").arg(home).arg("--lang").arg("en");
    c
}

fn home() -> TempDir {
    TempDir::new().unwrap()
}

/// The demo applicant as `A1`, named `applicant`, scored on every item of GB/T 19580: its
/// document-review sheet signed by fixture key `n` under the reviewer name `reviewer`.
fn sheet(n: u8, reviewer: &str, applicant: &str) -> Vec<u8> {
    let catalog = Catalog::embedded();
    let fw = catalog.framework("gbt19580-2012").unwrap();
    let program = catalog.program("jinshan-2023").unwrap();
    let mut a = demo_applicant(&fw.hash, "2026-11-25T09:00:00Z").unwrap();
    a.id = "A1".into();
    a.demo = false;
    a.name = applicant.into();
    a.conflict = ConflictDeclaration::NoConflict {
        declared_at: "2026-11-25T09:00:00+08:00".into(),
    };
    for (i, (_, item)) in fw.doc.items().enumerate() {
        let pct = 30 + (i as u32 % 8) * 5 + u32::from(n) * 5;
        a.document
            .items
            .entry(item.code.clone())
            .or_default()
            .percent = Some(Percent::new(pct, fw.doc.percent_step).unwrap());
    }
    let key = fixture::key(n);
    let mut meta = fixture::meta(&key, false);
    meta.reviewer.name = reviewer.into();
    let s = scorebook::sheet::build(&a, Stage::DocumentReview, fw, program, meta).unwrap();
    scorebook::sheet::sign_sheet(&s, &key).unwrap()
}

/// A leader's home (key `组长`) and a work folder holding the roster they started.
fn leader_with_roster() -> (TempDir, TempDir, PathBuf) {
    let leader = home();
    let work = TempDir::new().unwrap();
    sb(leader.path())
        .args(["key", "new", "--name", "组长"])
        .assert()
        .success();
    let roster = work.path().join("roster.json");
    sb(leader.path())
        .args([
            "roster",
            "new",
            "--program",
            "jinshan-2023",
            "--round",
            "2025",
            "-o",
        ])
        .arg(&roster)
        .assert()
        .success();
    (leader, work, roster)
}

/// The fixture sheet with its payload edited and signed again by the same key, so only the
/// content checks can catch the fault.
fn resigned(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let file = sheet(1, "王评审", "上海金山示范制造有限公司");
    let v = scorebook::sheet::verify_document(&file).unwrap();
    let mut payload: Value = serde_json::from_slice(&v.payload).unwrap();
    edit(&mut payload);
    let bytes = canonical::to_canonical(&payload).unwrap();
    sign_document(
        DocumentKind::ScoreSheet.payload_type(),
        &bytes,
        &fixture::key(1),
    )
    .unwrap()
}

fn no_escape(what: &str, out: &[u8]) {
    let text = String::from_utf8_lossy(out);
    assert!(
        !text.contains(ESC) && !text.contains('\u{7}') && !text.contains('\u{9b}'),
        "{what} printed a raw control character: {text:?}"
    );
}

fn member_file(dir: &Path, n: u8, name: &str) -> PathBuf {
    let info = MemberInfo::new(name, &fixture::key(n).verifying_key());
    let path = dir.join(format!("member-{n}.json"));
    fs::write(&path, serde_json::to_vec_pretty(&info).unwrap()).unwrap();
    path
}

#[test]
fn names_from_files_never_reach_the_terminal_raw() {
    let (leader, work, roster) = leader_with_roster();
    // A member whose name, as the leader received it, ends in a sequence that erases the line.
    let forged_member = format!("李四{ESC}[2K{ESC}[1G王五 0000 0000 0000 0000");
    let add = sb(leader.path())
        .args(["roster", "add"])
        .arg(&roster)
        .arg(member_file(work.path(), 1, &forged_member))
        .assert()
        .success();
    no_escape("roster add", &add.get_output().stdout);
    let show = sb(leader.path())
        .args(["roster", "show"])
        .arg(&roster)
        .assert()
        .success();
    no_escape("roster show", &show.get_output().stdout);
    assert!(String::from_utf8_lossy(&show.get_output().stdout).contains("\\u{1b}[2K"));

    // A sheet whose reviewer name hides what follows, and an applicant name that sets the
    // terminal's title.
    let sheets = work.path().join("sheets");
    fs::create_dir_all(&sheets).unwrap();
    let file = sheets.join("a1.sheet.json");
    fs::write(
        &file,
        sheet(
            1,
            &format!("王评审{ESC}[8m"),
            &format!("示范{ESC}]0;pwned\u{7}公司"),
        ),
    )
    .unwrap();
    let verify = sb(leader.path())
        .arg("verify")
        .arg(&file)
        .assert()
        .success();
    let out = String::from_utf8_lossy(&verify.get_output().stdout).into_owned();
    no_escape("verify", out.as_bytes());
    assert!(out.contains("王评审\\u{1b}[8m"), "{out}");
    let fingerprint = MemberInfo::new("x", &fixture::key(1).verifying_key()).fingerprint;
    assert!(
        out.contains(&fingerprint),
        "the signer's fingerprint is shown: {out}"
    );
    let json = sb(leader.path())
        .args(["verify", "--json"])
        .arg(&file)
        .assert()
        .success();
    no_escape("verify --json", &json.get_output().stdout);

    let out_dir = work.path().join("out");
    let merge = sb(leader.path())
        .args(["merge", "--roster"])
        .arg(&roster)
        .arg(&sheets)
        .arg("-o")
        .arg(&out_dir)
        .assert()
        .success();
    no_escape("merge", &merge.get_output().stdout);
    no_escape("merge (stderr)", &merge.get_output().stderr);
    let rank = sb(leader.path())
        .arg("rank")
        .arg(&out_dir)
        .assert()
        .success();
    no_escape("rank", &rank.get_output().stdout);
    assert!(
        String::from_utf8_lossy(&rank.get_output().stderr)
            .contains("recomputed from 1 signed sheets"),
        "{}",
        String::from_utf8_lossy(&rank.get_output().stderr)
    );
}

#[test]
fn key_new_refuses_control_characters() {
    let h = TempDir::new().unwrap();
    for name in [
        format!("张三{ESC}[31m"),
        "张三\r李四".to_string(),
        "张三\u{202e}四李".to_string(),
    ] {
        let out = sb(h.path())
            .args(["key", "new", "--name", &name])
            .assert()
            .code(2);
        let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(err.contains("control character"), "{err}");
        no_escape("key new", err.as_bytes());
    }
    assert!(!h.path().join("keys").exists(), "no key was made");
    sb(h.path())
        .args(["key", "new", "--name", "张三"])
        .assert()
        .success();
}

/// A merge folder of three members' sheets for the fixture applicant.
fn merged() -> (TempDir, TempDir, PathBuf) {
    let (leader, work, roster) = leader_with_roster();
    let sheets = work.path().join("sheets");
    fs::create_dir_all(&sheets).unwrap();
    for (n, name) in [(1, "王评审"), (2, "李评审"), (3, "赵评审")] {
        sb(leader.path())
            .args(["roster", "add"])
            .arg(&roster)
            .arg(member_file(work.path(), n, name))
            .assert()
            .success();
        fs::write(
            sheets.join(format!("{n}.sheet.json")),
            sheet(n, name, "上海金山示范制造有限公司"),
        )
        .unwrap();
    }
    let out = work.path().join("out");
    sb(leader.path())
        .args(["merge", "--roster"])
        .arg(&roster)
        .arg(&sheets)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    (leader, work, out)
}

fn edit_panel(out: &Path, edit: impl FnOnce(&mut Value)) {
    let path = out.join("panel.json");
    let mut v: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    edit(&mut v);
    fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
}

#[test]
fn rank_refuses_an_edited_panel_and_says_what_it_checked() {
    let (leader, _work, out) = merged();
    let ok = sb(leader.path()).arg("rank").arg(&out).assert().success();
    let said = String::from_utf8_lossy(&ok.get_output().stderr).into_owned();
    assert!(
        said.contains("recomputed from 3 signed sheets; panel.json agrees"),
        "{said}"
    );

    // Proposed by a forger: a total of 999 whose categories add up to less.
    let original: Value =
        serde_json::from_slice(&fs::read(out.join("panel.json")).unwrap()).unwrap();
    edit_panel(&out, |v| v["results"][0]["total"] = "999".into());
    let refused = sb(leader.path()).arg("rank").arg(&out).assert().code(2);
    let err = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert!(
        err.contains("panel.json was changed after the merge"),
        "{err}"
    );
    assert!(
        err.contains("the total is 999, but its categories add up to"),
        "{err}"
    );
    assert!(
        String::from_utf8_lossy(&refused.get_output().stdout).is_empty(),
        "nothing ranked"
    );

    // Consistent sums but not the sheets' figures: only the recompute can tell.
    fs::write(
        out.join("panel.json"),
        serde_json::to_vec_pretty(&original).unwrap(),
    )
    .unwrap();
    edit_panel(&out, |v| {
        let item = &mut v["results"][0]["items"][0];
        item["panel_percent"] = "100".into();
        let points = item["points"].as_u64().unwrap();
        let old: rust_decimal::Decimal = item["panel_score"].as_str().unwrap().parse().unwrap();
        let new = rust_decimal::Decimal::from(points);
        item["panel_score"] = new.to_string().into();
        let delta = new - old;
        let cat = &mut v["results"][0]["categories"][0]["score"];
        let c: rust_decimal::Decimal = cat.as_str().unwrap().parse().unwrap();
        *cat = (c + delta).normalize().to_string().into();
        let total = &mut v["results"][0]["total"];
        let t: rust_decimal::Decimal = total.as_str().unwrap().parse().unwrap();
        *total = (t + delta).normalize().to_string().into();
    });
    let refused = sb(leader.path()).arg("rank").arg(&out).assert().code(2);
    let err = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert!(
        err.contains("differs from a merge of the signed sheets"),
        "{err}"
    );

    // Without the sheet copies the sums are still checked, and rank says it only checked.
    fs::remove_dir_all(out.join("sheets")).unwrap();
    let checked = sb(leader.path()).arg("rank").arg(&out).assert().success();
    let said = String::from_utf8_lossy(&checked.get_output().stderr).into_owned();
    assert!(said.contains("nothing was recomputed"), "{said}");
    fs::write(
        out.join("panel.json"),
        serde_json::to_vec_pretty(&original).unwrap(),
    )
    .unwrap();
    edit_panel(&out, |v| v["results"][0]["total"] = "999".into());
    sb(leader.path()).arg("rank").arg(&out).assert().code(2);
    // A source hash that is not a counted input.
    fs::write(
        out.join("panel.json"),
        serde_json::to_vec_pretty(&original).unwrap(),
    )
    .unwrap();
    edit_panel(&out, |v| {
        v["results"][0]["sources"][0] = "0".repeat(64).into()
    });
    let refused = sb(leader.path()).arg("rank").arg(&out).assert().code(2);
    let err = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert!(err.contains("is not a counted input"), "{err}");
}

fn codes(home: &Path, files: &[Vec<u8>]) -> Vec<String> {
    let dir = TempDir::new().unwrap();
    let paths: Vec<PathBuf> = files
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let p = dir.path().join(format!("{i:02}.sheet.json"));
            fs::write(&p, b).unwrap();
            p
        })
        .collect();
    let out = sb(home)
        .args(["verify", "--json"])
        .args(&paths)
        .assert()
        .code(1);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["error"].as_str().unwrap_or("valid").to_string())
        .collect()
}

#[test]
fn every_field_is_checked_to_its_type_with_its_own_code() {
    let h = home();
    let catalog = Catalog::embedded();
    let fw = &catalog.framework("gbt19580-2012").unwrap().doc;
    let first = fw.items().next().unwrap().1.requirements[0].label.clone();
    let comment = |labels: &[&str]| serde_json::json!([{"evidence": "申报材料第3页", "requirements": labels, "text": "有证据"}]);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "bad-time",
            resigned(|p| p["conflict"]["declared_at"] = "not a time".into()),
        ),
        (
            "bad-time",
            resigned(|p| p["created_at"] = "yesterday".into()),
        ),
        (
            "empty-field",
            resigned(|p| p["applicant"]["id"] = "".into()),
        ),
        (
            "empty-field",
            resigned(|p| p["applicant"]["name"] = "  ".into()),
        ),
        (
            "empty-field",
            resigned(|p| p["reviewer"]["name"] = "".into()),
        ),
        (
            "unknown-requirement",
            resigned(|p| p["items"][0]["strengths"] = comment(&["z"])),
        ),
        (
            "duplicate-requirement",
            resigned(|p| p["items"][0]["ofis"] = comment(&[&first, &first])),
        ),
    ];
    let files: Vec<Vec<u8>> = cases.iter().map(|(_, f)| f.clone()).collect();
    let got = codes(h.path(), &files);
    let want: Vec<&str> = cases.iter().map(|(c, _)| *c).collect();
    assert_eq!(got, want);
}

#[test]
fn every_decimal_has_one_spelling() {
    let h = home();
    let score = |p: &Value| p["items"][1]["score"].as_str().unwrap().to_string();
    let base = resigned(|_| {});
    let v = scorebook::sheet::verify_document(&base).unwrap();
    let s = score(&serde_json::from_slice(&v.payload).unwrap());
    assert!(!s.contains('.') || !s.ends_with('0'));
    let with_fraction = if s.contains('.') {
        format!("{s}0")
    } else {
        format!("{s}.0")
    };
    let variants = [
        format!("+{s}"),
        format!("{s}e0"),
        format!("0{s}"),
        with_fraction,
    ];
    let mut files: Vec<Vec<u8>> = variants
        .iter()
        .map(|spelling| {
            let spelling = spelling.clone();
            resigned(move |p| p["items"][1]["score"] = spelling.into())
        })
        .collect();
    files.push(resigned(|p| p["total"] = "-0".into()));
    files.push(resigned(|p| {
        let c = p["categories"][0]["score"].as_str().unwrap().to_string();
        let padded = if c.contains('.') {
            format!("{c}0")
        } else {
            format!("{c}.0")
        };
        p["categories"][0]["score"] = padded.into();
    }));
    let got = codes(h.path(), &files);
    assert!(got.iter().all(|c| c == "not-canonical"), "{got:?}");
    // The original spelling verifies.
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("ok.sheet.json");
    fs::write(&p, &base).unwrap();
    sb(h.path()).arg("verify").arg(&p).assert().success();
}

#[test]
fn the_document_lists_every_code_verify_gives() {
    let doc = fs::read_to_string("docs/sheet-format.md").unwrap();
    let start = doc
        .find("Every code `verify` can give, for scripts:")
        .expect("the list is in §8");
    let list = doc.get(start..).unwrap();
    let list = list
        .get(..list.find("`tests/cli_strict.rs`").unwrap())
        .unwrap();
    let listed: std::collections::BTreeSet<&str> = list
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| *s != "verify")
        .collect();
    let mut program: std::collections::BTreeSet<&str> =
        VerifyError::CODES.iter().copied().collect();
    // Refused by the command before the verifier reads the content.
    program.extend(["directory", "unreadable", "bom"]);
    // A sealed file that does not open (docs/security.md §3).
    program.extend([
        "sealed-for-another",
        "sealed-no-key",
        "sealed-key-locked",
        "sealed-wrong-passphrase",
        "sealed-key-unusable",
        "sealed-identity-file",
        "sealed-damaged",
    ]);
    assert_eq!(listed, program);
    // Each listed code also appears in the steps above the list.
    let steps = doc.get(doc.find("## 8.").unwrap()..start).unwrap();
    for code in &listed {
        assert!(
            steps.contains(&format!("`{code}`")),
            "{code} is not in a step of §8"
        );
    }
}

#[test]
fn invalid_and_not_a_sheet_follow_the_panel_format() {
    let catalog = Catalog::embedded();
    let file = sheet(1, "王评审", "上海金山示范制造有限公司");
    let classify = |bytes: &[u8]| scorebook::panel::check("x".into(), bytes, &catalog).outcome;
    assert!(classify(&file).is_ok());
    let mut resaved = file.clone();
    resaved.push(b'\n');
    let pretty =
        serde_json::to_vec_pretty(&serde_json::from_slice::<Value>(&file).unwrap()).unwrap();
    let mut tampered = String::from_utf8(file.clone()).unwrap();
    tampered = tampered.replacen("王评审", "张评审", 1);
    for (what, bytes) in [
        ("a trailing newline", resaved),
        ("pretty-printed", pretty),
        // Cut on a character boundary: a cut inside a UTF-8 character is not-UTF-8 text.
        ("cut short", {
            let text = std::str::from_utf8(&file).unwrap();
            let half = (0..=file.len() / 2)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            file[..half].to_vec()
        }),
        ("edited", tampered.into_bytes()),
    ] {
        assert!(
            matches!(classify(&bytes), Err(Exclusion::Invalid { .. })),
            "{what}: {:?}",
            classify(&bytes)
        );
    }
    let roster = {
        let leader = fixture::key(9);
        let r = Roster::new(
            "test-program",
            "2025",
            RosterMember {
                role: Role::Leader,
                ..RosterMember::from(&MemberInfo::new("组长", &leader.verifying_key()))
            },
            "2026-11-20T09:00:00+08:00",
        );
        scorebook::panel::roster::sign_roster(&r, &leader).unwrap()
    };
    for (what, bytes) in [
        ("settings", br#"{"theme":"dark"}"#.to_vec()),
        ("text", b"hello".to_vec()),
        ("empty", Vec::new()),
        ("binary", vec![0, 159, 146, 150]),
        ("a list", b"[1,2]".to_vec()),
        ("a roster", roster),
    ] {
        assert!(
            matches!(classify(&bytes), Err(Exclusion::NotASheet { .. })),
            "{what}: {:?}",
            classify(&bytes)
        );
    }
}

#[test]
fn a_roster_with_a_garbage_time_is_refused() {
    let leader = fixture::key(9);
    let r = Roster::new(
        "test-program",
        "2025",
        RosterMember {
            role: Role::Leader,
            ..RosterMember::from(&MemberInfo::new("组长", &leader.verifying_key()))
        },
        "garbage",
    );
    let payload = canonical::to_canonical(&r).unwrap();
    let bytes = sign_document(DocumentKind::Roster.payload_type(), &payload, &leader).unwrap();
    let err = scorebook::panel::roster::verify_roster(&bytes).unwrap_err();
    assert_eq!(err.code(), "bad-time");
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("roster.json");
    fs::write(&path, &bytes).unwrap();
    let out = sb(dir.path())
        .args(["roster", "show"])
        .arg(&path)
        .assert()
        .code(2);
    let text = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        text.contains("created_at is not an RFC 3339 time"),
        "{text}"
    );
}
