//! The panel's strengths and OFIs per item, and the key themes drawn from them.
//!
//! Once the panel has agreed (a consensus sheet exists) its kept comments *are* the panel's
//! comments. Before that, the report shows every counted reviewer's comments with exact
//! repeats removed, so nothing a reviewer wrote is lost from the record. Trainees' comments are
//! left out: like their scores, they are never the panel's.

use std::collections::{BTreeMap, HashSet};

use crate::framework::{Framework, Item, ItemKind};
use crate::panel::{ApplicantResult, Role};
use crate::review::{Comment, SiteIssue};
use crate::sheet::{DocumentKind, Sheet};

/// Where an applicant's panel comments come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentSource {
    /// The newest consensus sheet for the applicant and stage.
    Consensus,
    /// The counted reviewers' sheets, duplicates removed.
    Reviewers,
}

/// The panel's comments on one item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PanelComments<'a> {
    pub strengths: Vec<&'a Comment>,
    pub ofis: Vec<&'a Comment>,
    /// Why the panel agreed the percent (consensus sheet only).
    pub rationale: Option<&'a str>,
    /// The site-visit issues (现场核实要点 / 现场澄清要点) with their outcome, from the same
    /// sheets as the comments, repeats removed.
    pub site_issues: Vec<&'a SiteIssue>,
}

/// Whether a sheet was signed by the reviewer the panel result names as `who` (the roster
/// name, or the public key where names are not unique).
pub fn signed_by(sheet: &Sheet, who: &str) -> bool {
    sheet.reviewer.name == who || sheet.reviewer.public_key == who
}

/// The panel's comments per item code for one applicant result.
///
/// `roles` gives each reviewer's role as the result lists them; a sheet whose signer is listed
/// as a trainee does not speak for the panel.
pub fn gather<'a>(
    result: &ApplicantResult,
    sheets: &'a [Sheet],
    roles: &[(String, Role)],
) -> (CommentSource, BTreeMap<String, PanelComments<'a>>) {
    let own = |s: &&'a Sheet| {
        s.applicant.id == result.applicant_id && s.track == result.track && s.stage == result.stage
    };
    let consensus = sheets
        .iter()
        .filter(own)
        .filter(|s| s.kind == DocumentKind::ConsensusSheet)
        .max_by_key(|s| s.version);
    let mut out: BTreeMap<String, PanelComments<'a>> = BTreeMap::new();

    if let Some(c) = consensus {
        for item in &c.items {
            out.insert(
                item.code.clone(),
                PanelComments {
                    strengths: item.strengths.iter().collect(),
                    ofis: item.ofis.iter().collect(),
                    rationale: Some(item.rationale.as_str()).filter(|r| !r.trim().is_empty()),
                    site_issues: item.site_issues.iter().collect(),
                },
            );
        }
        return (CommentSource::Consensus, out);
    }

    let is_trainee = |s: &Sheet| {
        roles
            .iter()
            .any(|(who, role)| *role == Role::Trainee && signed_by(s, who))
    };
    // Reviewer order as the result lists them, so the report reads the same every time.
    let rank_of = |s: &Sheet| {
        roles
            .iter()
            .position(|(who, _)| signed_by(s, who))
            .unwrap_or(usize::MAX)
    };
    let mut counted: Vec<&'a Sheet> = sheets
        .iter()
        .filter(own)
        .filter(|s| s.kind == DocumentKind::ScoreSheet && !is_trainee(s))
        .collect();
    counted.sort_by_key(|s| (rank_of(s), s.reviewer.name.clone()));

    let mut seen: HashSet<(String, bool, String)> = HashSet::new();
    let mut seen_issues: HashSet<(String, String)> = HashSet::new();
    for sheet in counted {
        for item in &sheet.items {
            let entry = out.entry(item.code.clone()).or_default();
            for issue in &item.site_issues {
                let key = (item.code.clone(), normalise(&issue.text));
                if !key.1.is_empty() && seen_issues.insert(key) {
                    entry.site_issues.push(issue);
                }
            }
            for (is_strength, list) in [(true, &item.strengths), (false, &item.ofis)] {
                for comment in list {
                    let key = (item.code.clone(), is_strength, normalise(&comment.text));
                    if key.2.is_empty() || !seen.insert(key) {
                        continue;
                    }
                    if is_strength {
                        entry.strengths.push(comment);
                    } else {
                        entry.ofis.push(comment);
                    }
                }
            }
        }
    }
    (CommentSource::Reviewers, out)
}

/// The applicant's key factors (概述要点) as the panel holds them: the consensus sheet's when
/// there is one, else every counted reviewer's (trainees left out), repeats removed, in the
/// order the reviewers are listed.
pub fn key_factors<'a>(
    result: &ApplicantResult,
    sheets: &'a [Sheet],
    roles: &[(String, Role)],
) -> Vec<&'a str> {
    let own = |s: &&'a Sheet| {
        s.applicant.id == result.applicant_id && s.track == result.track && s.stage == result.stage
    };
    if let Some(c) = sheets
        .iter()
        .filter(own)
        .filter(|s| s.kind == DocumentKind::ConsensusSheet)
        .max_by_key(|s| s.version)
    {
        return c.key_factors.iter().map(String::as_str).collect();
    }
    let rank_of = |s: &Sheet| {
        roles
            .iter()
            .position(|(who, _)| signed_by(s, who))
            .unwrap_or(usize::MAX)
    };
    let is_trainee = |s: &Sheet| {
        roles
            .iter()
            .any(|(who, role)| *role == Role::Trainee && signed_by(s, who))
    };
    let mut counted: Vec<&'a Sheet> = sheets
        .iter()
        .filter(own)
        .filter(|s| s.kind == DocumentKind::ScoreSheet && !is_trainee(s))
        .collect();
    counted.sort_by_key(|s| (rank_of(s), s.reviewer.name.clone()));
    let mut seen = HashSet::new();
    counted
        .iter()
        .flat_map(|s| s.key_factors.iter())
        .filter(|k| {
            let key = normalise(k);
            !key.is_empty() && seen.insert(key)
        })
        .map(String::as_str)
        .collect()
}

