//! The whole state of the terminal app, as plain data. `update` changes it; `view` draws it.

use ratatui_textarea::{TextArea, WrapMode};

use super::keymap::KeyMap;
use super::widget::criteria::CriteriaLayout;
use super::widget::wrap::WrapCache;
use crate::framework::{Framework, Item, Status};
use crate::lang::Lang;
use crate::program::{Catalog, Checklist, Loaded, Program, Track};
use crate::review::comment_check::{check_comment, check_item, check_review};
use crate::review::{
    Applicant, Comment, CommentRules, ItemReview, Review, SiteIssueKind, SiteIssueStatus, Stage,
    Undo, WarningKind,
};
use crate::workspace::{Config, Position};

/// The screens of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Applicants,
    /// 组织概述要点
    KeyFactors,
    /// 资格审查
    Eligibility,
    Items,
    Item,
    Summary,
    /// The group leader's consensus on one merged applicant (合议): agenda, percents, comments.
    Consensus,
    /// The panel at a glance: items × members (the first screen of `scorebook consensus`).
    HeatMap,
}

impl Screen {
    /// The name kept in the config's last position.
    pub fn id(self) -> &'static str {
        match self {
            Screen::Applicants => "applicants",
            Screen::KeyFactors => "key_factors",
            Screen::Eligibility => "eligibility",
            Screen::Items => "items",
            Screen::Item => "item",
            Screen::Summary => "summary",
            Screen::Consensus => "consensus",
            Screen::HeatMap => "heat_map",
        }
    }

    /// A reviewer's screen from the config's last position (the consensus screens are not
    /// reopened there: they belong to `scorebook consensus DIR`).
    pub fn from_id(s: &str) -> Option<Screen> {
        [
            Screen::Applicants,
            Screen::KeyFactors,
            Screen::Eligibility,
            Screen::Items,
            Screen::Item,
            Screen::Summary,
        ]
        .into_iter()
        .find(|x| x.id() == s)
    }
}

/// Which half of the item screen has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ItemPane {
    #[default]
    Comments,
    Criteria,
}

/// Strengths or OFIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentList {
    /// 优势
    Strengths,
    /// 改进机会
    Ofis,
}

/// One row of the comment pane of the item screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Comment(CommentList, usize),
    Issue(usize),
}

/// The entries of an item in the order they are drawn: strengths, OFIs, site-visit issues.
pub fn entries(ir: Option<&ItemReview>) -> Vec<Entry> {
    let Some(ir) = ir else { return Vec::new() };
    let mut v = Vec::new();
    v.extend((0..ir.strengths.len()).map(|i| Entry::Comment(CommentList::Strengths, i)));
    v.extend((0..ir.ofis.len()).map(|i| Entry::Comment(CommentList::Ofis, i)));
    v.extend((0..ir.site_issues.len()).map(Entry::Issue));
    v
}

/// Which part of a comment or issue a text field edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    /// Requirement-point labels, typed as `a, c`.
    Tags,
    Evidence,
    /// A site issue's resolution note.
    Note,
}

/// What a text field writes into, live, keystroke by keystroke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    KeyFactor(usize),
    EligibilityNote(String),
    Comment {
        item: String,
        list: CommentList,
        index: usize,
        field: Field,
    },
    SiteIssue {
        item: String,
        index: usize,
        field: Field,
    },
    /// The leader's rationale or a panel comment on the consensus screen.
    Consensus(crate::tui::consensus::model::ConsensusField),
}

/// An open text field over part of the applicant.
#[derive(Debug, Clone)]
pub struct Editor {
    pub target: EditTarget,
    pub area: TextArea<'static>,
    /// Enter starts a new line (comments); otherwise Enter finishes.
    pub multiline: bool,
}

/// A new text area. It keeps the text and the caret; `widget::editor` draws it with the one
/// wrap, so its own wrapping is off (its Up/Down then move by logical line).
pub fn text_area(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(str::to_string).collect()
    };
    let mut a = TextArea::new(lines);
    a.set_wrap_mode(WrapMode::None);
    a.set_cursor_line_style(ratatui::style::Style::default());
    a.set_max_histories(200);
    a.move_cursor(ratatui_textarea::CursorMove::Bottom);
    a.move_cursor(ratatui_textarea::CursorMove::End);
    a
}

