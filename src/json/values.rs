//! The JSON values the serde derive cannot give us: a strict whole number ([`Whole`]), a
//! decimal kept as its exact JSON text ([`Decimal`]), and a strict, order-keeping `extra`
//! object ([`ExtraObject`]) over any JSON value ([`StrictValue`]).

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

/// A whole number that fits in an `i64`, written as a JSON integer: `1.0`, `1e3`, `"1"` and
/// numbers beyond 64 bits are rejected with a Danish message (serde's own `i64` would accept
/// none of them either, but say so in English).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Whole(pub i64);

/// The largest magnitude an `f64` may have and still be an `i64` (2^63).
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WholeVisitor;

        impl<'de> Visitor<'de> for WholeVisitor {
            type Value = Whole;

            /// A number beyond 64 bits or with decimals (serde_json's `arbitrary_precision`
            /// gives it as its exact text): refused as before, with the same words.
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Whole, A::Error> {
                let text = exact_number(map)?;
                let v: f64 = text
                    .parse()
                    .map_err(|_| de::Error::custom(too_big(&text)))?;
                self.visit_f64(v)
            }

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("et helt tal")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Whole, E> {
                Ok(Whole(v))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Whole, E> {
                i64::try_from(v)
                    .map(Whole)
                    .map_err(|_| E::custom(too_big(&v.to_string())))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Whole, E> {
                if v.is_finite() && v.abs() < TWO_POW_63 {
                    Err(E::custom(format!(
                        "tallet skal være et helt tal uden decimaler og eksponent (fandt {v:?})"
                    )))
                } else {
                    Err(E::custom(too_big(&format!("{v:e}"))))
                }
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Whole, E> {
                Err(E::custom(format!(
                    "forkert type: fandt teksten «{}», ventede et helt tal (uden anførselstegn)",
                    shorten(v)
                )))
            }
        }

        deserializer.deserialize_any(WholeVisitor)
    }
}

fn too_big(number: &str) -> String {
    format!("tallet {number} er for stort: det skal passe i et 64-bit heltal")
}

impl Serialize for Whole {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

/// A decimal number, kept as the exact text of the JSON number (`62.5`, `75`, `1e2`): serde_json
/// (feature `arbitrary_precision`) hands over every number that is not a 64-bit integer as its
/// text, so nothing passes through a binary float and nothing is rounded. `import` reads the
/// text with [`crate::model::Number::parse`], which refuses more than 15 significant digits. A
/// string where a number belongs is refused here, in Danish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Decimal(pub String);

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DecimalVisitor;

        impl<'de> Visitor<'de> for DecimalVisitor {
            type Value = Decimal;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("et tal")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Decimal, A::Error> {
                exact_number(map).map(Decimal)
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal(v.to_string()))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal(v.to_string()))
            }

            /// Only a deserializer without `arbitrary_precision` gives a float; Rust writes
            /// it as the shortest text that reads back as the same float.
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
                if v.is_finite() {
                    Ok(Decimal(v.to_string()))
                } else {
                    Err(E::custom("tallet er ikke endeligt"))
                }
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                Err(E::custom(format!(
                    "forkert type: fandt teksten «{}», ventede et tal (uden anførselstegn, med punktum som decimaltegn)",
                    shorten(v)
                )))
            }
        }

        deserializer.deserialize_any(DecimalVisitor)
    }
}

impl Serialize for Decimal {
    /// The text as a JSON number, exactly as it is (checked to be one).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let number: serde_json::Number = self
            .0
            .parse()
            .map_err(|_| serde::ser::Error::custom(format!("«{}» er ikke et tal", self.0)))?;
        number.serialize(serializer)
    }
}

/// A text quoted in a message: one line of at most 60 characters, with "…" when cut.
pub(super) fn shorten(text: &str) -> String {
    crate::units::shorten(text, 60)
}

/// Any JSON value, read strictly: an object may not name a member twice, at any depth. Objects
/// keep their members' order, so the text written back is the text read (up to whitespace).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum StrictValue {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<StrictValue>),
    Object(Vec<(String, StrictValue)>),
}

/// The value of an `"extra"` member: any JSON object (checked like [`StrictValue`]).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ExtraObject(pub Vec<(String, StrictValue)>);

