//! The item screen: code, title, points, kind; requirement points, factor reminder, the six
//! bands with the current one marked; the score; strengths, OFIs and site-visit issues.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{bad, dim, good, heading, warn};
use crate::framework::{Framework, Item, ItemKind, format_points, item_score};
use crate::i18n::tui::{Msg, t};
use crate::review::{
    ClarifyStatus, ConflictDeclaration, SiteIssueKind, SiteIssueStatus, Stage, VerifyStatus,
};
use crate::tui::model::{
    CommentForm, CommentList, EditTarget, Entry, Field, FormField, ItemPane, Model, entries,
};
use crate::tui::widget::criteria::{self, BAND_INDENT, CriteriaLine, Part};
use crate::tui::widget::wrap::{fit, wrap, wrap_cached};
use crate::tui::widget::{editor, gauge, list};
use unicode_width::UnicodeWidthStr;

pub(crate) fn render(m: &Model, f: &mut Frame, area: Rect) {
    let (Some(fw), Some(it)) = (m.framework(), m.item()) else {
        f.render_widget(Paragraph::new(t(m.lang, Msg::NoFramework)), area);
        return;
    };
    let [head, left, right] = panes(area);
    header(m, fw, it, f, head);
    criteria(m, fw, it, f, left);
    comments(m, f, right);
}

/// The screen's header, criteria pane and comment pane.
fn panes(area: Rect) -> [Rect; 3] {
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(body);
    [head, left, right]
}

/// The cells the criteria pane's text is laid out in when the screen's body is `area`.
pub(super) fn criteria_text_width(area: Rect) -> u16 {
    let [_, left, _] = panes(area);
    Block::default().borders(Borders::ALL).inner(left).width
}

/// The cells a comment's text is wrapped to when the screen's body is `area`: the comment pane
/// less its border and the list's selection margin.
pub(super) fn comment_text_width(area: Rect) -> u16 {
    let [_, _, right] = panes(area);
    Block::default()
        .borders(Borders::ALL)
        .inner(right)
        .width
        .saturating_sub(list::MARGIN)
}

fn kind_name(m: &Model, k: ItemKind) -> &'static str {
    t(
        m.lang,
        match k {
            ItemKind::Process => Msg::KindProcess,
            ItemKind::Results => Msg::KindResults,
        },
    )
}

fn header(m: &Model, fw: &Framework, it: &Item, f: &mut Frame, area: Rect) {
    let l = m.lang;
    let ir = m.item_review();
    let mut first = vec![
        Span::styled(format!(" {} {}", it.code, it.title.get(l)), heading()),
        Span::raw(format!(
            "  {} {}  {}",
            it.points,
            t(l, Msg::PointsUnit),
            kind_name(m, it.kind)
        )),
    ];
    if ir.is_some_and(|x| x.done) {
        first.push(Span::styled(format!("  [{}]", t(l, Msg::Done)), good()));
    }
    // Both facts a reader needs: how sure the structure is, and whose words these are. Last,
    // so a narrow terminal cuts it rather than the done mark.
    let standing = crate::i18n::criteria::standing_short(l, fw);
    if m.applicant().is_some_and(|a| m.is_provisional(a)) {
        first.push(Span::styled(format!("  [{standing}]"), warn()));
    } else {
        first.push(Span::styled(format!("  [{standing}]"), dim()));
    }
    let pct = ir.and_then(|x| x.percent);
    let mut second = vec![Span::styled(
        format!(" {}: ", t(l, Msg::Score)),
        Style::default().add_modifier(Modifier::BOLD),
    )];
    match pct {
        Some(p) => second.push(Span::styled(
            format!(
                "{p} = {} / {}",
                format_points(item_score(it.points, p)),
                it.points
            ),
            Style::default().add_modifier(Modifier::BOLD),
        )),
        None => second.push(Span::styled(t(l, Msg::NotScored), dim())),
    }
    second.push(Span::raw("  "));
    second.push(Span::raw(gauge::gauge(pct, &fw.bands, 22)));
    if m.stage() == Stage::SiteReview
        && let Some(a) = m.applicant()
    {
        let doc = a.document.percent(&it.code);
        second.push(Span::styled(
            format!(
                "  {}: {}",
                t(l, Msg::DocScore),
                doc.map(|p| format!("{p} = {}", format_points(item_score(it.points, p))))
                    .unwrap_or_else(|| t(l, Msg::NotScored).to_string())
            ),
            warn(),
        ));
    }
    if let Some(a) = m.applicant() {
        match a.conflict {
            ConflictDeclaration::Conflict { .. } => second.push(Span::styled(
                format!("  {}", t(l, Msg::ScoringLocked)),
                bad(),
            )),
            ConflictDeclaration::Undeclared => second.push(Span::styled(
                format!("  {}", t(l, Msg::DeclareFirst)),
                warn(),
            )),
            ConflictDeclaration::NoConflict { .. } => {}
        }
    }
    f.render_widget(
        Paragraph::new(vec![Line::from(first), Line::from(second)]),
        area,
    );
}

