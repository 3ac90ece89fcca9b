//! Reviews scored on another edition of their framework than the one now loaded (a home
//! override that drops an item or changes the step). Detection only: nothing in the review is
//! changed, so the old edition's scores and comments stay in the file whatever is loaded.

use super::error::{FrameworkChange, Notice};
use crate::program::Catalog;
use crate::review::Applicant;

/// One notice per review whose `framework_hash` is not the hash of the edition the catalogue
/// now has under its framework id.
pub fn framework_changes(applicants: &[Applicant], catalog: &Catalog) -> Vec<Notice> {
    let mut out = Vec::new();
    for a in applicants {
        for review in std::iter::once(&a.document).chain(a.site.as_ref()) {
            let current = catalog.framework(&review.framework);
            if current.is_some_and(|c| c.hash == review.framework_hash) {
                continue;
            }
            let (dropped_items, off_step) = match current {
                Some(c) => {
                    let step = c.doc.percent_step;
                    let scored = review.items.iter().filter(|(_, i)| !i.is_empty());
                    let dropped = scored
                        .clone()
                        .filter(|(code, _)| c.doc.item(code).is_none())
                        .map(|(code, _)| code.clone())
                        .collect();
                    let off = scored
                        .filter_map(|(code, i)| Some((code, i.percent?.value())))
                        .filter(|(_, p)| step == 0 || p % step != 0)
                        .map(|(code, p)| (code.clone(), p, step))
                        .collect();
                    (dropped, off)
                }
                None => (Vec::new(), Vec::new()),
            };
            out.push(Notice::FrameworkChanged(FrameworkChange {
                applicant: a.id.clone(),
                stage: review.stage,
                framework: review.framework.clone(),
                scored_hash: review.framework_hash.clone(),
                current_hash: current.map(|c| c.hash.clone()),
                old_edition_kept: catalog.framework_by_hash(&review.framework_hash).is_some(),
                dropped_items,
                off_step,
            }));
        }
    }
    out
}
