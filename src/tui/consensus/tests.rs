//! The consensus screens as screens of the app: snapshots at 80×24 and 120×40 through the app's
//! one view, keys through the app's one key map, and a property: no key sequence at any size
//! panics.

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::model::{Consensus, Focus, PANEL_AUTHOR, Panel, SynthesisTexts};
use crate::lang::Lang;
use crate::panel::consensus::ConsensusDraft;
use crate::panel::heat::heat_map;
use crate::panel::{MergeOptions, merge_checked};
use crate::review::Comment;
use crate::testkit::panel::*;
use crate::tui::action::Action;
use crate::tui::keymap::{KeyMap, translate};
use crate::tui::model::{Model, Screen};
use crate::tui::update::{Effect, update};
use crate::tui::view::view;

const NOW: &str = "2025-06-01T09:00:00+08:00";

fn comment(text: &str) -> Comment {
    Comment {
        text: text.into(),
        requirements: vec!["a".into()],
        evidence: "申报材料第12页".into(),
    }
}

fn model(lang: Lang) -> Model {
    let mut s1 = sheet("M1", "A1", 1, [p(40), p(50), p(60)]);
    s1.items[0].strengths.push(comment(
        "高层领导通过年度方针目标展开会将战略目标分解到各车间班组，见图3-2",
    ));
    s1.items[0]
        .ofis
        .push(comment("方针目标的评审频次与方法未见系统说明"));
    let mut s2 = sheet("M2", "A1", 1, [p(70), p(50), p(65)]);
    s2.items[0]
        .strengths
        .push(comment("建立了质量委员会，“首席质量官”制度落实到位"));
    let s3 = sheet("T", "A1", 1, [p(30), p(50), p(60)]);
    let r = merge_checked(
        vec![
            checked("m1.json", s1.clone()),
            checked("m2.json", s2.clone()),
            checked("t.json", s3.clone()),
        ],
        &roster(),
        &catalog(),
        &MergeOptions::default(),
    );
    let result = r.results[0].clone();
    let draft = ConsensusDraft::start(&result, &[&s1, &s2, &s3], 5);
    let framework = catalog().frameworks[0].doc.clone();
    let heat = heat_map(&r, &result, &framework);
    let mut m = Model::new(lang, catalog(), KeyMap::default());
    m.consensus = Some(Box::new(Consensus::new(vec![Panel {
        result,
        framework,
        draft,
        heat,
        synthesis: None,
    }])));
    m.screen = Screen::Consensus;
    m
}

fn cons(m: &Model) -> &Consensus {
    m.consensus.as_deref().unwrap()
}

fn act(m: &mut Model, a: Action) -> Vec<Effect> {
    update(m, a, NOW)
}

/// A key as the terminal sends it, through the app's key map.
fn key(m: &mut Model, code: KeyCode) -> Vec<Effect> {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    match translate(m, &ev) {
        Some(a) => act(m, a),
        None => Vec::new(),
    }
}

fn typed(m: &mut Model, text: &str) -> Vec<Effect> {
    act(m, Action::Paste(text.into()))
}

fn render(m: &Model, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(m, f)).unwrap();
    t.backend().to_string()
}

#[test]
fn snapshot_80x24_zh() {
    let m = model(Lang::Zh);
    insta::assert_snapshot!(render(&m, 80, 24));
}

#[test]
fn snapshot_120x40_en_with_comments_focused() {
    let mut m = model(Lang::En);
    key(&mut m, KeyCode::Tab);
    key(&mut m, KeyCode::Down);
    assert_eq!(cons(&m).focus, Focus::Comments);
    insta::assert_snapshot!(render(&m, 120, 40));
}

#[test]
fn snapshot_80x24_editing_rationale() {
    let mut m = model(Lang::Zh);
    key(&mut m, KeyCode::Right);
    key(&mut m, KeyCode::Char('r'));
    typed(&mut m, "现场核实后一致同意");
    insta::assert_snapshot!(render(&m, 80, 24));
}

