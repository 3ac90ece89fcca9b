//! The consensus screen (合议): the agenda (divergent items first) beside the item — its
//! figures, every member's percent, the agreed percent with its rationale, and the panel's
//! strengths and OFIs. A text field opens at the foot of the item pane. Widths are terminal
//! cells; chrome is ASCII and box drawing only (ambiguous-width glyphs break CJK terminals).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::heading;
use crate::framework::score::format_points;
use crate::i18n::synthesis::screen as synthesis_words;
use crate::i18n::tui::{Msg, t};
use crate::lang::Lang;
use crate::panel::Role;
use crate::tui::consensus::model::{
    Consensus, ConsensusField, Focus, SynthesisTexts, agreed_score,
};
use crate::tui::model::{EditTarget, Model};
use crate::tui::widget::editor;
use crate::tui::widget::wrap::{truncate, wrap as shared_wrap};

fn role_name(lang: Lang, r: Role) -> &'static str {
    match r {
        Role::Leader => t(lang, Msg::ConsRoleLeader),
        Role::Member => "",
        Role::Trainee => t(lang, Msg::ConsRoleTrainee),
    }
}

/// Wraps to `width` cells with the app's one wrap (Chinese line-start rules included); always
/// at least one line, so an empty text still takes its row.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = u16::try_from(width.max(1)).unwrap_or(u16::MAX);
    let mut lines = shared_wrap(text, width, usize::MAX);
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Lays chips (`name percent`) out in lines of `width` cells, two spaces apart, never splitting
/// a chip unless it alone is wider than the line.
fn pack(chips: &[String], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for chip in chips {
        let need = if line.is_empty() { 0 } else { 2 } + chip.width();
        if !line.is_empty() && line.width() + need > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str("  ");
        }
        line.push_str(chip);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.into_iter().flat_map(|l| wrap(&l, width)).collect()
}

pub(crate) fn render(m: &Model, f: &mut Frame, area: Rect) {
    let lang = m.lang;
    let Some(c) = m.consensus.as_deref() else {
        return;
    };
    if c.panel().is_none() {
        f.render_widget(Paragraph::new(t(lang, Msg::ConsNothing)), area);
        return;
    }
    let agenda_w = (area.width / 3).clamp(10, 26);
    let [left, right] =
        Layout::horizontal([Constraint::Length(agenda_w), Constraint::Min(0)]).areas(area);
    draw_agenda(c, lang, f, left);
    let right = Rect {
        x: right.x.saturating_add(1).min(right.right()),
        width: right.width.saturating_sub(1),
        ..right
    };
    // The text field takes the foot of the item pane while it is open.
    let field = m.editor.as_ref().and_then(|e| match e.target {
        EditTarget::Consensus(field) => Some((e, field)),
        _ => None,
    });
    match field {
        Some((ed, field)) => {
            // An overall-evaluation text is paragraphs: it gets the larger part of the pane.
            let h = match field {
                ConsensusField::Rationale => 3,
                ConsensusField::Comment(_) => 6,
                ConsensusField::Synthesis(_) => (right.height * 2 / 3).max(6),
            }
            .min(right.height);
            let [item, edit] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(h)]).areas(right);
            draw_item(c, lang, f, item);
            let title = match field {
                ConsensusField::Rationale => t(lang, Msg::ConsWhyPrompt).to_string(),
                ConsensusField::Comment(_) => t(lang, Msg::ConsCommentPrompt).to_string(),
                ConsensusField::Synthesis(sf) => {
                    let (n, of) = SynthesisTexts::place(sf);
                    synthesis_words::field_title(lang, sf, n, of)
                }
            };
            let block = Block::new()
                .borders(Borders::ALL)
                .title(Span::styled(format!(" {title} "), heading()));
            let inner = block.inner(edit);
            f.render_widget(block, edit);
            editor::render(f, &ed.area, inner);
        }
        None => match synthesis_line(m, c, usize::from(right.width)) {
            // A site-stage applicant: the overall evaluation's inputs under the item.
            Some(line) => {
                let [item, foot] =
                    Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(right);
                draw_item(c, lang, f, item);
                f.render_widget(Paragraph::new(line), foot);
            }
            None => draw_item(c, lang, f, right),
        },
    }
}

/// How much each overall-evaluation input holds, with the key that writes them; `None` for a
/// document-stage applicant (综合评价 follows the site review).
fn synthesis_line(m: &Model, c: &Consensus, width: usize) -> Option<Line<'static>> {
    let s = c.panel()?.synthesis.as_ref()?;
    let key = m
        .keymap
        .key_for(
            crate::tui::keymap::Context::Consensus,
            &crate::tui::action::Action::EditSynthesis,
        )
        .unwrap_or_default();
    let text = synthesis_words::summary(m.lang, s.chars(), &key);
    Some(Line::styled(
        truncate(&text, width),
        Style::new().add_modifier(Modifier::DIM),
    ))
}

