//! Bindings from a tree of pages of the user's (`ZEC_API_SPEC_DIR`) compile whatever the tree
//! lacks, as long as `zec-spec check` accepts it: no common error codes page, no error codes,
//! no examples, no enums, no overview page, no ZEC at all. Each tree is written here and built
//! through the build users run (`cargo check` of zec-api with the variable set).

use std::path::{Path, PathBuf};

/// A page of one action `name` whose request has a member of type `type_cell`.
fn action(name: &str, type_cell: &str) -> String {
    format!(
        "# {name}\n\n## 1. API Description\n\nDoes a thing.\n\n## 2. Input Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| thingId | No | String | ID of a thing. |\n| thing | No | {type_cell} | The thing. |\n\n## 3. Output Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| requestId | String | ID of this request. |\n| count | Integer | How many. |\n"
    )
}

/// A tree of `pages` (path, text) in a fresh directory under the target directory.
fn tree(name: &str, pages: &[(&str, String)]) -> PathBuf {
    let root = zec_tests::workspace()
        .join("target/partial-trees")
        .join(name);
    let _ = std::fs::remove_dir_all(&root);
    for (path, text) in pages {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, text).unwrap();
    }
    root
}

/// What `zec-spec check` says of a tree: its error count.
fn errors(root: &Path) -> usize {
    zec_spec::load_dir(root).errors().count()
}

#[test]
fn the_smallest_trees_build() {
    // One action page: no common error codes page, no data structures, no example, no error
    // codes, no overview (ZEC's API version comes from the shipped pages).
    let one_page = tree(
        "one-page",
        &[(
            "compute/zec/thing/describethings.md",
            action("DescribeThings", "String"),
        )],
    );
    assert_eq!(errors(&one_page), 0);
    let api = zec_tests::check_zec_api(&[], &[("ZEC_API_SPEC_DIR", &one_page)]);
    let zec = api.product("zec").expect("ZEC");
    assert_eq!(zec.actions.len(), 1);
    assert!(api.common_errors.is_empty());

    // One page and its data structures, of another product, with a structure and no enum, and
    // no ZEC at all.
    let with_types = tree(
        "one-page-and-types",
        &[
            (
                "networking/zlb/things/describethings.md",
                action("DescribeThings", "[Thing](../datastructure.md#thing)"),
            ),
            (
                "networking/zlb/datastructure.md",
                "# Data Structures\n\n## Thing\n\nA thing.\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| name | String | Name. |\n".to_string(),
            ),
        ],
    );
    assert_eq!(errors(&with_types), 0);
    let api =
        zec_tests::check_zec_api(&["--features", "zlb"], &[("ZEC_API_SPEC_DIR", &with_types)]);
    let names: Vec<&str> = api.products.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["zlb"]);
    assert_eq!(api.products[0].version.as_deref(), Some("2025-04-01"));

    // A product zec-api does not know, with no overview page to state its API version, is
    // left out (with a warning); the rest builds.
    let unknown = tree(
        "unknown-product",
        &[
            (
                "networking/newthing/things/describethings.md",
                action("DescribeThings", "String"),
            ),
            (
                "compute/zec/thing/describeotherthings.md",
                action("DescribeOtherThings", "String"),
            ),
        ],
    );
    assert_eq!(errors(&unknown), 0);
    let api = zec_tests::check_zec_api(&[], &[("ZEC_API_SPEC_DIR", &unknown)]);
    let names: Vec<&str> = api.products.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["zec"]);
}
