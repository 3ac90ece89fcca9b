//! The summary: per category and total, unscored items, comment counts, the comment check.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{good, heading, stage_name, warn};
use crate::framework::format_points;
use crate::i18n::conduct;
use crate::i18n::tui::{Msg, t};
use crate::review::comment_check::check_review;
use crate::review::{CommentKind, Stage};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::model::Model;
use crate::tui::widget::wrap::{truncate, wrap};
use unicode_width::UnicodeWidthStr;

/// The selected entry of the summary's lists.
fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

pub(crate) fn render(m: &Model, f: &mut Frame, area: Rect) {
    let l = m.lang;
    let block = Block::default().borders(Borders::TOP).title(Span::styled(
        format!(
            "{} - {}",
            t(l, Msg::ScreenSummary),
            stage_name(m, m.stage())
        ),
        heading(),
    ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let (Some(fw), Some(review)) = (m.framework(), m.review()) else {
        f.render_widget(Paragraph::new(t(l, Msg::NoFramework)), inner);
        return;
    };
    let w = inner.width;
    let totals = fw.totals(|c| review.percent(c));
    let mut lines: Vec<Line> = Vec::new();
    let title_w = usize::from(w).saturating_sub(24).max(8);
    for (c, (_, sum, points)) in fw.categories.iter().zip(&totals.categories) {
        let title = truncate(c.title.get(l), title_w);
        let pad = title_w.saturating_sub(title.width());
        lines.push(Line::from(format!(
            " {:<6} {title}{} {:>7} / {points}",
            c.code,
            " ".repeat(pad),
            format_points(*sum)
        )));
    }
    lines.push(Line::from(Span::styled(
        format!(
            " {} {} / {}",
            t(l, Msg::Total),
            format_points(totals.total),
            fw.total_points
        ),
        Style::default().add_modifier(Modifier::BOLD),
    )));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        format!("{} ({})", t(l, Msg::Unscored), totals.unscored.len()),
        heading(),
    )));
    // The unscored items and the warnings are one list; the selected entry is reversed and
    // kept on screen (its first and last line).
    let warnings = check_review(m.checks.rules(), fw, review);
    let sel = m.summary_selection(totals.unscored.len() + warnings.len());
    let mut sel_lines = (0, 0);
    if totals.unscored.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" {}", t(l, Msg::AllScored)),
            good(),
        )));
    } else {
        let width = usize::from(w).saturating_sub(1).max(1);
        let mut spans: Vec<Span> = vec![Span::raw(" ")];
        let mut used = 0;
        for (i, code) in totals.unscored.iter().enumerate() {
            let cw = code.width();
            if used > 0 && used + 2 + cw > width {
                lines.push(Line::from(std::mem::replace(
                    &mut spans,
                    vec![Span::raw(" ")],
                )));
                used = 0;
            }
            if used > 0 {
                spans.push(Span::raw("  "));
                used += 2;
            }
            if i == sel {
                sel_lines = (lines.len(), lines.len());
                spans.push(Span::styled(code.to_string(), selected()));
            } else {
                spans.push(Span::raw(code.to_string()));
            }
            used += cw;
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(""));
    let (s, o, v) = review.items.values().fold((0, 0, 0), |acc, ir| {
        (
            acc.0 + ir.strengths.len(),
            acc.1 + ir.ofis.len(),
            acc.2 + ir.site_issues.len(),
        )
    });
    lines.push(Line::from(Span::styled(
        t(l, Msg::CommentCounts),
        heading(),
    )));
    lines.push(Line::from(format!(
        " {} {s}   {} {o}   {} {v}",
        t(l, Msg::Strengths),
        t(l, Msg::Ofis),
        t(l, Msg::SiteIssues)
    )));
    lines.push(Line::from(""));
    // 守纪情况 (第二十二条): the site review's, with the key that records it while missing.
    if m.stage() == Stage::SiteReview {
        lines.push(Line::from(Span::styled(t(l, Msg::ConductTitle), heading())));
        match &review.conduct {
            Some(c) => {
                let verdict = conduct::verdict(l, c.verdict);
                let text = if c.note.is_empty() {
                    verdict.to_string()
                } else {
                    format!("{verdict} — {}", c.note)
                };
                for (i, x) in wrap(&text, w.saturating_sub(3), 3).into_iter().enumerate() {
                    let lead = if i == 0 { " " } else { "   " };
                    lines.push(Line::from(format!("{lead}{x}")));
                }
            }
            None => {
                let key = m
                    .keymap
                    .key_for(Context::Summary, &Action::Conduct)
                    .unwrap_or_default();
                lines.push(Line::from(Span::styled(
                    format!(" {}", conduct::press_to_record(l, &key)),
                    warn(),
                )));
            }
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(
        format!("{} ({})", t(l, Msg::CommentCheck), warnings.len()),
        heading(),
    )));
    if warnings.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" {}", t(l, Msg::NoWarnings)),
            good(),
        )));
    }
    for (n, wn) in warnings.iter().enumerate() {
        let chosen = totals.unscored.len() + n == sel;
        let which = match wn.comment {
            Some(c) => format!(
                " {}{}",
                t(
                    l,
                    match c.kind {
                        CommentKind::Strength => Msg::StrengthTag,
                        CommentKind::Ofi => Msg::OfiTag,
                    }
                ),
                c.index + 1
            ),
            None => String::new(),
        };
        let text = format!("{}{which}: {}", wn.item, wn.kind.message(l));
        let first = lines.len();
        for (i, x) in wrap(&text, w.saturating_sub(3), 6).into_iter().enumerate() {
            let lead = if i == 0 { " ! " } else { "   " };
            let style = if chosen { selected() } else { warn() };
            lines.push(Line::from(vec![
                Span::styled(lead, warn()),
                Span::styled(x, style),
            ]));
        }
        if chosen {
            sel_lines = (first, lines.len().saturating_sub(1));
        }
    }
    let height = usize::from(inner.height);
    let max = u16::try_from(lines.len().saturating_sub(height)).unwrap_or(0);
    // With entries to choose, the page follows the selection (from the top, so the totals
    // show whenever they fit with it); with none, it scrolls as the reviewer moves it.
    let scroll = if totals.unscored.is_empty() && warnings.is_empty() {
        m.summary_scroll.min(max)
    } else {
        let (first, last) = sel_lines;
        let top = (last + 1).saturating_sub(height).min(first);
        u16::try_from(top).unwrap_or(max).min(max)
    };
    f.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
