//! What the last sync fetched: per page its URL, tree path and the validators the server sent,
//! kept as JSON in the synced tree so that the next sync can ask only for what changed.

use serde::{Deserialize, Serialize};
use std::path::Path;

/// File name of the manifest at the root of a synced tree.
pub const MANIFEST: &str = "sync-manifest.json";

/// The manifest: the index it came from and one entry per page, sorted by path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The index URL of the sync.
    pub index: String,
    /// `en` or `cn`.
    pub lang: String,
    /// The pages, sorted by path.
    pub pages: Vec<Entry>,
}

/// One fetched page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Path in the tree (`compute/zec/vpc/createvpc.md`).
    pub path: String,
    /// The URL the page was fetched from.
    pub url: String,
    /// The server's `ETag`, sent back as `If-None-Match`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The server's `Last-Modified`, sent back as `If-Modified-Since`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Manifest {
    /// The manifest in `dir`: `Ok(None)` when there is none, `Err` naming the file when it
    /// cannot be read or parsed.
    pub fn read(dir: &Path) -> Result<Option<Manifest>, String> {
        let path = dir.join(MANIFEST);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The entry for a tree path.
    pub fn entry(&self, path: &str) -> Option<&Entry> {
        self.pages.iter().find(|e| e.path == path)
    }

    /// The manifest as pretty JSON, entries sorted by path.
    pub fn to_json(&self) -> String {
        let mut sorted = self.clone();
        sorted.pages.sort_by(|a, b| a.path.cmp(&b.path));
        // Strings and vectors of them always serialise.
        let mut text = serde_json::to_string_pretty(&sorted).unwrap_or_default();
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_survives_a_round_trip_sorted_by_path() {
        let manifest = Manifest {
            index: "https://docs.example/llms.txt".into(),
            lang: "en".into(),
            pages: vec![
                Entry {
                    path: "compute/zec/vpc/b.md".into(),
                    url: "https://docs.example/compute/zec/vpc/b.md".into(),
                    etag: Some("\"v1\"".into()),
                    last_modified: None,
                },
                Entry {
                    path: "compute/zec/vpc/a.md".into(),
                    url: "https://docs.example/compute/zec/vpc/a.md".into(),
                    etag: None,
                    last_modified: Some("Wed, 21 Oct 2015 07:28:00 GMT".into()),
                },
            ],
        };
        let json = manifest.to_json();
        assert!(!json.contains("\"etag\": null"), "{json}");
        let back: Manifest = serde_json::from_str(&json).unwrap();
        assert_eq!(back.pages[0].path, "compute/zec/vpc/a.md");
        assert_eq!(
            back.entry("compute/zec/vpc/b.md"),
            manifest.entry("compute/zec/vpc/b.md")
        );
    }

    #[test]
    fn a_missing_manifest_is_none_and_a_broken_one_is_named() {
        let dir = std::env::temp_dir().join(format!("zec-manifest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(Manifest::read(&dir), Ok(None));
        std::fs::write(dir.join(MANIFEST), "{not json").unwrap();
        let err = Manifest::read(&dir).unwrap_err();
        assert!(err.contains(MANIFEST), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
