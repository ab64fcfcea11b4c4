//! spec/ against the official CLI's definitions of every ZEC action (skipped when
//! `../shared/reference` is absent): the same actions, request fields with the same required
//! flags and kinds of type, the same top-level response fields, deprecations, the same enum
//! value sets, nested structures included, and the error codes its notes name. What
//! zec-spec's prose reader finds in the CLI's own text (defaults, limits, rules, waiters) must
//! be in the spec too, apart from listed corrections. The official SDK's structures are there
//! under its names, with its members.
//!
//! The newest official SDK is newer than the CLI definitions: the actions and the members of
//! existing actions that the CLI lacks (the reference's additions file lists them) are left out
//! of the comparison with the CLI; `sdk_conformance.rs` compares them with that SDK.

use serde_json::Value;
use std::collections::BTreeSet;
use zec_spec::ir::{Api, Constraint, Field, Rule, Shape, SourceRef, TypeRef};
use zec_spec::prose::{self, Context, Fact};

/// The IR of `spec/`, which must load without errors.
fn spec_api() -> Api {
    let loaded = zec_spec::load_dir(&zec_tests::workspace().join("spec"));
    assert!(
        !loaded.has_errors(),
        "spec/ has errors; run zec-spec check spec"
    );
    loaded.api
}

/// Fail with every difference found, one per line.
fn assert_no_differences(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

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

/// Request fields the CLI marks required that the spec leaves optional, because the docs
/// contradict the flag: (action, field, why).
const OPTIONAL_CORRECTIONS: &[(&str, &str, &str)] = &[
    (
        "ChangeEipBindType",
        "bindType",
        "it has a default, `FullNat`",
    ),
    ("CreateZecInstances", "instanceCount", "it has a default, 1"),
    (
        "InquiryPriceCreateInstance",
        "instanceCount",
        "it has a default, 1",
    ),
    (
        "InquiryPriceCreateInstance",
        "systemDisk",
        "all three of the docs' examples leave it out",
    ),
    (
        "ModifyCrossRegionBandwidth",
        "bandwidth",
        "the docs' own note and example 4 leave it out to keep the commitment",
    ),
];

#[test]
fn spec_matches_the_cli_definitions() {
    let Some(reference) = zec_tests::reference() else {
        return;
    };
    let api = &spec_api();
    let definitions = zec_tests::cli_definitions(&reference);
    let newer = zec_tests::newer_than_cli(&reference);
    let mut problems = Vec::new();
    let mut exact = 0;
    let mut names = BTreeSet::new();
    for cli in &definitions {
        let name = str_of(&cli["name"]).to_string();
        names.insert(name.clone());
        let before = problems.len();
        let Some(action) = api.action("zec", &name) else {
            problems.push(format!("{name}: no page in spec/"));
            continue;
        };
        let params = cli["parameters"].as_array().cloned().unwrap_or_default();
        let want: BTreeSet<(String, bool)> = params
            .iter()
            .map(|p| {
                let wire = str_of(&p["sdk-field"]).to_string();
                let relaxed = OPTIONAL_CORRECTIONS
                    .iter()
                    .any(|(a, f, _)| *a == name && *f == wire);
                let required = p["required"].as_bool().unwrap_or(false) && !relaxed;
                (wire, required)
            })
            .collect();
        let got: BTreeSet<(String, bool)> = action
            .request
            .iter()
            .filter(|f| !newer.has_member(&name, "request", &f.name))
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
            .filter(|n| *n != "requestId" && !newer.has_member(&name, "response", n))
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
    for action in api.actions().filter(|a| a.product == "zec") {
        if !names.contains(&action.name) && !newer.actions.contains(&action.name) {
            problems.push(format!(
                "{}: in spec/ but not in the CLI definitions",
                action.name
            ));
        }
    }
    eprintln!(
        "{exact} of {} actions match the CLI definitions exactly; {} newer actions and {} newer \
         members left to sdk_conformance.rs",
        definitions.len(),
        newer.actions.len(),
        newer.members.len()
    );
    // Agreement on nothing is no agreement: the CLI has 218 ZEC actions.
    assert!(
        definitions.len() >= 218 && exact >= 218,
        "{exact} of {} actions compared exactly",
        definitions.len()
    );
    assert_no_differences(&problems);
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

/// Where the spec deliberately departs from what zec-spec reads in the CLI's text:
/// (action, field, why).
const CORRECTIONS: &[(&str, &str, &str)] = &[
    (
        "ChangeEipBindType",
        "bindType",
        "the default is written \"NAT mode\"; the enum value for it is `FullNat`",
    ),
    (
        "CreateEips",
        "bindType",
        "the default is written \"standard NAT mode\"; the enum value is `FullNat`",
    ),
    (
        "CreateZecInstances",
        "eipBindType",
        "the default is written \"Full NAT mode\"; the enum value is `FullNat`",
    ),
    (
        "CreateBorderGateway",
        "advertisedSubnet",
        "the default is written \"Advertise All\"; the enum value is `ALL`",
    ),
    (
        "ModifyBorderGatewaysAttribute",
        "advertisedSubnet",
        "the default is written \"Advertise All\"; the enum value is `ALL`",
    ),
    (
        "CreateAutoSnapshotPolicy",
        "retentionDays",
        "`-1` (keep until deleted) is documented too, so the range starts at -1",
    ),
    (
        "ModifyAutoSnapshotPolicy",
        "retentionDays",
        "`-1` (keep until deleted) is documented too, so the range starts at -1",
    ),
    (
        "ResizeDisk",
        "diskSize",
        "the text also gives the lower bound, 1, in a form read as a separate range",
    ),
    (
        "CreateZecInstances",
        "instanceName",
        "the length applies after the server expands a `[begin_number,bits]` pattern, so the \
         client cannot check it",
    ),
];

/// Defaults and limits that zec-spec's prose reader finds in a CLI description must be on
/// the spec's field too (the spec may state more; the notes of an action can add limits).
fn compare_prose_facts(at: &str, cli: &Value, field: &Field, problems: &mut Vec<String>) {
    let ctx = Context::field(&field.name, &field.ty, &[], cli_source());
    let facts = prose::read(str_of(&cli["description"]), &ctx)
        .into_iter()
        .flat_map(|r| r.facts);
    for fact in facts {
        match &fact {
            Fact::Default(default) if field.default.as_ref() != Some(default) => {
                problems.push(format!(
                    "{at}: default {default:?} in the CLI, {:?} in the spec",
                    field.default
                ))
            }
            Fact::Constraint(c) if !field.constraints.iter().any(|s| states(s, c)) => {
                problems.push(format!("{at}: {c:?} in the CLI, not in the spec"))
            }
            _ => {}
        }
    }
}

/// Whether the spec's constraint `spec` states `cli`: the same constraint, or a range or
/// length giving every bound the CLI gives (and perhaps one more).
fn states(spec: &Constraint, cli: &Constraint) -> bool {
    let same = |a: Option<f64>, b: Option<f64>| b.is_none() || a == b;
    match (spec, cli) {
        (Constraint::Range { min, max }, Constraint::Range { min: a, max: b }) => {
            same(*min, *a) && same(*max, *b)
        }
        (Constraint::Length { min, max }, Constraint::Length { min: a, max: b }) => {
            same(min.map(|v| v as f64), a.map(|v| v as f64))
                && same(max.map(|v| v as f64), b.map(|v| v as f64))
        }
        _ => spec == cli,
    }
}

/// Where rules read from the CLI's text come from (the comparison ignores it).
fn cli_source() -> SourceRef {
    SourceRef {
        file: "cli".into(),
        line: 0,
    }
}

#[test]
fn defaults_and_limits_match_the_cli_text() {
    let Some(reference) = zec_tests::reference() else {
        return;
    };
    let api = &spec_api();
    let definitions = zec_tests::cli_definitions(&reference);
    let mut problems = Vec::new();
    let mut checked = 0;
    for cli in &definitions {
        let name = str_of(&cli["name"]);
        let Some(action) = api.action("zec", name) else {
            continue;
        };
        for p in cli["parameters"].as_array().into_iter().flatten() {
            let wire = str_of(&p["sdk-field"]);
            if CORRECTIONS.iter().any(|(a, f, _)| *a == name && *f == wire) {
                continue;
            }
            if let Some(f) = action.request.iter().find(|f| f.name == wire) {
                checked += 1;
                compare_prose_facts(&format!("{name}.{wire}"), p, f, &mut problems);
            }
        }
    }
    eprintln!(
        "{checked} request fields compared; {} corrections listed",
        CORRECTIONS.len()
    );
    assert!(checked >= 800, "only {checked} request fields compared");
    assert_no_differences(&problems);
}

/// Rules the spec deliberately states differently from what zec-spec reads in the CLI's
/// text: (action, the rule in the corpus notation, why). Each must still be read from the
/// CLI, or it is stale.
const RULE_CORRECTIONS: &[(&str, &str, &str)] = &[
    (
        "InquiryPriceCreateInstance",
        "required_if networkLineType when internetChargeType",
        "the deprecated `eipV4Type` may be given instead, an exception a rule cannot state",
    ),
    (
        "CreateEips",
        "exactly_one_of eipV4Type,cidrId",
        "`eipV4Type` is deprecated and `networkLineType` stands in for it, so both may be left \
         out; the spec states only that `eipV4Type` and `cidrId` cannot both be set",
    ),
];

#[test]
fn rules_and_waiters_match_the_cli_text() {
    let Some(reference) = zec_tests::reference() else {
        return;
    };
    let api = &spec_api();
    let definitions = zec_tests::cli_definitions(&reference);
    let mut problems = Vec::new();
    let (mut rules, mut waiters) = (0, 0);
    let mut used = std::collections::BTreeSet::new();
    for cli in &definitions {
        let name = str_of(&cli["name"]);
        let Some(action) = api.action("zec", name) else {
            continue;
        };
        let params = cli["parameters"].as_array().cloned().unwrap_or_default();
        let wires: Vec<String> = params
            .iter()
            .map(|p| str_of(&p["sdk-field"]).to_string())
            .collect();
        let mut read: Vec<Rule> = Vec::new();
        let rules_of = |text: &str, ctx: &Context| -> Vec<Rule> {
            prose::read(text, ctx)
                .into_iter()
                .flat_map(|r| r.facts)
                .filter_map(|f| match f {
                    Fact::Rule(r) => Some(r),
                    _ => None,
                })
                .collect()
        };
        for line in str_of(&cli["long"]).lines() {
            let line = line.trim_start_matches(['*', ' ']);
            if !prose::is_async_note(line) {
                read.extend(rules_of(line, &Context::note(&wires, cli_source())));
            } else if let Some(w) = prose::read_waiter(line, cli_source()) {
                waiters += 1;
                let same = action.waiter.as_ref().is_some_and(|got| {
                    got.poll_action == w.poll_action
                        && got.success == w.success
                        && w.pending.iter().all(|s| got.pending.contains(s))
                        && w.failure.iter().all(|s| got.failure.contains(s))
                });
                if !same {
                    problems.push(format!(
                        "{name}: waiter {w:?} in the CLI, {:?} in the spec",
                        action.waiter
                    ));
                }
            }
        }
        for p in &params {
            let wire = str_of(&p["sdk-field"]);
            let Some(f) = action.request.iter().find(|f| f.name == wire) else {
                continue;
            };
            let ctx = Context::field(wire, &f.ty, &wires, cli_source());
            read.extend(rules_of(str_of(&p["description"]), &ctx));
        }
        for rule in read {
            let notation = Fact::Rule(rule.clone()).to_string();
            if let Some(c) = RULE_CORRECTIONS
                .iter()
                .find(|(a, r, _)| *a == name && *r == notation)
            {
                used.insert(c.1);
                continue;
            }
            rules += 1;
            if !action.rules.iter().any(|r| r.same_as(&rule)) {
                let fact = Fact::Rule(rule);
                problems.push(format!("{name}: rule {fact} in the CLI, not in the spec"));
            }
        }
    }
    for (action, rule, _) in RULE_CORRECTIONS {
        if !used.contains(rule) {
            problems.push(format!(
                "{action}: the correction for `{rule}` is stale: the CLI's text no longer gives it"
            ));
        }
    }
    eprintln!(
        "{rules} rules and {waiters} waiters read from the CLI text; {} corrections listed",
        RULE_CORRECTIONS.len()
    );
    assert!(
        rules >= 11 && waiters >= 8,
        "only {rules} rules and {waiters} waiters read from the CLI text"
    );
    assert_no_differences(&problems);
}

#[test]
fn structures_carry_the_sdk_names_and_members() {
    let Some(reference) = zec_tests::reference() else {
        return;
    };
    let api = &spec_api();
    let text = std::fs::read_to_string(reference.join("zec-2025-09-01-models.json")).unwrap();
    let models: Value = serde_json::from_str(&text).unwrap();
    let mut problems = Vec::new();
    let structs = models["structs"].as_object().cloned().unwrap_or_default();
    for (name, members) in &structs {
        let Some(Shape::Struct { fields }) = api.type_def("zec", name).map(|t| &t.shape) else {
            problems.push(format!("{name}: no such structure in the spec"));
            continue;
        };
        for member in members.as_array().into_iter().flatten() {
            let wire = str_of(&member["json"]);
            match fields.iter().find(|f| f.name == wire) {
                None => problems.push(format!("{name}.{wire}: missing from the spec")),
                Some(f) if member["deprecated"].as_bool() == Some(true) && !f.deprecated => {
                    problems.push(format!(
                        "{name}.{wire}: deprecated in the SDK, not in the spec"
                    ))
                }
                Some(_) => {}
            }
        }
    }
    for (side, key) in [("request", "requests"), ("response", "responses")] {
        for (action_name, members) in models[key].as_object().into_iter().flatten() {
            let Some(action) = api.action("zec", action_name) else {
                problems.push(format!("{action_name}: no page in spec/"));
                continue;
            };
            let fields = if side == "request" {
                &action.request
            } else {
                &action.response
            };
            for member in members.as_array().into_iter().flatten() {
                let wire = str_of(&member["json"]);
                if !fields.iter().any(|f| f.name == wire) {
                    problems.push(format!(
                        "{action_name} {side}.{wire}: missing from the spec"
                    ));
                }
            }
        }
    }
    eprintln!("{} SDK structures compared", structs.len());
    assert!(
        structs.len() >= 76,
        "only {} SDK structures compared",
        structs.len()
    );
    assert_no_differences(&problems);
}
