//! The outside world's few non-deterministic inputs, each in one place: the time (时间), chance
//! (random ids) and the spelling of both in the files Scorebook writes, plus the one file-name
//! sanitiser. Use-cases take a [`Clock`] and a [`Random`] as values, so tests pass a [`Fixed`]
//! one and get the same bytes every run.
//!
//! One timestamp spelling for every file written: RFC 3339 with the local offset, to the second
//! (`2025-06-01T09:00:00+08:00`). The local offset is read once, by [`capture_local_offset`] at
//! start, while the process has one thread: the `time` crate refuses to read it later on Unix
//! (another thread could be changing the environment). When it cannot be read the offset is
//! UTC and the time is written with `Z` — still the right instant, only without the local hour.

use std::cell::Cell;
use std::sync::OnceLock;

use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// Where "now" comes from.
pub trait Clock {
    /// The current time, at the offset files are written with.
    fn now(&self) -> OffsetDateTime;

    /// [`Clock::now`] in the one spelling of every file written.
    fn timestamp(&self) -> String {
        timestamp(self.now())
    }
}

/// Where chance comes from: fills a buffer with unpredictable bytes.
pub trait Random {
    fn fill(&self, buf: &mut [u8]) -> Result<(), RandomError>;
}

/// The operating system's random number generator failed (it practically never does).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("random number generator: {0}")]
pub struct RandomError(pub String);

/// The real world: the system clock at the local offset, the operating system's randomness.
#[derive(Debug, Clone, Copy, Default)]
pub struct System;

impl Clock for System {
    fn now(&self) -> OffsetDateTime {
        utc_now().to_offset(local_offset())
    }
}

/// The system clock in UTC: the one call that reads it (clippy.toml refuses it elsewhere). The
/// workspace's own records (quarantine and backup names, file ages) keep UTC.
#[allow(clippy::disallowed_methods)]
pub fn utc_now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

impl Random for System {
    fn fill(&self, buf: &mut [u8]) -> Result<(), RandomError> {
        getrandom::fill(buf).map_err(|e| RandomError(e.to_string()))
    }
}

/// A world for tests: always the same instant; "random" bytes count up from a seed, so ids are
/// distinct and the same every run.
#[derive(Debug, Clone)]
pub struct Fixed {
    pub at: OffsetDateTime,
    next: Cell<u8>,
}

impl Fixed {
    pub fn new(at: OffsetDateTime) -> Fixed {
        Fixed {
            at,
            next: Cell::new(0),
        }
    }
}

impl Clock for Fixed {
    fn now(&self) -> OffsetDateTime {
        self.at
    }
}

impl Random for Fixed {
    fn fill(&self, buf: &mut [u8]) -> Result<(), RandomError> {
        for b in buf.iter_mut() {
            *b = self.next.get();
            self.next.set(self.next.get().wrapping_add(1));
        }
        Ok(())
    }
}

static LOCAL_OFFSET: OnceLock<UtcOffset> = OnceLock::new();

/// Reads the local offset once; call it at start, before any thread is spawned. Later calls
/// (and a [`System`] clock used without it) keep what was read first.
pub fn capture_local_offset() -> UtcOffset {
    local_offset()
}

fn local_offset() -> UtcOffset {
    *LOCAL_OFFSET.get_or_init(|| UtcOffset::current_local_offset().unwrap_or(UtcOffset::UTC))
}

/// The one spelling of a time in a file: RFC 3339, to the second, with its offset.
pub fn timestamp(t: OffsetDateTime) -> String {
    let t = t.replace_nanosecond(0).unwrap_or(t);
    // Formatting a whole-second time with RFC 3339 only fails for years outside 0..=9999.
    t.format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string())
}

/// A random id (sheet ids): 32 lowercase hex digits, 128 bits.
pub fn random_id(random: &dyn Random) -> Result<String, RandomError> {
    let mut b = [0u8; 16];
    random.fill(&mut b)?;
    Ok(hex::encode(b))
}

/// The one file-name sanitiser: letters (any script), digits, `-` and `_` are kept, everything
/// else becomes `_`, so a name taken from user data (an applicant id) can never reach outside its
/// folder nor be refused by Windows; an empty name becomes `_`.
pub fn file_safe(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() { "_".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn timestamps_are_rfc3339_to_the_second_with_the_offset() {
        assert_eq!(
            timestamp(datetime!(2025-06-01 09:00:00.987 +08:00)),
            "2025-06-01T09:00:00+08:00"
        );
        assert_eq!(
            timestamp(datetime!(2025-06-01 01:00:00 UTC)),
            "2025-06-01T01:00:00Z"
        );
        let now = System.timestamp();
        assert!(OffsetDateTime::parse(&now, &Rfc3339).is_ok(), "{now}");
        assert!(!now.contains('.'), "{now}");
    }

    #[test]
    fn fixed_world_repeats_and_ids_differ() {
        let w = Fixed::new(datetime!(2025-06-01 09:00:00 +08:00));
        let a = random_id(&w).unwrap();
        let b = random_id(&w).unwrap();
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert_eq!(a, random_id(&Fixed::new(w.at)).unwrap());
        assert_eq!(w.timestamp(), "2025-06-01T09:00:00+08:00");
        assert_eq!(random_id(&System).unwrap().len(), 32);
    }

    #[test]
    fn file_names_stay_in_their_folder() {
        assert_eq!(file_safe("示例"), "示例");
        assert_eq!(file_safe("A-1_b"), "A-1_b");
        assert_eq!(file_safe("../etc/passwd"), "___etc_passwd");
        assert_eq!(file_safe("a:b*c?"), "a_b_c_");
        assert_eq!(file_safe(""), "_");
    }
}
