//! Fluent calls: `Client::<action>()`, which returns a `zec_api::Call<Action>`, and the setters
//! of that call, one per request member, each forwarding to the request's own setter.
//!
//! Sending, streaming pages and waiting are generic methods of `zec_api::Call` (written once
//! in the runtime); per action there are only the client method and the setters.

use crate::action::action_doc;
use crate::client::method_name;
use crate::docs::Doc;
use crate::names::{self, ident};
use crate::record::{self, Record, RecordKind};
use crate::{Ctx, Error, paginate, waiter};
use proc_macro2::TokenStream;
use quote::quote;
use zec_spec::ir::Action;

/// The items of an action's fluent call: the client method (for `impl Client`), the setters
/// (an `impl zec_api::Call<Action>` block, or nothing when the request has no members) and a
/// name for the call's type (for the `actions` module).
pub struct FluentItems {
    /// `pub fn <action>(&self) -> <Action>Call`.
    pub method: TokenStream,
    /// `impl Call<Action> { setters }`.
    pub setters: TokenStream,
    /// `pub type <Action>Call = Call<Action>;`, whose documentation page lists the setters.
    pub alias: TokenStream,
}

/// The fluent call of `action`.
pub fn fluent_items(ctx: &Ctx<'_>, action: &Action) -> Result<FluentItems, Vec<Error>> {
    let base = names::type_name(&action.name);
    let marker = ident(&base);
    let request = Record::new(
        ctx,
        &format!("{base}Request"),
        Doc::new(),
        RecordKind::Request,
        &action.request,
        &action.rules,
    )?;
    let response = Record::new(
        ctx,
        &format!("{base}Response"),
        Doc::new(),
        RecordKind::Response,
        &action.response,
        &[],
    )?;

    let mut doc = action_doc(ctx, action);
    let mut usage = format!(
        "Set the request's members on the returned [`{base}Call`](::zec_api::actions::{base}Call), one setter each, then `.send().await`: the request is validated first (nothing is sent if a member the docs require is missing or a documented rule is broken). Error codes arrive as [`{base}Error`](::zec_api::actions::{base}Error)."
    );
    if paginate::paginated_impl(ctx, action, &request, &response).is_some() {
        usage.push_str(" `.stream()` gives every item of every page instead.");
    }
    if let (Some(w), Some(_)) = (
        &action.waiter,
        waiter::waitable_impl(ctx, action, &request, &response),
    ) {
        // The action it polls may belong to another group, behind another feature.
        let feature = ctx
            .api
            .actions
            .iter()
            .find(|a| a.name == w.poll_action)
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
    let method_ident = ident(&method_name(&action.name));
    let call = quote!(::zec_api::Call<::zec_api::actions::#marker>);
    let alias = ident(&format!("{base}Call"));
    let method = quote! {
        #doc
        pub fn #method_ident(&self) -> ::zec_api::actions::#alias {
            ::zec_api::Call::new(self)
        }
    };
    let alias_doc = format!(
        " A call of [`{base}`] being built, as [`Client::{method_ident}`](::zec_api::Client::{method_ident}) returns it: a setter per request member, then `send`."
    );
    let alias = quote! {
        #[doc = #alias_doc]
        pub type #alias = #call;
    };

    let setters = request.fields.iter().map(|f| {
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
    let setters = if request.fields.is_empty() {
        quote!()
    } else {
        quote! {
            #[allow(deprecated)]
            impl #call {
                #( #setters )*
            }
        }
    };
    Ok(FluentItems {
        method,
        setters,
        alias,
    })
}
