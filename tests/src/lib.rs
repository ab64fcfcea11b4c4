//! Tests of the whole pipeline; see `tests/`. Shared helpers live here.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// `../shared/reference` beside the workspace, or `None` (with a notice) when it is absent.
///
/// In CI (`CI` set) the reference must be there: a test that compares against it must not
/// pass by skipping, so its absence panics.
pub fn reference() -> Option<PathBuf> {
    let path = workspace().join("../shared/reference");
    if path.is_dir() {
        return Some(path);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{} is absent, and CI is set: tests that compare against the reference cannot be skipped in CI",
            path.display()
        );
    }
    eprintln!("skipping: ../shared/reference is absent");
    None
}

/// The official CLI's definitions of every ZEC action under `reference`, in file-name order.
pub fn cli_definitions(reference: &Path) -> Vec<serde_json::Value> {
    let mut files: Vec<_> = std::fs::read_dir(reference.join("zenlayer-cli/en-US/zec"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| serde_yaml::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
        .collect()
}
