//! The state of the leader's consensus screens (合议): the merged applicants with their drafts,
//! and where the leader is. It lives in the app's [`crate::tui::model::Model`] (`consensus`);
//! `tui::update` changes it and `tui::view` draws it. Figures the screens show (the agreed
//! score, the total, the heat map) are computed here or in the core, never in a view.

use rust_decimal::Decimal;

use crate::framework::Framework;
use crate::panel::consensus::{ConsensusDraft, DraftComment, DraftItem};
use crate::panel::heat::HeatMap;
use crate::panel::{ApplicantResult, ItemStats, NoteSource, SynthesisField};
use crate::service::consensus::EditDenied;

/// The author of a comment the panel wrote itself: none (the view words it, 合议).
pub const PANEL_AUTHOR: &str = "";

/// Which half of the consensus screen has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Agenda,
    Comments,
}

/// What a consensus text field writes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsensusField {
    /// The agreed percent's rationale (合议理由).
    Rationale,
    /// Index into strengths ++ OFIs of the current item.
    Comment(usize),
    /// One of the applicant's overall-evaluation inputs (综合评价, 第十八条(五)).
    Synthesis(SynthesisField),
}

/// The leader's inputs to a site-stage applicant's overall evaluation (综合评价, 第十八条(五))
/// as the screen edits them: the distilled experience and the 公众评价 / 陈述答辩 notes, which
/// of them changed since `synthesis.json` was last written, and whether this key may write
/// them (the key that signs the applicant's consensus).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SynthesisTexts {
    pub experience: String,
    pub public: String,
    pub presentation: String,
    /// Changed and not yet written (the folder writes them with the draft).
    pub unsaved: Vec<SynthesisField>,
    pub may_write: bool,
}

impl SynthesisTexts {
    /// The texts `synthesis.json` holds for `applicant`.
    pub fn from_file(s: &crate::panel::Synthesis, applicant: &str) -> SynthesisTexts {
        let [e, p, d] = SynthesisField::ALL.map(|f| s.text(applicant, f));
        SynthesisTexts {
            experience: e,
            public: p,
            presentation: d,
            unsaved: Vec::new(),
            may_write: false,
        }
    }

    pub fn get(&self, f: SynthesisField) -> &str {
        match f {
            SynthesisField::Experience => &self.experience,
            SynthesisField::Notes(NoteSource::Public) => &self.public,
            SynthesisField::Notes(NoteSource::Presentation) => &self.presentation,
        }
    }

    /// The characters each field holds, in Tab order (the screen's summary line).
    pub fn chars(&self) -> [usize; 3] {
        SynthesisField::ALL.map(|f| self.get(f).chars().count())
    }

    /// A field's place in Tab order, from 1, and how many there are.
    pub fn place(f: SynthesisField) -> (usize, usize) {
        let all = SynthesisField::ALL;
        (
            all.iter().position(|x| *x == f).map_or(1, |i| i + 1),
            all.len(),
        )
    }

    /// Sets a field as typed; it is written with the next batch.
    pub fn set(&mut self, f: SynthesisField, text: String) {
        let slot = match f {
            SynthesisField::Experience => &mut self.experience,
            SynthesisField::Notes(NoteSource::Public) => &mut self.public,
            SynthesisField::Notes(NoteSource::Presentation) => &mut self.presentation,
        };
        if *slot != text {
            *slot = text;
            if !self.unsaved.contains(&f) {
                self.unsaved.push(f);
            }
        }
    }
}

/// One applicant on the screens: the merged figures, the framework, the draft and the heat map.
#[derive(Debug, Clone)]
pub struct Panel {
    pub result: ApplicantResult,
    pub framework: Framework,
    pub draft: ConsensusDraft,
    /// Items × members, built once from the merge (its inputs do not change in a session).
    pub heat: HeatMap,
    /// The overall-evaluation inputs: a site-stage applicant's only (综合评价 follows the
    /// site review).
    pub synthesis: Option<SynthesisTexts>,
}

/// Where the leader is in the merge folder's consensus.
#[derive(Debug, Clone)]
pub struct Consensus {
    pub panels: Vec<Panel>,
    pub current: usize,
    /// Position in the current applicant's agenda.
    pub pos: usize,
    pub focus: Focus,
    /// The selected comment (strengths ++ OFIs).
    pub comment: usize,
    /// The selected row of the heat map (framework order).
    pub heat_sel: usize,
    /// The applicant whose unconfirmed items were just listed: the next export press exports.
    pub confirm_export: Option<usize>,
    /// Why this window may only look (another window edits, or not the leader's key).
    pub read_only: Option<EditDenied>,
    /// Comments of the current item marked for a merge (indices into strengths ++ OFIs).
    pub marked: Vec<usize>,
    /// Undo and redo of the draft's changes, item by item (see [`Step`]).
    pub undo: Vec<Step>,
    pub redo: Vec<Step>,
    /// The first member column the heat map shows (←/→ scroll the members that do not fit).
    pub heat_col: usize,
}

