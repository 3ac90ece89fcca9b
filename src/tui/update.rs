//! `update(&mut Model, Action) -> Vec<Effect>`: every change of state, and the effects the loop
//! must run for it (save, remove, export). No I/O here.

use super::action::Action;
use super::model::{
    AddForm, AddStep, CommentList, Dialog, EditTarget, Editor, Entry, Field, ItemPane, Model, Row,
    Screen, StatusLine, entries, text_area,
};
use super::text::{Msg, t};
use crate::framework::Percent;
use crate::review::{
    Applicant, Comment, ConflictDeclaration, EligibilityAnswer, ItemReview, Review, SiteIssue,
    SiteIssueKind, SiteIssueStatus, Stage, Verdict,
};

/// What the loop does after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// The applicant with this id changed: write it (debounced, off the UI thread).
    Save(String),
    /// The reviewer's name changed: write the config.
    SaveConfig,
    /// Remove the applicant from disk, keeping a backup.
    Remove(String),
    /// Export a signed sheet of the applicant's current stage.
    Export(String),
    Quit,
}

/// The applicant's screens, in Tab order.
const TABS: [Screen; 4] = [
    Screen::KeyFactors,
    Screen::Eligibility,
    Screen::Items,
    Screen::Summary,
];

pub fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    if action == Action::Resize {
        return Vec::new();
    }
    if m.help {
        match action {
            Action::Back | Action::Help | Action::Quit | Action::Open => m.help = false,
            Action::Up => m.help_scroll = m.help_scroll.saturating_sub(1),
            Action::Down => m.help_scroll = m.help_scroll.saturating_add(1),
            Action::PageUp => m.help_scroll = m.help_scroll.saturating_sub(10),
            Action::PageDown => m.help_scroll = m.help_scroll.saturating_add(10),
            Action::Home => m.help_scroll = 0,
            _ => {}
        }
        return Vec::new();
    }
    if action == Action::Help {
        m.help = true;
        m.help_scroll = 0;
        return Vec::new();
    }
    if m.dialog.is_some() {
        return dialog(m, action);
    }
    if m.editor.is_some() {
        return editing(m, action);
    }
    m.status = None;
    match action {
        Action::Quit => {
            m.quit = true;
            return vec![Effect::Quit];
        }
        Action::Undo => return undo(m),
        Action::Redo => return redo(m),
        _ => {}
    }
    match m.screen {
        Screen::Applicants => applicants(m, action),
        Screen::KeyFactors => key_factors(m, action),
        Screen::Eligibility => eligibility(m, action),
        Screen::Items => items(m, action),
        Screen::Item => item(m, action),
        Screen::Summary => summary(m, action),
    }
}

fn info(m: &mut Model, msg: Msg) {
    m.status = Some(StatusLine::Info(t(m.lang, msg).to_string()));
}

fn error(m: &mut Model, msg: Msg) {
    m.status = Some(StatusLine::Error(t(m.lang, msg).to_string()));
}

fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Changes the current applicant, recording it for undo. Refused in read-only mode.
fn change(m: &mut Model, f: impl FnOnce(&mut Applicant)) -> Vec<Effect> {
    if m.read_only {
        error(m, Msg::ReadOnlyRefused);
        return Vec::new();
    }
    let Some(a) = m.applicants.get_mut(m.current) else {
        return Vec::new();
    };
    let before = a.clone();
    f(a);
    if *a == before {
        return Vec::new();
    }
    let id = a.id.clone();
    m.history.record(before);
    vec![Effect::Save(id)]
}

/// Review work (scores, comments, key factors, eligibility) needs a no-conflict declaration.
fn review_allowed(m: &mut Model) -> bool {
    if m.read_only {
        error(m, Msg::ReadOnlyRefused);
        return false;
    }
    match m.applicant().map(|a| &a.conflict) {
        Some(ConflictDeclaration::NoConflict { .. }) => true,
        Some(ConflictDeclaration::Conflict { .. }) => {
            error(m, Msg::ScoringLocked);
            false
        }
        Some(ConflictDeclaration::Undeclared) => {
            error(m, Msg::DeclareFirst);
            false
        }
        None => false,
    }
}

fn undo(m: &mut Model) -> Vec<Effect> {
    restore(m, true)
}

fn redo(m: &mut Model) -> Vec<Effect> {
    restore(m, false)
}