/// A field of the comment form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormField {
    Text,
    /// 证据: where in the application (or on site) the comment is seen.
    Evidence,
    /// 要求编号: the item's requirement labels the comment addresses.
    Codes,
}

/// The one comment form (评语): a strength's or an OFI's text, evidence and requirement codes
/// in one box drawn where the comment is. Text and evidence are written into the applicant as
/// they are typed; the codes once they are all the item's own (the rest are shown refused).
#[derive(Debug, Clone)]
pub struct CommentForm {
    pub item: String,
    pub list: CommentList,
    pub index: usize,
    pub field: FormField,
    pub text: TextArea<'static>,
    pub evidence: TextArea<'static>,
    pub codes: TextArea<'static>,
    /// The item's requirement labels, from the framework: the codes picker.
    pub choices: Vec<String>,
    /// The evidence field read as codes before the evidence (`2a 自评报告第12页`): what saving
    /// takes, shown under the field.
    pub lead: crate::review::LeadCodes,
    /// The picker's highlighted label (Up/Down in the codes field; Space toggles it).
    pub pick: Option<usize>,
    /// Why the typed codes are refused (worded), shown until they are corrected.
    pub refused: Option<String>,
}

impl CommentForm {
    /// The focused field's text area.
    pub fn area_mut(&mut self) -> &mut TextArea<'static> {
        match self.field {
            FormField::Text => &mut self.text,
            FormField::Evidence => &mut self.evidence,
            FormField::Codes => &mut self.codes,
        }
    }
}

/// Steps of the add-applicant form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddStep {
    Name,
    Track,
    Conflict,
    Relationship,
}

/// The add-applicant form, also used to declare the conflict of an existing applicant.
#[derive(Debug, Clone)]
pub struct AddForm {
    pub step: AddStep,
    pub name: TextArea<'static>,
    /// Index into [`Model::tracks`].
    pub track: usize,
    /// 0 = no conflict, 1 = a stated relationship.
    pub conflict: usize,
    pub relationship: TextArea<'static>,
    /// Declaring for an existing applicant (its id) rather than adding one.
    pub existing: Option<String>,
    pub error: Option<crate::i18n::tui::Msg>,
}

/// Whether the current applicant's export is sealed, as [`Model::seal_choice`] says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealChoice<'a> {
    /// The round allows it: sealed to `to` when `on`.
    Available {
        on: bool,
        to: &'a [crate::service::export::Addressee],
    },
    /// Not possible here, and why.
    Unavailable(&'a crate::service::seal::Unavailable),
}

impl SealChoice<'_> {
    /// Whether the export seals.
    pub fn seals(&self) -> bool {
        matches!(self, SealChoice::Available { on: true, .. })
    }
}

