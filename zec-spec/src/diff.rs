//! What changed in the API between two spec trees, and which changes break users' code.
//!
//! "Breaking" means code written against the old bindings may stop compiling or behave
//! differently: a removed product, action, field, type, enum value or error code; a type
//! changed to one of another Rust type; a request field that became required (requests
//! without it are refused before they are sent). A field that became optional breaks nothing:
//! every request member is an `Option` already.
//!
//! Changes are found product by product and carry their product, so that a changelog groups
//! them.

use crate::ir::{Action, Api, Field, Product, Shape, TypeDef, TypeRef};
use serde::Serialize;
use std::collections::BTreeMap;

mod render;
pub use render::{Format, render, render_json, render_markdown};

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The product (service) it belongs to; empty for the common error codes.
    pub product: String,
    /// What sort of change, for grouping in a changelog.
    pub kind: Kind,
    /// What changed, e.g. `AssociateEipAddress request field lanIp`.
    pub subject: String,
    /// How, e.g. `added`, `type String → Integer`.
    pub detail: String,
    /// Whether users' code may break.
    pub breaking: bool,
}

/// The sort of a [`Change`]. The order is the order of the sections of a changelog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A product disappeared.
    ProductRemoved,
    /// A new product.
    ProductAdded,
    /// A product's API version changed.
    ProductVersion,
    /// An action disappeared.
    ActionRemoved,
    /// A new action.
    ActionAdded,
    /// A data structure or enum disappeared.
    TypeRemoved,
    /// A new data structure or enum.
    TypeAdded,
    /// A data structure became an enum or the other way round.
    TypeReshaped,
    /// A request, response or structure member disappeared.
    MemberRemoved,
    /// A new member.
    MemberAdded,
    /// A member's type changed.
    MemberRetyped,
    /// A member became required or optional.
    Required,
    /// An enum value disappeared.
    EnumValueRemoved,
    /// A new enum value.
    EnumValueAdded,
    /// A member became deprecated, or no longer is.
    Deprecation,
    /// A rule between members (exactly one of, required if, …) appeared or disappeared.
    Rule,
    /// An error code appeared, disappeared or changed its HTTP status.
    ErrorCode,
    /// A member's default changed.
    Default,
    /// A member's constraints (range, length, allowed values) changed.
    Constraint,
    /// An action became paginated or stopped being so.
    Pagination,
    /// An action gained or lost a waiter.
    Waiter,
}

fn change(
    kind: Kind,
    subject: impl Into<String>,
    detail: impl Into<String>,
    breaking: bool,
) -> Change {
    Change {
        product: String::new(),
        kind,
        subject: subject.into(),
        detail: detail.into(),
        breaking,
    }
}

/// Every change from `old` to `new`, product by product (actions first, then types), then
/// the common error codes.
pub fn diff(old: &Api, new: &Api) -> Vec<Change> {
    let mut out = Vec::new();
    for a in &old.products {
        let mut changes = Vec::new();
        match new.product(&a.name) {
            None => changes.push(change(
                Kind::ProductRemoved,
                format!("product {} ({})", a.name, a.path),
                "removed",
                true,
            )),
            Some(b) => diff_product(a, b, &mut changes),
        }
        for c in &mut changes {
            c.product = a.name.clone();
        }
        out.extend(changes);
    }
    for b in &new.products {
        if old.product(&b.name).is_none() {
            let mut c = change(
                Kind::ProductAdded,
                format!("product {} ({})", b.name, b.path),
                format!(
                    "added: {} actions, API version {}",
                    b.actions.len(),
                    b.version.as_deref().unwrap_or("unknown")
                ),
                false,
            );
            c.product = b.name.clone();
            out.push(c);
        }
    }
    diff_codes(
        "common error code",
        old.common_errors
            .iter()
            .map(|e| (e.code.as_str(), e.status)),
        new.common_errors
            .iter()
            .map(|e| (e.code.as_str(), e.status)),
        &mut out,
    );
    out
}

