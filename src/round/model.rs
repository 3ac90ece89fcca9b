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
/// The format version this build writes and the highest it reads.
pub const ROUND_FORMAT_VERSION: u32 = 1;

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

    /// Whether the applicant is in the site-review shortlist (现场评审名单); false before the
    /// leader issues one.
    pub fn is_shortlisted(&self, number: &str) -> bool {
        self.stages
            .site_review
            .as_ref()
            .is_some_and(|s| s.iter().any(|n| n == number))
    }
}
