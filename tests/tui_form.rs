//! The one comment form (issue 11): text, evidence and requirement codes in one box where the
//! comment is, Tab between them, the item's own codes offered and others refused with the valid
//! list, Enter / Ctrl+S / Esc keeping what is written, a paste without its trailing newline.

#[path = "common/screen.rs"]
mod screen;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use scorebook::lang::Lang;
use scorebook::review::Comment;
use scorebook::testkit::reviewer;
use scorebook::testkit::reviewer::chars;
use scorebook::tui::keymap::translate;
use scorebook::tui::model::{FormField, Model, Screen};
use scorebook::tui::update::update;

const NOW: &str = "2026-01-01T00:00:00Z";

fn model(lang: Lang) -> Model {
    reviewer::demo_model(lang)
}

fn send(m: &mut Model, ev: Event) {
    if let Some(a) = translate(m, &ev) {
        update(m, a, NOW);
    }
}

fn key(m: &mut Model, code: KeyCode) {
    send(m, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// The item screen of `code`, by `g`.
fn item(m: &mut Model, code: &str) {
    key(m, KeyCode::Enter);
    assert_eq!(m.screen, Screen::Items);
    key(m, KeyCode::Char('g'));
    chars(m, code);
    key(m, KeyCode::Enter);
    assert_eq!(m.screen, Screen::Item);
    assert_eq!(m.item_code, code);
}

fn last_strength(m: &Model) -> Comment {
    m.item_review().unwrap().strengths.last().unwrap().clone()
}

#[test]
fn one_form_text_evidence_codes_with_tab_and_enter_saves() {
    let mut m = model(Lang::En);
    item(&mut m, "4.2.3");
    key(&mut m, KeyCode::Char('s'));
    assert_eq!(m.form.as_ref().unwrap().field, FormField::Text);
    chars(&mut m, "战略部署到各部门");
    key(&mut m, KeyCode::Tab);
    assert_eq!(m.form.as_ref().unwrap().field, FormField::Evidence);
    chars(&mut m, "申报材料第15页");
    key(&mut m, KeyCode::Tab);
    assert_eq!(m.form.as_ref().unwrap().field, FormField::Codes);
    // The item's own codes are offered.
    let frame = screen::render_at(&m, 120, 40);
    assert!(frame.contains("2a") && frame.contains("3b"), "{frame}");
    chars(&mut m, "2a, 3b");
    // Shift+Tab goes back and forth without losing anything.
    send(
        &mut m,
        Event::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
    );
    assert_eq!(m.form.as_ref().unwrap().field, FormField::Evidence);
    key(&mut m, KeyCode::Tab);
    key(&mut m, KeyCode::Enter);
    assert!(m.form.is_none(), "Enter in a one-line field saves");
    let c = last_strength(&m);
    assert_eq!(c.text, "战略部署到各部门");
    assert_eq!(c.evidence, "申报材料第15页");
    assert_eq!(c.requirements, vec!["2a", "3b"]);
}

/// Codes at the start of the evidence (issue 11, the keys plan): `s`, text, Tab,
/// `2a 自评报告第12页`, Enter is a whole comment; the split is shown under the field as it is
/// typed, joined to the picked codes in framework order; a word that is not a code ends them.
#[test]
fn codes_written_before_the_evidence_are_taken_as_codes() {
    for lang in [Lang::Zh, Lang::En] {
        let mut m = model(lang);
        item(&mut m, "4.2.3");
        key(&mut m, KeyCode::Char('s'));
        chars(&mut m, "战略部署到各部门");
        key(&mut m, KeyCode::Tab);
        chars(&mut m, "3B、2a 自评报告第12页");
        let frame = screen::render_at(&m, 120, 40);
        let (req, ev) = match lang {
            Lang::Zh => ("要求", "证据"),
            Lang::En => ("req.", "evidence"),
        };
        let said = format!("→ {req} 2a, 3b · {ev} 自评报告第12页");
        assert!(frame.contains(&said), "{said} in\n{frame}");
        key(&mut m, KeyCode::Enter);
        assert!(m.form.is_none(), "Enter saves");
        let c = last_strength(&m);
        assert_eq!(c.text, "战略部署到各部门");
        assert_eq!(c.evidence, "自评报告第12页");
        assert_eq!(c.requirements, vec!["2a", "3b"]);
    }

    // Joined to the picked ones without repeats, in framework order.
    let mut m = model(Lang::Zh);
    item(&mut m, "4.2.3");
    key(&mut m, KeyCode::Char('o'));
    chars(&mut m, "部署的系统性不足");
    key(&mut m, KeyCode::Tab);
    chars(&mut m, "3a：附表3");
    key(&mut m, KeyCode::Tab);
    chars(&mut m, "3a, 2b");
    key(&mut m, KeyCode::Enter);
    let c = m.item_review().unwrap().ofis.last().unwrap().clone();
    assert_eq!(c.evidence, "附表3");
    assert_eq!(c.requirements, vec!["2b", "3a"]);

    // Not a code of the item: evidence as typed, nothing taken, nothing shown.
    key(&mut m, KeyCode::Char('s'));
    chars(&mut m, "方法明确");
    key(&mut m, KeyCode::Tab);
    chars(&mut m, "P23 自评报告");
    let frame = screen::render_at(&m, 120, 40);
    assert!(!frame.contains("→ 要求"), "{frame}");
    key(&mut m, KeyCode::Tab);
    chars(&mut m, "2a");
    key(&mut m, KeyCode::Enter);
    let c = last_strength(&m);
    assert_eq!(c.evidence, "P23 自评报告");
    assert_eq!(c.requirements, vec!["2a"]);
}

#[test]
fn codes_not_the_items_are_refused_with_the_valid_list_and_esc_keeps_the_form() {
    let mut m = model(Lang::En);
    item(&mut m, "4.2.3");
    key(&mut m, KeyCode::Char('o'));
    chars(&mut m, "部署的系统性不足");
    key(&mut m, KeyCode::Tab);
    key(&mut m, KeyCode::Tab);
    chars(&mut m, "gz");
    key(&mut m, KeyCode::Enter);
    let f = m.form.as_ref().expect("a refused code keeps the form");
    let why = f.refused.clone().unwrap();
    assert!(why.contains("gz"), "{why}");
    assert!(why.contains("2a 2b 2c 2d 2e 3a 3b"), "{why}");
    // Esc does not throw the typed text away: the form stays, the reason with it.
    key(&mut m, KeyCode::Esc);
    assert!(m.form.is_some());
    let frame = screen::render_at(&m, 120, 40);
    assert!(frame.contains("gz"), "{frame}");
    // `a` is a code of other items, not of 4.2.3.
    key(&mut m, KeyCode::Backspace);
    key(&mut m, KeyCode::Backspace);
    chars(&mut m, "a");
    key(&mut m, KeyCode::Esc);
    assert!(m.form.is_some(), "a is refused too");
    key(&mut m, KeyCode::Backspace);
    chars(&mut m, "2c");
    key(&mut m, KeyCode::Esc);
    assert!(m.form.is_none());
    let c = m.item_review().unwrap().ofis.last().unwrap().clone();
    assert_eq!(c.text, "部署的系统性不足");
    assert_eq!(c.requirements, vec!["2c"]);
}

#[test]
fn the_picker_ticks_codes_with_up_down_and_space_and_ctrl_s_saves_from_the_text() {
    let mut m = model(Lang::Zh);
    item(&mut m, "4.2.3");
    key(&mut m, KeyCode::Char('s'));
    chars(&mut m, "目标分解到位");
    send(
        &mut m,
        Event::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
    );
    assert_eq!(m.form.as_ref().unwrap().field, FormField::Codes);
    key(&mut m, KeyCode::Down);
    key(&mut m, KeyCode::Down);
    key(&mut m, KeyCode::Char(' '));
    key(&mut m, KeyCode::Up);
    key(&mut m, KeyCode::Char(' '));
    assert_eq!(last_strength(&m).requirements, vec!["2b", "2a"]);
    key(&mut m, KeyCode::Char(' '));
    assert_eq!(last_strength(&m).requirements, vec!["2b"]);
    key(&mut m, KeyCode::Tab);
    assert_eq!(m.form.as_ref().unwrap().field, FormField::Text);
    send(
        &mut m,
        Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
    );
    assert!(m.form.is_none(), "Ctrl+S saves from the text field");
    assert_eq!(last_strength(&m).text, "目标分解到位");
}

#[test]
fn a_pasted_paragraph_loses_its_trailing_newlines_and_keeps_inner_ones() {
    let mut m = model(Lang::Zh);
    item(&mut m, "4.1.2");
    key(&mut m, KeyCode::Char('s'));
    send(&mut m, Event::Paste("第一段。\r\n第二段。\r\n\r\n".into()));
    key(&mut m, KeyCode::Tab);
    send(&mut m, Event::Paste("申报材料\n第3页\n".into()));
    key(&mut m, KeyCode::Enter);
    let c = last_strength(&m);
    assert_eq!(c.text, "第一段。\n第二段。");
    assert_eq!(c.evidence, "申报材料 第3页");
}

#[test]
fn the_fields_open_where_the_comment_is_and_an_empty_form_leaves_nothing() {
    let mut m = model(Lang::Zh);
    item(&mut m, "4.1.2");
    let before = m.item_review().unwrap().strengths.len();
    key(&mut m, KeyCode::Char('s'));
    chars(&mut m, "质量方针宣贯到班组");
    key(&mut m, KeyCode::Tab);
    let frame = screen::render_at(&m, 80, 24);
    let rows: Vec<&str> = frame.lines().collect();
    let text_row = rows
        .iter()
        .position(|r| r.contains("质量方针宣贯到班组"))
        .expect("the text on screen");
    let evidence_row = text_row
        + rows[text_row..]
            .iter()
            .position(|r| r.contains("证据:"))
            .expect("the evidence field on screen");
    assert!(
        evidence_row > text_row && evidence_row - text_row <= 2,
        "evidence at row {evidence_row}, text at {text_row}:\n{frame}"
    );
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.item_review().unwrap().strengths.len(), before + 1);
    // Undo takes the whole form visit back in one step, redo brings it again.
    let ctrl = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    send(&mut m, ctrl('z'));
    assert_eq!(m.item_review().unwrap().strengths.len(), before);
    send(&mut m, ctrl('y'));
    assert_eq!(last_strength(&m).text, "质量方针宣贯到班组");
    // A new form left empty is dropped, Esc or Enter alike.
    key(&mut m, KeyCode::Char('s'));
    key(&mut m, KeyCode::Esc);
    key(&mut m, KeyCode::Char('o'));
    let ofis = m.item_review().unwrap().ofis.len();
    key(&mut m, KeyCode::Tab);
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.item_review().unwrap().strengths.len(), before + 1);
    assert_eq!(m.item_review().unwrap().ofis.len(), ofis - 1);
}

