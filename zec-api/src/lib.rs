//! A typed client for Zenlayer Elastic Compute (ZEC), API version 2025-09-01, generated from
//! Zenlayer's API docs.
//!
//! Every action of the docs is a method on [`Client`] that returns a [`Call`] with a setter
//! per request member, a request type, a response type and an error-code enum:
//!
//! ```no_run
//! use zec_api::{Client, Config, Credentials};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::new(Config::new().credentials(Credentials::access_key("id", "secret")))?;
//! let response = client
//!     .associate_eip_address()
//!     .eip_ids(["eip-1"])
//!     .nic_id("nic-1")
//!     .lan_ip("10.0.0.2")
//!     .send()
//!     .await?;
//! println!("not bound: {:?}", response.failed_eip_ids);
//! # Ok(())
//! # }
//! ```
//!
//! `send` validates first: a required member left unset, or a documented rule broken, is
//! reported (every problem at once) and nothing is sent. List actions also have
//! [`stream`](Call::stream), asynchronous ones [`send_and_wait`](Call::send_and_wait). A
//! request can also be built ahead of time, from `Default` and the same setters, and sent with
//! [`Client::send`].
//!
//! - [`actions`]: requests, responses and error enums, by the docs' groups;
//! - [`types`]: the data structures and enums they share (enums keep values this version
//!   does not know);
//! - [`errors`]: the error codes every action may return;
//! - [`Error`]: what a call can fail with.

#![warn(missing_docs)]

extern crate self as zec_api;

mod action;
mod attempt;
mod body;
pub mod catalog;
mod client;
mod credentials;
mod decode;
mod empty_response;
mod error;
mod fluent;
#[cfg(feature = "mock")]
pub mod mock;
mod paginate;
mod profile;
mod retry;
mod scrub;
mod shown;
pub mod sign;
mod tame;
pub mod validation;
mod waiter;
mod wire;

pub use action::{Action, ActionRequest, Service};
pub use client::{Client, Config, DEFAULT_ENDPOINT, DEFAULT_MAX_RESPONSE_BYTES, THROTTLE_CODE};
pub use credentials::{Credentials, Secret};
pub use decode::{ActionResult, decode};
pub use empty_response::EmptyResponse;
pub use error::{
    ApiError, ConfigError, Error, ErrorCode, PaginationError, TransportError, Undecodable,
};
pub use fluent::{Call, SendAndWaitError, Waited};
pub use paginate::Paginated;
pub use retry::RetryPolicy;
pub use serde_json::Value as JsonValue;
pub use validation::{ValidationError, ValidationMode};
pub use waiter::{WaitError, WaitOptions, Waitable};

/// What generated code uses; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use crate::error::ErrorCode;
    pub use crate::validation::{Validate, Validator, run_validation};
    pub use crate::wire::{
        Decode, Decoder, Entries, Fields, Mismatch, Redacted, WireText, decode_enum,
        deserialize_strict, deserialize_tolerant, wire_is,
    };
    pub use futures_util::Stream;
    pub use serde::ser::SerializeMap;
    pub use serde::{Deserialize, Deserializer, Serialize, Serializer};
    pub use zec_macros::expand_page;
}

zec_macros::generate_api!();

/// The generated code of zec-codegen's reviewed snapshots, compiled here (where generated code
/// lives), so that a snapshot that would not build fails the tests: a product of its own as a
/// module, with an enum, nested structures, rules, secrets, a page stream and a waiter.
#[cfg(test)]
#[allow(dead_code)]
mod golden {
    zec_macros::include_snapshot!(
        "../zec-codegen/tests/snapshots/expand__fixture_product_as_a_module.snap"
    );
}
