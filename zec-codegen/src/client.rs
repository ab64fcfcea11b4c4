//! Names of the client methods (`Client::associate_eip_address`, generated in
//! [`fluent`](crate::fluent)) and the `generate_page!` macro that `zec_api` exports.

use crate::names::{self, Scope};
use proc_macro2::TokenStream;
use quote::quote;

/// Methods `zec_api::Client` defines itself (and those of the traits it implements); an
/// action method may not take these names.
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "from_env",
    "config",
    "with_validation",
    "validation_mode",
    "send",
    "paginate",
    "wait",
    "clone",
    "fmt",
];

/// Rust name of an action's client method.
pub fn method_name(action: &str) -> String {
    let mut scope = Scope::with_reserved(CLIENT_METHODS);
    scope.claim(names::field_ident_text(action))
}

/// `zec_api::generate_page!`: expands one doc page against the shipped types of `product` (the
/// root product), read from the IR the build step wrote (`ir_path`).
pub fn page_macro(ir_path: &str, product: &str) -> TokenStream {
    quote! {
        /// Generates the request, response, error enum and [`Action`](crate::Action) marker of
        /// one action page that the shipped spec does not have yet.
        ///
        /// The path is relative to the calling crate's `Cargo.toml` (or, if no file is there,
        /// to the calling source file); the page may use every type
        /// of [`types`](crate::types). Editing the page rebuilds the caller. Call it through
        /// [`Client::send`](crate::Client::send):
        ///
        /// ```ignore
        /// zec_api::generate_page!("docs/newaction.md");
        /// let request = NewActionRequest::default().name("x");
        /// let response = client.send(request).await?;
        /// ```
        #[macro_export]
        macro_rules! generate_page {
            ($path:literal) => {
                $crate::__private::expand_page!($path, #ir_path, #product);
            };
        }
    }
}
