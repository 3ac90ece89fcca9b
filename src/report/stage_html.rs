//! The reports the measures name, one file per applicant and stage (第十八条(三)–(五)):
//!
//! | file | report | from |
//! |---|---|---|
//! | `document-report-<id>.html` | 资料评审报告: scores, the panel's OFIs in the programme's word (Jinshan: 质量改进建议), where the applicant stands with the 现场评审名单 | each document-stage result |
//! | `document-result-<id>.html` | 资料评审结果反馈: the short feedback the award office sends an applicant not shortlisted (第十八条(三)) | document-stage results not on the shortlist |
//! | `site-report-<id>.html` | 现场评审报告: 优势 and 可改进之处 (第十八条(四)), the site-visit findings, the change from the document review per item | each site-stage result |
//! | `overall-report-<id>.html` | 综合评价报告: adds the distilled advanced quality-management experience and the notes of a public evaluation or presentation (第十八条(五)) | each site-stage result, with `synthesis.json` |
//!
//! Each is the panel's collective voice: no reviewer is named and no individual percent is
//! shown (the spread chart shows the range only), so any of them may travel to the applicant;
//! none shows another applicant. Labels come from the programme and the applicant: the OFI
//! word per stage (`Program::terms`), 申报对象 for organisations and individuals alike, 组织 /
//! 个人概述要点 by the applicant's kind. 保密 is on every page, 暂定·非标准原文 too when the
//! framework is provisional (`html_common::page`).

use std::collections::HashSet;

use maud::{Markup, html};
use rust_decimal::Decimal;

use super::charts;
use super::html_common::key_themes_in;
use super::html_common::{
    Marks, category_table, comment_source, facts, item_comments, label, page, panel_marks, score,
    stat, total_line, zh_marks,
};
use super::view::{ApplicantView, PanelView};
use crate::i18n::criteria::standing;
use crate::i18n::report::{self as labels, Label, in_parens};
use crate::i18n::stage_report::{self as words, ShortlistWords};
use crate::lang::Lang;
use crate::panel::{
    ApplicantResult, ApplicantSynthesis, PanelResult, Role, ShortlistEntry, ShortlistNote,
    Synthesis, synthesis,
};
use crate::review::Stage;

/// What the stage reports read besides the merged result: the leader's inputs.
#[derive(Debug, Default, Clone, Copy)]
pub struct Extras<'a> {
    /// The document-stage results of another merge folder of the same round (`merge
    /// --document DIR`), for the site report's score change when this merge has none.
    pub document: Option<&'a PanelResult>,
    /// The leader's `synthesis.json` for the overall evaluation.
    pub synthesis: Option<&'a Synthesis>,
}

/// The kinds of stage report, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    DocumentReport,
    DocumentResult,
    SiteReport,
    OverallReport,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::DocumentReport,
        Kind::DocumentResult,
        Kind::SiteReport,
        Kind::OverallReport,
    ];

    /// How the kind's file names start.
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::DocumentReport => "document-report-",
            Kind::DocumentResult => "document-result-",
            Kind::SiteReport => "site-report-",
            Kind::OverallReport => "overall-report-",
        }
    }

    pub fn title(self) -> Label {
        match self {
            Kind::DocumentReport => words::DOCUMENT_REPORT,
            Kind::DocumentResult => words::DOCUMENT_RESULT,
            Kind::SiteReport => words::SITE_REPORT,
            Kind::OverallReport => words::OVERALL_REPORT,
        }
    }
}

/// Where a document-stage applicant stands with the site-review shortlist.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Standing<'a> {
    /// The merge proposed a shortlist (the round has not fixed one) and this is its entry.
    Proposal(&'a ShortlistEntry),
    /// The round fixed the shortlist: on it or not.
    Fixed { on_list: bool },
    /// The merge gives no shortlist (a roster merge).
    Unknown,
}

impl Standing<'_> {
    /// Whether the applicant is left off the shortlist (proposed or fixed).
    pub fn left_off(&self) -> bool {
        match self {
            Standing::Proposal(e) => !e.proposed,
            Standing::Fixed { on_list } => !on_list,
            Standing::Unknown => false,
        }
    }
}

/// Where `a` (a document-stage result) stands: the merge's proposal when it made one; else,
/// for a merge against a round that fixed its list, whether the coverage table has the
/// applicant's site-review row (it has rows for the shortlisted only).
pub fn standing_of<'a>(result: &'a PanelResult, a: &ApplicantResult) -> Standing<'a> {
    if let Some(list) = &result.shortlist {
        return list
            .get(&a.track)
            .and_then(|entries| entries.iter().find(|e| e.applicant_id == a.applicant_id))
            .map_or(Standing::Unknown, Standing::Proposal);
    }
    match &result.coverage {
        Some(c) => Standing::Fixed {
            on_list: c.row(&a.applicant_id, Stage::SiteReview).is_some(),
        },
        None => Standing::Unknown,
    }
}

