//! The layout `view` reads from the model: the wrapped lines of the comments, their
//! comment-check warnings, site issues and their notes on the item screen, kept in
//! [`crate::tui::model::Model::wraps`] (issue 11: a frame wrapped every visible comment again),
//! and the item's criteria pane, kept in [`crate::tui::model::Model::criteria`]. Refreshed after
//! every action, so a text is wrapped when it or the window's width changes, not on every frame;
//! why `update` owns this rather than the view is said at
//! [`WrapCache`](crate::tui::widget::wrap::WrapCache).

use std::sync::Arc;

use unicode_width::UnicodeWidthStr;

use crate::tui::model::{CommentList, EditTarget, Field, Model, Screen};
use crate::tui::widget::criteria::CriteriaLayout;

/// Brings [`Model::wraps`] and [`Model::criteria`] up to date with the screen and window.
pub fn refresh(m: &mut Model) {
    refresh_wraps(m);
    refresh_criteria(m);
}

/// On the item screen, lays the criteria pane out again when the item, its framework edition,
/// the language or the pane's width changed. Elsewhere the last item's layout is kept (it is
/// small, and going back to the item needs it again).
fn refresh_criteria(m: &mut Model) {
    let (Screen::Item, Some(window)) = (m.screen, m.window) else {
        return;
    };
    if m.too_small() {
        return;
    }
    let (Some(hash), Some(fw), Some(it)) = (m.framework_hash(), m.framework(), m.item()) else {
        return;
    };
    let width = crate::tui::view::criteria_text_width(window);
    if m.criteria
        .as_ref()
        .is_some_and(|c| c.is_for(hash, &m.item_code, m.lang, width))
    {
        return;
    }
    let layout = CriteriaLayout::new(hash, fw, it, m.lang, width);
    m.criteria = Some(Arc::new(layout));
}

