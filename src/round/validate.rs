//! What makes a round's content valid, in the order `docs/round-format.md` §5 lists the checks
//! (the first fault found is the one reported). [`Round::validate`] needs nothing but the
//! round; [`check_catalog`] holds it against the programmes and frameworks this build knows,
//! which the leader's CLI and the reviewer's import call, and a merge may not (an old build
//! can still read a round scored on an edition it no longer ships).

use std::collections::{BTreeMap, BTreeSet};

use time::Date;
use time::format_description::well_known::Rfc3339;

use crate::identity::{MemberInfo, PublicKeyError, Role};
use crate::program::{Catalog, Side};

use super::model::{Round, RoundMember};
use super::signed::RoundError;

/// Longest applicant number, in characters.
pub const MAX_NUMBER_CHARS: usize = 64;

/// Whether `number` may be an applicant number (申报编号): 1 to [`MAX_NUMBER_CHARS`]
/// characters, each an ASCII letter or digit, a CJK unified ideograph (U+4E00–U+9FFF), `-` or
/// `_`, the first a letter, digit or ideograph. The number becomes part of file names on every
/// laptop, so it holds nothing a file system treats specially (no `/ \ : . * ? " < > |`, no
/// spaces or control characters) and nothing that looks like a command-line option; full-width
/// look-alikes (`２０２５`) are refused so that one number has one spelling.
pub fn is_valid_number(number: &str) -> bool {
    let allowed = |c: char| c.is_ascii_alphanumeric() || ('\u{4e00}'..='\u{9fff}').contains(&c);
    let mut chars = number.chars();
    chars.next().is_some_and(allowed)
        && chars.all(|c| allowed(c) || c == '-' || c == '_')
        && number.chars().count() <= MAX_NUMBER_CHARS
}

/// The key two numbers collide on: case-insensitive file systems (Windows, macOS) would give
/// `2025-m-01` and `2025-M-01` the same file.
fn number_key(number: &str) -> String {
    number.to_ascii_lowercase()
}

/// `YYYY-MM-DD`, a real calendar day.
pub fn parse_date(text: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    // `[year]` alone also takes a sign and five digits; the format is exactly ten characters.
    if text.len() != 10 {
        return None;
    }
    Date::parse(text, format).ok()
}

fn empty(s: &str) -> bool {
    s.trim().is_empty()
}

impl Round {
    /// Checks the round's own content, without the catalog (the order of
    /// `docs/round-format.md` §5.4).
    pub fn validate(&self) -> Result<(), RoundError> {
        use super::model::{ROUND_FORMAT, ROUND_FORMAT_OFFICE, ROUND_FORMAT_VERSION};
        if self.format != ROUND_FORMAT {
            return Err(RoundError::Format(self.format.clone()));
        }
        match u64::from(self.format_version) {
            v if v > u64::from(ROUND_FORMAT_OFFICE) => return Err(RoundError::FutureVersion(v)),
            v if v < u64::from(ROUND_FORMAT_VERSION) => {
                return Err(RoundError::UnsupportedVersion(v));
            }
            _ => {}
        }
        if crate::identity::member::strict_hex::<16>(&self.round_id).is_none() {
            return Err(RoundError::RoundId(self.round_id.to_string()));
        }
        if self.version == 0 {
            return Err(RoundError::RoundVersion(self.version));
        }
        if empty(&self.name) {
            return Err(RoundError::EmptyField("name".into()));
        }
        for (field, value) in [
            ("program.id", &self.program.id),
            ("program.edition", &self.program.edition),
            ("program.hash", &self.program.hash),
        ] {
            if empty(value) {
                return Err(RoundError::EmptyField(field.into()));
            }
        }
        if time::OffsetDateTime::parse(&self.created_at, &Rfc3339).is_err() {
            return Err(RoundError::CreatedAt(self.created_at.clone()));
        }
        self.check_dates()?;
        self.check_tracks()?;
        self.check_members()?;
        self.check_applicants()?;
        self.check_stages()?;
        self.check_acting_leaders()?;
        self.check_office_recipient()
    }

