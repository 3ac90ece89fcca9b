//! The scoring framework as data (评价准则): categories, items, requirement points, evaluation
//! factors and scoring bands. Nothing here is specific to one edition; editions are JSON files.

use serde::{Deserialize, Serialize};

use crate::ids::ItemCode;
use crate::lang::Text;

/// The format tag every framework file must carry.
pub const FRAMEWORK_FORMAT: &str = "scorebook-framework/1";

/// How sure we are of a framework's structure and points (结构与分值): its categories, items,
/// points and bands. The wording is a separate matter ([`Wording`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// 正式: structure and points as the published standard has them.
    Official,
    /// 暂定: structure or points not verified against the standard.
    Provisional,
}

/// Whose words the texts are (文字): glosses, factor meanings and band descriptors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Wording {
    /// 转述: the author's paraphrase, not the standard's text (what every shipped file is).
    Paraphrase,
    /// 标准原文: the standard's own text, for an office licensed to transcribe it.
    Standard,
}

/// What the applicant's overview (概述) is and how long it may be, when the framework says so:
/// the key factors a reviewer notes are points of this overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overview {
    /// Name of the key-factor list, e.g. 个人概述要点.
    pub title: Text,
    /// What the overview covers, and where the rule comes from.
    pub guidance: Text,
    /// Longest overview the applicant may submit, in characters (e.g. 3,000 per DB31/T 598 附录C).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<u32>,
}

/// How an item is judged (GB/Z 19579): process items on 方法·展开·学习·整合 (ADLI),
/// results items on 水平·趋势·对比·整合 (LeTCI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// 过程类条款
    Process,
    /// 结果类条款
    Results,
}

/// A whole framework edition, e.g. GB/T 19580-2012 卓越绩效评价准则.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Always [`FRAMEWORK_FORMAT`].
    pub format: String,
    /// Stable identifier, e.g. `gbt19580-2012`. Sheets and programmes refer to it.
    pub id: String,
    /// The standard's number, e.g. `GB/T 19580-2012`.
    pub standard: String,
    /// Edition label, e.g. `2012`.
    pub edition: String,
    /// Structure and points: official or provisional.
    pub status: Status,
    /// Wording: paraphrase or the standard's text. Optional so that files written before the
    /// field existed keep their content hash; absent reads as [`Wording::Paraphrase`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wording: Option<Wording>,
    pub title: Text,
    /// Where the content comes from and how sure we are of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Text>,
    /// Declared total; the categories must add up to it.
    pub total_points: u32,
    /// Allowed percents are multiples of this (5 in GB/Z 19579).
    pub percent_step: u8,
    /// Evaluation factors per item kind.
    pub factors: Factors,
    /// Scoring bands covering 0–100 without gap or overlap.
    pub bands: Vec<Band>,
    /// The applicant's overview, where the framework defines one (absent: 组织概述 as in
    /// GB/T 19580).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overview: Option<Overview>,
    pub categories: Vec<Category>,
}

/// Evaluation factors (评价要素).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factors {
    /// 方法·展开·学习·整合
    pub process: Vec<Factor>,
    /// 水平·趋势·对比·整合
    pub results: Vec<Factor>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    /// Short code, e.g. `A`, `D`, `Le`.
    pub code: String,
    /// Name, e.g. 方法 / Approach.
    pub name: Text,
    /// What the factor asks.
    pub meaning: Text,
}

/// A scoring band (评分区间), e.g. 50–65 %, with a descriptor for each item kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub min: u8,
    pub max: u8,
    pub process: Text,
    pub results: Text,
}

impl Band {
    pub fn contains(&self, percent: u8) -> bool {
        self.min <= percent && percent <= self.max
    }

    pub fn descriptor(&self, kind: ItemKind) -> &Text {
        match kind {
            ItemKind::Process => &self.process,
            ItemKind::Results => &self.results,
        }
    }
}

/// A category (类目), e.g. 4.1 领导.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub code: String,
    pub title: Text,
    /// Declared points; the items must add up to it.
    pub points: u32,
    /// The unscored 总则 (general clause, e.g. 4.1.1) as context for the reviewer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub general: Option<Text>,
    pub items: Vec<Item>,
}

