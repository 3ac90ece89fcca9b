//! The overall evaluation's inputs (综合评价, 第十八条(五)) written on the consensus screen, end
//! to end: a site-stage merge against a round, the leader's consensus window writes the
//! distilled experience and a 公众评价 note with `E` (Tab between them), the folder keeps them in
//! `synthesis.json`, and the next run of the same merge command prints them in the applicant's
//! 综合评价报告. A member's key may not write them.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

use scorebook::lang::Lang;
use scorebook::program::Catalog;
use scorebook::review::Stage;
use scorebook::testkit::corpus;
use scorebook::tui::app::Host;
use scorebook::tui::consensus::{Folder, grant_synthesis, load};
use scorebook::tui::keymap::translate;
use scorebook::tui::model::{Model, Screen};
use scorebook::tui::update::{Effect, update};
use scorebook::workspace::AtRest;

const NOW: &str = "2026-12-01T09:00:00Z";
const EXPERIENCE: &str = "以顾客为中心的质量文化：高层领导每季度走访重点顾客";
const PUBLIC: &str = "网络公众评价满意度较高";

fn sb(home: &Path) -> Command {
    let mut c = Command::cargo_bin("scorebook").unwrap();
    c.arg("--home").arg(home).arg("--lang").arg("en");
    c
}

fn home_of(n: usize) -> TempDir {
    scorebook::testkit::cli::corpus_home(n)
}

fn key_of(n: usize) -> String {
    hex::encode(corpus::key(n).verifying_key().as_bytes())
}

fn key(m: &mut Model, code: KeyCode) -> Vec<Effect> {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    match translate(m, &ev) {
        Some(a) => update(m, a, NOW),
        None => Vec::new(),
    }
}

fn paste(m: &mut Model, text: &str) -> Vec<Effect> {
    update(m, scorebook::tui::action::Action::Paste(text.into()), NOW)
}

/// The consensus window on A00's site-stage result, on its consensus screen.
fn open_on_a00(out: &Path, public_key: &str) -> Model {
    let (mut m, _) = load(out, &Catalog::embedded(), Lang::Zh, &AtRest::plain()).unwrap();
    grant_synthesis(&mut m, out, public_key).unwrap();
    let c = m.consensus.as_deref_mut().unwrap();
    c.current = c
        .panels
        .iter()
        .position(|p| p.result.applicant_id == "A00" && p.result.stage == Stage::SiteReview)
        .unwrap();
    assert_eq!(m.screen, Screen::HeatMap);
    key(&mut m, KeyCode::Tab);
    assert_eq!(m.screen, Screen::Consensus);
    m
}

#[test]
fn text_written_on_the_consensus_screen_reaches_the_overall_report_at_the_next_merge() {
    let work = TempDir::new().unwrap();
    let w = work.path();
    let (round_path, sheets) = corpus::write_panel(w, Stage::SiteReview, |_| true);
    let out = w.join("out");
    let leader = home_of(0);
    let merge = || {
        sb(leader.path())
            .args(["merge", "--round"])
            .arg(&round_path)
            .arg(&sheets)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
    };
    merge();
    let report = out.join("overall-report-A00.html");
    assert!(!fs::read_to_string(&report).unwrap().contains(EXPERIENCE));

    // A member's key: the screen says who writes them, and nothing opens.
    let mut member = open_on_a00(&out, &key_of(1));
    key(&mut member, KeyCode::Char('E'));
    assert!(member.editor.is_none());

    // The leader: E, the experience; Tab, the public-evaluation note; Esc.
    let mut m = open_on_a00(&out, &key_of(0));
    let mut folder = Folder::new(&out, leader.path(), AtRest::plain());
    let mut fx = key(&mut m, KeyCode::Char('E'));
    fx.extend(paste(&mut m, EXPERIENCE));
    fx.extend(key(&mut m, KeyCode::Tab));
    fx.extend(paste(&mut m, PUBLIC));
    fx.extend(key(&mut m, KeyCode::Esc));
    assert!(m.editor.is_none());
    folder.run_effects(&mut m, fx);
    folder.settle(&mut m);
    let file = fs::read_to_string(out.join("synthesis.json")).unwrap();
    assert!(file.contains(EXPERIENCE) && file.contains(PUBLIC), "{file}");

    // The same merge command again: the overall evaluation report prints them.
    merge();
    let html = fs::read_to_string(&report).unwrap();
    assert!(html.contains(EXPERIENCE), "experience in the report");
    assert!(
        html.contains(PUBLIC),
        "public evaluation note in the report"
    );
    // A fresh window reads them back from the folder.
    let again = open_on_a00(&out, &key_of(0));
    let c = again.consensus.as_deref().unwrap();
    let s = c.panels[c.current].synthesis.as_ref().unwrap();
    assert_eq!(
        (s.experience.as_str(), s.public.as_str()),
        (EXPERIENCE, PUBLIC)
    );
}

/// 第二十一条: an applicant the leader is recused from has an acting leader in the round; its
/// overall evaluation is the acting leader's to write, the others' stay the leader's.
#[test]
fn the_acting_leader_writes_the_applicant_the_leader_is_recused_from() {
    use scorebook::service::synthesis::may_write;
    let work = TempDir::new().unwrap();
    let w = work.path();
    let (round, bytes) = corpus::round_with(2, true);
    let round_path = w.join("round.json");
    fs::write(&round_path, bytes).unwrap();
    let sheets = w.join("sheets");
    fs::create_dir_all(&sheets).unwrap();
    corpus::sheets_at(
        Some(&round.round_ref()),
        Stage::SiteReview,
        2,
        1,
        |name, b| {
            fs::write(sheets.join(name), b).unwrap();
        },
    );
    let leader = home_of(0);
    sb(leader.path())
        .args(["round", "set-acting-leader"])
        .arg(&round_path)
        .args(["A00", "评审1"])
        .assert()
        .success();
    let out = w.join("out");
    sb(leader.path())
        .args(["merge", "--round"])
        .arg(&round_path)
        .arg(&sheets)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(!may_write(&out, &key_of(0), "A00").unwrap());
    assert!(may_write(&out, &key_of(1), "A00").unwrap());
    assert!(may_write(&out, &key_of(0), "A01").unwrap());
    assert!(!may_write(&out, &key_of(1), "A01").unwrap());
    assert!(!may_write(&out, &key_of(2), "A01").unwrap());
    // On the screen: the leader's E on A00 opens nothing; the acting leader's does.
    let mut m = open_on_a00(&out, &key_of(0));
    key(&mut m, KeyCode::Char('E'));
    assert!(m.editor.is_none());
    let mut m = open_on_a00(&out, &key_of(1));
    key(&mut m, KeyCode::Char('E'));
    assert!(m.editor.is_some());
}
