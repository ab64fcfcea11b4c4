//! When calls are retried, and how long to wait in between.
//!
//! Throttling (HTTP 429 whatever its body, or the code `REQUEST_LIMIT_EXCEEDED` even with
//! HTTP 200) is always retried. Other failures are retried by whether the server may have
//! received the request: a connection to the endpoint that could not be opened (nothing was
//! sent) for every action; server errors (5xx), redirects, timeouts and connections lost
//! after sending began only for read-only actions (`Describe…`, `Inquiry…`), because a write
//! may have taken effect. [`RetryPolicy::retry_writes`] opts writes in. Waits grow
//! exponentially with full jitter; a server's `Retry-After` (seconds or an HTTP date) is
//! honoured up to the time that remains; both the number of attempts and the total time are
//! bounded.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Retry settings of a [`Client`](crate::Client).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (default 4; 1 disables retries).
    pub max_attempts: u32,
    /// Upper bound of the first wait (default 200 ms); it doubles per retry.
    pub initial_backoff: Duration,
    /// Upper bound of any wait (default 10 s).
    pub max_backoff: Duration,
    /// No retry starts once this much time has passed since the first attempt (default 60 s).
    pub max_elapsed: Duration,
    /// Also retry writes after server errors, timeouts and dropped connections (default
    /// false: a write may have taken effect).
    pub retry_writes: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_elapsed: Duration::from_secs(60),
            retry_writes: false,
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Set the number of attempts (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Set the first and the largest wait.
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// Set the total time after which no retry starts.
    pub fn max_elapsed(mut self, elapsed: Duration) -> Self {
        self.max_elapsed = elapsed;
        self
    }

    /// Retry writes too after server errors, timeouts and dropped connections.
    pub fn retry_writes(mut self, yes: bool) -> Self {
        self.retry_writes = yes;
        self
    }

    /// The wait before attempt `next` (2 for the first retry): a random duration up to
    /// `initial_backoff × 2^(next − 2)`, capped at `max_backoff`, or the server's
    /// `Retry-After` when it asks for longer.
    pub fn delay(&self, next: u32, retry_after: Option<Duration>) -> Duration {
        let exponent = next.saturating_sub(2).min(20);
        let ceiling = self
            .initial_backoff
            .saturating_mul(1u32 << exponent)
            .min(self.max_backoff);
        let jittered = ceiling.mul_f64(random_unit());
        match retry_after {
            Some(asked) if asked > jittered => asked,
            _ => jittered,
        }
    }

    /// Whether to retry after `attempts` attempts made in `elapsed`, and after what wait:
    /// `None` when the attempts are used up or the wait would end past `max_elapsed`. A
    /// `Retry-After` from the server is capped by the time that remains, so that no number a
    /// server sends can make the caller wait past the budget.
    pub(crate) fn next_delay(
        &self,
        attempts: u32,
        elapsed: Duration,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        let remaining = self.max_elapsed.saturating_sub(elapsed);
        if attempts >= self.max_attempts || remaining.is_zero() {
            return None;
        }
        let delay = self.delay(
            attempts.saturating_add(1),
            retry_after.map(|asked| asked.min(remaining)),
        );
        (delay <= remaining).then_some(delay)
    }
}

/// The wait a `Retry-After` header asks for, in either form RFC 9110 allows: a number of
/// seconds (`120`) or an HTTP date (`Wed, 21 Oct 2026 07:28:00 GMT`, and the two obsolete
/// date forms), read against `now`. A date in the past asks for no wait. `None` for anything
/// else. The wait is not capped here: [`RetryPolicy::next_delay`] caps it by the time left.
pub(crate) fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Digits too many for a u64 still mean "a very long time", capped later.
        return Some(Duration::from_secs(
            value.parse::<u64>().unwrap_or(u64::MAX),
        ));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Why an attempt failed, as far as retrying is concerned: above all, whether the server may
/// have received the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// Throttled: the server refused the request without acting on it; always retried.
    Throttled,
    /// Certainly not received: the connection to the endpoint could not be opened.
    NotSent,
    /// Possibly received: a 5xx, a redirect, a timeout or a connection lost after sending
    /// began. Retried for read-only actions, and for writes only when the policy says so.
    MaybeReceived,
    /// Anything else: retrying would not help.
    Final,
}

impl Failure {
    /// Whether this failure is retried for an action that is (not) read-only.
    pub(crate) fn retryable(self, read_only: bool, policy: &RetryPolicy) -> bool {
        match self {
            Failure::Throttled | Failure::NotSent => true,
            Failure::MaybeReceived => read_only || policy.retry_writes,
            Failure::Final => false,
        }
    }
}