/// A modal box over the screen.
#[derive(Debug, Clone)]
pub enum Dialog {
    /// First run: the reviewer's name, nothing else.
    FirstRun {
        name: TextArea<'static>,
    },
    Add(Box<AddForm>),
    Rename {
        name: TextArea<'static>,
    },
    ConfirmRemove,
    ConfirmSiteReview,
    /// A complete review of a round applicant: export, sealed or not (`s` switches).
    ConfirmExport,
    /// Items are unscored: only a draft sheet can be exported.
    ConfirmDraftExport {
        unscored: usize,
    },
    /// Site review has open site-visit issues (listed) or no conduct recorded (守纪情况,
    /// 第二十二条): export anyway (a draft when items are unscored too), or go back.
    ConfirmOpenIssues {
        unscored: usize,
        open: Vec<crate::review::OpenIssue>,
        no_conduct: bool,
    },
    Goto {
        code: TextArea<'static>,
        error: bool,
    },
    TypeScore {
        value: TextArea<'static>,
        error: Option<String>,
    },
    /// A new site-visit issue (`v`): its kind, 核实 unless switched to 澄清, and its text;
    /// Enter adds it. `empty` after an Enter with no text.
    SiteIssue {
        kind: SiteIssueKind,
        text: TextArea<'static>,
        empty: bool,
    },
    /// A site-visit issue's outcome on site and its note (`n` or Enter on it during site
    /// review), saved together by Enter.
    ResolveIssue {
        item: String,
        index: usize,
        status: SiteIssueStatus,
        note: TextArea<'static>,
    },
    /// Start-up notices (moved-aside files, read-only mode, key-map problems).
    Notices(Vec<String>),
    /// The path of a round file to import (评审轮次); `~` stands for the home folder.
    ImportRound {
        path: TextArea<'static>,
        error: Option<String>,
    },
    /// The backups of removed applicants (newest first), one selected; Enter restores it.
    Restore {
        backups: Vec<crate::workspace::RemovedBackup>,
        sel: usize,
        error: Option<String>,
    },
    /// 守纪情况 (第二十二条): the current applicant's conduct on the site visit, rated and
    /// noted; Enter records it, Esc keeps what was chosen and typed for the next time.
    Conduct {
        verdict: Option<crate::review::ConductVerdict>,
        note: TextArea<'static>,
        /// The note has the keys (Tab moves between it and the rating).
        on_note: bool,
        error: Option<String>,
    },
    /// Quitting while a save is failing: where to write the unsaved work instead.
    UnsavedQuit {
        folder: TextArea<'static>,
        error: Option<String>,
    },
}

/// Digits typed on the items list or the item screen, and when the last one came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedScore {
    pub text: String,
    pub at_ms: u64,
}

/// A one-line message under the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusLine {
    Info(String),
    Error(String),
}

#[derive(Debug, Clone)]
pub struct Model {
    pub lang: Lang,
    pub catalog: Catalog,
    pub reviewer: String,
    pub applicants: Vec<Applicant>,
    pub keymap: KeyMap,
    /// The reviewer's settings as last saved (name, language, position, keys, demo made).
    pub config: Config,
    /// The id the next added applicant gets (ids are never reused, see the workspace).
    pub next_id: String,
    pub screen: Screen,
    /// Index of the current applicant in `applicants`.
    pub current: usize,
    pub key_factor_sel: usize,
    pub eligibility_sel: usize,
    /// Index into [`Model::items_rows`].
    pub items_sel: usize,
    /// The item open on the item screen.
    pub item_code: String,
    pub item_pane: ItemPane,
    pub entry_sel: usize,
    pub criteria_scroll: u16,
    pub summary_scroll: u16,
    /// The selected entry of the summary's lists (unscored items, then comment-check warnings).
    pub summary_sel: usize,
    pub help_scroll: u16,
    pub help: bool,
    pub dialog: Option<Dialog>,
    pub editor: Option<Editor>,
    /// The comment form, when open (over the item screen).
    pub form: Option<CommentForm>,
    /// Text typed into a dialog that Esc closed, by dialog (and applicant or item): offered
    /// again when that dialog opens, so Esc never throws typed text away. Kept in the
    /// workspace with the open dialog's text, so a restart finds them too.
    pub drafts: crate::workspace::Drafts,
    /// The typed drafts as last handed to the saver (written again only when they change).
    pub drafts_saved: crate::workspace::Drafts,
    pub status: Option<StatusLine>,
    /// Another instance holds the workspace: nothing is saved.
    pub read_only: bool,
    /// The last save failed: shown until a save succeeds.
    pub disk_error: Option<String>,
    /// A first run whose name dialog waits behind the start-up notices.
    pub first_run_pending: bool,
    /// A dialog reopened after a crash (see [`super::resume`]) waiting behind the start-up
    /// notices: it opens when they are closed, and is kept in the position meanwhile.
    pub dialog_after_notices: Option<Dialog>,
    /// A first run on a home whose key exists: its name, for [`crate::tui::update::start`].
    pub first_run_key: Option<String>,
    /// A percent being typed with digits (直接打分), not yet committed.
    pub typed_score: Option<TypedScore>,
    /// Where unsaved work was written when the workspace's disk refused it.
    pub rescued_to: Option<std::path::PathBuf>,
    /// Comment-check results by comment content: drawing is a pure function of the model, and
    /// this memo only saves re-running the word lists on every frame.
    pub checks: CheckMemo,
    /// The terminal's size (columns, rows) once known: below the minimum the screen says so and
    /// ignores every key but quit.
    pub window: Option<(u16, u16)>,
    /// Wrapped lines of the texts on screen, kept current by `update` (see [`WrapCache`]).
    pub wraps: WrapCache,
    /// The item screen's criteria pane laid out, kept current by `update` (shared, so a clone
    /// of the model does not copy it).
    pub criteria: Option<std::sync::Arc<CriteriaLayout>>,
    /// Undo/redo of the current applicant's changes (cleared when another is opened).
    pub undo: Undo,
    /// Exports handed to the worker and not yet back (the status line says so).
    pub exporting: usize,
    /// Per applicant, whether its sheet can be sealed for transit and to whom (from the round
    /// kept at the import), read at start and after an import: the export dialog shows it.
    pub seal: std::collections::BTreeMap<crate::ids::ApplicantId, crate::service::seal::SealState>,
    /// The user's home folder, for `~` in a typed path (read once at start, never in update).
    pub home_dir: Option<std::path::PathBuf>,
    /// The group leader's consensus over a merge folder (`scorebook consensus DIR`).
    pub consensus: Option<Box<crate::tui::consensus::model::Consensus>>,
    pub quit: bool,
}

