//! The panel's consensus (合议) as data: the leader's work in progress (`consensus-draft.json`)
//! and the consensus sheet built from it. Pure: the TUI drives it, `sheet` signs the result.
//!
//! The agreed percent of an item starts at the panel median put on the framework's step (a
//! median of 57.5 on a 5-point step starts at 60, half away from zero). Every reviewer's
//! strength and OFI starts kept: the consensus carries the panel's words to the applicant's
//! feedback (第十八条(三)(四)) unless the leader drops one, so working through the agenda alone
//! never wipes an item's comments. An edited comment keeps the name of the reviewer it came
//! from. A divergent item is agreed with a rationale: the reason the panel settled is the record.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::framework::Framework;
use crate::framework::Percent;
use crate::framework::score::item_score;
use crate::ids::ApplicantId;
use crate::review::{Comment, ConflictDeclaration, Stage};
use crate::sheet::{
    ApplicantRef, CategoryTotal, DocRef, DocumentKind, EligibilityEntry, ReviewerRef, SHEET_FORMAT,
    SHEET_FORMAT_VERSION, Sheet, SheetItem,
};

use super::model::{ApplicantResult, Exclusion, PanelResult, Role, Roster};

pub const DRAFT_FORMAT: &str = "scorebook-consensus-draft";
pub const DRAFT_FORMAT_VERSION: u32 = 1;

/// Every consensus in progress in one merge folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsensusDrafts {
    pub format: String,
    pub format_version: u32,
    pub drafts: Vec<ConsensusDraft>,
}

impl Default for ConsensusDrafts {
    fn default() -> Self {
        ConsensusDrafts {
            format: DRAFT_FORMAT.into(),
            format_version: DRAFT_FORMAT_VERSION,
            drafts: Vec::new(),
        }
    }
}

/// The consensus in progress for one applicant in one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsensusDraft {
    pub applicant_id: ApplicantId,
    pub track: String,
    pub stage: Stage,
    pub framework_hash: String,
    /// SHA-256 of the sheets the draft was started from; a merge with other sheets makes it stale.
    pub sources: Vec<String>,
    pub items: Vec<DraftItem>,
    /// The version of the last exported consensus sheet (0 = never exported).
    #[serde(default)]
    pub exported_version: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftItem {
    pub code: String,
    pub points: u32,
    /// The agreed percent (on the framework's step).
    pub percent: u8,
    /// The leader confirmed this percent with the panel.
    pub agreed: bool,
    /// Why the panel agreed this percent.
    pub rationale: String,
    pub strengths: Vec<DraftComment>,
    pub ofis: Vec<DraftComment>,
}

/// A reviewer's comment offered to the panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftComment {
    /// Who wrote it first.
    pub reviewer: String,
    /// The panel keeps it in the consensus sheet.
    pub keep: bool,
    pub comment: Comment,
    /// The reviewers whose comments the panel merged into this one, in order; empty for a
    /// comment as one reviewer wrote it, or one the panel wrote.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_from: Vec<String>,
}

impl DraftComment {
    /// Several comments merged into one the panel keeps: the texts one per line in the order
    /// given (the leader edits from there), the requirement labels united, the distinct
    /// evidence joined, the authors remembered.
    pub fn merged(parts: &[&DraftComment]) -> DraftComment {
        let mut requirements: Vec<String> = Vec::new();
        let mut evidence: Vec<&str> = Vec::new();
        let mut authors: Vec<String> = Vec::new();
        for p in parts {
            for r in &p.comment.requirements {
                if !requirements.contains(r) {
                    requirements.push(r.clone());
                }
            }
            let e = p.comment.evidence.trim();
            if !e.is_empty() && !evidence.contains(&e) {
                evidence.push(e);
            }
            let from: Vec<&String> = if p.merged_from.is_empty() {
                vec![&p.reviewer]
            } else {
                p.merged_from.iter().collect()
            };
            for a in from {
                if !a.is_empty() && !authors.contains(a) {
                    authors.push(a.clone());
                }
            }
        }
        DraftComment {
            reviewer: String::new(),
            keep: true,
            comment: Comment {
                text: parts
                    .iter()
                    .map(|p| p.comment.text.trim())
                    .collect::<Vec<_>>()
                    .join("\n"),
                requirements,
                evidence: evidence.join("; "),
            },
            merged_from: authors,
        }
    }
}

