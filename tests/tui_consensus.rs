//! The leader's screens of the app (`scorebook consensus OUT`): the heat map (the panel at a
//! glance) and the consensus screen's near-duplicate groups and merge, at 80×24 and 120×40 in
//! Chinese and English, over eight members scoring the full GB/T 19580 framework.

#[path = "common/screen.rs"]
mod screen;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use scorebook::lang::Lang;
use scorebook::panel::heat::HeatCell;
use scorebook::testkit::consensus::consensus_model;
use scorebook::tui::keymap::translate;
use scorebook::tui::model::{Model, Screen};
use scorebook::tui::update::{Effect, update};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const NOW: &str = "2026-01-01T00:00:00Z";

fn key(m: &mut Model, code: KeyCode) -> Vec<Effect> {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    match translate(m, &ev) {
        Some(a) => update(m, a, NOW),
        None => Vec::new(),
    }
}

fn snap(name: &str, m: &Model) {
    for (w, h) in SIZES {
        let lang = match m.lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        };
        insta::assert_snapshot!(
            format!("{name}_{lang}_{w}x{h}"),
            screen::snapshot_at(m, w, h)
        );
    }
}

#[test]
fn the_heat_map_is_the_first_screen_and_fits_both_sizes() {
    for lang in [Lang::Zh, Lang::En] {
        let m = consensus_model(lang, 2, 8);
        assert_eq!(m.screen, Screen::HeatMap);
        snap("heat_map", &m);
    }
}

#[test]
fn the_heat_map_scrolls_to_the_selection_and_marks_recused_and_missing_cells() {
    let mut m = consensus_model(Lang::En, 1, 8);
    let rows = m.consensus.as_ref().unwrap().panels[0].heat.rows.len();
    for _ in 0..rows {
        key(&mut m, KeyCode::Down);
    }
    let last = m.consensus.as_ref().unwrap().panels[0].heat.rows[rows - 1]
        .code
        .clone();
    let frame = screen::render_at(&m, 80, 24);
    assert!(frame.contains(&last), "{frame}");
    // A recused member and a missing one are words in their cells, not a colour.
    let c = m.consensus.as_deref_mut().unwrap();
    let heat = &mut c.panels[0].heat;
    for row in &mut heat.rows {
        row.cells[1] = HeatCell::Recused;
        row.cells[2] = HeatCell::Missing;
        row.cells[3] = HeatCell::Unscored;
    }
    let frame = screen::render_at(&m, 80, 24);
    for word in ["rec.", "miss", "n/s"] {
        assert!(frame.contains(word), "{word}\n{frame}");
    }
}

#[test]
fn enter_on_the_heat_map_opens_that_item_and_esc_comes_back() {
    let mut m = consensus_model(Lang::Zh, 1, 8);
    key(&mut m, KeyCode::Down);
    key(&mut m, KeyCode::Down);
    let code = m.consensus.as_ref().unwrap().panels[0].heat.rows[2]
        .code
        .clone();
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.screen, Screen::Consensus);
    let c = m.consensus.as_deref().unwrap();
    assert_eq!(c.item().unwrap().0.code, code);
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.screen, Screen::HeatMap);
}

