//! The docs index (`llms.txt`) → the pages of the chosen products to fetch, and where each
//! goes in the tree. A page's product is the directory of its site path, `<category>/<product>`
//! (`networking/zlb/load-balancer-instance/describeloadbalancers` is a page of
//! `networking/zlb`).
//!
//! The site publishes every page at `<root>/<path>` and its Markdown at `<root>/<path>.md`,
//! where `<root>` is the directory of the index (`…/api-reference/`) and Chinese pages sit
//! under `<root>/cn/`. A page's tree path is its site path with `.md`, so
//! `…/api-reference/compute/zec/elastic-ip/associateeipaddress` and
//! `…/api-reference/cn/compute/zec/elastic-ip/associateeipaddress` both become
//! `compute/zec/elastic-ip/associateeipaddress.md`, the layout of `spec/`.

use pulldown_cmark::{Event, Parser, Tag};
use reqwest::Url;
use std::collections::BTreeSet;

/// Which language's pages to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// The English pages, `<root>/…`.
    En,
    /// The Chinese pages, `<root>/cn/…`.
    Cn,
}

impl Lang {
    /// The name used on the command line and in the manifest.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cn => "cn",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "en" => Ok(Lang::En),
            "cn" | "zh" => Ok(Lang::Cn),
            other => Err(format!("unknown language {other:?}: expected en or cn")),
        }
    }
}

/// A page the index lists, and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedPage {
    /// The page's Markdown, without query or fragment, ending in `.md`.
    pub url: Url,
    /// Path in the tree, with `/` separators: `<category>/<product>/<group>/<action>.md`.
    pub path: String,
}

/// The products to sync, each by its directory on the docs site (`compute/zec`,
/// `security/key-service`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Products {
    /// Directories, `<category>/<product>`.
    pub dirs: Vec<String>,
}

impl Products {
    /// Whether a tree path lies in one of the products.
    fn holds(&self, path: &str) -> bool {
        self.dirs.iter().any(|d| {
            path.strip_prefix(d.as_str())
                .is_some_and(|r| r.starts_with('/'))
        })
    }
}

/// Which products of the index the names given on the command line mean. A name matches a
/// product whose directory is that name (`security/key-service`), whose last segment is
/// (`key-service`, `zlb`), or whose service `services` names (`ccs`, read from the overview
/// pages of the target tree). Fails naming the products the index has when a name matches
/// none.
pub fn choose(
    index_url: &Url,
    index: &str,
    lang: Lang,
    names: &[String],
    services: &[(String, String)],
) -> Result<Products, String> {
    let available = product_dirs(index_url, index, lang);
    let mut dirs = Vec::new();
    for name in names {
        let by_service = services
            .iter()
            .find(|(service, _)| service == name)
            .map(|(_, dir)| dir.as_str());
        let found = available.iter().find(|dir| {
            dir.as_str() == name
                || dir.rsplit('/').next() == Some(name.as_str())
                || Some(dir.as_str()) == by_service
        });
        match found {
            Some(dir) if !dirs.contains(dir) => dirs.push(dir.clone()),
            Some(_) => {}
            None => {
                return Err(format!(
                    "the index lists no product {name:?}; its products are: {}",
                    available.join(", ")
                ));
            }
        }
    }
    Ok(Products { dirs })
}

/// The product directories the index has pages under, in index order.
fn product_dirs(index_url: &Url, index: &str, lang: Lang) -> Vec<String> {
    let mut dirs: Vec<String> = Vec::new();
    for (_, rel) in site_paths(index_url, index, lang) {
        if let Some(dir) = product_dir(&rel)
            && !dirs.iter().any(|d| d == dir)
        {
            dirs.push(dir.to_string());
        }
    }
    dirs
}

/// `<category>/<product>` of a site path below a product's directory.
fn product_dir(rel: &str) -> Option<&str> {
    let mut parts = rel.splitn(3, '/');
    let (category, product, rest) = (parts.next()?, parts.next()?, parts.next()?);
    if category == "api-introduction" || rest.is_empty() {
        return None;
    }
    Some(&rel[..category.len() + 1 + product.len()])
}