#[test]
fn agreeing_editing_and_keeping_change_the_draft() {
    let mut m = model(Lang::Zh);
    // Agenda: 1.1 (spread 30 × 400) first.
    let item = |m: &Model| cons(m).item().map(|(s, d)| (s.clone(), d.clone())).unwrap();
    assert_eq!(item(&m).0.code, "1.1");
    assert_eq!(item(&m).1.percent, 55);
    key(&mut m, KeyCode::Right);
    assert_eq!(item(&m).1.percent, 60);
    key(&mut m, KeyCode::Char('r'));
    typed(&mut m, "一致");
    key(&mut m, KeyCode::Backspace);
    typed(&mut m, "同意");
    let fx = key(&mut m, KeyCode::Enter);
    assert_eq!(fx, vec![Effect::SaveConsensus]);
    assert_eq!(item(&m).1.rationale, "一同意");
    key(&mut m, KeyCode::Tab);
    assert!(item(&m).1.strengths[0].keep, "kept by default");
    key(&mut m, KeyCode::Char(' '));
    assert!(!item(&m).1.strengths[0].keep, "dropped");
    key(&mut m, KeyCode::Char('e'));
    key(&mut m, KeyCode::End);
    typed(&mut m, "。");
    // A comment is the reviewer's text field: Enter a new line, Esc done.
    key(&mut m, KeyCode::Esc);
    assert!(item(&m).1.strengths[0].comment.text.ends_with("见图3-2。"));
    assert!(item(&m).1.strengths[0].keep, "an edited comment is kept");
    key(&mut m, KeyCode::Tab);
    key(&mut m, KeyCode::Enter);
    assert!(cons(&m).panels[0].draft.items[0].agreed);
    assert_eq!(cons(&m).pos, 1, "agreeing moves to the next agenda item");
}

#[test]
fn the_text_field_is_the_reviewers_with_undo_and_paste() {
    let mut m = model(Lang::En);
    key(&mut m, KeyCode::Char('r'));
    typed(&mut m, "agreed\r\non site");
    let rationale = |m: &Model| cons(m).item().unwrap().1.rationale.clone();
    assert_eq!(
        rationale(&m),
        "agreed on site",
        "one line: a pasted break is a space"
    );
    let undo = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    let a = translate(&m, &undo).unwrap();
    assert_eq!(act(&mut m, a), vec![Effect::SaveConsensus]);
    assert_eq!(
        rationale(&m),
        "",
        "undo takes the paste back, in the draft too"
    );
}

#[test]
fn the_panel_writes_its_own_comment_and_an_abandoned_one_leaves_nothing() {
    let mut m = model(Lang::Zh);
    let before = cons(&m).item().unwrap().1.ofis.len();
    key(&mut m, KeyCode::Char('o'));
    typed(&mut m, "两位专家均指出评审频次未明确");
    key(&mut m, KeyCode::Esc);
    let ofis = cons(&m).item().unwrap().1.ofis.clone();
    assert_eq!(ofis.len(), before + 1);
    assert_eq!(ofis[before].reviewer, PANEL_AUTHOR);
    assert!(ofis[before].keep);
    key(&mut m, KeyCode::Char('a'));
    key(&mut m, KeyCode::Esc);
    assert_eq!(
        cons(&m).item().unwrap().1.strengths.len(),
        2,
        "abandoned new strength removed"
    );
}

#[test]
fn export_lists_the_unconfirmed_items_first_and_a_second_press_exports() {
    let mut m = model(Lang::Zh);
    key(&mut m, KeyCode::Char('r'));
    typed(&mut m, "一致");
    key(&mut m, KeyCode::Enter);
    key(&mut m, KeyCode::Enter);
    let fx = key(&mut m, KeyCode::Char('x'));
    assert_eq!(fx, vec![], "first press only lists");
    let message = format!("{:?}", m.status);
    assert!(
        message.contains("1.2") && message.contains("2.1"),
        "{message}"
    );
    assert!(!message.contains("1.1"), "{message}");
    let fx = key(&mut m, KeyCode::Char('x'));
    assert_eq!(fx, vec![Effect::SaveConsensus, Effect::ExportConsensus(0)]);
    // Anything in between asks again.
    key(&mut m, KeyCode::Char('x'));
    key(&mut m, KeyCode::Down);
    assert_eq!(key(&mut m, KeyCode::Char('x')), vec![]);
}

