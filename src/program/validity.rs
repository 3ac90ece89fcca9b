//! Whether a round's dates fall inside the period the measures are in force (有效期; for Jinshan
//! 2023-03-03 to 2028-03-02, 第二十九条). The round (a later feature) calls this with its dates and
//! shows the warnings; a date outside is allowed, since an office may still close a round that
//! began in force, but never silently.

use time::Date;

use super::model::Program;

/// A date the programme's measures do not cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutsideValidity {
    pub date: Date,
    pub side: Side,
    /// The first or last day the measures are in force, whichever the date misses.
    pub limit: Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Before `valid_from`: the measures were not yet in force.
    Before,
    /// After `valid_to`: the measures have expired.
    After,
}

fn parse(iso: Option<&str>) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    iso.and_then(|s| Date::parse(s, format).ok())
}

impl Program {
    /// The first and last day in force, where the file gives them (both inclusive).
    pub fn validity(&self) -> (Option<Date>, Option<Date>) {
        (
            parse(self.valid_from.as_deref()),
            parse(self.valid_to.as_deref()),
        )
    }

    /// Every given date outside the period of validity, in the order given. Empty when all fall
    /// inside or the programme states no period.
    pub fn outside_validity(&self, dates: &[Date]) -> Vec<OutsideValidity> {
        let (from, to) = self.validity();
        dates
            .iter()
            .filter_map(|&date| match (from, to) {
                (Some(limit), _) if date < limit => Some(OutsideValidity {
                    date,
                    side: Side::Before,
                    limit,
                }),
                (_, Some(limit)) if date > limit => Some(OutsideValidity {
                    date,
                    side: Side::After,
                    limit,
                }),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::Catalog;
    use time::macros::date;

    #[test]
    fn jinshan_warns_outside_2023_03_03_to_2028_03_02() {
        let catalog = Catalog::embedded();
        let p = &catalog.program("jinshan-2023").unwrap().doc;
        let inside = [
            date!(2023 - 03 - 03),
            date!(2026 - 06 - 01),
            date!(2028 - 03 - 02),
        ];
        assert_eq!(p.outside_validity(&inside), vec![]);
        let w = p.outside_validity(&[
            date!(2023 - 03 - 02),
            date!(2025 - 01 - 01),
            date!(2028 - 03 - 03),
        ]);
        assert_eq!(
            w,
            vec![
                OutsideValidity {
                    date: date!(2023 - 03 - 02),
                    side: Side::Before,
                    limit: date!(2023 - 03 - 03),
                },
                OutsideValidity {
                    date: date!(2028 - 03 - 03),
                    side: Side::After,
                    limit: date!(2028 - 03 - 02),
                },
            ]
        );
    }

    #[test]
    fn no_period_means_no_warning() {
        let catalog = Catalog::embedded();
        let mut p = catalog.program("jinshan-2023").unwrap().doc.clone();
        p.valid_from = None;
        p.valid_to = None;
        assert_eq!(p.outside_validity(&[date!(1999 - 01 - 01)]), vec![]);
    }
}