impl DraftItem {
    /// The near-duplicate groups of the strengths and of the OFIs (a strength never groups
    /// with an OFI), as indices into strengths ++ OFIs.
    pub fn near_duplicates(&self) -> Vec<Vec<usize>> {
        let texts =
            |v: &[DraftComment]| v.iter().map(|c| c.comment.text.clone()).collect::<Vec<_>>();
        let n = self.strengths.len();
        let mut groups = super::similar::group_near_duplicates(&texts(&self.strengths));
        groups.extend(
            super::similar::group_near_duplicates(&texts(&self.ofis))
                .into_iter()
                .map(|g| g.into_iter().map(|i| i + n).collect()),
        );
        groups
    }

    /// Merges the comments at `at` (indices into strengths ++ OFIs, all strengths or all OFIs,
    /// two or more) into one, placed where the first of them was; returns its index. `None`
    /// and nothing changed otherwise.
    pub fn merge_comments(&mut self, at: &[usize]) -> Option<usize> {
        let mut at: Vec<usize> = at.to_vec();
        at.sort_unstable();
        at.dedup();
        let n = self.strengths.len();
        let total = n + self.ofis.len();
        let (&first, &last) = (at.first()?, at.last()?);
        if at.len() < 2 || last >= total || (first < n) != (last < n) {
            return None;
        }
        let (list, offset) = if first < n {
            (&mut self.strengths, 0)
        } else {
            (&mut self.ofis, n)
        };
        let local: Vec<usize> = at.iter().map(|i| i - offset).collect();
        let parts: Vec<&DraftComment> = local.iter().filter_map(|&i| list.get(i)).collect();
        let merged = DraftComment::merged(&parts);
        for &i in local.iter().rev() {
            list.remove(i);
        }
        let place = local[0];
        list.insert(place, merged);
        Some(place + offset)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsensusError {
    #[error("{0} divergent item(s) not yet agreed: {1}")]
    NotAgreed(usize, String),
    /// Agreed divergent items whose rationale is empty.
    #[error("{0} divergent item(s) agreed without a rationale: {1}")]
    NoRationale(usize, String),
    #[error("the draft was started from other sheets than the merge now uses; start it again")]
    Stale,
    #[error("the consensus needs at least one source sheet")]
    NoSources,
    #[error("item {0} is not in the framework")]
    UnknownItem(String),
}

/// A median put on the framework's step, half away from zero, within 0–100.
pub fn on_step(median: Decimal, step: u8) -> u8 {
    let step = step.max(1);
    let steps = (median / Decimal::from(step))
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let v = steps * Decimal::from(step);
    u8::try_from(v.mantissa() / 10i128.pow(v.scale()))
        .unwrap_or(100)
        .min(100)
}

impl ConsensusDraft {
    /// A fresh draft for a merged result: medians on the step, every reviewer's comments
    /// carried over (kept). `sheets` are the source sheets, in the result's reviewer order.
    pub fn start(result: &ApplicantResult, sheets: &[&Sheet], step: u8) -> ConsensusDraft {
        let items = result
            .items
            .iter()
            .map(|stats| {
                let mut strengths = Vec::new();
                let mut ofis = Vec::new();
                for s in sheets {
                    let Some(item) = s.items.iter().find(|i| i.code == stats.code) else {
                        continue;
                    };
                    let offer = |c: &Comment| DraftComment {
                        reviewer: s.reviewer.name.clone(),
                        keep: true,
                        comment: c.clone(),
                        merged_from: Vec::new(),
                    };
                    strengths.extend(item.strengths.iter().map(offer));
                    ofis.extend(item.ofis.iter().map(offer));
                }
                DraftItem {
                    code: stats.code.clone(),
                    points: stats.points,
                    percent: on_step(stats.median, step),
                    agreed: false,
                    rationale: String::new(),
                    strengths,
                    ofis,
                }
            })
            .collect();
        ConsensusDraft {
            applicant_id: result.applicant_id.clone(),
            track: result.track.clone(),
            stage: result.stage,
            framework_hash: result.framework_hash.clone(),
            sources: result.sources.clone(),
            items,
            exported_version: 0,
        }
    }

    /// This draft carried onto a merge with other sheets (`old` the sheets it was started
    /// from, `new` the result's, in its reviewer order): an item whose inputs — every
    /// reviewer's percent, strengths and OFIs on it — did not change keeps what the leader
    /// agreed; the others start again. Returns the new draft and the codes reopened, so a new
    /// version that changes one item never discards the panel's work on the rest.
    pub fn rebase(
        &self,
        result: &ApplicantResult,
        old: &[&Sheet],
        new: &[&Sheet],
        step: u8,
    ) -> (ConsensusDraft, Vec<String>) {
        let mut fresh = ConsensusDraft::start(result, new, step);
        fresh.exported_version = self.exported_version;
        let mut reopened = Vec::new();
        for item in &mut fresh.items {
            let same = item_inputs(old, &item.code) == item_inputs(new, &item.code);
            match self.item(&item.code) {
                Some(kept) if same && kept.points == item.points => *item = kept.clone(),
                _ => reopened.push(item.code.clone()),
            }
        }
        (fresh, reopened)
    }

    /// Whether this draft belongs to the result and was started from the same sheets.
    pub fn fits(&self, result: &ApplicantResult) -> bool {
        self.applicant_id == result.applicant_id
            && self.track == result.track
            && self.stage == result.stage
            && self.framework_hash == result.framework_hash
            && sorted(&self.sources) == sorted(&result.sources)
    }

    pub fn item(&self, code: &str) -> Option<&DraftItem> {
        self.items.iter().find(|i| i.code == code)
    }

    /// The items whose percent the leader has not confirmed, in framework order: listed before
    /// an export, which then keeps their starting percent.
    pub fn unconfirmed(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|i| !i.agreed)
            .map(|i| i.code.clone())
            .collect()
    }
}

/// What the panel said on one item, per reviewer key, in key order: the inputs of its consensus.
type ItemInputs<'a> = Vec<(&'a str, Option<u8>, &'a [Comment], &'a [Comment])>;

