//! The printable score sheet (评分表): one signed sheet as self-contained A4 HTML, with the
//! SHA-256 of the signed file and a line for the reviewer's handwritten signature, so the paper
//! copy binds one exact version of the file.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::framework::{Framework, Item};
use crate::i18n::report::{self as labels, SheetWords, ofis, punct, sheet_words};
use crate::lang::{Lang, Text};
use crate::program::{Loaded, Program};
use crate::report::html_common::{Marks, marks_bar, marks_css, provisional};
use crate::review::{Comment, ConflictDeclaration, SiteIssue};
use crate::sheet::{DocumentKind, Sheet, SheetItem};

const CSS: &str = r#"
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "STSong", serif;
       font-size: 10.5pt; line-height: 1.5; color: #000; margin: 0 auto; max-width: 182mm; }
h1, h2, h3, th, .label { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", "Heiti SC", sans-serif; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.2em; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #000; }
h3 { font-size: 10.5pt; margin: 3mm 0 1mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #000; padding: 1mm 1.5mm; vertical-align: top; }
th { background: #eee; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.category td { background: #f4f4f4; font-weight: 600; }
tr.total td { font-weight: 700; border-top: 2px solid #000; }
.meta td:first-child { width: 24%; }
.draft { border: 2px solid #000; padding: 2mm; text-align: center; font-weight: 700; margin: 2mm 0; }
.hash { font-family: "DejaVu Sans Mono", "Consolas", monospace; font-size: 9pt; word-break: break-all; }
.item { break-inside: avoid-page; margin-bottom: 2mm; }
ul { margin: 0.5mm 0 1mm; padding-left: 6mm; }
li { margin: 0.5mm 0; }
.ref { color: #333; font-size: 9pt; }
.sign { margin-top: 12mm; display: flex; justify-content: space-between; break-inside: avoid; }
.sign div { width: 48%; }
.line { display: inline-block; border-bottom: 1px solid #000; width: 55mm; height: 8mm; }
@media print { a { color: #000; text-decoration: none; } }
"#;

/// The sheet as a printable HTML page. `hash` is the SHA-256 (hex) of the signed file.
pub fn render(
    sheet: &Sheet,
    framework: &Framework,
    program: &Loaded<Program>,
    hash: &str,
    lang: Lang,
) -> String {
    let l = sheet_words(lang);
    let ofis = {
        let (zh, en) = ofis(&program.doc, sheet.stage);
        crate::i18n::pick_str(lang, zh, en)
    };
    let title = match sheet.kind {
        DocumentKind::ConsensusSheet => l.consensus_title,
        _ => l.title,
    };
    let text = |t: &Text| t.get(lang).to_string();
    let track = program
        .doc
        .track(&sheet.track)
        .map_or_else(|| sheet.track.clone(), |t| text(&t.title));
    let html_lang = punct(lang).html_lang;
    let marks = Marks {
        secret: labels::SECRET.get(lang),
        provisional: provisional(framework).then(|| labels::PROVISIONAL.get(lang)),
    };
    let page = html! {
        (DOCTYPE)
        html lang=(html_lang) {
            head {
                meta charset="utf-8";
                title { (title) " — " (sheet.applicant.name) " — v" (sheet.version) }
                style { (PreEscaped(CSS)) (PreEscaped(marks_css(marks))) }
            }
            body {
                (marks_bar(marks))
                h1 { (title) }
                @if sheet.draft { div.draft { (l.draft) } }
                table.meta {
                    tr { td.label { (l.programme) } td { (text(&program.doc.title)) " (" (sheet.program.edition) ")" } }
                    tr { td.label { (l.track) } td { (track) } }
                    tr { td.label { (l.applicant) } td { (sheet.applicant.id) " · " (sheet.applicant.name) } }
                    tr { td.label { (l.stage) } td { (sheet.stage.label(lang)) } }
                    tr { td.label { (l.framework) } td { (framework.standard) " " (text(&framework.title)) " (" (crate::i18n::criteria::standing(lang, framework)) ")" } }
                    tr { td.label { (l.reviewer) } td { (sheet.reviewer.name) } }
                    tr { td.label { (l.fingerprint) } td.hash { (fingerprint_of(&sheet.reviewer.public_key)) } }
                    tr { td.label { (l.conflict) } td { (conflict_text(&sheet.conflict, l)) } }
                    tr { td.label { (l.version) } td { (sheet.version) } }
                    tr { td.label { (l.sheet_id) } td.hash { (sheet.sheet_id) } }
                    tr { td.label { (l.created) } td { (sheet.created_at) } }
                }
                h2 { (l.scores) }
                (score_table(sheet, framework, l, lang))
                @if !sheet.key_factors.is_empty() {
                    h2 { (l.key_factors) }
                    ul { @for k in &sheet.key_factors { li { (k) } } }
                }
                @if !sheet.eligibility.is_empty() {
                    h2 { (l.eligibility) }
                    (eligibility(sheet, program, l, lang))
                }
                h2 { (l.comments) }
                @for (item, stated) in items_with_titles(sheet, framework) {
                    (item_comments(stated, item, l, ofis, lang))
                }
                @if !sheet.sources.is_empty() {
                    h2 { (l.sources) }
                    ul.hash { @for s in &sheet.sources { li { (s) } } }
                }
                h2 { (l.binding) }
                p { (l.binding_note) }
                p.hash { "SHA-256 " (group(hash)) }
                div.sign {
                    div { span.label { (l.signature) (l.punct.colon) } span.line {} }
                    div { span.label { (l.date) (l.punct.colon) } span.line {} }
                }
            }
        }
    };
    page.into_string()
}

fn score_table(sheet: &Sheet, framework: &Framework, l: &SheetWords, lang: Lang) -> Markup {
    html! {
        table {
            thead { tr {
                th { (l.code) } th { (l.item) } th.num { (l.points) } th.num { (l.percent) }
                th.num { (l.score) } th { (l.band) }
            } }
            tbody {
                @for category in &framework.categories {
                    @let stated = sheet.categories.iter().find(|c| c.code == category.code);
                    tr.category {
                        td { (category.code) } td { (category.title.get(lang)) }
                        td.num { (category.points) } td {}
                        td.num { @if let Some(c) = stated { (c.score) } } td {}
                    }
                    @for item in &category.items {
                        @if let Some(s) = sheet.items.iter().find(|s| s.code == item.code) {
                            tr {
                                td { (s.code) } td { (item.title.get(lang)) } td.num { (s.points) }
                                td.num { @match s.percent { Some(p) => { (p) "%" } None => { (l.unscored) } } }
                                td.num { @if let Some(v) = s.score { (v) } }
                                td { @if let Some(b) = &s.band { (b) "%" } }
                            }
                        }
                    }
                }
                tr.total {
                    td colspan="2" { (l.total) } td.num { (framework.total_points) } td {}
                    td.num { (sheet.total) } td {}
                }
            }
        }
    }
}

fn items_with_titles<'a>(
    sheet: &'a Sheet,
    framework: &'a Framework,
) -> impl Iterator<Item = (Option<&'a Item>, &'a SheetItem)> {
    sheet
        .items
        .iter()
        .map(move |s| (framework.item(&s.code), s))
}

/// One item's comments; `ofis` is the programme's word for the OFIs in the sheet's stage.
fn item_comments(
    s: &SheetItem,
    item: Option<&Item>,
    l: &SheetWords,
    ofis: &str,
    lang: Lang,
) -> Markup {
    let empty = s.strengths.is_empty()
        && s.ofis.is_empty()
        && s.site_issues.is_empty()
        && s.rationale.is_empty();
    html! {
        div.item {
            h3 {
                (s.code) " " @if let Some(i) = item { (i.title.get(lang)) }
                @if let Some(p) = s.percent { " — " (p) "% · " @if let Some(v) = s.score { (v) } }
            }
            @if empty { p { "—" } }
            @if !s.rationale.is_empty() { p { span.label { (l.rationale) (l.punct.colon) } (s.rationale) } }
            (comment_list(l.strengths, &s.strengths, l))
            (comment_list(ofis, &s.ofis, l))
            @if !s.site_issues.is_empty() {
                div.label { (l.site_issues) }
                ul { @for i in &s.site_issues { (site_issue(i, lang)) } }
            }
        }
    }
}

fn comment_list(heading: &str, comments: &[Comment], l: &SheetWords) -> Markup {
    html! {
        @if !comments.is_empty() {
            div.label { (heading) }
            ul {
                @for c in comments {
                    li {
                        (c.text)
                        @if !c.requirements.is_empty() || !c.evidence.is_empty() {
                            " " span.ref {
                                (l.punct.open)
                                @if !c.requirements.is_empty() { (l.requirements) " " (c.requirements.join(l.punct.list_sep)) }
                                @if !c.requirements.is_empty() && !c.evidence.is_empty() { (l.punct.semi) }
                                @if !c.evidence.is_empty() { (l.evidence) " " (c.evidence) }
                                (l.punct.close)
                            }
                        }
                    }
                }
            }
        }
    }
}

fn site_issue(i: &SiteIssue, lang: Lang) -> Markup {
    html! {
        li {
            "[" (i.kind().label(lang)) " · " (i.status.label(lang)) "] " (i.text)
            @if !i.note.is_empty() { " — " (i.note) }
        }
    }
}

fn eligibility(sheet: &Sheet, program: &Loaded<Program>, l: &SheetWords, lang: Lang) -> Markup {
    let conditions: Vec<_> = program
        .doc
        .eligibility
        .iter()
        .flat_map(|c| c.conditions.iter())
        .collect();
    html! {
        table {
            @for e in &sheet.eligibility {
                @let cond = conditions.iter().find(|c| c.id == e.condition);
                tr {
                    td { @match cond { Some(c) => { (c.text.get(lang)) " " span.ref { (c.article) } } None => { (e.condition) } } }
                    td { @match e.verdict { Some(v) => { (v.label(lang)) } None => { (l.not_answered) } } }
                    td { (e.note) }
                }
            }
        }
    }
}

fn conflict_text(c: &ConflictDeclaration, l: &SheetWords) -> String {
    match c {
        ConflictDeclaration::Undeclared => l.undeclared.to_string(),
        ConflictDeclaration::NoConflict { declared_at } => {
            format!("{} ({declared_at})", l.no_conflict)
        }
        ConflictDeclaration::Conflict {
            relationship,
            declared_at,
        } => format!("{}: {relationship} ({declared_at})", l.conflict_declared),
    }
}

fn fingerprint_of(public_key_hex: &str) -> String {
    crate::identity::parse_public_key(public_key_hex)
        .map(|k| crate::identity::fingerprint(k.as_bytes()))
        .unwrap_or_else(|_| public_key_hex.to_string())
}

/// Hex in groups of eight, easier to compare by eye.
fn group(hex: &str) -> String {
    hex.as_bytes()
        .chunks(8)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