/// The framework an applicant's current stage is scored on: by hash first (exactly the
/// edition scored), else by id.
pub fn framework_for<'c>(catalog: &'c Catalog, a: &Applicant) -> Option<&'c Framework> {
    loaded_framework_for(catalog, a).map(|f| &f.doc)
}

/// [`framework_for`] with the edition's content hash.
fn loaded_framework_for<'c>(catalog: &'c Catalog, a: &Applicant) -> Option<&'c Loaded<Framework>> {
    let r = a.review(a.current_stage())?;
    catalog
        .framework_by_hash(&r.framework_hash)
        .or_else(|| catalog.framework(&r.framework))
}

/// The notice for an applicant whose current stage was scored on another edition of its
/// framework (版本提示), in the interface language; `None` on the current edition.
pub fn edition_notice(catalog: &Catalog, a: &Applicant, lang: Lang) -> Option<String> {
    let r = a.review(a.current_stage())?;
    catalog
        .edition_notice(&r.framework, &r.framework_hash)
        .map(|n| crate::i18n::criteria::edition_notice(lang, &n))
}

/// The comment check's rules (embedded, or the home's override) and a memo of
/// [`check_comment`] keyed by a hash of the comment (text, tags, evidence).
#[derive(Debug, Clone)]
pub struct CheckMemo {
    rules: std::sync::Arc<CommentRules>,
    memo: std::cell::RefCell<std::collections::HashMap<u64, Vec<WarningKind>>>,
}

impl Default for CheckMemo {
    fn default() -> Self {
        CheckMemo::new(CommentRules::embedded().clone())
    }
}

impl CheckMemo {
    pub fn new(rules: CommentRules) -> CheckMemo {
        CheckMemo {
            rules: std::sync::Arc::new(rules),
            memo: Default::default(),
        }
    }

    /// The rules the check runs with.
    pub fn rules(&self) -> &CommentRules {
        &self.rules
    }

    /// Entries kept before the memo starts afresh (a review has a few hundred comments).
    const LIMIT: usize = 4096;

    /// The warnings about an item as a whole (no comment, the score against the comments),
    /// without those of its comments (each is checked beside it, by [`CheckMemo::check`]).
    pub fn item_warnings(&self, code: &str, ir: &ItemReview) -> Vec<WarningKind> {
        // The same counts with empty texts make the per-comment pass free.
        let shape = ItemReview {
            percent: ir.percent,
            strengths: vec![Comment::default(); ir.strengths.len()],
            ofis: vec![Comment::default(); ir.ofis.len()],
            ..ItemReview::default()
        };
        check_item(&self.rules, code, &shape)
            .into_iter()
            .filter(|w| w.comment.is_none())
            .map(|w| w.kind)
            .collect()
    }

