//! Ranking per track by panel total (按得分排序, 第十八条) and the proposed winners against the
//! programme's quotas (名额, 第三、十九条).
//!
//! Rules, in order:
//! - Within a track, applicants are ordered by total, highest first. Equal totals share a rank
//!   (competition ranking: 1, 1, 3) and are marked `tied`.
//! - Awards are filled highest first (`Award.rank` 1 first); within an award, tracks in the
//!   programme's order. An applicant proposed for one award is skipped in every later one
//!   (nobody wins two awards).
//! - Who competes for a place is the programme's ranking policy ([`RankingPolicy`]): per track
//!   (a track's quota goes to that track's applicants only), or one pool per kind of applicant
//!   (a 区长质量奖 applicant not placed competes for the 金奖 with the 金奖 applicants).
//! - A total below the optional minimum never takes a place: places stay empty (第三条).
//! - A group of tied applicants that does not fit in the places left is **not** broken: none of
//!   them is proposed, the places stay open, and each gets a note for the committee.
//!
//! Each note is a typed [`RankNote`]; readers word it (`crate::i18n::reason`).

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::ids::ApplicantId;
use crate::program::{ApplicantKind, Program, RankingPolicy};

use super::model::{RankEntry, RankNote};

/// One applicant's total in a track, the input to ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub applicant_id: ApplicantId,
    pub track: String,
    pub total: Decimal,
}

/// Ranks every track of the programme and proposes winners. Tracks with no applicants get an
/// empty list; standings for a track the programme does not know are ranked under that id with
/// no proposal.
pub fn rank(
    program: &Program,
    standings: &[Standing],
    min_total: Option<Decimal>,
) -> BTreeMap<String, Vec<RankEntry>> {
    let mut by_track: BTreeMap<String, Vec<RankEntry>> = BTreeMap::new();
    for t in &program.tracks {
        by_track.entry(t.id.clone()).or_default();
    }
    for s in standings {
        by_track
            .entry(s.track.clone())
            .or_default()
            .push(RankEntry {
                applicant_id: s.applicant_id.clone(),
                rank: 0,
                tied: false,
                total: s.total,
                proposed_award: None,
                note: None,
            });
    }
    for entries in by_track.values_mut() {
        order_and_number(entries);
    }

    match program.ranking_policy() {
        RankingPolicy::PerTrack => propose_per_track(program, &mut by_track, min_total),
        RankingPolicy::OnePool => propose_from_pools(program, &mut by_track, min_total),
    }
    let known: BTreeSet<&str> = program.tracks.iter().map(|t| t.id.as_str()).collect();
    for (track, entries) in by_track.iter_mut() {
        if !known.contains(track.as_str()) {
            for e in entries.iter_mut() {
                e.note = Some(RankNote::UnknownTrack {
                    track: track.clone(),
                    program: program.id.clone(),
                });
            }
        }
    }
    by_track
}

/// The programme's awards, highest first.
fn awards_top_down(program: &Program) -> Vec<&crate::program::Award> {
    let mut awards: Vec<_> = program.awards.iter().collect();
    awards.sort_by_key(|a| a.rank);
    awards
}

/// Each track's quota goes to that track's own applicants.
fn propose_per_track(
    program: &Program,
    by_track: &mut BTreeMap<String, Vec<RankEntry>>,
    min_total: Option<Decimal>,
) {
    let mut proposed: BTreeMap<ApplicantId, String> = BTreeMap::new();
    for award in awards_top_down(program) {
        for track in program.tracks.iter().filter(|t| t.award == award.id) {
            let Some(entries) = by_track.get_mut(&track.id) else {
                continue;
            };
            fill(
                entries,
                &track.id,
                &award.id,
                track.quota,
                min_total,
                &mut proposed,
            );
        }
    }
}

