//! One action's items: `<Action>Request`, `<Action>Response`, `<Action>Error` and the
//! `<Action>` marker that ties them together through `zec_api::Action`.

use crate::docs::{Doc, escape};
use crate::errors::action_error_enum;
use crate::names::{self, ident};
use crate::record::{self, Record, RecordKind};
use crate::{Ctx, Error, paginate, waiter};
use proc_macro2::TokenStream;
use quote::quote;
use zec_spec::ir::{Action, Rule};

/// The description of an action: summary, docs, notes, behaviour, error codes, link.
pub fn action_doc(ctx: &Ctx<'_>, action: &Action) -> Doc {
    let mut doc = Doc::new();
    for p in &action.docs {
        doc.text(p);
    }
    if doc.is_empty() {
        doc.markdown(format!("The `{}` action.", action.name));
    }
    doc.list("Notes", &action.notes);
    let mut behaviour = Vec::new();
    if let Some(w) = &action.waiter {
        let states = |s: &[String]| {
            s.iter()
                .map(|x| format!("`{x}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        };
        let mut text = format!(
            "Asynchronous: the work goes on after the call returns; poll `{}`",
            w.poll_action
        );
        if w.until_gone {
            text.push_str(" until the resource is gone");
        } else {
            text.push_str(&format!(" until the state is {}", states(&w.success)));
        }
        if !w.failure.is_empty() {
            text.push_str(&format!(" (failed: {})", states(&w.failure)));
        }
        text.push('.');
        behaviour.push(text);
    }
    if let Some(p) = &action.pagination {
        behaviour.push(format!(
            "Paginated: `{}` and `{}` select a page; `{}` holds the page's items and `{}` the total.",
            p.page_num, p.page_size, p.items, p.total_count
        ));
    }
    if !behaviour.is_empty() {
        doc.markdown("# Behaviour");
        doc.markdown(
            behaviour
                .iter()
                .map(|b| format!("- {b}"))
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    if !action.errors.is_empty() {
        doc.markdown("# Error codes");
        let lines: Vec<String> = action
            .errors
            .iter()
            .map(|e| {
                let status = e.status.map(|s| format!(" (HTTP {s})")).unwrap_or_default();
                format!("- `{}`{status}: {}", e.code, escape(&e.description))
            })
            .collect();
        doc.markdown(lines.join("\n"));
    }
    if let Some(link) = ctx.page_link(&action.source.file) {
        doc.markdown(link);
    }
    doc
}

/// Every item of one action.
pub fn generate_action(ctx: &Ctx<'_>, action: &Action) -> Result<TokenStream, Vec<Error>> {
    let mut errors = check_rules(action);
    let base = names::type_name(&action.name);
    let request_name = format!("{base}Request");
    let response_name = format!("{base}Response");

    let mut request_doc = Doc::new();
    request_doc.markdown(format!(
        "Parameters of [`{base}`], for a request built ahead of time: start from `default()`, set members with the setters (a required member left unset is reported by `validate()`), send with [`Client::send`](::zec_api::Client::send). The client method of the action builds and sends in one chain."
    ));
    request_doc.markdown(escape(&action.summary));
    if let Some(link) = ctx.page_link(&action.source.file) {
        request_doc.markdown(link);
    }
    let request = Record::new(
        ctx,
        &request_name,
        request_doc,
        RecordKind::Request,
        &action.request,
        &action.rules,
    )
    .map(|mut r| {
        r.action = Some(&action.name);
        r
    });

    let mut response_doc = Doc::new();
    response_doc.markdown(format!(
        "The result of [`{base}`]. Members the server leaves out are `None`; members it adds are ignored."
    ));
    let response = Record::new(
        ctx,
        &response_name,
        response_doc,
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
    let paginated = paginate::paginated_impl(ctx, action, &request, &response);
    let waitable = waiter::waitable_impl(ctx, action, &request, &response);
    let request_tokens = record::generate(ctx, &request);
    let response_tokens = record::generate(ctx, &response);
    let error_enum = action_error_enum(ctx, action);

    let marker = ident(&base);
    let request_ident = ident(&request_name);
    let response_ident = ident(&response_name);
    let error_ident = ident(&format!("{base}Error"));
    let wire = action.name.as_str();
    let read_only = zec_spec::ir::is_read_only_action(&action.name);
    let marker_doc = action_doc(ctx, action).tokens();
    Ok(quote! {
        #marker_doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct #marker;

        impl ::zec_api::Action for #marker {
            const NAME: &'static str = #wire;
            const READ_ONLY: bool = #read_only;
            type Request = #request_ident;
            type Response = #response_ident;
            type Error = #error_ident;
        }

        impl ::zec_api::ActionRequest for #request_ident {
            type Action = #marker;
        }

        #paginated
        #waitable
        #request_tokens
        #response_tokens
        #error_enum
    })
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
