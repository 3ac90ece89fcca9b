//! The checker: in one pass and without building a tree, that bytes are exactly the canonical
//! form of what Scorebook documents hold — so there is one byte sequence per content, and a
//! signature over bytes is a signature over content. It also lists the top-level members, for
//! the envelope, and counts the members nested in each.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::ops::Range;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::MAX_SAFE_INTEGER;

/// Deepest nesting accepted. A sheet needs 6; the limit keeps recursion bounded.
pub const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CanonicalError {
    #[error("not canonical JSON (RFC 8785) at byte {offset}: {why}")]
    NotCanonical {
        offset: usize,
        why: Cow<'static, str>,
    },
    #[error("duplicate key {key:?} at byte {offset}")]
    DuplicateKey { offset: usize, key: String },
    #[error("nested more than {MAX_DEPTH} levels deep (byte {offset})")]
    TooDeep { offset: usize },
    #[error(
        "number at byte {offset} is not an integer within ±(2^53−1); decimals are written as strings"
    )]
    Number { offset: usize },
    #[error("the file ends early (truncated) at line {line}, column {column}")]
    Truncated { line: usize, column: usize },
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
}

/// Checks that `bytes` is exactly one canonical JSON value.
pub fn check(bytes: &[u8]) -> Result<(), CanonicalError> {
    scan(bytes, false, Utf8::Check).map(|_| ())
}

/// Whether the scan checks that string values are UTF-8 and free of raw control characters.
/// Keys are always checked (their order depends on it). A caller that parses every string
/// value afterwards with a parser that refuses both (as `serde_json` does) may defer, and so
/// not pay for the check twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utf8 {
    Check,
    DeferToParser,
}

/// A member of the top-level object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub key: String,
    /// Byte range of the member's value.
    pub value: Range<usize>,
    /// Object members inside the value, at every level.
    pub nested_members: usize,
}

/// Checks that `bytes` is one canonical JSON object and returns its members.
pub fn top_members(bytes: &[u8], utf8: Utf8) -> Result<Vec<Member>, CanonicalError> {
    scan(bytes, true, utf8)
}

fn scan(bytes: &[u8], want_members: bool, utf8: Utf8) -> Result<Vec<Member>, CanonicalError> {
    let mut s = Scanner {
        b: bytes,
        utf8,
        pos: 0,
        count: 0,
        members: Vec::new(),
    };
    let run = (|| {
        // One vectorised pass over the whole input: outside strings only ASCII is accepted, so
        // this is the check that every string is UTF-8.
        if utf8 == Utf8::Check && simdutf8::basic::from_utf8(bytes).is_err() {
            let offset = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| 0);
            return Err(CanonicalError::NotCanonical {
                offset,
                why: "bytes that are not UTF-8".into(),
            });
        }
        if want_members && bytes.first() != Some(&b'{') {
            return Err(s.not_canonical("the document must be a JSON object"));
        }
        s.value(0, want_members)?;
        if s.pos != bytes.len() {
            return Err(s.not_canonical("bytes after the end of the document"));
        }
        Ok(())
    })();
    match run {
        Ok(()) => Ok(s.members),
        // The fast, strict check found bytes off the canonical form: ask a general JSON parser
        // for a more basic fault (truncation, syntax, a duplicate key), which says more.
        Err(e @ CanonicalError::NotCanonical { .. }) => Err(diagnose(bytes).unwrap_or(e)),
        Err(e) => Err(e),
    }
}

/// Where a string's content lies in the input (between the quotes).
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    escaped: bool,
}

struct Scanner<'a> {
    b: &'a [u8],
    utf8: Utf8,
    pos: usize,
    /// Object members seen so far.
    count: usize,
    members: Vec<Member>,
}

impl<'a> Scanner<'a> {
    fn not_canonical(&self, why: &'static str) -> CanonicalError {
        CanonicalError::NotCanonical {
            offset: self.pos,
            why: why.into(),
        }
    }

    fn peek(&self) -> Result<u8, CanonicalError> {
        self.b
            .get(self.pos)
            .copied()
            .ok_or_else(|| self.not_canonical("unexpected end"))
    }

