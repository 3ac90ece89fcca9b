//! A panel result joined with the catalog: titles, categories, tracks and awards looked up once,
//! checked once, and handed to every rendering, so CSV, XLSX and HTML cannot disagree.

use std::collections::BTreeMap;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::framework::{Band, Category, Framework, Item};
use crate::panel::{ApplicantResult, InputSheet, ItemStats, PanelResult, RankEntry, Role};
use crate::program::{Award, Catalog, Program, Track};
use crate::sheet::CategoryTotal;

use super::ReportError;
use super::comments::{self, CommentSource, PanelComments, Themes};

/// The whole panel, ready to render.
#[derive(Debug)]
pub struct PanelView<'a> {
    pub result: &'a PanelResult,
    pub program: &'a Program,
    pub applicants: Vec<ApplicantView<'a>>,
    /// Per track with applicants, in the programme's track order (unknown ids last, by id).
    pub ranking: Vec<TrackRanking<'a>>,
}

#[derive(Debug)]
pub struct TrackRanking<'a> {
    pub track_id: &'a str,
    pub track: Option<&'a Track>,
    pub rows: Vec<RankRow<'a>>,
}

#[derive(Debug, Clone, Copy)]
pub struct RankRow<'a> {
    /// `entry.rank` is 0 for an applicant listed but not ranked (seen only in an earlier
    /// stage than the track was ranked on); its note says why.
    pub entry: &'a RankEntry,
    /// The applicant's name, when the result has them.
    pub applicant_name: Option<&'a str>,
    pub award: Option<&'a Award>,
}

/// A panel member as a column of the item tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub reviewer: String,
    pub role: Role,
}

/// One applicant in one stage, ready to render.
#[derive(Debug)]
pub struct ApplicantView<'a> {
    pub result: &'a ApplicantResult,
    pub framework: &'a Framework,
    pub track: &'a Track,
    pub award: Option<&'a Award>,
    /// Leader, members, then trainees; within a role in the order the result lists them.
    pub columns: Vec<Column>,
    pub categories: Vec<CategoryView<'a>>,
    pub rank: Option<RankRow<'a>>,
    /// The input sheets that name this applicant, counted or not.
    pub inputs: Vec<&'a InputSheet>,
    pub comment_source: CommentSource,
    pub themes: Themes<'a>,
}

#[derive(Debug)]
pub struct CategoryView<'a> {
    pub category: &'a Category,
    /// The panel's total for the category, as the merge computed it.
    pub total: Option<&'a CategoryTotal>,
    pub items: Vec<ItemView<'a>>,
}

#[derive(Debug)]
pub struct ItemView<'a> {
    pub item: &'a Item,
    /// None when no counted sheet scored the item.
    pub stats: Option<&'a ItemStats>,
    pub comments: PanelComments<'a>,
}

impl<'a> PanelView<'a> {
    pub fn build(result: &'a PanelResult, catalog: &'a Catalog) -> Result<Self, ReportError> {
        let program = &catalog
            .program(&result.program)
            .ok_or_else(|| ReportError::UnknownProgram {
                program: result.program.clone(),
            })?
            .doc;
        let ranking = ranking(result, program);
        let applicants = result
            .results
            .iter()
            .map(|r| ApplicantView::build(result, r, catalog, program, &ranking))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PanelView {
            result,
            program,
            applicants,
            ranking,
        })
    }
}

fn ranking<'a>(result: &'a PanelResult, program: &'a Program) -> Vec<TrackRanking<'a>> {
    let name_of = |id: &str| {
        result
            .results
            .iter()
            .find(|r| r.applicant_id == id)
            .map(|r| r.applicant_name.as_str())
    };
    let mut tracks: Vec<TrackRanking<'a>> = result
        .ranking
        .iter()
        .filter(|(_, entries)| !entries.is_empty())
        .map(|(track_id, entries)| TrackRanking {
            track_id,
            track: program.track(track_id),
            rows: entries
                .iter()
                .map(|entry| RankRow {
                    entry,
                    applicant_name: name_of(&entry.applicant_id),
                    award: entry
                        .proposed_award
                        .as_deref()
                        .and_then(|a| program.award(a)),
                })
                .collect(),
        })
        .collect();
    let order = |t: &TrackRanking| {
        program
            .tracks
            .iter()
            .position(|p| p.id == t.track_id)
            .unwrap_or(usize::MAX)
    };
    tracks.sort_by(|a, b| order(a).cmp(&order(b)).then(a.track_id.cmp(b.track_id)));
    tracks
}

