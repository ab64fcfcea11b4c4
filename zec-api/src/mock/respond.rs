//! What the mock server answers to a request it read whole: authentication, faults, routing
//! by `X-ZC-Action`, checking the body, and the registered or documented reply.

use super::auth::authenticate;
use super::{Fault, Reply, Shared};
use crate::catalog::RequestProblem;
use crate::client::THROTTLE_CODE;
use crate::validation::ValidationMode;
use serde_json::{Value, json};

/// An answer: status, content type and body.
pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) content_type: &'static str,
    pub(super) body: Vec<u8>,
    /// Close the connection after answering (the rest of the request was not read).
    pub(super) close: bool,
}

impl Answer {
    pub(super) fn json(status: u16, value: &Value) -> Answer {
        Answer {
            status,
            content_type: "application/json",
            body: value.to_string().into_bytes(),
            close: false,
        }
    }

    pub(super) fn error(status: u16, request_id: &str, code: &str, message: &str) -> Answer {
        Answer::json(
            status,
            &json!({"requestId": request_id, "code": code, "message": message}),
        )
    }

    /// Whether the request was authenticated and routed (and so is logged whole).
    pub(super) fn accepted(&self) -> bool {
        !matches!(self.status, 401 | 404 | 408 | 413)
    }
}

/// The answer to an authenticated POST to the path of `service`, or why not.
pub(super) async fn respond(
    shared: &Shared,
    headers: &[(String, String)],
    body: &[u8],
    service: &str,
    action: Option<&str>,
    request_id: &str,
) -> Answer {
    if let Err((code, message)) = authenticate(&shared.options, headers, body) {
        return Answer::error(401, request_id, code, &message);
    }
    let fault = shared.take_fault(service, action);
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
            let page = format!(
                "<html><head><title>{status} Error</title></head><body><center><h1>{status} Error</h1></center></body></html>"
            );
            return Answer {
                status,
                content_type: "text/html",
                body: page.into_bytes(),
                close: false,
            };
        }
        Some(Fault::TruncatedJson) => {
            let full =
                json!({"requestId": request_id, "response": {"requestId": request_id}}).to_string();
            return Answer {
                status: 200,
                content_type: "application/json",
                body: full.as_bytes()[..full.len() / 2].to_vec(),
                close: false,
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
    // What the API answers for an action or a service it does not have.
    if !shared.serves(service) {
        return Answer::error(
            401,
            request_id,
            "AUTHFAILURE_UNAUTHORIZED_OPERATION",
            &format!("the service {service} does not exist"),
        );
    }
    let Some(info) = shared.action(service, name) else {
        return Answer::error(
            401,
            request_id,
            "AUTHFAILURE_UNAUTHORIZED_OPERATION",
            &format!("the action {name} does not exist in the service {service}"),
        );
    };
    // The headers must name the service and version of the path's product.
    let header = |n: &str| headers.iter().find(|(k, _)| k == n).map(|(_, v)| v.trim());
    if let Some(named) = header("x-zc-service")
        && named != info.service.name
    {
        return Answer::error(
            400,
            request_id,
            "INVALID_PARAMETER_VALUE",
            &format!(
                "X-ZC-Service {named:?} does not match the path of the service {}",
                info.service.name
            ),
        );
    }
    if header("x-zc-version") != Some(info.service.version) {
        return Answer::error(
            400,
            request_id,
            "INVALID_PARAMETER_VALUE",
            &format!(
                "X-ZC-Version {:?} is not the API version of {} ({})",
                header("x-zc-version").unwrap_or_default(),
                info.service.name,
                info.service.version
            ),
        );
    }
    match (info.check_request)(body) {
        Ok(()) => {}
        Err(RequestProblem::Violations(v))
            if shared.options.validation != ValidationMode::Enforce =>
        {
            if shared.options.validation == ValidationMode::Warn {
                tracing::warn!(action = name, violations = %v, "mock server: accepting a request that breaks documented rules");
            }
        }
        Err(problem) => {
            let code = match &problem {
                RequestProblem::Missing(_) => "MISSING_PARAMETER",
                RequestProblem::Invalid(_) | RequestProblem::NotJson(_) => "INVALID_PARAMETER_TYPE",
                RequestProblem::Violations(_) => "INVALID_PARAMETER_VALUE",
            };
            return Answer::error(400, request_id, code, &problem.to_string());
        }
    }

    match shared.take_reply(service, name) {
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