fn item_inputs<'a>(sheets: &[&'a Sheet], code: &str) -> ItemInputs<'a> {
    let mut v: ItemInputs<'a> = sheets
        .iter()
        .map(|s| {
            let item = s.items.iter().find(|i| i.code == code);
            (
                s.reviewer.public_key.as_str(),
                item.and_then(|i| i.percent),
                item.map_or(&[][..], |i| i.strengths.as_slice()),
                item.map_or(&[][..], |i| i.ofis.as_slice()),
            )
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(b.0));
    v
}

/// Why a leader may not sign one applicant's consensus (第二十一条: a member with a
/// relationship to the applicant recuses from its review).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaderRecused {
    pub applicant: String,
    /// The stated relationship (利害关系), when the record or sheet gives one.
    pub relationship: Option<String>,
    /// The other members of the panel not recused from this applicant: who may sign instead.
    pub others: Vec<String>,
}

/// Whether the member `name` is recused from `applicant` in this merge: a counted recusal
/// record, or a sheet of theirs left out for a declared relationship.
pub fn recusal_of(panel: &PanelResult, name: &str, applicant: &str) -> Option<Option<String>> {
    let recorded = panel.recusals.iter().find(|r| {
        r.excluded.is_none()
            && r.reviewer.as_deref() == Some(name)
            && r.applicant.as_deref() == Some(applicant)
    });
    if let Some(r) = recorded {
        return Some(r.relationship.clone());
    }
    panel.inputs.iter().find_map(|i| match &i.excluded {
        Some(Exclusion::Conflict { relationship })
            if i.reviewer.as_deref() == Some(name) && i.applicant.as_deref() == Some(applicant) =>
        {
            Some(Some(relationship.clone()))
        }
        _ => None,
    })
}

