//! The leader's consensus screens (合议): the heat map (the panel at a glance) and the consensus
//! screen (agenda, agreed percent, rationale, the panel's comments), and their text fields.
//! Every change to the draft asks the loop to write `consensus-draft.json`
//! ([`Effect::SaveConsensus`]); a read-only window (another window edits, or not the leader's
//! key, 组长负责制 第九条) changes nothing and says why.

use super::{Effect, step};
use crate::i18n::tui as words;
use crate::panel::SynthesisField;
use crate::panel::consensus::DraftComment;
use crate::tui::action::Action;
use crate::tui::consensus::model::{Consensus, ConsensusField, Focus, PANEL_AUTHOR};
use crate::tui::keymap::Context;
use crate::tui::model::{EditTarget, Editor, Model, Screen, StatusLine, text_area};

/// Actions that would change the draft: refused in a read-only window.
fn changes_the_draft(action: &Action) -> bool {
    matches!(
        action,
        Action::ScoreUp
            | Action::ScoreDown
            | Action::KeepComment
            | Action::Agree
            | Action::EditRationale
            | Action::EditComment
            | Action::AddStrength
            | Action::AddOfi
            | Action::MarkComment
            | Action::MergeComments
            | Action::ExportConsensus
            | Action::SaveDraft
            | Action::EditSynthesis
            | Action::Undo
            | Action::Redo
    )
}

/// Quitting saves the draft, except in a read-only window (another window's draft).
fn quit(m: &mut Model) -> Vec<Effect> {
    m.quit = true;
    let read_only = m.consensus.as_ref().is_some_and(|c| c.read_only.is_some());
    if read_only {
        vec![Effect::Quit]
    } else {
        vec![Effect::SaveConsensus, Effect::Quit]
    }
}

/// Says why a read-only window refuses; true when it does.
fn refused(m: &mut Model, action: &Action) -> bool {
    let Some(why) = m.consensus.as_ref().and_then(|c| c.read_only) else {
        return false;
    };
    if changes_the_draft(action) {
        m.status = Some(StatusLine::Error(words::consensus_read_only(m.lang, why)));
        return true;
    }
    false
}

