//! The leader's consensus (合议) as screens of the app: `scorebook consensus OUT_DIR` opens the
//! app on the heat map of the first merged applicant (the panel at a glance), from which the
//! consensus screen walks the agenda, sets the agreed percent with a rationale, and keeps,
//! edits or adds the panel's strengths and OFIs; `x` exports the signed consensus sheet. The
//! loop, key map, text field, help and words are the app's own; this module loads the merge
//! folder into the app's model and runs the effects against the folder: the draft is written
//! to `OUT_DIR/consensus-draft.json` (atomically) after every batch of changes — sealed with
//! the leader's data key when the leader's home is encrypted (保密, 第二十一条).

pub mod model;

use std::path::{Path, PathBuf};

use crate::clock::System;
use crate::context::Context;
use crate::i18n::tui as words;
use crate::lang::Lang;
use crate::panel::PanelResult;
use crate::panel::consensus::{ConsensusDraft, ConsensusDrafts};
use crate::panel::heat::heat_map;
use crate::program::Catalog;
use crate::service::consensus::{Agreed, Session};
use crate::service::panel_dir::{
    load_drafts, load_panel, load_sheets, load_synthesis, save_drafts,
};
use crate::tui::app::{Host, event_loop};
use crate::tui::keymap::KeyMap;
use crate::tui::model::{Model, Screen, StatusLine};
use crate::tui::terminal::Guard;
use crate::tui::update::Effect;
use crate::workspace::AtRest;

use model::{Consensus, Panel, SynthesisTexts};

/// Loads the merge folder into the app's model, opened on the heat map. Drafts that no longer
/// fit the merge (other sheets) are carried over item by item; the returned note says which
/// items reopened. `at_rest` is the leader's home's way of keeping files: it opens a sealed
/// draft.
pub fn load(
    dir: &Path,
    catalog: &Catalog,
    lang: Lang,
    at_rest: &AtRest,
) -> anyhow::Result<(Model, String)> {
    let said = |e: crate::service::Error| anyhow::anyhow!(e.message(lang));
    let mut merged: PanelResult = load_panel(dir).map_err(said)?;
    let mut drafts = load_drafts(dir, at_rest).map_err(said)?;
    let synthesis = load_synthesis(dir).map_err(said)?;
    let mut panels = Vec::new();
    let mut restarted = Vec::new();
    let results = std::mem::take(&mut merged.results);
    for r in results {
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
        let heat = heat_map(&merged, &r, &fw.doc);
        let synthesis = (r.stage == crate::review::Stage::SiteReview)
            .then(|| SynthesisTexts::from_file(&synthesis, &r.applicant_id));
        panels.push(Panel {
            result: r,
            framework: fw.doc.clone(),
            draft,
            heat,
            synthesis,
        });
    }
    let note = if restarted.is_empty() {
        String::new()
    } else {
        words::consensus_restarted(lang, &restarted)
    };
    let mut m = Model::new(lang, catalog.clone(), KeyMap::default());
    m.consensus = Some(Box::new(Consensus::new(panels)));
    m.screen = Screen::HeatMap;
    Ok((m, note))
}

/// Lets this key write the overall-evaluation inputs of the applicants whose consensus it signs
/// (the round's leader, or the acting leader it names for an applicant).
pub fn grant_synthesis(m: &mut Model, dir: &Path, public_key: &str) -> anyhow::Result<()> {
    let lang = m.lang;
    let Some(c) = m.consensus.as_deref_mut() else {
        return Ok(());
    };
    for p in &mut c.panels {
        if let Some(s) = &mut p.synthesis {
            s.may_write =
                crate::service::synthesis::may_write(dir, public_key, &p.result.applicant_id)
                    .map_err(|e| anyhow::anyhow!(e.message(lang)))?;
        }
    }
    Ok(())
}

/// Writes the overall-evaluation texts the screen changed into `synthesis.json`.
fn save_synthesis(dir: &Path, c: &mut Consensus) -> Result<(), crate::service::Error> {
    for p in &mut c.panels {
        let Some(s) = &mut p.synthesis else { continue };
        if s.unsaved.is_empty() {
            continue;
        }
        let fields: Vec<_> = s.unsaved.iter().map(|f| (*f, s.get(*f))).collect();
        crate::service::synthesis::write_fields(dir, &p.result.applicant_id, &fields)?;
        s.unsaved.clear();
    }
    Ok(())
}

fn drafts_of(c: &Consensus) -> ConsensusDrafts {
    ConsensusDrafts {
        drafts: c.panels.iter().map(|p| p.draft.clone()).collect(),
        ..ConsensusDrafts::default()
    }
}

/// Builds, signs, self-checks and writes the consensus sheet of panel `i`
/// ([`crate::service::consensus::export`]); returns what was written. The draft is then
/// written with the new version, the way `at_rest` says.
pub fn export(
    m: &mut Model,
    i: usize,
    dir: &Path,
    home: &Path,
    catalog: &Catalog,
    at_rest: &AtRest,
) -> anyhow::Result<crate::service::consensus::ExportedConsensus> {
    let lang = m.lang;
    let said = |e: crate::service::Error| anyhow::anyhow!(e.message(lang));
    let Some(c) = m.consensus.as_deref_mut() else {
        return Err(said(crate::service::Error::NoSuchApplicant));
    };
    let panel = c
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
    if let Some(p) = c.panels.get_mut(i) {
        p.draft.exported_version += 1;
    }
    save_drafts(dir, &drafts_of(c), at_rest).map_err(said)?;
    Ok(written)
}

/// The leader's side: the merge folder, the signing key's home, and the session's lock.
pub struct Folder {
    dir: PathBuf,
    home: PathBuf,
    /// The leader's home's way of keeping files: the draft is sealed when it is encrypted.
    at_rest: AtRest,
    /// A change not yet written: the draft is written once per batch of events.
    unsaved: bool,
}

