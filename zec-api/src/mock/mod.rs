//! A ZEC server on loopback, for testing code that uses this crate (or any other ZEC client).
//!
//! It checks ZC2-HMAC-SHA256 signatures and timestamps (or bearer tokens), routes by
//! `X-ZC-Action`, decodes and validates the body with the generated types, and answers with
//! the responses a test registered, or by default the example response of the action's doc
//! page. Faults can be injected: an HTTP status, throttling, a delay, a malformed body.
//!
//! It is built not to fall over: request bodies are limited (HTTP 413 beyond
//! [`MockOptions::max_body_bytes`]), the log of requests keeps the last
//! [`MockOptions::max_recorded`], connections that send nothing are closed after
//! [`MockOptions::header_read_timeout`] and stalled bodies after
//! [`MockOptions::idle_timeout`], and a failing `accept` (out of file descriptors) backs off
//! instead of spinning.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use zec_api::mock::{Fault, MockServer};
//!
//! let server = MockServer::start().await?;
//! server.inject(Fault::Throttle, 1); // the first call is throttled, then retried
//! let client = server.client()?;
//! client.associate_eip_address().eip_ids(["eip-1"]).nat_id("nat-1").send().await?;
//! assert_eq!(server.requests().len(), 2);
//! assert_eq!(server.received(), 2);
//! # Ok(())
//! # }
//! ```

use crate::action::Action;
use crate::catalog;
use crate::client::{Client, Config};
use crate::credentials::Credentials;
use crate::error::ConfigError;
use crate::retry::RetryPolicy;
use crate::validation::ValidationMode;
use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

mod auth;
mod respond;
mod serve;

/// The access key id a default mock server accepts.
pub const MOCK_ACCESS_KEY_ID: &str = "mock-access-key-id";
/// The access key secret a default mock server accepts.
pub const MOCK_ACCESS_KEY_SECRET: &str = "mock-access-key-secret";

/// What the server accepts, and its limits.
#[derive(Clone)]
pub struct MockOptions {
    access_key: Option<(String, String)>,
    token: Option<String>,
    max_clock_skew: Duration,
    max_body_bytes: usize,
    max_recorded: usize,
    header_read_timeout: Duration,
    idle_timeout: Duration,
    validation: ValidationMode,
}

impl Default for MockOptions {
    fn default() -> Self {
        MockOptions {
            access_key: Some((MOCK_ACCESS_KEY_ID.into(), MOCK_ACCESS_KEY_SECRET.into())),
            token: None,
            max_clock_skew: Duration::from_secs(300),
            max_body_bytes: 10 * 1024 * 1024,
            max_recorded: 1000,
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            validation: ValidationMode::Enforce,
        }
    }
}

impl fmt::Debug for MockOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |set: bool| if set { "<redacted>" } else { "none" };
        f.debug_struct("MockOptions")
            .field(
                "access_key_id",
                &self.access_key.as_ref().map(|(id, _)| id.as_str()),
            )
            .field("access_key_secret", &redacted(self.access_key.is_some()))
            .field("token", &redacted(self.token.is_some()))
            .field("max_clock_skew", &self.max_clock_skew)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("max_recorded", &self.max_recorded)
            .field("header_read_timeout", &self.header_read_timeout)
            .field("idle_timeout", &self.idle_timeout)
            .field("validation", &self.validation)
            .finish()
    }
}

impl MockOptions {
    /// Accept this access key (instead of the default one).
    pub fn access_key(mut self, id: impl Into<String>, secret: impl Into<String>) -> Self {
        self.access_key = Some((id.into(), secret.into()));
        self
    }

    /// Also accept this bearer token.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Refuse timestamps further than this from the server's clock (default five minutes).
    pub fn max_clock_skew(mut self, skew: Duration) -> Self {
        self.max_clock_skew = skew;
        self
    }

    /// Answer HTTP 413 to a request body longer than this, without reading the rest (default
    /// 10 MiB).
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// Keep the last `count` requests for [`MockServer::requests`] (default 1000); older
    /// ones are only counted ([`MockServer::received`]).
    pub fn max_recorded(mut self, count: usize) -> Self {
        self.max_recorded = count;
        self
    }

    /// Close a connection that takes longer than this to send a request's headers, counted
    /// from when the server waits for them: one that sends nothing, or a kept-alive one with
    /// no next request, is closed after it (default 10 s).
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// Answer HTTP 408 and close the connection when a request body stalls this long
    /// (default 30 s).
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }

    /// What to do with a request that breaks a documented rule (default
    /// [`ValidationMode::Enforce`]: HTTP 400 `INVALID_PARAMETER_VALUE`); `Warn` and `Off`
    /// accept it, as the real server would where a documented rule is wrong.
    pub fn validation(mut self, mode: ValidationMode) -> Self {
        self.validation = mode;
        self
    }
}

