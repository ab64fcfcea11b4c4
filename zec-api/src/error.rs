//! The one error type of every call, which users match on.

use crate::shown::{Clip, ClipDebug, debug_bounded, display_bounded};
use crate::validation::ValidationError;
use std::fmt;
use std::time::Duration;

/// Error codes of an action: implemented by each generated `<Action>Error`.
pub trait ErrorCode {
    /// The error for a code the server sent; unknown codes are kept.
    fn from_code(code: &str) -> Self;
    /// The code as the server sends it.
    fn code(&self) -> &str;
}

/// What a call can fail with. `E` is the action's error-code enum.
///
/// `Display` and `Debug` print at most a few KiB, each text from an answer at most 1 KiB, and
/// say how many bytes they left out; the values themselves are whole ([`ApiError::message`]).
/// Texts from an answer never hold the client's secrets: they are replaced by `<redacted>`.
#[non_exhaustive]
pub enum Error<E> {
    /// The request breaks documented rules; nothing was sent.
    Validation(ValidationError),
    /// The server answered with an error code.
    Api(ApiError<E>),
    /// The server was still throttling when the retry budget ran out.
    Throttled(ApiError<E>),
    /// Connecting, sending or receiving failed.
    Transport(TransportError),
    /// No complete answer arrived in time.
    Timeout {
        /// How long the last attempt waited.
        after: Duration,
        /// Attempts made.
        attempts: u32,
    },
    /// An answer arrived but is not a ZEC response: a proxy's HTML page, truncated JSON, a
    /// success without `response`.
    Undecodable(Undecodable),
    /// The server answered with a redirect (HTTP 3xx). The client never follows one: the
    /// signed request would go to another place. The request may have been received.
    Redirect {
        /// The action called.
        action: &'static str,
        /// HTTP status of the answer.
        http_status: u16,
        /// Where the server pointed (`Location`), when it said.
        location: Option<String>,
    },
    /// The answer's body was longer than [`Config::max_response_bytes`](crate::Config::max_response_bytes)
    /// allows; the rest was not read and the connection was dropped.
    ResponseTooLarge {
        /// The action called.
        action: &'static str,
        /// The limit, in bytes.
        limit: u64,
        /// HTTP status of the answer.
        http_status: u16,
    },
    /// The pages of a list did not add up (see [`PaginationError`]).
    Pagination(PaginationError),
    /// The client cannot send: no credentials, or a request it cannot serialise.
    Config(ConfigError),
}

/// A configuration the client cannot work with: an endpoint it refuses, a profile that does
/// not exist, no credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct ConfigError {
    message: String,
}

impl ConfigError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
        }
    }

    /// What is wrong, in words.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "client configuration: {}", Clip(&self.message))
    }
}

impl fmt::Debug for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigError")
            .field("message", &Clip(&self.message))
            .finish()
    }
}

impl std::error::Error for ConfigError {}

/// Pages of a list that do not add up: a page empty before the announced total, pages that
/// repeat items already received, more pages than the total allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaginationError {
    /// The list action.
    pub action: &'static str,
    /// The page being read, from 1.
    pub page: u64,
    /// Items received before it.
    pub received: u64,
    /// The total the server announced, if it did.
    pub total: Option<u64>,
    /// What went wrong, in words.
    pub reason: String,
}

impl fmt::Display for PaginationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} page {} (after {} item(s)",
            self.action, self.page, self.received
        )?;
        if let Some(total) = self.total {
            write!(f, " of {total} announced")?;
        }
        write!(f, "): {}", self.reason)
    }
}

impl std::error::Error for PaginationError {}

/// An error code from the server.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiError<E> {
    /// The typed code.
    pub error: E,
    /// The code as sent (also `error.code()`).
    pub code: String,
    /// The server's message, whole (errors print at most 1 KiB of it).
    pub message: String,
    /// HTTP status of the answer.
    pub http_status: u16,
    /// The request id the server assigned, for support.
    pub request_id: Option<String>,
}

impl<E> ApiError<E> {
    /// The server's message, whole: `Display` and `Debug` of an error print at most 1 KiB
    /// of it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl<E: fmt::Debug> fmt::Debug for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_bounded(f, |f| {
            f.debug_struct("ApiError")
                .field("error", &ClipDebug(&self.error))
                .field("code", &Clip(&self.code))
                .field("message", &Clip(&self.message))
                .field("http_status", &self.http_status)
                .field("request_id", &self.request_id.as_deref().map(Clip))
                .finish()
        })
    }
}

/// A transport failure: the connection could not be opened, or failed before a whole answer
/// arrived.
pub struct TransportError {
    /// What failed, in words, with the HTTP client's own account of it.
    pub message: String,
    /// Attempts made.
    pub attempts: u32,
    /// The underlying error.
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
    /// See [`TransportError::may_have_been_received`].
    may_have_been_received: bool,
}

impl TransportError {
    pub(crate) fn new(
        message: String,
        attempts: u32,
        may_have_been_received: bool,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        TransportError {
            message,
            attempts,
            source: Some(Box::new(source)),
            may_have_been_received,
        }
    }

    /// Whether the server may have received the request, in this attempt or an earlier one
    /// (and so may have acted on it): `false` only when every attempt failed to connect to
    /// the endpoint, or was refused with throttling, so that nothing was done.
    ///
    /// When this is `true` for a write, the write may have taken effect: look (describe the
    /// resource) before sending it again.
    pub fn may_have_been_received(&self) -> bool {
        self.may_have_been_received
    }

