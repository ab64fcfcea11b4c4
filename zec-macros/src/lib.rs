//! The proc macros behind `zec_api`: thin wrappers that load input, call `zec-codegen`, and
//! turn every failure into a compile error naming the spec file and line.
//!
//! - `generate_api!()` expands the IR that `zec-api`'s build step wrote to `$OUT_DIR`.
//! - `expand_page!("path.md", "ir.json")` expands one action page (relative to the calling
//!   crate's `Cargo.toml`, or failing that to the calling source file) against the shipped
//!   types; users reach it as `zec_api::generate_page!`.

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::quote;
use std::path::{Path, PathBuf};
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};
use zec_spec::ir::Api;

/// File name of the IR in the build step's `OUT_DIR`.
const IR_FILE: &str = "zec-ir.json";

/// Variable in which the build step lists, comma-separated, the crate's features (products
/// and groups of the root product).
const FEATURES_VAR: &str = "ZEC_API_FEATURES";
/// Variable in which the build step names the product laid out at the crate root.
const ROOT_PRODUCT_VAR: &str = "ZEC_API_ROOT_PRODUCT";

/// Expand the shipped spec: `types`, `errors`, `actions`, the client methods and
/// `generate_page!`. Takes no arguments.
#[proc_macro]
pub fn generate_api(input: TokenStream) -> TokenStream {
    if !input.is_empty() {
        return errors(&["generate_api!() takes no arguments".into()]);
    }
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        return errors(&["generate_api!() expands the IR written by zec-api's build step, but OUT_DIR is not set".into()]);
    };
    let path = PathBuf::from(out_dir).join(IR_FILE);
    let api = match read_ir(&path) {
        Ok(api) => api,
        Err(e) => return errors(&[e]),
    };
    let path_str = path.display().to_string();
    // The build step names zec-api's features and its root product; a product or group of a
    // newer tree without a feature is always built.
    let options = zec_codegen::Options {
        root_product: std::env::var(ROOT_PRODUCT_VAR).ok(),
        features: std::env::var(FEATURES_VAR)
            .map(|list| {
                list.split(',')
                    .filter(|f| !f.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        ir_path: path_str.clone(),
    };
    let generated = zec_codegen::generate_api(&api, &options);
    match generated {
        Ok(tokens) => quote! {
            // Rebuild when the IR changes.
            const _: &[u8] = include_bytes!(#path_str);
            #tokens
        }
        .into(),
        Err(errs) => errors(&errs.iter().map(ToString::to_string).collect::<Vec<_>>()),
    }
}

struct PageArgs {
    page: LitStr,
    ir: LitStr,
    product: LitStr,
}

impl Parse for PageArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let page: LitStr = input.parse()?;
        input.parse::<Token![,]>()?;
        let ir: LitStr = input.parse()?;
        input.parse::<Token![,]>()?;
        let product: LitStr = input.parse()?;
        let _ = input.parse::<Option<Token![,]>>()?;
        Ok(PageArgs { page, ir, product })
    }
}

/// Expand one action page against the shipped types; see `zec_api::generate_page!`.
#[proc_macro]
pub fn expand_page(input: TokenStream) -> TokenStream {
    let args: PageArgs = match syn::parse(input) {
        Ok(a) => a,
        Err(e) => return e.to_compile_error().into(),
    };
    // The file the literal is written in, for paths relative to it.
    let caller_dir = args
        .page
        .span()
        .unwrap()
        .local_file()
        .and_then(|f| f.parent().map(Path::to_path_buf));
    match expand_page_inner(
        &args.page.value(),
        &args.ir.value(),
        &args.product.value(),
        caller_dir.as_deref(),
    ) {
        Ok(tokens) => tokens.into(),
        Err(messages) => {
            let span = args.page.span();
            let errs = messages
                .iter()
                .map(|m| quote::quote_spanned!(span=> ::core::compile_error!(#m);));
            quote!( #( #errs )* ).into()
        }
    }
}

fn expand_page_inner(
    rel: &str,
    ir_path: &str,
    product: &str,
    caller_dir: Option<&Path>,
) -> Result<proc_macro2::TokenStream, Vec<String>> {
    // Relative to the calling crate's manifest directory; failing that, to the calling file.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let candidates: Vec<PathBuf> = [manifest, caller_dir.map(Path::to_path_buf)]
        .into_iter()
        .flatten()
        .map(|dir| dir.join(rel))
        .collect();
    let Some(page_path) = candidates
        .iter()
        .find(|p| p.is_file())
        .or(candidates.first())
        .cloned()
    else {
        return Err(vec![format!(
            "cannot resolve {rel}: CARGO_MANIFEST_DIR is not set"
        )]);
    };
    let text = std::fs::read_to_string(&page_path)
        .map_err(|e| vec![format!("cannot read {rel} ({}): {e}", page_path.display())])?;
    let shipped = read_ir(Path::new(ir_path)).map_err(|e| vec![e])?;

    // Place the page in the root product, so that its links resolve against its types.
    let Some(shipped_product) = shipped.product(product) else {
        return Err(vec![format!(
            "the IR at {ir_path} has no product {product} to expand {rel} in"
        )]);
    };
    let known_types = shipped_product.types.clone();
    let file_name = Path::new(rel)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "page.md".into());
    let tree_path = format!("{product}/pages/{file_name}");
    let loaded = zec_spec::load_pages_with_types(&[(tree_path.clone(), text)], &known_types);
    let spec_errors: Vec<String> = loaded
        .errors()
        .map(|d| {
            let mut d = d.clone();
            if d.file == tree_path {
                d.file = rel.to_string();
            }
            d.to_string()
        })
        .collect();
    if !spec_errors.is_empty() {
        return Err(spec_errors);
    }
    let page_actions: Vec<_> = loaded.api.actions().cloned().collect();
    if page_actions.is_empty() {
        return Err(vec![format!(
            "{rel}:1:1: error: not an action page (it needs a title and an Input Parameters / 请求参数 section)"
        )]);
    }
    // The page's actions first, so that they win over shipped ones of the same name; the
    // shipped ones stay visible (a waiter may poll one of them). Their waiters are resolved
    // against the shipped product.
    let only: Vec<String> = page_actions.iter().map(|a| a.name.clone()).collect();
    let mut api = shipped.clone();
    if let Some(target) = api.product_mut(product) {
        let mut actions: Vec<_> = page_actions
            .into_iter()
            .map(|mut a| {
                a.product = product.to_string();
                a
            })
            .collect();
        actions.extend(
            std::mem::take(&mut target.actions)
                .into_iter()
                .filter(|a| !only.contains(&a.name)),
        );
        target.actions = actions;
    }
    let mut diags = zec_spec::diag::Diagnostics::new();
    zec_spec::resolve::resolve(&mut api, &[], &mut diags);
    let tokens = zec_codegen::generate_page(&api, product, &only, None).map_err(|errs| {
        errs.iter()
            .map(|e| e.to_string().replace(&tree_path, rel))
            .collect::<Vec<_>>()
    })?;
    let tracked = page_path.display().to_string();
    Ok(quote! {
        // Rebuild the caller when the page changes.
        const _: &[u8] = include_bytes!(#tracked);
        #tokens
    })
}

fn read_ir(path: &Path) -> Result<Api, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read the IR at {} ({e}); it is written by zec-api's build step",
            path.display()
        )
    })?;
    serde_json::from_str(&text)
        .map_err(|e| format!("the IR at {} is not valid: {e}", path.display()))
}

fn errors(messages: &[String]) -> TokenStream {
    let errs = messages
        .iter()
        .map(|m| quote::quote_spanned!(Span::call_site()=> ::core::compile_error!(#m);));
    quote!( #( #errs )* ).into()
}

/// The code of a snapshot of generated code (an insta `.snap` file, relative to the calling
/// crate's `Cargo.toml`), so that the reviewed snapshot is also compiled. Used by zec-api's
/// tests; not part of its API.
#[doc(hidden)]
#[proc_macro]
pub fn include_snapshot(input: TokenStream) -> TokenStream {
    let path: LitStr = match syn::parse(input) {
        Ok(p) => p,
        Err(e) => return e.to_compile_error().into(),
    };
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let full = manifest.unwrap_or_default().join(path.value());
    let text = match std::fs::read_to_string(&full) {
        Ok(t) => t,
        Err(e) => return errors(&[format!("cannot read {}: {e}", full.display())]),
    };
    // The snapshot's header runs from the first `---` line to the second.
    let code = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(text.as_str(), |(_, code)| code);
    let tracked = full.display().to_string();
    match code.parse::<proc_macro2::TokenStream>() {
        Ok(tokens) => quote! {
            const _: &[u8] = include_bytes!(#tracked);
            #tokens
        }
        .into(),
        Err(e) => errors(&[format!("{} does not parse: {e}", full.display())]),
    }
}
