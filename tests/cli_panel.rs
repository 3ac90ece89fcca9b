//! The group leader's flow end to end, each person in their own temp home: keys, roster, signed
//! sheets, merge (with tampered, foreign and non-sheet files in the folder), rank, consensus
//! export and a second merge that uses it; and the bad inputs, each named with its reason.

use scorebook::testkit::cli;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use tempfile::TempDir;

use scorebook::framework::Percent;
use scorebook::lang::Lang;
use scorebook::panel::PanelResult;
use scorebook::program::Catalog;
use scorebook::review::demo::demo_applicant;
use scorebook::tui::action::Action;
use scorebook::tui::consensus;
use scorebook::tui::update::update;
use scorebook::workspace::{AtRest, Workspace};

fn sb(home: &Path) -> Command {
    let mut c = Command::cargo_bin("scorebook").unwrap();
    c.arg("--home").arg(home).arg("--lang").arg("en");
    c
}

struct Person {
    home: TempDir,
    name: String,
}

/// A reviewer with a key made by `scorebook key new` in their own home.
fn person(name: &str) -> Person {
    let home = TempDir::new().unwrap();
    sb(home.path())
        .args(["key", "new", "--name", name])
        .assert()
        .success();
    Person {
        home,
        name: name.into(),
    }
}

/// The person's member file: what `scorebook key show --json` prints.
fn member_file(p: &Person, dir: &Path) -> PathBuf {
    let out = sb(p.home.path())
        .args(["key", "show", "--json"])
        .assert()
        .success();
    let path = dir.join(format!("{}.json", p.name));
    fs::write(&path, &out.get_output().stdout).unwrap();
    path
}

/// Puts the demo applicant, as `A1`, scored on every item at `base` + 0/5/10 by item, in the
/// person's workspace and exports its document-review sheet with `scorebook export`.
fn export(p: &Person, base: u32, out: &Path) -> Vec<u8> {
    let catalog = Catalog::embedded();
    let fw = catalog.framework("gbt19580-2012").unwrap();
    let mut a = demo_applicant(&fw.hash, "2026-11-25T09:00:00Z").unwrap();
    a.id = "A1".into();
    a.demo = false;
    for (n, (_, item)) in fw.doc.items().enumerate() {
        let pct = (base + (n as u32 % 3) * 5).min(100);
        let entry = a.document.items.entry(item.code.clone()).or_default();
        entry.percent = Some(Percent::new(pct, fw.doc.percent_step).unwrap());
    }
    {
        let (mut ws, _) = Workspace::open(p.home.path()).unwrap();
        ws.save_applicant(&a).unwrap();
    }
    sb(p.home.path())
        .args(["export", "A1", "--stage", "document", "-o"])
        .arg(out)
        .assert()
        .success();
    fs::read(out).unwrap()
}

fn panel(out: &Path) -> PanelResult {
    serde_json::from_slice(&fs::read(out.join("panel.json")).unwrap()).unwrap()
}