fn restore(m: &mut Model, undo: bool) -> Vec<Effect> {
    if m.read_only {
        error(m, Msg::ReadOnlyRefused);
        return Vec::new();
    }
    let popped = if undo {
        m.history.undo.pop()
    } else {
        m.history.redo.pop()
    };
    let Some(snapshot) = popped else {
        info(
            m,
            if undo {
                Msg::NothingToUndo
            } else {
                Msg::NothingToRedo
            },
        );
        return Vec::new();
    };
    let Some(idx) = m.applicants.iter().position(|a| a.id == snapshot.id) else {
        return Vec::new();
    };
    let id = snapshot.id.clone();
    let current = std::mem::replace(&mut m.applicants[idx], snapshot);
    if undo {
        m.history.redo.push(current);
    } else {
        m.history.undo.push(current);
    }
    m.current = idx;
    clamp_selections(m);
    info(m, if undo { Msg::Undone } else { Msg::Redone });
    vec![Effect::Save(id)]
}

fn clamp_selections(m: &mut Model) {
    let n = entries(m.item_review()).len();
    m.entry_sel = m.entry_sel.min(n.saturating_sub(1));
    let k = m.applicant().map_or(0, |a| a.key_factors.len());
    m.key_factor_sel = m.key_factor_sel.min(k.saturating_sub(1));
}

fn step(sel: &mut usize, len: usize, action: &Action) {
    let last = len.saturating_sub(1);
    *sel = match action {
        Action::Up => sel.saturating_sub(1),
        Action::Down => (*sel + 1).min(last),
        Action::PageUp => sel.saturating_sub(10),
        Action::PageDown => (*sel + 10).min(last),
        Action::Home => 0,
        Action::End => last,
        _ => *sel,
    }
    .min(last);
}

fn tab(m: &mut Model, forward: bool) {
    let i = TABS.iter().position(|s| *s == m.screen).unwrap_or(2);
    let n = TABS.len();
    m.screen = TABS[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }];
}

// ---- Applicants ----

fn applicants(m: &mut Model, action: Action) -> Vec<Effect> {
    let n = m.applicants.len();
    match action {
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End => {
            step(&mut m.current, n, &action);
            m.history = Default::default();
        }
        Action::Open | Action::ShowItems if n > 0 => {
            if m.applicant()
                .is_some_and(|a| a.conflict == ConflictDeclaration::Undeclared)
            {
                open_declare(m);
            }
            m.screen = Screen::Items;
        }
        Action::ShowKeyFactors if n > 0 => m.screen = Screen::KeyFactors,
        Action::ShowEligibility if n > 0 => m.screen = Screen::Eligibility,
        Action::ShowSummary if n > 0 => m.screen = Screen::Summary,
        Action::AddApplicant => {
            if m.read_only {
                error(m, Msg::ReadOnlyRefused);
            } else {
                m.dialog = Some(Dialog::Add(Box::new(AddForm {
                    step: AddStep::Name,
                    name: text_area(""),
                    track: 0,
                    conflict: 0,
                    relationship: text_area(""),
                    existing: None,
                    error: None,
                })));
            }
        }
        Action::Rename if n > 0 => {
            if m.read_only {
                error(m, Msg::ReadOnlyRefused);
            } else {
                let name = m.applicant().map(|a| a.name.clone()).unwrap_or_default();
                m.dialog = Some(Dialog::Rename {
                    name: text_area(&name),
                });
            }
        }
        Action::Remove => {
            if n == 0 {
                error(m, Msg::CannotRemoveLast);
            } else if m.read_only {
                error(m, Msg::ReadOnlyRefused);
            } else {
                m.dialog = Some(Dialog::ConfirmRemove);
            }
        }
        Action::DeclareConflict if n > 0 => {
            if m.applicant()
                .is_some_and(|a| a.conflict == ConflictDeclaration::Undeclared)
            {
                open_declare(m);
            } else {
                info(m, Msg::ConflictRecorded);
            }
        }
        Action::StartSiteReview if n > 0 => ask_site_review(m),
        Action::ExportSheet if n > 0 => return export(m),
        _ => {}
    }
    Vec::new()
}

fn open_declare(m: &mut Model) {
    if m.read_only {
        error(m, Msg::ReadOnlyRefused);
        return;
    }
    let id = m.applicant().map(|a| a.id.clone());
    m.dialog = Some(Dialog::Add(Box::new(AddForm {
        step: AddStep::Conflict,
        name: text_area(""),
        track: 0,
        conflict: 0,
        relationship: text_area(""),
        existing: id,
        error: None,
    })));
}

fn ask_site_review(m: &mut Model) {
    if m.stage() == Stage::SiteReview {
        info(m, Msg::SiteAlready);
    } else if review_allowed(m) {
        m.dialog = Some(Dialog::ConfirmSiteReview);
    }
}

