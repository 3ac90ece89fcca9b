//! The reviewer's settings (`<home>/config.json`): name, language, where they left off, and
//! their key overrides. Unknown fields are ignored so an older Scorebook can read a newer file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// The reviewer's name as it appears on sheets (评审员姓名). Asked at first run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewer_name: Option<String>,
    /// Interface language chosen by the reviewer; `--lang` overrides it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// Where the reviewer was, so the app reopens there after a restart or a crash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_position: Option<Position>,
    /// Key overrides: action name → key, e.g. `"add_strength": "S"`. The TUI's key map
    /// defines the names and validates the keys.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub keys: BTreeMap<String, String>,
    /// The demo applicant (示例) has been created once; removing it does not bring it back.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub demo_created: bool,
    /// Whether the app seals exported sheets to the round's leader (密封发送给组长), as the
    /// reviewer last set it in the export dialog; unset: on wherever the round allows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seal_exports: Option<bool>,
}

/// A place in the app: applicant, screen name (the TUI's), and optionally the item code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub applicant: String,
    pub screen: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// A text field open at that place, so a restart after a crash (kill -9, power cut) opens
    /// it again with the cursor where it was; its text is in the applicant already.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editing: Option<Editing>,
}

/// An open text field: what it edits, as the TUI names it (e.g. `comment/strengths/2/text`),
/// and the cursor (line, column in characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Editing {
    pub target: String,
    pub line: usize,
    pub column: usize,
}
