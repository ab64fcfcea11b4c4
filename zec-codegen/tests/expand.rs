//! Snapshots of generated code, after `prettyplease::unparse`, for review.

use std::path::Path;
use zec_codegen::{Ctx, action, fluent, types};
use zec_spec::load_dir;

fn pretty(tokens: proc_macro2::TokenStream) -> String {
    let file: syn::File = syn::parse2(tokens).expect("generated code parses");
    prettyplease::unparse(&file)
}

fn spec() -> zec_spec::Loaded {
    let loaded = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec"));
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    loaded
}

#[test]
fn associate_eip_address() {
    let loaded = spec();
    let ctx = Ctx::new(&loaded.api);
    let action = loaded.api.action("AssociateEipAddress").unwrap();
    let mut tokens = action::generate_action(&ctx, action).unwrap();
    tokens.extend(quote_method(&ctx, action));
    insta::assert_snapshot!(pretty(tokens));
}

fn quote_method(ctx: &Ctx<'_>, action: &zec_spec::ir::Action) -> proc_macro2::TokenStream {
    let fluent::FluentItems {
        method,
        setters,
        alias,
    } = fluent::fluent_items(ctx, action).unwrap();
    quote::quote! { #alias impl Client { #method } #setters }
}

fn fixtures() -> zec_spec::Loaded {
    let loaded = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"));
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    loaded
}

#[test]
fn list_action_with_pagination() {
    let loaded = fixtures();
    let ctx = Ctx::new(&loaded.api);
    let action = loaded.api.action("DescribeInstances").unwrap();
    let mut tokens = action::generate_action(&ctx, action).unwrap();
    tokens.extend(quote_method(&ctx, action));
    insta::assert_snapshot!(pretty(tokens));
}

#[test]
fn action_with_enum_nested_struct_rules_and_secrets() {
    let loaded = fixtures();
    let ctx = Ctx::new(&loaded.api);
    let action = loaded.api.action("CreateInstances").unwrap();
    insta::assert_snapshot!(pretty(action::generate_action(&ctx, action).unwrap()));
}

#[test]
fn data_structure_page_with_enum_and_nested_structs() {
    let loaded = fixtures();
    let ctx = Ctx::new(&loaded.api);
    let mut errors = Vec::new();
    let tokens = types::generate_types(&ctx, &mut errors);
    assert!(errors.is_empty());
    insta::assert_snapshot!(pretty(tokens));
}

#[test]
fn whole_expansion_parses_and_errors_name_the_page() {
    let loaded = spec();
    let tokens = zec_codegen::generate_api(&loaded.api, "/tmp/ir.json").expect("generates");
    let _: syn::File = syn::parse2(tokens).expect("parses");

    // A type the data-structure page does not define is refused with its page and line.
    let mut api = loaded.api.clone();
    api.types.clear();
    let errors = zec_codegen::generate_api(&api, "/tmp/ir.json").unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let bind_row = loaded.api.action("AssociateEipAddress").unwrap().request[6]
        .source
        .clone();
    let bind = format!("{bind_row}: type BindType is not defined on the data-structure page");
    assert!(text.contains(&bind), "{text:#?}");
    assert!(
        text.iter()
            .all(|t| t.ends_with("is not defined on the data-structure page")),
        "{text:#?}"
    );
}

#[test]
fn renamed_types_keep_their_former_names_as_deprecated_aliases() {
    let loaded = spec();
    let aliases = |api: &zec_spec::ir::Api| {
        let mut errors = Vec::new();
        let code = pretty(types::generate_types(&Ctx::new(api), &mut errors));
        assert!(errors.is_empty(), "{errors:#?}");
        code
    };
    let code = aliases(&loaded.api);
    for (old, new) in types::RENAMED_TYPES {
        let alias =
            format!("#[deprecated(note = \"renamed to `{new}`\")]\npub type {old} = {new};\n");
        assert!(code.contains(&alias), "no alias {old} = {new}");
    }

    // A tree of pages that still defines the former name gets no alias beside it.
    let mut api = loaded.api.clone();
    let mut old = api
        .types
        .iter()
        .find(|t| t.name == "AsnObservationDetail")
        .cloned()
        .unwrap();
    old.name = "AsnObservation".into();
    api.types.push(old);
    let code = aliases(&api);
    assert!(!code.contains("pub type AsnObservation ="));
    assert!(code.contains("pub type RegionNetworkLineType = EipRegionNetworkLineType;"));
}
