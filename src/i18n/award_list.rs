//! The words of the award recommendation list (获奖建议名单, 第九条(二)): its printable form,
//! why a list is refused (`panel::award_list::AwardListError`), and what `scorebook award-list`
//! and `scorebook verify` say about one.

use super::report::Label;
use super::terms::Term;
use super::{Lang, pick, pick_owned};
use crate::panel::RankNote;
use crate::panel::award_list::{AwardListError, AwardPlaces, TrackRanking};
use crate::program::ApplicantKind;

const fn l(zh: &'static str, en: &'static str) -> Label {
    Label { zh, en }
}

pub const PLACES: Label = l("奖项名额", "Award places");
pub const AWARD: Label = l("奖项", "Award");
pub const KIND: Label = l("申报对象类型", "Kind of applicant");
pub const QUOTA: Label = l("名额", "Places");
pub const PROPOSED: Label = l("建议获奖", "Proposed");
pub const EMPTY: Label = l("空缺", "Empty");
pub const WHY_EMPTY: Label = l("空缺原因", "Why empty");
pub const SITE_RANKING: Label = l("现场评审得分排序", "Ranking by site-review total");
pub const SIGNED_BY: Label = l("评审组长签署", "Signed by the group leader");
pub const FINGERPRINT: Label = l("指纹", "Fingerprint");
pub const FILE_HASH: Label = l("签名文件 SHA-256", "Signed file SHA-256");
pub const SIGNATURE_LINE: Label = l("评审组长（签字）：", "Group leader (signature):");
pub const DATE_LINE: Label = l("日期：", "Date:");
pub const NO_ENTRIES: Label = l(
    "本奖项类别无申报对象进入现场评审。",
    "No applicant of this track reached the site review.",
);
pub const INTRO: Label = l(
    "评审组按现场评审得分在各奖项类别内排序，按名额提出获奖建议，报区审定办（第九条(二)）。并列不拆分；低于最低总分者不占名额；名额未满的，空缺并说明原因。本名单以签名文件为准。",
    "The panel ranks each award track by site-review total and proposes awards within the places, for the award office (第九条(二)). Ties are not broken; totals below the minimum take no place; places not filled stay empty, with the reason. The signed file is authoritative.",
);

/// 申报组织 / 申报个人.
pub fn kind(lang: Lang, kind: ApplicantKind) -> &'static str {
    match kind {
        ApplicantKind::Organisation => pick(lang, "申报组织", "organisations"),
        ApplicantKind::Individual => pick(lang, "申报个人", "individuals"),
    }
}

/// Why an award's places stay empty, read from the signed entries' notes: a tie at the quota
/// edge, totals below the minimum, or too few applicants at the site review.
pub fn why_empty(lang: Lang, places: &AwardPlaces, tracks: &[TrackRanking]) -> String {
    if places.empty == 0 {
        return String::new();
    }
    let notes: Vec<&RankNote> = tracks
        .iter()
        .filter(|t| t.kind == places.kind)
        .flat_map(|t| &t.entries)
        .filter(|e| e.proposed_award.is_none())
        .filter_map(|e| e.note.as_ref())
        .collect();
    let mut reasons = Vec::new();
    if notes
        .iter()
        .any(|n| matches!(n, RankNote::TieAtQuotaEdge { .. }))
    {
        reasons.push(pick(
            lang,
            "名额边缘并列，不拆分，留待区审定委决定",
            "a tie at the quota edge, not broken here: for the award committee",
        ));
    }
    if notes
        .iter()
        .any(|n| matches!(n, RankNote::BelowMinimum { .. }))
    {
        reasons.push(pick(
            lang,
            "其余申报对象总分低于最低总分（第三条）",
            "the other applicants' totals are below the minimum (第三条)",
        ));
    }
    if reasons.is_empty() {
        reasons.push(pick(
            lang,
            "进入现场评审的申报对象少于名额",
            "fewer applicants reached the site review than there are places",
        ));
    }
    reasons.join(pick(lang, "；", "; "))
}