/// The heat map: rows are the items in framework order; Enter opens the selected item on the
/// consensus screen, Tab the agenda from its start.
pub(super) fn heat_map(m: &mut Model, action: Action) -> Vec<Effect> {
    if action == Action::Quit {
        return quit(m);
    }
    if refused(m, &action) {
        return Vec::new();
    }
    let export_key = export_key(m);
    let lang = m.lang;
    let Some(c) = m.consensus.as_deref_mut() else {
        return Vec::new();
    };
    let confirming = c.confirm_export.take();
    let rows = c.panel().map_or(0, |p| p.heat.rows.len());
    match action {
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End => {
            step(&mut c.heat_sel, rows, &action);
        }
        Action::Open => {
            let code = c
                .panel()
                .and_then(|p| p.heat.rows.get(c.heat_sel))
                .map(|r| r.code.clone());
            if let Some(pos) = code.and_then(|code| c.agenda_pos(&code)) {
                c.pos = pos;
                c.comment = 0;
                c.marked.clear();
                c.focus = Focus::Agenda;
                m.screen = Screen::Consensus;
            }
        }
        Action::NextPane => {
            c.pos = 0;
            c.comment = 0;
            c.marked.clear();
            c.focus = Focus::Agenda;
            m.screen = Screen::Consensus;
        }
        Action::NextApplicant | Action::PrevApplicant => {
            other_applicant(c, action == Action::NextApplicant);
        }
        Action::ExportConsensus => return export(m, confirming, &export_key, lang),
        Action::Undo | Action::Redo => return restore(m, action == Action::Undo),
        Action::ScrollLeft | Action::ScrollRight => {
            // The heat map is as wide as the window.
            let width = m.window.map_or(80, |(w, _)| usize::from(w));
            if let Some(c) = m.consensus.as_deref_mut() {
                c.scroll_heat(lang, width, action == Action::ScrollRight);
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Undo / redo of the draft (the same keys as in a text field): a dropped, merged or added
/// comment, a percent, a confirmation or a closed edit comes back, and the screen shows where.
fn restore(m: &mut Model, undo: bool) -> Vec<Effect> {
    use crate::i18n::tui::{Msg, t};
    let Some(c) = m.consensus.as_deref_mut() else {
        return Vec::new();
    };
    let done = c.restore(undo);
    let msg = match (done, undo) {
        (true, true) => Msg::Undone,
        (true, false) => Msg::Redone,
        (false, true) => Msg::NothingToUndo,
        (false, false) => Msg::NothingToRedo,
    };
    m.status = Some(StatusLine::Info(t(m.lang, msg).to_string()));
    if done {
        vec![Effect::SaveConsensus]
    } else {
        Vec::new()
    }
}

/// The consensus screen of one applicant: the agenda (divergent items first) beside the item.
pub(super) fn screen(m: &mut Model, action: Action) -> Vec<Effect> {
    if action == Action::Quit {
        return quit(m);
    }
    if refused(m, &action) {
        return Vec::new();
    }
    let export_key = export_key(m);
    let lang = m.lang;
    let Some(c) = m.consensus.as_deref_mut() else {
        return Vec::new();
    };
    let agenda_len = c.panel().map_or(0, |p| p.result.agenda.len());
    // A listing of unconfirmed items answers one press only: anything else asks again.
    let confirming = c.confirm_export.take();
    match action {
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End => match c.focus {
            Focus::Agenda => {
                let before = c.pos;
                step(&mut c.pos, agenda_len, &action);
                if c.pos != before {
                    c.comment = 0;
                    c.marked.clear();
                }
            }
            Focus::Comments => {
                let n = c.comment_count();
                step(&mut c.comment, n, &action);
            }
        },
        Action::ScoreUp | Action::ScoreDown => {
            let step = c.step();
            let raise = action == Action::ScoreUp;
            c.checkpoint();
            if let Some(item) = c.item_mut() {
                item.percent = if raise {
                    item.percent.saturating_add(step).min(100)
                } else {
                    item.percent.saturating_sub(step)
                };
                item.agreed = false;
                return vec![Effect::SaveConsensus];
            }
        }
        Action::NextPane | Action::PrevPane => {
            c.focus = match c.focus {
                Focus::Agenda if c.comment_count() > 0 => Focus::Comments,
                _ => Focus::Agenda,
            };
            c.comment = c.comment.min(c.comment_count().saturating_sub(1));
        }
        Action::KeepComment => {
            let i = c.comment;
            if c.focus == Focus::Comments {
                c.checkpoint();
            }
            if c.focus == Focus::Comments
                && let Some(k) = c.comment_mut(i)
            {
                k.keep = !k.keep;
                return vec![Effect::SaveConsensus];
            }
        }
        Action::Agree => {
            c.checkpoint();
            if let Some(item) = c.item_mut() {
                item.agreed = !item.agreed;
                // Agreeing moves on to the next item, as a panel works through the agenda.
                if item.agreed && c.pos + 1 < agenda_len {
                    c.pos += 1;
                    c.comment = 0;
                    c.marked.clear();
                }
                return vec![Effect::SaveConsensus];
            }
        }
        Action::EditRationale => {
            // The whole edit is one undo step once the field closes (the field has its own).
            c.checkpoint();
            if let Some((_, d)) = c.item() {
                let text = d.rationale.clone();
                open(m, ConsensusField::Rationale, &text);
            }
        }
        Action::EditComment => {
            c.checkpoint();
            let i = c.comment;
            if let Some((_, k)) = c.comment_at(i) {
                let text = k.comment.text.clone();
                c.focus = Focus::Comments;
                open(m, ConsensusField::Comment(i), &text);
            }
        }
        Action::AddStrength | Action::AddOfi => {
            let strength = action == Action::AddStrength;
            c.checkpoint();
            let Some(item) = c.item_mut() else {
                return Vec::new();
            };
            let new = DraftComment {
                reviewer: PANEL_AUTHOR.to_string(),
                keep: true,
                comment: Default::default(),
                merged_from: Vec::new(),
            };
            let at = if strength {
                item.strengths.push(new);
                item.strengths.len() - 1
            } else {
                item.ofis.push(new);
                item.strengths.len() + item.ofis.len() - 1
            };
            c.focus = Focus::Comments;
            c.comment = at;
            c.marked.clear();
            open(m, ConsensusField::Comment(at), "");
            return vec![Effect::SaveConsensus];
        }
        Action::MarkComment => {
            let i = c.comment;
            if c.focus == Focus::Comments && i < c.comment_count() {
                match c.marked.iter().position(|&k| k == i) {
                    Some(at) => {
                        c.marked.remove(at);
                    }
                    None => c.marked.push(i),
                }
            }
        }
        Action::MergeComments => {
            let at = c.merge_selection();
            c.checkpoint();
            let Some(item) = c.item_mut() else {
                return Vec::new();
            };
            let Some(merged) = item.merge_comments(&at) else {
                let n = item.strengths.len();
                let mixed = at.iter().any(|&i| i < n) && at.iter().any(|&i| i >= n);
                let why = if mixed {
                    crate::i18n::tui::Msg::ConsMergeMixed
                } else {
                    crate::i18n::tui::Msg::ConsNothingToMerge
                };
                m.status = Some(StatusLine::Error(crate::i18n::tui::t(lang, why).into()));
                return Vec::new();
            };
            c.marked.clear();
            c.focus = Focus::Comments;
            c.comment = merged;
            // The merged text starts as the group's texts: the leader words it now.
            let text = c
                .comment_at(merged)
                .map(|(_, k)| k.comment.text.clone())
                .unwrap_or_default();
            open(m, ConsensusField::Comment(merged), &text);
            return vec![Effect::SaveConsensus];
        }
        // Another applicant opens on its heat map: the panel at a glance comes first.
        Action::NextApplicant | Action::PrevApplicant => {
            other_applicant(c, action == Action::NextApplicant);
            m.screen = Screen::HeatMap;
        }
        Action::ShowHeatMap => {
            show_heat_map(m);
        }
        Action::Back => match c.focus {
            Focus::Comments => c.focus = Focus::Agenda,
            Focus::Agenda => show_heat_map(m),
        },
        Action::ExportConsensus => return export(m, confirming, &export_key, lang),
        Action::SaveDraft => return vec![Effect::SaveConsensus],
        Action::EditSynthesis => open_synthesis(m, SynthesisField::Experience),
        Action::Undo | Action::Redo => return restore(m, action == Action::Undo),
        _ => {}
    }
    Vec::new()
}

/// Opens the text field on one of the applicant's overall-evaluation inputs (综合评价,
/// 第十八条(五)): a site-stage applicant's, and only for the key that signs its consensus.
fn open_synthesis(m: &mut Model, field: SynthesisField) {
    use crate::i18n::synthesis::screen;
    let lang = m.lang;
    let Some(c) = m.consensus.as_deref() else {
        return;
    };
    let why = match c.panel().map(|p| p.synthesis.as_ref()) {
        None => return,
        Some(None) => screen::site_only(lang),
        Some(Some(s)) if !s.may_write => screen::not_signer(lang),
        Some(Some(s)) => {
            let text = s.get(field).to_string();
            open(m, ConsensusField::Synthesis(field), &text);
            return;
        }
    };
    m.status = Some(StatusLine::Error(why.to_string()));
}

/// The field after (or before) `f` in Tab order.
fn next_field(f: SynthesisField, forward: bool) -> SynthesisField {
    let all = SynthesisField::ALL;
    let n = all.len();
    let i = all.iter().position(|x| *x == f).unwrap_or(0);
    let j = if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    };
    all.get(j).copied().unwrap_or(f)
}

/// The export key as the key map binds it, for the "press it again" line.
fn export_key(m: &Model) -> String {
    m.keymap
        .key_for(Context::Consensus, &Action::ExportConsensus)
        .unwrap_or_default()
}

/// Back to the heat map, on the row of the item the agenda is on.
fn show_heat_map(m: &mut Model) {
    if let Some(c) = m.consensus.as_deref_mut() {
        let code = c.panel().and_then(|p| p.result.agenda.get(c.pos)).cloned();
        if let Some(row) = code.and_then(|code| {
            c.panel()
                .and_then(|p| p.heat.rows.iter().position(|r| r.code == code))
        }) {
            c.heat_sel = row;
        }
    }
    m.screen = Screen::HeatMap;
}

fn other_applicant(c: &mut Consensus, next: bool) {
    let n = c.panels.len();
    if n > 0 {
        c.current = if next {
            (c.current + 1) % n
        } else {
            (c.current + n - 1) % n
        };
        c.pos = 0;
        c.comment = 0;
        c.heat_sel = 0;
        c.focus = Focus::Agenda;
        c.marked.clear();
    }
}

/// Items never confirmed keep their starting percent: the first press lists them, the next
/// one exports.
fn export(
    m: &mut Model,
    confirming: Option<usize>,
    key: &str,
    lang: crate::lang::Lang,
) -> Vec<Effect> {
    let Some(c) = m.consensus.as_deref_mut() else {
        return Vec::new();
    };
    let Some(p) = c.panel() else {
        return Vec::new();
    };
    let open = p.draft.unconfirmed();
    if !open.is_empty() && confirming != Some(c.current) {
        c.confirm_export = Some(c.current);
        m.status = Some(StatusLine::Info(words::consensus_unconfirmed(
            lang, &open, key,
        )));
        return Vec::new();
    }
    vec![Effect::SaveConsensus, Effect::ExportConsensus(c.current)]
}

/// Opens the app's text field on a consensus field. The rationale is one line (Enter ends
/// it); a comment or an overall-evaluation text may have several (Esc ends it).
fn open(m: &mut Model, field: ConsensusField, text: &str) {
    m.editor = Some(Editor {
        target: EditTarget::Consensus(field),
        area: text_area(text),
        multiline: !matches!(field, ConsensusField::Rationale),
    });
}

/// The text field over a consensus field: what is typed goes into the draft at once and the
/// draft is written, so a closed window loses nothing agreed.
pub(super) fn editor(m: &mut Model, action: Action) -> Vec<Effect> {
    let Some(ed) = m.editor.as_mut() else {
        return Vec::new();
    };
    let changed = match action {
        Action::Type(input) => ed.area.input(input),
        Action::Paste(text) => {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            let text = if ed.multiline {
                text
            } else {
                text.replace('\n', " ")
            };
            ed.area.insert_str(text)
        }
        Action::Undo => ed.area.undo(),
        Action::Redo => ed.area.redo(),
        Action::Back | Action::Open => return close(m),
        // Tab in an overall-evaluation text: on to the next of them.
        Action::NextPane | Action::PrevPane => {
            let EditTarget::Consensus(ConsensusField::Synthesis(f)) = ed.target else {
                return Vec::new();
            };
            let fx = close(m);
            open_synthesis(m, next_field(f, action == Action::NextPane));
            return fx;
        }
        _ => false,
    };
    if changed {
        sync(m, false);
        return vec![Effect::SaveConsensus];
    }
    Vec::new()
}

/// Copies the field's text into the draft; on close it is trimmed.
fn sync(m: &mut Model, closing: bool) {
    let Some(ed) = &m.editor else { return };
    let EditTarget::Consensus(field) = ed.target else {
        return;
    };
    let text = ed.area.lines().join(if ed.multiline { "\n" } else { " " });
    let text = if closing {
        text.trim().to_string()
    } else {
        text
    };
    let Some(c) = m.consensus.as_deref_mut() else {
        return;
    };
    match field {
        ConsensusField::Rationale => {
            if let Some(item) = c.item_mut() {
                item.rationale = text;
            }
        }
        ConsensusField::Comment(i) => {
            if let Some(k) = c.comment_mut(i) {
                k.comment.text = text;
                // An edited comment is one the panel means to keep.
                k.keep = true;
            }
        }
        ConsensusField::Synthesis(f) => {
            let current = c.current;
            if let Some(s) = c.panels.get_mut(current).and_then(|p| p.synthesis.as_mut()) {
                s.set(f, text);
            }
        }
    }
}

/// Leaves the field keeping its text; a comment left empty is removed (a new one abandoned,
/// or one cleared on purpose).
fn close(m: &mut Model) -> Vec<Effect> {
    sync(m, true);
    let Some(ed) = m.editor.take() else {
        return Vec::new();
    };
    if let EditTarget::Consensus(ConsensusField::Comment(i)) = ed.target
        && let Some(c) = m.consensus.as_deref_mut()
    {
        drop_if_empty(c, i);
    }
    vec![Effect::SaveConsensus]
}

fn drop_if_empty(c: &mut Consensus, i: usize) {
    c.marked.clear();
    let Some(item) = c.item_mut() else { return };
    let n = item.strengths.len();
    let empty = |k: &DraftComment| k.comment.text.trim().is_empty();
    if i < n {
        if item.strengths.get(i).is_some_and(empty) {
            item.strengths.remove(i);
        }
    } else if item.ofis.get(i - n).is_some_and(empty) {
        item.ofis.remove(i - n);
    }
    let count = c.comment_count();
    c.comment = c.comment.min(count.saturating_sub(1));
    if count == 0 {
        c.focus = Focus::Agenda;
    }
}
