//! One action's items: `<Action>Request`, `<Action>Response`, `<Action>Error` and the
//! `<Action>` marker that ties them together through `zec_api::Action`.

use crate::Ctx;
use crate::docs::{Doc, escape};
use crate::errors::action_error_enum;
use crate::model::ActionModel;
use crate::record;
use proc_macro2::TokenStream;
use quote::quote;
use zec_spec::ir::Action;

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

/// Every item of one action: marker, request, response, error enum, and its page stream and
/// waiter where it has them.
pub fn generate_action(ctx: &Ctx<'_>, model: &ActionModel<'_>) -> TokenStream {
    let action = model.action;
    let base = model.marker.to_string();
    let root = &ctx.root;
    let mut request_doc = Doc::new();
    request_doc.markdown(format!(
        "Parameters of [`{base}`], for a request built ahead of time: start from `default()`, set members with the setters (a required member left unset is reported by `validate()`), send with [`Client::send`](::zec_api::Client::send). The client method of the action builds and sends in one chain."
    ));
    request_doc.markdown(escape(&action.summary));
    if let Some(link) = ctx.page_link(&action.source.file) {
        request_doc.markdown(link);
    }
    let mut response_doc = Doc::new();
    response_doc.markdown(format!(
        "The result of [`{base}`]. Members the server leaves out are `None`; members it adds are ignored."
    ));
    let request_tokens = record::generate_with_doc(ctx, &model.request, &request_doc);
    let response_tokens = if model.empty_response {
        let name = &model.response_ident;
        let doc = format!(
            " The result of [`{base}`], which answers with nothing but the request id (shared by every such action)."
        );
        quote! {
            #[doc = #doc]
            pub type #name = ::zec_api::EmptyResponse;
        }
    } else {
        record::generate_with_doc(ctx, &model.response, &response_doc)
    };
    let (paginated, waitable) = (&model.paginated, &model.waitable);
    let error_enum = action_error_enum(ctx, action);

    let ActionModel {
        marker,
        request_ident,
        response_ident,
        error_ident,
        ..
    } = model;
    let wire = action.name.as_str();
    let read_only = action.read_only;
    let marker_doc = action_doc(ctx, action).tokens();
    quote! {
        #marker_doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct #marker;

        impl ::zec_api::Action for #marker {
            const NAME: &'static str = #wire;
            const READ_ONLY: bool = #read_only;
            const SERVICE: ::zec_api::Service = #root::__SERVICE;
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
    }
}
