//! The category/item tree: points, percent, item score, status; category subtotals; the total.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState};

use super::{dim, good, heading, warn};
use crate::framework::{format_points, item_score};
use crate::i18n::tui::{Msg, t};
use crate::review::ItemStatus;
use crate::tui::model::{Model, Row as TreeRow};

/// Not started / in progress / done, as the review rules decide it.
pub(crate) fn status(s: ItemStatus) -> Msg {
    match s {
        ItemStatus::NotStarted => Msg::StatusNotStarted,
        ItemStatus::InProgress => Msg::StatusInProgress,
        ItemStatus::Done => Msg::StatusDone,
    }
}

pub(crate) fn render(m: &Model, f: &mut Frame, area: Rect) {
    let l = m.lang;
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(t(l, Msg::ScreenItems), heading()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let (Some(fw), Some(review)) = (m.framework(), m.review()) else {
        f.render_widget(Paragraph::new(t(l, Msg::NoFramework)), inner);
        return;
    };
    let [table_area, total_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    let totals = review.totals(fw);
    let header = Row::new(vec![
        t(l, Msg::ColCode),
        t(l, Msg::ColTitle),
        t(l, Msg::ColPoints),
        t(l, Msg::ColPercent),
        t(l, Msg::ColScore),
        t(l, Msg::ColStatus),
    ])
    .style(Style::default().add_modifier(Modifier::BOLD));
    let rows = m.items_rows().into_iter().map(|r| match r {
        TreeRow::Category(ci) => {
            let c = &fw.categories[ci];
            let sub = totals
                .categories
                .get(ci)
                .map(|(_, s, _)| format_points(*s))
                .unwrap_or_default();
            Row::new(vec![
                Line::from(c.code.clone()),
                Line::from(c.title.get(l).to_string()),
                Line::from(c.points.to_string()),
                Line::from(""),
                Line::from(sub),
                Line::from(""),
            ])
            .style(heading())
        }
        TreeRow::Item(ci, ii) => {
            let it = &fw.categories[ci].items[ii];
            let ir = review.items.get(&it.code);
            let pct = ir.and_then(|x| x.percent);
            let st = status(review.item_status(&it.code));
            let st_style = match st {
                Msg::StatusDone => good(),
                Msg::StatusInProgress => warn(),
                _ => dim(),
            };
            Row::new(vec![
                Line::from(format!("  {}", it.code)),
                Line::from(it.title.get(l).to_string()),
                Line::from(it.points.to_string()),
                Line::from(pct.map(|p| p.to_string()).unwrap_or_else(|| "-".into())),
                Line::from(
                    pct.map(|p| format_points(item_score(it.points, p)))
                        .unwrap_or_else(|| "-".into()),
                ),
                Line::from(Span::styled(t(l, st), st_style)),
            ])
        }
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(9),
            Constraint::Fill(1),
            Constraint::Length(6),
            Constraint::Length(7),
            Constraint::Length(6),
            Constraint::Length(11),
        ],
    )
    .header(header)
    .column_spacing(1)
    .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
    .highlight_symbol(">");
    let mut state = TableState::default().with_selected(Some(m.items_selection()));
    f.render_stateful_widget(table, table_area, &mut state);
    let all = fw.item_count();
    let total = Line::from(vec![
        Span::styled(
            format!(
                " {} {} / {}",
                t(l, Msg::Total),
                format_points(totals.total),
                fw.total_points
            ),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Span::raw(format!(
            "   {} {}/{}",
            t(l, Msg::ColProgress),
            all - totals.unscored.len(),
            all
        )),
    ]);
    f.render_widget(Paragraph::new(total), total_area);
}