/// One pool per kind of applicant: every award, highest first, takes its quota from the top of
/// the pool; the proposals and notes are then shown on each applicant's own track.
fn propose_from_pools(
    program: &Program,
    by_track: &mut BTreeMap<String, Vec<RankEntry>>,
    min_total: Option<Decimal>,
) {
    for kind in [ApplicantKind::Organisation, ApplicantKind::Individual] {
        let tracks: Vec<_> = program
            .tracks
            .iter()
            .filter(|t| t.applicant_kind == kind)
            .collect();
        // An applicant listed on two tracks of the pool competes once, with the higher total.
        let mut best: BTreeMap<&str, &RankEntry> = BTreeMap::new();
        for t in &tracks {
            for e in by_track.get(&t.id).into_iter().flatten() {
                let slot = best.entry(e.applicant_id.as_str()).or_insert(e);
                if e.total > slot.total {
                    *slot = e;
                }
            }
        }
        let mut pool: Vec<RankEntry> = best.into_values().cloned().collect();
        order_and_number(&mut pool);
        let mut proposed: BTreeMap<ApplicantId, String> = BTreeMap::new();
        for award in awards_top_down(program) {
            for track in tracks.iter().filter(|t| t.award == award.id) {
                fill(
                    &mut pool,
                    &track.id,
                    &award.id,
                    track.quota,
                    min_total,
                    &mut proposed,
                );
            }
        }
        for t in &tracks {
            for e in by_track.get_mut(&t.id).into_iter().flatten() {
                if let Some(p) = pool.iter().find(|p| p.applicant_id == e.applicant_id) {
                    e.proposed_award = p.proposed_award.clone();
                    e.note = p.note.clone();
                }
            }
        }
    }
}

/// Sorts by total (desc), then id for a stable display, and numbers the places.
fn order_and_number(entries: &mut [RankEntry]) {
    entries.sort_by(|a, b| {
        b.total
            .cmp(&a.total)
            .then_with(|| a.applicant_id.cmp(&b.applicant_id))
    });
    let totals: Vec<Decimal> = entries.iter().map(|e| e.total).collect();
    for (i, e) in entries.iter_mut().enumerate() {
        let first = totals.iter().position(|t| *t == e.total).unwrap_or(i);
        e.rank = first as u32 + 1;
        e.tied = totals.iter().filter(|t| **t == e.total).count() > 1;
    }
}

