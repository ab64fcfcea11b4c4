//! The build step: read `spec/` into the IR that `generate_api!()` expands.
//!
//! Fails the build on spec errors, each as `path:line:col: error: …`; summarises warnings as
//! a few cargo warnings; writes the IR to `$OUT_DIR/zec-ir.json`; reruns when a page changes,
//! is added or is removed.

use std::collections::BTreeMap;
use std::path::PathBuf;
use zec_spec::diag::{Kind, Severity};

fn main() {
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let spec = manifest.join("spec");
    // A directory here makes cargo rerun when any file below it changes or is added.
    println!("cargo::rerun-if-changed=spec");
    println!("cargo::rerun-if-changed=build.rs");

    if !spec.is_dir() {
        eprintln!(
            "error: {} is not a directory; zec-api needs the doc pages in spec/",
            spec.display()
        );
        std::process::exit(1);
    }
    let loaded = zec_spec::load_dir(&spec);
    // Through the `spec` link to the workspace's pages, so that the path can be clicked.
    let shown = |file: &str| {
        let path = spec.join(file);
        std::fs::canonicalize(&path)
            .unwrap_or(path)
            .display()
            .to_string()
    };

    let errors: Vec<_> = loaded.errors().collect();
    if !errors.is_empty() {
        for d in &errors {
            let mut d = (*d).clone();
            d.file = shown(&d.file);
            eprintln!("{d}");
        }
        eprintln!(
            "error: {} error(s) in the spec; the bindings would be wrong, so the build stops",
            errors.len()
        );
        std::process::exit(1);
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
            "cargo::warning=spec: {count} {} warning(s), first at {first} (run `cargo run -p zec-spec -- check zec-api/spec` for all)",
            kind.as_str()
        );
    }

    let json = match serde_json::to_vec(&loaded.api) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("error: cannot serialise the IR: {e}");
            std::process::exit(1);
        }
    };
    // Write beside, then rename: a reader never sees half a file.
    let target = out_dir.join("zec-ir.json");
    let temp = out_dir.join("zec-ir.json.tmp");
    if let Err(e) = std::fs::write(&temp, &json).and_then(|()| std::fs::rename(&temp, &target)) {
        eprintln!("error: cannot write {}: {e}", target.display());
        std::process::exit(1);
    }
}
