//! `view(&Model, &mut Frame)`: a pure drawing of the model. One file per screen and one for the
//! dialogs; this file draws the frame around them (title, status line, hint bar).

mod applicants;
mod consensus;
mod dialogs;
mod eligibility;
mod heat_map;
mod help;
mod item;
mod items;
mod key_factors;
mod summary;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::action::Action;
use super::keymap::action_label;
use super::layer::{Layer, active, context};
use super::model::{Dialog, Model, Screen, StatusLine};
use super::widget::wrap::{truncate, wrap};

use crate::i18n::tui::{Msg, t};
use crate::review::{ConflictDeclaration, Stage};
pub(crate) use item::warning_width;

/// The smallest window the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn view(m: &Model, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(m, f, area);
        return;
    }
    let [title, body, status, hints] = rows(area);
    title_bar(m, f, title);
    match m.screen {
        Screen::Applicants => applicants::render(m, f, body),
        Screen::KeyFactors => key_factors::render(m, f, body),
        Screen::Eligibility => eligibility::render(m, f, body),
        Screen::Items => items::render(m, f, body),
        Screen::Item => item::render(m, f, body),
        Screen::Summary => summary::render(m, f, body),
        Screen::Consensus => consensus::render(m, f, body),
        Screen::HeatMap => heat_map::render(m, f, body),
    }
    status_line(m, f, status);
    hint_bar(m, f, hints);
    if let Some(d) = &m.dialog {
        dialogs::render(m, d, f, body);
    }
    if m.help {
        help::render(m, f, body);
    }
}

