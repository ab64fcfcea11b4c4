//! spec/ against the newest official SDKs (skipped when `../shared/reference` is absent):
//!
//! - the Python SDK 2.0.77's surface of every product: the same services and API versions,
//!   the same actions, the same request and response members by wire name, the same
//!   structures under the same names with the same members, members that hold a structure
//!   typed with that structure (or a list of it), and the same deprecations;
//! - the Java SDK 0.6.85's types of every member it declares: a String is text, a timestamp
//!   or an enum; numbers and booleans are the same scalar; a `List<X>` is an array of the same;
//!   a class is the structure of that name.
//!
//! The Python SDK states names and nesting only, and the Java SDK types and doc comments only;
//! required flags and enum values are compared with the CLI in `reference_conformance.rs`
//! (ZEC), and the rest comes from the pages.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use zec_spec::ir::{Field, Product, Shape, TypeRef};

/// Structures the two SDKs name differently, as (product, Python name, Java class).
const JAVA_CLASS_NAMES: &[(&str, &str, &str)] = &[(
    "ipt",
    "IPTransitAvailableRoutingType",
    "RemoteIptAvailableRoutingType",
)];

/// Classes the Python SDK declares through inheritance (`class StartAcceleratorRequest(
/// DeleteAcceleratorRequest): pass` in `zenlayercloud/zga/v20241104/models.py`), whose members
/// the facts file, listing each class's own members, leaves out: (product, action, side) and
/// the (action, side) whose members it has.
const INHERITED: &[(&str, &str, &str, &str, &str)] = &[
    (
        "zga",
        "DescribeAccelerateRegions",
        "response",
        "DescribeOriginRegions",
        "response",
    ),
    (
        "zga",
        "ModifyCertificate",
        "response",
        "CreateCertificate",
        "response",
    ),
    (
        "zga",
        "DescribeTraffic",
        "response",
        "DescribeAcceleratorTraffic",
        "response",
    ),
    (
        "zga",
        "StartAccelerator",
        "request",
        "DeleteAccelerator",
        "request",
    ),
    (
        "zga",
        "StartAccelerator",
        "response",
        "DeleteAccelerator",
        "response",
    ),
    (
        "zga",
        "RedeployAccelerator",
        "request",
        "DeleteAccelerator",
        "request",
    ),
    (
        "zga",
        "RedeployAccelerator",
        "response",
        "DeleteAccelerator",
        "response",
    ),
    (
        "zga",
        "PauseAccelerator",
        "request",
        "DeleteAccelerator",
        "request",
    ),
    (
        "zga",
        "PauseAccelerator",
        "response",
        "DeleteAccelerator",
        "response",
    ),
    (
        "zga",
        "OpenAcceleratorAccessControl",
        "request",
        "DeleteAccelerator",
        "request",
    ),
    (
        "zga",
        "OpenAcceleratorAccessControl",
        "response",
        "DeleteAccelerator",
        "response",
    ),
    (
        "zga",
        "CloseAcceleratorAccessControl",
        "request",
        "DeleteAccelerator",
        "request",
    ),
    (
        "zga",
        "CloseAcceleratorAccessControl",
        "response",
        "DeleteAccelerator",
        "response",
    ),
    (
        "zga",
        "ModifyAcceleratorDomain",
        "response",
        "DeleteAccelerator",
        "response",
    ),
    (
        "zga",
        "ModifyAcceleratorName",
        "response",
        "DeleteAccelerator",
        "response",
    ),
    (
        "zga",
        "ModifyAcceleratorOrigin",
        "response",
        "DeleteAccelerator",
        "response",
    ),
    (
        "zga",
        "ModifyAcceleratorAccRegion",
        "response",
        "DeleteAccelerator",
        "response",
    ),
    (
        "zga",
        "ModifyAcceleratorRule",
        "response",
        "DeleteAccelerator",
        "response",
    ),
    (
        "zga",
        "ModifyAcceleratorProtocolOpts",
        "response",
        "DeleteAccelerator",
        "response",
    ),
    (
        "zga",
        "ModifyAcceleratorCertificate",
        "response",
        "DeleteAccelerator",
        "response",
    ),
    (
        "zga",
        "ModifyAcceleratorHealthCheck",
        "response",
        "DeleteAccelerator",
        "response",
    ),
    (
        "zga",
        "ModifyAcceleratorAccessControl",
        "response",
        "DeleteAccelerator",
        "response",
    ),
];