/// The site paths of `lang` the index links to (relative to the docs root, without `.md`),
/// with their page URLs.
fn site_paths(index_url: &Url, index: &str, lang: Lang) -> Vec<(Url, String)> {
    let root = docs_root(index_url);
    let mut out = Vec::new();
    for dest in links(index) {
        let Ok(mut url) = index_url.join(&dest) else {
            continue;
        };
        url.set_query(None);
        url.set_fragment(None);
        if url.origin() != root.origin() {
            continue;
        }
        let Some(rel) = url.path().strip_prefix(root.path()) else {
            continue;
        };
        let rel = rel.trim_end_matches('/');
        let rel = rel.strip_suffix(".md").unwrap_or(rel);
        let (page_lang, rel) = match rel.strip_prefix("cn/") {
            Some(rest) => (Lang::Cn, rest),
            None => (Lang::En, rel),
        };
        if page_lang == lang {
            let rel = rel.to_string();
            out.push((url, rel));
        }
    }
    out
}

/// The pages of `lang` of the chosen `products` (and the common error codes page), in index
/// order, each path once; and a warning for each link into them that cannot be stored safely.
pub fn select(
    index_url: &Url,
    index: &str,
    lang: Lang,
    products: &Products,
) -> (Vec<IndexedPage>, Vec<String>) {
    let listed = site_paths(index_url, index, lang);
    // A page directly in a product's directory whose name is also a directory of pages is
    // that group's landing page, not an action.
    let groups: BTreeSet<String> = listed
        .iter()
        .filter_map(|(_, rel)| rel.rsplit_once('/').map(|(dir, _)| dir.to_string()))
        .collect();
    let mut pages: Vec<IndexedPage> = Vec::new();
    let mut warnings = Vec::new();
    for (mut url, rel) in listed {
        let path = match tree_path(&rel, products, &groups) {
            Shape::Page(path) => path,
            Shape::Unsafe => {
                warnings.push(format!(
                    "{url}: left out: its path has characters a tree path may not hold"
                ));
                continue;
            }
            Shape::Other => continue,
        };
        if !url.path().ends_with(".md") {
            let md = format!("{}.md", url.path().trim_end_matches('/'));
            url.set_path(&md);
        }
        if !pages.iter().any(|p| p.path == path) {
            pages.push(IndexedPage { url, path });
        }
    }
    (pages, warnings)
}

/// Whether a file of the tree (path relative to its root) is one `sync` writes for these
/// products, so that a sync may replace or remove it: a page under a product's directory
/// (not its overview page, `README.md`, which the docs site does not publish) or the common
/// error codes page. Everything else in the tree is left alone.
pub fn is_synced_path(path: &str, products: &Products) -> bool {
    path.ends_with(".md")
        && !path.ends_with("/README.md")
        && (path == COMMON_ERRORS || products.holds(path))
        && path.trim_end_matches(".md").split('/').all(is_safe_name)
}

/// Whether a tree path lies under one of the products' directories, or is the common error
/// codes page: the part of the tree a sync of these products may change.
pub fn is_in_products(path: &str, products: &Products) -> bool {
    path == COMMON_ERRORS || products.holds(path)
}

/// The common error codes page, which every product's pages link to.
const COMMON_ERRORS: &str = "api-introduction/instruction/commonerrorcode.md";

/// The directory the site's paths are relative to: the index's directory, without a
/// trailing `cn/` when the index given is the Chinese one.
fn docs_root(index_url: &Url) -> Url {
    let mut root = index_url.clone();
    root.set_query(None);
    root.set_fragment(None);
    let path = root.path().to_string();
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let dir = dir.strip_suffix("cn/").unwrap_or(dir);
    root.set_path(dir);
    root
}