fn export(m: &mut Model) -> Vec<Effect> {
    match m.applicant() {
        Some(a) => vec![Effect::Export(a.id.clone())],
        None => Vec::new(),
    }
}

/// `A1`, `A2`, …: one past the highest number in use.
pub fn next_applicant_id(existing: &[Applicant]) -> String {
    let max = existing
        .iter()
        .filter_map(|a| a.id.strip_prefix('A').and_then(|n| n.parse::<u32>().ok()))
        .max()
        .unwrap_or(0);
    format!("A{}", max + 1)
}

// ---- Key factors ----

fn key_factors(m: &mut Model, action: Action) -> Vec<Effect> {
    let n = m.applicant().map_or(0, |a| a.key_factors.len());
    match action {
        Action::Back => m.screen = Screen::Applicants,
        Action::NextPane | Action::PrevPane => tab(m, action == Action::NextPane),
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End => step(&mut m.key_factor_sel, n, &action),
        Action::Add if review_allowed(m) => {
            let at = n;
            m.key_factor_sel = at;
            let mut fx = change(m, |a| a.key_factors.push(String::new()));
            fx.extend(open_editor(m, EditTarget::KeyFactor(at), false, false));
            return fx;
        }
        Action::Open if n > 0 && review_allowed(m) => {
            return open_editor(m, EditTarget::KeyFactor(m.key_factor_sel), false, true);
        }
        Action::Delete if n > 0 && review_allowed(m) => {
            let i = m.key_factor_sel;
            let fx = change(m, |a| {
                a.key_factors.remove(i);
            });
            clamp_selections(m);
            return fx;
        }
        Action::MoveUp | Action::MoveDown if n > 1 && review_allowed(m) => {
            let i = m.key_factor_sel;
            let j = if action == Action::MoveUp {
                i.checked_sub(1)
            } else {
                (i + 1 < n).then_some(i + 1)
            };
            if let Some(j) = j {
                m.key_factor_sel = j;
                return change(m, |a| a.key_factors.swap(i, j));
            }
        }
        _ => {}
    }
    Vec::new()
}

// ---- Eligibility ----

fn eligibility(m: &mut Model, action: Action) -> Vec<Effect> {
    let ids: Vec<String> = m
        .checklist()
        .map(|c| c.conditions.iter().map(|c| c.id.clone()).collect())
        .unwrap_or_default();
    match action {
        Action::Back => m.screen = Screen::Applicants,
        Action::NextPane | Action::PrevPane => tab(m, action == Action::NextPane),
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End => step(&mut m.eligibility_sel, ids.len(), &action),
        Action::Cycle if !ids.is_empty() && review_allowed(m) => {
            let id = ids[m.eligibility_sel.min(ids.len() - 1)].clone();
            return change(m, |a| {
                let ans = a
                    .eligibility
                    .entry(id)
                    .or_insert_with(EligibilityAnswer::default);
                ans.verdict = match ans.verdict {
                    None => Some(Verdict::Met),
                    Some(Verdict::Met) => Some(Verdict::NotMet),
                    Some(Verdict::NotMet) => Some(Verdict::Unclear),
                    Some(Verdict::Unclear) => None,
                };
            });
        }
        Action::Open | Action::EditNote if !ids.is_empty() && review_allowed(m) => {
            let id = ids[m.eligibility_sel.min(ids.len() - 1)].clone();
            return open_editor(m, EditTarget::EligibilityNote(id), false, true);
        }
        _ => {}
    }
    Vec::new()
}

// ---- Items ----

fn item_rows_codes(m: &Model) -> Vec<Option<String>> {
    let Some(f) = m.framework() else {
        return Vec::new();
    };
    m.items_rows()
        .into_iter()
        .map(|r| match r {
            Row::Category(_) => None,
            Row::Item(ci, ii) => Some(f.categories[ci].items[ii].code.clone()),
        })
        .collect()
}

