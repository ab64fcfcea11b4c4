//! HTTP for `sync`: one GET of a Markdown page, conditional when the last sync left validators,
//! retried with backoff on throttling, server errors and dropped connections.

use super::manifest::Entry;
use reqwest::StatusCode;
use reqwest::Url;
use reqwest::blocking::{Client, Response};
use reqwest::header::{
    CONTENT_TYPE, ETAG, HeaderMap, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, RETRY_AFTER,
};
use std::fmt;
use std::io::Read;
use std::sync::Once;
use std::time::Duration;

/// A page larger than this is not a doc page; refusing it keeps memory bounded.
const MAX_PAGE_BYTES: u64 = 16 * 1024 * 1024;
/// No wait between attempts is longer than this, whatever `Retry-After` asks.
const MAX_WAIT: Duration = Duration::from_secs(30);

/// Why a page could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    /// The URL asked for.
    pub url: String,
    /// The HTTP status of the last answer, if there was one.
    pub status: Option<u16>,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(status) => write!(f, "{}: HTTP {status}: {}", self.url, self.message),
            None => write!(f, "{}: {}", self.url, self.message),
        }
    }
}

impl std::error::Error for FetchError {}

/// A successful answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// `304 Not Modified`: the copy from the last sync is current.
    NotModified,
    /// The page, with the validators to send next time.
    Page {
        /// The Markdown.
        body: Vec<u8>,
        /// `ETag`, if the server sent one.
        etag: Option<String>,
        /// `Last-Modified`, if the server sent one.
        last_modified: Option<String>,
    },
}

/// An HTTP client with the retry policy of `sync`.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: Client,
    attempts: u32,
    backoff: Duration,
}

impl Fetcher {
    /// A client with a timeout per attempt, up to `attempts` attempts per page, and a first
    /// wait of `backoff` that doubles after each failed attempt.
    pub fn new(timeout: Duration, attempts: u32, backoff: Duration) -> Result<Fetcher, String> {
        install_crypto_provider();
        let client = Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("zec-spec/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot set up the HTTP client: {e}"))?;
        Ok(Fetcher {
            client,
            attempts: attempts.max(1),
            backoff,
        })
    }

    /// GET `url` as Markdown; conditional on `last`'s validators when given.
    pub fn get(&self, url: &Url, last: Option<&Entry>) -> Result<Fetched, FetchError> {
        let fail = |status: Option<u16>, message: String| FetchError {
            url: url.to_string(),
            status,
            message,
        };
        let mut attempt = 1;
        loop {
            let mut request = self.client.get(url.clone());
            if let Some(last) = last {
                if let Some(etag) = &last.etag {
                    request = request.header(IF_NONE_MATCH, etag);
                }
                if let Some(date) = &last.last_modified {
                    request = request.header(IF_MODIFIED_SINCE, date);
                }
            }
            let (retry_after, failure) = match request.send() {
                Ok(response) => {
                    let status = response.status();
                    if status == StatusCode::NOT_MODIFIED && last.is_some() {
                        return Ok(Fetched::NotModified);
                    }
                    let code = Some(status.as_u16());
                    if status.is_success() {
                        match read_page(response) {
                            Ok(page) => return Ok(page),
                            Err(Refused::BrokeOff(message)) => (None, fail(code, message)),
                            Err(Refused::NotMarkdown(message)) => return Err(fail(code, message)),
                        }
                    } else {
                        let failure = fail(code, reason(status));
                        if !(status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()) {
                            return Err(failure);
                        }
                        (retry_after(response.headers()), failure)
                    }
                }
                Err(e) if e.is_timeout() || e.is_connect() || e.is_request() => {
                    (None, fail(None, error_chain(&e)))
                }
                Err(e) => return Err(fail(None, error_chain(&e))),
            };
            if attempt >= self.attempts {
                let message = format!("{} (after {attempt} attempts)", failure.message);
                return Err(FetchError { message, ..failure });
            }
            std::thread::sleep(self.wait(attempt, retry_after));
            attempt += 1;
        }
    }

    /// The wait before attempt `attempt + 1`: the doubling backoff, or longer if the server
    /// asked for it, never more than [`MAX_WAIT`].
    fn wait(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let factor = 1u32.checked_shl(attempt - 1).unwrap_or(u32::MAX);
        let backoff = self.backoff.saturating_mul(factor);
        backoff.max(retry_after.unwrap_or_default()).min(MAX_WAIT)
    }
}

/// Why a 2xx answer is not taken.
enum Refused {
    /// The body broke off: worth another attempt.
    BrokeOff(String),
    /// The answer is not a Markdown page: asking again will not change that.
    NotMarkdown(String),
}