fn draw_agenda(c: &Consensus, lang: Lang, f: &mut Frame, area: Rect) {
    let block = Block::new()
        .borders(Borders::RIGHT)
        .title(t(lang, Msg::ConsAgenda));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let Some(panel) = c.panel() else { return };
    let height = usize::from(inner.height);
    let first = c.pos.saturating_sub(height.saturating_sub(1));
    let width = usize::from(inner.width);
    let lines: Vec<Line> = panel
        .result
        .agenda
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, code)| {
            let stats = panel.result.items.iter().find(|s| &s.code == code);
            let draft = panel.draft.items.iter().find(|d| &d.code == code);
            let mark = match (
                stats.is_some_and(|s| s.divergent),
                draft.is_some_and(|d| d.agreed),
            ) {
                (_, true) => "+",
                (true, false) => "!",
                (false, false) => " ",
            };
            let text = format!(
                "{mark}{code} d{} {}%",
                stats.map_or(0, |s| s.spread),
                draft.map_or(0, |d| d.percent)
            );
            let style = if i == c.pos {
                let s = Style::new().add_modifier(Modifier::REVERSED);
                if c.focus == Focus::Agenda {
                    s.add_modifier(Modifier::BOLD)
                } else {
                    s
                }
            } else {
                Style::new()
            };
            Line::styled(truncate(&text, width), style)
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

fn draw_item(c: &Consensus, lang: Lang, f: &mut Frame, area: Rect) {
    let Some((s, d)) = c.item() else { return };
    let Some(panel) = c.panel() else { return };
    let width = usize::from(area.width);
    let mut lines: Vec<Line> = Vec::new();
    let title = panel
        .framework
        .item(&s.code)
        .map(|i| i.title.get(lang).to_string())
        .unwrap_or_default();
    lines.push(Line::styled(
        truncate(
            &format!(
                "{} {} ({}{})",
                s.code,
                title,
                s.points,
                t(lang, Msg::ConsPointsUnit)
            ),
            width,
        ),
        Style::new().add_modifier(Modifier::BOLD),
    ));
    lines.push(Line::raw(truncate(
        &format!(
            "n {}  {} {}  {} {}  {} {}  {} {}{}",
            s.n,
            t(lang, Msg::ConsMean),
            s.mean,
            t(lang, Msg::ConsMedian),
            s.median,
            t(lang, Msg::ConsSpread),
            s.spread,
            t(lang, Msg::ConsSd),
            s.std_dev,
            if s.divergent {
                t(lang, Msg::ConsDivergent)
            } else {
                ""
            }
        ),
        width,
    )));
    let chips: Vec<String> = s
        .percents
        .iter()
        .map(|p| {
            let role = role_name(lang, p.role);
            let pct = p.percent.map_or("-".to_string(), |v| format!("{v}%"));
            if role.is_empty() {
                format!("{} {}", p.reviewer, pct)
            } else {
                format!("{}({}) {}", p.reviewer, role, pct)
            }
        })
        .collect();
    for l in pack(&chips, width).into_iter().take(3) {
        lines.push(Line::raw(l));
    }
    let agreed = if d.agreed {
        t(lang, Msg::ConsAgreed)
    } else {
        t(lang, Msg::ConsNotAgreed)
    };
    lines.push(Line::from(vec![
        Span::raw(t(lang, Msg::ConsAgreedLabel)),
        Span::styled(
            format!("< {}% >", d.percent),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::raw(format!(" = {} {}", format_points(agreed_score(d)), agreed)),
    ]));
    let rationale = if d.rationale.is_empty() {
        t(lang, Msg::ConsNoRationale).to_string()
    } else {
        d.rationale.clone()
    };
    let label = t(lang, Msg::ConsWhy);
    for l in wrap(&format!("{label}{rationale}"), width)
        .into_iter()
        .take(2)
    {
        lines.push(Line::raw(l));
    }
    lines.push(Line::styled(
        truncate(t(lang, Msg::ConsCommentsHead), width),
        Style::new().add_modifier(Modifier::UNDERLINED),
    ));
    let used = lines.len();
    let room = usize::from(area.height).saturating_sub(used);
    let total = d.strengths.len() + d.ofis.len();
    if total == 0 {
        lines.push(Line::raw(t(lang, Msg::ConsNoComments)));
    }
    let first = c.comment.saturating_sub(room.saturating_sub(1) / 2);
    let tags = c.near_duplicate_tags();
    let mut shown = 0;
    for i in first..total {
        if shown >= room {
            break;
        }
        let Some((strength, k)) = c.comment_at(i) else {
            break;
        };
        let author = if !k.merged_from.is_empty() {
            format!(
                "{} ({} {})",
                t(lang, Msg::ConsPanelAuthor),
                t(lang, Msg::ConsMergedFrom),
                k.merged_from.join(", ")
            )
        } else if k.reviewer.is_empty() {
            t(lang, Msg::ConsPanelAuthor).to_string()
        } else {
            k.reviewer.clone()
        };
        // [x] kept, * marked for a merge, #n its group of near-duplicates.
        let head = format!(
            "[{}]{}{}{} {}: ",
            if k.keep { "x" } else { " " },
            if c.marked.contains(&i) { "*" } else { " " },
            if strength {
                t(lang, Msg::ConsStrengthTag)
            } else {
                t(lang, Msg::ConsOfiTag)
            },
            tags.get(i)
                .copied()
                .flatten()
                .map_or(String::new(), |n| format!(" #{n}")),
            author
        );
        let text = format!("{head}{}", k.comment.text);
        let selected = c.focus == Focus::Comments && i == c.comment;
        if selected {
            let style = Style::new().add_modifier(Modifier::REVERSED);
            for l in wrap(&text, width)
                .into_iter()
                .take(room.saturating_sub(shown).max(1))
            {
                lines.push(Line::styled(l, style));
                shown += 1;
            }
        } else {
            // One row per comment: its own line breaks would hide the next comment.
            let first_line = text.lines().next().unwrap_or_default();
            lines.push(Line::raw(truncate(first_line, width)));
            shown += 1;
        }
    }
    f.render_widget(Paragraph::new(lines), area);
}