fn items(m: &mut Model, action: Action) -> Vec<Effect> {
    let codes = item_rows_codes(m);
    if codes.is_empty() {
        if action == Action::Back {
            m.screen = Screen::Applicants;
        } else if matches!(action, Action::NextPane | Action::PrevPane) {
            tab(m, action == Action::NextPane);
        }
        return Vec::new();
    }
    // The selection rests on items only; category rows are headings.
    let first_item = codes.iter().position(Option::is_some).unwrap_or(0);
    if codes.get(m.items_sel).is_none_or(Option::is_none) {
        m.items_sel = first_item;
    }
    match action {
        Action::Back => m.screen = Screen::Applicants,
        Action::NextPane | Action::PrevPane => tab(m, action == Action::NextPane),
        Action::Up | Action::PageUp | Action::Home => {
            let n = match action {
                Action::Up => 1,
                Action::PageUp => 10,
                _ => usize::MAX,
            };
            let mut sel = m.items_sel;
            let mut moved = 0;
            while moved < n {
                match (0..sel).rev().find(|i| codes[*i].is_some()) {
                    Some(i) => {
                        sel = i;
                        moved += 1;
                    }
                    None => break,
                }
            }
            m.items_sel = sel;
        }
        Action::Down | Action::PageDown | Action::End => {
            let n = match action {
                Action::Down => 1,
                Action::PageDown => 10,
                _ => usize::MAX,
            };
            let mut sel = m.items_sel;
            let mut moved = 0;
            while moved < n {
                match (sel + 1..codes.len()).find(|i| codes[*i].is_some()) {
                    Some(i) => {
                        sel = i;
                        moved += 1;
                    }
                    None => break,
                }
            }
            m.items_sel = sel;
        }
        Action::Open => {
            if let Some(Some(code)) = codes.get(m.items_sel) {
                open_item(m, code.clone());
            }
        }
        Action::GotoItem => {
            m.dialog = Some(Dialog::Goto {
                code: text_area(""),
                error: false,
            })
        }
        Action::ScoreUp | Action::ScoreDown => {
            if let Some(Some(code)) = codes.get(m.items_sel) {
                m.item_code = code.clone();
                return score_step(m, action == Action::ScoreUp);
            }
        }
        _ => {}
    }
    Vec::new()
}

fn open_item(m: &mut Model, code: String) {
    if let Some(i) = item_rows_codes(m)
        .iter()
        .position(|c| c.as_deref() == Some(code.as_str()))
    {
        m.items_sel = i;
    }
    if m.item_code != code {
        m.entry_sel = 0;
        m.criteria_scroll = 0;
    }
    m.item_code = code;
    m.screen = Screen::Item;
}

// ---- Item ----

/// Changes the current item's review in the current stage.
fn change_item(m: &mut Model, f: impl FnOnce(&mut ItemReview)) -> Vec<Effect> {
    let code = m.item_code.clone();
    change(m, |a| {
        let stage = a.current_stage();
        if let Some(r) = a.review_mut(stage) {
            let ir = r.items.entry(code.clone()).or_default();
            f(ir);
            if *ir == ItemReview::default() {
                r.items.remove(&code);
            }
        }
    })
}

fn score_step(m: &mut Model, up: bool) -> Vec<Effect> {
    if !review_allowed(m) {
        return Vec::new();
    }
    let Some(step) = m.framework().map(|f| f.percent_step) else {
        error(m, Msg::NoFramework);
        return Vec::new();
    };
    change_item(m, |ir| {
        ir.percent = Some(match (ir.percent, up) {
            (Some(p), true) => p.step_up(step),
            (Some(p), false) => p.step_down(step),
            (None, true) => Percent::ZERO.step_up(step),
            (None, false) => Percent::ZERO,
        })
    })
}

fn selected_entry(m: &Model) -> Option<Entry> {
    entries(m.item_review()).get(m.entry_sel).copied()
}

