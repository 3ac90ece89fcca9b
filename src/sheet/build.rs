//! From a review to a sheet payload: every item of the framework in order, with its percent,
//! exact score and band, the comments, and the computed totals. Pure; signing is separate.

use rust_decimal::Decimal;

use super::model::*;
use crate::framework::{Band, Framework, Percent, item_score};
use crate::ids::ApplicantId;
use crate::program::{Loaded, Program};
use crate::review::{Applicant, ConflictDeclaration, Origin, Stage};

/// What the caller supplies besides the review: who signs, which export, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetMeta {
    pub reviewer: ReviewerRef,
    /// 1 for the first export of this (applicant, stage), then rising.
    pub version: u32,
    /// 32 lowercase hex digits, random.
    pub sheet_id: String,
    /// RFC 3339.
    pub created_at: String,
    pub draft: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    #[error("applicant {applicant} has no {stage} review yet")]
    NoReview {
        applicant: ApplicantId,
        stage: &'static str,
    },
    #[error(
        "a conflict of interest was declared ({relationship}): scoring is locked and no sheet can be exported"
    )]
    Conflict { relationship: String },
    #[error(
        "the conflict-of-interest declaration has not been made; declare it, or export with --draft"
    )]
    Undeclared,
    #[error(
        "{unscored} of {total} items have no score yet ({first}…); finish them, or export with --draft"
    )]
    Incomplete {
        unscored: usize,
        total: usize,
        first: String,
    },
    #[error("applicant {applicant} belongs to programme {program}, not {given}")]
    WrongProgram {
        applicant: ApplicantId,
        program: String,
        given: String,
    },
    #[error("programme {program} has no track {track}")]
    UnknownTrack { program: String, track: String },
    #[error("the review was scored on framework {review}, but {given} was given")]
    WrongFramework { review: String, given: String },
    #[error("the review scores item {0}, which this framework edition does not have")]
    UnknownItem(String),
    #[error("item {item}: {percent}% is not on the framework's step of {step}%")]
    OffStep { item: String, percent: u8, step: u8 },
    #[error("item {item}: no scoring band covers {percent}%")]
    NoBand { item: String, percent: u8 },
    #[error("sheet id must be 32 lowercase hex digits and version at least 1")]
    BadMeta,
    #[error(
        "item {item}: a comment cites requirement {label:?}, which the item does not have (it has {known}); correct the comment's requirement tags"
    )]
    UnknownRequirement {
        item: String,
        label: String,
        known: String,
    },
}

/// The label a band is written with on a sheet: `min-max`, e.g. `50-65`.
pub fn band_label(band: &Band) -> String {
    format!("{}-{}", band.min, band.max)
}

/// The round an applicant's sheets carry (sheet format 2): the one it was imported from, or
/// `None` for an applicant added by hand on the laptop (本机添加), whose sheets a merge against
/// a round refuses.
pub fn round_of(applicant: &Applicant) -> Option<RoundRef> {
    match &applicant.origin {
        Origin::Local => None,
        Origin::Round {
            round_id,
            round_version,
            round_hash,
        } => Some(RoundRef {
            id: round_id.clone(),
            version: *round_version,
            hash: round_hash.clone(),
        }),
    }
}

