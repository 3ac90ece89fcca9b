//! The consensus screen's state and `update` (Elm style): every key becomes an [`Action`], every
//! action changes the [`Model`] and may ask the loop for an [`Effect`] (save, export, quit).

use unicode_segmentation::UnicodeSegmentation;

use crate::framework::Framework;
use crate::lang::Lang;
use crate::panel::consensus::{ConsensusDraft, DraftComment, DraftItem};
use crate::panel::{ApplicantResult, ItemStats};

/// Everything the leader can do on the consensus screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    /// Agreed percent one step down / up.
    Lower,
    Raise,
    /// Agenda ↔ comments.
    SwitchFocus,
    /// Keep or drop the selected comment.
    ToggleKeep,
    /// Mark the item's percent agreed (or not).
    Agree,
    EditRationale,
    EditComment,
    /// A new strength / OFI written by the panel (e.g. two reviewers' points merged into one).
    AddStrength,
    AddOfi,
    NextApplicant,
    PrevApplicant,
    Export,
    Save,
    Quit,
    ToggleHelp,
    // Text editing.
    Insert(String),
    Backspace,
    Delete,
    CursorLeft,
    CursorRight,
    Home,
    End,
    Commit,
    Cancel,
}

/// The author of a comment the panel wrote itself: none (the view words it, 合议).
pub const PANEL_AUTHOR: &str = "";

/// What the loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write consensus-draft.json.
    SaveDraft,
    /// Build, sign and write the consensus sheet of the applicant at this index.
    Export(usize),
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Agenda,
    Comments,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditTarget {
    Rationale,
    /// Index into strengths ++ ofis of the current item.
    Comment(usize),
}

/// A one-line editor over grapheme clusters (never byte indices).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    pub target: EditTarget,
    pub text: String,
    /// Cursor position in graphemes.
    pub cursor: usize,
}

impl Editor {
    fn new(target: EditTarget, text: &str) -> Editor {
        Editor {
            target,
            cursor: text.graphemes(true).count(),
            text: text.to_string(),
        }
    }

    fn graphemes(&self) -> Vec<&str> {
        self.text.graphemes(true).collect()
    }

    fn insert(&mut self, s: &str) {
        // A pasted newline ends nothing: comments and rationales are one paragraph.
        let clean: String = s
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let mut g = self.graphemes();
        let at = self.cursor.min(g.len());
        let added: Vec<&str> = clean.graphemes(true).collect();
        let n = added.len();
        g.splice(at..at, added);
        self.text = g.concat();
        self.cursor = at + n;
    }

    fn backspace(&mut self) {
        let mut g = self.graphemes();
        if self.cursor > 0 && self.cursor <= g.len() {
            g.remove(self.cursor - 1);
            self.text = g.concat();
            self.cursor -= 1;
        }
    }

    fn delete(&mut self) {
        let mut g = self.graphemes();
        if self.cursor < g.len() {
            g.remove(self.cursor);
            self.text = g.concat();
        }
    }
}

/// One applicant on the screen: the merged figures, the framework and the draft.
#[derive(Debug, Clone)]
pub struct Panel {
    pub result: ApplicantResult,
    pub framework: Framework,
    pub draft: ConsensusDraft,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub lang: Lang,
    pub panels: Vec<Panel>,
    pub current: usize,
    /// Position in the current applicant's agenda.
    pub pos: usize,
    pub focus: Focus,
    pub comment: usize,
    pub editor: Option<Editor>,
    pub help: bool,
    /// A line for the status bar (saved, exported, why not).
    pub message: String,
    pub dirty: bool,
    /// The applicant whose unconfirmed items were just listed: the next export press exports.
    pub confirm_export: Option<usize>,
    /// Why this window may only look (another window edits, or not the leader's key).
    pub read_only: Option<crate::service::consensus::EditDenied>,
}

