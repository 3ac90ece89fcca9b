//! Scoring arithmetic (GB/Z 19579): item score = points × percent / 100, exact; sums exact;
//! rounding only for display, 四舍五入.

use crate::ids::ItemCode;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::model::{Framework, Item};

/// A percent a reviewer gives an item: 0–100 on the framework's step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Percent(u8);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PercentError {
    #[error("percent {0} is above 100")]
    AboveHundred(u32),
    #[error("percent {value} is not on the step of {step} (allowed: 0, {step}, {twice}, … 100)", twice = step * 2)]
    OffStep { value: u32, step: u8 },
    #[error("'{0}' is not a whole-number percent")]
    NotANumber(String),
}

impl Percent {
    pub const ZERO: Percent = Percent(0);
    pub const FULL: Percent = Percent(100);

    /// A percent checked against 0–100 and the step.
    pub fn new(value: u32, step: u8) -> Result<Percent, PercentError> {
        if value > 100 {
            return Err(PercentError::AboveHundred(value));
        }
        if step == 0 || !value.is_multiple_of(u32::from(step)) {
            return Err(PercentError::OffStep { value, step });
        }
        Ok(Percent(value as u8))
    }

    /// Parses what a person types: `45`, `45%`, ` 45 ％`.
    pub fn parse(text: &str, step: u8) -> Result<Percent, PercentError> {
        let t = text.trim().trim_end_matches(['%', '％']).trim();
        let value: u32 = t
            .parse()
            .map_err(|_| PercentError::NotANumber(text.trim().to_string()))?;
        Percent::new(value, step)
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// One step up, capped at 100.
    pub fn step_up(self, step: u8) -> Percent {
        Percent(self.0.saturating_add(step).min(100))
    }

    /// One step down, floored at 0.
    pub fn step_down(self, step: u8) -> Percent {
        Percent(self.0.saturating_sub(step))
    }

    pub fn as_decimal(self) -> Decimal {
        Decimal::from(self.0)
    }
}

impl std::fmt::Display for Percent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}%", self.0)
    }
}

/// Item score (条款得分) = points × percent / 100, exact: 50 × 45% = 22.5.
pub fn item_score(points: u32, percent: Percent) -> Decimal {
    (Decimal::from(points) * Decimal::from(percent.0) / Decimal::ONE_HUNDRED).normalize()
}

/// The score of an item given its percent.
pub fn score_of(item: &Item, percent: Percent) -> Decimal {
    item_score(item.points, percent)
}

/// Rounds for display only, 四舍五入 (half away from zero), to `dp` decimal places.
pub fn round_display(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// A score in points (an item's, a category's, a total) as every output gives it: two decimals
/// at most, 四舍五入. Every score on a 5 % step is a multiple of 0.05, so this is exact for
/// them (456.25 stays 456.25, where one decimal would print 456.3 and make two different
/// totals look tied); only mean-based scores are rounded.
pub fn round_points(value: Decimal) -> Decimal {
    round_display(value, 2)
}

/// [`round_points`] as text, trailing zeros trimmed (22.5, not 22.50; 80, not 80.00): the one
/// spelling of a score in the CLI, the reports, the spreadsheets and the rank notes.
pub fn format_points(value: Decimal) -> String {
    round_points(value).normalize().to_string()
}

/// Formats a percent statistic for display: at most one decimal place, 四舍五入, no trailing
/// zeros. (Scores in points go through [`format_points`].)
pub fn format_score(value: Decimal) -> String {
    round_display(value, 1).normalize().to_string()
}

/// Scores per category and in total, from a lookup of item percents. Unscored items count 0
/// and are listed, so a caller can tell an incomplete total from a low one.
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    /// (category code, sum of its scored items, category points)
    pub categories: Vec<(String, Decimal, u32)>,
    pub total: Decimal,
    pub unscored: Vec<ItemCode>,
}

impl Framework {
    /// Exact category and total sums for the given percents.
    pub fn totals(&self, percent_of: impl Fn(&str) -> Option<Percent>) -> Totals {
        let mut categories = Vec::with_capacity(self.categories.len());
        let mut total = Decimal::ZERO;
        let mut unscored = Vec::new();
        for c in &self.categories {
            let mut sum = Decimal::ZERO;
            for i in &c.items {
                match percent_of(&i.code) {
                    Some(p) => sum += item_score(i.points, p),
                    None => unscored.push(i.code.clone()),
                }
            }
            total += sum;
            categories.push((c.code.clone(), sum.normalize(), c.points));
        }
        Totals {
            categories,
            total: total.normalize(),
            unscored,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn fifty_points_at_45_percent_is_22_5() {
        assert_eq!(item_score(50, Percent::new(45, 5).unwrap()), dec!(22.5));
    }

    #[test]
    fn off_step_and_above_hundred_are_rejected() {
        assert_eq!(
            Percent::new(42, 5),
            Err(PercentError::OffStep { value: 42, step: 5 })
        );
        assert_eq!(Percent::new(105, 5), Err(PercentError::AboveHundred(105)));
        assert!(Percent::parse("abc", 5).is_err());
        assert_eq!(Percent::parse(" 45％ ", 5).unwrap().value(), 45);
    }

    #[test]
    fn display_rounding_is_half_away_from_zero() {
        assert_eq!(round_display(dec!(2.25), 1), dec!(2.3));
        assert_eq!(round_display(dec!(2.35), 1), dec!(2.4));
        assert_eq!(format_score(dec!(22.50)), "22.5");
        assert_eq!(format_score(dec!(7.75)), "7.8");
    }

    proptest! {
        #[test]
        fn item_score_never_exceeds_points(points in 0u32..=1000, steps in 0u32..=20) {
            let p = Percent::new(steps * 5, 5).unwrap();
            let s = item_score(points, p);
            prop_assert!(s <= Decimal::from(points));
            prop_assert!(s >= Decimal::ZERO);
            // exact: ×100 gives back points × percent
            prop_assert_eq!(s * Decimal::ONE_HUNDRED, Decimal::from(points * steps * 5));
        }

        #[test]
        fn stepping_stays_on_step_and_in_range(start in 0u32..=20, ups in 0usize..30, downs in 0usize..30) {
            let mut p = Percent::new(start * 5, 5).unwrap();
            for _ in 0..ups { p = p.step_up(5); }
            for _ in 0..downs { p = p.step_down(5); }
            prop_assert!(p.value() <= 100);
            prop_assert_eq!(p.value() % 5, 0);
        }
    }
}