#[test]
fn a_read_only_window_changes_nothing_and_says_why() {
    use crate::service::consensus::EditDenied;
    let mut m = model(Lang::En);
    m.consensus.as_deref_mut().unwrap().read_only = Some(EditDenied::OtherSession);
    let before = cons(&m).panels[0].draft.clone();
    for a in [
        Action::ScoreUp,
        Action::Agree,
        Action::KeepComment,
        Action::EditRationale,
        Action::AddOfi,
        Action::ExportConsensus,
        Action::SaveDraft,
    ] {
        assert_eq!(act(&mut m, a.clone()), vec![], "{a:?}");
        assert!(m.editor.is_none());
    }
    assert_eq!(cons(&m).panels[0].draft, before);
    assert!(
        format!("{:?}", m.status).contains("read-only"),
        "{:?}",
        m.status
    );
    // Moving around still works.
    key(&mut m, KeyCode::Down);
    assert_eq!(cons(&m).pos, 1);
    // Nor from the help: closing it writes nothing.
    key(&mut m, KeyCode::Char('?'));
    assert!(m.help);
    assert_eq!(key(&mut m, KeyCode::Char('q')), vec![]);
    // Quitting never writes the draft another window is editing.
    assert_eq!(key(&mut m, KeyCode::Char('q')), vec![Effect::Quit]);
    assert!(m.quit);
}

#[test]
fn snapshot_80x24_read_only_zh() {
    let mut m = model(Lang::Zh);
    m.consensus.as_deref_mut().unwrap().read_only =
        Some(crate::service::consensus::EditDenied::NotLeader);
    insta::assert_snapshot!(render(&m, 80, 24));
}

#[test]
fn the_heat_map_opens_the_item_and_esc_comes_back() {
    let mut m = model(Lang::En);
    m.screen = Screen::HeatMap;
    // Rows in framework order: 1.1, 1.2, 2.1; the agenda puts 1.1 first.
    key(&mut m, KeyCode::Down);
    key(&mut m, KeyCode::Down);
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.screen, Screen::Consensus);
    assert_eq!(cons(&m).item().unwrap().0.code, "2.1");
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.screen, Screen::HeatMap);
    assert_eq!(cons(&m).heat_sel, 2, "back on the row of the item");
}

#[test]
fn help_lists_the_consensus_keys_from_the_key_map_and_user_keys_apply() {
    let mut overrides = std::collections::BTreeMap::new();
    overrides.insert("agree".to_string(), vec!["A".to_string()]);
    let (keys, problems) = KeyMap::new(&overrides);
    assert!(problems.is_empty(), "{problems:?}");
    let mut m = model(Lang::En);
    m.keymap = keys;
    key(&mut m, KeyCode::Enter);
    assert!(
        !cons(&m).panels[0].draft.items[0].agreed,
        "Enter rebound away"
    );
    let ev = Event::Key(KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT));
    let a = translate(&m, &ev).unwrap();
    act(&mut m, a);
    assert!(cons(&m).panels[0].draft.items[0].agreed);
    key(&mut m, KeyCode::F(1));
    let help = render(&m, 120, 40);
    assert!(help.contains("Consensus"), "{help}");
    assert!(help.contains("export consensus sheet"), "{help}");
    assert!(
        !help.contains("import round"),
        "the reviewer's screens are not listed"
    );
}

/// The merge folder as the loop's host: a batch of changes is written once, as
/// `consensus-draft.json`; a read-only window writes nothing.
#[test]
fn the_folder_writes_the_draft_once_per_batch_and_never_from_a_read_only_window() {
    use crate::tui::app::Host;
    let dir = tempfile::tempdir().unwrap();
    let mut folder = super::Folder {
        dir: dir.path().to_path_buf(),
        home: dir.path().join("home"),
        at_rest: crate::workspace::AtRest::plain(),
        unsaved: false,
    };
    let mut m = model(Lang::Zh);
    let fx = key(&mut m, KeyCode::Right);
    folder.run_effects(&mut m, fx);
    let draft = dir.path().join("consensus-draft.json");
    assert!(!draft.exists(), "written when the batch settles");
    assert!(folder.settle(&mut m));
    let plain = crate::workspace::AtRest::plain();
    let saved = crate::service::panel_dir::load_drafts(dir.path(), &plain).unwrap();
    assert_eq!(saved.drafts[0].items[0].percent, 60);
    assert!(!folder.settle(&mut m), "nothing new to write");

    m.consensus.as_deref_mut().unwrap().read_only =
        Some(crate::service::consensus::EditDenied::OtherSession);
    std::fs::remove_file(&draft).unwrap();
    let fx = key(&mut m, KeyCode::Char('q'));
    assert_eq!(fx, vec![Effect::Quit]);
    folder.run_effects(&mut m, vec![Effect::SaveConsensus]);
    folder.settle(&mut m);
    assert!(
        !draft.exists(),
        "another window's draft is never overwritten"
    );
}

