//! The layout `view` reads from the model: the wrapped lines of the comments, site issues and
//! their notes on the item screen, kept in [`crate::tui::model::Model::wraps`] (issue 11: a
//! frame wrapped every visible comment again). Refreshed after every action, so a text is
//! wrapped when it or the window's width changes, not on every frame; why `update` owns this
//! rather than the view is said at [`WrapCache`](crate::tui::widget::wrap::WrapCache).

use unicode_width::UnicodeWidthStr;

use crate::tui::model::{CommentList, EditTarget, Field, Model, Screen};

/// Brings [`Model::wraps`] up to date with the screen and window: on the item screen, every
/// comment and site issue of the item at the width the comment pane draws them (the text being
/// typed is shown by its field, not from here); elsewhere nothing is kept.
pub fn refresh(m: &mut Model) {
    let mut cache = std::mem::take(&mut m.wraps);
    match (m.screen, m.window, m.item_review()) {
        (Screen::Item, Some(window), Some(ir)) if !m.too_small() => {
            let width = crate::tui::view::comment_text_width(window);
            let note_width = width.saturating_sub(note_indent(m));
            let typing = match &m.editor {
                Some(e) => Some(&e.target),
                None => None,
            };
            let typed = |list: Option<CommentList>, index: usize| {
                typing.is_some_and(|t| match (t, list) {
                    (
                        EditTarget::Comment {
                            list: l,
                            index: i,
                            field: Field::Text,
                            ..
                        },
                        Some(list),
                    ) => *l == list && *i == index,
                    (
                        EditTarget::SiteIssue {
                            index: i,
                            field: Field::Text,
                            ..
                        },
                        None,
                    ) => *i == index,
                    _ => false,
                })
            };
            let comments = [
                (CommentList::Strengths, &ir.strengths),
                (CommentList::Ofis, &ir.ofis),
            ];
            let texts = comments
                .into_iter()
                .flat_map(|(list, v)| {
                    v.iter()
                        .enumerate()
                        .filter(move |(i, _)| !typed(Some(list), *i))
                        .map(move |(_, c)| (c.text.as_str(), width))
                })
                .chain(
                    ir.site_issues
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| !typed(None, *i))
                        .map(move |(_, s)| (s.text.as_str(), width)),
                )
                .chain(
                    ir.site_issues
                        .iter()
                        .filter(|s| !s.note.is_empty())
                        .map(move |s| (s.note.as_str(), note_width)),
                );
            cache.keep(texts);
        }
        _ => cache.keep([]),
    }
    m.wraps = cache;
}

/// The cells before a site issue's note (its label), under which the note's further lines are
/// indented.
fn note_indent(m: &Model) -> u16 {
    u16::try_from(crate::tui::view::note_label(m.lang).width()).unwrap_or(u16::MAX)
}
