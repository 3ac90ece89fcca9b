//! RFC 8785 (JCS) canonical JSON, the bytes the content hash is taken over. serde_jcs is the
//! reference implementation, but it buffers every object in a BTreeMap of byte vectors and takes
//! several times our 1 ms budget on GB/T 19580. This serializer writes each object's members
//! into one buffer and puts them in key order when the object closes, with no tree in between.
//! It covers what criteria and sheets hold (strings, safe integers, arrays, objects) and hands
//! anything else (floats, integers beyond 2^53, bytes) to serde_jcs, so the bytes always match.

use std::borrow::Cow;

use serde::Serialize;
use serde::ser::{self, Impossible};

/// Integers up to this magnitude print the same in JCS as in plain decimal.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// The canonical JSON bytes of `doc`, or `None` if it cannot be serialised at all.
pub fn canonical_bytes<T: Serialize>(doc: &T) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(64 * 1024);
    match doc.serialize(Canon { out: &mut out }) {
        Ok(()) => Some(out),
        Err(Unsupported) => serde_jcs::to_vec(doc).ok(),
    }
}

/// A value this writer leaves to serde_jcs (floats, huge integers, bytes, non-string keys).
#[derive(Debug)]
struct Unsupported;

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("value outside the canonical fast path")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

type R = Result<(), Unsupported>;

fn string(s: &str, out: &mut Vec<u8>) {
    // serde_json escapes exactly as JCS does: \" \\ \b \f \n \r \t, other controls as
    // lowercase \u00xx, everything else literal. Writing into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

fn integer(v: i128, out: &mut Vec<u8>) -> R {
    if v.unsigned_abs() > u128::from(MAX_SAFE_INTEGER) {
        return Err(Unsupported);
    }
    out.extend_from_slice(v.to_string().as_bytes());
    Ok(())
}

struct Canon<'a> {
    out: &'a mut Vec<u8>,
}

/// An array being written.
struct Seq<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
    /// Closes a `{"variant":[` wrapper too.
    variant: bool,
}

/// An object being written: members go to `out` as they come, then are put in key order.
struct Obj<'a> {
    out: &'a mut Vec<u8>,
    start: usize,
    /// (key, start, end) of each member's value within `out[start..]`.
    members: Vec<(Cow<'static, str>, usize, usize)>,
    pending_key: Option<String>,
    variant: bool,
}

impl<'a> Obj<'a> {
    fn new(out: &'a mut Vec<u8>, variant: bool) -> Obj<'a> {
        let start = out.len();
        Obj {
            out,
            start,
            members: Vec::new(),
            pending_key: None,
            variant,
        }
    }

    fn member<T: ?Sized + Serialize>(&mut self, key: Cow<'static, str>, value: &T) -> R {
        let from = self.out.len();
        value.serialize(Canon { out: self.out })?;
        let to = self.out.len();
        self.members.push((key, from - self.start, to - self.start));
        Ok(())
    }

    fn finish(mut self) -> R {
        let values = self.out.split_off(self.start);
        // JCS orders keys by their UTF-16 code units.
        self.members
            .sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        self.out.push(b'{');
        for (i, (key, from, to)) in self.members.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            string(key, self.out);
            self.out.push(b':');
            self.out.extend_from_slice(&values[*from..*to]);
        }
        self.out.push(b'}');
        if self.variant {
            self.out.push(b'}');
        }
        Ok(())
    }
}

impl<'a> Canon<'a> {
    fn open_variant(&mut self, variant: &str) {
        self.out.push(b'{');
        string(variant, self.out);
        self.out.push(b':');
    }
}