/// A number in [0, 1): xorshift over a seed from the clock and a counter. Jitter only needs to
/// spread clients apart, not to be unpredictable.
fn random_unit() -> f64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0x9E37_79B9_7F4A_7C15);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let mut x = nanos ^ COUNTER.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed);
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_are_capped_and_honour_retry_after() {
        let p = RetryPolicy::default().backoff(Duration::from_millis(100), Duration::from_secs(1));
        for _ in 0..100 {
            assert!(p.delay(2, None) <= Duration::from_millis(100));
            assert!(p.delay(4, None) <= Duration::from_millis(400));
            assert!(p.delay(30, None) <= Duration::from_secs(1));
        }
        assert_eq!(
            p.delay(2, Some(Duration::from_secs(3))),
            Duration::from_secs(3)
        );
        // Not every delay is the same: there is jitter.
        let delays: std::collections::BTreeSet<Duration> =
            (0..20).map(|_| p.delay(5, None)).collect();
        assert!(delays.len() > 1);
        // A `Retry-After` shorter than the backoff does not shorten it.
        let delays: std::collections::BTreeSet<Duration> =
            (0..20).map(|_| p.delay(5, Some(Duration::ZERO))).collect();
        assert!(delays.len() > 1, "{delays:?}");
    }

    #[test]
    fn jitter_is_spread_over_the_whole_range() {
        // Clients that fail together must not retry together: each quarter of [0, 1) gets
        // its share of the draws (500 of 2,000 expected; a fair source strays by about 20).
        let draws: Vec<f64> = (0..2000).map(|_| random_unit()).collect();
        assert!(draws.iter().all(|u| (0.0..1.0).contains(u)));
        for quarter in 0..4 {
            let n = draws
                .iter()
                .filter(|u| (**u * 4.0) as usize == quarter)
                .count();
            assert!((400..600).contains(&n), "quarter {quarter}: {n} of 2000");
        }
    }

    #[test]
    fn which_failures_are_retried() {
        let p = RetryPolicy::default();
        assert!(Failure::Throttled.retryable(false, &p));
        assert!(Failure::NotSent.retryable(false, &p));
        assert!(Failure::MaybeReceived.retryable(true, &p));
        assert!(!Failure::MaybeReceived.retryable(false, &p));
        assert!(Failure::MaybeReceived.retryable(false, &p.clone().retry_writes(true)));
        assert!(!Failure::Final.retryable(true, &p));
    }

    #[test]
    fn retry_after_is_read_as_seconds_or_as_an_http_date() {
        // 2026-10-21 07:28:00 UTC.
        let now = UNIX_EPOCH + Duration::from_secs(1_792_567_680);
        let secs = |s: u64| Some(Duration::from_secs(s));
        assert_eq!(retry_after("120", now), secs(120));
        assert_eq!(retry_after(" 0 ", now), secs(0));
        assert_eq!(retry_after("99999999999999999999999", now), secs(u64::MAX));
        // The three date forms of RFC 9110, 90 s after `now`.
        for date in [
            "Wed, 21 Oct 2026 07:29:30 GMT",
            "Wednesday, 21-Oct-26 07:29:30 GMT",
            "Wed Oct 21 07:29:30 2026",
        ] {
            assert_eq!(retry_after(date, now), secs(90), "{date}");
        }
        // A date in the past, or now, means now.
        assert_eq!(retry_after("Wed, 21 Oct 2026 07:27:00 GMT", now), secs(0));
        assert_eq!(retry_after("Wed, 21 Oct 2026 07:28:00 GMT", now), secs(0));
        assert_eq!(retry_after("Thu, 01 Jan 1970 00:00:00 GMT", now), secs(0));
        // Far ahead: a long wait, which `next_delay` caps.
        assert!(retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now) > secs(200 * 365 * 86_400));
        for bad in [
            "",
            "-1",
            "1.5",
            "soon",
            "Wed, 32 Oct 2026 07:29:30 GMT",
            "1e3",
        ] {
            assert_eq!(retry_after(bad, now), None, "{bad:?}");
        }
    }

    #[test]
    fn retry_after_is_capped_by_the_time_that_remains() {
        let p = RetryPolicy::default().max_elapsed(Duration::from_secs(60));
        let huge = Some(Duration::from_secs(u64::MAX));
        assert_eq!(
            p.next_delay(1, Duration::from_secs(10), huge),
            Some(Duration::from_secs(50))
        );
        assert_eq!(p.next_delay(1, Duration::MAX, huge), None);
        assert_eq!(
            p.next_delay(4, Duration::ZERO, None),
            None,
            "attempts used up"
        );
        assert!(p.next_delay(1, Duration::ZERO, None).is_some());
    }
}
