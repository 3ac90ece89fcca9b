//! 守纪情况 (第二十二条): the dialog in which the reviewer rates how the applicant kept the rules
//! of the site visit (遵守 / 基本遵守 / 未遵守, ←/→ or 1–3) and notes why. Enter records it
//! through the review rules (an undo step, saved by the workspace saver like every change);
//! Esc keeps the rating and the note as a draft for the next time the dialog opens.

use super::{Effect, apply, review_allowed};
use crate::i18n::conduct::Word;
use crate::review::{ConductVerdict, Stage};
use crate::tui::action::Action;
use crate::tui::model::{Dialog, Model, StatusLine};
use ratatui_textarea::TextArea;

/// The draft keys of the dialog for the current applicant: (rating, note).
fn draft_keys(m: &Model) -> (String, String) {
    let id = m.applicant().map(|a| a.id.to_string()).unwrap_or_default();
    (format!("conduct-rating:{id}"), format!("conduct:{id}"))
}

/// How a rating is kept among the dialogs' drafts (text, like every draft).
fn code(v: ConductVerdict) -> &'static str {
    match v {
        ConductVerdict::Kept => "kept",
        ConductVerdict::MostlyKept => "mostly_kept",
        ConductVerdict::NotKept => "not_kept",
    }
}

fn from_code(s: &str) -> Option<ConductVerdict> {
    ConductVerdict::ALL.into_iter().find(|v| code(*v) == s)
}

/// `C`: opens the dialog over the current applicant's site review, with what is recorded (or
/// the draft Esc kept). Outside site review it says the key belongs there.
pub(super) fn open(m: &mut Model) -> Vec<Effect> {
    if m.applicant().is_none() {
        return Vec::new();
    }
    if m.stage() != Stage::SiteReview {
        m.status = Some(StatusLine::Error(Word::SiteOnly.text(m.lang).to_string()));
        return Vec::new();
    }
    if !review_allowed(m) {
        return Vec::new();
    }
    let recorded = m.review().and_then(|r| r.conduct.clone());
    let (rating_key, note_key) = draft_keys(m);
    let verdict = m
        .drafts
        .remove(&rating_key)
        .and_then(|c| from_code(&c))
        .or(recorded.as_ref().map(|c| c.verdict));
    let note = super::dialogs::field(
        m,
        &note_key,
        recorded.as_ref().map_or("", |c| c.note.as_str()),
    );
    m.dialog = Some(Dialog::Conduct {
        verdict,
        note,
        on_note: false,
        error: None,
    });
    Vec::new()
}

/// What the dialog holds that differs from what is recorded: the drafts Esc keeps.
pub(super) fn drafts(
    m: &Model,
    verdict: Option<ConductVerdict>,
    note: &TextArea<'static>,
) -> Vec<(String, String)> {
    let recorded = m.review().and_then(|r| r.conduct.as_ref());
    let (rating_key, note_key) = draft_keys(m);
    let mut kept = Vec::new();
    if let Some(v) = verdict
        && recorded.map(|c| c.verdict) != Some(v)
    {
        kept.push((rating_key, code(v).to_string()));
    }
    let text = note.lines().join(" ");
    if recorded.map_or("", |c| c.note.as_str()) != text.trim() {
        kept.push((note_key, text));
    }
    kept
}

/// One action on the open dialog (its note's typing is taken before, as every dialog's).
pub(super) fn update(
    m: &mut Model,
    mut verdict: Option<ConductVerdict>,
    note: TextArea<'static>,
    mut on_note: bool,
    mut error: Option<String>,
    action: Action,
) -> Vec<Effect> {
    let step = |v: Option<ConductVerdict>, forward: bool| {
        let all = ConductVerdict::ALL;
        let n = all.len();
        let i = match v.and_then(|v| all.iter().position(|x| *x == v)) {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None if forward => 0,
            None => n - 1,
        };
        all.get(i).copied()
    };
    match action {
        Action::Back => return Vec::new(),
        Action::Open => {
            let Some(v) = verdict else {
                error = Some(Word::ChooseFirst.text(m.lang).to_string());
                m.dialog = Some(Dialog::Conduct {
                    verdict,
                    note,
                    on_note,
                    error,
                });
                return Vec::new();
            };
            let text = note.lines().join(" ");
            if let Some((_, fx)) = apply(m, None, |a, fw| a.set_conduct(fw, v, &text)) {
                m.status = Some(StatusLine::Info(Word::Recorded.text(m.lang).to_string()));
                return fx;
            }
            // The rule's reason is on the status line; the dialog stays for another try.
            error = m.status.take().map(|s| match s {
                StatusLine::Info(s) | StatusLine::Error(s) => s,
            });
        }
        Action::NextPane | Action::PrevPane => on_note = !on_note,
        Action::Cycle | Action::Down if !on_note => {
            verdict = step(verdict, true);
            error = None;
        }
        Action::CycleBack | Action::Up if !on_note => {
            verdict = step(verdict, false);
            error = None;
        }
        Action::Digit { digit, .. } if !on_note => {
            if let Some(v) = usize::from(digit)
                .checked_sub(1)
                .and_then(|i| ConductVerdict::ALL.get(i))
            {
                verdict = Some(*v);
                error = None;
            }
        }
        _ => {}
    }
    m.dialog = Some(Dialog::Conduct {
        verdict,
        note,
        on_note,
        error,
    });
    Vec::new()
}
