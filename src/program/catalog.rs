//! Every framework and programme the app knows: the embedded editions, plus files in
//! `<home>/criteria/` that add or override by id.
//!
//! (First cut: embedded data, content hashes. Validation and home overrides are being built.)

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::framework::Framework;
use crate::program::Program;

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Embedded(&'static str),
    File(PathBuf),
}

/// A loaded, validated document with its content hash.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub doc: T,
    /// SHA-256 (lowercase hex) of the RFC 8785 canonical JSON of the document.
    pub hash: String,
    pub origin: Origin,
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub frameworks: Vec<Loaded<Framework>>,
    pub programs: Vec<Loaded<Program>>,
}

/// The editions built into the binary: (file name, contents).
pub const EMBEDDED_FRAMEWORKS: &[(&str, &str)] = &[
    (
        "gbt19580-2012.json",
        include_str!("../../criteria/frameworks/gbt19580-2012.json"),
    ),
    (
        "db31t598.json",
        include_str!("../../criteria/frameworks/db31t598.json"),
    ),
];
pub const EMBEDDED_PROGRAMS: &[(&str, &str)] = &[(
    "jinshan-2023.json",
    include_str!("../../criteria/programs/jinshan-2023.json"),
)];

/// SHA-256 of the canonical (RFC 8785) serialisation: stable across whitespace and key order.
pub fn content_hash<T: serde::Serialize>(doc: &T) -> String {
    let canonical = serde_jcs::to_vec(doc).expect("a loaded document always serialises");
    hex::encode(Sha256::digest(&canonical))
}

impl Catalog {
    /// The embedded editions only. They are checked by the test suite, so a failure here is a
    /// build defect, reported rather than hidden.
    pub fn embedded() -> Catalog {
        let mut c = Catalog::default();
        for (name, text) in EMBEDDED_FRAMEWORKS {
            match serde_json::from_str::<Framework>(text) {
                Ok(doc) => c.frameworks.push(Loaded {
                    hash: content_hash(&doc),
                    doc,
                    origin: Origin::Embedded(name),
                }),
                Err(e) => eprintln!("scorebook: embedded {name} is invalid: {e}"),
            }
        }
        for (name, text) in EMBEDDED_PROGRAMS {
            match serde_json::from_str::<Program>(text) {
                Ok(doc) => c.programs.push(Loaded {
                    hash: content_hash(&doc),
                    doc,
                    origin: Origin::Embedded(name),
                }),
                Err(e) => eprintln!("scorebook: embedded {name} is invalid: {e}"),
            }
        }
        c
    }

    pub fn framework(&self, id: &str) -> Option<&Loaded<Framework>> {
        self.frameworks.iter().find(|f| f.doc.id == id)
    }

    pub fn framework_by_hash(&self, hash: &str) -> Option<&Loaded<Framework>> {
        self.frameworks.iter().find(|f| f.hash == hash)
    }

    pub fn program(&self, id: &str) -> Option<&Loaded<Program>> {
        self.programs.iter().find(|p| p.doc.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalog_loads() {
        let c = Catalog::embedded();
        assert!(c.framework("gbt19580-2012").is_some());
        assert!(c.program("jinshan-2023").is_some());
        let f = c.framework("gbt19580-2012").unwrap();
        assert_eq!(f.hash.len(), 64);
    }
}
