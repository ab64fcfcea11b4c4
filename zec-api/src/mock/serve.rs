//! The mock server's connections: accepting them (backing off when `accept` fails, as it does
//! when the process runs out of file descriptors), HTTP/1 with a header-read timeout, reading
//! each body up to a limit and with an idle timeout, and recording what came in.

use super::respond::{Answer, respond};

/// Where the API's services are posted: `/api/v2/<service>`.
const API_PREFIX: &str = "/api/v2/";
use super::{RecordedRequest, Shared};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpStream;

/// The first wait after a failed `accept`; it doubles up to [`MAX_ACCEPT_BACKOFF`].
const MIN_ACCEPT_BACKOFF: Duration = Duration::from_millis(5);
const MAX_ACCEPT_BACKOFF: Duration = Duration::from_secs(1);

/// Accept connections until `stop` completes, handing each to `serve`. After a failed
/// `accept` the loop waits, longer after each failure in a row, instead of spinning.
pub(super) async fn accept_loop<S, Fut>(
    mut accept: impl FnMut() -> Fut,
    mut serve: impl FnMut(S),
    stop: impl Future<Output = ()>,
) where
    Fut: Future<Output = std::io::Result<S>>,
{
    tokio::pin!(stop);
    let mut backoff = MIN_ACCEPT_BACKOFF;
    loop {
        tokio::select! {
            _ = &mut stop => return,
            accepted = accept() => match accepted {
                Ok(stream) => {
                    backoff = MIN_ACCEPT_BACKOFF;
                    serve(stream);
                }
                Err(e) => {
                    tracing::warn!(error = %e, wait_ms = backoff.as_millis() as u64, "mock server: accept failed");
                    tokio::select! {
                        _ = &mut stop => return,
                        _ = tokio::time::sleep(backoff) => {}
                    }
                    backoff = (backoff * 2).min(MAX_ACCEPT_BACKOFF);
                }
            },
        }
    }
}

/// Serve one connection until it closes or times out.
pub(super) fn spawn_connection(shared: Arc<Shared>, stream: TcpStream) {
    tokio::spawn(async move {
        let header_timeout = shared.options.header_read_timeout;
        let service = service_fn(move |req| {
            let shared = shared.clone();
            async move { Ok::<_, std::convert::Infallible>(handle(&shared, req).await) }
        });
        // The header-read timeout runs from when the server waits for a request's headers:
        // a connection that sends nothing, or a kept-alive one with no next request, is
        // closed after it.
        let _ = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .serve_connection(TokioIo::new(stream), service)
            .await;
    });
}

/// Why a request body was not read whole.
enum BodyProblem {
    TooLarge,
    Idle,
    Failed,
}

/// How much of a body over the limit is read and thrown away before answering 413, and how
/// long to wait for each part of it: a client that sends a little too much gets the answer
/// instead of a reset connection, one that sends without end is cut off.
const DRAIN_LIMIT: usize = 1024 * 1024;
const DRAIN_WAIT: Duration = Duration::from_millis(250);

/// The body, at most `limit` bytes, each part arriving within `idle` of the one before.
async fn read_body(
    mut body: Incoming,
    announced: Option<u64>,
    limit: usize,
    idle: Duration,
) -> Result<Vec<u8>, BodyProblem> {
    let mut bytes = Vec::new();
    // Past the limit, the rest is drained (up to `DRAIN_LIMIT`), not kept.
    let mut drained: Option<usize> = announced.filter(|n| *n > limit as u64).map(|_| 0);
    loop {
        let wait = if drained.is_some() {
            idle.min(DRAIN_WAIT)
        } else {
            idle
        };
        let frame = tokio::time::timeout(wait, body.frame()).await;
        let data = match (frame, drained) {
            (Ok(Some(Ok(frame))), _) => frame.into_data().unwrap_or_default(),
            (_, Some(_)) => return Err(BodyProblem::TooLarge),
            (Err(_), None) => return Err(BodyProblem::Idle),
            (Ok(None), None) => return Ok(bytes),
            (Ok(Some(Err(_))), None) => return Err(BodyProblem::Failed),
        };
        match &mut drained {
            Some(n) => {
                *n = n.saturating_add(data.len());
                if *n > DRAIN_LIMIT {
                    return Err(BodyProblem::TooLarge);
                }
            }
            None if bytes.len().saturating_add(data.len()) > limit => {
                bytes = Vec::new();
                drained = Some(data.len());
            }
            None => bytes.extend_from_slice(&data),
        }
    }
}

