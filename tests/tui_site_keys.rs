//! Site-visit issues in few keys (issue 11, the keys plan): `v` plans an issue in one dialog
//! (kind and text), `n` or Enter resolves one on site in one dialog (outcome and note, then the
//! item's next open issue; PgDn the next across items), `N` walks the open issues across items, and `S` starts site review
//! from the items list and the item screen as from the applicants list.

#[path = "common/screen.rs"]
mod screen;

use ratatui::crossterm::event::KeyCode;
use scorebook::lang::Lang;
use scorebook::review::{
    ClarifyStatus, SiteIssue, SiteIssueKind, SiteIssueStatus, Stage, VerifyStatus,
};
use scorebook::testkit::reviewer;
use scorebook::testkit::reviewer::{chars, key};
use scorebook::tui::model::{CommentList, Dialog, Entry, Model, Screen, entries};

fn model(lang: Lang) -> Model {
    reviewer::demo_model(lang)
}

/// The item screen of `code`, by `g`, from the applicants list or the items list.
fn item(m: &mut Model, code: &str) {
    if m.screen == Screen::Applicants {
        key(m, KeyCode::Enter);
    }
    key(m, KeyCode::Char('g'));
    chars(m, code);
    key(m, KeyCode::Enter);
    assert_eq!(m.screen, Screen::Item);
    assert_eq!(m.item_code, code);
}

fn issues(m: &Model) -> Vec<SiteIssue> {
    m.item_review()
        .map(|ir| ir.site_issues.clone())
        .unwrap_or_default()
}

fn selected(m: &Model) -> Option<Entry> {
    entries(m.item_review()).get(m.entry_sel).copied()
}

fn dialog_kind(m: &Model) -> Option<SiteIssueKind> {
    match &m.dialog {
        Some(Dialog::SiteIssue { kind, .. }) => Some(*kind),
        _ => None,
    }
}

fn dialog_status(m: &Model) -> Option<SiteIssueStatus> {
    match &m.dialog {
        Some(Dialog::ResolveIssue { status, .. }) => Some(*status),
        _ => None,
    }
}

/// `S`, Enter from wherever the reviewer is.
fn start_site(m: &mut Model) {
    key(m, KeyCode::Char('S'));
    assert!(matches!(m.dialog, Some(Dialog::ConfirmSiteReview)));
    key(m, KeyCode::Enter);
    assert_eq!(m.stage(), Stage::SiteReview, "{:?}", m.status);
}

