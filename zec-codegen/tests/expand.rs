//! Snapshots of generated code, after `prettyplease::unparse`, for review.

use std::path::Path;
use zec_codegen::model::ActionModel;
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

/// The ZEC product of `spec/`, laid out at the crate root as zec-api lays it out.
fn zec_ctx(api: &zec_spec::ir::Api) -> Ctx<'_> {
    Ctx::new(
        api,
        api.product("zec").expect("zec"),
        quote::quote!(::zec_api),
    )
}

#[test]
fn associate_eip_address() {
    let loaded = spec();
    let ctx = zec_ctx(&loaded.api);
    let action = loaded.api.action("zec", "AssociateEipAddress").unwrap();
    let model = ActionModel::new(&ctx, action).unwrap();
    let mut tokens = action::generate_action(&ctx, &model);
    tokens.extend(quote_method(
        &ctx,
        &model,
        quote::quote!(self),
        "::zec_api::Client",
    ));
    insta::assert_snapshot!(pretty(tokens));
}

fn quote_method(
    ctx: &Ctx<'_>,
    model: &ActionModel<'_>,
    client: proc_macro2::TokenStream,
    client_path: &str,
) -> proc_macro2::TokenStream {
    let fluent::FluentItems {
        method,
        setters,
        alias,
    } = fluent::fluent_items(ctx, model, &client, client_path);
    quote::quote! { #alias impl Client { #method } #setters }
}

fn fixtures() -> zec_spec::Loaded {
    let loaded = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"));
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    loaded
}

/// The fixture product, as a product of its own in a module: the module zec-api compiles its
/// snapshot into (`zec_api::golden::fixture`, under `cfg(test)`).
fn fixture_ctx(api: &zec_spec::ir::Api) -> Ctx<'_> {
    let product = api.product("fixture").expect("the fixture product");
    Ctx::new(api, product, quote::quote!(::zec_api::golden::fixture))
}

#[test]
fn list_action_with_pagination() {
    let loaded = fixtures();
    let ctx = fixture_ctx(&loaded.api);
    let action = loaded.api.action("fixture", "DescribeInstances").unwrap();
    let model = ActionModel::new(&ctx, action).unwrap();
    let mut tokens = action::generate_action(&ctx, &model);
    tokens.extend(quote_method(
        &ctx,
        &model,
        quote::quote!(self.client),
        "::zec_api::golden::fixture::FixtureClient",
    ));
    insta::assert_snapshot!(pretty(tokens));
}

#[test]
fn action_with_enum_nested_struct_rules_and_secrets() {
    let loaded = fixtures();
    let ctx = fixture_ctx(&loaded.api);
    let action = loaded.api.action("fixture", "CreateInstances").unwrap();
    let model = ActionModel::new(&ctx, action).unwrap();
    insta::assert_snapshot!(pretty(action::generate_action(&ctx, &model)));
}

#[test]
fn data_structure_page_with_enum_and_nested_structs() {
    let loaded = fixtures();
    let ctx = fixture_ctx(&loaded.api);
    let mut errors = Vec::new();
    let tokens = types::generate_types(&ctx, &mut errors);
    assert!(errors.is_empty());
    insta::assert_snapshot!(pretty(tokens));
}

/// The whole fixture product as a module of its own. zec-api compiles this snapshot (see its
/// `golden` module), so a snapshot that would not build fails its tests.
#[test]
fn fixture_product_as_a_module() {
    let loaded = fixtures();
    let ctx = fixture_ctx(&loaded.api);
    let items = zec_codegen::product::generate_product(&ctx, false, None).expect("generates");
    insta::assert_snapshot!(pretty(items.items));
}

#[test]
fn whole_expansion_parses_and_errors_name_the_page() {
    let loaded = spec();
    let options = zec_codegen::Options {
        root_product: Some("zec".into()),
        features: Vec::new(),
        ir_path: "/tmp/ir.json".into(),
    };
    let tokens = zec_codegen::generate_api(&loaded.api, &options).expect("generates");
    let _: syn::File = syn::parse2(tokens).expect("parses");

    // A type the data-structure page does not define is refused with its page and line.
    let mut api = loaded.api.clone();
    api.product_mut("zec").unwrap().types.clear();
    let errors = zec_codegen::generate_api(&api, &options).unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let bind_row = loaded
        .api
        .action("zec", "AssociateEipAddress")
        .unwrap()
        .request[6]
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
        let code = pretty(types::generate_types(&zec_ctx(api), &mut errors));
        assert!(errors.is_empty(), "{errors:#?}");
        code
    };
    let code = aliases(&loaded.api);
    for (_, old, new) in types::RENAMED_TYPES {
        let alias =
            format!("#[deprecated(note = \"renamed to `{new}`\")]\npub type {old} = {new};\n");
        assert!(code.contains(&alias), "no alias {old} = {new}");
    }

    // A tree of pages that still defines the former name gets no alias beside it.
    let mut api = loaded.api.clone();
    let zec = api.product_mut("zec").unwrap();
    let mut old = zec
        .types
        .iter()
        .find(|t| t.name == "AsnObservationDetail")
        .cloned()
        .unwrap();
    old.name = "AsnObservation".into();
    zec.types.push(old);
    let code = aliases(&api);
    assert!(!code.contains("pub type AsnObservation ="));
    assert!(code.contains("pub type RegionNetworkLineType = EipRegionNetworkLineType;"));
}
