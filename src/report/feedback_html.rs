//! `feedback-<applicant id>.html`: the feedback report (反馈报告) an applicant receives. Built
//! from one applicant's view only, so it cannot show another applicant: no reviewer names, no
//! individual percents or spreads, no rank. Per item it gives the panel's scoring band (评分区间)
//! rather than the exact percent, as feedback reports usually do; the total and category
//! totals are the applicant's own and are given.

use std::collections::HashSet;

use maud::{Markup, html};

use super::html_common::{
    Marks, category_table, comment_source, facts, item_comments, key_themes_in, label, page,
    panel_marks, total_line,
};
use super::view::{ApplicantView, PanelView};
use crate::framework::ItemKind;
use crate::i18n::criteria::standing;
use crate::i18n::report as labels;
use crate::i18n::report::in_parens;
use crate::lang::Lang;

/// One file name per applicant result, in order: `feedback-<id>.html`, with the stage added
/// where one applicant has results in several stages, and only file-name-safe characters.
pub fn file_names(panel: &PanelView) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    panel
        .applicants
        .iter()
        .map(|a| {
            let r = a.result;
            let several = panel
                .applicants
                .iter()
                .filter(|o| o.result.applicant_id == r.applicant_id)
                .count()
                > 1;
            let mut stem = format!("feedback-{}", safe(&r.applicant_id));
            if several {
                stem = format!("{stem}-{}", r.stage.cli_name());
            }
            let mut name = format!("{stem}.html");
            let mut n = 2;
            // Case-insensitive, for Windows and macOS file systems.
            while !taken.insert(name.to_lowercase()) {
                name = format!("{stem}-{n}.html");
                n += 1;
            }
            name
        })
        .collect()
}

/// The one file-name sanitiser ([`crate::clock::file_safe`]): an id can never reach outside
/// the output directory.
fn safe(id: &str) -> String {
    crate::clock::file_safe(id)
}

pub fn render(panel: &PanelView, a: &ApplicantView) -> String {
    let r = a.result;
    let title = format!(
        "{} — {} — {}",
        labels::FEEDBACK_REPORT.zh,
        r.applicant_name,
        panel.program.title.zh
    );
    let (secret, provisional) = panel_marks(std::slice::from_ref(a));
    let marks = Marks {
        secret: &secret,
        provisional: provisional.as_deref(),
    };
    page(
        &title,
        marks,
        html! {
            section.feedback-cover {
                h1 { (label(labels::FEEDBACK_REPORT)) }
                h2 { (r.applicant_name) }
                (facts(&[
                    (labels::PROGRAM, html! { (panel.program.title.zh) " " (panel.result.round) }),
                    (labels::TRACK, html! { (a.track.title.zh) " " span.en { (a.track.title.en) } }),
                    (labels::STAGE, label(labels::stage(r.stage))),
                    (labels::FRAMEWORK, html! {
                    (a.framework.standard) " " (a.framework.title.zh)
                    (in_parens(Lang::Zh, &standing(Lang::Zh, a.framework)))
                    " " span.en { (standing(Lang::En, a.framework)) }
                }),
                ]))
                p { (labels::FEEDBACK_INTRO.zh) br; span.en { (labels::FEEDBACK_INTRO.en) } }
                (total_line(a))
                h3 { (label(labels::CATEGORY_TOTALS)) }
                (category_table(a))
                h3 { (label(labels::ITEM_SCORES)) }
                (band_table(a))
                p.source { (labels::BAND_NOTE.zh) " " span.en { (labels::BAND_NOTE.en) } }
                h3 { (label(labels::BAND_LEGEND)) }
                (band_legend(a))
                h3 { (label(labels::KEY_THEMES)) }
                (key_themes_in(a, labels::ofis(panel.program, a.result.stage)))
            }
            section.feedback {
                @let (ofis_zh, ofis_en) = labels::ofis(panel.program, a.result.stage);
                h3 { (labels::STRENGTHS.zh) " · " (ofis_zh) " " span.en { (labels::STRENGTHS.en) " · " (ofis_en) } }
                (comment_source_for_applicant(a))
                @let ofis = labels::ofis(panel.program, a.result.stage);
                @for (_, item) in a.items() { (item_comments(item, ofis, false)) }
            }
        },
    )
}

