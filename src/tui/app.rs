//! The loop: load the workspace into a [`Model`], read events, `update`, run the effects (saves
//! go to a background thread, so a keystroke never waits on disk), redraw when something changed.

use std::path::{Path, PathBuf};
use std::time::Duration;

use ratatui::crossterm::event;

use super::exporter::{ExportJob, Exporter};
use super::keymap::{self, KeyMap};
use super::model::{CheckMemo, Dialog, Model, StatusLine, text_area};
use super::terminal::Guard;
use super::update::{Effect, update};
use super::view::view;
use crate::i18n::tui::{Msg, t};
use crate::lang::Lang;
use crate::program::Catalog;
use crate::service::export::{ExportRequest, export_sheet};
use crate::workspace::{
    BackgroundSaver, FileOps, RealOps, SaveTarget, Workspace, framework_changes,
};

/// How long the loop sleeps without input before it looks at save results again.
const IDLE: Duration = Duration::from_millis(200);

/// Opens the home: catalogue, workspace, config; builds the model the first frame is drawn from.
/// `lang` is the command line's choice (`--lang`) if one was given, else `None`.
pub fn load(home: &Path, lang: Option<Lang>) -> anyhow::Result<(Model, Workspace)> {
    load_with(home, lang, std::sync::Arc::new(RealOps))
}

/// [`load`] through the given file operations (a test's faulty disk).
pub fn load_with(
    home: &Path,
    lang: Option<Lang>,
    ops: std::sync::Arc<dyn FileOps>,
) -> anyhow::Result<(Model, Workspace)> {
    let (catalog, mut problems) = Catalog::load(home);
    let (comment_rules, more) = crate::service::comment_rules::load(home);
    problems.extend(more);
    // An encrypted home without its passphrase is refused here, in the reader's language.
    let (ws, notices) = Workspace::open_with(home, ops)
        .map_err(|e| anyhow::anyhow!(e.message(lang.unwrap_or_else(|| Lang::detect(None)))))?;
    let config = ws.config().clone();
    let lang = lang.unwrap_or_else(|| config.lang.unwrap_or_else(|| Lang::detect(None)));
    let overrides = config
        .keys
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.split_whitespace().map(str::to_string).collect(),
            )
        })
        .collect();
    let (keys, key_problems) = KeyMap::new(&overrides);
    let edition_notices = framework_changes(ws.applicants(), &catalog);
    let mut m = Model::new(lang, catalog, keys);
    m.home_dir = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    m.checks = CheckMemo::new(comment_rules);
    m.applicants = ws.applicants().to_vec();
    // Whether each sheet can be sealed, from the rounds kept at import (one read each).
    m.seal = crate::service::seal::seal_states(&ws);
    m.read_only = ws.is_read_only();
    m.next_id = ws.next_applicant_id();
    // The name shown is the one every sheet is signed with: the key's, when there is a key
    // (made by `scorebook key new`, or under another name than the config says).
    let key_name = crate::identity::Identity::load(home)
        .ok()
        .flatten()
        .map(|id| id.name().to_string())
        .filter(|n| !n.trim().is_empty());
    m.reviewer = key_name
        .clone()
        .or_else(|| config.reviewer_name.clone())
        .unwrap_or_default();
    if ws.is_first_run() && !m.read_only {
        m.first_run_key = key_name;
    }
    // Before the position: an open dialog's text is among them.
    m.drafts = ws.drafts().clone();
    m.drafts_saved = m.drafts.clone();
    if let Some(p) = &config.last_position {
        m.restore_position(p);
        if !m.read_only {
            crate::tui::update::resume_editing(&mut m, p);
        }
    }
    m.config = config;
    let mut messages: Vec<String> = notices.iter().map(|n| n.message(lang)).collect();
    messages.extend(edition_notices.iter().map(|n| n.message(lang)));
    messages.extend(
        crate::identity::Identity::warnings(home)
            .iter()
            .map(|w| w.message(lang)),
    );
    messages.extend(problems.iter().map(|p| p.render(lang)));
    messages.extend(key_problems);
    // Notices first, whatever else happens; the name is asked only on a true first run.
    let first_run = ws.is_first_run() && m.reviewer.trim().is_empty() && !m.read_only;
    if !messages.is_empty() {
        // A dialog reopened after a crash waits behind them, its text kept.
        m.dialog_after_notices = m.dialog.take();
        m.dialog = Some(Dialog::Notices(messages));
        m.first_run_pending = first_run;
    } else if first_run {
        m.dialog = Some(Dialog::FirstRun {
            name: text_area(""),
        });
    }
    Ok((m, ws))
}

