//! The text field over part of the applicant: every keystroke is written through the review
//! rules at once (so nothing typed is lost), and the visit is one undo step.

use super::{Effect, TEXT_GROUP, apply, clamp_selections, kind_of};
use crate::framework::Framework;
use crate::review::{Applicant, CommentRef, EligibilityAnswer, ReviewError};
use crate::tui::action::Action;
use crate::tui::model::{EditTarget, Editor, Field, Model, text_area};

/// The current value of a field in the applicant.
fn field_text(a: &Applicant, target: &EditTarget) -> Option<String> {
    let stage = a.current_stage();
    match target {
        EditTarget::KeyFactor(i) => a.key_factors.get(*i).cloned(),
        EditTarget::EligibilityNote(id) => Some(
            a.eligibility
                .get(id)
                .map(|e| e.note.clone())
                .unwrap_or_default(),
        ),
        EditTarget::Comment {
            item,
            list,
            index,
            field,
        } => {
            let c = a
                .review(stage)?
                .items
                .get(item)?
                .comments(kind_of(*list))
                .get(*index)?;
            Some(match field {
                Field::Tags => c.requirements.join(", "),
                Field::Evidence => c.evidence.clone(),
                Field::Text | Field::Note => c.text.clone(),
            })
        }
        EditTarget::SiteIssue { item, index, field } => {
            let issue = a.review(stage)?.items.get(item)?.site_issues.get(*index)?;
            Some(match field {
                Field::Note => issue.note.clone(),
                _ => issue.text.clone(),
            })
        }
        // The consensus screen's fields write into the draft (`update::consensus`).
        EditTarget::Consensus(_) => None,
    }
}

/// Writes a field's text into the applicant through the review rules.
fn set_field(
    a: &mut Applicant,
    fw: &Framework,
    checklist: Option<&crate::program::Checklist>,
    target: &EditTarget,
    text: String,
) -> Result<(), ReviewError> {
    let stage = a.current_stage();
    match target {
        EditTarget::KeyFactor(i) => a.edit_key_factor(*i, &text),
        EditTarget::EligibilityNote(id) => {
            let Some(checklist) = checklist else {
                return Err(ReviewError::UnknownCondition(id.clone()));
            };
            let mut ans: EligibilityAnswer = a.eligibility.get(id).cloned().unwrap_or_default();
            ans.note = text;
            a.set_eligibility(checklist, id, ans)
        }
        EditTarget::Comment {
            item,
            list,
            index,
            field,
        } => {
            let at = CommentRef {
                kind: kind_of(*list),
                index: *index,
            };
            let mut c = a
                .review(stage)
                .and_then(|r| r.items.get(item))
                .and_then(|ir| ir.comments(at.kind).get(*index))
                .cloned()
                .unwrap_or_default();
            match field {
                Field::Tags => c.requirements = parse_tags(&text),
                Field::Evidence => c.evidence = text,
                Field::Text | Field::Note => c.text = text,
            }
            a.edit_comment(fw, stage, item, at, c)
        }
        EditTarget::SiteIssue { item, index, field } => {
            let Some(issue) = a
                .review(stage)
                .and_then(|r| r.items.get(item))
                .and_then(|ir| ir.site_issues.get(*index))
                .cloned()
            else {
                return Err(ReviewError::UnknownItem(item.clone()));
            };
            match field {
                Field::Note => a.resolve_site_issue(fw, item, *index, issue.status, &text),
                _ => a.edit_site_issue(fw, stage, item, *index, issue.kind, &text),
            }
        }
        EditTarget::Consensus(_) => Ok(()),
    }
}

/// `a, c` / `a，c` / `a c` → [a, c].
pub fn parse_tags(text: &str) -> Vec<String> {
    text.split([',', '，', '、', ' ', ';', '；'])
        .map(|s| s.trim().trim_end_matches(')').trim_end_matches('）'))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Opens a text field on a target. Its typing becomes one undo step.
pub(super) fn open_editor(m: &mut Model, target: EditTarget, multiline: bool) -> Vec<Effect> {
    let Some(text) = m.applicant().and_then(|a| field_text(a, &target)) else {
        return Vec::new();
    };
    m.editor = Some(Editor {
        target,
        area: text_area(&text),
        multiline,
    });
    Vec::new()
}

/// Copies the field's text into the applicant after each change.
fn sync_editor(m: &mut Model) -> Vec<Effect> {
    let Some(ed) = &m.editor else {
        return Vec::new();
    };
    let text = ed.area.lines().join(if ed.multiline { "\n" } else { " " });
    let target = ed.target.clone();
    let checklist = m.checklist().cloned();
    apply(m, Some(TEXT_GROUP), |a, fw| {
        set_field(a, fw, checklist.as_ref(), &target, text)
    })
    .map(|(_, fx)| fx)
    .unwrap_or_default()
}

pub(super) fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    let Some(ed) = m.editor.as_mut() else {
        return Vec::new();
    };
    match action {
        Action::Type(input) if ed.area.input(input.clone()) => return sync_editor(m),
        Action::Paste(text) => {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            let text = if ed.multiline {
                text
            } else {
                text.replace('\n', " ")
            };
            if ed.area.insert_str(text) {
                return sync_editor(m);
            }
        }
        Action::Undo if ed.area.undo() => return sync_editor(m),
        Action::Redo if ed.area.redo() => return sync_editor(m),
        Action::Back | Action::Open => return close_editor(m),
        _ => {}
    }
    Vec::new()
}

/// Leaves the field, keeping its text. A new comment, issue or key factor left empty is dropped.
fn close_editor(m: &mut Model) -> Vec<Effect> {
    let Some(ed) = m.editor.take() else {
        return Vec::new();
    };
    let empty = ed.area.lines().iter().all(|l| l.trim().is_empty());
    let mut fx = Vec::new();
    if empty {
        fx = match &ed.target {
            EditTarget::KeyFactor(i) => {
                let i = *i;
                apply(m, Some(TEXT_GROUP), |a, _| {
                    a.delete_key_factor(i).map(|_| ())
                })
            }
            EditTarget::Comment {
                item,
                list,
                index,
                field: Field::Text,
            } => {
                let at = CommentRef {
                    kind: kind_of(*list),
                    index: *index,
                };
                apply(m, Some(TEXT_GROUP), |a, fw| {
                    let stage = a.current_stage();
                    a.delete_comment(fw, stage, item, at).map(|_| ())
                })
            }
            EditTarget::SiteIssue {
                item,
                index,
                field: Field::Text,
            } => apply(m, Some(TEXT_GROUP), |a, fw| {
                let stage = a.current_stage();
                a.delete_site_issue(fw, stage, item, *index).map(|_| ())
            }),
            _ => None,
        }
        .map(|(_, fx)| fx)
        .unwrap_or_default();
        clamp_selections(m);
    }
    m.undo.seal();
    fx
}
