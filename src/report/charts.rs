//! Pictures for the stage reports: inline SVG written by hand, no script and no network, so a
//! report opens on an offline laptop and prints on A4 like the text around it.
//!
//! Two charts per applicant, where a reader would rather look than read (issue 10):
//! - **category scores**: one bar per category, its length the category's maximum points on a
//!   scale shared by all categories, filled to the panel's score;
//! - **the panel's spread per item**: one row per item on a 0–100 % axis with the framework's
//!   scoring bands (评分区间) shaded, a line from the lowest to the highest counted percent and
//!   a dot at the panel percent; divergent rows (分歧条款) drawn in red and marked with a
//!   symbol, so the mark survives a black-and-white printer. It names no reviewer: only the
//!   range, which is what the panel discussed.
//!
//! The figures come from the merged result as it is (no arithmetic beyond scaling); the tables
//! beside each chart carry the same figures in text.

use maud::{Markup, html};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::html_common::score;
use super::view::ApplicantView;
use crate::i18n::stage_report as labels;

/// The drawing width in SVG user units; the chart scales to the text width (100 %).
const WIDTH: f64 = 700.0;
/// Height of one row.
const ROW: f64 = 18.0;
/// Room above the rows (the legend is a paragraph above the chart, where it can wrap).
const TOP: f64 = 4.0;

