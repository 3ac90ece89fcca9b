//! The comment form (评语): one box for a strength's or an OFI's text, its evidence (证据) and
//! the requirement codes (要求编号) it addresses, Tab / Shift+Tab between them, drawn where the
//! comment is. Text and evidence go into the applicant keystroke by keystroke, so nothing typed
//! is lost; the codes once every one is the item's own (the framework's labels: 4.2.3 has
//! `2a`…`3b`), otherwise the refusal names the valid ones and the form stays open. Codes may
//! also open the evidence (`2a 自评报告第12页`): they are joined to the picked ones and the
//! rest is the evidence (`review::lead_codes`), the split shown under the field as it is
//! typed. Enter in a
//! one-line field, Ctrl+S or Esc leave it keeping what is written; the visit is one undo step.

use super::editor::parse_tags;
use super::{Effect, TEXT_GROUP, apply, clamp_selections, kind_of, pasted};
use crate::review::{CommentRef, check_requirements, merge_codes, split_lead_codes};
use crate::tui::action::Action;
use crate::tui::model::{CommentForm, CommentList, FormField, Model, text_area};

/// Opens the form on a comment of the current applicant's stage, focused on `field`.
pub(super) fn open_form(
    m: &mut Model,
    item: String,
    list: CommentList,
    index: usize,
    field: FormField,
) -> Vec<Effect> {
    let Some(c) = m
        .review()
        .and_then(|r| r.items.get(item.as_str()))
        .and_then(|ir| ir.comments(kind_of(list)).get(index))
        .cloned()
    else {
        return Vec::new();
    };
    let choices: Vec<String> = m
        .framework()
        .and_then(|f| f.item(&item))
        .map(|it| it.requirements.iter().map(|r| r.label.clone()).collect())
        .unwrap_or_default();
    m.form = Some(CommentForm {
        item,
        list,
        index,
        field,
        text: text_area(&c.text),
        evidence: text_area(&c.evidence),
        codes: text_area(&c.requirements.join(", ")),
        lead: split_lead_codes(&choices, &c.evidence),
        choices,
        pick: None,
        refused: None,
    });
    Vec::new()
}

/// The codes typed in the form, as labels.
fn typed_codes(f: &CommentForm) -> Vec<String> {
    parse_tags(&f.codes.lines().join(" "))
}

/// Why the typed codes are refused, worded; `None` when all are the item's own.
fn refusal(m: &Model) -> Option<String> {
    let f = m.form.as_ref()?;
    let fw = m.framework()?;
    check_requirements(fw, &f.item, &typed_codes(f))
        .err()
        .map(|e| e.message(m.lang))
}

/// Writes the form into the comment: the text as typed; the codes written before the evidence
/// (`2a 自评报告第12页`) joined to those picked, the rest as the evidence. While picked codes
/// are refused, the evidence is kept as typed, codes and all, so nothing is lost.
fn sync(m: &mut Model) -> Vec<Effect> {
    let Some(f) = m.form.as_mut() else {
        return Vec::new();
    };
    let text = f.text.lines().join("\n");
    let typed_evidence = f.evidence.lines().join(" ");
    f.lead = split_lead_codes(&f.choices, &typed_evidence);
    let codes = merge_codes(&f.choices, &typed_codes(f), &f.lead.codes);
    let split_evidence = f.lead.evidence.clone();
    let (item, at) = (
        f.item.clone(),
        CommentRef {
            kind: kind_of(f.list),
            index: f.index,
        },
    );
    let valid = refusal(m).is_none();
    let evidence = if valid {
        split_evidence
    } else {
        typed_evidence
    };
    apply(m, Some(TEXT_GROUP), |a, fw| {
        let stage = a.current_stage();
        let mut c = a
            .review(stage)
            .and_then(|r| r.items.get(item.as_str()))
            .and_then(|ir| ir.comments(at.kind).get(at.index))
            .cloned()
            .unwrap_or_default();
        c.text = text;
        c.evidence = evidence;
        if valid {
            c.requirements = codes;
        }
        a.edit_comment(fw, stage, &item, at, c)
    })
    .map(|(_, fx)| fx)
    .unwrap_or_default()
}

pub(super) fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    let Some(f) = m.form.as_mut() else {
        return Vec::new();
    };
    match action {
        Action::Type(input) => {
            f.pick = None;
            if f.area_mut().input(input) {
                f.refused = None;
                return sync(m);
            }
        }
        Action::Paste(text) => {
            let text = pasted(&text, f.field == FormField::Text);
            if f.area_mut().insert_str(text) {
                f.refused = None;
                return sync(m);
            }
        }
        Action::Undo if f.area_mut().undo() => return sync(m),
        Action::Redo if f.area_mut().redo() => return sync(m),
        Action::NextPane | Action::PrevPane => {
            let leaving_codes = f.field == FormField::Codes;
            f.field = match (f.field, action == Action::NextPane) {
                (FormField::Text, true) | (FormField::Codes, false) => FormField::Evidence,
                (FormField::Evidence, true) | (FormField::Text, false) => FormField::Codes,
                (FormField::Codes, true) | (FormField::Evidence, false) => FormField::Text,
            };
            f.pick = None;
            if leaving_codes {
                let why = refusal(m);
                if let Some(f) = m.form.as_mut() {
                    f.refused = why;
                }
            }
        }
        Action::Up | Action::Down if !f.choices.is_empty() => {
            let n = f.choices.len();
            f.pick = Some(match (f.pick, action == Action::Down) {
                (None, true) => 0,
                (None, false) => n - 1,
                (Some(i), true) => (i + 1) % n,
                (Some(i), false) => (i + n - 1) % n,
            });
        }
        Action::Cycle => {
            let Some(label) = f.pick.and_then(|i| f.choices.get(i)).cloned() else {
                return Vec::new();
            };
            let mut codes = typed_codes(f);
            if let Some(i) = codes.iter().position(|c| *c == label) {
                codes.remove(i);
            } else {
                codes.push(label);
            }
            f.codes = text_area(&codes.join(", "));
            f.refused = None;
            return sync(m);
        }
        Action::Open | Action::Back => return close(m),
        // PgDn / PgUp from a one-line field: saved, then the next / previous item.
        Action::NextItem | Action::PrevItem => {
            let mut fx = close(m);
            if m.form.is_none() {
                fx.extend(super::item::update(m, action));
            }
            return fx;
        }
        _ => {}
    }
    Vec::new()
}

/// Leaves the form keeping what is written. Codes that are not the item's keep it open, at
/// the codes, with the reason; a comment left with nothing in it is dropped.
fn close(m: &mut Model) -> Vec<Effect> {
    if let Some(why) = refusal(m) {
        if let Some(f) = m.form.as_mut() {
            f.field = FormField::Codes;
            f.refused = Some(why);
        }
        return Vec::new();
    }
    let Some(f) = m.form.take() else {
        return Vec::new();
    };
    let blank =
        |a: &ratatui_textarea::TextArea<'static>| a.lines().iter().all(|l| l.trim().is_empty());
    let mut fx = Vec::new();
    if blank(&f.text) && blank(&f.evidence) && blank(&f.codes) {
        let at = CommentRef {
            kind: kind_of(f.list),
            index: f.index,
        };
        fx = apply(m, Some(TEXT_GROUP), |a, fw| {
            let stage = a.current_stage();
            a.delete_comment(fw, stage, &f.item, at).map(|_| ())
        })
        .map(|(_, fx)| fx)
        .unwrap_or_default();
        clamp_selections(m);
    }
    m.undo.seal();
    fx
}