    /// Format 3 exactly when the round names the award office's recipient, and that is an age
    /// X25519 recipient in its one spelling (`age1` and 58 lowercase Bech32 characters).
    fn check_office_recipient(&self) -> Result<(), RoundError> {
        use super::model::ROUND_FORMAT_OFFICE;
        let has = self.office_recipient.is_some();
        if has != (self.format_version == ROUND_FORMAT_OFFICE) {
            return Err(RoundError::OfficeRecipientVersion {
                version: self.format_version,
            });
        }
        if let Some(r) = &self.office_recipient
            && crate::identity::parse_recipient(r).is_err()
        {
            return Err(RoundError::BadOfficeRecipient {
                found: r.chars().take(80).collect(),
            });
        }
        Ok(())
    }

    /// Acting leaders (代理组长) need format 2 or later, and a format 2 round names one; each
    /// for an applicant of the round, once, and a member (组员) of the panel not recused from
    /// it as its registered coaching expert (第十四、二十一条) — never the leader, never a
    /// trainee.
    fn check_acting_leaders(&self) -> Result<(), RoundError> {
        use super::model::ROUND_FORMAT_ACTING;
        let has = !self.acting_leaders.is_empty();
        let fits = match self.format_version {
            ROUND_FORMAT_ACTING => has,
            v => !has || v > ROUND_FORMAT_ACTING,
        };
        if !fits {
            return Err(RoundError::ActingLeaderVersion {
                version: self.format_version,
            });
        }
        let mut seen = BTreeSet::new();
        for a in &self.acting_leaders {
            let bad = |why: super::signed::ActingWhy| RoundError::BadActingLeader {
                number: a.applicant.clone(),
                why,
            };
            if self.applicant(&a.applicant).is_none() {
                return Err(bad(super::signed::ActingWhy::NotInRound));
            }
            if !seen.insert(a.applicant.as_str()) {
                return Err(bad(super::signed::ActingWhy::Twice));
            }
            let Some(m) = self.member(&a.public_key) else {
                return Err(bad(super::signed::ActingWhy::NotOnPanel));
            };
            if m.role != Role::Member {
                return Err(bad(super::signed::ActingWhy::NotAMember));
            }
            if self.must_recuse(&m.name).contains(&a.applicant.as_str()) {
                return Err(bad(super::signed::ActingWhy::Recused));
            }
        }
        Ok(())
    }

    /// The round's dates, parsed: (starts_on, ends_on).
    pub fn dates(&self) -> Result<(Option<Date>, Option<Date>), RoundError> {
        let parse = |field: &'static str, value: &Option<String>| match value {
            None => Ok(None),
            Some(s) => parse_date(s).map(Some).ok_or_else(|| RoundError::BadDate {
                field,
                found: s.clone(),
            }),
        };
        Ok((
            parse("starts_on", &self.starts_on)?,
            parse("ends_on", &self.ends_on)?,
        ))
    }

    fn check_dates(&self) -> Result<(), RoundError> {
        if let (Some(starts), Some(ends)) = self.dates()?
            && ends < starts
        {
            return Err(RoundError::DatesReversed {
                starts: starts.to_string(),
                ends: ends.to_string(),
            });
        }
        Ok(())
    }

    fn check_tracks(&self) -> Result<(), RoundError> {
        let mut seen = BTreeSet::new();
        for (i, t) in self.tracks.iter().enumerate() {
            if empty(&t.track) {
                return Err(RoundError::EmptyField(format!("tracks[{i}].track")));
            }
            for (field, value) in [
                ("id", &t.framework.id),
                ("edition", &t.framework.edition),
                ("hash", &t.framework.hash),
            ] {
                if empty(value) {
                    return Err(RoundError::EmptyField(format!(
                        "tracks[{i}].framework.{field}"
                    )));
                }
            }
            if !seen.insert(t.track.as_str()) {
                return Err(RoundError::DuplicateTrack(t.track.clone()));
            }
        }
        Ok(())
    }

    fn check_members(&self) -> Result<(), RoundError> {
        let mut keys: BTreeMap<&str, &str> = BTreeMap::new();
        let mut names = BTreeSet::new();
        for (i, m) in self.members.iter().enumerate() {
            check_member(m).map_err(|e| match e {
                RoundError::EmptyField(f) => RoundError::EmptyField(format!("members[{i}].{f}")),
                other => other,
            })?;
            if let Some(existing) = keys.insert(&m.public_key, &m.name) {
                return Err(RoundError::DuplicateKey {
                    name: m.name.clone(),
                    existing: existing.to_string(),
                });
            }
            if !names.insert(m.name.trim()) {
                return Err(RoundError::DuplicateName(m.name.clone()));
            }
        }
        let mut leaders = self.members.iter().filter(|m| m.role == Role::Leader);
        let Some(first) = leaders.next() else {
            return Err(RoundError::NoLeader);
        };
        if let Some(second) = leaders.next() {
            return Err(RoundError::TwoLeaders {
                first: first.name.clone(),
                second: second.name.clone(),
            });
        }
        Ok(())
    }

    fn check_applicants(&self) -> Result<(), RoundError> {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for (i, a) in self.applicants.iter().enumerate() {
            if !is_valid_number(&a.number) {
                return Err(RoundError::BadNumber(a.number.to_string()));
            }
            if let Some(existing) = seen.insert(number_key(&a.number), &a.number) {
                return Err(RoundError::DuplicateNumber {
                    number: a.number.to_string(),
                    existing: existing.to_string(),
                });
            }
            if empty(&a.name) {
                return Err(RoundError::EmptyField(format!("applicants[{i}].name")));
            }
            if self.track(&a.track).is_none() {
                return Err(RoundError::TrackNotInRound {
                    number: a.number.to_string(),
                    track: a.track.clone(),
                });
            }
            if a.coaches.iter().any(|c| empty(c)) {
                return Err(RoundError::EmptyField(format!("applicants[{i}].coaches")));
            }
        }
        Ok(())
    }

    fn check_stages(&self) -> Result<(), RoundError> {
        let document = &self.stages.document_review;
        check_stage("document_review", document, |n| self.applicant(n).is_some())?;
        if let Some(site) = &self.stages.site_review {
            check_stage("site_review", site, |n| self.applicant(n).is_some())?;
            if let Some(n) = site.iter().find(|n| !document.contains(n)) {
                return Err(RoundError::NotInDocumentReview(n.clone()));
            }
        }
        Ok(())
    }
}