/// The document-stage result the site report compares against.
#[derive(Debug, Clone, Copy)]
pub enum DocumentSide<'a> {
    Found(&'a ApplicantResult),
    /// Scored on another framework edition: not compared item by item.
    OtherFramework,
    Missing,
}

/// The applicant's document-stage result in the same track: from this merge, else from the
/// document merge folder given.
pub fn document_side<'a>(
    result: &'a PanelResult,
    extras: Extras<'a>,
    a: &ApplicantResult,
) -> DocumentSide<'a> {
    let same = |r: &&ApplicantResult| {
        r.applicant_id == a.applicant_id && r.track == a.track && r.stage == Stage::DocumentReview
    };
    let found = result
        .results
        .iter()
        .find(same)
        .or_else(|| extras.document.and_then(|d| d.results.iter().find(same)));
    match found {
        None => DocumentSide::Missing,
        Some(d) if d.framework_hash != a.framework_hash => DocumentSide::OtherFramework,
        Some(d) => DocumentSide::Found(d),
    }
}

/// Every stage report of the panel as (file name, HTML), in [`Kind::ALL`] order, then the
/// applicants' order.
pub fn render_all(panel: &PanelView, extras: Extras) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for kind in Kind::ALL {
        let mut taken: HashSet<String> = HashSet::new();
        for a in &panel.applicants {
            let r = a.result;
            let html = match (kind, r.stage) {
                (Kind::DocumentReport, Stage::DocumentReview) => document_report(panel, a),
                (Kind::DocumentResult, Stage::DocumentReview) => {
                    let standing = standing_of(panel.result, r);
                    if !standing.left_off() {
                        continue;
                    }
                    document_result(panel, a, standing)
                }
                (Kind::SiteReport, Stage::SiteReview) => {
                    site_report(panel, a, document_side(panel.result, extras, r))
                }
                // The document total from this merge only, so `synthesis set` (which knows
                // no `--document` folder) writes the same report as the merge did.
                (Kind::OverallReport, Stage::SiteReview) => overall_report(
                    panel,
                    a,
                    extras.synthesis.and_then(|s| s.of(&r.applicant_id)),
                    document_side(panel.result, Extras::default(), r),
                ),
                _ => continue,
            };
            out.push((file_name(kind, r, &mut taken), html));
        }
    }
    out
}

/// `<prefix><id>.html`, the track added when one applicant has two results of a stage, and a
/// number when even that repeats (case-insensitively, for Windows and macOS).
fn file_name(kind: Kind, r: &ApplicantResult, taken: &mut HashSet<String>) -> String {
    let stem = format!(
        "{}{}",
        kind.prefix(),
        crate::clock::file_safe(&r.applicant_id)
    );
    let mut name = format!("{stem}.html");
    if taken.contains(&name.to_lowercase()) {
        name = format!("{stem}-{}.html", crate::clock::file_safe(&r.track));
    }
    let mut n = 2;
    let base = name.trim_end_matches(".html").to_string();
    while !taken.insert(name.to_lowercase()) {
        name = format!("{base}-{n}.html");
        n += 1;
    }
    name
}

/// Whether a file name is one of the stage reports (a merge skips them among its inputs).
pub fn is_stage_report(name: &str) -> bool {
    name.ends_with(".html") && Kind::ALL.iter().any(|k| name.starts_with(k.prefix()))
}

fn marks_of(a: &ApplicantView) -> (String, Option<String>) {
    panel_marks(std::slice::from_ref(a))
}

fn both((zh, en): (String, String)) -> Markup {
    html! { (zh) " " span.en { (en) } }
}

/// Title, applicant, and the facts every stage report opens with.
fn header(panel: &PanelView, a: &ApplicantView, kind: Kind, to_office: bool) -> Markup {
    let r = a.result;
    let counted = a.columns.iter().filter(|c| c.role != Role::Trainee).count();
    html! {
        h1 { (label(kind.title())) }
        h2 { (r.applicant_name) " " span.en { "(" (r.applicant_id) ")" } }
        @if to_office { p.source { (label(words::TO_THE_OFFICE)) } }
        (facts(&[
            (labels::PROGRAM, html! { (panel.program.title.zh) " " (panel.result.round) }),
            (labels::TRACK, html! { (a.track.title.zh) " " span.en { (a.track.title.en) } }),
            (words::APPLICANT_KIND, label(words::applicant_kind(r.kind))),
            (labels::STAGE, label(labels::stage(r.stage))),
            (labels::FRAMEWORK, html! {
                (a.framework.standard) " " (a.framework.title.zh)
                (in_parens(Lang::Zh, &standing(Lang::Zh, a.framework)))
                " " span.en { (standing(Lang::En, a.framework)) }
            }),
            (words::PANEL_SIZE, html! { (counted) }),
        ]))
    }
}

