//! The words of the strictness checks: a reviewer name refused by `key new`, and what `rank`
//! says about the `panel.json` it read (recomputed from the signed sheets, or only checked).

use super::{Lang, pick};

/// One message of this area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckMsg {
    /// `key new --name` with a control character or a direction override in it.
    UnsafeKeyName,
}

impl CheckMsg {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            CheckMsg::UnsafeKeyName => pick(
                lang,
                "姓名中含有控制字符或文字方向控制符（如终端转义序列），不能用作签名姓名：请只用可见的文字",
                "The name contains a control character or a text-direction override (e.g. a terminal escape sequence); a signing name must be visible text only",
            )
            .to_string(),
        }
    }
}

/// How far `rank` confirmed a merge folder's `panel.json`, for one folder.
pub fn audit_basis(lang: Lang, dir: &str, basis: &crate::panel::audit::Basis) -> String {
    use crate::panel::audit::Basis;
    match (basis, lang) {
        (Basis::Recomputed { sheets }, Lang::Zh) => {
            format!("{dir}：已用 {sheets} 份签名评分表重新汇总，与 panel.json 一致")
        }
        (Basis::Recomputed { sheets }, Lang::En) => {
            format!("{dir}: recomputed from {sheets} signed sheets; panel.json agrees")
        }
        (Basis::Checked { missing }, Lang::Zh) => format!(
            "{dir}：缺 {missing} 份评分表副本，未能重新汇总；只核对了 panel.json 的各项合计与来源哈希"
        ),
        (Basis::Checked { missing }, Lang::En) => format!(
            "{dir}: {missing} sheet copies are missing, so nothing was recomputed; panel.json's sums and source hashes were checked only"
        ),
    }
}

/// Why `rank` refuses a merge folder's `panel.json`.
pub fn audit_refusal(lang: Lang, dir: &str, e: &crate::panel::audit::AuditError) -> String {
    use crate::panel::audit::AuditError as A;
    let why = match lang {
        Lang::En => e.to_string(),
        Lang::Zh => match e {
            A::Total {
                applicant,
                stated,
                sum,
            } => format!("{applicant}：总分写为 {stated}，但各类目合计为 {sum}"),
            A::Category {
                applicant,
                category,
                stated,
                sum,
            } => format!("{applicant}：类目 {category} 写为 {stated}，但其条款合计为 {sum}"),
            A::Categories {
                applicant,
                framework,
            } => format!("{applicant}：类目或条款与评价准则 {framework} 不符"),
            A::ItemScore {
                applicant,
                item,
                stated,
                expected,
            } => format!(
                "{applicant}：条款 {item} 得分写为 {stated}，但 分值×汇总百分比 为 {expected}"
            ),
            A::UnknownFramework { applicant, hash } => {
                format!("{applicant}：评价准则 {hash} 不是本程序所知的版本")
            }
            A::SourceMissing { applicant, hash } => {
                format!("{applicant}：来源评分表 {hash} 不是本次汇总计入的文件")
            }
            A::NoSources { applicant } => format!("{applicant}：没有列出来源评分表"),
            A::Roster(why) => format!("评审组名单副本核验未通过：{why}"),
            A::Differs {
                applicant,
                what,
                stated,
                recomputed,
            } => format!(
                "{applicant}：{what} 与按签名评分表重新汇总的结果不同（文件中为 {stated}，重新汇总为 {recomputed}）"
            ),
            A::NotRecomputed { applicant } => {
                format!("{applicant}：签名评分表得不出这一结果")
            }
            A::LeftOut { applicant } => {
                format!("{applicant}：签名评分表有这一结果，panel.json 却没有")
            }
        },
    };
    match lang {
        Lang::Zh => format!(
            "{dir} 中的 panel.json 在汇总后被改动过，拒绝排名：{why}。请重新运行 scorebook merge"
        ),
        Lang::En => format!(
            "{dir}: panel.json was changed after the merge; not ranked: {why}. Run scorebook merge again"
        ),
    }
}
