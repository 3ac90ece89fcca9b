//! The applicants list: name, track, framework, stage, progress, total, declaration.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState};

use super::{bad, heading, warn};
use crate::framework::format_points;
use crate::i18n::tui::{Msg, t};
use crate::review::{Applicant, ConflictDeclaration, Origin};
use crate::tui::model::Model;
use crate::tui::widget::wrap::truncate;
use unicode_width::UnicodeWidthStr;

/// (items scored, all items, total) of an applicant's current stage.
pub(crate) fn progress(m: &Model, a: &Applicant) -> Option<(usize, usize, String)> {
    let f = m.framework_of(a)?;
    let r = a.review(a.current_stage())?;
    let p = r.progress(f);
    Some((p.scored, p.total, format_points(r.totals(f).total)))
}

pub(crate) fn render(m: &Model, f: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(t(m.lang, Msg::ScreenApplicants), heading()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    if m.applicants.is_empty() {
        let key = m
            .keymap
            .key_for(
                crate::tui::keymap::Context::Applicants,
                &crate::tui::action::Action::AddApplicant,
            )
            .unwrap_or_default();
        f.render_widget(
            Paragraph::new(format!("{} {key}", t(m.lang, Msg::NoApplicants))),
            inner,
        );
        return;
    }
    let l = m.lang;
    // Narrow windows stack name over track in one column.
    let wide = inner.width >= 110;
    let mut head = vec![t(l, Msg::ColId), t(l, Msg::ColName)];
    if wide {
        head.push(t(l, Msg::ColTrack));
    }
    head.extend([
        t(l, Msg::ColFramework),
        t(l, Msg::ColStage),
        t(l, Msg::ColProgress),
        t(l, Msg::ColTotal),
        t(l, Msg::ColConflict),
    ]);
    let header = Row::new(head).style(Style::default().add_modifier(Modifier::BOLD));
    let id_w = m
        .applicants
        .iter()
        .map(|a| a.id.width())
        .chain([t(l, Msg::ColId).width()])
        .max()
        .unwrap_or(2);
    let mut widths = vec![
        Constraint::Length(u16::try_from(id_w).unwrap_or(4)),
        Constraint::Fill(3),
    ];
    if wide {
        widths.push(Constraint::Fill(3));
    }
    widths.extend([
        Constraint::Length(if wide { 20 } else { 15 }),
        Constraint::Length(8),
        Constraint::Length(7),
        Constraint::Length(6),
        Constraint::Length(10),
    ]);
    // The name column's width, as the table will lay it out (after the `>` marker), so a long
    // name is cut with `…` rather than clipped mid-word without a sign.
    let marker = 1;
    let cols = Layout::horizontal(widths.clone()).spacing(1).split(Rect {
        width: inner.width.saturating_sub(marker),
        ..inner
    });
    let name_w = usize::from(cols.get(1).map_or(0, |c| c.width));
    let rows = m.applicants.iter().map(|a| {
        // The demo, or an applicant added by hand (practice: its sheets are refused by a
        // merge against a round), is marked before its name.
        let mark = if a.demo {
            Some(format!("[{}] ", t(l, Msg::Demo)))
        } else if a.origin == Origin::Local {
            Some(format!("[{}] ", t(l, Msg::LocalMark)))
        } else {
            None
        };
        let room = name_w.saturating_sub(mark.as_deref().map_or(0, UnicodeWidthStr::width));
        let mut name = vec![Span::raw(truncate(&a.name, room))];
        if let Some(mark) = mark {
            name.insert(0, Span::styled(mark, warn()));
        }
        let track = m
            .track_of(a)
            .map(|tr| tr.title.get(l).to_string())
            .unwrap_or_else(|| a.track.clone());
        let mut fw = vec![Span::raw(
            m.framework_of(a)
                .map(|f| f.standard.clone())
                .unwrap_or_else(|| a.document.framework.clone()),
        )];
        let provisional = m.is_provisional(a);
        let (done, all, total) = progress(m, a).unwrap_or((0, 0, "-".into()));
        let conflict = match &a.conflict {
            ConflictDeclaration::Undeclared => Span::styled(t(l, Msg::ConflictUndeclared), warn()),
            ConflictDeclaration::NoConflict { .. } => Span::raw(t(l, Msg::ConflictNone)),
            ConflictDeclaration::Conflict { .. } => {
                Span::styled(t(l, Msg::ConflictDeclared), bad())
            }
        };
        let stage = short_stage(m, a);
        let mut cells: Vec<Text> = vec![Text::from(a.id.to_string())];
        if wide {
            cells.push(Text::from(Line::from(name)));
            cells.push(Text::from(track));
            if provisional {
                fw.push(Span::styled(format!(" {}", t(l, Msg::Provisional)), warn()));
            }
            cells.push(Text::from(Line::from(fw)));
        } else {
            cells.push(Text::from(vec![
                Line::from(name),
                Line::from(Span::styled(track, super::dim())),
            ]));
            let mut fw_lines = vec![Line::from(fw)];
            if provisional {
                fw_lines.push(Line::from(Span::styled(t(l, Msg::Provisional), warn())));
            }
            cells.push(Text::from(fw_lines));
        }
        cells.extend([
            Text::from(stage),
            Text::from(format!("{done}/{all}")),
            Text::from(total),
            Text::from(Line::from(conflict)),
        ]);
        Row::new(cells).height(if wide { 1 } else { 2 })
    });
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
        .highlight_symbol(">");
    let mut state = TableState::default().with_selected(Some(m.current));
    f.render_stateful_widget(table, inner, &mut state);
}

fn short_stage(m: &Model, a: &Applicant) -> &'static str {
    t(
        m.lang,
        match a.current_stage() {
            crate::review::Stage::DocumentReview => Msg::StageDocumentShort,
            crate::review::Stage::SiteReview => Msg::StageSiteShort,
        },
    )
}
