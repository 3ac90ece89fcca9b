//! Signed score sheets: canonical bytes, sign, verify, format versions.
//!
//! Pure: no files, no clock. The envelope ([`envelope`]) is shared by every signed document
//! kind; [`build`] turns a review into a sheet payload, [`sign_sheet`] signs it, and
//! [`verify_sheet`] checks a file end to end.

// The core takes values from files and people: none of them may panic it (issue 8). Tests
// may (their failures are panics); clippy.toml allows unwrap and indexing there.
// clippy::indexing_slicing joins these once this module's bounds-checked indexing is rewritten
// with `get` (`cargo clippy --lib -- -W clippy::indexing_slicing` lists it); framework and
// program have it already.
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod build;
pub mod envelope;
pub mod model;
pub mod recusal;
pub mod verify;

pub use build::{BuildError, SheetMeta, band_label, build, round_of};
pub use envelope::{
    EnvelopeError, MAX_DOCUMENT_BYTES, Verified, document_hash, sign_document, verify_document,
};
pub use model::*;
pub use recusal::{
    RECUSAL_FORMAT, RECUSAL_FORMAT_VERSION, Recusal, VerifiedRecusal, sign_recusal, verify_recusal,
};
pub use verify::{VerifiedSheet, VerifyError, check_sheet, parse_sheet, verify_sheet};

use ed25519_dalek::SigningKey;

use crate::canonical;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    #[error("the document names reviewer key {named}, but the signing key is {actual}")]
    WrongKey { named: String, actual: String },
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
}

/// Signs a sheet (score or consensus) with the key it names; returns the file bytes.
pub fn sign_sheet(sheet: &Sheet, key: &SigningKey) -> Result<Vec<u8>, SignError> {
    // A value with no canonical form (the writer refuses what the checker would) is refused
    // here rather than signed.
    let payload = canonical::to_canonical(sheet)
        .map_err(|e| EnvelopeError::PayloadNotCanonical(e.to_string()))?;
    sign_as(sheet.kind, &sheet.reviewer, &payload, key)
}

/// Signs canonical payload bytes of `kind` with `key`, which must be the one `reviewer` names.
pub(crate) fn sign_as(
    kind: DocumentKind,
    reviewer: &ReviewerRef,
    payload: &[u8],
    key: &SigningKey,
) -> Result<Vec<u8>, SignError> {
    let actual = hex::encode(key.verifying_key().as_bytes());
    if reviewer.public_key != actual {
        return Err(SignError::WrongKey {
            named: reviewer.public_key.clone(),
            actual,
        });
    }
    Ok(sign_document(kind.payload_type(), payload, key)?)
}
