//! Helpers the generated wire format uses: tolerant object reading, value text, redaction.

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, Error as DeError};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// The members of a JSON object, taken one by one by name.
///
/// Generated `Deserialize` impls read the object once, then take each known member; members
/// nobody takes (fields the server added) are ignored, and an absent or `null` member is
/// `None`. Errors name the member.
pub struct Fields<E> {
    map: Map<String, Value>,
    error: PhantomData<E>,
}

impl<E: DeError> Fields<E> {
    /// Read a JSON object.
    pub fn read<'de, D: Deserializer<'de, Error = E>>(deserializer: D) -> Result<Self, E> {
        let map = Map::<String, Value>::deserialize(deserializer)?;
        Ok(Fields {
            map,
            error: PhantomData,
        })
    }

    /// A member that must be present and not `null`.
    pub fn required<T: DeserializeOwned>(&mut self, name: &'static str) -> Result<T, E> {
        match self.map.remove(name) {
            None | Some(Value::Null) => Err(E::missing_field(name)),
            Some(value) => {
                T::deserialize(value).map_err(|e| E::custom(format_args!("`{name}`: {e}")))
            }
        }
    }

    /// A member that may be absent or `null`.
    pub fn optional<T: DeserializeOwned>(&mut self, name: &'static str) -> Result<Option<T>, E> {
        match self.map.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => T::deserialize(value)
                .map(Some)
                .map_err(|e| E::custom(format_args!("`{name}`: {e}"))),
        }
    }
}

/// Deserialize a string (for enums that keep unknown values).
pub fn deserialize_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    String::deserialize(deserializer)
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
