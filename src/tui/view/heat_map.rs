//! The panel at a glance (issue 10): one row per item, one column per member, each cell the
//! member's band (GB/Z 19579, numbered 1-6 from the lowest) and percent; recused, missing and
//! unscored cells are words, so nothing depends on colour alone. Divergent rows are marked `!`,
//! agreed ones `+`. The rows scroll to keep the selection in view; members that do not fit
//! the width scroll into view with ←/→ (h/l), the legend saying how many are on each side.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::dim;
use crate::i18n::tui::{Msg, t};
use crate::lang::Lang;
use crate::panel::heat::HeatCell;
use crate::tui::consensus::model::HeatLayout;
use crate::tui::model::Model;
use crate::tui::widget::wrap::{fit, truncate, wrap};

/// Band colours from the lowest to the highest: a second channel beside the band's number.
fn band_style(band: Option<u8>) -> Style {
    let color = match band {
        Some(1) => Color::Red,
        Some(2) => Color::LightRed,
        Some(3) => Color::Yellow,
        Some(4) => Color::Cyan,
        Some(5) => Color::Green,
        Some(6) => Color::LightGreen,
        _ => return Style::default(),
    };
    Style::default().fg(color)
}

fn cell_text(lang: Lang, cell: &HeatCell) -> (String, Style) {
    match cell {
        HeatCell::Scored { percent, band } => (
            match band {
                Some(b) => format!("{b} {percent}%"),
                None => format!("{percent}%"),
            },
            band_style(*band),
        ),
        HeatCell::Unscored => (t(lang, Msg::HeatUnscored).into(), dim()),
        HeatCell::Recused => (
            t(lang, Msg::HeatRecused).into(),
            dim().add_modifier(Modifier::ITALIC),
        ),
        HeatCell::Missing => (t(lang, Msg::HeatMissing).into(), super::bad()),
    }
}

/// `text` padded with spaces to `width` cells (cut first when wider).
fn pad(text: &str, width: usize) -> String {
    let cut = fit(text, width);
    let gap = width.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(gap))
}

pub(crate) fn render(m: &Model, f: &mut Frame, area: Rect) {
    let lang = m.lang;
    let Some(c) = m.consensus.as_deref() else {
        return;
    };
    let Some(panel) = c.panel() else {
        f.render_widget(Paragraph::new(t(lang, Msg::ConsNothing)), area);
        return;
    };
    let heat = &panel.heat;
    let HeatLayout {
        code_w,
        spread_w,
        agreed_w,
        col_w,
        first: first_col,
        shown,
        members: n,
    } = c.heat_layout(lang, usize::from(area.width));

    let mut header = vec![Span::raw(pad(
        &format!("  {}", t(lang, Msg::HeatItem)),
        code_w,
    ))];
    for member in heat.members.iter().skip(first_col).take(shown) {
        header.push(Span::raw(pad(&truncate(&member.name, col_w - 1), col_w)));
    }
    header.push(Span::raw(pad(t(lang, Msg::HeatSpread), spread_w)));
    header.push(Span::raw(pad(t(lang, Msg::HeatAgreed), agreed_w)));

    let mut legend = t(lang, Msg::HeatLegend).to_string();
    if shown < n {
        let more = crate::i18n::tui::heat_scrolled(lang, first_col, n - first_col - shown);
        legend = format!("{more} {legend}");
    }
    let legend: Vec<String> = wrap(&legend, area.width, 2);
    let body_h = usize::from(area.height)
        .saturating_sub(1)
        .saturating_sub(legend.len());
    let first = c.heat_sel.saturating_sub(body_h.saturating_sub(1));

    let mut lines = vec![Line::from(header).style(Style::default().add_modifier(Modifier::BOLD))];
    for (i, row) in heat.rows.iter().enumerate().skip(first).take(body_h) {
        let draft = c.draft_item(&row.code);
        let mark = if row.divergent { "!" } else { " " };
        let mut spans = vec![Span::styled(
            pad(&format!("{mark} {}", row.code), code_w),
            if row.divergent {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            },
        )];
        for cell in row.cells.iter().skip(first_col).take(shown) {
            let (text, style) = cell_text(lang, cell);
            spans.push(Span::styled(pad(&text, col_w), style));
        }
        spans.push(Span::raw(pad(&row.spread.to_string(), spread_w)));
        let agreed = draft.map_or(String::new(), |d| {
            format!("{}%{}", d.percent, if d.agreed { "+" } else { "" })
        });
        spans.push(Span::raw(pad(&agreed, agreed_w)));
        let mut line = Line::from(spans);
        if i == c.heat_sel {
            line = line.style(Style::default().add_modifier(Modifier::REVERSED));
        }
        lines.push(line);
    }
    let top = Rect {
        height: area
            .height
            .saturating_sub(u16::try_from(legend.len()).unwrap_or(0)),
        ..area
    };
    f.render_widget(Paragraph::new(lines), top);
    let foot = Rect {
        y: top.bottom(),
        height: area.bottom().saturating_sub(top.bottom()),
        ..area
    };
    let legend: Vec<Line> = legend.into_iter().map(|l| Line::styled(l, dim())).collect();
    f.render_widget(Paragraph::new(legend), foot);
}
