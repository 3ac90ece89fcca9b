//! The writer: each object's members go into one buffer and are put in key order when the
//! object closes, with no tree in between. It writes what Scorebook documents hold (strings,
//! safe integers, `true`/`false`/`null`, arrays, objects) and refuses the rest, so everything it
//! writes passes [`super::check`].

use std::borrow::Cow;

use serde::Serialize;
use serde::ser::{self, Impossible};

use super::MAX_SAFE_INTEGER;

/// The canonical JSON bytes of `value`.
pub fn to_canonical<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, WriteError> {
    let mut out = Vec::with_capacity(64 * 1024);
    value.serialize(Canon { out: &mut out })?;
    Ok(out)
}

/// Why a value has no canonical form here. The checker refuses the same values, so a document
/// that could be written but never verified is refused when it is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error(
        "a float or an integer beyond ±(2^53−1) has no canonical form here; decimals are written as strings"
    )]
    Number,
    #[error("bytes, or an object key that is not a string, have no canonical form here")]
    Shape,
    #[error("{0}")]
    Custom(String),
}

impl ser::Error for WriteError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        WriteError::Custom(msg.to_string())
    }
}

type R = Result<(), WriteError>;

fn string(s: &str, out: &mut Vec<u8>) {
    // serde_json escapes exactly as JCS does: \" \\ \b \f \n \r \t, other controls as
    // lowercase \u00xx, everything else literal. Writing into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

fn integer(v: i128, out: &mut Vec<u8>) -> R {
    if v.unsigned_abs() > u128::from(MAX_SAFE_INTEGER) {
        return Err(WriteError::Number);
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
    type Error = WriteError;
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
        integer(i128::try_from(v).map_err(|_| WriteError::Number)?, self.out)
    }
    fn serialize_f32(self, _: f32) -> R {
        Err(WriteError::Number)
    }
    fn serialize_f64(self, _: f64) -> R {
        Err(WriteError::Number)
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
        Err(WriteError::Shape)
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
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'a>, WriteError> {
        self.out.push(b'[');
        Ok(Seq {
            out: self.out,
            first: true,
            variant: false,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a>, WriteError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'a>, WriteError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Seq<'a>, WriteError> {
        self.open_variant(variant);
        self.out.push(b'[');
        Ok(Seq {
            out: self.out,
            first: true,
            variant: true,
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Obj<'a>, WriteError> {
        Ok(Obj::new(self.out, false))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Obj<'a>, WriteError> {
        Ok(Obj::new(self.out, false))
    }
    fn serialize_struct_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Obj<'a>, WriteError> {
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
    type Error = WriteError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> R {
        self.element(value)
    }
    fn end(self) -> R {
        self.close()
    }
}

impl ser::SerializeTuple for Seq<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> R {
        self.element(value)
    }
    fn end(self) -> R {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Seq<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> R {
        self.element(value)
    }
    fn end(self) -> R {
        self.close()
    }
}

impl ser::SerializeTupleVariant for Seq<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> R {
        self.element(value)
    }
    fn end(self) -> R {
        self.close()
    }
}

impl ser::SerializeMap for Obj<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> R {
        self.pending_key = Some(key.serialize(KeyName)?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> R {
        let key = self.pending_key.take().ok_or(WriteError::Shape)?;
        self.member(Cow::Owned(key), value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

impl ser::SerializeStruct for Obj<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> R {
        self.member(Cow::Borrowed(key), value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Obj<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> R {
        self.member(Cow::Borrowed(key), value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

/// Map keys must be strings in JSON.
struct KeyName;

impl ser::Serializer for KeyName {
    type Ok = String;
    type Error = WriteError;
    type SerializeSeq = Impossible<String, WriteError>;
    type SerializeTuple = Impossible<String, WriteError>;
    type SerializeTupleStruct = Impossible<String, WriteError>;
    type SerializeTupleVariant = Impossible<String, WriteError>;
    type SerializeMap = Impossible<String, WriteError>;
    type SerializeStruct = Impossible<String, WriteError>;
    type SerializeStructVariant = Impossible<String, WriteError>;

    fn serialize_str(self, v: &str) -> Result<String, WriteError> {
        Ok(v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<String, WriteError> {
        Ok(v.to_string())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<String, WriteError> {
        Ok(v.to_string())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, WriteError> {
        value.serialize(self)
    }
    fn serialize_bool(self, _: bool) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_i8(self, _: i8) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_i16(self, _: i16) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_i32(self, _: i32) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_i64(self, _: i64) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_u8(self, _: u8) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_u16(self, _: u16) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_u32(self, _: u32) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_u64(self, _: u64) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_f32(self, _: f32) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_f64(self, _: f64) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_none(self) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_unit(self) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, WriteError> {
        Err(WriteError::Shape)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, WriteError> {
        Err(WriteError::Shape)
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
        });
        assert_eq!(to_canonical(&v).unwrap(), serde_jcs::to_vec(&v).unwrap());
    }

    /// serde_jcs writes these as IEEE doubles; the checker refuses them, so the writer does too.
    #[test]
    fn floats_and_unsafe_integers_are_refused() {
        for v in [
            json!({"big": 18446744073709551615u64}),
            json!({"big": -9007199254740992i64}),
            json!({"f": 0.1, "a": 1}),
        ] {
            assert_eq!(to_canonical(&v), Err(WriteError::Number), "{v}");
        }
        assert_eq!(
            to_canonical(&std::collections::BTreeMap::from([(1u8, "x")])),
            Err(WriteError::Shape)
        );
    }

    proptest! {
        #[test]
        fn matches_serde_jcs_on_random_strings_and_keys(
            entries in proptest::collection::vec(
                (any::<String>(), any::<String>(), -(MAX_SAFE_INTEGER as i64)..=(MAX_SAFE_INTEGER as i64)),
                0..8,
            )
        ) {
            let mut map = serde_json::Map::new();
            for (k, s, n) in entries {
                map.insert(k, json!([s, n]));
            }
            let v = Value::Object(map);
            prop_assert_eq!(to_canonical(&v).unwrap(), serde_jcs::to_vec(&v).unwrap());
        }
    }
}
