//! `update(&mut Model, Action, now) -> Vec<Effect>`: every change of state, and the effects the
//! loop must run for it (save, remove, export). No I/O here, and no clock: the loop reads the time
//! once per event and passes it in, so the same action on the same model gives the same result.
//!
//! One file per layer and per screen; [`layer::active`] decides which one gets the action.

mod applicants;
mod conduct;
mod consensus;
mod dialogs;
mod digits;
mod editor;
mod eligibility;
mod form;
mod help;
mod item;
mod items;
mod key_factors;
mod layout;
mod open_issues;
mod resume;
mod summary;

use super::action::Action;
use super::layer::{self, Layer};
use super::model::framework_for;
use super::model::{CommentList, Dialog, Model, Screen, StatusLine, entries};
use crate::framework::Framework;
use crate::i18n::tui::{Msg, t};
use crate::review::{Applicant, CommentKind, ReviewError};

pub use dialogs::expand_home;
pub use dialogs::typed_drafts;
pub use editor::parse_tags;
pub use layout::refresh as refresh_layout;
pub use resume::resume_editing;

/// What the loop does after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// The applicant with this id changed: write it (debounced, off the UI thread).
    Save(String),
    /// The reviewer's name changed: write the config.
    SaveConfig,
    /// Remove the applicant from disk, keeping a backup.
    Remove(String),
    /// Make the reviewer's signing key under this name, unless the home already has one.
    EnsureKey(String),
    /// Export a signed sheet of the applicant's current stage; `draft` when items are unscored;
    /// `seal`: sealed for transit to the round's leader (and office).
    Export {
        id: String,
        draft: bool,
        seal: bool,
    },
    /// Import the round file at this path (`~` already expanded).
    ImportRound(std::path::PathBuf),
    /// List the backups of removed applicants into a [`Dialog::Restore`].
    ListRemoved,
    /// Restore the removed applicant from this backup.
    Restore(std::path::PathBuf),
    /// Export the signed recusal record (回避声明) of this round applicant.
    ExportRecusal(String),
    Quit,
    /// Write the applicants not yet saved into this folder, then quit if that worked.
    RescueTo(std::path::PathBuf),
    /// The consensus draft changed: write `consensus-draft.json` in the merge folder.
    SaveConsensus,
    /// Build, sign and write the consensus sheet of the applicant at this index.
    ExportConsensus(usize),
}

/// The applicant's screens, in Tab order.
const TABS: [Screen; 4] = [
    Screen::KeyFactors,
    Screen::Eligibility,
    Screen::Items,
    Screen::Summary,
];

/// Applies one action. `now` is the moment of the event, RFC 3339 as every file spells it: it
/// stamps what is recorded for good (the conflict declaration, a new applicant). Then the
/// layout the view reads (wrapped comments) is brought up to date with the result.
pub fn update(m: &mut Model, action: Action, now: &str) -> Vec<Effect> {
    let fx = act(m, action, now);
    layout::refresh(m);
    fx
}

fn act(m: &mut Model, action: Action, now: &str) -> Vec<Effect> {
    if let Action::Resize(w, h) = action {
        m.window = Some((w, h));
        return Vec::new();
    }
    if let Action::Tick { at_ms } = action {
        return digits::tick(m, at_ms);
    }
    // Nothing of the app is on screen: a key must not act on what the reviewer cannot see
    // (a hidden delete dialog one Enter would confirm). Quit keeps what was typed.
    if m.too_small() {
        return match action {
            Action::Quit => quit_unseen(m),
            _ => Vec::new(),
        };
    }
    match layer::active(m) {
        Layer::Help => help::update(m, action),
        // Help opens over anything, a text field included (F1 there).
        _ if action == Action::Help => help::open(m),
        Layer::Dialog { .. } => dialogs::update(m, action, now),
        Layer::Form { .. } => form::update(m, action),
        Layer::Editor { .. }
            if matches!(
                m.editor.as_ref().map(|e| &e.target),
                Some(super::model::EditTarget::Consensus(_))
            ) =>
        {
            consensus::editor(m, action)
        }
        Layer::Editor { .. } => editor::update(m, action),
        Layer::Screen(screen @ (Screen::Consensus | Screen::HeatMap)) => {
            m.status = None;
            if screen == Screen::Consensus {
                consensus::screen(m, action)
            } else {
                consensus::heat_map(m, action)
            }
        }
        Layer::Screen(screen) => {
            m.status = None;
            // A percent typed with digits is committed before any other command (quit too).
            let mut fx = Vec::new();
            if matches!(screen, Screen::Items | Screen::Item) {
                match digits::handle(m, &action) {
                    digits::Handled::Done(done) => return done,
                    digits::Handled::Then(committed) => fx = committed,
                }
            }
            fx.extend(match action {
                Action::Quit if m.disk_error.is_some() && !m.read_only => {
                    let default = rescue_folder(m);
                    let folder = dialogs::field(m, "rescue", &default);
                    m.dialog = Some(Dialog::UnsavedQuit {
                        folder,
                        error: None,
                    });
                    Vec::new()
                }
                Action::Quit => {
                    m.quit = true;
                    vec![Effect::Quit]
                }
                Action::Undo => restore(m, true),
                Action::Redo => restore(m, false),
                Action::SwitchLanguage => switch_language(m),
                // Export is one key on every screen: the current applicant's sheet.
                Action::ExportSheet if !m.applicants.is_empty() => applicants::export(m),
                // 守纪情况: bound where a reviewer oversees the site review (items, summary).
                Action::Conduct => conduct::open(m),
                _ => match screen {
                    Screen::Applicants => applicants::update(m, action),
                    Screen::KeyFactors => key_factors::update(m, action),
                    Screen::Eligibility => eligibility::update(m, action),
                    Screen::Items => items::update(m, action),
                    Screen::Item => item::update(m, action),
                    Screen::Summary => summary::update(m, action),
                    Screen::Consensus => consensus::screen(m, action),
                    Screen::HeatMap => consensus::heat_map(m, action),
                },
            });
            fx
        }
    }
}

