//! The client against servers that misbehave, written here on raw TCP: numbers that would
//! overflow, bodies without end, redirects, throttling without JSON, connections that fail
//! before or after the request left.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::time::Instant;
use zec_api::actions::CreateSnapshotRequest;
use zec_api::{Client, Config, Credentials, Error, RetryPolicy};

/// What the server does with the `n`-th request (from 0).
#[derive(Clone)]
enum Reply {
    /// Write the bytes this makes of the request's head (a whole HTTP response), then close.
    Echo(fn(&str) -> String),
    /// Write these bytes (a whole HTTP response), then close.
    Raw(String),
    /// Write this head, then a chunked body without end, until the client goes away.
    Endless(String),
    /// Close without answering.
    Close,
    /// Never answer; close when the client does.
    Silent,
    /// Write these bytes (the start of a response), then nothing more until the client goes.
    Stalled(String),
}

/// A server on loopback that reads each request whole and answers as `script` says.
struct Hostile {
    addr: std::net::SocketAddr,
    requests: Arc<AtomicUsize>,
    /// When each request had arrived whole, on tokio's clock (paused in some tests).
    arrivals: Arc<Mutex<Vec<Instant>>>,
    /// Sends once per endless body the client stopped reading.
    abandoned: mpsc::UnboundedReceiver<u64>,
}

async fn hostile(script: impl Fn(usize) -> Reply + Send + Sync + 'static) -> Hostile {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let requests = Arc::new(AtomicUsize::new(0));
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let (tx, abandoned) = mpsc::unbounded_channel();
    let (counter, times) = (requests.clone(), arrivals.clone());
    let script = Arc::new(script);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let (counter, times) = (counter.clone(), times.clone());
            let (script, tx) = (script.clone(), tx.clone());
            tokio::spawn(async move {
                let Some(head) = zec_tests::read_request(&mut stream).await else {
                    return;
                };
                times.lock().unwrap().push(Instant::now());
                let n = counter.fetch_add(1, Ordering::SeqCst);
                match script(n) {
                    Reply::Echo(make) => {
                        let _ = stream.write_all(make(&head).as_bytes()).await;
                        let _ = stream.shutdown().await;
                    }
                    Reply::Raw(bytes) => {
                        let _ = stream.write_all(bytes.as_bytes()).await;
                        let _ = stream.shutdown().await;
                    }
                    Reply::Endless(head) => {
                        let _ = tx.send(endless(&mut stream, &head).await);
                    }
                    Reply::Close => drop(stream),
                    Reply::Silent => {
                        let mut rest = [0u8; 1024];
                        while matches!(stream.read(&mut rest).await, Ok(n) if n > 0) {}
                    }
                    Reply::Stalled(start) => {
                        let _ = stream.write_all(start.as_bytes()).await;
                        let mut rest = [0u8; 1024];
                        while matches!(stream.read(&mut rest).await, Ok(n) if n > 0) {}
                    }
                }
            });
        }
    });
    Hostile {
        addr,
        requests,
        arrivals,
        abandoned,
    }
}

impl Hostile {
    /// The time between the arrivals of requests `n - 1` and `n`.
    fn gap(&self, n: usize) -> Duration {
        let arrivals = self.arrivals.lock().unwrap();
        arrivals[n] - arrivals[n - 1]
    }
}

/// Write `head`, then 64 KiB chunks until writing fails; the bytes written.
async fn endless(stream: &mut TcpStream, head: &str) -> u64 {
    if stream.write_all(head.as_bytes()).await.is_err() {
        return 0;
    }
    let data = vec![b' '; 64 * 1024];
    let chunk = [
        format!("{:x}\r\n", data.len()).into_bytes(),
        data,
        b"\r\n".to_vec(),
    ]
    .concat();
    let mut written = 0u64;
    while stream.write_all(&chunk).await.is_ok() {
        written += chunk.len() as u64;
    }
    written
}

fn response(status: &str, headers: &[(&str, &str)], body: &str) -> String {
    let mut text = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\n", body.len());
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("Connection: close\r\n\r\n");
    text.push_str(body);
    text
}

