//! The panel at a glance (issue 10): one row per item, one column per member, each cell the
//! member's band (GB/Z 19579, numbered 1-6 from the lowest) and percent; recused, missing and
//! unscored cells are words, so nothing depends on colour alone. Divergent rows are marked `!`,
//! agreed ones `+`. The rows scroll to keep the selection in view.

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
use crate::tui::model::Model;
use crate::tui::widget::wrap::{fit, truncate, wrap};

/// Member columns are at least this wide (a band, a space, `100%`, a gap) and at most
/// [`MAX_COL`], so eight members fit in 80 columns and a few do not sprawl over 120.
const MIN_COL: usize = 7;
const MAX_COL: usize = 12;

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
    let width = usize::from(area.width);
    // The mark, a space, the code, a gap.
    let code_w = heat
        .rows
        .iter()
        .map(|r| r.code.width())
        .chain([t(lang, Msg::HeatItem).width()])
        .max()
        .unwrap_or(0)
        + 3;
    let spread_w = t(lang, Msg::HeatSpread).width().max(3) + 1;
    let agreed_w = t(lang, Msg::HeatAgreed).width().max(5) + 1;
    let avail = width.saturating_sub(code_w + spread_w + agreed_w);
    let n = heat.members.len();
    let col_w = avail
        .checked_div(n)
        .unwrap_or(MIN_COL)
        .clamp(MIN_COL, MAX_COL);
    let shown = n.min(avail / col_w);

    let mut header = vec![Span::raw(pad(
        &format!("  {}", t(lang, Msg::HeatItem)),
        code_w,
    ))];
    for member in heat.members.iter().take(shown) {
        header.push(Span::raw(pad(&truncate(&member.name, col_w - 1), col_w)));
    }
    header.push(Span::raw(pad(t(lang, Msg::HeatSpread), spread_w)));
    header.push(Span::raw(pad(t(lang, Msg::HeatAgreed), agreed_w)));

    let mut legend = t(lang, Msg::HeatLegend).to_string();
    if shown < n {
        legend = format!("+{} {}. {legend}", n - shown, t(lang, Msg::HeatMore));
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
        for cell in row.cells.iter().take(shown) {
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
