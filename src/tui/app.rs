//! The loop: load the workspace into a [`Model`], read events, `update`, run the effects (saves
//! go to a background thread, so a keystroke never waits on disk), redraw when something changed.

use std::io::stdout;
use std::path::Path;
use std::time::Duration;

use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;

use super::keymap::{self, KeyMap};
use super::model::{Dialog, Model, StatusLine, text_area};
use super::text::{Msg, t};
use super::update::{Effect, update};
use super::view::view;
use crate::cli::export::{ExportRequest, export_sheet};
use crate::lang::Lang;
use crate::program::Catalog;
use crate::workspace::{BackgroundSaver, Workspace};

/// How long the loop sleeps without input before it looks at save results again.
const IDLE: Duration = Duration::from_millis(200);

/// Opens the home: catalogue, workspace, config; builds the model the first frame is drawn from.
/// `lang` is the command line's choice (`--lang`) if one was given, else `None`.
pub fn load(home: &Path, lang: Option<Lang>) -> anyhow::Result<(Model, Workspace)> {
    let (catalog, problems) = Catalog::load(home);
    let (ws, notices) = Workspace::open(home)?;
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
    let mut m = Model::new(lang, catalog, keys);
    m.applicants = ws.applicants().to_vec();
    m.read_only = ws.is_read_only();
    m.next_id = ws.next_applicant_id();
    m.reviewer = config.reviewer_name.clone().unwrap_or_default();
    if let Some(p) = &config.last_position {
        m.restore_position(p);
    }
    m.config = config;
    let mut messages: Vec<String> = notices.iter().map(|n| n.message(lang)).collect();
    messages.extend(problems.iter().map(|p| p.render(lang)));
    messages.extend(key_problems);
    if m.reviewer.trim().is_empty() && !m.read_only {
        m.dialog = Some(Dialog::FirstRun {
            name: text_area(""),
        });
    } else if !messages.is_empty() {
        m.dialog = Some(Dialog::Notices(messages));
    }
    Ok((m, ws))
}

/// Runs the app until the reviewer quits. Terminal restored on exit and on panic.
pub fn run(ctx: &crate::context::Context) -> anyhow::Result<i32> {
    let explicit = ctx.lang_explicit.then_some(ctx.lang);
    let (mut m, mut ws) = load(&ctx.home, explicit)?;
    let saver = BackgroundSaver::spawn(ws.saver())?;
    let mut terminal = ratatui::init();
    // ratatui's hook restores the screen; bracketed paste is ours to switch off.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste);
        previous(info);
    }));
    let _ = execute!(stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut m, &mut ws, &saver);
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
    saver.flush();
    result.map(|()| 0)
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    m: &mut Model,
    ws: &mut Workspace,
    saver: &BackgroundSaver,
) -> anyhow::Result<()> {
    let mut dirty = true;
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
                        let effects = update(m, action, &now());
                        run_effects(m, ws, saver, effects);
                        dirty = true;
                    }
                }
                if m.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        dirty |= collect_outcomes(m, saver);
        if m.quit {
            return Ok(());
        }
    }
}

/// The moment of an event, read here so that `update` never reads the clock itself.
pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Runs what `update` asked for, and keeps the position in the config. Saves are queued,
/// never awaited.
pub fn run_effects(m: &mut Model, ws: &mut Workspace, saver: &BackgroundSaver, fx: Vec<Effect>) {
    for e in fx {
        match e {
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
            Effect::Export { id, draft } => {
                let name = m.reviewer.clone();
                ensure_key(m, ws.home(), &name);
                export(m, ws, &id, draft)
            }
            Effect::Quit => {}
        }
    }
    remember_position(m, saver);
}

/// The reviewer's Ed25519 key is made on first run (issue: "made on first run or by `key new`"),
/// and again before an export from a home that never had one. An existing key is never replaced.
fn ensure_key(m: &mut Model, home: &Path, name: &str) {
    match crate::identity::Identity::load(home) {
        Ok(Some(_)) => {}
        Ok(None) if name.trim().is_empty() => {}
        Ok(None) => {
            if let Err(e) = crate::identity::Identity::create(home, name, false) {
                m.status = Some(StatusLine::Error(e.to_string()));
            }
        }
        Err(e) => m.status = Some(StatusLine::Error(e.to_string())),
    }
}

/// Signs and writes the applicant's current-stage sheet (and its printable HTML) into
/// `<home>/sheets/`, through the same function as `scorebook export`.
fn export(m: &mut Model, ws: &Workspace, id: &str, draft: bool) {
    let Some(stage) = m
        .applicants
        .iter()
        .find(|a| a.id == id)
        .map(|a| a.current_stage())
    else {
        return;
    };
    let dir = ws.home().join("sheets");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        m.status = Some(StatusLine::Error(format!("{}: {e}", dir.display())));
        return;
    }
    let ctx = crate::context::Context::at(ws.home(), m.lang);
    let request = ExportRequest {
        applicant_id: id.to_string(),
        stage,
        draft,
        output: Some(dir),
        html: true,
    };
    m.status = Some(match export_sheet(&ctx, ws, &m.catalog, &request) {
        Ok(done) => StatusLine::Info(format!(
            "{} {} (SHA-256 {})",
            t(m.lang, Msg::ExportedTo),
            done.sheet_path.display(),
            done.hash.get(..12).unwrap_or(&done.hash)
        )),
        Err(e) => StatusLine::Error(format!("{e:#}")),
    });
}

/// Save results from the background thread: a failure is shown until a later save succeeds.
fn collect_outcomes(m: &mut Model, saver: &BackgroundSaver) -> bool {
    let mut changed = false;
    for o in saver.outcomes() {
        match o.result {
            Err(e) => {
                m.disk_error = Some(e.message(m.lang));
                changed = true;
            }
            Ok(()) if m.disk_error.is_some() => {
                m.disk_error = None;
                changed = true;
            }
            Ok(()) => {}
        }
    }
    changed
}

/// Keeps the config's last position current, so a restart (even after kill -9) reopens there.
fn remember_position(m: &mut Model, saver: &BackgroundSaver) {
    if m.read_only || m.reviewer.is_empty() {
        return;
    }
    let p = m.position();
    if p.is_some() && p != m.config.last_position {
        m.config.last_position = p;
        saver.submit_config(m.config.clone());
    }
}