const ZONES: &str = r#"{"requestId":"r-1","response":{"requestId":"r-1","zoneSet":[]}}"#;
const THROTTLED: &str =
    r#"{"requestId":"r-2","code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"}"#;

fn client(addr: std::net::SocketAddr, policy: RetryPolicy) -> Client {
    Client::new(
        Config::new()
            .endpoint(format!("http://{addr}"))
            .credentials(Credentials::access_key("id", "secret"))
            .retry(policy),
    )
    .unwrap()
}

fn quick() -> RetryPolicy {
    RetryPolicy::default().backoff(Duration::from_millis(1), Duration::from_millis(5))
}

fn write() -> CreateSnapshotRequest {
    CreateSnapshotRequest::default()
        .disk_id("disk-1")
        .snapshot_name("nightly")
}

// Tests that wait run with tokio's clock paused: the client's waits and timeouts then take
// no real time, and a loaded machine cannot make an attempt outlast a budget.

#[tokio::test(start_paused = true)]
async fn a_retry_after_beyond_any_duration_does_not_panic() {
    let huge = u64::MAX.to_string();
    let far = "Fri, 31 Dec 9999 23:59:59 GMT";
    for (status, retry_after) in [
        ("429 Too Many Requests", huge.as_str()),
        ("503 Service Unavailable", huge.as_str()),
        ("503 Service Unavailable", far),
    ] {
        let body = if status.starts_with("429") {
            THROTTLED
        } else {
            r#"{"requestId":"r","code":"INTERNAL_SERVER_ERROR","message":"down"}"#
        };
        let answer = response(status, &[("Retry-After", retry_after)], body);
        let server = hostile(move |_| Reply::Raw(answer.clone())).await;
        // The budget caps the wait the server asks for: one retry at its end, then no more.
        let policy = quick().max_elapsed(Duration::from_millis(200));
        let read = client(server.addr, policy.clone())
            .describe_zones()
            .send()
            .await
            .unwrap_err();
        let code: u16 = status[..3].parse().unwrap();
        assert_eq!(read.http_status(), Some(code));
        assert_eq!(
            server.requests.load(Ordering::SeqCst),
            2,
            "{status}: {read}"
        );
        assert!(server.gap(1) <= Duration::from_millis(200), "{status}");

        let written = client(server.addr, policy).send(write()).await.unwrap_err();
        assert_eq!(written.http_status(), read.http_status());
        // Throttling is retried for writes too; a 503 to a write is not.
        let expected = if status.starts_with("429") { 4 } else { 3 };
        assert_eq!(
            server.requests.load(Ordering::SeqCst),
            expected,
            "{status}: {written}"
        );
    }
}