impl ExtraObject {
    /// The compact JSON text, as kept in [`crate::model::Extra`].
    pub fn to_text(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// Reads the text kept in [`crate::model::Extra`] back.
    pub fn from_text(text: &str) -> Result<ExtraObject, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let value = ExtraObject::deserialize(&mut de)?;
        de.end()?;
        Ok(value)
    }
}

/// Reads the members of an object, refusing a name seen before. The message is serde's own
/// English "duplicate field" so that the one translator gives it the same Danish sentence and
/// path as a duplicate member of a plan or a goal.
fn visit_object<'de, A: MapAccess<'de>>(
    mut map: A,
) -> Result<Vec<(String, StrictValue)>, A::Error> {
    match map.next_key::<String>()? {
        Some(first) => visit_object_from(first, map),
        None => Ok(Vec::new()),
    }
}

/// [`visit_object`] once the first key has been read.
fn visit_object_from<'de, A: MapAccess<'de>>(
    first: String,
    mut map: A,
) -> Result<Vec<(String, StrictValue)>, A::Error> {
    let mut seen = HashSet::new();
    let mut members = Vec::new();
    let mut next = Some(first);
    while let Some(key) = next {
        if !seen.insert(key.clone()) {
            return Err(de::Error::custom(format!("duplicate field `{key}`")));
        }
        let value = map.next_value::<StrictValue>()?;
        members.push((key, value));
        next = map.next_key::<String>()?;
    }
    Ok(members)
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = StrictValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("en JSON-værdi")
    }

    fn visit_unit<E: de::Error>(self) -> Result<StrictValue, E> {
        Ok(StrictValue::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<StrictValue, E> {
        Ok(StrictValue::Null)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<StrictValue, E> {
        Ok(StrictValue::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<StrictValue, E> {
        Ok(StrictValue::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<StrictValue, E> {
        Ok(StrictValue::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<StrictValue, E> {
        serde_json::Number::from_f64(v)
            .map(StrictValue::Number)
            .ok_or_else(|| E::custom("tallet er ikke endeligt"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<StrictValue, E> {
        Ok(StrictValue::String(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<StrictValue, E> {
        Ok(StrictValue::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StrictValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<StrictValue>()? {
            items.push(item);
        }
        Ok(StrictValue::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<StrictValue, A::Error> {
        let mut map = map;
        let Some(first) = map.next_key::<String>()? else {
            return Ok(StrictValue::Object(Vec::new()));
        };
        if first == NUMBER_TOKEN {
            let text = map.next_value::<String>()?;
            return text
                .parse::<serde_json::Number>()
                .map(StrictValue::Number)
                .map_err(|_| de::Error::custom("tallet kan ikke læses"));
        }
        visit_object_from(first, map).map(StrictValue::Object)
    }
}

/// How serde_json (feature `arbitrary_precision`) hands over a number that is not a 64-bit
/// integer: as a map with this one key and the number's exact text, so that `extra` keeps
/// 123456789012345678901234567890 and 1e2 as they were written.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// The exact text of a number given as [`NUMBER_TOKEN`]'s map.
fn exact_number<'de, A: MapAccess<'de>>(mut map: A) -> Result<String, A::Error> {
    match map.next_key::<String>()? {
        Some(key) if key == NUMBER_TOKEN => map.next_value::<String>(),
        _ => Err(de::Error::custom(
            "forkert type: fandt et objekt, ventede et helt tal",
        )),
    }
}

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor)
    }
}

impl<'de> Deserialize<'de> for ExtraObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;

        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = ExtraObject;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("et JSON-objekt")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ExtraObject, A::Error> {
                visit_object(map).map(ExtraObject)
            }
        }

        deserializer.deserialize_map(ObjectVisitor)
    }
}

impl Serialize for StrictValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            StrictValue::Null => serializer.serialize_unit(),
            StrictValue::Bool(b) => serializer.serialize_bool(*b),
            StrictValue::Number(n) => n.serialize(serializer),
            StrictValue::String(s) => serializer.serialize_str(s),
            StrictValue::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            StrictValue::Object(members) => serialize_members(members, serializer),
        }
    }
}

impl Serialize for ExtraObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_members(&self.0, serializer)
    }
}

fn serialize_members<S: Serializer>(
    members: &[(String, StrictValue)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(members.len()))?;
    for (key, value) in members {
        map.serialize_entry(key, value)?;
    }
    map.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_keeps_member_order_and_values() {
        let text = r#"{"z":1,"a":[true,null,-2,0.5,"ø\n"],"m":{"y":{},"b":[]}}"#;
        let extra = ExtraObject::from_text(text).unwrap();
        assert_eq!(extra.0[0].0, "z");
        assert_eq!(extra.to_text().unwrap(), text);
    }

    #[test]
    fn extra_keeps_numbers_exactly() {
        let text = r#"{"stor":123456789012345678901234567890,"lille":-0.000000000000000000012345678901234567,"e":1e+2,"x":[1.0,18446744073709551616]}"#;
        let extra = ExtraObject::from_text(text).unwrap();
        assert_eq!(extra.to_text().unwrap(), text);
        // An exponent gets its sign (the same number, written as serde_json writes it).
        let e = ExtraObject::from_text(r#"{"e":1e2,"f":2E-3}"#).unwrap();
        assert_eq!(e.to_text().unwrap(), r#"{"e":1e+2,"f":2e-3}"#);
    }

    #[test]
    fn extra_rejects_a_member_twice_at_any_depth() {
        for text in [
            r#"{"a":1,"a":1}"#,
            r#"{"a":{"b":1,"c":2,"b":3}}"#,
            r#"{"a":[{"x":[{"k":0,"k":0}]}]}"#,
        ] {
            let err = ExtraObject::from_text(text).unwrap_err().to_string();
            assert!(err.starts_with("duplicate field `"), "{text}: {err}");
        }
        // The same name in different objects is fine.
        assert!(ExtraObject::from_text(r#"{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}"#).is_ok());
    }

    #[test]
    fn extra_must_be_an_object() {
        for text in ["[]", "1", "\"x\"", "null", "true"] {
            let err = ExtraObject::from_text(text).unwrap_err().to_string();
            assert!(err.contains("et JSON-objekt"), "{text}: {err}");
        }
    }

    #[test]
    fn decimals_keep_the_exact_text_of_the_number() {
        let decimal = |t: &str| {
            serde_json::from_str::<Decimal>(t)
                .map(|d| d.0)
                .map_err(|e| e.to_string())
        };
        assert_eq!(decimal("62.5"), Ok("62.5".to_string()));
        assert_eq!(decimal("75"), Ok("75".to_string()));
        assert_eq!(decimal("-3"), Ok("-3".to_string()));
        // serde_json writes the exponent with its sign; the number is the same.
        assert_eq!(decimal("1e2"), Ok("1e+2".to_string()));
        assert_eq!(
            decimal("0.1234567890123456789"),
            Ok("0.1234567890123456789".to_string())
        );
        assert_eq!(
            decimal("123456789012345678901234567890"),
            Ok("123456789012345678901234567890".to_string())
        );
        assert!(decimal("\"62,5\"").unwrap_err().contains("ventede et tal"));
        assert!(decimal("NaN").is_err());
        let written = serde_json::to_string(&Decimal("0.1234567890123456789".into())).unwrap();
        assert_eq!(written, "0.1234567890123456789");
    }

    #[test]
    fn whole_numbers_only_and_within_64_bits() {
        let whole = |t: &str| {
            serde_json::from_str::<Whole>(t)
                .map(|w| w.0)
                .map_err(|e| e.to_string())
        };
        assert_eq!(whole("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(whole("9223372036854775807"), Ok(i64::MAX));
        assert!(whole("9223372036854775808").unwrap_err().contains("64-bit"));
        assert!(
            whole("-9223372036854775809")
                .unwrap_err()
                .contains("64-bit")
        );
        assert!(whole("1e30").unwrap_err().contains("64-bit"));
        assert!(whole("1.0").unwrap_err().contains("helt tal"));
        assert!(whole("2e3").unwrap_err().contains("helt tal"));
        assert!(whole("\"12\"").unwrap_err().contains("helt tal"));
    }
}