/// The changes within one product.
fn diff_product(old: &Product, new: &Product, out: &mut Vec<Change>) {
    if old.version != new.version {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "unknown".into());
        out.push(change(
            Kind::ProductVersion,
            format!("product {}", new.name),
            format!(
                "API version {} → {}",
                show(&old.version),
                show(&new.version)
            ),
            false,
        ));
    }
    let old_actions: BTreeMap<&str, &Action> =
        old.actions.iter().map(|a| (a.name.as_str(), a)).collect();
    let new_actions: BTreeMap<&str, &Action> =
        new.actions.iter().map(|a| (a.name.as_str(), a)).collect();
    for (k, a) in &old_actions {
        match new_actions.get(k) {
            None => out.push(change(
                Kind::ActionRemoved,
                format!("action {}", a.name),
                "removed",
                true,
            )),
            Some(b) => diff_action(a, b, out),
        }
    }
    for (k, b) in &new_actions {
        if !old_actions.contains_key(k) {
            out.push(change(
                Kind::ActionAdded,
                format!("action {}", b.name),
                "added",
                false,
            ));
        }
    }
    let old_types: BTreeMap<&str, &TypeDef> =
        old.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let new_types: BTreeMap<&str, &TypeDef> =
        new.types.iter().map(|t| (t.name.as_str(), t)).collect();
    for (k, a) in &old_types {
        match new_types.get(k) {
            None => out.push(change(
                Kind::TypeRemoved,
                format!("type {}", a.name),
                "removed",
                true,
            )),
            Some(b) => diff_type(a, b, out),
        }
    }
    for (k, b) in &new_types {
        if !old_types.contains_key(k) {
            out.push(change(
                Kind::TypeAdded,
                format!("type {}", b.name),
                "added",
                false,
            ));
        }
    }
}

/// Whether a member retyped from `a` to `b` keeps its Rust type in the bindings (both
/// integers, both floating point, both text), so that users' code still compiles.
fn same_rust_type(a: &TypeRef, b: &TypeRef) -> bool {
    use TypeRef::*;
    match (a, b) {
        (Integer | Long, Integer | Long) => true,
        (Float | Double | BigDecimal, Float | Double | BigDecimal) => true,
        (String | Timestamp, String | Timestamp) => true,
        (Array(x), Array(y)) => same_rust_type(x, y),
        _ => a == b,
    }
}

fn diff_action(a: &Action, b: &Action, out: &mut Vec<Change>) {
    diff_fields(
        &format!("{} request", a.name),
        &a.request,
        &b.request,
        true,
        out,
    );
    diff_fields(
        &format!("{} response", a.name),
        &a.response,
        &b.response,
        false,
        out,
    );
    diff_codes(
        &format!("{} error code", a.name),
        a.errors.iter().map(|e| (e.code.as_str(), e.status)),
        b.errors.iter().map(|e| (e.code.as_str(), e.status)),
        out,
    );
    for rule in &a.rules {
        if !b.rules.iter().any(|r| same_rule(r, rule)) {
            out.push(change(
                Kind::Rule,
                format!("{} rule", a.name),
                format!("removed: {}", describe_rule(rule)),
                false,
            ));
        }
    }
    for rule in &b.rules {
        if !a.rules.iter().any(|r| same_rule(r, rule)) {
            // A new rule may reject requests that used to be sent.
            out.push(change(
                Kind::Rule,
                format!("{} rule", a.name),
                format!("added: {}", describe_rule(rule)),
                true,
            ));
        }
    }
    match (&a.pagination, &b.pagination) {
        (Some(_), None) => out.push(change(
            Kind::Pagination,
            format!("action {}", a.name),
            "no longer paginated",
            true,
        )),
        (None, Some(_)) => out.push(change(
            Kind::Pagination,
            format!("action {}", a.name),
            "now paginated",
            false,
        )),
        _ => {}
    }
    match (&a.waiter, &b.waiter) {
        (Some(_), None) => out.push(change(
            Kind::Waiter,
            format!("action {}", a.name),
            "waiter removed",
            true,
        )),
        (None, Some(w)) => out.push(change(
            Kind::Waiter,
            format!("action {}", a.name),
            format!("waiter added (polls {})", w.poll_action),
            false,
        )),
        _ => {}
    }
}

/// Rules compared without their source position.
fn same_rule(a: &crate::ir::Rule, b: &crate::ir::Rule) -> bool {
    describe_rule(a) == describe_rule(b)
}

fn describe_rule(rule: &crate::ir::Rule) -> String {
    use crate::ir::Rule;
    match rule {
        Rule::ExactlyOneOf { fields, .. } => format!("exactly one of {}", fields.join(", ")),
        Rule::AtMostOneOf { fields, .. } => format!("at most one of {}", fields.join(", ")),
        Rule::RequiredIf {
            field,
            when,
            equals,
            ..
        } if equals.is_empty() => format!("{field} required if {when} is set"),
        Rule::RequiredIf {
            field,
            when,
            equals,
            ..
        } => format!("{field} required if {when} is {}", equals.join(" or ")),
    }
}