/// `Retry-After` as an HTTP date `seconds` from now (whole seconds, so the wait it asks for is
/// between `seconds - 1` and `seconds`).
fn date_in(seconds: i64) -> String {
    let now = SystemTime::now();
    let at = if seconds >= 0 {
        now + Duration::from_secs(seconds.unsigned_abs())
    } else {
        now - Duration::from_secs(seconds.unsigned_abs())
    };
    httpdate::fmt_http_date(at)
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_date_is_honoured_like_seconds_and_capped_the_same_way() {
    // A 503 whose `Retry-After` is made when it is sent (a date is read against the wall
    // clock, which paused time does not stop), then answers.
    let busy = |retry_after: fn() -> String| {
        move |n: usize| {
            if n == 0 {
                Reply::Raw(response(
                    "503 Service Unavailable",
                    &[("Retry-After", &retry_after())],
                    r#"{"requestId":"r","code":"INTERNAL_SERVER_ERROR","message":"down"}"#,
                ))
            } else {
                Reply::Raw(response("200 OK", &[], ZONES))
            }
        }
    };
    let secs = Duration::from_secs;
    // Seconds, then a date as far ahead: the retry waits as long. (A date counts whole
    // seconds, and the wall clock goes on while the answer is read: a few seconds of slack.)
    let in_60: fn() -> String = || date_in(60);
    for (retry_after, at_least) in [(|| "60".to_string()) as fn() -> String, in_60]
        .into_iter()
        .zip([secs(60), secs(50)])
    {
        let server = hostile(busy(retry_after)).await;
        client(server.addr, quick())
            .describe_zones()
            .send()
            .await
            .unwrap();
        let gap = server.gap(1);
        assert!(
            at_least <= gap && gap <= secs(61),
            "{}: {gap:?}",
            retry_after()
        );
    }
    // A date in the past means now: the retry follows after the policy's own backoff.
    let server = hostile(busy(|| date_in(-3600))).await;
    client(server.addr, quick())
        .describe_zones()
        .send()
        .await
        .unwrap();
    assert!(server.gap(1) < secs(1), "{:?}", server.gap(1));
    // A date beyond the budget waits until the budget's end, like a number of seconds would.
    let in_an_hour: [fn() -> String; 2] = [|| "3600".to_string(), || date_in(3600)];
    for retry_after in in_an_hour {
        let server = hostile(busy(retry_after)).await;
        let started = Instant::now();
        client(server.addr, quick().max_elapsed(secs(10)))
            .describe_zones()
            .send()
            .await
            .unwrap();
        assert_eq!(server.requests.load(Ordering::SeqCst), 2);
        let took = started.elapsed();
        assert!(
            secs(9) <= took && took <= secs(11),
            "{}: {took:?}",
            retry_after()
        );
    }
}

#[tokio::test]
async fn a_body_longer_than_the_limit_is_refused_and_its_connection_dropped() {
    // An endless chunked body: reading stops at the limit and the connection is closed.
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    let mut server = hostile(move |_| Reply::Endless(head.to_string())).await;
    let client = Client::new(
        Config::new()
            .endpoint(format!("http://{}", server.addr))
            .credentials(Credentials::access_key("id", "secret"))
            .max_response_bytes(1024 * 1024),
    )
    .unwrap();
    let err = client.describe_zones().send().await.unwrap_err();
    match &err {
        Error::ResponseTooLarge {
            action,
            limit,
            http_status,
        } => assert_eq!(
            (*action, *limit, *http_status),
            ("DescribeZones", 1024 * 1024, 200)
        ),
        other => panic!("{other:?}"),
    }
    let text = err.to_string();
    assert!(
        text.contains("DescribeZones") && text.contains("1048576") && text.contains("HTTP 200"),
        "{text}"
    );
    // Not retried (the same request would bring the same answer), and the server's writes
    // fail: the client closed the connection instead of reading on.
    let written = tokio::time::timeout(Duration::from_secs(20), server.abandoned.recv())
        .await
        .expect("the client keeps the connection open")
        .unwrap();
    assert!(written >= 1024 * 1024, "{written}");
    assert_eq!(server.requests.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn an_announced_gigabyte_is_refused_before_reading_it_with_the_default_limit() {
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n";
    let mut server = hostile(move |_| Reply::Endless(head.to_string())).await;
    let err = client(server.addr, quick())
        .describe_zones()
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit, .. } if limit == zec_api::DEFAULT_MAX_RESPONSE_BYTES),
        "{err:?}"
    );
    let written = tokio::time::timeout(Duration::from_secs(20), server.abandoned.recv())
        .await
        .expect("the client keeps the connection open")
        .unwrap();
    assert!(written < 1 << 30, "{written}");
}

