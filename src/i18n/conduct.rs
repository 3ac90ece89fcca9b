//! The words of 守纪情况 (第二十二条): the reviewer's evaluation of how the applicant kept the
//! rules of the site visit — the dialog that records it, the summary's line, the warning a
//! site export gives while it is missing (TUI and command line alike), and the report's table.

use super::{Lang, pick, pick_owned};
use crate::review::ConductVerdict;

/// 遵守 / 基本遵守 / 未遵守.
pub fn verdict(lang: Lang, v: ConductVerdict) -> &'static str {
    match v {
        ConductVerdict::Kept => pick(lang, "遵守", "kept the rules"),
        ConductVerdict::MostlyKept => pick(lang, "基本遵守", "mostly kept the rules"),
        ConductVerdict::NotKept => pick(lang, "未遵守", "did not keep the rules"),
    }
}

/// The short words of the conduct dialog and the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// Above the three ratings.
    RatingPrompt,
    /// Above the note.
    NotePrompt,
    /// The dialog's hint bar.
    Keys,
    /// Enter before a rating is chosen.
    ChooseFirst,
    /// The status line once saved.
    Recorded,
    /// The key pressed outside site review.
    SiteOnly,
    /// The summary, site review, before one is recorded.
    NotRecorded,
    /// The export warning's line (TUI dialog and command line).
    Missing,
}

impl Word {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Word::RatingPrompt => pick(
                lang,
                "申报对象在现场评审中遵守评审纪律的情况：",
                "How the applicant kept the rules of the review during the site visit:",
            ),
            Word::NotePrompt => pick(
                lang,
                "说明（可不填，如婉拒的宴请、礼品）：",
                "Note (optional, e.g. an offer declined):",
            ),
            Word::Keys => pick(
                lang,
                "←/→ 或 1-3 选择  Tab 说明  Enter 保存  Esc 返回（保留已填内容）",
                "Left/Right or 1-3 rate  Tab note  Enter save  Esc back (keeps what you typed)",
            ),
            Word::ChooseFirst => pick(lang, "请先选择一项评价", "Choose a rating first"),
            Word::Recorded => pick(lang, "守纪情况已记录", "Conduct recorded"),
            Word::SiteOnly => pick(
                lang,
                "守纪情况属于现场评审：开始现场评审后填写",
                "Conduct belongs to the site review: record it once site review has started",
            ),
            Word::NotRecorded => pick(lang, "未填写", "not recorded"),
            Word::Missing => pick(
                lang,
                "尚未填写申报对象的守纪情况（第二十二条）：评分表将不含此项。",
                "The applicant's conduct (article 22) is not recorded: the sheet will not carry it.",
            ),
        }
    }
}

/// The summary's line when none is recorded yet: what to press.
pub fn press_to_record(lang: Lang, key: &str) -> String {
    pick_owned(
        lang,
        (
            format!("未填写（按 {key} 填写）"),
            format!("not recorded (press {key})"),
        ),
    )
}

/// The export warning's last line when conduct is all it warns of; `key` records it.
pub fn missing_body(lang: Lang, key: &str) -> String {
    pick_owned(
        lang,
        (
            format!("可以照常导出。Enter 导出，Esc 返回填写（在条款列表或汇总页按 {key}）。"),
            format!(
                "The sheet can still be exported. Enter exports, Esc goes back to record it ({key} on the items list or the summary)."
            ),
        ),
    )
}

/// The report's words: the reviewers' evaluations of the applicants' conduct, beside the
/// applicants' returned feedback forms in the 双向监督 section.
pub mod report {
    use crate::i18n::report::Label;

    pub const SECTION: Label = Label {
        zh: "评审人员对申报对象守纪情况的评价（第二十二条）",
        en: "The reviewers' evaluation of the applicants' conduct (article 22)",
    };
    pub const NONE: Label = Label {
        zh: "现场评审表中尚无守纪情况评价。",
        en: "No site-review sheet carries a conduct evaluation yet.",
    };
    pub const REVIEWER: Label = Label {
        zh: "评审人员",
        en: "Reviewer",
    };
    pub const RATING: Label = Label {
        zh: "评价",
        en: "Rating",
    };
    pub const NOTE: Label = Label {
        zh: "说明",
        en: "Note",
    };
}
