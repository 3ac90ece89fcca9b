//! A panel member's role (评审组长 / 评审专家 / 见习评审员), shared by the roster and the round.

use serde::{Deserialize, Serialize};

/// A member's role on the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 评审组长 — answers for the panel (第九条), signs the roster and the consensus sheet.
    Leader,
    /// 评审专家
    Member,
    /// 见习评审员 — shadow reviewer: shown everywhere, never counted.
    Trainee,
}