#[tokio::test]
async fn redirects_are_errors_that_name_status_and_location_and_are_never_followed() {
    for status in [
        "301 Moved Permanently",
        "302 Found",
        "307 Temporary Redirect",
        "308 Permanent Redirect",
    ] {
        let target = hostile(|_| Reply::Raw(response("200 OK", &[], ZONES))).await;
        let location = format!("http://{}/api/v2/zec", target.addr);
        let answer = response(status, &[("Location", &location)], "");
        let server = hostile(move |_| Reply::Raw(answer.clone())).await;

        let err = client(server.addr, quick())
            .send(write())
            .await
            .unwrap_err();
        match &err {
            Error::Redirect {
                action,
                http_status,
                location: got,
            } => {
                assert_eq!(*action, "CreateSnapshot");
                assert_eq!(http_status.to_string(), status[..3]);
                assert_eq!(got.as_deref(), Some(location.as_str()));
            }
            other => panic!("{status}: {other:?}"),
        }
        assert!(err.to_string().contains(&location), "{err}");
        // The write may have been received: sent once, not retried, never sent on.
        assert_eq!(server.requests.load(Ordering::SeqCst), 1, "{status}");
        // A read is retried, as after any answer that may follow a received request.
        client(server.addr, quick())
            .describe_snapshots()
            .send()
            .await
            .unwrap_err();
        assert_eq!(server.requests.load(Ordering::SeqCst), 1 + 4, "{status}");
        assert_eq!(
            target.requests.load(Ordering::SeqCst),
            0,
            "{status}: followed"
        );
    }
}

#[tokio::test]
async fn throttling_is_retried_whatever_the_body() {
    let html = response(
        "429 Too Many Requests",
        &[("Content-Type", "text/html")],
        "<html><body>Too many requests</body></html>",
    );
    let server = hostile(move |n| {
        if n < 2 {
            Reply::Raw(html.clone())
        } else {
            Reply::Raw(response("200 OK", &[], ZONES))
        }
    })
    .await;
    // A write, which only throttling is retried for.
    client(server.addr, quick()).send(write()).await.unwrap();
    assert_eq!(server.requests.load(Ordering::SeqCst), 3);

    let html = response("429 Too Many Requests", &[], "<html>busy</html>");
    let server = hostile(move |_| Reply::Raw(html.clone())).await;
    let err = client_with_attempts(server.addr, 2)
        .send(write())
        .await
        .unwrap_err();
    match err {
        Error::Throttled(e) => {
            assert_eq!(e.http_status, 429);
            assert_eq!(e.code, "REQUEST_LIMIT_EXCEEDED");
            assert!(e.message.contains("<html>busy</html>"), "{}", e.message);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.requests.load(Ordering::SeqCst), 2);
}

/// A client whose HTTP client (given in the configuration) follows redirects.
fn following(addr: std::net::SocketAddr, policy: RetryPolicy) -> Client {
    Client::new(
        Config::new()
            .endpoint(format!("http://{addr}"))
            .credentials(Credentials::access_key("id", "secret"))
            .retry(policy)
            .http_client(reqwest::Client::new()),
    )
    .unwrap()
}

fn client_with_attempts(addr: std::net::SocketAddr, attempts: u32) -> Client {
    client(addr, quick().max_attempts(attempts))
}

/// A port with nothing listening on it.
async fn closed_port() -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap()
}

