//! The category/item tree: points, percent, item score, status; category subtotals; the total.
//! In site review (第十八条(四)) the percent is shown as document → site, and each item's
//! site-visit issues still open (待核查 / 待澄清) are counted: the site review's overview.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState};

use super::{dim, good, heading, warn};
use crate::framework::{format_points, item_score};
use crate::i18n::site::Word;
use crate::i18n::tui::{Msg, t};
use crate::review::{ItemStatus, Stage};
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
    // Site review: the document review it started from, beside it.
    let document = m
        .applicant()
        .filter(|_| review.stage == Stage::SiteReview)
        .map(|a| &a.document);
    let mut head = vec![
        t(l, Msg::ColCode),
        t(l, Msg::ColTitle),
        t(l, Msg::ColPoints),
    ];
    if document.is_some() {
        head.extend([Word::ColDocument.text(l), Word::ColSite.text(l)]);
    } else {
        head.push(t(l, Msg::ColPercent));
    }
    head.extend([t(l, Msg::ColScore), t(l, Msg::ColStatus)]);
    if document.is_some() {
        head.push(Word::ColOpen.text(l));
    }
    let header = Row::new(head).style(Style::default().add_modifier(Modifier::BOLD));
    let shown = |p: Option<crate::framework::Percent>| {
        p.map(|p| p.to_string()).unwrap_or_else(|| "-".into())
    };
    let rows = m.items_rows().into_iter().map(|r| match r {
        TreeRow::Category(ci) => {
            let c = &fw.categories[ci];
            let sub = totals
                .categories
                .get(ci)
                .map(|(_, s, _)| format_points(*s))
                .unwrap_or_default();
            let mut cells = vec![
                Line::from(c.code.clone()),
                Line::from(c.title.get(l).to_string()),
                Line::from(c.points.to_string()),
                Line::from(""),
            ];
            if document.is_some() {
                cells.push(Line::from(""));
            }
            cells.extend([Line::from(sub), Line::from("")]);
            if document.is_some() {
                let open: usize = c
                    .items
                    .iter()
                    .map(|i| review.open_issue_count(&i.code))
                    .sum();
                cells.push(open_cell(open));
            }
            Row::new(cells).style(heading())
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
            let mut cells = vec![
                Line::from(format!("  {}", it.code)),
                Line::from(it.title.get(l).to_string()),
                Line::from(it.points.to_string()),
            ];
            if let Some(doc) = document {
                let before = doc.percent(&it.code);
                cells.push(Line::from(Span::styled(shown(before), dim())));
                // A percent moved on site stands out.
                let style = if before == pct {
                    Style::default()
                } else {
                    warn()
                };
                cells.push(Line::from(Span::styled(shown(pct), style)));
            } else {
                cells.push(Line::from(shown(pct)));
            }
            cells.extend([
                Line::from(
                    pct.map(|p| format_points(item_score(it.points, p)))
                        .unwrap_or_else(|| "-".into()),
                ),
                Line::from(Span::styled(t(l, st), st_style)),
            ]);
            if document.is_some() {
                cells.push(open_cell(review.open_issue_count(&it.code)));
            }
            Row::new(cells)
        }
    });
    let mut widths = vec![
        Constraint::Length(9),
        Constraint::Fill(1),
        Constraint::Length(6),
    ];
    if document.is_some() {
        widths.extend([Constraint::Length(4), Constraint::Length(4)]);
    } else {
        widths.push(Constraint::Length(7));
    }
    widths.extend([Constraint::Length(6), Constraint::Length(11)]);
    if document.is_some() {
        widths.push(Constraint::Length(4));
    }
    let table = Table::new(rows, widths)
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

/// Open site-visit issues: a number that stands out, or `-` when none is left.
fn open_cell(open: usize) -> Line<'static> {
    if open == 0 {
        Line::from(Span::styled("-", dim()))
    } else {
        Line::from(Span::styled(open.to_string(), warn()))
    }
}
