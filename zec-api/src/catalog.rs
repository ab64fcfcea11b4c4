//! Every action by wire name, without its types: for dispatch by `X-ZC-Action` (the mock
//! server) and for checks over all actions (tests of the docs' examples).

use crate::action::{Action, Service};
use crate::validation::{RuleKind, ValidationError, run_validation};
use crate::wire::{Decode, Decoder};
use serde_json::Value;
use std::fmt;

/// One action, type-erased.
#[derive(Clone, Copy)]
pub struct ActionInfo {
    /// Wire name.
    pub name: &'static str,
    /// The service (product) it belongs to.
    pub service: Service,
    /// Group of the API docs (`elastic-ip`).
    pub group: &'static str,
    /// Whether the action only reads state.
    pub read_only: bool,
    /// Decode a request body into the action's request type and validate it.
    pub check_request: fn(&[u8]) -> Result<(), RequestProblem>,
    /// Decode the content of a response's `response` object into the response type, strictly.
    pub check_response: fn(&Value) -> Result<(), String>,
    /// The first example response of the docs (the whole envelope), as JSON text.
    pub example_response: Option<&'static str>,
}

impl ActionInfo {
    /// The entry of action `A` (for actions generated outside this crate, such as those of
    /// [`generate_page!`](crate::generate_page), to register with the mock server).
    pub const fn of<A: Action>(
        group: &'static str,
        example_response: Option<&'static str>,
    ) -> ActionInfo {
        ActionInfo {
            name: A::NAME,
            service: A::SERVICE,
            group,
            read_only: A::READ_ONLY,
            check_request: check_request::<A>,
            check_response: check_response::<A>,
            example_response,
        }
    }
}

impl fmt::Debug for ActionInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ActionInfo")
            .field("name", &self.name)
            .field("service", &self.service.name)
            .field("group", &self.group)
            .field("read_only", &self.read_only)
            .finish_non_exhaustive()
    }
}

/// Why a request body is not a valid request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestProblem {
    /// The body is not a JSON object.
    NotJson(String),
    /// A required parameter is missing (its wire name).
    Missing(String),
    /// A parameter has the wrong type (the decoder's message, naming it).
    Invalid(String),
    /// The request decodes but breaks documented rules.
    Violations(ValidationError),
}

impl fmt::Display for RequestProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestProblem::NotJson(m) => write!(f, "the body is not a JSON object: {m}"),
            RequestProblem::Missing(field) => write!(f, "missing required parameter `{field}`"),
            RequestProblem::Invalid(m) => write!(f, "invalid parameter: {m}"),
            RequestProblem::Violations(v) => write!(f, "{v}"),
        }
    }
}

/// Decode and validate a request body for `A`.
pub fn check_request<A: Action>(body: &[u8]) -> Result<(), RequestProblem> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| RequestProblem::NotJson(e.to_string()))?;
    if !value.is_object() {
        return Err(RequestProblem::NotJson("not an object".into()));
    }
    let request: A::Request =
        serde_json::from_value(value).map_err(|e| RequestProblem::Invalid(e.to_string()))?;
    run_validation(A::NAME, &request).map_err(|error| {
        // A required parameter left out is reported as missing, as the API does, before any
        // other problem.
        let missing = error
            .violations
            .iter()
            .find(|v| v.rule == RuleKind::Required && !v.field.contains(['.', '[']));
        match missing {
            Some(v) => RequestProblem::Missing(v.field.clone()),
            None => RequestProblem::Violations(error),
        }
    })
}

/// Decode the content of `response` for `A` strictly: every member must have the documented
/// type (the client itself reads answers tolerantly).
pub fn check_response<A: Action>(response: &Value) -> Result<(), String> {
    A::Response::decode(response.clone(), &mut Decoder::strict())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Every action of every product compiled in, sorted by service and name.
#[inline]
pub fn actions() -> &'static [ActionInfo] {
    crate::__catalog::actions()
}

/// The action of `service` with this wire name.
#[inline]
pub fn find(service: &str, name: &str) -> Option<&'static ActionInfo> {
    let all = actions();
    all.binary_search_by(|a| (a.service.name, a.name).cmp(&(service, name)))
        .ok()
        .map(|i| &all[i])
}

/// The service with this name, if any of its actions is compiled in.
#[inline]
pub fn service(name: &str) -> Option<Service> {
    actions()
        .iter()
        .find(|a| a.service.name == name)
        .map(|a| a.service)
}
