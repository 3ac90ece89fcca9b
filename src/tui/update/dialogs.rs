//! The modal boxes: first run, add applicant and declare, rename, confirmations, go to item,
//! type a score, a new site-visit issue (kind and text), an issue's outcome and note on site,
//! start-up notices.

use super::items::open_item;
use super::{Effect, apply, apply_fx, error, info, step};
use crate::i18n::tui::Msg;
use crate::review::{Applicant, ReviewError, SiteIssueKind};
use crate::tui::action::Action;
use crate::tui::model::text_area;
use crate::tui::model::{
    AddForm, AddStep, Dialog, Entry, ItemPane, Model, Screen, StatusLine, entries,
};
use ratatui_textarea::TextArea;

fn dialog_text(d: &mut Dialog) -> Option<&mut ratatui_textarea::TextArea<'static>> {
    match d {
        Dialog::FirstRun { name } | Dialog::Rename { name } => Some(name),
        Dialog::UnsavedQuit { folder, .. } => Some(folder),
        Dialog::ImportRound { path, .. } => Some(path),
        Dialog::Add(f) => match f.step {
            AddStep::Name => Some(&mut f.name),
            AddStep::Relationship => Some(&mut f.relationship),
            _ => None,
        },
        Dialog::Goto { code, .. } => Some(code),
        Dialog::TypeScore { value, .. } => Some(value),
        Dialog::SiteIssue { text, .. } => Some(text),
        Dialog::ResolveIssue { note, .. } => Some(note),
        Dialog::Conduct {
            note,
            on_note: true,
            ..
        } => Some(note),
        _ => None,
    }
}

/// The drafts a dialog holds: (key, text) for each text it has, keyed so that the same dialog
/// on the same applicant (or item) finds them again. Unchanged values are not drafts.
fn drafts_of(m: &Model, d: &Dialog) -> Vec<(String, String)> {
    let text = |a: &ratatui_textarea::TextArea<'static>| a.lines().join(" ");
    let id = m.applicant().map(|a| a.id.to_string()).unwrap_or_default();
    match d {
        Dialog::Rename { name } if m.applicant().is_some_and(|a| a.name != text(name)) => {
            vec![(format!("rename:{id}"), text(name))]
        }
        Dialog::Add(f) => match &f.existing {
            Some(id) => vec![(format!("declare:{id}"), text(&f.relationship))],
            None => vec![
                ("add:name".to_string(), text(&f.name)),
                ("add:relationship".to_string(), text(&f.relationship)),
            ],
        },
        Dialog::Goto { code, .. } => vec![("goto".to_string(), text(code))],
        Dialog::TypeScore { value, .. } => {
            let old = m
                .item_review()
                .and_then(|ir| ir.percent)
                .map(|p| p.value().to_string())
                .unwrap_or_default();
            if text(value) == old {
                Vec::new()
            } else {
                vec![(format!("score:{id}:{}", m.item_code), text(value))]
            }
        }
        Dialog::ImportRound { path, .. } => vec![("import".to_string(), text(path))],
        Dialog::SiteIssue { text: t, .. } => vec![(issue_draft_key(m), text(t))],
        Dialog::ResolveIssue {
            item, index, note, ..
        } => {
            let old = m
                .review()
                .and_then(|r| r.items.get(item.as_str()))
                .and_then(|ir| ir.site_issues.get(*index))
                .map(|i| i.note.clone())
                .unwrap_or_default();
            if text(note) == old {
                Vec::new()
            } else {
                vec![(note_draft_key(m, item, *index), text(note))]
            }
        }
        Dialog::Conduct { verdict, note, .. } => super::conduct::drafts(m, *verdict, note),
        Dialog::UnsavedQuit { folder, .. } => vec![("rescue".to_string(), text(folder))],
        _ => Vec::new(),
    }
}

/// Where the text of a new site-visit issue on the current item waits after Esc.
pub(super) fn issue_draft_key(m: &Model) -> String {
    let id = m.applicant().map(|a| a.id.to_string()).unwrap_or_default();
    format!("issue:{id}:{}", m.item_code)
}