fn item(m: &mut Model, action: Action) -> Vec<Effect> {
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
        Action::GotoItem => {
            m.dialog = Some(Dialog::Goto {
                code: text_area(""),
                error: false,
            })
        }
        Action::ScoreUp | Action::ScoreDown => return score_step(m, action == Action::ScoreUp),
        Action::TypeScore if review_allowed(m) => {
            let cur = m
                .item_review()
                .and_then(|ir| ir.percent)
                .map(|p| p.value().to_string())
                .unwrap_or_default();
            m.dialog = Some(Dialog::TypeScore {
                value: text_area(&cur),
                error: None,
            });
        }
        Action::ClearScore if review_allowed(m) => return change_item(m, |ir| ir.percent = None),
        Action::ToggleDone if review_allowed(m) => return change_item(m, |ir| ir.done = !ir.done),
        Action::AddStrength | Action::AddOfi if review_allowed(m) => {
            let list = if action == Action::AddStrength {
                CommentList::Strengths
            } else {
                CommentList::Ofis
            };
            let mut index = 0;
            let mut fx = change_item(m, |ir| {
                let v = match list {
                    CommentList::Strengths => &mut ir.strengths,
                    CommentList::Ofis => &mut ir.ofis,
                };
                v.push(Comment::default());
                index = v.len() - 1;
            });
            m.item_pane = ItemPane::Comments;
            m.entry_sel = entries(m.item_review())
                .iter()
                .position(|e| *e == Entry::Comment(list, index))
                .unwrap_or(0);
            let item = m.item_code.clone();
            fx.extend(open_editor(
                m,
                EditTarget::Comment {
                    item,
                    list,
                    index,
                    field: Field::Text,
                },
                true,
                false,
            ));
            return fx;
        }
        Action::AddSiteIssue if review_allowed(m) => {
            m.dialog = Some(Dialog::SiteIssueKind {
                kind: SiteIssueKind::Verify,
            })
        }
        Action::Open | Action::EditTags | Action::EditEvidence | Action::EditNote
            if n > 0 && review_allowed(m) =>
        {
            let item = m.item_code.clone();
            let target = match (selected_entry(m), &action) {
                (Some(Entry::Comment(list, index)), Action::Open) => {
                    Some((list, index, Field::Text))
                }
                (Some(Entry::Comment(list, index)), Action::EditTags) => {
                    Some((list, index, Field::Tags))
                }
                (Some(Entry::Comment(list, index)), Action::EditEvidence) => {
                    Some((list, index, Field::Evidence))
                }
                _ => None,
            };
            if let Some((list, index, field)) = target {
                let multiline = field == Field::Text;
                return open_editor(
                    m,
                    EditTarget::Comment {
                        item,
                        list,
                        index,
                        field,
                    },
                    multiline,
                    true,
                );
            }
            if let Some(Entry::Issue(index)) = selected_entry(m) {
                let field = match action {
                    Action::EditNote => Field::Note,
                    Action::Open => Field::Text,
                    _ => return Vec::new(),
                };
                return open_editor(m, EditTarget::SiteIssue { item, index, field }, false, true);
            }
        }
        Action::Cycle if n > 0 && review_allowed(m) => {
            if let Some(Entry::Issue(i)) = selected_entry(m) {
                let site = m.stage() == Stage::SiteReview;
                return change_item(m, |ir| {
                    let issue = &mut ir.site_issues[i];
                    if site {
                        issue.status = match issue.status {
                            SiteIssueStatus::Open => SiteIssueStatus::Verified,
                            SiteIssueStatus::Verified => SiteIssueStatus::NotConfirmed,
                            SiteIssueStatus::NotConfirmed => SiteIssueStatus::Clarified,
                            SiteIssueStatus::Clarified => SiteIssueStatus::Open,
                        }
                    } else {
                        issue.kind = match issue.kind {
                            SiteIssueKind::Verify => SiteIssueKind::Clarify,
                            SiteIssueKind::Clarify => SiteIssueKind::Verify,
                        }
                    }
                });
            }
        }
        Action::Delete if n > 0 && review_allowed(m) => {
            let sel = selected_entry(m);
            let fx = change_item(m, |ir| match sel {
                Some(Entry::Comment(CommentList::Strengths, i)) => {
                    ir.strengths.remove(i);
                }
                Some(Entry::Comment(CommentList::Ofis, i)) => {
                    ir.ofis.remove(i);
                }
                Some(Entry::Issue(i)) => {
                    ir.site_issues.remove(i);
                }
                None => {}
            });
            clamp_selections(m);
            return fx;
        }
        Action::MoveUp | Action::MoveDown if n > 1 && review_allowed(m) => {
            let up = action == Action::MoveUp;
            let sel = selected_entry(m);
            let mut moved = None;
            let fx = change_item(m, |ir| {
                fn swap<T>(v: &mut [T], i: usize, up: bool) -> Option<usize> {
                    let j = if up { i.checked_sub(1)? } else { i + 1 };
                    (j < v.len()).then(|| {
                        v.swap(i, j);
                        j
                    })
                }
                moved = match sel {
                    Some(Entry::Comment(CommentList::Strengths, i)) => {
                        swap(&mut ir.strengths, i, up)
                    }
                    Some(Entry::Comment(CommentList::Ofis, i)) => swap(&mut ir.ofis, i, up),
                    Some(Entry::Issue(i)) => swap(&mut ir.site_issues, i, up),
                    None => None,
                };
            });
            if moved.is_some() {
                m.entry_sel = if up {
                    m.entry_sel.saturating_sub(1)
                } else {
                    m.entry_sel + 1
                };
            }
            return fx;
        }
        _ => {}
    }
    Vec::new()
}

// ---- Summary ----

fn summary(m: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Back => m.screen = Screen::Applicants,
        Action::NextPane | Action::PrevPane => tab(m, action == Action::NextPane),
        Action::Up => m.summary_scroll = m.summary_scroll.saturating_sub(1),
        Action::Down => m.summary_scroll = m.summary_scroll.saturating_add(1),
        Action::PageUp => m.summary_scroll = m.summary_scroll.saturating_sub(10),
        Action::PageDown => m.summary_scroll = m.summary_scroll.saturating_add(10),
        Action::Home => m.summary_scroll = 0,
        Action::StartSiteReview => ask_site_review(m),
        Action::ExportSheet => return export(m),
        _ => {}
    }
    Vec::new()
}

