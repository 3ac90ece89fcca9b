//! `report.html`: the panel's internal merge report (评审组汇总报告; the measures' 综合评价报告 is
//! per applicant, `stage_html`). A cover with the
//! ranking, then per applicant, each from a new page: facts, totals per category, every
//! reviewer's percent per item with the statistics (divergent spreads highlighted), the
//! consensus agenda, key themes, the panel's strengths and OFIs per item, and the sheets the
//! result was built from. Internal: it names reviewers and their scores.

use maud::{Markup, html};

use super::html_common::{
    Marks, category_table, comment_source, facts, item_comments, key_themes_in, label, page,
    panel_marks, score, stat, total_line, zh_marks,
};
use super::view::{ApplicantView, PanelView};
use crate::i18n::report::{self as labels, short_hash};
use crate::lang::Lang;
use std::collections::BTreeMap;

use crate::i18n::coverage::{self as cov, Word};
use crate::panel::{Cell, Coverage, InputSheet, PanelResult, RankEntry, Role, ShortlistEntry};

pub fn render(panel: &PanelView) -> String {
    let title = format!(
        "{} — {} {}",
        labels::PANEL_REPORT.zh,
        panel.program.title.zh,
        panel.result.round
    );
    let (secret, provisional) = panel_marks(&panel.applicants);
    let marks = Marks {
        secret: &secret,
        provisional: provisional.as_deref(),
    };
    page(
        &title,
        marks,
        html! {
            (cover(panel))
            @for a in &panel.applicants { (applicant(panel, a)) }
        },
    )
}

fn cover(panel: &PanelView) -> Markup {
    let r = panel.result;
    let orphans: Vec<&InputSheet> = r
        .inputs
        .iter()
        .filter(|i| {
            i.excluded.is_some()
                && !panel
                    .applicants
                    .iter()
                    .any(|a| a.inputs.iter().any(|x| std::ptr::eq(*x, *i)))
        })
        .collect();
    html! {
        section.cover {
            h1 { (label(labels::PANEL_REPORT)) }
            p.notice { (labels::CONFIDENTIAL.zh) " " span.en { (labels::CONFIDENTIAL.en) } }
            (facts(&[
                (labels::PROGRAM, html! { (panel.program.title.zh) " " span.en { (panel.program.title.en) } }),
                (labels::ROUND, html! { (r.round) }),
                (labels::METHOD, label(labels::method(r.method))),
                (labels::THRESHOLD, html! { (r.divergence_threshold) " %" }),
                (labels::CREATED, html! { (r.created_at) }),
            ]))
            // Against a round, what is missing comes first (the leader chases it).
            @if let Some(c) = &r.coverage { (coverage(r, c)) }
            // The ranking with the proposals is the panel's 获奖建议名单 (第九条(二)).
            h3 { (label(labels::RANKING)) " · " (label(labels::AWARD_RECOMMENDATION_LIST)) }
            @let (min_zh, min_en) = labels::min_total(r.min_total.map(score).as_deref());
            p.min-total { (min_zh) " " span.en { (min_en) } }
            @for t in &panel.ranking {
                h4 {
                    @match t.track {
                        Some(track) => { (track.title.zh) " " span.en { (track.title.en) } }
                        None => { (t.track_id) }
                    }
                }
                table.ranking {
                    thead { tr {
                        th.num { (label(labels::RANK)) }
                        th { (label(labels::APPLICANT)) }
                        th.num { (label(labels::TOTAL)) }
                        th { (label(labels::PROPOSED_AWARD)) }
                        th { (label(labels::NOTE)) }
                    } }
                    tbody {
                        @for row in &t.rows {
                            tr {
                                td.num { (rank_text(row.entry)) }
                                td { (row.entry.applicant_id) " " (row.applicant_name.unwrap_or_default()) }
                                td.num { (score(row.entry.total)) }
                                td {
                                    @match (row.award, &row.entry.proposed_award) {
                                        (Some(a), _) => { (a.title.zh) }
                                        (None, Some(id)) => { (id) }
                                        (None, None) => { "—" }
                                    }
                                }
                                td { (rank_note(row.entry)) }
                            }
                        }
                    }
                }
            }
            @if let Some(list) = &r.shortlist { (shortlist(panel, list)) }
            @if r.round_file.is_some() { (supervision(r)) }
            @if !orphans.is_empty() {
                h3 { (label(labels::EXCLUDED)) " — " (label(labels::INPUTS)) }
                (inputs_table(&orphans, None))
            }
        }
    }
}

