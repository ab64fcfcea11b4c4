//! Snapshots of the IR of every page in `spec/`, and of the diagnostics for malformed pages.
//!
//! Review changes with `cargo insta review`; CI (`CI=true`) fails on any unreviewed snapshot.

use serde_json::{Value, json};
use std::path::Path;
use zec_spec::{Loaded, load_dir};

/// What one page contributes to the IR, and what was reported about it.
fn page_view(loaded: &Loaded, file: &str) -> Value {
    let api = &loaded.api;
    let actions: Vec<_> = api.actions().filter(|a| a.source.file == file).collect();
    let types: Vec<_> = api.types().filter(|t| t.source.file == file).collect();
    // An overview page: what it says of its product (its actions and types have their pages).
    let products: Vec<_> = api
        .products
        .iter()
        .filter(|p| p.source.as_ref().is_some_and(|s| s.file == file))
        .map(|p| {
            json!({
                "name": p.name,
                "path": p.path,
                "title": p.title,
                "version": p.version,
                "endpoint_path": p.endpoint_path,
                "docs": p.docs,
            })
        })
        .collect();
    let common: Vec<_> = api
        .common_errors
        .iter()
        .filter(|e| e.source.file == file)
        .collect();
    let diagnostics: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.file == file)
        .map(ToString::to_string)
        .collect();
    json!({
        "products": products,
        "actions": actions,
        "types": types,
        "common_errors": common,
        "diagnostics": diagnostics,
    })
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .expect("glob yields paths under the root")
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn ir_of_every_spec_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let loaded = load_dir(&root);
    let mut seen = 0;
    insta::glob!("../../spec", "**/*.md", |path| {
        seen += 1;
        let file = relative(&root.canonicalize().unwrap(), &path.canonicalize().unwrap());
        insta::assert_yaml_snapshot!(page_view(&loaded, &file));
    });
    assert_eq!(seen, loaded.pages, "every page loaded is snapshotted");
}

#[test]
fn diagnostics_of_malformed_pages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed");
    let loaded = load_dir(&root);
    let lines: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!(lines.join("\n"));
    // What could be read is still there.
    let broken = loaded
        .api
        .action("zec", "BrokenTables")
        .expect("page still yields its action");
    let names: Vec<&str> = broken.request.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "zoneId",
            "shortRow",
            "flag",
            "missingType",
            "emptyType",
            "count"
        ]
    );
    assert!(loaded.has_errors());
}
