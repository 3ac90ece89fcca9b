//! The rules a programme must keep beyond its JSON shape: unique ids, tracks that name a known
//! award and framework, quotas not below zero, a checklist for every kind of applicant.

use std::collections::HashMap;

use crate::canonical::MAX_SAFE_INTEGER;
use crate::framework::error::{Problem, Thing};
use crate::framework::validate::{At, Finding, Unique, check_id, format_tag, non_empty, text};

use super::model::{ApplicantKind, Condition, PROGRAM_FORMAT, Program, StageKind, StageOwner};

/// All rule violations of a parsed programme; `framework_exists` answers for the catalogue
/// being loaded, so a programme may rely on a framework that arrives with it.
pub fn validate(p: &Program, framework_exists: &dyn Fn(&str) -> bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let root = At::Root;
    format_tag(&mut out, &root, &p.format, PROGRAM_FORMAT);
    check_id(&mut out, root.key("id"), &p.id);
    non_empty(&mut out, root.key("edition"), &p.edition);
    non_empty(&mut out, root.key("source"), &p.source);
    text(&mut out, root.key("title"), &p.title);
    dates(&mut out, &root, p);
    if p.round_years == 0 {
        out.push((root.key("round_years").path(), Problem::NotPositive));
    }
    if let Some(r) = &p.ranking {
        text(&mut out, root.key("ranking").key("source"), &r.source);
    }

    let awards = root.key("awards");
    if p.awards.is_empty() {
        out.push((awards.path(), Problem::NoneOf("awards")));
    }
    let mut award_ids = Unique::new(Thing::Award);
    let mut ranks = Unique::new(Thing::AwardRank);
    for (i, a) in p.awards.iter().enumerate() {
        let ap = awards.index(i);
        check_id(&mut out, ap.key("id"), &a.id);
        award_ids.check(&mut out, ap.key("id"), &a.id);
        ranks.check(&mut out, ap.key("rank"), &a.rank.to_string());
        text(&mut out, ap.key("title"), &a.title);
        if a.rank == 0 {
            out.push((ap.key("rank").path(), Problem::NotPositive));
        }
    }

    let tracks = root.key("tracks");
    if p.tracks.is_empty() {
        out.push((tracks.path(), Problem::NoneOf("tracks")));
    }
    let mut track_ids = Unique::new(Thing::Track);
    for (i, t) in p.tracks.iter().enumerate() {
        let tp = tracks.index(i);
        check_id(&mut out, tp.key("id"), &t.id);
        track_ids.check(&mut out, tp.key("id"), &t.id);
        text(&mut out, tp.key("title"), &t.title);
        if p.award(&t.award).is_none() {
            out.push((
                tp.key("award").path(),
                Problem::UnknownAward(t.award.clone()),
            ));
        }
        if !framework_exists(&t.framework) {
            out.push((
                tp.key("framework").path(),
                Problem::UnknownFramework(t.framework.clone()),
            ));
        }
        if t.quota < 0 {
            out.push((tp.key("quota").path(), Problem::NegativeQuota(t.quota)));
        } else if t.quota.unsigned_abs() > MAX_SAFE_INTEGER {
            out.push((
                tp.key("quota").path(),
                Problem::NumberTooLarge(t.quota.to_string()),
            ));
        }
        if let Some(prize) = t.prize_rmb
            && prize > MAX_SAFE_INTEGER
        {
            out.push((
                tp.key("prize_rmb").path(),
                Problem::NumberTooLarge(prize.to_string()),
            ));
        }
        if p.checklist(t.applicant_kind).is_none() {
            out.push((
                tp.key("applicant_kind").path(),
                Problem::NoChecklist {
                    kind: kind_name(t.applicant_kind),
                    track: t.id.clone(),
                },
            ));
        }
    }

    let stages = root.key("stages");
    if p.stages.is_empty() {
        out.push((stages.path(), Problem::NoneOf("stages")));
    }
    let mut stage_kinds = Unique::new(Thing::Stage);
    for (i, s) in p.stages.iter().enumerate() {
        let sp = stages.index(i);
        let kind = serde_json::to_string(&s.kind).unwrap_or_default();
        stage_kinds.check(&mut out, sp.key("kind"), kind.trim_matches('"'));
        // The measures run the stages in one order; a review moves forward through them.
        if let Some(previous) = i.checked_sub(1).and_then(|j| p.stages.get(j))
            && previous.kind > s.kind
        {
            out.push((
                sp.key("kind").path(),
                Problem::StageOrder {
                    kind: kind.trim_matches('"').to_string(),
                    previous: serde_json::to_string(&previous.kind)
                        .unwrap_or_default()
                        .trim_matches('"')
                        .to_string(),
                },
            ));
        }
        // The app runs the panel's stages; the decision is the office's (第九条, 第十八条(六)).
        let expected = s.kind.default_owner();
        if s.owner() != expected {
            out.push((
                sp.key("owner").path(),
                Problem::StageOwner {
                    kind: stage_name(s.kind),
                    expected: owner_name(expected),
                    found: owner_name(s.owner()),
                },
            ));
        }
        text(&mut out, sp.key("title"), &s.title);
        text(&mut out, sp.key("description"), &s.description);
    }

    // A reworded term names a stage the programme runs, in both languages.
    let terms = root.key("terms");
    let ofi = terms.key("ofi");
    for (kind, wording) in &p.terms.ofi {
        let name = stage_name(*kind);
        let at = ofi.key(name);
        if !p.stages.iter().any(|s| s.kind == *kind) {
            out.push((at.path(), Problem::NoSuchStage(name.to_string())));
        }
        text(&mut out, at, wording);
    }

    // Condition ids are unique across the programme: a review answers them by id.
    let mut condition_ids = Unique::new(Thing::Condition);
    let mut kinds = Unique::new(Thing::Checklist);
    let eligibility = root.key("eligibility");
    for (i, c) in p.eligibility.iter().enumerate() {
        let cp = eligibility.index(i);
        kinds.check(
            &mut out,
            cp.key("applicant_kind"),
            kind_name(c.applicant_kind),
        );
        if c.conditions.is_empty() {
            out.push((cp.key("conditions").path(), Problem::NoneOf("conditions")));
        }
        conditions(
            &mut out,
            &mut condition_ids,
            &cp.key("conditions"),
            &c.conditions,
        );
    }
    conditions(
        &mut out,
        &mut condition_ids,
        &root.key("exclusions"),
        &p.exclusions,
    );
    out
}

