//! A scrolling list of multi-line blocks (comments, issues, key factors, conditions): each block
//! a heading, a pre-wrapped body and trailing lines; the selected block kept in view; the block
//! being edited drawn as a text field in place.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui_textarea::TextArea;

use super::editor;
use super::wrap::{WrapCache, wrap};

/// One entry of the list.
pub struct Block<'a> {
    pub head: Vec<Line<'a>>,
    pub body: Cow<'a, str>,
    pub body_style: Style,
    pub tail: Vec<Line<'a>>,
    pub selected: bool,
    /// Draw this text field in place of the body.
    pub editor: Option<&'a TextArea<'static>>,
    /// A one-line text field drawn over a tail line (its index), after that many cells of its
    /// label: the comment form's evidence and codes, in place.
    pub tail_field: Option<(usize, u16, &'a TextArea<'static>)>,
    /// Where the body's wrapped lines may already be (see [`WrapCache`]); it is wrapped here
    /// when they are not.
    pub cache: Option<&'a WrapCache>,
}

impl<'a> Block<'a> {
    pub fn new(head: Vec<Line<'a>>, body: impl Into<Cow<'a, str>>) -> Block<'a> {
        Block {
            head,
            body: body.into(),
            body_style: Style::default(),
            tail: Vec::new(),
            selected: false,
            editor: None,
            tail_field: None,
            cache: None,
        }
    }
}

/// Left margin: the selection marker.
pub const MARGIN: u16 = 2;
/// Lines shown of a body that is not selected.
const PREVIEW_LINES: usize = 6;

/// The block indexes that can be drawn when `sel` is selected in a list `rows` lines high.
pub fn near(sel: Option<usize>, rows: usize) -> std::ops::RangeInclusive<usize> {
    let s = sel.unwrap_or(0);
    s.saturating_sub(rows)..=s.saturating_add(rows)
}

pub fn render<'a>(f: &mut Frame, area: Rect, blocks: &'a [Block<'a>]) {
    if area.width <= MARGIN || area.height == 0 {
        return;
    }
    let text_w = area.width - MARGIN;
    let max_h = usize::from(area.height);
    let sel = blocks
        .iter()
        .position(|b| b.selected || b.editor.is_some() || b.tail_field.is_some());
    // Every block is at least a line high, so only blocks this close to the selection can be
    // on screen; the rest are not wrapped at all.
    let near = near(sel, max_h);
    // Lay out the heights (bodies wrapped up to what could be shown).
    let bodies: Vec<Option<Vec<Cow<'a, str>>>> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if !near.contains(&i) {
                Some(Vec::new())
            } else if b.editor.is_some() {
                None
            } else {
                let cap = if b.selected { max_h } else { PREVIEW_LINES };
                let mut lines: Vec<Cow<'a, str>> =
                    match b.cache.and_then(|c| c.get(&b.body, text_w, cap + 1)) {
                        Some(cached) => cached.iter().map(|l| Cow::Borrowed(l.as_str())).collect(),
                        None => wrap(&b.body, text_w, cap + 1)
                            .into_iter()
                            .map(Cow::Owned)
                            .collect(),
                    };
                if lines.len() > cap {
                    lines.truncate(cap);
                    if let Some(last) = lines.last_mut() {
                        let mut s = super::wrap::fit(last, usize::from(text_w).saturating_sub(3));
                        s.push_str("...");
                        *last = Cow::Owned(s);
                    }
                }
                Some(lines)
            }
        })
        .collect();
    let editor_h = |b: &Block<'_>| -> usize {
        let room = max_h.saturating_sub(b.head.len() + b.tail.len()).max(1);
        let text = b.editor.map(|e| e.lines().join("\n")).unwrap_or_default();
        let need = wrap(&text, text_w, room).len().max(1) + 1;
        need.min(room)
    };
    let heights: Vec<usize> = blocks
        .iter()
        .zip(&bodies)
        .map(|(b, body)| {
            b.head.len()
                + b.tail.len()
                + match body {
                    Some(lines) => lines.len(),
                    None => editor_h(b),
                }
        })
        .collect();
    let mut start = 0;
    if let Some(s) = sel {
        while start < s && heights[start..=s].iter().sum::<usize>() > max_h {
            start += 1;
        }
    }
    let mut y = area.y;
    let bottom = area.bottom();
    for (i, b) in blocks.iter().enumerate().skip(start) {
        if y >= bottom {
            break;
        }
        let marker = if b.selected || b.editor.is_some() || b.tail_field.is_some() {
            ">"
        } else {
            " "
        };
        let mut first = true;
        let mut put = |f: &mut Frame, y: &mut u16, line: Line<'_>, style_first: bool| {
            if *y >= bottom {
                return;
            }
            let m = if first && style_first { marker } else { " " };
            first = false;
            // Lines drawn as they are (a `Paragraph` per row cost a good part of a frame).
            f.render_widget(
                Span::styled(m, Style::default().add_modifier(Modifier::BOLD)),
                Rect::new(area.x, *y, MARGIN, 1),
            );
            // The line's own style goes on its text only, as a paragraph draws it, not on the
            // rest of the row.
            super::line::draw(
                f.buffer_mut(),
                Rect::new(area.x + MARGIN, *y, text_w, 1),
                &line,
            );
            *y += 1;
        };
        for h in &b.head {
            let mut line = h.clone();
            if b.selected {
                line = line.patch_style(Style::default().add_modifier(Modifier::REVERSED));
            }
            put(f, &mut y, line, true);
        }
        match &bodies[i] {
            Some(lines) => {
                for l in lines {
                    put(
                        f,
                        &mut y,
                        Line::from(Span::styled(l.as_ref(), b.body_style)),
                        true,
                    );
                }
            }
            None => {
                let h = u16::try_from(editor_h(b))
                    .unwrap_or(1)
                    .min(bottom - y.min(bottom));
                if let Some(ed) = b.editor
                    && h > 0
                {
                    let rect = Rect::new(area.x + MARGIN, y, text_w, h);
                    editor::render(f, ed, rect);
                    y += h;
                }
            }
        }
        for (j, l) in b.tail.iter().enumerate() {
            let at = y;
            put(f, &mut y, l.clone(), false);
            if let Some((k, dx, ed)) = b.tail_field
                && k == j
                && at < bottom
                && dx < text_w
            {
                let rect = Rect::new(area.x + MARGIN + dx, at, text_w - dx, 1);
                editor::render(f, ed, rect);
            }
        }
    }
}
