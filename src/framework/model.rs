//! The scoring framework as data (评价准则): categories, items, requirement points, evaluation
//! factors and scoring bands. Nothing here is specific to one edition; editions are JSON files.

use serde::{Deserialize, Serialize};

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
    pub code: String,
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
