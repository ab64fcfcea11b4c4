//! The client methods (`Client::associate_eip_address`) and the `generate_page!` macro that
//! `zec_api` exports.

use crate::Ctx;
use crate::action::action_doc;
use crate::names::{self, Scope, ident};
use proc_macro2::TokenStream;
use quote::quote;
use zec_spec::ir::Action;

/// Methods `zec_api::Client` defines itself; an action method may not take these names.
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "from_env",
    "builder",
    "config",
    "send",
    "send_with",
    "paginate",
    "wait",
    "wait_with",
];

/// Rust name of an action's client method.
pub fn method_name(action: &str) -> String {
    let mut scope = Scope::with_reserved(CLIENT_METHODS);
    scope.claim(names::field_ident_text(action))
}

/// `Client::<action>(request)`.
pub fn client_method(ctx: &Ctx<'_>, action: &Action) -> TokenStream {
    let base = names::type_name(&action.name);
    let method = ident(&method_name(&action.name));
    let request = ident(&format!("{base}Request"));
    let response = ident(&format!("{base}Response"));
    let error = ident(&format!("{base}Error"));
    let mut doc = action_doc(ctx, action);
    doc.markdown(format!(
        "The request is validated first (nothing is sent if that fails); see [`Error`](::zec_api::Error) for what can go wrong. Error codes arrive as [`{base}Error`](::zec_api::actions::{base}Error)."
    ));
    let doc = doc.tokens();
    quote! {
        #doc
        pub async fn #method(
            &self,
            request: ::zec_api::actions::#request,
        ) -> ::core::result::Result<::zec_api::actions::#response, ::zec_api::Error<::zec_api::actions::#error>> {
            self.send(request).await
        }
    }
}

/// `zec_api::generate_page!`: expands one doc page against the shipped types, read from the IR
/// the build step wrote (`ir_path`).
pub fn page_macro(ir_path: &str) -> TokenStream {
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
        /// let response = client.send(NewActionRequest::new("x")).await?;
        /// ```
        #[macro_export]
        macro_rules! generate_page {
            ($path:literal) => {
                $crate::__private::expand_page!($path, #ir_path);
            };
        }
    }
}
