//! 资格审查: the checklist's conditions, a verdict and a note each.

use super::editor::open_editor;
use super::{Effect, apply_fx, review_allowed, step, tab};
use crate::review::Verdict;
use crate::tui::action::Action;
use crate::tui::model::{EditTarget, Model, Screen};

pub(super) fn update(m: &mut Model, action: Action) -> Vec<Effect> {
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
