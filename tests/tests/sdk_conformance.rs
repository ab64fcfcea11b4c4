//! spec/ against the newest official SDK's ZEC surface (zenlayercloud-sdk-python 2.0.77; skipped
//! when `../shared/reference` is absent): the same actions, the same request and response
//! members by wire name, the same structures under the same names with the same members,
//! members that hold a structure typed with that structure (or a list of it), and the same
//! deprecations. That SDK states names and nesting only, so scalar types, required flags and
//! enum values are left to `reference_conformance.rs`, which compares them with the CLI.

use serde_json::Value;
use std::collections::BTreeSet;
use zec_spec::ir::{Api, Field, Shape, TypeRef};

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
fn same_nesting(api: &Api, member: &Member<'_>, ty: &TypeRef) -> bool {
    let is_struct = |name: &str| {
        matches!(
            api.type_def("zec", name).map(|t| &t.shape),
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

/// Compare the SDK's members of one action side or structure with the IR's fields.
fn compare(api: &Api, at: &str, sdk: &[Member<'_>], fields: &[Field], problems: &mut Vec<String>) {
    let want: BTreeSet<&str> = sdk.iter().map(|m| m.name).collect();
    let got: BTreeSet<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    for missing in want.difference(&got) {
        problems.push(format!("{at}.{missing}: in the SDK, not in the spec"));
    }
    for extra in got.difference(&want) {
        problems.push(format!("{at}.{extra}: in the spec, not in the SDK"));
    }
    for member in sdk {
        let Some(field) = fields.iter().find(|f| f.name == member.name) else {
            continue;
        };
        if !same_nesting(api, member, &field.ty) {
            let of = member.of.map(|o| format!(" of {o}")).unwrap_or_default();
            problems.push(format!(
                "{at}.{}: {}{of} in the SDK, {} in the spec",
                member.name, member.kind, field.ty
            ));
        }
        if member.deprecated != field.deprecated {
            problems.push(format!(
                "{at}.{}: deprecated {} in the SDK, {} in the spec",
                member.name, member.deprecated, field.deprecated
            ));
        }
    }
}

#[test]
fn spec_has_the_surface_of_the_newest_sdk() {
    let Some(reference) = zec_tests::reference() else {
        return;
    };
    let loaded = zec_spec::load_dir(&zec_tests::workspace().join("spec"));
    assert!(
        !loaded.has_errors(),
        "spec/ has errors; run zec-spec check spec"
    );
    let api = &loaded.api;
    let path = reference.join("zec-2025-09-01-python-sdk-2.0.77.json");
    let sdk: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut problems = Vec::new();
    let (mut request_members, mut response_members, mut structure_members) = (0, 0, 0);

    let actions = sdk["actions"].as_object().cloned().unwrap_or_default();
    for (name, sides) in &actions {
        let Some(action) = api.action(name) else {
            problems.push(format!("{name}: in the SDK, no page in spec/"));
            continue;
        };
        let request = members(&sides["request"]);
        let response = members(&sides["response"]);
        request_members += request.len();
        response_members += response.len();
        compare(api, name, &request, &action.request, &mut problems);
        let at = format!("{name} response");
        compare(api, &at, &response, &action.response, &mut problems);
    }
    for action in &api.actions {
        if !actions.contains_key(&action.name) {
            problems.push(format!("{}: in spec/, not in the SDK", action.name));
        }
    }

    let structures = sdk["structures"].as_object().cloned().unwrap_or_default();
    for (name, list) in &structures {
        let Some(Shape::Struct { fields }) = api.type_def("zec", name).map(|t| &t.shape) else {
            problems.push(format!("{name}: a structure in the SDK, not in the spec"));
            continue;
        };
        let sdk_members = members(list);
        structure_members += sdk_members.len();
        compare(api, name, &sdk_members, fields, &mut problems);
    }
    let mut spec_structures = 0;
    for def in &api.types {
        if let Shape::Struct { .. } = def.shape {
            spec_structures += 1;
            if !structures.contains_key(&def.name) {
                problems.push(format!(
                    "{}: a structure in spec/, not in the SDK",
                    def.name
                ));
            }
        }
    }

    eprintln!(
        "{} SDK actions ({} in spec/): {request_members} request and {response_members} response \
         members compared; {} SDK structures ({spec_structures} in spec/): {structure_members} \
         members compared",
        actions.len(),
        api.actions.len(),
        structures.len(),
    );
    assert!(
        problems.is_empty(),
        "{} differences from the SDK:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
