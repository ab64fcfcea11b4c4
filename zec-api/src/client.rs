//! The client: configuration, and one call's journey: validate, serialise, then per attempt
//! sign, send and decode, retrying as [`RetryPolicy`] says.

use crate::action::{Action, ActionRequest};
use crate::credentials::Credentials;
use crate::error::{ApiError, Error, ErrorCode, TransportError, Undecodable, snippet};
use crate::retry::{Failure, RetryPolicy};
use crate::sign;
use crate::validation::run_validation;
use serde_json::{Map, Value};
use std::sync::{Arc, Once};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tracing::Instrument;

/// The API version every request names (`X-ZC-Version`).
pub const API_VERSION: &str = "2025-09-01";
/// The service every request names (`X-ZC-Service`).
pub const SERVICE: &str = "zec";
/// Where requests are posted, under the endpoint.
pub const API_PATH: &str = "/api/v2/zec";
/// The public endpoint.
pub const DEFAULT_ENDPOINT: &str = "https://console.zenlayer.com";
/// The code the server uses for throttling, with HTTP 429 or even 200.
pub const THROTTLE_CODE: &str = "REQUEST_LIMIT_EXCEEDED";

/// How a [`Client`] connects, authenticates and retries.
#[derive(Clone, Debug)]
pub struct Config {
    endpoint: String,
    credentials: Option<Credentials>,
    connect_timeout: Duration,
    attempt_timeout: Duration,
    retry: RetryPolicy,
    http: Option<reqwest::Client>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            endpoint: DEFAULT_ENDPOINT.to_string(),
            credentials: None,
            connect_timeout: Duration::from_secs(10),
            attempt_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            http: None,
        }
    }
}

impl Config {
    /// The public endpoint, no credentials, default timeouts and retries.
    pub fn new() -> Self {
        Self::default()
    }

    /// From the environment: credentials as [`Credentials::from_env`] reads them, and
    /// `ZENLAYER_ENDPOINT` when set.
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`Config::from_env`], reading variables through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let mut config = Config::new();
        if let Some(endpoint) = lookup("ZENLAYER_ENDPOINT").filter(|e| !e.trim().is_empty()) {
            config.endpoint = endpoint.trim().to_string();
        }
        config.credentials = Credentials::from_lookup(lookup);
        config
    }

    /// Where to send requests (`https://console.zenlayer.com`); `http://` only for loopback.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = endpoint.into();
        self
    }

    /// How to authenticate.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// How long connecting may take (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one attempt may take, from sending to the end of the answer (default 30 s).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = timeout;
        self
    }

    /// When and how to retry (default: [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Use this HTTP client (its own proxies and TLS settings apply; the connect timeout here
    /// does not, the attempt timeout does).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The configured endpoint.
    pub fn endpoint_url(&self) -> &str {
        &self.endpoint
    }

    /// The configured credentials.
    pub fn credentials_ref(&self) -> Option<&Credentials> {
        self.credentials.as_ref()
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }
}

/// A ZEC client. Cheap to clone; clones share connections.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: Config,
    http: reqwest::Client,
    url: String,
    /// `host[:port]` as the server sees it, for the signature.
    host: String,
}

/// Install the TLS crypto provider once; if the application installed one, that one is kept.
fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// What one attempt brought back, before decoding.
struct Answer {
    status: u16,
    retry_after: Option<Duration>,
    body: Vec<u8>,
}

/// Why one attempt brought nothing back.
enum AttemptError {
    /// The connection could not be opened: nothing was sent.
    NotSent(reqwest::Error),
    /// The attempt timed out.
    Timeout,
    /// The connection failed after the request may have left.
    Dropped(reqwest::Error),
}

