//! The reviewer's key pair on disk: `<home>/keys/reviewer.secret` (mode 0600) and
//! `<home>/keys/reviewer.json` (name, public key, fingerprint, age recipient).
//!
//! The secret file holds the Ed25519 signing seed and the age X25519 identity that opens
//! sheets sealed to this reviewer (第二十一条: applicants' secrets kept). Under a passphrase it
//! is an age file (scrypt recipient, [`super::vault`]); without one it is the plain JSON of
//! older versions, which keeps working (a notice offers to protect it). Format 1 files (no age
//! identity) are upgraded to format 2 on first load, keeping their protection.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use super::atomic::write_atomic;
use super::member::{MemberInfo, strict_hex};
use super::session::{self, Shut};
use super::vault::{self, OpenError};

/// The tag in a secret key file of the first version (signing key only).
pub const SECRET_FORMAT_V1: &str = "scorebook-secret-key/1";
/// The tag in the secret key file: signing key and age identity.
pub const SECRET_FORMAT: &str = "scorebook-secret-key/2";
const KEYS_DIR: &str = "keys";
const SECRET_FILE: &str = "reviewer.secret";
const PUBLIC_FILE: &str = "reviewer.json";
/// The encrypted workspace's data key (`workspace::at_rest`), under the same passphrase.
const DATA_KEY_FILE: &str = "workspace.key";

/// The reviewer's signing identity (评审专家身份). Debug output never shows the secret.
pub struct Identity {
    name: String,
    key: SigningKey,
    /// Opens sheets sealed to this reviewer (and, as leader, to the panel's leader).
    age: age::x25519::Identity,
    /// Whether the secret file is under a passphrase.
    protected: bool,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity")
            .field("name", &self.name)
            .field(
                "public_key",
                &hex::encode(self.key.verifying_key().as_bytes()),
            )
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    #[error(
        "a key already exists in {0}; keep it, or replace it with --force (sheets signed with the old key stay valid but no longer match you)"
    )]
    AlreadyExists(PathBuf),
    #[error("the reviewer name is empty")]
    EmptyName,
    /// The name holds a control character, an escape or a bidi override: every sheet would
    /// carry it to every leader's terminal.
    #[error("the reviewer name contains a control character or a direction override")]
    UnsafeName,
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{path}: not a Scorebook key file ({why})")]
    Malformed { path: PathBuf, why: String },
    #[error("{public}: its public key does not belong to the secret key in {secret}")]
    Mismatch { public: PathBuf, secret: PathBuf },
    #[error("the system random number generator failed: {0}")]
    Random(String),
    /// The key is under a passphrase and none was given (no terminal, skipped).
    #[error("{0}: the key is protected by a passphrase and none was given")]
    Locked(PathBuf),
    /// The passphrase given does not open the key; the key file is untouched.
    #[error("{0}: wrong passphrase (the key file is unchanged)")]
    WrongPassphrase(PathBuf),
    /// The workspace is encrypted: its data key cannot be kept without a passphrase.
    #[error("{0}: the workspace is encrypted; decrypt it before removing the passphrase")]
    DataKeyNeedsPassphrase(PathBuf),
    /// The protected key file is cut short or altered.
    #[error("{path}: the protected key file is damaged ({why})")]
    Damaged { path: PathBuf, why: String },
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SecretFile {
    format: String,
    /// The 32-byte Ed25519 secret key (seed), lowercase hex.
    secret_key: String,
    /// The age X25519 identity (`AGE-SECRET-KEY-1…`); absent in format 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    age_identity: Option<String>,
}

impl Drop for SecretFile {
    fn drop(&mut self) {
        self.secret_key.zeroize();
        if let Some(a) = &mut self.age_identity {
            a.zeroize();
        }
    }
}

