//! The leader's inputs to the overall evaluation (综合评价, 第十八条(五)), kept in the merge
//! folder as `synthesis.json`: per applicant, the advanced quality-management experience the
//! panel distilled (总结提炼先进质量管理经验) and the notes from a public evaluation or a
//! presentation with questions (公众评价、陈述答辩), which the award office may hold as input.
//!
//! Small on purpose: a text and a list of sourced notes per applicant, keyed by the application
//! number (申报编号). The 综合评价报告 prints them; the consensus screen edits them field by
//! field through [`Synthesis::text`] and [`Synthesis::replace`]. Pure data and rules: the
//! service reads and writes the file (atomically).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The format tag of `synthesis.json`.
pub const SYNTHESIS_FORMAT: &str = "scorebook-synthesis/1";

/// The longest text one field may hold, in characters: several pages of print, far more than
/// a distilled experience needs, and small enough that a wrong file given by mistake (a PDF,
/// a spreadsheet) is refused rather than printed.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Everything the leader recorded for the overall evaluation of one merge folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Synthesis {
    /// Always [`SYNTHESIS_FORMAT`].
    pub format: String,
    /// By application number (申报编号).
    #[serde(default)]
    pub applicants: BTreeMap<String, ApplicantSynthesis>,
}

impl Default for Synthesis {
    fn default() -> Self {
        Synthesis {
            format: SYNTHESIS_FORMAT.to_string(),
            applicants: BTreeMap::new(),
        }
    }
}

/// The overall evaluation inputs for one applicant.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicantSynthesis {
    /// 先进质量管理经验: the panel's distilled experience, paragraphs separated by blank lines.
    #[serde(default)]
    pub experience: String,
    /// 公众评价、陈述答辩: in the order they were recorded.
    #[serde(default)]
    pub notes: Vec<SynthesisNote>,
}

/// A note from an input the award office chose to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynthesisNote {
    pub source: NoteSource,
    pub text: String,
}

/// Where a note comes from (第十八条(五)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteSource {
    /// 公众评价.
    Public,
    /// 陈述答辩.
    Presentation,
}

impl NoteSource {
    /// The stable name, in the file and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            NoteSource::Public => "public",
            NoteSource::Presentation => "presentation",
        }
    }
}

/// One text of an applicant's overall-evaluation inputs, as the consensus screen edits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SynthesisField {
    /// 先进质量管理经验.
    Experience,
    /// The notes of one source (公众评价 or 陈述答辩), as one text.
    Notes(NoteSource),
}

impl SynthesisField {
    /// The fields in the order the screen visits them (Tab).
    pub const ALL: [SynthesisField; 3] = [
        SynthesisField::Experience,
        SynthesisField::Notes(NoteSource::Public),
        SynthesisField::Notes(NoteSource::Presentation),
    ];
}

/// Why a text was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SynthesisError {
    #[error("the text is empty")]
    Empty,
    #[error("the text has {chars} characters; at most {max} fit")]
    TooLong { chars: usize, max: usize },
    #[error("the text holds control characters other than line breaks and tabs")]
    ControlCharacters,
}

impl SynthesisError {
    pub fn code(self) -> &'static str {
        match self {
            SynthesisError::Empty => "empty",
            SynthesisError::TooLong { .. } => "too_long",
            SynthesisError::ControlCharacters => "control_characters",
        }
    }
}

/// The text as it is kept: byte order marks dropped, line ends as `\n`, trailing spaces of
/// each line and blank lines at both ends removed; refused when empty, too long or holding control characters (a binary
/// file given by mistake).
pub fn clean(text: &str) -> Result<String, SynthesisError> {
    // A byte order mark (an editor's, at the start, or pasted in) is no part of the text.
    let text: String = text.chars().filter(|c| *c != '\u{feff}').collect();
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(SynthesisError::ControlCharacters);
    }
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let cleaned = lines.join("\n").trim_matches('\n').to_string();
    if cleaned.trim().is_empty() {
        return Err(SynthesisError::Empty);
    }
    let chars = cleaned.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(SynthesisError::TooLong {
            chars,
            max: MAX_TEXT_CHARS,
        });
    }
    Ok(cleaned)
}

impl Synthesis {
    /// What was recorded for `applicant`, if anything.
    pub fn of(&self, applicant: &str) -> Option<&ApplicantSynthesis> {
        self.applicants.get(applicant)
    }

