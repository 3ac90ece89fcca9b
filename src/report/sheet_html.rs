//! The printable score sheet (评分表): one signed sheet as self-contained A4 HTML, with the
//! SHA-256 of the signed file and a line for the reviewer's handwritten signature, so the paper
//! copy binds one exact version of the file.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::framework::{Framework, Item};
use crate::lang::{Lang, Text};
use crate::program::{Loaded, Program};
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

struct Labels {
    title: &'static str,
    consensus_title: &'static str,
    programme: &'static str,
    track: &'static str,
    applicant: &'static str,
    stage: &'static str,
    reviewer: &'static str,
    fingerprint: &'static str,
    framework: &'static str,
    version: &'static str,
    sheet_id: &'static str,
    created: &'static str,
    conflict: &'static str,
    no_conflict: &'static str,
    conflict_declared: &'static str,
    undeclared: &'static str,
    draft: &'static str,
    scores: &'static str,
    code: &'static str,
    item: &'static str,
    points: &'static str,
    percent: &'static str,
    score: &'static str,
    band: &'static str,
    total: &'static str,
    unscored: &'static str,
    comments: &'static str,
    strengths: &'static str,
    ofis: &'static str,
    site_issues: &'static str,
    requirements: &'static str,
    evidence: &'static str,
    rationale: &'static str,
    key_factors: &'static str,
    eligibility: &'static str,
    not_answered: &'static str,
    binding: &'static str,
    binding_note: &'static str,
    signature: &'static str,
    date: &'static str,
    sources: &'static str,
}

const ZH: Labels = Labels {
    title: "评分表",
    consensus_title: "合议评分表",
    programme: "评奖办法",
    track: "奖项类别",
    applicant: "申报者",
    stage: "评审阶段",
    reviewer: "评审专家",
    fingerprint: "密钥指纹",
    framework: "评价准则",
    version: "版本",
    sheet_id: "评分表编号",
    created: "导出时间",
    conflict: "回避声明",
    no_conflict: "与申报者无利害关系",
    conflict_declared: "已声明利害关系",
    undeclared: "未声明",
    draft: "草稿 — 评审未完成，不作评分依据",
    scores: "条款评分",
    code: "条款",
    item: "名称",
    points: "分值",
    percent: "百分比",
    score: "得分",
    band: "评分区间",
    total: "总分",
    unscored: "未评",
    comments: "评语",
    strengths: "优势",
    ofis: "改进机会",
    site_issues: "现场评审问题",
    requirements: "对应要求",
    evidence: "依据",
    rationale: "合议理由",
    key_factors: "组织概述要点",
    eligibility: "资格审查",
    not_answered: "未答",
    binding: "签名文件",
    binding_note: "本纸质评分表对应且仅对应下列 SHA-256 值的签名评分表文件；核对命令：scorebook verify 文件名",
    signature: "评审专家签字",
    date: "日期",
    sources: "依据的评分表（SHA-256）",
};

const EN: Labels = Labels {
    title: "Score sheet",
    consensus_title: "Consensus score sheet",
    programme: "Programme",
    track: "Track",
    applicant: "Applicant",
    stage: "Stage",
    reviewer: "Reviewer",
    fingerprint: "Key fingerprint",
    framework: "Framework",
    version: "Version",
    sheet_id: "Sheet id",
    created: "Exported",
    conflict: "Conflict of interest",
    no_conflict: "No conflict with the applicant",
    conflict_declared: "Conflict declared",
    undeclared: "Not declared",
    draft: "DRAFT — review incomplete, not a basis for scoring",
    scores: "Item scores",
    code: "Item",
    item: "Title",
    points: "Points",
    percent: "Percent",
    score: "Score",
    band: "Band",
    total: "Total",
    unscored: "not scored",
    comments: "Comments",
    strengths: "Strengths",
    ofis: "Opportunities for improvement",
    site_issues: "Site-visit issues",
    requirements: "requirements",
    evidence: "evidence",
    rationale: "Rationale",
    key_factors: "Key factors",
    eligibility: "Eligibility",
    not_answered: "not answered",
    binding: "Signed file",
    binding_note: "This paper sheet belongs to the signed sheet file with exactly this SHA-256; check with: scorebook verify FILE",
    signature: "Reviewer's signature",
    date: "Date",
    sources: "Sheets it was built from (SHA-256)",
};

/// The sheet as a printable HTML page. `hash` is the SHA-256 (hex) of the signed file.
pub fn render(
    sheet: &Sheet,
    framework: &Framework,
    program: &Loaded<Program>,
    hash: &str,
    lang: Lang,
) -> String {
    let l = match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
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
    let html_lang = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let page = html! {
        (DOCTYPE)
        html lang=(html_lang) {
            head {
                meta charset="utf-8";
                title { (title) " — " (sheet.applicant.name) " — v" (sheet.version) }
                style { (PreEscaped(CSS)) }
            }
            body {
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
                    (item_comments(stated, item, l, lang))
                }
                @if !sheet.sources.is_empty() {
                    h2 { (l.sources) }
                    ul.hash { @for s in &sheet.sources { li { (s) } } }
                }
                h2 { (l.binding) }
                p { (l.binding_note) }
                p.hash { "SHA-256 " (group(hash)) }
                div.sign {
                    div { span.label { (l.signature) "：" } span.line {} }
                    div { span.label { (l.date) "：" } span.line {} }
                }
            }
        }
    };
    page.into_string()
}

fn score_table(sheet: &Sheet, framework: &Framework, l: &Labels, lang: Lang) -> Markup {
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

fn item_comments(s: &SheetItem, item: Option<&Item>, l: &Labels, lang: Lang) -> Markup {
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
            @if !s.rationale.is_empty() { p { span.label { (l.rationale) "：" } (s.rationale) } }
            (comment_list(l.strengths, &s.strengths, l))
            (comment_list(l.ofis, &s.ofis, l))
            @if !s.site_issues.is_empty() {
                div.label { (l.site_issues) }
                ul { @for i in &s.site_issues { (site_issue(i, lang)) } }
            }
        }
    }
}

fn comment_list(heading: &str, comments: &[Comment], l: &Labels) -> Markup {
    html! {
        @if !comments.is_empty() {
            div.label { (heading) }
            ul {
                @for c in comments {
                    li {
                        (c.text)
                        @if !c.requirements.is_empty() || !c.evidence.is_empty() {
                            " " span.ref {
                                "（"
                                @if !c.requirements.is_empty() { (l.requirements) " " (c.requirements.join("、")) }
                                @if !c.requirements.is_empty() && !c.evidence.is_empty() { "；" }
                                @if !c.evidence.is_empty() { (l.evidence) " " (c.evidence) }
                                "）"
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
            "[" (i.kind.label(lang)) " · " (i.status.label(lang)) "] " (i.text)
            @if !i.note.is_empty() { " — " (i.note) }
        }
    }
}

fn eligibility(sheet: &Sheet, program: &Loaded<Program>, l: &Labels, lang: Lang) -> Markup {
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

fn conflict_text(c: &ConflictDeclaration, l: &Labels) -> String {
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
