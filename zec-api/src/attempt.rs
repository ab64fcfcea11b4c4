//! One attempt of a call: sign, POST, read the status and the body (bounded), and say, when
//! it fails, whether the server may have received the request.

use crate::action::Service;
use crate::body::{BodyError, read_limited};
use crate::credentials::Credentials;
use crate::error::{ConfigError, Error, TransportError};
use crate::retry::Failure;
use crate::scrub::Scrub;
use crate::sign;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Where requests go, and the HTTP client that takes them there.
#[derive(Debug)]
pub(crate) struct Endpoint {
    pub(crate) http: reqwest::Client,
    /// The configured endpoint without a trailing `/`; each service's path goes after it.
    pub(crate) base: String,
    /// `host[:port]` as the server sees it, for the signature.
    pub(crate) host: String,
    /// The HTTP client is the client's own, which follows no redirect. One given in the
    /// configuration may, and then a failure to connect may be one to the redirect's target
    /// after the endpoint received the request (reqwest reports it with the endpoint's URL).
    pub(crate) own_http: bool,
}

impl Endpoint {
    /// Where requests of `service` are posted: `<endpoint><service path>`.
    pub(crate) fn url(&self, service: Service) -> Result<reqwest::Url, String> {
        reqwest::Url::parse(&format!("{}{}", self.base, service.path))
            .map_err(|e| format!("{}{} is not a URL: {e}", self.base, service.path))
    }
}

/// How long an attempt may take and how much it may read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) timeout: Duration,
    pub(crate) max_body: u64,
}

/// What one attempt brought back, before decoding.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) body: Vec<u8>,
}

/// Why one attempt brought no answer to decode.
#[derive(Debug)]
pub(crate) enum AttemptError {
    /// Connecting to the endpoint failed: the request certainly did not leave.
    NotSent(reqwest::Error),
    /// The attempt timed out.
    Timeout,
    /// The connection failed after the request may have left; `when` says at what point.
    Dropped { error: reqwest::Error, when: Lost },
    /// The server answered with a redirect, which is not followed.
    Redirect {
        status: u16,
        location: Option<String>,
    },
    /// The body is longer than the limit.
    TooLarge { status: u16 },
    /// The service's path makes no URL with the endpoint; nothing was sent.
    BadUrl(String),
}

/// When a connection failed that the request may have gone through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lost {
    /// Connecting, through an HTTP client given in the configuration (which may have been
    /// connecting to a redirect's target after the endpoint received the request).
    Connecting,
    /// Sending the request or waiting for the answer's head.
    BeforeAnswer,
    /// Reading the body of an answer whose head (with this status) had arrived.
    ReadingBody { status: u16 },
}

impl AttemptError {
    /// Whether retrying may help, and whether the request may have been received.
    pub(crate) fn failure(&self) -> Failure {
        match self {
            AttemptError::NotSent(_) => Failure::NotSent,
            AttemptError::Timeout
            | AttemptError::Dropped { .. }
            | AttemptError::Redirect { .. } => Failure::MaybeReceived,
            // The same request would bring the same answer.
            AttemptError::TooLarge { .. } | AttemptError::BadUrl(_) => Failure::Final,
        }
    }

    /// The error the caller sees, with the attempt's secrets scrubbed from what came from
    /// the network.
    pub(crate) fn into_error<E>(
        self,
        action: &'static str,
        limits: Limits,
        attempts: u32,
        scrub: &Scrub,
    ) -> Error<E> {
        let may_have_been_received = self.failure() != Failure::NotSent;
        match self {
            AttemptError::NotSent(error) => Error::Transport(TransportError::new(
                format!("could not connect to the endpoint: {}", error_chain(&error)),
                attempts,
                may_have_been_received,
                error,
            )),
            AttemptError::Dropped { error, when } => {
                let what = match when {
                    Lost::Connecting => "connecting failed through the configured HTTP client, \
                        which may have been following a redirect from the endpoint"
                        .to_string(),
                    Lost::BeforeAnswer => {
                        "the connection failed after sending began, before an answer arrived"
                            .to_string()
                    }
                    Lost::ReadingBody { status } => format!(
                        "the connection failed while the answer (HTTP {status}) was being read, \
                         after the server had the request"
                    ),
                };
                Error::Transport(TransportError::new(
                    format!("{what}: {}", scrub.text(&error_chain(&error))),
                    attempts,
                    may_have_been_received,
                    error,
                ))
            }
            AttemptError::Timeout => Error::Timeout {
                after: limits.timeout,
                attempts,
            },
            AttemptError::Redirect { status, location } => Error::Redirect {
                action,
                http_status: status,
                location: location.map(|l| scrub.owned(&l)),
            },
            AttemptError::TooLarge { status } => Error::ResponseTooLarge {
                action,
                limit: limits.max_body,
                http_status: status,
            },
            AttemptError::BadUrl(message) => Error::Config(ConfigError::new(message)),
        }
    }
}

