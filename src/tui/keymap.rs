//! Default keys per context, user overrides from the config, and the lists the hint bar and the
//! help screen are drawn from. One table: what a key does and what the help says cannot drift.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::i18n::tui::{Msg, t};
use crate::lang::Lang;

/// Where the user is; keys mean different things in different places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    /// Everywhere outside a text field, unless a screen binds the key itself.
    Global,
    Applicants,
    KeyFactors,
    Eligibility,
    Items,
    Item,
    Summary,
    /// The group leader's consensus screen (合议).
    Consensus,
    /// The panel at a glance (items × members).
    HeatMap,
    Help,
    Dialog,
}

impl Context {
    pub const ALL: [Context; 11] = [
        Context::Global,
        Context::Applicants,
        Context::KeyFactors,
        Context::Eligibility,
        Context::Items,
        Context::Item,
        Context::Summary,
        Context::HeatMap,
        Context::Consensus,
        Context::Help,
        Context::Dialog,
    ];

    /// The contexts of the leader's consensus (`scorebook consensus DIR`); the others are the
    /// reviewer's. Help lists the contexts of the side that is open.
    pub fn is_consensus(self) -> bool {
        matches!(self, Context::Consensus | Context::HeatMap)
    }

    /// The reviewer's own screens.
    pub fn is_reviewer(self) -> bool {
        matches!(
            self,
            Context::Applicants
                | Context::KeyFactors
                | Context::Eligibility
                | Context::Items
                | Context::Item
                | Context::Summary
        )
    }

    pub fn title(self) -> Msg {
        match self {
            Context::Global => Msg::CtxGlobal,
            Context::Applicants => Msg::ScreenApplicants,
            Context::KeyFactors => Msg::ScreenKeyFactors,
            Context::Eligibility => Msg::ScreenEligibility,
            Context::Items => Msg::ScreenItems,
            Context::Item => Msg::ScreenItem,
            Context::Summary => Msg::ScreenSummary,
            Context::Consensus => Msg::ScreenConsensus,
            Context::HeatMap => Msg::ScreenHeatMap,
            Context::Help => Msg::ScreenHelp,
            Context::Dialog => Msg::CtxDialog,
        }
    }
}

/// A key with its modifiers, as written in the config: `q`, `ctrl+z`, `shift+up`, `F1`, `?`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    /// Only for non-character keys: a character carries its shift in itself (`S`, `?`).
    pub shift: bool,
}

impl Key {
    pub fn from_event(ev: &KeyEvent) -> Key {
        let is_char = matches!(ev.code, KeyCode::Char(_));
        let code = match ev.code {
            // Terminals disagree whether Shift+Tab is BackTab or Tab+SHIFT.
            KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            c => c,
        };
        Key {
            code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
            shift: !is_char
                && code != KeyCode::BackTab
                && ev.modifiers.contains(KeyModifiers::SHIFT),
        }
    }

