//! A tree of doc pages → one [`Api`].
//!
//! Loading runs in passes: the products' overview pages first, which say where each product's
//! pages are; then the data-structure pages for their type names, so that every type cell of
//! every page can be resolved (case-insensitively, within the page's product); then every
//! page. Each product is named by its service; what needs the whole tree (waiters and the
//! action they poll, links between pages) is resolved last, in [`crate::resolve`].

use crate::diag::{Diagnostic, Diagnostics, Kind, Pos};
use crate::ir::{Api, ErrorCode, Product, TypeDef};
use crate::lower::{self, Overview, PageInfo, PageKind, TypeIndex};
use crate::markdown::{self, Block};
use crate::resolve::PageLink;
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
    /// Per page, how many constraint-like sentences of requests, structures and notes were
    /// read, read in part, and not read.
    pub prose: std::collections::BTreeMap<String, crate::diag::ProseCount>,
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

    // Pass 1: the overview pages, which mark the products' directories.
    let mut overviews: BTreeMap<String, Overview> = BTreeMap::new();
    for (file, blocks, kind) in &parsed {
        if *kind == PageKind::Overview {
            let info = PageInfo {
                file: file.to_string(),
                product: String::new(),
                group: String::new(),
            };
            let items = lower::lower_page(&info, blocks, &TypeIndex::default(), &mut diags);
            if let Some(overview) = items.overview {
                overviews.insert(parent_dir(file).to_string(), overview);
            }
        }
    }
    let dirs: Vec<&str> = overviews.keys().map(String::as_str).collect();
    let place = |file: &str, kind: PageKind| place_page(file, kind, &dirs);

    // Pass 2: type names of every data-structure page, by product directory.
    let mut index = TypeIndex::default();
    for def in known {
        index.insert(&def.product, &def.name);
    }
    for (file, blocks, kind) in &parsed {
        if *kind == PageKind::DataStructures {
            let place = place(file, *kind);
            for name in lower::type_headings(blocks) {
                index.insert(&place.dir, &name);
            }
        }
    }

    // Links between pages, checked once the products are known.
    let mut links: Vec<PageLink> = Vec::new();
    for (file, blocks, _) in &parsed {
        for block in blocks {
            for (link, pos) in block.links() {
                links.push(PageLink {
                    file: file.to_string(),
                    pos,
                    href: link.href.clone(),
                });
            }
        }
    }

    // Pass 3: lower every page, keyed by product directory.
    let mut products: BTreeMap<String, Product> = BTreeMap::new();
    let mut common_errors: Vec<ErrorCode> = Vec::new();
    for (file, blocks, kind) in &parsed {
        if matches!(
            kind,
            PageKind::Overview | PageKind::Other | PageKind::CommonErrors
        ) {
            if *kind == PageKind::CommonErrors || *kind == PageKind::Other {
                let info = PageInfo {
                    file: file.to_string(),
                    product: String::new(),
                    group: String::new(),
                };
                let items = lower::lower_page(&info, blocks, &index, &mut diags);
                for code in items.common_errors {
                    if !common_errors.iter().any(|c| c.code == code.code) {
                        common_errors.push(code);
                    }
                }
            }
            continue;
        }
        let place = place(file, *kind);
        let info = PageInfo {
            file: file.to_string(),
            product: place.dir.clone(),
            group: place.group.clone(),
        };
        let items = lower::lower_page(&info, blocks, &index, &mut diags);
        if items.action.is_none() && items.types.is_empty() {
            continue;
        }
        let product = products
            .entry(place.dir.clone())
            .or_insert_with(|| Product::new("", &place.dir));
        if let Some(action) = items.action {
            if let Some(first) = product.action(&action.name) {
                diags.error(
                    file,
                    Pos {
                        line: action.source.line,
                        col: 1,
                    },
                    Kind::Duplicate,
                    format!(
                        "action {} is already defined by {}",
                        action.name, first.source.file
                    ),
                );
            } else {
                product.actions.push(action);
            }
        }
        for def in items.types {
            if let Some(first) = product.type_def(&def.name) {
                diags.error(
                    file,
                    Pos {
                        line: def.source.line,
                        col: 1,
                    },
                    Kind::Duplicate,
                    format!(
                        "type {} is already defined by {}",
                        def.name, first.source.file
                    ),
                );
            } else {
                product.types.push(def);
            }
        }
    }
    // A product with an overview page is in the tree even before it has pages.
    for dir in overviews.keys() {
        products
            .entry(dir.clone())
            .or_insert_with(|| Product::new("", dir));
    }

    // Name every product by its service, and its items by the product's name.
    let mut api = Api {
        products: Vec::new(),
        common_errors,
    };
    for (dir, mut product) in products {
        name_product(&mut product, overviews.get(&dir), &mut diags);
        if let Some(first) = api.products.iter().find(|p| p.name == product.name) {
            let file = product
                .source
                .as_ref()
                .map(|s| s.file.clone())
                .unwrap_or_else(|| dir.clone());
            diags.error(
                &file,
                Pos { line: 1, col: 1 },
                Kind::Duplicate,
                format!(
                    "product {} is already defined by the pages under {}",
                    product.name, first.path
                ),
            );
            continue;
        }
        product.actions.sort_by(|a, b| a.name.cmp(&b.name));
        product.types.sort_by(|a, b| a.name.cmp(&b.name));
        api.products.push(product);
    }
    api.products.sort_by(|a, b| a.name.cmp(&b.name));

    // Checks and resolution over the whole tree.
    crate::resolve::resolve(&mut api, &links, &mut diags);

    let prose = diags.take_prose();
    Loaded {
        api,
        diagnostics: diags.into_sorted(),
        pages: pages.len(),
        explained: 0,
        prose,
    }
}

