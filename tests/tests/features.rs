//! zec-api's cargo features: one per group of ZEC's docs, all on by default, and one per other
//! product of `spec/`, named after its service and off by default, plus `all-products`. The
//! features must be exactly those (a new group or product of pages needs its feature, a
//! removed one must not leave a feature behind).

use std::collections::BTreeSet;

/// The `[features]` table of zec-api's manifest: each feature and what it enables.
fn features() -> Vec<(String, Vec<String>)> {
    let manifest = zec_tests::workspace().join("zec-api/Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let mut out = Vec::new();
    let mut in_features = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_features = line == "[features]";
            continue;
        }
        if !in_features || line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, list) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("{}: cannot read {line:?}", manifest.display()));
        let items = list
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split(',')
            .map(|s| s.trim().trim_matches('"').to_string())
            .filter(|s| !s.is_empty())
            .collect();
        out.push((name.trim().to_string(), items));
    }
    out
}

#[test]
fn the_features_of_zec_api_are_the_groups_and_products_of_spec() {
    let loaded = zec_spec::load_dir(&zec_tests::workspace().join("spec"));
    let zec = loaded.api.product("zec").expect("ZEC's pages");
    let groups: BTreeSet<String> = zec.actions.iter().map(|a| a.group.clone()).collect();
    let products: BTreeSet<String> = loaded
        .api
        .products
        .iter()
        .filter(|p| p.name != "zec")
        .map(|p| p.name.clone())
        .collect();
    let mut features = features();
    let all_products: BTreeSet<String> = features
        .iter()
        .find(|(name, _)| name == "all-products")
        .map(|(_, items)| items.iter().cloned().collect())
        .expect("an all-products feature");
    assert_eq!(
        all_products, products,
        "all-products against the products of spec/"
    );
    features.retain(|(name, _)| name != "all-products" && !products.contains(name));
    let default: BTreeSet<String> = features
        .iter()
        .find(|(name, _)| name == "default")
        .map(|(_, items)| items.iter().cloned().collect())
        .expect("a default feature");
    // Every other feature but `mock` is a group, and enables nothing else.
    let group_features: BTreeSet<String> = features
        .iter()
        .filter(|(name, _)| name != "default" && name != "mock")
        .map(|(name, items)| {
            assert!(items.is_empty(), "feature {name} enables {items:?}");
            name.clone()
        })
        .collect();
    assert!(!groups.is_empty());
    assert_eq!(
        group_features, groups,
        "features against the groups of spec/"
    );
    assert_eq!(
        default, groups,
        "default features against the groups of spec/"
    );
}

/// The products and their action counts that a `cargo check` of zec-api with `args` builds.
fn built_products(args: &[&str]) -> Vec<(String, usize)> {
    zec_tests::check_zec_api(args, &[])
        .products
        .iter()
        .map(|p| (p.name.clone(), p.actions.len()))
        .collect()
}

/// What compiles is what the features turn on: the build step generates nothing else, so a
/// product alone compiles no ZEC action (ZEC's types stay, shared by its groups) and ZEC
/// alone no other product. Both builds must also compile.
#[test]
fn a_product_alone_and_zec_alone_build_only_themselves() {
    let zlb_only = built_products(&["--no-default-features", "--features", "zlb"]);
    assert_eq!(zlb_only, [("zec".to_string(), 0), ("zlb".to_string(), 22)]);
    let zec_only = built_products(&[]);
    assert_eq!(zec_only.len(), 1, "{zec_only:?}");
    assert_eq!(zec_only[0].0, "zec");
    assert!(zec_only[0].1 >= 247, "{zec_only:?}");
}
