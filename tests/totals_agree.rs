//! One total, one spelling: the merge summary once printed 456.3 where the report said 456.25
//! (issue 10). A total of 456.25 (a multiple of 0.05, as every score on the 5 % step is) and a
//! mean-based one of 456.2666… are pinned across the merge summary, the ranking text, the
//! panel report, the feedback report, the rank notes and scores.xlsx.

use std::io::Read;

use rust_decimal::Decimal;
use scorebook::cli::merge::{ranking_text, summary};
use scorebook::framework::format_points;
use scorebook::lang::Lang;
use scorebook::panel::RankNote;
use scorebook::report::{PanelView, feedback_html, panel_html, scores_xlsx};
use scorebook::testkit::report as fixture;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Every text output for a panel whose A1 totals `total`, below a minimum of 460.
fn outputs(total: Decimal) -> Vec<(&'static str, String)> {
    let (mut result, catalog) = fixture::panel();
    result.results[0].total = total;
    let a1 = result.results[0].applicant_id.clone();
    for entries in result.ranking.values_mut() {
        for e in entries.iter_mut().filter(|e| e.applicant_id == a1) {
            e.total = total;
            e.note = Some(RankNote::BelowMinimum {
                total,
                minimum: dec("460"),
            });
        }
    }
    let program = catalog.program(&result.program).map(|p| &p.doc);
    let view = PanelView::build(&result, &catalog).unwrap();
    let a1_view = view
        .applicants
        .iter()
        .find(|a| a.result.applicant_id == a1)
        .unwrap();
    let xlsx = scores_xlsx::render(&view).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut sheets = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().is_ok_and(|n| n.starts_with("xl/worksheets/")) {
            f.read_to_string(&mut sheets).unwrap();
        }
    }
    vec![
        ("merge summary zh", summary(&result, program, Lang::Zh)),
        ("merge summary en", summary(&result, program, Lang::En)),
        (
            "ranking zh",
            ranking_text(&result.ranking, program, Lang::Zh),
        ),
        (
            "ranking en",
            ranking_text(&result.ranking, program, Lang::En),
        ),
        ("report.html", panel_html::render(&view)),
        ("feedback", feedback_html::render(&view, a1_view)),
        ("scores.xlsx", sheets),
    ]
}

#[test]
fn a_total_on_the_step_prints_whole_everywhere() {
    for (what, text) in outputs(dec("456.25")) {
        assert!(text.contains("456.25"), "{what} lacks 456.25:\n{text}");
        assert!(
            !text.contains("456.3"),
            "{what} rounds to one decimal:\n{text}"
        );
    }
}

#[test]
fn a_mean_based_total_is_rounded_half_away_from_zero_to_two_decimals_everywhere() {
    let total = dec("456.265") + dec("0.0016"); // 456.2666
    assert_eq!(format_points(total), "456.27");
    for (what, text) in outputs(total) {
        assert!(text.contains("456.27"), "{what} lacks 456.27:\n{text}");
        assert!(
            !text.contains("456.266"),
            "{what} prints the raw mean:\n{text}"
        );
    }
    // 四舍五入 at the midpoint, trailing zeros trimmed.
    assert_eq!(format_points(dec("0.125")), "0.13");
    assert_eq!(format_points(dec("-0.125")), "-0.13");
    assert_eq!(format_points(dec("80.00")), "80");
    assert_eq!(format_points(dec("22.50")), "22.5");
}
