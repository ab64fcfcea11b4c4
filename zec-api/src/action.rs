//! What ties an action's request, response and error together.

use crate::error::ErrorCode;
use crate::validation::Validate;
use crate::wire::Decode;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::{Debug, Display};

/// One API action: its wire name and the types of its request, response and error codes.
///
/// Implemented by the marker types in [`actions`](crate::actions) (`AssociateEipAddress`).
pub trait Action: Send + Sync + 'static {
    /// Wire name, sent as `X-ZC-Action`.
    const NAME: &'static str;
    /// Whether the action only reads state. Read-only actions are retried after server errors
    /// and connection failures; others only when the caller opts in.
    const READ_ONLY: bool;
    /// The parameters.
    type Request: Serialize + DeserializeOwned + Validate + Debug + Clone + Send + Sync;
    /// The content of the `response` object, read tolerantly (see the README's decoding
    /// policy).
    type Response: Serialize + DeserializeOwned + Decode + Debug + Clone + Send;
    /// The error codes the action may return.
    type Error: ErrorCode + Debug + Display + Clone + Send + Sync + 'static;
}

/// A request type, which knows its action; lets [`Client::send`](crate::Client::send) take any
/// request.
pub trait ActionRequest: Serialize + Validate + Send + Sync {
    /// The action this request is for.
    type Action: Action<Request = Self>;
}