/// One undoable change of the draft: the item as it was before, in which applicant. Undo puts
/// it back (a dropped, merged or added comment, a percent, a confirmation, an edited text).
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub panel: usize,
    pub item: DraftItem,
}

/// Steps kept: a morning's work; the oldest go first.
const UNDO_LIMIT: usize = 200;

impl Consensus {
    pub fn new(panels: Vec<Panel>) -> Consensus {
        Consensus {
            panels,
            current: 0,
            pos: 0,
            focus: Focus::Agenda,
            comment: 0,
            heat_sel: 0,
            confirm_export: None,
            read_only: None,
            marked: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            heat_col: 0,
        }
    }

    /// Records the current item as it is now, before a change: one undo step (redo is cleared).
    pub fn checkpoint(&mut self) {
        let Some((_, d)) = self.item() else { return };
        let step = Step {
            panel: self.current,
            item: d.clone(),
        };
        if self.undo.last() != Some(&step) {
            self.undo.push(step);
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
    }

    /// Undoes (or redoes) the last change that still differs from the draft: the item goes
    /// back as it was and the screen moves to it. False when there is nothing to undo.
    pub fn restore(&mut self, undo: bool) -> bool {
        loop {
            let popped = if undo {
                self.undo.pop()
            } else {
                self.redo.pop()
            };
            let Some(step) = popped else { return false };
            let Some(p) = self.panels.get_mut(step.panel) else {
                continue;
            };
            let Some(slot) = p.draft.items.iter_mut().find(|i| i.code == step.item.code) else {
                continue;
            };
            if *slot == step.item {
                continue;
            }
            let now = std::mem::replace(slot, step.item);
            let back = Step {
                panel: step.panel,
                item: now,
            };
            if undo {
                self.redo.push(back);
            } else {
                self.undo.push(back);
            }
            self.current = step.panel;
            let code = back_code(self, undo);
            if let Some(pos) = code.and_then(|c| self.agenda_pos(&c)) {
                self.pos = pos;
            }
            self.marked.clear();
            self.comment = self.comment.min(self.comment_count().saturating_sub(1));
            if self.comment_count() == 0 {
                self.focus = Focus::Agenda;
            }
            return true;
        }
    }

    pub fn panel(&self) -> Option<&Panel> {
        self.panels.get(self.current)
    }

    /// The item the cursor is on: its figures and its draft.
    pub fn item(&self) -> Option<(&ItemStats, &DraftItem)> {
        let p = self.panel()?;
        let code = p.result.agenda.get(self.pos)?;
        let stats = p.result.items.iter().find(|i| &i.code == code)?;
        let draft = p.draft.items.iter().find(|i| &i.code == code)?;
        Some((stats, draft))
    }

    pub fn item_mut(&mut self) -> Option<&mut DraftItem> {
        let p = self.panels.get_mut(self.current)?;
        let code = p.result.agenda.get(self.pos)?.clone();
        p.draft.items.iter_mut().find(|i| i.code == code)
    }

    /// The framework's percent step (5 when unknown).
    pub fn step(&self) -> u8 {
        self.panel().map_or(5, |p| p.framework.percent_step.max(1))
    }

    pub fn comment_count(&self) -> usize {
        self.item()
            .map_or(0, |(_, d)| d.strengths.len() + d.ofis.len())
    }

    pub fn comment_mut(&mut self, i: usize) -> Option<&mut DraftComment> {
        let item = self.item_mut()?;
        let n = item.strengths.len();
        if i < n {
            item.strengths.get_mut(i)
        } else {
            item.ofis.get_mut(i - n)
        }
    }

    /// The comment at `i` of strengths ++ OFIs: (is a strength, the comment).
    pub fn comment_at(&self, i: usize) -> Option<(bool, &DraftComment)> {
        let (_, d) = self.item()?;
        let n = d.strengths.len();
        if i < n {
            d.strengths.get(i).map(|c| (true, c))
        } else {
            d.ofis.get(i - n).map(|c| (false, c))
        }
    }

    /// The total the current draft gives (the agreed percents everywhere), as the title shows it.
    pub fn total(&self) -> Decimal {
        self.panel().map_or(Decimal::ZERO, |p| {
            p.draft.items.iter().map(agreed_score).sum()
        })
    }

    /// The current applicant's agenda position of an item.
    pub fn agenda_pos(&self, code: &str) -> Option<usize> {
        self.panel()?.result.agenda.iter().position(|c| c == code)
    }

    /// The group number (from 1) of each comment of the current item that has near-duplicates,
    /// by index into strengths ++ OFIs; `None` for a comment alone.
    pub fn near_duplicate_tags(&self) -> Vec<Option<usize>> {
        let Some((_, d)) = self.item() else {
            return Vec::new();
        };
        let mut tags = vec![None; d.strengths.len() + d.ofis.len()];
        let groups = d.near_duplicates();
        for (n, g) in groups.iter().filter(|g| g.len() > 1).enumerate() {
            for &i in g {
                if let Some(t) = tags.get_mut(i) {
                    *t = Some(n + 1);
                }
            }
        }
        tags
    }

    /// The comments a merge takes: the marked ones, else the selected comment's group.
    pub fn merge_selection(&self) -> Vec<usize> {
        if !self.marked.is_empty() {
            return self.marked.clone();
        }
        self.item()
            .map(|(_, d)| d.near_duplicates())
            .unwrap_or_default()
            .into_iter()
            .find(|g| g.contains(&self.comment))
            .unwrap_or_default()
    }

    /// The current applicant's draft of an item.
    pub fn draft_item(&self, code: &str) -> Option<&DraftItem> {
        self.panel()?.draft.item(code)
    }
}

/// The score an item's agreed percent gives.
pub fn agreed_score(d: &DraftItem) -> Decimal {
    crate::panel::stats::score(d.points, d.percent.into())
}

/// The item code of the step just moved onto the other stack.
fn back_code(c: &Consensus, undo: bool) -> Option<String> {
    let stack = if undo { &c.redo } else { &c.undo };
    stack.last().map(|s| s.item.code.to_string())
}

/// Member columns of the heat map are at least this wide (a band, a space, `100%`, a gap) and
/// at most [`HEAT_MAX_COL`], so eight members fit in 80 columns and a few do not sprawl.
const HEAT_MIN_COL: usize = 7;
const HEAT_MAX_COL: usize = 12;

/// The heat map's columns in `width` cells: the widths of the fixed columns, of a member's
/// column, and which members show (`first..first + shown`; ←/→ scroll the others into view).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeatLayout {
    pub code_w: usize,
    pub spread_w: usize,
    pub agreed_w: usize,
    pub col_w: usize,
    pub first: usize,
    pub shown: usize,
    pub members: usize,
}

