//! One item: its score, its strengths and OFIs (优势、改进机会), its site-visit issues, and the
//! criteria beside them.

use super::editor::open_editor;
use super::form::open_form;
use super::items::{item_rows_codes, open_item};
use super::{
    Effect, TEXT_GROUP, apply, apply_fx, clamp_selections, error, kind_of, open_goto,
    review_allowed, step,
};
use crate::i18n::tui::Msg;
use crate::review::{CommentRef, Move, ReviewError, SiteIssueKind, Stage, Step};
use crate::tui::action::Action;
use crate::tui::model::{
    CommentList, Dialog, EditTarget, Entry, Field, FormField, ItemPane, Model, Screen, entries,
};

pub(super) fn score_step(m: &mut Model, up: bool) -> Vec<Effect> {
    let code = m.item_code.clone();
    let step = if up { Step::Up } else { Step::Down };
    apply_fx(m, |a, fw| {
        let stage = a.current_stage();
        a.step_percent(fw, stage, &code, step)
    })
}

fn selected_entry(m: &Model) -> Option<Entry> {
    entries(m.item_review()).get(m.entry_sel).copied()
}

/// The outcome dialog of a site-visit issue: an open one comes with the first resolved status
/// of its kind chosen (核实 → 已核实, 澄清 → 已澄清), a resolved one with its own; the note as
/// written, or as Esc left it typed.
fn open_resolve(m: &mut Model, item: String, index: usize) {
    let Some(issue) = m
        .item_review()
        .and_then(|ir| ir.site_issues.get(index))
        .cloned()
    else {
        return;
    };
    let status = if issue.is_open() {
        issue.status.next()
    } else {
        issue.status
    };
    let key = super::dialogs::note_draft_key(m, &item, index);
    let note = super::dialogs::field(m, &key, &issue.note);
    m.dialog = Some(Dialog::ResolveIssue {
        item,
        index,
        status,
        note,
    });
}