impl Identity {
    /// A new key pair for `name`, saved in `<home>/keys/`. Refuses to replace an existing key
    /// unless `force`. When this session holds a passphrase for `home` (set at first run, or
    /// the one that opened the old key), the new key is saved under it.
    pub fn create(home: &Path, name: &str, force: bool) -> Result<Identity, IdentityError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(IdentityError::EmptyName);
        }
        if crate::display::has_unsafe(name) {
            return Err(IdentityError::UnsafeName);
        }
        let dir = keys_dir(home);
        let (secret_path, public_path) = (dir.join(SECRET_FILE), dir.join(PUBLIC_FILE));
        if !force && (secret_path.exists() || public_path.exists()) {
            return Err(IdentityError::AlreadyExists(dir));
        }
        let mut seed = Zeroizing::new([0u8; 32]);
        getrandom::fill(seed.as_mut_slice()).map_err(|e| IdentityError::Random(e.to_string()))?;
        let passphrase = session::passphrase(home);
        let identity = Identity {
            name: name.to_string(),
            key: SigningKey::from_bytes(&seed),
            age: age::x25519::Identity::generate(),
            protected: passphrase.is_some(),
        };

        make_private_dir(&dir).map_err(|e| io_err(&dir, e))?;
        let secret = identity.secret_bytes(passphrase.as_ref());
        write_atomic(&secret_path, &secret, Some(0o600), force).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => IdentityError::AlreadyExists(dir.clone()),
            _ => io_err(&secret_path, e),
        })?;
        session::forget_opened(&secret_path);
        identity.write_public(&public_path)?;
        Ok(identity)
    }

    /// The secret file's bytes: the JSON, under `passphrase` when given.
    fn secret_bytes(&self, passphrase: Option<&SecretString>) -> Zeroizing<Vec<u8>> {
        let file = SecretFile {
            format: SECRET_FORMAT.to_string(),
            secret_key: hex::encode(self.key.as_bytes()),
            age_identity: Some(self.age.to_string().expose_secret().to_string()),
        };
        let mut plain =
            Zeroizing::new(serde_json::to_vec_pretty(&file).expect("a secret file serialises"));
        plain.push(b'\n');
        match passphrase {
            Some(p) => Zeroizing::new(vault::lock_with_passphrase(&plain, p)),
            None => plain,
        }
    }

    fn write_public(&self, public_path: &Path) -> Result<(), IdentityError> {
        let mut public =
            serde_json::to_vec_pretty(&self.public_info()).expect("member info always serialises");
        public.push(b'\n');
        write_atomic(public_path, &public, Some(0o644), true).map_err(|e| io_err(public_path, e))
    }

    /// The key pair in `<home>/keys/`, or None when no key has been made yet. A key under a
    /// passphrase is opened through [`session::open`] (asked once per session).
    pub fn load(home: &Path) -> Result<Option<Identity>, IdentityError> {
        let dir = keys_dir(home);
        let (secret_path, public_path) = (dir.join(SECRET_FILE), dir.join(PUBLIC_FILE));
        let raw = match fs::read(&secret_path) {
            Ok(b) => Zeroizing::new(b),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err(&secret_path, e)),
        };
        let protected = vault::is_age(&raw);
        let plain = if protected {
            session::open(home, &secret_path, &raw).map_err(|shut| match shut {
                Shut::Locked => IdentityError::Locked(secret_path.clone()),
                Shut::WrongPassphrase => IdentityError::WrongPassphrase(secret_path.clone()),
                Shut::Damaged(OpenError::WrongPassphrase) => {
                    IdentityError::WrongPassphrase(secret_path.clone())
                }
                Shut::Damaged(e) => IdentityError::Damaged {
                    path: secret_path.clone(),
                    why: e.to_string(),
                },
            })?
        } else {
            raw
        };
        let malformed = |why: String| IdentityError::Malformed {
            path: secret_path.clone(),
            why,
        };
        let file: SecretFile =
            serde_json::from_slice(&plain).map_err(|e| malformed(e.to_string()))?;
        drop(plain);
        let upgrade = match (file.format.as_str(), &file.age_identity) {
            (SECRET_FORMAT, Some(_)) => false,
            (SECRET_FORMAT_V1, None) => true,
            (SECRET_FORMAT, None) => return Err(malformed("age_identity is missing".into())),
            (SECRET_FORMAT_V1, Some(_)) => {
                return Err(malformed("age_identity in a format 1 file".into()));
            }
            (other, _) => return Err(malformed(format!("format is {other:?}"))),
        };
        let seed = strict_hex::<32>(&file.secret_key)
            .map(Zeroizing::new)
            .ok_or_else(|| malformed("secret_key is not 64 lowercase hex digits".into()))?;
        let key = SigningKey::from_bytes(&seed);
        drop(seed);
        let age = match &file.age_identity {
            Some(text) => text
                .parse::<age::x25519::Identity>()
                .map_err(|_| malformed("age_identity is not an age X25519 identity".into()))?,
            None => age::x25519::Identity::generate(),
        };
        drop(file);

        let public_text = fs::read(&public_path).map_err(|e| io_err(&public_path, e))?;
        let info: MemberInfo =
            serde_json::from_slice(&public_text).map_err(|e| IdentityError::Malformed {
                path: public_path.clone(),
                why: e.to_string(),
            })?;
        // The name goes onto every sheet this key signs: one that would drive a terminal is
        // refused here as `key new` refuses it.
        if crate::display::has_unsafe(&info.name) {
            return Err(IdentityError::Malformed {
                path: public_path,
                why: "the name contains a control character or a direction override".into(),
            });
        }
        let recipient = age.to_public().to_string();
        if info.public_key != hex::encode(key.verifying_key().as_bytes())
            || info.age_recipient.as_ref().is_some_and(|r| *r != recipient)
        {
            return Err(IdentityError::Mismatch {
                public: public_path,
                secret: secret_path,
            });
        }
        let identity = Identity {
            name: info.name.clone(),
            key,
            age,
            protected,
        };
        if upgrade {
            // Format 1 had no age identity: add one, under the same protection (a format 1
            // file is always plain). The signing key is unchanged.
            let bytes = identity.secret_bytes(None);
            write_atomic(&secret_path, &bytes, Some(0o600), true)
                .map_err(|e| io_err(&secret_path, e))?;
        }
        if info.age_recipient.is_none() {
            identity.write_public(&public_path)?;
        }
        Ok(Some(identity))
    }

    /// Puts the secret key under `passphrase`, or with None takes it out from under any. The
    /// new file replaces the old atomically: an interruption leaves one or the other, both
    /// opening. This session then knows the new passphrase.
    pub fn set_passphrase(
        &mut self,
        home: &Path,
        passphrase: Option<SecretString>,
    ) -> Result<(), IdentityError> {
        let path = keys_dir(home).join(SECRET_FILE);
        // The workspace's data key is under the same passphrase: opened with the old one
        // (this session knows it, having opened the key), re-locked under the new one first,
        // so an interruption leaves the key file and the data key each opening with one of
        // the two passphrases, never neither.
        let data_path = Identity::data_key_path(home);
        if let Ok(locked) = fs::read(&data_path) {
            let Some(new) = passphrase.as_ref() else {
                return Err(IdentityError::DataKeyNeedsPassphrase(data_path));
            };
            let plain = session::open(home, &data_path, &locked)
                .map_err(|_| IdentityError::WrongPassphrase(data_path.clone()))?;
            let relocked = vault::lock_with_passphrase(&plain, new);
            write_atomic(&data_path, &relocked, Some(0o600), true)
                .map_err(|e| io_err(&data_path, e))?;
        }
        let bytes = self.secret_bytes(passphrase.as_ref());
        write_atomic(&path, &bytes, Some(0o600), true).map_err(|e| io_err(&path, e))?;
        session::forget(home);
        self.protected = passphrase.is_some();
        if let Some(p) = passphrase {
            session::remember(home, p);
        }
        Ok(())
    }

    /// Whether the key in `home` is kept under a passphrase (None: no key, or unreadable).
    pub fn is_protected_in(home: &Path) -> Option<bool> {
        let mut head = [0u8; 32];
        let mut f = fs::File::open(keys_dir(home).join(SECRET_FILE)).ok()?;
        let n = io::Read::read(&mut f, &mut head).ok()?;
        Some(vault::is_age(head.get(..n)?))
    }

    /// Whether this key was opened from a file under a passphrase.
    pub fn is_protected(&self) -> bool {
        self.protected
    }

    /// The age identity that opens sheets sealed to this reviewer. Never print or store it.
    pub fn age_identity(&self) -> &age::x25519::Identity {
        &self.age
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn verifying_key(&self) -> VerifyingKey {
        self.key.verifying_key()
    }

    /// Name, public key and fingerprint: what `key show --json` prints and a roster takes.
    pub fn public_info(&self) -> MemberInfo {
        MemberInfo::new(&self.name, &self.key.verifying_key())
            .with_age_recipient(&self.age.to_public())
    }

    /// Signs exact bytes.
    pub fn sign(&self, bytes: &[u8]) -> Signature {
        self.key.sign(bytes)
    }

    /// The signing key, for `sheet::sign_document`. Never print or store it.
    pub fn signing_key(&self) -> &SigningKey {
        &self.key
    }

    /// Where the key files live.
    pub fn keys_dir(home: &Path) -> PathBuf {
        keys_dir(home)
    }

    /// Where an encrypted workspace keeps its data key, under this key's passphrase.
    pub fn data_key_path(home: &Path) -> PathBuf {
        keys_dir(home).join(DATA_KEY_FILE)
    }
}

