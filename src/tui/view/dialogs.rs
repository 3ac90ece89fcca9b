//! The dialogs: first run (name only), add applicant (name, track, declaration), rename,
//! confirm remove, confirm site review, go to item, type a score, a new site-visit issue, an
//! issue's outcome on site, notices.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::TextArea;

use super::{bad, centered, dim, heading, warn};
use crate::i18n::tui::{Msg, t};
use crate::review::{SiteIssueKind, SiteIssueStatus};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::model::{AddStep, Dialog, Model};
use crate::tui::widget::editor;
use crate::tui::widget::wrap::{truncate, wrap};

/// What a dialog shows, top to bottom.
enum Part<'a> {
    Text(String, Style),
    Field(&'a TextArea<'static>),
    /// A text field of a few rows that wraps (the conduct note); `focused` when it has the
    /// keys (the terminal cursor is at its caret).
    Note {
        area: &'a TextArea<'static>,
        rows: u16,
        focused: bool,
    },
    Choice(String, bool),
    /// One of several values, `chosen` marked and reversed while the choice has the keys.
    Pick {
        label: String,
        chosen: bool,
        focused: bool,
    },
    Blank,
}

/// The export dialogs' sealing line (密封发送给组长) of a round applicant: on, off (with the
/// key that switches it), or unavailable with the reason. An applicant added on this laptop has
/// no leader to send to: no line.
fn seal_part(m: &Model) -> Vec<Part<'static>> {
    use crate::i18n::seal::{seal_setting, seal_unavailable};
    use crate::tui::keymap::Context;
    use crate::tui::model::SealChoice;
    match m.seal_choice() {
        SealChoice::Available { on, to } => {
            let key = m
                .keymap
                .key_for(Context::Dialog, &crate::tui::action::Action::ToggleSeal)
                .unwrap_or_default();
            let style = if on { heading() } else { warn() };
            vec![Part::Text(seal_setting(m.lang, &key, on, to), style)]
        }
        SealChoice::Unavailable(crate::service::seal::Unavailable::NotFromRound) => Vec::new(),
        SealChoice::Unavailable(why) => vec![Part::Text(seal_unavailable(m.lang, why), dim())],
    }
}

