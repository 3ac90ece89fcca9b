//! Words about the criteria and the programme (评价准则与评奖办法): how sure a framework is of its
//! structure and of its wording, the notice for a review scored on another edition, the ranking
//! policy, who runs a stage, and dates outside the measures' validity.
//!
//! A framework is named with two facts a reader needs, never one: its structure and points
//! (结构与分值: official or provisional) and its wording (文字: a paraphrase or the standard's text).

use super::{Lang, pick};
use crate::framework::{Framework, Status, Wording};
use crate::program::{EditionNotice, OutsideValidity, RankingPolicy, Side, StageOwner};

/// The messages of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// 结构与分值 — the label of [`Status`].
    StructureLabel,
    /// 文字 — the label of [`Wording`].
    WordingLabel,
    /// 正式 — structure and points as the standard has them.
    StructureOfficial,
    /// 暂定（未核实）.
    StructureProvisional,
    /// 转述，非标准原文.
    WordingParaphrase,
    /// 标准原文.
    WordingStandard,
    /// 组织概述要点 — the key factors when the framework defines no overview (GB/T 19580).
    OrganisationOverview,
    /// 按奖项类别分别排序.
    PerTrack,
    /// 统一排序、自高而低.
    OnePool,
    /// 评审组.
    OwnerPanel,
    /// 区审定办.
    OwnerOffice,
}

impl Msg {
    pub fn text(self, lang: Lang) -> &'static str {
        use Msg::*;
        let (zh, en) = match self {
            StructureLabel => ("结构与分值", "structure and points"),
            WordingLabel => ("文字", "wording"),
            StructureOfficial => ("正式", "official"),
            StructureProvisional => ("暂定（未核实）", "provisional (unverified)"),
            WordingParaphrase => ("转述，非标准原文", "paraphrased, not the standard's text"),
            WordingStandard => ("标准原文", "the standard's text"),
            OrganisationOverview => ("组织概述要点", "Key factors"),
            PerTrack => (
                "按奖项类别分别排序：各类别只在本类别申报对象中按名额排序",
                "per award track: each track ranks only its own applicants against its quota",
            ),
            OnePool => (
                "统一排序、自高而低：同类申报对象统一排序，先满足较高奖项的名额",
                "one pool: applicants of one kind are ranked together and the highest award is filled first",
            ),
            OwnerPanel => ("评审组", "the panel"),
            OwnerOffice => ("区审定办", "the award office"),
        };
        pick(lang, zh, en)
    }
}

pub fn status(lang: Lang, s: Status) -> &'static str {
    match s {
        Status::Official => Msg::StructureOfficial.text(lang),
        Status::Provisional => Msg::StructureProvisional.text(lang),
    }
}

pub fn wording(lang: Lang, w: Wording) -> &'static str {
    match w {
        Wording::Paraphrase => Msg::WordingParaphrase.text(lang),
        Wording::Standard => Msg::WordingStandard.text(lang),
    }
}

/// Both facts, in full: `结构与分值：正式；文字：转述，非标准原文`.
pub fn standing(lang: Lang, f: &Framework) -> String {
    let (s, w) = (status(lang, f.status), wording(lang, f.wording()));
    match lang {
        Lang::Zh => format!("结构与分值：{s}；文字：{w}"),
        Lang::En => format!("structure and points: {s}; wording: {w}"),
    }
}

/// Both facts in a few cells, for a footer or a list row: `结构正式，文字转述`.
pub fn standing_short(lang: Lang, f: &Framework) -> &'static str {
    match (f.status, f.wording(), lang) {
        (Status::Official, Wording::Paraphrase, Lang::Zh) => "结构正式，文字转述",
        (Status::Official, Wording::Paraphrase, Lang::En) => "official structure, paraphrased",
        (Status::Official, Wording::Standard, Lang::Zh) => "结构正式，标准原文",
        (Status::Official, Wording::Standard, Lang::En) => "official structure and text",
        (Status::Provisional, Wording::Paraphrase, Lang::Zh) => "结构暂定，文字转述",
        (Status::Provisional, Wording::Paraphrase, Lang::En) => {
            "provisional structure, paraphrased"
        }
        (Status::Provisional, Wording::Standard, Lang::Zh) => "结构暂定，标准原文",
        (Status::Provisional, Wording::Standard, Lang::En) => {
            "provisional structure, standard text"
        }
    }
}

