//! Fluent calls: a client method per action, which returns a `zec_api::Call<Action>`, and the
//! setters of that call, one per request member, each forwarding to the request's own setter.
//!
//! Sending, streaming pages and waiting are generic methods of `zec_api::Call` (written once
//! in the runtime); per action there are only the client method and the setters.

use crate::Ctx;
use crate::action::action_doc;
use crate::model::ActionModel;
use crate::record;
use proc_macro2::TokenStream;
use quote::quote;

/// The items of an action's fluent call: the client method (for the product's client), the
/// setters (an `impl zec_api::Call<Action>` block, or nothing when the request has no
/// members) and a name for the call's type (for the `actions` module).
pub struct FluentItems {
    /// `pub fn <action>(&self) -> <Action>Call`.
    pub method: TokenStream,
    /// `impl Call<Action> { setters }`.
    pub setters: TokenStream,
    /// `pub type <Action>Call = Call<Action>;`, whose documentation page lists the setters.
    pub alias: TokenStream,
}

/// The fluent call of an action. `client` is the expression, in the client method, of the
/// `&zec_api::Client` to call with (`self` on `Client`, `self.client` on a product's client),
/// and `client_path` the path of the type the method is on, for links.
pub fn fluent_items(
    ctx: &Ctx<'_>,
    model: &ActionModel<'_>,
    client: &TokenStream,
    client_path: &str,
) -> FluentItems {
    let action = model.action;
    let base = model.marker.to_string();
    let root_text = ctx.root.to_string().replace(' ', "");
    let mut doc = action_doc(ctx, action);
    let mut usage = format!(
        "Set the request's members on the returned [`{base}Call`]({root_text}::actions::{base}Call), one setter each, then `.send().await`: the request is validated first (nothing is sent if a member the docs require is missing or a documented rule is broken). Error codes arrive as [`{base}Error`]({root_text}::actions::{base}Error)."
    );
    if model.paginated.is_some() {
        usage.push_str(" `.stream()` gives every item of every page instead.");
    }
    if let Some(w) = &action.waiter
        && model.waitable.is_some()
    {
        // The action it polls may belong to another group, behind another feature.
        let feature = ctx
            .product
            .action(&w.poll_action)
            .filter(|poll| poll.group != action.group && !ctx.group_cfg(&poll.group).is_empty())
            .map(|poll| format!(" (with the `{}` feature)", poll.group))
            .unwrap_or_default();
        usage.push_str(&format!(
            " `.send_and_wait(WaitOptions)`{feature} also waits until `{}` shows the documented state.",
            w.poll_action
        ));
    }
    doc.markdown(usage);
    let doc = doc.tokens();
    let method_ident = &model.method;
    let marker_path = ctx.action_path(&model.marker);
    let call = quote!(::zec_api::Call<#marker_path>);
    let alias = &model.call_ident;
    let alias_path = ctx.action_path(alias);
    let method = quote! {
        #doc
        pub fn #method_ident(&self) -> #alias_path {
            ::zec_api::Call::new(#client)
        }
    };
    let client_name = client_path.rsplit("::").next().unwrap_or(client_path);
    let alias_doc = format!(
        " A call of [`{base}`] being built, as [`{client_name}::{method_ident}`]({client_path}::{method_ident}) returns it: a setter per request member, then `send`."
    );
    let alias = quote! {
        #[doc = #alias_doc]
        pub type #alias = #call;
    };

    let setters = model.request.fields.iter().map(|f| {
        let ident = &f.ident;
        let param = &f.param;
        let attrs = record::setter_attrs(f);
        quote! {
            #attrs
            pub fn #ident(mut self, value: #param) -> Self {
                self.request = self.request.#ident(value);
                self
            }
        }
    });
    let setters = if model.request.fields.is_empty() {
        quote!()
    } else {
        quote! {
            #[allow(deprecated)]
            impl #call {
                #( #setters )*
            }
        }
    };
    FluentItems {
        method,
        setters,
        alias,
    }
}
