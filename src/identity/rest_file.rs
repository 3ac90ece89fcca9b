//! The at-rest container (`scorebook-at-rest/1`, 工作区加密文件): how an encrypted home keeps
//! each applicant file, copy and consensus draft. A standard AEAD — AES-256-GCM through `ring`
//! (AES-NI/VAES and carry-less multiply in assembly) — under a key derived with HKDF-SHA-256
//! from the home's data key; a random 96-bit nonce per file; the whole header authenticated.
//! Never a cipher of our own: only the layout below is ours (docs/security.md §4.1).
//!
//! ```text
//! offset  length  field
//!  0      20      magic   "scorebook-at-rest/1\n"
//! 20      16      key id  HKDF-SHA-256(ikm, salt = none, info = "scorebook-at-rest/1 key id")
//! 36      12      nonce   random, fresh for every file written
//! 48      n       ciphertext of the n plain bytes
//! 48 + n  16      GCM tag; the additional authenticated data is bytes 0..48 (the header)
//! AES key = HKDF-SHA-256(ikm, salt = none, info = "scorebook-at-rest/1 AES-256-GCM key")
//! ikm = the data key as age writes it: the ASCII line "AGE-SECRET-KEY-1…" (upper case)
//! ```
//!
//! Why not age, as before: sealing each autosave to the data key's X25519 recipient cost an
//! ephemeral key and a key exchange per file (two scalar multiplications) plus
//! ChaCha20-Poly1305 in portable code — three times a plain save of a 100 KB applicant. The
//! symmetric key needs no exchange, and AES-GCM in `ring`'s assembly runs at several GB/s on a
//! reviewer's laptop (benches/seal.rs, "autosave parts"). Files sealed the old way (age) still
//! open with the same data key ([`crate::workspace::AtRest`]).
//!
//! Why a key id: a file from another home (copied over, restored from the wrong backup) is
//! named as sealed for another key rather than as damaged. It is a one-way derivation of the
//! key and tells nothing about it.
//!
//! Nonces are random: with 2^32 files under one key the chance that two share a nonce stays
//! below 2^-32 (NIST SP 800-38D §8.3); a home writes a few thousand files a day.

use age::secrecy::ExposeSecret;
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::hkdf;
use zeroize::Zeroizing;

use super::vault::OpenError;

/// The first bytes of every at-rest file.
pub const MAGIC: &[u8] = b"scorebook-at-rest/1\n";
/// The key id's length.
pub const KEY_ID_LEN: usize = 16;
/// Magic, key id and nonce: the additional authenticated data.
pub const HEADER_LEN: usize = MAGIC.len() + KEY_ID_LEN + NONCE_LEN;
/// The GCM tag after the ciphertext.
pub const TAG_LEN: usize = 16;

const INFO_KEY: &[u8] = b"scorebook-at-rest/1 AES-256-GCM key";
const INFO_ID: &[u8] = b"scorebook-at-rest/1 key id";

/// Whether these bytes are an at-rest file (as opposed to a plain JSON file or an age file).
pub fn is_rest_file(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// A home's at-rest key, derived from its data key: seals and opens at-rest files.
#[derive(Clone)]
pub struct RestKey {
    key: LessSafeKey,
    id: [u8; KEY_ID_LEN],
}

impl std::fmt::Debug for RestKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The key id is public (it is in every file); the key is never shown.
        f.debug_struct("RestKey")
            .field("id", &hex::encode(self.id))
            .finish_non_exhaustive()
    }
}

/// An HKDF output length for ring's `expand`.
struct Len(usize);

impl hkdf::KeyType for Len {
    fn len(&self) -> usize {
        self.0
    }
}

