//! A tree of doc pages → one [`Api`].
//!
//! Loading runs in two passes: the data-structure pages are read first for their type names,
//! so that every type cell of every page can then be resolved (case-insensitively, preferring
//! the page's own product). Checks that need the whole tree (two pages claiming one action, a
//! waiter polling an action that does not exist) run last.

use crate::diag::{Diagnostic, Diagnostics, Kind, Pos};
use crate::ir::{Api, Product, TypeDef};
use crate::lower::{self, PageInfo, PageKind, TypeIndex};
use crate::markdown::{self, Block};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// File at the root of a spec tree listing lints a maintainer has looked at: one per line,
/// `page path <TAB> sentence <TAB> why it is left as prose`; `#` starts a comment. Matching
/// lints are not reported; entries that match nothing are, so the list cannot rot.
pub const EXPLAINED_LINTS: &str = "explained-lints.tsv";

/// The result of loading a tree: the IR of what could be read, and every diagnostic.
#[derive(Debug)]
pub struct Loaded {
    /// The API.
    pub api: Api,
    /// Diagnostics sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Number of Markdown files read.
    pub pages: usize,
    /// Lints left out because [`EXPLAINED_LINTS`] explains them.
    pub explained: usize,
}

impl Loaded {
    /// The diagnostics that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == crate::diag::Severity::Error)
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.errors().count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }
}

/// Load every `.md` file under `root`.
pub fn load_dir(root: &Path) -> Loaded {
    let mut diags = Diagnostics::new();
    let mut files = Vec::new();
    collect_markdown(root, root, &mut files, &mut diags);
    files.sort();
    let mut pages = Vec::with_capacity(files.len());
    for rel in files {
        let path = root.join(&rel);
        let name = rel_name(&rel);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let text = match String::from_utf8(bytes) {
                    Ok(t) => t,
                    Err(e) => {
                        diags.warning(
                            &name,
                            Pos { line: 1, col: 1 },
                            Kind::Io,
                            "file is not valid UTF-8; invalid bytes were replaced",
                        );
                        String::from_utf8_lossy(e.as_bytes()).into_owned()
                    }
                };
                pages.push((name, text));
            }
            Err(e) => diags.error(
                &name,
                Pos { line: 1, col: 1 },
                Kind::Io,
                format!("cannot read {}: {e}", path.display()),
            ),
        }
    }
    let mut loaded = load_pages(&pages);
    diags.extend(Diagnostics::from_vec(std::mem::take(
        &mut loaded.diagnostics,
    )));
    if let Ok(text) = std::fs::read_to_string(root.join(EXPLAINED_LINTS)) {
        loaded.explained = explain(&mut diags, &text);
    }
    loaded.diagnostics = diags.into_sorted();
    loaded
}

/// Drop the lints that `list` explains; report entries that explain nothing. Returns how
/// many lints were dropped.
pub fn explain(diags: &mut Diagnostics, list: &str) -> usize {
    let mut entries: Vec<(usize, &str, &str, bool)> = Vec::new();
    for (n, line) in list.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(3, '\t');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(file), Some(sentence), Some(why)) if !why.trim().is_empty() => {
                entries.push((n + 1, file.trim(), sentence.trim(), false));
            }
            _ => diags.warning(
                EXPLAINED_LINTS,
                Pos {
                    line: n as u32 + 1,
                    col: 1,
                },
                Kind::Structure,
                "an entry needs a page path, the sentence and why, separated by tabs",
            ),
        }
    }
    let before = diags.iter().count();
    diags.retain(|d| {
        let Some(subject) = &d.subject else {
            return true;
        };
        match entries
            .iter_mut()
            .find(|(_, file, sentence, _)| *file == d.file && sentence == subject)
        {
            Some(entry) => {
                entry.3 = true;
                false
            }
            None => true,
        }
    });
    let explained = before - diags.iter().count();
    for (line, file, sentence, used) in entries {
        if !used {
            diags.warning(
                EXPLAINED_LINTS,
                Pos {
                    line: line as u32,
                    col: 1,
                },
                Kind::Structure,
                format!(
                    "{file}: {sentence:?} is explained but no longer reported; remove the entry"
                ),
            );
        }
    }
    explained
}

fn rel_name(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn collect_markdown(root: &Path, dir: &Path, out: &mut Vec<PathBuf>, diags: &mut Diagnostics) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            let name = dir.strip_prefix(root).map(rel_name).unwrap_or_default();
            diags.error(
                &name,
                Pos { line: 1, col: 1 },
                Kind::Io,
                format!("cannot read directory {}: {e}", dir.display()),
            );
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect_markdown(root, &path, out, diags);
        } else if path.extension().is_some_and(|e| e == "md")
            && let Ok(rel) = path.strip_prefix(root)
        {
            out.push(rel.to_path_buf());
        }
    }
}

/// Load pages given as (path relative to the root, content). Pure: no file access.
pub fn load_pages(pages: &[(String, String)]) -> Loaded {
    load_pages_with_types(pages, &[])
}

