//! Type cells → types: a scalar, `Array of X`, or a link to a data structure, resolved
//! against the type names of the whole tree.

use super::Page;
use crate::diag::Kind;
use crate::ir::TypeRef;
use crate::markdown::{Cell, Rich};
use std::collections::BTreeMap;

/// Type names of the tree, for resolving type cells case-insensitively.
#[derive(Debug, Clone, Default)]
pub struct TypeIndex {
    /// Lower-cased name → (product, canonical name) for every definition.
    by_key: BTreeMap<String, Vec<(String, String)>>,
}

impl TypeIndex {
    /// Record a type defined by `product`.
    pub fn insert(&mut self, product: &str, name: &str) {
        let entry = self.by_key.entry(key(name)).or_default();
        let item = (product.to_string(), name.to_string());
        if !entry.contains(&item) {
            entry.push(item);
        }
    }

    /// The canonical name of `candidate` among the types of `product`. Names are unique within
    /// a product only (`vm` and `zec` both define `InstanceInfo`), so another product's type
    /// is never taken.
    pub fn resolve(&self, product: &str, candidate: &str) -> Option<String> {
        self.by_key
            .get(&key(candidate))?
            .iter()
            .find(|(p, _)| p == product)
            .map(|(_, name)| name.clone())
    }
}

/// Comparison key for type names: ASCII letters and digits, lower-cased.
fn key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Read a type cell; an unreadable one is an error and [`TypeRef::Unknown`].
pub(super) fn read(page: &mut Page<'_>, cell: &Cell) -> TypeRef {
    match parse_type(&cell.rich, &page.info.product, page.types) {
        Ok(t) => t,
        Err(message) => {
            page.error(cell.pos, Kind::Type, message);
            TypeRef::Unknown
        }
    }
}

/// The type a cell names, or why it cannot be read.
///
/// A link names its type by the anchor (`#bindtype`), the link text, or the last segment of
/// its path, in whatever form the docs write it: relative (`../datastructure.md#x`),
/// site-absolute, a full URL with or without `.md` or the `cn/` segment, any case.
pub fn parse_type(rich: &Rich, product: &str, types: &TypeIndex) -> Result<TypeRef, String> {
    let text = rich.one_line().replace('`', "");
    let text = text.trim();
    if text.is_empty() {
        return Err("empty type cell".into());
    }
    let lower = text.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("array of") {
        let inner_text = text[text.len() - rest.len()..].trim();
        let inner = Rich {
            text: inner_text.to_string(),
            links: rich.links.clone(),
        };
        return parse_type(&inner, product, types).map(|t| TypeRef::Array(Box::new(t)));
    }
    if let Some(link) = rich.links.last() {
        let fragment = link.href.rsplit_once('#').map(|(_, f)| f);
        let last_segment = link
            .href
            .split('#')
            .next()
            .and_then(|p| p.trim_end_matches('/').rsplit('/').next())
            .map(|s| s.trim_end_matches(".md"));
        let candidates = [fragment, Some(link.text.as_str()), last_segment];
        for candidate in candidates.into_iter().flatten() {
            if let Some(name) = types.resolve(product, candidate) {
                return Ok(TypeRef::Named(name));
            }
        }
        return Err(format!(
            "type link [{}]({}) resolves to no type in the tree",
            link.text, link.href
        ));
    }
    if let Some(t) = TypeRef::scalar(text) {
        return Ok(t);
    }
    if let Some(name) = types.resolve(product, text) {
        return Ok(TypeRef::Named(name));
    }
    Err(format!("unknown type {text:?}"))
}