/// u (and Ctrl+Z) undoes the draft's changes the screen makes — a dropped comment, a merge,
/// an added comment, a confirmed item — one at a time, moving to the item; Ctrl+R redoes.
#[test]
fn undo_brings_back_dropped_merged_and_added_comments() {
    let mut m = model(Lang::Zh);
    let item = |m: &Model| cons(m).item().map(|(_, d)| d.clone()).unwrap();
    let start = item(&m);
    key(&mut m, KeyCode::Tab);
    key(&mut m, KeyCode::Char(' '));
    assert!(!item(&m).strengths[0].keep, "dropped");
    let dropped = item(&m);
    // Mark both strengths and merge them (the merged text opens; Esc keeps it).
    key(&mut m, KeyCode::Char('v'));
    key(&mut m, KeyCode::Down);
    key(&mut m, KeyCode::Char('v'));
    key(&mut m, KeyCode::Char('m'));
    key(&mut m, KeyCode::Esc);
    assert_eq!(item(&m).strengths.len(), 1, "merged into one");
    let merged = item(&m);
    key(&mut m, KeyCode::Char('o'));
    typed(&mut m, "新增改进机会");
    key(&mut m, KeyCode::Esc);
    assert_eq!(item(&m).ofis.len(), 2, "added");
    key(&mut m, KeyCode::Esc);
    key(&mut m, KeyCode::Enter);
    assert_eq!(cons(&m).pos, 1, "agreed and moved on");

    let fx = key(&mut m, KeyCode::Char('u'));
    assert_eq!(fx, vec![Effect::SaveConsensus]);
    assert_eq!(cons(&m).pos, 0, "back on the item undone");
    assert!(!item(&m).agreed);
    key(&mut m, KeyCode::Char('u'));
    assert_eq!(item(&m), merged, "the added comment is gone");
    let ev = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    let a = translate(&m, &ev).unwrap();
    act(&mut m, a);
    assert_eq!(item(&m), dropped, "the merge is undone");
    key(&mut m, KeyCode::Char('u'));
    assert_eq!(item(&m), start, "the comment is kept again");
    key(&mut m, KeyCode::Char('u'));
    assert!(
        format!("{:?}", m.status).contains("没有可撤销"),
        "{:?}",
        m.status
    );
    let ev = Event::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    let a = translate(&m, &ev).unwrap();
    act(&mut m, a);
    assert_eq!(item(&m), dropped, "redone");

    m.consensus.as_deref_mut().unwrap().read_only =
        Some(crate::service::consensus::EditDenied::OtherSession);
    assert!(key(&mut m, KeyCode::Char('u')).is_empty());
    assert_eq!(item(&m), dropped, "a read-only window undoes nothing");
}

/// The fixture as a site-stage applicant whose consensus this key signs: its overall-evaluation
/// inputs are the screen's to write.
fn site_model(lang: Lang) -> Model {
    let mut m = model(lang);
    let c = m.consensus.as_deref_mut().unwrap();
    c.panels[0].result.stage = crate::review::Stage::SiteReview;
    c.panels[0].synthesis = Some(SynthesisTexts {
        public: "座谈会上顾客代表评价较高".into(),
        may_write: true,
        ..SynthesisTexts::default()
    });
    m
}

fn synthesis(m: &Model) -> &SynthesisTexts {
    cons(m).panels[0].synthesis.as_ref().unwrap()
}

