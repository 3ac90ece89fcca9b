//! Edit mode after a crash (issue 11, "edit mode is restored after a crash"): the open text
//! field is part of the position kept in the config — what it edits and where the cursor is —
//! so a restart after kill -9 or a power cut opens the same field with the cursor where it was.
//! The text itself is in the applicant already (every keystroke is saved through the review
//! rules); this brings back the mode.
//!
//! The target is written as a short path, e.g. `comment/strengths/2/text`,
//! `site_issue/0/note`, `key_factor/3`, `eligibility_note/registered`; the item is the
//! position's own.
//!
//! The site-visit issue dialogs are recorded the same way, with their choice in the path:
//! `issue_new/clarify` (`v`: a new issue of that kind on the item) and
//! `issue_outcome/0/verify/not_as_documented` (`n`: the item's issue 0, that outcome chosen).
//! Their text is not in an applicant yet, nor in the config (plain, while the home may be
//! encrypted): it is kept with the typed drafts in the workspace, under the key Esc keeps it by.

use super::model::{CommentForm, CommentList, Dialog, EditTarget, Editor, Field, FormField};
use crate::review::{ClarifyStatus, SiteIssueKind, SiteIssueStatus, VerifyStatus};
use crate::workspace::Editing;

/// An open site-visit issue dialog, as the position names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogTarget {
    /// `v`: a new issue of this kind on the position's item.
    NewIssue(SiteIssueKind),
    /// `n` or Enter on site: the outcome of the item's issue `index`, `status` chosen.
    Outcome {
        index: usize,
        status: SiteIssueStatus,
    },
}

/// Every outcome the dialog can hold, by the name the path gives it.
const STATUSES: [(SiteIssueStatus, &str); 5] = [
    (
        SiteIssueStatus::Verify(VerifyStatus::Pending),
        "verify/pending",
    ),
    (
        SiteIssueStatus::Verify(VerifyStatus::Verified),
        "verify/verified",
    ),
    (
        SiteIssueStatus::Verify(VerifyStatus::NotAsDocumented),
        "verify/not_as_documented",
    ),
    (
        SiteIssueStatus::Clarify(ClarifyStatus::Pending),
        "clarify/pending",
    ),
    (
        SiteIssueStatus::Clarify(ClarifyStatus::Clarified),
        "clarify/clarified",
    ),
];

fn kind_name(k: SiteIssueKind) -> &'static str {
    match k {
        SiteIssueKind::Verify => "verify",
        SiteIssueKind::Clarify => "clarify",
    }
}

/// The path of an open site-visit issue dialog.
pub fn dialog_path(t: DialogTarget) -> String {
    match t {
        DialogTarget::NewIssue(kind) => format!("issue_new/{}", kind_name(kind)),
        DialogTarget::Outcome { index, status } => {
            let name = STATUSES
                .iter()
                .find(|(s, _)| *s == status)
                .map_or("verify/pending", |(_, n)| n);
            format!("issue_outcome/{index}/{name}")
        }
    }
}

/// The dialog a path names; `None` for anything else (a text field's path, a hand edit).
pub fn parse_dialog(path: &str) -> Option<DialogTarget> {
    let parts: Vec<&str> = path.split('/').collect();
    Some(match parts.as_slice() {
        ["issue_new", kind] => DialogTarget::NewIssue(match *kind {
            "verify" => SiteIssueKind::Verify,
            "clarify" => SiteIssueKind::Clarify,
            _ => return None,
        }),
        ["issue_outcome", index, kind, status] => {
            let name = format!("{kind}/{status}");
            DialogTarget::Outcome {
                index: index.parse().ok()?,
                status: STATUSES.iter().find(|(_, n)| *n == name)?.0,
            }
        }
        _ => return None,
    })
}

/// The position's record of an open site-visit issue dialog: which, its choice, the cursor in
/// its text. Other dialogs are not reopened (their text, if any, is kept as a draft by Esc).
pub fn dialog_editing(d: &Dialog) -> Option<Editing> {
    let (target, area) = match d {
        Dialog::SiteIssue { kind, text, .. } => (DialogTarget::NewIssue(*kind), text),
        Dialog::ResolveIssue {
            index,
            status,
            note,
            ..
        } => (
            DialogTarget::Outcome {
                index: *index,
                status: *status,
            },
            note,
        ),
        _ => return None,
    };
    let c = area.cursor();
    Some(Editing {
        target: dialog_path(target),
        line: c.0,
        column: c.1,
    })
}

/// The position's record of an open field; `None` for a field not of a reviewer's
/// applicant (the leader's consensus text keeps its own draft).
pub fn editing(e: &Editor) -> Option<Editing> {
    let c = e.area.cursor();
    Some(Editing {
        target: target_path(&e.target)?,
        line: c.0,
        column: c.1,
    })
}

