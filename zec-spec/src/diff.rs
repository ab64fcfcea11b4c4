//! What changed in the API between two spec trees, and which changes break users' code.
//!
//! "Breaking" means code written against the old bindings may stop compiling or behave
//! differently: a removed action, field, type, enum value or error code; a changed type; a
//! request field that became required (its constructor gains a parameter) or optional (its
//! type becomes `Option`).

use crate::ir::{Action, Api, Field, Shape, TypeDef};
use serde::Serialize;
use std::collections::BTreeMap;

mod render;
pub use render::{Format, render, render_json, render_markdown};

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
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
        kind,
        subject: subject.into(),
        detail: detail.into(),
        breaking,
    }
}

/// Every change from `old` to `new`, actions first, then types, then common error codes.
pub fn diff(old: &Api, new: &Api) -> Vec<Change> {
    let mut out = Vec::new();
    let key = |a: &Action| format!("{}::{}", a.product, a.name);
    let old_actions: BTreeMap<String, &Action> = old.actions().map(|a| (key(a), a)).collect();
    let new_actions: BTreeMap<String, &Action> = new.actions().map(|a| (key(a), a)).collect();
    for (k, a) in &old_actions {
        match new_actions.get(k) {
            None => out.push(change(
                Kind::ActionRemoved,
                format!("action {}", a.name),
                "removed",
                true,
            )),
            Some(b) => diff_action(a, b, &mut out),
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

    let tkey = |t: &TypeDef| format!("{}::{}", t.product, t.name);
    let old_types: BTreeMap<String, &TypeDef> = old.types().map(|t| (tkey(t), t)).collect();
    let new_types: BTreeMap<String, &TypeDef> = new.types().map(|t| (tkey(t), t)).collect();
    for (k, a) in &old_types {
        match new_types.get(k) {
            None => out.push(change(
                Kind::TypeRemoved,
                format!("type {}", a.name),
                "removed",
                true,
            )),
            Some(b) => diff_type(a, b, &mut out),
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
                        true,
                    ));
                }
                if f.required != g.required {
                    let detail = if g.required {
                        "now required"
                    } else {
                        "now optional"
                    };
                    out.push(change(
                        Kind::Required,
                        format!("{subject} field {}", f.name),
                        detail,
                        request,
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

    #[test]
    fn removed_actions_are_breaking_and_added_ones_not() {
        let changes = diff(&api(PAGE), &Api::default());
        assert_eq!(
            changes,
            vec![change(
                Kind::ActionRemoved,
                "action DoThing",
                "removed",
                true
            )]
        );
        let changes = diff(&Api::default(), &api(PAGE));
        assert_eq!(
            changes,
            vec![change(Kind::ActionAdded, "action DoThing", "added", false)]
        );
    }
}
