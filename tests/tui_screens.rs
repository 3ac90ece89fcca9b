//! Snapshots of every screen and dialog at 80×24 and 120×40, in Chinese and English, drawn on
//! ratatui's TestBackend from the demo applicant. Cells hidden under a wide character are listed
//! by the buffer view, so overlapping CJK text shows up as a diff.

#[path = "common/screen.rs"]
mod screen;

use ratatui::crossterm::event::{Event, KeyCode};
use scorebook::lang::Lang;
use scorebook::program::Catalog;
use scorebook::testkit::reviewer;
use scorebook::testkit::reviewer::key;
use scorebook::tui::keymap::{KeyMap, translate};
use scorebook::tui::model::{Dialog, Model, Screen, text_area};
use scorebook::tui::update::update;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const NOW: &str = "2026-01-01T00:00:00Z";

fn model(lang: Lang) -> Model {
    reviewer::demo_model(lang)
}

fn draw(m: &Model, w: u16, h: u16) -> String {
    screen::snapshot_at(m, w, h)
}

/// Every state to snapshot, by name.
fn states(lang: Lang) -> Vec<(&'static str, Model)> {
    let mut out = Vec::new();
    let base = model(lang);
    out.push(("applicants", base.clone()));

    let mut m = base.clone();
    m.screen = Screen::KeyFactors;
    out.push(("key_factors", m));

    let mut m = base.clone();
    m.screen = Screen::Eligibility;
    out.push(("eligibility", m));

    let mut m = base.clone();
    m.screen = Screen::Items;
    out.push(("items", m));

    let mut m = base.clone();
    m.screen = Screen::Items;
    key(&mut m, KeyCode::Enter);
    out.push(("item", m.clone()));

    let mut e = m.clone();
    key(&mut e, KeyCode::Char('s'));
    for c in "领导作用发挥充分，见申报材料第12页".chars() {
        key(&mut e, KeyCode::Char(c));
    }
    out.push(("item_editing", e.clone()));

    // The same comment's form at its codes, a code not the item's refused with the valid list.
    key(&mut e, KeyCode::Tab);
    for c in "申报材料第12页".chars() {
        key(&mut e, KeyCode::Char(c));
    }
    key(&mut e, KeyCode::Tab);
    for c in "a, gz".chars() {
        key(&mut e, KeyCode::Char(c));
    }
    key(&mut e, KeyCode::Enter);
    key(&mut e, KeyCode::Down);
    out.push(("item_form_codes", e));

    let mut s = base.clone();
    s.dialog = Some(Dialog::ConfirmSiteReview);
    key(&mut s, KeyCode::Enter);
    s.screen = Screen::Items;
    key(&mut s, KeyCode::Enter);
    // On site an item opens at its first open site-visit issue: mark it verified.
    key(&mut s, KeyCode::Char(' '));
    out.push(("item_site", s.clone()));

    let mut m = base.clone();
    m.screen = Screen::Summary;
    out.push(("summary", m));

    let mut m = base.clone();
    m.help = true;
    out.push(("help", m));

    let mut m = Model::new(lang, Catalog::embedded(), KeyMap::default());
    m.dialog = Some(Dialog::FirstRun {
        name: text_area(""),
    });
    out.push(("first_run", m));

    let mut m = base.clone();
    key(&mut m, KeyCode::Char('a'));
    for c in "金山精密".chars() {
        key(&mut m, KeyCode::Char(c));
    }
    out.push(("add_name", m.clone()));
    key(&mut m, KeyCode::Enter);
    out.push(("add_track", m.clone()));
    key(&mut m, KeyCode::Enter);
    out.push(("add_conflict", m.clone()));
    key(&mut m, KeyCode::Down);
    key(&mut m, KeyCode::Enter);
    out.push(("add_relationship", m));

    let mut m = base.clone();
    key(&mut m, KeyCode::Char('d'));
    out.push(("confirm_remove", m));

    let mut m = base.clone();
    m.screen = Screen::Summary;
    key(&mut m, KeyCode::Char('S'));
    out.push(("confirm_site_review", m));

    let mut m = base.clone();
    key(&mut m, KeyCode::Char('x'));
    out.push(("confirm_draft_export", m));

    // 守纪情况 (第二十二条): on site, C on the summary opens the dialog; 3 picks 未遵守, Tab
    // goes to the note.
    let mut m = base.clone();
    m.screen = Screen::Summary;
    key(&mut m, KeyCode::Char('S'));
    key(&mut m, KeyCode::Enter);
    out.push(("summary_site", m.clone()));
    let mut x = m.clone();
    key(&mut x, KeyCode::Char('x'));
    out.push(("confirm_site_export", x));
    key(&mut m, KeyCode::Char('C'));
    key(&mut m, KeyCode::Char('3'));
    key(&mut m, KeyCode::Tab);
    for c in "座谈时申报方安排了宴请，评审组婉拒；另赠送纪念品，已退回。".chars()
    {
        key(&mut m, KeyCode::Char(c));
    }
    out.push(("conduct_dialog", m.clone()));
    key(&mut m, KeyCode::Enter);
    out.push(("summary_site_conduct", m));

    let mut m = base.clone();
    m.screen = Screen::Items;
    key(&mut m, KeyCode::Char('g'));
    for c in "4.9".chars() {
        key(&mut m, KeyCode::Char(c));
    }
    key(&mut m, KeyCode::Enter);
    out.push(("goto_not_found", m));
    out
}