/// A fault to inject into the next answers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Answer with this HTTP status and a server-error code.
    Status(u16),
    /// Answer HTTP 429 with `REQUEST_LIMIT_EXCEEDED`.
    Throttle,
    /// Answer HTTP 200 with `REQUEST_LIMIT_EXCEEDED`, as the API sometimes does.
    ThrottleWith200,
    /// Wait this long, then answer normally.
    Delay(Duration),
    /// Answer with a proxy's HTML error page and this status.
    Html(u16),
    /// Answer HTTP 200 with JSON cut short.
    TruncatedJson,
    /// Answer HTTP 200 with an envelope that has no `response`.
    NoResponse,
}

/// A request the server received. Requests refused before they were authenticated and
/// routed (HTTP 401, 404, 408, 413) are kept without headers and body.
#[derive(Clone)]
pub struct RecordedRequest {
    /// `X-ZC-Action`, if sent.
    pub action: Option<String>,
    /// The service whose path the request was posted to (`zec` for `/api/v2/zec`), if it was
    /// posted under `/api/v2/`.
    pub service: Option<String>,
    /// Every header, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// The HTTP status the server answered with.
    pub status: u16,
}

impl RecordedRequest {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// Shows the headers with `Authorization` redacted (it may hold a token) and the body's
/// length only (it may hold passwords).
impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if name == "authorization" {
                    "<redacted>"
                } else {
                    value.as_str()
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("RecordedRequest")
            .field("action", &self.action)
            .field("service", &self.service)
            .field("status", &self.status)
            .field("headers", &headers)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// The action a registered reply or injected fault is for: a wire name, in one service or in
/// any.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ActionKey {
    service: Option<String>,
    name: String,
}

impl ActionKey {
    fn any(name: &str) -> Self {
        ActionKey {
            service: None,
            name: name.to_string(),
        }
    }

    fn of<A: Action>() -> Self {
        ActionKey {
            service: Some(A::SERVICE.name.to_string()),
            name: A::NAME.to_string(),
        }
    }

    fn matches(&self, service: &str, name: &str) -> bool {
        self.name == name && self.service.as_deref().is_none_or(|s| s == service)
    }
}

/// A reply registered for an action.
#[derive(Debug, Clone)]
enum Reply {
    Response(Value),
    Error {
        status: u16,
        code: String,
        message: String,
    },
}

#[derive(Default)]
struct State {
    replies: HashMap<ActionKey, VecDeque<Reply>>,
    faults: VecDeque<(Option<ActionKey>, Fault)>,
    /// The last `max_recorded` requests.
    requests: VecDeque<RecordedRequest>,
    /// Every request received.
    received: u64,
}

struct Shared {
    options: MockOptions,
    state: Mutex<State>,
    /// Actions registered by the test, beyond this crate's own, by service and name.
    extra: Mutex<HashMap<(String, String), catalog::ActionInfo>>,
}

impl Shared {
    /// The state; a panic in another handler does not make it unusable.
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Count a request and give it an id.
    fn next_request_id(&self) -> String {
        let mut state = self.state();
        state.received += 1;
        format!("T{:08X}-MOCK-{:04X}", std::process::id(), state.received)
    }

    /// Keep a request in the log, dropping the oldest beyond the limit.
    fn record(&self, request: RecordedRequest) {
        let limit = self.options.max_recorded;
        let mut state = self.state();
        if limit == 0 {
            return;
        }
        while state.requests.len() >= limit {
            state.requests.pop_front();
        }
        state.requests.push_back(request);
    }

    /// The next fault for `action` of `service`, if one is injected.
    fn take_fault(&self, service: &str, action: Option<&str>) -> Option<Fault> {
        let mut state = self.state();
        let index = state.faults.iter().position(|(only, _)| match only {
            None => true,
            Some(key) => action.is_some_and(|a| key.matches(service, a)),
        });
        index.and_then(|i| state.faults.remove(i)).map(|(_, f)| f)
    }

    /// The action `name` of `service`: registered by the test, or this crate's.
    fn action(&self, service: &str, name: &str) -> Option<catalog::ActionInfo> {
        let registered = self
            .extra
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&(service.to_string(), name.to_string()))
            .copied();
        registered.or_else(|| catalog::find(service, name).copied())
    }

    /// Whether the server serves any action of `service`.
    fn serves(&self, service: &str) -> bool {
        catalog::service(service).is_some()
            || self
                .extra
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .keys()
                .any(|(s, _)| s == service)
    }

    /// The next registered reply for `name` of `service` (a reply registered for this
    /// service first, then one for any); the last one keeps answering.
    fn take_reply(&self, service: &str, name: &str) -> Option<Reply> {
        let mut state = self.state();
        let exact = ActionKey {
            service: Some(service.to_string()),
            name: name.to_string(),
        };
        let key = if state.replies.contains_key(&exact) {
            exact
        } else {
            ActionKey::any(name)
        };
        match state.replies.get_mut(&key) {
            Some(queue) if queue.len() > 1 => queue.pop_front(),
            Some(queue) => queue.front().cloned(),
            None => None,
        }
    }
}

