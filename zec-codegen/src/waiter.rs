//! `zec_api::Waitable` for actions the docs call asynchronous.
//!
//! The docs name the action to poll and the states; which fields carry the resource ids and
//! the state is found by the docs' naming conventions: the poll action takes `<noun>Ids`, its
//! listed items carry `<noun>Id` and a `status` (or `<noun>Status`, `…State`) member, and the
//! asynchronous action was given `<noun>Ids`/`<noun>Id` (the resources it acts on) or returns
//! them. An action that makes resources (`Create…`, `Copy…`) is watched through the ids it
//! returns, since the ids it was given name the source (the snapshot `CopySnapshot` copies);
//! any other action through the ids it was given, since the ids it returns may be the ones
//! that failed (`StartInstances`). When a piece is missing, no waiter is generated (the
//! action's docs still describe the behaviour).

use crate::Ctx;
use crate::docs::Doc;
use crate::names::{self, ident};
use crate::record::{Record, RecordField, RecordKind};
use proc_macro2::TokenStream;
use quote::quote;
use zec_spec::ir::{Action, Field, Shape, TypeRef};

fn is_string_list(t: &TypeRef) -> bool {
    matches!(t, TypeRef::Array(inner) if **inner == TypeRef::String)
}

/// Code that collects the resource ids from a field of the request or response.
fn ids_from(f: &RecordField<'_>, owner: TokenStream) -> Option<TokenStream> {
    let ident = &f.ident;
    Some(match &f.field.ty {
        t if is_string_list(t) => quote!(#owner.#ident.clone().unwrap_or_default()),
        TypeRef::String => quote!(#owner.#ident.clone().into_iter().collect()),
        _ => return None,
    })
}

/// The `Waitable` impl, when every piece is found.
pub fn waitable_impl(
    ctx: &Ctx<'_>,
    action: &Action,
    request: &Record<'_>,
    response: &Record<'_>,
) -> Option<TokenStream> {
    let w = action.waiter.as_ref()?;
    let poll = ctx
        .api
        .actions
        .iter()
        .find(|a| a.name == w.poll_action && a.product == action.product)?;
    let poll_request = Record::new(
        ctx,
        "Poll",
        Doc::new(),
        RecordKind::Request,
        &poll.request,
        &[],
    )
    .ok()?;
    let poll_response = Record::new(
        ctx,
        "Poll",
        Doc::new(),
        RecordKind::Response,
        &poll.response,
        &[],
    )
    .ok()?;

    // The listed items: the paginated list if there is one, else the first list of structs.
    let items_field = poll
        .pagination
        .as_ref()
        .and_then(|p| poll_response.fields.iter().find(|f| f.field.name == p.items))
        .or_else(|| {
            poll_response.fields.iter().find(|f| {
                matches!(&f.field.ty, TypeRef::Array(inner) if matches!(&**inner, TypeRef::Named(n) if !ctx.is_enum(n)))
            })
        })?;
    let item_name = items_field.field.ty.named()?;
    let Shape::Struct {
        fields: item_fields,
    } = &ctx.type_def(item_name)?.shape
    else {
        return None;
    };
    let item = Record::new(
        ctx,
        item_name,
        Doc::new(),
        RecordKind::Data,
        item_fields,
        &[],
    )
    .ok()?;

    // The poll parameter `<noun>Ids` whose noun the action's fields also use.
    for id_param in poll_request
        .fields
        .iter()
        .filter(|f| is_string_list(&f.field.ty))
    {
        let Some(noun) = id_param.field.name.strip_suffix("Ids") else {
            continue;
        };
        // A creating action returns the new resources; any other is watched through those it
        // was given.
        let wires = [
            format!("{noun}IdSet"),
            format!("{noun}Ids"),
            format!("{noun}Id"),
        ];
        let from = |record: &Record<'_>, owner: TokenStream| {
            wires.iter().find_map(|wire| {
                record
                    .fields
                    .iter()
                    .find(|f| &f.field.name == wire)
                    .and_then(|f| ids_from(f, owner.clone()))
            })
        };
        let creates = ["Create", "Copy"]
            .iter()
            .any(|verb| action.name.starts_with(verb));
        let source = if creates {
            from(response, quote!(response)).or_else(|| from(request, quote!(request)))
        } else {
            from(request, quote!(request)).or_else(|| from(response, quote!(response)))
        };
        let Some(source) = source else { continue };
        let id_member = format!("{noun}Id");
        let Some(item_id) = item
            .fields
            .iter()
            .find(|f| f.field.name == id_member && f.field.ty == TypeRef::String)
        else {
            continue;
        };
        let Some(state) = state_member(ctx, &item.fields, noun) else {
            continue;
        };
        // The poll request: the ids set, when they are its only required parameter or it has
        // none.
        let required: Vec<&RecordField<'_>> = poll_request
            .fields
            .iter()
            .filter(|f| f.field.required)
            .collect();
        let poll_base = names::type_name(&poll.name);
        let poll_request_ty = ident(&format!("{poll_base}Request"));
        let id_setter = &id_param.ident;
        let ids_only = match required.as_slice() {
            [] => true,
            [only] => only.field.name == id_param.field.name,
            _ => false,
        };
        if !ids_only {
            return None;
        }
        let build = quote!(::zec_api::actions::#poll_request_ty::default().#id_setter(ids));
        let marker = ident(&names::type_name(&action.name));
        let poll_marker = ident(&poll_base);
        let list = &items_field.ident;
        let item_id = &item_id.ident;
        let state = &state.ident;
        let (pending, success, failure, gone) = (&w.pending, &w.success, &w.failure, w.until_gone);
        // The poll action may sit in another group, behind another feature.
        let poll_cfg = if poll.group == action.group {
            quote!()
        } else {
            ctx.group_cfg(&poll.group)
        };
        return Some(quote! {
            #poll_cfg
            impl ::zec_api::Waitable for #marker {
                type Poll = ::zec_api::actions::#poll_marker;
                const PENDING: &'static [&'static str] = &[ #( #pending ),* ];
                const SUCCESS: &'static [&'static str] = &[ #( #success ),* ];
                const FAILURE: &'static [&'static str] = &[ #( #failure ),* ];
                const UNTIL_GONE: bool = #gone;
                fn resource_ids(request: &Self::Request, response: &Self::Response) -> Vec<String> {
                    let _ = (request, response);
                    #source
                }
                fn poll_request(ids: &[String]) -> <Self::Poll as ::zec_api::Action>::Request {
                    #build
                }
                fn states(response: &<Self::Poll as ::zec_api::Action>::Response) -> Vec<(String, Option<String>)> {
                    response
                        .#list
                        .iter()
                        .flatten()
                        .filter_map(|item| {
                            let id = item.#item_id.clone()?;
                            let state = item
                                .#state
                                .as_ref()
                                .map(|s| ::zec_api::__private::WireText::wire_text(s).into_owned());
                            Some((id, state))
                        })
                        .collect()
                }
            }
        });
    }
    None
}

/// The member that holds an item's state: `status`, then `<noun>Status`, then any text or enum
/// member ending in `Status` or `State`.
fn state_member<'a>(
    ctx: &Ctx<'_>,
    fields: &'a [RecordField<'a>],
    noun: &str,
) -> Option<&'a RecordField<'a>> {
    let textual = |f: &Field| match &f.ty {
        TypeRef::String => true,
        TypeRef::Named(n) => ctx.is_enum(n),
        _ => false,
    };
    let candidates: Vec<&RecordField<'_>> = fields.iter().filter(|f| textual(f.field)).collect();
    candidates
        .iter()
        .find(|f| f.field.name == "status")
        .or_else(|| {
            candidates
                .iter()
                .find(|f| f.field.name == format!("{noun}Status"))
        })
        .or_else(|| {
            candidates
                .iter()
                .find(|f| f.field.name.ends_with("Status") || f.field.name.ends_with("State"))
        })
        .copied()
}
