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
pub fn reference() -> Option<PathBuf> {
    let path = workspace().join("../shared/reference");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipping: ../shared/reference is absent");
        None
    }
}
