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
            let typing = m.editor.as_ref().map(|e| &e.target);
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

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::lang::Lang;
    use crate::program::Catalog;
    use crate::review::demo::demo_applicant;
    use crate::review::{Comment, SiteIssue, SiteIssueStatus, VerifyStatus};
    use crate::tui::keymap::KeyMap;
    use crate::tui::view::{comment_text_width, view};

    const LONG: &str = "高层领导每月主持经营分析会，按十八项关键绩效指标评审进展，偏差超过98.2%的指标须在两周内提交改进措施（见自评报告第41页，金府规发〔2023〕1号）。";

    /// The item screen of 4.1.2 with long comments, a site issue and its long note.
    fn model(lang: Lang) -> Model {
        let catalog = Catalog::embedded();
        let hash = catalog.framework("gbt19580-2012").unwrap().hash.clone();
        let mut a = demo_applicant(&hash, "2026-01-01T00:00:00Z").unwrap();
        let ir = a.document.items.get_mut("4.1.2").unwrap();
        for i in 0..3 {
            let c = Comment {
                text: LONG.repeat(1 + i),
                requirements: vec!["a".into()],
                evidence: "自评报告第12页".into(),
            };
            ir.strengths.push(c.clone());
            ir.ofis.push(c);
        }
        ir.site_issues.push(SiteIssue {
            text: "现场核实经营分析会记录".into(),
            status: SiteIssueStatus::Verify(VerifyStatus::Verified),
            note: LONG.into(),
        });
        let mut m = Model::new(lang, catalog, KeyMap::default());
        m.reviewer = "张三".into();
        m.applicants.push(a);
        m.screen = Screen::Item;
        m.item_code = "4.1.2".into();
        m
    }

    fn frame(m: &Model) -> String {
        let (w, h) = m.window.unwrap();
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view(m, f)).unwrap();
        let buf = t.backend().buffer().clone();
        buf.content().iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn the_view_draws_comments_from_the_cache_at_the_width_update_keeps() {
        for lang in [Lang::Zh, Lang::En] {
            for window in [(80, 24), (120, 40), (200, 60)] {
                let mut m = model(lang);
                // The site issue, the last entry.
                m.entry_sel = crate::tui::model::entries(m.item_review()).len() - 1;
                m.window = Some(window);
                let afresh = frame(&m);
                refresh(&mut m);
                // Every text once: the demo's comments, ours (twice each, as strengths and as
                // OFIs), the issue and its note.
                let ir = m.item_review().unwrap();
                let mut texts: Vec<&str> = ir
                    .strengths
                    .iter()
                    .chain(&ir.ofis)
                    .map(|c| c.text.as_str())
                    .collect();
                texts.extend(
                    ir.site_issues
                        .iter()
                        .flat_map(|s| [s.text.as_str(), s.note.as_str()]),
                );
                texts.sort_unstable();
                texts.dedup();
                assert_eq!(m.wraps.len(), texts.len(), "{window:?}");
                assert_eq!(frame(&m), afresh, "the cache changes nothing drawn");
                // Planted lines show: the view looked them up at the width kept here.
                let width = comment_text_width(window);
                let ir = m.item_review().unwrap().clone();
                for c in ir.strengths.iter().chain(&ir.ofis) {
                    m.wraps.plant(&c.text, width, vec!["PLANTED".into()]);
                }
                let note_w = width - note_indent(&m);
                m.wraps.plant(
                    &ir.site_issues.last().unwrap().note,
                    note_w,
                    vec!["NOTEPLANT".into()],
                );
                assert!(frame(&m).contains("NOTEPLANT"), "{window:?}");
                m.entry_sel = 0;
                assert!(frame(&m).contains("PLANTED"), "{window:?}");
            }
        }
    }

    #[test]
    fn a_changed_text_or_width_is_wrapped_again_and_other_screens_keep_nothing() {
        let mut m = model(Lang::Zh);
        m.window = Some((120, 40));
        refresh(&mut m);
        let width = comment_text_width((120, 40));
        assert!(m.wraps.get(LONG, width, 1).is_some());
        m.applicants[0]
            .document
            .items
            .get_mut("4.1.2")
            .unwrap()
            .strengths[0]
            .text = "改过的优势".into();
        refresh(&mut m);
        assert_eq!(
            m.wraps.get("改过的优势", width, 9),
            Some(&["改过的优势".to_string()][..])
        );
        m.window = Some((200, 60));
        refresh(&mut m);
        assert!(m.wraps.get(LONG, width, 1).is_none());
        assert!(
            m.wraps
                .get(LONG, comment_text_width((200, 60)), 1)
                .is_some()
        );
        m.screen = Screen::Items;
        refresh(&mut m);
        assert!(m.wraps.is_empty());
    }
}
