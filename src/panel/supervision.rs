//! 双向监督 (第二十二条): the applicant evaluates how the reviewers kept the rules of the review
//! (纪律执行情况) on a printed 双向监督反馈表; the leader enters each returned form, and the
//! records go to the award office with the panel's report (`report.html`).
//!
//! A form lists the panel members who visited the applicant (the site review, 第十八条(四)):
//! the round's panel but for a member registered as its coaching expert, who recused (第十四条).
//! The records of a merge folder live in its `supervision.json` ([`SupervisionFile`]), one per
//! applicant; entering a form again replaces that applicant's record.

use serde::{Deserialize, Serialize};

use crate::identity::Role;
use crate::round::{Round, RoundMember};

/// The format name of `supervision.json`.
pub const SUPERVISION_FORMAT: &str = "scorebook-supervision";
pub const SUPERVISION_FORMAT_VERSION: u32 = 1;

/// How a reviewer kept the rules, in the applicant's words (好 / 较好 / 差).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Conduct {
    /// 好
    Good,
    /// 较好
    Fair,
    /// 差
    Poor,
}

impl Conduct {
    pub const ALL: [Conduct; 3] = [Conduct::Good, Conduct::Fair, Conduct::Poor];

    /// The stable name, as the command line and `supervision.json` write it.
    pub fn code(self) -> &'static str {
        match self {
            Conduct::Good => "good",
            Conduct::Fair => "fair",
            Conduct::Poor => "poor",
        }
    }

    pub fn from_code(code: &str) -> Option<Conduct> {
        Conduct::ALL.into_iter().find(|c| c.code() == code.trim())
    }
}

/// One panel member as the applicant rated them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberConduct {
    /// The member's name as the round lists it.
    pub name: String,
    pub conduct: Conduct,
}

/// One returned form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupervisionRecord {
    /// 申报编号.
    pub applicant: String,
    pub applicant_name: String,
    /// The day the form came back (YYYY-MM-DD), as the leader gives it.
    pub received_on: String,
    /// The applicant's overall rating of the panel's conduct.
    pub overall: Conduct,
    /// Per member who visited, where the form rates them.
    pub members: Vec<MemberConduct>,
    /// The applicant's written comments, as on the form.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comments: String,
    /// RFC 3339 time the leader entered it.
    pub recorded_at: String,
}

/// `supervision.json` of a merge folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupervisionFile {
    pub format: String,
    pub format_version: u32,
    pub round_id: String,
    /// In the round's order of applicants.
    pub records: Vec<SupervisionRecord>,
}

impl SupervisionFile {
    pub fn new(round_id: &str) -> SupervisionFile {
        SupervisionFile {
            format: SUPERVISION_FORMAT.into(),
            format_version: SUPERVISION_FORMAT_VERSION,
            round_id: round_id.into(),
            records: Vec::new(),
        }
    }
}

/// Why a form cannot be entered. Each has a stable [`SupervisionError::code`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SupervisionError {
    #[error("applicant {0} is not in the round")]
    NotInRound(String),
    #[error("applicant {0} is not on the site-review shortlist: no panel visited it")]
    NotVisited(String),
    #[error("{name} did not visit applicant {applicant}")]
    NotAVisitor { name: String, applicant: String },
    #[error("{0} is rated twice")]
    Twice(String),
    #[error("the day {0:?} is not written YYYY-MM-DD")]
    BadDate(String),
    #[error("supervision.json is of round {found}, not of this folder's round {expected}")]
    OtherRound { found: String, expected: String },
}

impl SupervisionError {
    pub fn code(&self) -> &'static str {
        match self {
            SupervisionError::NotInRound(_) => "not-in-round",
            SupervisionError::NotVisited(_) => "not-visited",
            SupervisionError::NotAVisitor { .. } => "not-a-visitor",
            SupervisionError::Twice(_) => "rated-twice",
            SupervisionError::BadDate(_) => "bad-date",
            SupervisionError::OtherRound { .. } => "other-round",
        }
    }
}

/// The panel members who visited an applicant on the site review, in the round's order: every
/// member but one registered as its coaching expert (who recused, 第十四条). Trainees visit
/// too. None when the applicant is not shortlisted (现场评审名单).
pub fn visitors<'r>(round: &'r Round, number: &str) -> Option<Vec<&'r RoundMember>> {
    if !round.is_shortlisted(number) {
        return None;
    }
    let coaches = &round.applicant(number)?.coaches;
    Some(
        round
            .members
            .iter()
            .filter(|m| !coaches.iter().any(|c| c.trim() == m.name.trim()))
            .collect(),
    )
}

/// Whether a member's role is shown on the form beside their name.
pub fn is_leader(m: &RoundMember) -> bool {
    m.role == Role::Leader
}