#[test]
fn v_plans_an_issue_in_one_dialog_kind_and_text() {
    let mut m = model(Lang::Zh);
    item(&mut m, "4.2.3");
    assert!(issues(&m).is_empty());
    key(&mut m, KeyCode::Char('v'));
    assert_eq!(dialog_kind(&m), Some(SiteIssueKind::Verify), "核实 first");
    // Enter with nothing written adds nothing and says why.
    key(&mut m, KeyCode::Enter);
    assert!(issues(&m).is_empty());
    assert!(screen::render_at(&m, 120, 40).contains("请写下要点"));
    // Tab, Down and (while empty) Right switch the kind; so do Shift+Tab, Up and Left.
    key(&mut m, KeyCode::Tab);
    assert_eq!(dialog_kind(&m), Some(SiteIssueKind::Clarify));
    key(&mut m, KeyCode::Down);
    assert_eq!(dialog_kind(&m), Some(SiteIssueKind::Verify));
    key(&mut m, KeyCode::Right);
    assert_eq!(dialog_kind(&m), Some(SiteIssueKind::Clarify));
    key(&mut m, KeyCode::Left);
    assert_eq!(dialog_kind(&m), Some(SiteIssueKind::Verify));
    key(&mut m, KeyCode::Up);
    assert_eq!(dialog_kind(&m), Some(SiteIssueKind::Clarify));
    chars(&mut m, "澄清计划展开的范围");
    // With text, Left and Right move the cursor: the kind stays.
    key(&mut m, KeyCode::Left);
    key(&mut m, KeyCode::Right);
    assert_eq!(dialog_kind(&m), Some(SiteIssueKind::Clarify));
    key(&mut m, KeyCode::Enter);
    assert!(m.dialog.is_none());
    let all = issues(&m);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].kind(), SiteIssueKind::Clarify);
    assert_eq!(all[0].text, "澄清计划展开的范围");
    assert_eq!(
        selected(&m),
        Some(Entry::Issue(0)),
        "the new issue is selected"
    );

    // Two keys for a 核实 issue: v, text, Enter. One undo takes it back whole.
    key(&mut m, KeyCode::Char('v'));
    chars(&mut m, "核实计划展开记录");
    key(&mut m, KeyCode::Enter);
    let all = issues(&m);
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].kind(), SiteIssueKind::Verify);
    assert_eq!(selected(&m), Some(Entry::Issue(1)));
    key(&mut m, KeyCode::Char('u'));
    assert_eq!(issues(&m).len(), 1);

    // Esc keeps the typed text for the next `v` on this item.
    key(&mut m, KeyCode::Char('v'));
    chars(&mut m, "抽查");
    key(&mut m, KeyCode::Esc);
    assert!(m.dialog.is_none());
    assert_eq!(issues(&m).len(), 1, "Esc adds nothing");
    key(&mut m, KeyCode::Char('v'));
    match &m.dialog {
        Some(Dialog::SiteIssue { text, .. }) => assert_eq!(text.lines().join(""), "抽查"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn n_or_enter_resolves_an_issue_in_one_dialog_and_moves_to_the_next_open_one() {
    let mut m = model(Lang::Zh);
    item(&mut m, "4.1.2");
    start_site(&mut m);
    // The item's to-do list: 4.1.2 has a 核实 issue (0) and a 澄清 issue (1); N goes to the
    // first.
    assert_eq!(
        selected(&m),
        Some(Entry::Comment(CommentList::Strengths, 0))
    );
    key(&mut m, KeyCode::Char('N'));
    assert_eq!(selected(&m), Some(Entry::Issue(0)));
    key(&mut m, KeyCode::Char('n'));
    assert_eq!(
        dialog_status(&m),
        Some(SiteIssueStatus::Verify(VerifyStatus::Verified)),
        "已核实 preselected"
    );
    key(&mut m, KeyCode::Down);
    assert_eq!(
        dialog_status(&m),
        Some(SiteIssueStatus::Verify(VerifyStatus::NotAsDocumented))
    );
    key(&mut m, KeyCode::Right);
    assert_eq!(
        dialog_status(&m),
        Some(SiteIssueStatus::Verify(VerifyStatus::Pending)),
        "→ while the note is empty"
    );
    key(&mut m, KeyCode::Left);
    key(&mut m, KeyCode::Up);
    assert_eq!(
        dialog_status(&m),
        Some(SiteIssueStatus::Verify(VerifyStatus::Verified))
    );
    chars(&mut m, "纪要齐全，偏差指标已改进");
    key(&mut m, KeyCode::Enter);
    assert!(m.dialog.is_none());
    let all = issues(&m);
    assert_eq!(
        all[0].status,
        SiteIssueStatus::Verify(VerifyStatus::Verified)
    );
    assert_eq!(all[0].note, "纪要齐全，偏差指标已改进");
    assert_eq!(
        selected(&m),
        Some(Entry::Issue(1)),
        "on to the next open issue"
    );

    // Enter on an open issue is the same dialog, with 已澄清 for a 澄清 issue.
    key(&mut m, KeyCode::Enter);
    assert_eq!(
        dialog_status(&m),
        Some(SiteIssueStatus::Clarify(ClarifyStatus::Clarified))
    );
    key(&mut m, KeyCode::Tab);
    assert_eq!(
        dialog_status(&m),
        Some(SiteIssueStatus::Clarify(ClarifyStatus::Pending))
    );
    key(&mut m, KeyCode::Tab);
    chars(&mut m, "访谈两名中层干部");
    key(&mut m, KeyCode::Enter);
    let all = issues(&m);
    assert_eq!(
        all[1].status,
        SiteIssueStatus::Clarify(ClarifyStatus::Clarified)
    );
    assert_eq!(all[1].note, "访谈两名中层干部");
    assert_eq!(selected(&m), Some(Entry::Issue(1)), "none open: it stays");

    // Space still cycles the status as before.
    key(&mut m, KeyCode::Char(' '));
    assert_eq!(
        issues(&m)[1].status,
        SiteIssueStatus::Clarify(ClarifyStatus::Pending)
    );
    // `n` on a resolved issue: its own status and note; Esc changes nothing and keeps the
    // typed note for the next time.
    key(&mut m, KeyCode::Up);
    assert_eq!(selected(&m), Some(Entry::Issue(0)));
    key(&mut m, KeyCode::Char('n'));
    assert_eq!(
        dialog_status(&m),
        Some(SiteIssueStatus::Verify(VerifyStatus::Verified))
    );
    chars(&mut m, "；抽查三份");
    key(&mut m, KeyCode::Down);
    key(&mut m, KeyCode::Esc);
    assert!(m.dialog.is_none());
    assert_eq!(issues(&m)[0].note, "纪要齐全，偏差指标已改进");
    assert_eq!(
        issues(&m)[0].status,
        SiteIssueStatus::Verify(VerifyStatus::Verified)
    );
    key(&mut m, KeyCode::Char('n'));
    match &m.dialog {
        Some(Dialog::ResolveIssue { note, .. }) => {
            assert_eq!(note.lines().join(""), "纪要齐全，偏差指标已改进；抽查三份")
        }
        other => panic!("{other:?}"),
    }
    // In document review `n` on an issue says it is for site review; Enter edits the text.
    let mut d = model(Lang::Zh);
    item(&mut d, "4.1.3");
    while selected(&d) != Some(Entry::Issue(0)) {
        key(&mut d, KeyCode::Down);
    }
    key(&mut d, KeyCode::Char('n'));
    assert!(d.dialog.is_none());
    assert!(
        format!("{:?}", d.status).contains("现场评审"),
        "{:?}",
        d.status
    );
    key(&mut d, KeyCode::Enter);
    assert!(d.editor.is_some(), "Enter edits the issue's text");
}

#[test]
fn capital_n_walks_the_open_issues_across_items() {
    let mut m = model(Lang::Zh);
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.screen, Screen::Items);
    start_site(&mut m);
    let at = |m: &Model| (m.item_code.clone(), selected(m));
    // From the items list (the first item selected): the first open issue in item order.
    key(&mut m, KeyCode::Char('N'));
    assert_eq!(m.screen, Screen::Item);
    assert_eq!(at(&m), ("4.1.2".into(), Some(Entry::Issue(0))));
    key(&mut m, KeyCode::Char('N'));
    assert_eq!(at(&m), ("4.1.2".into(), Some(Entry::Issue(1))));
    key(&mut m, KeyCode::Char('N'));
    assert_eq!(at(&m), ("4.1.3".into(), Some(Entry::Issue(0))));
    // Resolving one takes it off the list.
    key(&mut m, KeyCode::Char('n'));
    key(&mut m, KeyCode::Enter);
    key(&mut m, KeyCode::Char('N'));
    assert_eq!(at(&m), ("4.3.3".into(), Some(Entry::Issue(0))));
    // After the last it starts again from the first item.
    for code in ["4.4.2", "4.5.3", "4.7.2"] {
        key(&mut m, KeyCode::Char('N'));
        assert_eq!(m.item_code, code);
    }
    key(&mut m, KeyCode::Char('N'));
    assert_eq!(at(&m), ("4.1.2".into(), Some(Entry::Issue(0))));
    // From the items list with a later item selected: from there on.
    key(&mut m, KeyCode::Esc);
    key(&mut m, KeyCode::Char('g'));
    chars(&mut m, "4.3.2");
    key(&mut m, KeyCode::Enter);
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.screen, Screen::Items);
    key(&mut m, KeyCode::Char('N'));
    assert_eq!(at(&m), ("4.3.3".into(), Some(Entry::Issue(0))));
    // PgDn in the outcome dialog saves and goes on as N does: here to 4.4.2, then 4.5.3.
    key(&mut m, KeyCode::Char('n'));
    chars(&mut m, "已查看");
    key(&mut m, KeyCode::PageDown);
    assert!(m.dialog.is_none());
    assert_eq!(
        m.review().unwrap().items.get("4.3.3").unwrap().site_issues[0].note,
        "已查看"
    );
    assert_eq!(at(&m), ("4.4.2".into(), Some(Entry::Issue(0))));
    key(&mut m, KeyCode::Char('n'));
    key(&mut m, KeyCode::PageDown);
    assert_eq!(at(&m), ("4.5.3".into(), Some(Entry::Issue(0))));
    // Nothing open: it says so and stays.
    for _ in 0..8 {
        key(&mut m, KeyCode::Char('N'));
        if m.dialog.is_none() && selected(&m).is_some() {
            key(&mut m, KeyCode::Char('n'));
            key(&mut m, KeyCode::Enter);
        }
    }
    let fw = m.framework().unwrap().clone();
    assert!(m.review().unwrap().open_issues(&fw).is_empty());
    let before = at(&m);
    key(&mut m, KeyCode::Char('N'));
    assert_eq!(at(&m), before);
    assert!(
        format!("{:?}", m.status).contains("没有待处理的现场要点"),
        "{:?}",
        m.status
    );
}

