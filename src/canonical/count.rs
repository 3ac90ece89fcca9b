//! Counts the object members a value serialises to, without writing anything. A payload that
//! parsed into a typed value and has as many members as that value writes has no member left
//! out to a default: the cheap half of "one spelling per content" (decimals are the other
//! half, checked where they are compared).

use serde::ser::{self, Serialize};

/// Object members (at every level) in the JSON serialisation of `value`.
pub fn member_count<T: Serialize + ?Sized>(value: &T) -> Result<usize, CountError> {
    let mut n = 0;
    value.serialize(Counter(&mut n))?;
    Ok(n)
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CountError(String);

impl ser::Error for CountError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        CountError(msg.to_string())
    }
}

struct Counter<'a>(&'a mut usize);

macro_rules! leaf {
    ($($f:ident: $t:ty),*) => {
        $(fn $f(self, _: $t) -> Result<(), CountError> { Ok(()) })*
    };
}

impl<'a> ser::Serializer for Counter<'a> {
    type Ok = ();
    type Error = CountError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    leaf!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
          serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
          serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_char: char,
          serialize_str: &str, serialize_bytes: &[u8]);

    fn serialize_none(self) -> Result<(), CountError> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), CountError> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), CountError> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), CountError> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<(), CountError> {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), CountError> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        v: &T,
    ) -> Result<(), CountError> {
        *self.0 += 1;
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, CountError> {
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, CountError> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, CountError> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, CountError> {
        *self.0 += 1;
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, CountError> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, CountError> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, CountError> {
        *self.0 += 1;
        Ok(self)
    }
}

impl Counter<'_> {
    fn nested(&mut self) -> Counter<'_> {
        Counter(self.0)
    }
}

macro_rules! elements {
    ($($tr:ident :: $f:ident),*) => {
        $(impl ser::$tr for Counter<'_> {
            type Ok = ();
            type Error = CountError;
            fn $f<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), CountError> {
                v.serialize(self.nested())
            }
            fn end(self) -> Result<(), CountError> {
                Ok(())
            }
        })*
    };
}
elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Counter<'_> {
    type Ok = ();
    type Error = CountError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), CountError> {
        *self.0 += 1;
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), CountError> {
        v.serialize(self.nested())
    }
    fn end(self) -> Result<(), CountError> {
        Ok(())
    }
}

macro_rules! fields {
    ($($tr:ident),*) => {
        $(impl ser::$tr for Counter<'_> {
            type Ok = ();
            type Error = CountError;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, v: &T) -> Result<(), CountError> {
                *self.0 += 1;
                v.serialize(self.nested())
            }
            fn end(self) -> Result<(), CountError> {
                Ok(())
            }
        })*
    };
}
fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{Value, json};

    fn json_members(v: &Value) -> usize {
        match v {
            Value::Object(m) => m.len() + m.values().map(json_members).sum::<usize>(),
            Value::Array(a) => a.iter().map(json_members).sum(),
            _ => 0,
        }
    }

    #[test]
    fn counts_like_json() {
        let v = json!({"a": [1, {"b": null, "c": {}}], "d": {"e": "x"}});
        assert_eq!(member_count(&v).unwrap(), 5);
        assert_eq!(member_count(&v).unwrap(), json_members(&v));
        // The shape of the review's conflict declaration: internally tagged, struct variants.
        #[derive(serde::Serialize)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        enum Declaration {
            Conflict {
                relationship: String,
                declared_at: String,
            },
        }
        let c = Declaration::Conflict {
            relationship: "x".into(),
            declared_at: "y".into(),
        };
        let as_json = serde_json::to_value(&c).unwrap();
        assert_eq!(member_count(&c).unwrap(), json_members(&as_json));
    }

    proptest! {
        #[test]
        fn agrees_with_serde_json(s in "[a-c]{0,3}", n in 0usize..4, some in any::<bool>()) {
            let v = json!({"s": s, "list": vec![json!({"k": some}); n], "opt": if some { json!({"z": 1}) } else { Value::Null }});
            prop_assert_eq!(member_count(&v).unwrap(), json_members(&v));
        }
    }
}
