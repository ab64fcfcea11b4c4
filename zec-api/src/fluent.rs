//! Fluent calls: `client.associate_eip_address().nic_id("nic-1").lan_ip("10.0.0.2").send()`.
//!
//! One generic type, [`Call`], holds the client and the request being built. The generated code
//! gives `Call<A>` one setter per member of `A`'s request, each forwarding to the request's own
//! setter; sending, streaming pages and waiting are written once, here. Keeping the per-action
//! part down to setters keeps the generated code (and so compile time) small.

use crate::action::{Action, ActionRequest};
use crate::client::Client;
use crate::error::Error;
use crate::paginate::Paginated;
use crate::shown::{debug_bounded, display_bounded};
use crate::waiter::{WaitError, WaitOptions, Waitable};
use futures_util::Stream;
use std::fmt;

/// A call of action `A` being built: `client.<action>()` returns one, its setters name every
/// value, and [`send`](Call::send) validates and sends it.
///
/// Required members that were never set are reported by validation when the call is sent,
/// all at once and before anything goes on the wire.
#[must_use = "a call does nothing until it is sent"]
pub struct Call<A: Action> {
    pub(crate) client: Client,
    pub(crate) request: A::Request,
}

impl<A: Action> Call<A> {
    /// A call of `A` on `client` with an empty request; generated client methods start here.
    pub(crate) fn new(client: &Client) -> Self
    where
        A::Request: Default,
    {
        Call {
            client: client.clone(),
            request: A::Request::default(),
        }
    }

    /// The request built so far, to keep and send later with [`Client::send`].
    pub fn request(self) -> A::Request {
        self.request
    }
}

impl<A: Action> Call<A>
where
    A::Request: ActionRequest<Action = A>,
{
    /// Validates the request (nothing is sent if that fails, and every problem is reported),
    /// then sends it, as [`Client::send`] does.
    pub async fn send(self) -> Result<A::Response, Error<A::Error>> {
        self.client.send(self.request).await
    }
}

impl<A: Paginated> Call<A>
where
    A::Request: ActionRequest<Action = A>,
{
    /// Every item of the list, page after page, as [`Client::paginate`] gives them. The page
    /// number is set for each page; a page size set here is kept.
    ///
    /// The stream is `Unpin` (it is boxed), so `stream.next().await` works without pinning it
    /// first.
    pub fn stream(
        self,
    ) -> impl Stream<Item = Result<A::Item, Error<A::Error>>> + Unpin + Send + 'static {
        Box::pin(self.client.paginate::<A>(self.request))
    }
}

impl<A: Waitable> Call<A>
where
    A::Request: ActionRequest<Action = A>,
    <A::Poll as Action>::Request: ActionRequest<Action = A::Poll>,
{
    /// Sends the request, then waits as [`Client::wait`] does until the resources it acted
    /// on reach the documented state.
    ///
    /// The response is kept on both outcomes: when waiting fails, the error still carries it
    /// (it names the resources the call created).
    pub async fn send_and_wait(
        self,
        options: WaitOptions,
    ) -> Result<Waited<A::Response>, SendAndWaitError<A>> {
        let Call { client, request } = self;
        let response = client
            .send(request.clone())
            .await
            .map_err(SendAndWaitError::Send)?;
        match client.wait::<A>(&request, &response, options).await {
            Ok(states) => Ok(Waited { response, states }),
            Err(error) => Err(SendAndWaitError::Wait { response, error }),
        }
    }
}

impl<A: Action> Clone for Call<A> {
    fn clone(&self) -> Self {
        Call {
            client: self.client.clone(),
            request: self.request.clone(),
        }
    }
}

impl<A: Action> fmt::Debug for Call<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("action", &A::NAME)
            .field("request", &self.request)
            .finish_non_exhaustive()
    }
}

/// What [`Call::send_and_wait`] ends with when all went well.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Waited<R> {
    /// The response of the call.
    pub response: R,
    /// The final state of each resource the call acted on (`None`: it is gone).
    pub states: Vec<(String, Option<String>)>,
}

/// Why [`Call::send_and_wait`] did not end in the documented state.
#[non_exhaustive]
pub enum SendAndWaitError<A: Waitable> {
    /// The call itself failed; nothing to wait for.
    Send(Error<A::Error>),
    /// The call succeeded but waiting did not.
    Wait {
        /// The response of the call.
        response: A::Response,
        /// Why waiting failed.
        error: WaitError<<A::Poll as Action>::Error>,
    },
}

impl<A: Waitable> fmt::Debug for SendAndWaitError<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_bounded(f, |f| match self {
            SendAndWaitError::Send(e) => f.debug_tuple("Send").field(e).finish(),
            SendAndWaitError::Wait { response, error } => f
                .debug_struct("Wait")
                .field("response", response)
                .field("error", error)
                .finish(),
        })
    }
}

impl<A: Waitable> fmt::Display for SendAndWaitError<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display_bounded(f, |f| match self {
            SendAndWaitError::Send(e) => write!(f, "{}: {e}", A::NAME),
            SendAndWaitError::Wait { error, .. } => {
                write!(f, "{} succeeded, but waiting failed: {error}", A::NAME)
            }
        })
    }
}

impl<A: Waitable> std::error::Error for SendAndWaitError<A> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SendAndWaitError::Send(e) => Some(e),
            SendAndWaitError::Wait { error, .. } => Some(error),
        }
    }
}