impl Consensus {
    /// The heat map of the current applicant laid out in `width` cells, with `lang`'s headings.
    pub fn heat_layout(&self, lang: crate::lang::Lang, width: usize) -> HeatLayout {
        use crate::i18n::tui::{Msg, t};
        use unicode_width::UnicodeWidthStr;
        let (rows, n) = self
            .panel()
            .map_or((&[][..], 0), |p| (&p.heat.rows[..], p.heat.members.len()));
        // The mark, a space, the code, a gap.
        let code_w = rows
            .iter()
            .map(|r| r.code.width())
            .chain([t(lang, Msg::HeatItem).width()])
            .max()
            .unwrap_or(0)
            + 3;
        let spread_w = t(lang, Msg::HeatSpread).width().max(3) + 1;
        let agreed_w = t(lang, Msg::HeatAgreed).width().max(5) + 1;
        let avail = width.saturating_sub(code_w + spread_w + agreed_w);
        let col_w = avail
            .checked_div(n)
            .unwrap_or(HEAT_MIN_COL)
            .clamp(HEAT_MIN_COL, HEAT_MAX_COL);
        let shown = n.min(avail / col_w);
        HeatLayout {
            code_w,
            spread_w,
            agreed_w,
            col_w,
            first: self.heat_col.min(n.saturating_sub(shown)),
            shown,
            members: n,
        }
    }

    /// ←/→ on the heat map: one member column, kept where every shown column is a member's.
    pub fn scroll_heat(&mut self, lang: crate::lang::Lang, width: usize, right: bool) {
        let l = self.heat_layout(lang, width);
        let last = l.members.saturating_sub(l.shown);
        self.heat_col = if right {
            (l.first + 1).min(last)
        } else {
            l.first.saturating_sub(1)
        };
    }
}