impl Folder {
    /// The host the loop runs the leader's effects against (tests drive it as the loop does).
    pub fn new(dir: &Path, home: &Path, at_rest: AtRest) -> Folder {
        Folder {
            dir: dir.to_path_buf(),
            home: home.to_path_buf(),
            at_rest,
            unsaved: false,
        }
    }

    fn save(&mut self, m: &mut Model) {
        let Some(c) = m.consensus.as_deref() else {
            return;
        };
        if !self.unsaved || c.read_only.is_some() {
            self.unsaved = false;
            return;
        }
        let saved = save_drafts(&self.dir, &drafts_of(c), &self.at_rest);
        let written = m
            .consensus
            .as_deref_mut()
            .map_or(Ok(()), |c| save_synthesis(&self.dir, c));
        match saved.and(written) {
            Ok(()) => self.unsaved = false,
            // Kept unsaved: the next batch (or quitting) tries again.
            Err(e) => m.status = Some(StatusLine::Error(e.message(m.lang))),
        }
    }
}

impl Host for Folder {
    fn run_effects(&mut self, m: &mut Model, fx: Vec<Effect>) {
        for e in fx {
            match e {
                Effect::SaveConsensus => self.unsaved = true,
                Effect::ExportConsensus(i) => {
                    // The sheet is built from the draft as it is on screen; the draft is
                    // written with the new version by the export itself.
                    let catalog = m.catalog.clone();
                    let (dir, home) = (&self.dir, &self.home);
                    m.status = Some(match export(m, i, dir, home, &catalog, &self.at_rest) {
                        Ok(w) => {
                            // The export wrote the draft; overall-evaluation texts typed in
                            // the same batch are still to be written.
                            self.unsaved = m.consensus.as_deref().is_some_and(|c| {
                                c.panels.iter().any(|p| {
                                    p.synthesis.as_ref().is_some_and(|s| !s.unsaved.is_empty())
                                })
                            });
                            StatusLine::Info(words::consensus_exported(
                                m.lang,
                                &w.path.display().to_string(),
                                w.unconfirmed.len(),
                            ))
                        }
                        Err(err) => StatusLine::Error(format!("{err:#}")),
                    });
                }
                // The reviewer's effects have no meaning over a merge folder.
                _ => {}
            }
        }
    }

    fn settle(&mut self, m: &mut Model) -> bool {
        let had = self.unsaved;
        self.save(m);
        had
    }
}

/// `scorebook consensus OUT_DIR`: the app on the leader's side.
pub fn run(dir: &Path, ctx: &Context) -> anyhow::Result<i32> {
    let (catalog, problems) = Catalog::load(&ctx.home);
    for p in &problems {
        eprintln!("{}", crate::i18n::service::skipped(ctx.lang, p));
    }
    let at_rest = unlock_at_start(&ctx.home, ctx.lang)?;
    // The reviewer's settings (language, key overrides), read without taking the workspace:
    // a reviewer's window on the same home keeps it.
    let (ws, _) = crate::workspace::Workspace::open_read_only(&ctx.home);
    let config = ws.config().clone();
    let lang = if ctx.lang_explicit {
        ctx.lang
    } else {
        config.lang.unwrap_or(ctx.lang)
    };
    let (mut m, note) = load(dir, &catalog, lang, &at_rest)?;
    if m.consensus.as_ref().is_none_or(|c| c.panels.is_empty()) {
        let e = crate::service::Error::NothingToAgree {
            dir: dir.to_path_buf(),
        };
        anyhow::bail!(e.message(lang));
    }
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
    m.keymap = keys;
    let mut notes: Vec<String> = key_problems;
    if !note.is_empty() {
        notes.push(note);
    }
    if !notes.is_empty() {
        m.status = Some(StatusLine::Info(notes.join("; ")));
    }
    // One editing window per folder, and only the leader's (组长负责制, 第九条).
    let session: Session = crate::service::consensus::open_session(dir, &ctx.home)
        .map_err(|e| anyhow::anyhow!(e.message(lang)))?;
    if let Some(c) = m.consensus.as_deref_mut() {
        c.read_only = session.denied;
    }
    if session.denied.is_none()
        && let Ok(me) = crate::service::identity(&ctx.home)
    {
        grant_synthesis(&mut m, dir, &hex::encode(me.verifying_key().as_bytes()))?;
    }
    // The folder's own problems first (they are about what was typed); then the terminal.
    crate::tui::terminal::require(lang)?;
    let mut host = Folder::new(dir, &ctx.home, at_rest);
    let outcome = {
        let mut guard = Guard::enter()?;
        event_loop(&mut guard.terminal, &mut m, &mut host)
    };
    // Whatever the loop ended with, what was agreed is written before the lock goes.
    host.save(&mut m);
    drop(session);
    outcome?;
    Ok(0)
}

/// Before the full screen (nothing can ask once it is up): the passphrase, once, for the
/// home's data key (an encrypted home's draft is sealed with it) and for the signing key (the
/// consensus sheet is signed). A locked encrypted home is refused: its draft could be neither
/// opened nor kept sealed. A locked signing key is said at export, as in the reviewer's app.
fn unlock_at_start(home: &Path, lang: Lang) -> anyhow::Result<AtRest> {
    crate::service::unlock::install(lang);
    let at_rest = AtRest::load(home);
    if at_rest.is_ok() && crate::identity::Identity::is_protected_in(home) == Some(true) {
        let _ = crate::identity::Identity::load(home);
    }
    crate::service::unlock::stop_asking();
    at_rest.map_err(|e| anyhow::anyhow!(e.message(lang)))
}

#[cfg(test)]
mod tests;