#[test]
fn s_starts_site_review_from_the_items_list_and_the_item_screen_after_asking() {
    let mut m = model(Lang::Zh);
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.screen, Screen::Items);
    key(&mut m, KeyCode::Char('S'));
    assert!(matches!(m.dialog, Some(Dialog::ConfirmSiteReview)));
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.stage(), Stage::DocumentReview, "Esc cancels");
    start_site(&mut m);
    assert_eq!(m.screen, Screen::Items);

    let mut m = model(Lang::En);
    item(&mut m, "4.2.3");
    start_site(&mut m);
    assert_eq!(m.screen, Screen::Item);
    // Once started, S says so.
    key(&mut m, KeyCode::Char('S'));
    assert!(m.dialog.is_none());
}

/// The items list in document review names `S` where the hint line has room (120 columns);
/// at 80 it would push out a more frequent key, so it is left to the help there and the line
/// still ends with the help key.
#[test]
fn the_document_items_hints_name_s_where_there_is_room() {
    for (lang, s_hint, help) in [
        (Lang::Zh, "S 开始现场评审", "? 帮助"),
        (Lang::En, "S start site review", "? help"),
    ] {
        let mut m = model(lang);
        key(&mut m, KeyCode::Enter);
        assert_eq!(m.screen, Screen::Items);
        let last = |w, h| {
            let frame = screen::render_at(&m, w, h);
            frame
                .lines()
                .last()
                .unwrap_or_default()
                .trim_end()
                .to_string()
        };
        let wide = last(120, 40);
        assert!(wide.contains(s_hint), "{wide}");
        assert!(wide.contains(&format!("{s_hint}  {help}")), "{wide}");
        let narrow = last(80, 24);
        assert!(narrow.ends_with(help), "{narrow}");
        assert!(!narrow.contains(s_hint), "{narrow}");
        // In the help, always.
        key(&mut m, KeyCode::Char('?'));
        assert!(screen::render_at(&m, 120, 40).contains(s_hint.split_once(' ').unwrap().1));
        key(&mut m, KeyCode::Esc);
    }
}

/// The two dialogs, in both languages and sizes.
#[test]
fn issue_dialog_snapshots() {
    for lang in [Lang::Zh, Lang::En] {
        let mut m = model(lang);
        item(&mut m, "4.2.3");
        key(&mut m, KeyCode::Char('v'));
        chars(&mut m, "核实计划展开到班组的记录");
        let plan = m.clone();
        key(&mut m, KeyCode::Esc);
        let mut s = model(lang);
        item(&mut s, "4.1.2");
        start_site(&mut s);
        key(&mut s, KeyCode::Char('N'));
        key(&mut s, KeyCode::Char('n'));
        key(&mut s, KeyCode::Down);
        chars(&mut s, "纪要缺两个月");
        for (name, m) in [("issue_plan", &plan), ("issue_resolve", &s)] {
            for (w, h) in [(80, 24), (120, 40)] {
                let snap = format!("{name}_{}_{w}x{h}", lang.code());
                insta::assert_snapshot!(snap, screen::snapshot_at(m, w, h));
            }
        }
    }
}