/// A scored item (评分条款), e.g. 4.1.2 高层领导的作用, 50 points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub code: ItemCode,
    pub title: Text,
    pub points: u32,
    pub kind: ItemKind,
    /// The unscored 提要 (summary) of the item, where the standard has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// Requirement points (要求), a), b), … — paraphrased, never the standard's text.
    pub requirements: Vec<Requirement>,
}

/// One requirement point of an item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Label a reviewer cites, unique within the item: `a`, `b`, or `4.2.2.2a` style.
    pub label: String,
    /// Sub-clause heading the point sits under, e.g. 4.4.2.2 工作的组织和管理.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Text>,
    /// Short Chinese tag, e.g. 确定方向, with its English name.
    pub tag: Text,
    /// What the point asks, paraphrased.
    pub gloss: Text,
}

impl Framework {
    /// The wording, reading an absent field as paraphrase.
    pub fn wording(&self) -> Wording {
        self.wording.unwrap_or(Wording::Paraphrase)
    }

    pub fn items(&self) -> impl Iterator<Item = (&Category, &Item)> {
        self.categories
            .iter()
            .flat_map(|c| c.items.iter().map(move |i| (c, i)))
    }

    pub fn item(&self, code: &str) -> Option<&Item> {
        self.items().map(|(_, i)| i).find(|i| i.code == code)
    }

    /// The item a reviewer means by a typed code (条款编号): the code itself (`4.3.3`), the
    /// code without its dots (`433`), or a category's code (`4.3`, `43`) for its first item.
    /// Surrounding spaces and a trailing dot are ignored; Chinese full stops count as dots.
    pub fn find_item(&self, typed: &str) -> Option<&Item> {
        let text = typed.trim().replace(['。', '．'], ".");
        let text = text.trim_end_matches('.');
        if text.is_empty() {
            return None;
        }
        let undotted = |code: &str| code.replace('.', "");
        let plain = !text.contains('.');
        let same = |code: &str| code == text || (plain && undotted(code) == text);
        self.items()
            .map(|(_, i)| i)
            .find(|i| same(&i.code))
            .or_else(|| {
                self.categories
                    .iter()
                    .find(|c| same(&c.code))
                    .and_then(|c| c.items.first())
            })
    }

    pub fn category_of(&self, item_code: &str) -> Option<&Category> {
        self.items()
            .find(|(_, i)| i.code == item_code)
            .map(|(c, _)| c)
    }

    pub fn item_count(&self) -> usize {
        self.categories.iter().map(|c| c.items.len()).sum()
    }

    pub fn band_for(&self, percent: u8) -> Option<&Band> {
        self.bands.iter().find(|b| b.contains(percent))
    }

    pub fn factors_for(&self, kind: ItemKind) -> &[Factor] {
        match kind {
            ItemKind::Process => &self.factors.process,
            ItemKind::Results => &self.factors.results,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::framework::load::load_framework;

    const GBT: &str = include_str!("../../criteria/frameworks/gbt19580-2012.json");

    #[test]
    fn find_item_reads_full_short_and_category_codes() {
        let (fw, _) = load_framework("gbt.json", GBT.as_bytes()).unwrap();
        let code = |typed: &str| fw.find_item(typed).map(|i| i.code.as_str());
        assert_eq!(code("4.3.3"), Some("4.3.3"));
        assert_eq!(code("433"), Some("4.3.3"));
        assert_eq!(code(" 4。3。3。 "), Some("4.3.3"));
        // A category means its first item (4.3.1 is the unscored 总则).
        assert_eq!(code("4.3"), Some("4.3.2"));
        assert_eq!(code("43"), Some("4.3.2"));
        assert_eq!(code("4.7.7"), Some("4.7.7"));
        for missing in ["", ".", "4.3.1", "431", "4.33", "4", "5.1", "abc", "4..3"] {
            assert_eq!(code(missing), None, "{missing:?}");
        }
    }
}
