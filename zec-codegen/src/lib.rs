//! IR → Rust: the code behind `zec_api`'s actions, types and errors.
//!
//! Pure functions from [`zec_spec::ir`] to [`proc_macro2::TokenStream`]; no I/O. The proc macro
//! in `zec-macros` calls [`generate_api`] for the shipped spec and [`generate_page`] for a
//! single page. Generated code reaches runtime helpers only through `::zec_api::__private`.
//!
//! Each action is read once into an [`model::ActionModel`] (its names, request and response
//! structs, page stream and waiter), which the modules then render. One module per concern:
//! [`names`] (Rust names), [`docs`] (doc comments), [`types`] (Rust types and the
//! data-structure page), [`record`] (structs with their setters and wire format), [`validate`]
//! (`validate()`), [`errors`] (error enums), [`model`] (an action's model), [`action`] (one
//! action's items), [`fluent`] (the client methods and the setters of their calls),
//! [`paginate`] and [`waiter`] (page streams and waiters), [`product`] (one product's items,
//! at the crate root or in a module of its own), [`catalog`] (every action by name),
//! [`client`] (client method names, `generate_page!`).

pub mod action;
pub mod catalog;
pub mod client;
pub mod docs;
pub mod errors;
pub mod fluent;
pub mod model;
pub mod names;
pub mod paginate;
pub mod product;
pub mod record;
pub mod types;
pub mod validate;
pub mod waiter;

use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;
use std::fmt;
use zec_spec::ir::{Api, Product, Shape, SourceRef, TypeDef};

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

/// What the generated code needs to know while emitting the items of one product.
pub struct Ctx<'a> {
    /// The API.
    pub api: &'a Api,
    /// The product whose items are being emitted.
    pub product: &'a Product,
    /// The product's named types by name.
    pub types: BTreeMap<&'a str, &'a TypeDef>,
    /// Path of the module that holds the product's items (`::zec_api` for the product at the
    /// crate root, `::zec_api::zlb` for another): its `types` and `actions` modules are reached
    /// through it.
    pub root: TokenStream,
    /// Base URL for links to pages; `None` links nowhere (pages outside the docs site).
    pub docs_base: Option<String>,
    /// Groups of this product whose items go behind the cargo feature named after the group.
    pub feature_groups: Vec<String>,
}

impl<'a> Ctx<'a> {
    /// A context for `product`, whose items live in the module at `root` (a path such as
    /// `::zec_api` or `::zec_api::zlb`), linking pages to the docs site.
    pub fn new(api: &'a Api, product: &'a Product, root: TokenStream) -> Self {
        Ctx {
            api,
            product,
            types: product.types.iter().map(|t| (t.name.as_str(), t)).collect(),
            root,
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

    /// The definition of a named type of the product.
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

    /// The path of a generated item of the product's `types` module.
    pub fn type_path(&self, ident: &proc_macro2::Ident) -> TokenStream {
        let root = &self.root;
        quote!(#root::types::#ident)
    }

    /// The path of a generated item of the product's `actions` module.
    pub fn action_path(&self, ident: &proc_macro2::Ident) -> TokenStream {
        let root = &self.root;
        quote!(#root::actions::#ident)
    }

    /// A link line for a page, if pages are linked.
    pub fn page_link(&self, file: &str) -> Option<String> {
        self.docs_base
            .as_deref()
            .map(|base| format!("[API reference]({})", docs::page_url(base, file)))
    }
}

/// How [`generate_api`] lays the products out in the crate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The product whose items go at the crate root (`zec`): `types`, `actions`, and a method
    /// on `zec_api::Client` per action. Every other product gets a module named after its
    /// service (`zec_api::zlb`) and an accessor on the client (`client.zlb()`).
    pub root_product: Option<String>,
    /// The crate's cargo features: a product's module goes behind the feature named after its
    /// service, and the root product's groups behind the features named after them, when
    /// there are such features.
    pub features: Vec<String>,
    /// Where the build step wrote the IR; `generate_page!` reads the shipped types from it.
    pub ir_path: String,
}

/// Everything for the API: the root product's `types`, `actions` and client methods, a module
/// per other product, the shared `errors`, the catalog and `generate_page!`. Fails with every
/// problem found, each naming its page and line.
pub fn generate_api(api: &Api, options: &Options) -> Result<TokenStream, Vec<Error>> {
    let mut errors = Vec::new();
    let mut items = Vec::new();
    let mut catalog_entries = Vec::new();
    for product in &api.products {
        let is_root = options.root_product.as_deref() == Some(product.name.as_str());
        let root = if is_root {
            quote!(::zec_api)
        } else {
            let module = names::ident(&product_module_name(&product.name));
            quote!(::zec_api::#module)
        };
        let mut ctx = Ctx::new(api, product, root);
        let product_feature = options
            .features
            .iter()
            .find(|f| !is_root && **f == product.name)
            .cloned();
        if is_root {
            ctx.feature_groups = options
                .features
                .iter()
                .filter(|f| product.actions.iter().any(|a| &a.group == *f))
                .cloned()
                .collect();
        }
        match product::generate_product(&ctx, is_root, product_feature.as_deref()) {
            Ok(generated) => {
                items.push(generated.items);
                catalog_entries.extend(generated.catalog);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let common = errors::common_error_enum(api, DOCS_BASE);
    let general = errors::general_error_enum();
    let page_macro = match &options.root_product {
        Some(root) => client::page_macro(&options.ir_path, root),
        None => quote!(),
    };
    let catalog = catalog::catalog(&catalog_entries);
    Ok(quote! {
        #( #items )*
        /// Error codes every action may return.
        pub mod errors {
            #common
            #general
        }
        #page_macro
        #catalog
    })
}

/// The items of the actions named `only` of `product`, for an API whose other items exist
/// already (`zec_api::types`, `zec_api::actions`): a page expanded by `generate_page!`.
pub fn generate_page(
    api: &Api,
    product: &str,
    only: &[String],
    docs_base: Option<String>,
) -> Result<TokenStream, Vec<Error>> {
    let Some(product) = api.product(product) else {
        return Ok(quote!());
    };
    let mut ctx = Ctx::new(api, product, quote!(::zec_api));
    ctx.docs_base = docs_base;
    let mut errors = Vec::new();
    let mut items = Vec::new();
    for a in product.actions.iter().filter(|a| only.contains(&a.name)) {
        match model::ActionModel::new(&ctx, a) {
            Ok(model) => items.push(action::generate_action(&ctx, &model)),
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

/// Module name of a product (`zlb`; a name the crate uses itself gets `_product`).
pub fn product_module_name(service: &str) -> String {
    let name = names::field_ident_text(service);
    if matches!(
        name.as_str(),
        "types" | "errors" | "actions" | "catalog" | "mock" | "sign" | "validation"
    ) {
        format!("{name}_product")
    } else {
        name
    }
}