/// Where the note of a site-visit issue waits after Esc.
pub(super) fn note_draft_key(m: &Model, item: &str, index: usize) -> String {
    let id = m.applicant().map(|a| a.id.to_string()).unwrap_or_default();
    format!("note:{id}:{item}:{index}")
}

/// Every typed draft the workspace keeps: those Esc kept, and the open dialog's text (a crash
/// while it is open loses nothing; see [`crate::tui::resume`]).
pub fn typed_drafts(m: &Model) -> crate::workspace::Drafts {
    let mut all = m.drafts.clone();
    for d in [&m.dialog, &m.dialog_after_notices].into_iter().flatten() {
        all.extend(
            drafts_of(m, d)
                .into_iter()
                .filter(|(_, t)| !t.trim().is_empty()),
        );
    }
    all
}

/// Keeps what a closing dialog holds typed, and says so.
pub(super) fn keep_drafts(m: &mut Model, d: &Dialog) {
    let kept: Vec<(String, String)> = drafts_of(m, d)
        .into_iter()
        .filter(|(_, t)| !t.trim().is_empty())
        .collect();
    if !kept.is_empty() {
        m.drafts.extend(kept);
        info(m, Msg::DraftKept);
    }
}

/// A dialog's field: the draft Esc kept for it, selected (typing replaces it, a move keeps
/// it), or else `default`. The draft is taken: it is in the dialog again.
pub(super) fn field(m: &mut Model, key: &str, default: &str) -> TextArea<'static> {
    match m.drafts.remove(key) {
        Some(d) => {
            let mut a = text_area(&d);
            a.select_all();
            a
        }
        None => text_area(default),
    }
}

pub(super) fn update(m: &mut Model, action: Action, now: &str) -> Vec<Effect> {
    let before = (action == Action::Back).then(|| m.dialog.clone()).flatten();
    let fx = update_dialog(m, action, now);
    // Esc closed it: what was typed is kept for the next time it opens.
    if m.dialog.is_none()
        && let Some(d) = before
    {
        keep_drafts(m, &d);
    }
    fx
}

