//! The reviewer's own key pair on disk: `<home>/keys/reviewer.secret` (mode 0600) and
//! `<home>/keys/reviewer.json` (name, public key, fingerprint).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use super::atomic::write_atomic;
use super::member::{MemberInfo, strict_hex};

/// The tag in the secret key file.
pub const SECRET_FORMAT: &str = "scorebook-secret-key/1";
const KEYS_DIR: &str = "keys";
const SECRET_FILE: &str = "reviewer.secret";
const PUBLIC_FILE: &str = "reviewer.json";

/// The reviewer's signing identity (评审专家身份). Debug output never shows the secret.
pub struct Identity {
    name: String,
    key: SigningKey,
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
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SecretFile {
    format: String,
    /// The 32-byte Ed25519 secret key (seed), lowercase hex.
    secret_key: String,
}

impl Identity {
    /// A new key pair for `name`, saved in `<home>/keys/`. Refuses to replace an existing key
    /// unless `force`.
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
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| IdentityError::Random(e.to_string()))?;
        let identity = Identity {
            name: name.to_string(),
            key: SigningKey::from_bytes(&seed),
        };
        seed.fill(0);

        make_private_dir(&dir).map_err(|e| io_err(&dir, e))?;
        let mut secret = serde_json::to_vec_pretty(&SecretFile {
            format: SECRET_FORMAT.to_string(),
            secret_key: hex::encode(identity.key.as_bytes()),
        })
        .expect("a secret file always serialises");
        secret.push(b'\n');
        let written = write_atomic(&secret_path, &secret, Some(0o600), force);
        secret.fill(0);
        written.map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => IdentityError::AlreadyExists(dir.clone()),
            _ => io_err(&secret_path, e),
        })?;

        let mut public = serde_json::to_vec_pretty(&identity.public_info())
            .expect("member info always serialises");
        public.push(b'\n');
        write_atomic(&public_path, &public, Some(0o644), true)
            .map_err(|e| io_err(&public_path, e))?;
        Ok(identity)
    }

    /// The key pair in `<home>/keys/`, or None when no key has been made yet.
    pub fn load(home: &Path) -> Result<Option<Identity>, IdentityError> {
        let dir = keys_dir(home);
        let (secret_path, public_path) = (dir.join(SECRET_FILE), dir.join(PUBLIC_FILE));
        let mut secret_text = match fs::read(&secret_path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err(&secret_path, e)),
        };
        let parsed: Result<SecretFile, _> = serde_json::from_slice(&secret_text);
        secret_text.fill(0);
        let malformed = |why: String| IdentityError::Malformed {
            path: secret_path.clone(),
            why,
        };
        let mut file = parsed.map_err(|e| malformed(e.to_string()))?;
        if file.format != SECRET_FORMAT {
            return Err(malformed(format!("format is {:?}", file.format)));
        }
        let seed = strict_hex::<32>(&file.secret_key);
        file.secret_key.clear();
        let mut seed =
            seed.ok_or_else(|| malformed("secret_key is not 64 lowercase hex digits".into()))?;
        let key = SigningKey::from_bytes(&seed);
        seed.fill(0);

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
        if info.public_key != hex::encode(key.verifying_key().as_bytes()) {
            return Err(IdentityError::Mismatch {
                public: public_path,
                secret: secret_path,
            });
        }
        Ok(Some(Identity {
            name: info.name,
            key,
        }))
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