    /// Parses `ctrl+z`, `shift+up`, `F1`, `space`, `?`, `S`.
    pub fn parse(s: &str) -> Option<Key> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        let mut key = Key {
            code: KeyCode::Null,
            ctrl: false,
            alt: false,
            shift: false,
        };
        let mut parts: Vec<&str> = s.split('+').collect();
        // A bare `+` or `ctrl++` names the plus key itself.
        let last = if s.ends_with('+') && (s == "+" || s.ends_with("++")) {
            parts.truncate(parts.len().saturating_sub(2));
            "+"
        } else {
            parts.pop()?
        };
        for m in parts {
            match m.to_ascii_lowercase().as_str() {
                "ctrl" | "control" | "c" => key.ctrl = true,
                "alt" | "meta" | "m" => key.alt = true,
                "shift" | "s" => key.shift = true,
                _ => return None,
            }
        }
        key.code = match last.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "del" | "delete" => KeyCode::Delete,
            "backspace" | "bs" => KeyCode::Backspace,
            l if l.strip_prefix('f').is_some_and(|n| n.parse::<u8>().is_ok()) => {
                KeyCode::F(l.strip_prefix('f')?.parse().ok()?)
            }
            _ => {
                let mut chars = last.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                if key.shift && c.is_ascii_alphabetic() {
                    key.shift = false;
                    KeyCode::Char(c.to_ascii_uppercase())
                } else {
                    KeyCode::Char(c)
                }
            }
        };
        if matches!(key.code, KeyCode::Char(_)) {
            key.shift = false;
        }
        Some(key)
    }

    /// How the key is shown in the hint bar and help: ASCII only (arrows are ambiguous-width).
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift+Tab".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "Up".to_string(),
            KeyCode::Down => "Down".to_string(),
            KeyCode::Left => "Left".to_string(),
            KeyCode::Right => "Right".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Delete => "Del".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            _ => "?".to_string(),
        };
        let mut s = String::new();
        if self.ctrl {
            s.push_str("Ctrl+");
        }
        if self.alt {
            s.push_str("Alt+");
        }
        if self.shift {
            s.push_str("Shift+");
        }
        s.push_str(&base);
        s
    }
}

