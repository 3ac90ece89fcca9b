//! 组织概述要点 (个人概述要点 for a person): short statements from the applicant's overview.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::heading;
use crate::i18n::tui::{Msg, t};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::model::{EditTarget, Model};
use crate::tui::widget::list;

pub(crate) fn render(m: &Model, f: &mut Frame, area: Rect) {
    let block = Block::default().borders(Borders::TOP).title(Span::styled(
        crate::i18n::criteria::overview_title(m.lang, m.framework()),
        heading(),
    ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let Some(a) = m.applicant() else { return };
    if a.key_factors.is_empty() {
        let key = m
            .keymap
            .key_for(Context::KeyFactors, &Action::Add)
            .unwrap_or_default();
        f.render_widget(
            Paragraph::new(format!("{} {key}", t(m.lang, Msg::NoKeyFactors))),
            inner,
        );
        return;
    }
    let editing = m.editor.as_ref().and_then(|e| match e.target {
        EditTarget::KeyFactor(i) => Some((i, &e.area)),
        _ => None,
    });
    let blocks: Vec<list::Block> = a
        .key_factors
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let mut b = list::Block::new(Vec::new(), format!("{}. {k}", i + 1));
            b.selected = i == m.key_factor_sel && editing.is_none();
            if b.selected {
                b.body_style = Style::default().add_modifier(Modifier::REVERSED);
            }
            if let Some((e, area)) = editing
                && e == i
            {
                b.editor = Some(area);
            }
            b
        })
        .collect();
    list::render(f, inner, &blocks);
}
