//! The comment check's word lists for this home: `<home>/criteria/comment-check.json` when the
//! award office placed one there, else the embedded file. A bad override is reported (file,
//! JSON path, line) and the embedded rules are used: a typo in a word list never stops a
//! reviewer's day, and never silently turns the check off.

use std::path::{Path, PathBuf};

use crate::framework::error::DataError;
use crate::program::catalog::read_capped;
use crate::review::CommentRules;
use crate::review::comment_check::COMMENT_CHECK_FILE;

/// Where the override lives.
pub fn override_path(home: &Path) -> PathBuf {
    home.join("criteria").join(COMMENT_CHECK_FILE)
}

/// The rules to run with, and the problems of an override that was not used.
pub fn load(home: &Path) -> (CommentRules, Vec<DataError>) {
    let path = override_path(home);
    if !path.exists() {
        return (CommentRules::embedded().clone(), Vec::new());
    }
    let file = format!("criteria/{COMMENT_CHECK_FILE}");
    match read_capped(&path, &file)
        .map_err(|e| vec![e])
        .and_then(|bytes| CommentRules::load(&file, &bytes))
    {
        Ok(rules) => (rules, Vec::new()),
        Err(problems) => (CommentRules::embedded().clone(), problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_override_is_the_embedded_rules() {
        let home = tempfile::tempdir().unwrap();
        let (rules, problems) = load(home.path());
        assert_eq!(&rules, CommentRules::embedded());
        assert!(problems.is_empty());
    }

    #[test]
    fn an_override_replaces_and_a_bad_one_is_reported() {
        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(home.path().join("criteria")).unwrap();
        let mut text: serde_json::Value =
            serde_json::from_str(include_str!("../../criteria/comment-check.json")).unwrap();
        text["prescriptive"] = serde_json::json!(["Try To"]);
        std::fs::write(override_path(home.path()), text.to_string()).unwrap();
        let (rules, problems) = load(home.path());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(rules.prescriptive, ["try to"]);

        std::fs::write(
            override_path(home.path()),
            "{\n  \"format\": \"scorebook-comment-check/1\",\n  \"prescriptive\": 3\n}",
        )
        .unwrap();
        let (rules, problems) = load(home.path());
        assert_eq!(&rules, CommentRules::embedded());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].file, "criteria/comment-check.json");
        assert_eq!(problems[0].path.to_string(), "$.prescriptive");
        assert_eq!(problems[0].line, Some(3));
    }
}
