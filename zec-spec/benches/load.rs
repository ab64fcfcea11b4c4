//! How fast a spec tree loads: the whole `spec/`, and the reference corpus when present.
//!
//! `cargo bench -p zec-spec --bench load`; criterion reports pages per second as elements/s.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::path::{Path, PathBuf};
use zec_spec::{load_dir, load_pages};

/// Read every page of a tree once, so that the benchmark measures parsing, not the disk.
fn read_tree(root: &Path) -> Vec<(String, String)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "md")
                && let (Ok(text), Ok(rel)) =
                    (std::fs::read_to_string(&path), path.strip_prefix(root))
            {
                out.push((rel.to_string_lossy().replace('\\', "/"), text));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

fn bench(c: &mut Criterion) {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let trees: Vec<(&str, PathBuf)> = vec![
        ("spec", manifest.join("../spec")),
        ("docs-cn", manifest.join("../../shared/reference/docs-cn")),
    ];
    let mut group = c.benchmark_group("load");
    for (name, root) in trees {
        if !root.is_dir() {
            eprintln!("skipping {name}: {} is absent", root.display());
            continue;
        }
        let pages = read_tree(&root);
        group.throughput(Throughput::Elements(pages.len() as u64));
        group.bench_function(format!("{name} ({} pages, in memory)", pages.len()), |b| {
            b.iter(|| load_pages(&pages))
        });
        group.bench_function(format!("{name} (from disk)"), |b| {
            b.iter(|| load_dir(&root))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
