//! Rules over a whole applicant: creation, the conflict declaration (回避声明) and its lock,
//! key factors, eligibility answers, and the move from document review to site review.

use super::error::ReviewError;
use super::list::{self, Move};
use super::model::{
    Applicant, ApplicantConduct, Comment, ConductVerdict, ConflictDeclaration, EligibilityAnswer,
    ItemReview, Origin, Review, SiteIssueStatus, Stage, ValueProblem, Verdict,
};
use crate::framework::Framework;
use crate::ids::ItemCode;
use crate::program::Checklist;

impl Applicant {
    /// A new applicant in document review, with no declaration yet (scoring is locked until
    /// the reviewer declares). `now` is an RFC 3339 time supplied by the caller.
    pub fn new(
        id: &str,
        name: &str,
        program: &str,
        track: &str,
        framework_id: &str,
        framework_hash: &str,
        now: &str,
    ) -> Applicant {
        Applicant {
            id: id.into(),
            name: name.to_string(),
            program: program.to_string(),
            track: track.to_string(),
            demo: false,
            origin: Origin::Local,
            conflict: ConflictDeclaration::Undeclared,
            key_factors: Vec::new(),
            document: Review::new(Stage::DocumentReview, framework_id, framework_hash),
            site: None,
            created_at: now.to_string(),
        }
    }

    /// Ok when review changes are allowed: no conflict declared. Otherwise the reason.
    pub fn check_can_score(&self) -> Result<(), ReviewError> {
        match &self.conflict {
            ConflictDeclaration::NoConflict { .. } => Ok(()),
            ConflictDeclaration::Undeclared => Err(ReviewError::ConflictUndeclared),
            ConflictDeclaration::Conflict { relationship, .. } => {
                Err(ReviewError::ConflictLocked {
                    relationship: relationship.clone(),
                })
            }
        }
    }

    /// 无利害关系. Keeps the first declaration's time if repeated. A recorded conflict cannot
    /// be turned into "no conflict".
    pub fn declare_no_conflict(&mut self, now: &str) -> Result<(), ReviewError> {
        match self.conflict {
            ConflictDeclaration::Conflict { .. } => Err(ReviewError::ConflictIsFinal),
            ConflictDeclaration::NoConflict { .. } => Ok(()),
            ConflictDeclaration::Undeclared => {
                self.conflict = ConflictDeclaration::NoConflict {
                    declared_at: now.to_string(),
                };
                Ok(())
            }
        }
    }

    /// Declares a relationship (回避, 第十四条、第二十一条): scoring locks from now on; scores
    /// already given stay on record but can no longer change. Allowed from undeclared and from
    /// 无利害关系 (a reviewer may learn of a relationship later); once 有利害关系 is on record it
    /// is final — neither withdrawn nor reworded, since it may already have been exported.
    pub fn declare_conflict(&mut self, relationship: &str, now: &str) -> Result<(), ReviewError> {
        if matches!(self.conflict, ConflictDeclaration::Conflict { .. }) {
            return Err(ReviewError::ConflictIsFinal);
        }
        let relationship = relationship.trim();
        if relationship.is_empty() {
            return Err(ReviewError::EmptyRelationship);
        }
        self.conflict = ConflictDeclaration::Conflict {
            relationship: relationship.to_string(),
            declared_at: now.to_string(),
        };
        Ok(())
    }

    /// The review of `stage` for changing, after the conflict lock and the stage checks.
    pub(crate) fn review_for_edit(
        &mut self,
        fw: &Framework,
        stage: Stage,
    ) -> Result<&mut Review, ReviewError> {
        self.check_can_score()?;
        if stage == Stage::DocumentReview && self.site.is_some() {
            return Err(ReviewError::DocumentReviewClosed);
        }
        let review = self
            .review_mut(stage)
            .ok_or(ReviewError::StageNotStarted(stage))?;
        if review.framework != fw.id {
            return Err(ReviewError::FrameworkMismatch {
                review: review.framework.clone(),
                given: fw.id.clone(),
            });
        }
        Ok(review)
    }

    /// Runs `f` on one item's review after every check. An item left empty is dropped from the
    /// map, so "not started" stays "not present" and files stay small.
    pub(crate) fn with_item<T>(
        &mut self,
        fw: &Framework,
        stage: Stage,
        item: &str,
        f: impl FnOnce(&mut ItemReview) -> Result<T, ReviewError>,
    ) -> Result<T, ReviewError> {
        if fw.item(item).is_none() {
            return Err(ReviewError::UnknownItem(item.to_string()));
        }
        let review = self.review_for_edit(fw, stage)?;
        let entry = review.items.entry(ItemCode::from(item)).or_default();
        let result = f(entry);
        if review.items.get(item).is_some_and(ItemReview::is_empty) {
            review.items.remove(item);
        }
        result
    }

    /// Starts site review (现场评审): the document review's scores, comments, site-visit
    /// issues and eligibility answers are copied as the starting point; the document review
    /// stays as it was. Every
    /// site-visit issue becomes an open to-do; items are to be confirmed again (not done).
    pub fn start_site_review(&mut self) -> Result<(), ReviewError> {
        self.check_can_score()?;
        if self.site.is_some() {
            return Err(ReviewError::SiteReviewStarted);
        }
        let mut site = self.document.clone();
        site.stage = Stage::SiteReview;
        for item in site.items.values_mut() {
            item.done = false;
            for issue in &mut item.site_issues {
                issue.status = SiteIssueStatus::pending(issue.kind());
                issue.note.clear();
            }
        }
        self.site = Some(site);
        Ok(())
    }