/// Default bindings: (context, action, keys). The order is the order of the help screen.
fn defaults() -> Vec<(Context, Action, &'static [&'static str])> {
    use Action::*;
    use Context::{
        Applicants, Consensus, Dialog, Eligibility, Global, HeatMap, Item, Items, KeyFactors,
        Summary,
    };
    vec![
        (Global, Up, &["up", "k"]),
        (Global, Down, &["down", "j"]),
        (Global, PageUp, &["pgup"]),
        (Global, PageDown, &["pgdn"]),
        (Global, Home, &["home"]),
        (Global, End, &["end"]),
        (Global, Open, &["enter"]),
        (Global, Back, &["esc"]),
        (Global, Help, &["?", "F1"]),
        (Global, Undo, &["u", "ctrl+z"]),
        (Global, Redo, &["ctrl+r", "ctrl+y"]),
        (Global, Quit, &["q", "ctrl+c"]),
        (Global, SwitchLanguage, &["L"]),
        // One key, one meaning: export is x on every screen (as in the consensus window).
        (Global, ExportSheet, &["x", "ctrl+e"]),
        (Applicants, AddApplicant, &["a"]),
        (Applicants, Rename, &["r"]),
        (Applicants, Remove, &["d", "del"]),
        (Applicants, DeclareConflict, &["c"]),
        (Applicants, StartSiteReview, &["S"]),
        (Applicants, ImportRound, &["i"]),
        (Applicants, RestoreApplicant, &["R"]),
        (Applicants, ShowKeyFactors, &["1"]),
        (Applicants, ShowEligibility, &["2"]),
        (Applicants, ShowItems, &["3"]),
        (Applicants, ShowSummary, &["4"]),
        (KeyFactors, NextPane, &["tab"]),
        (KeyFactors, PrevPane, &["backtab"]),
        (KeyFactors, Add, &["a", "s"]),
        (KeyFactors, Delete, &["d", "del"]),
        (KeyFactors, MoveUp, &["K", "shift+up"]),
        (KeyFactors, MoveDown, &["J", "shift+down"]),
        (Eligibility, NextPane, &["tab"]),
        (Eligibility, PrevPane, &["backtab"]),
        (Eligibility, Cycle, &["space", "right"]),
        (Eligibility, CycleBack, &["left"]),
        (Eligibility, EditNote, &["n"]),
        (Items, NextPane, &["tab"]),
        (Items, PrevPane, &["backtab"]),
        (Items, GotoItem, &["g"]),
        (Items, ScoreUp, &["right", "+", "="]),
        (Items, ScoreDown, &["left", "-"]),
        // Site review from where the day's work is, with the same confirmation; `N` (next)
        // walks the open site-visit issues across items, beside `n` (outcome and note) on the
        // issue. Not Tab: it moves between panes and screens, and one key keeps one meaning
        // in both stages.
        (Items, StartSiteReview, &["S"]),
        (Items, NextOpenIssue, &["N"]),
        // 守纪情况 is the applicant's, not an item's: C wherever the site review is overseen.
        (Items, Conduct, &["C"]),
        (Item, NextPane, &["tab"]),
        (Item, PrevPane, &["backtab"]),
        (Item, ScoreUp, &["right", "+", "="]),
        (Item, ScoreDown, &["left", "-"]),
        (Item, TypeScore, &["t", "%"]),
        (Item, ClearScore, &["backspace"]),
        (Item, ToggleDone, &["m"]),
        (Item, AddStrength, &["s"]),
        (Item, AddOfi, &["o"]),
        (Item, AddSiteIssue, &["v"]),
        // Evidence and codes live in the comment form: `e` opens it at the evidence (as `e`
        // edits a comment in the consensus window); the codes have no key of their own by
        // default (`r` is rename), still named for a user's key table.
        (Item, EditTags, &[]),
        (Item, EditEvidence, &["e"]),
        (Item, EditNote, &["n"]),
        (Item, Cycle, &["space"]),
        (Item, Delete, &["d", "del"]),
        (Item, MoveUp, &["K", "shift+up"]),
        (Item, MoveDown, &["J", "shift+down"]),
        (Item, NextItem, &["]", "pgdn"]),
        (Item, PrevItem, &["[", "pgup"]),
        (Item, GotoItem, &["g"]),
        (Item, StartSiteReview, &["S"]),
        (Item, NextOpenIssue, &["N"]),
        (Item, Conduct, &["C"]),
        (Summary, NextPane, &["tab"]),
        (Summary, PrevPane, &["backtab"]),
        (Summary, StartSiteReview, &["S"]),
        (Summary, GotoItem, &["g"]),
        (Summary, Conduct, &["C"]),
        (HeatMap, NextPane, &["tab"]),
        (HeatMap, NextApplicant, &["n"]),
        (HeatMap, PrevApplicant, &["p"]),
        (HeatMap, ExportConsensus, &["x", "ctrl+e"]),
        (HeatMap, ScrollLeft, &["left", "h"]),
        (HeatMap, ScrollRight, &["right", "l"]),
        (Consensus, Agree, &["enter"]),
        (Consensus, ScoreUp, &["right", "+", "="]),
        (Consensus, ScoreDown, &["left", "-"]),
        (Consensus, EditRationale, &["r"]),
        (Consensus, NextPane, &["tab"]),
        (Consensus, PrevPane, &["backtab"]),
        (Consensus, KeepComment, &["space"]),
        (Consensus, EditComment, &["e"]),
        (Consensus, MarkComment, &["v"]),
        (Consensus, MergeComments, &["m"]),
        (Consensus, AddStrength, &["a"]),
        (Consensus, AddOfi, &["o"]),
        (Consensus, NextApplicant, &["n", "pgdn"]),
        (Consensus, PrevApplicant, &["p", "pgup"]),
        (Consensus, ShowHeatMap, &["h"]),
        // 总结提炼先进质量管理经验 and the 公众评价 / 陈述答辩 notes: E for experience.
        (Consensus, EditSynthesis, &["E"]),
        (Consensus, ExportConsensus, &["x", "ctrl+e"]),
        (Consensus, SaveDraft, &["s", "ctrl+s"]),
        (Dialog, Open, &["enter"]),
        (Dialog, Back, &["esc"]),
        (Dialog, NextPane, &["tab"]),
        (Dialog, ToggleSeal, &["s"]),
        (Dialog, PrevPane, &["backtab"]),
        // A choice of several values (the conduct rating): the next / previous one.
        (Dialog, Cycle, &["right"]),
        (Dialog, CycleBack, &["left"]),
    ]
}

/// One binding as shown in help.
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub action: Action,
    pub keys: Vec<Key>,
}

