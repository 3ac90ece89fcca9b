//! Every thing a user can do, as a value. Keys map to these (see `keymap`); `update` applies them.

use ratatui_textarea::Input;

/// One user intent. Text typed into a field travels as [`Action::Type`] and [`Action::Paste`].
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    // Moving around
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// Enter: open the selection, edit it, or confirm a dialog.
    Open,
    /// Esc: back one level, cancel a dialog, or leave a text field keeping the text.
    Back,
    /// Tab: next screen of the applicant, or next pane on the item screen.
    NextPane,
    /// Shift+Tab.
    PrevPane,
    Help,
    Quit,
    Undo,
    Redo,
    /// Switch the interface language (中文 ⇄ English), kept in the config.
    SwitchLanguage,
    // Applicant's screens
    ShowKeyFactors,
    ShowEligibility,
    ShowItems,
    ShowSummary,
    // Applicants
    AddApplicant,
    Rename,
    Remove,
    DeclareConflict,
    StartSiteReview,
    ExportSheet,
    /// In the export dialog: seal the sheet to the round's leader, or not (kept in the config).
    ToggleSeal,
    /// Import a round file (评审轮次) from a path.
    ImportRound,
    /// Restore a removed applicant from its backup.
    RestoreApplicant,
    // Lists (key factors, comments, issues)
    Add,
    Delete,
    MoveUp,
    MoveDown,
    // Items
    GotoItem,
    NextItem,
    PrevItem,
    // Scoring
    ScoreUp,
    ScoreDown,
    TypeScore,
    ClearScore,
    ToggleDone,
    AddStrength,
    AddOfi,
    AddSiteIssue,
    /// The next open site-visit issue in item order (after the selected one), its item opened
    /// at it: site review's to-do list across items.
    NextOpenIssue,
    EditTags,
    EditEvidence,
    EditNote,
    /// Record the applicant's conduct on the site visit (守纪情况, 第二十二条).
    Conduct,
    /// Eligibility verdict or site-issue status: to the next value.
    Cycle,
    /// Eligibility verdict: back to the previous value (`←`).
    CycleBack,
    // The group leader's consensus (合议)
    /// Confirm (or un-confirm) the item's agreed percent, and move on through the agenda.
    Agree,
    /// Write the rationale of the agreed percent (合议理由).
    EditRationale,
    /// Edit the selected reviewer or panel comment.
    EditComment,
    /// Keep or drop the selected comment in the consensus sheet.
    KeepComment,
    NextApplicant,
    PrevApplicant,
    /// Build, sign and write the consensus sheet (合议评分表).
    ExportConsensus,
    /// Write the consensus draft now (it is also written after every change).
    SaveDraft,
    /// The panel at a glance: items × members.
    ShowHeatMap,
    /// Write the applicant's overall-evaluation inputs (综合评价, 第十八条(五)): the distilled
    /// experience, the 公众评价 and 陈述答辩 notes.
    EditSynthesis,
    /// The heat map's members that do not fit: one column to the left / right.
    ScrollLeft,
    ScrollRight,
    /// Mark (or unmark) the selected comment for a merge.
    MarkComment,
    /// Merge the marked comments, or the selected comment's near-duplicates, into one.
    MergeComments,
    /// A digit typed on the items list or the item screen: the percent, typed directly
    /// (`5` `5` → 55 %). `at_ms` is when (a monotonic clock the loop reads and stamps in).
    Digit {
        digit: u8,
        at_ms: u64,
    },
    /// Time passed without a key (the loop sends it while a typed percent waits): after a
    /// pause the percent is committed.
    Tick {
        at_ms: u64,
    },
    // Text fields
    Type(Input),
    Paste(String),
    /// The terminal changed size (columns, rows): redraw, and below the minimum ignore every
    /// key but quit.
    Resize(u16, u16),
}

impl Action {
    /// The action with the moment it happened, for those that carry one.
    pub fn stamped(self, now_ms: u64) -> Action {
        match self {
            Action::Digit { digit, .. } => Action::Digit {
                digit,
                at_ms: now_ms,
            },
            other => other,
        }
    }

    /// The name a user writes in the config's `keys` table to rebind this action.
    /// Text input has no name: it cannot be rebound.
    pub fn name(&self) -> Option<&'static str> {
        use Action::*;
        Some(match self {
            Up => "up",
            Down => "down",
            PageUp => "page_up",
            PageDown => "page_down",
            Home => "home",
            End => "end",
            Open => "open",
            Back => "back",
            NextPane => "next_pane",
            PrevPane => "prev_pane",
            Help => "help",
            Quit => "quit",
            Undo => "undo",
            Redo => "redo",
            SwitchLanguage => "switch_language",
            ShowKeyFactors => "show_key_factors",
            ShowEligibility => "show_eligibility",
            ShowItems => "show_items",
            ShowSummary => "show_summary",
            AddApplicant => "add_applicant",
            Rename => "rename",
            Remove => "remove",
            DeclareConflict => "declare_conflict",
            StartSiteReview => "start_site_review",
            ExportSheet => "export_sheet",
            ToggleSeal => "toggle_seal",
            ImportRound => "import_round",
            RestoreApplicant => "restore_applicant",
            Add => "add",
            Delete => "delete",
            MoveUp => "move_up",
            MoveDown => "move_down",
            GotoItem => "goto_item",
            NextItem => "next_item",
            PrevItem => "prev_item",
            ScoreUp => "score_up",
            ScoreDown => "score_down",
            TypeScore => "type_score",
            ClearScore => "clear_score",
            ToggleDone => "toggle_done",
            AddStrength => "add_strength",
            AddOfi => "add_ofi",
            AddSiteIssue => "add_site_issue",
            NextOpenIssue => "next_open_issue",
            EditTags => "edit_tags",
            EditEvidence => "edit_evidence",
            EditNote => "edit_note",
            Conduct => "conduct",
            Cycle => "cycle",
            CycleBack => "cycle_back",
            Agree => "agree",
            EditRationale => "edit_rationale",
            EditComment => "edit_comment",
            KeepComment => "keep_comment",
            NextApplicant => "next_applicant",
            PrevApplicant => "prev_applicant",
            ExportConsensus => "export_consensus",
            SaveDraft => "save_draft",
            ShowHeatMap => "show_heat_map",
            MarkComment => "mark_comment",
            EditSynthesis => "edit_synthesis",
            ScrollLeft => "scroll_left",
            ScrollRight => "scroll_right",
            MergeComments => "merge_comments",
            Type(_) | Paste(_) | Resize(..) | Digit { .. } | Tick { .. } => return None,
        })
    }
}