/// The frame's rows: title bar, the screen's body, status line, hint bar.
fn rows(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The cells a comment's text is wrapped to on the item screen in a window of that size (the
/// geometry `update` needs to keep [`crate::tui::model::Model::wraps`] current).
pub(crate) fn comment_text_width(window: (u16, u16)) -> u16 {
    let [_, body, _, _] = rows(Rect::new(0, 0, window.0, window.1));
    item::comment_text_width(body)
}

/// The cells the criteria pane's text is laid out in on the item screen in a window of that
/// size (for [`crate::tui::model::Model::criteria`]).
pub(crate) fn criteria_text_width(window: (u16, u16)) -> u16 {
    let [_, body, _, _] = rows(Rect::new(0, 0, window.0, window.1));
    item::criteria_text_width(body)
}

/// The label before a site issue's note (`备注: `); the note's further lines are indented by
/// its width.
pub(crate) fn note_label(lang: crate::lang::Lang) -> String {
    format!("{}: ", t(lang, Msg::Note))
}

/// Accent for headings: a named colour of the 16, readable on dark and light themes.
pub fn heading() -> Style {
    Style::default()
        .fg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

pub fn warn() -> Style {
    Style::default().fg(Color::Yellow)
}

pub fn bad() -> Style {
    Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn good() -> Style {
    Style::default().fg(Color::Green)
}

pub fn dim() -> Style {
    Style::default().add_modifier(Modifier::DIM)
}

pub fn stage_name(m: &Model, s: Stage) -> &'static str {
    t(
        m.lang,
        match s {
            Stage::DocumentReview => Msg::StageDocument,
            Stage::SiteReview => Msg::StageSite,
        },
    )
}

fn too_small(m: &Model, f: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!(
        "{} ({}x{}). {}",
        t(m.lang, Msg::TooSmall),
        area.width,
        area.height,
        t(m.lang, Msg::TooSmallNeed)
    );
    let lines: Vec<Line> = wrap(&text, area.width, usize::from(area.height))
        .into_iter()
        .map(Line::from)
        .collect();
    f.render_widget(Paragraph::new(lines).style(bad()), area);
}

fn title_bar(m: &Model, f: &mut Frame, area: Rect) {
    let mut spans = vec![Span::styled(
        format!(" {} ", t(m.lang, Msg::AppTitle)),
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
    )];
    // The applicant's name gives way when the bar is too narrow for everything: cut with `…`.
    let mut name_at = None;
    if !m.reviewer.is_empty() {
        spans.push(Span::raw(format!(
            " {}: {} ",
            t(m.lang, Msg::Reviewer),
            m.reviewer
        )));
    }
    if let Some(c) = m.consensus.as_deref()
        && let Some(p) = c.panel()
    {
        // The leader's side: which merged applicant, which stage, where in the folder, and
        // the total the agreed percents give.
        let r = &p.result;
        spans.push(Span::raw("| "));
        name_at = Some(spans.len());
        spans.push(Span::styled(
            format!("{} {}", r.applicant_id, r.applicant_name),
            heading(),
        ));
        spans.push(Span::raw(format!(
            " | {} | {}/{} | {} {} ",
            stage_name(m, r.stage),
            c.current + 1,
            c.panels.len(),
            t(m.lang, Msg::ConsTotal),
            crate::framework::score::format_points(c.total()),
        )));
    } else if m.screen != Screen::Applicants
        && let Some(a) = m.applicant()
    {
        spans.push(Span::raw("| "));
        name_at = Some(spans.len());
        spans.push(Span::styled(format!("{} {}", a.id, a.name), heading()));
        if a.demo {
            spans.push(Span::styled(format!(" [{}]", t(m.lang, Msg::Demo)), warn()));
        }
        spans.push(Span::raw(format!(
            " | {} ",
            stage_name(m, a.current_stage())
        )));
    }
    let screen = match m.screen {
        Screen::Applicants => Msg::ScreenApplicants,
        Screen::KeyFactors => Msg::ScreenKeyFactors,
        Screen::Eligibility => Msg::ScreenEligibility,
        Screen::Items => Msg::ScreenItems,
        Screen::Item => Msg::ScreenItem,
        Screen::Summary => Msg::ScreenSummary,
        Screen::Consensus => Msg::ScreenConsensus,
        Screen::HeatMap => Msg::ScreenHeatMap,
    };
    spans.push(Span::raw(format!("| {} ", t(m.lang, screen))));
    let consensus_read_only = m.consensus.as_ref().is_some_and(|c| c.read_only.is_some());
    if m.read_only || consensus_read_only {
        spans.push(Span::styled(
            format!(" [{}]", t(m.lang, Msg::ReadOnly)),
            bad(),
        ));
    }
    let total: usize = spans.iter().map(Span::width).sum();
    if let Some(i) = name_at
        && total > usize::from(area.width)
    {
        let own = spans[i].width();
        let room = own.saturating_sub(total - usize::from(area.width)).max(8);
        let cut = truncate(&spans[i].content, room);
        spans[i].content = cut.into();
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn status_line(m: &Model, f: &mut Frame, area: Rect) {
    let w = usize::from(area.width);
    let (text, style) = if let Some(e) = &m.disk_error {
        (e.clone(), bad())
    } else if let Some(s) = &m.status {
        match s {
            StatusLine::Info(s) => (s.clone(), good()),
            StatusLine::Error(s) => (s.clone(), bad()),
        }
    } else if m.exporting > 0 {
        (t(m.lang, Msg::Exporting).into(), warn())
    } else if let Some(why) = m.consensus.as_ref().and_then(|c| c.read_only) {
        (crate::i18n::tui::consensus_read_only(m.lang, why), bad())
    } else if m.consensus.is_some() {
        (String::new(), Style::default())
    } else if m.screen != Screen::Applicants
        && let Some(a) = m.applicant()
    {
        match a.conflict {
            ConflictDeclaration::Conflict { .. } => (t(m.lang, Msg::ScoringLocked).into(), bad()),
            ConflictDeclaration::Undeclared => (t(m.lang, Msg::DeclareFirst).into(), warn()),
            ConflictDeclaration::NoConflict { .. } => (String::new(), Style::default()),
        }
    } else if m.read_only {
        (t(m.lang, Msg::ReadOnlyRefused).into(), bad())
    } else {
        (String::new(), Style::default())
    };
    f.render_widget(Paragraph::new(truncate(&text, w)).style(style), area);
}

fn hint_bar(m: &Model, f: &mut Frame, area: Rect) {
    let w = usize::from(area.width);
    let text = match active(m) {
        Layer::Help => format!("Esc {}", action_label(m.lang, &Action::Back)),
        Layer::Dialog { typing: true } if matches!(m.dialog, Some(Dialog::SiteIssue { .. })) => {
            t(m.lang, Msg::IssueDialogKeys).to_string()
        }
        Layer::Dialog { typing: true } if matches!(m.dialog, Some(Dialog::ResolveIssue { .. })) => {
            t(m.lang, Msg::ResolveDialogKeys).to_string()
        }
        Layer::Dialog { .. } if matches!(m.dialog, Some(Dialog::Conduct { .. })) => {
            crate::i18n::conduct::Word::Keys.text(m.lang).to_string()
        }
        Layer::Dialog { typing: true } => t(m.lang, Msg::DialogKeys).to_string(),
        Layer::Dialog { typing: false } => t(m.lang, Msg::ChoiceKeys).to_string(),
        Layer::Form { multiline } if m.disk_error.is_some() => {
            crate::i18n::durable::editing_hint_unsaved(m.lang, multiline).to_string()
        }
        Layer::Form { .. } => t(
            m.lang,
            match m.form.as_ref().map(|f| f.field) {
                Some(crate::tui::model::FormField::Evidence) => Msg::FormHintEvidence,
                Some(crate::tui::model::FormField::Codes) => Msg::FormHintCodes,
                _ => Msg::FormHintText,
            },
        )
        .to_string(),
        Layer::Editor { multiline } if m.disk_error.is_some() => {
            crate::i18n::durable::editing_hint_unsaved(m.lang, multiline).to_string()
        }
        Layer::Editor { multiline: true } => t(m.lang, Msg::EditingHint).to_string(),
        Layer::Editor { multiline: false } => t(m.lang, Msg::EditingHintSingle).to_string(),
        Layer::Screen(screen) => screen_hints(m, screen, w),
    };
    f.render_widget(
        Paragraph::new(truncate(&text, w)).style(Style::default().add_modifier(Modifier::REVERSED)),
        area,
    );
}

/// The screen's main keys, as the key map binds them now, cut to `width` cells. The help key
/// is never cut: it is the way to every other key (issue 11: `? 帮助` at 80 columns).
fn screen_hints(m: &Model, screen: Screen, width: usize) -> String {
    use Action::*;
    let actions: &[Action] = match screen {
        Screen::Applicants => &[
            Open,
            AddApplicant,
            Rename,
            Remove,
            DeclareConflict,
            StartSiteReview,
            ExportSheet,
            Help,
            Quit,
            ImportRound,
        ],
        Screen::KeyFactors => &[Add, Open, Delete, MoveUp, NextPane, Back, Help, Quit],
        Screen::Eligibility => &[Cycle, EditNote, NextPane, Back, Help, Quit],
        // On site the open issues are the to-do list (`N` walks them across items), and the
        // applicant's conduct (守纪情况) is recorded from the lists too.
        Screen::Items if m.stage() == Stage::SiteReview => &[
            Open,
            NextOpenIssue,
            GotoItem,
            ScoreUp,
            ScoreDown,
            Conduct,
            NextPane,
            Back,
            Help,
            Quit,
        ],
        // `S` (once per applicant) where the line has room: at 80 columns it would push out
        // `Tab` (zh: 90 cells) or a scoring key (en: 89), so there it is left to the help.
        Screen::Items => &[
            Open,
            GotoItem,
            ScoreUp,
            ScoreDown,
            NextPane,
            Back,
            StartSiteReview,
            Help,
            Quit,
        ],
        // On site the issues are the to-do list: their outcome and note come first.
        Screen::Item if m.stage() == Stage::SiteReview => &[
            ScoreUp,
            ScoreDown,
            EditNote,
            NextOpenIssue,
            Cycle,
            AddStrength,
            AddOfi,
            Open,
            NextPane,
            Back,
            Help,
        ],
        Screen::Item => &[
            ScoreUp,
            ScoreDown,
            AddStrength,
            AddOfi,
            AddSiteIssue,
            Open,
            TypeScore,
            NextPane,
            GotoItem,
            Undo,
            Back,
            Help,
        ],
        Screen::Summary if m.stage() == Stage::SiteReview => {
            &[Open, Conduct, ExportSheet, NextPane, Back, Help, Quit]
        }
        Screen::Summary => &[
            Open,
            StartSiteReview,
            ExportSheet,
            NextPane,
            Back,
            Help,
            Quit,
        ],
        Screen::HeatMap => &[
            Open,
            NextPane,
            NextApplicant,
            PrevApplicant,
            ExportConsensus,
            Help,
            Quit,
        ],
        Screen::Consensus => &[
            Agree,
            ScoreUp,
            ScoreDown,
            EditRationale,
            NextPane,
            KeepComment,
            EditComment,
            MergeComments,
            MarkComment,
            AddStrength,
            AddOfi,
            ExportConsensus,
            ShowHeatMap,
            NextApplicant,
            Help,
            Quit,
        ],
    };
    let ctx = context(m);
    let mut parts = Vec::new();
    for a in actions {
        if let Some(k) = m.keymap.key_for(ctx, a) {
            parts.push((*a == Help, format!("{k} {}", action_label(m.lang, a))));
        }
    }
    fit_hints(parts, width)
}

/// Joins hint parts two spaces apart, dropping the last droppable part (pinned ones stay, in
/// their place) until the line fits in `width` cells.
fn fit_hints(mut parts: Vec<(bool, String)>, width: usize) -> String {
    let line = |parts: &[(bool, String)]| {
        parts
            .iter()
            .map(|(_, s)| s.as_str())
            .collect::<Vec<_>>()
            .join("  ")
    };
    loop {
        let text = line(&parts);
        if UnicodeWidthStr::width(text.as_str()) <= width {
            return text;
        }
        match parts.iter().rposition(|(pinned, _)| !pinned) {
            Some(i) => {
                parts.remove(i);
            }
            None => return text,
        }
    }
}

/// The help's page (rows shown at once) and furthest scroll in the window the model knows
/// (80×24 before the first resize): the update pages and stops by them.
pub fn help_bounds(m: &Model) -> (u16, u16) {
    let window = m.window.unwrap_or((MIN_WIDTH, MIN_HEIGHT));
    (help::page(window), help::max_scroll(m, window))
}

/// A centred box of at most `w`×`h` inside `area`, cleared.
pub fn centered(f: &mut Frame, area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    f.render_widget(Clear, r);
    r
}

#[cfg(test)]
mod hint_tests {
    use super::fit_hints;

    #[test]
    fn the_pinned_hint_survives_and_order_holds() {
        let parts = vec![
            (false, "a 甲".to_string()),
            (true, "? 帮助".to_string()),
            (false, "q 退出".to_string()),
        ];
        assert_eq!(fit_hints(parts.clone(), 80), "a 甲  ? 帮助  q 退出");
        // "a 甲  ? 帮助" is 12 cells: the last droppable part goes first.
        assert_eq!(fit_hints(parts.clone(), 12), "a 甲  ? 帮助");
        assert_eq!(fit_hints(parts, 7), "? 帮助");
    }
}
