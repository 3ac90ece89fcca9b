//! The TUI's frame as text, each wide character once (as a person reads it).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scorebook::tui::model::Model;
use scorebook::tui::view::view;

/// The frame at 120×40.
#[allow(dead_code)] // not every test binary that includes this file reads 120×40
pub(crate) fn render(m: &Model) -> String {
    render_at(m, 120, 40)
}

/// The frame at `w`×`h`.
#[allow(dead_code)]
pub(crate) fn render_at(m: &Model, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(m, f)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            let s = buf[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                continue;
            }
            out.push_str(s);
            skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

/// The frame at `w`×`h` as a snapshot reads it: trailing blanks cut from each line. The cell
/// after a wide character is skipped; if it holds anything but blank, something was drawn over
/// half a character, and the test fails.
#[allow(dead_code)]
pub(crate) fn snapshot_at(m: &Model, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(m, f)).unwrap();
    snapshot_text(t.backend().buffer())
}

/// A buffer as [`snapshot_at`] reads it.
#[allow(dead_code)]
pub(crate) fn snapshot_text(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0usize;
        let mut line = String::new();
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            if skip > 0 {
                assert!(
                    sym.trim().is_empty(),
                    "row {y} col {x}: '{sym}' drawn over half a wide character"
                );
                skip -= 1;
                continue;
            }
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
