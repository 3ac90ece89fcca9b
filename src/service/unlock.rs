//! Where the passphrase comes from (口令来源), for both front ends: `SCOREBOOK_PASSPHRASE_FILE`
//! (a file holding it, one trailing line break dropped — for scripts and tests), else a prompt
//! on the terminal that echoes nothing. It is asked once per session
//! ([`crate::identity::session`]); nothing here prints or stores it.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use age::secrecy::SecretString;
use zeroize::Zeroizing;

use crate::identity::session::{self, Ask};
use crate::identity::vault;
use crate::lang::Lang;

/// The variable naming a file that holds the passphrase.
pub const PASSPHRASE_FILE_VAR: &str = "SCOREBOOK_PASSPHRASE_FILE";

/// Why a passphrase could not be had.
#[derive(Debug)]
pub enum PassphraseError {
    /// The passphrase file could not be read.
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The passphrase file is empty (or only a line break) or not UTF-8.
    Empty { path: PathBuf },
    /// No file, and no terminal to ask on.
    NoTerminal,
    /// The two entries of a new passphrase differ.
    Mismatch,
    /// The person entered nothing.
    Skipped,
}

/// The passphrase file `SCOREBOOK_PASSPHRASE_FILE` names, if set.
pub fn passphrase_file_from_env() -> Option<PathBuf> {
    std::env::var_os(PASSPHRASE_FILE_VAR)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The passphrase in `path`, without its one trailing line break.
pub fn read_passphrase_file(path: &Path) -> Result<SecretString, PassphraseError> {
    let bytes = std::fs::read(path).map_err(|source| PassphraseError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    vault::passphrase_from_file_bytes(Zeroizing::new(bytes)).ok_or(PassphraseError::Empty {
        path: path.to_path_buf(),
    })
}

/// Asks on the terminal, echoing nothing; None without a terminal or when nothing is typed.
pub fn prompt(text: &str) -> Option<SecretString> {
    if !std::io::stdin().is_terminal() {
        return None;
    }
    let typed = Zeroizing::new(rpassword::prompt_password(text).ok()?);
    if typed.is_empty() {
        return None;
    }
    Some(SecretString::from(typed.as_str().to_owned()))
}

/// A new passphrase, asked twice on the terminal (or read from `file`).
pub fn new_passphrase(lang: Lang, file: Option<&Path>) -> Result<SecretString, PassphraseError> {
    if let Some(f) = file {
        return read_passphrase_file(f);
    }
    if !std::io::stdin().is_terminal() {
        return Err(PassphraseError::NoTerminal);
    }
    let first = prompt(&crate::i18n::seal::prompt_new(lang)).ok_or(PassphraseError::Skipped)?;
    let again = prompt(&crate::i18n::seal::prompt_again(lang)).ok_or(PassphraseError::Mismatch)?;
    use age::secrecy::ExposeSecret;
    if first.expose_secret() != again.expose_secret() {
        return Err(PassphraseError::Mismatch);
    }
    Ok(first)
}

/// The asker for this process: the passphrase file when `SCOREBOOK_PASSPHRASE_FILE` is set (a
/// wrong one is not retried: the file would say the same again), else the terminal prompt.
/// The file's own faults are said on stderr once, in `lang`.
pub fn install(lang: Lang) {
    let asker = move |ask: Ask<'_>| -> Option<SecretString> {
        let Ask::Unlock { retry, .. } = ask;
        if let Some(path) = passphrase_file_from_env() {
            if retry {
                return None;
            }
            return match read_passphrase_file(&path) {
                Ok(p) => Some(p),
                Err(e) => {
                    eprintln!(
                        "scorebook: {}",
                        crate::i18n::seal::passphrase_error(lang, &e)
                    );
                    None
                }
            };
        }
        prompt(&crate::i18n::seal::prompt_unlock(lang, retry))
    };
    let asker: Arc<session::Asker> = Arc::new(asker);
    session::set_asker(Some(asker));
}

/// The front end stops asking (a full-screen app past its start: a prompt would garble it).
pub fn stop_asking() {
    session::set_asker(None);
}
