//! The items tree: categories as headings, items selectable, scores stepped in place.

use super::item::score_step;
use super::{Effect, open_goto, tab};
use crate::tui::action::Action;
use crate::tui::model::{Model, Row, Screen};

pub(super) fn item_rows_codes(m: &Model) -> Vec<Option<String>> {
    let Some(f) = m.framework() else {
        return Vec::new();
    };
    m.items_rows()
        .into_iter()
        .map(|r| match r {
            Row::Category(_) => None,
            Row::Item(ci, ii) => Some(f.categories[ci].items[ii].code.to_string()),
        })
        .collect()
}

pub(super) fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    let codes = item_rows_codes(m);
    if codes.is_empty() {
        if action == Action::Back {
            m.screen = Screen::Applicants;
        } else if matches!(action, Action::NextPane | Action::PrevPane) {
            tab(m, action == Action::NextPane);
        }
        return Vec::new();
    }
    // The selection rests on items only; category rows are headings.
    let first_item = codes.iter().position(Option::is_some).unwrap_or(0);
    if codes.get(m.items_sel).is_none_or(Option::is_none) {
        m.items_sel = first_item;
    }
    match action {
        Action::Back => m.screen = Screen::Applicants,
        Action::NextPane | Action::PrevPane => tab(m, action == Action::NextPane),
        Action::Up | Action::PageUp | Action::Home => {
            let n = match action {
                Action::Up => 1,
                Action::PageUp => 10,
                _ => usize::MAX,
            };
            let mut sel = m.items_sel;
            let mut moved = 0;
            while moved < n {
                match (0..sel).rev().find(|i| codes[*i].is_some()) {
                    Some(i) => {
                        sel = i;
                        moved += 1;
                    }
                    None => break,
                }
            }
            m.items_sel = sel;
        }
        Action::Down | Action::PageDown | Action::End => {
            let n = match action {
                Action::Down => 1,
                Action::PageDown => 10,
                _ => usize::MAX,
            };
            let mut sel = m.items_sel;
            let mut moved = 0;
            while moved < n {
                match (sel + 1..codes.len()).find(|i| codes[*i].is_some()) {
                    Some(i) => {
                        sel = i;
                        moved += 1;
                    }
                    None => break,
                }
            }
            m.items_sel = sel;
        }
        Action::Open => {
            if let Some(Some(code)) = codes.get(m.items_sel) {
                open_item(m, code.clone());
            }
        }
        Action::GotoItem => open_goto(m),
        Action::NextOpenIssue => super::open_issues::next_open_issue(m),
        Action::StartSiteReview => super::applicants::ask_site_review(m),
        Action::ScoreUp | Action::ScoreDown => {
            if let Some(Some(code)) = codes.get(m.items_sel) {
                m.item_code = code.clone();
                return score_step(m, action == Action::ScoreUp);
            }
        }
        _ => {}
    }
    Vec::new()
}

pub(super) fn open_item(m: &mut Model, code: String) {
    if let Some(i) = item_rows_codes(m)
        .iter()
        .position(|c| c.as_deref() == Some(code.as_str()))
    {
        m.items_sel = i;
    }
    let other = m.item_code != code;
    if other {
        m.entry_sel = 0;
        m.criteria_scroll = 0;
    }
    m.item_code = code;
    m.screen = Screen::Item;
    // On site the open issues are the to-do list: an item opens at its first one.
    if other && m.stage() == crate::review::Stage::SiteReview {
        let first_open = m.item_review().and_then(|ir| {
            let open = ir.site_issues.iter().position(|i| i.status.is_open())?;
            crate::tui::model::entries(Some(ir))
                .iter()
                .position(|e| *e == crate::tui::model::Entry::Issue(open))
        });
        if let Some(i) = first_open {
            m.entry_sel = i;
        }
    }
}