/// The (action, side) whose members `action`'s `side` inherits, if any.
fn inherited_from(product: &str, action: &str, side: &str) -> Option<(&'static str, &'static str)> {
    INHERITED
        .iter()
        .find(|(p, a, s, _, _)| *p == product && *a == action && *s == side)
        .map(|(_, _, _, pa, ps)| (*pa, *ps))
}

/// The SDK's members of one side of an action, with those its class inherits.
fn side_members<'a>(
    actions: &'a Value,
    product: &str,
    action: &str,
    side: &str,
) -> Vec<Member<'a>> {
    let mut list = members(&actions[action][side]);
    if let Some((parent, parent_side)) = inherited_from(product, action, side) {
        for m in members(&actions[parent][parent_side]) {
            if !list.iter().any(|x| x.name == m.name) {
                list.push(m);
            }
        }
    }
    list
}

/// What one SDK member says: its wire name, how it nests, and whether it is deprecated.
struct Member<'a> {
    name: &'a str,
    kind: &'a str,
    of: Option<&'a str>,
    deprecated: bool,
}

fn members(list: &Value) -> Vec<Member<'_>> {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|m| Member {
            name: m["name"].as_str().unwrap_or_default(),
            kind: m["kind"].as_str().unwrap_or_default(),
            of: m["of"].as_str(),
            deprecated: m["deprecated"].as_bool().unwrap_or(false),
        })
        .collect()
}

/// Whether the IR type nests the way the SDK says: `struct` of X is X, `array` of X a list
/// of X, and `plain` anything that holds no structure (a scalar, an enum, a list of those).
fn same_nesting(product: &Product, member: &Member<'_>, ty: &TypeRef) -> bool {
    let is_struct = |name: &str| {
        matches!(
            product.type_def(name).map(|t| &t.shape),
            Some(Shape::Struct { .. })
        )
    };
    match (member.kind, member.of, ty) {
        ("struct", Some(of), TypeRef::Named(n)) => n == of,
        ("array", Some(of), TypeRef::Array(inner)) => inner.named() == Some(of),
        ("plain", _, ty) => !ty.named().is_some_and(is_struct),
        _ => false,
    }
}

/// Counts of what was compared.
#[derive(Default)]
struct Counts {
    actions: usize,
    members: usize,
    structures: usize,
    structure_members: usize,
    deprecations: usize,
    java_types: usize,
}