impl<'a> ser::Serializer for Canon<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Seq<'a>;
    type SerializeMap = Obj<'a>;
    type SerializeStruct = Obj<'a>;
    type SerializeStructVariant = Obj<'a>;

    fn serialize_bool(self, v: bool) -> R {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> R {
        integer(v.into(), self.out)
    }
    fn serialize_i16(self, v: i16) -> R {
        integer(v.into(), self.out)
    }
    fn serialize_i32(self, v: i32) -> R {
        integer(v.into(), self.out)
    }
    fn serialize_i64(self, v: i64) -> R {
        integer(v.into(), self.out)
    }
    fn serialize_i128(self, v: i128) -> R {
        integer(v, self.out)
    }
    fn serialize_u8(self, v: u8) -> R {
        integer(v.into(), self.out)
    }
    fn serialize_u16(self, v: u16) -> R {
        integer(v.into(), self.out)
    }
    fn serialize_u32(self, v: u32) -> R {
        integer(v.into(), self.out)
    }
    fn serialize_u64(self, v: u64) -> R {
        integer(v.into(), self.out)
    }
    fn serialize_u128(self, v: u128) -> R {
        integer(i128::try_from(v).map_err(|_| Unsupported)?, self.out)
    }
    fn serialize_f32(self, _: f32) -> R {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> R {
        Err(Unsupported)
    }
    fn serialize_char(self, v: char) -> R {
        string(v.encode_utf8(&mut [0; 4]), self.out);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> R {
        string(v, self.out);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> R {
        Err(Unsupported)
    }
    fn serialize_none(self) -> R {
        self.serialize_unit()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_unit(self) -> R {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> R {
        self.open_variant(variant);
        value.serialize(Canon { out: self.out })?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'a>, Unsupported> {
        self.out.push(b'[');
        Ok(Seq {
            out: self.out,
            first: true,
            variant: false,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Seq<'a>, Unsupported> {
        self.open_variant(variant);
        self.out.push(b'[');
        Ok(Seq {
            out: self.out,
            first: true,
            variant: true,
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Obj<'a>, Unsupported> {
        Ok(Obj::new(self.out, false))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Obj<'a>, Unsupported> {
        Ok(Obj::new(self.out, false))
    }
    fn serialize_struct_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Obj<'a>, Unsupported> {
        self.open_variant(variant);
        Ok(Obj::new(self.out, true))
    }
}

impl Seq<'_> {
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> R {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        value.serialize(Canon { out: self.out })
    }

    fn close(self) -> R {
        self.out.push(b']');
        if self.variant {
            self.out.push(b'}');
        }
        Ok(())
    }
}

impl ser::SerializeSeq for Seq<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> R {
        self.element(value)
    }
    fn end(self) -> R {
        self.close()
    }
}

impl ser::SerializeTuple for Seq<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> R {
        self.element(value)
    }
    fn end(self) -> R {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Seq<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> R {
        self.element(value)
    }
    fn end(self) -> R {
        self.close()
    }
}

impl ser::SerializeTupleVariant for Seq<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> R {
        self.element(value)
    }
    fn end(self) -> R {
        self.close()
    }
}

impl ser::SerializeMap for Obj<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> R {
        self.pending_key = Some(key.serialize(KeyName)?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> R {
        let key = self.pending_key.take().ok_or(Unsupported)?;
        self.member(Cow::Owned(key), value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

impl ser::SerializeStruct for Obj<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> R {
        self.member(Cow::Borrowed(key), value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Obj<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> R {
        self.member(Cow::Borrowed(key), value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

/// Map keys must be strings in JSON; anything else goes to serde_jcs.
struct KeyName;

impl ser::Serializer for KeyName {
    type Ok = String;
    type Error = Unsupported;
    type SerializeSeq = Impossible<String, Unsupported>;
    type SerializeTuple = Impossible<String, Unsupported>;
    type SerializeTupleStruct = Impossible<String, Unsupported>;
    type SerializeTupleVariant = Impossible<String, Unsupported>;
    type SerializeMap = Impossible<String, Unsupported>;
    type SerializeStruct = Impossible<String, Unsupported>;
    type SerializeStructVariant = Impossible<String, Unsupported>;

    fn serialize_str(self, v: &str) -> Result<String, Unsupported> {
        Ok(v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<String, Unsupported> {
        Ok(v.to_string())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<String, Unsupported> {
        Ok(v.to_string())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, Unsupported> {
        value.serialize(self)
    }
    fn serialize_bool(self, _: bool) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i8(self, _: i8) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i16(self, _: i16) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i32(self, _: i32) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i64(self, _: i64) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u8(self, _: u8) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u16(self, _: u16) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u32(self, _: u32) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u64(self, _: u64) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f32(self, _: f32) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit(self) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{Value, json};

    #[test]
    fn matches_serde_jcs_on_tricky_values() {
        let v = json!({
            "z": [1, -2, 9007199254740991u64, "\u{7f}\u{2028}\u{1f}\t\"\\/"],
            "é": {"b": null, "a": true},
            "😀": "emoji key sorts by UTF-16",
            "\u{ff61}": "after the surrogate pair",
            "": false,
            "big": 18446744073709551615u64,
        });
        assert_eq!(canonical_bytes(&v).unwrap(), serde_jcs::to_vec(&v).unwrap());
        let f = json!({"f": 0.1, "a": 1});
        assert_eq!(canonical_bytes(&f).unwrap(), serde_jcs::to_vec(&f).unwrap());
    }

    proptest! {
        #[test]
        fn matches_serde_jcs_on_random_strings_and_keys(
            entries in proptest::collection::vec((any::<String>(), any::<String>(), any::<i64>()), 0..8)
        ) {
            let mut map = serde_json::Map::new();
            for (k, s, n) in entries {
                map.insert(k, json!([s, n]));
            }
            let v = Value::Object(map);
            prop_assert_eq!(canonical_bytes(&v).unwrap(), serde_jcs::to_vec(&v).unwrap());
        }
    }
}