#[test]
fn every_screen_in_both_languages_and_sizes() {
    for lang in [Lang::Zh, Lang::En] {
        for (name, m) in states(lang) {
            for (w, h) in SIZES {
                let snap = format!("{name}_{}_{w}x{h}", lang.code());
                insta::assert_snapshot!(snap, draw(&m, w, h));
            }
        }
    }
}

#[test]
fn too_small_window_says_so_and_no_size_panics() {
    for lang in [Lang::Zh, Lang::En] {
        let m = model(lang);
        insta::assert_snapshot!(format!("too_small_{}", lang.code()), draw(&m, 60, 12));
    }
    // Every state at sizes from 1×1 up, including just under and at the minimum.
    for (_, m) in states(Lang::Zh) {
        for (w, h) in [
            (1, 1),
            (2, 1),
            (10, 3),
            (79, 23),
            (80, 24),
            (81, 25),
            (200, 60),
        ] {
            draw(&m, w, h);
        }
    }
}

/// Thousands of pseudo-random keys (a fixed seed, so a failure reproduces) over every screen,
/// drawn at changing sizes: no key sequence and no size may panic.
#[test]
fn random_keys_and_sizes_never_panic() {
    let keys: Vec<KeyCode> = "qjkslovgtxnrmedaS123 4?[]+-=%JK,c"
        .chars()
        .map(KeyCode::Char)
        .chain([
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::F(1),
            KeyCode::Char('领'),
        ])
        .collect();
    let sizes = [(80, 24), (1, 1), (120, 40), (79, 30), (200, 60), (30, 100)];
    for lang in [Lang::Zh, Lang::En] {
        let mut m = model(lang);
        let mut seed: u64 = 0x5eed_u64 + lang.code().len() as u64;
        for step in 0..4000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let k = keys[(seed >> 33) as usize % keys.len()];
            // Never quit: the walk should go on.
            if k == KeyCode::Char('q') && m.editor.is_none() && m.dialog.is_none() {
                continue;
            }
            key(&mut m, k);
            if step % 7 == 0 {
                let (w, h) = sizes[(seed >> 40) as usize % sizes.len()];
                draw(&m, w, h);
            }
            if step % 500 == 0 {
                let ev = Event::Paste("粘贴的文字\n第二行".into());
                if let Some(a) = translate(&m, &ev) {
                    update(&mut m, a, NOW);
                }
            }
        }
    }
}