fn conditions(out: &mut Vec<Finding>, ids: &mut Unique, path: &At<'_>, list: &[Condition]) {
    for (i, c) in list.iter().enumerate() {
        let p = path.index(i);
        check_id(out, p.key("id"), &c.id);
        ids.check(out, p.key("id"), &c.id);
        text(out, p.key("text"), &c.text);
        non_empty(out, p.key("article"), &c.article);
        if let Some(n) = &c.note {
            text(out, p.key("note"), n);
        }
        if let Some(a) = &c.applies_if {
            text(out, p.key("applies_if"), a);
        }
    }
}

/// A stage kind as the file spells it.
fn stage_name(kind: StageKind) -> &'static str {
    match kind {
        StageKind::Eligibility => "eligibility",
        StageKind::DocumentReview => "document_review",
        StageKind::SiteReview => "site_review",
        StageKind::Comprehensive => "comprehensive",
        StageKind::Decision => "decision",
    }
}

fn owner_name(o: StageOwner) -> &'static str {
    match o {
        StageOwner::Panel => "panel",
        StageOwner::Office => "office",
    }
}

fn kind_name(k: ApplicantKind) -> &'static str {
    match k {
        ApplicantKind::Organisation => "organisation",
        ApplicantKind::Individual => "individual",
    }
}

