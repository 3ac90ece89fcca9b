//! The demo applicant (示例): a fictional company, partly scored on GB/T 19580, so that a new
//! reviewer sees a real walk at once. Content is data (`criteria/demo/demo-applicant.json`);
//! this file only turns it into an [`Applicant`], clearly marked `demo` and removable.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::model::{Applicant, ConflictDeclaration, EligibilityAnswer, ItemReview, Review, Stage};
use crate::lang::Text;

/// The format tag of the demo file.
pub const DEMO_FORMAT: &str = "scorebook-demo/1";

const EMBEDDED: &str = include_str!("../../criteria/demo/demo-applicant.json");

/// The demo file as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoData {
    pub format: String,
    /// What the demo is (shown where the demo is explained).
    pub about: Text,
    pub id: String,
    pub name: String,
    pub program: String,
    pub track: String,
    /// The framework the document review is scored on.
    pub framework: String,
    pub key_factors: Vec<String>,
    pub eligibility: BTreeMap<String, EligibilityAnswer>,
    /// Document-review work by item code.
    pub document: BTreeMap<String, ItemReview>,
}

impl DemoData {
    /// Parses a demo file; the error names the JSON path and line.
    pub fn from_json(text: &str) -> Result<DemoData, String> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let d: DemoData = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            format!(
                "demo-applicant.json at {path}, line {}: {inner}",
                inner.line()
            )
        })?;
        if d.format != DEMO_FORMAT {
            return Err(format!(
                "demo-applicant.json: format is '{}', expected '{DEMO_FORMAT}'",
                d.format
            ));
        }
        Ok(d)
    }

    /// The built-in demo (checked against the embedded framework by the test suite).
    pub fn embedded() -> Result<&'static DemoData, &'static str> {
        static DEMO: OnceLock<Result<DemoData, String>> = OnceLock::new();
        DEMO.get_or_init(|| DemoData::from_json(EMBEDDED))
            .as_ref()
            .map_err(String::as_str)
    }

    /// The demo as an applicant in document review, conflict declared "none" at `now`.
    pub fn to_applicant(&self, framework_hash: &str, now: &str) -> Applicant {
        let mut document = Review::new(Stage::DocumentReview, &self.framework, framework_hash);
        document.items = self.document.clone();
        Applicant {
            id: self.id.as_str().into(),
            name: self.name.clone(),
            program: self.program.clone(),
            track: self.track.clone(),
            demo: true,
            origin: super::Origin::Local,
            conflict: ConflictDeclaration::NoConflict {
                declared_at: now.to_string(),
            },
            key_factors: self.key_factors.clone(),
            eligibility: self.eligibility.clone(),
            document,
            site: None,
            created_at: now.to_string(),
        }
    }
}

/// The embedded demo file could not be read: a build defect, reported rather than hidden.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the built-in demo applicant is unreadable: {0}")]
pub struct DemoError(pub String);

/// The demo applicant (示例), scored on the framework whose catalog hash is given; `now` is the
/// RFC 3339 time of creation. Fails only if the embedded file is broken (the tests prevent it).
pub fn demo_applicant(framework_hash: &str, now: &str) -> Result<Applicant, DemoError> {
    DemoData::embedded()
        .map(|d| d.to_applicant(framework_hash, now))
        .map_err(|e| DemoError(e.to_string()))
}