/// Quit from the "too small" screen: the text being typed is kept as Esc keeps it, an open
/// dialog is let go, and a failing save still asks where to rescue the work.
fn quit_unseen(m: &mut Model) -> Vec<Effect> {
    m.help = false;
    let mut fx = Vec::new();
    let consensus_field = matches!(
        m.editor.as_ref().map(|e| &e.target),
        Some(super::model::EditTarget::Consensus(_))
    );
    if consensus_field {
        fx = consensus::editor(m, Action::Back);
    } else if m.editor.is_some() {
        fx = editor::update(m, Action::Back);
    }
    // The form's text and evidence are written already; codes it refuses are not the item's.
    if m.form.is_some() {
        fx.extend(form::update(m, Action::Back));
        m.form = None;
        m.undo.seal();
    }
    if !matches!(m.dialog, Some(Dialog::UnsavedQuit { .. }))
        && let Some(d) = m.dialog.take()
    {
        dialogs::keep_drafts(m, &d);
    }
    if m.disk_error.is_some() && !m.read_only {
        let default = rescue_folder(m);
        let folder = dialogs::field(m, "rescue", &default);
        m.dialog = Some(Dialog::UnsavedQuit {
            folder,
            error: None,
        });
        return fx;
    }
    m.quit = true;
    if m.consensus.as_ref().is_some_and(|c| c.read_only.is_none()) {
        fx.push(Effect::SaveConsensus);
    }
    fx.push(Effect::Quit);
    fx
}

/// What the app does once, before the first key: a first run on a home whose signing key
/// already exists (`scorebook key new`) takes the key's name instead of asking for one, and
/// makes the demo as the name dialog would have.
pub fn start(m: &mut Model, now: &str) -> Vec<Effect> {
    match m.first_run_key.take() {
        Some(name) => dialogs::complete_first_run(m, name, now),
        None => Vec::new(),
    }
}

/// `L`: the other interface language, at once, and kept in the config for the next start
/// (`--lang` on the command line still wins over it).
fn switch_language(m: &mut Model) -> Vec<Effect> {
    let languages = [crate::lang::Lang::Zh, crate::lang::Lang::En];
    m.lang = languages
        .into_iter()
        .find(|l| *l != m.lang)
        .unwrap_or(m.lang);
    m.config.lang = Some(m.lang);
    if m.read_only {
        return Vec::new();
    }
    vec![Effect::SaveConfig]
}

fn info(m: &mut Model, msg: Msg) {
    m.status = Some(StatusLine::Info(t(m.lang, msg).to_string()));
}

fn error(m: &mut Model, msg: Msg) {
    m.status = Some(StatusLine::Error(t(m.lang, msg).to_string()));
}

/// A paste as a field takes it: line ends made `\n`, the trailing newline(s) a copied
/// paragraph brings dropped, and in a one-line field the lines joined by spaces.
pub(super) fn pasted(text: &str, multiline: bool) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim_end_matches('\n');
    if multiline {
        text.to_string()
    } else {
        text.replace('\n', " ")
    }
}