impl Model {
    pub fn new(panels: Vec<Panel>, lang: Lang) -> Model {
        Model {
            lang,
            panels,
            current: 0,
            pos: 0,
            focus: Focus::Agenda,
            comment: 0,
            editor: None,
            help: false,
            message: String::new(),
            dirty: false,
            confirm_export: None,
            read_only: None,
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

    fn item_mut(&mut self) -> Option<&mut DraftItem> {
        let p = self.panels.get_mut(self.current)?;
        let code = p.result.agenda.get(self.pos)?.clone();
        p.draft.items.iter_mut().find(|i| i.code == code)
    }

    fn step(&self) -> u8 {
        self.panel().map_or(5, |p| p.framework.percent_step.max(1))
    }

    fn comment_count(&self) -> usize {
        self.item()
            .map_or(0, |(_, d)| d.strengths.len() + d.ofis.len())
    }

    fn comment_mut(&mut self, i: usize) -> Option<&mut DraftComment> {
        let item = self.item_mut()?;
        let n = item.strengths.len();
        if i < n {
            item.strengths.get_mut(i)
        } else {
            item.ofis.get_mut(i - n)
        }
    }

    /// The selected comment (strength or OFI), if any.
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
    pub fn total(&self) -> rust_decimal::Decimal {
        self.panel().map_or(rust_decimal::Decimal::ZERO, |p| {
            p.draft.items.iter().map(agreed_score).sum()
        })
    }

    fn changed(&mut self) -> Vec<Effect> {
        self.dirty = true;
        vec![Effect::SaveDraft]
    }
}

/// The score an item's agreed percent gives.
pub fn agreed_score(d: &DraftItem) -> rust_decimal::Decimal {
    crate::panel::stats::score(d.points, d.percent.into())
}

/// Applies an action. Never panics, whatever the state.
pub fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    if m.editor.is_some() {
        return update_editor(m, action);
    }
    if m.help {
        // Any key closes the help; quitting still quits.
        m.help = false;
        return if action == Action::Quit && m.read_only.is_some() {
            vec![Effect::Quit]
        } else if action == Action::Quit {
            vec![Effect::SaveDraft, Effect::Quit]
        } else {
            vec![]
        };
    }
    if let Some(why) = m.read_only {
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::Lower
            | Action::Raise
            | Action::ToggleKeep
            | Action::Agree
            | Action::EditRationale
            | Action::EditComment
            | Action::AddStrength
            | Action::AddOfi
            | Action::Export
            | Action::Save => {
                m.message = crate::i18n::tui::consensus_read_only(m.lang, why);
                return vec![];
            }
            _ => {}
        }
    }
    let agenda_len = m.panel().map_or(0, |p| p.result.agenda.len());
    // A listing of unconfirmed items answers one press only: anything else asks again.
    let confirming = m.confirm_export.take();
    match action {
        Action::Up => match m.focus {
            Focus::Agenda => {
                m.pos = m.pos.saturating_sub(1);
                m.comment = 0;
            }
            Focus::Comments => m.comment = m.comment.saturating_sub(1),
        },
        Action::Down => match m.focus {
            Focus::Agenda => {
                if m.pos + 1 < agenda_len {
                    m.pos += 1;
                    m.comment = 0;
                }
            }
            Focus::Comments => {
                if m.comment + 1 < m.comment_count() {
                    m.comment += 1;
                }
            }
        },
        Action::Lower | Action::Raise => {
            let step = m.step();
            let raise = action == Action::Raise;
            if let Some(item) = m.item_mut() {
                item.percent = if raise {
                    item.percent.saturating_add(step).min(100)
                } else {
                    item.percent.saturating_sub(step)
                };
                item.agreed = false;
                return m.changed();
            }
        }
        Action::SwitchFocus => {
            m.focus = match m.focus {
                Focus::Agenda if m.comment_count() > 0 => Focus::Comments,
                _ => Focus::Agenda,
            };
            m.comment = m.comment.min(m.comment_count().saturating_sub(1));
        }
        Action::ToggleKeep => {
            let i = m.comment;
            if let Some(c) = m.comment_mut(i) {
                c.keep = !c.keep;
                return m.changed();
            }
        }
        Action::Agree => {
            if let Some(item) = m.item_mut() {
                item.agreed = !item.agreed;
                let agreed = item.agreed;
                let mut effects = m.changed();
                // Agreeing moves on to the next item, as a panel works through the agenda.
                if agreed && m.pos + 1 < agenda_len {
                    m.pos += 1;
                    m.comment = 0;
                }
                effects.dedup();
                return effects;
            }
        }
        Action::EditRationale => {
            if let Some((_, d)) = m.item() {
                m.editor = Some(Editor::new(EditTarget::Rationale, &d.rationale));
            }
        }
        Action::EditComment => {
            let i = m.comment;
            if let Some((_, c)) = m.comment_at(i) {
                m.editor = Some(Editor::new(EditTarget::Comment(i), &c.comment.text));
            }
        }
        Action::AddStrength | Action::AddOfi => {
            let strength = action == Action::AddStrength;
            let Some(item) = m.item_mut() else {
                return vec![];
            };
            let c = DraftComment {
                reviewer: PANEL_AUTHOR.to_string(),
                keep: true,
                comment: Default::default(),
            };
            let at = if strength {
                item.strengths.push(c);
                item.strengths.len() - 1
            } else {
                item.ofis.push(c);
                item.strengths.len() + item.ofis.len() - 1
            };
            m.focus = Focus::Comments;
            m.comment = at;
            m.editor = Some(Editor::new(EditTarget::Comment(at), ""));
            return m.changed();
        }
        Action::NextApplicant | Action::PrevApplicant => {
            let n = m.panels.len();
            if n > 0 {
                m.current = if action == Action::NextApplicant {
                    (m.current + 1) % n
                } else {
                    (m.current + n - 1) % n
                };
                m.pos = 0;
                m.comment = 0;
                m.focus = Focus::Agenda;
            }
        }
        Action::Export => {
            let Some(p) = m.panel() else {
                return vec![];
            };
            // Items never confirmed keep their starting percent: list them before signing.
            let open = p.draft.unconfirmed();
            if !open.is_empty() && confirming != Some(m.current) {
                m.message = crate::i18n::tui::consensus_unconfirmed(m.lang, &open);
                m.confirm_export = Some(m.current);
                return vec![];
            }
            return vec![Effect::SaveDraft, Effect::Export(m.current)];
        }
        Action::Save => return vec![Effect::SaveDraft],
        Action::Quit => return vec![Effect::SaveDraft, Effect::Quit],
        Action::ToggleHelp => m.help = true,
        Action::Cancel => m.focus = Focus::Agenda,
        Action::Insert(_)
        | Action::Backspace
        | Action::Delete
        | Action::CursorLeft
        | Action::CursorRight
        | Action::Home
        | Action::End
        | Action::Commit => {}
    }
    vec![]
}

