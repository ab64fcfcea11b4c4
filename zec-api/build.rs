//! The build step: read the doc pages into the IR that `generate_api!()` expands.
//!
//! The pages are the ones this crate ships in `spec/`, or a newer tree of published pages
//! named by `ZEC_API_SPEC_DIR` (see the README: "Bindings from a newer tree"). Errors in the
//! shipped pages stop the build, each as `path:line:col: error: …`; in a user's tree an
//! action or type with errors is left out with one warning each, unless
//! `ZEC_API_SPEC_STRICT=1`. Warnings are summarised as a few cargo warnings; the IR goes to
//! `$OUT_DIR/zec-ir.json`; the build reruns when a page changes, is added or is removed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use zec_spec::diag::{Kind, Severity};

/// A tree of pages to build from instead of the shipped ones.
const SPEC_DIR_VAR: &str = "ZEC_API_SPEC_DIR";
/// The product laid out at the crate root; every other is a module behind its own feature.
const ROOT_PRODUCT: &str = "zec";
/// Features that are neither a product nor a group of the root product.
const OTHER_FEATURES: &[&str] = &["default", "mock", "all-products"];
/// `1` makes errors in that tree stop the build, as they do in the shipped pages.
const STRICT_VAR: &str = "ZEC_API_SPEC_STRICT";

fn main() {
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed={SPEC_DIR_VAR}");
    println!("cargo::rerun-if-env-changed={STRICT_VAR}");

    let user_tree = std::env::var_os(SPEC_DIR_VAR).filter(|v| !v.is_empty());
    let (spec, strict) = match &user_tree {
        Some(dir) => {
            let strict = std::env::var(STRICT_VAR).is_ok_and(|v| v == "1");
            (PathBuf::from(dir), strict)
        }
        None => (manifest.join("spec"), true),
    };
    // A directory here makes cargo rerun when any file below it changes or is added.
    println!("cargo::rerun-if-changed={}", spec.display());
    if !spec.is_dir() {
        let whose = if user_tree.is_some() {
            format!("{SPEC_DIR_VAR} names {}", spec.display())
        } else {
            format!("zec-api needs the doc pages in {}", spec.display())
        };
        fail(&format!("{whose}, which is not a directory"));
    }
    let features = features(&manifest);
    println!("cargo::rustc-env=ZEC_API_FEATURES={}", features.join(","));
    println!("cargo::rustc-env=ZEC_API_ROOT_PRODUCT={ROOT_PRODUCT}");

    let mut loaded = zec_spec::load_dir(&spec);
    // Through the `spec` link to the workspace's pages, so that the path can be clicked.
    let shown = |file: &str| {
        let path = spec.join(file);
        std::fs::canonicalize(&path)
            .unwrap_or(path)
            .display()
            .to_string()
    };

    if strict {
        let errors: Vec<_> = loaded.errors().collect();
        if !errors.is_empty() {
            for d in &errors {
                let mut d = (*d).clone();
                d.file = shown(&d.file);
                eprintln!("{d}");
            }
            fail(&format!(
                "{} error(s) in the pages of {}; the bindings would be wrong, so the build stops",
                errors.len(),
                spec.display()
            ));
        }
    } else {
        for left in zec_spec::leave_out::leave_out_errors(&mut loaded) {
            let count = match left.errors {
                0 => String::new(),
                n => format!(" ({n} error(s); set {STRICT_VAR}=1 to stop on them)"),
            };
            println!(
                "cargo::warning={}: {} is left out: {}{count}",
                shown(&left.file),
                left.item,
                left.reason
            );
        }
    }

    // A few lines, not hundreds: one per kind, with the first place and a count.
    let mut by_kind: BTreeMap<Kind, (usize, String)> = BTreeMap::new();
    for d in loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
    {
        let entry = by_kind
            .entry(d.kind)
            .or_insert_with(|| (0, format!("{}:{}: {}", shown(&d.file), d.line, d.message)));
        entry.0 += 1;
    }
    for (kind, (count, first)) in &by_kind {
        println!(
            "cargo::warning=spec: {count} {} warning(s), first at {first} (run `cargo run -p zec-spec -- check {}` for all)",
            kind.as_str(),
            spec.display()
        );
    }

    // A tree of the user's that states no API version for a product: the shipped pages' one.
    if user_tree.is_some() && loaded.api.products.iter().any(|p| p.version.is_none()) {
        let shipped = zec_spec::load_dir(&manifest.join("spec"));
        for product in &mut loaded.api.products {
            if product.version.is_some() {
                continue;
            }
            match shipped
                .api
                .product(&product.name)
                .and_then(|p| p.version.clone())
            {
                Some(version) => {
                    println!(
                        "cargo::warning={}: states no API version for {}; the shipped pages' {version} is used",
                        spec.display(),
                        product.name
                    );
                    product.version = Some(version);
                }
                None => println!(
                    "cargo::warning={}: {} is left out: no overview page states its API version",
                    spec.display(),
                    product.name
                ),
            }
        }
        loaded.api.products.retain(|p| p.version.is_some());
    }

    // Only what the features turn on is generated at all: ZEC's actions of the groups on, the
    // other products on (a group or product of a newer tree without a feature is always
    // built). Less to expand and compile, and nothing behind a feature that is off.
    loaded
        .api
        .retain_enabled(ROOT_PRODUCT, &features, |feature| {
            let var = format!(
                "CARGO_FEATURE_{}",
                feature.to_ascii_uppercase().replace('-', "_")
            );
            std::env::var_os(var).is_some()
        });

    let json = match serde_json::to_vec(&loaded.api) {
        Ok(j) => j,
        Err(e) => fail(&format!("cannot serialise the IR: {e}")),
    };
    // Write beside, then rename: a reader never sees half a file.
    let target = out_dir.join("zec-ir.json");
    let temp = out_dir.join("zec-ir.json.tmp");
    if let Err(e) = std::fs::write(&temp, &json).and_then(|()| std::fs::rename(&temp, &target)) {
        fail(&format!("cannot write {}: {e}", target.display()));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}

/// The crate's own features (products and groups of the root product), read from the
/// `[features]` table of its manifest: every feature but `default`, `mock` and
/// `all-products`.
fn features(manifest_dir: &Path) -> Vec<String> {
    let path = manifest_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", path.display())));
    let mut in_features = false;
    let mut features = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_features = line == "[features]";
        } else if in_features && let Some((name, _)) = line.split_once('=') {
            let name = name.trim().trim_matches('"');
            if !name.starts_with('#') && !OTHER_FEATURES.contains(&name) {
                features.push(name.to_string());
            }
        }
    }
    features
}
