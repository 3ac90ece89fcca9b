//! The reviewer's app as the TUI tests drive it: the model on the demo applicant, keys and typed
//! text through the key map and `update`, at a fixed time.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::lang::Lang;
use crate::program::Catalog;
use crate::review::demo::demo_applicant;
use crate::tui::keymap::{KeyMap, translate};
use crate::tui::model::Model;
use crate::tui::update::update;

/// The time every change is made at.
pub const NOW: &str = "2026-01-01T00:00:00Z";

/// The app for reviewer 张三 with the embedded catalog and the demo applicant (示例).
pub fn demo_model(lang: Lang) -> Model {
    let catalog = Catalog::embedded();
    let hash = catalog.framework("gbt19580-2012").unwrap().hash.clone();
    let mut m = Model::new(lang, catalog, KeyMap::default());
    m.reviewer = "张三".into();
    m.applicants.push(demo_applicant(&hash, NOW).unwrap());
    m
}

/// One key, as the terminal sends it, through the key map and `update` (effects dropped).
pub fn key(m: &mut Model, code: KeyCode) {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(a) = translate(m, &ev) {
        update(m, a, NOW);
    }
}

/// Text typed character by character.
pub fn chars(m: &mut Model, s: &str) {
    for c in s.chars() {
        key(m, KeyCode::Char(c));
    }
}
