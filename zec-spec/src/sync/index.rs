//! The docs index (`llms.txt`) → the ZEC pages to fetch and where each goes in the tree.
//!
//! The site publishes every page at `<root>/<path>` and its Markdown at `<root>/<path>.md`,
//! where `<root>` is the directory of the index (`…/api-reference/`) and Chinese pages sit
//! under `<root>/cn/`. A page's tree path is its site path with `.md`, so
//! `…/api-reference/compute/zec/elastic-ip/associateeipaddress` and
//! `…/api-reference/cn/compute/zec/elastic-ip/associateeipaddress` both become
//! `compute/zec/elastic-ip/associateeipaddress.md`, the layout of `spec/`.

use pulldown_cmark::{Event, Parser, Tag};
use reqwest::Url;

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
    /// Path in the tree, with `/` separators: `compute/zec/<group>/<action>.md`.
    pub path: String,
}

/// The pages of `lang` that belong in the tree, in index order, each path once; and a
/// warning for each link that looks like a ZEC page but cannot be stored safely.
pub fn select(index_url: &Url, index: &str, lang: Lang) -> (Vec<IndexedPage>, Vec<String>) {
    let root = docs_root(index_url);
    let mut pages: Vec<IndexedPage> = Vec::new();
    let mut warnings = Vec::new();
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
        if page_lang != lang {
            continue;
        }
        let path = match tree_path(rel) {
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

/// Whether a file of the tree (path relative to its root) is one `sync` writes, so that a
/// sync may replace or remove it. Everything else in the tree is left alone.
pub fn is_synced_path(path: &str) -> bool {
    path.strip_suffix(".md")
        .is_some_and(|rel| matches!(tree_path(rel), Shape::Page(p) if p == path))
}

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

/// The tree path of a site path (relative to the docs root, without `.md`).
fn tree_path(rel: &str) -> Shape {
    let parts: Vec<&str> = rel.split('/').collect();
    let path = match parts.as_slice() {
        // GitBook makes slugs of Chinese titles in pinyin: 数据结构 → shu-ju-jie-gou.
        ["compute", "zec", "datastructure" | "shu-ju-jie-gou"] => {
            return Shape::Page("compute/zec/datastructure.md".into());
        }
        ["api-introduction", "instruction", "commonerrorcode"] => {
            return Shape::Page(format!("{rel}.md"));
        }
        ["compute", "zec", group, action] => [group, action],
        _ => return Shape::Other,
    };
    if path.iter().all(|part| is_safe_name(part)) {
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

    fn paths(pages: &[IndexedPage]) -> Vec<(&str, &str)> {
        pages
            .iter()
            .map(|p| (p.path.as_str(), p.url.as_str()))
            .collect()
    }

    #[test]
    fn english_zec_pages_are_kept_with_their_markdown_urls() {
        let (pages, warnings) = select(&index_url(), INDEX, Lang::En);
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
        let (pages, _) = select(&index_url(), INDEX, Lang::Cn);
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
        let (pages, _) = select(&url, INDEX, Lang::Cn);
        assert_eq!(pages.len(), 2);
        let (pages, _) = select(&url, INDEX, Lang::En);
        assert_eq!(pages.len(), 4);
    }

    #[test]
    fn synced_paths_are_the_zec_pages_only() {
        assert!(is_synced_path("compute/zec/vpc/createvpc.md"));
        assert!(is_synced_path("compute/zec/datastructure.md"));
        assert!(is_synced_path(
            "api-introduction/instruction/commonerrorcode.md"
        ));
        assert!(!is_synced_path("explained-lints.tsv"));
        assert!(!is_synced_path("compute/zec/vpc/createvpc.txt"));
        assert!(!is_synced_path("compute/zec/notes.md"));
        assert!(!is_synced_path("compute/zvm/zone/describezones.md"));
        assert!(!is_synced_path("compute/zec/vpc/deeper/page.md"));
    }

    #[test]
    fn languages_parse_by_name() {
        assert_eq!("en".parse(), Ok(Lang::En));
        assert_eq!("cn".parse(), Ok(Lang::Cn));
        assert!("fr".parse::<Lang>().is_err());
    }
}