// ---- Text fields ----

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
            let ir = a.review(stage)?.items.get(item)?;
            let c = match list {
                CommentList::Strengths => ir.strengths.get(*index)?,
                CommentList::Ofis => ir.ofis.get(*index)?,
            };
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
    }
}

/// Writes a field's text into the applicant.
fn set_field(a: &mut Applicant, target: &EditTarget, text: String) {
    let stage = a.current_stage();
    match target {
        EditTarget::KeyFactor(i) => {
            if let Some(k) = a.key_factors.get_mut(*i) {
                *k = text;
            }
        }
        EditTarget::EligibilityNote(id) => {
            a.eligibility.entry(id.clone()).or_default().note = text;
        }
        EditTarget::Comment {
            item,
            list,
            index,
            field,
        } => {
            let Some(ir) = a.review_mut(stage).and_then(|r| r.items.get_mut(item)) else {
                return;
            };
            let c = match list {
                CommentList::Strengths => ir.strengths.get_mut(*index),
                CommentList::Ofis => ir.ofis.get_mut(*index),
            };
            let Some(c) = c else { return };
            match field {
                Field::Tags => c.requirements = parse_tags(&text),
                Field::Evidence => c.evidence = text,
                Field::Text | Field::Note => c.text = text,
            }
        }
        EditTarget::SiteIssue { item, index, field } => {
            let Some(issue) = a
                .review_mut(stage)
                .and_then(|r| r.items.get_mut(item))
                .and_then(|ir| ir.site_issues.get_mut(*index))
            else {
                return;
            };
            match field {
                Field::Note => issue.note = text,
                _ => issue.text = text,
            }
        }
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

/// Opens a text field on a target. `record` takes an undo snapshot (false when the caller just
/// recorded one, e.g. after adding the empty comment being edited).
fn open_editor(m: &mut Model, target: EditTarget, multiline: bool, record: bool) -> Vec<Effect> {
    let Some(a) = m.applicant() else {
        return Vec::new();
    };
    let Some(text) = field_text(a, &target) else {
        return Vec::new();
    };
    if record {
        let snapshot = a.clone();
        m.history.record(snapshot);
    }
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
    let Some(a) = m.applicants.get_mut(m.current) else {
        return Vec::new();
    };
    set_field(a, &target, text);
    vec![Effect::Save(a.id.clone())]
}

fn editing(m: &mut Model, action: Action) -> Vec<Effect> {
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
    let mut fx = sync_editor_from(m, &ed);
    let empty = ed.area.lines().iter().all(|l| l.trim().is_empty());
    let Some(a) = m.applicants.get_mut(m.current) else {
        return fx;
    };
    if empty {
        let stage = a.current_stage();
        let dropped = match &ed.target {
            EditTarget::KeyFactor(i) => {
                a.key_factors.remove(*i);
                true
            }
            EditTarget::Comment {
                item,
                list,
                index,
                field: Field::Text,
            } => a
                .review_mut(stage)
                .and_then(|r| r.items.get_mut(item))
                .map(|ir| {
                    match list {
                        CommentList::Strengths => ir.strengths.remove(*index),
                        CommentList::Ofis => ir.ofis.remove(*index),
                    };
                })
                .is_some(),
            EditTarget::SiteIssue {
                item,
                index,
                field: Field::Text,
            } => a
                .review_mut(stage)
                .and_then(|r| r.items.get_mut(item))
                .map(|ir| {
                    ir.site_issues.remove(*index);
                })
                .is_some(),
            _ => false,
        };
        if dropped {
            // Nothing was written: the snapshot taken when the field opened is not a change.
            if m.history.undo.last() == m.applicants.get(m.current) {
                m.history.undo.pop();
            }
            fx.push(Effect::Save(m.applicants[m.current].id.clone()));
            clamp_selections(m);
        }
    }
    fx
}

fn sync_editor_from(m: &mut Model, ed: &Editor) -> Vec<Effect> {
    let text = ed.area.lines().join(if ed.multiline { "\n" } else { " " });
    let Some(a) = m.applicants.get_mut(m.current) else {
        return Vec::new();
    };
    set_field(a, &ed.target, text);
    vec![Effect::Save(a.id.clone())]
}

// ---- Dialogs ----

fn dialog_text(d: &mut Dialog) -> Option<&mut ratatui_textarea::TextArea<'static>> {
    match d {
        Dialog::FirstRun { name } | Dialog::Rename { name } => Some(name),
        Dialog::Add(f) => match f.step {
            AddStep::Name => Some(&mut f.name),
            AddStep::Relationship => Some(&mut f.relationship),
            _ => None,
        },
        Dialog::Goto { code, .. } => Some(code),
        Dialog::TypeScore { value, .. } => Some(value),
        _ => None,
    }
}

/// Whether a text field has the keys, and whether Enter makes a new line in it.
pub fn text_focus(m: &Model) -> Option<bool> {
    if m.help {
        return None;
    }
    match &m.dialog {
        Some(Dialog::FirstRun { .. } | Dialog::Rename { .. })
        | Some(Dialog::Goto { .. } | Dialog::TypeScore { .. }) => Some(false),
        Some(Dialog::Add(f)) => {
            matches!(f.step, AddStep::Name | AddStep::Relationship).then_some(false)
        }
        Some(_) => None,
        None => m.editor.as_ref().map(|e| e.multiline),
    }
}

fn dialog(m: &mut Model, action: Action) -> Vec<Effect> {
    let Some(mut d) = m.dialog.take() else {
        return Vec::new();
    };
    // Typing into the dialog's field.
    if let Some(area) = dialog_text(&mut d) {
        match action {
            Action::Type(input) => {
                area.input(input);
                clear_dialog_error(&mut d);
                m.dialog = Some(d);
                return Vec::new();
            }
            Action::Paste(text) => {
                area.insert_str(text.replace(['\r', '\n'], " "));
                m.dialog = Some(d);
                return Vec::new();
            }
            Action::Undo => {
                area.undo();
                m.dialog = Some(d);
                return Vec::new();
            }
            Action::Redo => {
                area.redo();
                m.dialog = Some(d);
                return Vec::new();
            }
            _ => {}
        }
    }
    match d {
        Dialog::FirstRun { name } => {
            let text = name.lines().join(" ").trim().to_string();
            if action == Action::Open && !text.is_empty() {
                m.reviewer = text;
                let mut fx = vec![Effect::SaveConfig];
                fx.extend(create_demo(m));
                return fx;
            }
            // The first run cannot be skipped: the name goes on every sheet.
            m.dialog = Some(Dialog::FirstRun { name });
        }
        Dialog::Rename { name } => match action {
            Action::Open => {
                let text = name.lines().join(" ").trim().to_string();
                if text.is_empty() {
                    error(m, Msg::EmptyName);
                    m.dialog = Some(Dialog::Rename { name });
                } else {
                    return change(m, |a| a.name = text);
                }
            }
            Action::Back => {}
            _ => m.dialog = Some(Dialog::Rename { name }),
        },
        Dialog::Add(form) => return add_form(m, *form, action),
        Dialog::ConfirmRemove => match action {
            Action::Open => {
                if m.read_only || m.applicants.is_empty() {
                    return Vec::new();
                }
                let a = m.applicants.remove(m.current);
                m.current = m.current.min(m.applicants.len().saturating_sub(1));
                m.history = Default::default();
                m.screen = Screen::Applicants;
                info(m, Msg::Removed);
                return vec![Effect::Remove(a.id)];
            }
            Action::Back => {}
            _ => m.dialog = Some(Dialog::ConfirmRemove),
        },
        Dialog::ConfirmSiteReview => match action {
            Action::Open => {
                let fx = change(m, start_site_review);
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
                let text = code.lines().join("").trim().replace(['。', '．'], ".");
                let text = text.trim_end_matches('.').to_string();
                if m.framework().and_then(|f| f.item(&text)).is_some() {
                    open_item(m, text);
                } else {
                    m.dialog = Some(Dialog::Goto { code, error: true });
                }
            }
            Action::Back => {}
            _ => m.dialog = Some(Dialog::Goto { code, error: false }),
        },
        Dialog::TypeScore { value, error: e } => match action {
            Action::Open => {
                let step = m.framework().map_or(5, |f| f.percent_step);
                let text = value.lines().join("");
                match Percent::parse(&text, step) {
                    Ok(p) => return change_item(m, |ir| ir.percent = Some(p)),
                    Err(_) => {
                        let msg = match m.lang {
                            crate::lang::Lang::Zh => {
                                format!("请输入 0 到 100 之间、{step} 的倍数")
                            }
                            crate::lang::Lang::En => {
                                format!("Type a whole number 0-100 in steps of {step}")
                            }
                        };
                        m.dialog = Some(Dialog::TypeScore {
                            value,
                            error: Some(msg),
                        });
                    }
                }
            }
            Action::Back => {}
            _ => m.dialog = Some(Dialog::TypeScore { value, error: e }),
        },
        Dialog::SiteIssueKind { kind } => match action {
            Action::Open => {
                let mut index = 0;
                let mut fx = change_item(m, |ir| {
                    ir.site_issues.push(SiteIssue {
                        kind,
                        text: String::new(),
                        status: SiteIssueStatus::Open,
                        note: String::new(),
                    });
                    index = ir.site_issues.len() - 1;
                });
                m.item_pane = ItemPane::Comments;
                m.entry_sel = entries(m.item_review())
                    .iter()
                    .position(|e| *e == Entry::Issue(index))
                    .unwrap_or(0);
                let item = m.item_code.clone();
                fx.extend(open_editor(
                    m,
                    EditTarget::SiteIssue {
                        item,
                        index,
                        field: Field::Text,
                    },
                    false,
                    false,
                ));
                return fx;
            }
            Action::Back => {}
            Action::Up
            | Action::Down
            | Action::NextPane
            | Action::PrevPane
            | Action::ScoreUp
            | Action::ScoreDown
            | Action::Cycle => {
                let kind = match kind {
                    SiteIssueKind::Verify => SiteIssueKind::Clarify,
                    SiteIssueKind::Clarify => SiteIssueKind::Verify,
                };
                m.dialog = Some(Dialog::SiteIssueKind { kind });
            }
            _ => m.dialog = Some(Dialog::SiteIssueKind { kind }),
        },
        Dialog::Notices(list) => {
            if !matches!(action, Action::Open | Action::Back) {
                m.dialog = Some(Dialog::Notices(list));
            }
        }
    }
    Vec::new()
}

fn clear_dialog_error(d: &mut Dialog) {
    match d {
        Dialog::Goto { error, .. } => *error = false,
        Dialog::TypeScore { error, .. } => *error = None,
        Dialog::Add(f) => f.error = None,
        _ => {}
    }
}

/// Site review starts from the document review's scores and comments; the document record is
/// left as it was and the site-visit issues become an open to-do list.
fn start_site_review(a: &mut Applicant) {
    if a.site.is_some() {
        return;
    }
    let mut site = Review::new(
        Stage::SiteReview,
        &a.document.framework,
        &a.document.framework_hash,
    );
    site.items = a.document.items.clone();
    for ir in site.items.values_mut() {
        ir.done = false;
        for issue in &mut ir.site_issues {
            issue.status = SiteIssueStatus::Open;
        }
    }
    a.site = Some(site);
}

fn create_demo(_m: &mut Model) -> Vec<Effect> {
    Vec::new()
}

fn add_form(m: &mut Model, mut f: AddForm, action: Action) -> Vec<Effect> {
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
                let decl = ConflictDeclaration::NoConflict { declared_at: now() };
                return finish_add(m, f, decl);
            }
            f.step = AddStep::Relationship;
        }
        (AddStep::Relationship, Action::Back) => f.step = AddStep::Conflict,
        (AddStep::Relationship, Action::Open) => {
            let rel = f.relationship.lines().join(" ").trim().to_string();
            if rel.is_empty() {
                f.error = Some(Msg::EmptyRelationship);
            } else {
                let decl = ConflictDeclaration::Conflict {
                    relationship: rel,
                    declared_at: now(),
                };
                return finish_add(m, f, decl);
            }
        }
        _ => {}
    }
    m.dialog = Some(Dialog::Add(Box::new(f)));
    Vec::new()
}

fn finish_add(m: &mut Model, f: AddForm, conflict: ConflictDeclaration) -> Vec<Effect> {
    if let Some(id) = &f.existing {
        if let Some(i) = m.applicants.iter().position(|a| &a.id == id) {
            m.current = i;
        }
        info(m, Msg::ConflictRecorded);
        return change(m, |a| a.conflict = conflict);
    }
    if m.read_only {
        error(m, Msg::ReadOnlyRefused);
        return Vec::new();
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
    let applicant = Applicant {
        id: next_applicant_id(&m.applicants),
        name: f.name.lines().join(" ").trim().to_string(),
        program,
        track: track_id,
        demo: false,
        conflict,
        key_factors: Vec::new(),
        eligibility: Default::default(),
        document: Review::new(Stage::DocumentReview, &fw.doc.id, &fw.hash),
        site: None,
        created_at: now(),
    };
    let id = applicant.id.clone();
    m.applicants.push(applicant);
    m.current = m.applicants.len() - 1;
    m.history = Default::default();
    vec![Effect::Save(id)]
}
