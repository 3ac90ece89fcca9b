//! Polish of the reviewer's day (issue 11): scores spelled as every report spells them, the
//! hint bar's `? 帮助` at 80 columns, the help's editing keys and paging, `g` with short codes,
//! and the summary's lists that jump to their item.

#[path = "common/screen.rs"]
mod screen;

use ratatui::crossterm::event::KeyCode;
use scorebook::lang::Lang;
use scorebook::testkit::reviewer;
use scorebook::testkit::reviewer::{chars, key};
use scorebook::tui::model::{Model, Screen};

fn model(lang: Lang) -> Model {
    reviewer::demo_model(lang)
}

/// The frame at `w`×`h` as text, each wide character once.
fn draw(m: &Model, w: u16, h: u16) -> String {
    screen::render_at(m, w, h)
}

/// `g`, the code, Enter.
fn goto(m: &mut Model, code: &str) {
    key(m, KeyCode::Char('g'));
    chars(m, code);
    key(m, KeyCode::Enter);
}

#[test]
fn scores_show_two_decimals_like_the_reports() {
    let mut m = model(Lang::En);
    key(&mut m, KeyCode::Enter); // the items list
    goto(&mut m, "4.4.3"); // 15 points
    assert_eq!(m.screen, Screen::Item);
    chars(&mut m, "55");
    key(&mut m, KeyCode::Enter);
    let pct = m.item_review().and_then(|i| i.percent).map(|p| p.value());
    assert_eq!(pct, Some(55), "{:?}", m.status);
    // 15 × 55 % = 8.25: one decimal showed 8.3, the reports show 8.25.
    let item = screen::render(&m);
    assert!(item.contains("8.25"), "{item}");
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.screen, Screen::Items);
    let items = screen::render(&m);
    assert!(items.contains("8.25"), "{items}");
    assert!(!items.contains("8.3 "), "{items}");
}

#[test]
fn the_hint_bar_keeps_help_at_80_columns() {
    for lang in [Lang::Zh, Lang::En] {
        let help = match lang {
            Lang::Zh => "? 帮助",
            Lang::En => "? help",
        };
        let mut m = model(lang);
        // Every screen: applicants, items, an item (document and site stage), the summary.
        let mut walk: Vec<(String, String)> = Vec::new();
        let mut look = |m: &Model, name: &str| {
            let frame = draw(m, 80, 24);
            let bar = frame.lines().last().unwrap_or_default().to_string();
            walk.push((name.to_string(), bar));
        };
        look(&m, "applicants");
        key(&mut m, KeyCode::Enter);
        look(&m, "items");
        key(&mut m, KeyCode::Enter);
        assert_eq!(m.screen, Screen::Item);
        look(&m, "item");
        key(&mut m, KeyCode::Esc);
        key(&mut m, KeyCode::Tab);
        look(&m, "next pane");
        key(&mut m, KeyCode::Tab);
        look(&m, "next pane 2");
        key(&mut m, KeyCode::Tab);
        look(&m, "next pane 3");
        for (name, bar) in walk {
            assert!(bar.contains(help), "{lang:?} {name}: {bar}");
        }
    }
}

#[test]
fn help_lists_direct_scoring_and_editing_keys_and_pages() {
    for (lang, digits, word) in [
        (Lang::Zh, "输入得分率", "删除光标前的词"),
        (Lang::En, "type the percent", "delete the word before"),
    ] {
        let mut m = model(lang);
        m.window = Some((80, 24));
        key(&mut m, KeyCode::Enter); // from the items list, where PgDn is not the help's
        key(&mut m, KeyCode::Char('?'));
        assert!(m.help);
        let first = draw(&m, 80, 24);
        // One page down shows what the first page did not; a page is the help box's height.
        key(&mut m, KeyCode::PageDown);
        assert!(m.help, "PgDn kept the help open");
        assert_eq!(m.help_scroll, 24 - 5, "a page is the 19 rows of the box");
        let second = draw(&m, 80, 24);
        assert_ne!(first, second);
        key(&mut m, KeyCode::PageUp);
        assert_eq!(m.help_scroll, 0);
        // Paging down reaches the end and stops there: the last page lists the extra keys.
        let mut all = first.clone();
        for _ in 0..20 {
            key(&mut m, KeyCode::PageDown);
            all.push_str(&draw(&m, 80, 24));
        }
        let last = m.help_scroll;
        key(&mut m, KeyCode::PageDown);
        assert_eq!(m.help_scroll, last, "no scrolling past the end");
        assert!(all.contains(digits), "{lang:?}");
        assert!(all.contains(word), "{lang:?}");
        assert!(all.contains("Ctrl+K"), "{lang:?}");
        // One PgUp from the end moves back at once (the scroll did not run past the end).
        key(&mut m, KeyCode::PageUp);
        assert_eq!(m.help_scroll, last.saturating_sub(19));
    }
}