fn check_stage(
    stage: &'static str,
    numbers: &[String],
    exists: impl Fn(&str) -> bool,
) -> Result<(), RoundError> {
    let mut seen = BTreeSet::new();
    for n in numbers {
        if !exists(n) {
            return Err(RoundError::StageUnknownNumber {
                stage,
                number: n.clone(),
            });
        }
        if !seen.insert(n.as_str()) {
            return Err(RoundError::StageDuplicate {
                stage,
                number: n.clone(),
            });
        }
    }
    Ok(())
}

/// One member's entry on its own: name, key and fingerprint, pool number.
pub(crate) fn check_member(m: &RoundMember) -> Result<(), RoundError> {
    if empty(&m.name) {
        return Err(RoundError::EmptyField("name".into()));
    }
    let info = MemberInfo {
        name: m.name.clone(),
        public_key: m.public_key.clone(),
        fingerprint: m.fingerprint.clone(),
        age_recipient: m.age_recipient.clone(),
    };
    // A member's age recipient (for sheets sealed to the leader) is a key like the signing
    // key: one spelling, a valid point, else `bad-key`.
    match info.verifying_key().and_then(|_| info.recipient()) {
        Ok(_) => {}
        Err(PublicKeyError::FingerprintMismatch { .. }) => {
            return Err(RoundError::BadFingerprint {
                name: m.name.clone(),
            });
        }
        Err(e) => {
            return Err(RoundError::BadKey {
                name: m.name.clone(),
                why: e.to_string(),
            });
        }
    }
    if m.pool_number.as_deref().is_some_and(empty) {
        return Err(RoundError::EmptyField("pool_number".into()));
    }
    Ok(())
}

/// Something about a round worth saying that does not make it invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundWarning {
    /// A round date falls outside the period the programme's measures are in force (有效期,
    /// 第二十九条): allowed, since an office may close a round begun in force, never silent.
    OutsideValidity {
        field: &'static str,
        date: Date,
        side: Side,
        limit: Date,
    },
}

impl RoundWarning {
    /// A stable machine name, as [`RoundError::code`].
    pub fn code(&self) -> &'static str {
        match self {
            RoundWarning::OutsideValidity { .. } => "outside-validity",
        }
    }
}

