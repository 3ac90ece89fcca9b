//! The printable 双向监督反馈表 (第二十二条) for one applicant the panel visited: the visiting
//! panel members with a box per rating of their conduct, the overall rating, room for comments
//! and the applicant's seal and signature. Bilingual like the panel reports, 保密 on every page.
//! It names no score and no reviewer's judgement: it is the applicant's form.

use maud::html;

use super::html_common::{Marks, facts, label, page};
use crate::i18n::report as labels;
use crate::i18n::supervision as words;
use crate::lang::Lang;
use crate::panel::supervision::{Conduct, is_leader, visitors};
use crate::round::Round;

/// The form for applicant `number` of `round`.
pub fn render(round: &Round, number: &str) -> String {
    let secret = labels::SECRET.both();
    let marks = Marks {
        secret: &secret,
        provisional: None,
    };
    let applicant = round.applicant(number);
    let members = visitors(round, number).unwrap_or_default();
    let boxes = || {
        html! {
            @for c in Conduct::ALL {
                span.box { "□ " (words::conduct(Lang::Zh, c)) " " span.en { (words::conduct(Lang::En, c)) } } " "
            }
        }
    };
    let body = html! {
        section.cover {
            h1 { (label(words::FORM_TITLE)) }
            p { (words::FORM_INTRO.zh) " " span.en { (words::FORM_INTRO.en) } }
            (facts(&[
                (labels::ROUND, html! { (round.name) }),
                (labels::APPLICANT_ID, html! { (number) }),
                (labels::APPLICANT, html! { (applicant.map_or("", |a| a.name.as_str())) }),
            ]))
            h3 { (label(words::VISITORS)) }
            table.supervision {
                thead { tr {
                    th { (label(words::NAME)) }
                    th { (label(words::ROLE)) }
                    th { (label(words::CONDUCT)) }
                } }
                tbody {
                    @for m in &members {
                        tr {
                            td { (m.name) }
                            td { (words::role(Lang::Zh, is_leader(m))) " " span.en { (words::role(Lang::En, is_leader(m))) } }
                            td { (boxes()) }
                        }
                    }
                }
            }
            h3 { (label(words::OVERALL)) }
            p { (boxes()) }
            h3 { (label(words::COMMENTS)) }
            div.blank style="height: 45mm; border: 0.5pt solid #9a9a9a;" {}
            p style="margin-top: 8mm;" { (label(words::APPLICANT_SIGNATURE)) }
            p style="margin-top: 6mm;" { (label(words::DATE)) }
        }
    };
    page(words::FORM_TITLE.zh, marks, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_lists_the_visitors_and_no_score() {
        let mut r = crate::testkit::round::round(2, 3);
        r.stages.site_review = Some(vec!["2025-M-01".into()]);
        r.applicants[0].coaches = vec!["组员2".into()];
        let html = render(&r, "2025-M-01");
        assert!(html.contains("双向监督反馈表"));
        assert!(html.contains("保密"));
        assert!(html.contains("申报组织1"));
        assert!(html.contains("王组长") && html.contains("组员1"));
        assert!(!html.contains("组员2"), "the recused coach did not visit");
        assert!(html.contains("较好"));
    }
}