/// The effective key map: defaults with the user's overrides applied.
#[derive(Debug, Clone)]
pub struct KeyMap {
    bindings: Vec<Binding>,
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap::new(&BTreeMap::new()).0
    }
}

impl KeyMap {
    /// Builds the map. `overrides` maps an action name (`add_strength`) to the keys that
    /// replace its defaults everywhere it is bound. Returns the problems found, for a notice.
    pub fn new(overrides: &BTreeMap<String, Vec<String>>) -> (KeyMap, Vec<String>) {
        let mut problems = Vec::new();
        let mut parsed: BTreeMap<&str, Vec<Key>> = BTreeMap::new();
        let known: Vec<&str> = defaults().iter().filter_map(|(_, a, _)| a.name()).collect();
        for (name, keys) in overrides {
            if !known.contains(&name.as_str()) {
                problems.push(format!("keys.{name}: unknown action"));
                continue;
            }
            let mut list = Vec::new();
            for k in keys {
                match Key::parse(k) {
                    Some(key) => list.push(key),
                    None => problems.push(format!("keys.{name}: cannot read key '{k}'")),
                }
            }
            if !list.is_empty() {
                parsed.insert(name.as_str(), list);
            }
        }
        let bindings = defaults()
            .into_iter()
            .map(|(context, action, keys)| {
                let keys = match action.name().and_then(|n| parsed.get(n)) {
                    Some(user) => user.clone(),
                    None => keys.iter().filter_map(|k| Key::parse(k)).collect(),
                };
                Binding {
                    context,
                    action,
                    keys,
                }
            })
            .collect();
        (KeyMap { bindings }, problems)
    }

    /// The action a key means in a context: the context's own binding first, then global.
    pub fn lookup(&self, context: Context, key: Key) -> Option<Action> {
        let find = |ctx: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.keys.contains(&key))
                .map(|b| b.action.clone())
        };
        find(context).or_else(|| find(Context::Global))
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The first key bound to an action in a context (or globally), as shown in the hint bar.
    pub fn key_for(&self, context: Context, action: &Action) -> Option<String> {
        let in_ctx = |ctx: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && &b.action == action)
                .and_then(|b| b.keys.first())
                .map(Key::label)
        };
        in_ctx(context).or_else(|| in_ctx(Context::Global))
    }

    /// All keys of an action in a context, joined with `/` (help screen).
    pub fn keys_label(binding: &Binding) -> String {
        binding
            .keys
            .iter()
            .map(Key::label)
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

/// A short label for an action, for the hint bar and help. Exhaustive: a new action without a
/// label does not compile.
pub fn action_label(lang: Lang, action: &Action) -> &'static str {
    use Action::*;
    t(
        lang,
        match action {
            Up => Msg::ActUp,
            Down => Msg::ActDown,
            PageUp => Msg::ActPageUp,
            PageDown => Msg::ActPageDown,
            Home => Msg::ActHome,
            End => Msg::ActEnd,
            Open => Msg::ActOpen,
            Back => Msg::ActBack,
            NextPane => Msg::ActNextPane,
            PrevPane => Msg::ActPrevPane,
            Help => Msg::ActHelp,
            Quit => Msg::ActQuit,
            Undo => Msg::ActUndo,
            Redo => Msg::ActRedo,
            SwitchLanguage => Msg::ActSwitchLanguage,
            ShowKeyFactors => Msg::ActShowKeyFactors,
            ShowEligibility => Msg::ActShowEligibility,
            ShowItems => Msg::ActShowItems,
            ShowSummary => Msg::ActShowSummary,
            AddApplicant => Msg::ActAddApplicant,
            Rename => Msg::ActRename,
            Remove => Msg::ActRemove,
            DeclareConflict => Msg::ActDeclareConflict,
            StartSiteReview => Msg::ActStartSiteReview,
            ExportSheet => Msg::ActExportSheet,
            ToggleSeal => Msg::ActToggleSeal,
            ImportRound => Msg::ActImportRound,
            RestoreApplicant => Msg::ActRestore,
            Add => Msg::ActAdd,
            Delete => Msg::ActDelete,
            MoveUp => Msg::ActMoveUp,
            MoveDown => Msg::ActMoveDown,
            GotoItem => Msg::ActGotoItem,
            NextItem => Msg::ActNextItem,
            PrevItem => Msg::ActPrevItem,
            ScoreUp => Msg::ActScoreUp,
            ScoreDown => Msg::ActScoreDown,
            TypeScore => Msg::ActTypeScore,
            ClearScore => Msg::ActClearScore,
            ToggleDone => Msg::ActToggleDone,
            AddStrength => Msg::ActAddStrength,
            AddOfi => Msg::ActAddOfi,
            AddSiteIssue => Msg::ActAddSiteIssue,
            NextOpenIssue => Msg::ActNextOpenIssue,
            EditTags => Msg::ActEditTags,
            EditEvidence => Msg::ActEditEvidence,
            EditNote => Msg::ActEditNote,
            Conduct => Msg::ActConduct,
            Cycle => Msg::ActCycle,
            CycleBack => Msg::ActCycleBack,
            Agree => Msg::ActAgree,
            EditRationale => Msg::ActEditRationale,
            EditComment => Msg::ActEditComment,
            KeepComment => Msg::ActKeepComment,
            NextApplicant => Msg::ActNextApplicant,
            PrevApplicant => Msg::ActPrevApplicant,
            ExportConsensus => Msg::ActExportConsensus,
            SaveDraft => Msg::ActSaveDraft,
            ShowHeatMap => Msg::ActShowHeatMap,
            MarkComment => Msg::ActMarkComment,
            EditSynthesis => Msg::ActEditSynthesis,
            ScrollLeft => Msg::ActScrollLeft,
            ScrollRight => Msg::ActScrollRight,
            MergeComments => Msg::ActMergeComments,
            Type(_) => Msg::ActType,
            Paste(_) => Msg::ActPaste,
            Resize(..) => Msg::ActResize,
            Digit { .. } => Msg::ActTypeScore,
            Tick { .. } => Msg::ActTick,
        },
    )
}

