//! Helpers the generated wire format uses: reading JSON into the docs' types, value text,
//! redaction.
//!
//! Reading is done once, here, for every member at every depth ([`Decode`]). It has two
//! modes. *Tolerant* (answers from the server): a member whose JSON has another type than the
//! docs say is converted when that loses nothing (`"5"` or `5.0` for an integer, `5` for a
//! string, `"true"` for a boolean), and otherwise read as absent (`None`) with a `tracing`
//! warning naming the action, the member's path and the JSON kind received; a list item that
//! cannot be read is dropped, with the same warning. One bad member never fails the whole
//! answer. *Strict* (requests, as the mock server judges them, and checks of the docs'
//! examples): any difference is an error naming the member.

use serde::Deserialize;
use serde::de::{Deserializer, Error as DeError};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt;

/// A value read from JSON as the docs' type says. Implemented by the scalars, lists, free-form
/// JSON, and every generated data structure, request, response and enum.
pub trait Decode: Sized {
    /// What the docs' type looks like in JSON, for messages (`an integer`).
    const EXPECTED: &'static str;
    /// Read `value`; an error when it cannot be read as `Self` even after lossless conversion
    /// (in tolerant mode the caller then reads the member as absent).
    fn decode(value: Value, cx: &mut Decoder) -> Result<Self, Mismatch>;
}

/// Where decoding stands: the mode, the action it is for, and the path of the member being
/// read, for messages.
#[derive(Debug)]
pub struct Decoder {
    action: Option<&'static str>,
    strict: bool,
    path: Vec<Step>,
    degraded: usize,
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Member(&'static str),
    Item(usize),
}

impl Decoder {
    /// Tolerant reading of an answer to `action` (when known).
    pub fn tolerant(action: Option<&'static str>) -> Self {
        Decoder {
            action,
            strict: false,
            path: Vec::new(),
            degraded: 0,
        }
    }

    /// Strict reading: every difference from the docs' types is an error.
    pub fn strict() -> Self {
        Decoder {
            action: None,
            strict: true,
            path: Vec::new(),
            degraded: 0,
        }
    }

    /// How many members were read as absent or list items dropped so far.
    pub fn degraded(&self) -> usize {
        self.degraded
    }

    /// The path of the member being read (`dataSet[1].autoRenew`).
    fn path(&self) -> String {
        let mut text = String::new();
        for step in &self.path {
            match step {
                Step::Member(name) if text.is_empty() => text.push_str(name),
                Step::Member(name) => {
                    text.push('.');
                    text.push_str(name);
                }
                Step::Item(i) => text.push_str(&format!("[{i}]")),
            }
        }
        text
    }

    /// A mismatch at the current path.
    pub fn mismatch(&self, expected: &'static str, value: &Value) -> Mismatch {
        Mismatch {
            path: self.path(),
            expected,
            received: kind(value),
        }
    }

    /// Read `value` as `T` one step down the path.
    fn within<T: Decode>(&mut self, step: Step, value: Value) -> Result<T, Mismatch> {
        self.path.push(step);
        let result = T::decode(value, self);
        self.path.pop();
        result
    }

    /// After a member or item could not be read: strict reading fails, tolerant reading warns
    /// and goes on without it.
    fn give_up(&mut self, mismatch: Mismatch, outcome: &'static str) -> Result<(), Mismatch> {
        if self.strict {
            return Err(mismatch);
        }
        self.degraded += 1;
        tracing::warn!(
            action = self.action.unwrap_or("(unknown)"),
            member = %mismatch.path,
            received = mismatch.received,
            expected = mismatch.expected,
            "response member does not match the documented type; {outcome}"
        );
        Ok(())
    }

