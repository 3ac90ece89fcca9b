//! Reopens the text field the position says was open (see [`crate::tui::resume`]): only on the
//! screen and item it belongs to, only while the field still exists and the review may be
//! changed; otherwise the app opens without it and nothing is lost (the text is saved).

use super::editor::field_text;
use crate::tui::model::{
    Dialog, EditTarget, Editor, Entry, Field, FormField, ItemPane, Model, Screen, entries,
    text_area,
};
use crate::tui::resume::{DialogTarget, multiline, parse_dialog, parse_target};
use crate::workspace::{Editing, Position};

/// Opens the field (or site-visit issue dialog) of `p.editing`, if any, with the cursor where
/// it was. Call it once the typed drafts are in the model: a dialog's text is among them.
pub fn resume_editing(m: &mut Model, p: &Position) {
    let Some(editing) = &p.editing else { return };
    if let Some(dialog) = parse_dialog(&editing.target) {
        resume_dialog(m, p, dialog, editing);
        return;
    }
    let Some(target) = parse_target(&editing.target, p.item.as_deref()) else {
        return;
    };
    let at_home = match &target {
        EditTarget::KeyFactor(_) => m.screen == Screen::KeyFactors,
        EditTarget::EligibilityNote(_) => m.screen == Screen::Eligibility,
        EditTarget::Comment { item, .. } | EditTarget::SiteIssue { item, .. } => {
            m.screen == Screen::Item && *item == m.item_code
        }
        EditTarget::Consensus(_) => false,
    };
    let allowed = m.applicant().is_some_and(|a| a.check_can_score().is_ok());
    if !at_home || !allowed {
        return;
    }
    let Some(text) = m.applicant().and_then(|a| field_text(a, &target)) else {
        return;
    };
    // The selection follows the field, as when it was opened.
    match &target {
        EditTarget::KeyFactor(i) => m.key_factor_sel = *i,
        EditTarget::EligibilityNote(id) => {
            if let Some(i) = m
                .checklist()
                .and_then(|c| c.conditions.iter().position(|c| c.id == *id))
            {
                m.eligibility_sel = i;
            }
        }
        EditTarget::Comment { list, index, .. } => {
            select_entry(m, Entry::Comment(*list, *index));
        }
        EditTarget::SiteIssue { index, .. } => select_entry(m, Entry::Issue(*index)),
        EditTarget::Consensus(_) => {}
    }
    // A strength or an OFI is edited in the comment form: it reopens on the same field.
    if let EditTarget::Comment {
        item,
        list,
        index,
        field,
    } = &target
    {
        let field = match field {
            Field::Evidence => FormField::Evidence,
            Field::Tags => FormField::Codes,
            Field::Text | Field::Note => FormField::Text,
        };
        super::form::open_form(m, item.clone(), *list, *index, field);
        if let Some(f) = m.form.as_mut() {
            let line = u16::try_from(editing.line).unwrap_or(u16::MAX);
            let column = u16::try_from(editing.column).unwrap_or(u16::MAX);
            f.area_mut()
                .move_cursor(ratatui_textarea::CursorMove::Jump(line, column));
        }
        return;
    }
    let mut area = text_area(&text);
    let line = u16::try_from(editing.line).unwrap_or(u16::MAX);
    let column = u16::try_from(editing.column).unwrap_or(u16::MAX);
    area.move_cursor(ratatui_textarea::CursorMove::Jump(line, column));
    m.editor = Some(Editor {
        multiline: multiline(&target),
        target,
        area,
    });
}

/// Reopens a site-visit issue dialog on its item screen, with its choice, its text (taken back
/// from the drafts) and the cursor, where the keys that open it would open it now; otherwise
/// its text stays a draft, offered when the dialog is next opened.
fn resume_dialog(m: &mut Model, p: &Position, dialog: DialogTarget, editing: &Editing) {
    let at_home = m.screen == Screen::Item && p.item.as_deref() == Some(m.item_code.as_str());
    let allowed = m.applicant().is_some_and(|a| a.check_can_score().is_ok());
    if !at_home || !allowed {
        return;
    }
    // The text as it was, the cursor where it was.
    let area = |text: &str| {
        let mut a = text_area(text);
        let line = u16::try_from(editing.line).unwrap_or(u16::MAX);
        let column = u16::try_from(editing.column).unwrap_or(u16::MAX);
        a.move_cursor(ratatui_textarea::CursorMove::Jump(line, column));
        a
    };
    match dialog {
        DialogTarget::NewIssue(kind) => {
            let key = super::dialogs::issue_draft_key(m);
            let text = m.drafts.remove(&key).unwrap_or_default();
            m.dialog = Some(Dialog::SiteIssue {
                kind,
                text: area(&text),
                empty: false,
            });
        }
        DialogTarget::Outcome { index, status } => {
            let Some(issue) = m
                .item_review()
                .and_then(|ir| ir.site_issues.get(index))
                .cloned()
            else {
                return;
            };
            if m.stage() != crate::review::Stage::SiteReview {
                return;
            }
            // An outcome of the issue's own kind, as the dialog offers (a hand edit aside).
            let status = if status.kind() == issue.kind() {
                status
            } else {
                issue.status.next()
            };
            let item = m.item_code.clone();
            let key = super::dialogs::note_draft_key(m, &item, index);
            let note = m.drafts.remove(&key).unwrap_or(issue.note);
            select_entry(m, Entry::Issue(index));
            m.dialog = Some(Dialog::ResolveIssue {
                item,
                index,
                status,
                note: area(&note),
            });
        }
    }
}

fn select_entry(m: &mut Model, entry: Entry) {
    m.item_pane = ItemPane::Comments;
    if let Some(i) = entries(m.item_review()).iter().position(|e| *e == entry) {
        m.entry_sel = i;
    }
}