/// The link targets of a Markdown document, in order.
fn links(markdown: &str) -> Vec<String> {
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.into_string()),
            _ => None,
        })
        .collect()
}

enum Shape {
    /// A page of the tree, with its file path.
    Page(String),
    /// A ZEC page whose name would not make a safe file name.
    Unsafe,
    /// Not a page of the tree.
    Other,
}

/// The tree path of a site path (relative to the docs root, without `.md`): a page of a
/// chosen product at most three directories below the product's (the data-structure page
/// under its Chinese slug too), or the common error codes page.
fn tree_path(rel: &str, products: &Products, groups: &BTreeSet<String>) -> Shape {
    if format!("{rel}.md") == COMMON_ERRORS {
        return Shape::Page(COMMON_ERRORS.to_string());
    }
    let Some(dir) = product_dir(rel).filter(|d| products.dirs.iter().any(|p| p == d)) else {
        return Shape::Other;
    };
    let below = &rel[dir.len() + 1..];
    // GitBook makes slugs of Chinese titles in pinyin: 数据结构 → shu-ju-jie-gou.
    if below == "datastructure" || below == "shu-ju-jie-gou" {
        return Shape::Page(format!("{dir}/datastructure.md"));
    }
    let parts: Vec<&str> = below.split('/').collect();
    if parts.len() > 3 || (parts.len() == 1 && groups.contains(rel)) {
        return Shape::Other;
    }
    if parts.iter().all(|part| is_safe_name(part)) {
        Shape::Page(format!("{rel}.md"))
    } else {
        Shape::Unsafe
    }
}

/// A file or directory name made only of what the site's slugs use.
fn is_safe_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "# API References

> Zenlayer's API docs.

## Compute