    /// The outcome of reading `from` as `T` (`expected`) after the exact match failed:
    /// `converted` when a lossless conversion applied (logged at debug level), else a
    /// mismatch.
    fn conversion<T: Decode>(&self, from: &Value, converted: Option<T>) -> Result<T, Mismatch> {
        match converted {
            Some(value) => {
                tracing::debug!(
                    action = self.action.unwrap_or("(unknown)"),
                    member = %self.path(),
                    received = kind(from),
                    expected = T::EXPECTED,
                    "response member converted to the documented type"
                );
                Ok(value)
            }
            None => Err(self.mismatch(T::EXPECTED, from)),
        }
    }
}

/// A value that does not have the documented type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// Path of the member (`dataSet[1].autoRenew`); empty for the whole value.
    pub path: String,
    /// What the docs say (`an integer`).
    pub expected: &'static str,
    /// The JSON kind received (`string`).
    pub received: &'static str,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "`{}`: ", self.path)?;
        }
        write!(
            f,
            "expected {}, received {} {}",
            self.expected,
            article(self.received),
            self.received
        )
    }
}

impl std::error::Error for Mismatch {}

fn article(kind: &str) -> &'static str {
    if kind.starts_with(['a', 'o']) {
        "an"
    } else {
        "a"
    }
}

/// The JSON kind of a value, as messages name it.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The members of a JSON object, taken one by one by name.
///
/// Generated [`Decode`] impls take each known member; members nobody takes (fields the
/// server added) are ignored, and an absent or `null` member is `None`.
pub struct Fields {
    map: Map<String, Value>,
    /// The first member that could not be read, in strict mode.
    failed: Option<Mismatch>,
}

impl Fields {
    /// The members of `value`, which must be an object.
    pub fn new(value: Value, cx: &Decoder) -> Result<Self, Mismatch> {
        match value {
            Value::Object(map) => Ok(Fields { map, failed: None }),
            other => Err(cx.mismatch("an object", &other)),
        }
    }

    /// A member that may be absent or `null`; in tolerant mode also one that cannot be read.
    /// In strict mode a member that cannot be read is kept for [`Fields::finish`], which
    /// fails with it: generated code reads every member with no `?` to type-check.
    #[inline]
    pub fn get<T: Decode>(&mut self, cx: &mut Decoder, name: &'static str) -> Option<T> {
        match self.optional(cx, name) {
            Ok(value) => value,
            Err(mismatch) => {
                self.failed.get_or_insert(mismatch);
                None
            }
        }
    }

    /// `value`, read with [`Fields::get`], or the first member that could not be read.
    #[inline]
    pub fn finish<T>(self, value: T) -> Result<T, Mismatch> {
        match self.failed {
            None => Ok(value),
            Some(mismatch) => Err(mismatch),
        }
    }

    /// A member that may be absent or `null`; in tolerant mode also one that cannot be read.
    pub fn optional<T: Decode>(
        &mut self,
        cx: &mut Decoder,
        name: &'static str,
    ) -> Result<Option<T>, Mismatch> {
        match self.map.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => match cx.within(Step::Member(name), value) {
                Ok(v) => Ok(Some(v)),
                Err(mismatch) => cx.give_up(mismatch, "read as absent").map(|()| None),
            },
        }
    }
}

impl Decode for i64 {
    const EXPECTED: &'static str = "an integer";
    fn decode(value: Value, cx: &mut Decoder) -> Result<Self, Mismatch> {
        if let Some(n) = value.as_i64() {
            return Ok(n);
        }
        let converted = match &value {
            _ if cx.strict => None,
            Value::Number(n) => n.as_f64().and_then(integral),
            Value::String(s) => s
                .parse::<i64>()
                .ok()
                .or_else(|| s.parse::<f64>().ok().and_then(integral)),
            _ => None,
        };
        cx.conversion(&value, converted)
    }
}

/// `x` as an integer, when it is one and fits.
fn integral(x: f64) -> Option<i64> {
    // 2^63 is exactly representable; anything from it on does not fit.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    (x.is_finite() && x.fract() == 0.0 && (-LIMIT..LIMIT).contains(&x)).then_some(x as i64)
}

impl Decode for f64 {
    const EXPECTED: &'static str = "a number";
    fn decode(value: Value, cx: &mut Decoder) -> Result<Self, Mismatch> {
        if let Some(x) = value.as_f64() {
            return Ok(x);
        }
        let converted = match &value {
            Value::String(s) if !cx.strict => s.parse::<f64>().ok().filter(|x| x.is_finite()),
            _ => None,
        };
        cx.conversion(&value, converted)
    }
}