/// A running mock server. Stops when dropped.
pub struct MockServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl MockServer {
    /// Start on a free loopback port, accepting the default mock access key.
    pub async fn start() -> std::io::Result<MockServer> {
        Self::start_with(MockOptions::default()).await
    }

    /// Start on a free loopback port with these options.
    pub async fn start_with(options: MockOptions) -> std::io::Result<MockServer> {
        Self::bind(SocketAddr::from(([127, 0, 0, 1], 0)), options).await
    }

    /// Start on this address.
    pub async fn bind(addr: SocketAddr, options: MockOptions) -> std::io::Result<MockServer> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            options,
            state: Mutex::new(State::default()),
            extra: Mutex::new(HashMap::new()),
        });
        let (shutdown, stop) = oneshot::channel::<()>();
        let server_shared = shared.clone();
        tokio::spawn(async move {
            let listener = &listener;
            serve::accept_loop(
                || async move { listener.accept().await.map(|(stream, _)| stream) },
                |stream| serve::spawn_connection(server_shared.clone(), stream),
                async move {
                    let _ = stop.await;
                },
            )
            .await;
        });
        Ok(MockServer {
            addr,
            shared,
            shutdown: Some(shutdown),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The endpoint to give a client (`http://127.0.0.1:PORT`).
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A client configuration for this server: its endpoint, its access key, and quick
    /// retries (so that tests of retries do not wait).
    pub fn config(&self) -> Config {
        let mut config = Config::new().endpoint(self.endpoint()).retry(
            RetryPolicy::default().backoff(Duration::from_millis(1), Duration::from_millis(20)),
        );
        if let Some((id, secret)) = &self.shared.options.access_key {
            config = config.credentials(Credentials::access_key(id, secret));
        } else if let Some(token) = &self.shared.options.token {
            config = config.credentials(Credentials::token(token));
        }
        config
    }

    /// A client for this server ([`MockServer::config`]).
    pub fn client(&self) -> Result<Client, ConfigError> {
        Client::new(self.config())
    }

    /// Serve an action generated outside this crate (by
    /// [`generate_page!`](crate::generate_page)): requests are checked against its types and
    /// answered with registered replies or `example_response`.
    pub fn register<A: Action>(&self, example_response: Option<&'static str>) {
        self.shared
            .extra
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(
                (A::SERVICE.name.to_string(), A::NAME.to_string()),
                catalog::ActionInfo::of::<A>("", example_response),
            );
    }

    /// Answer `A` (of its own service) with this response. Several registered replies are
    /// used in order; the last one keeps answering.
    pub fn respond<A: Action>(&self, response: A::Response) {
        let value = serde_json::to_value(response).unwrap_or(Value::Null);
        self.push_reply(ActionKey::of::<A>(), Reply::Response(value));
    }

    /// Answer the action named `action`, of whichever service, with this content of
    /// `response`. (Two products may have actions of the same name; [`MockServer::respond`]
    /// names one.)
    pub fn respond_json(&self, action: &str, response: Value) {
        self.push_reply(ActionKey::any(action), Reply::Response(response));
    }

    /// Answer the action named `action`, of whichever service, with an error code.
    pub fn respond_error(&self, action: &str, status: u16, code: &str, message: &str) {
        self.push_reply(
            ActionKey::any(action),
            Reply::Error {
                status,
                code: code.into(),
                message: message.into(),
            },
        );
    }

    fn push_reply(&self, key: ActionKey, reply: Reply) {
        self.shared
            .state()
            .replies
            .entry(key)
            .or_default()
            .push_back(reply);
    }

    /// Apply `fault` to the next `times` requests of any action.
    pub fn inject(&self, fault: Fault, times: usize) {
        let mut state = self.shared.state();
        for _ in 0..times {
            state.faults.push_back((None, fault.clone()));
        }
    }

    /// Apply `fault` to the next `times` requests of the action named `action`, of whichever
    /// service.
    pub fn inject_for(&self, action: &str, fault: Fault, times: usize) {
        let mut state = self.shared.state();
        for _ in 0..times {
            state
                .faults
                .push_back((Some(ActionKey::any(action)), fault.clone()));
        }
    }

    /// The requests received, oldest first: the last [`MockOptions::max_recorded`] of them.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.state().requests.iter().cloned().collect()
    }

    /// How many requests the server received, including those refused and those no longer
    /// in [`MockServer::requests`].
    pub fn received(&self) -> u64 {
        self.shared.state().received
    }

    /// Stop serving.
    pub fn stop(mut self) {
        if let Some(s) = self.shutdown.take() {
            let _ = s.send(());
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(s) = self.shutdown.take() {
            let _ = s.send(());
        }
    }
}
