//! What the panel report and the feedback report share: the page shell with its inline style
//! sheet (no network: the file must open and print on an offline laptop), bilingual labels,
//! number display, and the building blocks both reports show — category totals, comments,
//! key themes. maud escapes every interpolated value; nothing user-written is ever pre-escaped.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use rust_decimal::Decimal;

use super::comments::{CommentSource, KindThemes};
use super::view::{ApplicantView, ItemView};
use crate::framework::{Framework, ItemKind, Status, format_points, format_score};
use crate::i18n::report::{self as labels, Label, Punct, punct};
use crate::lang::Lang;

/// The marks of the panel reports: bilingual with Chinese first, so the Chinese ones.
pub fn zh_marks() -> &'static Punct {
    punct(Lang::Zh)
}
use crate::review::Comment;

/// Printable on A4 with a page break before each applicant; the CJK stack covers macOS,
/// Windows and Linux (Noto / Source Han) in that order.
pub const STYLE: &str = r#"
@page { size: A4; margin: 14mm 12mm 15mm 12mm; }
* { box-sizing: border-box; }
html {
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
  font-size: 10pt; line-height: 1.45; color: #111;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
body { margin: 0 auto; max-width: 186mm; }
@media screen { body { padding: 10mm 4mm; } section.applicant { border-top: 3px double #1f4e79; padding-top: 6mm; margin-top: 10mm; } }
h1 { font-size: 18pt; margin: 0 0 3mm; color: #1f4e79; }
h2 { font-size: 15pt; margin: 0 0 3mm; padding-bottom: 1mm; border-bottom: 2px solid #1f4e79; }
h3 { font-size: 12pt; margin: 5mm 0 2mm; color: #1f4e79; break-after: avoid; page-break-after: avoid; }
h4 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; page-break-after: avoid; }
.en { font-size: 0.78em; color: #555; font-weight: normal; }
th .en { display: block; }
p { margin: 1mm 0 2mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; font-size: 9pt; }
table.items, table.legend { font-size: 8.5pt; }
th, td { border: 0.5pt solid #9a9a9a; padding: 0.8mm 1.4mm; vertical-align: top; }
th { background: #ddebf7; text-align: center; vertical-align: middle; font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.title { min-width: 6.5em; }
table.items.wide { font-size: 7.5pt; }
table.items.wide th, table.items.wide td { padding: 0.6mm 0.8mm; }
td.code { white-space: nowrap; }
.divergent { background: #ffc7ce; color: #9c0006; font-weight: bold; }
.trainee { color: #7a7a7a; font-style: italic; }
tr.subtotal td { font-weight: bold; background: #f2f2f2; }
section.applicant, section.feedback { break-before: page; page-break-before: always; }
section.cover + section.applicant { break-before: page; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.6mm 5mm; margin: 0 0 3mm; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
.total { font-size: 14pt; font-weight: bold; margin: 2mm 0 3mm; }
.total .of { font-size: 10pt; color: #555; font-weight: normal; }
.notice { border: 1pt solid #b00; color: #900; padding: 1.5mm 3mm; margin: 2mm 0 4mm; font-size: 9pt; }
.source { color: #555; font-size: 9pt; }
.themes { display: grid; grid-template-columns: 1fr 1fr; gap: 0 6mm; }
.themes ol { margin: 0 0 2mm; padding-left: 6mm; }
.item-comments { margin-bottom: 2mm; }
ul.comments { margin: 0 0 1.5mm; padding-left: 6mm; }
ul.comments li { margin-bottom: 0.6mm; }
.ref { color: #555; font-size: 0.9em; }
.label { font-weight: bold; }
.empty { color: #777; }
td.missing { color: #900; font-weight: bold; }
svg.chart { display: block; width: 100%; height: auto; margin: 1mm 0 4mm; break-inside: avoid; page-break-inside: avoid; }
svg.chart text { font-family: inherit; }
p.legend { margin: 2mm 0 0; break-after: avoid; page-break-after: avoid; }
p.experience { text-indent: 2em; }
ol.key-factors, ul.notes { margin: 0 0 2mm; padding-left: 6mm; }
"#;

/// What every page of a report says in its margins, whatever the page holds: 保密 always
/// (第二十一条), and 暂定·非标准原文 when a framework it was scored on is provisional.
#[derive(Debug, Clone, Copy)]
pub struct Marks<'a> {
    /// 保密, in the report's words.
    pub secret: &'a str,
    /// 暂定·非标准原文, in the report's words, when it applies.
    pub provisional: Option<&'a str>,
}

/// The panel reports' marks (Chinese first, English after) for these applicants: 保密, and
/// 暂定 when any of them was scored on a provisional framework (the report is one document).
pub fn panel_marks(applicants: &[ApplicantView]) -> (String, Option<String>) {
    let provisional = applicants.iter().any(|a| provisional(a.framework));
    (
        labels::SECRET.both(),
        provisional.then(|| labels::PROVISIONAL.both()),
    )
}

/// Whether a framework's structure and points are provisional (暂定).
pub fn provisional(f: &Framework) -> bool {
    f.status == Status::Provisional
}

/// A CSS string literal holding `text`.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            // A line break cannot stand in a CSS string; the marks are one line.
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The marks in the page margin boxes, printed on every page (CSS Paged Media, which Chromium
/// prints since 131), and as a bar at the top of the screen view, where pages do not exist.
pub fn marks_css(marks: Marks) -> String {
    let secret = css_string(marks.secret);
    let mut css = format!(
        "@page {{ @top-left {{ content: {secret}; color: #900; font-weight: bold; font-size: 9pt; }} \
         @bottom-left {{ content: {secret}; color: #900; font-size: 8pt; }} \
         @bottom-right {{ content: counter(page) \" / \" counter(pages); font-size: 8pt; }}"
    );
    if let Some(p) = marks.provisional {
        let p = css_string(p);
        css.push_str(&format!(
            " @top-right {{ content: {p}; color: #900; font-weight: bold; font-size: 9pt; }}"
        ));
    }
    css.push_str(
        " }\n.marks { display: none; }\n@media screen { .marks { display: flex; gap: 6mm; \
         color: #900; font-weight: bold; border-bottom: 1pt solid #900; margin-bottom: 4mm; } }\n",
    );
    css
}

/// The screen bar of the marks (hidden in print, where the margins carry them).
pub fn marks_bar(marks: Marks) -> Markup {
    html! {
        div.marks {
            span { (marks.secret) }
            @if let Some(p) = marks.provisional { span { (p) } }
        }
    }
}

/// A whole HTML document, with the marks on every page.
pub fn page(title: &str, marks: Marks, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(concat!("scorebook ", env!("CARGO_PKG_VERSION")));
                title { (title) }
                style { (PreEscaped(STYLE)) (PreEscaped(marks_css(marks))) }
            }
            body { (marks_bar(marks)) (body) }
        }
    }
    .into_string()
}

/// `中文 English` with the English small.
pub fn label(l: Label) -> Markup {
    html! { (l.zh) " " span.en { (l.en) } }
}

/// A score for display: [`format_points`], the spelling every output shares.
pub fn score(value: Decimal) -> String {
    format_points(value)
}

/// A percent statistic (mean, median, panel percent): one decimal at most, 四舍五入.
pub fn stat(value: Decimal) -> String {
    format_score(value)
}

/// Score as a share of the points, one decimal, 四舍五入.
pub fn rate(score: Decimal, points: u32) -> String {
    if points == 0 {
        return "—".into();
    }
    format!(
        "{}%",
        format_score(score * Decimal::ONE_HUNDRED / Decimal::from(points))
    )
}

/// Category totals: code, title, points, score, rate; then the total.
pub fn category_table(a: &ApplicantView) -> Markup {
    html! {
        table.categories {
            thead { tr {
                th { (label(labels::CATEGORY)) }
                th { (label(labels::TITLE)) }
                th.num { (label(labels::POINTS)) }
                th.num { (label(labels::SCORE)) }
                th.num { (label(labels::SCORE_RATE)) }
            } }
            tbody {
                @for c in &a.categories {
                    tr {
                        td.code { (c.category.code) }
                        td { (c.category.title.zh) " " span.en { (c.category.title.en) } }
                        td.num { (c.category.points) }
                        @match c.total {
                            Some(t) => {
                                td.num { (score(t.score)) }
                                td.num { (rate(t.score, c.category.points)) }
                            }
                            None => { td.num { "—" } td.num { "—" } }
                        }
                    }
                }
                tr.subtotal {
                    td colspan="2" { (label(labels::TOTAL)) }
                    td.num { (a.framework.total_points) }
                    td.num { (score(a.result.total)) }
                    td.num { (rate(a.result.total, a.framework.total_points)) }
                }
            }
        }
    }
}

/// The total, large.
pub fn total_line(a: &ApplicantView) -> Markup {
    html! {
        p.total {
            (label(labels::TOTAL)) (zh_marks().colon) span.value { (score(a.result.total)) }
            span.of { " / " (a.framework.total_points) }
        }
    }
}

fn comment(item_code: &str, c: &Comment) -> Markup {
    html! {
        li {
            (c.text)
            @if !c.requirements.is_empty() {
                span.ref { " [" (item_code) " " (c.requirements.join(zh_marks().list_sep)) "]" }
            }
            @if !c.evidence.trim().is_empty() {
                span.ref { " " (zh_marks().open) (c.evidence) (zh_marks().close) }
            }
        }
    }
}

/// Strengths and OFIs of one item, the OFIs under `ofis` (the programme's word for the stage,
/// `labels::ofis`); the rationale only where `with_rationale`.
pub fn item_comments(
    item: &ItemView,
    (ofis_zh, ofis_en): (&str, &str),
    with_rationale: bool,
) -> Markup {
    let c = &item.comments;
    let code = item.item.code.as_str();
    html! {
        div.item-comments {
            h4 { (code) " " (item.item.title.zh) " " span.en { (item.item.title.en) } }
            p.label { (label(labels::STRENGTHS)) }
            @if c.strengths.is_empty() {
                p.empty { (label(labels::NONE)) }
            } @else {
                ul.comments { @for s in &c.strengths { (comment(code, s)) } }
            }
            p.label { (ofis_zh) " " span.en { (ofis_en) } }
            @if c.ofis.is_empty() {
                p.empty { (label(labels::NONE)) }
            } @else {
                ul.comments { @for o in &c.ofis { (comment(code, o)) } }
            }
            @if with_rationale {
                @if let Some(r) = c.rationale {
                    p { span.label { (label(labels::RATIONALE)) (zh_marks().colon) } (r) }
                }
            }
        }
    }
}

/// Where the comments come from, said once per applicant.
pub fn comment_source(a: &ApplicantView) -> Markup {
    let l = match a.comment_source {
        CommentSource::Consensus => labels::COMMENTS_FROM_CONSENSUS,
        CommentSource::Reviewers => labels::COMMENTS_FROM_REVIEWERS,
    };
    html! { p.source { (l.zh) " " span.en { (l.en) } } }
}

fn theme_list(title: Markup, list: &[(&crate::framework::Item, usize)]) -> Markup {
    html! {
        p.label { (title) }
        @if list.is_empty() {
            p.empty { (label(labels::NONE)) }
        } @else {
            ol {
                @for (item, n) in list {
                    li { (item.code) " " (item.title.zh) " " span.ref { (labels::count_entries(*n)) } }
                }
            }
        }
    }
}

/// Key themes: for process and results items, the items with the most strengths and OFIs.
pub fn key_themes(a: &ApplicantView) -> Markup {
    key_themes_in(a, (labels::OFIS.zh, labels::OFIS.en))
}

/// [`key_themes`] with the OFIs called by the programme's word for the stage
/// ([`labels::ofis`], e.g. 质量改进建议最集中的条款).
pub fn key_themes_in(a: &ApplicantView, ofis: (&str, &str)) -> Markup {
    let kinds = [
        (ItemKind::Process, labels::PROCESS),
        (ItemKind::Results, labels::RESULTS),
    ];
    let (most_zh, most_en) = labels::most_ofis(ofis);
    let most_ofis = html! { (most_zh) " " span.en { (most_en) } };
    html! {
        div.themes {
            @for (kind, title) in kinds {
                @let t: &KindThemes = a.themes.of_kind(kind);
                div {
                    h4 { (label(title)) }
                    (theme_list(label(labels::MOST_STRENGTHS), &t.most_strengths))
                    (theme_list(most_ofis.clone(), &t.most_ofis))
                }
            }
        }
    }
}

/// A definition list of facts.
pub fn facts(rows: &[(Label, Markup)]) -> Markup {
    html! {
        dl.facts {
            @for (l, value) in rows {
                dt { (label(*l)) }
                dd { (value) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_marks_go_in_the_page_margins_and_only_provisional_says_so() {
        let marks = Marks {
            secret: "保密 Confidential",
            provisional: Some("暂定·非标准原文"),
        };
        let css = marks_css(marks);
        assert!(
            css.contains("@top-left { content: \"保密 Confidential\""),
            "{css}"
        );
        assert!(css.contains("@bottom-left { content: \"保密 Confidential\""));
        assert!(css.contains("@top-right { content: \"暂定·非标准原文\""));
        let css = marks_css(Marks {
            provisional: None,
            ..marks
        });
        assert!(!css.contains("暂定"), "{css}");
        assert!(!css.contains("@top-right"));
        // A quote in the words cannot end the CSS string.
        assert_eq!(css_string("a\"b\\c\nd"), "\"a\\\"b\\\\c d\"");

        let mut f = crate::testkit::report::framework();
        assert!(provisional(&f));
        f.status = Status::Official;
        assert!(!provisional(&f));
    }

    #[test]
    fn page_is_self_contained_and_escapes_text() {
        let marks = Marks {
            secret: "保密\"}",
            provisional: None,
        };
        let html = page("<script>", marks, html! { p { ("<b>&") } });
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("&lt;b&gt;&amp;"));
        assert!(!html.contains("<b>&"));
        assert!(html.contains("@page { size: A4"));
        assert!(html.contains(r#""PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif"#));
        for remote in [
            "http://",
            "https://",
            "<link",
            "<script src",
            "@import",
            "url(",
        ] {
            assert!(!html.contains(remote), "no network: found {remote}");
        }
    }

    #[test]
    fn scores_show_exactly_on_the_step_and_round_otherwise() {
        assert_eq!(score(dec!(6.75)), "6.75");
        assert_eq!(score(dec!(399.750)), "399.75");
        assert_eq!(score(dec!(22.5)), "22.5");
        assert_eq!(score(dec!(12.345)), "12.35");
        assert_eq!(stat(dec!(46.666666666666666666666666667)), "46.7");
    }

    #[test]
    fn rates_round_half_away_from_zero() {
        assert_eq!(rate(dec!(22.5), 50), "45%");
        assert_eq!(rate(dec!(1), 8), "12.5%");
        assert_eq!(rate(dec!(1), 16), "6.3%");
        assert_eq!(rate(dec!(1), 0), "—");
    }
}
