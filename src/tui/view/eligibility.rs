//! 资格审查: the programme's checklist for the applicant's kind, each condition met / not met /
//! unclear with a note.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{bad, dim, good, heading, warn};
use crate::i18n::tui::{Msg, t};
use crate::review::Verdict;
use crate::tui::model::{EditTarget, Model};
use crate::tui::widget::wrap::wrap;
use crate::tui::widget::{editor, list};
use unicode_width::UnicodeWidthStr;

pub(crate) fn render(m: &Model, f: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(t(m.lang, Msg::ScreenEligibility), heading()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let (Some(a), Some(list_)) = (m.applicant(), m.checklist()) else {
        f.render_widget(Paragraph::new(t(m.lang, Msg::NoChecklist)), inner);
        return;
    };
    let editing = m.editor.as_ref().and_then(|e| match &e.target {
        EditTarget::EligibilityNote(id) => Some((id.clone(), &e.area)),
        _ => None,
    });
    let blocks: Vec<list::Block> = list_
        .conditions
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let ans = a.eligibility().get(&c.id);
            let (label, style) = match ans.and_then(|x| x.verdict) {
                Some(Verdict::Met) => (Msg::VerdictMet, good()),
                Some(Verdict::NotMet) => (Msg::VerdictNotMet, bad()),
                Some(Verdict::Unclear) => (Msg::VerdictUnclear, warn()),
                Some(Verdict::NotApplicable) => (Msg::VerdictNotApplicable, dim()),
                None => (Msg::VerdictNone, dim()),
            };
            let head = Line::from(vec![
                Span::styled(format!("[{}]", t(m.lang, label)), style),
                Span::raw(format!(" {}", c.article)),
            ]);
            let mut b = list::Block::new(vec![head], c.text.get(m.lang));
            b.selected = i == m.eligibility_sel;
            // What the measures add: when the condition binds, and a preference that is not a
            // condition (第十六条(五), 第十五条(七)).
            for (label, text) in [
                (Msg::AppliesIf, c.applies_if.as_ref()),
                (Msg::ConditionNote, c.note.as_ref()),
            ] {
                if let Some(text) = text {
                    let said = format!("{}: {}", t(m.lang, label), text.get(m.lang));
                    let width = inner.width.saturating_sub(2);
                    for line in wrap(&said, width, usize::from(inner.height)) {
                        b.tail.push(Line::from(Span::styled(line, dim())));
                    }
                }
            }
            let note = ans.map(|x| x.note.as_str()).unwrap_or("");
            let editing_this = editing.as_ref().is_some_and(|(id, _)| *id == c.id);
            if !note.is_empty() || editing_this {
                // Wrapped under its label, not cut at the pane's edge (issue 11).
                let label = super::note_label(m.lang);
                let indent = label.width();
                let width = inner
                    .width
                    .saturating_sub(2)
                    .saturating_sub(u16::try_from(indent).unwrap_or(u16::MAX));
                let mut lines = wrap(note, width, usize::from(inner.height)).into_iter();
                b.tail.push(Line::from(vec![
                    Span::styled(label, Style::default()),
                    Span::raw(lines.next().unwrap_or_default()),
                ]));
                b.tail
                    .extend(lines.map(|x| Line::from(format!("{}{x}", " ".repeat(indent)))));
            }
            b
        })
        .collect();
    // The note being typed: a field under the list, so the condition stays readable.
    if let Some((_, area)) = editing {
        let h = 3.min(inner.height);
        let list_area = Rect::new(inner.x, inner.y, inner.width, inner.height - h);
        list::render(f, list_area, &blocks);
        let field = Rect::new(inner.x, inner.bottom() - h, inner.width, h);
        let b = Block::default()
            .borders(Borders::TOP)
            .title(t(m.lang, Msg::Note));
        let fi = b.inner(field);
        f.render_widget(b, field);
        editor::render(f, area, fi);
    } else {
        list::render(f, inner, &blocks);
    }
}
