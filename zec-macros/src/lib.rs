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

/// Variable in which the build step lists, comma-separated, the groups that have a cargo
/// feature.
const FEATURE_GROUPS_VAR: &str = "ZEC_API_FEATURE_GROUPS";

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
    // The build step names the groups zec-api has a cargo feature for; a group of a newer
    // tree without one is always built.
    let generated = match std::env::var(FEATURE_GROUPS_VAR) {
        Ok(list) => {
            let groups: Vec<String> = list.split(',').map(str::to_string).collect();
            zec_codegen::generate_api_with_features(&api, &path_str, &groups)
        }
        Err(_) => zec_codegen::generate_api(&api, &path_str),
    };
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
}

impl Parse for PageArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let page: LitStr = input.parse()?;
        input.parse::<Token![,]>()?;
        let ir: LitStr = input.parse()?;
        let _ = input.parse::<Option<Token![,]>>()?;
        Ok(PageArgs { page, ir })
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
    match expand_page_inner(&args.page.value(), &args.ir.value(), caller_dir.as_deref()) {
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

    // Place the page in the shipped product, so that its links resolve against its types.
    let product = shipped
        .products
        .first()
        .map(|p| p.name.clone())
        .unwrap_or_else(|| "zec".into());
    let file_name = Path::new(rel)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "page.md".into());
    let tree_path = format!("{product}/pages/{file_name}");
    let loaded = zec_spec::load_pages_with_types(&[(tree_path.clone(), text)], &shipped.types);
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
    if loaded.api.actions.is_empty() {
        return Err(vec![format!(
            "{rel}:1:1: error: not an action page (it needs a title and an Input Parameters / 请求参数 section)"
        )]);
    }
    // The page's actions first, so that they win over shipped ones of the same name; the
    // shipped ones stay visible (a waiter may poll one of them).
    let only: Vec<String> = loaded.api.actions.iter().map(|a| a.name.clone()).collect();
    let mut actions = loaded.api.actions;
    actions.extend(shipped.actions);
    let api = Api {
        products: shipped.products,
        actions,
        types: shipped.types,
        common_errors: shipped.common_errors,
    };
    let tokens = zec_codegen::generate_page(&api, &only, None).map_err(|errs| {
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
