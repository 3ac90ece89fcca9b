//! Direct scoring (直接打分, issue 11): digits on the items list and the item screen type the
//! percent — `5` `5` is 55 % — committed by Enter, by the next command key, or after a pause
//! of [`PAUSE_MS`]; Esc drops it. A percent off the step is refused with the rule's reason, as
//! `t` refuses it. The time travels in the actions (the loop stamps `Digit` and sends `Tick`),
//! so `update` never reads the clock.

use super::items::item_rows_codes;
use super::{Effect, apply, review_allowed};
use crate::tui::action::Action;
use crate::tui::model::{Model, Screen, StatusLine, TypedScore};

/// How long after the last digit the percent is committed on its own.
pub(super) const PAUSE_MS: u64 = 1000;

/// Percents have at most three digits (100).
const MAX_DIGITS: usize = 3;

/// What became of an action while digits may be pending.
pub(super) enum Handled {
    /// The action was about the typed percent; nothing else to do.
    Done(Vec<Effect>),
    /// The typed percent (if any) was committed; the action goes on to the screen.
    Then(Vec<Effect>),
}

pub(super) fn handle(m: &mut Model, action: &Action) -> Handled {
    match *action {
        Action::Digit { digit, at_ms } => {
            if !review_allowed(m) {
                return Handled::Done(Vec::new());
            }
            let mut fx = Vec::new();
            if m.typed_score
                .as_ref()
                .is_some_and(|p| at_ms.saturating_sub(p.at_ms) >= PAUSE_MS)
            {
                fx = commit(m);
            }
            let p = m.typed_score.get_or_insert(TypedScore {
                text: String::new(),
                at_ms,
            });
            if p.text.len() < MAX_DIGITS {
                p.text.push(char::from(b'0' + digit.min(9)));
            }
            p.at_ms = at_ms;
            let shown = crate::i18n::tui::typed_score(m.lang, &p.text);
            if m.status.is_none() || fx.is_empty() {
                m.status = Some(StatusLine::Info(shown));
            }
            Handled::Done(fx)
        }
        _ if m.typed_score.is_none() => Handled::Then(Vec::new()),
        Action::Open => Handled::Done(commit(m)),
        Action::Back => {
            m.typed_score = None;
            Handled::Done(Vec::new())
        }
        _ => Handled::Then(commit(m)),
    }
}

/// A pause: commits the typed percent once [`PAUSE_MS`] passed since its last digit.
pub(super) fn tick(m: &mut Model, at_ms: u64) -> Vec<Effect> {
    match &m.typed_score {
        Some(p) if at_ms.saturating_sub(p.at_ms) >= PAUSE_MS => {
            m.status = None;
            commit(m)
        }
        _ => Vec::new(),
    }
}

/// Sets the typed percent on the item in view (the item screen's, or the list's selection).
fn commit(m: &mut Model) -> Vec<Effect> {
    let Some(p) = m.typed_score.take() else {
        return Vec::new();
    };
    let code = match m.screen {
        Screen::Item => Some(m.item_code.clone()),
        Screen::Items => item_rows_codes(m).get(m.items_sel).cloned().flatten(),
        _ => None,
    };
    let Some(code) = code else {
        return Vec::new();
    };
    apply(m, None, |a, fw| {
        let stage = a.current_stage();
        a.set_percent_text(fw, stage, &code, &p.text)
    })
    .map(|(_, fx)| fx)
    .unwrap_or_default()
}
