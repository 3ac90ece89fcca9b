//! The words of 双向监督 (第二十二条): the feedback form (双向监督反馈表) an applicant fills in,
//! the report's section, the conduct ratings, and what `supervision record` and
//! `round supervision-forms` say.

use super::report::Label;
use super::{Lang, pick, pick_owned};
use crate::panel::supervision::{Conduct, SupervisionError};

const fn l(zh: &'static str, en: &'static str) -> Label {
    Label { zh, en }
}

pub const FORM_TITLE: Label = l("双向监督反馈表", "Two-way supervision feedback form");
pub const FORM_INTRO: Label = l(
    "根据《金山区政府质量奖管理办法》第二十二条，请对到访评审人员的纪律执行情况作出评价（在相应栏内打“√”），填写意见后签章，交回区审定办或评审组长。",
    "Under article 22 of the measures, please rate how each visiting reviewer kept the rules of the review (tick one box), add any comments, sign and return this form to the award office or the group leader.",
);
pub const VISITORS: Label = l("到访评审人员", "Visiting reviewers");
pub const NAME: Label = l("姓名", "Name");
pub const ROLE: Label = l("职责", "Role");
pub const CONDUCT: Label = l("纪律执行情况", "Conduct");
pub const OVERALL: Label = l("对评审组的总体评价", "Overall rating of the panel");
pub const COMMENTS: Label = l("意见和建议", "Comments");
pub const APPLICANT_SIGNATURE: Label = l(
    "申报对象（盖章）／负责人（签字）：",
    "Applicant (seal) / person responsible (signature):",
);
pub const DATE: Label = l("日期：", "Date:");
pub const SECTION: Label = l(
    "双向监督：申报对象对评审人员纪律执行情况的评价（第二十二条）",
    "Two-way supervision: the applicants' rating of the reviewers' conduct (article 22)",
);
pub const RECEIVED: Label = l("收到日期", "Received");
pub const NONE_RETURNED: Label = l(
    "尚未录入交回的双向监督反馈表。",
    "No returned feedback form entered yet.",
);

/// 好 / 较好 / 差.
pub fn conduct(lang: Lang, c: Conduct) -> &'static str {
    match c {
        Conduct::Good => pick(lang, "好", "good"),
        Conduct::Fair => pick(lang, "较好", "fair"),
        Conduct::Poor => pick(lang, "差", "poor"),
    }
}

/// 评审组长 / 评审专家 on the form.
pub fn role(lang: Lang, leader: bool) -> &'static str {
    if leader {
        pick(lang, "评审组长", "group leader")
    } else {
        pick(lang, "评审专家", "reviewer")
    }
}

pub fn error(lang: Lang, e: &SupervisionError) -> String {
    use SupervisionError as E;
    pick_owned(
        lang,
        match e {
            E::NotInRound(n) => (
                format!("申报编号 {n} 不在评审轮次中"),
                format!("applicant number {n} is not in the round"),
            ),
            E::NotVisited(n) => (
                format!("申报对象 {n} 不在现场评审名单中：评审组没有到访"),
                format!(
                    "applicant {n} is not on the site-review shortlist: the panel did not visit it"
                ),
            ),
            E::NotAVisitor { name, applicant } => (
                format!("{name} 没有到访申报对象 {applicant}（不在评审组中，或作为指导专家回避）"),
                format!(
                    "{name} did not visit applicant {applicant} (not on the panel, or recused as its coaching expert)"
                ),
            ),
            E::Twice(name) => (
                format!("{name} 被评价了两次"),
                format!("{name} is rated twice"),
            ),
            E::BadDate(d) => (
                format!("收到日期 {d} 不是 YYYY-MM-DD 格式"),
                format!("the day received {d} is not written YYYY-MM-DD"),
            ),
            E::OtherRound { found, expected } => (
                format!(
                    "supervision.json 属于评审轮次 {found}，不是本汇总目录的评审轮次 {expected}"
                ),
                format!("supervision.json is of round {found}, not this folder's round {expected}"),
            ),
        },
    )
}

/// What the commands say.
pub enum SupMsg<'a> {
    Entered {
        number: &'a str,
        name: &'a str,
        path: &'a str,
    },
    Forms {
        count: usize,
        dir: &'a str,
    },
    NoRound {
        dir: &'a str,
    },
    NoShortlist,
    /// A `--member NAME=RATING` that is not written so.
    BadMember {
        given: &'a str,
    },
}

pub fn say(lang: Lang, m: &SupMsg<'_>) -> String {
    pick_owned(
        lang,
        match *m {
            SupMsg::Entered { number, name, path } => (
                format!(
                    "已录入申报对象 {number} {name} 的双向监督反馈表 → {path}；再次运行同一条 scorebook merge 命令即写入 report.html"
                ),
                format!(
                    "entered the feedback form of applicant {number} {name} → {path}; run the same scorebook merge command again to put it in report.html"
                ),
            ),
            SupMsg::Forms { count, dir } => (
                format!("已生成 {count} 份双向监督反馈表（可打印）→ {dir}"),
                format!("{count} printable two-way supervision feedback form(s) → {dir}"),
            ),
            SupMsg::NoRound { dir } => (
                format!("{dir} 不是按评审轮次汇总的文件夹（没有 round.json）"),
                format!("{dir} was not merged against a round (no round.json)"),
            ),
            SupMsg::NoShortlist => (
                "评审轮次尚未发布现场评审名单：评审组还没有到访任何申报对象".to_string(),
                "the round has no site-review shortlist yet: the panel has visited no applicant"
                    .to_string(),
            ),
            SupMsg::BadMember { given } => (
                format!("--member {given}：应写作 姓名=good|fair|poor"),
                format!("--member {given}: write it NAME=good|fair|poor"),
            ),
        },
    )
}
