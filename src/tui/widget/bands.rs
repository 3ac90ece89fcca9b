//! The band picker: the framework's six bands with this item kind's descriptors, the current
//! band marked. Drawn as pre-wrapped lines so it scrolls with the criteria pane.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::wrap::wrap;
use crate::framework::{Framework, ItemKind, Percent};
use crate::lang::Lang;

pub fn band_lines(
    f: &Framework,
    kind: ItemKind,
    percent: Option<Percent>,
    lang: Lang,
    width: u16,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for b in &f.bands {
        let current = percent.is_some_and(|p| b.contains(p.value()));
        let label = format!("{:>3}-{:<3}%", b.min, b.max);
        let head_style = if current {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        };
        let marker = if current { "> " } else { "  " };
        out.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(label, head_style),
        ]));
        let body_style = if current {
            Style::default()
        } else {
            Style::default().add_modifier(Modifier::DIM)
        };
        for l in wrap(b.descriptor(kind).get(lang), width.saturating_sub(4), 40) {
            out.push(Line::from(vec![
                Span::raw("    "),
                Span::styled(l, body_style),
            ]));
        }
    }
    out
}