/// A word of the coverage outputs, Chinese with the English small.
fn word(w: Word) -> Markup {
    html! { (cov::word(Lang::Zh, w)) " " span.en { (cov::word(Lang::En, w)) } }
}

/// The coverage table (applicant × member × stage), the stages short of sheets, and the
/// recusal records.
/// 双向监督 (第二十二条): the applicants' returned feedback forms, for the award office.
fn supervision(r: &PanelResult) -> Markup {
    use crate::i18n::supervision as sup;
    let both =
        |c| html! { (sup::conduct(Lang::Zh, c)) " " span.en { (sup::conduct(Lang::En, c)) } };
    html! {
        h3 { (label(sup::SECTION)) }
        (conduct(r))
        @if r.supervision.is_empty() {
            p.empty { (sup::NONE_RETURNED.zh) " " span.en { (sup::NONE_RETURNED.en) } }
        } @else {
            table.supervision {
                thead { tr {
                    th { (label(labels::APPLICANT)) }
                    th { (label(sup::RECEIVED)) }
                    th { (label(sup::OVERALL)) }
                    th { (label(sup::VISITORS)) }
                    th { (label(sup::COMMENTS)) }
                } }
                tbody {
                    @for s in &r.supervision {
                        tr {
                            td { (s.applicant) " " (s.applicant_name) }
                            td.num { (s.received_on) }
                            td { (both(s.overall)) }
                            td {
                                @for (i, m) in s.members.iter().enumerate() {
                                    @if i > 0 { br; }
                                    (m.name) " — " (both(m.conduct))
                                }
                            }
                            td { (s.comments) }
                        }
                    }
                }
            }
        }
    }
}