/// The title of the key-factor list: the framework's overview where it has one (个人概述要点),
/// else the organisation's profile.
pub fn overview_title(lang: Lang, f: Option<&Framework>) -> &str {
    match f.and_then(|f| f.overview.as_ref()) {
        Some(o) => o.title.get(lang),
        None => Msg::OrganisationOverview.text(lang),
    }
}

pub fn ranking_policy(lang: Lang, p: RankingPolicy) -> &'static str {
    match p {
        RankingPolicy::PerTrack => Msg::PerTrack.text(lang),
        RankingPolicy::OnePool => Msg::OnePool.text(lang),
    }
}

pub fn stage_owner(lang: Lang, o: StageOwner) -> &'static str {
    match o {
        StageOwner::Panel => Msg::OwnerPanel.text(lang),
        StageOwner::Office => Msg::OwnerOffice.text(lang),
    }
}

/// The first 8 hex digits, as `criteria list` shows a hash.
fn short(hash: &str) -> &str {
    hash.get(..8).unwrap_or(hash)
}

/// The notice shown when a review opens that was scored on another edition.
pub fn edition_notice(lang: Lang, n: &EditionNotice) -> String {
    let id = &n.framework;
    let scored = short(&n.scored_hash);
    let current = n.current_hash.as_deref().map(short);
    match (lang, n.scored_known, current) {
        (Lang::Zh, true, Some(c)) => format!(
            "此评审按 {id} 的较早版本（{scored}）评分，已按该版本打开，分数和评语不变；新的评审使用当前版本（{c}）。"
        ),
        (Lang::En, true, Some(c)) => format!(
            "This review was scored on an earlier edition of {id} ({scored}); it opens on that edition with its scores and comments unchanged. New reviews use the current edition ({c})."
        ),
        (Lang::Zh, true, None) => format!(
            "此评审按 {id} 的较早版本（{scored}）评分，已按该版本打开，分数和评语不变；当前没有可用于新评审的 {id} 版本。"
        ),
        (Lang::En, true, None) => format!(
            "This review was scored on an earlier edition of {id} ({scored}); it opens on that edition with its scores and comments unchanged. No current edition of {id} is available for new reviews."
        ),
        (Lang::Zh, false, Some(c)) => format!(
            "此评审所用的 {id} 版本（{scored}）本程序不认识，已按当前版本（{c}）打开；评语引用的要求标号可能不存在或含义不同，请核对。"
        ),
        (Lang::En, false, Some(c)) => format!(
            "The edition of {id} this review was scored on ({scored}) is not known here; it opens on the current edition ({c}). Requirement labels its comments cite may be missing or mean something else: check them."
        ),
        (Lang::Zh, false, None) => {
            format!("此评审所用的评价准则 {id}（{scored}）本程序不认识，无法打开。")
        }
        (Lang::En, false, None) => format!(
            "The framework {id} ({scored}) this review was scored on is not known here; it cannot be opened."
        ),
    }
}

/// A date outside the period the measures are in force.
pub fn outside_validity(lang: Lang, w: &OutsideValidity) -> String {
    let (date, limit) = (w.date, w.limit);
    match (w.side, lang) {
        (Side::Before, Lang::Zh) => format!("{date} 早于评奖办法的施行日期 {limit}"),
        (Side::Before, Lang::En) => {
            format!("{date} is before the measures came into force ({limit})")
        }
        (Side::After, Lang::Zh) => format!("{date} 晚于评奖办法的有效期截止日 {limit}"),
        (Side::After, Lang::En) => format!("{date} is after the measures expired ({limit})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::Catalog;

    #[test]
    fn the_shipped_frameworks_state_structure_and_wording_apart() {
        let c = Catalog::embedded();
        let gbt = &c.framework("gbt19580-2012").unwrap().doc;
        let db = &c.framework("db31t598").unwrap().doc;
        assert_eq!(
            standing(Lang::Zh, gbt),
            "结构与分值：正式；文字：转述，非标准原文"
        );
        assert_eq!(
            standing(Lang::En, gbt),
            "structure and points: official; wording: paraphrased, not the standard's text"
        );
        assert_eq!(
            standing(Lang::Zh, db),
            "结构与分值：暂定（未核实）；文字：转述，非标准原文"
        );
        assert_eq!(standing_short(Lang::Zh, gbt), "结构正式，文字转述");
        assert_eq!(
            standing_short(Lang::En, db),
            "provisional structure, paraphrased"
        );
        assert_eq!(overview_title(Lang::Zh, Some(db)), "个人概述要点");
        assert_eq!(overview_title(Lang::Zh, Some(gbt)), "组织概述要点");
    }
}