/// Refuses a leader recused from the applicant, naming the members who are not.
pub fn check_leader_not_recused(
    panel: &PanelResult,
    roster: &Roster,
    leader_key: &str,
    applicant: &str,
) -> Result<(), LeaderRecused> {
    let Some(me) = roster.member(leader_key) else {
        return Ok(());
    };
    let Some(relationship) = recusal_of(panel, &me.name, applicant) else {
        return Ok(());
    };
    let others = roster
        .members
        .iter()
        .filter(|m| m.public_key != leader_key && m.role != Role::Trainee)
        .filter(|m| recusal_of(panel, &m.name, applicant).is_none())
        .map(|m| m.name.clone())
        .collect();
    Err(LeaderRecused {
        applicant: applicant.to_string(),
        relationship,
        others,
    })
}

fn sorted(v: &[String]) -> Vec<&String> {
    let mut v: Vec<&String> = v.iter().collect();
    v.sort();
    v
}

/// Who signs and when: what the caller (with the key and the clock) supplies.
#[derive(Debug, Clone)]
pub struct ConsensusMeta {
    pub leader: ReviewerRef,
    /// 32 lowercase hex digits, random.
    pub sheet_id: String,
    pub created_at: String,
    pub version: u32,
}

/// Builds the consensus sheet payload from a draft. Divergent items must be agreed first; the
/// others may keep their starting percent. `template` is one source sheet, for the programme,
/// applicant and eligibility conditions the panel shares.
pub fn consensus_sheet(
    draft: &ConsensusDraft,
    result: &ApplicantResult,
    framework: &Framework,
    template: &Sheet,
    meta: ConsensusMeta,
    band_of: impl Fn(u8) -> Option<String>,
) -> Result<Sheet, ConsensusError> {
    if !draft.fits(result) {
        return Err(ConsensusError::Stale);
    }
    if draft.sources.is_empty() {
        return Err(ConsensusError::NoSources);
    }
    let open: Vec<&str> = result
        .items
        .iter()
        .filter(|s| s.divergent)
        .filter(|s| !draft.item(&s.code).is_some_and(|d| d.agreed))
        .map(|s| s.code.as_str())
        .collect();
    if !open.is_empty() {
        return Err(ConsensusError::NotAgreed(open.len(), open.join(", ")));
    }
    let bare: Vec<&str> = result
        .items
        .iter()
        .filter(|s| s.divergent)
        .filter(|s| {
            draft
                .item(&s.code)
                .is_some_and(|d| d.rationale.trim().is_empty())
        })
        .map(|s| s.code.as_str())
        .collect();
    if !bare.is_empty() {
        return Err(ConsensusError::NoRationale(bare.len(), bare.join(", ")));
    }
    let mut items = Vec::with_capacity(framework.item_count());
    let mut categories = Vec::with_capacity(framework.categories.len());
    let mut total = Decimal::ZERO;
    for c in &framework.categories {
        let mut sum = Decimal::ZERO;
        for fi in &c.items {
            let d = draft
                .item(&fi.code)
                .ok_or_else(|| ConsensusError::UnknownItem(fi.code.clone()))?;
            let percent =
                Percent::new(u32::from(d.percent), framework.percent_step).unwrap_or(Percent::ZERO);
            let score = item_score(fi.points, percent);
            sum += score;
            let kept = |v: &[DraftComment]| {
                v.iter()
                    .filter(|c| c.keep)
                    .map(|c| c.comment.clone())
                    .collect::<Vec<_>>()
            };
            items.push(SheetItem {
                code: fi.code.clone(),
                points: fi.points,
                percent: Some(percent.value()),
                score: Some(score),
                band: band_of(percent.value()),
                strengths: kept(&d.strengths),
                ofis: kept(&d.ofis),
                site_issues: Vec::new(),
                rationale: d.rationale.clone(),
            });
        }
        total += sum;
        categories.push(CategoryTotal {
            code: c.code.clone(),
            points: c.points,
            score: sum.normalize(),
        });
    }
    let mut sources = draft.sources.clone();
    sources.sort();
    Ok(Sheet {
        format: SHEET_FORMAT.into(),
        format_version: SHEET_FORMAT_VERSION,
        kind: DocumentKind::ConsensusSheet,
        sheet_id: meta.sheet_id,
        version: meta.version,
        draft: false,
        created_at: meta.created_at.clone(),
        program: template.program.clone(),
        round: template.round.clone(),
        track: result.track.clone(),
        applicant: ApplicantRef {
            id: result.applicant_id.clone(),
            name: result.applicant_name.clone(),
            kind: result.kind,
        },
        stage: result.stage,
        reviewer: meta.leader,
        conflict: ConflictDeclaration::NoConflict {
            declared_at: meta.created_at,
        },
        framework: DocRef {
            id: framework.id.clone(),
            edition: framework.edition.clone(),
            hash: result.framework_hash.clone(),
        },
        key_factors: template.key_factors.clone(),
        eligibility: template
            .eligibility
            .iter()
            .map(|e| EligibilityEntry {
                condition: e.condition.clone(),
                verdict: None,
                note: String::new(),
            })
            .collect(),
        items,
        categories,
        total: total.normalize(),
        sources,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::panel::merge::merge_checked;
    use crate::panel::{MergeOptions, Method};
    use crate::testkit::panel::*;
    use rust_decimal_macros::dec;

    #[test]
    fn medians_go_on_the_step() {
        assert_eq!(on_step(dec!(57.5), 5), 60);
        assert_eq!(on_step(dec!(52.5), 5), 55);
        assert_eq!(on_step(dec!(55), 5), 55);
        assert_eq!(on_step(dec!(0), 5), 0);
        assert_eq!(on_step(dec!(100), 5), 100);
        assert_eq!(on_step(dec!(53.3333), 10), 50);
    }

    #[test]
    fn draft_to_sheet_and_back_through_the_merge() {
        let mut s1 = sheet("M1", "A1", 1, [p(40), p(50), p(60)]);
        s1.items[0].strengths.push(Comment {
            text: "方针目标展开到班组".into(),
            ..Comment::default()
        });
        let s2 = sheet("M2", "A1", 1, [p(70), p(50), p(60)]);
        let inputs = vec![
            checked("m1.json", s1.clone()),
            checked("m2.json", s2.clone()),
        ];
        let opts = MergeOptions {
            method: Method::Consensus,
            ..MergeOptions::default()
        };
        let r = merge_checked(inputs.clone(), &roster(), &catalog(), &opts);
        let result = &r.results[0];
        let mut draft = ConsensusDraft::start(result, &[&s1, &s2], 5);
        assert_eq!(draft.items[0].percent, 55, "median 55 of 40 and 70");
        assert_eq!(draft.items[0].strengths.len(), 1);
        assert!(draft.fits(result));
        let fw = &catalog().frameworks[0].doc;
        let meta = || ConsensusMeta {
            leader: ReviewerRef {
                name: "L".into(),
                public_key: key("L"),
            },
            sheet_id: "0".repeat(32),
            created_at: "2025-06-01T00:00:00Z".into(),
            version: 1,
        };
        // 1.1 spread 30 is divergent: it must be agreed first.
        let e = consensus_sheet(&draft, result, fw, &s1, meta(), |_| None).unwrap_err();
        assert!(matches!(e, ConsensusError::NotAgreed(1, _)));
        draft.items[0].percent = 60;
        draft.items[0].agreed = true;
        draft.items[0].rationale = "现场核实后取60%".into();
        draft.items[0].strengths[0].keep = true;
        let c = consensus_sheet(&draft, result, fw, &s1, meta(), |_| None).unwrap();
        // 400×60% + 100×50% + 500×60% = 240 + 50 + 300
        assert_eq!(c.total, dec!(590));
        assert_eq!(c.items[0].strengths.len(), 1);
        assert_eq!(c.items[0].rationale, "现场核实后取60%");

        let mut again = inputs;
        again.push(checked("consensus.json", c));
        let r2 = merge_checked(again, &roster(), &catalog(), &opts);
        assert!(r2.inputs.iter().all(|i| i.excluded.is_none()));
        assert_eq!(r2.results[0].total, dec!(590));
        assert!(r2.results[0].consensus_sheet.is_some());
    }

    fn leader_meta() -> ConsensusMeta {
        ConsensusMeta {
            leader: ReviewerRef {
                name: "L".into(),
                public_key: key("L"),
            },
            sheet_id: "0".repeat(32),
            created_at: "2025-06-01T00:00:00Z".into(),
            version: 1,
        }
    }

    fn two_with_comments() -> (Sheet, Sheet) {
        let mut s1 = sheet("M1", "A1", 1, [p(40), p(50), p(60)]);
        let mut s2 = sheet("M2", "A1", 1, [p(70), p(50), p(60)]);
        for (s, who) in [(&mut s1, "甲"), (&mut s2, "乙")] {
            for item in &mut s.items {
                item.strengths.push(Comment {
                    text: format!("{who}的优势 {}", item.code),
                    ..Comment::default()
                });
                item.ofis.push(Comment {
                    text: format!("{who}的改进机会 {}", item.code),
                    ..Comment::default()
                });
            }
        }
        (s1, s2)
    }

    /// The two commented sheets and their merge.
    fn merged_with_comments() -> (Sheet, Sheet, PanelResult) {
        let (s1, s2) = two_with_comments();
        let inputs = vec![
            checked("m1.json", s1.clone()),
            checked("m2.json", s2.clone()),
        ];
        let r = merge_checked(inputs, &roster(), &catalog(), &MergeOptions::default());
        (s1, s2, r)
    }

    /// Issue 10: following the agenda and exporting must not wipe the applicant's feedback.
    #[test]
    fn every_comment_is_kept_by_default_and_the_agenda_alone_exports_them_all() {
        let (s1, s2, r) = merged_with_comments();
        let result = &r.results[0];
        let mut draft = ConsensusDraft::start(result, &[&s1, &s2], 5);
        assert!(
            draft
                .items
                .iter()
                .flat_map(|i| i.strengths.iter().chain(&i.ofis))
                .all(|c| c.keep)
        );
        // Only the agenda (1.1) is agreed.
        draft.items[0].agreed = true;
        draft.items[0].rationale = "合议取55%".into();
        assert_eq!(
            draft.unconfirmed(),
            vec!["1.2".to_string(), "2.1".to_string()]
        );
        let fw = &catalog().frameworks[0].doc;
        let c = consensus_sheet(&draft, result, fw, &s1, leader_meta(), |_| None).unwrap();
        for item in &c.items {
            assert_eq!(item.strengths.len(), 2, "{}", item.code);
            assert_eq!(item.ofis.len(), 2, "{}", item.code);
        }
    }

    /// Issue 10: the leader merges two or more comments into one; the merged text starts as
    /// theirs joined, and a strength never merges with an OFI.
    #[test]
    fn comments_merge_into_one_that_remembers_its_authors() {
        let (s1, s2, r) = merged_with_comments();
        let mut draft = ConsensusDraft::start(&r.results[0], &[&s1, &s2], 5);
        let item = &mut draft.items[0];
        item.strengths[1].comment.requirements = vec!["b".into()];
        item.strengths[1].comment.evidence = "现场查看".into();
        assert_eq!(item.merge_comments(&[0, 2]), None, "a strength and an OFI");
        assert_eq!(item.merge_comments(&[1]), None, "one is no merge");
        assert_eq!(item.merge_comments(&[1, 0]), Some(0));
        assert_eq!(item.strengths.len(), 1);
        let m = &item.strengths[0];
        assert_eq!(m.comment.text, "甲的优势 1.1\n乙的优势 1.1");
        assert_eq!(m.merged_from, vec!["M1".to_string(), "M2".to_string()]);
        assert_eq!(m.comment.requirements, vec!["b".to_string()]);
        assert_eq!(m.comment.evidence, "现场查看");
        assert!(m.keep && m.reviewer.is_empty());
        // The draft file reads back; a comment never merged writes no merged_from.
        let json = serde_json::to_string(&draft).unwrap();
        assert_eq!(json.matches("merged_from").count(), 1);
        let back: ConsensusDraft = serde_json::from_str(&json).unwrap();
        assert_eq!(back, draft);
    }

    #[test]
    fn a_divergent_item_needs_a_rationale() {
        let (s1, s2, r) = merged_with_comments();
        let result = &r.results[0];
        let mut draft = ConsensusDraft::start(result, &[&s1, &s2], 5);
        draft.items[0].agreed = true;
        draft.items[0].rationale = "  ".into();
        let fw = &catalog().frameworks[0].doc;
        let e = consensus_sheet(&draft, result, fw, &s1, leader_meta(), |_| None).unwrap_err();
        assert_eq!(e, ConsensusError::NoRationale(1, "1.1".into()));
        draft.items[0].rationale = "现场核实".into();
        assert!(consensus_sheet(&draft, result, fw, &s1, leader_meta(), |_| None).is_ok());
    }

    /// Issue 10: a new version of one sheet that changes one item reopens that item only.
    #[test]
    fn a_new_version_reopens_only_the_items_whose_inputs_changed() {
        let (s1, s2, r) = merged_with_comments();
        let mut draft = ConsensusDraft::start(&r.results[0], &[&s1, &s2], 5);
        for (i, d) in draft.items.iter_mut().enumerate() {
            d.agreed = true;
            d.rationale = format!("理由{i}");
            d.percent = 50;
        }
        draft.items[2].strengths[0].keep = false;
        draft.exported_version = 1;

        // M2 v2: the same but for item 1.2's percent (50 → 60).
        let mut s2b = s2.clone();
        s2b.version = 2;
        s2b.sheet_id = "f".repeat(32);
        s2b.items[1].percent = Some(60);
        let r2 = merge_checked(
            vec![
                checked("m1.json", s1.clone()),
                checked("m2b.json", s2b.clone()),
            ],
            &roster(),
            &catalog(),
            &MergeOptions::default(),
        );
        let result = &r2.results[0];
        assert!(!draft.fits(result));
        let (rebased, reopened) = draft.rebase(result, &[&s1, &s2], &[&s1, &s2b], 5);
        assert_eq!(reopened, vec!["1.2".to_string()]);
        assert!(rebased.fits(result));
        assert_eq!(rebased.exported_version, 1);
        assert_eq!(rebased.items[0], draft.items[0]);
        assert_eq!(
            rebased.items[2], draft.items[2],
            "kept agreed, rationale and a dropped comment"
        );
        assert!(!rebased.items[1].agreed);
        assert_eq!(
            rebased.items[1].percent, 55,
            "median of 50 and 60 on the step"
        );
        assert!(rebased.items[1].rationale.is_empty());

        // A sheet whose item comments changed reopens that item too.
        let mut s1b = s1.clone();
        s1b.version = 2;
        s1b.items[0].ofis[0].text.push_str("（补充）");
        let (_, reopened) = draft.rebase(&r.results[0], &[&s1, &s2], &[&s1b, &s2], 5);
        assert_eq!(reopened, vec!["1.1".to_string()]);
    }

    #[test]
    fn a_leader_with_a_declared_relationship_cannot_sign_and_is_told_who_may() {
        let s1 = sheet("M1", "A1", 1, [p(40), p(50), p(60)]);
        let s2 = sheet("M2", "A1", 1, [p(70), p(50), p(60)]);
        let mut mine = sheet("L", "A1", 1, [p(50), p(50), p(50)]);
        mine.conflict = ConflictDeclaration::Conflict {
            relationship: "曾任该单位顾问".into(),
            declared_at: "2025-06-01T00:00:00Z".into(),
        };
        let r = merge_checked(
            vec![
                checked("m1.json", s1),
                checked("m2.json", s2),
                checked("l.json", mine),
            ],
            &roster(),
            &catalog(),
            &MergeOptions::default(),
        );
        let e = check_leader_not_recused(&r, &roster(), &key("L"), "A1").unwrap_err();
        assert_eq!(e.relationship.as_deref(), Some("曾任该单位顾问"));
        assert!(e.others.contains(&"M1".to_string()), "{:?}", e.others);
        assert!(!e.others.contains(&"L".to_string()));
        assert!(check_leader_not_recused(&r, &roster(), &key("L"), "A2").is_ok());
        assert!(check_leader_not_recused(&r, &roster(), &key("M1"), "A1").is_ok());
    }
}