/// E writes the distilled experience with the reviewer's editor (lines, undo, paste), Tab goes
/// on to the 公众评价 and 陈述答辩 notes, and the folder writes `synthesis.json` with the draft
/// — once per batch, so a closed window loses nothing typed.
#[test]
fn the_leader_writes_the_overall_evaluation_inputs_and_the_folder_keeps_them() {
    use crate::panel::{NoteSource, SynthesisField};
    use crate::tui::app::Host;
    let dir = tempfile::tempdir().unwrap();
    let mut folder = super::Folder::new(
        dir.path(),
        &dir.path().join("home"),
        crate::workspace::AtRest::plain(),
    );
    let mut m = site_model(Lang::Zh);
    let mut fx = key(&mut m, KeyCode::Char('E'));
    fx.extend(typed(&mut m, "以顾客为中心"));
    fx.extend(key(&mut m, KeyCode::Enter));
    fx.extend(typed(&mut m, "第二段错字"));
    fx.extend(key(&mut m, KeyCode::Backspace));
    assert_eq!(synthesis(&m).experience, "以顾客为中心\n第二段错");
    fx.extend(act(&mut m, Action::Undo));
    assert_eq!(synthesis(&m).experience, "以顾客为中心\n第二段错字");
    fx.extend(key(&mut m, KeyCode::Tab));
    fx.extend(typed(&mut m, "；网络评价"));
    fx.extend(key(&mut m, KeyCode::Tab));
    fx.extend(typed(&mut m, "答辩清楚\r\n"));
    folder.run_effects(&mut m, fx);
    assert!(folder.settle(&mut m));
    let file = crate::service::panel_dir::load_synthesis(dir.path()).unwrap();
    let a1 = cons(&m).panels[0].result.applicant_id.to_string();
    assert_eq!(
        file.text(&a1, SynthesisField::Experience),
        "以顾客为中心\n第二段错字"
    );
    assert_eq!(
        file.text(&a1, SynthesisField::Notes(NoteSource::Public)),
        "座谈会上顾客代表评价较高；网络评价"
    );
    assert_eq!(
        file.text(&a1, SynthesisField::Notes(NoteSource::Presentation)),
        "答辩清楚"
    );
    assert!(synthesis(&m).unsaved.is_empty());
    // Tab wraps to the experience; Esc leaves, keeping the text.
    key(&mut m, KeyCode::Tab);
    key(&mut m, KeyCode::Esc);
    assert!(m.editor.is_none());
    assert_eq!(synthesis(&m).experience, "以顾客为中心\n第二段错字");
}

/// Only the key that signs the applicant's consensus writes its inputs, a document-stage
/// applicant has none, and a read-only window refuses like every change.
#[test]
fn the_overall_evaluation_is_the_signers_and_the_site_stages() {
    let mut m = site_model(Lang::En);
    m.consensus.as_deref_mut().unwrap().panels[0]
        .synthesis
        .as_mut()
        .unwrap()
        .may_write = false;
    key(&mut m, KeyCode::Char('E'));
    assert!(m.editor.is_none());
    assert!(format!("{:?}", m.status).contains("acting leader"));

    let mut m = model(Lang::En);
    key(&mut m, KeyCode::Char('E'));
    assert!(m.editor.is_none());
    assert!(format!("{:?}", m.status).contains("site review"));

    let mut m = site_model(Lang::En);
    m.consensus.as_deref_mut().unwrap().read_only =
        Some(crate::service::consensus::EditDenied::OtherSession);
    key(&mut m, KeyCode::Char('E'));
    assert!(m.editor.is_none());
}

#[test]
fn snapshots_of_the_overall_evaluation_inputs() {
    for lang in [Lang::Zh, Lang::En] {
        let m = site_model(lang);
        let mut editing = m.clone();
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(
                format!("synthesis_line_{}_{w}x{h}", lang.code()),
                render(&m, w, h)
            );
        }
        key(&mut editing, KeyCode::Char('E'));
        typed(
            &mut editing,
            "以顾客为中心的质量文化：高层领导每季度走访重点顾客，顾客意见纳入方针目标展开。\n\n第二段：",
        );
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(
                format!("synthesis_editing_{}_{w}x{h}", lang.code()),
                render(&editing, w, h)
            );
        }
    }
}

/// A leader's home with the key under a passphrase and the workspace encrypted, this session
/// knowing the passphrase: its way of keeping files.
fn encrypted_home() -> (tempfile::TempDir, crate::workspace::AtRest) {
    use crate::workspace::convert::{Direction, convert};
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let pass = || age::secrecy::SecretString::from("组长口令".to_owned());
    crate::identity::session::remember(h, pass());
    crate::identity::Identity::create(h, "王组长", false).unwrap();
    let (ws, _) = crate::workspace::Workspace::open(h).unwrap();
    convert(&ws, Direction::Encrypt, Some(&pass())).unwrap();
    drop(ws);
    let way = crate::workspace::AtRest::load(h).unwrap();
    assert!(way.is_encrypted());
    (home, way)
}

