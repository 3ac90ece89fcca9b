//! Snapshots at 80×24 and 120×40, and a property: no key sequence at any size panics.

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::model::{Action, Focus, Model, Panel, update};
use super::view;
use crate::lang::Lang;
use crate::panel::consensus::ConsensusDraft;
use crate::panel::{MergeOptions, merge_checked};
use crate::review::Comment;
use crate::testkit::panel::*;

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
    Model::new(
        vec![Panel {
            result,
            framework: catalog().frameworks[0].doc.clone(),
            draft,
        }],
        lang,
    )
}

fn render(m: &Model, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::draw(m, f)).unwrap();
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
    update(&mut m, Action::SwitchFocus);
    update(&mut m, Action::Down);
    assert_eq!(m.focus, Focus::Comments);
    insta::assert_snapshot!(render(&m, 120, 40));
}

#[test]
fn snapshot_80x24_editing_rationale() {
    let mut m = model(Lang::Zh);
    update(&mut m, Action::Raise);
    update(&mut m, Action::EditRationale);
    update(&mut m, Action::Insert("现场核实后一致同意".into()));
    insta::assert_snapshot!(render(&m, 80, 24));
}

#[test]
fn agreeing_editing_and_keeping_change_the_draft() {
    let mut m = model(Lang::Zh);
    // Agenda: 1.1 (spread 30 × 400) first.
    assert_eq!(m.item().unwrap().0.code, "1.1");
    assert_eq!(m.item().unwrap().1.percent, 55);
    update(&mut m, Action::Raise);
    assert_eq!(m.item().unwrap().1.percent, 60);
    update(&mut m, Action::EditRationale);
    update(&mut m, Action::Insert("一致".into()));
    update(&mut m, Action::Backspace);
    update(&mut m, Action::Insert("同意".into()));
    let fx = update(&mut m, Action::Commit);
    assert_eq!(fx, vec![super::model::Effect::SaveDraft]);
    assert_eq!(m.item().unwrap().1.rationale, "一同意");
    update(&mut m, Action::SwitchFocus);
    assert!(m.item().unwrap().1.strengths[0].keep, "kept by default");
    update(&mut m, Action::ToggleKeep);
    assert!(!m.item().unwrap().1.strengths[0].keep, "dropped");
    update(&mut m, Action::EditComment);
    update(&mut m, Action::End);
    update(&mut m, Action::Insert("。".into()));
    update(&mut m, Action::Commit);
    assert!(
        m.item().unwrap().1.strengths[0]
            .comment
            .text
            .ends_with("见图3-2。")
    );
    update(&mut m, Action::SwitchFocus);
    update(&mut m, Action::Agree);
    assert!(m.panels[0].draft.items[0].agreed);
    assert_eq!(m.pos, 1, "agreeing moves to the next agenda item");
}

#[test]
fn the_panel_writes_its_own_comment_and_an_abandoned_one_leaves_nothing() {
    let mut m = model(Lang::Zh);
    let before = m.item().unwrap().1.ofis.len();
    update(&mut m, Action::AddOfi);
    update(
        &mut m,
        Action::Insert("两位专家均指出评审频次未明确".into()),
    );
    update(&mut m, Action::Commit);
    let ofis = &m.item().unwrap().1.ofis;
    assert_eq!(ofis.len(), before + 1);
    assert_eq!(ofis[before].reviewer, super::model::PANEL_AUTHOR);
    assert!(ofis[before].keep);
    update(&mut m, Action::AddStrength);
    update(&mut m, Action::Cancel);
    assert_eq!(
        m.item().unwrap().1.strengths.len(),
        2,
        "abandoned new strength removed"
    );
}

#[test]
fn export_lists_the_unconfirmed_items_first_and_a_second_press_exports() {
    let mut m = model(Lang::Zh);
    update(&mut m, Action::EditRationale);
    update(&mut m, Action::Insert("一致".into()));
    update(&mut m, Action::Commit);
    update(&mut m, Action::Agree);
    let fx = update(&mut m, Action::Export);
    assert_eq!(fx, vec![], "first press only lists");
    assert!(
        m.message.contains("1.2") && m.message.contains("2.1"),
        "{}",
        m.message
    );
    assert!(!m.message.contains("1.1"), "{}", m.message);
    let fx = update(&mut m, Action::Export);
    assert_eq!(
        fx,
        vec![
            super::model::Effect::SaveDraft,
            super::model::Effect::Export(0)
        ]
    );
    // Anything in between asks again.
    update(&mut m, Action::Export);
    update(&mut m, Action::Down);
    assert_eq!(update(&mut m, Action::Export), vec![]);
}

#[test]
fn a_read_only_window_changes_nothing_and_says_why() {
    use crate::service::consensus::EditDenied;
    let mut m = model(Lang::En);
    m.read_only = Some(EditDenied::OtherSession);
    let before = m.panels[0].draft.clone();
    for a in [
        Action::Raise,
        Action::Agree,
        Action::ToggleKeep,
        Action::EditRationale,
        Action::AddOfi,
        Action::Export,
        Action::Save,
    ] {
        assert_eq!(update(&mut m, a.clone()), vec![], "{a:?}");
        assert!(m.editor.is_none());
    }
    assert_eq!(m.panels[0].draft, before);
    assert!(m.message.contains("read-only"), "{}", m.message);
    // Quitting never writes the draft another window is editing.
    assert_eq!(
        update(&mut m, Action::Quit),
        vec![super::model::Effect::Quit]
    );
    // Moving around still works.
    update(&mut m, Action::Down);
    assert_eq!(m.pos, 1);
    // Nor from the help.
    update(&mut m, Action::ToggleHelp);
    assert_eq!(
        update(&mut m, Action::Quit),
        vec![super::model::Effect::Quit]
    );
}

#[test]
fn snapshot_80x24_read_only_zh() {
    let mut m = model(Lang::Zh);
    m.read_only = Some(crate::service::consensus::EditDenied::NotLeader);
    insta::assert_snapshot!(render(&m, 80, 24));
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::Up),
        Just(Action::Down),
        Just(Action::Lower),
        Just(Action::Raise),
        Just(Action::SwitchFocus),
        Just(Action::ToggleKeep),
        Just(Action::Agree),
        Just(Action::EditRationale),
        Just(Action::EditComment),
        Just(Action::AddStrength),
        Just(Action::AddOfi),
        Just(Action::NextApplicant),
        Just(Action::PrevApplicant),
        Just(Action::Export),
        Just(Action::Save),
        Just(Action::ToggleHelp),
        "[a-z中文“”…① ]{0,4}".prop_map(Action::Insert),
        Just(Action::Backspace),
        Just(Action::Delete),
        Just(Action::CursorLeft),
        Just(Action::CursorRight),
        Just(Action::Home),
        Just(Action::End),
        Just(Action::Commit),
        Just(Action::Cancel),
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
        let mut m = if empty { Model::new(vec![], Lang::En) } else { model(Lang::Zh) };
        for a in actions {
            update(&mut m, a);
            let _ = render(&m, w, h);
        }
        for p in &m.panels {
            for i in &p.draft.items {
                prop_assert!(i.percent <= 100 && i.percent % 5 == 0);
            }
        }
    }
}
