//! The client: configuration, and one call's journey: validate, serialise, then per attempt
//! sign, send and decode, retrying as [`RetryPolicy`] says. One attempt is in `attempt.rs`,
//! reading the answer in `decode.rs`.

use crate::action::{Action, ActionRequest};
use crate::attempt::{Endpoint, Limits, attempt, authorization};
use crate::credentials::Credentials;
use crate::decode::decode_with;
use crate::error::{ConfigError, Error};
use crate::profile;
use crate::retry::{Failure, RetryPolicy};
use crate::scrub::{Scrub, Secrets};
use crate::shown::Clip;
use crate::validation::{ValidationMode, run_validation};
use std::path::PathBuf;
use std::sync::{Arc, Once};
use std::time::Duration;
// Tokio's clock: the same as the system's, except in tests that pause time.
use tokio::time::Instant;
use tracing::Instrument;

/// The public endpoint.
pub const DEFAULT_ENDPOINT: &str = "https://console.zenlayer.com";
/// The code the server uses for throttling, with HTTP 429 or even 200.
pub const THROTTLE_CODE: &str = "REQUEST_LIMIT_EXCEEDED";
/// The longest answer body read by default: 64 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

/// How a [`Client`] connects, authenticates, validates and retries.
#[derive(Clone, Debug)]
pub struct Config {
    endpoint: String,
    credentials: Option<Credentials>,
    connect_timeout: Duration,
    attempt_timeout: Duration,
    max_response_bytes: u64,
    retry: RetryPolicy,
    validation: ValidationMode,
    http: Option<reqwest::Client>,
    proxy: Proxy,
    profiles: ProfileSource,
}

/// Which proxy the client's own HTTP client takes `https://` requests through.
#[derive(Clone, Default, PartialEq, Eq)]
enum Proxy {
    /// The environment's: `HTTPS_PROXY`, `ALL_PROXY` and `NO_PROXY` (and their lower-case
    /// forms), as reqwest reads them.
    #[default]
    Environment,
    /// None.
    Direct,
    /// This one, whatever the environment says.
    Url(String),
}

impl std::fmt::Debug for Proxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Proxy::Environment => f.write_str("Environment"),
            Proxy::Direct => f.write_str("Direct"),
            Proxy::Url(url) => f.debug_tuple("Url").field(&shown_proxy(url)).finish(),
        }
    }
}

/// A proxy's URL without the user name and password it may carry.
fn shown_proxy(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut parsed) => {
            if !parsed.username().is_empty() || parsed.password().is_some() {
                let _ = parsed.set_username("redacted");
                let _ = parsed.set_password(None);
            }
            parsed.to_string()
        }
        Err(_) => "(not a URL)".to_string(),
    }
}

/// Where credentials come from when none are set: the CLI's profiles, if asked.
#[derive(Clone, Debug, Default)]
struct ProfileSource {
    /// Look at the profiles at all (`from_env`, or a profile named).
    enabled: bool,
    /// The profile named by `Config::profile`.
    name: Option<String>,
    /// The profile named by `ZENLAYER_PROFILE`.
    env_name: Option<String>,
    /// The folder of the CLI's files (`~/.zenlayer`).
    dir: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            endpoint: DEFAULT_ENDPOINT.to_string(),
            credentials: None,
            connect_timeout: Duration::from_secs(10),
            attempt_timeout: Duration::from_secs(30),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            retry: RetryPolicy::default(),
            validation: ValidationMode::default(),
            http: None,
            proxy: Proxy::Environment,
            profiles: ProfileSource::default(),
        }
    }
}

impl Config {
    /// The public endpoint, no credentials, default timeouts and retries.
    pub fn new() -> Self {
        Self::default()
    }

