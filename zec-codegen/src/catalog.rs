//! The catalog: every action of every product, type-erased, for dispatch at run time (the mock
//! server routes by service and action name).

use crate::Ctx;
use crate::model::ActionModel;
use proc_macro2::TokenStream;
use quote::quote;
use zec_spec::ir::ExampleBody;

/// The catalog entry of one action: a statement adding it to `all`.
pub fn entry(ctx: &Ctx<'_>, model: &ActionModel<'_>) -> TokenStream {
    let action = model.action;
    let group = action.group.as_str();
    let marker = ctx.action_path(&model.marker);
    let example = action.examples.iter().find_map(|e| match &e.response {
        Some(ExampleBody::Json(v)) => Some(v.to_string()),
        _ => None,
    });
    let example = match example {
        Some(text) => quote!(Some(#text)),
        None => quote!(None),
    };
    quote! {
        all.push(::zec_api::catalog::ActionInfo::of::<#marker>(#group, #example));
    }
}

/// `__catalog::actions()`: the entries, sorted by service and wire name at first use.
pub fn catalog(entries: &[TokenStream]) -> TokenStream {
    quote! {
        #[doc(hidden)]
        pub mod __catalog {
            /// Every action of the enabled products and groups, sorted by service and wire name.
            // Inline: its code (which instantiates every action's checks) is generated only
            // in the crates that use the catalog, not in every build of this one.
            #[inline]
            pub fn actions() -> &'static [::zec_api::catalog::ActionInfo] {
                static ACTIONS: ::std::sync::OnceLock<::std::vec::Vec<::zec_api::catalog::ActionInfo>> =
                    ::std::sync::OnceLock::new();
                ACTIONS.get_or_init(|| {
                    #[allow(unused_mut)]
                    let mut all = ::std::vec::Vec::new();
                    #( #entries )*
                    all.sort_by(|a: &::zec_api::catalog::ActionInfo, b| {
                        (a.service.name, a.name).cmp(&(b.service.name, b.name))
                    });
                    all
                })
            }
        }
    }
}