/// The sheet payload for one applicant and stage. Refuses a declared conflict always, and an
/// undeclared conflict or an unscored item unless `meta.draft`.
pub fn build(
    applicant: &Applicant,
    stage: Stage,
    framework: &Loaded<Framework>,
    program: &Loaded<Program>,
    meta: SheetMeta,
) -> Result<Sheet, BuildError> {
    let fw = &framework.doc;
    if meta.version == 0 || !is_hex_id(&meta.sheet_id) {
        return Err(BuildError::BadMeta);
    }
    let review = applicant
        .review(stage)
        .ok_or_else(|| BuildError::NoReview {
            applicant: applicant.id.clone(),
            stage: stage.cli_name(),
        })?;
    match &applicant.conflict {
        ConflictDeclaration::Conflict { relationship, .. } => {
            return Err(BuildError::Conflict {
                relationship: relationship.clone(),
            });
        }
        ConflictDeclaration::Undeclared if !meta.draft => return Err(BuildError::Undeclared),
        _ => {}
    }
    if applicant.program != program.doc.id {
        return Err(BuildError::WrongProgram {
            applicant: applicant.id.clone(),
            program: applicant.program.clone(),
            given: program.doc.id.clone(),
        });
    }
    let track = program
        .doc
        .track(&applicant.track)
        .ok_or_else(|| BuildError::UnknownTrack {
            program: program.doc.id.clone(),
            track: applicant.track.clone(),
        })?;
    for named in [&review.framework, &track.framework] {
        if *named != fw.id {
            return Err(BuildError::WrongFramework {
                review: named.clone(),
                given: fw.id.clone(),
            });
        }
    }
    if let Some(code) = review.items.keys().find(|c| fw.item(c).is_none()) {
        return Err(BuildError::UnknownItem(code.clone()));
    }

    let mut items = Vec::with_capacity(fw.item_count());
    let mut unscored = Vec::new();
    for (_, item) in fw.items() {
        let work = review.items.get(&item.code).cloned().unwrap_or_default();
        let (percent, score, band) = match work.percent {
            Some(p) => {
                let checked =
                    Percent::new(u32::from(p.value()), fw.percent_step).map_err(|_| {
                        BuildError::OffStep {
                            item: item.code.clone(),
                            percent: p.value(),
                            step: fw.percent_step,
                        }
                    })?;
                let band = fw
                    .band_for(checked.value())
                    .ok_or_else(|| BuildError::NoBand {
                        item: item.code.clone(),
                        percent: checked.value(),
                    })?;
                (
                    Some(checked.value()),
                    Some(item_score(item.points, checked)),
                    Some(band_label(band)),
                )
            }
            None => {
                unscored.push(item.code.clone());
                (None, None, None)
            }
        };
        items.push(SheetItem {
            code: item.code.clone(),
            points: item.points,
            percent,
            score,
            band,
            strengths: cited(item, work.strengths)?,
            ofis: cited(item, work.ofis)?,
            site_issues: work.site_issues,
            rationale: String::new(),
        });
    }
    if !unscored.is_empty() && !meta.draft {
        return Err(BuildError::Incomplete {
            unscored: unscored.len(),
            total: items.len(),
            first: unscored[0].clone(),
        });
    }

    let (categories, total) = totals(fw, &items);
    let eligibility = program
        .doc
        .checklist(track.applicant_kind)
        .map(|list| {
            list.conditions
                .iter()
                .map(|c| {
                    let answer = applicant
                        .eligibility
                        .get(&c.id)
                        .cloned()
                        .unwrap_or_default();
                    EligibilityEntry {
                        condition: c.id.clone(),
                        verdict: answer.verdict,
                        note: answer.note,
                    }
                })
                .collect()
        })
        .unwrap_or_default();

    Ok(Sheet {
        format: SHEET_FORMAT.to_string(),
        format_version: SHEET_FORMAT_VERSION,
        kind: DocumentKind::ScoreSheet,
        sheet_id: meta.sheet_id,
        version: meta.version,
        draft: meta.draft,
        created_at: meta.created_at,
        program: DocRef {
            id: program.doc.id.clone(),
            edition: program.doc.edition.clone(),
            hash: program.hash.clone(),
        },
        round: round_of(applicant),
        track: track.id.clone(),
        applicant: ApplicantRef {
            id: applicant.id.clone(),
            name: applicant.name.clone(),
            kind: track.applicant_kind,
        },
        stage,
        reviewer: meta.reviewer,
        conflict: applicant.conflict.clone(),
        framework: DocRef {
            id: fw.id.clone(),
            edition: fw.edition.clone(),
            hash: framework.hash.clone(),
        },
        key_factors: applicant.key_factors.clone(),
        eligibility,
        items,
        categories,
        total,
        sources: Vec::new(),
    })
}

/// The comments with their requirement tags checked against the item (`sheet-format.md` §5.1):
/// a tag the item does not have is refused, naming the ones it has, since the verifier would
/// refuse the sheet; a tag typed twice is kept once, which says the same.
fn cited(
    item: &crate::framework::Item,
    mut comments: Vec<crate::review::Comment>,
) -> Result<Vec<crate::review::Comment>, BuildError> {
    for comment in &mut comments {
        let mut seen: Vec<String> = Vec::with_capacity(comment.requirements.len());
        for label in comment.requirements.drain(..) {
            if !item.requirements.iter().any(|r| r.label == label) {
                return Err(BuildError::UnknownRequirement {
                    item: item.code.clone(),
                    label,
                    known: item
                        .requirements
                        .iter()
                        .map(|r| r.label.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
            if !seen.contains(&label) {
                seen.push(label);
            }
        }
        comment.requirements = seen;
    }
    Ok(comments)
}

/// Category sums and the total from the items' stated scores (unscored items count 0).
/// Items are matched to categories through the framework.
pub fn totals(fw: &Framework, items: &[SheetItem]) -> (Vec<CategoryTotal>, Decimal) {
    let mut total = Decimal::ZERO;
    let categories = fw
        .categories
        .iter()
        .map(|c| {
            let sum: Decimal = c
                .items
                .iter()
                .filter_map(|i| items.iter().find(|s| s.code == i.code))
                .filter_map(|s| s.score)
                .sum();
            total += sum;
            CategoryTotal {
                code: c.code.clone(),
                points: c.points,
                score: sum.normalize(),
            }
        })
        .collect();
    (categories, total.normalize())
}

/// 32 lowercase hex digits.
pub fn is_hex_id(s: &str) -> bool {
    s.len() == 32
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}
