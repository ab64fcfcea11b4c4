//! Reading an answer: the envelope (`{requestId, response}` or `{requestId, code, message}`),
//! then the content of `response`, tolerantly (see [`Decode`](crate::__private::Decode)).

use crate::action::Action;
use crate::client::THROTTLE_CODE;
use crate::error::{ApiError, Error, ErrorCode, Undecodable};
use crate::scrub::Scrub;
use crate::tame::{MAX_DEPTH, tame};
use crate::wire::{Decode, Decoder};
use serde_json::{Map, Value};

/// What a call of action `A` returns.
pub type ActionResult<A> = Result<<A as Action>::Response, Error<<A as Action>::Error>>;

/// Read an answer: `{requestId, response}` on success, `{requestId, code, message}` on failure.
/// Returns the request id too, when the body has one.
///
/// HTTP 429 is throttling whatever the body says (a proxy may answer it with HTML). A member
/// of `response` whose type differs from the docs is converted when that loses nothing, or
/// else read as `None` with a `tracing` warning; it never fails the call.
///
/// The client itself reads answers through this with its secrets known, and scrubs them from
/// every text it keeps (see [`Error`]); called directly, it knows none.
pub fn decode<A: Action>(status: u16, body: &[u8]) -> (Option<String>, ActionResult<A>) {
    decode_with::<A>(status, body, &Scrub::nothing())
}

/// [`decode`], taking the secrets of `scrub` out of every text kept from the answer.
pub(crate) fn decode_with<A: Action>(
    status: u16,
    body: &[u8],
    scrub: &Scrub,
) -> (Option<String>, ActionResult<A>) {
    let mut request_id = None;
    let result = decode_envelope::<A>(status, body, scrub, &mut request_id);
    (request_id, result)
}

fn decode_envelope<A: Action>(
    status: u16,
    body: &[u8],
    scrub: &Scrub,
    found_id: &mut Option<String>,
) -> Result<A::Response, Error<A::Error>> {
    let undecodable = |reason: String, request_id: Option<String>| {
        Error::Undecodable(Undecodable {
            http_status: status,
            request_id,
            reason: scrub.owned(&reason),
            snippet: scrub.snippet(body, 512),
        })
    };
    let (envelope, not_an_envelope) = match parse(A::NAME, body) {
        Ok(Value::Object(map)) => (Some(map), String::new()),
        Ok(_) => (None, "the body is JSON but not an object".to_string()),
        Err(e) => (None, format!("the body is not JSON ({e})")),
    };
    if status == 429 && envelope.is_none() {
        return Err(Error::Throttled(ApiError {
            error: A::Error::from_code(THROTTLE_CODE),
            code: THROTTLE_CODE.to_string(),
            message: format!(
                "HTTP 429 without a ZEC error body; body starts: {:?}",
                scrub.snippet(body, 200)
            ),
            http_status: status,
            request_id: None,
        }));
    }
    let Some(mut envelope) = envelope else {
        return Err(undecodable(not_an_envelope, None));
    };
    let request_id = envelope
        .get("requestId")
        .and_then(Value::as_str)
        .map(|id| scrub.owned(id));
    found_id.clone_from(&request_id);
    let code = envelope
        .get("code")
        .and_then(Value::as_str)
        .filter(|c| !c.is_empty())
        .map(|c| scrub.owned(c));
    if status == 429 || code.as_deref() == Some(THROTTLE_CODE) {
        let code = code.unwrap_or_else(|| THROTTLE_CODE.to_string());
        return Err(Error::Throttled(api_error::<A>(
            &envelope, code, status, request_id, scrub,
        )));
    }
    if let Some(code) = code {
        return Err(Error::Api(api_error::<A>(
            &envelope, code, status, request_id, scrub,
        )));
    }
    if !(200..300).contains(&status) {
        return Err(undecodable(
            format!("HTTP {status} without an error code"),
            request_id,
        ));
    }
    match envelope.remove("response") {
        Some(Value::Null) | None => Err(undecodable(
            "a success without `response`".into(),
            request_id,
        )),
        Some(response) => {
            let mut cx = Decoder::tolerant(Some(A::NAME));
            A::Response::decode(response, &mut cx).map_err(|e| {
                undecodable(
                    format!("`response` is not a {}Response: {e}", A::NAME),
                    request_id,
                )
            })
        }
    }
}

/// The body as JSON. When serde_json refuses it whole for the sake of one member (a number
/// beyond an `f64`, nesting beyond its recursion limit), it reads the body [tamed](tame)
/// instead: each such member is then `null` or a string, and is degraded as the docs' type
/// allows. Anything else it refuses stays refused, with its own error.
fn parse(action: &'static str, body: &[u8]) -> Result<Value, serde_json::Error> {
    let refused = match serde_json::from_slice(body) {
        Ok(value) => return Ok(value),
        Err(refused) => refused,
    };
    let Some(tamed) = tame(body) else {
        return Err(refused);
    };
    tracing::warn!(
        action,
        deeper_than_64 = tamed.cut,
        beyond_f64 = tamed.numbers,
        "the answer has arrays or objects nested deeper than {MAX_DEPTH} levels (read as null) \
         or numbers beyond ±1e308 (read as text); the members that hold them are read as the \
         docs' types allow"
    );
    serde_json::from_slice(&tamed.json).map_err(|_| refused)
}

fn api_error<A: Action>(
    envelope: &Map<String, Value>,
    code: String,
    status: u16,
    request_id: Option<String>,
    scrub: &Scrub,
) -> ApiError<A::Error> {
    let message = scrub.owned(
        envelope
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or_default(),
    );
    ApiError {
        error: A::Error::from_code(&code),
        code,
        message,
        http_status: status,
        request_id,
    }
}