/// Issue 10: every reviewer comment is carried in, near-duplicates grouped; the leader merges a
/// group into one (its texts joined, then edited), drops, edits or adds.
#[test]
fn near_duplicates_are_grouped_and_a_group_merges_into_one_edited_comment() {
    let mut m = consensus_model(Lang::Zh, 1, 4);
    key(&mut m, KeyCode::Tab);
    assert_eq!(m.screen, Screen::Consensus);
    let c = m.consensus.as_deref().unwrap();
    let (_, d) = c.item().unwrap();
    let before = d.strengths.len();
    assert!(before >= 3, "every member's strengths carried in: {before}");
    let tags = c.near_duplicate_tags();
    assert!(tags.iter().any(Option::is_some), "{tags:?}");
    snap("consensus_groups", &m);

    // Select the first strength (grouped with the other members' copies) and merge its group.
    key(&mut m, KeyCode::Tab);
    let group = m.consensus.as_deref().unwrap().merge_selection();
    assert!(group.len() >= 2, "{group:?}");
    let fx = key(&mut m, KeyCode::Char('m'));
    assert_eq!(fx, vec![Effect::SaveConsensus]);
    assert!(m.editor.is_some(), "the merged text opens for editing");
    update(
        &mut m,
        scorebook::tui::action::Action::Paste("（合议）".into()),
        NOW,
    );
    key(&mut m, KeyCode::Esc);
    let c = m.consensus.as_deref().unwrap();
    let (_, d) = c.item().unwrap();
    assert_eq!(d.strengths.len(), before - group.len() + 1);
    let merged = &d.strengths[c.comment];
    assert!(merged.keep);
    assert_eq!(merged.merged_from.len(), group.len());
    assert_eq!(merged.comment.text.lines().count(), group.len());
    assert!(merged.comment.text.ends_with("（合议）"));

    // Two marked comments of different kinds do not merge, and say why.
    let n = d.strengths.len() + d.ofis.len();
    key(&mut m, KeyCode::Char('v'));
    for _ in 0..n {
        key(&mut m, KeyCode::Down);
    }
    key(&mut m, KeyCode::Char('v'));
    assert_eq!(key(&mut m, KeyCode::Char('m')), vec![]);
    assert!(
        format!("{:?}", m.status).contains("不能合并"),
        "{:?}",
        m.status
    );
}

/// Issue 10: export still lists the unconfirmed items and says how many.
#[test]
fn export_from_the_heat_map_lists_the_unconfirmed_items_first() {
    let mut m = consensus_model(Lang::En, 1, 4);
    assert_eq!(key(&mut m, KeyCode::Char('x')), vec![]);
    let said = format!("{:?}", m.status);
    assert!(
        said.contains("not confirmed") && said.contains("Press x again"),
        "{said}"
    );
    assert_eq!(
        key(&mut m, KeyCode::Char('x')),
        vec![Effect::SaveConsensus, Effect::ExportConsensus(0)]
    );
}

/// Members beyond the window's width are reached with →/← (l/h), a column at a time, never
/// past the last; the legend says how many are off each side (they used to be cut, "+k").
#[test]
fn members_beyond_the_width_scroll_into_view() {
    for lang in [Lang::Zh, Lang::En] {
        let mut m = consensus_model(lang, 1, 14);
        update(&mut m, scorebook::tui::action::Action::Resize(80, 24), NOW);
        let members: Vec<String> = m.consensus.as_ref().unwrap().panels[0]
            .heat
            .members
            .iter()
            .map(|x| x.name.clone())
            .collect();
        // The header row: the one that heads the item column.
        let header = |m: &Model| {
            let frame = screen::render_at(m, 80, 24);
            frame
                .lines()
                .find(|l| l.contains("条款") || l.contains("Item"))
                .unwrap_or_else(|| panic!("{frame}"))
                .to_string()
        };
        let first = header(&m);
        let last = members.last().unwrap();
        assert!(
            first.contains(&members[0]) && !first.contains(last.as_str()),
            "{first}"
        );
        if lang == Lang::En {
            snap("heat_map_wide_start", &m);
        }
        for _ in 0..members.len() * 2 {
            key(&mut m, KeyCode::Right);
        }
        let end = header(&m);
        assert!(
            end.contains(last.as_str()) && !end.contains(&members[0]),
            "{end}"
        );
        snap("heat_map_wide_scrolled", &m);
        // One step back shows a column more to the left at once (no steps lost past the end).
        key(&mut m, KeyCode::Char('h'));
        assert_ne!(header(&m), end);
        for _ in 0..members.len() * 2 {
            key(&mut m, KeyCode::Left);
        }
        assert_eq!(header(&m), first);
    }
}