async fn handle(shared: &Shared, req: Request<Incoming>) -> Response<Full<Bytes>> {
    // Every product is served at its own path, `/api/v2/<service>`.
    let service = req
        .uri()
        .path()
        .strip_prefix(API_PREFIX)
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(str::to_string);
    let routed = req.method() == hyper::Method::POST && service.is_some();
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
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let action = header("x-zc-action").map(str::to_string);
    let announced = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    let request_id = shared.next_request_id();
    let options = &shared.options;

    let (answer, body) = if !routed {
        let answer = Answer::error(
            404,
            &request_id,
            "INVALID_ACTION",
            &format!("only POST {API_PREFIX}<service> is served"),
        );
        (answer, Vec::new())
    } else {
        let body = read_body(
            req.into_body(),
            announced,
            options.max_body_bytes,
            options.idle_timeout,
        )
        .await;
        match body {
            Ok(body) => {
                let service = service.as_deref().unwrap_or_default();
                let answer = respond(
                    shared,
                    &headers,
                    &body,
                    service,
                    action.as_deref(),
                    &request_id,
                )
                .await;
                (answer, body)
            }
            Err(problem) => {
                let (status, code, message) = match problem {
                    BodyProblem::TooLarge => (
                        413,
                        "INVALID_PARAMETER_VALUE",
                        format!(
                            "the request body is longer than {} bytes",
                            options.max_body_bytes
                        ),
                    ),
                    BodyProblem::Idle => (
                        408,
                        "REQUEST_TIMEOUT",
                        format!("no part of the body arrived for {:?}", options.idle_timeout),
                    ),
                    BodyProblem::Failed => (
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "the request body could not be read".to_string(),
                    ),
                };
                let mut answer = Answer::error(status, &request_id, code, &message);
                answer.close = true;
                (answer, Vec::new())
            }
        }
    };

    // Requests refused before they were authenticated and routed are counted, not kept whole.
    let recorded = if answer.accepted() && routed {
        RecordedRequest {
            action,
            service,
            headers,
            body,
            status: answer.status,
        }
    } else {
        RecordedRequest {
            action,
            service,
            headers: Vec::new(),
            body: Vec::new(),
            status: answer.status,
        }
    };
    shared.record(recorded);

    let mut response = Response::new(Full::new(Bytes::from(answer.body)));
    *response.status_mut() =
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    if let Ok(v) = hyper::header::HeaderValue::from_str(answer.content_type) {
        headers.insert(hyper::header::CONTENT_TYPE, v);
    }
    if answer.close {
        headers.insert(
            hyper::header::CONNECTION,
            hyper::header::HeaderValue::from_static("close"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(start_paused = true)]
    async fn a_failing_accept_backs_off_instead_of_spinning() {
        let calls = AtomicUsize::new(0);
        let accept = || {
            let n = calls.fetch_add(1, Ordering::SeqCst);
            async move {
                if n >= 100 {
                    // A loop without backoff gets here at once; then let time pass.
                    std::future::pending::<()>().await;
                }
                Err::<(), _>(std::io::Error::other("too many open files"))
            }
        };
        accept_loop(accept, |()| {}, tokio::time::sleep(Duration::from_secs(10))).await;
        let n = calls.load(Ordering::SeqCst);
        // 5 ms doubling to 1 s: 8 failures in the first 1.3 s, then one a second.
        assert!((10..30).contains(&n), "{n} accept calls in 10 s");
    }
}