#[tokio::test]
async fn writes_are_retried_only_when_certainly_not_received() {
    // Nothing listens at the endpoint: nothing was sent, so even a write is retried.
    let nowhere = closed_port().await;
    match client_with_attempts(nowhere, 3).send(write()).await {
        Err(Error::Transport(t)) => {
            assert_eq!(t.attempts, 3);
            assert!(!t.may_have_been_received());
            let text = t.to_string();
            assert!(text.contains("the request was not received"), "{text}");
            // The HTTP client's own text is vague; the cause it carries says what happened.
            assert!(text.to_lowercase().contains("connection refused"), "{text}");
        }
        other => panic!("{other:?}"),
    }

    // The connection closes after the request arrived: a write is not sent again, a read is.
    let server = hostile(|_| Reply::Close).await;
    let err = client(server.addr, quick())
        .send(write())
        .await
        .unwrap_err();
    match &err {
        Error::Transport(t) => assert!(t.may_have_been_received()),
        other => panic!("{other:?}"),
    }
    let text = err.to_string();
    assert!(
        text.contains("before an answer arrived")
            && text.contains("may have received the request")
            && text.contains("look before sending a write again"),
        "{text}"
    );
    assert_eq!(server.requests.load(Ordering::SeqCst), 1);
    client(server.addr, quick())
        .describe_zones()
        .send()
        .await
        .unwrap_err();
    assert_eq!(server.requests.load(Ordering::SeqCst), 1 + 4);

    // An HTTP client of the caller's that follows a redirect to a closed port: connecting
    // there failed, but the endpoint had received the request, so the write is not repeated.
    let nowhere = closed_port().await;
    let location = format!("http://{nowhere}/api/v2/zec");
    let answer = response("307 Temporary Redirect", &[("Location", &location)], "");
    let server = hostile(move |_| Reply::Raw(answer.clone())).await;
    let err = following(server.addr, quick())
        .send(write())
        .await
        .unwrap_err();
    match &err {
        Error::Transport(t) => assert!(t.may_have_been_received(), "{t}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        server.requests.load(Ordering::SeqCst),
        1,
        "the write was sent again"
    );
}

#[tokio::test]
async fn a_connection_cut_while_the_answer_is_read_says_the_write_may_have_happened() {
    // The head announces 1000 bytes; ten arrive, then the connection closes.
    let cut = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"requestI";
    let server = hostile(move |_| Reply::Raw(cut.to_string())).await;
    let err = client(server.addr, quick())
        .send(write())
        .await
        .unwrap_err();
    let Error::Transport(t) = &err else {
        panic!("{err:?}")
    };
    assert!(t.may_have_been_received());
    assert_eq!(t.attempts, 1);
    let text = err.to_string();
    assert!(
        text.contains("while the answer (HTTP 200) was being read")
            && text.contains("look before sending a write again"),
        "{text}"
    );
    assert_eq!(server.requests.load(Ordering::SeqCst), 1, "sent again");
}

#[tokio::test]
async fn a_call_that_reached_the_server_once_says_so_even_if_later_attempts_did_not() {
    // The first attempt reaches the server, which closes the connection and stops listening:
    // the retries of this read cannot connect, but the first may have been acted on.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        if let Ok((mut stream, _)) = listener.accept().await {
            zec_tests::read_request(&mut stream).await;
        }
    });
    match client_with_attempts(addr, 3)
        .describe_snapshots()
        .send()
        .await
    {
        Err(Error::Transport(t)) => {
            assert_eq!(t.attempts, 3);
            assert!(t.message.contains("could not connect"), "{t}");
            assert!(t.may_have_been_received(), "{t}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_answer_that_arrives_through_a_redirect_is_refused() {
    // The caller's HTTP client follows redirects; the answer comes from elsewhere.
    let target = hostile(|_| Reply::Raw(response("200 OK", &[], ZONES))).await;
    let location = format!("http://{}/api/v2/zec", target.addr);
    let answer = response("308 Permanent Redirect", &[("Location", &location)], "");
    let server = hostile(move |_| Reply::Raw(answer.clone())).await;
    match following(server.addr, RetryPolicy::none())
        .describe_zones()
        .send()
        .await
    {
        Err(Error::Redirect { location: got, .. }) => {
            assert_eq!(got.as_deref(), Some(location.as_str()))
        }
        other => panic!("{other:?}"),
    }
}

/// The value of the request's `Authorization` header.
fn authorization(head: &str) -> &str {
    head.lines()
        .find_map(|l| l.strip_prefix("authorization: "))
        .unwrap_or("")
}

/// Percent-encoding, as a URL's query would carry a value.
fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Answers that repeat the request's headers, as a proxy's error page or a careless server
/// may: in an HTML page, in a JSON error's message and request id, in a redirect's URL.
const ECHOES: [fn(&str) -> String; 4] = [
    |head| {
        let page = format!("<html><body><h1>502 Bad Gateway</h1><pre>{head}</pre></body></html>");
        response("502 Bad Gateway", &[("Content-Type", "text/html")], &page)
    },
    |head| {
        let body = serde_json::json!({
            "requestId": authorization(head),
            "code": "INVALID_PARAMETER_VALUE",
            "message": format!("cannot read the request {head}"),
        });
        response("400 Bad Request", &[], &body.to_string())
    },
    |head| {
        let location = format!(
            "https://login.example/?auth={}",
            percent(authorization(head))
        );
        response("302 Found", &[("Location", &location)], "")
    },
    |head| {
        let page = format!("<p>slow down, {}</p><pre>{head}</pre>", authorization(head));
        response("429 Too Many Requests", &[], &page)
    },
];

#[tokio::test]
async fn secrets_an_answer_repeats_are_scrubbed_from_errors() {
    let token = "tok-3f9a1c7e5b2d4a6c8e0f1a3b5c7d9e1f";
    let secret = "sec-8e0f1a3b5c7d9e1f3f9a1c7e5b2d4a6c";
    for credentials in [
        Credentials::token(token),
        Credentials::access_key("AKID", secret),
    ] {
        for echo in ECHOES {
            let server = hostile(move |_| Reply::Echo(echo)).await;
            let client = Client::new(
                Config::new()
                    .endpoint(format!("http://{}", server.addr))
                    .credentials(credentials.clone())
                    .retry(RetryPolicy::none()),
            )
            .unwrap();
            let err = client.describe_zones().send().await.unwrap_err();
            let shown = format!("{err} {err:?}");
            assert!(shown.contains("<redacted>"), "{shown}");
            for leak in [token, secret, "Signature=", "Bearer "] {
                assert!(!shown.contains(leak), "{leak} in {shown}");
            }
            // The rest of what was repeated is kept.
            assert!(
                shown.contains("x-zc-action") || shown.contains("login.example"),
                "{shown}"
            );
        }
    }
}

#[tokio::test]
async fn long_texts_from_an_answer_print_short_and_stay_whole() {
    let long = "m".repeat(10 << 20);
    let code = format!("SOME_{}", "C".repeat(100_000));
    let body = serde_json::json!({"requestId": "r-9", "code": code, "message": long}).to_string();
    let location = format!("https://elsewhere.example/{}", "l".repeat(100_000));
    for answer in [
        response("400 Bad Request", &[], &body),
        response("429 Too Many Requests", &[], &body),
        response("302 Found", &[("Location", &location)], ""),
        response("200 OK", &[], &format!("<html>{long}")),
    ] {
        let server = hostile(move |_| Reply::Raw(answer.clone())).await;
        let err = client(server.addr, RetryPolicy::none())
            .describe_zones()
            .send()
            .await
            .unwrap_err();
        for shown in [err.to_string(), format!("{err:?}"), format!("{err:#?}")] {
            assert!(
                shown.len() < 5000,
                "{} bytes: {}",
                shown.len(),
                &shown[..200]
            );
            // A body excerpt is short already; other texts say what they left out.
            let cut = shown.contains("more bytes not shown") || shown.contains("m…");
            assert!(cut, "{shown}");
        }
        match &err {
            Error::Api(e) | Error::Throttled(e) => {
                assert_eq!(e.message(), long);
                assert_eq!(e.code, code);
                assert!(err.to_string().contains("r-9"), "the request id is shown");
            }
            Error::Redirect { location: got, .. } => {
                assert_eq!(got.as_deref(), Some(location.as_str()))
            }
            Error::Undecodable(u) => assert!(u.snippet.len() <= 512 + 3),
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn a_request_with_thousands_of_violations_prints_short() {
    let server = hostile(|_| Reply::Raw(response("200 OK", &[], ZONES))).await;
    let err = client(server.addr, quick())
        .create_auto_snapshot_policy()
        .zone_id("asia-east-1a")
        .auto_snapshot_policy_name("n".repeat(100_000))
        .repeat_week_days(vec![9; 10_000])
        .hours(vec![24; 10_000])
        .retention_days(1)
        .send()
        .await
        .unwrap_err();
    let Error::Validation(v) = &err else {
        panic!("{err:?}")
    };
    assert!(v.violations.len() >= 20_000, "{}", v.violations.len());
    for shown in [err.to_string(), format!("{err:?}")] {
        assert!(shown.len() < 5000, "{} bytes", shown.len());
    }
    assert!(err.to_string().contains(" more"), "{err}");
    assert_eq!(server.requests.load(Ordering::SeqCst), 0);
}

/// `depth` arrays around `inner`, as text: a `serde_json::Value` that deep would overflow the
/// stack when dropped, so none is ever built.
fn nested(depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth))
}

#[tokio::test]
async fn one_member_that_cannot_be_read_never_fails_the_whole_call() {
    let deep = nested(100_000, "1");
    let body = format!(
        r#"{{"requestId":"r-7","response":{{"requestId":"r-7","totalCount":1e400,
           "dataSet":[{{"instanceId":"ins-1","cpu":-1e999,"memory":4}},{deep}],
           "futureMember":{{"a":{deep}}}}}}}"#
    );
    let answer = response("200 OK", &[], &body);
    let server = hostile(move |_| Reply::Raw(answer.clone())).await;
    let page = client(server.addr, quick())
        .describe_instances()
        .send()
        .await
        .unwrap();
    assert_eq!(page.total_count, None);
    let items = page.data_set.unwrap();
    // The item nested 100,000 deep is not an instance: dropped from its list.
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].instance_id.as_deref(), Some("ins-1"));
    assert_eq!(items[0].cpu, None);
    assert_eq!(items[0].memory, Some(4));
}

