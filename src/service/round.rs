//! The group leader's use-cases on a round file (评审轮次文件): read it (verified, then held
//! to the catalog), start one, and change it — add a member, add or import applicants, issue
//! the site-review shortlist. Each change reads and verifies the file, checks that this home's
//! key is a group leader on the round (only a leader signs it: measures 第九条, 组长负责制),
//! makes the edit (`round::edit`, pure), signs the next version, verifies what it signed and
//! replaces the file atomically. A refusal at any step writes nothing.

use std::path::{Path, PathBuf};

use super::panel_dir::{read, read_json};
use super::write_file;
use crate::clock::{Clock, Random, random_id};
use crate::identity::{Identity, MemberInfo, PublicKeyError, Role};
use crate::program::Catalog;
use crate::round::csv::{Column, CsvError};
use crate::round::edit::{self, EditError, NewApplicant, NewRound};
use crate::round::{
    Round, RoundError, RoundWarning, VerifiedRound, check_catalog, sign_round, verify_round,
};

/// A round file read and trusted: its signature, content and catalog checks passed.
#[derive(Debug, Clone)]
pub struct LoadedRound {
    pub path: PathBuf,
    pub verified: VerifiedRound,
    /// What is worth saying and does not make it invalid (dates outside the programme's
    /// validity, 第二十九条).
    pub warnings: Vec<RoundWarning>,
}

/// Why a round use-case did not complete; worded by `i18n::round`.
#[derive(Debug)]
pub enum RoundFail {
    /// Reading, writing, the home's key: the shared use-case errors.
    Service(super::Error),
    /// The round file does not verify, or does not match the catalog.
    Refused { path: PathBuf, error: RoundError },
    /// This home's key is not a group leader on the round: only a leader may change it.
    NotALeader {
        path: PathBuf,
        fingerprint: String,
        /// The key's role on the round, when it is on the panel at all.
        role: Option<Role>,
    },
    /// The member file is not what `scorebook key show --json` prints.
    NotAMemberFile { path: PathBuf, why: MemberFileFault },
    /// The edit was refused: the round stays as it was.
    Edit { path: PathBuf, error: EditError },
    /// The applicant list (CSV) was refused: nothing was imported.
    Csv { path: PathBuf, error: CsvError },
}

/// What is wrong with a member file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberFileFault {
    /// Not JSON of the member shape: where and what.
    Json {
        at: String,
        line: usize,
        message: String,
    },
    /// The key or its fingerprint does not hold.
    Key(PublicKeyError),
}

impl RoundFail {
    /// A stable machine name, for `--json` and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            RoundFail::Service(super::Error::NoKey) => "no-key",
            RoundFail::Service(super::Error::Read { .. }) => "unreadable",
            RoundFail::Service(super::Error::Exists { .. }) => "exists",
            RoundFail::Service(_) => "io",
            RoundFail::Refused { error, .. } => error.code(),
            RoundFail::NotALeader { .. } => "not-a-leader",
            RoundFail::NotAMemberFile { .. } => "not-a-member-file",
            RoundFail::Edit { error, .. } => error.code(),
            RoundFail::Csv { error, .. } => error.code(),
        }
    }

    /// Whether the input was looked at and refused (a verdict), rather than the work not being
    /// possible at all (a file not readable or writable, no key): the exit code tells them apart.
    pub fn is_verdict(&self) -> bool {
        !matches!(self, RoundFail::Service(_))
    }
}

impl From<super::Error> for RoundFail {
    fn from(e: super::Error) -> RoundFail {
        RoundFail::Service(e)
    }
}

/// Reads a round file: verified end to end, then held to the catalog.
pub fn load(path: &Path, catalog: &Catalog) -> Result<LoadedRound, RoundFail> {
    let bytes = read(path)?;
    let refused = |error| RoundFail::Refused {
        path: path.to_path_buf(),
        error,
    };
    let verified = verify_round(&bytes).map_err(refused)?;
    let warnings = check_catalog(&verified.round, catalog).map_err(refused)?;
    Ok(LoadedRound {
        path: path.to_path_buf(),
        verified,
        warnings,
    })
}