/// Enters a returned form into `file`: the applicant must have been visited, each rated member
/// must be one who visited, once; an earlier record of the applicant is replaced. Records stay
/// in the round's order.
pub fn record(
    file: &mut SupervisionFile,
    round: &Round,
    mut rec: SupervisionRecord,
) -> Result<(), SupervisionError> {
    if file.round_id != round.round_id {
        return Err(SupervisionError::OtherRound {
            found: file.round_id.clone(),
            expected: round.round_id.to_string(),
        });
    }
    let applicant = round
        .applicants
        .iter()
        .find(|a| a.number.eq_ignore_ascii_case(rec.applicant.trim()))
        .ok_or_else(|| SupervisionError::NotInRound(rec.applicant.clone()))?;
    let visitors = visitors(round, &applicant.number)
        .ok_or_else(|| SupervisionError::NotVisited(applicant.number.to_string()))?;
    if crate::round::validate::parse_date(&rec.received_on).is_none() {
        return Err(SupervisionError::BadDate(rec.received_on.clone()));
    }
    let mut seen = std::collections::BTreeSet::new();
    for m in &rec.members {
        if !visitors.iter().any(|v| v.name.trim() == m.name.trim()) {
            return Err(SupervisionError::NotAVisitor {
                name: m.name.clone(),
                applicant: applicant.number.to_string(),
            });
        }
        if !seen.insert(m.name.trim().to_string()) {
            return Err(SupervisionError::Twice(m.name.clone()));
        }
    }
    rec.applicant = applicant.number.to_string();
    rec.applicant_name = applicant.name.clone();
    file.records.retain(|r| r.applicant != rec.applicant);
    file.records.push(rec);
    let order = |n: &str| round.applicants.iter().position(|a| a.number == n);
    file.records.sort_by_key(|r| order(&r.applicant));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::round::round as kit_round;

    fn site_round() -> Round {
        let mut r = kit_round(3, 3);
        r.stages.site_review = Some(vec!["2025-M-01".into(), "2025-M-02".into()]);
        r.applicants[0].coaches = vec!["组员2".into()];
        r
    }

    fn form(applicant: &str, members: &[(&str, Conduct)]) -> SupervisionRecord {
        SupervisionRecord {
            applicant: applicant.into(),
            applicant_name: String::new(),
            received_on: "2025-07-20".into(),
            overall: Conduct::Good,
            members: members
                .iter()
                .map(|(n, c)| MemberConduct {
                    name: (*n).into(),
                    conduct: *c,
                })
                .collect(),
            comments: "评审组遵守纪律，未收受礼品。".into(),
            recorded_at: "2025-07-21T09:00:00+08:00".into(),
        }
    }

    #[test]
    fn the_visitors_are_the_panel_but_the_recused_coach() {
        let r = site_round();
        let names: Vec<&str> = visitors(&r, "2025-M-01")
            .unwrap()
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(names, ["王组长", "组员1"]);
        assert_eq!(visitors(&r, "2025-M-03"), None, "not shortlisted");
    }

    #[test]
    fn a_form_is_entered_once_per_applicant_and_checked() {
        let r = site_round();
        let mut file = SupervisionFile::new(&r.round_id);
        let code = |file: &mut SupervisionFile, rec| record(file, &r, rec).unwrap_err().code();
        assert_eq!(code(&mut file, form("2025-X-01", &[])), "not-in-round");
        assert_eq!(code(&mut file, form("2025-M-03", &[])), "not-visited");
        assert_eq!(
            code(&mut file, form("2025-M-01", &[("组员2", Conduct::Good)])),
            "not-a-visitor"
        );
        assert_eq!(
            code(
                &mut file,
                form(
                    "2025-M-01",
                    &[("组员1", Conduct::Good), ("组员1", Conduct::Poor)]
                )
            ),
            "rated-twice"
        );
        let mut bad_day = form("2025-M-01", &[]);
        bad_day.received_on = "7月20日".into();
        assert_eq!(code(&mut file, bad_day), "bad-date");

        record(
            &mut file,
            &r,
            form("2025-M-02", &[("王组长", Conduct::Good)]),
        )
        .unwrap();
        record(
            &mut file,
            &r,
            form("2025-m-01", &[("组员1", Conduct::Fair)]),
        )
        .unwrap();
        record(
            &mut file,
            &r,
            form("2025-M-01", &[("组员1", Conduct::Poor)]),
        )
        .unwrap();
        let got: Vec<(&str, Conduct)> = file
            .records
            .iter()
            .map(|x| (x.applicant.as_str(), x.members[0].conduct))
            .collect();
        assert_eq!(
            got,
            [("2025-M-01", Conduct::Poor), ("2025-M-02", Conduct::Good)],
            "replaced, in the round's order"
        );
        assert_eq!(file.records[0].applicant_name, "申报组织1");

        let mut other = SupervisionFile::new("ffffffffffffffffffffffffffffffff");
        assert_eq!(code(&mut other, form("2025-M-02", &[])), "other-round");
    }
}
