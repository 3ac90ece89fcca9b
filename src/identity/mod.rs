//! Reviewer keys (评审专家密钥): create, load, fingerprint. The secret stays in `<home>/keys/`
//! and never appears in a sheet, an export or any output.

pub mod atomic;
pub mod member;
pub mod role;
pub mod store;

pub use atomic::write_atomic;
pub use member::{MemberInfo, PublicKeyError, fingerprint, parse_public_key};
pub use role::Role;
pub use store::{Identity, IdentityError, KeyWarning};
