//! `update(&mut Model, Action) -> Vec<Effect>`: every change of state, and the effects the loop
//! must run for it (save, remove, export). No I/O here.

use super::action::Action;
use super::model::framework_for;
use super::model::{
    AddForm, AddStep, CommentList, Dialog, EditTarget, Editor, Entry, Field, ItemPane, Model, Row,
    Screen, StatusLine, entries, text_area,
};
use super::text::{Msg, t};
use crate::framework::Framework;
use crate::review::{
    Applicant, CommentKind, CommentRef, ConflictDeclaration, EligibilityAnswer, Move, ReviewError,
    SiteIssueKind, SiteIssueStatus, Stage, Step, Verdict,
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
    /// Make the reviewer's signing key under this name, unless the home already has one.
    EnsureKey(String),
    /// Export a signed sheet of the applicant's current stage; `draft` when items are unscored.
    Export {
        id: String,
        draft: bool,
    },
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

/// Text fields join one undo step per visit: every keystroke is recorded under this group.
const TEXT_GROUP: &str = "text";

/// Applies a review rule to the current applicant with its framework, recording the change for
/// undo. Refused in read-only mode; a rule's refusal (conflict lock, bad percent …) is shown.
fn apply<T>(
    m: &mut Model,
    group: Option<&str>,
    f: impl FnOnce(&mut Applicant, &Framework) -> Result<T, ReviewError>,
) -> Option<(T, Vec<Effect>)> {
    if m.read_only {
        error(m, Msg::ReadOnlyRefused);
        return None;
    }
    let lang = m.lang;
    let Model {
        catalog,
        applicants,
        undo,
        current,
        status,
        ..
    } = m;
    let a = applicants.get_mut(*current)?;
    let Some(fw) = framework_for(catalog, a) else {
        *status = Some(StatusLine::Error(t(lang, Msg::NoFramework).to_string()));
        return None;
    };
    match undo.apply(a, group, |a| f(a, fw)) {
        Ok(v) => Some((v, vec![Effect::Save(a.id.clone())])),
        Err(e) => {
            *status = Some(StatusLine::Error(e.message(lang)));
            None
        }
    }
}

/// Like [`apply`] when only the effects matter.
fn apply_fx<T>(
    m: &mut Model,
    f: impl FnOnce(&mut Applicant, &Framework) -> Result<T, ReviewError>,
) -> Vec<Effect> {
    apply(m, None, f).map(|(_, fx)| fx).unwrap_or_default()
}

/// Review work needs a no-conflict declaration and a writable workspace; says why not.
fn review_allowed(m: &mut Model) -> bool {
    if m.read_only {
        error(m, Msg::ReadOnlyRefused);
        return false;
    }
    let check = m.applicant().map(Applicant::check_can_score);
    match check {
        Some(Ok(())) => true,
        Some(Err(e)) => {
            m.status = Some(StatusLine::Error(e.message(m.lang)));
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
    let Some(a) = m.applicants.get_mut(m.current) else {
        return Vec::new();
    };
    let done = if undo { m.undo.undo(a) } else { m.undo.redo(a) };
    if !done {
        info(
            m,
            if undo {
                Msg::NothingToUndo
            } else {
                Msg::NothingToRedo
            },
        );
        return Vec::new();
    }
    let id = a.id.clone();
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
            let before = m.current;
            step(&mut m.current, n, &action);
            if m.current != before {
                m.undo.clear();
            }
        }
        Action::Open | Action::ShowItems if n > 0 => {
            if m.applicant()
                .is_some_and(|a| a.conflict == ConflictDeclaration::Undeclared)
            {
                open_declare(m);
            }
            m.screen = Screen::Items;
            let notice = m
                .applicant()
                .and_then(|a| super::model::edition_notice(&m.catalog, a, m.lang));
            if let Some(text) = notice {
                m.status = Some(StatusLine::Info(text));
            }
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

/// A complete review exports at once; an incomplete one only as a draft, after asking.
fn export(m: &mut Model) -> Vec<Effect> {
    let (Some(a), Some(f), Some(r)) = (m.applicant(), m.framework(), m.review()) else {
        return Vec::new();
    };
    let p = r.progress(f);
    if p.scored < p.total {
        m.dialog = Some(Dialog::ConfirmDraftExport {
            unscored: p.total - p.scored,
        });
        return Vec::new();
    }
    vec![Effect::Export {
        id: a.id.clone(),
        draft: false,
    }]
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
            m.undo.seal();
            if let Some((at, mut fx)) = apply(m, Some(TEXT_GROUP), |a, _| a.add_key_factor("")) {
                m.key_factor_sel = at;
                fx.extend(open_editor(m, EditTarget::KeyFactor(at), false));
                return fx;
            }
        }
        Action::Open if n > 0 && review_allowed(m) => {
            return open_editor(m, EditTarget::KeyFactor(m.key_factor_sel), false);
        }
        Action::Delete if n > 0 => {
            let i = m.key_factor_sel;
            let fx = apply_fx(m, |a, _| a.delete_key_factor(i));
            clamp_selections(m);
            return fx;
        }
        Action::MoveUp | Action::MoveDown if n > 1 => {
            let i = m.key_factor_sel;
            let dir = if action == Action::MoveUp {
                Move::Up
            } else {
                Move::Down
            };
            if let Some((j, fx)) = apply(m, None, |a, _| a.move_key_factor(i, dir)) {
                m.key_factor_sel = j;
                return fx;
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
        Action::Cycle if !ids.is_empty() => {
            let id = ids[m.eligibility_sel.min(ids.len() - 1)].clone();
            let Some(checklist) = m.checklist().cloned() else {
                return Vec::new();
            };
            return apply_fx(m, |a, _| {
                let mut ans = a.eligibility.get(&id).cloned().unwrap_or_default();
                ans.verdict = match ans.verdict {
                    None => Some(Verdict::Met),
                    Some(Verdict::Met) => Some(Verdict::NotMet),
                    Some(Verdict::NotMet) => Some(Verdict::Unclear),
                    Some(Verdict::Unclear) => None,
                };
                a.set_eligibility(&checklist, &id, ans)
            });
        }
        Action::Open | Action::EditNote if !ids.is_empty() && review_allowed(m) => {
            let id = ids[m.eligibility_sel.min(ids.len() - 1)].clone();
            return open_editor(m, EditTarget::EligibilityNote(id), false);
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
        Action::GotoItem => open_goto(m),
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

fn score_step(m: &mut Model, up: bool) -> Vec<Effect> {
    let code = m.item_code.clone();
    let step = if up { Step::Up } else { Step::Down };
    apply_fx(m, |a, fw| {
        let stage = a.current_stage();
        a.step_percent(fw, stage, &code, step)
    })
}

/// The comment list of the review model for the view's list.
fn kind_of(list: CommentList) -> CommentKind {
    match list {
        CommentList::Strengths => CommentKind::Strength,
        CommentList::Ofis => CommentKind::Ofi,
    }
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
        Action::GotoItem => open_goto(m),
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
            fx.extend(open_editor(
                m,
                EditTarget::Comment {
                    item: code,
                    list,
                    index,
                    field: Field::Text,
                },
                true,
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
                );
            }
            if let Some(Entry::Issue(index)) = selected_entry(m) {
                let field = match action {
                    Action::EditNote if m.stage() == Stage::SiteReview => Field::Note,
                    Action::EditNote => {
                        error(m, Msg::NotInSite);
                        return Vec::new();
                    }
                    Action::Open => Field::Text,
                    _ => return Vec::new(),
                };
                return open_editor(m, EditTarget::SiteIssue { item, index, field }, false);
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
                    let next = match issue.status {
                        SiteIssueStatus::Open => SiteIssueStatus::Verified,
                        SiteIssueStatus::Verified => SiteIssueStatus::NotConfirmed,
                        SiteIssueStatus::NotConfirmed => SiteIssueStatus::Clarified,
                        SiteIssueStatus::Clarified => SiteIssueStatus::Open,
                    };
                    return apply_fx(m, |a, fw| {
                        a.resolve_site_issue(fw, &code, i, next, &issue.note)
                    });
                }
                let kind = match issue.kind {
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
        Action::GotoItem => open_goto(m),
        _ => {}
    }
    Vec::new()
}

/// `g`: asks for an item code (4.3.2) and opens that item.
fn open_goto(m: &mut Model) {
    m.dialog = Some(Dialog::Goto {
        code: text_area(""),
        error: false,
    });
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
fn open_editor(m: &mut Model, target: EditTarget, multiline: bool) -> Vec<Effect> {
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
        let typed = match action {
            Action::Type(ref input) => {
                area.input(input.clone());
                true
            }
            Action::Paste(ref text) => {
                area.insert_str(text.replace(['\r', '\n'], " "));
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
                m.config.reviewer_name = Some(text.clone());
                m.reviewer = text.clone();
                let mut fx = create_demo(m);
                fx.push(Effect::SaveConfig);
                fx.push(Effect::EnsureKey(text));
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
                    return apply_fx(m, |a, _| {
                        a.name = text;
                        Ok(())
                    });
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
                m.undo.clear();
                m.screen = Screen::Applicants;
                info(m, Msg::Removed);
                return vec![Effect::Remove(a.id)];
            }
            Action::Back => {}
            _ => m.dialog = Some(Dialog::ConfirmRemove),
        },
        Dialog::ConfirmDraftExport { unscored } => match action {
            Action::Open => {
                if let Some(a) = m.applicant() {
                    return vec![Effect::Export {
                        id: a.id.clone(),
                        draft: true,
                    }];
                }
            }
            Action::Back => {}
            _ => m.dialog = Some(Dialog::ConfirmDraftExport { unscored }),
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
        Dialog::SiteIssueKind { kind } => match action {
            Action::Open => {
                let code = m.item_code.clone();
                m.undo.seal();
                let Some((index, mut fx)) = apply(m, Some(TEXT_GROUP), |a, fw| {
                    let stage = a.current_stage();
                    a.add_site_issue(fw, stage, &code, kind, "")
                }) else {
                    return Vec::new();
                };
                m.item_pane = ItemPane::Comments;
                m.entry_sel = entries(m.item_review())
                    .iter()
                    .position(|e| *e == Entry::Issue(index))
                    .unwrap_or(0);
                fx.extend(open_editor(
                    m,
                    EditTarget::SiteIssue {
                        item: code,
                        index,
                        field: Field::Text,
                    },
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

/// The demo applicant (示例), once per home: removing it does not bring it back.
fn create_demo(m: &mut Model) -> Vec<Effect> {
    if m.config.demo_created || m.read_only {
        return Vec::new();
    }
    let Ok(data) = crate::review::demo::DemoData::embedded() else {
        return Vec::new();
    };
    let Some(fw) = m.catalog.framework(&data.framework) else {
        return Vec::new();
    };
    let demo = data.to_applicant(&fw.hash, &now());
    m.config.demo_created = true;
    let id = demo.id.clone();
    if m.applicants.iter().any(|a| a.id == id) {
        return Vec::new();
    }
    m.applicants.insert(0, demo);
    m.current = 0;
    vec![Effect::Save(id)]
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
                return finish_add(m, f, None);
            }
            f.step = AddStep::Relationship;
        }
        (AddStep::Relationship, Action::Back) => f.step = AddStep::Conflict,
        (AddStep::Relationship, Action::Open) => {
            let rel = f.relationship.lines().join(" ").trim().to_string();
            if rel.is_empty() {
                f.error = Some(Msg::EmptyRelationship);
            } else {
                return finish_add(m, f, Some(rel));
            }
        }
        _ => {}
    }
    m.dialog = Some(Dialog::Add(Box::new(f)));
    Vec::new()
}

fn declare(a: &mut Applicant, relationship: Option<&str>) -> Result<(), ReviewError> {
    match relationship {
        None => a.declare_no_conflict(&now()),
        Some(r) => a.declare_conflict(r, &now()),
    }
}

/// Adds the applicant (or records the declaration of an existing one). The declaration is on
/// record for good, so it is not an undo step.
fn finish_add(m: &mut Model, f: AddForm, relationship: Option<String>) -> Vec<Effect> {
    if m.read_only {
        error(m, Msg::ReadOnlyRefused);
        return Vec::new();
    }
    if let Some(id) = &f.existing {
        let Some(i) = m.applicants.iter().position(|a| &a.id == id) else {
            return Vec::new();
        };
        m.current = i;
        return match declare(&mut m.applicants[i], relationship.as_deref()) {
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
    let mut a = Applicant::new(
        &id,
        &name,
        &program,
        &track_id,
        &fw.doc.id,
        &fw.hash,
        &now(),
    );
    if let Err(e) = declare(&mut a, relationship.as_deref()) {
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
