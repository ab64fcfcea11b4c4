//! `zec_api::Waitable` for actions the docs call asynchronous.
//!
//! What to poll, which states mean what, and which members carry the resource ids and states
//! were decided when the tree was loaded (the IR's `Waiter` and its `Watch`); this module only
//! writes them out: for a poll action that lists resources by their ids, or one that
//! describes one resource at a time.

use crate::Ctx;
use crate::model::ActionModel;
use crate::names::{self, ident};
use crate::record::{Record, RecordField, field_ident};
use proc_macro2::TokenStream;
use quote::quote;
use zec_spec::ir::{Shape, Side, TypeRef};

fn find<'r, 'a>(record: &'r Record<'a>, wire: &str) -> Option<&'r RecordField<'a>> {
    record.fields.iter().find(|f| f.field.name == wire)
}

/// The `Waitable` impl of an asynchronous action whose waiter the tree resolved.
pub fn waitable_impl(ctx: &Ctx<'_>, model: &ActionModel<'_>) -> Option<TokenStream> {
    let action = model.action;
    let w = action.waiter.as_ref()?;
    let watch = w.watch.as_ref()?;
    let poll = ctx.product.action(&w.poll_action)?;
    let (ids_record, owner) = match watch.ids_in {
        Side::Request => (&model.request, quote!(request)),
        Side::Response => (&model.response, quote!(response)),
    };
    let ids_field = find(ids_record, &watch.ids)?;
    let ids_ident = &ids_field.ident;
    let ids = match &ids_field.field.ty {
        TypeRef::String => quote!(#owner.#ids_ident.clone().into_iter().collect()),
        _ => quote!(#owner.#ids_ident.clone().unwrap_or_default()),
    };
    let poll_base = names::type_name(&poll.name);
    let poll_marker = ident(&poll_base);
    let poll_marker_path = ctx.action_path(&poll_marker);
    let poll_request_path = ctx.action_path(&ident(&format!("{poll_base}Request")));
    let id_setter = field_ident(&poll.request, &watch.poll_ids)?;
    // The states: of each listed resource, or of the one resource the poll action describes.
    let (poll_request, states) = match &watch.items {
        Some(items) => {
            let item_fields = match poll
                .response
                .iter()
                .find(|f| &f.name == items)
                .and_then(|f| f.ty.named())
                .and_then(|n| ctx.type_def(n))
                .map(|t| &t.shape)
            {
                Some(Shape::Struct { fields }) => fields,
                _ => return None,
            };
            let list = field_ident(&poll.response, items)?;
            let item_id = field_ident(item_fields, &watch.item_id)?;
            let state = field_ident(item_fields, &watch.item_state)?;
            (
                quote!(#poll_request_path::default().#id_setter(ids)),
                quote! {
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
                },
            )
        }
        None => {
            let item_id = field_ident(&poll.response, &watch.item_id)?;
            let state = field_ident(&poll.response, &watch.item_state)?;
            (
                quote!(#poll_request_path::default().#id_setter(ids.first().cloned().unwrap_or_default())),
                quote! {
                    let state = response
                        .#state
                        .as_ref()
                        .map(|s| ::zec_api::__private::WireText::wire_text(s).into_owned());
                    response.#item_id.clone().map(|id| (id, state)).into_iter().collect()
                },
            )
        }
    };
    let marker = &model.marker;
    let (pending, success, failure, gone) = (&w.pending, &w.success, &w.failure, w.until_gone);
    // The poll action may sit in another group, behind another feature.
    let poll_cfg = if poll.group == action.group {
        quote!()
    } else {
        ctx.group_cfg(&poll.group)
    };
    Some(quote! {
        #poll_cfg
        impl ::zec_api::Waitable for #marker {
            type Poll = #poll_marker_path;
            const PENDING: &'static [&'static str] = &[ #( #pending ),* ];
            const SUCCESS: &'static [&'static str] = &[ #( #success ),* ];
            const FAILURE: &'static [&'static str] = &[ #( #failure ),* ];
            const UNTIL_GONE: bool = #gone;
            fn resource_ids(request: &Self::Request, response: &Self::Response) -> Vec<String> {
                let _ = (request, response);
                #ids
            }
            fn poll_request(ids: &[String]) -> <Self::Poll as ::zec_api::Action>::Request {
                #poll_request
            }
            fn states(response: &<Self::Poll as ::zec_api::Action>::Response) -> Vec<(String, Option<String>)> {
                #states
            }
        }
    })
}
