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
        Action::Cycle | Action::CycleBack if !ids.is_empty() => {
            let at = m.eligibility_sel.min(ids.len() - 1);
            let Some(checklist) = m.checklist().cloned() else {
                return Vec::new();
            };
            let condition = &checklist.conditions[at];
            let id = condition.id.clone();
            let order = verdicts(condition.may_be_not_applicable());
            let forward = action == Action::Cycle;
            return apply_fx(m, |a, _| {
                let mut ans = a.eligibility().get(&id).cloned().unwrap_or_default();
                ans.verdict = next_verdict(&order, ans.verdict, forward);
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

/// The answers in the order `→` walks them; 不适用 only where the condition says when it
/// applies (第十六条(五)).
fn verdicts(may_be_not_applicable: bool) -> Vec<Option<Verdict>> {
    let mut v = vec![
        None,
        Some(Verdict::Met),
        Some(Verdict::NotMet),
        Some(Verdict::Unclear),
    ];
    if may_be_not_applicable {
        v.push(Some(Verdict::NotApplicable));
    }
    v
}

/// The next answer (`→`, space) or the previous one (`←`), round the ring. An answer not in
/// the ring (不适用 where the programme no longer allows it) starts again from none.
fn next_verdict(order: &[Option<Verdict>], now: Option<Verdict>, forward: bool) -> Option<Verdict> {
    let n = order.len();
    let at = order.iter().position(|v| *v == now).unwrap_or(0);
    let next = if forward {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    };
    order[next]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_steps_backward_and_right_forward() {
        let order = verdicts(false);
        assert_eq!(next_verdict(&order, None, true), Some(Verdict::Met));
        assert_eq!(next_verdict(&order, Some(Verdict::Met), false), None);
        assert_eq!(next_verdict(&order, None, false), Some(Verdict::Unclear));
        assert_eq!(
            next_verdict(&order, Some(Verdict::NotMet), false),
            Some(Verdict::Met)
        );
        assert!(!order.contains(&Some(Verdict::NotApplicable)));
        let order = verdicts(true);
        assert_eq!(
            next_verdict(&order, Some(Verdict::Unclear), true),
            Some(Verdict::NotApplicable)
        );
        assert_eq!(
            next_verdict(&order, None, false),
            Some(Verdict::NotApplicable)
        );
    }
}