#[tokio::test]
async fn malformed_json_still_fails_however_deep() {
    for body in [
        // Never closed.
        "[".repeat(100_000),
        // Closed with the wrong bracket, deep down.
        format!(
            r#"{{"response":{{"x":{}}}}}"#,
            nested(100_000, "1").replacen(']', "}", 1)
        ),
        // A number out of range in a body cut short.
        r#"{"requestId":"r","response":{"totalCount":1e400"#.to_string(),
    ] {
        let answer = response("200 OK", &[], &body);
        let server = hostile(move |_| Reply::Raw(answer.clone())).await;
        match client(server.addr, RetryPolicy::none())
            .describe_instances()
            .send()
            .await
        {
            Err(Error::Undecodable(u)) => {
                assert!(u.reason.contains("not JSON"), "{}", u.reason)
            }
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test(start_paused = true)]
async fn under_the_default_policy_a_write_that_timed_out_is_sent_once_and_a_read_again() {
    // The first request gets no answer; any later one would be answered.
    let answered_after_a_silence = |n: usize| {
        if n == 0 {
            Reply::Silent
        } else {
            Reply::Raw(response("200 OK", &[], ZONES))
        }
    };
    // The default policy and timeouts (30 s per attempt, on tokio's paused clock).
    let default_client = |addr: std::net::SocketAddr| {
        Client::new(
            Config::new()
                .endpoint(format!("http://{addr}"))
                .credentials(Credentials::access_key("id", "secret")),
        )
        .unwrap()
    };
    assert_eq!(
        default_client(closed_port().await).config().retry_policy(),
        &RetryPolicy::default()
    );

    let server = hostile(answered_after_a_silence).await;
    match default_client(server.addr).send(write()).await {
        Err(Error::Timeout { after, attempts }) => {
            assert_eq!((after, attempts), (Duration::from_secs(30), 1));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.requests.load(Ordering::SeqCst), 1, "sent again");

    let server = hostile(answered_after_a_silence).await;
    default_client(server.addr)
        .describe_zones()
        .send()
        .await
        .unwrap();
    assert_eq!(server.requests.load(Ordering::SeqCst), 2);
    assert!(
        server.gap(1) >= Duration::from_secs(30),
        "{:?}",
        server.gap(1)
    );
}

#[tokio::test(start_paused = true)]
async fn an_answer_that_stops_halfway_is_a_timeout() {
    // The head and ten of the thousand bytes it announces, then nothing: the attempt's
    // timeout ends the wait, and the call says it timed out (not that the connection broke).
    let start = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"requestI";
    let server = hostile(move |_| Reply::Stalled(start.to_string())).await;
    match client(server.addr, RetryPolicy::none())
        .describe_zones()
        .send()
        .await
    {
        Err(Error::Timeout { attempts, .. }) => assert_eq!(attempts, 1),
        other => panic!("{other:?}"),
    }
}
