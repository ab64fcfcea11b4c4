//! One product's items. The root product (ZEC) is laid out at the crate root: `types`,
//! `actions` (a module per group of the docs, re-exported), a method per action on
//! `zec_api::Client`, and its service constants. Every other product gets the same shapes
//! inside a module named after its service (`zec_api::zlb::types`, `zec_api::zlb::actions`),
//! with a client of its own (`ZlbClient`) that `client.zlb()` returns.

use crate::docs::Doc;
use crate::fluent::{FluentItems, fluent_items};
use crate::model::ActionModel;
use crate::names::{self, ident};
use crate::{Ctx, Error, action, catalog, group_module_name, types};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;
use zec_spec::ir::SourceRef;

/// What one product contributes.
pub struct ProductItems {
    /// Its modules and impls.
    pub items: TokenStream,
    /// Its entries of the catalog of every action.
    pub catalog: Vec<TokenStream>,
}

/// The name of a product's client type (`zlb` → `ZlbClient`).
pub fn client_type_name(service: &str) -> String {
    format!("{}Client", names::type_name(service))
}

/// The items of `ctx.product`: at the crate root when `is_root`, else in its module, behind
/// `feature` when there is one.
pub fn generate_product(
    ctx: &Ctx<'_>,
    is_root: bool,
    feature: Option<&str>,
) -> Result<ProductItems, Vec<Error>> {
    let product = ctx.product;
    let mut errors = Vec::new();
    let Some(version) = product.version.as_deref() else {
        let source = product.source.clone().unwrap_or_else(|| SourceRef {
            file: format!("{}/README.md", product.path),
            line: 1,
        });
        return Err(vec![Error {
            source,
            message: format!(
                "product {} has no API version; its overview page must state it",
                product.name
            ),
        }]);
    };
    let types = types::generate_types(ctx, &mut errors);
    let models: Vec<ActionModel<'_>> = product
        .actions
        .iter()
        .filter_map(|a| match ActionModel::new(ctx, a) {
            Ok(m) => Some(m),
            Err(mut e) => {
                errors.append(&mut e);
                None
            }
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }

    let client_name = client_type_name(&product.name);
    let module = names::ident(&crate::product_module_name(&product.name));
    let root_text = ctx.root.to_string().replace(' ', "");
    let (client_expr, client_path) = if is_root {
        (quote!(self), "::zec_api::Client".to_string())
    } else {
        (quote!(self.client), format!("{root_text}::{client_name}"))
    };
    let cfg = match feature {
        Some(f) => quote!(#[cfg(feature = #f)]),
        None => quote!(),
    };

    // Actions grouped by the docs' group, one module each.
    let mut groups: BTreeMap<&str, Vec<TokenStream>> = BTreeMap::new();
    let mut methods = Vec::new();
    let mut setters = Vec::new();
    let mut entries = Vec::new();
    for model in &models {
        let FluentItems {
            method,
            setters: setter_impl,
            alias,
        } = fluent_items(ctx, model, &client_expr, &client_path);
        let group = groups.entry(model.action.group.as_str()).or_default();
        group.push(action::generate_action(ctx, model));
        group.push(alias);
        let group_cfg = ctx.group_cfg(&model.action.group);
        methods.push(quote!(#group_cfg #method));
        setters.push(quote!(#group_cfg #setter_impl));
        let entry = catalog::entry(ctx, model);
        entries.push(quote!(#cfg #group_cfg #entry));
    }
    let group_modules = groups.iter().map(|(group, items)| {
        if group.is_empty() {
            return quote!( #( #items )* );
        }
        let module = names::ident(&group_module_name(group));
        let doc = if ctx.feature_groups.iter().any(|g| g == group) {
            format!(" Actions of the `{group}` group of the API docs (cargo feature `{group}`).")
        } else {
            format!(" Actions of the `{group}` group of the API docs.")
        };
        let cfg = ctx.group_cfg(group);
        quote! {
            #cfg
            #[doc = #doc]
            pub mod #module {
                #( #items )*
            }
            #cfg
            pub use #module::*;
        }
    });

    let service = product.name.as_str();
    let path = product.endpoint_path.as_str();
    let title = &product.title;
    let constants = quote! {
        /// The service requests name (`X-ZC-Service`).
        pub const SERVICE: &str = #service;
        /// The API version requests name (`X-ZC-Version`).
        pub const API_VERSION: &str = #version;
        /// Where requests are posted, under the endpoint.
        pub const API_PATH: &str = #path;
        /// The three together, as actions carry them.
        #[doc(hidden)]
        pub const __SERVICE: ::zec_api::Service = ::zec_api::Service {
            name: SERVICE,
            version: API_VERSION,
            path: API_PATH,
        };
    };
    let actions_doc = format!(
        " Every action of {title}: its request, response, error enum and [`Action`](::zec_api::Action) marker, by group (all re-exported here)."
    );
    let types_doc = format!(" Data structures and enums of {title}.");
    let body = quote! {
        #[doc = #types_doc]
        pub mod types {
            #types
        }
        #[doc = #actions_doc]
        pub mod actions {
            #( #group_modules )*
        }
        #( #setters )*
    };
    let items = if is_root {
        quote! {
            #constants
            #body
            impl ::zec_api::Client {
                #( #methods )*
            }
        }
    } else {
        let client_ident = ident(&client_name);
        let accessor = ident(&names::field_ident_text(&product.name));
        let mut module_doc = Doc::new();
        module_doc.markdown(format!(
            "{title}: service `{service}`, API version {version}."
        ));
        for p in &product.docs {
            module_doc.text(p);
        }
        let feature_note = match feature {
            Some(f) => format!(" (cargo feature `{f}`)"),
            None => String::new(),
        };
        module_doc.markdown(format!(
            "Its actions are called through [`{client_name}`], which [`Client::{accessor}`](::zec_api::Client::{accessor}) returns{feature_note}: `client.{accessor}().<action>()…send().await`. Requests are signed for this service and version; credentials, retries, validation modes and tracing are the client's."
        ));
        let module_doc = module_doc.tokens();
        let client_doc = format!(
            " The actions of {title}, on a [`Client`](::zec_api::Client): `client.{accessor}()`."
        );
        let accessor_doc = format!(
            " The actions of {title} (service `{service}`, API version {version}), called with this client's credentials and settings."
        );
        quote! {
            #cfg
            #module_doc
            pub mod #module {
                #constants

                #[doc = #client_doc]
                #[derive(Clone, Copy, Debug)]
                pub struct #client_ident<'a> {
                    pub(crate) client: &'a ::zec_api::Client,
                }

                impl #client_ident<'_> {
                    #( #methods )*
                }

                #body
            }

            #cfg
            impl ::zec_api::Client {
                #[doc = #accessor_doc]
                pub fn #accessor(&self) -> #module::#client_ident<'_> {
                    #module::#client_ident { client: self }
                }
            }
        }
    };
    Ok(ProductItems {
        items,
        catalog: entries,
    })
}