/// A coordinate, one decimal: short and the same on every platform.
fn n(v: f64) -> String {
    format!("{v:.1}")
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Each category's score against its maximum.
pub fn categories(a: &ApplicantView) -> Markup {
    let label_w = 190.0;
    let value_w = 130.0;
    let plot_w = WIDTH - label_w - value_w;
    let widest = a
        .categories
        .iter()
        .map(|c| c.category.points)
        .max()
        .unwrap_or(0)
        .max(1);
    let height = TOP + ROW * a.categories.len() as f64 + 4.0;
    let scale = |v: f64| v / f64::from(widest) * plot_w;
    html! {
        p.source.legend {
            (labels::CHART_CATEGORIES_LEGEND.zh) " " span.en { (labels::CHART_CATEGORIES_LEGEND.en) }
        }
        svg.chart.categories xmlns="http://www.w3.org/2000/svg" role="img"
            viewBox=(format!("0 0 {} {}", n(WIDTH), n(height))) {
            title { (labels::CHART_CATEGORIES.zh) " " (labels::CHART_CATEGORIES.en) }
            @for (k, c) in a.categories.iter().enumerate() {
                @let y = TOP + ROW * k as f64;
                @let max_w = scale(f64::from(c.category.points));
                @let got = c.total.map(|t| t.score);
                text x="0" y=(n(y + 12.5)) font-size="10" {
                    (c.category.code) " " (c.category.title.zh)
                }
                rect x=(n(label_w)) y=(n(y + 3.0)) width=(n(max_w)) height="12"
                    fill="#e7ecf2" stroke="#9a9a9a" stroke-width="0.5" {}
                @if let Some(s) = got {
                    rect x=(n(label_w)) y=(n(y + 3.0))
                        width=(n(scale(f(s)).clamp(0.0, max_w))) height="12" fill="#1f4e79" {}
                }
                text x=(n(label_w + max_w + 6.0)) y=(n(y + 12.5)) font-size="10" {
                    @match got {
                        Some(s) => { (score(s)) " / " (c.category.points) }
                        None => { "— / " (c.category.points) }
                    }
                }
            }
        }
    }
}

/// The panel's spread per item: lowest to highest counted percent, the panel percent as a dot.
pub fn spread(a: &ApplicantView) -> Markup {
    let label_w = 48.0;
    let plot_w = WIDTH - label_w - 12.0;
    let rows: Vec<_> = a.items().map(|(_, i)| i).collect();
    let height = TOP + ROW * rows.len() as f64 + 16.0;
    let x = |percent: f64| label_w + percent.clamp(0.0, 100.0) / 100.0 * plot_w;
    let bottom = TOP + ROW * rows.len() as f64;
    html! {
        p.source.legend {
            (labels::CHART_SPREAD_LEGEND.zh) " " span.en { (labels::CHART_SPREAD_LEGEND.en) }
        }
        svg.chart.spread xmlns="http://www.w3.org/2000/svg" role="img"
            viewBox=(format!("0 0 {} {}", n(WIDTH), n(height))) {
            title { (labels::CHART_SPREAD.zh) " " (labels::CHART_SPREAD.en) }
            // The bands, shaded in turn, each reaching half a step either side (47.5 % is
            // reported in the 50–65 band), with their lower bound on the axis.
            @for (k, b) in a.framework.bands.iter().enumerate() {
                @let half = f64::from(a.framework.percent_step.max(1)) / 2.0;
                @let x0 = x(f64::from(b.min) - half);
                @let x1 = x(f64::from(b.max.max(b.min)) + half);
                rect x=(n(x0)) y=(n(TOP)) width=(n((x1 - x0).max(0.0))) height=(n(bottom - TOP))
                    fill=(if k % 2 == 0 { "#f4f6f8" } else { "#e9edf1" }) {}
                text x=(n(x(f64::from(b.min)))) y=(n(bottom + 11.0)) font-size="8" fill="#555" { (b.min) "%" }
            }
            text x=(n(x(100.0) - 14.0)) y=(n(bottom + 11.0)) font-size="8" fill="#555" { "100%" }
            @for (k, item) in rows.iter().enumerate() {
                @let y = TOP + ROW * k as f64 + ROW / 2.0;
                @let divergent = item.stats.is_some_and(|s| s.divergent);
                @let colour = if divergent { "#c00000" } else { "#1f4e79" };
                text x="0" y=(n(y + 3.5)) font-size="9" fill=(colour) {
                    (item.item.code) @if divergent { " " (labels::DIVERGENT_MARK) }
                }
                @match item.stats {
                    Some(s) => {
                        line x1=(n(x(f64::from(s.min)))) x2=(n(x(f64::from(s.max))))
                            y1=(n(y)) y2=(n(y)) stroke=(colour) stroke-width="3"
                            stroke-linecap="round" {}
                        circle cx=(n(x(f(s.panel_percent)))) cy=(n(y)) r="3.5"
                            fill="#fff" stroke=(colour) stroke-width="1.5" {}
                    }
                    None => {
                        text x=(n(x(0.0) + 4.0)) y=(n(y + 3.5)) font-size="9" fill="#777" { "—" }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::PanelView;
    use crate::testkit::report as fixture;

    fn a1_svgs() -> (String, String) {
        let (result, catalog) = fixture::panel();
        let view = PanelView::build(&result, &catalog).unwrap();
        let a = &view.applicants[0];
        (categories(a).into_string(), spread(a).into_string())
    }

    #[test]
    fn category_bars_are_scaled_to_the_widest_category_and_filled_to_the_score() {
        let (svg, _) = a1_svgs();
        assert!(svg.contains("<svg"), "{svg}");
        assert!(
            svg.starts_with(r#"<p class="source legend">"#),
            "the legend wraps as text"
        );
        assert!(!svg.contains("<script"), "no script");
        // Widest category 4.7 (90 points) spans the plot (700 − 190 − 130 = 380 units); 4.1
        // (70 points) 295.6; its score 35 of the shared scale is 147.8.
        assert!(svg.contains(r#"width="380.0""#), "{svg}");
        assert!(svg.contains(r#"width="295.6""#), "{svg}");
        assert!(svg.contains(r#"width="147.8""#), "{svg}");
        assert!(svg.contains("35 / 70"));
        assert!(svg.contains("4.1 领导"));
    }

    #[test]
    fn spread_rows_mark_divergent_items_and_name_no_reviewer() {
        let (_, svg) = a1_svgs();
        // 4.1.2 is divergent (spread 25): red and marked; 4.2.2 is not.
        assert!(
            svg.contains(&format!("4.1.2 {}", labels::DIVERGENT_MARK)),
            "{svg}"
        );
        assert!(!svg.contains(&format!("4.2.2 {}", labels::DIVERGENT_MARK)));
        assert!(svg.contains("#c00000"));
        // 4.1.2 from 45 % to 70 %: x = 48 + p / 100 × 640.
        assert!(svg.contains(r#"x1="336.0" x2="496.0""#), "{svg}");
        for (name, _) in fixture::REVIEWERS {
            assert!(!svg.contains(name), "{name} named in the chart");
        }
    }

    #[test]
    fn an_item_nobody_scored_is_a_dash_not_a_zero_bar() {
        let (mut result, catalog) = fixture::panel();
        result.results[0].items.remove(1);
        let view = PanelView::build(&result, &catalog).unwrap();
        let svg = spread(&view.applicants[0]).into_string();
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("—"));
    }
}
