//! The reviewer's round import (导入评审轮次) and recusal export (回避声明) in words, for the
//! command line and the TUI alike: refusals, the summary of what was imported, the relationship
//! recorded for a coaching expert (指导专家, 第十四条).

use super::{Lang, pick, pick_owned};
use crate::round::RoundError;
use crate::service::round_import::{ImportError, Imported};

/// The relationship (利害关系) recorded when the round registers the reviewer as the
/// applicant's coaching expert: it goes into the signed recusal record as written here.
pub fn coach_relationship(lang: Lang) -> String {
    pick(
        lang,
        "评审轮次登记本人为该申报对象的指导专家（第十四条）",
        "registered in the round as this applicant's coaching expert (measures art. 14)",
    )
    .to_string()
}

/// Why a round file does not verify or does not fit this build, with its stable code. The
/// wording of each fault is the round's own ([`RoundError::message`]); a programme this build
/// does not know is said as what it means to a reviewer: a round for another programme.
pub fn round_error(lang: Lang, e: &RoundError) -> String {
    let code = e.code();
    let what = match e {
        RoundError::UnknownProgram { id, edition, .. } => pick_owned(
            lang,
            (
                format!(
                    "评奖办法 {id}（{edition}）不是本软件内置或已安装的版本，该评审轮次属于另一个评奖办法"
                ),
                format!(
                    "programme {id} ({edition}) is not an edition this build knows: the round belongs to another programme"
                ),
            ),
        ),
        _ => e.message(lang),
    };
    pick_owned(
        lang,
        (format!("{what}（{code}）"), format!("{what} ({code})")),
    )
}

