//! Reviews scored on another edition of their framework than the one now current (a home
//! override that drops an item or changes the step), found at open so the reviewer is told
//! before anything else. Detection only: nothing in the review is changed, so the scores and
//! comments of the old edition stay in the file whatever is loaded.

use super::error::{FrameworkChange, Notice};
use crate::program::Catalog;
use crate::program::catalog::EditionMatch;
use crate::review::Applicant;

/// One notice per review not on the current edition of its framework (see
/// [`Catalog::edition_of`]). When the scored edition is unknown and the review would open on
/// the current one, the notice names the scored items it lacks and the percents off its step.
pub fn framework_changes(applicants: &[Applicant], catalog: &Catalog) -> Vec<Notice> {
    let mut out = Vec::new();
    for a in applicants {
        for review in std::iter::once(&a.document).chain(a.site.as_ref()) {
            let matched = catalog.edition_of(&review.framework, &review.framework_hash);
            let Some(edition) = matched.notice(&review.framework, &review.framework_hash) else {
                continue;
            };
            let (mut dropped_items, mut off_step) = (Vec::new(), Vec::new());
            if let EditionMatch::Unknown { current: Some(c) } = matched {
                let step = c.doc.percent_step;
                for (code, item) in review.items.iter().filter(|(_, i)| !i.is_empty()) {
                    if c.doc.item(code).is_none() {
                        dropped_items.push(code.clone());
                    }
                    if let Some(p) = item.percent.map(|p| p.value())
                        && (step == 0 || p % step != 0)
                    {
                        off_step.push((code.clone(), p, step));
                    }
                }
            }
            out.push(Notice::FrameworkChanged(FrameworkChange {
                applicant: a.id.clone(),
                stage: review.stage,
                edition,
                dropped_items,
                off_step,
            }));
        }
    }
    out
}