    fn expect(&mut self, byte: u8, why: &'static str) -> Result<(), CanonicalError> {
        if self.peek()? != byte {
            return Err(self.not_canonical(why));
        }
        self.pos += 1;
        Ok(())
    }

    fn value(&mut self, depth: usize, top: bool) -> Result<(), CanonicalError> {
        match self.peek()? {
            b'{' => self.object(depth + 1, top),
            b'[' => self.array(depth + 1),
            b'"' => self.string().map(|_| ()),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.number(),
            b' ' | b'\t' | b'\n' | b'\r' => Err(self.not_canonical("whitespace outside strings")),
            _ => Err(self.not_canonical("expected a JSON value")),
        }
    }

    fn literal(&mut self, word: &'static [u8]) -> Result<(), CanonicalError> {
        if self.b[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.not_canonical("expected true, false or null"))
        }
    }

    fn number(&mut self) -> Result<(), CanonicalError> {
        let start = self.pos;
        let negative = self.b[self.pos] == b'-';
        if negative {
            self.pos += 1;
        }
        let digits_start = self.pos;
        while self.pos < self.b.len() && self.b[self.pos].is_ascii_digit() {
            self.pos += 1;
        }
        let digits = &self.b[digits_start..self.pos];
        if matches!(self.b.get(self.pos), Some(b'.' | b'e' | b'E')) {
            return Err(CanonicalError::Number { offset: start });
        }
        if digits.is_empty() {
            return Err(self.not_canonical("a minus sign without digits"));
        }
        if digits.len() > 1 && digits[0] == b'0' {
            return Err(self.not_canonical("a number with a leading zero"));
        }
        if negative && digits == b"0" {
            return Err(self.not_canonical("-0 is written 0"));
        }
        let magnitude = std::str::from_utf8(digits)
            .ok()
            .and_then(|d| d.parse::<u64>().ok())
            .filter(|m| *m <= MAX_SAFE_INTEGER);
        if magnitude.is_none() {
            return Err(CanonicalError::Number { offset: start });
        }
        Ok(())
    }

    /// A string in canonical form; returns where its content lies and whether it holds
    /// escapes. Values are checked to be UTF-8 unless that is deferred to the parser; keys are
    /// decoded only when their order needs it.
    fn string(&mut self) -> Result<Span, CanonicalError> {
        self.expect(b'"', "expected a string")?;
        let start = self.pos;
        let mut escaped = false;
        loop {
            self.pos = match self.utf8 {
                Utf8::Check => skip_plain(self.b, self.pos),
                // raw control characters are refused by the parser too
                Utf8::DeferToParser => memchr::memchr2(b'"', b'\\', &self.b[self.pos..])
                    .map_or(self.b.len(), |i| self.pos + i),
            };
            let Some(&c) = self.b.get(self.pos) else {
                return Err(self.not_canonical("unterminated string"));
            };
            match c {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    let Some(&e) = self.b.get(self.pos + 1) else {
                        return Err(self.not_canonical("unterminated string"));
                    };
                    match e {
                        b'"' | b'\\' | b'b' | b't' | b'n' | b'f' | b'r' => self.pos += 2,
                        b'u' => {
                            let hex = self.b.get(self.pos + 2..self.pos + 6);
                            let ok = match hex {
                                Some([b'0', b'0', h, l]) => {
                                    // only control characters without a short form
                                    matches!(h, b'0' | b'1')
                                        && (l.is_ascii_digit() || (b'a'..=b'f').contains(l))
                                        && !matches!(
                                            (h, l),
                                            (b'0', b'8' | b'9' | b'a' | b'c' | b'd')
                                        )
                                }
                                _ => false,
                            };
                            if !ok {
                                return Err(self.not_canonical(
                                    "\\u escape where the canonical form writes the character itself or a short escape",
                                ));
                            }
                            self.pos += 6;
                        }
                        _ => {
                            return Err(
                                self.not_canonical("an escape the canonical form does not use")
                            );
                        }
                    }
                }
                0x00..=0x1f => {
                    return Err(self.not_canonical("a raw control character in a string"));
                }
                _ => self.pos += 1,
            }
        }
        let span = Span {
            start,
            end: self.pos,
            escaped,
        };
        self.pos += 1;
        Ok(span)
    }

    /// A key's text, decoded.
    fn key_text(&self, span: Span) -> Result<Cow<'a, str>, CanonicalError> {
        let b: &'a [u8] = self.b;
        let bad = |why: &'static str| CanonicalError::NotCanonical {
            offset: span.start,
            why: why.into(),
        };
        if !span.escaped {
            return std::str::from_utf8(&b[span.start..span.end])
                .map(Cow::Borrowed)
                .map_err(|_| bad("a key that is not UTF-8"));
        }
        serde_json::from_slice::<String>(&b[span.start - 1..span.end + 1])
            .map(Cow::Owned)
            .map_err(|_| bad("a malformed escape"))
    }

    /// RFC 8785 key order (UTF-16 code units). Unescaped keys are compared as bytes up to the
    /// first difference: UTF-8 and UTF-16 order agree unless both differing characters are
    /// outside ASCII, and only then are the keys decoded.
    fn key_order(&self, a: Span, b: Span) -> Result<Ordering, CanonicalError> {
        if !a.escaped && !b.escaped {
            let (x, y) = (&self.b[a.start..a.end], &self.b[b.start..b.end]);
            match x.iter().zip(y).position(|(p, q)| p != q) {
                None => return Ok(x.len().cmp(&y.len())),
                Some(i) if x[i] < 0x80 || y[i] < 0x80 => return Ok(x[i].cmp(&y[i])),
                Some(_) => {}
            }
        }
        Ok(utf16_cmp(&self.key_text(a)?, &self.key_text(b)?))
    }

    fn array(&mut self, depth: usize) -> Result<(), CanonicalError> {
        if depth > MAX_DEPTH {
            return Err(CanonicalError::TooDeep { offset: self.pos });
        }
        self.pos += 1;
        if self.peek()? == b']' {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.value(depth, false)?;
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.not_canonical("expected , or ] (no whitespace)")),
            }
        }
    }

    fn object(&mut self, depth: usize, top: bool) -> Result<(), CanonicalError> {
        if depth > MAX_DEPTH {
            return Err(CanonicalError::TooDeep { offset: self.pos });
        }
        self.pos += 1;
        if self.peek()? == b'}' {
            self.pos += 1;
            return Ok(());
        }
        let mut previous: Option<Span> = None;
        loop {
            let key_offset = self.pos;
            let key = self.string()?;
            if let Some(prev) = previous {
                match self.key_order(prev, key)? {
                    Ordering::Less => {}
                    Ordering::Equal => {
                        return Err(CanonicalError::DuplicateKey {
                            offset: key_offset,
                            key: self.key_text(key)?.into_owned(),
                        });
                    }
                    Ordering::Greater => {
                        return Err(CanonicalError::NotCanonical {
                            offset: key_offset,
                            why: "keys not sorted (RFC 8785 §3.2.3)".into(),
                        });
                    }
                }
            }
            self.expect(b':', "expected : (no whitespace)")?;
            let value_start = self.pos;
            self.count += 1;
            let count_before = self.count;
            self.value(depth, false)?;
            if top {
                self.members.push(Member {
                    key: self.key_text(key)?.into_owned(),
                    value: value_start..self.pos,
                    nested_members: self.count - count_before,
                });
            }
            previous = Some(key);
            match self.peek()? {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.not_canonical("expected , or } (no whitespace)")),
            }
        }
    }
}

