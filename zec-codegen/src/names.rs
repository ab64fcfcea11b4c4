//! Rust names from wire names, decided in one place.
//!
//! - Fields and methods: snake_case of the wire name (`eipIds` → `eip_ids`, `eipV4Type` →
//!   `eip_v4_type`, `ipv6ClusterId` → `ipv6_cluster_id`). A Rust keyword gets a trailing
//!   underscore (`type` → `type_`); so does a name used by the generated API itself (`new`,
//!   `validate`, and `send`, `request`, `stream`, `send_and_wait` of a fluent call).
//! - Types: the wire name with its first letter upper-cased (`AssociateEipAddress`).
//! - Enum variants and error codes: CamelCase of the value (`FullNat`, `IN_USE` → `InUse`,
//!   `INVALID_LB_NOT_FOUND` → `InvalidLbNotFound`, `IPv4_IPv6` → `Ipv4Ipv6`); a value that
//!   starts with a digit gets a `V` prefix (`95th` → `V95th`).
//! - Collisions within one scope (two wire names with the same Rust name) are broken in table
//!   order: the first keeps the name, the next get `_2`, `_3`, ….

use proc_macro2::{Ident, Span};
use std::collections::HashSet;

/// Rust keywords (strict and reserved) that cannot be plain identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Method names the generated structs and `zec_api::Call` define themselves; a field setter
/// may not take them.
const RESERVED_METHODS: &[&str] = &[
    "new",
    "validate",
    "default",
    "clone",
    "fmt",
    "eq",
    "send",
    "request",
    "stream",
    "send_and_wait",
];

/// Split a wire name into lower-case words at case changes, digits runs and separators.
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        // Upper-case letters directly before this one.
        let run = chars[..i]
            .iter()
            .rev()
            .take_while(|p| p.is_ascii_uppercase())
            .count();
        let boundary = match prev {
            Some(p) if c.is_ascii_uppercase() => {
                // aB → a|B; 4T → 4|T; HTTPStatus → HTTP|Status, but IPv4 stays one word.
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (run >= 2 && next.is_some_and(|n| n.is_ascii_lowercase()))
            }
            _ => false,
        };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// snake_case of a wire name, before keyword and collision handling.
pub fn snake(name: &str) -> String {
    let s = words(name).join("_");
    if s.is_empty() {
        "field".into()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("f_{s}")
    } else {
        s
    }
}

/// CamelCase of a wire value or code, before collision handling.
pub fn camel(name: &str) -> String {
    let mut out = String::new();
    for w in words(name) {
        let mut chars = w.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() {
        "Empty".into()
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{out}")
    } else if out == "Self" {
        // `Self` is a keyword even in CamelCase, and cannot be a raw identifier.
        "SelfValue".into()
    } else {
        out
    }
}

/// A type name from an action or data-structure name: first letter upper-cased, rest kept.
pub fn type_name(name: &str) -> String {
    let mut chars = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_');
    match chars.next() {
        Some(c) if c.is_ascii_digit() => format!("T{c}{}", chars.collect::<String>()),
        Some(c) => format!("{}{}", c.to_ascii_uppercase(), chars.collect::<String>()),
        None => "Unnamed".into(),
    }
}

/// A field or method identifier: snake_case with keywords and reserved names escaped.
pub fn field_ident_text(name: &str) -> String {
    let s = snake(name);
    if KEYWORDS.contains(&s.as_str()) || RESERVED_METHODS.contains(&s.as_str()) {
        format!("{s}_")
    } else {
        s
    }
}

/// Hands out names within one scope, breaking collisions deterministically.
#[derive(Debug, Default)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// `base`, or `base_2`, `base_3`, … if taken.
    pub fn claim(&mut self, base: String) -> String {
        if self.taken.insert(base.clone()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}_{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or(base)
    }

    /// Same as [`Scope::claim`] for CamelCase names: `Base2`, `Base3`, ….
    pub fn claim_camel(&mut self, base: String) -> String {
        if self.taken.insert(base.clone()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or(base)
    }
}

/// An identifier token.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_of_wire_names() {
        assert_eq!(snake("eipIds"), "eip_ids");
        assert_eq!(snake("eipV4Type"), "eip_v4_type");
        assert_eq!(snake("ipv6ClusterId"), "ipv6_cluster_id");
        assert_eq!(snake("lanIp"), "lan_ip");
        assert_eq!(snake("requestId"), "request_id");
        assert_eq!(snake("instanceIdSet"), "instance_id_set");
        assert_eq!(snake("HTTPStatus"), "http_status");
        assert_eq!(snake("dataSet"), "data_set");
        assert_eq!(snake("a.b"), "a_b");
        assert_eq!(snake("95th"), "f_95th");
        assert_eq!(snake("IPAddress"), "ip_address");
        assert_eq!(snake("ipStackType"), "ip_stack_type");
    }

    #[test]
    fn keywords_and_reserved_methods_are_escaped() {
        assert_eq!(field_ident_text("type"), "type_");
        assert_eq!(field_ident_text("new"), "new_");
        assert_eq!(field_ident_text("validate"), "validate_");
        assert_eq!(field_ident_text("send"), "send_");
        assert_eq!(field_ident_text("request"), "request_");
        assert_eq!(field_ident_text("nicId"), "nic_id");
    }

    #[test]
    fn camel_case_of_values_and_codes() {
        assert_eq!(camel("FullNat"), "FullNat");
        assert_eq!(camel("IN_USE"), "InUse");
        assert_eq!(camel("INVALID_LB_NOT_FOUND"), "InvalidLbNotFound");
        assert_eq!(camel("IPv4_IPv6"), "Ipv4Ipv6");
        assert_eq!(camel("ByInstanceBandwidth95"), "ByInstanceBandwidth95");
        assert_eq!(camel("95th"), "V95th");
        assert_eq!(camel("linux"), "Linux");
        assert_eq!(camel("a-b"), "AB");
        assert_eq!(camel(""), "Empty");
        assert_eq!(camel("SELF"), "SelfValue");
        assert_eq!(type_name("associateEipAddress"), "AssociateEipAddress");
    }

    #[test]
    fn collisions_are_numbered_in_order() {
        let mut scope = Scope::with_reserved(&["Unknown"]);
        assert_eq!(scope.claim(snake("cidrBlock")), "cidr_block");
        assert_eq!(scope.claim(snake("cidr_block")), "cidr_block_2");
        assert_eq!(scope.claim(snake("CidrBlock")), "cidr_block_3");
        assert_eq!(scope.claim_camel(camel("UNKNOWN")), "Unknown2");
    }
}