impl Client {
    /// A client for this configuration. Fails on an endpoint that is not `https://` (or
    /// `http://` to a loopback address), or when the HTTP client cannot be built.
    pub fn new(config: Config) -> Result<Self, Error<std::convert::Infallible>> {
        let url = reqwest::Url::parse(&config.endpoint).map_err(|e| {
            Error::Config(format!("endpoint {:?} is not a URL: {e}", config.endpoint))
        })?;
        let host_name = url
            .host_str()
            .ok_or_else(|| Error::Config(format!("endpoint {:?} has no host", config.endpoint)))?
            .to_string();
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&host_name) => {}
            other => {
                return Err(Error::Config(format!(
                    "endpoint scheme {other}:// is refused; use https:// (http:// only to a loopback address)"
                )));
            }
        }
        let host = match url.port() {
            Some(port) => format!("{host_name}:{port}"),
            None => host_name,
        };
        let http = match &config.http {
            Some(http) => http.clone(),
            None => {
                install_crypto_provider();
                reqwest::Client::builder()
                    .connect_timeout(config.connect_timeout)
                    .build()
                    .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?
            }
        };
        let base = config.endpoint.trim_end_matches('/');
        let url = format!("{base}{API_PATH}");
        Ok(Client {
            inner: Arc::new(Inner {
                config,
                http,
                url,
                host,
            }),
        })
    }

    /// A client configured from the environment ([`Config::from_env`]).
    pub fn from_env() -> Result<Self, Error<std::convert::Infallible>> {
        Client::new(Config::from_env())
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Send any action's request, built ahead of time:
    /// `client.send(AssociateEipAddressRequest::default().eip_ids(ids).nat_id("nat-1"))`.
    ///
    /// The request is validated first; nothing is sent if that fails. Throttling is retried,
    /// and so are server errors and connection failures of read-only actions (see
    /// [`RetryPolicy`]); every attempt is signed afresh.
    pub async fn send<R: ActionRequest>(
        &self,
        request: R,
    ) -> Result<<R::Action as Action>::Response, Error<<R::Action as Action>::Error>> {
        let name = <R::Action as Action>::NAME;
        run_validation(name, &request).map_err(Error::Validation)?;
        let body = serde_json::to_vec(&request)
            .map_err(|e| Error::Config(format!("cannot serialise the {name} request: {e}")))?;
        let span = tracing::info_span!("zec_call", action = name);
        self.execute::<R::Action>(body).instrument(span).await
    }

    /// The attempts of one call, with retries.
    async fn execute<A: Action>(&self, body: Vec<u8>) -> Result<A::Response, Error<A::Error>> {
        let credentials =
            self.inner.config.credentials.as_ref().ok_or_else(|| {
                Error::Config("no credentials: set an access key or a token".into())
            })?;
        let policy = &self.inner.config.retry;
        let started = Instant::now();
        let mut attempt = 1u32;
        loop {
            // One span per attempt, carrying the request id the server gave it.
            let span = tracing::info_span!(
                "attempt",
                number = attempt,
                request_id = tracing::field::Empty
            );
            let outcome = self
                .attempt(A::NAME, credentials, &body)
                .instrument(span.clone())
                .await;
            let (error, failure, retry_after) = match outcome {
                Ok(answer) => {
                    let (request_id, decoded) = decode::<A>(answer.status, &answer.body);
                    if let Some(id) = &request_id {
                        span.record("request_id", id.as_str());
                    }
                    match decoded {
                        Ok(response) => {
                            tracing::debug!(parent: &span, status = answer.status, "call succeeded");
                            return Ok(response);
                        }
                        Err(e) => {
                            let failure = classify(&e, answer.status);
                            (e, failure, answer.retry_after)
                        }
                    }
                }
                Err(AttemptError::NotSent(e)) => (transport(e, attempt), Failure::NotSent, None),
                Err(AttemptError::Dropped(e)) => {
                    (transport(e, attempt), Failure::MaybeApplied, None)
                }
                Err(AttemptError::Timeout) => (
                    Error::Timeout {
                        after: self.inner.config.attempt_timeout,
                        attempts: attempt,
                    },
                    Failure::MaybeApplied,
                    None,
                ),
            };
            let delay = policy.delay(attempt + 1, retry_after);
            let in_budget =
                attempt < policy.max_attempts && started.elapsed() + delay <= policy.max_elapsed;
            if !(failure.retryable(A::READ_ONLY, policy) && in_budget) {
                tracing::debug!(parent: &span, error = %ErrorSummary(&error), "call failed");
                return Err(with_attempts(error, attempt));
            }
            tracing::info!(
                parent: &span,
                delay_ms = delay.as_millis() as u64,
                reason = %ErrorSummary(&error),
                "retrying"
            );
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// One signed POST; the status and the whole body.
    async fn attempt(
        &self,
        action: &str,
        credentials: &Credentials,
        body: &[u8],
    ) -> Result<Answer, AttemptError> {
        const CONTENT_TYPE: &str = "application/json";
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let mut req = self
            .inner
            .http
            .post(&self.inner.url)
            .timeout(self.inner.config.attempt_timeout)
            .header("Content-Type", CONTENT_TYPE)
            .header("X-ZC-Action", action)
            .header("X-ZC-Version", API_VERSION)
            .header("X-ZC-Service", SERVICE);
        req = match credentials {
            Credentials::AccessKey { id, secret } => {
                let auth = sign::sign(
                    id,
                    secret.expose(),
                    timestamp,
                    CONTENT_TYPE,
                    &self.inner.host,
                    body,
                );
                req.header("X-ZC-Timestamp", timestamp.to_string())
                    .header("X-ZC-Signature-Method", sign::ALGORITHM)
                    .header("Authorization", auth)
            }
            Credentials::Token(token) => {
                req.header("Authorization", format!("Bearer {}", token.expose()))
            }
        };
        let response = req.body(body.to_vec()).send().await.map_err(|e| {
            if e.is_timeout() {
                AttemptError::Timeout
            } else if e.is_connect() {
                AttemptError::NotSent(e)
            } else {
                AttemptError::Dropped(e)
            }
        })?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("Retry-After")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let bytes = response.bytes().await.map_err(|e| {
            if e.is_timeout() {
                AttemptError::Timeout
            } else {
                AttemptError::Dropped(e)
            }
        })?;
        Ok(Answer {
            status,
            retry_after,
            body: bytes.to_vec(),
        })
    }
}

/// How retrying sees a decoded failure.
fn classify<E>(error: &Error<E>, status: u16) -> Failure {
    match error {
        Error::Throttled(_) => Failure::Throttled,
        Error::Api(_) | Error::Undecodable(_) if status >= 500 => Failure::MaybeApplied,
        _ => Failure::Final,
    }
}

fn transport<E>(e: reqwest::Error, attempts: u32) -> Error<E> {
    Error::Transport(TransportError {
        message: e.to_string(),
        attempts,
        source: Some(Box::new(e)),
    })
}

/// The error, with the number of attempts made.
fn with_attempts<E>(error: Error<E>, attempts: u32) -> Error<E> {
    match error {
        Error::Transport(mut t) => {
            t.attempts = attempts;
            Error::Transport(t)
        }
        Error::Timeout { after, .. } => Error::Timeout { after, attempts },
        other => other,
    }
}

/// A one-line description of an error for logs: the kind, status and code, nothing sent by
/// the caller.
struct ErrorSummary<'a, E>(&'a Error<E>);

impl<E> std::fmt::Display for ErrorSummary<'_, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Error::Api(e) => write!(f, "api error {} (HTTP {})", e.code, e.http_status),
            Error::Throttled(e) => write!(f, "throttled {} (HTTP {})", e.code, e.http_status),
            Error::Undecodable(u) => write!(f, "undecodable answer (HTTP {})", u.http_status),
            Error::Transport(t) => write!(f, "transport: {}", t.message),
            Error::Timeout { after, .. } => write!(f, "timeout after {after:?}"),
            Error::Validation(_) => f.write_str("validation"),
            Error::Config(m) => write!(f, "configuration: {m}"),
        }
    }
}

