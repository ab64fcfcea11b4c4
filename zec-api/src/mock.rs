//! A ZEC server on loopback, for testing code that uses this crate (or any other ZEC client).
//!
//! It checks ZC2-HMAC-SHA256 signatures and timestamps (or bearer tokens), routes by
//! `X-ZC-Action`, decodes and validates the body with the generated types, and answers with
//! the responses a test registered, or by default the example response of the action's doc
//! page. Faults can be injected: an HTTP status, throttling, a delay, a malformed body.
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
//! # Ok(())
//! # }
//! ```

use crate::action::Action;
use crate::catalog::{self, RequestProblem};
use crate::client::{API_PATH, Client, Config, THROTTLE_CODE};
use crate::credentials::Credentials;
use crate::retry::RetryPolicy;
use crate::sign;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The access key id a default mock server accepts.
pub const MOCK_ACCESS_KEY_ID: &str = "mock-access-key-id";
/// The access key secret a default mock server accepts.
pub const MOCK_ACCESS_KEY_SECRET: &str = "mock-access-key-secret";

/// What the server accepts.
#[derive(Debug, Clone)]
pub struct MockOptions {
    access_key: Option<(String, String)>,
    token: Option<String>,
    max_clock_skew: Duration,
}

impl Default for MockOptions {
    fn default() -> Self {
        MockOptions {
            access_key: Some((MOCK_ACCESS_KEY_ID.into(), MOCK_ACCESS_KEY_SECRET.into())),
            token: None,
            max_clock_skew: Duration::from_secs(300),
        }
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

/// A request the server received.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// `X-ZC-Action`, if sent.
    pub action: Option<String>,
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
    replies: HashMap<String, VecDeque<Reply>>,
    faults: VecDeque<(Option<String>, Fault)>,
    requests: Vec<RecordedRequest>,
    counter: u64,
}

struct Shared {
    options: MockOptions,
    state: Mutex<State>,
    /// Actions registered by the test, beyond this crate's own.
    extra: Mutex<HashMap<String, catalog::ActionInfo>>,
}

impl Shared {
    /// The state; a panic in another handler does not make it unusable.
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running mock server. Stops when dropped.
pub struct MockServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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
        let (shutdown, mut stop) = oneshot::channel::<()>();
        let server_shared = shared.clone();
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = &mut stop => break,
                    accepted = listener.accept() => {
                        let Ok((stream, _)) = accepted else { continue };
                        let shared = server_shared.clone();
                        tokio::spawn(async move {
                            let service = service_fn(move |req| {
                                let shared = shared.clone();
                                async move { Ok::<_, std::convert::Infallible>(handle(&shared, req).await) }
                            });
                            let _ = http1::Builder::new()
                                .serve_connection(TokioIo::new(stream), service)
                                .await;
                        });
                    }
                }
            }
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
    pub fn client(&self) -> Result<Client, crate::Error<std::convert::Infallible>> {
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
                A::NAME.to_string(),
                catalog::ActionInfo::of::<A>("", example_response),
            );
    }

    /// Answer `A` with this response. Several registered replies are used in order; the last
    /// one keeps answering.
    pub fn respond<A: Action>(&self, response: A::Response) {
        let value = serde_json::to_value(response).unwrap_or(Value::Null);
        self.respond_json(A::NAME, value);
    }

    /// Answer an action with this content of `response`.
    pub fn respond_json(&self, action: &str, response: Value) {
        self.push_reply(action, Reply::Response(response));
    }

    /// Answer an action with an error code.
    pub fn respond_error(&self, action: &str, status: u16, code: &str, message: &str) {
        self.push_reply(
            action,
            Reply::Error {
                status,
                code: code.into(),
                message: message.into(),
            },
        );
    }

    fn push_reply(&self, action: &str, reply: Reply) {
        self.shared
            .state()
            .replies
            .entry(action.to_string())
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

    /// Apply `fault` to the next `times` requests of one action.
    pub fn inject_for(&self, action: &str, fault: Fault, times: usize) {
        let mut state = self.shared.state();
        for _ in 0..times {
            state
                .faults
                .push_back((Some(action.to_string()), fault.clone()));
        }
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.state().requests.clone()
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

/// An answer: status, content type and body.
struct Answer {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Answer {
    fn json(status: u16, value: &Value) -> Answer {
        Answer {
            status,
            content_type: "application/json",
            body: value.to_string().into_bytes(),
        }
    }

    fn error(status: u16, request_id: &str, code: &str, message: &str) -> Answer {
        Answer::json(
            status,
            &json!({"requestId": request_id, "code": code, "message": message}),
        )
    }
}

async fn handle(shared: &Shared, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let method_ok = req.method() == hyper::Method::POST && req.uri().path() == API_PATH;
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_ascii_lowercase(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = match req.into_body().collect().await {
        Ok(b) => b.to_bytes().to_vec(),
        Err(_) => Vec::new(),
    };
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let action = header("x-zc-action").map(str::to_string);
    let request_id = {
        let mut state = shared.state();
        state.counter += 1;
        format!("T{:08X}-MOCK-{:04X}", std::process::id(), state.counter)
    };

    let answer = if !method_ok {
        Answer::error(
            404,
            &request_id,
            "INVALID_ACTION",
            &format!("only POST {API_PATH} is served"),
        )
    } else {
        respond(shared, &headers, &body, action.as_deref(), &request_id).await
    };

    shared.state().requests.push(RecordedRequest {
        action,
        headers,
        body,
        status: answer.status,
    });
    let mut response = Response::new(Full::new(Bytes::from(answer.body)));
    *response.status_mut() =
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if let Ok(v) = hyper::header::HeaderValue::from_str(answer.content_type) {
        response
            .headers_mut()
            .insert(hyper::header::CONTENT_TYPE, v);
    }
    response
}

async fn respond(
    shared: &Shared,
    headers: &[(String, String)],
    body: &[u8],
    action: Option<&str>,
    request_id: &str,
) -> Answer {
    if let Err((code, message)) = authenticate(&shared.options, headers, body) {
        return Answer::error(401, request_id, code, &message);
    }
    let fault = {
        let mut state = shared.state();
        let index = state
            .faults
            .iter()
            .position(|(only, _)| only.as_deref().is_none_or(|a| Some(a) == action));
        index.and_then(|i| state.faults.remove(i)).map(|(_, f)| f)
    };
    match fault {
        Some(Fault::Status(status)) => {
            let code = if status == 503 {
                "SERVICE_TEMPORARY_UNAVAILABLE"
            } else {
                "INTERNAL_SERVER_ERROR"
            };
            return Answer::error(status, request_id, code, "injected server error");
        }
        Some(Fault::Throttle) => {
            return Answer::error(429, request_id, THROTTLE_CODE, "injected throttling");
        }
        Some(Fault::ThrottleWith200) => {
            return Answer::error(200, request_id, THROTTLE_CODE, "injected throttling");
        }
        Some(Fault::Html(status)) => {
            return Answer {
                status,
                content_type: "text/html",
                body: b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>".to_vec(),
            };
        }
        Some(Fault::TruncatedJson) => {
            let full =
                json!({"requestId": request_id, "response": {"requestId": request_id}}).to_string();
            return Answer {
                status: 200,
                content_type: "application/json",
                body: full.as_bytes()[..full.len() / 2].to_vec(),
            };
        }
        Some(Fault::NoResponse) => return Answer::json(200, &json!({"requestId": request_id})),
        Some(Fault::Delay(d)) => tokio::time::sleep(d).await,
        None => {}
    }

    let Some(name) = action else {
        return Answer::error(
            400,
            request_id,
            "MISSING_PARAMETER",
            "the X-ZC-Action header is missing",
        );
    };
    let registered = shared
        .extra
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(name)
        .copied();
    let Some(info) = registered.or_else(|| catalog::find(name).copied()) else {
        return Answer::error(
            401,
            request_id,
            "AUTHFAILURE_UNAUTHORIZED_OPERATION",
            &format!("the action {name} does not exist"),
        );
    };
    if let Err(problem) = (info.check_request)(body) {
        let code = match &problem {
            RequestProblem::Missing(_) => "MISSING_PARAMETER",
            RequestProblem::Invalid(_) | RequestProblem::NotJson(_) => "INVALID_PARAMETER_TYPE",
            RequestProblem::Violations(_) => "INVALID_PARAMETER_VALUE",
        };
        return Answer::error(400, request_id, code, &problem.to_string());
    }

    let reply = {
        let mut state = shared.state();
        match state.replies.get_mut(name) {
            Some(queue) if queue.len() > 1 => queue.pop_front(),
            Some(queue) => queue.front().cloned(),
            None => None,
        }
    };
    match reply {
        Some(Reply::Error {
            status,
            code,
            message,
        }) => Answer::error(status, request_id, &code, &message),
        Some(Reply::Response(response)) => success(request_id, response),
        None => {
            let example = info
                .example_response
                .and_then(|text| serde_json::from_str::<Value>(text).ok())
                .and_then(|mut envelope| envelope.get_mut("response").map(Value::take))
                .unwrap_or_else(|| json!({}));
            success(request_id, example)
        }
    }
}

/// `{requestId, response}`, with the request id also inside `response` as the API does.
fn success(request_id: &str, mut response: Value) -> Answer {
    if let Some(object) = response.as_object_mut() {
        object.insert("requestId".into(), Value::String(request_id.into()));
    }
    Answer::json(200, &json!({"requestId": request_id, "response": response}))
}

/// Check the credentials of a request; the error code and message when they do not hold.
fn authenticate(
    options: &MockOptions,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<(), (&'static str, String)> {
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let invalid = |m: &str| ("AUTHFAILURE_INVALID_AUTHORIZATION", m.to_string());
    let authorization =
        header("authorization").ok_or_else(|| invalid("the Authorization header is missing"))?;
    if let Some(token) = authorization.strip_prefix("Bearer ") {
        return match &options.token {
            Some(expected) if expected == token.trim() => Ok(()),
            _ => Err(invalid("the bearer token is not accepted")),
        };
    }
    let Some(fields) = authorization.strip_prefix(sign::ALGORITHM) else {
        return Err(invalid(
            "the Authorization header is neither ZC2-HMAC-SHA256 nor Bearer",
        ));
    };
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in fields.split(',') {
        let Some((key, value)) = part.trim().split_once('=') else {
            continue;
        };
        match key.trim() {
            "Credential" => credential = Some(value.trim()),
            "SignedHeaders" => signed_headers = Some(value.trim()),
            "Signature" => signature = Some(value.trim()),
            _ => {}
        }
    }
    let (Some(credential), Some(signed_headers), Some(signature)) =
        (credential, signed_headers, signature)
    else {
        return Err(invalid(
            "the Authorization header lacks Credential, SignedHeaders or Signature",
        ));
    };
    let Some((id, secret)) = &options.access_key else {
        return Err(invalid("access keys are not accepted"));
    };
    if credential != id {
        return Err(invalid("the access key id is not known"));
    }
    let timestamp: u64 = header("x-zc-timestamp")
        .and_then(|t| t.trim().parse().ok())
        .ok_or_else(|| invalid("X-ZC-Timestamp is missing or not a number"))?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    if now.abs_diff(timestamp) > options.max_clock_skew.as_secs() {
        return Err((
            "AUTHFAILURE_SIGNATURE_EXPIRED",
            format!(
                "the timestamp {timestamp} is more than {} s from the server's clock",
                options.max_clock_skew.as_secs()
            ),
        ));
    }
    let names: Vec<&str> = signed_headers.split(';').map(str::trim).collect();
    if !names.contains(&"content-type") || !names.contains(&"host") {
        return Err(invalid("SignedHeaders must include content-type and host"));
    }
    let mut values = Vec::with_capacity(names.len());
    for name in &names {
        let value =
            header(name).ok_or_else(|| invalid(&format!("the signed header {name} is missing")))?;
        values.push((*name, value));
    }
    let canonical = sign::canonical_request_with(&values, body);
    let expected = sign::signature(secret, &sign::string_to_sign(timestamp, &canonical));
    if expected != signature {
        return Err((
            "AUTHFAILURE_SIGNATURE_FAILURE",
            "the signature does not match the request".to_string(),
        ));
    }
    Ok(())
}
