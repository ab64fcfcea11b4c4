//! Waiting for asynchronous actions: poll the documented action until the documented state.

use crate::action::{Action, ActionRequest};
use crate::client::Client;
use crate::error::Error;
use crate::shown::{Clip, debug_bounded, display_bounded};
use std::fmt;
use std::time::Duration;
// Tokio's clock: the same as the system's, except in tests that pause time.
use tokio::time::Instant;

/// An action the docs call asynchronous, with the action to poll and the states that mean
/// pending, done and failed. Implemented by the generated markers of such actions.
pub trait Waitable: Action {
    /// The action that shows progress (`DescribeInstances`).
    type Poll: Action;
    /// States while the work goes on.
    const PENDING: &'static [&'static str];
    /// States that mean done; empty when done means gone.
    const SUCCESS: &'static [&'static str];
    /// States that mean failed.
    const FAILURE: &'static [&'static str];
    /// Done means the resource no longer appears.
    const UNTIL_GONE: bool;
    /// The resources the call acted on, from its response or request.
    fn resource_ids(request: &Self::Request, response: &Self::Response) -> Vec<String>;
    /// A poll request for these resources.
    fn poll_request(ids: &[String]) -> <Self::Poll as Action>::Request;
    /// Each listed resource and its state.
    fn states(response: &<Self::Poll as Action>::Response) -> Vec<(String, Option<String>)>;
}

/// How to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitOptions {
    /// Time between polls (default 5 s).
    pub interval: Duration,
    /// Give up after this long (default 10 minutes).
    pub timeout: Duration,
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            interval: Duration::from_secs(5),
            timeout: Duration::from_secs(600),
        }
    }
}

impl WaitOptions {
    /// Poll every `interval`, for at most `timeout`.
    pub fn new(interval: Duration, timeout: Duration) -> Self {
        WaitOptions { interval, timeout }
    }
}

/// Why waiting did not end in success. `E` is the poll action's error-code enum.
///
/// `Display` and `Debug` print at most a few KiB (see [`Error`]).
#[non_exhaustive]
pub enum WaitError<E> {
    /// A poll failed.
    Poll(Error<E>),
    /// A resource reached a failure state.
    Failed {
        /// The resource.
        id: String,
        /// Its state.
        state: String,
    },
    /// The timeout passed first.
    TimedOut {
        /// How long it waited.
        waited: Duration,
        /// The last states seen (`None`: the resource was not listed).
        last: Vec<(String, Option<String>)>,
        /// The failure of the last poll, when it failed (throttling, a server error, a
        /// timeout): such failures do not end the wait, only the timeout does.
        last_error: Option<Error<E>>,
    },
    /// Neither the response nor the request names a resource to wait for.
    NothingToWaitFor,
}

impl<E: fmt::Display> fmt::Display for WaitError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display_bounded(f, |f| match self {
            WaitError::Poll(e) => write!(f, "polling failed: {e}"),
            WaitError::Failed { id, state } => {
                write!(f, "{} reached the failure state {}", Clip(id), Clip(state))
            }
            WaitError::TimedOut {
                waited,
                last,
                last_error,
            } => {
                write!(f, "still not done after {waited:?}; last states: ")?;
                if last.is_empty() {
                    f.write_str("none")?;
                }
                for (i, (id, state)) in last.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    let state = state.as_deref().unwrap_or("absent");
                    write!(f, "{}={}", Clip(id), Clip(state))?;
                }
                if let Some(e) = last_error {
                    write!(f, "; the last poll failed: {e}")?;
                }
                Ok(())
            }
            WaitError::NothingToWaitFor => f.write_str("no resource id to wait for"),
        })
    }
}

impl<E: fmt::Debug> fmt::Debug for WaitError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_bounded(f, |f| match self {
            WaitError::Poll(e) => f.debug_tuple("Poll").field(e).finish(),
            WaitError::Failed { id, state } => f
                .debug_struct("Failed")
                .field("id", &Clip(id))
                .field("state", &Clip(state))
                .finish(),
            WaitError::TimedOut {
                waited,
                last,
                last_error,
            } => f
                .debug_struct("TimedOut")
                .field("waited", waited)
                .field("last", last)
                .field("last_error", last_error)
                .finish(),
            WaitError::NothingToWaitFor => f.write_str("NothingToWaitFor"),
        })
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for WaitError<E> {}