    pub fn check(&self, c: &Comment) -> Vec<WarningKind> {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&c.text, &c.requirements, &c.evidence).hash(&mut h);
        let key = h.finish();
        if let Some(w) = self.memo.borrow().get(&key) {
            return w.clone();
        }
        let w = check_comment(&self.rules, c);
        let mut memo = self.memo.borrow_mut();
        if memo.len() >= Self::LIMIT {
            memo.clear();
        }
        memo.insert(key, w.clone());
        w
    }
}

/// One row of the items tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Category(usize),
    Item(usize, usize),
}

impl Model {
    /// Whether the window is below the minimum size (the "too small" screen is drawn).
    pub fn too_small(&self) -> bool {
        use crate::tui::view::{MIN_HEIGHT, MIN_WIDTH};
        self.window
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    pub fn new(lang: Lang, catalog: Catalog, keymap: KeyMap) -> Model {
        Model {
            lang,
            catalog,
            reviewer: String::new(),
            applicants: Vec::new(),
            keymap,
            config: Config::default(),
            next_id: "A1".to_string(),
            screen: Screen::Applicants,
            current: 0,
            key_factor_sel: 0,
            eligibility_sel: 0,
            items_sel: 0,
            item_code: String::new(),
            item_pane: ItemPane::Comments,
            entry_sel: 0,
            criteria_scroll: 0,
            summary_scroll: 0,
            summary_sel: 0,
            help_scroll: 0,
            help: false,
            dialog: None,
            editor: None,
            form: None,
            drafts: Default::default(),
            drafts_saved: Default::default(),
            status: None,
            read_only: false,
            disk_error: None,
            first_run_pending: false,
            dialog_after_notices: None,
            first_run_key: None,
            typed_score: None,
            rescued_to: None,
            undo: Undo::default(),
            home_dir: None,
            exporting: 0,
            seal: Default::default(),
            checks: CheckMemo::default(),
            window: None,
            wraps: WrapCache::default(),
            criteria: None,
            consensus: None,
            quit: false,
        }
    }

    /// The sealing of the current applicant's export, as the export dialog shows it and the
    /// export runs it: on by default where the round allows it, as the reviewer last set it.
    pub fn seal_choice(&self) -> SealChoice<'_> {
        use crate::service::seal::{SealState, Unavailable};
        const LOCAL: Unavailable = Unavailable::NotFromRound;
        let Some(a) = self.applicant() else {
            return SealChoice::Unavailable(&LOCAL);
        };
        match self.seal.get(&a.id) {
            Some(SealState::Available(to)) => SealChoice::Available {
                on: self.config.seal_exports.unwrap_or(true),
                to,
            },
            Some(SealState::Unavailable(why)) => SealChoice::Unavailable(why),
            None => SealChoice::Unavailable(&LOCAL),
        }
    }

    pub fn applicant(&self) -> Option<&Applicant> {
        self.applicants.get(self.current)
    }

    pub fn applicant_mut(&mut self) -> Option<&mut Applicant> {
        self.applicants.get_mut(self.current)
    }

    pub fn program_of(&self, a: &Applicant) -> Option<&Program> {
        self.catalog.program(&a.program).map(|p| &p.doc)
    }

    pub fn track_of(&self, a: &Applicant) -> Option<&Track> {
        self.program_of(a).and_then(|p| p.track(&a.track))
    }

    /// The framework the applicant's current stage is scored on: by hash first (exactly the
    /// edition scored), else by id.
    pub fn framework_of(&self, a: &Applicant) -> Option<&Framework> {
        framework_for(&self.catalog, a)
    }

    /// The content hash of the framework edition [`Model::framework`] is.
    pub fn framework_hash(&self) -> Option<&str> {
        let a = self.applicant()?;
        loaded_framework_for(&self.catalog, a).map(|f| f.hash.as_str())
    }

    pub fn framework(&self) -> Option<&Framework> {
        self.applicant().and_then(|a| self.framework_of(a))
    }

    pub fn is_provisional(&self, a: &Applicant) -> bool {
        self.framework_of(a)
            .is_some_and(|f| f.status == Status::Provisional)
    }