/// Runs the app until the reviewer quits. Terminal restored on exit and on panic.
pub fn run(ctx: &crate::context::Context) -> anyhow::Result<i32> {
    crate::tui::terminal::require(ctx.lang)?;
    let explicit = ctx.lang_explicit.then_some(ctx.lang);
    let unlocked = crate::tui::unlock::at_start(&ctx.home, ctx.lang);
    let (mut m, mut ws) = load(&ctx.home, explicit)?;
    if let Some(said) = unlocked {
        m.status.get_or_insert(StatusLine::Info(said));
    }
    let saver = BackgroundSaver::spawn(ws.saver())?;
    let mut exporter =
        Exporter::spawn(ws.home().to_path_buf(), m.catalog.clone(), saver.flusher())?;
    let fx = crate::tui::update::start(&mut m, &now());
    run_effects(&mut m, &mut ws, &saver, fx);
    let result = {
        let mut guard = Guard::enter()?;
        let mut host = Reviewer {
            ws: &mut ws,
            saver: &saver,
            exporter: &mut exporter,
        };
        event_loop(&mut guard.terminal, &mut m, &mut host)
    };
    // A sheet being signed is finished, not cut off.
    exporter.finish();
    saver.flush();
    result?;
    Ok(exit_code(&m, &saver))
}

/// What the loop runs `update`'s effects against: the reviewer's workspace, or the leader's
/// merge folder (`scorebook consensus DIR`). One loop, one key map, one view for both.
pub trait Host {
    /// Runs what `update` asked for.
    fn run_effects(&mut self, m: &mut Model, fx: Vec<Effect>);
    /// Finishes the work of a batch of events (save results, a coalesced write); true when
    /// the screen must be drawn again.
    fn settle(&mut self, m: &mut Model) -> bool;
}

/// The reviewer's side: a workspace whose saves run on a background thread, and exports on
/// another (so a keystroke never waits on the disk or on signing).
struct Reviewer<'a> {
    ws: &'a mut Workspace,
    saver: &'a BackgroundSaver,
    exporter: &'a mut Exporter,
}

impl Host for Reviewer<'_> {
    fn run_effects(&mut self, m: &mut Model, fx: Vec<Effect>) {
        run_effects_with(m, self.ws, self.saver, Some(self.exporter), fx);
    }

    fn settle(&mut self, m: &mut Model) -> bool {
        let saved = collect_outcomes(m, self.saver);
        collect_exports(m, self.exporter) | saved
    }
}

