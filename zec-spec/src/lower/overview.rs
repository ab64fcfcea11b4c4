//! A product's overview page (`<product>/README.md`): the product's name in its title, what
//! it is for in the text, and a table of facts about its API: the service name, the API
//! version requests must name, and the endpoint path.
//!
//! ```text
//! # Zenlayer Load Balancer (ZLB)
//!
//! | Item | Value |
//! | --- | --- |
//! | Service | `zlb` |
//! | API version | `2025-04-01` |
//! | Endpoint | `POST /api/v2/zlb` |
//! ```
//!
//! A product's pages are the pages under the directory of its overview page.

use super::{Page, title};
use crate::diag::{Kind, Pos};
use crate::ir::SourceRef;
use crate::markdown::{Block, Table};

/// What an overview page says about its product.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// The page title: the product's name in the docs.
    pub title: String,
    /// Paragraphs before the table.
    pub docs: Vec<String>,
    /// Service name (`zlb`).
    pub service: String,
    /// API version (`2025-04-01`).
    pub version: Option<String>,
    /// Endpoint path (`/api/v2/zlb`).
    pub endpoint_path: Option<String>,
    /// Where the title is.
    pub source: SourceRef,
}

const SERVICE: &[&str] = &["service", "service name", "服务", "服务名", "服务名称"];
const VERSION: &[&str] = &["api version", "version", "api 版本", "版本", "接口版本"];
const ENDPOINT: &[&str] = &[
    "endpoint",
    "endpoint path",
    "请求地址",
    "接入地址",
    "接口地址",
];

/// The facts table of an overview page: a row naming the service and one naming the version.
fn facts_table(blocks: &[Block]) -> Option<&Table> {
    blocks.iter().find_map(|b| match b {
        Block::Table(t) if label_row(t, SERVICE).is_some() && label_row(t, VERSION).is_some() => {
            Some(t)
        }
        _ => None,
    })
}

/// The value cell of the row that has a cell naming one of `labels` (in either column), and
/// where it is.
fn label_row(table: &Table, labels: &[&str]) -> Option<(String, Pos)> {
    table.rows.iter().find_map(|row| {
        let is_label = |cell: &crate::markdown::Cell| {
            let label = cell.rich.one_line().to_lowercase();
            labels.contains(&label.trim().trim_end_matches([':', '：']).trim())
        };
        let at = row.cells.iter().position(is_label)?;
        let value = row
            .cells
            .iter()
            .enumerate()
            .find(|(i, c)| *i != at && !c.rich.is_empty())?
            .1;
        let text = value.rich.one_line().replace('`', "");
        Some((text.trim().to_string(), value.pos))
    })
}

/// Whether the page is a product's overview page.
pub fn is_overview(blocks: &[Block]) -> bool {
    facts_table(blocks).is_some()
}

/// Read an overview page.
pub(super) fn read(page: &mut Page<'_>, blocks: &[Block]) -> Option<Overview> {
    let table = facts_table(blocks)?;
    let (title_pos, title) = title(blocks).unwrap_or((table.pos, String::new()));
    let (service, service_pos) = label_row(table, SERVICE)?;
    let service = service.to_ascii_lowercase();
    if service.is_empty() || !service.chars().all(|c| c.is_ascii_alphanumeric()) {
        page.error(
            service_pos,
            Kind::Structure,
            format!("service name {service:?} is not a service name (letters and digits)"),
        );
        return None;
    }
    let version = label_row(table, VERSION).and_then(|(v, pos)| {
        if is_version(&v) {
            Some(v)
        } else {
            page.error(
                pos,
                Kind::Structure,
                format!("API version {v:?} is not a date (YYYY-MM-DD)"),
            );
            None
        }
    });
    let endpoint_path = label_row(table, ENDPOINT).and_then(|(text, pos)| {
        let path = text.trim_start_matches("POST").trim();
        let path = path.strip_prefix("https://console.zenlayer.com").unwrap_or(path);
        if path.starts_with('/') && !path.contains(char::is_whitespace) {
            Some(path.trim_end_matches('/').to_string())
        } else {
            page.warning(
                pos,
                Kind::Structure,
                format!("endpoint {text:?} is not a path such as `POST /api/v2/{service}`; /api/v2/{service} is used"),
            );
            None
        }
    });
    let docs = blocks
        .iter()
        .take_while(|b| !matches!(b, Block::Table(_)))
        .filter_map(|b| match b {
            Block::Text { text, .. } => Some(text.one_line()),
            _ => None,
        })
        .filter(|t| !t.is_empty())
        .collect();
    Some(Overview {
        title: if title.is_empty() {
            service.clone()
        } else {
            title
        },
        docs,
        service,
        version,
        endpoint_path,
        source: page.source(title_pos.line),
    })
}

/// `YYYY-MM-DD`.
fn is_version(v: &str) -> bool {
    let parts: Vec<&str> = v.split('-').collect();
    matches!(parts.as_slice(), [y, m, d]
        if y.len() == 4 && m.len() == 2 && d.len() == 2
            && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::lower::{PageInfo, TypeIndex};
    use crate::markdown;

    fn read_page(text: &str) -> (Option<Overview>, Diagnostics) {
        let blocks = markdown::parse(text);
        let info = PageInfo {
            file: "networking/zlb/README.md".into(),
            product: String::new(),
            group: String::new(),
        };
        let types = TypeIndex::default();
        let mut diags = Diagnostics::new();
        let mut page = Page {
            info: &info,
            types: &types,
            diags: &mut diags,
        };
        (read(&mut page, &blocks), diags)
    }

    #[test]
    fn an_overview_names_service_version_and_endpoint() {
        let (o, diags) = read_page(
            "# Zenlayer Load Balancer (ZLB)\n\nLoad balancers.\n\n| Item | Value |\n| --- | --- |\n| Service | `zlb` |\n| API version | `2025-04-01` |\n| Endpoint | `POST /api/v2/zlb` |\n",
        );
        let o = o.unwrap();
        assert_eq!(o.title, "Zenlayer Load Balancer (ZLB)");
        assert_eq!(o.service, "zlb");
        assert_eq!(o.version.as_deref(), Some("2025-04-01"));
        assert_eq!(o.endpoint_path.as_deref(), Some("/api/v2/zlb"));
        assert_eq!(o.docs, vec!["Load balancers.".to_string()]);
        assert_eq!(diags.iter().count(), 0);
    }

    #[test]
    fn chinese_labels_and_a_bad_version() {
        let (o, diags) = read_page(
            "# 负载均衡\n\n| 项 | 值 |\n| --- | --- |\n| 服务 | zlb |\n| API 版本 | 2025/04/01 |\n",
        );
        let o = o.unwrap();
        assert_eq!(o.service, "zlb");
        assert_eq!(o.version, None);
        assert_eq!(o.endpoint_path, None);
        assert!(
            diags.iter().any(|d| d.message.contains("is not a date")),
            "{diags:?}"
        );
    }

    #[test]
    fn a_page_without_the_facts_is_not_an_overview() {
        let blocks =
            markdown::parse("# Overview\n\n| Item | Value |\n| --- | --- |\n| Service | zlb |\n");
        assert!(!is_overview(&blocks));
    }
}