    pub fn stage(&self) -> Stage {
        self.applicant()
            .map(Applicant::current_stage)
            .unwrap_or(Stage::DocumentReview)
    }

    pub fn review(&self) -> Option<&Review> {
        self.applicant().and_then(|a| a.review(a.current_stage()))
    }

    pub fn checklist(&self) -> Option<&Checklist> {
        let a = self.applicant()?;
        let kind = self.track_of(a)?.applicant_kind;
        self.program_of(a)?.checklist(kind)
    }

    /// Every track of every programme, in catalogue order: (programme id, track).
    pub fn tracks(&self) -> Vec<(&str, &Track)> {
        self.catalog
            .programs
            .iter()
            .flat_map(|p| p.doc.tracks.iter().map(move |t| (p.doc.id.as_str(), t)))
            .collect()
    }

    /// The items the summary's lists point at, in their order on screen: each unscored item,
    /// then the item of each comment-check warning. Enter on an entry opens its item.
    pub fn summary_targets(&self) -> Vec<String> {
        let (Some(fw), Some(review)) = (self.framework(), self.review()) else {
            return Vec::new();
        };
        let mut targets: Vec<String> = fw
            .totals(|c| review.percent(c))
            .unscored
            .into_iter()
            .map(String::from)
            .collect();
        targets.extend(
            check_review(self.checks.rules(), fw, review)
                .into_iter()
                .map(|w| w.item),
        );
        targets
    }

    /// The selected summary entry, kept inside the lists as they shrink.
    pub fn summary_selection(&self, count: usize) -> usize {
        self.summary_sel.min(count.saturating_sub(1))
    }

    pub fn items_rows(&self) -> Vec<Row> {
        let Some(f) = self.framework() else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        for (ci, c) in f.categories.iter().enumerate() {
            rows.push(Row::Category(ci));
            rows.extend((0..c.items.len()).map(|ii| Row::Item(ci, ii)));
        }
        rows
    }

    /// The selected row of the items tree, moved off a category heading onto an item.
    pub fn items_selection(&self) -> usize {
        let rows = self.items_rows();
        match rows.get(self.items_sel) {
            Some(Row::Item(..)) => self.items_sel,
            _ => rows
                .iter()
                .position(|r| matches!(r, Row::Item(..)))
                .unwrap_or(0),
        }
    }

    pub fn item(&self) -> Option<&Item> {
        self.framework().and_then(|f| f.item(&self.item_code))
    }

    pub fn item_review(&self) -> Option<&ItemReview> {
        self.review()
            .and_then(|r| r.items.get(self.item_code.as_str()))
    }

    pub fn position(&self) -> Option<Position> {
        Some(Position {
            applicant: self.applicant()?.id.to_string(),
            screen: self.screen.id().to_string(),
            item: (!self.item_code.is_empty()).then(|| self.item_code.clone()),
            editing: match (&self.editor, &self.form) {
                (Some(e), _) => super::resume::editing(e),
                (None, Some(f)) => super::resume::form_editing(f),
                (None, None) => [&self.dialog, &self.dialog_after_notices]
                    .into_iter()
                    .find_map(|d| d.as_ref().and_then(super::resume::dialog_editing)),
            },
        })
    }

    /// Reopens at a saved position; anything no longer there falls back to the list.
    pub fn restore_position(&mut self, p: &Position) {
        let Some(idx) = self.applicants.iter().position(|a| a.id == p.applicant) else {
            return;
        };
        self.current = idx;
        let screen = Screen::from_id(&p.screen).unwrap_or(Screen::Applicants);
        if let Some(code) = &p.item
            && self.framework().is_some_and(|f| f.item(code).is_some())
        {
            self.item_code = code.clone();
            if let Some(i) = self.items_rows().iter().position(|r| match r {
                Row::Item(ci, ii) => self
                    .framework()
                    .is_some_and(|f| &f.categories[*ci].items[*ii].code == code),
                Row::Category(_) => false,
            }) {
                self.items_sel = i;
            }
        }
        self.screen = match screen {
            Screen::Item if self.item().is_none() => Screen::Items,
            s => s,
        };
    }
}