/// 双向监督's other half (第二十二条): each reviewer's evaluation of the applicant's conduct on
/// the site visit, as the counted site-review sheets carry it.
fn conduct(r: &PanelResult) -> Markup {
    use crate::i18n::conduct::{self as words, report as w};
    let rows = r.conduct_evaluations();
    html! {
        h4 { (label(w::SECTION)) }
        @if rows.is_empty() {
            p.empty { (w::NONE.zh) " " span.en { (w::NONE.en) } }
        } @else {
            table.conduct {
                thead { tr {
                    th { (label(labels::APPLICANT)) }
                    th { (label(w::REVIEWER)) }
                    th { (label(w::RATING)) }
                    th { (label(w::NOTE)) }
                } }
                tbody {
                    @for s in rows {
                        @if let Some(c) = &s.conduct {
                            tr {
                                td { (s.applicant.id) " " (s.applicant.name) }
                                td { (s.reviewer.name) }
                                td {
                                    (words::verdict(Lang::Zh, c.verdict)) " "
                                    span.en { (words::verdict(Lang::En, c.verdict)) }
                                }
                                td { (c.note) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn coverage(r: &PanelResult, c: &Coverage) -> Markup {
    let short: Vec<_> = c.short_rows().collect();
    html! {
        h3 { (word(Word::Coverage)) }
        @if short.is_empty() && c.owed().next().is_none() {
            p { (word(Word::NothingOwed)) }
        }
        @if !short.is_empty() {
            div.notice {
                p { strong { (word(Word::Short)) } }
                @for row in &short {
                    p { (cov::short(Lang::Zh, row)) " " span.en { (cov::short(Lang::En, row)) } }
                }
            }
        }
        table.coverage.wide[c.members.len() >= WIDE_FROM] {
            thead { tr {
                th { (word(Word::Number)) }
                th { (word(Word::Name)) }
                th { (word(Word::Stage)) }
                @for m in &c.members {
                    th.trainee[m.role == Role::Trainee] { (m.name) " " span.en { "(" (labels::role(m.role).zh) ")" } }
                }
                th.num { (word(Word::Counted)) " / " (word(Word::Expected)) }
            } }
            tbody {
                @for row in &c.rows {
                    tr {
                        td { (row.applicant_id) }
                        td { (row.applicant_name) }
                        td { (label(labels::stage(row.stage))) }
                        @for cell in &row.cells {
                            td.missing[matches!(cell, Cell::Missing | Cell::Refused { .. })] {
                                (cov::cell(Lang::Zh, cell)) " " span.en { (cov::cell(Lang::En, cell)) }
                            }
                        }
                        td.num.divergent[row.is_short()] { (row.counted) " / " (row.expected) }
                    }
                }
            }
        }
        @if !r.recusals.is_empty() {
            h4 { (word(Word::Recusals)) }
            table {
                tbody {
                    @for rec in &r.recusals {
                        tr {
                            td { (rec.path) }
                            td { (rec.reviewer.as_deref().unwrap_or("—")) }
                            td { (rec.applicant.as_deref().unwrap_or("—")) }
                            td { (rec.relationship.as_deref().unwrap_or("—")) }
                            td {
                                @match &rec.excluded {
                                    None => { (label(labels::COUNTED)) }
                                    Some(e) => { (e.message(Lang::Zh)) " " span.en { (e.message(Lang::En)) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The proposed site-review shortlist per track: never award winners.
fn shortlist(panel: &PanelView, list: &BTreeMap<String, Vec<ShortlistEntry>>) -> Markup {
    html! {
        h3 { (word(Word::Shortlist)) }
        p.notice { (word(Word::ShortlistRule)) }
        @for (track, entries) in list {
            h4 {
                @match panel.program.track(track) {
                    Some(t) => { (t.title.zh) " " span.en { (t.title.en) } }
                    None => { (track) }
                }
            }
            table.ranking {
                thead { tr {
                    th.num { (word(Word::Rank)) }
                    th { (word(Word::Number)) }
                    th { (word(Word::Name)) }
                    th.num { (word(Word::Total)) }
                    th { (word(Word::Proposed)) }
                    th { (word(Word::Note)) }
                } }
                tbody {
                    @for e in entries {
                        tr {
                            td.num {
                                (e.rank)
                                @if e.tied { " " (labels::TIED.zh) }
                            }
                            td { (e.applicant_id) }
                            td { (e.applicant_name) }
                            td.num { (score(e.total)) }
                            td { (label(labels::yes_no(e.proposed))) }
                            td { (cov::shortlist_note(Lang::Zh, e)) " " span.en { (cov::shortlist_note(Lang::En, e)) } }
                        }
                    }
                }
            }
        }
    }
}

fn applicant(panel: &PanelView, a: &ApplicantView) -> Markup {
    let r = a.result;
    let divergent: Vec<_> = r
        .agenda
        .iter()
        .filter_map(|code| a.items().map(|(_, i)| i).find(|i| &i.item.code == code))
        .filter_map(|i| i.stats.filter(|s| s.divergent).map(|s| (i, s)))
        .collect();
    html! {
        section.applicant id=(format!("applicant-{}", r.applicant_id)) {
            h2 { (r.applicant_name) " " span.en { "(" (r.applicant_id) ")" } }
            (facts(&[
                (labels::PROGRAM, html! { (panel.program.title.zh) " " (panel.result.round) }),
                (labels::TRACK, html! { (a.track.title.zh) " " span.en { (a.track.title.en) } }),
                (labels::STAGE, label(labels::stage(r.stage))),
                (labels::FRAMEWORK, html! {
                    (a.framework.standard) " " (a.framework.title.zh)
                    (labels::in_parens(Lang::Zh, &crate::i18n::criteria::standing(Lang::Zh, a.framework)))
                    " " span.en { (crate::i18n::criteria::standing(crate::lang::Lang::En, a.framework)) }
                }),
                (labels::REVIEWERS, html! {
                    @for (k, c) in a.columns.iter().enumerate() {
                        @if k > 0 { (zh_marks().list_sep) }
                        span.trainee[c.role == Role::Trainee] {
                            (c.reviewer) (zh_marks().open) (labels::role(c.role).zh)
                            @if c.role == Role::Trainee { (labels::NOT_COUNTED_SUFFIX.zh) }
                            (zh_marks().close)
                        }
                    }
                }),
                (labels::RANK, html! {
                    @match a.rank {
                        Some(rank) => {
                            (rank_text(rank.entry))
                            " · " (labels::PROPOSED_AWARD.zh) (zh_marks().colon)
                            @match rank.award { Some(w) => { (w.title.zh) } None => { "—" } }
                            @if rank.entry.note.is_some() { " · " (rank_note(rank.entry)) }
                        }
                        None => { "—" }
                    }
                }),
            ]))
            @if let Some(row) = panel.result.coverage.as_ref()
                .and_then(|c| c.row(&r.applicant_id, r.stage))
                .filter(|row| row.is_short()) {
                p.notice { (cov::short(Lang::Zh, row)) " " span.en { (cov::short(Lang::En, row)) } }
            }
            (total_line(a))
            h3 { (label(labels::CATEGORY_TOTALS)) }
            (category_table(a))
            h3 { (label(labels::ITEM_SCORES)) }
            (item_table(a))
            h3 { (label(labels::AGENDA)) }
            @if divergent.is_empty() {
                p.empty { (label(labels::NONE)) }
            } @else {
                ol {
                    @for (i, s) in &divergent {
                        li {
                            (i.item.code) " " (i.item.title.zh) " — " (labels::SPREAD.zh) " "
                            span.divergent { (s.spread) }
                            " · " (labels::MIN.zh) " " (s.min) " · " (labels::MAX.zh) " " (s.max)
                        }
                    }
                }
            }
            h3 { (label(labels::KEY_THEMES)) }
            (key_themes_in(a, labels::ofis(panel.program, a.result.stage)))
            h3 { (label(labels::COMMENTS)) }
            (comment_source(a))
            @let ofis = labels::ofis(panel.program, a.result.stage);
            @for (_, item) in a.items() { (item_comments(item, ofis, true)) }
            h3 { (label(labels::INPUTS)) }
            (inputs_table(&a.inputs, Some(a)))
        }
    }
}

/// `3`, `3 并列`, or `—` for an applicant listed but not ranked (rank 0).
fn rank_text(e: &RankEntry) -> String {
    match (e.rank, e.tied) {
        (0, _) => "—".into(),
        (n, true) => format!("{n} {}", labels::TIED.zh),
        (n, false) => n.to_string(),
    }
}

/// The ranking note, Chinese with the English small beside it; empty when there is none.
fn rank_note(e: &RankEntry) -> Markup {
    html! {
        @if let Some(n) = &e.note {
            (n.message(Lang::Zh)) " " span.en { (n.message(Lang::En)) }
        }
    }
}

/// Above this many reviewer columns the item table gets a smaller type to stay on A4 portrait.
const WIDE_FROM: usize = 6;

fn item_table(a: &ApplicantView) -> Markup {
    html! {
        table.items.wide[a.columns.len() >= WIDE_FROM] {
            thead { tr {
                th { (label(labels::ITEM)) }
                th { (label(labels::TITLE)) }
                th.num { (label(labels::POINTS)) }
                @for c in &a.columns {
                    th.num.trainee[c.role == Role::Trainee] {
                        (c.reviewer)
                        @if c.role == Role::Trainee { span.en { (labels::TRAINEE.both()) } }
                    }
                }
                th.num { (label(labels::MEAN)) }
                th.num { (label(labels::MEDIAN)) }
                th.num { (label(labels::SPREAD)) }
                th.num { (label(labels::CONSENSUS)) }
                th.num { (label(labels::PANEL_PERCENT)) }
                th.num { (label(labels::PANEL_SCORE)) }
            } }
            tbody {
                @for cat in &a.categories {
                    @for item in &cat.items {
                        @let divergent = item.stats.is_some_and(|s| s.divergent);
                        tr {
                            td.code { (item.item.code) }
                            td.title { (item.item.title.zh) }
                            td.num { (item.item.points) }
                            @for c in &a.columns {
                                @let p = item.stats.and_then(|s| s.percents.iter().find(|p| p.reviewer == c.reviewer)).and_then(|p| p.percent);
                                td.num.trainee[c.role == Role::Trainee].divergent[divergent && c.role != Role::Trainee] {
                                    @match p { Some(p) => { (p) } None => { "—" } }
                                }
                            }
                            @match item.stats {
                                Some(s) => {
                                    td.num { (stat(s.mean)) }
                                    td.num { (stat(s.median)) }
                                    td.num.divergent[s.divergent] { (s.spread) }
                                    td.num { @match s.consensus { Some(c) => { (c) } None => { "—" } } }
                                    td.num { (stat(s.panel_percent)) }
                                    td.num { (score(s.panel_score)) }
                                }
                                None => { @for _ in 0..6 { td.num { "—" } } }
                            }
                        }
                    }
                    @if let Some(t) = cat.total {
                        tr.subtotal {
                            td colspan="2" { (cat.category.code) " " (cat.category.title.zh) " " (labels::SUBTOTAL.zh) }
                            td.num { (cat.category.points) }
                            td colspan=(a.columns.len() + 5) {}
                            td.num { (score(t.score)) }
                        }
                    }
                }
                tr.subtotal {
                    td colspan="2" { (label(labels::TOTAL)) }
                    td.num { (a.framework.total_points) }
                    td colspan=(a.columns.len() + 5) {}
                    td.num { (score(a.result.total)) }
                }
            }
        }
    }
}

/// The input sheets with what became of them; for an applicant, the counted ones say whether
/// they are a trainee's (shown, not counted) or the consensus sheet.
fn inputs_table(inputs: &[&InputSheet], a: Option<&ApplicantView>) -> Markup {
    let trainee = |i: &InputSheet| {
        a.is_some_and(|a| {
            a.columns.iter().any(|c| {
                c.role == Role::Trainee && i.reviewer.as_deref() == Some(c.reviewer.as_str())
            })
        })
    };
    let consensus =
        |i: &InputSheet| a.is_some_and(|a| a.result.consensus_sheet.as_deref() == Some(&i.hash));
    if inputs.is_empty() {
        return html! { p.empty { (label(labels::NONE)) } };
    }
    html! {
        table.inputs {
            thead { tr {
                th { (label(labels::REVIEWER)) }
                th.num { (label(labels::VERSION)) }
                th { (label(labels::HASH)) }
                th { (label(labels::FILE)) }
                th { (label(labels::NOTE)) }
            } }
            tbody {
                @for i in inputs {
                    tr {
                        td { (i.reviewer.as_deref().unwrap_or("—")) }
                        td.num { @match i.version { Some(v) => { "v" (v) } None => { "—" } } }
                        td.code { (short_hash(&i.hash)) }
                        td { (i.path) }
                        td {
                            @match &i.excluded {
                                None if consensus(i) => { (label(labels::CONSENSUS)) }
                                None if trainee(i) => {
                                    span.trainee { (label(labels::TRAINEE_NOT_COUNTED)) }
                                }
                                None => { (label(labels::COUNTED)) }
                                Some(e) => {
                                    @let (why, zh, en) = labels::exclusion(e);
                                    span.divergent { (labels::EXCLUDED.zh) }
                                    (zh_marks().colon) (why.zh) " " span.en { (why.en) }
                                    @if zh != en {
                                        " — " (zh) " " span.en { (en) }
                                    } @else if !zh.is_empty() { " — " (zh) }
                                }
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
    use crate::panel::Exclusion;
    use crate::testkit::report as fixture;

    fn html() -> String {
        let (result, catalog) = fixture::panel();
        let view = PanelView::build(&result, &catalog).unwrap();
        render(&view)
    }

    #[test]
    fn each_applicant_has_name_total_and_items() {
        let html = html();
        assert!(html.contains(fixture::A1_NAME));
        assert!(html.contains(fixture::A2_NAME));
        assert!(html.contains(r#"<span class="value">84.5</span>"#));
        assert!(html.contains(r#"<span class="value">105.5</span>"#));
        assert_eq!(html.matches(r#"<section class="applicant""#).count(), 2);
        assert!(html.contains("高层领导的作用"));
    }

    #[test]
    fn the_divergent_spread_is_highlighted_and_reviewers_named() {
        let html = html();
        assert!(
            html.contains(r#"<td class="num divergent">25</td>"#),
            "spread 25 highlighted"
        );
        for (name, _) in fixture::REVIEWERS {
            assert!(html.contains(name));
        }
        assert!(html.contains("合议：领导作用发挥充分"));
        assert!(html.contains("现场核实后取中位数"));
    }

    #[test]
    fn every_page_is_marked_confidential_and_provisional() {
        let html = html();
        assert!(html.contains("@top-left { content: \"保密 Confidential\""));
        assert!(html.contains("@bottom-left { content: \"保密 Confidential\""));
        // The fixture's framework is provisional (暂定).
        assert!(html.contains(
            "@top-right { content: \"暂定·非标准原文 Provisional · not the standard's text\""
        ));
    }

    #[test]
    fn the_ranking_says_which_minimum_total_it_applied() {
        assert!(html().contains("未设最低总分（第三条）"));
        let (mut result, catalog) = fixture::panel();
        result.min_total = Some(rust_decimal::Decimal::new(60050, 2));
        let html = render(&PanelView::build(&result, &catalog).unwrap());
        assert!(html.contains("最低总分 600.5：低于此分者不获奖项名额（第三条）"));
        assert!(html.contains("Minimum total 600.5"));
        assert!(!html.contains("未设最低总分"));
    }

    #[test]
    fn user_text_is_escaped() {
        let html = html();
        assert!(html.contains("战略制定过程系统 &lt;b&gt;完整&lt;/b&gt;"));
        assert!(!html.contains("<b>完整</b>"));
    }

    #[test]
    fn exclusions_are_listed_with_their_reason() {
        let html = html();
        assert!(html.contains("已被新版本取代"));
        assert!(
            html.contains("sheets/notes.txt"),
            "an input tied to no applicant still shows"
        );
    }

    #[test]
    fn a_sheet_fault_shows_in_chinese_with_the_english_beside() {
        let (mut result, catalog) = fixture::panel();
        let notes = result
            .inputs
            .iter_mut()
            .find(|i| i.path.ends_with("notes.txt"))
            .unwrap();
        notes.excluded = Some(Exclusion::from_fault(crate::panel::Fault::Check(
            crate::sheet::VerifyError::Envelope(crate::sheet::EnvelopeError::Empty),
        )));
        let html = render(&PanelView::build(&result, &catalog).unwrap());
        assert!(
            html.contains(r#" — 文件为空 <span class="en">the file is empty</span>"#),
            "{html}"
        );
    }
}
