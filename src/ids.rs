//! The award's identifiers as types (issue 8): an application number is not an item code, and a
//! round id is not a content hash, though all four are strings in the files. A function that
//! takes an [`ApplicantId`] cannot be handed an [`ItemCode`] by mistake.
//!
//! Each id is a string newtype, serialised transparently (the file formats of `docs/` are
//! unchanged) and read-only once built. It reads as the `str` it wraps (`Deref`, `AsRef<str>`,
//! `Borrow<str>`, comparisons with `str`), so maps keyed by an id are searched with a plain
//! `&str`, and code that only reads an id needs no change. Building one is explicit
//! (`ApplicantId::from(..)`, `.into()`): that is where the type is checked.
//!
//! A leaf: it imports nothing from the crate, so every layer may use it.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

/// Declares a string id: the newtype, its constructors and the traits that let it read as `str`.
macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id as written in the files.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The string inside, for an API that takes ownership of one.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        // Derived Eq, Ord and Hash of a one-field newtype are those of the String, hence of the
        // str: the contract `Borrow` asks for, so `map.get("A1")` finds the key `A1`.
        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_string())
            }
        }

        impl From<&String> for $name {
            fn from(s: &String) -> Self {
                $name(s.clone())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }
    };
}

string_id! {
    /// 申报编号 — an applicant's id: the office's application number for an applicant imported
    /// from a round (the one id that matches across laptops), a short local id (`A1`, `示例`)
    /// for one added by hand. Sheets name their applicant by it; the merge groups by it.
    ApplicantId
}

string_id! {
    /// 评审轮次编号 — a round's id (`round_id` of the round file, `round.id` of a sheet):
    /// the same through every version of the round (docs/round-format.md).
    RoundId
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};

    use super::*;

    #[test]
    fn an_id_is_written_as_its_bare_string() {
        let id = RoundId::from("2023-jinshan");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"2023-jinshan\"");
        let back: RoundId = serde_json::from_str("\"2023-jinshan\"").unwrap();
        assert_eq!(back, id);
        assert_eq!(id.to_string(), "2023-jinshan");
    }

    #[test]
    fn maps_keyed_by_an_id_are_searched_with_a_str() {
        let tree: BTreeMap<RoundId, u8> = [(RoundId::from("b"), 2), (RoundId::from("a"), 1)]
            .into_iter()
            .collect();
        assert_eq!(tree.get("a"), Some(&1));
        assert_eq!(tree.keys().next().map(RoundId::as_str), Some("a"));
        let hash: HashMap<RoundId, u8> = [(RoundId::from("x"), 9)].into_iter().collect();
        assert_eq!(hash.get("x"), Some(&9));
        assert_eq!(hash.get("y"), None);
    }

    #[test]
    fn an_id_compares_with_strings_both_ways() {
        let id = RoundId::from("r1");
        let owned = String::from("r1");
        assert_eq!(id, "r1");
        assert_eq!("r1", id);
        assert_eq!(id, *"r1");
        assert_eq!(id, owned);
        assert_eq!(owned, id);
        assert_ne!(id, "r2");
        assert_eq!(id.len(), 2);
    }
}
