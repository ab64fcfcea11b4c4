//! spec/ against the official CLI's definitions of every ZEC action (skipped when
//! `../shared/reference` is absent): the same actions, request fields with the same required
//! flags and kinds of type, the same top-level response fields, deprecations, the same enum
//! value sets, nested structures included, and the error codes its notes name.

use serde_json::Value;
use std::collections::BTreeSet;
use zec_spec::ir::{Api, Field, Shape, TypeRef};

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// Whether the IR type is the kind of type the CLI names.
fn same_kind(api: &Api, cli: &str, ty: &TypeRef) -> bool {
    let is_enum = |n: &str| {
        matches!(
            api.type_def("zec", n).map(|t| &t.shape),
            Some(Shape::Enum { .. })
        )
    };
    let is_struct = |n: &str| {
        matches!(
            api.type_def("zec", n).map(|t| &t.shape),
            Some(Shape::Struct { .. })
        )
    };
    match (cli, ty) {
        ("string", TypeRef::String | TypeRef::Timestamp) => true,
        ("integer", TypeRef::Integer | TypeRef::Long) => true,
        ("float", TypeRef::Float | TypeRef::Double | TypeRef::BigDecimal) => true,
        ("boolean", TypeRef::Boolean) => true,
        ("string-array", TypeRef::Array(inner)) => **inner == TypeRef::String,
        ("integer-array", TypeRef::Array(inner)) => {
            matches!(**inner, TypeRef::Integer | TypeRef::Long)
        }
        ("enum", TypeRef::Named(n)) => is_enum(n),
        ("enum", TypeRef::Array(inner)) => inner.named().is_some_and(is_enum),
        ("object", TypeRef::Named(n)) => is_struct(n),
        ("object-array", TypeRef::Array(inner)) => inner.named().is_some_and(is_struct),
        _ => false,
    }
}

/// The values of the enum a field is typed with.
fn enum_values(api: &Api, ty: &TypeRef) -> Option<BTreeSet<String>> {
    match &api.type_def("zec", ty.named()?)?.shape {
        Shape::Enum { values } => Some(values.iter().map(|v| v.value.clone()).collect()),
        Shape::Struct { .. } => None,
    }
}