/// Whether a poll's failure may pass (the next poll may succeed): throttling, server errors,
/// timeouts, lost connections. Anything else (refused credentials, an unknown action) ends
/// the wait.
fn is_transient<E>(error: &Error<E>) -> bool {
    match error {
        Error::Throttled(_) | Error::Transport(_) | Error::Timeout { .. } => true,
        Error::Api(e) => e.http_status >= 500,
        Error::Undecodable(u) => u.http_status >= 500,
        _ => false,
    }
}

impl Client {
    /// Wait until the resources an asynchronous call acted on reach the documented success
    /// state (or disappear, for deletions), polling the documented action.
    ///
    /// Fails as soon as a resource reaches a documented failure state. Every poll counts
    /// against `options.timeout`, its own time included, so the wait ends by then. A poll
    /// that fails for a passing reason (throttling, a server error, a timeout), after the
    /// retries of the client's [`RetryPolicy`](crate::RetryPolicy), does not end the wait:
    /// the next poll comes after the interval. Other failures end it with
    /// [`WaitError::Poll`].
    ///
    /// Returns the final state of each resource (`None` when it is gone).
    pub async fn wait<A: Waitable>(
        &self,
        request: &A::Request,
        response: &A::Response,
        options: WaitOptions,
    ) -> Result<Vec<(String, Option<String>)>, WaitError<<A::Poll as Action>::Error>>
    where
        <A::Poll as Action>::Request: ActionRequest<Action = A::Poll>,
    {
        let ids = A::resource_ids(request, response);
        if ids.is_empty() {
            return Err(WaitError::NothingToWaitFor);
        }
        let started = Instant::now();
        let remaining = || options.timeout.saturating_sub(started.elapsed());
        let mut last: Vec<(String, Option<String>)> = Vec::new();
        let mut last_error = None;
        loop {
            let poll = tokio::time::timeout(remaining(), self.send(A::poll_request(&ids))).await;
            match poll {
                // The timeout passed during the poll.
                Err(_) => {}
                Ok(Err(e)) if is_transient(&e) => {
                    tracing::warn!(action = A::NAME, error = %e, "a poll failed; waiting goes on");
                    last_error = Some(e);
                }
                Ok(Err(e)) => return Err(WaitError::Poll(e)),
                Ok(Ok(answer)) => {
                    last_error = None;
                    last = Self::states_of::<A>(&ids, &answer);
                    if let Some((id, Some(state))) = last
                        .iter()
                        .find(|(_, s)| s.as_deref().is_some_and(|s| A::FAILURE.contains(&s)))
                    {
                        return Err(WaitError::Failed {
                            id: id.clone(),
                            state: state.clone(),
                        });
                    }
                    let done = last.iter().all(|(_, state)| match state {
                        None => A::UNTIL_GONE,
                        Some(s) => !A::UNTIL_GONE && A::SUCCESS.contains(&s.as_str()),
                    });
                    if done {
                        return Ok(last);
                    }
                }
            }
            tracing::debug!(
                action = A::NAME,
                waited_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
                "waiting"
            );
            // No poll starts that the timeout would cut short before its interval.
            if remaining() <= options.interval {
                return Err(WaitError::TimedOut {
                    waited: started.elapsed(),
                    last,
                    last_error,
                });
            }
            tokio::time::sleep(options.interval).await;
        }
    }

    /// Each resource's state in a poll's answer; `None` when it is not listed (gone).
    fn states_of<A: Waitable>(
        ids: &[String],
        answer: &<A::Poll as Action>::Response,
    ) -> Vec<(String, Option<String>)> {
        let listed = A::states(answer);
        ids.iter()
            .map(|id| {
                let state = listed
                    .iter()
                    .find(|(i, _)| i == id)
                    .map(|(_, s)| s.clone().unwrap_or_default());
                (id.clone(), state)
            })
            .collect()
    }
}
