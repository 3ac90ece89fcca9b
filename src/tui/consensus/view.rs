//! Drawing the consensus screen: a pure function of the [`Model`]. Widths are terminal cells;
//! chrome is ASCII and box drawing only (ambiguous-width glyphs break CJK terminals).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::framework::score::format_points;
use crate::i18n::tui::{Msg, t};
use crate::lang::Lang;
use crate::panel::Role;
use crate::review::Stage;
use crate::tui::widget::wrap::{truncate, wrap as shared_wrap};

use super::model::{EditTarget, Focus, Model, agreed_score};

fn stage_name(lang: Lang, s: Stage) -> &'static str {
    t(
        lang,
        match s {
            Stage::DocumentReview => Msg::DocScore,
            Stage::SiteReview => Msg::SiteScore,
        },
    )
}

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
pub fn pack(chips: &[String], width: usize) -> Vec<String> {
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

pub fn draw(m: &Model, f: &mut Frame) {
    let area = f.area();
    if area.width < 2 || area.height < 2 {
        return;
    }
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let lang = m.lang;
    let Some(panel) = m.panel() else {
        f.render_widget(Paragraph::new(t(lang, Msg::ConsNothing)), body);
        draw_footer(m, f, foot);
        return;
    };
    let r = &panel.result;
    let title = format!(
        "{}{} {} {} | {} | {}/{} | {} {}",
        if m.read_only.is_some() {
            t(lang, Msg::ConsReadOnly)
        } else {
            ""
        },
        t(lang, Msg::ConsTitle),
        r.applicant_id,
        r.applicant_name,
        stage_name(lang, r.stage),
        m.current + 1,
        m.panels.len(),
        t(lang, Msg::ConsTotal),
        format_points(m.total()),
    );
    f.render_widget(
        Paragraph::new(truncate(&title, usize::from(head.width)))
            .style(Style::new().add_modifier(Modifier::BOLD)),
        head,
    );

    let agenda_w = (body.width / 3).clamp(10, 26);
    let [left, right] =
        Layout::horizontal([Constraint::Length(agenda_w), Constraint::Min(0)]).areas(body);
    draw_agenda(m, f, left);
    draw_item(m, f, right);
    draw_footer(m, f, foot);
    if m.help {
        draw_help(m, f, body);
    }
}

fn draw_agenda(m: &Model, f: &mut Frame, area: Rect) {
    let lang = m.lang;
    let block = Block::new()
        .borders(Borders::RIGHT)
        .title(t(lang, Msg::ConsAgenda));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let Some(panel) = m.panel() else { return };
    let height = usize::from(inner.height);
    let first = m.pos.saturating_sub(height.saturating_sub(1));
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
            let style = if i == m.pos {
                let s = Style::new().add_modifier(Modifier::REVERSED);
                if m.focus == Focus::Agenda {
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

fn draw_item(m: &Model, f: &mut Frame, area: Rect) {
    let lang = m.lang;
    let area = Rect {
        x: area.x.saturating_add(1).min(area.right()),
        width: area.width.saturating_sub(1),
        ..area
    };
    let Some((s, d)) = m.item() else { return };
    let Some(panel) = m.panel() else { return };
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
    for (i, l) in wrap(&format!("{label}{rationale}"), width)
        .into_iter()
        .take(2)
        .enumerate()
    {
        let _ = i;
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
    let first = m.comment.saturating_sub(room.saturating_sub(1) / 2);
    let mut shown = 0;
    for i in first..total {
        if shown >= room {
            break;
        }
        let Some((strength, c)) = m.comment_at(i) else {
            break;
        };
        let head = format!(
            "[{}] {} {}: ",
            if c.keep { "x" } else { " " },
            if strength {
                t(lang, Msg::ConsStrengthTag)
            } else {
                t(lang, Msg::ConsOfiTag)
            },
            if c.reviewer.is_empty() {
                t(lang, Msg::ConsPanelAuthor)
            } else {
                c.reviewer.as_str()
            }
        );
        let selected = m.focus == Focus::Comments && i == m.comment;
        if selected {
            let style = Style::new().add_modifier(Modifier::REVERSED);
            for l in wrap(&format!("{head}{}", c.comment.text), width)
                .into_iter()
                .take(room.saturating_sub(shown).max(1))
            {
                lines.push(Line::styled(l, style));
                shown += 1;
            }
        } else {
            lines.push(Line::raw(truncate(
                &format!("{head}{}", c.comment.text),
                width,
            )));
            shown += 1;
        }
    }
    f.render_widget(Paragraph::new(lines), area);
}

fn draw_footer(m: &Model, f: &mut Frame, area: Rect) {
    let lang = m.lang;
    let width = usize::from(area.width);
    if let Some(ed) = &m.editor {
        let label = match ed.target {
            EditTarget::Rationale => t(lang, Msg::ConsWhyPrompt),
            EditTarget::Comment(_) => t(lang, Msg::ConsCommentPrompt),
        };
        let before: String = ed.text.graphemes(true).take(ed.cursor).collect();
        let label_w = label.width();
        let room = width.saturating_sub(label_w + 1);
        // Show the tail around the cursor when the text is wider than the line.
        let mut shown_before = before.clone();
        while shown_before.width() > room {
            let mut g = shown_before.graphemes(true);
            g.next();
            shown_before = g.collect();
        }
        let skipped = before.graphemes(true).count() - shown_before.graphemes(true).count();
        let visible: String = ed.text.graphemes(true).skip(skipped).collect();
        let line = truncate(&format!("{label}{visible}"), width);
        f.render_widget(
            Paragraph::new(line).style(Style::new().add_modifier(Modifier::REVERSED)),
            area,
        );
        let x = area.x as usize + label_w + shown_before.width();
        let x = x.min(usize::from(area.right().saturating_sub(1)));
        f.set_cursor_position(Position::new(x as u16, area.y));
        return;
    }
    let text = if let (true, Some(why)) = (m.message.is_empty(), m.read_only) {
        crate::i18n::tui::consensus_read_only(lang, why)
    } else if m.message.is_empty() {
        t(lang, Msg::ConsHints).to_string()
    } else {
        m.message.clone()
    };
    f.render_widget(
        Paragraph::new(truncate(&text, width)).style(Style::new().add_modifier(Modifier::DIM)),
        area,
    );
}

fn draw_help(m: &Model, f: &mut Frame, area: Rect) {
    let lang = m.lang;
    let rows = [
        ("Up/Down j/k", t(lang, Msg::ConsHelpMove)),
        ("Left/Right", t(lang, Msg::ConsHelpPercent)),
        ("Enter", t(lang, Msg::ConsHelpAgree)),
        ("r", t(lang, Msg::ConsHelpRationale)),
        ("Tab", t(lang, Msg::ConsHelpFocus)),
        ("Space", t(lang, Msg::ConsHelpKeep)),
        ("e", t(lang, Msg::ConsHelpEdit)),
        ("a / o", t(lang, Msg::ConsHelpAdd)),
        ("n / p", t(lang, Msg::ConsHelpApplicant)),
        ("x", t(lang, Msg::ConsHelpExport)),
        ("s", t(lang, Msg::ConsHelpSave)),
        ("q", t(lang, Msg::ConsHelpQuit)),
    ];
    let w = area.width.min(64);
    let h = area.height.min(rows.len() as u16 + 2);
    let x = area.x + (area.width - w) / 2;
    let y = area.y + (area.height - h) / 2;
    let rect = Rect::new(x, y, w, h);
    let inner_w = usize::from(w.saturating_sub(2));
    let lines: Vec<Line> = rows
        .iter()
        .map(|(k, v)| Line::raw(truncate(&format!("{k:<12} {v}"), inner_w)))
        .collect();
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(t(lang, Msg::ScreenHelp))),
        rect,
    );
}