/// What a call of action `A` returns.
pub type ActionResult<A> = Result<<A as Action>::Response, Error<<A as Action>::Error>>;

/// Read an answer: `{requestId, response}` on success, `{requestId, code, message}` on failure.
/// Returns the request id too, when the body has one.
pub fn decode<A: Action>(status: u16, body: &[u8]) -> (Option<String>, ActionResult<A>) {
    let mut request_id = None;
    let result = decode_envelope::<A>(status, body, &mut request_id);
    (request_id, result)
}

fn decode_envelope<A: Action>(
    status: u16,
    body: &[u8],
    found_id: &mut Option<String>,
) -> Result<A::Response, Error<A::Error>> {
    let undecodable = |reason: String, request_id: Option<String>| {
        Error::Undecodable(Undecodable {
            http_status: status,
            request_id,
            reason,
            snippet: snippet(body, 512),
        })
    };
    let mut envelope: Map<String, Value> = match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => map,
        Ok(_) => {
            return Err(undecodable(
                "the body is JSON but not an object".into(),
                None,
            ));
        }
        Err(e) => return Err(undecodable(format!("the body is not JSON ({e})"), None)),
    };
    let request_id = envelope
        .get("requestId")
        .and_then(Value::as_str)
        .map(str::to_string);
    found_id.clone_from(&request_id);
    let code = envelope
        .get("code")
        .and_then(Value::as_str)
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    if let Some(code) = code {
        let message = envelope
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let error = ApiError {
            error: A::Error::from_code(&code),
            code: code.clone(),
            message,
            http_status: status,
            request_id,
        };
        return Err(if status == 429 || code == THROTTLE_CODE {
            Error::Throttled(error)
        } else {
            Error::Api(error)
        });
    }
    if !(200..300).contains(&status) {
        return Err(undecodable(
            format!("HTTP {status} without an error code"),
            request_id,
        ));
    }
    match envelope.remove("response") {
        Some(response) => serde_json::from_value(response).map_err(|e| {
            undecodable(
                format!("`response` does not match {}Response: {e}", A::NAME),
                request_id,
            )
        }),
        None => Err(undecodable(
            "a success without `response`".into(),
            request_id,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_must_be_https_or_loopback_http() {
        for ok in [
            "https://console.zenlayer.com",
            "http://127.0.0.1:8080",
            "http://localhost:1",
            "http://[::1]:9",
        ] {
            assert!(Client::new(Config::new().endpoint(ok)).is_ok(), "{ok}");
        }
        for refused in [
            "http://console.zenlayer.com",
            "ftp://127.0.0.1",
            "not a url",
            "https://",
        ] {
            let err = Client::new(Config::new().endpoint(refused)).unwrap_err();
            assert!(matches!(err, Error::Config(_)), "{refused}: {err}");
        }
    }

    #[test]
    fn the_signed_host_keeps_a_non_default_port() {
        let client = Client::new(Config::new().endpoint("http://127.0.0.1:8080/")).unwrap();
        assert_eq!(client.inner.host, "127.0.0.1:8080");
        assert_eq!(client.inner.url, "http://127.0.0.1:8080/api/v2/zec");
        let client = Client::new(Config::new()).unwrap();
        assert_eq!(client.inner.host, "console.zenlayer.com");
    }

    #[test]
    fn configuration_from_the_environment() {
        let env = |name: &str| match name {
            "ZENLAYER_ENDPOINT" => Some(" http://127.0.0.1:9000 ".to_string()),
            "ZENLAYER_TOKEN" => Some("t".to_string()),
            _ => None,
        };
        let config = Config::from_lookup(env);
        assert_eq!(config.endpoint_url(), "http://127.0.0.1:9000");
        assert_eq!(config.credentials_ref(), Some(&Credentials::token("t")));
        let config = Config::from_lookup(|_| None);
        assert_eq!(config.endpoint_url(), DEFAULT_ENDPOINT);
        assert!(config.credentials_ref().is_none());
    }
}
