//! `scorebook verify` on the signed documents that are not score sheets: round files (评审轮次,
//! signed by the group leader) and recusal records (回避声明, signed by a reviewer). Which kind
//! each file is, and its verdict. Score sheets keep their words in [`super::cli`].

use super::terms::Term;
use super::{Lang, pick};
use crate::sheet::DocumentKind;

/// What `verify` says about a round file or a recusal record.
pub enum VerifyMsg<'a> {
    /// A round file that verifies: signed by a leader on it, known to this build's catalog.
    ValidRound {
        name: &'a str,
        version: u32,
        program: &'a str,
        applicants: usize,
        members: usize,
        signer: &'a str,
        fingerprint: &'a str,
        hash: &'a str,
    },
    /// A recusal record that verifies.
    ValidRecusal {
        reviewer: &'a str,
        fingerprint: &'a str,
        applicant: &'a str,
        name: &'a str,
        relationship: &'a str,
        round_version: u32,
        hash: &'a str,
    },
    /// A round file that does not verify: `code` is the fault's stable code
    /// (`docs/round-format.md`); `scorebook round show` words it in full.
    InvalidRound { code: &'a str },
    /// A file of a known kind that does not verify, the reason already worded.
    Invalid { kind: DocumentKind, why: &'a str },
}

/// The name of a document kind, as `verify` says what a file is.
pub fn kind_label(lang: Lang, kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::ScoreSheet => pick(lang, "评分表", "score sheet"),
        DocumentKind::ConsensusSheet => pick(lang, "合议评分表", "consensus sheet"),
        DocumentKind::Roster => pick(lang, "评审组名单", "panel roster"),
        DocumentKind::Round => pick(lang, "评审轮次文件", "round file"),
        DocumentKind::Recusal => pick(lang, "回避声明", "recusal record"),
        DocumentKind::AwardList => pick(lang, "获奖建议名单", "award recommendation list"),
    }
}

/// The message in the interface language, user text escaped for the terminal.
pub fn say(lang: Lang, m: &VerifyMsg<'_>) -> String {
    crate::display::shown_block(&say_raw(lang, m)).into_owned()
}

fn say_raw(lang: Lang, m: &VerifyMsg<'_>) -> String {
    let w = |zh: String, en: String| match lang {
        Lang::Zh => zh,
        Lang::En => en,
    };
    match *m {
        VerifyMsg::ValidRound {
            name,
            version,
            program,
            applicants,
            members,
            signer,
            fingerprint,
            hash,
        } => w(
            format!(
                "有效 — 评审轮次文件，{name}（{program}），第{version}版，{applicants} 个{}，{members} 名评审组成员，由评审组长 {signer} 签名（指纹 {fingerprint}），SHA-256 {hash}",
                Term::Applicant.text(Lang::Zh)
            ),
            format!(
                "valid — round file, {name} ({program}), version {version}, {applicants} applicants, {members} panel members, signed by group leader {signer} (fingerprint {fingerprint}), SHA-256 {hash}"
            ),
        ),
        VerifyMsg::ValidRecusal {
            reviewer,
            fingerprint,
            applicant,
            name,
            relationship,
            round_version,
            hash,
        } => w(
            format!(
                "有效 — 回避声明，评审专家 {reviewer}（指纹 {fingerprint}）对{} {applicant} {name} 回避（{}：{relationship}），评审轮次第{round_version}版，SHA-256 {hash}",
                Term::Applicant.text(Lang::Zh),
                Term::HasInterest.text(Lang::Zh)
            ),
            format!(
                "valid — recusal record, reviewer {reviewer} (fingerprint {fingerprint}) recuses from {applicant} {name} (relationship: {relationship}), round version {round_version}, SHA-256 {hash}"
            ),
        ),
        VerifyMsg::InvalidRound { code } => w(
            format!("无效 — 评审轮次文件：{code}（详细原因：scorebook round show 该文件）"),
            format!("INVALID — round file: {code} (the full reason: scorebook round show FILE)"),
        ),
        VerifyMsg::Invalid { kind, why } => {
            let (zh, en) = (kind_label(Lang::Zh, kind), kind_label(Lang::En, kind));
            w(
                format!("无效 — {zh}：{why}"),
                format!("INVALID — {en}: {why}"),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_named_in_both_languages() {
        for kind in DocumentKind::ALL {
            for lang in [Lang::Zh, Lang::En] {
                assert!(!kind_label(lang, kind).is_empty());
            }
            assert_ne!(kind_label(Lang::Zh, kind), kind_label(Lang::En, kind));
        }
        let m = VerifyMsg::Invalid {
            kind: DocumentKind::Recusal,
            why: "x",
        };
        assert_eq!(say(Lang::Zh, &m), "无效 — 回避声明：x");
        assert_eq!(say(Lang::En, &m), "INVALID — recusal record: x");
    }
}
