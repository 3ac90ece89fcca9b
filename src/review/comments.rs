//! Strengths, OFIs and site-visit issues of an item: add, edit, delete, reorder.

use serde::{Deserialize, Serialize};

use super::error::ReviewError;
use super::list::{self, Move};
use super::model::{
    Applicant, Comment, ItemReview, SiteIssue, SiteIssueKind, SiteIssueStatus, Stage,
};
use crate::framework::Framework;

/// The two kinds of comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommentKind {
    /// 优势
    Strength,
    /// 改进机会 (opportunity for improvement)
    Ofi,
}

impl CommentKind {
    fn what(self) -> &'static str {
        match self {
            CommentKind::Strength => "strength",
            CommentKind::Ofi => "OFI",
        }
    }
}

/// One comment of an item: its kind and its place in that list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CommentRef {
    pub kind: CommentKind,
    pub index: usize,
}

impl ItemReview {
    pub fn comments(&self, kind: CommentKind) -> &[Comment] {
        match kind {
            CommentKind::Strength => &self.strengths,
            CommentKind::Ofi => &self.ofis,
        }
    }

    pub fn comments_mut(&mut self, kind: CommentKind) -> &mut Vec<Comment> {
        match kind {
            CommentKind::Strength => &mut self.strengths,
            CommentKind::Ofi => &mut self.ofis,
        }
    }
}

/// Checks the requirement labels (要求编号) a comment cites against the item's own, as the
/// framework data lists them: 4.2.3 has `2a`…`3b`, so `gz` or `a` there is refused, with the
/// valid labels in the reason.
pub fn check_requirements(
    fw: &Framework,
    item: &str,
    labels: &[String],
) -> Result<(), ReviewError> {
    let Some(it) = fw.item(item) else {
        return Err(ReviewError::UnknownItem(item.to_string()));
    };
    let valid: Vec<String> = it.requirements.iter().map(|r| r.label.clone()).collect();
    let refused: Vec<String> = labels
        .iter()
        .filter(|l| !valid.contains(l))
        .cloned()
        .collect();
    if refused.is_empty() {
        Ok(())
    } else {
        Err(ReviewError::UnknownRequirement {
            item: item.to_string(),
            refused,
            valid,
        })
    }
}

impl Applicant {
    /// Appends a comment; returns its index.
    pub fn add_comment(
        &mut self,
        fw: &Framework,
        stage: Stage,
        item: &str,
        kind: CommentKind,
        comment: Comment,
    ) -> Result<usize, ReviewError> {
        self.with_item(fw, stage, item, |it| {
            let v = it.comments_mut(kind);
            v.push(comment);
            Ok(v.len() - 1)
        })
    }

    pub fn edit_comment(
        &mut self,
        fw: &Framework,
        stage: Stage,
        item: &str,
        at: CommentRef,
        comment: Comment,
    ) -> Result<(), ReviewError> {
        self.with_item(fw, stage, item, |it| {
            *list::get_mut(it.comments_mut(at.kind), at.kind.what(), at.index)? = comment;
            Ok(())
        })
    }

    pub fn delete_comment(
        &mut self,
        fw: &Framework,
        stage: Stage,
        item: &str,
        at: CommentRef,
    ) -> Result<Comment, ReviewError> {
        self.with_item(fw, stage, item, |it| {
            list::remove(it.comments_mut(at.kind), at.kind.what(), at.index)
        })
    }

    /// Moves a comment one place up or down (most important first); returns its new index.
    pub fn move_comment(
        &mut self,
        fw: &Framework,
        stage: Stage,
        item: &str,
        at: CommentRef,
        dir: Move,
    ) -> Result<usize, ReviewError> {
        self.with_item(fw, stage, item, |it| {
            list::shift(it.comments_mut(at.kind), at.kind.what(), at.index, dir)
        })
    }

    /// Plans a site-visit issue (核实 / 澄清); open until resolved on site.
    pub fn add_site_issue(
        &mut self,
        fw: &Framework,
        stage: Stage,
        item: &str,
        kind: SiteIssueKind,
        text: &str,
    ) -> Result<usize, ReviewError> {
        self.with_item(fw, stage, item, |it| {
            it.site_issues.push(SiteIssue {
                kind,
                text: text.to_string(),
                status: SiteIssueStatus::Open,
                note: String::new(),
            });
            Ok(it.site_issues.len() - 1)
        })
    }

    /// Changes an issue's kind and text; its status and note stay.
    pub fn edit_site_issue(
        &mut self,
        fw: &Framework,
        stage: Stage,
        item: &str,
        index: usize,
        kind: SiteIssueKind,
        text: &str,
    ) -> Result<(), ReviewError> {
        self.with_item(fw, stage, item, |it| {
            let issue = list::get_mut(&mut it.site_issues, "site-visit issue", index)?;
            issue.kind = kind;
            issue.text = text.to_string();
            Ok(())
        })
    }

    pub fn delete_site_issue(
        &mut self,
        fw: &Framework,
        stage: Stage,
        item: &str,
        index: usize,
    ) -> Result<SiteIssue, ReviewError> {
        self.with_item(fw, stage, item, |it| {
            list::remove(&mut it.site_issues, "site-visit issue", index)
        })
    }

    pub fn move_site_issue(
        &mut self,
        fw: &Framework,
        stage: Stage,
        item: &str,
        index: usize,
        dir: Move,
    ) -> Result<usize, ReviewError> {
        self.with_item(fw, stage, item, |it| {
            list::shift(&mut it.site_issues, "site-visit issue", index, dir)
        })
    }
}