fn dates(out: &mut Vec<Finding>, root: &At<'_>, p: &Program) {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let mut parsed = HashMap::new();
    for (key, value) in [("valid_from", &p.valid_from), ("valid_to", &p.valid_to)] {
        if let Some(v) = value {
            match time::Date::parse(v, format) {
                Ok(d) => {
                    parsed.insert(key, d);
                }
                Err(_) => out.push((root.key(key).path(), Problem::BadDate(v.clone()))),
            }
        }
    }
    if let (Some(from), Some(to)) = (parsed.get("valid_from"), parsed.get("valid_to"))
        && from > to
    {
        out.push((
            root.key("valid_from").path(),
            Problem::DateOrder {
                from: from.to_string(),
                to: to.to_string(),
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Text;
    use crate::program::model::*;

    fn t(s: &str) -> Text {
        Text::new(s, s)
    }

    fn cond(id: &str) -> Condition {
        Condition {
            id: id.into(),
            text: t("c"),
            article: "第一条".into(),
            note: None,
            applies_if: None,
        }
    }

    fn sample() -> Program {
        Program {
            format: PROGRAM_FORMAT.into(),
            id: "town-2024".into(),
            edition: "2024".into(),
            title: t("Town award"),
            source: "doc 1".into(),
            valid_from: Some("2024-01-01".into()),
            valid_to: Some("2028-12-31".into()),
            round_years: 2,
            ranking: None,
            awards: vec![Award {
                id: "gold".into(),
                title: t("Gold"),
                rank: 1,
            }],
            tracks: vec![Track {
                id: "gold-org".into(),
                award: "gold".into(),
                title: t("Gold, organisations"),
                applicant_kind: ApplicantKind::Organisation,
                framework: "fw".into(),
                quota: 2,
                prize_rmb: Some(100_000),
            }],
            stages: vec![StageDef {
                kind: StageKind::DocumentReview,
                owner: None,
                title: t("Documents"),
                description: t("Read"),
            }],
            eligibility: vec![Checklist {
                applicant_kind: ApplicantKind::Organisation,
                conditions: vec![cond("registered"), cond("no-accident")],
            }],
            exclusions: vec![cond("no-repeat")],
            terms: Default::default(),
        }
    }

    fn problems(p: &Program) -> Vec<String> {
        validate(p, &|id| id == "fw")
            .into_iter()
            .map(|(p, e)| format!("{p}: {e}"))
            .collect()
    }

    #[test]
    fn sample_is_valid() {
        assert_eq!(problems(&sample()), Vec::<String>::new());
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let mut p = sample();
        p.tracks[0].framework = "nope".into();
        p.tracks[0].award = "silver".into();
        p.tracks[0].quota = -1;
        p.exclusions.push(cond("registered"));
        p.eligibility[0].conditions[1].note = Some(Text::new("", "a note"));
        p.tracks.push(p.tracks[0].clone());
        p.tracks[1].quota = 1;
        p.tracks[1].applicant_kind = ApplicantKind::Individual;
        p.valid_to = Some("2023-13-01".into());
        let got = problems(&p);
        let want = [
            "$.valid_to: \"2023-13-01\" is not a date (YYYY-MM-DD)",
            "$.tracks[0].award: no award with id \"silver\" in this programme",
            "$.tracks[0].framework: no framework with id \"nope\" is known",
            "$.tracks[0].quota: quota -1 is below zero",
            "$.tracks[1].id: track id \"gold-org\" appears twice (first at $.tracks[0].id)",
            "$.tracks[1].applicant_kind: no eligibility checklist for individual applicants, needed by track gold-org",
            "$.exclusions[1].id: condition id \"registered\" appears twice (first at $.eligibility[0].conditions[0].id)",
            "$.eligibility[0].conditions[1].note.zh: zh text is empty",
        ];
        for w in want {
            assert!(got.iter().any(|g| g == w), "missing {w:?} in {got:#?}");
        }
        assert_eq!(got.len(), 10, "{got:#?}");
    }

    #[test]
    fn dates_in_order_and_duplicate_stages() {
        let mut p = sample();
        p.valid_from = Some("2029-01-01".into());
        p.stages.push(p.stages[0].clone());
        p.stages.insert(
            0,
            StageDef {
                kind: StageKind::SiteReview,
                owner: None,
                title: t("Site"),
                description: t("Visit"),
            },
        );
        assert_eq!(
            problems(&p),
            vec![
                "$.valid_from: valid_from 2029-01-01 is after valid_to 2028-12-31",
                "$.stages[1].kind: stage document_review comes after site_review; stages run eligibility, document_review, site_review, comprehensive, decision",
                "$.stages[2].kind: stage kind \"document_review\" appears twice (first at $.stages[1].kind)"
            ]
        );
    }

    #[test]
    fn the_decision_is_the_offices_and_the_review_stages_the_panels() {
        let mut p = sample();
        p.stages.push(StageDef {
            kind: StageKind::Decision,
            owner: None,
            title: t("Decision"),
            description: t("Committee"),
        });
        assert_eq!(problems(&p), Vec::<String>::new());
        assert_eq!(p.panel_stages().count(), 1);
        p.stages[1].owner = Some(StageOwner::Panel);
        p.stages[0].owner = Some(StageOwner::Office);
        assert_eq!(
            problems(&p),
            vec![
                "$.stages[0].owner: stage document_review is run by the panel, not the office",
                "$.stages[1].owner: stage decision is run by the office, not the panel"
            ]
        );
    }

    #[test]
    fn a_ranking_policy_names_its_source_in_both_languages() {
        let mut p = sample();
        p.ranking = Some(Ranking {
            policy: RankingPolicy::OnePool,
            source: Text::new("办公室决定", ""),
        });
        assert_eq!(problems(&p), vec!["$.ranking.source.en: en text is empty"]);
        assert_eq!(p.ranking_policy(), RankingPolicy::OnePool);
        p.ranking = None;
        assert_eq!(p.ranking_policy(), RankingPolicy::PerTrack);
    }
}