impl Decode for bool {
    const EXPECTED: &'static str = "a boolean";
    fn decode(value: Value, cx: &mut Decoder) -> Result<Self, Mismatch> {
        let converted = match &value {
            Value::Bool(b) => return Ok(*b),
            Value::String(s) if !cx.strict && s == "true" => Some(true),
            Value::String(s) if !cx.strict && s == "false" => Some(false),
            _ => None,
        };
        cx.conversion(&value, converted)
    }
}

impl Decode for String {
    const EXPECTED: &'static str = "a string";
    fn decode(value: Value, cx: &mut Decoder) -> Result<Self, Mismatch> {
        let converted = match value {
            Value::String(s) => return Ok(s),
            Value::Number(ref n) if !cx.strict => Some(n.to_string()),
            Value::Bool(b) if !cx.strict => Some(b.to_string()),
            _ => None,
        };
        cx.conversion(&value, converted)
    }
}

impl Decode for Value {
    const EXPECTED: &'static str = "any JSON value";
    fn decode(value: Value, _: &mut Decoder) -> Result<Self, Mismatch> {
        Ok(value)
    }
}

impl<T: Decode> Decode for Vec<T> {
    const EXPECTED: &'static str = "an array";
    fn decode(value: Value, cx: &mut Decoder) -> Result<Self, Mismatch> {
        let Value::Array(items) = value else {
            return Err(cx.mismatch(Self::EXPECTED, &value));
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            match cx.within(Step::Item(i), item) {
                Ok(v) => out.push(v),
                Err(mismatch) => cx.give_up(mismatch, "list item dropped")?,
            }
        }
        Ok(out)
    }
}

/// An enum's wire value: a string, or in tolerant mode a number or boolean as text.
pub fn decode_enum<T: From<String>>(value: Value, cx: &mut Decoder) -> Result<T, Mismatch> {
    String::decode(value, cx).map(T::from)
}

/// `Deserialize` for generated types that the server sends (responses, data structures):
/// tolerant, as [`Decode`] describes.
pub fn deserialize_tolerant<'de, T: Decode, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let value = Value::deserialize(deserializer)?;
    T::decode(value, &mut Decoder::tolerant(None)).map_err(D::Error::custom)
}

/// The members of a struct being serialised as a map, present ones only; the first error is
/// kept for [`Entries::end`], so that generated code adds each member with no `?` to
/// type-check.
pub struct Entries<M: serde::ser::SerializeMap> {
    map: M,
    failed: Option<M::Error>,
}

impl<M: serde::ser::SerializeMap> Entries<M> {
    /// Start a map with `serializer`.
    #[inline]
    pub fn new<S>(serializer: S) -> Result<Self, S::Error>
    where
        S: serde::Serializer<SerializeMap = M, Error = M::Error, Ok = M::Ok>,
    {
        Ok(Entries {
            map: serializer.serialize_map(None)?,
            failed: None,
        })
    }

    /// Add the member `name` if it is present.
    #[inline]
    pub fn add<T: serde::Serialize + ?Sized>(&mut self, name: &'static str, value: Option<&T>) {
        if let (Some(value), None) = (value, &self.failed)
            && let Err(e) = self.map.serialize_entry(name, value)
        {
            self.failed = Some(e);
        }
    }

    /// End the map, or fail with the first error.
    #[inline]
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.failed {
            None => self.map.end(),
            Some(e) => Err(e),
        }
    }
}

/// `Deserialize` for requests: strict, as a server judges them.
pub fn deserialize_strict<'de, T: Decode, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let value = Value::deserialize(deserializer)?;
    T::decode(value, &mut Decoder::strict()).map_err(D::Error::custom)
}

/// The text of a value as it appears on the wire, for validation messages and comparisons.
pub trait WireText {
    /// The value as text (`FullNat`, `10`, `true`).
    fn wire_text(&self) -> Cow<'_, str>;
}

