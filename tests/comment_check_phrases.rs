//! The comment check against real examiner Chinese (issue 11): every phrase of
//! `tests/fixtures/comment-check/phrases.json` gives exactly the expected prescriptive and
//! verdict words, and has an evidence reference or not, under the embedded word lists.

use scorebook::review::comment_check::check_comment;
use scorebook::review::{Comment, CommentRules, WarningKind};

#[derive(serde::Deserialize)]
struct Case {
    text: String,
    prescriptive: Vec<String>,
    verdict: Vec<String>,
    evidence: bool,
}

#[derive(serde::Deserialize)]
struct Cases {
    cases: Vec<Case>,
}

#[test]
fn each_phrase_gives_exactly_the_expected_warning_or_none() {
    let cases: Cases =
        serde_json::from_str(include_str!("fixtures/comment-check/phrases.json")).unwrap();
    assert!(cases.cases.len() >= 28);
    let mut wrong = Vec::new();
    for case in &cases.cases {
        let comment = Comment {
            text: case.text.clone(),
            ..Comment::default()
        };
        let kinds = check_comment(CommentRules::embedded(), &comment);
        let mut prescriptive = Vec::new();
        let mut verdict = Vec::new();
        let mut evidence = true;
        for k in kinds {
            match k {
                WarningKind::Prescriptive { words } => prescriptive = words,
                WarningKind::Verdict { words } => verdict = words,
                WarningKind::NoEvidence => evidence = false,
                _ => {}
            }
        }
        if (&prescriptive, &verdict, evidence) != (&case.prescriptive, &case.verdict, case.evidence)
        {
            wrong.push(format!(
                "{}\n  got prescriptive {prescriptive:?} verdict {verdict:?} evidence {evidence}",
                case.text
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