/// Turns a terminal event into an action, given where the user is. In a text field keys type
/// text, except Esc (leave, keeping the text), Enter in a one-line field (confirm), Ctrl+Z and
/// Ctrl+Y/Ctrl+R (undo, redo) and F1 (help). Only key presses count (Windows also sends
/// releases).
pub fn translate(m: &super::model::Model, ev: &ratatui::crossterm::event::Event) -> Option<Action> {
    use ratatui::crossterm::event::{Event, KeyEventKind};
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => translate_key(m, k),
        Event::Paste(s) => super::layer::text_focus(m).map(|_| Action::Paste(s.clone())),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Terminals deliver Esc followed at once by a key as one Alt+key. Outside a text field an
/// Alt+character that nothing binds is taken for what was typed: Esc, then the character.
pub fn split_alt(
    m: &super::model::Model,
    ev: ratatui::crossterm::event::Event,
) -> Vec<ratatui::crossterm::event::Event> {
    use ratatui::crossterm::event::Event;
    if let Event::Key(k) = &ev
        && let KeyCode::Char(c) = k.code
        && k.modifiers == KeyModifiers::ALT
        && super::layer::text_focus(m).is_none()
        && m.keymap
            .lookup(super::layer::context(m), Key::from_event(k))
            .is_none()
    {
        return vec![
            Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
            Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        ];
    }
    vec![ev]
}

/// The comment form's own keys: Tab / Shift+Tab between its fields, Ctrl+S saves from any
/// field, in the codes field Up/Down walk the item's codes and Space toggles the one shown,
/// and PgDn / PgUp in a one-line field save and go to the next / previous item.
fn form_key(m: &super::model::Model, k: &KeyEvent) -> Option<Action> {
    use super::model::FormField;
    let f = m.form.as_ref()?;
    if !matches!(super::layer::active(m), super::layer::Layer::Form { .. }) {
        return None;
    }
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let codes = f.field == FormField::Codes;
    match k.code {
        KeyCode::Tab if k.modifiers.contains(KeyModifiers::SHIFT) => Some(Action::PrevPane),
        KeyCode::Tab => Some(Action::NextPane),
        KeyCode::BackTab => Some(Action::PrevPane),
        KeyCode::Char('s') if ctrl => Some(Action::Open),
        KeyCode::Up if codes => Some(Action::Up),
        KeyCode::Down if codes => Some(Action::Down),
        KeyCode::Char(' ') if codes && f.pick.is_some() => Some(Action::Cycle),
        // The item screen's next / previous item, from a one-line field: save, then go.
        KeyCode::PageDown if f.field != FormField::Text => Some(Action::NextItem),
        KeyCode::PageUp if f.field != FormField::Text => Some(Action::PrevItem),
        _ => None,
    }
}

/// The site-visit issue dialogs' own keys: the choice beside the text (the kind of a new issue,
/// the outcome of one on site) steps with Tab / Shift+Tab and Down / Up, which a one-line
/// field has no use for, and with Right / Left while the text is empty — once there is text
/// they move the cursor in it, as in every field. In the outcome dialog PgDn saves and goes to
/// the next open issue (`N`), as PgDn in the comment form saves and goes to the next item.
fn choice_dialog_key(m: &super::model::Model, k: &KeyEvent) -> Option<Action> {
    use super::model::Dialog;
    if !matches!(super::layer::active(m), super::layer::Layer::Dialog { .. }) {
        return None;
    }
    let (text, resolve) = match m.dialog.as_ref()? {
        Dialog::SiteIssue { text, .. } => (text, false),
        Dialog::ResolveIssue { note, .. } => (note, true),
        _ => return None,
    };
    let empty = text.lines().iter().all(|l| l.is_empty());
    match k.code {
        KeyCode::PageDown if resolve => Some(Action::NextOpenIssue),
        KeyCode::Tab if k.modifiers.contains(KeyModifiers::SHIFT) => Some(Action::CycleBack),
        KeyCode::Tab | KeyCode::Down => Some(Action::Cycle),
        KeyCode::BackTab | KeyCode::Up => Some(Action::CycleBack),
        KeyCode::Right if empty => Some(Action::Cycle),
        KeyCode::Left if empty => Some(Action::CycleBack),
        _ => None,
    }
}

/// The conduct dialog has the keys (its rating or its note).
fn conduct_dialog(m: &super::model::Model) -> bool {
    matches!(m.dialog, Some(super::model::Dialog::Conduct { .. }))
        && matches!(super::layer::active(m), super::layer::Layer::Dialog { .. })
}

/// A text field that is one of a group (the conduct dialog's note beside its rating, the
/// consensus screen's overall-evaluation texts): Tab / Shift+Tab move to the next / previous
/// member of the group, as in the comment form.
fn field_group_key(m: &super::model::Model, k: &KeyEvent) -> Option<Action> {
    let synthesis = matches!(
        m.editor.as_ref().map(|e| &e.target),
        Some(super::model::EditTarget::Consensus(
            super::consensus::model::ConsensusField::Synthesis(_)
        ))
    ) && matches!(super::layer::active(m), super::layer::Layer::Editor { .. });
    if !(synthesis || conduct_dialog(m)) {
        return None;
    }
    match k.code {
        KeyCode::Tab if k.modifiers.contains(KeyModifiers::SHIFT) => Some(Action::PrevPane),
        KeyCode::Tab => Some(Action::NextPane),
        KeyCode::BackTab => Some(Action::PrevPane),
        _ => None,
    }
}

fn translate_key(m: &super::model::Model, k: &KeyEvent) -> Option<Action> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    // The "window too small" screen hides what a key would act on: only q and Ctrl+C count.
    if m.too_small() {
        let quit = matches!(k.code, KeyCode::Char('q')) && k.modifiers.is_empty()
            || matches!(k.code, KeyCode::Char('c')) && ctrl;
        return quit.then_some(Action::Quit);
    }
    let conduct = conduct_dialog(m);
    if let Some(multiline) = super::layer::text_focus(m) {
        if let Some(a) = form_key(m, k)
            .or_else(|| choice_dialog_key(m, k))
            .or_else(|| field_group_key(m, k))
        {
            return Some(a);
        }
        return match k.code {
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Enter if !multiline => Some(Action::Open),
            KeyCode::F(1) => Some(Action::Help),
            KeyCode::Tab | KeyCode::BackTab => None,
            KeyCode::Char('z') if ctrl => Some(Action::Undo),
            KeyCode::Char('y' | 'r') if ctrl => Some(Action::Redo),
            _ => Some(Action::Type((*k).into())),
        };
    }
    let context = super::layer::context(m);
    m.keymap.lookup(context, Key::from_event(k)).or_else(|| {
        // Digits nothing else binds score directly on the items list and the item screen, and
        // pick the conduct dialog's rating.
        match k.code {
            KeyCode::Char(c @ '0'..='9')
                if k.modifiers.is_empty()
                    && (conduct || matches!(context, Context::Items | Context::Item)) =>
            {
                Some(Action::Digit {
                    digit: c as u8 - b'0',
                    at_ms: 0,
                })
            }
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    fn ev(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key::from_event(&KeyEvent {
            code,
            modifiers,
            kind: ratatui::crossterm::event::KeyEventKind::Press,
            state: KeyEventState::NONE,
        })
    }

    #[test]
    fn screen_binding_wins_over_global_and_global_is_the_fallback() {
        let m = KeyMap::default();
        let s = ev(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(m.lookup(Context::Item, s), Some(Action::AddStrength));
        let q = ev(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(m.lookup(Context::Item, q), Some(Action::Quit));
        let shift_s = ev(KeyCode::Char('S'), KeyModifiers::SHIFT);
        assert_eq!(
            m.lookup(Context::Applicants, shift_s),
            Some(Action::StartSiteReview)
        );
        let z = ev(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert_eq!(m.lookup(Context::Items, z), Some(Action::Undo));
        let down = ev(KeyCode::Down, KeyModifiers::NONE);
        assert_eq!(m.lookup(Context::Dialog, down), Some(Action::Down));
    }

    #[test]
    fn user_overrides_replace_defaults_and_bad_entries_are_reported() {
        let mut o = BTreeMap::new();
        o.insert("add_strength".to_string(), vec!["ctrl+s".to_string()]);
        o.insert("fly".to_string(), vec!["f".to_string()]);
        o.insert(
            "quit".to_string(),
            vec!["ctrl+".to_string(), "Q".to_string()],
        );
        let (m, problems) = KeyMap::new(&o);
        assert_eq!(problems.len(), 2, "{problems:?}");
        let s = ev(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(m.lookup(Context::Item, s), None);
        let cs = ev(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(m.lookup(Context::Item, cs), Some(Action::AddStrength));
        let big_q = ev(KeyCode::Char('Q'), KeyModifiers::SHIFT);
        assert_eq!(m.lookup(Context::Item, big_q), Some(Action::Quit));
    }

    #[test]
    fn keys_parse_and_label_in_ascii() {
        for (s, label) in [
            ("ctrl+z", "Ctrl+z"),
            ("shift+up", "Shift+Up"),
            ("F1", "F1"),
            ("+", "+"),
            ("space", "Space"),
            ("backtab", "Shift+Tab"),
        ] {
            assert_eq!(Key::parse(s).unwrap().label(), label, "{s}");
        }
        assert!(Key::parse("hyper+x").is_none());
        assert!(Key::parse("").is_none());
        for b in KeyMap::default().bindings() {
            assert!(KeyMap::keys_label(b).is_ascii());
        }
    }
}
