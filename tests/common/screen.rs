//! The TUI's frame at 120×40 as text, each wide character once (as a person reads it).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scorebook::tui::model::Model;
use scorebook::tui::view::view;

pub(crate) fn render(m: &Model) -> String {
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
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