/// The applicant is told whether comments are agreed, without the internal note that they
/// were gathered from individual reviewers' sheets.
fn comment_source_for_applicant(a: &ApplicantView) -> Markup {
    match a.comment_source {
        super::comments::CommentSource::Consensus => comment_source(a),
        super::comments::CommentSource::Reviewers => html! {},
    }
}

fn band_table(a: &ApplicantView) -> Markup {
    html! {
        table.items {
            thead { tr {
                th { (label(labels::ITEM)) }
                th { (label(labels::TITLE)) }
                th.num { (label(labels::POINTS)) }
                th.num { (label(labels::BAND)) }
            } }
            tbody {
                @for (_, item) in a.items() {
                    tr {
                        td.code { (item.item.code) }
                        td { (item.item.title.zh) " " span.en { (item.item.title.en) } }
                        td.num { (item.item.points) }
                        td.num {
                            @match item.stats.and_then(|s| a.panel_band(s)) {
                                Some(b) => { (b.min) "–" (b.max) "%" }
                                None => { "—" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What each band means, once, for process and results items.
fn band_legend(a: &ApplicantView) -> Markup {
    html! {
        table.legend {
            thead { tr {
                th.num { (label(labels::BAND)) }
                th { (label(labels::PROCESS)) }
                th { (label(labels::RESULTS)) }
            } }
            tbody {
                @for b in &a.framework.bands {
                    tr {
                        td.num { (b.min) "–" (b.max) "%" }
                        @for kind in [ItemKind::Process, ItemKind::Results] {
                            @let d = b.descriptor(kind);
                            td {
                                (d.zh)
                                @if d.en != d.zh { br; span.en { (d.en) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::report as fixture;

    fn feedback(index: usize) -> String {
        let (result, catalog) = fixture::panel();
        let view = PanelView::build(&result, &catalog).unwrap();
        render(&view, &view.applicants[index])
    }

    #[test]
    fn shows_the_applicant_its_total_and_bands() {
        let html = feedback(0);
        assert!(html.contains(fixture::A1_NAME));
        assert!(html.contains(r#"<span class="value">84.5</span>"#));
        // 4.1.2 panel 50 % → 50–65; 4.2.2 45 % → 30–45; 4.7.2 30 % → 30–45.
        assert!(html.contains("50–65%"));
        assert!(html.contains("30–45%"));
        assert!(html.contains("高层领导每季度召开质量例会"));
    }

    #[test]
    fn names_no_reviewer_and_no_other_applicant() {
        for (me, other) in [(0, fixture::A2_NAME), (1, fixture::A1_NAME)] {
            let html = feedback(me);
            for (name, _) in fixture::REVIEWERS {
                assert!(
                    !html.contains(name),
                    "reviewer {name} named in feedback {me}"
                );
            }
            assert!(!html.contains(other), "feedback {me} names {other}");
            assert!(!html.contains(if me == 0 { "A2" } else { "A1" }));
        }
    }

    #[test]
    fn shows_no_individual_scores_spread_rank_or_rationale() {
        let html = feedback(1);
        for internal in [
            labels::SPREAD.zh,
            labels::RANK.zh,
            labels::MEDIAN.zh,
            labels::RATIONALE.zh,
            "现场核实后取中位数",
            labels::CONFIDENTIAL.zh,
        ] {
            assert!(!html.contains(internal), "feedback shows {internal}");
        }
        // A2's trainee gave 4.2.2 a 20 %; no "20" percent cell may leak.
        assert!(!html.contains(">20<"));
        assert!(html.contains("合议：领导作用发挥充分"));
    }

    #[test]
    fn file_names_are_safe_and_unique() {
        let (mut result, catalog) = fixture::panel();
        result.results[0].applicant_id = "../x".into();
        result.results[1].applicant_id = "../x".into();
        result.results[1].stage = crate::review::Stage::SiteReview;
        // The ranking still names A1/A2; rank lookups simply find nothing.
        let view = PanelView::build(&result, &catalog).unwrap();
        assert_eq!(
            file_names(&view),
            ["feedback-___x-document.html", "feedback-___x-site.html"]
        );
        assert_eq!(safe("示例"), "示例");
        assert_eq!(safe(""), "_");
    }
}
