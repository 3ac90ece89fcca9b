//! The leader's consensus screen (合议): walk the agenda of each merged applicant, see every
//! reviewer's percent and comments, set the agreed percent with a rationale, choose and edit the
//! panel's strengths and OFIs, and export a signed consensus sheet. Progress is saved to
//! `OUT_DIR/consensus-draft.json` after every change (atomically).

pub mod keymap;
pub mod model;
pub mod view;

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use ratatui::crossterm::event;

use crate::cli::panel_dir::{
    self, ROSTER_FILE, consensus_path, load_drafts, load_panel_in, load_sheets, now, random_id,
    save_drafts, tr,
};
use crate::context::Context;
use crate::i18n::tui as words;
use crate::identity::{Identity, write_atomic};
use crate::lang::Lang;
use crate::panel::consensus::{ConsensusDraft, ConsensusDrafts, ConsensusMeta, consensus_sheet};
use crate::panel::{PanelResult, check};
use crate::program::Catalog;
use crate::sheet::{ReviewerRef, band_label, sign_sheet};
use crate::tui::terminal::Guard;

use model::{Effect, Model, Panel, update};

/// Loads the merge folder into a model. Drafts that no longer fit the merge (other sheets)
/// are started again; the returned note says which.
pub fn load(dir: &Path, catalog: &Catalog, lang: Lang) -> anyhow::Result<(Model, String)> {
    let result: PanelResult = load_panel_in(dir, lang)?;
    let mut drafts = load_drafts(dir)?;
    let mut panels = Vec::new();
    let mut restarted = Vec::new();
    for r in result.results {
        let Some(fw) = catalog.framework_by_hash(&r.framework_hash) else {
            bail!(
                "{}: applicant {} was scored on framework {}, which this build does not know",
                dir.display(),
                r.applicant_id,
                r.framework_hash
            );
        };
        let existing = drafts.drafts.iter().position(|d| {
            d.applicant_id == r.applicant_id && d.track == r.track && d.stage == r.stage
        });
        let draft = match existing.map(|i| drafts.drafts.remove(i)) {
            Some(d) if d.fits(&r) => d,
            other => {
                if other.is_some() {
                    restarted.push(r.applicant_id.clone());
                }
                let sheets = load_sheets(dir, &r.sources, catalog)?;
                let refs: Vec<_> = sheets.iter().collect();
                ConsensusDraft::start(&r, &refs, fw.doc.percent_step)
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

/// Builds, signs, self-checks and writes the consensus sheet of panel `i`; returns its path.
pub fn export(
    m: &mut Model,
    i: usize,
    dir: &Path,
    home: &Path,
    catalog: &Catalog,
) -> anyhow::Result<PathBuf> {
    let lang = m.lang;
    let identity = Identity::load(home)?.context(tr(
        lang,
        "本机没有签名密钥：请先运行 `scorebook key new --name 姓名`",
        "no signing key in this home: run `scorebook key new --name NAME` first",
    ))?;
    let roster = panel_dir::load_roster_in(&dir.join(ROSTER_FILE), lang)?;
    let me = hex::encode(identity.verifying_key().as_bytes());
    if !roster.roster.is_leader(&me) {
        bail!(
            "{}",
            tr(
                lang,
                "合议评分表只能由评审组名单上的组长签名；本机密钥不是组长",
                "only a leader on the panel's roster signs the consensus; this key is not one",
            )
        );
    }
    let panel = m
        .panels
        .get(i)
        .context(tr(lang, "没有这个申报对象", "no such applicant"))?;
    let template = load_sheets(
        dir,
        &panel.result.sources[..1.min(panel.result.sources.len())],
        catalog,
    )?;
    let template = template.first().context(tr(
        lang,
        "汇总时该申报对象没有计入任何评分表",
        "the merge used no sheets for this applicant",
    ))?;
    let meta = ConsensusMeta {
        leader: ReviewerRef {
            name: identity.name().to_string(),
            public_key: me,
        },
        sheet_id: random_id()?,
        created_at: now(),
        version: panel.draft.exported_version + 1,
    };
    let fw = &panel.framework;
    let sheet = consensus_sheet(&panel.draft, &panel.result, fw, template, meta, |p| {
        fw.band_for(p).map(band_label)
    })?;
    let bytes = sign_sheet(&sheet, identity.signing_key())?;
    let path = consensus_path(dir, &panel.result.applicant_id, panel.result.stage);
    if let Err(e) = check(path.display().to_string(), &bytes, catalog).outcome {
        match lang {
            Lang::Zh => bail!("合议评分表未通过自检（{e:?}），未写出文件"),
            Lang::En => bail!("the consensus sheet does not verify ({e:?}); nothing written"),
        }
    }
    write_atomic(&path, &bytes, None, true)
        .with_context(|| format!("cannot write {}", path.display()))?;
    if let Some(p) = m.panels.get_mut(i) {
        p.draft.exported_version += 1;
    }
    save_drafts(dir, &drafts_of(m))?;
    Ok(path)
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
                Err(err) => m.message = format!("{err:#}"),
            },
            Effect::Export(i) => {
                m.message = match export(m, i, dir, &ctx.home, catalog) {
                    Ok(p) => words::consensus_exported(m.lang, &p.display().to_string()),
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
    let catalog = panel_dir::catalog(ctx);
    let (mut m, note) = load(dir, &catalog, ctx.lang)?;
    if m.panels.is_empty() {
        bail!(
            "{}",
            words::consensus_empty(ctx.lang, &dir.display().to_string())
        );
    }
    m.message = note;
    let mut guard = Guard::enter();
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
    outcome?;
    Ok(0)
}

#[cfg(test)]
mod tests;