/// What `round new` asks for.
#[derive(Debug, Clone)]
pub struct NewRoundRequest {
    pub program: String,
    pub name: String,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub output: PathBuf,
    /// Replace an existing file.
    pub overwrite: bool,
}

/// Starts a round: version 1, this home's key its group leader, a fresh random round id.
pub fn create(
    id: &Identity,
    catalog: &Catalog,
    req: &NewRoundRequest,
    clock: &dyn Clock,
    random: &dyn Random,
) -> Result<LoadedRound, RoundFail> {
    let round = edit::new_round(
        catalog,
        NewRound {
            program: req.program.clone(),
            name: req.name.clone(),
            starts_on: req.starts_on.clone(),
            ends_on: req.ends_on.clone(),
            round_id: random_id(random).map_err(super::Error::from)?.into(),
            leader: id.public_info(),
            created_at: clock.timestamp(),
        },
    )
    .map_err(|error| RoundFail::Edit {
        path: req.output.clone(),
        error,
    })?;
    save(&req.output, &round, id, catalog, req.overwrite)
}

/// One change to a round file, as the CLI names it.
#[derive(Debug, Clone)]
pub enum Change {
    /// Add the member whose file `scorebook key show --json` printed.
    AddMember {
        member_file: PathBuf,
        role: Role,
        pool_number: Option<String>,
    },
    AddApplicant(NewApplicant),
    /// Import the office's applicant list (CSV); `column_of` reads its headings.
    ImportApplicants {
        csv: PathBuf,
        column_of: fn(&str) -> Option<Column>,
    },
    /// Issue the site-review shortlist (现场评审名单).
    Shortlist(Vec<String>),
    /// Name the acting leader (代理组长) for an applicant the leader is recused from.
    SetActingLeader {
        number: String,
        member: String,
    },
    /// Record the award office's age recipient: sealed sheets go to the office too.
    SetOfficeRecipient(String),
}

/// Applies one change to the round at `path` and writes the new version in its place.
pub fn change(
    path: &Path,
    id: &Identity,
    catalog: &Catalog,
    clock: &dyn Clock,
    what: &Change,
) -> Result<LoadedRound, RoundFail> {
    let current = load(path, catalog)?.verified.round;
    let me = id.public_info();
    if !current.is_leader(&me.public_key) {
        return Err(RoundFail::NotALeader {
            path: path.to_path_buf(),
            fingerprint: me.fingerprint,
            role: current.member(&me.public_key).map(|m| m.role),
        });
    }
    let now = clock.timestamp();
    let edit_fail = |error| RoundFail::Edit {
        path: path.to_path_buf(),
        error,
    };
    let next = match what {
        Change::AddMember {
            member_file,
            role,
            pool_number,
        } => {
            let member = member_file_info(member_file)?;
            edit::add_member(&current, catalog, &member, *role, pool_number.clone(), &now)
                .map_err(edit_fail)?
        }
        Change::AddApplicant(a) => {
            edit::add_applicant(&current, catalog, a.clone(), &now).map_err(edit_fail)?
        }
        Change::ImportApplicants { csv, column_of } => {
            let csv_fail = |error| RoundFail::Csv {
                path: csv.clone(),
                error,
            };
            let rows = crate::round::csv::parse(&read(csv)?, column_of).map_err(csv_fail)?;
            crate::round::csv::import(&current, catalog, rows, &now).map_err(csv_fail)?
        }
        Change::Shortlist(numbers) => {
            edit::shortlist(&current, catalog, numbers, &now).map_err(edit_fail)?
        }
        Change::SetActingLeader { number, member } => {
            edit::set_acting_leader(&current, catalog, number, member, &now).map_err(edit_fail)?
        }
        Change::SetOfficeRecipient(recipient) => {
            edit::set_office_recipient(&current, catalog, recipient, &now).map_err(edit_fail)?
        }
    };
    save(path, &next, id, catalog, true)
}

