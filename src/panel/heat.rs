//! The panel at a glance (issue 10): one applicant's items × the panel's members, each cell the
//! member's percent and its GB/Z 19579 band, so a group leader sees where the panel stands
//! before reading a comment. Members who recused (第二十一条) and members whose sheet never
//! arrived are columns too, their cells kept apart from an item left unscored: an empty column
//! means three different things to the leader. Pure: built from the merge result.

use crate::framework::Framework;

use super::consensus::recusal_of;
use super::model::{ApplicantResult, Cell, PanelResult, Role};

/// One member's standing on one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeatCell {
    /// The member's percent and its band (1 = the lowest of the framework's bands).
    Scored { percent: u8, band: Option<u8> },
    /// The member's sheet counts but leaves this item unscored.
    Unscored,
    /// The member recused from this applicant (有利害关系, 第二十一条).
    Recused,
    /// The member's sheet did not arrive, or was refused.
    Missing,
}

/// A column: a member of the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatMember {
    pub name: String,
    pub role: Role,
}

/// A row: one item in framework order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatRow {
    pub code: String,
    pub divergent: bool,
    /// max − min of the counted percents, percentage points.
    pub spread: u8,
    /// One per member, in the order of [`HeatMap::members`].
    pub cells: Vec<HeatCell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HeatMap {
    pub members: Vec<HeatMember>,
    pub rows: Vec<HeatRow>,
}

/// What a member not among the result's reviewers came to for this applicant.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Absent {
    Recused,
    Missing,
}

/// The heat map of one merged applicant. Columns: the reviewers whose sheets count (the
/// merge's order), then the members the round's coverage shows recused or missing, then —
/// for a roster merge, which has no coverage — the members whose recusal the merge recorded.
pub fn heat_map(panel: &PanelResult, result: &ApplicantResult, framework: &Framework) -> HeatMap {
    let mut members: Vec<HeatMember> = Vec::new();
    for p in result.items.iter().flat_map(|i| &i.percents) {
        if !members.iter().any(|m| m.name == p.reviewer) {
            members.push(HeatMember {
                name: p.reviewer.clone(),
                role: p.role,
            });
        }
    }
    for name in &result.reviewers {
        if !members.iter().any(|m| &m.name == name) {
            members.push(HeatMember {
                name: name.clone(),
                role: Role::Member,
            });
        }
    }
    let counted = members.len();
    let mut absent: Vec<Absent> = Vec::new();
    let mut add = |members: &mut Vec<HeatMember>, name: &str, role: Role, why: Absent| {
        if !members.iter().any(|m| m.name == name) {
            members.push(HeatMember {
                name: name.to_string(),
                role,
            });
            absent.push(why);
        }
    };
    if let Some(cov) = &panel.coverage
        && let Some(row) = cov
            .rows
            .iter()
            .find(|r| r.applicant_id == result.applicant_id && r.stage == result.stage)
    {
        for (m, cell) in cov.members.iter().zip(&row.cells) {
            let why = match cell {
                Cell::Recused { .. } => Absent::Recused,
                _ => Absent::Missing,
            };
            add(&mut members, &m.name, m.role, why);
        }
    }
    let mut recused: Vec<&str> = panel
        .recusals
        .iter()
        .filter_map(|r| r.reviewer.as_deref())
        .chain(panel.inputs.iter().filter_map(|i| i.reviewer.as_deref()))
        .filter(|name| recusal_of(panel, name, &result.applicant_id).is_some())
        .collect();
    recused.sort_unstable();
    recused.dedup();
    for name in recused {
        add(&mut members, name, Role::Member, Absent::Recused);
    }
    let rows = result
        .items
        .iter()
        .map(|item| {
            let mut cells: Vec<HeatCell> = members
                .iter()
                .take(counted)
                .map(|m| {
                    match item
                        .percents
                        .iter()
                        .find(|p| p.reviewer == m.name)
                        .and_then(|p| p.percent)
                    {
                        Some(percent) => HeatCell::Scored {
                            percent,
                            band: band_of(framework, percent),
                        },
                        None => HeatCell::Unscored,
                    }
                })
                .collect();
            cells.extend(absent.iter().map(|a| match a {
                Absent::Recused => HeatCell::Recused,
                Absent::Missing => HeatCell::Missing,
            }));
            HeatRow {
                code: item.code.clone(),
                divergent: item.divergent,
                spread: item.spread,
                cells,
            }
        })
        .collect();
    HeatMap { members, rows }
}

/// The 1-based number of the framework band holding `percent`.
pub fn band_of(framework: &Framework, percent: u8) -> Option<u8> {
    framework
        .bands
        .iter()
        .position(|b| b.contains(percent))
        .and_then(|i| u8::try_from(i + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::panel::MergeOptions;
    use crate::panel::merge::merge_checked;
    use crate::review::ConflictDeclaration;
    use crate::testkit::panel::*;

    #[test]
    fn cells_carry_band_and_percent_and_a_recused_member_is_a_column_of_its_own() {
        let s1 = sheet("M1", "A1", 1, [p(40), p(50), p(95)]);
        let mut s2 = sheet("M2", "A1", 1, [p(70), p(50), p(60)]);
        s2.items[1].percent = None;
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
            &MergeOptions {
                include_drafts: true,
                ..MergeOptions::default()
            },
        );
        let fw = &catalog().frameworks[0].doc;
        let h = heat_map(&r, &r.results[0], fw);
        let names: Vec<&str> = h.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, vec!["M1", "M2", "L"]);
        assert_eq!(h.rows.len(), 3);
        // The test framework has one band, 0-100.
        assert_eq!(
            h.rows[0].cells[0],
            HeatCell::Scored {
                percent: 40,
                band: Some(1)
            }
        );
        assert_eq!(
            h.rows[2].cells[0],
            HeatCell::Scored {
                percent: 95,
                band: Some(1)
            }
        );
        assert_eq!(h.rows[1].cells[1], HeatCell::Unscored);
        assert!(h.rows.iter().all(|r| r.cells[2] == HeatCell::Recused));
        assert!(h.rows[0].divergent && h.rows[0].spread == 30);
    }

    #[test]
    fn bands_are_numbered_from_the_lowest_of_gbz_19579() {
        let catalog = crate::program::Catalog::embedded();
        let fw = &catalog.framework("gbt19580-2012").unwrap().doc;
        assert_eq!(band_of(fw, 0), Some(1));
        assert_eq!(band_of(fw, 40), Some(3));
        assert_eq!(band_of(fw, 55), Some(4));
        assert_eq!(band_of(fw, 95), Some(6));
        assert_eq!(band_of(fw, 7), None, "between two bands");
    }
}