/// The applicant's key factors, under the name its kind gives them; nothing when there are none.
fn key_factors(a: &ApplicantView) -> Markup {
    html! {
        @if !a.key_factors.is_empty() {
            h3 { (label(words::key_factors(a.result.kind))) }
            ol.key-factors { @for k in &a.key_factors { li { (k) } } }
        }
    }
}

/// Totals and the category chart.
fn scores(a: &ApplicantView) -> Markup {
    html! {
        (total_line(a))
        h3 { (label(labels::CATEGORY_TOTALS)) }
        (category_table(a))
        (charts::categories(a))
    }
}

/// The panel's figures per item (no individual percents), then the spread chart.
fn panel_items(a: &ApplicantView) -> Markup {
    html! {
        h3 { (label(words::PANEL_ITEM_SCORES)) }
        table.items {
            thead { tr {
                th { (label(labels::ITEM)) }
                th { (label(labels::TITLE)) }
                th.num { (label(labels::POINTS)) }
                th.num { (label(labels::BAND)) }
                th.num { (label(labels::PANEL_PERCENT)) }
                th.num { (label(labels::PANEL_SCORE)) }
            } }
            tbody {
                @for (_, item) in a.items() {
                    tr {
                        td.code { (item.item.code) }
                        td.title { (item.item.title.zh) }
                        td.num { (item.item.points) }
                        @match item.stats {
                            Some(s) => {
                                td.num {
                                    @match a.panel_band(s) {
                                        Some(b) => { (b.min) "–" (b.max) "%" }
                                        None => { "—" }
                                    }
                                }
                                td.num { (stat(s.panel_percent)) }
                                td.num { (score(s.panel_score)) }
                            }
                            None => { td.num { "—" } td.num { "—" } td.num { "—" } }
                        }
                    }
                }
                tr.subtotal {
                    td colspan="2" { (label(labels::TOTAL)) }
                    td.num { (a.framework.total_points) }
                    td colspan="2" {}
                    td.num { (score(a.result.total)) }
                }
            }
        }
        (charts::spread(a))
    }
}

/// Strengths and OFIs per item, the OFIs in the programme's word for the stage.
fn comments(panel: &PanelView, a: &ApplicantView) -> Markup {
    let ofis = labels::ofis(panel.program, a.result.stage);
    html! {
        h3 { (label(labels::STRENGTHS)) " · " (ofis.0) " " span.en { (ofis.1) } }
        (comment_source(a))
        @for (_, item) in a.items() { (item_comments(item, ofis, false)) }
    }
}

/// 资料评审报告.
pub fn document_report(panel: &PanelView, a: &ApplicantView) -> String {
    let standing = standing_of(panel.result, a.result);
    let body = html! {
        section.stage-report {
            (header(panel, a, Kind::DocumentReport, true))
            h3 { (label(words::SHORTLIST)) }
            p { (both(standing_text(&standing))) }
            (key_factors(a))
            (scores(a))
            (panel_items(a))
            h3 { (label(labels::KEY_THEMES)) }
            (key_themes_in(a, labels::ofis(panel.program, a.result.stage)))
            (comments(panel, a))
        }
    };
    finish(panel, a, Kind::DocumentReport, body)
}

/// The words of a standing without figures (the proposal's are in [`standing_text`]).
fn shortlist_words(standing: &Standing) -> ShortlistWords<'static> {
    match standing {
        Standing::Proposal(_) | Standing::Unknown => ShortlistWords::Unknown,
        Standing::Fixed { on_list: true } => ShortlistWords::OnList,
        Standing::Fixed { on_list: false } => ShortlistWords::NotOnList,
    }
}

/// The words of a standing, the proposal's figures included.
fn standing_text(standing: &Standing) -> (String, String) {
    match standing {
        Standing::Proposal(e) => {
            let total = score(e.total);
            let places = match e.note {
                Some(
                    ShortlistNote::BeyondCut { places } | ShortlistNote::TieAtCut { places, .. },
                ) => Some(places),
                None => None,
            };
            words::shortlist(&if e.proposed {
                ShortlistWords::Proposed {
                    rank: e.rank,
                    tied: e.tied,
                    total: &total,
                }
            } else {
                ShortlistWords::NotProposed {
                    rank: e.rank,
                    tied: e.tied,
                    total: &total,
                    places,
                }
            })
        }
        other => words::shortlist(&shortlist_words(other)),
    }
}