    /// Records the reviewer's evaluation of the applicant's conduct on the site visit (守纪情况,
    /// 第二十二条), replacing any earlier one. Only in site review: the document stage has no
    /// visit to evaluate. A blank note is no note (the sheet never carries a blank one, §12).
    pub fn set_conduct(
        &mut self,
        fw: &Framework,
        verdict: ConductVerdict,
        note: &str,
    ) -> Result<(), ReviewError> {
        self.check_can_score()?;
        if self.site.is_none() {
            return Err(ReviewError::ConductOnlyOnSite);
        }
        let review = self.review_for_edit(fw, Stage::SiteReview)?;
        review.conduct = Some(ApplicantConduct {
            verdict,
            note: note.trim().to_string(),
        });
        Ok(())
    }

    /// Records the outcome of a site-visit issue (已核实 / 与材料不符 for 核实, 已澄清 for 澄清,
    /// or back to pending) with a note. Only in site review, and only an outcome of the issue's
    /// own kind.
    pub fn resolve_site_issue(
        &mut self,
        fw: &Framework,
        item: &str,
        index: usize,
        status: SiteIssueStatus,
        note: &str,
    ) -> Result<(), ReviewError> {
        if self.site.is_none() {
            return Err(ReviewError::ResolveOnlyOnSite);
        }
        self.with_item(fw, Stage::SiteReview, item, |it| {
            let issue = list::get_mut(&mut it.site_issues, "site-visit issue", index)?;
            if issue.kind() != status.kind() {
                return Err(ReviewError::StatusOfOtherKind);
            }
            issue.status = status;
            issue.note = note.to_string();
            Ok(())
        })
    }

    pub fn add_key_factor(&mut self, text: &str) -> Result<usize, ReviewError> {
        self.check_can_score()?;
        self.key_factors.push(text.to_string());
        Ok(self.key_factors.len() - 1)
    }

    pub fn edit_key_factor(&mut self, index: usize, text: &str) -> Result<(), ReviewError> {
        self.check_can_score()?;
        *list::get_mut(&mut self.key_factors, "key factor", index)? = text.to_string();
        Ok(())
    }

    pub fn delete_key_factor(&mut self, index: usize) -> Result<String, ReviewError> {
        self.check_can_score()?;
        list::remove(&mut self.key_factors, "key factor", index)
    }

    pub fn move_key_factor(&mut self, index: usize, dir: Move) -> Result<usize, ReviewError> {
        self.check_can_score()?;
        list::shift(&mut self.key_factors, "key factor", index, dir)
    }

    /// Answers one condition of the programme's checklist (资格审查) in the current stage:
    /// once site review has started, only the site review's answers change.
    pub fn set_eligibility(
        &mut self,
        checklist: &Checklist,
        condition: &str,
        answer: EligibilityAnswer,
    ) -> Result<(), ReviewError> {
        self.check_can_score()?;
        let Some(c) = checklist.conditions.iter().find(|c| c.id == condition) else {
            return Err(ReviewError::UnknownCondition(condition.to_string()));
        };
        if answer.verdict == Some(Verdict::NotApplicable) && !c.may_be_not_applicable() {
            return Err(ReviewError::NotApplicableRefused(condition.to_string()));
        }
        let stage = self.current_stage();
        let record = &mut self
            .review_mut(stage)
            .ok_or(ReviewError::StageNotStarted(stage))?
            .eligibility;
        if answer == EligibilityAnswer::default() {
            record.remove(condition);
        } else {
            record.insert(condition.to_string(), answer);
        }
        Ok(())
    }
}

impl Applicant {
    /// Values the app never writes, so a file holding them was edited or damaged: each is
    /// named, none is clamped into something plausible. The first is enough to refuse the file.
    pub fn check_values(&self) -> Result<(), ValueProblem> {
        for review in std::iter::once(&self.document).chain(self.site.as_ref()) {
            for (code, item) in &review.items {
                if let Some(p) = item.percent.filter(|p| p.value() > 100) {
                    return Err(ValueProblem::PercentAbove100 {
                        stage: review.stage,
                        item: code.to_string(),
                        percent: p.value(),
                    });
                }
            }
        }
        Ok(())
    }

    /// The applicant as it is written to disk: without comments, site-visit issues and key
    /// factors that hold nothing (an editor opened by `s`, `o` or `v` and not yet typed in), so
    /// a crash at that moment never leaves an empty comment behind. Items left empty go too.
    pub fn without_empty_entries(&self) -> Applicant {
        let mut a = self.clone();
        a.key_factors.retain(|k| !k.trim().is_empty());
        for review in std::iter::once(&mut a.document).chain(a.site.as_mut()) {
            for item in review.items.values_mut() {
                for list in [&mut item.strengths, &mut item.ofis] {
                    list.retain(|c| !c.is_empty());
                }
                item.site_issues
                    .retain(|i| !i.text.trim().is_empty() || !i.note.trim().is_empty());
            }
            review.items.retain(|_, item| !item.is_empty());
        }
        a
    }
}

impl Comment {
    /// No text, no evidence, no requirement: nothing a reviewer wrote.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.evidence.trim().is_empty()
            && self.requirements.is_empty()
    }
}

impl ItemReview {
    /// Nothing recorded: no score, no comment, no site-visit issue, not marked done.
    pub fn is_empty(&self) -> bool {
        self == &ItemReview::default()
    }
}
