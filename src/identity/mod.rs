//! Reviewer keys (评审专家密钥): create, load, fingerprint. The secret stays in `<home>/keys/`
//! and never appears in a sheet, an export or any output; under a passphrase it is an age file
//! (保密, 第二十一条), opened once per session ([`session`]).

pub mod atomic;
pub mod member;
pub mod rest_file;
pub mod role;
pub mod session;
pub mod store;
pub mod vault;

pub use atomic::write_atomic;
pub use member::{MemberInfo, PublicKeyError, fingerprint, parse_public_key, parse_recipient};
pub use role::Role;
pub use store::{Identity, IdentityError, KeyWarning};