/// 资料评审结果反馈: short, for the applicant — the result, the categories, the panel's OFIs.
pub fn document_result(panel: &PanelView, a: &ApplicantView, standing: Standing) -> String {
    let ofis = labels::ofis(panel.program, Stage::DocumentReview);
    let with_ofis: Vec<_> = a
        .items()
        .map(|(_, i)| i)
        .filter(|i| !i.comments.ofis.is_empty())
        .collect();
    let body = html! {
        section.stage-report {
            @if matches!(standing, Standing::Proposal(_)) {
                p.notice { (label(words::RESULT_PENDING)) }
            }
            (header(panel, a, Kind::DocumentResult, false))
            p { (both(words::result_intro(ofis))) }
            (total_line(a))
            h3 { (label(labels::CATEGORY_TOTALS)) }
            (category_table(a))
            h3 { (label(labels::KEY_THEMES)) }
            (key_themes_in(a, labels::ofis(panel.program, a.result.stage)))
            h3 { (ofis.0) " " span.en { (ofis.1) } }
            @if with_ofis.is_empty() {
                p.empty { (label(labels::NONE)) }
            }
            @for item in with_ofis {
                h4 { (item.item.code) " " (item.item.title.zh) " " span.en { (item.item.title.en) } }
                ul.comments {
                    @for o in &item.comments.ofis {
                        li {
                            (o.text)
                            @if !o.evidence.trim().is_empty() { span.ref { (in_parens(Lang::Zh, o.evidence.trim())) } }
                        }
                    }
                }
            }
        }
    };
    finish(panel, a, Kind::DocumentResult, body)
}

/// `+5`, `-2.5`, `0`: a change with its sign.
fn signed(d: Decimal, show: fn(Decimal) -> String) -> String {
    if d > Decimal::ZERO {
        format!("+{}", show(d))
    } else {
        show(d)
    }
}

/// Document review against site review, item by item.
fn change_table(a: &ApplicantView, doc: &ApplicantResult) -> Markup {
    let of = |code: &str| doc.items.iter().find(|s| s.code == code);
    html! {
        table.items.change {
            thead { tr {
                th { (label(labels::ITEM)) }
                th { (label(labels::TITLE)) }
                th.num { (label(labels::POINTS)) }
                th.num { (label(words::DOCUMENT_PERCENT)) }
                th.num { (label(words::SITE_PERCENT)) }
                th.num { (label(words::CHANGE)) }
                th.num { (label(words::DOCUMENT_SCORE)) }
                th.num { (label(words::SITE_SCORE)) }
                th.num { (label(words::CHANGE)) }
            } }
            tbody {
                @for (_, item) in a.items() {
                    @let d = of(&item.item.code);
                    tr {
                        td.code { (item.item.code) }
                        td.title { (item.item.title.zh) }
                        td.num { (item.item.points) }
                        td.num { @match d { Some(d) => { (stat(d.panel_percent)) } None => { "—" } } }
                        td.num { @match item.stats { Some(s) => { (stat(s.panel_percent)) } None => { "—" } } }
                        td.num {
                            @match (d, item.stats) {
                                (Some(d), Some(s)) => { (signed(s.panel_percent - d.panel_percent, stat)) }
                                _ => { "—" }
                            }
                        }
                        td.num { @match d { Some(d) => { (score(d.panel_score)) } None => { "—" } } }
                        td.num { @match item.stats { Some(s) => { (score(s.panel_score)) } None => { "—" } } }
                        td.num {
                            @match (d, item.stats) {
                                (Some(d), Some(s)) => { (signed(s.panel_score - d.panel_score, score)) }
                                _ => { "—" }
                            }
                        }
                    }
                }
                tr.subtotal {
                    td colspan="2" { (label(labels::TOTAL)) }
                    td.num { (a.framework.total_points) }
                    td colspan="3" {}
                    td.num { (score(doc.total)) }
                    td.num { (score(a.result.total)) }
                    td.num { (signed(a.result.total - doc.total, score)) }
                }
            }
        }
    }
}

fn change_section(a: &ApplicantView, side: DocumentSide) -> Markup {
    html! {
        h3 { (label(words::SCORE_CHANGE)) }
        @match side {
            DocumentSide::Found(doc) => { (change_table(a, doc)) }
            DocumentSide::OtherFramework => { p.notice { (label(words::OTHER_FRAMEWORK)) } }
            DocumentSide::Missing => { p.empty { (label(words::NO_DOCUMENT_RESULT)) } }
        }
    }
}

