//! What every use-case and front end gets: where the data lives and which language to speak.
//!
//! It sits at the crate root so that `cli` and `tui` both take it without importing each other.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::lang::Lang;

/// The data folder and the interface language, resolved once at start.
#[derive(Debug, Clone)]
pub struct Context {
    pub home: PathBuf,
    pub lang: Lang,
    /// Whether the language was chosen on the command line (`--lang`): it then beats the
    /// language saved in the reviewer's config; `LANG` does not.
    pub lang_explicit: bool,
}

impl Context {
    /// From `--home` (or `SCOREBOOK_HOME`, which clap folds into it) and `--lang`.
    pub fn new(home: Option<&Path>, lang: Option<Lang>) -> anyhow::Result<Context> {
        Ok(Context {
            home: resolve_home(home)?,
            lang: Lang::detect(lang),
            lang_explicit: lang.is_some(),
        })
    }

    /// A context for a known folder and language, as tests and the TUI's export use it.
    pub fn at(home: impl Into<PathBuf>, lang: Lang) -> Context {
        Context {
            home: home.into(),
            lang,
            lang_explicit: true,
        }
    }
}

/// The data folder: `--home DIR`, `SCOREBOOK_HOME`, else the OS data dir.
pub fn resolve_home(explicit: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    let dirs = directories::ProjectDirs::from("cn", "scorebook", "scorebook")
        .context("no home folder could be found for this user; pass --home DIR")?;
    Ok(dirs.data_dir().to_path_buf())
}