fn fill(
    entries: &mut [RankEntry],
    track: &str,
    award: &str,
    quota: i64,
    min_total: Option<Decimal>,
    proposed: &mut BTreeMap<ApplicantId, String>,
) {
    if quota < 0 {
        for e in entries.iter_mut() {
            e.note = Some(RankNote::InvalidQuota {
                track: track.to_string(),
                quota,
            });
        }
        return;
    }
    let mut left = quota as u64;
    let mut held_by_tie = false;
    let mut i = 0;
    while i < entries.len() {
        // The group of applicants tied with entries[i].
        let total = entries[i].total;
        let end = entries[i..]
            .iter()
            .position(|e| e.total != total)
            .map_or(entries.len(), |p| i + p);
        let group = i..end;
        i = end;
        let available: Vec<usize> = group
            .clone()
            .filter(|&k| !proposed.contains_key(&entries[k].applicant_id))
            .collect();
        for k in group.clone() {
            // In a pool the winner of the higher award is the same entry: it keeps its award.
            if entries[k].proposed_award.is_some() {
                continue;
            }
            if let Some(other) = proposed.get(&entries[k].applicant_id) {
                entries[k].note = Some(RankNote::ProposedHigher {
                    award: other.clone(),
                });
            }
        }
        if available.is_empty() {
            continue;
        }
        if let Some(min) = min_total.filter(|m| total < *m) {
            for &k in &available {
                entries[k].note = Some(RankNote::BelowMinimum {
                    total,
                    minimum: min,
                });
            }
            continue;
        }
        if left == 0 {
            for &k in &available {
                entries[k].note = Some(if held_by_tie {
                    RankNote::BelowTie
                } else {
                    RankNote::QuotaFull { quota }
                });
            }
            continue;
        }
        if available.len() as u64 <= left {
            for &k in &available {
                // In a pool an earlier award's "quota full" no longer applies.
                entries[k].note = None;
                entries[k].proposed_award = Some(award.to_string());
                proposed.insert(entries[k].applicant_id.clone(), award.to_string());
            }
            left -= available.len() as u64;
        } else {
            let tied = available.len();
            for &k in &available {
                entries[k].note = Some(RankNote::TieAtQuotaEdge {
                    tied,
                    total,
                    places_left: left,
                });
            }
            left = 0;
            held_by_tie = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Text;
    use crate::program::{ApplicantKind, Award, Track};
    use rust_decimal_macros::dec;

    fn program() -> Program {
        let award = |id: &str, rank| Award {
            id: id.into(),
            title: Text::new(id, id),
            rank,
        };
        let track = |id: &str, award: &str, kind, quota| Track {
            id: id.into(),
            award: award.into(),
            title: Text::new(id, id),
            applicant_kind: kind,
            framework: "f".into(),
            quota,
            prize_rmb: None,
        };
        Program {
            format: crate::program::model::PROGRAM_FORMAT.into(),
            id: "p".into(),
            edition: "1".into(),
            title: Text::new("p", "p"),
            source: String::new(),
            valid_from: None,
            valid_to: None,
            round_years: 2,
            ranking: None,
            // Listed lowest first on purpose: ranking must follow Award.rank, not file order.
            awards: vec![award("gold", 2), award("mayor", 1)],
            tracks: vec![
                track("gold-model", "gold", ApplicantKind::Organisation, 4),
                track("mayor-model", "mayor", ApplicantKind::Organisation, 2),
                track("mayor-achievement", "mayor", ApplicantKind::Individual, 2),
            ],
            stages: vec![],
            eligibility: vec![],
            exclusions: vec![],
            terms: Default::default(),
        }
    }

    /// The note as an English reader sees it.
    fn note(e: &RankEntry) -> String {
        e.note
            .as_ref()
            .map_or(String::new(), |n| n.message(crate::lang::Lang::En))
    }

    fn st(id: &str, track: &str, total: Decimal) -> Standing {
        Standing {
            applicant_id: id.into(),
            track: track.into(),
            total,
        }
    }

    fn get<'a>(r: &'a BTreeMap<String, Vec<RankEntry>>, t: &str, id: &str) -> &'a RankEntry {
        r[t].iter().find(|e| e.applicant_id == id).unwrap()
    }

    #[test]
    fn ties_share_a_rank_and_quota_fills_top_down() {
        let r = rank(
            &program(),
            &[
                st("A", "mayor-model", dec!(700)),
                st("B", "mayor-model", dec!(650.5)),
                st("C", "mayor-model", dec!(650.5)),
                st("D", "mayor-model", dec!(600)),
            ],
            None,
        );
        let m = &r["mayor-model"];
        let ranks: Vec<(&str, u32, bool)> = m
            .iter()
            .map(|e| (e.applicant_id.as_str(), e.rank, e.tied))
            .collect();
        assert_eq!(
            ranks,
            vec![
                ("A", 1, false),
                ("B", 2, true),
                ("C", 2, true),
                ("D", 4, false)
            ]
        );
        // quota 2: A takes one place; B and C tie for the one left → neither proposed, noted.
        assert_eq!(
            get(&r, "mayor-model", "A").proposed_award.as_deref(),
            Some("mayor")
        );
        for id in ["B", "C"] {
            let e = get(&r, "mayor-model", id);
            assert_eq!(e.proposed_award, None);
            assert!(note(e).contains("tie at the quota edge"), "{}", note(e));
        }
        assert!(note(get(&r, "mayor-model", "D")).contains("below a tie"));
        assert!(r["gold-model"].is_empty());
    }

    #[test]
    fn nobody_wins_two_awards_and_higher_award_goes_first() {
        let r = rank(
            &program(),
            &[
                st("A", "mayor-model", dec!(800)),
                st("B", "mayor-model", dec!(790)),
                st("C", "mayor-model", dec!(780)),
                st("A", "gold-model", dec!(800)),
                st("C", "gold-model", dec!(780)),
                st("E", "gold-model", dec!(500)),
            ],
            None,
        );
        assert_eq!(
            get(&r, "mayor-model", "A").proposed_award.as_deref(),
            Some("mayor")
        );
        assert_eq!(
            get(&r, "mayor-model", "B").proposed_award.as_deref(),
            Some("mayor")
        );
        assert_eq!(get(&r, "mayor-model", "C").proposed_award, None);
        assert!(note(get(&r, "mayor-model", "C")).contains("quota of 2 is full"));
        let a_gold = get(&r, "gold-model", "A");
        assert_eq!(a_gold.proposed_award, None);
        assert!(note(a_gold).contains("higher award mayor"));
        assert_eq!(
            get(&r, "gold-model", "C").proposed_award.as_deref(),
            Some("gold")
        );
        assert_eq!(
            get(&r, "gold-model", "E").proposed_award.as_deref(),
            Some("gold")
        );
    }

    #[test]
    fn minimum_total_leaves_places_empty() {
        let r = rank(
            &program(),
            &[
                st("A", "mayor-achievement", dec!(610)),
                st("B", "mayor-achievement", dec!(599.5)),
            ],
            Some(dec!(600)),
        );
        assert_eq!(
            get(&r, "mayor-achievement", "A").proposed_award.as_deref(),
            Some("mayor")
        );
        let b = get(&r, "mayor-achievement", "B");
        assert_eq!(b.proposed_award, None);
        assert!(note(b).contains("below the minimum 600"), "{}", note(b));
    }

    #[test]
    fn tie_that_fits_is_proposed_whole() {
        let r = rank(
            &program(),
            &[
                st("A", "mayor-model", dec!(700)),
                st("B", "mayor-model", dec!(700)),
                st("C", "mayor-model", dec!(100)),
            ],
            None,
        );
        assert!(get(&r, "mayor-model", "A").proposed_award.is_some());
        assert!(get(&r, "mayor-model", "B").proposed_award.is_some());
        assert!(get(&r, "mayor-model", "A").tied);
        assert_eq!(get(&r, "mayor-model", "C").proposed_award, None);
    }

    #[test]
    fn negative_quota_is_reported_not_a_crash() {
        let mut p = program();
        p.tracks[1].quota = -1;
        let r = rank(&p, &[st("A", "mayor-model", dec!(700))], None);
        assert!(note(get(&r, "mayor-model", "A")).contains("invalid"));
    }

    fn pooled() -> Program {
        let mut p = program();
        p.ranking = Some(crate::program::Ranking {
            policy: RankingPolicy::OnePool,
            source: Text::new("测试", "test"),
        });
        p
    }

    #[test]
    fn per_track_leaves_an_unplaced_mayor_applicant_out_of_the_gold_award() {
        let standings = [
            st("A", "mayor-model", dec!(800)),
            st("B", "mayor-model", dec!(790)),
            st("C", "mayor-model", dec!(780)),
            st("E", "gold-model", dec!(500)),
        ];
        let r = rank(&program(), &standings, None);
        assert_eq!(get(&r, "mayor-model", "C").proposed_award, None);
        assert!(note(get(&r, "mayor-model", "C")).contains("quota of 2 is full"));
        assert_eq!(
            get(&r, "gold-model", "E").proposed_award.as_deref(),
            Some("gold")
        );
    }

    #[test]
    fn one_pool_fills_the_gold_award_with_the_best_of_the_rest() {
        let standings = [
            st("A", "mayor-model", dec!(800)),
            st("B", "mayor-model", dec!(790)),
            st("C", "mayor-model", dec!(780)),
            st("E", "gold-model", dec!(795)),
            st("F", "gold-model", dec!(500)),
            st("G", "gold-model", dec!(400)),
            st("H", "gold-model", dec!(300)),
            st("I", "gold-model", dec!(200)),
            st("P", "mayor-achievement", dec!(700)),
        ];
        let r = rank(&pooled(), &standings, None);
        let award = |t: &str, id: &str| get(&r, t, id).proposed_award.clone();
        // The pool is A 800, E 795, B 790, C 780, F, G, H, I: the mayor's 2 places go to A and E.
        assert_eq!(award("mayor-model", "A").as_deref(), Some("mayor"));
        assert_eq!(award("gold-model", "E").as_deref(), Some("mayor"));
        // Gold's 4 places: B and C (not placed for the mayor's award), then F and G.
        assert_eq!(award("mayor-model", "B").as_deref(), Some("gold"));
        assert_eq!(note(get(&r, "mayor-model", "B")), "");
        assert_eq!(award("mayor-model", "C").as_deref(), Some("gold"));
        assert_eq!(award("gold-model", "F").as_deref(), Some("gold"));
        assert_eq!(award("gold-model", "G").as_deref(), Some("gold"));
        assert_eq!(award("gold-model", "H"), None);
        assert!(note(get(&r, "gold-model", "H")).contains("quota of 4 is full"));
        // Winners carry no "higher award" note about themselves.
        assert_eq!(note(get(&r, "mayor-model", "A")), "");
        // Individuals are a pool of their own: organisations never take their places.
        assert_eq!(award("mayor-achievement", "P").as_deref(), Some("mayor"));
        // Ranks stay per track.
        assert_eq!(get(&r, "gold-model", "E").rank, 1);
    }
}