    /// Count an earlier attempt that may have been received.
    pub(crate) fn received_before(&mut self, yes: bool) {
        self.may_have_been_received |= yes;
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "transport error after {} attempt(s): {}; ",
            self.attempts,
            Clip(&self.message)
        )?;
        if self.may_have_been_received {
            f.write_str(
                "the server may have received the request and acted on it: look before sending a write again",
            )
        } else {
            f.write_str("the request was not received")
        }
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_bounded(f, |f| {
            f.debug_struct("TransportError")
                .field("message", &Clip(&self.message))
                .field("attempts", &self.attempts)
                .field("may_have_been_received", &self.may_have_been_received)
                .field("source", &self.source.as_deref().map(ClipDebug))
                .finish()
        })
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|s| s as &(dyn std::error::Error + 'static))
    }
}

/// An answer that could not be read.
#[derive(Clone, PartialEq, Eq)]
pub struct Undecodable {
    /// HTTP status of the answer.
    pub http_status: u16,
    /// The request id, when the body or headers carried one.
    pub request_id: Option<String>,
    /// Why it could not be read.
    pub reason: String,
    /// The start of the body (at most 512 bytes, cut at a character boundary).
    pub snippet: String,
}

impl fmt::Debug for Undecodable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_bounded(f, |f| {
            f.debug_struct("Undecodable")
                .field("http_status", &self.http_status)
                .field("request_id", &self.request_id.as_deref().map(Clip))
                .field("reason", &Clip(&self.reason))
                .field("snippet", &Clip(&self.snippet))
                .finish()
        })
    }
}

impl<E> Error<E> {
    /// The HTTP status, when the server answered.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::Api(e) | Error::Throttled(e) => Some(e.http_status),
            Error::Undecodable(u) => Some(u.http_status),
            Error::Redirect { http_status, .. } | Error::ResponseTooLarge { http_status, .. } => {
                Some(*http_status)
            }
            _ => None,
        }
    }

    /// The request id, when the server gave one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) | Error::Throttled(e) => e.request_id.as_deref(),
            Error::Undecodable(u) => u.request_id.as_deref(),
            _ => None,
        }
    }

    /// The typed error code, when the server sent one.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Error::Api(e) | Error::Throttled(e) => Some(&e.error),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display_bounded(f, |f| self.display_whole(f))
    }
}

/// `, request id <id>`, when there is one.
struct RequestId<'a>(&'a Option<String>);

impl fmt::Display for RequestId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(id) => write!(f, ", request id {}", Clip(id)),
            None => Ok(()),
        }
    }
}

impl<E> Error<E> {
    /// `Display`, before the bound on its length.
    fn display_whole(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(v) => write!(f, "{v}"),
            Error::Api(e) => write!(
                f,
                "{} (HTTP {}{}): {}",
                Clip(&e.code),
                e.http_status,
                RequestId(&e.request_id),
                Clip(&e.message)
            ),
            Error::Throttled(e) => write!(
                f,
                "throttled: {} (HTTP {}{}): {}",
                Clip(&e.code),
                e.http_status,
                RequestId(&e.request_id),
                Clip(&e.message)
            ),
            Error::Transport(t) => write!(f, "{t}"),
            Error::Timeout { after, attempts } => {
                write!(
                    f,
                    "no answer within {after:?} (after {attempts} attempt(s)); the server may \
                     have received the request and acted on it"
                )
            }
            Error::Undecodable(u) => write!(
                f,
                "undecodable answer (HTTP {}{}): {}; body starts: {:?}",
                u.http_status,
                RequestId(&u.request_id),
                Clip(&u.reason),
                Clip(&u.snippet)
            ),
            Error::Redirect {
                action,
                http_status,
                location,
            } => {
                write!(
                    f,
                    "{action}: the server answered HTTP {http_status}, a redirect"
                )?;
                if let Some(location) = location {
                    write!(f, " to {}", Clip(location))?;
                }
                f.write_str("; redirects are not followed (check the endpoint)")
            }
            Error::ResponseTooLarge {
                action,
                limit,
                http_status,
            } => write!(
                f,
                "{action}: the answer (HTTP {http_status}) is longer than the limit of {limit} bytes; \
                 the connection was dropped (see Config::max_response_bytes)"
            ),
            Error::Pagination(p) => write!(f, "pagination: {p}"),
            Error::Config(c) => write!(f, "{c}"),
        }
    }
}

impl<E: fmt::Debug> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_bounded(f, |f| match self {
            Error::Validation(v) => f.debug_tuple("Validation").field(v).finish(),
            Error::Api(e) => f.debug_tuple("Api").field(e).finish(),
            Error::Throttled(e) => f.debug_tuple("Throttled").field(e).finish(),
            Error::Transport(t) => f.debug_tuple("Transport").field(t).finish(),
            Error::Timeout { after, attempts } => f
                .debug_struct("Timeout")
                .field("after", after)
                .field("attempts", attempts)
                .finish(),
            Error::Undecodable(u) => f.debug_tuple("Undecodable").field(u).finish(),
            Error::Redirect {
                action,
                http_status,
                location,
            } => f
                .debug_struct("Redirect")
                .field("action", action)
                .field("http_status", http_status)
                .field("location", &location.as_deref().map(Clip))
                .finish(),
            Error::ResponseTooLarge {
                action,
                limit,
                http_status,
            } => f
                .debug_struct("ResponseTooLarge")
                .field("action", action)
                .field("limit", limit)
                .field("http_status", http_status)
                .finish(),
            Error::Pagination(p) => f.debug_tuple("Pagination").field(p).finish(),
            Error::Config(c) => f.debug_tuple("Config").field(c).finish(),
        })
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Validation(v) => Some(v),
            Error::Pagination(p) => Some(p),
            Error::Config(c) => Some(c),
            Error::Transport(t) => t
                .source
                .as_deref()
                .map(|s| s as &(dyn std::error::Error + 'static)),
            _ => None,
        }
    }
}
