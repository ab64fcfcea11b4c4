//! Every example in spec/, of every product: the request decodes into its request type and
//! passes `validate()`; the response decodes into its response type; and the mock server,
//! sent the example request at the product's own path as a signed request, answers with the
//! example response. Examples the docs get wrong are listed here, with why; any other failure
//! fails the test.

use std::time::{SystemTime, UNIX_EPOCH};
use zec_api::catalog;
use zec_api::mock::{MOCK_ACCESS_KEY_ID, MOCK_ACCESS_KEY_SECRET, MockServer};
use zec_spec::ir::ExampleBody;

/// Examples known to be wrong in the docs: (product, action, example number, why).
const KNOWN_BAD: &[(&str, &str, usize, &str)] = &[];

#[test]
fn every_example_decodes_and_validates() {
    let loaded = zec_spec::load_dir(&zec_tests::workspace().join("spec"));
    assert!(!loaded.has_errors());
    let mut checked = 0;
    let mut failures = Vec::new();
    for action in loaded.api.actions() {
        let info = catalog::find(&action.product, &action.name).unwrap_or_else(|| {
            panic!(
                "{} of {} is not in the catalog",
                action.name, action.product
            )
        });
        for (index, example) in action.examples.iter().enumerate() {
            let number = index + 1;
            let known = KNOWN_BAD
                .iter()
                .any(|(p, a, n, _)| *p == action.product && *a == action.name && *n == number);
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
                    "{} {} example {number}: listed as wrong but passes; remove it from KNOWN_BAD",
                    action.product, action.name
                )),
                (false, false) => failures.push(format!(
                    "{} {} example {number} ({}): {}",
                    action.product,
                    action.name,
                    example.source,
                    problems.join("; ")
                )),
                _ => {}
            }
        }
    }
    eprintln!(
        "checked {checked} examples of {} products; {} known to be wrong in the docs",
        loaded.api.products.len(),
        KNOWN_BAD.len()
    );
    for (product, action, number, why) in KNOWN_BAD {
        eprintln!("  known wrong: {product} {action} example {number}: {why}");
    }
    assert!(checked >= loaded.api.actions().count());
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A plain HTTP client, for requests zec-api would not send. Making a zec-api client first
/// installs the TLS crypto provider that reqwest (built without one) needs.
fn http(server: &MockServer) -> reqwest::Client {
    server.client().expect("a client");
    reqwest::Client::new()
}

/// One signed POST of `body` to the mock's path of `service`.
async fn post(
    http: &reqwest::Client,
    server: &MockServer,
    service: zec_api::Service,
    action: &str,
    body: &[u8],
) -> (u16, serde_json::Value) {
    let host = server.addr().to_string();
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let content_type = "application/json";
    let authorization = zec_api::sign::sign(
        MOCK_ACCESS_KEY_ID,
        MOCK_ACCESS_KEY_SECRET,
        timestamp,
        content_type,
        &host,
        body,
    );
    let answer = http
        .post(format!("{}{}", server.endpoint(), service.path))
        .header("Content-Type", content_type)
        .header("X-ZC-Action", action)
        .header("X-ZC-Service", service.name)
        .header("X-ZC-Version", service.version)
        .header("X-ZC-Timestamp", timestamp.to_string())
        .header("X-ZC-Signature-Method", zec_api::sign::ALGORITHM)
        .header("Authorization", authorization)
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    let status = answer.status().as_u16();
    let text = answer.bytes().await.unwrap();
    (status, serde_json::from_slice(&text).unwrap_or_default())
}

/// The `response` object without its request id, which the mock sets afresh.
fn without_request_id(envelope: &serde_json::Value) -> serde_json::Value {
    let mut response = envelope.get("response").cloned().unwrap_or_default();
    if let Some(object) = response.as_object_mut() {
        object.remove("requestId");
    }
    response
}

#[tokio::test]
async fn the_mock_answers_every_example_of_every_product_at_its_path() {
    let loaded = zec_spec::load_dir(&zec_tests::workspace().join("spec"));
    let server = MockServer::start().await.unwrap();
    let http = http(&server);
    let mut answered = 0;
    let mut failures = Vec::new();
    for action in loaded.api.actions() {
        let Some(info) = catalog::find(&action.product, &action.name) else {
            failures.push(format!("{} {}: not served", action.product, action.name));
            continue;
        };
        // The mock answers with the first example's response, whatever the request.
        let Some(first) = action.examples.iter().find_map(|e| match &e.response {
            Some(ExampleBody::Json(v)) => Some(v),
            _ => None,
        }) else {
            continue;
        };
        for example in &action.examples {
            let Some(ExampleBody::Json(request)) = &example.request else {
                continue;
            };
            let body = request.to_string();
            let (status, answer) =
                post(&http, &server, info.service, &action.name, body.as_bytes()).await;
            if status != 200 || without_request_id(&answer) != without_request_id(first) {
                failures.push(format!(
                    "{} {} ({}): HTTP {status}: {answer}",
                    action.product, action.name, example.source
                ));
            }
            answered += 1;
        }
    }
    eprintln!(
        "the mock answered {answered} example requests of {} products",
        loaded.api.products.len()
    );
    assert!(answered >= loaded.api.actions().count() / 2);
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn an_unknown_service_or_action_gets_the_apis_error_not_a_404_page() {
    let server = MockServer::start().await.unwrap();
    let http = http(&server);
    let zec = catalog::find("zec", "DescribeInstances").unwrap().service;
    let unknown = zec_api::Service {
        name: "nosuchservice",
        version: "2025-01-01",
        path: "/api/v2/nosuchservice",
    };
    for (service, action, says) in [
        (
            unknown,
            "DescribeInstances",
            "the service nosuchservice does not exist",
        ),
        (
            zec,
            "DescribeNothing",
            "the action DescribeNothing does not exist",
        ),
    ] {
        let (status, answer) = post(&http, &server, service, action, b"{}").await;
        assert_eq!(status, 401, "{answer}");
        assert_eq!(answer["code"], "AUTHFAILURE_UNAUTHORIZED_OPERATION");
        assert!(
            answer["message"]
                .as_str()
                .unwrap_or_default()
                .contains(says),
            "{answer}"
        );
        assert!(answer["requestId"].is_string());
    }
    // A request for one product's action sent with another product's version is refused.
    let wrong_version = zec_api::Service {
        version: "1999-01-01",
        ..zec
    };
    let (status, answer) = post(&http, &server, wrong_version, "DescribeInstances", b"{}").await;
    assert_eq!(status, 400, "{answer}");
    assert_eq!(answer["code"], "INVALID_PARAMETER_VALUE");
}
