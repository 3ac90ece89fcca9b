//! `N`: site review's to-do list across items — the next open site-visit issue in item order,
//! its item opened with the issue selected. From the items list the selected item's own open
//! issues come first; on the item screen those after the selected entry. After the last it
//! starts again from the first item, so the key always finds what is left.

use super::info;
use super::items::{item_rows_codes, open_item};
use crate::i18n::tui::Msg;
use crate::tui::model::{Entry, ItemPane, Model, Screen, entries};

pub(super) fn next_open_issue(m: &mut Model) {
    let codes: Vec<String> = item_rows_codes(m).into_iter().flatten().collect();
    let Some(review) = m.review() else {
        return;
    };
    // Every open issue as (item's place, issue's index), in the order they are worked.
    let open: Vec<(usize, usize, String)> = codes
        .iter()
        .enumerate()
        .flat_map(|(k, code)| {
            review
                .items
                .get(code.as_str())
                .map(|ir| ir.site_issues.as_slice())
                .unwrap_or_default()
                .iter()
                .enumerate()
                .filter(|(_, s)| s.is_open())
                .map(move |(i, _)| (k, i, code.clone()))
        })
        .collect();
    // Where the reviewer is: an issue counts as passed, anything else as before the item's
    // issues.
    let here = match m.screen {
        Screen::Item => {
            let item = codes.iter().position(|c| *c == m.item_code);
            let issue = match entries(m.item_review()).get(m.entry_sel) {
                Some(Entry::Issue(i)) => Some(*i),
                _ => None,
            };
            item.map(|k| (k, issue))
        }
        _ => item_rows_codes(m)
            .get(m.items_sel)
            .cloned()
            .flatten()
            .and_then(|c| codes.iter().position(|x| *x == c))
            .map(|k| (k, None)),
    };
    let after = |(k, i): (usize, usize)| match here {
        None => true,
        Some((hk, None)) => k >= hk,
        Some((hk, Some(hi))) => k > hk || (k == hk && i > hi),
    };
    let Some((_, index, code)) = open
        .iter()
        .find(|(k, i, _)| after((*k, *i)))
        .or_else(|| open.first())
        .cloned()
    else {
        info(m, Msg::NoOpenIssues);
        return;
    };
    open_item(m, code);
    m.item_pane = ItemPane::Comments;
    if let Some(p) = entries(m.item_review())
        .iter()
        .position(|e| *e == Entry::Issue(index))
    {
        m.entry_sel = p;
    }
}