/// The position's record of an open comment form: the comment and its focused field (the
/// codes field is the comment's `tags`), with the cursor in that field.
pub fn form_editing(f: &CommentForm) -> Option<Editing> {
    let field = match f.field {
        FormField::Text => Field::Text,
        FormField::Evidence => Field::Evidence,
        FormField::Codes => Field::Tags,
    };
    let target = EditTarget::Comment {
        item: f.item.clone(),
        list: f.list,
        index: f.index,
        field,
    };
    let area = match f.field {
        FormField::Text => &f.text,
        FormField::Evidence => &f.evidence,
        FormField::Codes => &f.codes,
    };
    let c = area.cursor();
    Some(Editing {
        target: target_path(&target)?,
        line: c.0,
        column: c.1,
    })
}

fn field_name(f: Field) -> &'static str {
    match f {
        Field::Text => "text",
        Field::Tags => "tags",
        Field::Evidence => "evidence",
        Field::Note => "note",
    }
}

fn field_from(s: &str) -> Option<Field> {
    Some(match s {
        "text" => Field::Text,
        "tags" => Field::Tags,
        "evidence" => Field::Evidence,
        "note" => Field::Note,
        _ => return None,
    })
}

/// The target as the config writes it.
pub fn target_path(t: &EditTarget) -> Option<String> {
    Some(match t {
        EditTarget::KeyFactor(i) => format!("key_factor/{i}"),
        EditTarget::EligibilityNote(id) => format!("eligibility_note/{id}"),
        EditTarget::Comment {
            list, index, field, ..
        } => {
            let list = match list {
                CommentList::Strengths => "strengths",
                CommentList::Ofis => "ofis",
            };
            format!("comment/{list}/{index}/{}", field_name(*field))
        }
        EditTarget::SiteIssue { index, field, .. } => {
            format!("site_issue/{index}/{}", field_name(*field))
        }
        EditTarget::Consensus(_) => return None,
    })
}

/// The target a path names, on the position's item; `None` for anything not understood (a
/// newer build's path, a hand edit): the app then opens without a field, losing nothing.
pub fn parse_target(path: &str, item: Option<&str>) -> Option<EditTarget> {
    let parts: Vec<&str> = path.split('/').collect();
    let item = || item.map(str::to_string);
    Some(match parts.as_slice() {
        ["key_factor", i] => EditTarget::KeyFactor(i.parse().ok()?),
        ["eligibility_note", id] if !id.is_empty() => EditTarget::EligibilityNote(id.to_string()),
        ["comment", list, i, f] => EditTarget::Comment {
            item: item()?,
            list: match *list {
                "strengths" => CommentList::Strengths,
                "ofis" => CommentList::Ofis,
                _ => return None,
            },
            index: i.parse().ok()?,
            field: field_from(f)?,
        },
        ["site_issue", i, f] => EditTarget::SiteIssue {
            item: item()?,
            index: i.parse().ok()?,
            field: field_from(f)?,
        },
        _ => return None,
    })
}

/// Whether Enter makes a new line in the field (a comment's text), as when it was opened.
pub fn multiline(t: &EditTarget) -> bool {
    matches!(
        t,
        EditTarget::Comment {
            field: Field::Text,
            ..
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_reads_back_as_written() {
        let targets = [
            EditTarget::KeyFactor(3),
            EditTarget::EligibilityNote("registered".into()),
            EditTarget::Comment {
                item: "4.1.2".into(),
                list: CommentList::Ofis,
                index: 2,
                field: Field::Evidence,
            },
            EditTarget::SiteIssue {
                item: "4.1.2".into(),
                index: 0,
                field: Field::Note,
            },
        ];
        for t in targets {
            let path = target_path(&t).unwrap();
            assert_eq!(parse_target(&path, Some("4.1.2")), Some(t), "{path}");
        }
        assert_eq!(parse_dialog("comment/ofis/2/evidence"), None);
        for bad in [
            "",
            "comment/strengths/x/text",
            "comment/other/1/text",
            "site_issue/1",
        ] {
            assert_eq!(parse_target(bad, Some("4.1.2")), None, "{bad}");
        }
        assert_eq!(parse_target("site_issue/0/text", None), None);
    }

    #[test]
    fn every_dialog_reads_back_as_written() {
        let mut targets = vec![
            DialogTarget::NewIssue(SiteIssueKind::Verify),
            DialogTarget::NewIssue(SiteIssueKind::Clarify),
        ];
        targets.extend(STATUSES.iter().map(|(status, _)| DialogTarget::Outcome {
            index: 7,
            status: *status,
        }));
        for t in targets {
            let path = dialog_path(t);
            assert_eq!(parse_dialog(&path), Some(t), "{path}");
            assert_eq!(parse_target(&path, Some("4.1.2")), None, "{path}");
        }
        for bad in [
            "issue_new",
            "issue_new/other",
            "issue_outcome/x/verify/verified",
            "issue_outcome/0/clarify/verified",
            "issue_outcome/0/verify",
        ] {
            assert_eq!(parse_dialog(bad), None, "{bad}");
        }
    }
}