/// Reads events until the user quits: a batch of pending events is applied before the next
/// frame is drawn, and a frame is drawn only when something changed.
pub fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    m: &mut Model,
    host: &mut dyn Host,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let started = std::time::Instant::now();
    let size = terminal.size()?;
    m.window = Some((size.width, size.height));
    super::update::refresh_layout(m);
    loop {
        if dirty {
            terminal.draw(|f| view(m, f))?;
            dirty = false;
        }
        if event::poll(IDLE)? {
            // Drain everything pending before drawing again: a paste or a burst of keys costs
            // one frame, and a resize storm one redraw.
            loop {
                for ev in keymap::split_alt(m, event::read()?) {
                    if let Some(action) = keymap::translate(m, &ev) {
                        let action = action.stamped(millis(started));
                        let effects = update(m, action, &now());
                        host.run_effects(m, effects);
                        dirty = true;
                    }
                }
                if m.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        // A percent typed with digits is committed after a pause, without a key.
        if m.typed_score.is_some() {
            let fx = update(
                m,
                crate::tui::action::Action::Tick {
                    at_ms: millis(started),
                },
                &now(),
            );
            host.run_effects(m, fx);
            dirty |= m.typed_score.is_none();
        }
        dirty |= host.settle(m);
        if m.quit {
            return Ok(());
        }
    }
}

/// Milliseconds since the loop started: the monotonic time digits and pauses are measured in.
fn millis(started: std::time::Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// The moment of an event, read here so that `update` never reads the clock itself.
pub fn now() -> String {
    crate::clock::Clock::timestamp(&crate::clock::System)
}

/// Runs what `update` asked for, and keeps the position in the config. Saves are queued,
/// never awaited.
pub fn run_effects(m: &mut Model, ws: &mut Workspace, saver: &BackgroundSaver, fx: Vec<Effect>) {
    run_effects_with(m, ws, saver, None, fx);
}

/// [`run_effects`], with exports handed to the worker when one is given (the app's loop), so
/// the keystroke that asked never waits on the disk or on signing.
pub fn run_effects_with(
    m: &mut Model,
    ws: &mut Workspace,
    saver: &BackgroundSaver,
    mut exporter: Option<&mut Exporter>,
    fx: Vec<Effect>,
) {
    for e in fx {
        match e {
            Effect::Export { id, draft, seal } if exporter.is_some() => {
                let Some(stage) = m
                    .applicants
                    .iter()
                    .find(|a| a.id == id)
                    .map(|a| a.current_stage())
                else {
                    continue;
                };
                let job = ExportJob::Sheet {
                    id,
                    stage,
                    draft,
                    seal,
                };
                hand_over(m, exporter.as_deref_mut(), job);
            }
            Effect::ExportRecusal(id) if exporter.is_some() => {
                hand_over(m, exporter.as_deref_mut(), ExportJob::Recusal { id });
            }
            Effect::Save(id) => {
                if m.read_only {
                    continue;
                }
                if let Some(a) = m.applicants.iter().find(|a| a.id == id) {
                    saver.submit_applicant(a.clone());
                    ws.update_cached(a.clone());
                }
            }
            Effect::SaveConfig => {
                if !m.read_only {
                    saver.submit_config(m.config.clone());
                }
            }
            Effect::Remove(id) => {
                // A queued save of it must land first, or it would come back after the move.
                saver.flush();
                if let Err(e) = ws.remove_applicant(&id) {
                    m.disk_error = Some(e.message(m.lang));
                }
            }
            Effect::EnsureKey(name) => {
                if !m.read_only {
                    ensure_key(m, ws.home(), &name);
                }
            }
            Effect::Export { id, draft, seal } => {
                // Export signs what is on disk: this window's changes must be there first.
                saver.flush();
                collect_outcomes(m, saver);
                if m.disk_error.is_some() {
                    m.status = Some(StatusLine::Error(
                        crate::i18n::durable::export_unsaved(m.lang).into(),
                    ));
                    continue;
                }
                let name = m.reviewer.clone();
                ensure_key(m, ws.home(), &name);
                export(m, ws, &id, draft, seal)
            }
            Effect::RescueTo(dir) => rescue(m, saver, &dir),
            Effect::ImportRound(path) => import_round(m, ws, saver, path),
            Effect::ListRemoved => {
                m.dialog = Some(Dialog::Restore {
                    backups: ws.removed(),
                    sel: 0,
                    error: None,
                });
            }
            Effect::Restore(path) => restore_removed(m, ws, saver, &path),
            Effect::ExportRecusal(id) => {
                saver.flush();
                collect_outcomes(m, saver);
                if m.disk_error.is_some() {
                    m.status = Some(StatusLine::Error(
                        crate::i18n::durable::export_unsaved(m.lang).into(),
                    ));
                    continue;
                }
                let name = m.reviewer.clone();
                ensure_key(m, ws.home(), &name);
                export_recusal(m, ws, &id);
            }
            // The leader's consensus runs against a merge folder, not the workspace.
            Effect::SaveConsensus | Effect::ExportConsensus(_) | Effect::Quit => {}
        }
    }
    remember_position(m, saver);
}

/// Gives an export to the worker and says it is running.
fn hand_over(m: &mut Model, exporter: Option<&mut Exporter>, job: ExportJob) {
    let Some(exporter) = exporter else { return };
    if m.disk_error.is_some() {
        m.status = Some(StatusLine::Error(
            crate::i18n::durable::export_unsaved(m.lang).into(),
        ));
        return;
    }
    let name = m.reviewer.clone();
    if exporter.submit(job, &name, m.lang) {
        m.exporting = exporter.running();
        m.status = Some(StatusLine::Info(t(m.lang, Msg::Exporting).into()));
    }
}

/// Results of exports the worker finished: the last one is shown.
pub fn collect_exports(m: &mut Model, exporter: &mut Exporter) -> bool {
    let done = exporter.results();
    m.exporting = exporter.running();
    match done.into_iter().last() {
        Some(status) => {
            m.status = Some(status);
            true
        }
        None => false,
    }
}

/// The reviewer's Ed25519 key is made on first run (issue: "made on first run or by `key new`"),
/// and again before an export from a home that never had one. An existing key is never replaced.
fn ensure_key(m: &mut Model, home: &Path, name: &str) {
    if let Some(e) = make_key(home, name, m.lang) {
        m.status = Some(e);
    }
}

/// [`ensure_key`] as a value: the error to show, if making the key failed.
pub(crate) fn make_key(home: &Path, name: &str, lang: Lang) -> Option<StatusLine> {
    match crate::identity::Identity::load(home) {
        Ok(Some(_)) => None,
        Ok(None) if name.trim().is_empty() => None,
        Ok(None) => crate::identity::Identity::create(home, name, false)
            .err()
            .map(|e| StatusLine::Error(crate::i18n::identity::error(lang, &e))),
        Err(e) => Some(StatusLine::Error(crate::i18n::identity::error(lang, &e))),
    }
}

/// Signs and writes the applicant's current-stage sheet (and its printable HTML) into
/// `<home>/sheets/`, through the same function as `scorebook export`.
fn export(m: &mut Model, ws: &Workspace, id: &str, draft: bool, seal: bool) {
    let Some(stage) = m
        .applicants
        .iter()
        .find(|a| a.id == id)
        .map(|a| a.current_stage())
    else {
        return;
    };
    m.status = Some(export_sheet_status(
        ws, &m.catalog, m.lang, id, stage, draft, seal,
    ));
}

/// [`export`] as a value: what the status line says afterwards. Runs on the export worker too.
/// With `seal`, the sheet is sealed to the round's leader (and office) as the round kept at the
/// import names them, and written alone: `NAME.sheet.json.age` in `<home>/sheets/`, no plain
/// copy and no printable page beside it (a plain file there would undo the sealing on a lost
/// laptop; the signed sheet the reviewer keeps is the last-export record, encrypted at rest in
/// an encrypted home, and `scorebook export --format html -o FILE` prints where they say).
/// When the kept round no longer allows sealing, nothing is written and the status says why.
#[allow(clippy::too_many_arguments)]
pub(crate) fn export_sheet_status(
    ws: &Workspace,
    catalog: &Catalog,
    lang: Lang,
    id: &str,
    stage: crate::review::Stage,
    draft: bool,
    seal: bool,
) -> StatusLine {
    let seal = match (seal, ws.applicant(id)) {
        (true, Some(a)) => match crate::service::seal::seal_from_kept(ws, a) {
            Ok(to) => Some(to),
            Err(why) => {
                return StatusLine::Error(crate::i18n::seal::seal_unavailable(lang, &why));
            }
        },
        _ => None,
    };
    let dir = ws.home().join("sheets");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return StatusLine::Error(format!("{}: {e}", dir.display()));
    }
    let request = ExportRequest {
        applicant_id: id.into(),
        stage,
        draft,
        output: Some(dir),
        html: seal.is_none(),
        seal,
    };
    let world = crate::clock::System;
    let done = crate::service::identity(ws.home())
        .and_then(|identity| export_sheet(ws, catalog, &identity, &request, &world, &world, lang));
    match done {
        Ok(done) if done.sealed_to.is_some() => {
            StatusLine::Info(crate::i18n::seal::sealed_exported(
                lang,
                &done.sheet_path.display().to_string(),
                done.sealed_to.as_deref().unwrap_or_default(),
                done.hash.get(..12).unwrap_or(&done.hash),
            ))
        }
        Ok(done) => StatusLine::Info(format!(
            "{} {} (SHA-256 {})",
            t(lang, Msg::ExportedTo),
            done.sheet_path.display(),
            done.hash.get(..12).unwrap_or(&done.hash)
        )),
        Err(e) => StatusLine::Error(e.message(lang)),
    }
}

/// Imports the round file (评审轮次) through the same use-case as the command line. Queued
/// saves land first, so the import plans against what is on disk; a refusal stays in the
/// dialog for another try, and what the import did is shown as a list to read.
fn import_round(m: &mut Model, ws: &mut Workspace, saver: &BackgroundSaver, path: PathBuf) {
    use crate::service::round_import::{ImportRequest, apply_import, plan_import};
    let refuse = |m: &mut Model, text: String| {
        if let Some(Dialog::ImportRound { error, .. }) = &mut m.dialog {
            *error = Some(text);
        } else {
            m.status = Some(StatusLine::Error(text));
        }
    };
    if m.read_only {
        refuse(m, t(m.lang, Msg::ReadOnlyRefused).into());
        return;
    }
    saver.flush();
    collect_outcomes(m, saver);
    if m.disk_error.is_some() {
        refuse(m, crate::i18n::durable::export_unsaved(m.lang).into());
        return;
    }
    // The key decides the panel match (and a coaching expert's recusal): make it if missing.
    let name = m.reviewer.clone();
    ensure_key(m, ws.home(), &name);
    let reviewer = crate::identity::Identity::load(ws.home())
        .ok()
        .flatten()
        .map(|id| id.public_info());
    let request = ImportRequest {
        path,
        reviewer,
        now: now(),
        lang: m.lang,
    };
    let plan = match plan_import(ws, &m.catalog, &request) {
        Ok(p) => p,
        Err(e) => return refuse(m, e.message(m.lang)),
    };
    for (id, _) in &plan.summary.removed {
        saver.forget(id);
    }
    let result = apply_import(ws, plan);
    // Whatever was written is what the workspace holds now.
    let current = m.applicant().map(|a| a.id.clone());
    m.applicants = ws.applicants().to_vec();
    m.seal = crate::service::seal::seal_states(ws);
    m.current = current
        .and_then(|id| m.applicants.iter().position(|a| a.id == id))
        .unwrap_or(0);
    m.undo.clear();
    match result {
        Ok(done) => {
            m.dialog = Some(Dialog::Notices(crate::i18n::round_import::summary(
                m.lang, &done,
            )));
        }
        Err(e) => refuse(m, e.message(m.lang)),
    }
}

/// Restores a removed applicant from its backup and selects it. A refusal (its id is in use
/// again, an unreadable backup, a disk error) stays in the dialog.
fn restore_removed(m: &mut Model, ws: &mut Workspace, saver: &BackgroundSaver, path: &Path) {
    let refuse = |m: &mut Model, text: String| {
        if let Some(Dialog::Restore { error, .. }) = &mut m.dialog {
            *error = Some(text);
        } else {
            m.status = Some(StatusLine::Error(text));
        }
    };
    if m.read_only {
        return refuse(m, t(m.lang, Msg::ReadOnlyRefused).into());
    }
    // A queued save of an applicant with the same id must be on disk before the check.
    saver.flush();
    collect_outcomes(m, saver);
    match ws.restore(path) {
        Ok(a) => {
            m.seal = crate::service::seal::seal_states(ws);
            let at = m
                .applicants
                .binary_search_by(|x| crate::workspace::names::natural_cmp(&x.id, &a.id))
                .unwrap_or_else(|i| i);
            let text = format!("{}: {} {}", t(m.lang, Msg::Restored), a.id, a.name);
            m.applicants.insert(at, a);
            m.current = at;
            m.undo.clear();
            m.dialog = None;
            m.status = Some(StatusLine::Info(text));
        }
        Err(e) => refuse(m, e.message(m.lang)),
    }
}

/// Signs and writes the recusal record (回避声明) of a round applicant with a declared
/// relationship into `<home>/sheets/`, through the same function as `scorebook export`.
fn export_recusal(m: &mut Model, ws: &Workspace, id: &str) {
    m.status = Some(export_recusal_status(ws, &m.catalog, m.lang, id));
}

/// [`export_recusal`] as a value. Runs on the export worker too.
pub(crate) fn export_recusal_status(
    ws: &Workspace,
    catalog: &Catalog,
    lang: Lang,
    id: &str,
) -> StatusLine {
    let dir = ws.home().join("sheets");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return StatusLine::Error(format!("{}: {e}", dir.display()));
    }
    let world = crate::clock::System;
    let done = crate::service::identity(ws.home()).and_then(|identity| {
        crate::service::export::export_recusal(ws, catalog, &identity, id, &dir, &world, &world)
    });
    let name = ws.applicant(id).map(|a| a.name.clone()).unwrap_or_default();
    match done {
        Ok(done) => StatusLine::Info(crate::i18n::round_import::recusal_exported(
            lang,
            id,
            &name,
            &done.path.display().to_string(),
            &done.hash,
        )),
        Err(e) => StatusLine::Error(e.message(lang)),
    }
}