#[test]
fn leader_flow_with_bad_files_named() {
    let leader = person("王组长");
    let m1 = person("李专家");
    let m2 = person("张专家");
    let trainee = person("赵见习");
    let stranger = person("陌生人");
    let work = TempDir::new().unwrap();
    let w = work.path();
    let roster = w.join("roster.json");

    sb(leader.home.path())
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
        .success()
        .stdout(predicate::str::contains("王组长"));
    for (p, role) in [(&m1, "member"), (&m2, "member"), (&trainee, "trainee")] {
        sb(leader.home.path())
            .args(["roster", "add"])
            .arg(&roster)
            .arg(member_file(p, w))
            .args(["--role", role])
            .assert()
            .success();
    }
    // Adding the same key twice is refused, naming the member.
    sb(leader.home.path())
        .args(["roster", "add"])
        .arg(&roster)
        .arg(member_file(&m1, w))
        .assert()
        .failure()
        .stderr(predicate::str::contains("李专家"));
    // A member cannot re-sign the leader's roster.
    sb(m1.home.path())
        .args(["roster", "add"])
        .arg(&roster)
        .arg(member_file(&stranger, w))
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("not signed by its leader")
                .or(predicate::str::contains("not a leader")),
        );

    let sheets = w.join("sheets");
    fs::create_dir_all(sheets.join("old")).unwrap();
    export(&leader, 50, &sheets.join("leader.sheet.json"));
    export(&m1, 60, &sheets.join("old/m1-v1.sheet.json"));
    export(&m1, 70, &sheets.join("m1-v2.sheet.json"));
    let m2_bytes = export(&m2, 40, &sheets.join("m2.sheet.json"));
    export(&trainee, 0, &sheets.join("trainee.sheet.json"));
    export(&stranger, 90, &sheets.join("stranger.sheet.json"));
    // Tampered: one percent changed after signing.
    let text = String::from_utf8(m2_bytes.clone()).unwrap();
    let tampered = text.replacen("\"percent\":40", "\"percent\":95", 1);
    assert_ne!(text, tampered);
    fs::write(sheets.join("m2-tampered.sheet.json"), tampered).unwrap();
    fs::write(sheets.join("notes.txt"), "评审会议纪要").unwrap();

    let out = w.join("out");
    let merged = sb(leader.home.path())
        .arg("merge")
        .arg("--roster")
        .arg(&roster)
        .arg(&sheets)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8(merged.get_output().stdout.clone()).unwrap();
    for (file, why) in [
        ("m2-tampered.sheet.json", "invalid"),
        ("notes.txt", "not a sheet"),
        ("stranger.sheet.json", "not on the roster"),
        ("m1-v1.sheet.json", "superseded by version 2"),
    ] {
        let line = stdout
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file} not named in:\n{stdout}"));
        assert!(line.contains(why), "{file}: {line}");
    }
    assert!(stdout.contains("(mayor-model):"), "{stdout}");
    for f in [
        "panel.json",
        "roster.json",
        "scores.csv",
        "scores.xlsx",
        "report.html",
    ] {
        assert!(out.join(f).exists(), "{f} missing");
    }

    let p = panel(&out);
    assert_eq!(p.inputs.len(), 8);
    assert!(p.inputs.iter().all(|i| i.hash.len() == 64));
    let r = &p.results[0];
    // Counted: leader 50.., m1 v2 70.., m2 40..; trainee shown, not counted.
    assert_eq!(r.reviewers.len(), 4);
    assert!(r.items.iter().all(|i| i.n == 3 && i.percents.len() == 4));
    assert!(r.items.iter().all(|i| i.spread == 30 && i.divergent));
    // Median = the leader's percents: 50/55/60 by item.
    assert!(r.items[0].panel_percent == 50.into());

    sb(leader.home.path())
        .arg("rank")
        .arg(&out)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("A1")
                // the award and track by their titles in the programme, not their ids
                .and(predicate::str::contains(
                    "proposed: Jinshan District Mayor Quality Award",
                ))
                .and(predicate::str::contains("(mayor-model):")),
        );
    sb(leader.home.path())
        .arg("rank")
        .arg(&out)
        .args(["--min-total", "999"])
        .assert()
        .success()
        .stdout(predicate::str::contains("below the minimum"));

    // Consensus: agree every item at the median + one step, export, verify, merge again.
    let catalog = Catalog::embedded();
    let now = "2025-06-01T09:00:00+08:00";
    let (mut m, _) = consensus::load(&out, &catalog, Lang::En, &AtRest::plain()).unwrap();
    let n = m.consensus.as_ref().unwrap().panels[0].result.agenda.len();
    // From the heat map (the first screen) to the agenda.
    update(&mut m, Action::NextPane, now);
    for _ in 0..n {
        update(&mut m, Action::ScoreUp, now);
        update(&mut m, Action::EditRationale, now);
        update(&mut m, Action::Paste("合议一致".into()), now);
        update(&mut m, Action::Open, now);
        update(&mut m, Action::Agree, now);
    }
    // A member's key may not sign the consensus.
    let refused =
        consensus::export(&mut m, 0, &out, m1.home.path(), &catalog, &AtRest::plain()).unwrap_err();
    assert!(
        format!("{refused:#}").contains("only a leader"),
        "{refused:#}"
    );
    // The refusals speak the interface language: the leader reads Chinese.
    m.lang = Lang::Zh;
    let refused =
        consensus::export(&mut m, 0, &out, m1.home.path(), &catalog, &AtRest::plain()).unwrap_err();
    assert!(
        format!("{refused:#}").contains("只能由评审组名单上的评审组长签名"),
        "{refused:#}"
    );
    let keyless = TempDir::new().unwrap();
    let refused =
        consensus::export(&mut m, 0, &out, keyless.path(), &catalog, &AtRest::plain()).unwrap_err();
    assert!(
        format!("{refused:#}").contains("本机没有签名密钥"),
        "{refused:#}"
    );
    m.lang = Lang::En;
    let written = consensus::export(
        &mut m,
        0,
        &out,
        leader.home.path(),
        &catalog,
        &AtRest::plain(),
    )
    .unwrap();
    assert!(written.unconfirmed.is_empty(), "{:?}", written.unconfirmed);
    let path = written.path;
    assert!(path.ends_with("consensus-A1-document.sheet.json"));
    // `scorebook verify` checks the consensus sheet like any sheet, against the roster too.
    sb(leader.home.path())
        .arg("verify")
        .arg(&path)
        .arg("--roster")
        .arg(&roster)
        .assert()
        .success();
    // And the copies in the merge folder verify.
    let copies: Vec<PathBuf> = fs::read_dir(out.join("sheets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(copies.len(), 4);
    sb(leader.home.path())
        .arg("verify")
        .args(&copies)
        .assert()
        .success();

    let out2 = w.join("out2");
    sb(leader.home.path())
        .arg("merge")
        .arg("--roster")
        .arg(&roster)
        .arg(&sheets)
        .arg(&path)
        .arg("-o")
        .arg(&out2)
        .assert()
        .success();
    let p2 = panel(&out2);
    let r2 = &p2.results[0];
    assert!(r2.consensus_sheet.is_some());
    assert!(
        r2.items
            .iter()
            .all(|i| i.consensus == i.median.to_u8().map(|v| v + 5))
    );
    assert!(r2.total > r.total);

    // Issue 10: the same plain merge into OUT applies the consensus sheet exported there, and
    // says so.
    let again = sb(leader.home.path())
        .arg("merge")
        .arg("--roster")
        .arg(&roster)
        .arg(&sheets)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8(again.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("consensus sheets applied: 1"), "{stdout}");
    let p3 = panel(&out);
    assert_eq!(p3.results[0].consensus_sheet, r2.consensus_sheet);
    assert_eq!(p3.results[0].total, r2.total);

    // A member exporting again with nothing changed hands out the same signed file: the next
    // merge still applies the consensus and the screen keeps every agreed item.
    let again = export(&m2, 40, &sheets.join("m2-again.sheet.json"));
    assert_eq!(again, m2_bytes);
    sb(leader.home.path())
        .arg("merge")
        .arg("--roster")
        .arg(&roster)
        .arg(&sheets)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("consensus sheets applied: 1"));
    let (m, note) = consensus::load(&out, &catalog, Lang::En, &AtRest::plain()).unwrap();
    assert!(note.is_empty(), "{note}");
    assert!(
        m.consensus.as_ref().unwrap().panels[0]
            .draft
            .items
            .iter()
            .all(|i| i.agreed)
    );
}