/// The site-visit issues with their outcome, per item; or what is there instead.
fn site_findings(panel: &PanelView, a: &ApplicantView) -> Markup {
    let with_issues: Vec<_> = a
        .items()
        .map(|(_, i)| i)
        .filter(|i| !i.comments.site_issues.is_empty())
        .collect();
    let ofis = labels::ofis(panel.program, Stage::SiteReview);
    html! {
        h3 { (label(words::SITE_FINDINGS)) }
        @if with_issues.is_empty() {
            p.empty { (both(words::no_site_issues(ofis))) }
        }
        @for item in with_issues {
            h4 { (item.item.code) " " (item.item.title.zh) " " span.en { (item.item.title.en) } }
            ul.comments {
                @for i in &item.comments.site_issues {
                    li {
                        span.label {
                            "[" (i.kind.label(Lang::Zh)) " · " (i.status.label(Lang::Zh)) "] "
                        }
                        (i.text)
                        @if !i.note.trim().is_empty() { " — " (i.note) }
                        " " span.en { "(" (i.kind.label(Lang::En)) ", " (i.status.label(Lang::En)) ")" }
                    }
                }
            }
        }
    }
}

/// 现场评审报告.
pub fn site_report(panel: &PanelView, a: &ApplicantView, side: DocumentSide) -> String {
    let body = html! {
        section.stage-report {
            (header(panel, a, Kind::SiteReport, true))
            (key_factors(a))
            (scores(a))
            (panel_items(a))
            (change_section(a, side))
            (site_findings(panel, a))
            h3 { (label(labels::KEY_THEMES)) }
            (key_themes_in(a, labels::ofis(panel.program, a.result.stage)))
            (comments(panel, a))
        }
    };
    finish(panel, a, Kind::SiteReport, body)
}

/// 综合评价报告: the site review's result with what the panel distilled and the notes.
pub fn overall_report(
    panel: &PanelView,
    a: &ApplicantView,
    own: Option<&ApplicantSynthesis>,
    side: DocumentSide,
) -> String {
    let experience = own.map(|s| s.experience.as_str()).unwrap_or_default();
    let notes = own.map(|s| s.notes.as_slice()).unwrap_or_default();
    let body = html! {
        section.stage-report {
            (header(panel, a, Kind::OverallReport, true))
            h3 { (label(words::EXPERIENCE)) }
            p.source { (label(words::EXPERIENCE_SOURCE)) }
            @if experience.trim().is_empty() {
                p.notice { (label(words::NO_EXPERIENCE)) }
            } @else {
                @for para in synthesis::paragraphs(experience) {
                    p.experience {
                        @for (k, line) in para.lines().enumerate() {
                            @if k > 0 { br; }
                            (line)
                        }
                    }
                }
            }
            h3 { (label(words::NOTES)) }
            p.source { (label(words::NOTES_SOURCE)) }
            @if notes.is_empty() {
                p.empty { (label(labels::NONE)) }
            } @else {
                ul.notes {
                    @for n in notes {
                        li {
                            span.label { (words::note_source(n.source).zh) " " span.en { (words::note_source(n.source).en) } (zh_marks().colon) }
                            @for (k, line) in n.text.lines().enumerate() {
                                @if k > 0 { br; }
                                (line)
                            }
                        }
                    }
                }
            }
            h3 { (label(words::STAGE_TOTALS)) }
            (facts(&[
                (labels::stage(Stage::DocumentReview), html! {
                    @match side {
                        DocumentSide::Found(d) => { (score(d.total)) " / " (a.framework.total_points) }
                        _ => { "—" }
                    }
                }),
                (labels::stage(Stage::SiteReview), html! {
                    (score(a.result.total)) " / " (a.framework.total_points)
                }),
            ]))
            (scores(a))
            (charts::spread(a))
            h3 { (label(labels::KEY_THEMES)) }
            (key_themes_in(a, labels::ofis(panel.program, a.result.stage)))
            (comments(panel, a))
        }
    };
    finish(panel, a, Kind::OverallReport, body)
}