/// Give a product its service name, title, version and endpoint path: from its overview page
/// when the tree has one; else the service its examples post to, or its directory's name.
fn name_product(product: &mut Product, overview: Option<&Overview>, diags: &mut Diagnostics) {
    let dir_name = product
        .path
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("api")
        .to_string();
    match overview {
        Some(o) => {
            product.name = o.service.clone();
            product.title = o.title.clone();
            product.docs = o.docs.clone();
            product.version = o.version.clone();
            product.source = Some(o.source.clone());
            product.endpoint_path = o
                .endpoint_path
                .clone()
                .unwrap_or_else(|| format!("/api/v2/{}", o.service));
            if o.version.is_none() {
                diags.warning(
                    &o.source.file,
                    Pos {
                        line: o.source.line,
                        col: 1,
                    },
                    Kind::Structure,
                    format!("the overview of {} states no API version", o.service),
                );
            }
        }
        None => {
            // The path the examples post to, when they agree.
            let mut paths: Vec<&str> = product
                .actions
                .iter()
                .flat_map(|a| a.examples.iter())
                .filter_map(|e| e.endpoint.as_deref())
                .collect();
            paths.sort();
            paths.dedup();
            let service = match paths.as_slice() {
                [one] => one.rsplit('/').next().unwrap_or(&dir_name).to_string(),
                _ => dir_name.clone(),
            };
            product.name = service.clone();
            product.title = service.clone();
            product.endpoint_path = match paths.as_slice() {
                [one] => one.to_string(),
                _ => format!("/api/v2/{service}"),
            };
            let at = product
                .actions
                .first()
                .map(|a| a.source.clone())
                .or_else(|| product.types.first().map(|t| t.source.clone()));
            if let Some(at) = at {
                diags.warning(
                    &at.file,
                    Pos { line: 1, col: 1 },
                    Kind::Structure,
                    format!(
                        "no overview page ({}/README.md) names the service and API version of the pages under {}; they are read as product {service}, API version unknown",
                        product.path, product.path
                    ),
                );
            }
        }
    }
    let name = product.name.clone();
    for action in &mut product.actions {
        action.product = name.clone();
    }
    for def in &mut product.types {
        def.product = name.clone();
    }
}

/// Where a page belongs: its product's directory and its group.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    dir: String,
    group: String,
}

/// The product directory of a page is the deepest directory above it that holds an overview
/// page; without one, a data-structure page's own directory, and an action page's
/// grandparent (`<product>/<group>/<action>.md`). The group is the directory between the
/// product's and the page, if any.
fn place_page(file: &str, kind: PageKind, overview_dirs: &[&str]) -> Place {
    let parent = parent_dir(file);
    let anchored = overview_dirs
        .iter()
        .filter(|d| d.is_empty() || parent == **d || parent.starts_with(&format!("{d}/")))
        .max_by_key(|d| d.len());
    if let Some(dir) = anchored {
        let rest = parent
            .strip_prefix(*dir)
            .unwrap_or("")
            .trim_start_matches('/');
        let group = if kind == PageKind::DataStructures {
            String::new()
        } else {
            rest.replace('/', "-")
        };
        return Place {
            dir: dir.to_string(),
            group,
        };
    }
    if kind == PageKind::DataStructures {
        return Place {
            dir: parent.to_string(),
            group: String::new(),
        };
    }
    match parent.rsplit_once('/') {
        Some((dir, group)) => Place {
            dir: dir.to_string(),
            group: group.to_string(),
        },
        None => Place {
            dir: parent.to_string(),
            group: String::new(),
        },
    }
}

/// The directory of a file, `""` at the root.
fn parent_dir(file: &str) -> &str {
    file.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
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
    fn pages_are_placed_under_the_deepest_overview() {
        let dirs = ["networking/zlb", "security/key-service"];
        let place = |f, k| place_page(f, k, &dirs);
        assert_eq!(
            place(
                "networking/zlb/listener/createlistener.md",
                PageKind::Action
            ),
            Place {
                dir: "networking/zlb".into(),
                group: "listener".into()
            }
        );
        assert_eq!(
            place("networking/zlb/datastructure.md", PageKind::DataStructures),
            Place {
                dir: "networking/zlb".into(),
                group: String::new()
            }
        );
        assert_eq!(
            place("security/key-service/describekeypairs.md", PageKind::Action),
            Place {
                dir: "security/key-service".into(),
                group: String::new()
            }
        );
        // Without an overview: the layout decides.
        assert_eq!(
            place(
                "compute/zec/elastic-ip/associateeipaddress.md",
                PageKind::Action
            ),
            Place {
                dir: "compute/zec".into(),
                group: "elastic-ip".into()
            }
        );
        assert_eq!(
            place("vm/shu-ju-jie-gou.md", PageKind::DataStructures),
            Place {
                dir: "vm".into(),
                group: String::new()
            }
        );
    }
}
