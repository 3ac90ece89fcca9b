//! The passphrase at the start of the app (保密, 第二十一条), asked on the plain terminal
//! before the full screen opens: the key under a passphrase is unlocked once for the session;
//! on a first run (no key, no config) a passphrase for the key about to be made is offered,
//! and may be skipped. Once the full screen is up nothing asks again: a locked key then says
//! so where it is needed (an export).

use std::io::IsTerminal;
use std::path::Path;

use crate::identity::{Identity, IdentityError, session};
use crate::lang::Lang;
use crate::service::unlock;

/// Runs before the full screen; returns what the status line should say once it is up.
pub fn at_start(home: &Path, lang: Lang) -> Option<String> {
    unlock::install(lang);
    let said = match Identity::is_protected_in(home) {
        Some(true) => match Identity::load(home) {
            Ok(_) => None,
            Err(e @ (IdentityError::Locked(_) | IdentityError::WrongPassphrase(_))) => {
                eprintln!("{}", crate::i18n::seal::identity_error(lang, &e));
                Some(crate::i18n::seal::start_locked(lang))
            }
            Err(e) => Some(crate::i18n::seal::identity_error(lang, &e)),
        },
        Some(false) => Some(crate::i18n::seal::unprotected_notice(lang)),
        None => {
            offer_on_first_run(home, lang);
            None
        }
    };
    unlock::stop_asking();
    said
}

/// First run, on a terminal: offers a passphrase for the key the app is about to make.
fn offer_on_first_run(home: &Path, lang: Lang) {
    let first_run = !home.join("config.json").exists();
    if !first_run || !std::io::stdin().is_terminal() {
        return;
    }
    let Some(first) = unlock::prompt(&crate::i18n::seal::first_run_offer(lang)) else {
        eprintln!("{}", crate::i18n::seal::first_run_skipped(lang));
        return;
    };
    let again = unlock::prompt(&crate::i18n::seal::prompt_again(lang));
    use age::secrecy::ExposeSecret;
    if again.as_ref().map(|a| a.expose_secret()) != Some(first.expose_secret()) {
        eprintln!(
            "{}",
            crate::i18n::seal::passphrase_error(lang, &unlock::PassphraseError::Mismatch)
        );
        eprintln!("{}", crate::i18n::seal::first_run_skipped(lang));
        return;
    }
    // The key is made under it once the reviewer has given a name (Identity::create).
    session::remember(home, first);
}