/// Lines a comment-check warning may take.
const WARNING_LINES: usize = 6;

/// A comment-check warning, wrapped (by `update`, see [`warning_width`]), marked `!`.
fn warning_lines(m: &Model, text: &str, width: u16) -> Vec<Line<'static>> {
    wrap_cached(&m.wraps, text, warning_width(width), WARNING_LINES)
        .iter()
        .take(WARNING_LINES)
        .enumerate()
        .map(|(i, x)| {
            let lead = if i == 0 { "! " } else { "  " };
            Line::from(Span::styled(format!("{lead}{x}"), warn()))
        })
        .collect()
}

/// The cells a warning's text is wrapped to under a comment `width` cells wide: less its mark.
pub(crate) fn warning_width(width: u16) -> u16 {
    width.saturating_sub(2)
}

/// Lines a site issue's note may take under it.
const NOTE_LINES: usize = 12;

/// A site issue's note, wrapped (issue 11: it was cut at the pane's edge) under its label.
fn note_lines(m: &Model, note: &str, width: u16) -> Vec<Line<'static>> {
    let label = super::note_label(m.lang);
    let indent = label.width();
    let note_w = width.saturating_sub(u16::try_from(indent).unwrap_or(u16::MAX));
    let mut lines = wrap_cached(&m.wraps, note, note_w, NOTE_LINES + 1).into_owned();
    if lines.len() > NOTE_LINES {
        lines.truncate(NOTE_LINES);
        if let Some(last) = lines.last_mut() {
            *last = format!("{}...", fit(last, usize::from(note_w).saturating_sub(3)));
        }
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, x)| {
            let lead = if i == 0 {
                Span::styled(label.clone(), dim())
            } else {
                Span::raw(" ".repeat(indent))
            };
            Line::from(vec![lead, Span::raw(x)])
        })
        .collect()
}

fn pane_block(m: &Model, title: Msg, focused: bool) -> Block<'static> {
    let style = if focused { heading() } else { Style::default() };
    Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Span::styled(
            format!(" {} ", t(m.lang, title)),
            if focused {
                style.add_modifier(Modifier::REVERSED)
            } else {
                style
            },
        ))
}