    /// From the environment, as Zenlayer's CLI reads it: `ZENLAYER_ENDPOINT` when set;
    /// credentials from `ZENLAYER_TOKEN` or `ZENLAYER_ACCESS_KEY_ID` with
    /// `ZENLAYER_ACCESS_KEY_SECRET` (see [`Credentials::from_env`]), else from the CLI's
    /// profile in `~/.zenlayer/credentials.json`: the one `ZENLAYER_PROFILE` names, else
    /// `current_profile` of `~/.zenlayer/config.json`, else `default`. The files are read
    /// when the client is made ([`Client::new`]).
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`Config::from_env`], reading variables through `lookup` (the home directory
    /// from `HOME`, or `USERPROFILE`).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let mut config = Config::new();
        if let Some(endpoint) = get("ZENLAYER_ENDPOINT") {
            config.endpoint = endpoint.trim().to_string();
        }
        config.credentials = Credentials::from_lookup(&lookup);
        config.profiles = ProfileSource {
            enabled: true,
            name: None,
            env_name: get("ZENLAYER_PROFILE").map(|p| p.trim().to_string()),
            dir: get("HOME")
                .or_else(|| get("USERPROFILE"))
                .map(|home| profile::dir_in(home.as_ref())),
        };
        config
    }

    /// Where to send requests (`https://console.zenlayer.com`); `http://` only for loopback.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = endpoint.into();
        self
    }

    /// How to authenticate (wins over the environment and profiles).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Take credentials from this profile of Zenlayer's CLI (`~/.zenlayer/credentials.json`)
    /// when none are set otherwise. [`Client::new`] fails when the profile does not exist.
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profiles.enabled = true;
        self.profiles.name = Some(name.into());
        self
    }

    /// Look for the CLI's `credentials.json` and `config.json` in `dir` instead of
    /// `~/.zenlayer`.
    pub fn profile_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.profiles.dir = Some(dir.into());
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

    /// The longest answer body the client reads, in bytes (default 64 MiB). A longer one
    /// fails the call with [`Error::ResponseTooLarge`] and its connection is dropped.
    pub fn max_response_bytes(mut self, bytes: u64) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// When and how to retry (default: [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// What to do with requests that break a documented rule (default
    /// [`ValidationMode::Enforce`]); per call, see [`Client::with_validation`].
    pub fn validation(mut self, mode: ValidationMode) -> Self {
        self.validation = mode;
        self
    }

    /// Use this HTTP client (its own proxies and TLS settings apply, for an `http://`
    /// endpoint too; the connect timeout and [`Config::proxy`] here do not, the attempt
    /// timeout does). Build it with
    /// `.redirect(reqwest::redirect::Policy::none())`: an answer that arrives after a
    /// redirect is refused with [`Error::Redirect`], but by then the request was sent there.
    /// Since such a client may follow redirects, a failure to connect through it counts as
    /// a request that may have been received: writes are not retried after it.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Send `https://` requests through this proxy (`http://proxy.example:3128`, or
    /// `https://…`; user and password may be in the URL), whatever the environment says.
    /// An `http://` endpoint, on loopback, is always reached directly: a proxy would see the
    /// whole request, its `Authorization` header included. [`Client::new`] fails on a URL
    /// that is not a proxy's.
    ///
    /// Without this (or [`Config::no_proxy`]), `https://` requests honour the environment's
    /// `HTTPS_PROXY`, `ALL_PROXY` and `NO_PROXY`, as command-line tools do.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Proxy::Url(url.into());
        self
    }

    /// Connect directly, whatever the environment's proxy variables say.
    pub fn no_proxy(mut self) -> Self {
        self.proxy = Proxy::Direct;
        self
    }

    /// The configured endpoint.
    pub fn endpoint_url(&self) -> &str {
        &self.endpoint
    }

    /// The credentials set or found in the environment (after [`Client::new`], also those
    /// of a profile).
    pub fn credentials_ref(&self) -> Option<&Credentials> {
        self.credentials.as_ref()
    }

    /// The credentials a client would use: those set, else the environment's, else the
    /// profile's (reading the CLI's files). Fails on a named profile that does not exist.
    pub fn resolved_credentials(&self) -> Result<Option<Credentials>, ConfigError> {
        if let Some(credentials) = &self.credentials {
            return Ok(Some(credentials.clone()));
        }
        let source = &self.profiles;
        if !source.enabled {
            return Ok(None);
        }
        let name = source.name.as_deref().or(source.env_name.as_deref());
        let dir = source.dir.clone().or_else(|| {
            std::env::var_os("HOME")
                .or_else(|| std::env::var_os("USERPROFILE"))
                .map(|home| profile::dir_in(home.as_ref()))
        });
        match (dir, name) {
            (Some(dir), name) => profile::load(&dir, name),
            (None, Some(name)) => Err(ConfigError::new(format!(
                "profile {name:?}: no home directory to find ~/.zenlayer/credentials.json in"
            ))),
            (None, None) => Ok(None),
        }
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The validation mode.
    pub fn validation_mode(&self) -> ValidationMode {
        self.validation
    }

    /// The longest answer body read, in bytes.
    pub fn max_response_bytes_limit(&self) -> u64 {
        self.max_response_bytes
    }
}

