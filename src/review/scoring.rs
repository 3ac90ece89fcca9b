//! Scores: set, step, clear a percent; item status; progress; totals.

use super::error::ReviewError;
use super::model::{Applicant, Review, Stage};
use crate::framework::{Framework, Percent, Totals};

/// A step of the score with ←/→ or -/+.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Up,
    Down,
}

/// Where an item stands (评分状态).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemStatus {
    /// 未开始 — nothing recorded for the item.
    NotStarted,
    /// 进行中 — something recorded (a comment, an issue, a score) but not marked done.
    InProgress,
    /// 已评完 — scored and marked done by the reviewer.
    Done,
}

/// A site-visit issue not yet resolved, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenIssue {
    /// The item's code, e.g. `4.1.2`.
    pub item: String,
    /// Its place among the item's site-visit issues.
    pub index: usize,
    pub issue: super::model::SiteIssue,
}

/// Items scored and done out of all the framework's items (评分进度).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub scored: usize,
    pub done: usize,
    pub total: usize,
}

impl Review {
    pub fn item_status(&self, item: &str) -> ItemStatus {
        match self.items.get(item) {
            None => ItemStatus::NotStarted,
            Some(r) if r.is_empty() => ItemStatus::NotStarted,
            Some(r) if r.done && r.percent.is_some() => ItemStatus::Done,
            Some(_) => ItemStatus::InProgress,
        }
    }

    /// Counts only the framework's items, so a stray entry cannot inflate progress.
    pub fn progress(&self, fw: &Framework) -> Progress {
        let mut p = Progress {
            scored: 0,
            done: 0,
            total: fw.item_count(),
        };
        for (_, item) in fw.items() {
            if self.percent(&item.code).is_some() {
                p.scored += 1;
            }
            if self.item_status(&item.code) == ItemStatus::Done {
                p.done += 1;
            }
        }
        p
    }

    /// (strengths, OFIs) over the framework's items, for the summary.
    pub fn comment_counts(&self, fw: &Framework) -> (usize, usize) {
        fw.items()
            .filter_map(|(_, i)| self.items.get(&i.code))
            .fold((0, 0), |(s, o), r| {
                (s + r.strengths.len(), o + r.ofis.len())
            })
    }

    /// Site-visit issues still open, as (item code, index): the site review's to-do list.
    pub fn open_site_issues(&self, fw: &Framework) -> Vec<(String, usize)> {
        fw.items()
            .filter_map(|(_, i)| self.items.get(&i.code).map(|r| (&i.code, r)))
            .flat_map(|(code, r)| {
                r.site_issues
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.is_open())
                    .map(move |(n, _)| (code.to_string(), n))
            })
            .collect()
    }

    /// The site-visit issues still open (待核查 / 待澄清), in framework order with their item:
    /// the site review's overview and what export warns about.
    pub fn open_issues(&self, fw: &Framework) -> Vec<OpenIssue> {
        fw.items()
            .filter_map(|(_, i)| self.items.get(&i.code).map(|r| (&i.code, r)))
            .flat_map(|(code, r)| {
                r.site_issues
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.is_open())
                    .map(move |(index, issue)| OpenIssue {
                        item: code.to_string(),
                        index,
                        issue: issue.clone(),
                    })
            })
            .collect()
    }

    /// How many site-visit issues of one item are still open.
    pub fn open_issue_count(&self, item: &str) -> usize {
        self.items
            .get(item)
            .map_or(0, |r| r.site_issues.iter().filter(|s| s.is_open()).count())
    }

    /// Category subtotals and total, exact (unscored items count 0 and are listed).
    pub fn totals(&self, fw: &Framework) -> Totals {
        fw.totals(|code| self.percent(code))
    }
}

impl Applicant {
    /// Sets an item's percent, checked against 0–100 and the framework's step.
    pub fn set_percent(
        &mut self,
        fw: &Framework,
        stage: Stage,
        item: &str,
        value: u32,
    ) -> Result<Percent, ReviewError> {
        let p = Percent::new(value, fw.percent_step)?;
        self.with_item(fw, stage, item, |it| {
            it.percent = Some(p);
            Ok(p)
        })
    }

    /// Sets a percent from what the reviewer typed (`45`, `45%`).
    pub fn set_percent_text(
        &mut self,
        fw: &Framework,
        stage: Stage,
        item: &str,
        text: &str,
    ) -> Result<Percent, ReviewError> {
        let p = Percent::parse(text, fw.percent_step)?;
        self.set_percent(fw, stage, item, u32::from(p.value()))
    }

    /// One step up or down, within 0–100. From unscored, up gives one step and down gives 0.
    pub fn step_percent(
        &mut self,
        fw: &Framework,
        stage: Stage,
        item: &str,
        step: Step,
    ) -> Result<Percent, ReviewError> {
        let s = fw.percent_step;
        self.with_item(fw, stage, item, |it| {
            let next = match (it.percent, step) {
                (Some(p), Step::Up) => p.step_up(s),
                (Some(p), Step::Down) => p.step_down(s),
                (None, Step::Up) => Percent::ZERO.step_up(s),
                (None, Step::Down) => Percent::ZERO,
            };
            it.percent = Some(next);
            Ok(next)
        })
    }

    /// Removes the score; the item can no longer be done.
    pub fn clear_percent(
        &mut self,
        fw: &Framework,
        stage: Stage,
        item: &str,
    ) -> Result<(), ReviewError> {
        self.with_item(fw, stage, item, |it| {
            it.percent = None;
            it.done = false;
            Ok(())
        })
    }

    /// Marks an item done (评完) or not; done needs a score.
    pub fn set_done(
        &mut self,
        fw: &Framework,
        stage: Stage,
        item: &str,
        done: bool,
    ) -> Result<(), ReviewError> {
        self.with_item(fw, stage, item, |it| {
            if done && it.percent.is_none() {
                return Err(ReviewError::NotScored(item.to_string()));
            }
            it.done = done;
            Ok(())
        })
    }
}
