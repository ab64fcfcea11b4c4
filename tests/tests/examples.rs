//! Every example in spec/: the request decodes into its request type and passes `validate()`;
//! the response decodes into its response type. Examples the docs get wrong are listed here,
//! with why; any other failure fails the test.

use zec_api::catalog;
use zec_spec::ir::ExampleBody;

/// Examples known to be wrong in the docs: (action, example number, why).
const KNOWN_BAD: &[(&str, usize, &str)] = &[];

#[test]
fn every_example_decodes_and_validates() {
    let loaded = zec_spec::load_dir(&zec_tests::workspace().join("spec"));
    assert!(!loaded.has_errors());
    let mut checked = 0;
    let mut failures = Vec::new();
    for action in &loaded.api.actions {
        let info = catalog::find(&action.name)
            .unwrap_or_else(|| panic!("{} is not in the catalog", action.name));
        for (index, example) in action.examples.iter().enumerate() {
            let number = index + 1;
            let known = KNOWN_BAD
                .iter()
                .any(|(a, n, _)| *a == action.name && *n == number);
            let mut problems = Vec::new();
            match &example.request {
                Some(ExampleBody::Json(v)) => {
                    if let Err(p) = (info.check_request)(v.to_string().as_bytes()) {
                        problems.push(format!("request: {p}"));
                    }
                }
                Some(ExampleBody::Text(_)) => problems.push("request is not JSON".into()),
                None => problems.push("no request".into()),
            }
            match &example.response {
                Some(ExampleBody::Json(v)) => match v.get("response") {
                    Some(inner) => {
                        if let Err(e) = (info.check_response)(inner) {
                            problems.push(format!("response: {e}"));
                        }
                    }
                    None => problems.push("response has no `response` member".into()),
                },
                Some(ExampleBody::Text(_)) => problems.push("response is not JSON".into()),
                None => problems.push("no response".into()),
            }
            checked += 1;
            match (problems.is_empty(), known) {
                (true, true) => failures.push(format!(
                    "{} example {number}: listed as wrong but passes; remove it from KNOWN_BAD",
                    action.name
                )),
                (false, false) => failures.push(format!(
                    "{} example {number} ({}): {}",
                    action.name,
                    example.source,
                    problems.join("; ")
                )),
                _ => {}
            }
        }
    }
    eprintln!(
        "checked {checked} examples; {} known to be wrong in the docs",
        KNOWN_BAD.len()
    );
    for (action, number, why) in KNOWN_BAD {
        eprintln!("  known wrong: {action} example {number}: {why}");
    }
    assert!(checked > 0);
    assert!(failures.is_empty(), "{failures:#?}");
}
