//! The criteria pane's text laid out in lines: the item's summary (提要), its requirement points
//! under their clauses, the evaluation factors and the six bands with this item kind's
//! descriptors. Laid out by `update` when the item, the language or the pane's width changes and
//! kept in [`crate::tui::model::Model::criteria`] (issue 11: the pane was wrapped again on every
//! frame); the view only gives each line its style, which may change without a new layout (the
//! current band follows the score).

use crate::framework::{Framework, Item};
use crate::i18n::tui::{Msg, t};
use crate::lang::Lang;

use super::wrap::wrap;

/// What a line of the pane is, which decides how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The item's summary (提要).
    Summary,
    /// A sub-clause heading the requirement points sit under.
    Clause,
    /// A requirement point's label and tag: `a) 确定方向`.
    Requirement,
    /// What the point asks (indented in the text itself).
    Gloss,
    /// A heading of the pane: the factors, the bands.
    Heading,
    /// An evaluation factor and its meaning.
    Factor,
    /// Space between the sections.
    Blank,
    /// The percent range of the band at this index of the framework's bands.
    BandHead(usize),
    /// A line of that band's descriptor, drawn indented by [`BAND_INDENT`].
    BandBody(usize),
}

/// Cells a band's descriptor is indented under its range.
pub const BAND_INDENT: &str = "    ";

/// One line of the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriteriaLine {
    pub part: Part,
    pub text: String,
}

/// The pane of one item of one framework edition, in one language, at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriteriaLayout {
    /// The content hash of the framework edition the lines come from.
    framework: String,
    item: String,
    lang: Lang,
    width: u16,
    pub lines: Vec<CriteriaLine>,
}

impl CriteriaLayout {
    /// Lays out `it` of the edition `fw` (content hash `hash`) at `width` cells.
    pub fn new(hash: &str, fw: &Framework, it: &Item, lang: Lang, width: u16) -> CriteriaLayout {
        CriteriaLayout {
            framework: hash.to_string(),
            item: it.code.to_string(),
            lang,
            width,
            lines: lay_out(fw, it, lang, width),
        }
    }

    /// Whether these are the lines of that item, edition, language and width.
    pub fn is_for(&self, hash: &str, item: &str, lang: Lang, width: u16) -> bool {
        self.width == width && self.lang == lang && self.item == item && self.framework == hash
    }
}

/// The pane's lines, every one at most `width` cells.
pub fn lay_out(fw: &Framework, it: &Item, l: Lang, w: u16) -> Vec<CriteriaLine> {
    let mut lines = Vec::new();
    let mut push = |part: Part, text: String| lines.push(CriteriaLine { part, text });
    if let Some(s) = &it.summary {
        for x in wrap(s.get(l), w, 20) {
            push(Part::Summary, x);
        }
    }
    let mut clause: Option<&str> = None;
    for r in &it.requirements {
        if let Some(c) = &r.clause {
            let c = c.get(l);
            if clause != Some(c) {
                for x in wrap(c, w, 4) {
                    push(Part::Clause, x);
                }
                clause = Some(c);
            }
        }
        let head = format!("{}) {}", r.label, r.tag.get(l));
        for x in wrap(&head, w, 4) {
            push(Part::Requirement, x);
        }
        for x in wrap(r.gloss.get(l), w.saturating_sub(3), 30) {
            push(Part::Gloss, format!("   {x}"));
        }
    }
    push(Part::Blank, String::new());
    push(Part::Heading, t(l, Msg::Factors).to_string());
    for fac in fw.factors_for(it.kind) {
        let s = format!("{} {}: {}", fac.code, fac.name.get(l), fac.meaning.get(l));
        for x in wrap(&s, w, 10) {
            push(Part::Factor, x);
        }
    }
    push(Part::Blank, String::new());
    push(Part::Heading, t(l, Msg::Bands).to_string());
    let indent = u16::try_from(BAND_INDENT.len()).unwrap_or(u16::MAX);
    for (i, b) in fw.bands.iter().enumerate() {
        push(Part::BandHead(i), format!("{:>3}-{:<3}%", b.min, b.max));
        for x in wrap(b.descriptor(it.kind).get(l), w.saturating_sub(indent), 40) {
            push(Part::BandBody(i), x);
        }
    }
    lines
}