/// Save results from the background thread. While any save is failing the status says the
/// work is not saved (and that it is being retried); it clears once every save has landed.
pub fn collect_outcomes(m: &mut Model, saver: &BackgroundSaver) -> bool {
    let before = m.disk_error.clone();
    let mut last = None;
    for o in saver.outcomes() {
        if let Err(e) = o.result {
            last = Some((e.message(m.lang), o.attempt));
        }
    }
    if saver.failing().is_empty() {
        m.disk_error = None;
    } else if let Some((err, attempt)) = last {
        m.disk_error = Some(crate::i18n::durable::not_saved(m.lang, &err, attempt));
    }
    m.disk_error != before
}

/// 0 only when nothing typed was left unsaved. Work written to another folder (or dropped by a
/// disk that never recovered) gives 2 and a line on stderr saying where it is.
fn exit_code(m: &Model, saver: &BackgroundSaver) -> i32 {
    let unsaved = saver.unsaved();
    if unsaved.is_empty() {
        return 0;
    }
    eprintln!(
        "scorebook: {}",
        crate::i18n::durable::exit_unsaved(m.lang, unsaved.len(), m.rescued_to.as_deref())
    );
    2
}

/// Writes the applicants whose saves are failing into `dir` (plain JSON, one per file, the
/// workspace's format) and quits when that worked; otherwise says why and stays.
fn rescue(m: &mut Model, saver: &BackgroundSaver, dir: &Path) {
    let ids: Vec<String> = saver
        .unsaved()
        .into_iter()
        .filter_map(|t| match t {
            SaveTarget::Applicant(id) => Some(id),
            SaveTarget::Config | SaveTarget::Drafts => None,
        })
        .collect();
    let wanted: Vec<_> = m
        .applicants
        .iter()
        .filter(|a| ids.iter().any(|i| *i == a.id))
        .cloned()
        .collect();
    match crate::workspace::rescue(dir, &wanted) {
        Ok(()) => {
            m.rescued_to = Some(dir.to_path_buf());
            m.dialog = None;
            m.quit = true;
        }
        Err(e) => {
            if let Some(Dialog::UnsavedQuit { error, .. }) = &mut m.dialog {
                *error = Some(e.message(m.lang));
            }
        }
    }
}

/// Keeps the config's last position current, so a restart (even after kill -9) reopens there,
/// and the typed drafts with it (an open dialog's text among them).
fn remember_position(m: &mut Model, saver: &BackgroundSaver) {
    if m.read_only || m.reviewer.is_empty() {
        return;
    }
    let drafts = crate::tui::update::typed_drafts(m);
    if drafts != m.drafts_saved {
        m.drafts_saved = drafts.clone();
        saver.submit_drafts(drafts);
    }
    let p = m.position();
    if p.is_some() && p != m.config.last_position {
        m.config.last_position = p;
        saver.submit_config(m.config.clone());
    }
}