fn update_editor(m: &mut Model, action: Action) -> Vec<Effect> {
    let Some(ed) = m.editor.as_mut() else {
        return vec![];
    };
    match action {
        Action::Insert(s) => ed.insert(&s),
        Action::Backspace => ed.backspace(),
        Action::Delete => ed.delete(),
        Action::CursorLeft => ed.cursor = ed.cursor.saturating_sub(1),
        Action::CursorRight => ed.cursor = (ed.cursor + 1).min(ed.graphemes().len()),
        Action::Home => ed.cursor = 0,
        Action::End => ed.cursor = ed.graphemes().len(),
        Action::Cancel => {
            if let Some(Editor {
                target: EditTarget::Comment(i),
                ..
            }) = m.editor.take()
            {
                drop_if_empty(m, i);
            }
        }
        Action::Commit => {
            let Some(ed) = m.editor.take() else {
                return vec![];
            };
            let text = ed.text.trim().to_string();
            match ed.target {
                EditTarget::Rationale => {
                    if let Some(item) = m.item_mut() {
                        item.rationale = text;
                    }
                }
                EditTarget::Comment(i) => {
                    if let Some(c) = m.comment_mut(i) {
                        c.comment.text = text;
                        // An edited comment is one the panel means to keep.
                        c.keep = true;
                    }
                    drop_if_empty(m, i);
                }
            }
            return m.changed();
        }
        _ => {}
    }
    vec![]
}

/// A comment left empty is removed (a new one abandoned, or one cleared on purpose).
fn drop_if_empty(m: &mut Model, i: usize) {
    let Some(item) = m.item_mut() else { return };
    let n = item.strengths.len();
    let empty = |c: &DraftComment| c.comment.text.trim().is_empty();
    if i < n {
        if empty(&item.strengths[i]) {
            item.strengths.remove(i);
        }
    } else if item.ofis.get(i - n).is_some_and(empty) {
        item.ofis.remove(i - n);
    }
    let count = m.comment_count();
    m.comment = m.comment.min(count.saturating_sub(1));
    if count == 0 {
        m.focus = Focus::Agenda;
    }
}