/// Error codes (`INVALID_IMAGE_STATUS`) named in the lines of a description that speak of
/// an error.
fn codes_in(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter(|line| line.to_ascii_lowercase().contains("error"))
        .flat_map(|line| line.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')))
        .map(|w| w.replace("\\_", "_"))
        .filter(|w| {
            w.matches('_').count() >= 2
                && w.starts_with(|c: char| c.is_ascii_uppercase())
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        })
        .collect()
}

/// Compare one CLI field (parameter, response field or schema member) with its IR field.
fn compare(api: &Api, at: &str, cli: &Value, field: &Field, problems: &mut Vec<String>) {
    // The CLI flattens a wrapper object (`tags` → TagAssociation { tags: [Tag] }) into a list.
    let wrapped = cli["sdk-wrapper"].as_str();
    let kind = match wrapped {
        Some(_) => "object",
        None => str_of(&cli["type"]),
    };
    if !same_kind(api, kind, &field.ty) {
        problems.push(format!("{at}: the CLI says {kind}, the spec {}", field.ty));
    }
    let deprecated = cli["deprecated"].as_bool().unwrap_or(false);
    if deprecated && !field.deprecated {
        problems.push(format!("{at}: deprecated in the CLI, not in the spec"));
    }
    if let Some(values) = cli["enum-values"].as_array() {
        let want: BTreeSet<String> = values
            .iter()
            .map(|v| str_of(&v["value"]).to_string())
            .collect();
        match enum_values(api, &field.ty) {
            Some(got) if got == want => {}
            got => problems.push(format!(
                "{at}: enum values {want:?} in the CLI, {got:?} in the spec"
            )),
        }
    }
    let schema = cli.get("object-schema").or_else(|| cli.get("item-schema"));
    if let (Some(schema), Some(name)) = (schema.and_then(Value::as_array), field.ty.named()) {
        let Some(def) = api.type_def("zec", name) else {
            return;
        };
        let Shape::Struct { fields } = &def.shape else {
            return;
        };
        let (fields, owner) = match wrapped {
            Some(inner) => {
                let Some(inner_ty) = fields
                    .iter()
                    .find(|f| f.name == inner)
                    .and_then(|f| f.ty.named())
                else {
                    problems.push(format!("{at}: {name} has no member {inner}"));
                    return;
                };
                match api.type_def("zec", inner_ty).map(|t| &t.shape) {
                    Some(Shape::Struct { fields }) => (fields, inner_ty.to_string()),
                    _ => return,
                }
            }
            None => (fields, name.to_string()),
        };
        for member in schema {
            let member_name = str_of(&member["name"]);
            match fields.iter().find(|f| f.name == member_name) {
                Some(f) => compare(api, &format!("{at}.{member_name}"), member, f, problems),
                None => problems.push(format!("{at}: {owner} has no member {member_name}")),
            }
        }
    }
}

#[test]
fn spec_matches_the_cli_definitions() {
    let Some(reference) = zec_tests::reference() else {
        return;
    };
    let loaded = zec_spec::load_dir(&zec_tests::workspace().join("spec"));
    assert!(
        !loaded.has_errors(),
        "spec/ has errors; run zec-spec check spec"
    );
    let api = &loaded.api;
    let mut files: Vec<_> = std::fs::read_dir(reference.join("zenlayer-cli/en-US/zec"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let mut problems = Vec::new();
    let mut exact = 0;
    let mut names = BTreeSet::new();
    for file in &files {
        let cli: Value = serde_yaml::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let name = str_of(&cli["name"]).to_string();
        names.insert(name.clone());
        let before = problems.len();
        let Some(action) = api.action(&name) else {
            problems.push(format!("{name}: no page in spec/"));
            continue;
        };
        let params = cli["parameters"].as_array().cloned().unwrap_or_default();
        let want: BTreeSet<(String, bool)> = params
            .iter()
            .map(|p| {
                (
                    str_of(&p["sdk-field"]).to_string(),
                    p["required"].as_bool().unwrap_or(false),
                )
            })
            .collect();
        let got: BTreeSet<(String, bool)> = action
            .request
            .iter()
            .map(|f| (f.name.clone(), f.required))
            .collect();
        if want != got {
            problems.push(format!(
                "{name}: request fields {want:?} in the CLI, {got:?} in the spec"
            ));
        }
        for p in &params {
            let field_name = str_of(&p["sdk-field"]);
            if let Some(f) = action.request.iter().find(|f| f.name == field_name) {
                compare(api, &format!("{name}.{field_name}"), p, f, &mut problems);
            }
        }
        let response = cli["response"].as_array().cloned().unwrap_or_default();
        let want: Vec<&str> = response.iter().map(|r| str_of(&r["name"])).collect();
        let got: Vec<&str> = action
            .response
            .iter()
            .map(|f| f.name.as_str())
            .filter(|n| *n != "requestId")
            .collect();
        if want != got {
            problems.push(format!(
                "{name}: response fields {want:?} in the CLI, {got:?} in the spec"
            ));
        }
        for r in &response {
            let field_name = str_of(&r["name"]);
            if let Some(f) = action.response.iter().find(|f| f.name == field_name) {
                compare(
                    api,
                    &format!("{name} response.{field_name}"),
                    r,
                    f,
                    &mut problems,
                );
            }
        }
        for code in codes_in(str_of(&cli["long"])) {
            let known = action.errors.iter().chain(&api.common_errors);
            if !known.into_iter().any(|e| e.code == code) {
                problems.push(format!(
                    "{name}: the CLI names error {code}, the spec does not"
                ));
            }
        }
        if problems.len() == before {
            exact += 1;
        }
    }
    for action in &api.actions {
        if !names.contains(&action.name) {
            problems.push(format!(
                "{}: in spec/ but not in the CLI definitions",
                action.name
            ));
        }
    }
    eprintln!(
        "{exact} of {} actions match the CLI definitions exactly",
        files.len()
    );
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn error_codes_are_found_in_lines_about_errors() {
    let text = "Deletion needs `AVAILABLE`, or an INVALID_IMAGE_STATUS error is returned.\n\
                The IN_USE_STATE_X state is fine.";
    assert_eq!(
        codes_in(text),
        BTreeSet::from(["INVALID_IMAGE_STATUS".to_string()])
    );
}
