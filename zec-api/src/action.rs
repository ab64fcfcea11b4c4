//! What ties an action's request, response and error together.

use crate::error::ErrorCode;
use crate::validation::Validate;
use crate::wire::Decode;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::{Debug, Display};

/// The service an action belongs to, as requests name it: each product of the API is a
/// service with its own API version and endpoint path (`zec`, `2025-09-01`,
/// `/api/v2/zec`). A call is signed and sent for its action's service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Service {
    /// Service name, sent as `X-ZC-Service`.
    pub name: &'static str,
    /// API version, sent as `X-ZC-Version`.
    pub version: &'static str,
    /// Where requests are posted under the endpoint (`/api/v2/zec`).
    pub path: &'static str,
}

/// One API action: its wire name, its service and the types of its request, response and
/// error codes.
///
/// Implemented by the marker types in [`actions`](crate::actions) (`AssociateEipAddress`) and
/// in the `actions` module of each other product (`zlb::actions::DescribeLoadBalancers`).
pub trait Action: Send + Sync + 'static {
    /// Wire name, sent as `X-ZC-Action`.
    const NAME: &'static str;
    /// The service (product) the action belongs to.
    const SERVICE: Service;
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
