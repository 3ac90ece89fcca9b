//! The leader's consensus screen (合议): walk the agenda of each merged applicant, see every
//! reviewer's percent and comments, set the agreed percent with a rationale, choose and edit the
//! panel's strengths and OFIs, and export a signed consensus sheet. Progress is saved to
//! `OUT_DIR/consensus-draft.json` after every change (atomically).

pub mod keymap;
pub mod model;
pub mod view;

use std::path::Path;

use ratatui::crossterm::event;

use crate::clock::System;
use crate::context::Context;
use crate::i18n::tui as words;
use crate::lang::Lang;
use crate::panel::PanelResult;
use crate::panel::consensus::{ConsensusDraft, ConsensusDrafts};
use crate::program::Catalog;
use crate::service::consensus::Agreed;
use crate::service::panel_dir::{load_drafts, load_panel, load_sheets, save_drafts};
use crate::tui::terminal::Guard;

use model::{Effect, Model, Panel, update};

/// Loads the merge folder into a model. Drafts that no longer fit the merge (other sheets)
/// are started again; the returned note says which.
pub fn load(dir: &Path, catalog: &Catalog, lang: Lang) -> anyhow::Result<(Model, String)> {
    let said = |e: crate::service::Error| anyhow::anyhow!(e.message(lang));
    let result: PanelResult = load_panel(dir).map_err(said)?;
    let mut drafts = load_drafts(dir).map_err(said)?;
    let mut panels = Vec::new();
    let mut restarted = Vec::new();
    for r in result.results {
        let Some(fw) = catalog.framework_by_hash(&r.framework_hash) else {
            return Err(said(crate::service::Error::UnknownFrameworkHash {
                dir: dir.to_path_buf(),
                applicant: r.applicant_id.to_string(),
                hash: r.framework_hash.clone(),
            }));
        };
        let existing = drafts.drafts.iter().position(|d| {
            d.applicant_id == r.applicant_id && d.track == r.track && d.stage == r.stage
        });
        let draft = match existing.map(|i| drafts.drafts.remove(i)) {
            Some(d) if d.fits(&r) => d,
            other => {
                let sheets = load_sheets(dir, &r.sources, catalog).map_err(said)?;
                let refs: Vec<_> = sheets.iter().collect();
                let step = fw.doc.percent_step;
                match other {
                    None => ConsensusDraft::start(&r, &refs, step),
                    Some(old) => {
                        // The copies of the sheets the draft started from are still in the
                        // folder (a merge never removes one): only changed items reopen.
                        let before = load_sheets(dir, &old.sources, catalog).ok();
                        let (draft, codes) = match &before {
                            Some(b) if old.framework_hash == r.framework_hash => {
                                let b: Vec<_> = b.iter().collect();
                                old.rebase(&r, &b, &refs, step)
                            }
                            _ => {
                                let fresh = ConsensusDraft::start(&r, &refs, step);
                                let all = fresh.items.iter().map(|i| i.code.clone()).collect();
                                (fresh, all)
                            }
                        };
                        if !codes.is_empty() {
                            restarted.push(words::Reopened {
                                applicant: r.applicant_id.to_string(),
                                stage: r.stage,
                                items: codes,
                            });
                        }
                        draft
                    }
                }
            }
        };
        panels.push(Panel {
            result: r,
            framework: fw.doc.clone(),
            draft,
        });
    }
    let note = if restarted.is_empty() {
        String::new()
    } else {
        words::consensus_restarted(lang, &restarted)
    };
    Ok((Model::new(panels, lang), note))
}

fn drafts_of(m: &Model) -> ConsensusDrafts {
    ConsensusDrafts {
        drafts: m.panels.iter().map(|p| p.draft.clone()).collect(),
        ..ConsensusDrafts::default()
    }
}

/// Builds, signs, self-checks and writes the consensus sheet of panel `i`
/// ([`crate::service::consensus::export`]); returns its path.
pub fn export(
    m: &mut Model,
    i: usize,
    dir: &Path,
    home: &Path,
    catalog: &Catalog,
) -> anyhow::Result<crate::service::consensus::ExportedConsensus> {
    let lang = m.lang;
    let said = |e: crate::service::Error| anyhow::anyhow!(e.message(lang));
    let panel = m
        .panels
        .get(i)
        .ok_or(crate::service::Error::NoSuchApplicant)
        .map_err(said)?;
    let agreed = Agreed {
        result: &panel.result,
        framework: &panel.framework,
        draft: &panel.draft,
    };
    let written = crate::service::identity(home)
        .and_then(|me| {
            crate::service::consensus::export(dir, agreed, &me, catalog, &System, &System)
        })
        .map_err(said)?;
    if let Some(p) = m.panels.get_mut(i) {
        p.draft.exported_version += 1;
    }
    save_drafts(dir, &drafts_of(m)).map_err(said)?;
    Ok(written)
}

/// Runs the effects of one update; returns false when the screen should close.
fn run_effects(
    m: &mut Model,
    effects: Vec<Effect>,
    dir: &Path,
    ctx: &Context,
    catalog: &Catalog,
) -> bool {
    let mut keep = true;
    for e in effects {
        match e {
            Effect::SaveDraft => match save_drafts(dir, &drafts_of(m)) {
                Ok(()) => m.dirty = false,
                Err(err) => m.message = err.message(m.lang),
            },
            Effect::Export(i) => {
                m.message = match export(m, i, dir, &ctx.home, catalog) {
                    Ok(w) => words::consensus_exported(
                        m.lang,
                        &w.path.display().to_string(),
                        w.unconfirmed.len(),
                    ),
                    Err(err) => format!("{err:#}"),
                }
            }
            Effect::Quit => keep = false,
        }
    }
    keep
}

/// `scorebook consensus OUT_DIR`.
pub fn run(dir: &Path, ctx: &Context) -> anyhow::Result<i32> {
    let (catalog, problems) = Catalog::load(&ctx.home);
    for p in &problems {
        eprintln!("{}", crate::i18n::service::skipped(ctx.lang, p));
    }
    let (mut m, note) = load(dir, &catalog, ctx.lang)?;
    if m.panels.is_empty() {
        let e = crate::service::Error::NothingToAgree {
            dir: dir.to_path_buf(),
        };
        anyhow::bail!(e.message(ctx.lang));
    }
    m.message = note;
    // One editing window per folder, and only the leader's (组长负责制, 第九条).
    let session = crate::service::consensus::open_session(dir, &ctx.home)
        .map_err(|e| anyhow::anyhow!(e.message(ctx.lang)))?;
    m.read_only = session.denied;
    // The folder's own problems first (they are about what was typed); then the terminal.
    crate::tui::terminal::require(ctx.lang)?;
    let mut guard = Guard::enter()?;
    let terminal = &mut guard.terminal;
    let outcome = (|| -> anyhow::Result<()> {
        loop {
            terminal.draw(|f| view::draw(&m, f))?;
            let mut events = vec![event::read()?];
            // Drain what is pending before drawing again (fast typing, pastes).
            while event::poll(std::time::Duration::ZERO)? {
                events.push(event::read()?);
            }
            for ev in events {
                let Some(action) = keymap::action_for(&ev, m.editor.is_some()) else {
                    continue;
                };
                if !m.message.is_empty() && m.editor.is_none() {
                    m.message.clear();
                }
                let effects = update(&mut m, action);
                if !run_effects(&mut m, effects, dir, ctx, &catalog) {
                    return Ok(());
                }
            }
        }
    })();
    drop(guard);
    drop(session);
    outcome?;
    Ok(0)
}

#[cfg(test)]
mod tests;