/// The text of the open dialog's field.
fn dialog_text(m: &Model) -> String {
    use scorebook::tui::model::{AddStep, Dialog};
    match m.dialog.as_ref().expect("a dialog") {
        Dialog::Rename { name } => name.lines().join(" "),
        Dialog::Goto { code, .. } => code.lines().join(" "),
        Dialog::TypeScore { value, .. } => value.lines().join(" "),
        Dialog::ImportRound { path, .. } => path.lines().join(" "),
        Dialog::Add(f) if f.step == AddStep::Name => f.name.lines().join(" "),
        Dialog::Add(f) => f.relationship.lines().join(" "),
        d => panic!("{d:?}"),
    }
}

#[test]
fn esc_keeps_typed_text_in_every_dialog() {
    let mut m = model(Lang::Zh);
    // Rename, add, import and declare on the applicants screen.
    for (open, typed) in [('r', "新名称"), ('a', "金山某公司"), ('i', "~/round.json")] {
        key(&mut m, KeyCode::Char(open));
        if open == 'r' {
            key(&mut m, KeyCode::End);
            for _ in 0..40 {
                key(&mut m, KeyCode::Backspace);
            }
        }
        chars(&mut m, typed);
        key(&mut m, KeyCode::Esc);
        assert!(m.dialog.is_none(), "{open}: Esc closes");
        assert!(
            format!("{:?}", m.status).contains("已保留"),
            "{open}: {:?}",
            m.status
        );
        key(&mut m, KeyCode::Char(open));
        assert_eq!(dialog_text(&m), typed, "{open}: the typed text is back");
        key(&mut m, KeyCode::Esc);
    }
    // Declaring a relationship learned later: Esc through the steps, the text is kept.
    key(&mut m, KeyCode::Char('c'));
    key(&mut m, KeyCode::Enter);
    chars(&mut m, "曾为其提供辅导");
    key(&mut m, KeyCode::Esc);
    key(&mut m, KeyCode::Esc);
    assert!(m.dialog.is_none());
    key(&mut m, KeyCode::Char('c'));
    key(&mut m, KeyCode::Enter);
    assert_eq!(dialog_text(&m), "曾为其提供辅导");
    key(&mut m, KeyCode::Esc);
    key(&mut m, KeyCode::Esc);
    // Go to and type a score on the item screen.
    item(&mut m, "4.1.2");
    key(&mut m, KeyCode::Char('g'));
    chars(&mut m, "4.3");
    key(&mut m, KeyCode::Esc);
    key(&mut m, KeyCode::Char('g'));
    assert_eq!(dialog_text(&m), "4.3");
    key(&mut m, KeyCode::Esc);
    key(&mut m, KeyCode::Char('t'));
    chars(&mut m, "65");
    key(&mut m, KeyCode::Esc);
    key(&mut m, KeyCode::Char('t'));
    assert_eq!(dialog_text(&m), "65");
    key(&mut m, KeyCode::Enter);
    assert_eq!(
        m.item_review().unwrap().percent.map(|p| p.value()),
        Some(65)
    );
    // Taken once used: the next t shows the score, selected.
    key(&mut m, KeyCode::Char('t'));
    assert_eq!(dialog_text(&m), "65");
}