/// The refusal in the interface language.
pub fn error(lang: Lang, e: &AwardListError) -> String {
    use AwardListError as E;
    let list = Term::AwardRecommendationList.text(lang);
    match e {
        E::Check(v) => v.message(lang),
        E::NotAnAwardList(t) => pick_owned(
            lang,
            (
                format!("不是{list}：文件类型为 {t}"),
                format!("not an {list}: the document is of type {t}"),
            ),
        ),
        E::Format(f) => pick_owned(
            lang,
            (
                format!("不是{list}：格式为 {f}"),
                format!("not an {list}: the format is {f}"),
            ),
        ),
        E::FutureVersion(v) => pick_owned(
            lang,
            (
                format!("由更新版本的 Scorebook 生成：{list}格式第 {v} 版，请更新 Scorebook"),
                format!("made by a newer Scorebook: {list} format version {v}; update Scorebook"),
            ),
        ),
        E::UnsupportedVersion(v) => pick_owned(
            lang,
            (
                format!("{list}格式第 {v} 版不是本版本可读的格式"),
                format!("{list} format version {v} is not one this build reads"),
            ),
        ),
        E::NotCanonical => pick_owned(
            lang,
            (
                format!("非规范形式：{list}的内容不是其唯一的规范写法"),
                format!("not canonical: the {list}'s content is not in its one canonical form"),
            ),
        ),
        E::BadRanking { track, number } => pick_owned(
            lang,
            (
                format!(
                    "{} {track}：排序与总分不符（{number}）",
                    Term::AwardTrack.text(Lang::Zh)
                ),
                format!("track {track}: the ranking does not follow the totals at {number}"),
            ),
        ),
        E::BadPlaces { award, kind: k } => pick_owned(
            lang,
            (
                format!(
                    "奖项 {award}（{}）：名额、建议获奖与空缺数不符",
                    kind(Lang::Zh, *k)
                ),
                format!(
                    "award {award} ({}): the places, proposals and empty places do not agree",
                    kind(Lang::En, *k)
                ),
            ),
        ),
        E::OtherRound { id, version } => pick_owned(
            lang,
            (
                format!("名单属于评审轮次 {id} 第{version}版，不是所给的评审轮次文件"),
                format!("the list is for round {id} version {version}, not the round file given"),
            ),
        ),
        E::NotSignedByLeader { what } => pick_owned(
            lang,
            (
                format!("不是评审轮次的评审组长签署：签署人为 {what}"),
                format!("not signed by the round's group leader: the signer is {what}"),
            ),
        ),
        E::BadScope { number } => pick_owned(
            lang,
            (
                format!(
                    "代理组长的名单（{number}）只含该申报对象一条，且须是评审轮次指定了代理组长的申报对象"
                ),
                format!(
                    "an acting leader's list ({number}) holds that one applicant only, and only for an applicant the round names an acting leader for"
                ),
            ),
        ),
        E::Endorsement { number } => pick_owned(
            lang,
            (
                format!(
                    "{} {number}：评审轮次指定了代理组长的，须附代理组长签署的确认（award-list-{number}.json）；未指定的不得附",
                    Term::Applicant.text(Lang::Zh)
                ),
                format!(
                    "applicant {number}: where the round names an acting leader, the entry carries the acting leader's signed list (award-list-{number}.json), and only there"
                ),
            ),
        ),
        E::EndorsementMismatch { number } => pick_owned(
            lang,
            (
                format!(
                    "{} {number}：代理组长签署的名单与评审组名单中的该条不符，或不是其所指的文件",
                    Term::Applicant.text(Lang::Zh)
                ),
                format!(
                    "applicant {number}: the acting leader's list is not the one named, or its entry differs from the panel's"
                ),
            ),
        ),
        E::NotInRound { number, name } => pick_owned(
            lang,
            (
                format!(
                    "{} {number} {name} 不在评审轮次中（编号或名称不符）",
                    Term::Applicant.text(Lang::Zh)
                ),
                format!("applicant {number} {name} is not in the round by that number and name"),
            ),
        ),
    }
}