/// Text compared for duplicates: whitespace runs (ASCII or full-width) collapsed, ends trimmed.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How many themes of each sort a report lists.
pub const THEMES_PER_LIST: usize = 3;

/// Key themes for one item kind: the items the panel's strengths and OFIs cluster on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KindThemes<'a> {
    pub most_strengths: Vec<(&'a Item, usize)>,
    pub most_ofis: Vec<(&'a Item, usize)>,
}

/// Key themes (关键主题), process and results items separately.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Themes<'a> {
    pub process: KindThemes<'a>,
    pub results: KindThemes<'a>,
}

impl<'a> Themes<'a> {
    pub fn of_kind(&self, kind: ItemKind) -> &KindThemes<'a> {
        match kind {
            ItemKind::Process => &self.process,
            ItemKind::Results => &self.results,
        }
    }
}

/// The items with the most strengths and the most OFIs, per item kind; ties go to the item
/// with more points, then to the framework's order. Items with none are not themes.
pub fn themes<'a>(
    framework: &'a Framework,
    comments: &BTreeMap<String, PanelComments>,
) -> Themes<'a> {
    let pick = |kind: ItemKind, count: &dyn Fn(&PanelComments) -> usize| {
        let mut ranked: Vec<(usize, &'a Item, usize)> = framework
            .items()
            .map(|(_, i)| i)
            .enumerate()
            .filter(|(_, i)| i.kind == kind)
            .filter_map(|(order, i)| {
                let n = comments.get(&i.code).map(count).unwrap_or(0);
                (n > 0).then_some((order, i, n))
            })
            .collect();
        ranked.sort_by(|a, b| {
            b.2.cmp(&a.2)
                .then(b.1.points.cmp(&a.1.points))
                .then(a.0.cmp(&b.0))
        });
        ranked
            .into_iter()
            .take(THEMES_PER_LIST)
            .map(|(_, i, n)| (i, n))
            .collect::<Vec<_>>()
    };
    let of = |kind| KindThemes {
        most_strengths: pick(kind, &|c| c.strengths.len()),
        most_ofis: pick(kind, &|c| c.ofis.len()),
    };
    Themes {
        process: of(ItemKind::Process),
        results: of(ItemKind::Results),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::report as fixture;

    #[test]
    fn without_consensus_counted_comments_are_merged_and_deduplicated() {
        let (panel, _) = fixture::panel();
        let a1 = &panel.results[0];
        let roles = fixture::roles(a1);
        let (source, comments) = gather(a1, &panel.sheets, &roles);
        assert_eq!(source, CommentSource::Reviewers);
        let texts: Vec<&str> = comments["4.1.2"]
            .strengths
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        // 王芳 and 李强 wrote the same strength (spacing aside): it appears once.
        assert_eq!(
            texts,
            [
                "高层领导每季度召开质量例会，见申报材料第12页",
                "战略目标分解到部门"
            ]
        );
        // The trainee's comment is not the panel's.
        assert!(
            !comments
                .values()
                .flat_map(|c| c.ofis.iter().chain(&c.strengths))
                .any(|c| c.text.contains("见习"))
        );
    }

    #[test]
    fn a_consensus_sheet_replaces_reviewer_comments() {
        let (panel, _) = fixture::panel();
        let a2 = &panel.results[1];
        let roles = fixture::roles(a2);
        let (source, comments) = gather(a2, &panel.sheets, &roles);
        assert_eq!(source, CommentSource::Consensus);
        assert_eq!(comments["4.1.2"].strengths.len(), 1);
        assert_eq!(
            comments["4.1.2"].strengths[0].text,
            "合议：领导作用发挥充分"
        );
        assert_eq!(comments["4.1.2"].rationale, Some("现场核实后取中位数"));
    }

    #[test]
    fn themes_rank_by_count_then_points_and_split_by_kind() {
        let (panel, catalog) = fixture::panel();
        let fw = &catalog.frameworks[0].doc;
        let a1 = &panel.results[0];
        let (_, comments) = gather(a1, &panel.sheets, &fixture::roles(a1));
        let t = themes(fw, &comments);
        let codes =
            |v: &[(&Item, usize)]| v.iter().map(|(i, _)| i.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&t.process.most_strengths), ["4.1.2", "4.2.2"]);
        assert_eq!(codes(&t.results.most_ofis), ["4.7.2"]);
        assert!(
            t.results
                .most_strengths
                .iter()
                .all(|(i, _)| i.kind == ItemKind::Results)
        );
    }
}
