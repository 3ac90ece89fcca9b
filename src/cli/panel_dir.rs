//! The merge folder (OUT_DIR) on disk, shared by `merge`, `rank` and `consensus`:
//! - `panel.json` — the [`PanelResult`] (docs/panel-format.md);
//! - `roster.json` — a copy of the signed roster the merge used;
//! - `sheets/<sha256>.sheet.json` — a byte-exact copy of every sheet the merge used, so the folder
//!   is self-contained evidence and the consensus screen can show every reviewer's comments;
//! - `consensus-draft.json` — the leader's consensus in progress;
//! - `consensus-<applicant>-<stage>.sheet.json` — exported, signed consensus sheets.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use crate::identity::write_atomic;
use crate::lang::Lang;
use crate::panel::consensus::{ConsensusDrafts, DRAFT_FORMAT};
use crate::panel::roster::{VerifiedRoster, verify_roster};
use crate::panel::{PanelResult, check};
use crate::program::Catalog;
use crate::review::Stage;
use crate::sheet::Sheet;

pub const PANEL_FILE: &str = "panel.json";
pub const ROSTER_FILE: &str = "roster.json";
pub const SHEETS_DIR: &str = "sheets";
pub const DRAFT_FILE: &str = "consensus-draft.json";

/// Reads a JSON file into `T`, naming the file, the JSON path and the line on error.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<T> {
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let de = &mut serde_json::Deserializer::from_slice(&bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        anyhow::anyhow!(
            "{}: at {} (line {}): {}",
            path.display(),
            e.path(),
            e.inner().line(),
            e.inner()
        )
    })
}

pub fn load_panel(dir: &Path) -> anyhow::Result<PanelResult> {
    load_panel_in(dir, Lang::En)
}

/// As [`load_panel`], the missing-merge hint in the interface language.
pub fn load_panel_in(dir: &Path, lang: Lang) -> anyhow::Result<PanelResult> {
    let path = dir.join(PANEL_FILE);
    if !path.exists() {
        match lang {
            Lang::Zh => bail!(
                "{} 中没有 {PANEL_FILE}：请先运行 `scorebook merge --roster 名单 评分表… -o {}`",
                dir.display(),
                dir.display()
            ),
            Lang::En => bail!(
                "{} has no {PANEL_FILE}: run `scorebook merge --roster ROSTER SHEETS… -o {}` first",
                dir.display(),
                dir.display()
            ),
        }
    }
    read_json(&path)
}

pub fn load_roster(path: &Path) -> anyhow::Result<VerifiedRoster> {
    load_roster_in(path, Lang::En)
}

/// As [`load_roster`], its refusals in the interface language.
pub fn load_roster_in(path: &Path, lang: Lang) -> anyhow::Result<VerifiedRoster> {
    let bytes = fs::read(path).with_context(|| match lang {
        Lang::Zh => format!("无法读取 {}", path.display()),
        Lang::En => format!("cannot read {}", path.display()),
    })?;
    verify_roster(&bytes).with_context(|| match lang {
        Lang::Zh => format!("{}：评审组名单不可信，已拒绝", path.display()),
        Lang::En => format!("{}: roster refused", path.display()),
    })
}

pub fn sheet_copy_path(dir: &Path, hash: &str) -> PathBuf {
    dir.join(SHEETS_DIR).join(format!("{hash}.sheet.json"))
}

/// The used sheets named by `hashes`, re-verified from the folder's copies.
pub fn load_sheets(dir: &Path, hashes: &[String], catalog: &Catalog) -> anyhow::Result<Vec<Sheet>> {
    hashes
        .iter()
        .map(|h| {
            let path = sheet_copy_path(dir, h);
            let bytes = fs::read(&path)
                .with_context(|| format!("cannot read {} (run merge again)", path.display()))?;
            let c = check(path.display().to_string(), &bytes, catalog);
            if c.hash != *h {
                bail!("{}: the copy does not match its hash", path.display());
            }
            c.outcome
                .map_err(|e| anyhow::anyhow!("{}: {e:?}", path.display()))
        })
        .collect()
}

pub fn load_drafts(dir: &Path) -> anyhow::Result<ConsensusDrafts> {
    let path = dir.join(DRAFT_FILE);
    if !path.exists() {
        return Ok(ConsensusDrafts::default());
    }
    let d: ConsensusDrafts = read_json(&path)?;
    if d.format != DRAFT_FORMAT {
        bail!(
            "{}: not a consensus draft (format {:?})",
            path.display(),
            d.format
        );
    }
    Ok(d)
}

pub fn save_drafts(dir: &Path, drafts: &ConsensusDrafts) -> anyhow::Result<()> {
    let path = dir.join(DRAFT_FILE);
    let mut bytes = serde_json::to_vec_pretty(drafts)?;
    bytes.push(b'\n');
    write_atomic(&path, &bytes, None, true)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// A file-name-safe form of an applicant id: letters (any script), digits, `-` and `_` kept,
/// everything else `_`.
pub fn file_safe(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

pub fn consensus_path(dir: &Path, applicant: &str, stage: Stage) -> PathBuf {
    dir.join(format!(
        "consensus-{}-{}.sheet.json",
        file_safe(applicant),
        stage.cli_name()
    ))
}

/// Now, RFC 3339 in UTC.
pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// A random sheet id: 32 lowercase hex digits.
pub fn random_id() -> anyhow::Result<String> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| anyhow::anyhow!("random number generator: {e}"))?;
    Ok(hex::encode(b))
}

/// The catalogue (embedded plus `<home>/criteria`); problems with home files are warnings.
pub fn catalog(ctx: &super::Context) -> Catalog {
    let (catalog, problems) = Catalog::load(&ctx.home);
    for p in &problems {
        eprintln!(
            "warning (skipped): {}",
            crate::display::shown_block(&p.render(ctx.lang))
        );
    }
    catalog
}

pub fn tr(lang: crate::lang::Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        crate::lang::Lang::Zh => zh,
        crate::lang::Lang::En => en,
    }
}