impl<'a> ApplicantView<'a> {
    fn build(
        panel: &'a PanelResult,
        result: &'a ApplicantResult,
        catalog: &'a Catalog,
        program: &'a Program,
        ranking: &[TrackRanking<'a>],
    ) -> Result<Self, ReportError> {
        let framework = &catalog
            .framework_by_hash(&result.framework_hash)
            .ok_or_else(|| ReportError::UnknownFramework {
                applicant: result.applicant_id.to_string(),
                hash: result.framework_hash.clone(),
            })?
            .doc;
        let track = program
            .track(&result.track)
            .ok_or_else(|| ReportError::UnknownTrack {
                applicant: result.applicant_id.to_string(),
                track: result.track.clone(),
                program: program.id.clone(),
            })?;
        if let Some(stray) = result
            .items
            .iter()
            .find(|s| framework.item(&s.code).is_none())
        {
            return Err(ReportError::UnknownItem {
                applicant: result.applicant_id.to_string(),
                item: stray.code.clone(),
                framework: framework.id.clone(),
            });
        }

        let columns = columns(result);
        let roles: Vec<(String, Role)> = columns
            .iter()
            .map(|c| (c.reviewer.clone(), c.role))
            .collect();
        let (comment_source, mut comments) = comments::gather(result, &panel.sheets, &roles);
        let themes = comments::themes(framework, &comments);

        let categories = framework
            .categories
            .iter()
            .map(|category| CategoryView {
                category,
                total: result.categories.iter().find(|t| t.code == category.code),
                items: category
                    .items
                    .iter()
                    .map(|item| ItemView {
                        item,
                        stats: result.items.iter().find(|s| s.code == item.code),
                        comments: comments.remove(&item.code).unwrap_or_default(),
                    })
                    .collect(),
            })
            .collect();

        // A track is ranked on one stage; the applicant's entry belongs to its latest result
        // in the track (an earlier stage's result is history, not what was ranked).
        let superseded = panel.results.iter().any(|o| {
            o.applicant_id == result.applicant_id
                && o.track == result.track
                && o.stage > result.stage
        });
        let rank = ranking
            .iter()
            .filter(|t| t.track_id == result.track && !superseded)
            .flat_map(|t| t.rows.iter())
            .find(|r| r.entry.applicant_id == result.applicant_id)
            .copied();

        Ok(ApplicantView {
            result,
            framework,
            track,
            award: program.award(&track.award),
            columns,
            categories,
            rank,
            inputs: panel
                .inputs
                .iter()
                .filter(|i| i.applicant.as_deref() == Some(result.applicant_id.as_str()))
                .filter(|i| i.stage.is_none_or(|s| s == result.stage))
                .collect(),
            comment_source,
            themes,
        })
    }

    pub fn items(&self) -> impl Iterator<Item = (&CategoryView<'a>, &ItemView<'a>)> {
        self.categories
            .iter()
            .flat_map(|c| c.items.iter().map(move |i| (c, i)))
    }

    /// The band (评分区间) of the panel percent of an item, for the applicant's feedback.
    pub fn panel_band(&self, stats: &ItemStats) -> Option<&'a Band> {
        band_of(self.framework, stats.panel_percent)
    }
}

/// Every reviewer named in the item statistics, leader first and trainees last.
fn columns(result: &ApplicantResult) -> Vec<Column> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut columns: Vec<Column> = Vec::new();
    let named = result
        .items
        .iter()
        .flat_map(|i| i.percents.iter().map(|p| (p.reviewer.as_str(), p.role)));
    // Reviewers listed on the result but absent from every item still get a column.
    let listed = result.reviewers.iter().map(|r| (r.as_str(), Role::Member));
    for (who, role) in named.chain(listed) {
        if !seen.contains_key(who) {
            seen.insert(who, columns.len());
            columns.push(Column {
                reviewer: who.to_string(),
                role,
            });
        }
    }
    columns.sort_by_key(|c| c.role);
    columns
}

/// The band holding `percent` once rounded 四舍五入 to the framework's step: a panel mean of
/// 47.5 sits between the 30–45 and 50–65 bands and is reported in 50–65.
pub fn band_of(framework: &Framework, percent: Decimal) -> Option<&Band> {
    let step = Decimal::from(framework.percent_step.max(1));
    let on_step =
        ((percent / step).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero) * step)
            .clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
    framework.band_for(on_step.to_u8()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::report as fixture;
    use rust_decimal_macros::dec;

    #[test]
    fn panel_percent_between_bands_rounds_half_up_to_the_step() {
        let (_, catalog) = fixture::panel();
        let fw = &catalog.frameworks[0].doc;
        let band = |p| band_of(fw, p).map(|b| (b.min, b.max));
        assert_eq!(band(dec!(47.5)), Some((50, 65)));
        assert_eq!(band(dec!(47.4)), Some((30, 45)));
        assert_eq!(band(dec!(46.666666666666666666666666667)), Some((30, 45)));
        assert_eq!(band(dec!(100)), Some((90, 100)));
        assert_eq!(band(dec!(0)), Some((0, 5)));
    }

    #[test]
    fn columns_put_the_leader_first_and_trainees_last() {
        let (panel, catalog) = fixture::panel();
        let view = PanelView::build(&panel, &catalog).unwrap();
        let cols: Vec<(&str, Role)> = view.applicants[0]
            .columns
            .iter()
            .map(|c| (c.reviewer.as_str(), c.role))
            .collect();
        assert_eq!(
            cols,
            [
                ("张伟", Role::Leader),
                ("王芳", Role::Member),
                ("李强", Role::Member),
                ("赵敏", Role::Trainee)
            ]
        );
    }

    #[test]
    fn items_follow_the_framework_and_ranking_is_joined() {
        let (panel, catalog) = fixture::panel();
        let view = PanelView::build(&panel, &catalog).unwrap();
        let a1 = &view.applicants[0];
        let codes: Vec<&str> = a1.items().map(|(_, i)| i.item.code.as_str()).collect();
        assert_eq!(codes, ["4.1.2", "4.2.2", "4.7.2"]);
        let rank = a1.rank.unwrap();
        assert_eq!(rank.entry.rank, 2);
        assert!(rank.award.is_none());
        let first = view.ranking[0].rows[0];
        assert_eq!(first.applicant_name, Some("金山精密机械有限公司"));
        assert_eq!(first.award.unwrap().id, "mayor");
    }

    #[test]
    fn the_rank_belongs_to_the_latest_stage_only() {
        let (mut panel, catalog) = fixture::panel();
        let mut site = panel.results[0].clone();
        site.stage = crate::review::Stage::SiteReview;
        panel.results.push(site);
        let view = PanelView::build(&panel, &catalog).unwrap();
        assert!(
            view.applicants[0].rank.is_none(),
            "document stage of A1 is history"
        );
        assert_eq!(view.applicants[2].rank.unwrap().entry.rank, 2);
    }
}