fn update_dialog(m: &mut Model, action: Action, now: &str) -> Vec<Effect> {
    let Some(mut d) = m.dialog.take() else {
        return Vec::new();
    };
    // Typing into the dialog's field.
    if let Some(area) = dialog_text(&mut d) {
        let typed = match action {
            Action::Type(ref input) => {
                area.input(input.clone());
                true
            }
            Action::Paste(ref text) => {
                area.insert_str(super::pasted(text, false));
                true
            }
            Action::Undo => {
                area.undo();
                true
            }
            Action::Redo => {
                area.redo();
                true
            }
            _ => false,
        };
        if typed {
            clear_dialog_error(&mut d);
            m.dialog = Some(d);
            return Vec::new();
        }
    }
    match d {
        Dialog::FirstRun { name } => {
            let text = name.lines().join(" ").trim().to_string();
            if action == Action::Open && !text.is_empty() {
                return complete_first_run(m, text, now);
            }
            // The first run cannot be skipped: the name goes on every sheet.
            m.dialog = Some(Dialog::FirstRun { name });
        }
        Dialog::UnsavedQuit { folder, error } => match action {
            Action::Open => {
                let dir = folder.lines().join("").trim().to_string();
                if dir.is_empty() {
                    m.dialog = Some(Dialog::UnsavedQuit { folder, error });
                } else {
                    m.dialog = Some(Dialog::UnsavedQuit { folder, error });
                    return vec![Effect::RescueTo(dir.into())];
                }
            }
            Action::Back => {}
            _ => m.dialog = Some(Dialog::UnsavedQuit { folder, error }),
        },
        Dialog::ImportRound { path, error } => match action {
            Action::Open => {
                let typed = path.lines().join("").trim().to_string();
                if typed.is_empty() {
                    m.dialog = Some(Dialog::ImportRound { path, error });
                } else {
                    // The dialog stays until the loop says how the import went.
                    let file = expand_home(&typed, m.home_dir.as_deref());
                    m.dialog = Some(Dialog::ImportRound { path, error });
                    return vec![Effect::ImportRound(file)];
                }
            }
            Action::Back => {}
            _ => m.dialog = Some(Dialog::ImportRound { path, error }),
        },
        Dialog::Restore {
            backups,
            mut sel,
            error,
        } => match action {
            Action::Open if !backups.is_empty() => {
                // The dialog stays until the loop says how the restore went.
                let path = backups.get(sel).map(|b| b.path.clone());
                m.dialog = Some(Dialog::Restore {
                    backups,
                    sel,
                    error,
                });
                if let Some(path) = path {
                    return vec![Effect::Restore(path)];
                }
            }
            Action::Back | Action::Open => {}
            a @ (Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Home
            | Action::End) => {
                step(&mut sel, backups.len(), &a);
                m.dialog = Some(Dialog::Restore {
                    backups,
                    sel,
                    error: None,
                });
            }
            _ => {
                m.dialog = Some(Dialog::Restore {
                    backups,
                    sel,
                    error,
                })
            }
        },
        Dialog::Rename { name } => match action {
            Action::Open => {
                let text = name.lines().join(" ").trim().to_string();
                if text.is_empty() {
                    error(m, Msg::EmptyName);
                    m.dialog = Some(Dialog::Rename { name });
                } else {
                    return apply_fx(m, |a, _| {
                        a.name = text;
                        Ok(())
                    });
                }
            }
            Action::Back => {}
            _ => m.dialog = Some(Dialog::Rename { name }),
        },
        Dialog::Add(form) => return add_form(m, *form, action, now),
        Dialog::Conduct {
            verdict,
            note,
            on_note,
            error,
        } => return super::conduct::update(m, verdict, note, on_note, error, action),
        Dialog::ConfirmRemove => match action {
            Action::Open => {
                if m.read_only || m.applicants.is_empty() {
                    return Vec::new();
                }
                let a = m.applicants.remove(m.current);
                m.current = m.current.min(m.applicants.len().saturating_sub(1));
                m.undo.clear();
                m.screen = Screen::Applicants;
                info(m, Msg::Removed);
                return vec![Effect::Remove(a.id.into())];
            }
            Action::Back => {}
            _ => m.dialog = Some(Dialog::ConfirmRemove),
        },
        Dialog::ConfirmExport => match action {
            Action::Open => return export_now(m, false),
            Action::Back => {}
            Action::ToggleSeal => return toggle_seal(m, Dialog::ConfirmExport),
            _ => m.dialog = Some(Dialog::ConfirmExport),
        },
        Dialog::ConfirmDraftExport { unscored } => match action {
            Action::Open => return export_now(m, true),
            Action::Back => {}
            Action::ToggleSeal => return toggle_seal(m, Dialog::ConfirmDraftExport { unscored }),
            _ => m.dialog = Some(Dialog::ConfirmDraftExport { unscored }),
        },
        Dialog::ConfirmOpenIssues {
            unscored,
            open,
            no_conduct,
        } => match action {
            Action::Open => return export_now(m, unscored > 0),
            Action::Back => {}
            Action::ToggleSeal => {
                return toggle_seal(
                    m,
                    Dialog::ConfirmOpenIssues {
                        unscored,
                        open,
                        no_conduct,
                    },
                );
            }
            _ => {
                m.dialog = Some(Dialog::ConfirmOpenIssues {
                    unscored,
                    open,
                    no_conduct,
                })
            }
        },
        Dialog::ConfirmSiteReview => match action {
            Action::Open => {
                let fx = apply_fx(m, |a, _| a.start_site_review());
                if !fx.is_empty() {
                    info(m, Msg::SiteStarted);
                }
                return fx;
            }
            Action::Back => {}
            _ => m.dialog = Some(Dialog::ConfirmSiteReview),
        },
        Dialog::Goto { code, .. } => match action {
            Action::Open => {
                // `433`, `4.3.3` and `4.3` (the category's first item) all find their item.
                let text = code.lines().join("");
                let found = m
                    .framework()
                    .and_then(|f| f.find_item(&text))
                    .map(|i| i.code.to_string());
                if let Some(found) = found {
                    open_item(m, found);
                } else {
                    m.dialog = Some(Dialog::Goto { code, error: true });
                }
            }
            Action::Back => {}
            _ => m.dialog = Some(Dialog::Goto { code, error: false }),
        },
        Dialog::TypeScore { value, error: e } => match action {
            Action::Open => {
                let text = value.lines().join("");
                let code = m.item_code.clone();
                if let Some((_, fx)) = apply(m, None, |a, fw| {
                    let stage = a.current_stage();
                    a.set_percent_text(fw, stage, &code, &text)
                }) {
                    return fx;
                }
                // The rule's reason is on the status line; keep the field for another try.
                let msg = m.status.take().map(|s| match s {
                    StatusLine::Info(s) | StatusLine::Error(s) => s,
                });
                m.dialog = Some(Dialog::TypeScore { value, error: msg });
            }
            Action::Back => {}
            _ => m.dialog = Some(Dialog::TypeScore { value, error: e }),
        },
        Dialog::SiteIssue { kind, text, empty } => match action {
            Action::Open => {
                let typed = text.lines().join(" ").trim().to_string();
                if typed.is_empty() {
                    m.dialog = Some(Dialog::SiteIssue {
                        kind,
                        text,
                        empty: true,
                    });
                    return Vec::new();
                }
                let code = m.item_code.clone();
                m.undo.seal();
                let Some((index, fx)) = apply(m, None, |a, fw| {
                    let stage = a.current_stage();
                    a.add_site_issue(fw, stage, &code, kind, &typed)
                }) else {
                    // The rule's reason is on the status line; the text stays in the box.
                    m.dialog = Some(Dialog::SiteIssue { kind, text, empty });
                    return Vec::new();
                };
                m.item_pane = ItemPane::Comments;
                m.entry_sel = entries(m.item_review())
                    .iter()
                    .position(|e| *e == Entry::Issue(index))
                    .unwrap_or(0);
                return fx;
            }
            Action::Back => {}
            Action::Cycle | Action::CycleBack => {
                let kind = match kind {
                    SiteIssueKind::Verify => SiteIssueKind::Clarify,
                    SiteIssueKind::Clarify => SiteIssueKind::Verify,
                };
                m.dialog = Some(Dialog::SiteIssue { kind, text, empty });
            }
            _ => m.dialog = Some(Dialog::SiteIssue { kind, text, empty }),
        },
        Dialog::ResolveIssue {
            item,
            index,
            status,
            note,
        } => match action {
            Action::Open | Action::NextOpenIssue => {
                let typed = note.lines().join(" ").trim().to_string();
                let resolved = apply(m, None, |a, fw| {
                    a.resolve_site_issue(fw, &item, index, status, &typed)
                });
                let Some((_, fx)) = resolved else {
                    m.dialog = Some(Dialog::ResolveIssue {
                        item,
                        index,
                        status,
                        note,
                    });
                    return Vec::new();
                };
                if action == Action::NextOpenIssue {
                    // PgDn: on to the next open issue in item order, from this one.
                    if let Some(p) = entries(m.item_review())
                        .iter()
                        .position(|e| *e == Entry::Issue(index))
                    {
                        m.entry_sel = p;
                    }
                    super::open_issues::next_open_issue(m);
                } else {
                    select_next_open_issue(m, index);
                }
                return fx;
            }
            Action::Back => {}
            Action::Cycle | Action::CycleBack => {
                let status = if action == Action::Cycle {
                    status.next()
                } else {
                    status.prev()
                };
                m.dialog = Some(Dialog::ResolveIssue {
                    item,
                    index,
                    status,
                    note,
                });
            }
            _ => {
                m.dialog = Some(Dialog::ResolveIssue {
                    item,
                    index,
                    status,
                    note,
                })
            }
        },
        Dialog::Notices(list) => {
            if !matches!(action, Action::Open | Action::Back) {
                m.dialog = Some(Dialog::Notices(list));
            } else if std::mem::take(&mut m.first_run_pending) {
                m.dialog = Some(Dialog::FirstRun {
                    name: crate::tui::model::text_area(""),
                });
            } else {
                m.dialog = m.dialog_after_notices.take();
            }
        }
    }
    Vec::new()
}

