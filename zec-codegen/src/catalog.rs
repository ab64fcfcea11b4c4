//! The catalog: every action by wire name, type-erased, for dispatch at run time.

use crate::Ctx;
use crate::names::{self, ident};
use proc_macro2::TokenStream;
use quote::quote;
use zec_spec::ir::ExampleBody;

/// `__catalog::actions()`, sorted by wire name, with the actions of the enabled groups.
pub fn catalog(ctx: &Ctx<'_>) -> TokenStream {
    let mut actions: Vec<_> = ctx.api.actions.iter().collect();
    actions.sort_by(|a, b| a.name.cmp(&b.name));
    let entries = actions.iter().map(|a| {
        let group = a.group.as_str();
        let marker = ident(&names::type_name(&a.name));
        let example = a.examples.iter().find_map(|e| match &e.response {
            Some(ExampleBody::Json(v)) => Some(v.to_string()),
            _ => None,
        });
        let example = match example {
            Some(text) => quote!(Some(#text)),
            None => quote!(None),
        };
        let cfg = ctx.group_cfg(group);
        quote! {
            #cfg
            all.push(::zec_api::catalog::ActionInfo::of::<::zec_api::actions::#marker>(#group, #example));
        }
    });
    quote! {
        #[doc(hidden)]
        pub mod __catalog {
            /// Every action of the enabled groups, sorted by wire name.
            pub fn actions() -> &'static [::zec_api::catalog::ActionInfo] {
                static ACTIONS: ::std::sync::OnceLock<::std::vec::Vec<::zec_api::catalog::ActionInfo>> =
                    ::std::sync::OnceLock::new();
                ACTIONS.get_or_init(|| {
                    #[allow(unused_mut)]
                    let mut all = ::std::vec::Vec::new();
                    #( #entries )*
                    all
                })
            }
        }
    }
}
