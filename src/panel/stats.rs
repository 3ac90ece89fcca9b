//! Statistics of one item over a panel (统计) and the consensus agenda (合议议程).
//!
//! Counted reviewers are members and the leader; trainees (见习) are shown beside them but never
//! enter n, mean, median, spread or the panel score. All figures are `Decimal`:
//! - mean and standard deviation are exact when the division terminates and are otherwise rounded
//!   to [`STAT_DP`] decimal places, 四舍五入 (e.g. 50, 55, 55 → mean 53.3333);
//! - the median of an even count is the mean of the two middle values (always exact, x or x.5);
//! - the standard deviation is the **population** standard deviation: the panel is the whole
//!   population of opinions on the item, not a sample of a larger one. The variance is exact; only
//!   its square root is rounded to [`STAT_DP`] places.

use rust_decimal::prelude::MathematicalOps;
use rust_decimal::{Decimal, RoundingStrategy};

use super::model::{ItemStats, Method, ReviewerPercent, Role};

/// Decimal places kept where a statistic does not terminate (mean, trimmed mean, std dev).
pub const STAT_DP: u32 = 4;

/// The default divergence threshold: an item is divergent when max − min reaches 20 points.
pub const DEFAULT_THRESHOLD: u8 = 20;

/// Rounds a statistic that may not terminate, 四舍五入, and drops trailing zeros.
fn settle(value: Decimal) -> Decimal {
    value
        .round_dp_with_strategy(STAT_DP, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// Whether a role's percent counts towards the panel's figures.
pub fn counts(role: Role) -> bool {
    !matches!(role, Role::Trainee)
}

/// Summary figures of a list of percents.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub n: u32,
    pub mean: Decimal,
    pub median: Decimal,
    pub min: u8,
    pub max: u8,
    pub spread: u8,
    pub std_dev: Decimal,
    pub trimmed_mean: Decimal,
}

/// Summarises the given percents. An empty list gives n = 0 and zeros everywhere.
pub fn summarise(values: &[u8]) -> Summary {
    let mut v: Vec<u8> = values.to_vec();
    v.sort_unstable();
    let n = v.len();
    if n == 0 {
        return Summary {
            n: 0,
            mean: Decimal::ZERO,
            median: Decimal::ZERO,
            min: 0,
            max: 0,
            spread: 0,
            std_dev: Decimal::ZERO,
            trimmed_mean: Decimal::ZERO,
        };
    }
    let sum: u32 = v.iter().map(|&x| u32::from(x)).sum();
    let count = Decimal::from(n as u64);
    let exact_mean = Decimal::from(sum) / count;
    let median = if n % 2 == 1 {
        Decimal::from(v[n / 2])
    } else {
        (Decimal::from(v[n / 2 - 1]) + Decimal::from(v[n / 2])) / Decimal::TWO
    };
    // Population variance = Σx²/n − mean², computed as (nΣx² − (Σx)²) / n², which is exact in
    // integers before the one division.
    let sum_sq: u64 = v.iter().map(|&x| u64::from(x) * u64::from(x)).sum();
    let nn = n as u64;
    let numerator = nn * sum_sq - u64::from(sum) * u64::from(sum);
    let variance = Decimal::from(numerator) / Decimal::from(nn * nn);
    let std_dev = variance.sqrt().unwrap_or(Decimal::ZERO);
    let trimmed_mean = if n >= 5 {
        let inner = &v[1..n - 1];
        let s: u32 = inner.iter().map(|&x| u32::from(x)).sum();
        Decimal::from(s) / Decimal::from(inner.len() as u64)
    } else {
        exact_mean
    };
    Summary {
        n: n as u32,
        mean: settle(exact_mean),
        median: median.normalize(),
        min: v[0],
        max: v[n - 1],
        spread: v[n - 1] - v[0],
        std_dev: settle(std_dev),
        trimmed_mean: settle(trimmed_mean),
    }
}

/// The panel percent of an item by a method. `consensus` is the agreed percent, if any.
pub fn panel_percent(method: Method, s: &Summary, consensus: Option<u8>) -> Decimal {
    match method {
        Method::Consensus => consensus.map(Decimal::from).unwrap_or(s.median),
        Method::Mean => s.mean,
        Method::Median => s.median,
        Method::TrimmedMean => s.trimmed_mean,
    }
}

/// Item score = points × percent / 100, exact for any decimal percent.
pub fn score(points: u32, percent: Decimal) -> Decimal {
    (Decimal::from(points) * percent / Decimal::ONE_HUNDRED).normalize()
}

/// Builds the statistics of one item from every reviewer's percent (trainees included, shown
/// only).
pub fn item_stats(
    code: &str,
    points: u32,
    percents: Vec<ReviewerPercent>,
    consensus: Option<u8>,
    method: Method,
    threshold: u8,
) -> ItemStats {
    let counted: Vec<u8> = percents
        .iter()
        .filter(|p| counts(p.role))
        .filter_map(|p| p.percent)
        .collect();
    let s = summarise(&counted);
    let panel_percent = panel_percent(method, &s, consensus);
    ItemStats {
        code: code.to_string(),
        points,
        percents,
        n: s.n,
        mean: s.mean,
        median: s.median,
        min: s.min,
        max: s.max,
        spread: s.spread,
        std_dev: s.std_dev,
        divergent: s.n > 0 && s.spread >= threshold,
        consensus,
        panel_score: score(points, panel_percent),
        panel_percent,
    }
}

/// The consensus agenda: divergent items first, by spread × points descending, then the rest;
/// ties keep the framework's order.
pub fn agenda(items: &[ItemStats]) -> Vec<String> {
    let mut order: Vec<(usize, &ItemStats)> = items.iter().enumerate().collect();
    order.sort_by(|(ia, a), (ib, b)| {
        b.divergent
            .cmp(&a.divergent)
            .then_with(|| {
                if a.divergent && b.divergent {
                    weight(b).cmp(&weight(a))
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .then(ia.cmp(ib))
    });
    order.into_iter().map(|(_, i)| i.code.clone()).collect()
}

fn weight(i: &ItemStats) -> u64 {
    u64::from(i.spread) * u64::from(i.points)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn rp(name: &str, role: Role, p: Option<u8>) -> ReviewerPercent {
        ReviewerPercent {
            reviewer: name.into(),
            role,
            percent: p,
        }
    }

    #[test]
    fn five_reviewers_hand_computed() {
        // 40 50 55 60 80: sum 285, mean 57, median 55, spread 40,
        // variance (1600+2500+3025+3600+6400)/5 − 57² = 17125/5 − 3249 = 3425 − 3249 = 176,
        // sd = √176 = 13.2665 (13.26649916…), trimmed mean (50+55+60)/3 = 55.
        let s = summarise(&[60, 40, 80, 55, 50]);
        assert_eq!(s.n, 5);
        assert_eq!(s.mean, dec!(57));
        assert_eq!(s.median, dec!(55));
        assert_eq!((s.min, s.max, s.spread), (40, 80, 40));
        assert_eq!(s.std_dev, dec!(13.2665));
        assert_eq!(s.trimmed_mean, dec!(55));
    }

    #[test]
    fn even_count_median_and_non_terminating_mean() {
        // 50 55 55: mean 160/3 = 53.3333; 50 55 60 65: median 57.5, trimmed = mean (n < 5) = 57.5
        assert_eq!(summarise(&[50, 55, 55]).mean, dec!(53.3333));
        let s = summarise(&[65, 50, 60, 55]);
        assert_eq!(s.median, dec!(57.5));
        assert_eq!(s.trimmed_mean, dec!(57.5));
        // sd of 50 55 60 65: variance 31.25, sd 5.5902 (5.59016994…)
        assert_eq!(s.std_dev, dec!(5.5902));
    }

    #[test]
    fn identical_percents_have_zero_spread_and_sd() {
        let s = summarise(&[45, 45, 45]);
        assert_eq!(s.spread, 0);
        assert_eq!(s.std_dev, Decimal::ZERO);
    }

    #[test]
    fn trainee_shown_not_counted_and_divergence_at_threshold() {
        let stats = item_stats(
            "4.1.2",
            50,
            vec![
                rp("甲", Role::Leader, Some(50)),
                rp("乙", Role::Member, Some(70)),
                rp("丙", Role::Trainee, Some(0)),
            ],
            None,
            Method::Median,
            20,
        );
        assert_eq!(stats.percents.len(), 3);
        assert_eq!(stats.n, 2);
        assert_eq!(stats.min, 50);
        assert_eq!(stats.spread, 20);
        assert!(
            stats.divergent,
            "spread equal to the threshold is divergent"
        );
        assert_eq!(stats.panel_percent, dec!(60));
        assert_eq!(stats.panel_score, dec!(30));
        let calm = item_stats(
            "x",
            50,
            vec![
                rp("a", Role::Member, Some(50)),
                rp("b", Role::Member, Some(65)),
            ],
            None,
            Method::Mean,
            20,
        );
        assert!(!calm.divergent);
        // mean 57.5 × 50 / 100 = 28.75, exact
        assert_eq!(calm.panel_score, dec!(28.75));
    }

    #[test]
    fn consensus_method_prefers_agreed_then_median() {
        let s = summarise(&[40, 50, 90]);
        assert_eq!(panel_percent(Method::Consensus, &s, Some(55)), dec!(55));
        assert_eq!(panel_percent(Method::Consensus, &s, None), dec!(50));
        assert_eq!(panel_percent(Method::Mean, &s, Some(55)), dec!(60));
    }

    #[test]
    fn agenda_puts_divergent_first_by_spread_times_points() {
        let mk = |code: &str, points: u32, lo: u8, hi: u8| {
            item_stats(
                code,
                points,
                vec![
                    rp("a", Role::Member, Some(lo)),
                    rp("b", Role::Member, Some(hi)),
                ],
                None,
                Method::Median,
                20,
            )
        };
        let items = vec![
            mk("A", 50, 50, 55),  // calm
            mk("B", 40, 30, 60),  // 30 × 40 = 1200
            mk("C", 100, 40, 60), // 20 × 100 = 2000
            mk("D", 10, 0, 100),  // 100 × 10 = 1000
            mk("E", 70, 50, 50),  // calm
        ];
        assert_eq!(agenda(&items), vec!["C", "B", "D", "A", "E"]);
    }

    proptest! {
        #[test]
        fn figures_stay_within_min_and_max(v in proptest::collection::vec(0u8..=20, 1..12)) {
            let v: Vec<u8> = v.into_iter().map(|x| x * 5).collect();
            let s = summarise(&v);
            let lo = Decimal::from(s.min);
            let hi = Decimal::from(s.max);
            for x in [s.mean, s.median, s.trimmed_mean] {
                prop_assert!(lo <= x && x <= hi);
            }
            prop_assert!(s.std_dev <= Decimal::from(s.spread));
        }
    }
}