/// Holds a valid round against the catalog: the programme edition is one this build knows by
/// its hash; every track of the round exists in it, scored on a known edition of the framework
/// the programme names; every applicant's kind is its track's kind. Dates outside the
/// programme's validity come back as warnings.
pub fn check_catalog(round: &Round, catalog: &Catalog) -> Result<Vec<RoundWarning>, RoundError> {
    let program = catalog
        .programs
        .iter()
        .find(|p| {
            p.hash == round.program.hash
                && p.doc.id == round.program.id
                && p.doc.edition == round.program.edition
        })
        .ok_or_else(|| RoundError::UnknownProgram {
            id: round.program.id.clone(),
            edition: round.program.edition.clone(),
            hash: round.program.hash.clone(),
        })?;
    for t in &round.tracks {
        let track = program
            .doc
            .track(&t.track)
            .ok_or_else(|| RoundError::UnknownTrack {
                program: program.doc.id.clone(),
                track: t.track.clone(),
            })?;
        let known = catalog
            .framework_by_hash(&t.framework.hash)
            .is_some_and(|f| {
                f.doc.id == track.framework
                    && f.doc.id == t.framework.id
                    && f.doc.edition == t.framework.edition
            });
        if !known {
            return Err(RoundError::FrameworkMismatch {
                track: t.track.clone(),
                stated: format!(
                    "{} {} ({})",
                    t.framework.id, t.framework.edition, t.framework.hash
                ),
                expected: track.framework.clone(),
            });
        }
    }
    for a in &round.applicants {
        let Some(track) = program.doc.track(&a.track) else {
            return Err(RoundError::UnknownTrack {
                program: program.doc.id.clone(),
                track: a.track.clone(),
            });
        };
        if track.applicant_kind != a.kind {
            return Err(RoundError::ApplicantKind {
                number: a.number.to_string(),
                track: a.track.clone(),
                kind: a.kind,
            });
        }
    }
    let (starts, ends) = round.dates()?;
    let mut warnings = Vec::new();
    for (field, date) in [("starts_on", starts), ("ends_on", ends)] {
        if let Some(date) = date {
            for w in program.doc.outside_validity(&[date]) {
                warnings.push(RoundWarning::OutsideValidity {
                    field,
                    date: w.date,
                    side: w.side,
                    limit: w.limit,
                });
            }
        }
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::testing::{key, member, sample};

    fn code(r: &Round) -> &'static str {
        r.validate().unwrap_err().code()
    }

    #[test]
    fn the_sample_is_valid_and_matches_the_catalog() {
        let r = sample();
        assert_eq!(r.validate(), Ok(()));
        assert_eq!(check_catalog(&r, &Catalog::embedded()), Ok(vec![]));
    }

    #[test]
    fn numbers_are_file_name_safe() {
        for ok in ["2025-M-01", "A1", "金山2025_01", "x", &"9".repeat(64)] {
            assert!(is_valid_number(ok), "{ok}");
        }
        for bad in [
            "",
            " 2025",
            "2025 01",
            "-01",
            "_01",
            "2025/01",
            "2025\\01",
            "a.b",
            "a:b",
            "a\u{7}",
            "２０２５",
            "ＡＢ",
            "a*b",
            &"9".repeat(65),
            "2025-M-01\n",
        ] {
            assert!(!is_valid_number(bad), "{bad:?}");
        }
    }

    #[test]
    fn each_structural_fault_is_named() {
        let base = sample();
        let mut r = base.clone();
        r.round_id = ("ABCDEF".repeat(5) + "ab").into();
        assert_eq!(code(&r), "bad-round-id");
        let mut r = base.clone();
        r.version = 0;
        assert_eq!(code(&r), "bad-round-version");
        let mut r = base.clone();
        r.name = " ".into();
        assert_eq!(code(&r), "empty-field");
        let mut r = base.clone();
        r.created_at = "yesterday".into();
        assert_eq!(code(&r), "bad-time");
        let mut r = base.clone();
        r.starts_on = Some("2025-02-30".into());
        assert_eq!(code(&r), "bad-date");
        let mut r = base.clone();
        r.starts_on = Some("+02025-01-01".into());
        assert_eq!(code(&r), "bad-date");
        let mut r = base.clone();
        (r.starts_on, r.ends_on) = (Some("2025-07-01".into()), Some("2025-06-30".into()));
        assert_eq!(code(&r), "dates-reversed");
        let mut r = base.clone();
        r.tracks.push(r.tracks[0].clone());
        assert_eq!(code(&r), "duplicate-track");
        let mut r = base.clone();
        r.members[1].public_key = r.members[1].public_key.to_uppercase();
        assert_eq!(code(&r), "bad-key");
        let mut r = base.clone();
        r.members[1].fingerprint = "0000 0000 0000 0000".into();
        assert_eq!(code(&r), "bad-fingerprint");
        // The age recipient for sealed sheets: a valid one passes, another spelling is refused.
        let recipient = age::x25519::Identity::generate().to_public().to_string();
        let mut r = base.clone();
        r.members[1].age_recipient = Some(recipient.clone());
        assert!(check_member(&r.members[1]).is_ok());
        r.members[1].age_recipient = Some(recipient.to_uppercase());
        assert_eq!(code(&r), "bad-key");
        r.members[1].age_recipient = Some("age1qqqq".into());
        assert_eq!(code(&r), "bad-key");
        let mut r = base.clone();
        r.members.push(RoundMember {
            name: "另一位".into(),
            ..r.members[1].clone()
        });
        assert_eq!(code(&r), "duplicate-key");
        let mut r = base.clone();
        r.members.push(RoundMember {
            name: r.members[1].name.clone(),
            ..member(&key(7), "x", Role::Member)
        });
        assert_eq!(code(&r), "duplicate-name");
        let mut r = base.clone();
        r.members[0].role = Role::Member;
        assert_eq!(code(&r), "no-leader");
        // 组长负责制 (第九条): one leader per panel.
        let mut r = base.clone();
        r.members[1].role = Role::Leader;
        assert_eq!(code(&r), "two-leaders");
        let mut r = base.clone();
        r.members[1].pool_number = Some(String::new());
        assert_eq!(code(&r), "empty-field");
        let mut r = base.clone();
        r.applicants[0].number = "2025 M 01".into();
        assert_eq!(code(&r), "bad-applicant-number");
        let mut r = base.clone();
        r.applicants[1].number = r.applicants[0].number.to_lowercase().into();
        assert_eq!(code(&r), "duplicate-number");
        let mut r = base.clone();
        r.applicants[0].name = String::new();
        assert_eq!(code(&r), "empty-field");
        let mut r = base.clone();
        r.applicants[0].track = "gold-model".into();
        assert_eq!(code(&r), "track-not-in-round");
        let mut r = base.clone();
        r.stages.document_review.push("2025-X-99".into());
        assert_eq!(code(&r), "stage-unknown-number");
        let mut r = base.clone();
        r.stages
            .document_review
            .push(r.applicants[0].number.to_string());
        assert_eq!(code(&r), "stage-duplicate");
        let mut r = base.clone();
        let first = r.stages.document_review.remove(0);
        r.stages.site_review = Some(vec![first]);
        assert_eq!(code(&r), "site-not-in-document-review");
    }

    #[test]
    fn catalog_faults_and_warnings() {
        let catalog = Catalog::embedded();
        let base = sample();
        let mut r = base.clone();
        r.program.hash = "0".repeat(64);
        assert_eq!(
            check_catalog(&r, &catalog).unwrap_err().code(),
            "unknown-program"
        );
        let mut r = base.clone();
        r.tracks[0].track = "silver-model".into();
        r.applicants.iter_mut().for_each(|a| {
            if a.track == base.tracks[0].track {
                a.track = "silver-model".into();
            }
        });
        assert_eq!(
            check_catalog(&r, &catalog).unwrap_err().code(),
            "unknown-track"
        );
        let mut r = base.clone();
        r.tracks[0].framework = r.tracks[1].framework.clone();
        assert_eq!(
            check_catalog(&r, &catalog).unwrap_err().code(),
            "framework-mismatch"
        );
        let mut r = base.clone();
        r.applicants[0].kind = crate::program::ApplicantKind::Individual;
        assert_eq!(
            check_catalog(&r, &catalog).unwrap_err().code(),
            "applicant-kind"
        );
        let mut r = base.clone();
        (r.starts_on, r.ends_on) = (Some("2028-02-20".into()), Some("2028-03-10".into()));
        let w = check_catalog(&r, &catalog).unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].code(), "outside-validity");
        assert!(matches!(
            w[0],
            RoundWarning::OutsideValidity {
                field: "ends_on",
                side: Side::After,
                ..
            }
        ));
    }

    #[test]
    fn coaches_must_recuse() {
        let r = sample();
        assert_eq!(r.must_recuse("李专家"), vec!["2025-I-01"]);
        assert_eq!(r.must_recuse(" 李专家 "), vec!["2025-I-01"]);
        assert!(r.must_recuse("王组长").is_empty());
    }
}