/// Text fields join one undo step per visit: every keystroke is recorded under this group.
const TEXT_GROUP: &str = "text";

/// Applies a review rule to the current applicant with its framework, recording the change for
/// undo. Refused in read-only mode; a rule's refusal (conflict lock, bad percent …) is shown.
fn apply<T>(
    m: &mut Model,
    group: Option<&str>,
    f: impl FnOnce(&mut Applicant, &Framework) -> Result<T, ReviewError>,
) -> Option<(T, Vec<Effect>)> {
    if m.read_only {
        error(m, Msg::ReadOnlyRefused);
        return None;
    }
    let lang = m.lang;
    let Model {
        catalog,
        applicants,
        undo,
        current,
        status,
        ..
    } = m;
    let a = applicants.get_mut(*current)?;
    let Some(fw) = framework_for(catalog, a) else {
        *status = Some(StatusLine::Error(t(lang, Msg::NoFramework).to_string()));
        return None;
    };
    match undo.apply(a, group, |a| f(a, fw)) {
        Ok(v) => Some((v, vec![Effect::Save(a.id.to_string())])),
        Err(e) => {
            *status = Some(StatusLine::Error(e.message(lang)));
            None
        }
    }
}

/// Like [`apply`] when only the effects matter.
fn apply_fx<T>(
    m: &mut Model,
    f: impl FnOnce(&mut Applicant, &Framework) -> Result<T, ReviewError>,
) -> Vec<Effect> {
    apply(m, None, f).map(|(_, fx)| fx).unwrap_or_default()
}

/// Review work needs a no-conflict declaration and a writable workspace; says why not.
fn review_allowed(m: &mut Model) -> bool {
    if m.read_only {
        error(m, Msg::ReadOnlyRefused);
        return false;
    }
    let check = m.applicant().map(Applicant::check_can_score);
    match check {
        Some(Ok(())) => true,
        Some(Err(e)) => {
            m.status = Some(StatusLine::Error(e.message(m.lang)));
            false
        }
        None => false,
    }
}

fn restore(m: &mut Model, undo: bool) -> Vec<Effect> {
    if m.read_only {
        error(m, Msg::ReadOnlyRefused);
        return Vec::new();
    }
    let Some(a) = m.applicants.get_mut(m.current) else {
        return Vec::new();
    };
    let done = if undo { m.undo.undo(a) } else { m.undo.redo(a) };
    if !done {
        info(
            m,
            if undo {
                Msg::NothingToUndo
            } else {
                Msg::NothingToRedo
            },
        );
        return Vec::new();
    }
    let id = a.id.to_string();
    clamp_selections(m);
    info(m, if undo { Msg::Undone } else { Msg::Redone });
    vec![Effect::Save(id)]
}

fn clamp_selections(m: &mut Model) {
    let n = entries(m.item_review()).len();
    m.entry_sel = m.entry_sel.min(n.saturating_sub(1));
    let k = m.applicant().map_or(0, |a| a.key_factors.len());
    m.key_factor_sel = m.key_factor_sel.min(k.saturating_sub(1));
}

fn step(sel: &mut usize, len: usize, action: &Action) {
    let last = len.saturating_sub(1);
    *sel = match action {
        Action::Up => sel.saturating_sub(1),
        Action::Down => (*sel + 1).min(last),
        Action::PageUp => sel.saturating_sub(10),
        Action::PageDown => (*sel + 10).min(last),
        Action::Home => 0,
        Action::End => last,
        _ => *sel,
    }
    .min(last);
}

fn tab(m: &mut Model, forward: bool) {
    let i = TABS.iter().position(|s| *s == m.screen).unwrap_or(2);
    let n = TABS.len();
    m.screen = TABS[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }];
}

/// The comment list of the review model for the view's list.
fn kind_of(list: CommentList) -> CommentKind {
    match list {
        CommentList::Strengths => CommentKind::Strength,
        CommentList::Ofis => CommentKind::Ofi,
    }
}

/// `g`: asks for an item code (4.3.2) and opens that item.
fn open_goto(m: &mut Model) {
    let code = dialogs::field(m, "goto", "");
    m.dialog = Some(Dialog::Goto { code, error: false });
}

/// Where unsaved work goes by default when the workspace's disk refuses it: beside the home
/// (often the same full disk, but the reviewer can type a USB stick instead).
fn rescue_folder(m: &Model) -> String {
    let stamp: String = m
        .config
        .reviewer_name
        .as_deref()
        .unwrap_or("scorebook")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    std::env::temp_dir()
        .join(format!("scorebook-unsaved-{stamp}"))
        .display()
        .to_string()
}
