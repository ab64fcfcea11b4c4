//! `zec_api::Paginated` for list actions (their fluent calls get `.stream()` from it).

use crate::Ctx;
use crate::model::ActionModel;
use crate::record::{Record, RecordField};
use crate::types::rust_type;
use proc_macro2::TokenStream;
use quote::quote;
use zec_spec::ir::{Action, Constraint, TypeRef};

/// The Rust type of a list action's items, when its fields have the shapes pagination needs
/// (integer page number, page size and total; a list of items).
pub fn item_type(ctx: &Ctx<'_>, action: &Action) -> Option<TokenStream> {
    let p = action.pagination.as_ref()?;
    let field = |fields: &'_ [zec_spec::ir::Field], wire: &str| {
        fields.iter().find(|f| f.name == wire).map(|f| f.ty.clone())
    };
    let integer = |t: Option<TypeRef>| matches!(t, Some(TypeRef::Integer | TypeRef::Long));
    if !(integer(field(&action.request, &p.page_num))
        && integer(field(&action.request, &p.page_size))
        && integer(field(&action.response, &p.total_count)))
    {
        return None;
    }
    let items = action.response.iter().find(|f| f.name == p.items)?;
    match &items.ty {
        TypeRef::Array(inner) => rust_type(ctx, inner, &items.source).ok(),
        _ => None,
    }
}

/// The `Paginated` impl of a list action, when its fields have the documented shapes.
pub fn paginated_impl(_ctx: &Ctx<'_>, model: &ActionModel<'_>) -> Option<TokenStream> {
    let item = model.page_item.as_ref()?;
    let p = model.action.pagination.as_ref()?;
    let (request, response) = (&model.request, &model.response);
    let page_num = find(request, &p.page_num)?;
    let page_size = find(request, &p.page_size)?;
    let total = find(response, &p.total_count)?;
    let items = find(response, &p.items)?;
    let marker = &model.marker;
    let (num, size, total_ident, items_ident) = (
        &page_num.ident,
        &page_size.ident,
        &total.ident,
        &items.ident,
    );
    let set_num = quote!(request.#num = Some(page_num););
    // The largest documented page size, when the caller did not choose one.
    let max_size = page_size.field.constraints.iter().find_map(|c| match c {
        Constraint::Range { max: Some(max), .. } => Some(*max as i64),
        _ => None,
    });
    let set_size = match max_size {
        Some(max) => quote! {
            if request.#size.is_none() {
                request.#size = Some(#max);
            }
        },
        None => quote!(),
    };
    let get_size = quote!(request.#size);
    Some(quote! {
        impl ::zec_api::Paginated for #marker {
            type Item = #item;
            fn set_page(request: &mut Self::Request, page_num: i64) {
                #set_num
                #set_size
            }
            fn page_size(request: &Self::Request) -> Option<i64> {
                #get_size
            }
            fn total_count(response: &Self::Response) -> Option<i64> {
                response.#total_ident
            }
            fn take_items(response: &mut Self::Response) -> Vec<Self::Item> {
                response.#items_ident.take().unwrap_or_default()
            }
        }
    })
}

fn find<'r, 'a>(record: &'r Record<'a>, wire: &str) -> Option<&'r RecordField<'a>> {
    record.fields.iter().find(|f| f.field.name == wire)
}
