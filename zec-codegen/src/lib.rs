//! IR → Rust: the code behind `zec_api`'s actions, types and errors.
//!
//! Pure functions from [`zec_spec::ir`] to [`proc_macro2::TokenStream`]; no I/O. The proc macro
//! in `zec-macros` calls [`generate_api`] for the shipped spec and [`generate_page`] for a
//! single page. Generated code reaches runtime helpers only through `::zec_api::__private`.
//!
//! One module per concern: [`names`] (Rust names), [`docs`] (doc comments), [`types`] (Rust
//! types and the data-structure page), [`record`] (structs with their setters and
//! wire format), [`validate`] (`validate()`), [`errors`] (error enums), [`action`] (one
//! action's items), [`fluent`] (the client methods and the setters of their calls),
//! [`client`] (client method names, `generate_page!`).

pub mod action;
pub mod catalog;
pub mod client;
pub mod docs;
pub mod errors;
pub mod fluent;
pub mod names;
pub mod paginate;
pub mod record;
pub mod types;
pub mod validate;
pub mod waiter;

use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;
use std::fmt;
use zec_spec::ir::{Api, Shape, SourceRef, TypeDef};

/// Where the docs site publishes a page, for links in doc comments.
pub const DOCS_BASE: &str = "https://docs.console.zenlayer.com/api-reference/";

/// Something in the IR that cannot become Rust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Where the offending item was read.
    pub source: SourceRef,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

impl std::error::Error for Error {}

/// What the generated code needs to know about the whole API while emitting one item.
pub struct Ctx<'a> {
    /// The API.
    pub api: &'a Api,
    /// Named types by name.
    pub types: BTreeMap<&'a str, &'a TypeDef>,
    /// Base URL for links to pages; `None` links nowhere (pages outside the docs site).
    pub docs_base: Option<String>,
    /// Groups whose items go behind the cargo feature named after the group.
    pub feature_groups: Vec<String>,
}

impl<'a> Ctx<'a> {
    /// A context for `api`, linking pages to the docs site.
    pub fn new(api: &'a Api) -> Self {
        Ctx {
            api,
            types: api.types.iter().map(|t| (t.name.as_str(), t)).collect(),
            docs_base: Some(DOCS_BASE.to_string()),
            feature_groups: Vec::new(),
        }
    }

    /// `#[cfg(feature = "<group>")]` when the group is a feature, else nothing.
    pub fn group_cfg(&self, group: &str) -> TokenStream {
        if self.feature_groups.iter().any(|g| g == group) {
            quote!(#[cfg(feature = #group)])
        } else {
            quote!()
        }
    }

    /// The definition of a named type.
    pub fn type_def(&self, name: &str) -> Option<&'a TypeDef> {
        self.types.get(name).copied()
    }

    /// Whether `name` is an enum.
    pub fn is_enum(&self, name: &str) -> bool {
        matches!(
            self.type_def(name).map(|t| &t.shape),
            Some(Shape::Enum { .. })
        )
    }

    /// A link line for a page, if pages are linked.
    pub fn page_link(&self, file: &str) -> Option<String> {
        self.docs_base
            .as_deref()
            .map(|base| format!("[API reference]({})", docs::page_url(base, file)))
    }
}

/// Everything for the shipped spec: `types`, `errors` and `actions` modules and the client
/// methods. Fails with every problem found, each naming its page and line.
///
/// `ir_path` is where the build step wrote the IR; `generate_page!` reads the shipped types
/// from it.
pub fn generate_api(api: &Api, ir_path: &str) -> Result<TokenStream, Vec<Error>> {
    let mut groups: Vec<String> = api.actions.iter().map(|a| a.group.clone()).collect();
    groups.sort();
    groups.dedup();
    generate_api_with_features(api, ir_path, &groups)
}

/// As [`generate_api`], with only `feature_groups` behind cargo features: a tree of pages
/// newer than the crate may hold a group the crate has no feature for, and its actions are
/// then always built.
pub fn generate_api_with_features(
    api: &Api,
    ir_path: &str,
    feature_groups: &[String],
) -> Result<TokenStream, Vec<Error>> {
    let mut ctx = Ctx::new(api);
    ctx.feature_groups = feature_groups
        .iter()
        .filter(|g| !g.is_empty())
        .cloned()
        .collect();
    let mut errors = Vec::new();
    check_single_product(api, &mut errors);

    let types = types::generate_types(&ctx, &mut errors);
    let common = errors::common_error_enum(&ctx);
    let general = errors::general_error_enum();

    // Actions grouped by the docs' group, one module each.
    let mut groups: BTreeMap<&str, Vec<TokenStream>> = BTreeMap::new();
    let mut methods = Vec::new();
    let mut setters = Vec::new();
    for a in &api.actions {
        match action::generate_action(&ctx, a)
            .and_then(|tokens| fluent::fluent_items(&ctx, a).map(|fluent| (tokens, fluent)))
        {
            Ok((tokens, fluent)) => {
                let group = groups.entry(a.group.as_str()).or_default();
                group.push(tokens);
                group.push(fluent.alias);
                let cfg = ctx.group_cfg(&a.group);
                let (method, setter_impl) = (fluent.method, fluent.setters);
                methods.push(quote!(#cfg #method));
                setters.push(quote!(#cfg #setter_impl));
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let group_modules = groups.iter().map(|(group, items)| {
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
    let page_macro = client::page_macro(ir_path);
    let catalog = catalog::catalog(&ctx);
    Ok(quote! {
        /// Data structures and enums shared by the actions.
        pub mod types {
            #types
        }
        /// Error codes every action may return.
        pub mod errors {
            #common
            #general
        }
        /// Every action: its request, response, error enum and [`Action`](::zec_api::Action)
        /// marker, by group (all re-exported here).
        pub mod actions {
            #( #group_modules )*
        }
        impl ::zec_api::Client {
            #( #methods )*
        }
        #( #setters )*
        #page_macro
        #catalog
    })
}

/// The items of the actions named `only`, for an API whose other items exist already
/// (`zec_api::types`, `zec_api::actions`): a page expanded by `generate_page!`.
pub fn generate_page(
    api: &Api,
    only: &[String],
    docs_base: Option<String>,
) -> Result<TokenStream, Vec<Error>> {
    let mut ctx = Ctx::new(api);
    ctx.docs_base = docs_base;
    let mut errors = Vec::new();
    let mut items = Vec::new();
    for a in api.actions.iter().filter(|a| only.contains(&a.name)) {
        match action::generate_action(&ctx, a) {
            Ok(tokens) => items.push(tokens),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(quote! { #( #items )* })
    } else {
        Err(errors)
    }
}

/// Module name of a docs group (`elastic-ip` → `elastic_ip`).
pub fn group_module_name(group: &str) -> String {
    let name = names::field_ident_text(group);
    if name == "types" || name == "errors" {
        format!("{name}_actions")
    } else {
        name
    }
}

fn check_single_product(api: &Api, errors: &mut Vec<Error>) {
    if api.products.len() > 1 {
        let names: Vec<&str> = api.products.iter().map(|p| p.name.as_str()).collect();
        let source = api
            .actions
            .first()
            .map(|a| a.source.clone())
            .unwrap_or(SourceRef {
                file: String::new(),
                line: 0,
            });
        errors.push(Error {
            source,
            message: format!(
                "the spec holds several products ({}); bindings are generated for one",
                names.join(", ")
            ),
        });
    }
}
