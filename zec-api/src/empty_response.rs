//! The result of the actions that answer with nothing but their request id, shared: every
//! such action's `<Action>Response` is an alias of [`EmptyResponse`], so that hundreds of
//! identical structs are not compiled.

use crate::wire::{Decode, Decoder, Entries, Fields, Mismatch, deserialize_tolerant};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The result of an action whose answer holds only the id of the request: the call
/// succeeded. Members the server adds are ignored.
#[derive(Clone, PartialEq, Eq, Default, Debug)]
#[non_exhaustive]
pub struct EmptyResponse {
    /// ID of this request; quote it when you contact support.
    ///
    /// Wire name: `requestId`.
    pub request_id: Option<String>,
}

impl EmptyResponse {
    /// Sets `requestId`.
    pub fn request_id(mut self, value: impl Into<String>) -> Self {
        self.request_id = Some(value.into());
        self
    }
}

impl Serialize for EmptyResponse {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = Entries::new(serializer)?;
        map.add("requestId", self.request_id.as_ref());
        map.end()
    }
}

impl Decode for EmptyResponse {
    const EXPECTED: &'static str = "an object";
    fn decode(value: serde_json::Value, cx: &mut Decoder) -> Result<Self, Mismatch> {
        let mut fields = Fields::new(value, cx)?;
        let value = EmptyResponse {
            request_id: fields.get(cx, "requestId"),
        };
        fields.finish(value)
    }
}

impl<'de> Deserialize<'de> for EmptyResponse {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_tolerant(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_its_request_id_and_ignores_the_rest() {
        let read: EmptyResponse =
            serde_json::from_str(r#"{"requestId":"T1","extra":[1,2]}"#).unwrap();
        assert_eq!(read, EmptyResponse::default().request_id("T1"));
        assert_eq!(
            serde_json::to_string(&read).unwrap(),
            r#"{"requestId":"T1"}"#
        );
        let empty: EmptyResponse = serde_json::from_str("{}").unwrap();
        assert_eq!(empty.request_id, None);
        assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
    }
}