impl WireText for String {
    fn wire_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl WireText for i64 {
    fn wire_text(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
}

impl WireText for f64 {
    fn wire_text(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
}

impl WireText for bool {
    fn wire_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
}

/// Whether a value is set to one of `values`.
pub fn wire_is<T: WireText>(value: Option<&T>, values: &[&str]) -> bool {
    value.is_some_and(|v| values.contains(&v.wire_text().as_ref()))
}

/// Stands in for a secret in `Debug` output.
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tolerant<T: Decode>(value: Value) -> (Result<T, Mismatch>, usize) {
        let mut cx = Decoder::tolerant(Some("Test"));
        let result = T::decode(value, &mut cx);
        (result, cx.degraded())
    }

    fn strict<T: Decode>(value: Value) -> Result<T, Mismatch> {
        T::decode(value, &mut Decoder::strict())
    }

    #[test]
    fn scalars_convert_only_without_loss() {
        assert_eq!(tolerant::<i64>(json!("5")).0, Ok(5));
        assert_eq!(tolerant::<i64>(json!(5.0)).0, Ok(5));
        assert_eq!(tolerant::<i64>(json!("-7.0")).0, Ok(-7));
        assert!(tolerant::<i64>(json!(5.5)).0.is_err());
        assert!(tolerant::<i64>(json!("5x")).0.is_err());
        assert!(tolerant::<i64>(json!(1e300)).0.is_err());
        assert!(tolerant::<i64>(json!(u64::MAX)).0.is_err());
        assert!(tolerant::<i64>(json!(true)).0.is_err());
        assert_eq!(tolerant::<f64>(json!("2.5")).0, Ok(2.5));
        assert_eq!(tolerant::<f64>(json!(3)).0, Ok(3.0));
        assert!(tolerant::<f64>(json!("NaN")).0.is_err());
        assert_eq!(tolerant::<bool>(json!("true")).0, Ok(true));
        assert_eq!(tolerant::<bool>(json!("false")).0, Ok(false));
        assert!(tolerant::<bool>(json!("yes")).0.is_err());
        assert!(tolerant::<bool>(json!(1)).0.is_err());
        assert_eq!(tolerant::<String>(json!(5)).0, Ok("5".to_string()));
        assert_eq!(tolerant::<String>(json!(2.5)).0, Ok("2.5".to_string()));
        assert_eq!(tolerant::<String>(json!(false)).0, Ok("false".to_string()));
        assert!(tolerant::<String>(json!({})).0.is_err());
    }

    #[test]
    fn strict_reading_converts_nothing_and_names_the_member() {
        assert!(strict::<i64>(json!("5")).is_err());
        assert!(strict::<i64>(json!(5.0)).is_err());
        assert!(strict::<String>(json!(5)).is_err());
        assert!(strict::<bool>(json!("true")).is_err());
        let err = strict::<Vec<i64>>(json!([1, "2"])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`[1]`: expected an integer, received a string"
        );
    }

    #[test]
    fn unreadable_list_items_are_dropped_in_tolerant_mode() {
        let (list, degraded) = tolerant::<Vec<String>>(json!(["a", {"x": 1}, "b", null]));
        assert_eq!(list, Ok(vec!["a".to_string(), "b".to_string()]));
        assert_eq!(degraded, 2);
        // A list member that is not a list cannot be read: the caller reads it as absent.
        let (list, _) = tolerant::<Vec<String>>(json!({"a": 1}));
        assert_eq!(list.unwrap_err().received, "object");
    }

    #[test]
    fn fields_read_bad_members_as_absent_with_their_path() {
        let mut cx = Decoder::tolerant(Some("Test"));
        let mut fields = Fields::new(json!({"n": [1, 2], "s": "ok", "b": "maybe"}), &cx).unwrap();
        assert_eq!(fields.optional::<i64>(&mut cx, "n"), Ok(None));
        assert_eq!(
            fields.optional::<String>(&mut cx, "s"),
            Ok(Some("ok".into()))
        );
        assert_eq!(fields.optional::<bool>(&mut cx, "b"), Ok(None));
        assert_eq!(fields.optional::<bool>(&mut cx, "absent"), Ok(None));
        assert_eq!(cx.degraded(), 2);

        let mut cx = Decoder::strict();
        let mut fields = Fields::new(json!({"b": "maybe"}), &cx).unwrap();
        let err = fields.optional::<bool>(&mut cx, "b").unwrap_err();
        assert_eq!(
            err.to_string(),
            "`b`: expected a boolean, received a string"
        );
    }
}