/// An import refused, in `lang`.
pub fn error(lang: Lang, e: &ImportError) -> String {
    use ImportError as E;
    let w = |zh: String, en: String| pick_owned(lang, (zh, en));
    match e {
        E::Read { path, source } => w(
            format!(
                "无法读取评审轮次文件 {}：{}",
                path.display(),
                super::durable::io_error(Lang::Zh, source)
            ),
            format!("cannot read the round file {}: {source}", path.display()),
        ),
        E::Invalid { path, error } => {
            let why = round_error(lang, error);
            w(
                format!("{} 未通过核验，未导入：{why}", path.display()),
                format!(
                    "{} does not verify; nothing imported: {why}",
                    path.display()
                ),
            )
        }
        E::Catalog(error) => {
            let why = round_error(lang, error);
            w(
                format!("该评审轮次与本机的评奖办法不符，未导入：{why}"),
                format!("the round does not fit this laptop's programmes; nothing imported: {why}"),
            )
        }
        E::Older {
            round,
            imported,
            given,
        } => w(
            format!(
                "这是评审轮次 {round} 的第 {given} 版，本机已导入第 {imported} 版；旧版不能覆盖新版，未导入"
            ),
            format!(
                "this is version {given} of round {round}, and version {imported} is already imported; an older version cannot replace a newer one, nothing imported"
            ),
        ),
        E::SameVersionDiffers {
            round,
            version,
            imported,
            given,
        } => {
            let (a, b) = (short(imported), short(given));
            w(
                format!(
                    "评审轮次 {round} 的第 {version} 版已从另一个文件导入（SHA-256 {a}…），此文件为 {b}…：同一版本不应有两个文件，请向评审组长核实，未导入"
                ),
                format!(
                    "version {version} of round {round} was imported from another file (SHA-256 {a}…), this one is {b}…: one version should have one file; check with the group leader. Nothing imported"
                ),
            )
        }
        E::LocalIds(numbers) => {
            let list = numbers.join("、");
            w(
                format!(
                    "本机添加的申报对象已使用这些编号：{list}。申报编号必须在各位评审专家的电脑上指同一个申报对象，请先把本机添加的那几个改名或删除，整个评审轮次未导入"
                ),
                format!(
                    "applicants added on this laptop already use these ids: {}. An application number must mean the same applicant on every reviewer's laptop: remove those local applicants first. Nothing imported",
                    numbers.join(", ")
                ),
            )
        }
        E::OtherRound(numbers) => {
            let list = numbers.join("、");
            w(
                format!("另一评审轮次的申报对象已使用这些申报编号：{list}。未导入"),
                format!(
                    "applicants of another round already use these application numbers: {}. Nothing imported",
                    numbers.join(", ")
                ),
            )
        }
        E::TrackChanged { number, from, to } => w(
            format!(
                "申报对象 {number}：评审轮次把奖项类别从 {from} 改为 {to}，评价准则不同，已写的评审内容无法保留；请向评审组长核实。未导入"
            ),
            format!(
                "applicant {number}: the round moves it from track {from} to {to}, scored on another framework, so the review written could not be kept; check with the group leader. Nothing imported"
            ),
        ),
        E::Workspace(err) => err.message(lang),
        E::Save(err) => {
            let why = err.message(lang);
            w(
                format!("保存导入的申报对象失败：{why}。再次导入即可完成"),
                format!("saving the imported applicants failed: {why}. Import again to finish"),
            )
        }
        E::Keep(err) => {
            let why = err.message(lang);
            w(
                format!("申报对象已导入，但保存评审轮次文件失败：{why}。再次导入即可完成"),
                format!(
                    "the applicants are imported, but keeping the round file failed: {why}. Import again to finish"
                ),
            )
        }
    }
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// What an import did, one line each, for the command line (the TUI shows the first).
pub fn summary(lang: Lang, s: &Imported) -> Vec<String> {
    let w = |zh: String, en: String| pick_owned(lang, (zh, en));
    let list = |v: &[String]| match lang {
        Lang::Zh => v.join("、"),
        Lang::En => v.join(", "),
    };
    let (name, version, signer) = (&s.round_name, s.version, &s.signer);
    let mut out = vec![w(
        format!(
            "已导入评审轮次 {name} 第 {version} 版（评审组长 {signer} 签名）：新增 {} 个，更新 {} 个，未变 {} 个申报对象",
            s.added.len(),
            s.updated.len(),
            s.unchanged.len()
        ),
        format!(
            "Imported round {name} version {version} (signed by group leader {signer}): {} applicants added, {} updated, {} unchanged",
            s.added.len(),
            s.updated.len(),
            s.unchanged.len()
        ),
    )];
    if !s.added.is_empty() {
        out.push(w(
            format!("新增：{}", list(&s.added)),
            format!("added: {}", list(&s.added)),
        ));
    }
    if !s.updated.is_empty() {
        out.push(w(
            format!("更新（已写内容全部保留）：{}", list(&s.updated)),
            format!("updated (every word written kept): {}", list(&s.updated)),
        ));
    }
    if !s.kept.is_empty() {
        out.push(w(
            format!(
                "评审轮次已不再列出、但您已有评审内容的申报对象，予以保留：{}",
                list(&s.kept)
            ),
            format!(
                "no longer in the round but holding your work, kept: {}",
                list(&s.kept)
            ),
        ));
    }
    for (number, path) in &s.removed {
        let at = path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        out.push(w(
            format!("评审轮次已不再列出 {number}（未评审），移至 {at}"),
            format!("{number} is no longer in the round (not reviewed): moved to {at}"),
        ));
    }
    if !s.recused.is_empty() {
        out.push(w(
            format!(
                "您登记为以下申报对象的指导专家，已自动声明有利害关系（回避，第十四条）：{}",
                list(&s.recused)
            ),
            format!(
                "you are registered as the coaching expert of these applicants; a conflict (recusal, art. 14) was declared for you: {}",
                list(&s.recused)
            ),
        ));
    }
    match &s.member {
        Some(m) => {
            let role = super::cli::role_label(lang, m.role);
            out.push(w(
                format!("您在评审组中：{}（{role}）", m.name),
                format!("you are on the panel: {} ({role})", m.name),
            ))
        }
        None => out.push(
            pick(
                lang,
                "注意：本机的签名密钥不在该评审轮次的评审组中，您的评分表不会被汇总计入",
                "note: this laptop's signing key is not on the round's panel; your sheets will not be counted by the merge",
            )
            .to_string(),
        ),
    }
    if let Some(list_) = &s.shortlist {
        out.push(w(
            format!("现场评审名单：{}", list(list_)),
            format!("site-review shortlist: {}", list(list_)),
        ));
    }
    out.extend(s.warnings.iter().map(|x| x.message(lang)));
    out
}

/// A recusal record written: for the command line and the TUI's status line.
pub fn recusal_exported(lang: Lang, number: &str, name: &str, path: &str, hash: &str) -> String {
    let hash = short(hash);
    pick_owned(
        lang,
        (
            format!(
                "已导出签名的回避声明（有利害关系，不评分）：{number} {name} → {path}（SHA-256 {hash}…）"
            ),
            format!(
                "Exported the signed recusal record (conflict declared, not scored): {number} {name} → {path} (SHA-256 {hash}…)"
            ),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The OS's English ("No such file or directory (os error 2)") once reached a Chinese reader.
    #[test]
    fn a_missing_round_file_is_worded_in_chinese() {
        let source = std::fs::read("/nonexistent/round.json").unwrap_err();
        let e = ImportError::Read {
            path: "/nonexistent/round.json".into(),
            source,
        };
        let zh = error(Lang::Zh, &e);
        assert!(zh.contains("找不到文件或文件夹"), "{zh}");
        assert!(!zh.contains("os error"), "{zh}");
    }
}