/// After an issue is resolved: the item's next open issue (after it, then from the top), so
/// the next `n` or Enter goes on with the item's to-do list; the resolved one if none is left.
fn select_next_open_issue(m: &mut Model, resolved: usize) {
    let Some(ir) = m.item_review() else {
        return;
    };
    let n = ir.site_issues.len();
    let next = (1..=n)
        .map(|k| (resolved + k) % n)
        .find(|i| ir.site_issues.get(*i).is_some_and(|s| s.is_open()))
        .unwrap_or(resolved);
    if let Some(p) = entries(Some(ir))
        .iter()
        .position(|e| *e == Entry::Issue(next))
    {
        m.entry_sel = p;
    }
    m.item_pane = ItemPane::Comments;
}

fn clear_dialog_error(d: &mut Dialog) {
    match d {
        Dialog::Goto { error, .. } => *error = false,
        Dialog::TypeScore { error, .. } => *error = None,
        Dialog::Add(f) => f.error = None,
        Dialog::ImportRound { error, .. } => *error = None,
        Dialog::SiteIssue { empty, .. } => *empty = false,
        Dialog::Conduct { error, .. } => *error = None,
        _ => {}
    }
}

/// The first run, once the reviewer's name is known (typed, or the existing key's): saved in
/// the config, the demo made, the key made if there is none.
pub(super) fn complete_first_run(m: &mut Model, name: String, now: &str) -> Vec<Effect> {
    m.config.reviewer_name = Some(name.clone());
    m.reviewer = name.clone();
    let mut fx = create_demo(m, now);
    fx.push(Effect::SaveConfig);
    fx.push(Effect::EnsureKey(name));
    fx
}

