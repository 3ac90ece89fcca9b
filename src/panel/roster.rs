//! The panel roster (评审组名单): who may sign sheets for a programme round, and in which role.
//! Trust in a sheet comes from here, like ssh's `allowed_signers`: the leader collects each
//! member's `key show --json`, adds it, and signs the roster. How the roster is signed and checked
//! is in `panel::signed` (a roster is its own document kind, so it never verifies as a sheet).

use std::collections::BTreeSet;

use super::model::{Role, Roster, RosterMember};

/// The format name carried in every roster.
pub const ROSTER_FORMAT: &str = "scorebook-roster";
pub const ROSTER_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    #[error("not a roster: format is '{0}', expected '{ROSTER_FORMAT}'")]
    Format(String),
    #[error("roster format version {0} is newer than this build reads ({ROSTER_FORMAT_VERSION})")]
    Version(u32),
    #[error("the roster names no programme")]
    NoProgram,
    #[error("the roster names no round")]
    NoRound,
    #[error("the roster has no leader (评审组长)")]
    NoLeader,
    #[error("member '{name}': public key is not 64 lowercase hex digits")]
    BadKey { name: String },
    #[error("member '{name}': the name is empty")]
    EmptyName { name: String },
    #[error("member '{name}': the fingerprint does not match the public key")]
    BadFingerprint { name: String },
    #[error("the key of '{name}' is already on the roster as '{existing}' ({role:?})")]
    DuplicateKey {
        name: String,
        existing: String,
        role: Role,
    },
}

impl Roster {
    /// A new roster with its creator as leader.
    pub fn new(program: &str, round: &str, leader: RosterMember, created_at: &str) -> Roster {
        Roster {
            format: ROSTER_FORMAT.into(),
            format_version: ROSTER_FORMAT_VERSION,
            program: program.into(),
            round: round.into(),
            members: vec![RosterMember {
                role: Role::Leader,
                ..leader
            }],
            created_at: created_at.into(),
        }
    }

    /// Adds a member. The same key twice is refused, whatever the role: change a role by
    /// editing the roster, never by accident.
    pub fn add(&mut self, member: RosterMember) -> Result<(), RosterError> {
        check_member(&member)?;
        if let Some(e) = self
            .members
            .iter()
            .find(|m| m.public_key == member.public_key)
        {
            return Err(RosterError::DuplicateKey {
                name: member.name,
                existing: e.name.clone(),
                role: e.role,
            });
        }
        self.members.push(member);
        Ok(())
    }

    /// Checks the roster's own content (not its signature).
    pub fn validate(&self) -> Result<(), RosterError> {
        if self.format != ROSTER_FORMAT {
            return Err(RosterError::Format(self.format.clone()));
        }
        if self.format_version > ROSTER_FORMAT_VERSION {
            return Err(RosterError::Version(self.format_version));
        }
        if self.program.trim().is_empty() {
            return Err(RosterError::NoProgram);
        }
        if self.round.trim().is_empty() {
            return Err(RosterError::NoRound);
        }
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for m in &self.members {
            check_member(m)?;
            if !seen.insert(&m.public_key) {
                let first = self
                    .members
                    .iter()
                    .find(|o| o.public_key == m.public_key)
                    .expect("seen before");
                return Err(RosterError::DuplicateKey {
                    name: m.name.clone(),
                    existing: first.name.clone(),
                    role: first.role,
                });
            }
        }
        if !self.members.iter().any(|m| m.role == Role::Leader) {
            return Err(RosterError::NoLeader);
        }
        Ok(())
    }

    pub fn member(&self, public_key: &str) -> Option<&RosterMember> {
        self.members.iter().find(|m| m.public_key == public_key)
    }

    pub fn is_leader(&self, public_key: &str) -> bool {
        self.member(public_key)
            .is_some_and(|m| m.role == Role::Leader)
    }
}

fn check_member(m: &RosterMember) -> Result<(), RosterError> {
    if m.name.trim().is_empty() {
        return Err(RosterError::EmptyName {
            name: m.public_key.clone(),
        });
    }
    let hex_ok = m.public_key.len() == 64
        && m.public_key
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !hex_ok {
        return Err(RosterError::BadKey {
            name: m.name.clone(),
        });
    }
    Ok(())
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "leader" | "组长" => Ok(Role::Leader),
            "member" | "专家" | "成员" => Ok(Role::Member),
            "trainee" | "shadow" | "见习" => Ok(Role::Trainee),
            other => Err(format!(
                "unknown role '{other}' (use leader, member or trainee)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(name: &str, k: char) -> RosterMember {
        RosterMember {
            name: name.into(),
            public_key: k.to_string().repeat(64),
            fingerprint: String::new(),
            role: Role::Member,
        }
    }

    #[test]
    fn creator_leads_and_duplicates_are_refused() {
        let mut r = Roster::new("jinshan-2023", "2025", m("王", 'a'), "t");
        assert_eq!(r.members[0].role, Role::Leader);
        r.add(m("李", 'b')).unwrap();
        let e = r.add(m("李二", 'b')).unwrap_err();
        assert!(matches!(e, RosterError::DuplicateKey { .. }));
        assert!(r.validate().is_ok());
        assert!(r.is_leader(&"a".repeat(64)));
        assert!(!r.is_leader(&"b".repeat(64)));
    }

    #[test]
    fn bad_rosters_are_named() {
        let mut r = Roster::new("jinshan-2023", "2025", m("王", 'a'), "t");
        r.members[0].role = Role::Member;
        assert_eq!(r.validate(), Err(RosterError::NoLeader));
        let mut r = Roster::new("jinshan-2023", "", m("王", 'a'), "t");
        assert_eq!(r.validate(), Err(RosterError::NoRound));
        r.round = "2025".into();
        assert!(r.add(m("x", 'G')).is_err());
        r.format = "scorebook-sheet".into();
        assert!(matches!(r.validate(), Err(RosterError::Format(_))));
        assert_eq!("trainee".parse::<Role>(), Ok(Role::Trainee));
        assert!("boss".parse::<Role>().is_err());
    }
}
