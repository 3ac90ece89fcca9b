//! The round file's content (评审轮次): what the award office fixed for one round of one
//! programme — the applicants and their office numbers, the panel, the framework edition each
//! track is scored on, and who is in each stage — signed by the group leader. Every reviewer
//! imports the same file, so an applicant is the same applicant on every laptop (measures
//! 第九条: the office forms the panel; 第十八条: the stages and the site-review list).
//! How it is signed and checked: `round::signed`; the format: `docs/round-format.md`.

use serde::{Deserialize, Serialize};

use crate::identity::Role;
use crate::ids::{ApplicantId, RoundId};
use crate::program::ApplicantKind;
use crate::sheet::DocRef;

/// The format name carried in every round file.
pub const ROUND_FORMAT: &str = "scorebook-round";
/// The format version of a round without acting leaders: what this build writes for one, so
/// such a round reads the same on every build.
pub const ROUND_FORMAT_VERSION: u32 = 1;
/// The format version that adds `acting_leaders` (docs/round-format.md §7): written when the
/// round names one and no office recipient.
pub const ROUND_FORMAT_ACTING: u32 = 2;
/// The format version that adds `office_recipient` (docs/round-format.md §3.6): written exactly
/// when the round names the award office's recipient, and the highest this build reads.
pub const ROUND_FORMAT_OFFICE: u32 = 3;

/// One round (评审轮次) of one programme, as the leader signs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// Always [`ROUND_FORMAT`].
    pub format: String,
    pub format_version: u32,
    /// Random id (32 lowercase hex digits) fixed when the round is created; every later
    /// version (the shortlist, a corrected name) keeps it.
    pub round_id: RoundId,
    /// Rises by one each time the leader re-signs the round.
    pub version: u32,
    /// The round's name as the office words it, e.g. `2025 第二届`.
    pub name: String,
    /// The programme edition the round belongs to.
    pub program: DocRef,
    /// The framework edition each track is scored on.
    pub tracks: Vec<RoundTrack>,
    /// Optional dates (YYYY-MM-DD) the round runs; checked against the programme's validity
    /// (第二十九条) with a warning, not an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_on: Option<String>,
    /// 评审组 — the panel.
    pub members: Vec<RoundMember>,
    /// 申报对象 — in the office's order.
    pub applicants: Vec<RoundApplicant>,
    /// Who is in each stage.
    pub stages: RoundStages,
    /// 代理组长 — per applicant the leader is recused from (第二十一条), the member who signs
    /// that applicant's consensus and its place on the award list instead. Format 2 only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acting_leaders: Vec<ActingLeader>,
    /// The award office's age X25519 recipient (`age1…`, 评奖办公室的加密接收密钥): when the
    /// round names one, sheets sealed for transit are encrypted to the office as well as to the
    /// leader (第二十一条). Format 3 only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_recipient: Option<String>,
    /// RFC 3339 time this version was signed.
    pub created_at: String,
}

/// A track of the programme and the framework edition it is scored on in this round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundTrack {
    /// Track id within the programme.
    pub track: String,
    pub framework: DocRef,
}

/// A panel member (评审组成员).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundMember {
    pub name: String,
    /// Ed25519 public key, lowercase hex.
    pub public_key: String,
    pub fingerprint: String,
    pub role: Role,
    /// 专家库编号 — the expert-pool number, where the office gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pool_number: Option<String>,
    /// The member's age X25519 recipient (`age1…`, from `key show --json`): sheets sealed
    /// for transit are encrypted to the leader's (第二十一条). Absent for a member file from
    /// before sealed sheets; a compatible addition, format version 1 unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_recipient: Option<String>,
}

/// An applicant (申报对象) as the office registered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundApplicant {
    /// 申报编号 — the one id that matches on every laptop, e.g. `2025-M-01`.
    pub number: ApplicantId,
    pub name: String,
    pub kind: ApplicantKind,
    /// Track id within the programme.
    pub track: String,
    /// 推荐单位 — the recommending unit.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recommended_by: String,
    /// 指导专家 — registered coaching experts (第十四条); a member named here must recuse.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coaches: Vec<String>,
}

/// The acting leader for one applicant: a panel member (组员), not recused from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActingLeader {
    /// 申报编号 of the applicant.
    pub applicant: String,
    /// The member's Ed25519 public key, lowercase hex, as the round lists it.
    pub public_key: String,
}

/// Who is in each stage, by applicant number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundStages {
    /// 资料评审 — the document-review list (every applicant unless the office says otherwise).
    pub document_review: Vec<String>,
    /// 现场评审名单 — the site-review shortlist (第十八条(三)); `None` until the leader issues
    /// it as a new version of the round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_review: Option<Vec<String>>,
}

impl Round {
    /// The panel member holding this public key (lowercase hex), if any.
    pub fn member(&self, public_key: &str) -> Option<&RoundMember> {
        self.members.iter().find(|m| m.public_key == public_key)
    }

    /// Whether this public key belongs to a group leader (评审组长) on the round: only a leader
    /// may sign it.
    pub fn is_leader(&self, public_key: &str) -> bool {
        self.member(public_key)
            .is_some_and(|m| m.role == Role::Leader)
    }

    /// The applicant with this office number (申报编号).
    pub fn applicant(&self, number: &str) -> Option<&RoundApplicant> {
        self.applicants.iter().find(|a| a.number == number)
    }

    /// The framework edition a track is scored on in this round.
    pub fn track(&self, track: &str) -> Option<&RoundTrack> {
        self.tracks.iter().find(|t| t.track == track)
    }

    /// The numbers of the applicants a member must recuse from because the office registered
    /// them as that applicant's coaching expert (指导专家, 第十四条), in the round's order.
    /// Matched on the member's name as the round spells it (names are unique on a round).
    pub fn must_recuse(&self, member_name: &str) -> Vec<&str> {
        let name = member_name.trim();
        self.applicants
            .iter()
            .filter(|a| a.coaches.iter().any(|c| c.trim() == name))
            .map(|a| a.number.as_str())
            .collect()
    }

    /// The key (lowercase hex) that signs the panel's consensus on this applicant and its place
    /// on the award list: the acting leader the round names for it, else the leader's.
    pub fn signer_for(&self, number: &str) -> Option<&str> {
        match self.acting_leaders.iter().find(|a| a.applicant == number) {
            Some(a) => Some(a.public_key.as_str()),
            None => self
                .members
                .iter()
                .find(|m| m.role == Role::Leader)
                .map(|m| m.public_key.as_str()),
        }
    }

    /// The lowest format version that holds everything this round uses: 3 with an office
    /// recipient, 2 with acting leaders, else 1 — so a round that uses neither keeps the bytes
    /// it always had.
    pub fn format_needed(&self) -> u32 {
        if self.office_recipient.is_some() {
            ROUND_FORMAT_OFFICE
        } else if !self.acting_leaders.is_empty() {
            ROUND_FORMAT_ACTING
        } else {
            ROUND_FORMAT_VERSION
        }
    }

    /// Whether this key is the acting leader for any applicant.
    pub fn is_acting_leader(&self, public_key: &str) -> bool {
        self.acting_leaders
            .iter()
            .any(|a| a.public_key == public_key)
    }

    /// Whether the applicant is in the site-review shortlist (现场评审名单); false before the
    /// leader issues one.
    pub fn is_shortlisted(&self, number: &str) -> bool {
        self.stages
            .site_review
            .as_ref()
            .is_some_and(|s| s.iter().any(|n| n == number))
    }
}