/// In an encrypted leader's home the draft is sealed with the leader's data key: after a
/// session no file in the merge folder holds the rationale or an edited comment in plain; the
/// leader's key opens it; a plain draft from before still opens and is sealed at the next save;
/// a draft sealed in another home is named as such.
#[test]
fn an_encrypted_leaders_draft_is_sealed_and_a_plain_one_still_opens() {
    use crate::service::Error;
    use crate::service::panel_dir::{load_drafts, save_drafts};
    use crate::tui::app::Host;
    use crate::workspace::{AtRest, Unreadable};
    const RATIONALE: &str = "现场查看了三号车间的焊接记录，组内一致认可";
    let (home, way) = encrypted_home();
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("consensus-draft.json");

    // A draft written before the home was encrypted: plain, and it still opens.
    let mut m = model(Lang::Zh);
    save_drafts(dir.path(), &super::drafts_of(cons(&m)), &AtRest::plain()).unwrap();
    assert!(
        std::fs::read_to_string(&draft)
            .unwrap()
            .contains("scorebook-consensus-draft")
    );
    assert_eq!(load_drafts(dir.path(), &way).unwrap().drafts.len(), 1);

    let mut folder = super::Folder {
        dir: dir.path().to_path_buf(),
        home: home.path().to_path_buf(),
        at_rest: way.clone(),
        unsaved: false,
    };
    let mut fx = act(&mut m, Action::EditRationale);
    fx.extend(typed(&mut m, RATIONALE));
    fx.extend(key(&mut m, KeyCode::Enter));
    folder.run_effects(&mut m, fx);
    assert!(folder.settle(&mut m));
    assert_eq!(cons(&m).panels[0].draft.items[0].rationale, RATIONALE);

    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        for secret in [RATIONALE, "首席质量官", "方针目标的评审频次"] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{secret} in plain"
            );
        }
    }
    let bytes = std::fs::read(&draft).unwrap();
    assert!(bytes.starts_with(crate::identity::rest_file::MAGIC));
    let back = load_drafts(dir.path(), &way).unwrap();
    assert_eq!(back.drafts[0].items[0].rationale, RATIONALE);

    // Without this home's data key: named, never "not JSON".
    let e = load_drafts(dir.path(), &AtRest::plain()).unwrap_err();
    assert!(
        matches!(
            &e,
            Error::DraftUnreadable {
                reason: Unreadable::Locked,
                ..
            }
        ),
        "{e:?}"
    );
    let (other, other_way) = encrypted_home();
    let e = load_drafts(dir.path(), &other_way).unwrap_err();
    assert!(
        matches!(
            &e,
            Error::DraftUnreadable {
                reason: Unreadable::SealedForAnother,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        e.message(Lang::Zh).contains("另一个数据目录"),
        "{}",
        e.message(Lang::Zh)
    );
    assert!(
        e.message(Lang::En).contains("another home"),
        "{}",
        e.message(Lang::En)
    );
    // Cut short: damaged, named.
    std::fs::write(&draft, &bytes[..bytes.len() - 5]).unwrap();
    let e = load_drafts(dir.path(), &way).unwrap_err();
    assert!(
        matches!(
            &e,
            Error::DraftUnreadable {
                reason: Unreadable::SealedDamaged(_),
                ..
            }
        ),
        "{e:?}"
    );
    crate::identity::session::forget(home.path());
    crate::identity::session::forget(other.path());
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::Up),
        Just(Action::Down),
        Just(Action::PageDown),
        Just(Action::ScoreDown),
        Just(Action::ScoreUp),
        Just(Action::NextPane),
        Just(Action::KeepComment),
        Just(Action::Agree),
        Just(Action::EditRationale),
        Just(Action::EditComment),
        Just(Action::AddStrength),
        Just(Action::AddOfi),
        Just(Action::NextApplicant),
        Just(Action::PrevApplicant),
        Just(Action::ExportConsensus),
        Just(Action::SaveDraft),
        Just(Action::ShowHeatMap),
        Just(Action::EditSynthesis),
        Just(Action::Redo),
        Just(Action::MergeComments),
        Just(Action::MarkComment),
        Just(Action::PrevPane),
        Just(Action::Help),
        Just(Action::Open),
        Just(Action::Back),
        Just(Action::Undo),
        "[a-z中文“”…① \n]{0,4}".prop_map(Action::Paste),
        Just(Action::Resize(100, 30)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn no_key_sequence_at_any_size_panics(
        actions in proptest::collection::vec(action(), 0..40),
        w in 1u16..140,
        h in 1u16..50,
        empty in any::<bool>(),
    ) {
        let mut m = site_model(Lang::Zh);
        if empty {
            m.consensus = Some(Box::new(Consensus::new(vec![])));
        }
        for a in actions {
            act(&mut m, a);
            let _ = render(&m, w, h);
        }
        for p in &cons(&m).panels {
            for i in &p.draft.items {
                prop_assert!(i.percent <= 100 && i.percent % 5 == 0);
            }
        }
    }
}