#[test]
fn goto_reads_short_and_category_codes_on_every_screen_it_works() {
    for (typed, want) in [("433", "4.3.3"), ("4.3.3", "4.3.3"), ("4.3", "4.3.2")] {
        // The items list.
        let mut m = model(Lang::Zh);
        key(&mut m, KeyCode::Enter);
        goto(&mut m, typed);
        assert_eq!(
            (m.screen, m.item_code.as_str()),
            (Screen::Item, want),
            "{typed}"
        );
        // The item screen.
        goto(&mut m, "4.1.2");
        assert_eq!(m.item_code, "4.1.2");
        goto(&mut m, typed);
        assert_eq!(
            (m.screen, m.item_code.as_str()),
            (Screen::Item, want),
            "{typed}"
        );
        // The summary.
        key(&mut m, KeyCode::Esc);
        key(&mut m, KeyCode::Tab);
        assert_eq!(m.screen, Screen::Summary);
        goto(&mut m, typed);
        assert_eq!(
            (m.screen, m.item_code.as_str()),
            (Screen::Item, want),
            "{typed}"
        );
    }
    // An unknown code keeps the dialog open with its error.
    let mut m = model(Lang::Zh);
    key(&mut m, KeyCode::Enter);
    goto(&mut m, "4.9");
    assert!(m.dialog.is_some());
    assert_eq!(m.screen, Screen::Items);
}

#[test]
fn summary_lists_are_selectable_and_enter_opens_the_item() {
    for lang in [Lang::Zh, Lang::En] {
        let mut m = model(lang);
        m.window = Some((80, 24));
        key(&mut m, KeyCode::Enter);
        key(&mut m, KeyCode::Tab);
        assert_eq!(m.screen, Screen::Summary);
        let targets = m.summary_targets();
        let fw = m.framework().unwrap();
        let review = m.review().unwrap();
        let unscored = fw.totals(|c| review.percent(c)).unscored;
        assert!(unscored.len() >= 2, "the demo leaves items unscored");
        assert!(
            targets.len() > unscored.len(),
            "the demo has comment-check warnings: {targets:?}"
        );
        // The second unscored item.
        key(&mut m, KeyCode::Down);
        let frame = draw(&m, 80, 24);
        key(&mut m, KeyCode::Enter);
        assert_eq!(m.screen, Screen::Item, "{frame}");
        assert_eq!(m.item_code, unscored[1]);
        // Back on the summary the selection stays; End reaches the last warning, on screen.
        key(&mut m, KeyCode::Esc);
        key(&mut m, KeyCode::Tab);
        assert_eq!(m.screen, Screen::Summary);
        assert_eq!(m.summary_sel, 1);
        key(&mut m, KeyCode::End);
        let last = targets.last().unwrap().clone();
        let frame = draw(&m, 80, 24);
        assert!(frame.contains(&format!("! {last}")), "{frame}");
        key(&mut m, KeyCode::Enter);
        assert_eq!(
            (m.screen, m.item_code.as_str()),
            (Screen::Item, last.as_str())
        );
        // The first warning: one Down past the last unscored item.
        key(&mut m, KeyCode::Esc);
        key(&mut m, KeyCode::Tab);
        key(&mut m, KeyCode::Home);
        for _ in 0..unscored.len() {
            key(&mut m, KeyCode::Down);
        }
        key(&mut m, KeyCode::Enter);
        assert_eq!(m.item_code, targets[unscored.len()]);
    }
}
