//! Text typed into the app's dialogs and not yet part of an applicant (草稿): what Esc kept
//! in a dialog, and the text of a dialog open when the app was killed. Kept in
//! `<home>/workspace/drafts/typed.json`, written like an applicant file (atomically, sealed
//! when the home is encrypted at rest) and never in `config.json`, which is plain: a planned
//! site-visit issue or an outcome's note holds the applicant's words.
//!
//! The keys are the app's own (e.g. `issue:A1:4.2.3`, `note:A1:4.2.3:0`); the workspace only
//! keeps them. Unknown fields are ignored so an older Scorebook reads a newer file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Typed text by the dialog (and applicant, item) it belongs to.
pub type Drafts = BTreeMap<String, String>;

/// The file as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct DraftsFile {
    pub drafts: Drafts,
}