fn criteria(m: &Model, fw: &Framework, it: &Item, f: &mut Frame, area: Rect) {
    let l = m.lang;
    let block = pane_block(m, Msg::Requirements, m.item_pane == ItemPane::Criteria);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width;
    // The lines `update` laid out (see `tui::update::refresh_layout`); laid out here only for
    // a model drawn without it (a test, the first frame).
    let hash = m.framework_hash().unwrap_or_default();
    let laid_out;
    let lines: &[CriteriaLine] = match m
        .criteria
        .as_deref()
        .filter(|c| c.is_for(hash, &m.item_code, l, w))
    {
        Some(c) => &c.lines,
        None => {
            laid_out = criteria::lay_out(fw, it, l, w);
            &laid_out
        }
    };
    let height = usize::from(inner.height);
    let max = u16::try_from(lines.len().saturating_sub(height)).unwrap_or(0);
    let scroll = usize::from(m.criteria_scroll.min(max));
    let pct = m.item_review().and_then(|x| x.percent);
    let current = |band: usize| {
        pct.is_some_and(|p| fw.bands.get(band).is_some_and(|b| b.contains(p.value())))
    };
    // Only the lines in view are drawn.
    let shown = lines.iter().skip(scroll).take(height).map(|x| {
        let text = x.text.as_str();
        match x.part {
            Part::Summary => Line::from(Span::styled(text, dim())),
            Part::Clause | Part::Heading => Line::from(Span::styled(text, heading())),
            Part::Requirement => Line::from(Span::styled(
                text,
                Style::default().add_modifier(Modifier::BOLD),
            )),
            Part::Gloss | Part::Factor | Part::Blank => Line::from(text),
            Part::BandHead(b) if current(b) => Line::from(vec![
                Span::raw("> "),
                Span::styled(
                    text,
                    Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
                ),
            ]),
            Part::BandHead(_) => Line::from(vec![
                Span::raw("  "),
                Span::styled(text, Style::default().add_modifier(Modifier::BOLD)),
            ]),
            Part::BandBody(b) => Line::from(vec![
                Span::raw(BAND_INDENT),
                Span::styled(
                    text,
                    if current(b) {
                        Style::default()
                    } else {
                        Style::default().add_modifier(Modifier::DIM)
                    },
                ),
            ]),
        }
    });
    for (row, line) in (inner.y..).zip(shown) {
        let rect = Rect::new(inner.x, row, inner.width, 1);
        crate::tui::widget::line::draw(f.buffer_mut(), rect, &line);
    }
}

/// The comment form's rows under its text: the evidence and codes fields (the focused one a
/// text field, the other as written), the split of codes written before the evidence, the
/// codes picker while the codes are being typed, and
/// the refusal of codes that are not the item's.
fn form_rows<'a>(m: &Model, form: &'a CommentForm, width: u16, b: &mut list::Block<'a>) {
    use unicode_width::UnicodeWidthStr;
    let l = m.lang;
    let rows = [
        (FormField::Evidence, Msg::Evidence, &form.evidence),
        (FormField::Codes, Msg::ReqTags, &form.codes),
    ];
    for (field, label, area) in rows {
        let label = format!("{}: ", t(l, label));
        let focused = form.field == field;
        let style = if focused { heading() } else { dim() };
        let mut line = vec![Span::styled(label.clone(), style)];
        if focused {
            let dx = u16::try_from(label.width()).unwrap_or(u16::MAX);
            b.tail_field = Some((b.tail.len(), dx, area));
        } else {
            line.push(Span::raw(area.lines().join(" ")));
        }
        b.tail.push(Line::from(line));
        // Codes written before the evidence: what saving takes, so nothing surprises.
        if field == FormField::Evidence && !form.lead.codes.is_empty() {
            let mut said = format!("→ {} {}", t(l, Msg::ReqTags), form.lead.codes.join(", "));
            if !form.lead.evidence.is_empty() {
                said.push_str(&format!(
                    " · {} {}",
                    t(l, Msg::Evidence),
                    form.lead.evidence
                ));
            }
            for x in wrap(&said, width, 3) {
                b.tail.push(Line::from(Span::styled(x, good())));
            }
        }
    }
    if form.field == FormField::Codes && !form.choices.is_empty() {
        let chosen = crate::tui::update::parse_tags(&form.codes.lines().join(" "));
        let item = m.framework().and_then(|f| f.item(&form.item));
        let mut lines: Vec<Line> = Vec::new();
        let mut cur: Vec<Span> = vec![Span::styled(format!("{} ", t(l, Msg::FormPick)), dim())];
        let mut used = cur[0].width();
        for (i, label) in form.choices.iter().enumerate() {
            let tag = item
                .and_then(|it| it.requirements.iter().find(|r| &r.label == label))
                .map(|r| r.tag.get(l).to_string())
                .unwrap_or_default();
            let mark = if chosen.contains(label) { "*" } else { "" };
            let text = format!("{mark}{label} {tag}");
            let mut style = if chosen.contains(label) {
                super::good().add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            if form.pick == Some(i) {
                style = style.add_modifier(Modifier::REVERSED);
            }
            let w = text.width() + 2;
            if used + w > usize::from(width) && used > 0 {
                lines.push(Line::from(std::mem::take(&mut cur)));
                used = 0;
            }
            used += w;
            cur.push(Span::styled(text, style));
            cur.push(Span::raw("  "));
        }
        if !cur.is_empty() {
            lines.push(Line::from(cur));
        }
        b.tail.extend(lines);
    }
    if let Some(why) = &form.refused {
        for x in wrap(why, width, 4) {
            b.tail.push(Line::from(Span::styled(x, bad())));
        }
    }
}