fn keys_dir(home: &Path) -> PathBuf {
    home.join(KEYS_DIR)
}

/// Something about the key files both front ends should show; the key still works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyWarning {
    /// The secret key's permissions let others than its owner read (or write) it.
    SecretTooOpen { path: PathBuf, mode: u32 },
}

impl Identity {
    /// Warnings about the key files in `<home>/keys/` (none when there is no key). On Unix, a
    /// secret key with any permission beyond 0600 (group or others) is named.
    pub fn warnings(home: &Path) -> Vec<KeyWarning> {
        let path = keys_dir(home).join(SECRET_FILE);
        let mut out = Vec::new();
        #[cfg(unix)]
        if let Ok(meta) = fs::metadata(&path) {
            use std::os::unix::fs::PermissionsExt;
            let mode = meta.permissions().mode() & 0o7777;
            if mode & 0o077 != 0 {
                out.push(KeyWarning::SecretTooOpen { path, mode });
            }
        }
        #[cfg(not(unix))]
        let _ = path;
        out
    }
}

/// Creates the keys folder readable by its owner only, whatever the umask (under `umask 000`
/// a plain `create_dir_all` makes it 0777). An existing folder open to others is closed.
fn make_private_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        let mode = fs::metadata(dir)?.permissions().mode() & 0o777;
        if mode != 0o700 {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    fs::create_dir_all(dir)
}