fn finish(panel: &PanelView, a: &ApplicantView, kind: Kind, body: Markup) -> String {
    let (secret, provisional) = marks_of(a);
    let marks = Marks {
        secret: &secret,
        provisional: provisional.as_deref(),
    };
    let title = format!(
        "{} — {} — {}",
        kind.title().zh,
        a.result.applicant_name,
        panel.program.title.zh
    );
    page(&title, marks, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Text;
    use crate::panel::{Coverage, CoverageRow, NoteSource};
    use crate::program::{ApplicantKind, StageKind};
    use crate::review::{SiteIssue, SiteIssueKind, SiteIssueStatus};
    use crate::testkit::report as fixture;
    use rust_decimal_macros::dec;

    fn render(
        result: &PanelResult,
        catalog: &crate::program::Catalog,
        extras: Extras,
    ) -> Vec<(String, String)> {
        let view = PanelView::build(result, catalog).unwrap();
        render_all(&view, extras)
    }

    fn file<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
        &files
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| {
                panic!(
                    "{name} not among {:?}",
                    files.iter().map(|f| &f.0).collect::<Vec<_>>()
                )
            })
            .1
    }

    fn names(files: &[(String, String)]) -> Vec<&str> {
        files.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// The fixture with a site stage for A1: percents 60 / 45 / 30 (panel 4.1.2 up from 50 to
    /// 60 → 42 points, 7 more), total 91.5; its site sheets carry one site-visit issue.
    fn with_site() -> (PanelResult, crate::program::Catalog) {
        let (mut result, catalog) = fixture::panel();
        let mut site = result.results[0].clone();
        site.stage = Stage::SiteReview;
        site.items[0].panel_percent = dec!(60);
        site.items[0].panel_score = dec!(42);
        site.categories[0].score = dec!(42);
        site.total = dec!(91.5);
        result.results.push(site);
        let mut site_sheets: Vec<_> = result
            .sheets
            .iter()
            .filter(|s| s.applicant.id == "A1")
            .cloned()
            .collect();
        for s in &mut site_sheets {
            s.stage = Stage::SiteReview;
        }
        site_sheets[0].items[0].site_issues.push(SiteIssue {
            kind: SiteIssueKind::Verify,
            text: "核实质量例会纪要".into(),
            status: SiteIssueStatus::Verified,
            note: "见 2024 年会议纪要".into(),
        });
        // The same issue from another reviewer is listed once.
        site_sheets[1].items[0].site_issues.push(SiteIssue {
            kind: SiteIssueKind::Verify,
            text: "核实质量例会纪要 ".into(),
            status: SiteIssueStatus::Open,
            note: String::new(),
        });
        result.sheets.extend(site_sheets);
        (result, catalog)
    }

    #[test]
    fn a_document_merge_gives_each_applicant_its_document_review_report() {
        let (result, catalog) = fixture::panel();
        let files = render(&result, &catalog, Extras::default());
        assert_eq!(
            names(&files),
            ["document-report-A1.html", "document-report-A2.html"]
        );
        let html = file(&files, "document-report-A1.html");
        assert!(html.contains("资料评审报告"));
        assert!(html.contains(fixture::A1_NAME));
        assert!(html.contains(r#"<span class="value">84.5</span>"#));
        assert!(html.contains("现场评审名单"));
        assert!(html.contains("本次汇总未给出现场评审名单"));
        // The programme does not reword the OFI: the glossary's word.
        assert!(html.contains("改进机会"));
        assert!(html.contains("质量例会决议的跟踪机制未见说明"));
        assert!(html.contains("<svg"), "the charts");
        assert!(!html.contains("<script"));
        // 保密 on every page; the fixture's framework is provisional.
        assert!(html.contains(r#"@top-left { content: "保密 Confidential""#));
        assert!(html.contains("暂定·非标准原文"));
        assert!(!html.contains(fixture::A2_NAME));
    }

    #[test]
    fn no_stage_report_names_a_reviewer() {
        let (result, catalog) = with_site();
        let mut synthesis = Synthesis::default();
        synthesis.set_experience("A1", "经验").unwrap();
        let files = render(
            &result,
            &catalog,
            Extras {
                document: None,
                synthesis: Some(&synthesis),
            },
        );
        assert_eq!(files.len(), 4, "{:?}", names(&files));
        for (name, html) in &files {
            for (who, _) in fixture::REVIEWERS {
                assert!(!html.contains(who), "{name} names {who}");
            }
            // No individual percents, hence none of their statistics.
            for internal in [labels::MEAN.zh, labels::MEDIAN.zh, labels::SPREAD.zh] {
                assert!(!html.contains(internal), "{name} shows {internal}");
            }
            assert!(
                !html.contains("见习意见"),
                "{name} carries a trainee's comment"
            );
        }
    }

    #[test]
    fn the_ofi_heading_is_the_programmes_word_per_stage() {
        let (result, _) = with_site();
        let mut program = fixture::program();
        let text = |zh: &str, en: &str| Text {
            zh: zh.into(),
            en: en.into(),
        };
        program.terms.ofi.insert(
            StageKind::DocumentReview,
            text("质量改进建议", "quality improvement suggestion"),
        );
        program.terms.ofi.insert(
            StageKind::SiteReview,
            text("可改进之处", "area for improvement"),
        );
        let catalog = crate::testkit::catalog_of(fixture::framework(), program, "test");
        let files = render(&result, &catalog, Extras::default());
        let document = file(&files, "document-report-A1.html");
        assert!(document.contains("质量改进建议"));
        assert!(
            document.contains("质量改进建议最集中的条款"),
            "the key themes too"
        );
        assert!(!document.contains("改进机会"));
        assert!(!document.contains("可改进之处"));
        let site = file(&files, "site-report-A1.html");
        assert!(site.contains("优势"));
        assert!(site.contains("可改进之处"));
        assert!(site.contains("可改进之处最集中的条款"));
        assert!(!site.contains("质量改进建议"));
    }

    #[test]
    fn a_proposed_shortlist_places_each_applicant_and_feeds_back_the_one_left_off() {
        let (mut result, catalog) = fixture::panel();
        let entry = |id: &str, name: &str, rank, total, proposed, note| ShortlistEntry {
            applicant_id: id.into(),
            applicant_name: name.into(),
            rank,
            tied: false,
            total,
            proposed,
            note,
            counted: 3,
            expected: 3,
        };
        result.shortlist = Some(std::collections::BTreeMap::from([(
            "mayor-model".to_string(),
            vec![
                entry("A2", fixture::A2_NAME, 1, dec!(105.5), true, None),
                entry(
                    "A1",
                    fixture::A1_NAME,
                    2,
                    dec!(84.5),
                    false,
                    Some(ShortlistNote::BeyondCut { places: 1 }),
                ),
            ],
        )]));
        let files = render(&result, &catalog, Extras::default());
        assert_eq!(
            names(&files),
            [
                "document-report-A1.html",
                "document-report-A2.html",
                "document-result-A1.html"
            ]
        );
        assert!(
            file(&files, "document-report-A2.html")
                .contains("评审组建议列入现场评审名单：本奖项类别资料评审第 1 名，总分 105.5")
        );
        assert!(file(&files, "document-report-A1.html").contains(
            "评审组建议不列入现场评审名单：本奖项类别资料评审第 2 名，总分 84.5，名额 1 个"
        ));
        let feedback = file(&files, "document-result-A1.html");
        assert!(feedback.contains("资料评审结果反馈"));
        assert!(feedback.contains("未列入本届现场评审名单"));
        assert!(
            feedback.contains("依据评审组的现场评审名单建议生成"),
            "a proposal: not to send yet"
        );
        assert!(feedback.contains("顾客满意度缺少对比数据"));
        assert!(!feedback.contains("战略目标分解到部门"), "short: OFIs only");
        assert!(!feedback.contains(fixture::A2_NAME));
        assert!(!feedback.contains("评审组报区审定办"));
    }

    #[test]
    fn a_fixed_shortlist_is_read_from_the_coverage_rows() {
        let (mut result, catalog) = fixture::panel();
        let row = |id: &str, stage| CoverageRow {
            applicant_id: id.into(),
            applicant_name: String::new(),
            track: "mayor-model".into(),
            stage,
            cells: vec![],
            counted: 3,
            expected: 3,
        };
        result.coverage = Some(Coverage {
            members: vec![],
            rows: vec![
                row("A1", Stage::DocumentReview),
                row("A2", Stage::DocumentReview),
                row("A2", Stage::SiteReview),
            ],
        });
        let files = render(&result, &catalog, Extras::default());
        assert!(
            file(&files, "document-report-A2.html").contains("已列入评审轮次确定的现场评审名单")
        );
        assert!(
            file(&files, "document-report-A1.html").contains("未列入评审轮次确定的现场评审名单")
        );
        let feedback = file(&files, "document-result-A1.html");
        assert!(!feedback.contains("依据评审组的现场评审名单建议生成"));
        assert!(!names(&files).contains(&"document-result-A2.html"));
    }

    #[test]
    fn the_site_report_has_findings_and_the_change_from_the_document_review() {
        let (result, catalog) = with_site();
        let files = render(&result, &catalog, Extras::default());
        let site = file(&files, "site-report-A1.html");
        assert!(site.contains("现场评审报告"));
        assert!(site.contains("现场核实与澄清"));
        assert_eq!(site.matches("核实质量例会纪要").count(), 1, "listed once");
        assert!(site.contains("已核实"));
        assert!(site.contains("见 2024 年会议纪要"));
        // 4.1.2: 50 → 60 %, 35 → 42 points; total 84.5 → 91.5.
        assert!(site.contains("资料评审与现场评审得分对比"));
        assert!(site.contains(r#"<td class="num">+10</td>"#), "{site}");
        assert!(site.contains(r#"<td class="num">+7</td>"#));
        assert!(site.contains(
            r#"<td class="num">84.5</td><td class="num">91.5</td><td class="num">+7</td>"#
        ));
        assert!(
            site.contains(r#"<td class="num">0</td>"#),
            "unchanged items say 0"
        );
    }

    #[test]
    fn without_the_document_review_the_site_report_says_how_to_get_it() {
        let (mut result, catalog) = with_site();
        let document = result.clone();
        result.results.retain(|r| r.stage == Stage::SiteReview);
        let files = render(&result, &catalog, Extras::default());
        let site = file(&files, "site-report-A1.html");
        assert!(site.contains("--document"));
        assert!(!site.contains("+7"));
        let site_sheets_only: Vec<_> = result
            .sheets
            .iter()
            .filter(|s| s.stage == Stage::SiteReview)
            .cloned()
            .collect();
        result.sheets = site_sheets_only;
        let files = render(
            &result,
            &catalog,
            Extras {
                document: Some(&document),
                synthesis: None,
            },
        );
        let site = file(&files, "site-report-A1.html");
        assert!(site.contains(
            r#"<td class="num">84.5</td><td class="num">91.5</td><td class="num">+7</td>"#
        ));
        // Another framework edition is not compared.
        let mut other = document.clone();
        other.results[0].framework_hash = "0".repeat(64);
        let files = render(
            &result,
            &catalog,
            Extras {
                document: Some(&other),
                synthesis: None,
            },
        );
        assert!(file(&files, "site-report-A1.html").contains("评价准则版本不同"));
    }

    #[test]
    fn a_site_report_without_site_issues_says_what_is_there() {
        let (mut result, catalog) = with_site();
        for s in &mut result.sheets {
            for i in &mut s.items {
                i.site_issues.clear();
            }
        }
        let files = render(&result, &catalog, Extras::default());
        assert!(
            file(&files, "site-report-A1.html").contains("评分表中没有现场核实要点或现场澄清要点")
        );
    }

    #[test]
    fn the_overall_report_adds_the_experience_and_the_notes() {
        let (result, catalog) = with_site();
        let files = render(&result, &catalog, Extras::default());
        let bare = file(&files, "overall-report-A1.html");
        assert!(bare.contains("综合评价报告"));
        assert!(bare.contains("先进质量管理经验"));
        assert!(bare.contains("评审组尚未填写"));
        let mut synthesis = Synthesis::default();
        synthesis
            .set_experience("A1", "以质量例会为抓手的<闭环>管理\n\n第二段")
            .unwrap();
        synthesis
            .add_note("A1", NoteSource::Public, "公众满意度 92%")
            .unwrap();
        synthesis
            .add_note("A1", NoteSource::Presentation, "陈述清楚，答辩有据")
            .unwrap();
        let files = render(
            &result,
            &catalog,
            Extras {
                document: None,
                synthesis: Some(&synthesis),
            },
        );
        let html = file(&files, "overall-report-A1.html");
        assert!(!html.contains("评审组尚未填写"));
        assert!(
            html.contains("以质量例会为抓手的&lt;闭环&gt;管理"),
            "escaped"
        );
        assert_eq!(html.matches(r#"<p class="experience">"#).count(), 2);
        assert!(html.contains("公众评价"));
        assert!(html.contains("公众满意度 92%"));
        assert!(html.contains("陈述答辩"));
        // Both stages' totals.
        assert!(html.contains("84.5 / 210"));
        assert!(html.contains("91.5 / 210"));
    }

    #[test]
    fn key_factors_are_named_by_the_applicants_kind() {
        let (mut result, catalog) = fixture::panel();
        result.results[0].kind = ApplicantKind::Individual;
        for s in result.sheets.iter_mut().filter(|s| s.applicant.id == "A1") {
            s.key_factors = vec!["从事质量工作 12 年".into()];
        }
        result.sheets[1]
            .key_factors
            .push("主持 QC 小组 8 个".into());
        let files = render(&result, &catalog, Extras::default());
        let html = file(&files, "document-report-A1.html");
        assert!(html.contains("个人概述要点"));
        assert_eq!(html.matches("从事质量工作 12 年").count(), 1);
        assert!(html.contains("主持 QC 小组 8 个"));
        assert!(html.contains("申报对象类型"));
        assert!(file(&files, "document-report-A2.html").contains("组织"));
        assert!(!file(&files, "document-report-A2.html").contains("概述要点"));
    }

    #[test]
    fn file_names_are_safe_unique_and_skipped_by_a_merge() {
        let (mut result, catalog) = fixture::panel();
        result.results[0].applicant_id = "../A".into();
        result.results[1].applicant_id = "../a".into();
        let files = render(&result, &catalog, Extras::default());
        assert_eq!(
            names(&files),
            [
                "document-report-___A.html",
                "document-report-___a-mayor-model.html"
            ]
        );
        assert!(is_stage_report("overall-report-A1.html"));
        assert!(!is_stage_report("overall-report-A1.json"));
        assert!(!is_stage_report("report.html"));
    }
}