/// On the item screen, every comment, its comment-check warnings and every site issue of the
/// item at the width the comment pane draws them (the text being typed is shown by its field,
/// not from here); elsewhere nothing is kept.
fn refresh_wraps(m: &mut Model) {
    let mut cache = std::mem::take(&mut m.wraps);
    match (m.screen, m.window, m.item_review()) {
        (Screen::Item, Some(window), Some(ir)) if !m.too_small() => {
            let width = crate::tui::view::comment_text_width(window);
            let note_width = width.saturating_sub(note_indent(m));
            let warning_width = crate::tui::view::warning_width(width);
            // The warnings' words in the interface language, as the view draws them.
            let warnings: Vec<String> = m
                .checks
                .item_warnings(&m.item_code, ir)
                .into_iter()
                .chain(
                    ir.strengths
                        .iter()
                        .chain(&ir.ofis)
                        .flat_map(|c| m.checks.check(c)),
                )
                .map(|w| w.message(m.lang))
                .collect();
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
                )
                .chain(warnings.iter().map(|w| (w.as_str(), warning_width)));
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
    use crate::tui::model::{Entry, entries};
    use crate::tui::view::{comment_text_width, view};

    const LONG: &str = "高层领导每月主持经营分析会，按十八项关键绩效指标评审进展，偏差超过98.2%的指标须在两周内提交改进措施（见自评报告第41页，金府规发〔2023〕1号）。";

    const PRESCRIPTIVE: &str = "应进一步加强对经营分析会决议的跟踪，可考虑建立闭环机制。";

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
        // A comment the check warns about (prescriptive wording), with a long warning.
        ir.ofis.push(Comment {
            text: PRESCRIPTIVE.into(),
            requirements: vec!["a".into()],
            evidence: "自评报告第12页".into(),
        });
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
                // OFIs), the issue and its note, and the warnings.
                let ir = m.item_review().unwrap();
                let mut texts: Vec<String> = ir
                    .strengths
                    .iter()
                    .chain(&ir.ofis)
                    .map(|c| c.text.clone())
                    .collect();
                texts.extend(
                    ir.site_issues
                        .iter()
                        .flat_map(|s| [s.text.clone(), s.note.clone()]),
                );
                let warning = ir.ofis.iter().find(|c| c.text == PRESCRIPTIVE).unwrap();
                let warnings: Vec<String> = m
                    .checks
                    .check(warning)
                    .iter()
                    .map(|w| w.message(lang))
                    .collect();
                assert!(!warnings.is_empty());
                texts.extend(
                    m.checks
                        .item_warnings("4.1.2", ir)
                        .into_iter()
                        .chain(
                            ir.strengths
                                .iter()
                                .chain(&ir.ofis)
                                .flat_map(|c| m.checks.check(c)),
                        )
                        .map(|w| w.message(lang)),
                );
                texts.sort_unstable();
                texts.dedup();
                assert_eq!(m.wraps.len(), texts.len(), "{window:?}");
                assert_eq!(frame(&m), afresh, "the cache changes nothing drawn");
                // The warning's lines are looked up at its width too.
                let mut planted = m.clone();
                for w in &warnings {
                    planted.wraps.plant(
                        w,
                        crate::tui::view::warning_width(comment_text_width(window)),
                        vec!["WARNPLANT".into()],
                    );
                }
                planted.entry_sel = entries(planted.item_review())
                    .iter()
                    .position(|e| *e == Entry::Comment(CommentList::Ofis, ir.ofis.len() - 1))
                    .unwrap();
                assert!(frame(&planted).contains("WARNPLANT"), "{window:?}");
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

    fn buffer(m: &Model) -> ratatui::buffer::Buffer {
        let (w, h) = m.window.unwrap();
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view(m, f)).unwrap();
        t.backend().buffer().clone()
    }

    #[test]
    fn the_criteria_pane_is_drawn_from_the_layout_update_keeps() {
        for lang in [Lang::Zh, Lang::En] {
            for window in [(80, 24), (120, 40), (200, 60)] {
                let mut m = model(lang);
                m.window = Some(window);
                m.item_pane = crate::tui::model::ItemPane::Criteria;
                // Scored, so one band is drawn as the current one.
                m.applicants[0]
                    .document
                    .items
                    .get_mut("4.1.2")
                    .unwrap()
                    .percent = Some(crate::framework::Percent::new(55, 5).unwrap());
                // Scrolled to the top, into the pane, and past its end (held at the last page).
                for scroll in [0, 7, 1000] {
                    m.criteria_scroll = scroll;
                    m.criteria = None;
                    let afresh = buffer(&m);
                    refresh(&mut m);
                    assert!(m.criteria.is_some());
                    assert_eq!(buffer(&m), afresh, "{window:?} at {scroll}");
                }
                // Planted lines show: the view read the layout kept here.
                m.criteria_scroll = 0;
                let layout = Arc::make_mut(m.criteria.as_mut().unwrap());
                layout.lines[0].text = "CRITPLANT".into();
                assert!(frame(&m).contains("CRITPLANT"), "{window:?}");
            }
        }
    }

    #[test]
    fn the_criteria_are_laid_out_again_for_another_item_width_or_language() {
        let mut m = model(Lang::Zh);
        m.window = Some((120, 40));
        refresh(&mut m);
        let hash = m.framework_hash().unwrap().to_string();
        let width = crate::tui::view::criteria_text_width((120, 40));
        let first = m.criteria.clone().unwrap();
        assert!(first.is_for(&hash, "4.1.2", Lang::Zh, width));
        // An action that changes none of them keeps the same layout.
        m.entry_sel = 1;
        refresh(&mut m);
        assert!(Arc::ptr_eq(&first, m.criteria.as_ref().unwrap()));
        m.window = Some((200, 60));
        refresh(&mut m);
        let wide = crate::tui::view::criteria_text_width((200, 60));
        assert_ne!(wide, width);
        assert!(
            m.criteria
                .as_ref()
                .unwrap()
                .is_for(&hash, "4.1.2", Lang::Zh, wide)
        );
        m.lang = Lang::En;
        refresh(&mut m);
        assert!(
            m.criteria
                .as_ref()
                .unwrap()
                .is_for(&hash, "4.1.2", Lang::En, wide)
        );
        m.item_code = "4.1.3".into();
        refresh(&mut m);
        let layout = m.criteria.clone().unwrap();
        assert!(layout.is_for(&hash, "4.1.3", Lang::En, wide));
        // Leaving the item screen keeps it for the way back.
        m.screen = Screen::Items;
        refresh(&mut m);
        assert!(Arc::ptr_eq(&layout, m.criteria.as_ref().unwrap()));
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
