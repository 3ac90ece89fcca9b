//! 组织概述要点: the applicant's key factors, a list of short texts.

use super::editor::open_editor;
use super::{Effect, TEXT_GROUP, apply, apply_fx, clamp_selections, review_allowed, step, tab};
use crate::review::Move;
use crate::tui::action::Action;
use crate::tui::model::{EditTarget, Model, Screen};

pub(super) fn update(m: &mut Model, action: Action) -> Vec<Effect> {
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
