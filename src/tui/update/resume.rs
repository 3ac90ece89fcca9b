//! Reopens the text field the position says was open (see [`crate::tui::resume`]): only on the
//! screen and item it belongs to, only while the field still exists and the review may be
//! changed; otherwise the app opens without it and nothing is lost (the text is saved).

use super::editor::field_text;
use crate::tui::model::{
    EditTarget, Editor, Entry, Field, FormField, ItemPane, Model, Screen, entries, text_area,
};
use crate::tui::resume::{multiline, parse_target};
use crate::workspace::Position;

/// Opens the field of `p.editing`, if any, with the cursor where it was.
pub fn resume_editing(m: &mut Model, p: &Position) {
    let Some(editing) = &p.editing else { return };
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

fn select_entry(m: &mut Model, entry: Entry) {
    m.item_pane = ItemPane::Comments;
    if let Some(i) = entries(m.item_review()).iter().position(|e| *e == entry) {
        m.entry_sel = i;
    }
}
