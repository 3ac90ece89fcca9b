//! The data folder: `--home DIR`, `SCOREBOOK_HOME`, else the OS data dir.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

pub fn resolve(explicit: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    let dirs = directories::ProjectDirs::from("cn", "scorebook", "scorebook")
        .context("no home folder could be found for this user; pass --home DIR")?;
    Ok(dirs.data_dir().to_path_buf())
}
