//! Site review's overview (现场评审, 第十八条(四)), worded: the lists' columns for document →
//! site scores and open site-visit issues, and the warning export gives (TUI and command line
//! alike) while any 现场核实要点 / 现场澄清要点 is still 待核查 or 待澄清.

use super::{Lang, pick, pick_owned};
use crate::review::OpenIssue;

/// The short words of the overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// Items list, site review: the document review's percent.
    ColDocument,
    /// Items list, site review: the site review's percent.
    ColSite,
    /// Items and applicants lists: site-visit issues still open.
    ColOpen,
    /// The export dialog's last line: what Enter and Esc do.
    ConfirmBody,
    /// The export dialog's last line when items are unscored too.
    ConfirmDraftBody,
}

impl Word {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Word::ColDocument => pick(lang, "资料", "Doc"),
            Word::ColSite => pick(lang, "现场", "Site"),
            Word::ColOpen => pick(lang, "待查", "Open"),
            Word::ConfirmBody => pick(
                lang,
                "可以照常导出，评分表如实记录这些要点的状态。Enter 导出，Esc 返回处理。",
                "The sheet can still be exported and records these issues as open. Enter exports, Esc goes back to resolve them.",
            ),
            Word::ConfirmDraftBody => pick(
                lang,
                "尚有条款未评分，只能导出注明为草稿的评分表（不计入合议）。Enter 导出草稿，Esc 返回。",
                "Some items are unscored too, so only a sheet marked draft can be exported (not counted by the panel). Enter exports the draft, Esc goes back.",
            ),
        }
    }
}

/// The warning's first line: how many issues are open.
pub fn open_issues_heading(lang: Lang, count: usize) -> String {
    pick_owned(
        lang,
        (
            format!("尚有 {count} 条现场核实/澄清要点未处理："),
            format!(
                "{count} site-visit issue{} still open:",
                if count == 1 { " is" } else { "s are" }
            ),
        ),
    )
}

/// One open issue as a line: item, status (待核查 / 待澄清 names the kind too), the text's
/// first line.
pub fn open_issue_line(lang: Lang, open: &OpenIssue) -> String {
    let text = open.issue.text.lines().next().unwrap_or_default().trim();
    format!("{} [{}] {}", open.item, open.issue.status.label(lang), text)
}

/// The last line of a cut list: how many more.
pub fn more(lang: Lang, count: usize) -> String {
    pick_owned(
        lang,
        (
            format!("另有 {count} 条未列出"),
            format!("and {count} more"),
        ),
    )
}

/// The whole warning, heading first, one line per issue; empty when nothing is open.
pub fn open_issues_warning(lang: Lang, open: &[OpenIssue]) -> Vec<String> {
    if open.is_empty() {
        return Vec::new();
    }
    std::iter::once(open_issues_heading(lang, open.len()))
        .chain(
            open.iter()
                .map(|o| format!("  {}", open_issue_line(lang, o))),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{SiteIssue, SiteIssueKind};

    #[test]
    fn the_warning_lists_each_open_issue_in_its_kinds_words() {
        let open = [
            OpenIssue {
                item: "4.1.2".into(),
                index: 0,
                issue: SiteIssue::new(SiteIssueKind::Verify, "核实研讨会纪要\n第二行"),
            },
            OpenIssue {
                item: "4.3.1".into(),
                index: 1,
                issue: SiteIssue::new(SiteIssueKind::Clarify, "澄清考核方式"),
            },
        ];
        let zh = open_issues_warning(Lang::Zh, &open);
        assert_eq!(
            zh,
            [
                "尚有 2 条现场核实/澄清要点未处理：",
                "  4.1.2 [待核查] 核实研讨会纪要",
                "  4.3.1 [待澄清] 澄清考核方式",
            ]
        );
        let en = open_issues_warning(Lang::En, &open[..1]);
        assert_eq!(en[0], "1 site-visit issue is still open:");
        assert_eq!(en[1], "  4.1.2 [to verify] 核实研讨会纪要");
        assert!(open_issues_warning(Lang::Zh, &[]).is_empty());
    }
}