/// Compare the SDK's members of one action side or structure with the IR's fields.
fn compare(
    product: &Product,
    at: &str,
    sdk: &[Member<'_>],
    fields: &[Field],
    counts: &mut Counts,
    problems: &mut Vec<String>,
) {
    let want: BTreeSet<&str> = sdk.iter().map(|m| m.name).collect();
    let got: BTreeSet<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    for missing in want.difference(&got) {
        problems.push(format!(
            "{}: {at}.{missing}: in the SDK, not in the spec",
            product.name
        ));
    }
    for extra in got.difference(&want) {
        problems.push(format!(
            "{}: {at}.{extra}: in the spec, not in the SDK",
            product.name
        ));
    }
    for member in sdk {
        let Some(field) = fields.iter().find(|f| f.name == member.name) else {
            continue;
        };
        counts.members += 1;
        if !same_nesting(product, member, &field.ty) {
            let of = member.of.map(|o| format!(" of {o}")).unwrap_or_default();
            problems.push(format!(
                "{}: {at}.{}: {}{of} in the SDK, {} in the spec",
                product.name, member.name, member.kind, field.ty
            ));
        }
        if member.deprecated {
            counts.deprecations += 1;
        }
        if member.deprecated != field.deprecated {
            problems.push(format!(
                "{}: {at}.{}: deprecated {} in the SDK, {} in the spec",
                product.name, member.name, member.deprecated, field.deprecated
            ));
        }
    }
}

/// Whether an IR type agrees with a Java type: a Java `Object` or map is the docs' `Object`
/// (any JSON value).
fn agrees(product: &Product, java: &str, ty: &TypeRef) -> bool {
    let java = java.trim();
    if let Some(inner) = java.strip_prefix("List<").and_then(|r| r.strip_suffix('>')) {
        return match ty {
            TypeRef::Array(item) => agrees(product, inner, item),
            _ => false,
        };
    }
    let is_enum = |n: &str| {
        matches!(
            product.type_def(n).map(|t| &t.shape),
            Some(Shape::Enum { .. })
        )
    };
    match java {
        "Object" => *ty == TypeRef::Object,
        j if j.starts_with("Map<") => *ty == TypeRef::Object,
        "String" => match ty {
            TypeRef::String | TypeRef::Timestamp => true,
            TypeRef::Named(n) => is_enum(n),
            _ => false,
        },
        "Integer" => *ty == TypeRef::Integer,
        "Long" => *ty == TypeRef::Long,
        "Float" => *ty == TypeRef::Float,
        "Double" => *ty == TypeRef::Double,
        "Boolean" => *ty == TypeRef::Boolean,
        "BigDecimal" => *ty == TypeRef::BigDecimal,
        class => match ty {
            TypeRef::Named(n) => {
                n == class
                    || JAVA_CLASS_NAMES
                        .iter()
                        .any(|(p, py, j)| *p == product.name && py == n && *j == class)
            }
            _ => false,
        },
    }
}

/// Compare the fields of one Java class with the IR's.
fn compare_java(
    product: &Product,
    at: &str,
    class: Option<&Value>,
    fields: &[Field],
    counts: &mut Counts,
    problems: &mut Vec<String>,
) {
    let Some(class) = class else {
        return;
    };
    let java: BTreeMap<&str, &str> = class["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["name"].as_str().unwrap_or_default(),
                f["java_type"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    for field in fields {
        let Some(java_type) = java.get(field.name.as_str()) else {
            continue;
        };
        if agrees(product, java_type, &field.ty) {
            counts.java_types += 1;
        } else {
            problems.push(format!(
                "{}: {at}.{}: {java_type} in the Java SDK, {} in the spec",
                product.name, field.name, field.ty
            ));
        }
    }
}

fn load_json(path: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_product_has_the_surface_of_the_newest_sdks() {
    let Some(reference) = zec_tests::reference() else {
        return;
    };
    let loaded = zec_spec::load_dir(&zec_tests::workspace().join("spec"));
    assert!(
        !loaded.has_errors(),
        "spec/ has errors; run zec-spec check spec"
    );
    let python = load_json(&reference.join("zenlayer-python-sdk-2.0.77-products.json"));
    let java = load_json(&reference.join("zenlayer-java-sdk-0.6.85-models.json"));
    let sdk_products = python["products"].as_object().cloned().unwrap_or_default();
    let mut problems = Vec::new();
    let mut lines = Vec::new();
    let mut total = Counts::default();
    for product in &loaded.api.products {
        let Some(sdk) = sdk_products.get(&product.name) else {
            problems.push(format!(
                "{}: a product of spec/, not of the SDK",
                product.name
            ));
            continue;
        };
        let mut counts = Counts::default();
        if sdk["api_version"].as_str() != product.version.as_deref() {
            problems.push(format!(
                "{}: API version {:?} in the SDK, {:?} in the spec",
                product.name, sdk["api_version"], product.version
            ));
        }
        if sdk["endpoint_path"].as_str() != Some(product.endpoint_path.as_str()) {
            problems.push(format!(
                "{}: endpoint {:?} in the SDK, {:?} in the spec",
                product.name, sdk["endpoint_path"], product.endpoint_path
            ));
        }
        let classes = &java["products"][&product.name]["classes"];
        let sdk_actions = &sdk["actions"];
        let actions = sdk_actions.as_object().cloned().unwrap_or_default();
        for name in actions.keys() {
            let Some(action) = product.action(name) else {
                problems.push(format!(
                    "{}: {name}: in the SDK, no page in spec/",
                    product.name
                ));
                continue;
            };
            counts.actions += 1;
            let request = side_members(sdk_actions, &product.name, name, "request");
            let response = side_members(sdk_actions, &product.name, name, "response");
            compare(
                product,
                name,
                &request,
                &action.request,
                &mut counts,
                &mut problems,
            );
            let at = format!("{name} response");
            compare(
                product,
                &at,
                &response,
                &action.response,
                &mut counts,
                &mut problems,
            );
            // An inheriting class has its parent's Java types.
            let class = |side: &str, suffix: &str| {
                let owner =
                    inherited_from(&product.name, name, side).map_or(name.as_str(), |(a, _)| a);
                classes.get(format!("{owner}{suffix}"))
            };
            let request_class = class("request", "Request");
            let response_class = class("response", "Response");
            compare_java(
                product,
                name,
                request_class,
                &action.request,
                &mut counts,
                &mut problems,
            );
            compare_java(
                product,
                &at,
                response_class,
                &action.response,
                &mut counts,
                &mut problems,
            );
        }
        for action in &product.actions {
            if !actions.contains_key(&action.name) {
                problems.push(format!(
                    "{}: {}: in spec/, not in the SDK",
                    product.name, action.name
                ));
            }
        }
        let structures = sdk["structures"].as_object().cloned().unwrap_or_default();
        for (name, list) in &structures {
            let Some(Shape::Struct { fields }) = product.type_def(name).map(|t| &t.shape) else {
                problems.push(format!(
                    "{}: {name}: a structure in the SDK, not in the spec",
                    product.name
                ));
                continue;
            };
            counts.structures += 1;
            let sdk_members = members(list);
            counts.structure_members += sdk_members.len();
            compare(
                product,
                name,
                &sdk_members,
                fields,
                &mut counts,
                &mut problems,
            );
            let class_name = JAVA_CLASS_NAMES
                .iter()
                .find(|(p, py, _)| *p == product.name && py == name)
                .map_or(name.as_str(), |(_, _, j)| j);
            compare_java(
                product,
                name,
                classes.get(class_name),
                fields,
                &mut counts,
                &mut problems,
            );
        }
        for def in &product.types {
            if let Shape::Struct { .. } = def.shape
                && !structures.contains_key(&def.name)
            {
                problems.push(format!(
                    "{}: {}: a structure in spec/, not in the SDK",
                    product.name, def.name
                ));
            }
        }
        lines.push(format!(
            "{:<12} {:>4}/{:<4} actions  {:>5} members  {:>3}/{:<3} structures  {:>3} deprecations  {:>5} Java types agree",
            product.name,
            counts.actions,
            actions.len(),
            counts.members,
            counts.structures,
            structures.len(),
            counts.deprecations,
            counts.java_types,
        ));
        total.actions += counts.actions;
        total.members += counts.members;
        total.structures += counts.structures;
        total.deprecations += counts.deprecations;
        total.java_types += counts.java_types;
    }
    let absent: Vec<&String> = sdk_products
        .keys()
        .filter(|p| loaded.api.product(p).is_none())
        .collect();
    eprintln!("{}", lines.join("\n"));
    eprintln!(
        "all: {} actions, {} members, {} structures, {} deprecations, {} Java types compared; SDK products without pages: {absent:?}",
        total.actions, total.members, total.structures, total.deprecations, total.java_types
    );
    // The comparison must have compared something: a loader that reads nothing would agree
    // with nothing to disagree with.
    assert!(total.actions >= 628 && total.members >= 5800 && total.java_types >= 5400);
    assert!(absent.is_empty(), "SDK products without pages: {absent:?}");
    assert!(
        problems.is_empty(),
        "{} differences from the SDKs:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