fn comments(m: &Model, f: &mut Frame, area: Rect) {
    let l = m.lang;
    let block = pane_block(m, Msg::Strengths, m.item_pane == ItemPane::Comments)
        .title(Span::raw(format!(" {} ", t(l, Msg::Ofis))))
        .title(Span::raw(format!(" {} ", t(l, Msg::SiteIssues))));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let ir = m.item_review();
    let list_entries = entries(ir);
    let text_w = inner.width.saturating_sub(2);
    let site = m.stage() == Stage::SiteReview;
    let (edit_target, edit_area) = match &m.editor {
        Some(e) => (Some(&e.target), Some(&e.area)),
        None => (None, None),
    };
    // Fields other than the text itself are typed in a box under the list.
    let side_field = match edit_target {
        Some(EditTarget::Comment { field, .. }) if *field != Field::Text => Some(*field),
        Some(EditTarget::SiteIssue { field, .. }) if *field != Field::Text => Some(*field),
        _ => None,
    };
    let mut blocks: Vec<list::Block> = Vec::new();
    let counts = ir.map_or((0, 0, 0), |x| {
        (x.strengths.len(), x.ofis.len(), x.site_issues.len())
    });
    if list_entries.is_empty() {
        blocks.push(list::Block::new(
            vec![Line::from(Span::styled(t(l, Msg::NoEntries), dim()))],
            "",
        ));
    }
    // Warnings about the item as a whole (no comment, score against the comments).
    if let Some(ir) = ir {
        for w in m.checks.item_warnings(&m.item_code, ir) {
            blocks.push(list::Block::new(
                warning_lines(m, &w.message(l), text_w),
                "",
            ));
        }
    }
    let mut last_section = None;
    for (i, e) in list_entries.iter().enumerate() {
        let Some(ir) = ir else { break };
        let section = match e {
            Entry::Comment(CommentList::Strengths, _) => (Msg::Strengths, counts.0),
            Entry::Comment(CommentList::Ofis, _) => (Msg::Ofis, counts.1),
            Entry::Issue(_) => (Msg::SiteIssues, counts.2),
        };
        if last_section != Some(section.0) {
            blocks.push(list::Block::new(
                vec![Line::from(Span::styled(
                    format!("{} ({})", t(l, section.0), section.1),
                    heading(),
                ))],
                "",
            ));
            last_section = Some(section.0);
        }
        let selected = i == m.entry_sel && m.item_pane == ItemPane::Comments;
        let mut b = match *e {
            Entry::Comment(list_kind, idx) => {
                let c = match list_kind {
                    CommentList::Strengths => &ir.strengths[idx],
                    CommentList::Ofis => &ir.ofis[idx],
                };
                let tag = match list_kind {
                    CommentList::Strengths => t(l, Msg::StrengthTag),
                    CommentList::Ofis => t(l, Msg::OfiTag),
                };
                let mut head = vec![Span::styled(
                    format!("{tag}{}", idx + 1),
                    Style::default().add_modifier(Modifier::BOLD),
                )];
                let form = m
                    .form
                    .as_ref()
                    .filter(|f| f.list == list_kind && f.index == idx && f.item == m.item_code);
                if let Some(form) = form {
                    let mut b = list::Block::new(vec![Line::from(head)], &c.text);
                    if form.field == FormField::Text {
                        b.editor = Some(&form.text);
                    }
                    form_rows(m, form, text_w, &mut b);
                    blocks.push(b);
                    continue;
                }
                if !c.requirements.is_empty() {
                    head.push(Span::raw(format!(
                        "  {}: {}",
                        t(l, Msg::ReqTags),
                        c.requirements.join(", ")
                    )));
                }
                if !c.evidence.is_empty() {
                    head.push(Span::raw(format!(
                        "  {}: {}",
                        t(l, Msg::Evidence),
                        c.evidence
                    )));
                }
                let mut b = list::Block::new(vec![Line::from(head)], &c.text);
                b.cache = Some(&m.wraps);
                // The check runs only for comments that can be on screen (see list::near).
                let visible = i.abs_diff(m.entry_sel) <= usize::from(inner.height);
                if visible {
                    for w in m.checks.check(c) {
                        b.tail.extend(warning_lines(m, &w.message(l), text_w));
                    }
                }
                if let Some(EditTarget::Comment {
                    list: el,
                    index,
                    field: Field::Text,
                    ..
                }) = edit_target
                    && *el == list_kind
                    && *index == idx
                {
                    b.editor = edit_area;
                }
                b
            }
            Entry::Issue(idx) => {
                let issue = &ir.site_issues[idx];
                let kind = match issue.kind() {
                    SiteIssueKind::Verify => Msg::IssueVerify,
                    SiteIssueKind::Clarify => Msg::IssueClarify,
                };
                let (st, st_style) = match issue.status {
                    SiteIssueStatus::Verify(VerifyStatus::Pending) => {
                        (Msg::IssueOpenVerify, warn())
                    }
                    SiteIssueStatus::Clarify(ClarifyStatus::Pending) => {
                        (Msg::IssueOpenClarify, warn())
                    }
                    SiteIssueStatus::Verify(VerifyStatus::Verified) => (Msg::IssueVerified, good()),
                    SiteIssueStatus::Verify(VerifyStatus::NotAsDocumented) => {
                        (Msg::IssueNotConfirmed, bad())
                    }
                    SiteIssueStatus::Clarify(ClarifyStatus::Clarified) => {
                        (Msg::IssueClarified, good())
                    }
                };
                let mut head = vec![Span::styled(
                    format!("[{}] {}", t(l, kind), idx + 1),
                    Style::default().add_modifier(Modifier::BOLD),
                )];
                if site {
                    head.push(Span::styled(format!("  {}", t(l, st)), st_style));
                }
                let mut b = list::Block::new(vec![Line::from(head)], &issue.text);
                b.cache = Some(&m.wraps);
                if !issue.note.is_empty() {
                    b.tail.extend(note_lines(m, &issue.note, text_w));
                }
                if let Some(EditTarget::SiteIssue {
                    index,
                    field: Field::Text,
                    ..
                }) = edit_target
                    && *index == idx
                {
                    b.editor = edit_area;
                }
                b
            }
        };
        b.selected = selected && b.editor.is_none();
        blocks.push(b);
    }
    match (side_field, edit_area) {
        (Some(field), Some(area)) => {
            let h = 3.min(inner.height);
            let list_area = Rect::new(inner.x, inner.y, inner.width, inner.height - h);
            list::render(f, list_area, &blocks);
            let rect = Rect::new(inner.x, inner.bottom() - h, inner.width, h);
            let prompt = match field {
                Field::Tags => Msg::TypeToTag,
                Field::Evidence => Msg::TypeToEvidence,
                _ => Msg::Note,
            };
            let b = Block::default()
                .borders(Borders::TOP)
                .title(Span::styled(t(l, prompt), heading()));
            let fi = b.inner(rect);
            f.render_widget(b, rect);
            editor::render(f, area, fi);
        }
        _ => list::render(f, inner, &blocks),
    }
}
