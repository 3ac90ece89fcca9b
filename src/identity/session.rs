//! The passphrase is asked once per session (每次启动只问一次口令): the first file under it
//! that is opened asks the front end's asker; the passphrase and what it opened are then kept
//! in memory — zeroized when dropped — for the rest of the process, per home.
//!
//! The asker is the front end's (a prompt on the terminal, `SCOREBOOK_PASSPHRASE_FILE`); the
//! library never prompts by itself. Without an asker a protected key is reported as locked.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use age::secrecy::SecretString;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::vault::{self, OpenError};

/// What the asker is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask<'a> {
    /// The passphrase that opens this home's protected key; `retry` after a wrong one.
    Unlock { home: &'a Path, retry: bool },
}

/// A front end's way of getting the passphrase; None: there is none to give (no terminal,
/// the reviewer skipped).
pub type Asker = dyn Fn(Ask<'_>) -> Option<SecretString> + Send + Sync;

/// How many wrong passphrases one unlock takes before it gives up.
pub const TRIES: usize = 3;

struct Opened {
    path: PathBuf,
    cipher_hash: [u8; 32],
    plain: Zeroizing<Vec<u8>>,
}

#[derive(Default)]
struct State {
    asker: Option<Arc<Asker>>,
    passphrases: Vec<(PathBuf, SecretString)>,
    opened: Vec<Opened>,
}

static STATE: Mutex<State> = Mutex::new(State {
    asker: None,
    passphrases: Vec::new(),
    opened: Vec::new(),
});

fn state() -> MutexGuard<'static, State> {
    // A panic elsewhere while holding the lock leaves plain data behind, still usable.
    STATE.lock().unwrap_or_else(|p| p.into_inner())
}

/// Sets (or with None removes) the front end's asker.
pub fn set_asker(asker: Option<Arc<Asker>>) {
    state().asker = asker;
}

/// Keeps `passphrase` as this session's passphrase for `home` (after it was set or changed).
pub fn remember(home: &Path, passphrase: SecretString) {
    let mut s = state();
    s.passphrases.retain(|(h, _)| h != home);
    s.passphrases.push((home.to_path_buf(), passphrase));
}

/// This session's passphrase for `home`, when one was given or set.
pub fn passphrase(home: &Path) -> Option<SecretString> {
    state()
        .passphrases
        .iter()
        .find(|(h, _)| h == home)
        .map(|(_, p)| p.clone())
}

/// Forgets everything kept for `home` (a passphrase change, a test's clean slate).
pub fn forget(home: &Path) {
    let mut s = state();
    s.passphrases.retain(|(h, _)| h != home);
    s.opened.retain(|o| !o.path.starts_with(home));
}

/// Forgets what was opened from `path` (the file was replaced).
pub fn forget_opened(path: &Path) {
    state().opened.retain(|o| o.path != path);
}

/// Why a protected file stayed shut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shut {
    /// No passphrase could be had (no asker, no terminal, skipped).
    Locked,
    /// Wrong passphrase, [`TRIES`] times (or once, when it came from a file).
    WrongPassphrase,
    /// The file is damaged or not what it should be.
    Damaged(OpenError),
}

/// The plain bytes of `cipher`, a file under `home`'s passphrase read from `path`: from this
/// session's memory, else with the session's passphrase, else asking. Nothing is written.
pub fn open(home: &Path, path: &Path, cipher: &[u8]) -> Result<Zeroizing<Vec<u8>>, Shut> {
    let cipher_hash: [u8; 32] = Sha256::digest(cipher).into();
    if let Some(o) = state()
        .opened
        .iter()
        .find(|o| o.path == path && o.cipher_hash == cipher_hash)
    {
        return Ok(o.plain.clone());
    }
    let keep = |plain: &Zeroizing<Vec<u8>>| {
        let mut s = state();
        s.opened.retain(|o| o.path != path);
        s.opened.push(Opened {
            path: path.to_path_buf(),
            cipher_hash,
            plain: plain.clone(),
        });
    };
    if let Some(p) = passphrase(home) {
        match vault::open_with_passphrase(cipher, &p) {
            Ok(plain) => {
                keep(&plain);
                return Ok(plain);
            }
            Err(OpenError::WrongPassphrase) => {}
            Err(e) => return Err(Shut::Damaged(e)),
        }
    }
    // The lock is not held while asking: the asker may take minutes.
    let asker = state().asker.clone();
    let Some(asker) = asker else {
        return Err(Shut::Locked);
    };
    for attempt in 0..TRIES {
        let Some(p) = asker(Ask::Unlock {
            home,
            retry: attempt > 0,
        }) else {
            return Err(if attempt == 0 {
                Shut::Locked
            } else {
                Shut::WrongPassphrase
            });
        };
        match vault::open_with_passphrase(cipher, &p) {
            Ok(plain) => {
                keep(&plain);
                remember(home, p);
                return Ok(plain);
            }
            Err(OpenError::WrongPassphrase) => continue,
            Err(e) => return Err(Shut::Damaged(e)),
        }
    }
    Err(Shut::WrongPassphrase)
}