    /// Replaces the applicant's experience text.
    pub fn set_experience(&mut self, applicant: &str, text: &str) -> Result<(), SynthesisError> {
        let text = clean(text)?;
        self.applicants
            .entry(applicant.to_string())
            .or_default()
            .experience = text;
        Ok(())
    }

    /// Adds a note after the applicant's others; the same note twice is kept once.
    pub fn add_note(
        &mut self,
        applicant: &str,
        source: NoteSource,
        text: &str,
    ) -> Result<(), SynthesisError> {
        let note = SynthesisNote {
            source,
            text: clean(text)?,
        };
        let entry = self.applicants.entry(applicant.to_string()).or_default();
        if !entry.notes.contains(&note) {
            entry.notes.push(note);
        }
        Ok(())
    }

    /// A field as the consensus screen edits it: the experience, or the notes of one source
    /// joined by a blank line.
    pub fn text(&self, applicant: &str, field: SynthesisField) -> String {
        let Some(entry) = self.of(applicant) else {
            return String::new();
        };
        match field {
            SynthesisField::Experience => entry.experience.clone(),
            SynthesisField::Notes(source) => entry
                .notes
                .iter()
                .filter(|n| n.source == source)
                .map(|n| n.text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n"),
        }
    }

    /// Replaces a field with what the consensus screen holds: a blank text clears it, and the
    /// notes of a source become this one note (the screen shows them as one text). Control
    /// characters a paste brought (other than line breaks and tabs) are dropped, not refused:
    /// the leader typed the rest. Refused only when too long; then nothing changes.
    pub fn replace(
        &mut self,
        applicant: &str,
        field: SynthesisField,
        text: &str,
    ) -> Result<(), SynthesisError> {
        let text: String = text
            .chars()
            .filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
            .collect();
        let cleaned = match clean(&text) {
            Ok(t) => Some(t),
            Err(SynthesisError::Empty) => None,
            Err(e) => return Err(e),
        };
        match field {
            SynthesisField::Experience => match cleaned {
                Some(t) => self.set_experience(applicant, &t)?,
                None => {
                    if let Some(entry) = self.applicants.get_mut(applicant) {
                        entry.experience.clear();
                    }
                }
            },
            SynthesisField::Notes(source) => {
                self.clear_notes(applicant, Some(source));
                if let Some(t) = cleaned {
                    self.add_note(applicant, source, &t)?;
                }
            }
        }
        // An applicant with nothing recorded leaves no empty entry behind.
        if self
            .of(applicant)
            .is_some_and(|e| e.experience.is_empty() && e.notes.is_empty())
        {
            self.applicants.remove(applicant);
        }
        Ok(())
    }

    /// Drops the applicant's notes (all, or those of one source); returns how many went.
    pub fn clear_notes(&mut self, applicant: &str, source: Option<NoteSource>) -> usize {
        let Some(entry) = self.applicants.get_mut(applicant) else {
            return 0;
        };
        let before = entry.notes.len();
        entry
            .notes
            .retain(|n| source.is_some_and(|s| n.source != s));
        before - entry.notes.len()
    }
}

/// The paragraphs of a text (blank lines between them), for printing.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n")
        .map(|p| p.trim_matches('\n'))
        .filter(|p| !p.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_cleaned_and_bad_ones_refused() {
        assert_eq!(
            clean("\u{feff}\r\n  以顾客为中心的质量文化  \r\n\r\n第二段\r\n\r\n"),
            Ok("  以顾客为中心的质量文化\n\n第二段".to_string())
        );
        assert_eq!(clean(" \n\t\n"), Err(SynthesisError::Empty));
        assert_eq!(
            clean("%PDF-1.7\u{0}\u{1}"),
            Err(SynthesisError::ControlCharacters)
        );
        let long = "经".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(
            clean(&long),
            Err(SynthesisError::TooLong {
                chars: MAX_TEXT_CHARS + 1,
                max: MAX_TEXT_CHARS
            })
        );
        assert!(clean(&"经".repeat(MAX_TEXT_CHARS)).is_ok());
    }

    #[test]
    fn experience_replaces_notes_add_once_and_clear_by_source() {
        let mut s = Synthesis::default();
        s.set_experience("A1", "旧").unwrap();
        s.set_experience("A1", "新的经验").unwrap();
        assert_eq!(s.of("A1").unwrap().experience, "新的经验");
        s.add_note("A1", NoteSource::Public, "满意度 92%").unwrap();
        s.add_note("A1", NoteSource::Public, "满意度 92%\n")
            .unwrap();
        s.add_note("A1", NoteSource::Presentation, "答辩清楚")
            .unwrap();
        assert_eq!(s.of("A1").unwrap().notes.len(), 2);
        assert_eq!(s.clear_notes("A1", Some(NoteSource::Public)), 1);
        assert_eq!(
            s.of("A1").unwrap().notes[0].source,
            NoteSource::Presentation
        );
        assert_eq!(s.clear_notes("A1", None), 1);
        assert_eq!(s.clear_notes("A9", None), 0);
        // A refused text changes nothing.
        assert!(s.set_experience("A1", "").is_err());
        assert_eq!(s.of("A1").unwrap().experience, "新的经验");
    }

    proptest::proptest! {
        /// Cleaning never panics, keeps every non-space character in order, and a cleaned
        /// text cleans to itself (saving twice changes nothing).
        #[test]
        fn cleaning_keeps_the_words_and_is_idempotent(text in "[ \\t\\r\\n\\u{feff}a-z经验，。]{0,80}") {
            match clean(&text) {
                Ok(once) => {
                    proptest::prop_assert_eq!(clean(&once), Ok(once.clone()));
                    let words = |t: &str| t.chars().filter(|c| !c.is_whitespace() && *c != '\u{feff}').collect::<String>();
                    proptest::prop_assert_eq!(words(&once), words(&text));
                    proptest::prop_assert!(!once.starts_with('\n') && !once.ends_with('\n'));
                    proptest::prop_assert!(once.lines().all(|l| l == l.trim_end()));
                }
                Err(e) => proptest::prop_assert_eq!(e, SynthesisError::Empty),
            }
        }
    }

    /// The screen's view of the file: a source's notes are one text; replacing a field keeps
    /// the others, a blank text clears (and an emptied applicant leaves no entry), a paste's
    /// control characters are dropped.
    #[test]
    fn the_screen_replaces_one_field_and_blank_clears_it() {
        let mut s = Synthesis::default();
        s.add_note("A1", NoteSource::Public, "一").unwrap();
        s.add_note("A1", NoteSource::Public, "二").unwrap();
        s.add_note("A1", NoteSource::Presentation, "答辩").unwrap();
        let public = SynthesisField::Notes(NoteSource::Public);
        assert_eq!(s.text("A1", public), "一\n\n二");
        s.replace("A1", public, "一\n\n二，补充\u{7}").unwrap();
        assert_eq!(s.text("A1", public), "一\n\n二，补充");
        assert_eq!(
            s.of("A1").unwrap().notes.len(),
            2,
            "one note per source now"
        );
        s.replace("A1", SynthesisField::Experience, " 经验 ")
            .unwrap();
        assert_eq!(s.text("A1", SynthesisField::Experience), " 经验");
        s.replace("A1", SynthesisField::Experience, " \n ").unwrap();
        assert_eq!(s.text("A1", SynthesisField::Experience), "");
        assert_eq!(
            s.text("A1", SynthesisField::Notes(NoteSource::Presentation)),
            "答辩"
        );
        s.replace("A1", public, "").unwrap();
        s.replace("A1", SynthesisField::Notes(NoteSource::Presentation), "")
            .unwrap();
        assert!(s.of("A1").is_none(), "{s:?}");
        let long = "经".repeat(MAX_TEXT_CHARS + 1);
        assert!(s.replace("A1", public, &long).is_err());
        assert!(s.of("A1").is_none());
    }

    #[test]
    fn the_file_round_trips_and_refuses_unknown_fields() {
        let mut s = Synthesis::default();
        s.set_experience("A1", "经验").unwrap();
        s.add_note("A1", NoteSource::Presentation, "答辩").unwrap();
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains(r#""source":"presentation""#), "{json}");
        assert_eq!(serde_json::from_str::<Synthesis>(&json).unwrap(), s);
        let bad = r#"{"format": "scorebook-synthesis/1", "applicants": {}, "extra": 1}"#;
        assert!(serde_json::from_str::<Synthesis>(bad).is_err());
        assert_eq!(
            paragraphs("一\n\n\n二\n第二行").collect::<Vec<_>>(),
            ["一", "二\n第二行"]
        );
    }
}