/// The body of a 2xx answer, if it is a Markdown page.
fn read_page(response: Response) -> Result<Fetched, Refused> {
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
            .map(str::to_string)
    };
    let etag = header(ETAG);
    let last_modified = header(LAST_MODIFIED);
    let content_type = header(CONTENT_TYPE);
    if let Some(ct) = &content_type
        && !is_markdown_type(ct)
    {
        return Err(Refused::NotMarkdown(format!(
            "not Markdown: Content-Type {ct}"
        )));
    }
    let mut body = Vec::new();
    response
        .take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut body)
        .map_err(|e| Refused::BrokeOff(format!("the answer broke off: {}", error_chain(&e))))?;
    if body.len() as u64 > MAX_PAGE_BYTES {
        return Err(Refused::NotMarkdown(format!(
            "not a doc page: larger than {MAX_PAGE_BYTES} bytes"
        )));
    }
    check_markdown(&body).map_err(Refused::NotMarkdown)?;
    Ok(Fetched::Page {
        body,
        etag,
        last_modified,
    })
}

/// Markdown is served as `text/markdown` or `text/plain`; an HTML page (a login wall, an
/// error page, the rendered site) is not what was asked for.
fn is_markdown_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence.starts_with("text/") && essence != "text/html"
}

/// A page must be UTF-8, not empty, and not HTML served under a text type.
pub fn check_markdown(body: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(body).map_err(|e| format!("not UTF-8 text: {e}"))?;
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.is_empty() {
        return Err("an empty page".into());
    }
    let head: String = start
        .chars()
        .take(9)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype") || head.starts_with("<html") {
        return Err("not Markdown: an HTML document".into());
    }
    Ok(())
}

fn reason(status: StatusCode) -> String {
    status
        .canonical_reason()
        .unwrap_or("unexpected status")
        .to_string()
}

/// `Retry-After` in seconds (the HTTP-date form is rare for throttling and is ignored).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?;
    text.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// An error with its causes, which say what actually failed (refused, timed out, DNS).
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Install the TLS crypto provider once; if the program installed one, that one is kept.
fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_types_are_accepted_and_html_is_not() {
        assert!(is_markdown_type("text/markdown; charset=utf-8"));
        assert!(is_markdown_type("text/plain"));
        assert!(!is_markdown_type("text/html; charset=utf-8"));
        assert!(!is_markdown_type("application/json"));
    }

    #[test]
    fn html_empty_and_binary_bodies_are_refused() {
        assert!(check_markdown(b"# CreateVpc\n").is_ok());
        assert!(check_markdown(b"\xef\xbb\xbf  <!DOCTYPE html><html>").is_err());
        assert!(check_markdown(b"<HTML><body>").is_err());
        assert!(check_markdown(b" \n").is_err());
        assert!(check_markdown(b"\xff\xfe").is_err());
    }

    #[test]
    fn waits_double_and_are_capped() {
        let f = Fetcher::new(Duration::from_secs(1), 5, Duration::from_millis(100)).unwrap();
        assert_eq!(f.wait(1, None), Duration::from_millis(100));
        assert_eq!(f.wait(3, None), Duration::from_millis(400));
        assert_eq!(
            f.wait(1, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
        assert_eq!(f.wait(1, Some(Duration::from_secs(3600))), MAX_WAIT);
        assert_eq!(f.wait(40, None), MAX_WAIT);
    }

    #[test]
    fn a_server_that_never_answers_times_out_on_every_attempt() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = Url::parse(&format!(
            "http://{}/page.md",
            listener.local_addr().unwrap()
        ))
        .unwrap();
        // Accept both attempts' connections and hold them open, silent, until the client
        // has given up.
        let (done, wait_done) = std::sync::mpsc::channel::<()>();
        let holder = std::thread::spawn(move || {
            let held: Vec<_> = listener.incoming().take(2).collect();
            let _ = wait_done.recv();
            drop(held);
        });
        let f = Fetcher::new(Duration::from_millis(100), 2, Duration::from_millis(1)).unwrap();
        let err = f.get(&url, None).unwrap_err();
        done.send(()).unwrap();
        assert_eq!(err.status, None);
        assert!(err.message.contains("timed out"), "{err}");
        assert!(err.message.ends_with("(after 2 attempts)"), "{err}");
        holder.join().unwrap();
    }

    #[test]
    fn errors_name_the_url_and_status() {
        let e = FetchError {
            url: "http://x/a.md".into(),
            status: Some(503),
            message: "Service Unavailable".into(),
        };
        assert_eq!(
            e.to_string(),
            "http://x/a.md: HTTP 503: Service Unavailable"
        );
    }
}