#[test]
fn bad_rosters_and_empty_inputs_are_named() {
    let leader = person("王组长");
    let member = person("李专家");
    let work = TempDir::new().unwrap();
    let w = work.path();
    let roster = w.join("roster.json");
    cli::roster_new(sb(leader.home.path()), &roster);

    // Unknown programme.
    sb(leader.home.path())
        .args([
            "roster",
            "new",
            "--program",
            "nowhere-2099",
            "--round",
            "1",
            "-o",
        ])
        .arg(w.join("x.json"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("nowhere-2099"));
    // No key in the home.
    let keyless = TempDir::new().unwrap();
    sb(keyless.path())
        .args([
            "roster",
            "new",
            "--program",
            "jinshan-2023",
            "--round",
            "1",
            "-o",
        ])
        .arg(w.join("y.json"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("key new"));

    // A roster signed by someone who is not its leader.
    let forged = cli::forged_roster(&roster, member.home.path());
    let text = fs::read_to_string(&roster).unwrap();
    let forged_path = w.join("forged.json");
    fs::write(&forged_path, forged).unwrap();
    let empty = w.join("empty");
    fs::create_dir_all(&empty).unwrap();
    sb(leader.home.path())
        .arg("merge")
        .arg("--roster")
        .arg(&forged_path)
        .arg(&empty)
        .arg("-o")
        .arg(w.join("out"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("not signed by its leader"));
    // A tampered roster.
    let tampered_path = w.join("tampered.json");
    fs::write(&tampered_path, text.replace("2025", "2026")).unwrap();
    sb(leader.home.path())
        .arg("merge")
        .arg("--roster")
        .arg(&tampered_path)
        .arg(&empty)
        .arg("-o")
        .arg(w.join("out"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("signature"));
    // An empty folder: named, nothing written.
    sb(leader.home.path())
        .arg("merge")
        .arg("--roster")
        .arg(&roster)
        .arg(&empty)
        .arg("-o")
        .arg(w.join("out"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("folder has no files"))
        .stderr(predicate::str::contains("nothing written"));
    assert!(!w.join("out").join("panel.json").exists());
    // A sheet given as roster is refused as not a roster.
    sb(leader.home.path())
        .arg("rank")
        .arg(w.join("nowhere"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("panel.json"));
}

/// tmux drives the real binary (skipped where tmux is not installed).
struct Tmux {
    socket: String,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> std::process::Output {
        std::process::Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn screen(&self, session: &str) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", session]).stdout)
            .into_owned()
    }

    /// Up to 20 s for `text` to appear (a loaded machine starts a debug binary slowly).
    fn wait_for(&self, session: &str, text: &str) {
        for _ in 0..200 {
            if self.screen(session).contains(text) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("'{text}' never appeared:\n{}", self.screen(session));
    }

    fn keys(&self, session: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", session];
        args.extend_from_slice(keys);
        self.cmd(&args);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.cmd(&["kill-server"]);
    }
}

/// Issue 10: the consensus screen is the app's (heat map first, the app's text field), every
/// change reaches `consensus-draft.json` at once, and kill -9 in the middle of a session loses
/// nothing agreed; a second window on the folder opens read-only while the first edits.
#[test]
fn a_killed_consensus_window_loses_nothing_agreed() {
    let has_tmux = std::process::Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_tmux {
        eprintln!("skipped: tmux is not installed");
        return;
    }
    let leader = person("王组长");
    let m1 = person("李专家");
    let work = TempDir::new().unwrap();
    let w = work.path();
    let roster = w.join("roster.json");
    cli::roster_new(sb(leader.home.path()), &roster);
    sb(leader.home.path())
        .args(["roster", "add"])
        .arg(&roster)
        .arg(member_file(&m1, w))
        .args(["--role", "member"])
        .assert()
        .success();
    let sheets = w.join("sheets");
    fs::create_dir_all(&sheets).unwrap();
    export(&leader, 40, &sheets.join("leader.sheet.json"));
    export(&m1, 70, &sheets.join("m1.sheet.json"));
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

    let t = Tmux {
        socket: format!("scorebook-consensus-{}", std::process::id()),
    };
    let bin = env!("CARGO_BIN_EXE_scorebook");
    let start = |name: &str| {
        let pid = w.join(format!("pid.{name}"));
        let run = format!(
            "echo $$ > '{}'; exec '{bin}' --home '{}' --lang en consensus '{}'",
            pid.display(),
            leader.home.path().display(),
            out.display()
        );
        t.cmd(&[
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "120",
            "-y",
            "40",
            "sh",
            "-c",
            &run,
        ]);
        t.cmd(&["set-option", "-t", name, "remain-on-exit", "on"]);
        pid
    };
    let pid = start("one");
    t.wait_for("one", "Panel at a glance");
    // To the agenda, one step up, a rationale typed (Chinese and a paste), agreed.
    t.keys("one", &["Tab"]);
    t.wait_for("one", "Agenda");
    t.keys("one", &["Right", "r"]);
    t.wait_for("one", "Rationale");
    t.keys("one", &["-l", "现场核实"]);
    t.keys("one", &["-l", " agreed on site"]);
    t.keys("one", &["Enter"]);
    t.wait_for("one", "现场核实 agreed on site");
    t.keys("one", &["Enter"]);
    // A second window while the first edits: read-only, and says why.
    start("two");
    t.wait_for("two", "read-only");
    t.keys("two", &["q"]);

    let draft = out.join("consensus-draft.json");
    let agreed = || -> Option<(String, u8)> {
        let d: serde_json::Value = serde_json::from_slice(&fs::read(&draft).ok()?).ok()?;
        d["drafts"][0]["items"]
            .as_array()?
            .iter()
            .find(|i| i["agreed"] == true)
            .map(|i| {
                (
                    i["rationale"].as_str().unwrap_or_default().to_string(),
                    i["percent"].as_u64().unwrap_or(0) as u8,
                )
            })
    };
    for _ in 0..200 {
        if agreed().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let (rationale, percent) = agreed().expect("the agreed item is in the draft before any quit");
    assert_eq!(rationale, "现场核实 agreed on site");
    // kill -9, wait until the process is gone (and its lock with it), reopen.
    let pid: u32 = fs::read_to_string(&pid).unwrap().trim().parse().unwrap();
    std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    for _ in 0..400 {
        if !Path::new(&format!("/proc/{pid}")).exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    t.cmd(&["kill-session", "-t", "one"]);
    start("three");
    t.wait_for("three", "Panel at a glance");
    t.wait_for("three", &format!("{percent}%+"));
    assert!(
        !t.screen("three").contains("read-only"),
        "{}",
        t.screen("three")
    );
    t.keys("three", &["q"]);
    assert_eq!(agreed(), Some((rationale, percent)));
}