/// The form with codes written before the evidence: the split under the field and the
/// evidence hint, in both languages and sizes.
#[test]
fn form_with_codes_before_the_evidence_snapshots() {
    for lang in [Lang::Zh, Lang::En] {
        let mut m = model(lang);
        item(&mut m, "4.2.3");
        key(&mut m, KeyCode::Char('s'));
        chars(&mut m, "实施计划按季度评审并展开到班组");
        key(&mut m, KeyCode::Tab);
        chars(&mut m, "2a、3b 自评报告第12页");
        for (w, h) in [(80, 24), (120, 40)] {
            let snap = format!("form_lead_codes_{}_{w}x{h}", lang.code());
            insta::assert_snapshot!(snap, screen::snapshot_at(&m, w, h));
        }
    }
}

/// The frame at `w`×`h` and the terminal cursor the view set.
fn frame_and_cursor(m: &Model, w: u16, h: u16) -> (ratatui::buffer::Buffer, (u16, u16)) {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| scorebook::tui::view::view(m, f)).unwrap();
    let p = t.get_cursor_position().unwrap();
    (t.backend().buffer().clone(), (p.x, p.y))
}

/// Issue 11: the comment being typed wraps by the same rules as the comment shown — for every
/// length that puts "，" at the wrap point of the field, no row starts with it — and the
/// terminal cursor is on the caret's cell (here on the "，", the caret moved back onto it).
#[test]
fn a_comment_being_typed_never_starts_a_row_with_a_comma_and_the_cursor_is_on_the_caret() {
    for (w, h) in [(80, 24), (120, 40)] {
        for n in 20..=60 {
            let mut m = model(Lang::Zh);
            item(&mut m, "4.1.2");
            key(&mut m, KeyCode::Char('s'));
            let head: String = "质量方针宣贯到班组".chars().cycle().take(n).collect();
            chars(&mut m, &head);
            chars(&mut m, "，管理评审");
            for _ in 0..5 {
                key(&mut m, KeyCode::Left);
            }
            let (buf, (cx, cy)) = frame_and_cursor(&m, w, h);
            // The field's left edge: where the text being typed begins.
            let sym = |x: u16, y: u16| buf[(x, y)].symbol().to_string();
            let x0 = (0..buf.area.height)
                .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
                .find(|&(x, y)| {
                    x + 6 < buf.area.width
                        && ["质", "量", "方", "针"]
                            .iter()
                            .enumerate()
                            .all(|(i, c)| sym(x + 2 * i as u16, y) == *c)
                })
                .map(|(x, _)| x)
                .expect("the text on screen");
            for y in 0..buf.area.height {
                assert_ne!(
                    sym(x0, y),
                    "，",
                    "{w}×{h}, {n} characters: row {y} of the field (column {x0}) starts with ，\n{}",
                    screen::render_at(&m, w, h)
                );
            }
            assert_eq!(
                buf[(cx, cy)].symbol(),
                "，",
                "{w}×{h}, {n} characters: the cursor at ({cx}, {cy})\n{}",
                screen::render_at(&m, w, h)
            );
        }
    }
}