fn diff_fields(subject: &str, a: &[Field], b: &[Field], request: bool, out: &mut Vec<Change>) {
    for f in a {
        match b.iter().find(|g| g.name == f.name) {
            None => out.push(change(
                Kind::MemberRemoved,
                format!("{subject} field {}", f.name),
                "removed",
                true,
            )),
            Some(g) => {
                if f.ty != g.ty {
                    out.push(change(
                        Kind::MemberRetyped,
                        format!("{subject} field {}", f.name),
                        format!("type {} → {}", f.ty, g.ty),
                        !same_rust_type(&f.ty, &g.ty),
                    ));
                }
                if f.required != g.required {
                    let detail = if g.required {
                        "now required"
                    } else {
                        "now optional"
                    };
                    // Becoming required refuses requests that were sent before; becoming
                    // optional refuses nothing.
                    out.push(change(
                        Kind::Required,
                        format!("{subject} field {}", f.name),
                        detail,
                        request && g.required,
                    ));
                }
                if f.deprecated != g.deprecated {
                    let detail = if g.deprecated {
                        "deprecated"
                    } else {
                        "no longer deprecated"
                    };
                    out.push(change(
                        Kind::Deprecation,
                        format!("{subject} field {}", f.name),
                        detail,
                        false,
                    ));
                }
                if f.default != g.default {
                    out.push(change(
                        Kind::Default,
                        format!("{subject} field {}", f.name),
                        format!(
                            "default {} → {}",
                            f.default.as_deref().unwrap_or("none"),
                            g.default.as_deref().unwrap_or("none")
                        ),
                        false,
                    ));
                }
                if f.constraints != g.constraints {
                    out.push(change(
                        Kind::Constraint,
                        format!("{subject} field {}", f.name),
                        "constraints changed",
                        request,
                    ));
                }
            }
        }
    }
    for g in b {
        if !a.iter().any(|f| f.name == g.name) {
            let detail = if g.required {
                "added (required)"
            } else {
                "added"
            };
            out.push(change(
                Kind::MemberAdded,
                format!("{subject} field {}", g.name),
                detail,
                request && g.required,
            ));
        }
    }
}

fn diff_type(a: &TypeDef, b: &TypeDef, out: &mut Vec<Change>) {
    match (&a.shape, &b.shape) {
        (Shape::Struct { fields: fa }, Shape::Struct { fields: fb }) => {
            // A struct may be sent in requests, so required members matter as for requests.
            diff_fields(&format!("type {}", a.name), fa, fb, true, out)
        }
        (Shape::Enum { values: va }, Shape::Enum { values: vb }) => {
            for v in va {
                if !vb.iter().any(|w| w.value == v.value) {
                    out.push(change(
                        Kind::EnumValueRemoved,
                        format!("type {} value {}", a.name, v.value),
                        "removed",
                        true,
                    ));
                }
            }
            for w in vb {
                if !va.iter().any(|v| v.value == w.value) {
                    out.push(change(
                        Kind::EnumValueAdded,
                        format!("type {} value {}", a.name, w.value),
                        "added",
                        false,
                    ));
                }
            }
        }
        (Shape::Struct { .. }, Shape::Enum { .. }) => out.push(change(
            Kind::TypeReshaped,
            format!("type {}", a.name),
            "struct → enum",
            true,
        )),
        (Shape::Enum { .. }, Shape::Struct { .. }) => out.push(change(
            Kind::TypeReshaped,
            format!("type {}", a.name),
            "enum → struct",
            true,
        )),
    }
}