/// The demo applicant (示例), once per home: removing it does not bring it back.
fn create_demo(m: &mut Model, now: &str) -> Vec<Effect> {
    if m.config.demo_created || m.read_only {
        return Vec::new();
    }
    let Ok(data) = crate::review::demo::DemoData::embedded() else {
        return Vec::new();
    };
    let Some(fw) = m.catalog.framework(&data.framework) else {
        return Vec::new();
    };
    let demo = data.to_applicant(&fw.hash, now);
    m.config.demo_created = true;
    let id = demo.id.to_string();
    if m.applicants.iter().any(|a| a.id == id) {
        return Vec::new();
    }
    m.applicants.insert(0, demo);
    m.current = 0;
    vec![Effect::Save(id)]
}

fn add_form(m: &mut Model, mut f: AddForm, action: Action, now: &str) -> Vec<Effect> {
    let tracks = m.tracks().len();
    match (f.step, action) {
        (AddStep::Name, Action::Back) => return Vec::new(),
        (AddStep::Name, Action::Open | Action::NextPane) => {
            if f.name.lines().join(" ").trim().is_empty() {
                f.error = Some(Msg::EmptyName);
            } else {
                f.step = AddStep::Track;
            }
        }
        (AddStep::Track, Action::Back) => f.step = AddStep::Name,
        (AddStep::Track, a @ (Action::Up | Action::Down | Action::Home | Action::End)) => {
            step(&mut f.track, tracks, &a)
        }
        (AddStep::Track, Action::Open | Action::NextPane) if tracks > 0 => {
            f.step = AddStep::Conflict
        }
        (AddStep::Conflict, Action::Back) => {
            if f.existing.is_some() {
                return Vec::new();
            }
            f.step = AddStep::Track;
        }
        (AddStep::Conflict, Action::Up) => f.conflict = 0,
        (AddStep::Conflict, Action::Down) => f.conflict = 1,
        (AddStep::Conflict, Action::Open | Action::NextPane) => {
            if f.conflict == 0 {
                return finish_add(m, f, None, now);
            }
            f.step = AddStep::Relationship;
        }
        (AddStep::Relationship, Action::Back) => f.step = AddStep::Conflict,
        (AddStep::Relationship, Action::Open) => {
            let rel = f.relationship.lines().join(" ").trim().to_string();
            if rel.is_empty() {
                f.error = Some(Msg::EmptyRelationship);
            } else {
                return finish_add(m, f, Some(rel), now);
            }
        }
        _ => {}
    }
    m.dialog = Some(Dialog::Add(Box::new(f)));
    Vec::new()
}