/// A member file, its key and fingerprint checked.
pub fn member_file_info(path: &Path) -> Result<MemberInfo, RoundFail> {
    let not_one = |why| RoundFail::NotAMemberFile {
        path: path.to_path_buf(),
        why,
    };
    let info: MemberInfo = read_json(path).map_err(|e| match e {
        super::Error::Json {
            at, line, message, ..
        } => not_one(MemberFileFault::Json { at, line, message }),
        other => RoundFail::Service(other),
    })?;
    info.verifying_key()
        .map_err(|e| not_one(MemberFileFault::Key(e)))?;
    Ok(info)
}

/// Signs, checks what was signed as every reader will, and writes atomically.
fn save(
    path: &Path,
    round: &Round,
    id: &Identity,
    catalog: &Catalog,
    overwrite: bool,
) -> Result<LoadedRound, RoundFail> {
    let refused = |error| RoundFail::Refused {
        path: path.to_path_buf(),
        error,
    };
    let bytes = sign_round(round, id.signing_key()).map_err(refused)?;
    let verified = verify_round(&bytes).map_err(|e| {
        RoundFail::Service(super::Error::Internal(format!(
            "the signed round does not verify: {e}"
        )))
    })?;
    let warnings = check_catalog(&verified.round, catalog).map_err(refused)?;
    write_file(path, &bytes, None, overwrite)?;
    Ok(LoadedRound {
        path: path.to_path_buf(),
        verified,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Fixed;
    use time::macros::datetime;

    fn world() -> Fixed {
        Fixed::new(datetime!(2025-06-01 09:00 +08:00))
    }

    fn request(dir: &Path) -> NewRoundRequest {
        NewRoundRequest {
            program: "jinshan-2023".into(),
            name: "2025 第二届".into(),
            starts_on: None,
            ends_on: None,
            output: dir.join("round.json"),
            overwrite: false,
        }
    }

    #[test]
    fn one_world_gives_one_file_and_only_the_leader_changes_it() {
        let catalog = Catalog::embedded();
        let homes = tempfile::TempDir::new().unwrap();
        let leader = Identity::create(&homes.path().join("w"), "王组长", false).unwrap();
        let member = Identity::create(&homes.path().join("l"), "李专家", false).unwrap();
        let (a, b) = (
            tempfile::TempDir::new().unwrap(),
            tempfile::TempDir::new().unwrap(),
        );
        let one = create(&leader, &catalog, &request(a.path()), &world(), &world()).unwrap();
        let two = create(&leader, &catalog, &request(b.path()), &world(), &world()).unwrap();
        // The same clock, chance and key: the same bytes (Ed25519 is deterministic).
        assert_eq!(one.verified.hash, two.verified.hash);
        assert_eq!(one.verified.round.created_at, "2025-06-01T09:00:00+08:00");
        assert_eq!(
            one.verified.round.round_id,
            "000102030405060708090a0b0c0d0e0f"
        );

        // Not replaced without overwrite.
        let again = create(&leader, &catalog, &request(a.path()), &world(), &world());
        assert_eq!(again.unwrap_err().code(), "exists");

        let path = a.path().join("round.json");
        let before = std::fs::read(&path).unwrap();
        let shortlist = Change::Shortlist(vec!["A1".into()]);
        let e = change(&path, &member, &catalog, &world(), &shortlist).unwrap_err();
        assert_eq!(e.code(), "not-a-leader");
        assert!(matches!(e, RoundFail::NotALeader { role: None, .. }));
        assert_eq!(std::fs::read(&path).unwrap(), before);

        let file = a.path().join("li.json");
        std::fs::write(&file, serde_json::to_vec(&member.public_info()).unwrap()).unwrap();
        let add = Change::AddMember {
            member_file: file,
            role: Role::Trainee,
            pool_number: None,
        };
        let saved = change(&path, &leader, &catalog, &world(), &add).unwrap();
        assert_eq!(saved.verified.round.version, 2);
        let e = change(&path, &member, &catalog, &world(), &shortlist).unwrap_err();
        assert!(matches!(
            e,
            RoundFail::NotALeader {
                role: Some(Role::Trainee),
                ..
            }
        ));
        // A refused edit by the leader writes nothing either.
        let before = std::fs::read(&path).unwrap();
        let e = change(&path, &leader, &catalog, &world(), &shortlist).unwrap_err();
        assert_eq!(e.code(), "stage-unknown-number");
        assert!(e.is_verdict());
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }
}