/// A ZEC client. Cheap to clone; clones share connections.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
    /// This view's validation mode (see [`Client::with_validation`]).
    validation: ValidationMode,
}

#[derive(Debug)]
struct Inner {
    config: Config,
    endpoint: Endpoint,
    /// The credentials' secret in the forms it is looked for in answers.
    secrets: Secrets,
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

impl Client {
    /// A client for this configuration. Fails on an endpoint that is not `https://` (or
    /// `http://` to a loopback address), on a named profile that does not exist, or when the
    /// HTTP client cannot be built.
    pub fn new(mut config: Config) -> Result<Self, ConfigError> {
        let parsed = reqwest::Url::parse(&config.endpoint).map_err(|e| {
            ConfigError::new(format!("endpoint {:?} is not a URL: {e}", config.endpoint))
        })?;
        let host_name = parsed
            .host_str()
            .ok_or_else(|| ConfigError::new(format!("endpoint {:?} has no host", config.endpoint)))?
            .to_string();
        match parsed.scheme() {
            "https" => {}
            "http" if is_loopback(&host_name) => {}
            other => {
                return Err(ConfigError::new(format!(
                    "endpoint scheme {other}:// is refused; use https:// (http:// only to a loopback address)"
                )));
            }
        }
        let host = match parsed.port() {
            Some(port) => format!("{host_name}:{port}"),
            None => host_name,
        };
        let own_http = config.http.is_none();
        let http = match &config.http {
            Some(_) if config.proxy != Proxy::Environment => {
                return Err(ConfigError::new(
                    "Config::proxy and Config::no_proxy do not apply to an HTTP client given with \
                     Config::http_client: set its proxies where it is built",
                ));
            }
            Some(http) => http.clone(),
            None => {
                install_crypto_provider();
                let builder = reqwest::Client::builder()
                    .connect_timeout(config.connect_timeout)
                    // A redirect would take the signed request elsewhere: never follow one.
                    .redirect(reqwest::redirect::Policy::none());
                let builder = match &config.proxy {
                    // Loopback, in clear text: a proxy would read every request whole.
                    _ if parsed.scheme() == "http" => builder.no_proxy(),
                    // reqwest reads HTTPS_PROXY, ALL_PROXY and NO_PROXY.
                    Proxy::Environment => builder,
                    Proxy::Direct => builder.no_proxy(),
                    Proxy::Url(url) => builder.proxy(reqwest::Proxy::all(url).map_err(|e| {
                        ConfigError::new(format!("proxy {}: {e}", shown_proxy(url)))
                    })?),
                };
                builder
                    .build()
                    .map_err(|e| ConfigError::new(format!("cannot build the HTTP client: {e}")))?
            }
        };
        let base = config.endpoint.trim_end_matches('/').to_string();
        config.credentials = config.resolved_credentials()?;
        let validation = config.validation;
        let secrets = Secrets::of(config.credentials.as_ref());
        Ok(Client {
            inner: Arc::new(Inner {
                secrets,
                config,
                endpoint: Endpoint {
                    http,
                    base,
                    host,
                    own_http,
                },
            }),
            validation,
        })
    }

