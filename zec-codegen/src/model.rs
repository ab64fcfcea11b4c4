//! One action, read once into what its items are made of: the Rust names, the request and
//! response structs, and, for list and asynchronous actions, what their page stream and
//! waiter use. [`action`](crate::action), [`fluent`](crate::fluent) and
//! [`catalog`](crate::catalog) render it.

use crate::client::method_name;
use crate::docs::Doc;
use crate::names::{self, ident};
use crate::record::{Record, RecordKind};
use crate::{Ctx, Error};
use proc_macro2::{Ident, TokenStream};
use zec_spec::ir::{Action, Rule};

/// An action, ready to render.
pub struct ActionModel<'a> {
    /// The action in the IR.
    pub action: &'a Action,
    /// The marker type (`AssociateEipAddress`).
    pub marker: Ident,
    /// `<Action>Request`.
    pub request_ident: Ident,
    /// `<Action>Response`.
    pub response_ident: Ident,
    /// `<Action>Error`.
    pub error_ident: Ident,
    /// `<Action>Call`, the name of its fluent call.
    pub call_ident: Ident,
    /// The client method (`associate_eip_address`).
    pub method: Ident,
    /// The request struct.
    pub request: Record<'a>,
    /// The response struct.
    pub response: Record<'a>,
    /// The item type of its page stream, when it is a list action whose members have the
    /// shapes paging needs.
    pub page_item: Option<TokenStream>,
    /// Its `zec_api::Paginated` impl, when it is a list action.
    pub paginated: Option<TokenStream>,
    /// Its `zec_api::Waitable` impl, when it is an asynchronous action with a waiter.
    pub waitable: Option<TokenStream>,
    /// The response holds only the request id: `<Action>Response` is an alias of
    /// `zec_api::EmptyResponse` instead of a struct of its own.
    pub empty_response: bool,
}

impl<'a> ActionModel<'a> {
    /// Read `action` (of `ctx`'s product); fails with every problem found.
    pub fn new(ctx: &Ctx<'_>, action: &'a Action) -> Result<Self, Vec<Error>> {
        let mut errors = check_rules(action);
        let base = names::type_name(&action.name);
        let request = Record::new(
            ctx,
            &format!("{base}Request"),
            Doc::new(),
            RecordKind::Request,
            &action.request,
            &action.rules,
        )
        .map(|mut r| {
            r.action = Some(&action.name);
            r
        });
        let response = Record::new(
            ctx,
            &format!("{base}Response"),
            Doc::new(),
            RecordKind::Response,
            &action.response,
            &[],
        );
        let (request, response) = match (request, response) {
            (Ok(a), Ok(b)) if errors.is_empty() => (a, b),
            (a, b) => {
                errors.extend(a.err().unwrap_or_default());
                errors.extend(b.err().unwrap_or_default());
                return Err(errors);
            }
        };
        let mut model = ActionModel {
            action,
            marker: ident(&base),
            request_ident: ident(&format!("{base}Request")),
            response_ident: ident(&format!("{base}Response")),
            error_ident: ident(&format!("{base}Error")),
            call_ident: ident(&format!("{base}Call")),
            method: ident(&method_name(&action.name)),
            page_item: crate::paginate::item_type(ctx, action),
            request,
            response,
            paginated: None,
            waitable: None,
            empty_response: matches!(
                action.response.as_slice(),
                [only] if only.name == "requestId" && only.ty == zec_spec::ir::TypeRef::String
            ),
        };
        model.paginated = crate::paginate::paginated_impl(ctx, &model);
        model.waitable = crate::waiter::waitable_impl(ctx, &model);
        Ok(model)
    }

    /// The wire name.
    pub fn name(&self) -> &'a str {
        &self.action.name
    }
}

/// Rules must name request fields; the parser guarantees it, but a hand-edited IR might not.
fn check_rules(action: &Action) -> Vec<Error> {
    let mut errors = Vec::new();
    for rule in &action.rules {
        let names: Vec<&String> = match rule {
            Rule::ExactlyOneOf { fields, .. } | Rule::AtMostOneOf { fields, .. } => {
                fields.iter().collect()
            }
            Rule::RequiredIf { field, when, .. } => vec![field, when],
        };
        for n in names {
            if !action.request.iter().any(|f| &f.name == n) {
                errors.push(Error {
                    source: rule.source().clone(),
                    message: format!(
                        "rule names `{n}`, which is not a request parameter of {}",
                        action.name
                    ),
                });
            }
        }
    }
    errors
}