fn diff_codes<'a>(
    subject: &str,
    a: impl Iterator<Item = (&'a str, Option<u16>)>,
    b: impl Iterator<Item = (&'a str, Option<u16>)>,
    out: &mut Vec<Change>,
) {
    let a: BTreeMap<&str, Option<u16>> = a.collect();
    let b: BTreeMap<&str, Option<u16>> = b.collect();
    for (code, status) in &a {
        match b.get(code) {
            None => out.push(change(
                Kind::ErrorCode,
                format!("{subject} {code}"),
                "removed",
                true,
            )),
            Some(s) if s != status => out.push(change(
                Kind::ErrorCode,
                format!("{subject} {code}"),
                format!("HTTP status {} → {}", fmt_status(*status), fmt_status(*s)),
                false,
            )),
            _ => {}
        }
    }
    for code in b.keys() {
        if !a.contains_key(code) {
            out.push(change(
                Kind::ErrorCode,
                format!("{subject} {code}"),
                "added",
                false,
            ));
        }
    }
}

fn fmt_status(s: Option<u16>) -> String {
    s.map(|s| s.to_string()).unwrap_or_else(|| "none".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load_pages;

    const PAGE: &str = "# DoThing\n\n## 1. API Description\n\nDoes a thing.\n\n## 2. Input Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| a | Yes | String | A. |\n| b | No | Integer | B. |\n\n## 3. Output Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| requestId | String | Id. |\n\n## 6. Error Codes\n\n| HTTP Status Code | Error Code | Description |\n|---|---|---|\n| 404 | NOT_FOUND | Gone. |\n";

    fn api(page: &str) -> Api {
        load_pages(&[("p/g/dothing.md".to_string(), page.to_string())]).api
    }

    #[test]
    fn identical_trees_have_no_changes() {
        assert!(diff(&api(PAGE), &api(PAGE)).is_empty());
    }

    #[test]
    fn changes_are_found_and_breaking_ones_marked() {
        let new = PAGE
            .replace(
                "| b | No | Integer | B. |",
                "| b | Yes | String | B. |\n| c | No | String | C. |",
            )
            .replace("| 404 | NOT_FOUND | Gone. |", "| 400 | BAD | Bad. |");
        let changes = diff(&api(PAGE), &api(&new));
        let text = render(&changes);
        assert!(
            text.contains("DoThing request field b: type Integer → String  [breaking]"),
            "{text}"
        );
        assert!(
            text.contains("DoThing request field b: now required  [breaking]"),
            "{text}"
        );
        assert!(text.contains("DoThing request field c: added\n"), "{text}");
        assert!(
            text.contains("DoThing error code NOT_FOUND: removed  [breaking]"),
            "{text}"
        );
        assert!(text.contains("DoThing error code BAD: added\n"), "{text}");
        assert!(text.ends_with("5 changes, 3 breaking\n"), "{text}");
    }

    /// A tree of the page given and, in another product, a page that stays the same.
    fn two_products(page: &str) -> Api {
        load_pages(&[
            ("p/g/dothing.md".to_string(), page.to_string()),
            ("q/g/dothing.md".to_string(), PAGE.to_string()),
        ])
        .api
    }

    #[test]
    fn removed_actions_and_products_are_breaking_and_added_ones_not() {
        let only_q = load_pages(&[("q/g/dothing.md".to_string(), PAGE.to_string())]).api;
        let changes = diff(&two_products(PAGE), &only_q);
        let mut removed = change(Kind::ProductRemoved, "product p (p)", "removed", true);
        removed.product = "p".into();
        assert_eq!(changes, vec![removed]);
        let changes = diff(&only_q, &two_products(PAGE));
        assert_eq!(changes.len(), 1);
        assert_eq!(
            (changes[0].kind, changes[0].breaking),
            (Kind::ProductAdded, false)
        );

        let other = PAGE.replace("# DoThing", "# DoOther");
        let changes = diff(&two_products(PAGE), &two_products(&other));
        let kinds: Vec<(&str, Kind, bool)> = changes
            .iter()
            .map(|c| (c.product.as_str(), c.kind, c.breaking))
            .collect();
        assert_eq!(
            kinds,
            [
                ("p", Kind::ActionRemoved, true),
                ("p", Kind::ActionAdded, false)
            ]
        );
        assert!(render(&changes).starts_with("p: action DoThing: removed  [breaking]\n"));
    }

    #[test]
    fn relaxing_a_member_or_keeping_its_rust_type_breaks_nothing() {
        let relaxed = PAGE
            .replace("| a | Yes | String | A. |", "| a | No | String | A. |")
            .replace("| b | No | Integer | B. |", "| b | No | Long | B. |");
        let changes = diff(&api(PAGE), &api(&relaxed));
        let text = render(&changes);
        assert!(
            text.contains("DoThing request field a: now optional\n"),
            "{text}"
        );
        assert!(
            text.contains("DoThing request field b: type Integer → Long\n"),
            "{text}"
        );
        assert!(text.ends_with("2 changes, 0 breaking\n"), "{text}");
    }
}
