//! The new tree is built beside the old one and swapped in by renaming, so that a sync that
//! fails leaves the old tree as it was, and one that succeeds never shows a half-written tree.

use std::io;
use std::path::{Path, PathBuf};

/// An error with the path it happened on.
#[derive(Debug)]
pub struct TreeError {
    /// The file or directory.
    pub path: PathBuf,
    /// What went wrong.
    pub error: io::Error,
}

impl std::fmt::Display for TreeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for TreeError {}

fn at(path: &Path) -> impl FnOnce(io::Error) -> TreeError + '_ {
    move |error| TreeError {
        path: path.to_path_buf(),
        error,
    }
}

/// A directory next to the tree (`.<name>.sync-<pid>`) that becomes the tree on
/// [`Staging::commit`] and is removed if dropped before that.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    committed: bool,
}

impl Staging {
    /// A fresh staging directory beside `tree`; the parent of `tree` is created if missing.
    pub fn beside(tree: &Path) -> Result<Staging, TreeError> {
        let dir = sibling(tree, "sync");
        if let Some(parent) = dir.parent() {
            std::fs::create_dir_all(parent).map_err(at(parent))?;
        }
        // Left by a run that was killed: nothing in it is needed.
        remove_if_present(&dir)?;
        std::fs::create_dir(&dir).map_err(at(&dir))?;
        Ok(Staging {
            dir,
            committed: false,
        })
    }

    /// The staging directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Write `bytes` at `rel` (a `/`-separated path) in the staging directory.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), TreeError> {
        let path = self.prepare(rel)?;
        std::fs::write(&path, bytes).map_err(at(&path))
    }

    /// Take `rel` over from the old tree unchanged: a hard link where the file system allows,
    /// else a copy. Symbolic links are kept as links on Unix.
    pub fn keep(&self, old_tree: &Path, rel: &str) -> Result<(), TreeError> {
        let from = old_tree.join(rel);
        let to = self.prepare(rel)?;
        let meta = std::fs::symlink_metadata(&from).map_err(at(&from))?;
        #[cfg(unix)]
        if meta.file_type().is_symlink() {
            let target = std::fs::read_link(&from).map_err(at(&from))?;
            return std::os::unix::fs::symlink(target, &to).map_err(at(&to));
        }
        let _ = meta;
        if std::fs::hard_link(&from, &to).is_ok() {
            return Ok(());
        }
        std::fs::copy(&from, &to).map(|_| ()).map_err(at(&from))
    }

    fn prepare(&self, rel: &str) -> Result<PathBuf, TreeError> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(at(parent))?;
        }
        Ok(path)
    }

    /// Make the staging directory the tree: the old tree is renamed aside, the new one
    /// renamed into place, and the old one removed. If the second rename fails, the old tree
    /// is put back.
    pub fn commit(mut self, tree: &Path) -> Result<(), TreeError> {
        let aside = sibling(tree, "old");
        remove_if_present(&aside)?;
        let had_tree = tree.exists();
        if had_tree {
            std::fs::rename(tree, &aside).map_err(at(tree))?;
        }
        if let Err(error) = std::fs::rename(&self.dir, tree) {
            if had_tree {
                // Put the old tree back; if even that fails, say where it is.
                if let Err(back) = std::fs::rename(&aside, tree) {
                    return Err(TreeError {
                        path: aside,
                        error: io::Error::other(format!(
                            "cannot move the new tree into place ({error}) nor the old one back ({back})"
                        )),
                    });
                }
            }
            return Err(at(tree)(error));
        }
        self.committed = true;
        if had_tree {
            // The new tree is in place; an old copy that cannot be removed only wastes space.
            let _ = std::fs::remove_dir_all(&aside);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Every file under `root` (not directories), as `/`-separated paths relative to it, sorted.
/// Symbolic links are listed, not followed. A missing root has no files.
pub fn files(root: &Path) -> Result<Vec<String>, TreeError> {
    let mut out = Vec::new();
    if root.exists() {
        walk(root, "", &mut out)?;
    }
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result<(), TreeError> {
    for entry in std::fs::read_dir(dir).map_err(at(dir))? {
        let entry = entry.map_err(at(dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = format!("{prefix}{name}");
        let kind = entry.file_type().map_err(at(&entry.path()))?;
        if kind.is_dir() {
            walk(&entry.path(), &format!("{rel}/"), out)?;
        } else {
            out.push(rel);
        }
    }
    Ok(())
}

/// `<parent>/.<name>.<what>-<pid>`: beside the tree, so that renames stay on one file system.
fn sibling(tree: &Path, what: &str) -> PathBuf {
    let name = tree
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "tree".into());
    let parent = tree.parent().unwrap_or(Path::new("."));
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    parent.join(format!(".{name}.{what}-{}", std::process::id()))
}

fn remove_if_present(dir: &Path) -> Result<(), TreeError> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(at(dir)(e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("zec-tree-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_committed_staging_replaces_the_tree() {
        let root = scratch("commit");
        let tree = root.join("docs");
        std::fs::create_dir_all(tree.join("a")).unwrap();
        std::fs::write(tree.join("a/old.md"), "old").unwrap();
        std::fs::write(tree.join("keep.tsv"), "kept").unwrap();
        let staging = Staging::beside(&tree).unwrap();
        staging.write("a/new.md", b"new").unwrap();
        staging.keep(&tree, "keep.tsv").unwrap();
        staging.commit(&tree).unwrap();
        assert_eq!(files(&tree).unwrap(), ["a/new.md", "keep.tsv"]);
        assert_eq!(
            std::fs::read_to_string(tree.join("keep.tsv")).unwrap(),
            "kept"
        );
        // Nothing is left beside the tree.
        assert_eq!(files(&root).unwrap(), ["docs/a/new.md", "docs/keep.tsv"]);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_dropped_staging_leaves_the_tree_alone() {
        let root = scratch("drop");
        let tree = root.join("docs");
        std::fs::create_dir_all(&tree).unwrap();
        std::fs::write(tree.join("page.md"), "old").unwrap();
        {
            let staging = Staging::beside(&tree).unwrap();
            staging.write("page.md", b"half").unwrap();
        }
        assert_eq!(files(&root).unwrap(), ["docs/page.md"]);
        assert_eq!(
            std::fs::read_to_string(tree.join("page.md")).unwrap(),
            "old"
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_first_sync_creates_the_tree_and_its_parents() {
        let root = scratch("first");
        let tree = root.join("deep/docs");
        let staging = Staging::beside(&tree).unwrap();
        staging.write("p.md", b"x").unwrap();
        staging.commit(&tree).unwrap();
        assert_eq!(files(&tree).unwrap(), ["p.md"]);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