impl RestKey {
    /// The key derived from `ikm` (the data key's secret bytes as age writes them).
    pub fn derive(ikm: &[u8]) -> RestKey {
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, &[]).extract(ikm);
        let mut key = Zeroizing::new([0u8; 32]);
        let mut id = [0u8; KEY_ID_LEN];
        // Both lengths are far below HKDF-SHA-256's limit (255 × 32 bytes): these cannot fail.
        prk.expand(&[INFO_KEY], Len(32))
            .and_then(|okm| okm.fill(key.as_mut_slice()))
            .expect("32 bytes of HKDF-SHA-256");
        prk.expand(&[INFO_ID], Len(KEY_ID_LEN))
            .and_then(|okm| okm.fill(&mut id))
            .expect("16 bytes of HKDF-SHA-256");
        let unbound = UnboundKey::new(&AES_256_GCM, key.as_slice()).expect("a 32-byte key");
        RestKey {
            key: LessSafeKey::new(unbound),
            id,
        }
    }

    /// The key of a home whose data key is `identity`.
    pub fn of_identity(identity: &age::x25519::Identity) -> RestKey {
        let text = identity.to_string();
        RestKey::derive(text.expose_secret().as_bytes())
    }

    /// The key id every file sealed with this key carries.
    pub fn id(&self) -> [u8; KEY_ID_LEN] {
        self.id
    }

    /// `plain` sealed with a fresh random nonce.
    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_LEN];
        // As for every key this program makes: without the OS's random source nothing can be
        // sealed safely, and a fixed nonce is never an option.
        getrandom::fill(&mut nonce).expect("the operating system's random source");
        self.seal_with_nonce(nonce, plain)
    }

    /// `plain` sealed with the given nonce: only [`RestKey::seal`] and the test vector use it (a
    /// nonce must never be reused under one key).
    pub(crate) fn seal_with_nonce(&self, nonce: [u8; NONCE_LEN], plain: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN + plain.len() + TAG_LEN);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.id);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(plain);
        let (header, body) = out.split_at_mut(HEADER_LEN);
        let tag = self
            .key
            .seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(&*header),
                body,
            )
            .expect("a file far below AES-GCM's 64 GiB limit");
        out.extend_from_slice(tag.as_ref());
        out
    }

    /// The plain bytes of an at-rest file: [`OpenError::NotForUs`] when it names another key,
    /// [`OpenError::Damaged`] when it is cut short or any byte was altered.
    pub fn open(&self, bytes: &[u8]) -> Result<Zeroizing<Vec<u8>>, OpenError> {
        if !is_rest_file(bytes) {
            return Err(OpenError::Damaged("not a scorebook-at-rest/1 file".into()));
        }
        if bytes.len() < HEADER_LEN + TAG_LEN {
            return Err(OpenError::Damaged(format!(
                "cut short: {} bytes, an at-rest file has at least {}",
                bytes.len(),
                HEADER_LEN + TAG_LEN
            )));
        }
        let (header, body) = bytes.split_at(HEADER_LEN);
        let (id, nonce) = header[MAGIC.len()..].split_at(KEY_ID_LEN);
        if id != self.id {
            return Err(OpenError::NotForUs);
        }
        let nonce = Nonce::try_assume_unique_for_key(nonce).expect("12 bytes");
        let mut plain = Zeroizing::new(body.to_vec());
        let len = self
            .key
            .open_in_place(nonce, Aad::from(header), plain.as_mut_slice())
            .map_err(|_| {
                OpenError::Damaged(
                    "altered or cut short: the authentication tag does not match".into(),
                )
            })?
            .len();
        plain.truncate(len);
        Ok(plain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The data key whose 32 secret bytes are 00 01 02 … 1f.
    const VECTOR_IKM: &str =
        "AGE-SECRET-KEY-1QQQSYQCYQ5RQWZQFPG9SCRGWPUGPZYSNZS23V9CCRYDPK8QARC0SWRYDWG";
    const VECTOR_NONCE: [u8; 12] = [
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
    ];
    const VECTOR_PLAIN: &str = "{\"name\":\"某某精密机械有限公司\"}\n";
    const SECURITY_MD: &str = include_str!("../../docs/security.md");

    /// The test vector as docs/security.md §4.1 prints it: the key id, and the file's hex on the
    /// indented lines after `file (hex)`.
    fn documented() -> (String, String) {
        let mut lines = SECURITY_MD.lines();
        let id = lines
            .by_ref()
            .find_map(|l| l.strip_prefix("key id"))
            .expect("the key id line")
            .trim()
            .to_owned();
        lines
            .by_ref()
            .find(|l| l.starts_with("file (hex)"))
            .expect("the file (hex) line");
        let file = lines
            .take_while(|l| l.starts_with("  "))
            .map(str::trim)
            .collect();
        (id, file)
    }

    /// The test vector of docs/security.md §4.1, computed independently with Python's
    /// `cryptography` (the functions printed there): a fixed data key, nonce and plain text.
    #[test]
    fn the_documented_test_vector_holds() {
        let (id, file) = documented();
        let key = RestKey::derive(VECTOR_IKM.as_bytes());
        assert!(
            SECURITY_MD.contains(VECTOR_IKM) && SECURITY_MD.contains("000102030405060708090a0b")
        );
        assert_eq!(hex::encode(key.id()), id);
        let sealed = key.seal_with_nonce(VECTOR_NONCE, VECTOR_PLAIN.as_bytes());
        assert_eq!(hex::encode(&sealed), file);
        assert_eq!(
            key.open(&sealed).unwrap().as_slice(),
            VECTOR_PLAIN.as_bytes()
        );
    }

    #[test]
    fn the_key_of_an_age_identity_is_derived_from_its_text() {
        let identity: age::x25519::Identity = VECTOR_IKM.parse().unwrap();
        assert_eq!(
            RestKey::of_identity(&identity).id(),
            RestKey::derive(VECTOR_IKM.as_bytes()).id()
        );
    }

    #[test]
    fn round_trip_with_fresh_nonces() {
        let key = RestKey::of_identity(&age::x25519::Identity::generate());
        let plain = "评语：客户名单与关键工艺参数".repeat(5000);
        let a = key.seal(plain.as_bytes());
        let b = key.seal(plain.as_bytes());
        assert!(is_rest_file(&a));
        assert_ne!(a, b, "a fresh nonce per file");
        assert_eq!(a.len(), HEADER_LEN + plain.len() + TAG_LEN);
        assert!(!a.windows(6).any(|w| w == "评语".as_bytes()));
        assert_eq!(key.open(&a).unwrap().as_slice(), plain.as_bytes());
        assert_eq!(key.open(&key.seal(b"")).unwrap().as_slice(), b"");
    }

    #[test]
    fn another_homes_file_is_named_so() {
        let ours = RestKey::of_identity(&age::x25519::Identity::generate());
        let theirs = RestKey::of_identity(&age::x25519::Identity::generate());
        let c = theirs.seal(b"{}");
        assert_eq!(ours.open(&c).unwrap_err(), OpenError::NotForUs);
    }

    #[test]
    fn every_cut_and_every_altered_byte_is_damaged_never_a_panic() {
        let key = RestKey::of_identity(&age::x25519::Identity::generate());
        let c = key.seal(b"{\"text\":\"strength\"}");
        for cut in MAGIC.len()..c.len() {
            let e = key.open(&c[..cut]).unwrap_err();
            assert!(
                matches!(e, OpenError::Damaged(_) | OpenError::NotForUs),
                "cut {cut}: {e:?}"
            );
        }
        for at in 0..c.len() {
            let mut t = c.clone();
            t[at] ^= 0x40;
            let e = key.open(&t).unwrap_err();
            // An altered key id names another key; anything else is damage.
            let id = MAGIC.len()..MAGIC.len() + KEY_ID_LEN;
            if id.contains(&at) {
                assert_eq!(e, OpenError::NotForUs, "byte {at}");
            } else {
                assert!(matches!(e, OpenError::Damaged(_)), "byte {at}: {e:?}");
            }
        }
    }
}