fn declare(a: &mut Applicant, relationship: Option<&str>, now: &str) -> Result<(), ReviewError> {
    match relationship {
        None => a.declare_no_conflict(now),
        Some(r) => a.declare_conflict(r, now),
    }
}

/// Adds the applicant (or records the declaration of an existing one). The declaration is on
/// record for good, so it is not an undo step.
fn finish_add(m: &mut Model, f: AddForm, relationship: Option<String>, now: &str) -> Vec<Effect> {
    if m.read_only {
        error(m, Msg::ReadOnlyRefused);
        return Vec::new();
    }
    if let Some(id) = &f.existing {
        let Some(i) = m.applicants.iter().position(|a| &a.id == id) else {
            return Vec::new();
        };
        m.current = i;
        return match declare(&mut m.applicants[i], relationship.as_deref(), now) {
            Ok(()) => {
                info(m, Msg::ConflictRecorded);
                vec![Effect::Save(id.clone())]
            }
            Err(e) => {
                m.status = Some(StatusLine::Error(e.message(m.lang)));
                Vec::new()
            }
        };
    }
    let tracks = m.tracks();
    let Some((program, track)) = tracks.get(f.track) else {
        return Vec::new();
    };
    let (program, track_id, fw_id) = (
        program.to_string(),
        track.id.clone(),
        track.framework.clone(),
    );
    let Some(fw) = m.catalog.framework(&fw_id) else {
        error(m, Msg::NoFramework);
        return Vec::new();
    };
    let name = f.name.lines().join(" ").trim().to_string();
    let id = m.next_id.clone();
    let mut a = Applicant::new(&id, &name, &program, &track_id, &fw.doc.id, &fw.hash, now);
    if let Err(e) = declare(&mut a, relationship.as_deref(), now) {
        m.status = Some(StatusLine::Error(e.message(m.lang)));
        return Vec::new();
    }
    m.next_id = bump_id(&id);
    m.applicants.push(a);
    m.current = m.applicants.len() - 1;
    m.undo.clear();
    m.screen = Screen::Items;
    m.items_sel = 0;
    vec![Effect::Save(id)]
}

/// `A7` → `A8`; anything else gets `A1` appended (ids stay unique either way).
fn bump_id(id: &str) -> String {
    match id.strip_prefix('A').and_then(|n| n.parse::<u64>().ok()) {
        Some(n) => format!("A{}", n.saturating_add(1)),
        None => format!("{id}A1"),
    }
}

/// `~` or `~/…` at the start of a typed path stands for the user's home folder (as in a
/// shell); anything else is taken as typed. Quotes a file manager adds when a file is dragged
/// into the terminal are dropped.
pub fn expand_home(typed: &str, home: Option<&std::path::Path>) -> std::path::PathBuf {
    let typed = typed.trim();
    let typed = typed
        .strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .or_else(|| typed.strip_prefix('"').and_then(|t| t.strip_suffix('"')))
        .unwrap_or(typed);
    if let Some(h) = home {
        if typed == "~" {
            return h.to_path_buf();
        }
        if let Some(rest) = typed
            .strip_prefix("~/")
            .or_else(|| typed.strip_prefix("~\\"))
        {
            return h.join(rest);
        }
    }
    std::path::PathBuf::from(typed)
}

/// The export the dialog confirmed, sealed as the dialog shows.
fn export_now(m: &mut Model, draft: bool) -> Vec<Effect> {
    let seal = m.seal_choice().seals();
    match m.applicant() {
        Some(a) => vec![Effect::Export {
            id: a.id.to_string(),
            draft,
            seal,
        }],
        None => Vec::new(),
    }
}

/// `s` in an export dialog: sealing on or off, kept in the config (per home); the dialog
/// stays open. Where sealing is not possible the key changes nothing (the dialog says why).
fn toggle_seal(m: &mut Model, dialog: Dialog) -> Vec<Effect> {
    m.dialog = Some(dialog);
    match m.seal_choice() {
        crate::tui::model::SealChoice::Available { on, .. } => {
            m.config.seal_exports = Some(!on);
            if m.read_only {
                Vec::new()
            } else {
                vec![Effect::SaveConfig]
            }
        }
        crate::tui::model::SealChoice::Unavailable(_) => Vec::new(),
    }
}