/// An error and its sources, joined by `: ` (reqwest's own text is vague without them).
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.ends_with(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

const CONTENT_TYPE: &str = "application/json";

/// What one attempt proves who sends it with: the `Authorization` header value, and the
/// timestamp it signed (none for a token).
pub(crate) struct Authorization {
    pub(crate) value: String,
    timestamp: Option<u64>,
}

/// The `Authorization` of an attempt that posts `body` to `host` now: signed afresh for an
/// access key, `Bearer` for a token.
pub(crate) fn authorization(credentials: &Credentials, host: &str, body: &[u8]) -> Authorization {
    match credentials {
        Credentials::AccessKey { id, secret } => {
            let timestamp = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            Authorization {
                value: sign::sign(id, secret.expose(), timestamp, CONTENT_TYPE, host, body),
                timestamp: Some(timestamp),
            }
        }
        Credentials::Token(token) => Authorization {
            value: format!("Bearer {}", token.expose()),
            timestamp: None,
        },
    }
}

/// One POST of `body` for `action` of `service`, carrying `authorization`: the status,
/// `Retry-After` and the whole body.
pub(crate) async fn attempt(
    endpoint: &Endpoint,
    limits: Limits,
    action: &str,
    service: Service,
    authorization: &Authorization,
    body: &[u8],
) -> Result<Answer, AttemptError> {
    let url = endpoint.url(service).map_err(AttemptError::BadUrl)?;
    let mut req = endpoint
        .http
        .post(url.clone())
        .timeout(limits.timeout)
        .header("Content-Type", CONTENT_TYPE)
        .header("X-ZC-Action", action)
        .header("X-ZC-Version", service.version)
        .header("X-ZC-Service", service.name);
    if let Some(timestamp) = authorization.timestamp {
        req = req
            .header("X-ZC-Timestamp", timestamp.to_string())
            .header("X-ZC-Signature-Method", sign::ALGORITHM);
    }
    req = req.header("Authorization", authorization.value.as_str());
    let mut response = req
        .body(body.to_vec())
        .send()
        .await
        .map_err(|e| send_error(endpoint, e))?;
    let status = response.status().as_u16();
    if response.status().is_redirection() {
        let location = header(&response, "Location");
        return Err(AttemptError::Redirect { status, location });
    }
    if *response.url() != url {
        // An HTTP client given in the configuration followed a redirect on its own.
        return Err(AttemptError::Redirect {
            status,
            location: Some(response.url().to_string()),
        });
    }
    let retry_after = header(&response, "Retry-After")
        .and_then(|v| crate::retry::retry_after(&v, SystemTime::now()));
    let body = read_limited(&mut response, limits.max_body)
        .await
        .map_err(|e| match e {
            BodyError::TooLarge => AttemptError::TooLarge { status },
            BodyError::Failed(e) if e.is_timeout() => AttemptError::Timeout,
            BodyError::Failed(error) => AttemptError::Dropped {
                error,
                when: Lost::ReadingBody { status },
            },
        })?;
    Ok(Answer {
        status,
        retry_after,
        body,
    })
}

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// Classify a failure to get an answer. Only a failure to connect to the endpoint itself
/// means the request did not leave; anything later may have been received, and so may a
/// failure to connect through an HTTP client that follows redirects (it may have been one to
/// the redirect's target).
fn send_error(endpoint: &Endpoint, e: reqwest::Error) -> AttemptError {
    if e.is_connect() && endpoint.own_http {
        AttemptError::NotSent(e)
    } else if e.is_timeout() {
        AttemptError::Timeout
    } else if e.is_connect() {
        AttemptError::Dropped {
            error: e,
            when: Lost::Connecting,
        }
    } else {
        AttemptError::Dropped {
            error: e,
            when: Lost::BeforeAnswer,
        }
    }
}