/// What `award-list` and `verify` say.
pub enum ListMsg<'a> {
    /// The list was signed and written.
    Written {
        json: &'a str,
        html: &'a str,
        hash: &'a str,
        proposed: usize,
        empty: u64,
    },
    /// A valid list, as `verify` reports it.
    Valid {
        leader: &'a str,
        fingerprint: &'a str,
        round_version: u32,
        proposed: usize,
        hash: &'a str,
        /// Whether it was also checked against the round file beside it.
        against_round: bool,
    },
    /// The folder was merged against a roster: a list names its round.
    NoRound { dir: &'a str },
    /// No site-review results in the folder.
    NoSiteResults { dir: &'a str },
    /// An acting leader signed the entry of an applicant the leader is recused from.
    Endorsed { number: &'a str, path: &'a str },
    /// The leader's list waits for an acting leader's signed entry.
    AwaitingActingLeader { number: &'a str, acting: &'a str },
    /// The key is neither the leader's nor an acting leader's.
    NotLeader,
}

pub fn say(lang: Lang, m: &ListMsg<'_>) -> String {
    match *m {
        ListMsg::Written {
            json,
            html,
            hash,
            proposed,
            empty,
        } => pick_owned(
            lang,
            (
                format!(
                    "已签署获奖建议名单：建议获奖 {proposed} 个，空缺名额 {empty} 个\n  {json}（SHA-256 {hash}）\n  {html}（可打印）"
                ),
                format!(
                    "award recommendation list signed: {proposed} proposed, {empty} places empty\n  {json} (SHA-256 {hash})\n  {html} (printable)"
                ),
            ),
        ),
        ListMsg::Valid {
            leader,
            fingerprint,
            round_version,
            proposed,
            hash,
            against_round,
        } => {
            let (zh_round, en_round) = if against_round {
                ("，已与评审轮次文件核对", ", checked against the round file")
            } else {
                (
                    "（未核对评审轮次文件：将其放在同一文件夹即可核对签署人）",
                    " (no round file beside it: the signer's role was not checked)",
                )
            };
            pick_owned(
                lang,
                (
                    format!(
                        "有效 — 获奖建议名单，评审组长 {leader}（指纹 {fingerprint}）签署，评审轮次第{round_version}版，建议获奖 {proposed} 个，SHA-256 {hash}{zh_round}"
                    ),
                    format!(
                        "valid — award recommendation list, signed by group leader {leader} (fingerprint {fingerprint}), round version {round_version}, {proposed} proposed, SHA-256 {hash}{en_round}"
                    ),
                ),
            )
        }
        ListMsg::NoRound { dir } => pick_owned(
            lang,
            (
                format!(
                    "{dir} 不是按评审轮次汇总的文件夹（没有 round.json）：获奖建议名单须写明评审轮次，请用 scorebook merge --round 汇总"
                ),
                format!(
                    "{dir} was not merged against a round (no round.json): the list names its round; merge with scorebook merge --round"
                ),
            ),
        ),
        ListMsg::Endorsed { number, path } => pick_owned(
            lang,
            (
                format!(
                    "已作为代理组长签署申报对象 {number} 的获奖建议：{path}（评审组长签署名单时将引用此文件）"
                ),
                format!(
                    "signed as acting leader the award-list entry of applicant {number}: {path} (the leader's list will name this file)"
                ),
            ),
        ),
        ListMsg::AwaitingActingLeader { number, acting } => pick_owned(
            lang,
            (
                format!(
                    "评审组长对申报对象 {number} 回避（第二十一条）：须先由代理组长 {acting} 在同一汇总目录运行 scorebook award-list，签署该条（award-list-{number}.json）"
                ),
                format!(
                    "the leader is recused from applicant {number} (第二十一条): the acting leader {acting} first runs scorebook award-list on this folder to sign its entry (award-list-{number}.json)"
                ),
            ),
        ),
        ListMsg::NotLeader => pick_owned(
            lang,
            (
                "获奖建议名单只能由评审轮次的评审组长签署（评审组长回避的申报对象由代理组长签署该条）；本机密钥两者都不是".to_string(),
                "only the round's group leader signs the award recommendation list (an acting leader signs the entry of an applicant the leader is recused from); this key is neither".to_string(),
            ),
        ),
        ListMsg::NoSiteResults { dir } => pick_owned(
            lang,
            (
                format!(
                    "{dir} 没有现场评审结果：获奖建议只出自现场评审（第十八条），请先汇总现场评审的评分表"
                ),
                format!(
                    "{dir} has no site-review results: awards are proposed only from the site review (第十八条); merge the site-review sheets first"
                ),
            ),
        ),
    }
}
