//! The catalog: every action by wire name, type-erased, for dispatch at run time.

use crate::names::{self, ident};
use proc_macro2::TokenStream;
use quote::quote;
use zec_spec::ir::{Api, ExampleBody};

/// `__catalog::ACTIONS`, sorted by wire name.
pub fn catalog(api: &Api) -> TokenStream {
    let mut actions: Vec<_> = api.actions.iter().collect();
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
        quote!(::zec_api::catalog::ActionInfo::of::<::zec_api::actions::#marker>(#group, #example))
    });
    quote! {
        #[doc(hidden)]
        pub mod __catalog {
            /// Every action, sorted by wire name.
            pub static ACTIONS: &[::zec_api::catalog::ActionInfo] = &[ #( #entries ),* ];
        }
    }
}