pub(crate) fn render(m: &Model, d: &Dialog, f: &mut Frame, area: Rect) {
    let l = m.lang;
    let txt = |msg: Msg| Part::Text(t(l, msg).to_string(), Style::default());
    let (title, parts): (Msg, Vec<Part>) = match d {
        Dialog::FirstRun { name } => (
            Msg::FirstRunTitle,
            vec![
                txt(Msg::FirstRunPrompt),
                Part::Field(name),
                Part::Blank,
                Part::Text(t(l, Msg::FirstRunNote).into(), dim()),
            ],
        ),
        Dialog::Add(form) => {
            let mut p = Vec::new();
            let name = form.name.lines().join(" ");
            let existing = form
                .existing
                .as_ref()
                .and_then(|id| m.applicants.iter().find(|a| &a.id == id));
            if let Some(a) = existing {
                p.push(Part::Text(format!("{} {}", a.id, a.name), heading()));
                if a.conflict.allows_scoring() {
                    p.push(Part::Text(t(l, Msg::ChangeConflictNote).into(), warn()));
                }
            } else if form.step != AddStep::Name {
                p.push(Part::Text(name, heading()));
            }
            match form.step {
                AddStep::Name => {
                    p.push(txt(Msg::AddName));
                    p.push(Part::Field(&form.name));
                }
                AddStep::Track => {
                    p.push(txt(Msg::AddTrack));
                    for (i, (_, tr)) in m.tracks().iter().enumerate() {
                        let fw = m
                            .catalog
                            .framework(&tr.framework)
                            .map(|x| {
                                let standing = crate::i18n::criteria::standing_short(l, &x.doc);
                                format!("{}, {standing}", x.doc.standard)
                            })
                            .unwrap_or_else(|| tr.framework.clone());
                        p.push(Part::Choice(
                            format!("{} ({fw})", tr.title.get(l)),
                            i == form.track,
                        ));
                    }
                }
                AddStep::Conflict | AddStep::Relationship => {
                    p.push(txt(Msg::AddConflict));
                    p.push(Part::Choice(
                        t(l, Msg::ConflictChoiceNone).into(),
                        form.conflict == 0,
                    ));
                    p.push(Part::Choice(
                        t(l, Msg::ConflictChoiceStated).into(),
                        form.conflict == 1,
                    ));
                    if form.step == AddStep::Relationship {
                        p.push(txt(Msg::AddRelationship));
                        p.push(Part::Field(&form.relationship));
                    }
                }
            }
            if let Some(e) = form.error {
                p.push(Part::Text(t(l, e).into(), bad()));
            }
            let title = if form.existing.is_some() {
                Msg::DeclareTitle
            } else {
                Msg::AddTitle
            };
            (title, p)
        }
        Dialog::Rename { name } => (Msg::RenameTitle, vec![Part::Field(name)]),
        Dialog::UnsavedQuit { folder, error } => {
            let mut p = vec![txt(Msg::UnsavedQuitBody), Part::Blank, Part::Field(folder)];
            if let Some(e) = error {
                p.push(Part::Text(e.clone(), bad()));
            }
            (Msg::UnsavedQuitTitle, p)
        }
        Dialog::ImportRound { path, error } => {
            let mut p = vec![
                txt(Msg::ImportRoundPrompt),
                Part::Field(path),
                Part::Blank,
                Part::Text(t(l, Msg::ImportRoundNote).into(), dim()),
            ];
            if let Some(e) = error {
                p.push(Part::Text(e.clone(), bad()));
            }
            (Msg::ImportRoundTitle, p)
        }
        Dialog::Restore {
            backups,
            sel,
            error,
        } => {
            // A window of the list that keeps the selection in view.
            const SHOWN: usize = 8;
            let first = sel.saturating_sub(SHOWN - 1);
            let mut p: Vec<Part> = backups
                .iter()
                .enumerate()
                .skip(first)
                .take(SHOWN)
                .map(|(i, b)| {
                    Part::Choice(format!("{}  {}  {}", b.removed_at, b.id, b.name), i == *sel)
                })
                .collect();
            if backups.is_empty() {
                p.push(txt(Msg::RestoreNone));
            } else {
                p.push(Part::Blank);
                p.push(Part::Text(t(l, Msg::RestoreNote).into(), dim()));
            }
            if let Some(e) = error {
                p.push(Part::Text(e.clone(), bad()));
            }
            (Msg::RestoreTitle, p)
        }
        Dialog::ConfirmRemove => {
            let who = m
                .applicant()
                .map(|a| format!("{} {}", a.id, a.name))
                .unwrap_or_default();
            (
                Msg::ConfirmRemoveTitle,
                vec![
                    Part::Text(who, heading()),
                    Part::Blank,
                    txt(Msg::ConfirmRemoveBody),
                ],
            )
        }
        Dialog::ConfirmSiteReview => (Msg::ConfirmSiteTitle, vec![txt(Msg::ConfirmSiteBody)]),
        Dialog::ConfirmExport => (
            Msg::ExportTitle,
            [vec![txt(Msg::ExportBody), Part::Blank], seal_part(m)]
                .into_iter()
                .flatten()
                .collect(),
        ),
        Dialog::ConfirmDraftExport { unscored } => (
            Msg::DraftTitle,
            [
                vec![
                    Part::Text(format!("{} {unscored}", t(l, Msg::Unscored)), warn()),
                    Part::Blank,
                    txt(Msg::DraftBody),
                ],
                seal_part(m),
            ]
            .into_iter()
            .flatten()
            .collect(),
        ),
        Dialog::ConfirmOpenIssues {
            unscored,
            open,
            no_conduct,
        } => {
            use crate::i18n::site::{self, Word};
            // One line per issue, at most a screenful; the rest counted.
            const SHOWN: usize = 6;
            let room = usize::from(dialog_width(area).saturating_sub(4));
            let mut p = Vec::new();
            if !open.is_empty() {
                p.push(Part::Text(site::open_issues_heading(l, open.len()), warn()));
            }
            if *no_conduct {
                p.push(Part::Text(
                    crate::i18n::conduct::Word::Missing.text(l).into(),
                    warn(),
                ));
            }
            if *unscored > 0 {
                p.push(Part::Text(
                    format!("{} {unscored}", t(l, Msg::Unscored)),
                    warn(),
                ));
            }
            let body = if *unscored > 0 {
                Word::ConfirmDraftBody.text(l).to_string()
            } else if open.is_empty() {
                let key = m
                    .keymap
                    .key_for(Context::Summary, &Action::Conduct)
                    .unwrap_or_default();
                crate::i18n::conduct::missing_body(l, &key)
            } else {
                Word::ConfirmBody.text(l).to_string()
            };
            p.push(Part::Text(body, Style::default()));
            p.extend(seal_part(m));
            p.push(Part::Blank);
            p.extend(
                open.iter()
                    .take(SHOWN)
                    .map(|o| Part::Text(truncate(&site::open_issue_line(l, o), room), dim())),
            );
            if open.len() > SHOWN {
                p.push(Part::Text(site::more(l, open.len() - SHOWN), dim()));
            }
            if open.is_empty() {
                (Msg::ConductMissingTitle, p)
            } else {
                (Msg::OpenIssuesTitle, p)
            }
        }
        Dialog::Goto { code, error } => {
            let mut p = vec![txt(Msg::GotoPrompt), Part::Field(code)];
            if *error {
                p.push(Part::Text(t(l, Msg::GotoNotFound).into(), bad()));
            }
            (Msg::GotoTitle, p)
        }
        Dialog::TypeScore { value, error } => {
            let mut p = vec![txt(Msg::TypeScorePrompt), Part::Field(value)];
            if let Some(e) = error {
                p.push(Part::Text(e.clone(), bad()));
            }
            (Msg::TypeScoreTitle, p)
        }
        Dialog::SiteIssue { kind, text, empty } => {
            let mut p: Vec<Part> = [SiteIssueKind::Verify, SiteIssueKind::Clarify]
                .into_iter()
                .map(|k| Part::Choice(k.label(l).into(), k == *kind))
                .collect();
            p.push(txt(Msg::IssueTextPrompt));
            p.push(Part::Field(text));
            if *empty {
                p.push(Part::Text(t(l, Msg::EmptyIssue).into(), bad()));
            }
            (Msg::IssueKindTitle, p)
        }
        Dialog::ResolveIssue {
            item,
            index,
            status,
            note,
        } => {
            let issue = m
                .review()
                .and_then(|r| r.items.get(item.as_str()))
                .and_then(|ir| ir.site_issues.get(*index));
            let mut p = Vec::new();
            if let Some(issue) = issue {
                p.push(Part::Text(
                    format!("[{}] {item} {}", issue.kind().label(l), issue.text),
                    heading(),
                ));
            }
            p.extend(
                SiteIssueStatus::all_of(status.kind())
                    .into_iter()
                    .map(|s| Part::Choice(s.label(l).into(), s == *status)),
            );
            p.push(txt(Msg::ResolveNotePrompt));
            p.push(Part::Field(note));
            (Msg::ResolveTitle, p)
        }
        Dialog::Conduct {
            verdict,
            note,
            on_note,
            error,
        } => {
            use crate::i18n::conduct::{Word, verdict as word};
            let mut p = Vec::new();
            if let Some(a) = m.applicant() {
                p.push(Part::Text(format!("{} {}", a.id, a.name), heading()));
            }
            p.push(Part::Text(
                Word::RatingPrompt.text(l).into(),
                Style::default(),
            ));
            for (i, v) in crate::review::ConductVerdict::ALL.into_iter().enumerate() {
                p.push(Part::Pick {
                    label: format!("{} {}", i + 1, word(l, v)),
                    chosen: *verdict == Some(v),
                    focused: !*on_note,
                });
            }
            p.push(Part::Blank);
            p.push(Part::Text(
                Word::NotePrompt.text(l).into(),
                Style::default(),
            ));
            p.push(Part::Note {
                area: note,
                rows: 3,
                focused: *on_note,
            });
            if let Some(e) = error {
                p.push(Part::Text(e.clone(), bad()));
            }
            (Msg::ConductTitle, p)
        }
        Dialog::Notices(list) => (
            Msg::NoticesTitle,
            list.iter().map(|s| Part::Text(s.clone(), warn())).collect(),
        ),
    };
    let w = dialog_width(area);
    let text_w = w.saturating_sub(4);
    // Lay out the parts as lines; a field takes its rows (one, or a note's few), the first
    // of them carrying it: (line, field, its rows, whether it has the keys).
    type Row<'r> = (Option<Line<'r>>, Option<(&'r TextArea<'static>, u16, bool)>);
    let mut rows: Vec<Row> = Vec::new();
    for p in &parts {
        match p {
            Part::Text(s, style) => {
                for x in wrap(s, text_w, 12) {
                    rows.push((Some(Line::from(Span::styled(x, *style))), None));
                }
            }
            Part::Field(a) => rows.push((None, Some((a, 1, true)))),
            Part::Note {
                area,
                rows: n,
                focused,
            } => {
                rows.push((None, Some((area, *n, *focused))));
                rows.extend((1..*n).map(|_| (None, None)));
            }
            Part::Pick {
                label,
                chosen,
                focused,
            } => {
                let label = truncate(label, usize::from(text_w).saturating_sub(4));
                let mark = if *chosen { "(*)" } else { "( )" };
                let style = if *chosen && *focused {
                    Style::default().add_modifier(Modifier::REVERSED)
                } else {
                    Style::default()
                };
                rows.push((
                    Some(Line::from(Span::styled(format!("{mark} {label}"), style))),
                    None,
                ));
            }
            Part::Choice(s, on) => {
                let label = truncate(s, usize::from(text_w).saturating_sub(4));
                let line = if *on {
                    Line::from(Span::styled(
                        format!("(*) {label}"),
                        Style::default().add_modifier(Modifier::REVERSED),
                    ))
                } else {
                    Line::from(format!("( ) {label}"))
                };
                rows.push((Some(line), None));
            }
            Part::Blank => rows.push((Some(Line::from("")), None)),
        }
    }
    let h = u16::try_from(rows.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let rect = centered(f, area, w, h);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(heading())
        .title(Span::styled(format!(" {} ", t(l, title)), heading()));
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    for (i, (line, field)) in rows.into_iter().enumerate() {
        let y = inner.y + u16::try_from(i).unwrap_or(u16::MAX);
        if y >= inner.bottom() {
            break;
        }
        let r = Rect::new(inner.x, y, inner.width, 1);
        if let Some(line) = line {
            f.render_widget(Paragraph::new(line), r);
        }
        if let Some((a, n, focused)) = field {
            f.render_widget(Paragraph::new(">"), Rect::new(r.x, y, 2, 1));
            let height = n.min(inner.bottom().saturating_sub(y));
            let rect = Rect::new(r.x + 2, y, r.width.saturating_sub(2), height);
            if focused {
                editor::render(f, a, rect);
            } else {
                editor::draw(f, a, rect);
            }
        }
    }
}

/// A dialog's width in the area it is drawn over.
fn dialog_width(area: Rect) -> u16 {
    72.min(area.width.saturating_sub(4)).max(10)
}