/// The position of the first byte from `pos` that ends plain string text: a quote, a
/// backslash or a control character (or the end). Eight bytes at a time: most of a sheet is
/// comment text.
fn skip_plain(b: &[u8], mut pos: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // a byte of `x` is zero ⇔ its high bit is set in the result (no false positives below
    // the first zero byte, which is all we need)
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(chunk) = b.get(pos..pos + 8) {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let w = u64::from_le_bytes(word);
        let quote = zero_byte(w ^ (ONES * u64::from(b'"')));
        let backslash = zero_byte(w ^ (ONES * u64::from(b'\\')));
        // bytes below 0x20: subtracting 0x20 borrows into the high bit, masked by !w so
        // bytes ≥ 0x80 do not count
        let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        let hit = quote | backslash | control;
        if hit != 0 {
            return pos + (hit.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    pos + b[pos..]
        .iter()
        .position(|&c| c < 0x20 || c == b'"' || c == b'\\')
        .unwrap_or(b.len() - pos)
}

/// RFC 8785 orders keys by their UTF-16 code units.
fn utf16_cmp(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.as_bytes().cmp(b.as_bytes())
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

/// The basic fault of bytes a general JSON parser rejects (bounded by its own depth limit),
/// or None when they are well-formed JSON without duplicate keys.
fn diagnose(bytes: &[u8]) -> Option<CanonicalError> {
    let err = serde_json::from_slice::<NoDuplicates>(bytes).err()?;
    let (line, column) = (err.line(), err.column());
    let message = err.to_string();
    Some(if err.classify() == serde_json::error::Category::Eof {
        CanonicalError::Truncated { line, column }
    } else if message.starts_with("recursion limit exceeded") {
        CanonicalError::TooDeep { offset: 0 }
    } else if let Some(key) = message.strip_prefix(DUPLICATE_PREFIX).and_then(|rest| {
        serde_json::Deserializer::from_str(rest)
            .into_iter::<String>()
            .next()?
            .ok()
    }) {
        CanonicalError::DuplicateKey { offset: 0, key }
    } else {
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m)
            .to_string();
        CanonicalError::Syntax {
            line,
            column,
            message,
        }
    })
}

const DUPLICATE_PREFIX: &str = "duplicate key ";

/// Deserialises any JSON, keeping nothing, failing on a repeated key within an object.
struct NoDuplicates;

impl<'de> Deserialize<'de> for NoDuplicates {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NoDuplicatesVisitor)
    }
}

struct NoDuplicatesVisitor;

impl<'de> Visitor<'de> for NoDuplicatesVisitor {
    type Value = NoDuplicates;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_i64<E>(self, _: i64) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_u64<E>(self, _: u64) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_f64<E>(self, _: f64) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_str<E>(self, _: &str) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_unit<E>(self) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NoDuplicates, A::Error> {
        while seq.next_element::<NoDuplicates>()?.is_some() {}
        Ok(NoDuplicates)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NoDuplicates, A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                let quoted = serde_json::to_string(&key).map_err(de::Error::custom)?;
                return Err(de::Error::custom(format_args!(
                    "{DUPLICATE_PREFIX}{quoted}"
                )));
            }
            map.next_value::<NoDuplicates>()?;
        }
        Ok(NoDuplicates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canonical::to_canonical;
    use proptest::prelude::*;
    use serde_json::{Value, json};

    #[test]
    fn accepts_canonical_and_reports_members() {
        let v = json!({"b": [1, -2, "x\ny\u{1}", null, true], "a": {"z": "金山", "é": {}}, "": 0});
        let bytes = to_canonical(&v).unwrap();
        let members = top_members(&bytes, Utf8::Check).unwrap();
        let keys: Vec<_> = members.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["", "a", "b"]);
        assert_eq!(&bytes[members[0].value.clone()], b"0");
        assert_eq!(members[1].nested_members, 2);
    }

    #[test]
    fn each_fault_has_its_own_error() {
        type Case<'a> = (&'a [u8], fn(&CanonicalError) -> bool);
        let cases: &[Case] = &[
            (b"{\"a\":1} ", |e| {
                matches!(
                    e,
                    CanonicalError::Syntax { .. } | CanonicalError::NotCanonical { .. }
                )
            }),
            (b"{ \"a\":1}", |e| {
                matches!(e, CanonicalError::NotCanonical { .. })
            }),
            (b"{\"b\":1,\"a\":2}", |e| {
                matches!(e, CanonicalError::NotCanonical { .. })
            }),
            (
                b"{\"a\":1,\"a\":2}",
                |e| matches!(e, CanonicalError::DuplicateKey { key, .. } if key == "a"),
            ),
            (b"{\"a\" : 1,\"a\":2}", |e| {
                matches!(e, CanonicalError::DuplicateKey { .. })
            }),
            (b"{\"a\":1.5}", |e| {
                matches!(e, CanonicalError::Number { .. })
            }),
            (b"{\"a\":9007199254740992}", |e| {
                matches!(e, CanonicalError::Number { .. })
            }),
            (b"{\"a\":-0}", |e| {
                matches!(e, CanonicalError::NotCanonical { .. })
            }),
            (b"{\"a\":01}", |e| {
                matches!(e, CanonicalError::Syntax { .. })
            }),
            (b"{\"a\":\"\\u0041\"}", |e| {
                matches!(e, CanonicalError::NotCanonical { .. })
            }),
            (b"{\"a\":\"\\/\"}", |e| {
                matches!(e, CanonicalError::NotCanonical { .. })
            }),
            (b"{\"a\":\"\\u000a\"}", |e| {
                matches!(e, CanonicalError::NotCanonical { .. })
            }),
            (b"{\"a\":[1,2", |e| {
                matches!(e, CanonicalError::Truncated { .. })
            }),
            (b"", |e| matches!(e, CanonicalError::Truncated { .. })),
        ];
        for (bytes, ok) in cases {
            let e = top_members(bytes, Utf8::Check).unwrap_err();
            assert!(ok(&e), "{}: {e:?}", String::from_utf8_lossy(bytes));
        }
        assert!(check(b"{\"a\":\"\\u001f\\n\"}").is_ok());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        for n in [MAX_DEPTH + 1, 100, 1_000_000] {
            let mut s = "[".repeat(n);
            s.push_str(&"]".repeat(n));
            assert!(
                matches!(check(s.as_bytes()), Err(CanonicalError::TooDeep { .. })),
                "{n}"
            );
        }
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(check(ok.as_bytes()).is_ok());
    }

    fn arb_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            (-(MAX_SAFE_INTEGER as i64)..=(MAX_SAFE_INTEGER as i64)).prop_map(|n| json!(n)),
            "\\PC{0,8}|[\u{0}-\u{20}\"\\\\a-z\u{7f}\u{2028}\u{10000}]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(5, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::btree_map("[a-zA-Z\u{e9}\u{10000}\u{ff5e}_]{0,4}", inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn skip_plain_finds_the_first_special_byte(bytes in prop::collection::vec(any::<u8>(), 0..40), from in 0usize..40) {
            let from = from.min(bytes.len());
            let expected = bytes[from..]
                .iter()
                .position(|&c| c < 0x20 || c == b'"' || c == b'\\')
                .map_or(bytes.len(), |i| from + i);
            prop_assert_eq!(skip_plain(&bytes, from), expected);
        }

        /// The writer agrees with serde_jcs on nested values, and the checker accepts what
        /// they write…
        #[test]
        fn serde_jcs_output_is_accepted(v in arb_value()) {
            let bytes = to_canonical(&v).unwrap();
            prop_assert_eq!(&bytes, &serde_jcs::to_vec(&v).unwrap());
            prop_assert!(check(&bytes).is_ok(), "{}", String::from_utf8_lossy(&bytes));
        }

        /// …and whatever it accepts re-canonicalises to itself.
        #[test]
        fn accepted_bytes_are_a_fixed_point(v in arb_value(), at in any::<prop::sample::Index>(), byte in any::<u8>()) {
            let mut bytes = to_canonical(&v).unwrap();
            if !bytes.is_empty() {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            if std::str::from_utf8(&bytes).is_ok() && check(&bytes).is_ok() {
                let reparsed: Value = serde_json::from_slice(&bytes).unwrap();
                prop_assert_eq!(to_canonical(&reparsed).unwrap(), bytes);
            }
        }
    }
}
