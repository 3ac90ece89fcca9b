//! The command line of the overall evaluation's inputs (`scorebook synthesis`, 第十八条(五)):
//! its help in Chinese and what it prints.

use super::{Lang, pick, pick_owned};
use crate::panel::NoteSource;

/// Chinese help of the `synthesis` commands.
pub fn command_zh(path: &str) -> Option<&'static str> {
    Some(match path {
        "synthesis" => {
            "综合评价的输入（评审组长）：总结提炼的先进质量管理经验、公众评价和陈述答辩记录"
        }
        "synthesis set" => {
            "为一个申报对象写入先进质量管理经验（替换）或公众评价、陈述答辩记录（追加），并重新写出其综合评价报告"
        }
        _ => return None,
    })
}

/// Chinese help of the `synthesis` arguments.
pub fn arg_zh(path: &str, id: &str) -> Option<&'static str> {
    if !path.starts_with("synthesis") {
        return None;
    }
    Some(match id {
        "dir" => "现场评审的汇总目录（由 scorebook merge 写出）",
        "applicant" => "申报编号或申报对象名称",
        "experience_file" => {
            "写有先进质量管理经验的文本文件（UTF-8），替换原有内容；段落之间空一行"
        }
        "note" => "追加一条记录：来源 public（公众评价）或 presentation（陈述答辩），再加文本文件",
        "clear_notes" => "先删除该申报对象已有的全部记录",
        _ => return None,
    })
}

/// A note source as typed after `--note`: the code or the measures' word.
pub fn parse_source(word: &str) -> Result<NoteSource, String> {
    match word.trim().to_ascii_lowercase().as_str() {
        "public" | "公众评价" | "公众" => Ok(NoteSource::Public),
        "presentation" | "陈述答辩" | "答辩" => Ok(NoteSource::Presentation),
        other => Err(format!(
            "unknown note source '{other}' (use public or presentation / 公众评价、陈述答辩)"
        )),
    }
}

/// The refusal of a wrong source in `lang`.
pub fn bad_source(lang: Lang, word: &str) -> String {
    pick_owned(
        lang,
        (
            format!("记录来源“{word}”无法识别：用 public（公众评价）或 presentation（陈述答辩）"),
            format!("unknown note source '{word}': use public or presentation"),
        ),
    )
}

/// What `synthesis set` prints: the applicant, the experience's length and the notes.
pub fn recorded(
    lang: Lang,
    id: &str,
    name: &str,
    experience_chars: usize,
    notes: &[(NoteSource, usize)],
) -> String {
    let list = |lang: Lang| {
        notes
            .iter()
            .map(|(s, n)| match lang {
                Lang::Zh => format!("{}（{n} 字）", source(Lang::Zh, *s)),
                Lang::En => format!("{} ({n} characters)", source(Lang::En, *s)),
            })
            .collect::<Vec<_>>()
            .join(pick(lang, "、", ", "))
    };
    let none = pick(lang, "无", "none");
    let shown = |l: String| if l.is_empty() { none.to_string() } else { l };
    pick_owned(
        lang,
        (
            format!(
                "已记录 {id} {name} 的综合评价输入：先进质量管理经验 {experience_chars} 字；记录：{}",
                shown(list(Lang::Zh))
            ),
            format!(
                "Recorded the overall evaluation inputs of {id} {name}: experience {experience_chars} characters; notes: {}",
                shown(list(Lang::En))
            ),
        ),
    )
}

/// A note's source in one language.
pub fn source(lang: Lang, s: NoteSource) -> &'static str {
    match s {
        NoteSource::Public => pick(lang, "公众评价", "public evaluation"),
        NoteSource::Presentation => pick(lang, "陈述答辩", "presentation"),
    }
}

/// Heads the list of reports written again.
pub fn written(lang: Lang) -> &'static str {
    pick(lang, "已写出：", "Written:")
}

/// The consensus screen's words for the overall evaluation's inputs (综合评价, 第十八条(五)).
pub mod screen {
    use crate::i18n::{Lang, pick, pick_owned};
    use crate::panel::{NoteSource, SynthesisField};

    /// A field's title over its text box, with the key to the next one.
    pub fn field_title(lang: Lang, f: SynthesisField, n: usize, of: usize) -> String {
        let name = match f {
            SynthesisField::Experience => pick(
                lang,
                "先进质量管理经验",
                "Distilled quality-management experience",
            ),
            SynthesisField::Notes(NoteSource::Public) => {
                pick(lang, "公众评价记录", "Public evaluation notes")
            }
            SynthesisField::Notes(NoteSource::Presentation) => {
                pick(lang, "陈述答辩记录", "Presentation notes")
            }
        };
        pick_owned(
            lang,
            (
                format!("{name}（综合评价 {n}/{of}）Tab 下一项"),
                format!("{name} (overall evaluation {n}/{of}) Tab next"),
            ),
        )
    }

    /// The screen's line under the item: how much each input holds, and the key.
    pub fn summary(lang: Lang, chars: [usize; 3], key: &str) -> String {
        let [e, p, d] = chars;
        pick_owned(
            lang,
            (
                format!(
                    "综合评价（{key} 填写）：先进经验 {e} 字 · 公众评价 {p} 字 · 陈述答辩 {d} 字"
                ),
                format!(
                    "Overall evaluation ({key}): experience {e} · public {p} · presentation {d} chars"
                ),
            ),
        )
    }

    /// The key on a document-stage applicant.
    pub fn site_only(lang: Lang) -> &'static str {
        pick(
            lang,
            "综合评价的输入在现场评审的合议中填写",
            "The overall evaluation's inputs are written in the site review's consensus",
        )
    }

    /// The key from a member whose key does not sign this applicant's consensus.
    pub fn not_signer(lang: Lang) -> &'static str {
        pick(
            lang,
            "只有签署该申报对象合议评分表的评审组长（或代理组长）可以填写综合评价",
            "Only the leader who signs this applicant's consensus (or its acting leader) writes the overall evaluation's inputs",
        )
    }
}
