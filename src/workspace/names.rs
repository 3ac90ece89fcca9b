//! File names for applicant ids. Ids may be Chinese (`示例`) or anything a person types, so the
//! file name keeps `[A-Za-z0-9_]` and percent-encodes every other UTF-8 byte; the real id is
//! also stored inside the file. `-` is encoded too, so `<name>-<timestamp>` splits unambiguously.

use std::cmp::Ordering;

use super::error::WorkspaceError;

/// Longest encoded name we write (file systems allow 255 bytes; leave room for suffixes).
const MAX_ENCODED: usize = 180;

/// `示例` → `%E7%A4%BA%E4%BE%8B`, `A1` → `A1`.
pub fn encode_id(id: &str) -> Result<String, WorkspaceError> {
    if id.trim().is_empty() {
        return Err(WorkspaceError::InvalidId {
            id: id.to_string(),
            reason: "empty",
        });
    }
    if id.chars().any(char::is_control) {
        return Err(WorkspaceError::InvalidId {
            id: id.to_string(),
            reason: "contains a control character",
        });
    }
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'_' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if out.len() > MAX_ENCODED {
        return Err(WorkspaceError::InvalidId {
            id: id.to_string(),
            reason: "too long for a file name",
        });
    }
    Ok(out)
}

/// The inverse of [`encode_id`]; `None` for a name we could not have written.
pub fn decode_id(name: &str) -> Option<String> {
    let bytes = name.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = name.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b if b.is_ascii_alphanumeric() || b == b'_' => {
                out.push(b);
                i += 1;
            }
            _ => return None,
        }
    }
    String::from_utf8(out).ok()
}

/// Orders ids as people read them: `A2` before `A10`; runs of digits compare by value.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let mut x = a.chars().peekable();
    let mut y = b.chars().peekable();
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let n = take_digits(&mut x);
                let m = take_digits(&mut y);
                // Compare by value without overflow: strip leading zeros, then length, then text.
                let (n0, m0) = (n.trim_start_matches('0'), m.trim_start_matches('0'));
                let ord = n0.len().cmp(&m0.len()).then_with(|| n0.cmp(m0));
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                x.next();
                y.next();
            }
        }
    }
}

fn take_digits(it: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
    let mut s = String::new();
    while let Some(c) = it.peek().copied().filter(char::is_ascii_digit) {
        s.push(c);
        it.next();
    }
    s
}

/// A UTC timestamp safe in file names on every OS: `20261125T085300.123Z`.
pub fn file_timestamp(now: time::OffsetDateTime) -> String {
    let t = now.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_file_names() {
        for id in ["A1", "示例", "a b/c\\..", "金山-01", "x%y", "Ünïcode_9"] {
            let enc = encode_id(id).unwrap();
            assert!(
                enc.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'%')
            );
            assert_eq!(decode_id(&enc).as_deref(), Some(id));
        }
        assert_eq!(encode_id("示例").unwrap(), "%E7%A4%BA%E4%BE%8B");
        assert!(encode_id("").is_err());
        assert!(encode_id("a\nb").is_err());
        assert!(encode_id(&"长".repeat(100)).is_err());
        assert_eq!(decode_id("a-b"), None);
        assert_eq!(decode_id("%ZZ"), None);
        assert_eq!(decode_id("%E7"), None);
    }

    #[test]
    fn natural_order_puts_a2_before_a10() {
        let mut ids = vec!["A10", "示例", "A2", "A1", "B1", "A02"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, vec!["A1", "A02", "A2", "A10", "B1", "示例"]);
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_printable_id_round_trips(id in "\\PC{1,18}") {
            prop_assume!(!id.trim().is_empty());
            let enc = encode_id(&id).unwrap();
            prop_assert!(enc.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'%'));
            prop_assert_eq!(decode_id(&enc), Some(id));
        }

        #[test]
        fn natural_order_is_antisymmetric(a in "[A-C0-9]{0,6}", b in "[A-C0-9]{0,6}") {
            prop_assert_eq!(natural_cmp(&a, &b), natural_cmp(&b, &a).reverse());
            prop_assert_eq!(natural_cmp(&a, &b) == Ordering::Equal, a == b);
        }
    }
}