    /// A client configured from the environment and the CLI's profiles
    /// ([`Config::from_env`]).
    pub fn from_env() -> Result<Self, ConfigError> {
        Client::new(Config::from_env())
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The same client (sharing its connections and configuration) with another validation
    /// mode, for the calls made through it:
    /// `client.with_validation(ValidationMode::Warn).send(request)`.
    pub fn with_validation(&self, mode: ValidationMode) -> Client {
        Client {
            inner: self.inner.clone(),
            validation: mode,
        }
    }

    /// The validation mode of calls made through this client.
    pub fn validation_mode(&self) -> ValidationMode {
        self.validation
    }

    /// Send any action's request, built ahead of time:
    /// `client.send(AssociateEipAddressRequest::default().eip_ids(ids).nat_id("nat-1"))`.
    ///
    /// The request is validated first, as the validation mode says (by default nothing is
    /// sent if that fails). Throttling is retried, and so are server errors and connection
    /// failures of read-only actions (see [`RetryPolicy`]); every attempt is signed afresh.
    pub async fn send<R: ActionRequest>(
        &self,
        request: R,
    ) -> Result<<R::Action as Action>::Response, Error<<R::Action as Action>::Error>> {
        let name = <R::Action as Action>::NAME;
        match self.validation {
            ValidationMode::Off => {}
            ValidationMode::Warn => {
                if let Err(v) = run_validation(name, &request) {
                    tracing::warn!(action = name, violations = %v, "sending a request that breaks documented rules");
                }
            }
            ValidationMode::Enforce => run_validation(name, &request).map_err(Error::Validation)?,
        }
        let body = serde_json::to_vec(&request).map_err(|e| {
            Error::Config(ConfigError::new(format!(
                "cannot serialise the {name} request: {e}"
            )))
        })?;
        let span = tracing::info_span!(
            "zec_call",
            service = <R::Action as Action>::SERVICE.name,
            action = name
        );
        self.execute::<R::Action>(body).instrument(span).await
    }

    /// The attempts of one call, with retries.
    async fn execute<A: Action>(&self, body: Vec<u8>) -> Result<A::Response, Error<A::Error>> {
        let config = &self.inner.config;
        let credentials = config.credentials.as_ref().ok_or_else(|| {
            Error::Config(ConfigError::new(
                "no credentials: set an access key or a token, in the configuration, the environment or a profile",
            ))
        })?;
        let policy = &config.retry;
        let limits = Limits {
            timeout: config.attempt_timeout,
            max_body: config.max_response_bytes,
        };
        let started = Instant::now();
        let mut attempt_number = 1u32;
        // Whether an earlier attempt may have reached the server (and been acted on).
        let mut received_before = false;
        loop {
            // One span per attempt, carrying the request id the server gave it.
            let span = tracing::info_span!(
                "attempt",
                number = attempt_number,
                request_id = tracing::field::Empty
            );
            let endpoint = &self.inner.endpoint;
            // Signed afresh for every attempt.
            let authorization = authorization(credentials, &endpoint.host, &body);
            // What this attempt must not let back out of an answer.
            let scrub = Scrub::new(&self.inner.secrets, &authorization.value);
            let outcome = attempt(endpoint, limits, A::NAME, A::SERVICE, &authorization, &body)
                .instrument(span.clone())
                .await;
            let (error, failure, retry_after) = match outcome {
                Ok(answer) => {
                    let (request_id, decoded) =
                        decode_with::<A>(answer.status, &answer.body, &scrub);
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
                Err(e) => {
                    let failure = e.failure();
                    let error = e.into_error(A::NAME, limits, attempt_number, &scrub);
                    (error, failure, None)
                }
            };
            let delay = policy.next_delay(attempt_number, started.elapsed(), retry_after);
            let delay = match delay {
                Some(delay) if failure.retryable(A::READ_ONLY, policy) => delay,
                _ => {
                    tracing::debug!(parent: &span, error = %ErrorSummary(&error), "call failed");
                    return Err(with_attempts(error, attempt_number, received_before));
                }
            };
            received_before |= failure == Failure::MaybeReceived;
            tracing::info!(
                parent: &span,
                delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                reason = %ErrorSummary(&error),
                "retrying"
            );
            tokio::time::sleep(delay).await;
            attempt_number += 1;
        }
    }
}

/// How retrying sees a decoded failure.
fn classify<E>(error: &Error<E>, status: u16) -> Failure {
    match error {
        Error::Throttled(_) => Failure::Throttled,
        Error::Api(_) | Error::Undecodable(_) if status >= 500 => Failure::MaybeReceived,
        _ => Failure::Final,
    }
}

/// The error, with the number of attempts made and whether an earlier one may have been
/// received.
fn with_attempts<E>(error: Error<E>, attempts: u32, received_before: bool) -> Error<E> {
    match error {
        Error::Transport(mut t) => {
            t.attempts = attempts;
            t.received_before(received_before);
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
            Error::Api(e) => write!(f, "api error {} (HTTP {})", Clip(&e.code), e.http_status),
            Error::Throttled(e) => {
                write!(f, "throttled {} (HTTP {})", Clip(&e.code), e.http_status)
            }
            Error::Undecodable(u) => write!(f, "undecodable answer (HTTP {})", u.http_status),
            Error::Transport(t) => write!(f, "transport: {}", Clip(&t.message)),
            Error::Timeout { after, .. } => write!(f, "timeout after {after:?}"),
            Error::Redirect { http_status, .. } => write!(f, "redirect (HTTP {http_status})"),
            Error::ResponseTooLarge {
                limit, http_status, ..
            } => write!(f, "answer over {limit} bytes (HTTP {http_status})"),
            Error::Pagination(_) => f.write_str("pagination"),
            Error::Validation(_) => f.write_str("validation"),
            Error::Config(c) => write!(f, "{c}"),
        }
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
            assert!(err.message().contains("endpoint"), "{refused}: {err}");
        }
    }

    #[test]
    fn the_signed_host_keeps_a_non_default_port() {
        let client = Client::new(Config::new().endpoint("http://127.0.0.1:8080/")).unwrap();
        assert_eq!(client.inner.endpoint.host, "127.0.0.1:8080");
        let zlb = crate::Service {
            name: "zlb",
            version: "2025-04-01",
            path: "/api/v2/zlb",
        };
        assert_eq!(
            client.inner.endpoint.url(zlb).unwrap().as_str(),
            "http://127.0.0.1:8080/api/v2/zlb"
        );
        let client = Client::new(Config::new()).unwrap();
        assert_eq!(client.inner.endpoint.host, "console.zenlayer.com");
    }

    #[test]
    fn proxies_are_checked_and_their_passwords_never_shown() {
        let config = Config::new().proxy("http://alice:pa55w0rd@127.0.0.1:3128");
        let shown = format!("{config:?}");
        assert!(shown.contains("127.0.0.1:3128"), "{shown}");
        assert!(
            !shown.contains("pa55w0rd") && !shown.contains("alice"),
            "{shown}"
        );
        assert!(Client::new(config).is_ok());
        assert!(Client::new(Config::new().no_proxy()).is_ok());
        let err = Client::new(Config::new().proxy("not a proxy")).unwrap_err();
        assert!(err.message().contains("proxy"), "{err}");
        // A proxy set here cannot reach inside an HTTP client given whole.
        for config in [Config::new().no_proxy(), Config::new().proxy("http://p:1")] {
            let err = Client::new(config.http_client(reqwest::Client::new())).unwrap_err();
            assert!(err.message().contains("Config::http_client"), "{err}");
        }
        assert!(Client::new(Config::new().http_client(reqwest::Client::new())).is_ok());
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