pub(super) fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    let n = entries(m.item_review()).len();
    match action {
        Action::Back => {
            let code = m.item_code.clone();
            open_item(m, code);
            m.screen = Screen::Items;
        }
        Action::NextPane | Action::PrevPane => {
            m.item_pane = match m.item_pane {
                ItemPane::Comments => ItemPane::Criteria,
                ItemPane::Criteria => ItemPane::Comments,
            }
        }
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End
            if m.item_pane == ItemPane::Criteria =>
        {
            m.criteria_scroll = match action {
                Action::Up => m.criteria_scroll.saturating_sub(1),
                Action::Down => m.criteria_scroll.saturating_add(1),
                Action::PageUp => m.criteria_scroll.saturating_sub(10),
                Action::PageDown => m.criteria_scroll.saturating_add(10),
                Action::Home => 0,
                _ => u16::MAX / 2,
            }
        }
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End => step(&mut m.entry_sel, n, &action),
        Action::NextItem | Action::PrevItem => {
            let codes: Vec<String> = item_rows_codes(m).into_iter().flatten().collect();
            if let Some(i) = codes.iter().position(|c| *c == m.item_code) {
                let j = if action == Action::NextItem {
                    (i + 1).min(codes.len() - 1)
                } else {
                    i.saturating_sub(1)
                };
                let code = codes[j].clone();
                open_item(m, code);
            }
        }
        Action::GotoItem => open_goto(m),
        Action::NextOpenIssue => super::open_issues::next_open_issue(m),
        Action::StartSiteReview => super::applicants::ask_site_review(m),
        Action::ScoreUp | Action::ScoreDown => return score_step(m, action == Action::ScoreUp),
        Action::TypeScore if review_allowed(m) => {
            let cur = m
                .item_review()
                .and_then(|ir| ir.percent)
                .map(|p| p.value().to_string())
                .unwrap_or_default();
            // The old value comes selected: typing replaces it (t, 5, 5 gives 55, not 1055).
            // What Esc left typed comes back as it was.
            let key = format!(
                "score:{}:{}",
                m.applicant().map(|a| a.id.to_string()).unwrap_or_default(),
                m.item_code
            );
            let mut value = super::dialogs::field(m, &key, &cur);
            if !cur.is_empty() {
                value.select_all();
            }
            m.dialog = Some(Dialog::TypeScore { value, error: None });
        }
        Action::ClearScore => {
            let code = m.item_code.clone();
            return apply_fx(m, |a, fw| {
                let stage = a.current_stage();
                a.clear_percent(fw, stage, &code)
            });
        }
        Action::ToggleDone => {
            let code = m.item_code.clone();
            let done = !m.item_review().is_some_and(|ir| ir.done);
            return apply_fx(m, |a, fw| {
                let stage = a.current_stage();
                a.set_done(fw, stage, &code, done)
            });
        }
        Action::AddStrength | Action::AddOfi if review_allowed(m) => {
            let list = if action == Action::AddStrength {
                CommentList::Strengths
            } else {
                CommentList::Ofis
            };
            let code = m.item_code.clone();
            m.undo.seal();
            let Some((index, mut fx)) = apply(m, Some(TEXT_GROUP), |a, fw| {
                let stage = a.current_stage();
                a.add_comment(fw, stage, &code, kind_of(list), Default::default())
            }) else {
                return Vec::new();
            };
            m.item_pane = ItemPane::Comments;
            m.entry_sel = entries(m.item_review())
                .iter()
                .position(|e| *e == Entry::Comment(list, index))
                .unwrap_or(0);
            fx.extend(open_form(m, code, list, index, FormField::Text));
            return fx;
        }
        // One dialog: the kind (核实 unless switched) and the text; Enter adds the issue.
        Action::AddSiteIssue if review_allowed(m) => {
            let key = super::dialogs::issue_draft_key(m);
            let text = super::dialogs::field(m, &key, "");
            m.dialog = Some(Dialog::SiteIssue {
                kind: SiteIssueKind::Verify,
                text,
                empty: false,
            })
        }
        Action::Open | Action::EditTags | Action::EditEvidence | Action::EditNote
            if n > 0 && review_allowed(m) =>
        {
            let item = m.item_code.clone();
            // One form for the whole comment: Enter opens it at the text, the evidence and
            // codes actions (no default keys, kept for users' key tables) at their field.
            let target = match (selected_entry(m), &action) {
                (Some(Entry::Comment(list, index)), Action::Open) => {
                    Some((list, index, FormField::Text))
                }
                (Some(Entry::Comment(list, index)), Action::EditTags) => {
                    Some((list, index, FormField::Codes))
                }
                (Some(Entry::Comment(list, index)), Action::EditEvidence) => {
                    Some((list, index, FormField::Evidence))
                }
                _ => None,
            };
            if let Some((list, index, field)) = target {
                return open_form(m, item, list, index, field);
            }
            if let Some(Entry::Issue(index)) = selected_entry(m) {
                let site = m.stage() == Stage::SiteReview;
                let open = m
                    .item_review()
                    .and_then(|ir| ir.site_issues.get(index))
                    .is_some_and(|i| i.is_open());
                // On site an issue's outcome and note are one dialog: `n` on any issue, Enter
                // on an open one (Enter on a resolved one still edits its text).
                match action {
                    Action::EditNote if site => open_resolve(m, item, index),
                    Action::Open if site && open => open_resolve(m, item, index),
                    Action::EditNote => error(m, Msg::NotInSite),
                    Action::Open => {
                        return open_editor(
                            m,
                            EditTarget::SiteIssue {
                                item,
                                index,
                                field: Field::Text,
                            },
                            false,
                        );
                    }
                    _ => {}
                }
                return Vec::new();
            }
        }
        Action::Cycle if n > 0 => {
            if let Some(Entry::Issue(i)) = selected_entry(m) {
                let code = m.item_code.clone();
                let Some(issue) = m
                    .item_review()
                    .and_then(|ir| ir.site_issues.get(i))
                    .cloned()
                else {
                    return Vec::new();
                };
                if m.stage() == Stage::SiteReview {
                    let next = issue.status.next();
                    return apply_fx(m, |a, fw| {
                        a.resolve_site_issue(fw, &code, i, next, &issue.note)
                    });
                }
                let kind = match issue.kind() {
                    SiteIssueKind::Verify => SiteIssueKind::Clarify,
                    SiteIssueKind::Clarify => SiteIssueKind::Verify,
                };
                return apply_fx(m, |a, fw| {
                    let stage = a.current_stage();
                    a.edit_site_issue(fw, stage, &code, i, kind, &issue.text)
                });
            }
        }
        Action::Delete if n > 0 => {
            let sel = selected_entry(m);
            let code = m.item_code.clone();
            let fx = apply_fx(m, |a, fw| {
                let stage = a.current_stage();
                match sel {
                    Some(Entry::Comment(list, index)) => a
                        .delete_comment(
                            fw,
                            stage,
                            &code,
                            CommentRef {
                                kind: kind_of(list),
                                index,
                            },
                        )
                        .map(|_| ()),
                    Some(Entry::Issue(i)) => a.delete_site_issue(fw, stage, &code, i).map(|_| ()),
                    None => Ok(()),
                }
            });
            clamp_selections(m);
            return fx;
        }
        Action::MoveUp | Action::MoveDown if n > 1 => {
            let dir = if action == Action::MoveUp {
                Move::Up
            } else {
                Move::Down
            };
            let sel = selected_entry(m);
            let code = m.item_code.clone();
            let moved = apply(m, None, |a, fw| {
                let stage = a.current_stage();
                match sel {
                    Some(Entry::Comment(list, index)) => a
                        .move_comment(
                            fw,
                            stage,
                            &code,
                            CommentRef {
                                kind: kind_of(list),
                                index,
                            },
                            dir,
                        )
                        .map(|j| Entry::Comment(list, j)),
                    Some(Entry::Issue(i)) => a
                        .move_site_issue(fw, stage, &code, i, dir)
                        .map(Entry::Issue),
                    None => Err(ReviewError::UnknownItem(code.clone())),
                }
            });
            if let Some((entry, fx)) = moved {
                if let Some(p) = entries(m.item_review()).iter().position(|e| *e == entry) {
                    m.entry_sel = p;
                }
                return fx;
            }
        }
        _ => {}
    }
    Vec::new()
}