- [AssociateEipAddress](https://docs.example/api-reference/compute/zec/elastic-ip/associateeipaddress.md): binds elastic IPs.
- [CreateZecInstances](/api-reference/compute/zec/instance/createzecinstances)
- [Data Structures](https://docs.example/api-reference/compute/zec/datastructure.md)
- [ZEC](https://docs.example/api-reference/compute/zec.md)
- [Instances](https://docs.example/api-reference/compute/zec/instance.md)
- [DescribeZones](https://docs.example/api-reference/compute/zvm/zone/describezones.md)
- [Twice](https://docs.example/api-reference/compute/zec/instance/createzecinstances.md#example)
- [Elsewhere](https://github.com/zenlayer/docs/blob/main/zec/havip/describehavips.md)
- [Odd](https://docs.example/api-reference/compute/zec/vpc/%2e%2e.md)

## Chinese

- [绑定弹性公网IP](https://docs.example/api-reference/cn/compute/zec/elastic-ip/associateeipaddress.md)
- [数据结构](https://docs.example/api-reference/cn/compute/zec/shu-ju-jie-gou.md)

## Introduction

- [Common error codes](https://docs.example/api-reference/api-introduction/instruction/commonerrorcode.md)
- [Signature](https://docs.example/api-reference/api-introduction/instruction/sign.md)
";

    fn index_url() -> Url {
        Url::parse("https://docs.example/api-reference/llms.txt").unwrap()
    }

    fn zec() -> Products {
        Products {
            dirs: vec!["compute/zec".into()],
        }
    }

    fn paths(pages: &[IndexedPage]) -> Vec<(&str, &str)> {
        pages
            .iter()
            .map(|p| (p.path.as_str(), p.url.as_str()))
            .collect()
    }

    #[test]
    fn english_zec_pages_are_kept_with_their_markdown_urls() {
        let (pages, warnings) = select(&index_url(), INDEX, Lang::En, &zec());
        assert_eq!(
            paths(&pages),
            [
                (
                    "compute/zec/elastic-ip/associateeipaddress.md",
                    "https://docs.example/api-reference/compute/zec/elastic-ip/associateeipaddress.md"
                ),
                (
                    "compute/zec/instance/createzecinstances.md",
                    "https://docs.example/api-reference/compute/zec/instance/createzecinstances.md"
                ),
                (
                    "compute/zec/datastructure.md",
                    "https://docs.example/api-reference/compute/zec/datastructure.md"
                ),
                (
                    "api-introduction/instruction/commonerrorcode.md",
                    "https://docs.example/api-reference/api-introduction/instruction/commonerrorcode.md"
                ),
            ]
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("%2e%2e"), "{warnings:?}");
    }

    #[test]
    fn chinese_pages_go_to_the_same_layout() {
        let (pages, _) = select(&index_url(), INDEX, Lang::Cn, &zec());
        assert_eq!(
            paths(&pages),
            [
                (
                    "compute/zec/elastic-ip/associateeipaddress.md",
                    "https://docs.example/api-reference/cn/compute/zec/elastic-ip/associateeipaddress.md"
                ),
                (
                    "compute/zec/datastructure.md",
                    "https://docs.example/api-reference/cn/compute/zec/shu-ju-jie-gou.md"
                ),
            ]
        );
    }

    #[test]
    fn a_chinese_index_has_the_same_root() {
        let url = Url::parse("https://docs.example/api-reference/cn/llms.txt").unwrap();
        let (pages, _) = select(&url, INDEX, Lang::Cn, &zec());
        assert_eq!(pages.len(), 2);
        let (pages, _) = select(&url, INDEX, Lang::En, &zec());
        assert_eq!(pages.len(), 4);
    }

    #[test]
    fn synced_paths_are_the_pages_of_the_chosen_products_only() {
        let synced = |p| is_synced_path(p, &zec());
        assert!(synced("compute/zec/vpc/createvpc.md"));
        assert!(synced("compute/zec/datastructure.md"));
        assert!(synced("api-introduction/instruction/commonerrorcode.md"));
        assert!(!synced("explained-lints.tsv"));
        assert!(!synced("compute/zec/vpc/createvpc.txt"));
        assert!(!synced("compute/zec/README.md"));
        assert!(!synced("compute/zvm/zone/describezones.md"));
        assert!(!synced("compute/zecx/zone/describezones.md"));
        assert!(!synced("compute/zec/vpc/../x.md"));
    }

    #[test]
    fn products_are_chosen_by_directory_name_or_service() {
        let index = "- [A](/api-reference/compute/zec/vpc/createvpc.md)\n- [B](/api-reference/networking/zlb/load-balancer-instance/describeloadbalancers.md)\n- [C](/api-reference/security/key-service/key-pair/describekeypairs.md)\n- [D](/api-reference/security/key-service/datastructure.md)\n- [E](/api-reference/api-introduction/instruction/sign.md)\n";
        let services = vec![("ccs".to_string(), "security/key-service".to_string())];
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let chosen = choose(
            &index_url(),
            index,
            Lang::En,
            &names(&["zlb", "ccs"]),
            &services,
        )
        .unwrap();
        assert_eq!(chosen.dirs, ["networking/zlb", "security/key-service"]);
        let (pages, _) = select(&index_url(), index, Lang::En, &chosen);
        let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "networking/zlb/load-balancer-instance/describeloadbalancers.md",
                "security/key-service/key-pair/describekeypairs.md",
                "security/key-service/datastructure.md"
            ]
        );
        let chosen = choose(
            &index_url(),
            index,
            Lang::En,
            &names(&["security/key-service"]),
            &[],
        );
        assert_eq!(chosen.unwrap().dirs, ["security/key-service"]);
        let err = choose(&index_url(), index, Lang::En, &names(&["vm"]), &services).unwrap_err();
        assert!(err.contains("no product \"vm\""), "{err}");
        assert!(
            err.contains("compute/zec, networking/zlb, security/key-service"),
            "{err}"
        );
    }

    #[test]
    fn languages_parse_by_name() {
        assert_eq!("en".parse(), Ok(Lang::En));
        assert_eq!("cn".parse(), Ok(Lang::Cn));
        assert!("fr".parse::<Lang>().is_err());
    }
}