/// Load pages whose type cells may also name `known` types, defined elsewhere (the shipped
/// spec, when expanding a single page). The known types are not part of the result.
pub fn load_pages_with_types(pages: &[(String, String)], known: &[TypeDef]) -> Loaded {
    let mut diags = Diagnostics::new();
    let parsed: Vec<(&str, Vec<Block>, PageKind)> = pages
        .iter()
        .map(|(file, text)| {
            let blocks = markdown::parse(text);
            let kind = lower::classify(&blocks);
            (file.as_str(), blocks, kind)
        })
        .collect();

    // Pass 1: type names of every data-structure page.
    let mut index = TypeIndex::default();
    for def in known {
        index.insert(&def.product, &def.name);
    }
    for (file, blocks, kind) in &parsed {
        if *kind == PageKind::DataStructures {
            let (product, _) = data_structure_product(file);
            for name in lower::type_headings(blocks) {
                index.insert(&product, &name);
            }
        }
    }

    // Pass 2: lower every page.
    let mut api = Api::default();
    let mut products: BTreeMap<String, String> = BTreeMap::new();
    let mut action_files: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut type_files: BTreeMap<(String, String), String> = BTreeMap::new();
    for (file, blocks, kind) in &parsed {
        let (product, product_path, group) = match kind {
            PageKind::DataStructures => {
                let (p, path) = data_structure_product(file);
                (p, path, String::new())
            }
            _ => action_product(file),
        };
        let info = PageInfo {
            file: file.to_string(),
            product: product.clone(),
            group,
        };
        let items = lower::lower_page(&info, blocks, &index, &mut diags);
        if let Some(action) = items.action {
            products
                .entry(product.clone())
                .or_insert(product_path.clone());
            let key = (action.product.clone(), action.name.clone());
            if let Some(first) = action_files.get(&key) {
                diags.error(
                    file,
                    Pos {
                        line: action.source.line,
                        col: 1,
                    },
                    Kind::Duplicate,
                    format!("action {} is already defined by {first}", action.name),
                );
            } else {
                action_files.insert(key, file.to_string());
                api.actions.push(action);
            }
        }
        if *kind == PageKind::DataStructures {
            products
                .entry(product.clone())
                .or_insert(product_path.clone());
        }
        for def in items.types {
            let key = (def.product.clone(), def.name.clone());
            if let Some(first) = type_files.get(&key) {
                diags.error(
                    file,
                    Pos {
                        line: def.source.line,
                        col: 1,
                    },
                    Kind::Duplicate,
                    format!("type {} is already defined by {first}", def.name),
                );
            } else {
                type_files.insert(key, file.to_string());
                api.types.push(def);
            }
        }
        for code in items.common_errors {
            if !api.common_errors.iter().any(|c| c.code == code.code) {
                api.common_errors.push(code);
            }
        }
    }

    // Checks over the whole tree.
    for action in &api.actions {
        if let Some(w) = &action.waiter
            && !api
                .actions
                .iter()
                .any(|a| a.product == action.product && a.name == w.poll_action)
        {
            diags.warning(
                &w.source.file,
                Pos {
                    line: w.source.line,
                    col: 1,
                },
                Kind::Structure,
                format!(
                    "{} waits by polling {}, which no page of {} defines",
                    action.name, w.poll_action, action.product
                ),
            );
        }
    }

    api.products = products
        .into_iter()
        .map(|(name, path)| Product { name, path })
        .collect();
    api.actions
        .sort_by(|a, b| (&a.product, &a.name).cmp(&(&b.product, &b.name)));
    api.types
        .sort_by(|a, b| (&a.product, &a.name).cmp(&(&b.product, &b.name)));
    Loaded {
        api,
        diagnostics: diags.into_sorted(),
        pages: pages.len(),
        explained: 0,
    }
}

/// Product of a data-structure page: its directory.
fn data_structure_product(file: &str) -> (String, String) {
    let dir = file.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let name = dir
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("api");
    (name.to_string(), dir.to_string())
}

/// Product and group of an action page: `<product>/<group>/<action>.md`.
fn action_product(file: &str) -> (String, String, String) {
    let parts: Vec<&str> = file.split('/').collect();
    match parts.as_slice() {
        [.., product, group, _file] => (
            product.to_string(),
            parts[..parts.len() - 2].join("/"),
            group.to_string(),
        ),
        [dir, _file] => (dir.to_string(), dir.to_string(), String::new()),
        _ => ("api".to_string(), String::new(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explained_lints_are_dropped_and_stale_entries_reported() {
        let mut diags = Diagnostics::new();
        diags.lint(
            "a.md",
            Pos { line: 3, col: 1 },
            "It must be at least a day ahead.",
            "constraint not understood",
        );
        diags.lint(
            "a.md",
            Pos { line: 4, col: 1 },
            "Only one per account is allowed.",
            "constraint not understood: Only one per account",
        );
        let list = "# page\tsentence\twhy\n\
                    a.md\tIt must be at least a day ahead.\tchecked by the server against its clock\n\
                    a.md\tGone sentence.\tno longer in the page\n\
                    a.md\tmissing why\n";
        assert_eq!(explain(&mut diags, list), 1);
        let left: Vec<String> = diags.iter().map(|d| d.message.clone()).collect();
        assert_eq!(left.len(), 3, "{left:#?}");
        assert!(left[0].contains("Only one per account"));
        assert!(left.iter().any(|m| m.contains("needs a page path")));
        assert!(
            left.iter()
                .any(|m| m.contains("\"Gone sentence.\" is explained but no longer reported"))
        );
    }

    #[test]
    fn products_come_from_the_tree_layout() {
        assert_eq!(
            action_product("compute/zec/elastic-ip/associateeipaddress.md"),
            ("zec".into(), "compute/zec".into(), "elastic-ip".into())
        );
        assert_eq!(
            action_product("bmc/eip/x.md"),
            ("bmc".into(), "bmc".into(), "eip".into())
        );
        assert_eq!(
            data_structure_product("compute/zec/datastructure.md"),
            ("zec".into(), "compute/zec".into())
        );
        assert_eq!(
            data_structure_product("vm/shu-ju-jie-gou.md"),
            ("vm".into(), "vm".into())
        );
    }
}
