//! The words of a merge against a round (评审轮次): the coverage table's cells and headings,
//! the short-stage warning, the recusal records and the proposed site-review shortlist
//! (现场评审名单建议). Shared by the command line, report.html, coverage.csv and scores.xlsx,
//! so a cell reads the same everywhere.

use super::terms::Term;
use super::{Lang, pick, pick_owned};
use crate::panel::{Cell, CoverageRow, RecusedBy, ShortlistEntry, ShortlistNote};

/// A fixed word of the coverage and shortlist outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// Heading of the coverage table.
    Coverage,
    /// Heading of the list of sheets still owed.
    Owed,
    /// Said when nothing is owed.
    NothingOwed,
    /// Heading of the short stages.
    Short,
    /// Heading of the recusal records.
    Recusals,
    /// Heading of the proposed shortlist.
    Shortlist,
    /// Under the shortlist heading: what it is and is not.
    ShortlistRule,
    /// Column: application number.
    Number,
    /// Column: applicant name.
    Name,
    /// Column: award track.
    Track,
    /// Column: stage.
    Stage,
    /// Column: counted sheets.
    Counted,
    /// Column: expected sheets.
    Expected,
    /// Column: a yes/no that the stage is short.
    IsShort,
    /// Column: rank.
    Rank,
    /// Column: total.
    Total,
    /// Column: proposed for the site review.
    Proposed,
    /// Column: a note.
    Note,
    /// Column: the round.
    Round,
    /// Column: the cell's state as a code (signed, draft, recused, refused, missing), for filters.
    State,
    /// Column: the sheet's version.
    Version,
}

pub fn word(lang: Lang, w: Word) -> &'static str {
    let (zh, en) = match w {
        Word::Coverage => ("评分表覆盖情况", "Coverage"),
        Word::Owed => ("尚缺的评分表", "Sheets still missing"),
        Word::NothingOwed => ("评分表齐全：没有缺少的评分表", "No sheet is missing"),
        Word::Short => ("评分表不足的阶段", "Stages short of sheets"),
        Word::Recusals => ("回避声明", "Recusal records"),
        Word::Shortlist => ("现场评审名单建议", "Proposed site-review shortlist"),
        Word::ShortlistRule => (
            "按资料评审得分好中选优（第十八条(三)）；这是名单建议，不是获奖建议——获奖建议只在现场评审之后提出",
            "ranked on the document-review totals, best first (第十八条(三)); a proposal for the site review, not award winners — awards are proposed only after the site review",
        ),
        Word::Number => ("申报编号", "Number"),
        Word::Name => ("名称", "Name"),
        Word::Track => ("奖项类别", "Track"),
        Word::Stage => ("评审阶段", "Stage"),
        Word::Counted => ("计入", "Counted"),
        Word::Expected => ("应有", "Expected"),
        Word::IsShort => ("不足", "Short"),
        Word::Rank => ("名次", "Rank"),
        Word::Total => ("总分", "Total"),
        Word::Proposed => ("建议进入现场评审", "Proposed"),
        Word::Note => ("说明", "Note"),
        Word::State => ("状态", "State"),
        Word::Version => ("版本", "Version"),
        Word::Round => ("评审轮次", "Round"),
    };
    pick(lang, zh, en)
}

/// A heading before a list: `评分表不足的阶段：` / `Stages short of sheets:`.
pub fn heading(lang: Lang, w: Word) -> String {
    pick_owned(
        lang,
        (
            format!("{}：", word(Lang::Zh, w)),
            format!("{}:", word(Lang::En, w)),
        ),
    )
}

/// The heading of the sheets still owed, with their count.
pub fn owed_heading(lang: Lang, n: usize) -> String {
    pick_owned(
        lang,
        (
            format!("{}（{n} 份）：", word(Lang::Zh, Word::Owed)),
            format!("{} ({n}):", word(Lang::En, Word::Owed)),
        ),
    )
}

/// A coverage cell, short enough for a table: `已签 v2`, `草稿 v1`, `回避`, `缺`, ….
pub fn cell(lang: Lang, c: &Cell) -> String {
    let (zh, en) = match c {
        Cell::Signed { version } => (format!("已签 v{version}"), format!("signed v{version}")),
        Cell::Draft {
            version,
            counted: true,
        } => (
            format!("草稿 v{version}（计入）"),
            format!("draft v{version} (counted)"),
        ),
        Cell::Draft { version, .. } => (format!("草稿 v{version}"), format!("draft v{version}")),
        Cell::Recused { by } => match by {
            RecusedBy::Record { .. } => ("回避（回避声明）".into(), "recused (record)".into()),
            RecusedBy::Sheet { .. } => ("回避（评分表声明）".into(), "recused (sheet)".into()),
            RecusedBy::Coach => (
                "回避（指导专家）".into(),
                "recused (coaching expert)".into(),
            ),
        },
        Cell::Refused { version, code } => (
            format!("退回 v{version}（{code}）"),
            format!("refused v{version} ({code})"),
        ),
        Cell::Missing => ("缺".into(), "missing".into()),
    };
    pick_owned(lang, (zh, en))
}

/// One line on a stage short of sheets, for every report.
pub fn short(lang: Lang, row: &CoverageRow) -> String {
    let (counted, expected) = (row.counted, row.expected);
    let (id, name) = (&row.applicant_id, &row.applicant_name);
    pick_owned(
        lang,
        (
            format!(
                "{id} {name}（{}）：计入 {counted} 份评分表，少于未回避的{} {expected} 人",
                row.stage.label(Lang::Zh),
                Term::Reviewer.text(Lang::Zh)
            ),
            format!(
                "{id} {name} ({}): {counted} counted sheet(s), fewer than the {expected} members not recused",
                row.stage.label(Lang::En)
            ),
        ),
    )
}

/// A shortlist entry's note, if any; an entry short of sheets says so too.
pub fn shortlist_note(lang: Lang, e: &ShortlistEntry) -> String {
    let mut parts = Vec::new();
    match &e.note {
        Some(ShortlistNote::TieAtCut { tied, places }) => parts.push(pick_owned(
            lang,
            (
                format!(
                    "名单边缘 {tied} 个{}并列，均列入（名额 {places}）",
                    Term::Applicant.text(Lang::Zh)
                ),
                format!("{tied} tied at the cut; all proposed ({places} places)"),
            ),
        )),
        Some(ShortlistNote::BeyondCut { places }) => parts.push(pick_owned(
            lang,
            (
                format!("名额 {places} 之外"),
                format!("below the cut of {places}"),
            ),
        )),
        None => {}
    }
    if e.counted < e.expected {
        parts.push(pick_owned(
            lang,
            (
                format!("评分表不足：计入 {}，应有 {}", e.counted, e.expected),
                format!("short of sheets: {} counted of {}", e.counted, e.expected),
            ),
        ));
    }
    parts.join(pick(lang, "；", "; "))
}