fn io_err(path: &Path, source: io::Error) -> IdentityError {
    IdentityError::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::Verifier;

    #[test]
    fn create_load_sign() {
        let home = tempfile::tempdir().unwrap();
        assert!(Identity::load(home.path()).unwrap().is_none());
        let id = Identity::create(home.path(), " 张三 ", false).unwrap();
        assert_eq!(id.name(), "张三");
        let loaded = Identity::load(home.path()).unwrap().unwrap();
        assert_eq!(loaded.public_info(), id.public_info());
        let sig = loaded.sign(b"hello");
        assert!(id.verifying_key().verify(b"hello", &sig).is_ok());
        // the secret is not in Debug output nor in the public file
        let secret_hex = hex::encode(id.signing_key().as_bytes());
        assert!(!format!("{id:?}").contains(&secret_hex));
        let public = fs::read_to_string(home.path().join("keys/reviewer.json")).unwrap();
        assert!(!public.contains(&secret_hex));
    }

    #[test]
    fn refuses_to_overwrite_unless_forced() {
        let home = tempfile::tempdir().unwrap();
        let first = Identity::create(home.path(), "张三", false).unwrap();
        let e = Identity::create(home.path(), "李四", false).unwrap_err();
        assert!(matches!(e, IdentityError::AlreadyExists(_)));
        let kept = Identity::load(home.path()).unwrap().unwrap();
        assert_eq!(kept.public_info(), first.public_info());
        let second = Identity::create(home.path(), "李四", true).unwrap();
        assert_ne!(
            second.public_info().public_key,
            first.public_info().public_key
        );
        assert_eq!(Identity::load(home.path()).unwrap().unwrap().name(), "李四");
    }

    #[cfg(unix)]
    #[test]
    fn secret_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let home = tempfile::tempdir().unwrap();
        Identity::create(home.path(), "张三", false).unwrap();
        let meta = fs::metadata(home.path().join("keys/reviewer.secret")).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    }

    /// Under `umask 000` the folder is still 0700 and the secret 0600; loosening the secret's
    /// permissions gives a warning naming the file.
    #[cfg(unix)]
    #[test]
    fn keys_folder_is_private_under_umask_000_and_loose_secret_warns() {
        use std::os::unix::fs::PermissionsExt;
        let home = tempfile::tempdir().unwrap();
        // umask is process-wide: set it only around the one call and restore it at once.
        // SAFETY: umask has no preconditions and cannot fail.
        let old = unsafe { libc::umask(0) };
        let made = Identity::create(home.path(), "张三", false);
        // SAFETY: as above.
        unsafe { libc::umask(old) };
        made.unwrap();
        let dir = home.path().join("keys");
        assert_eq!(
            fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
            0o700
        );
        let secret = dir.join("reviewer.secret");
        assert_eq!(
            fs::metadata(&secret).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert!(Identity::warnings(home.path()).is_empty());
        fs::set_permissions(&secret, fs::Permissions::from_mode(0o640)).unwrap();
        let w = Identity::warnings(home.path());
        assert_eq!(
            w,
            [KeyWarning::SecretTooOpen {
                path: secret.clone(),
                mode: 0o640
            }]
        );
        assert!(w[0].message(crate::lang::Lang::Zh).contains("0640"));
        assert!(w[0].message(crate::lang::Lang::En).contains("chmod 600"));
    }

    #[test]
    fn tampered_public_file_is_caught() {
        let home = tempfile::tempdir().unwrap();
        Identity::create(home.path(), "张三", false).unwrap();
        let other = MemberInfo::new("张三", &SigningKey::from_bytes(&[9; 32]).verifying_key());
        fs::write(
            home.path().join("keys/reviewer.json"),
            serde_json::to_vec(&other).unwrap(),
        )
        .unwrap();
        assert!(matches!(
            Identity::load(home.path()),
            Err(IdentityError::Mismatch { .. })
        ));
    }
}
