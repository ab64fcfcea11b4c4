//! The client against the mock server on loopback: signing, retries, errors, timeouts,
//! validation, secrets, pagination and waiters.

use futures_util::StreamExt;
use serde_json::{Value, json};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use zec_api::actions::{
    AssociateEipAddressCall, CreateSnapshot, DescribeSnapshots, DescribeSnapshotsRequest,
};
use zec_api::errors::CommonError;
use zec_api::mock::{Fault, MOCK_ACCESS_KEY_ID, MOCK_ACCESS_KEY_SECRET, MockOptions, MockServer};
use zec_api::validation::RuleKind;
use zec_api::{
    Client, Credentials, Error, RetryPolicy, SendAndWaitError, WaitError, WaitOptions, sign,
};

zec_api::generate_page!("pages/copysnapshot.md");

fn associate(client: &Client) -> AssociateEipAddressCall {
    client
        .associate_eip_address()
        .eip_ids(["eip-1"])
        .nat_id("nat-1")
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A POST signed by hand, as another client would send it.
async fn raw_post(
    server: &MockServer,
    body: &str,
    timestamp: u64,
    tamper: impl FnOnce(&str) -> String,
) -> (u16, Value) {
    let content_type = "application/json; charset=utf-8";
    let host = server.addr().to_string();
    let auth = sign::sign(
        MOCK_ACCESS_KEY_ID,
        MOCK_ACCESS_KEY_SECRET,
        timestamp,
        content_type,
        &host,
        body.as_bytes(),
    );
    let response = reqwest::Client::new()
        .post(format!("{}/api/v2/zec", server.endpoint()))
        .header("Content-Type", content_type)
        .header("X-ZC-Action", "AssociateEipAddress")
        .header("X-ZC-Version", "2025-09-01")
        .header("X-ZC-Timestamp", timestamp.to_string())
        .header("X-ZC-Signature-Method", "ZC2-HMAC-SHA256")
        .header("Authorization", auth)
        .body(tamper(body))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let bytes = response.bytes().await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap())
}

#[tokio::test]
async fn signed_requests_are_accepted_and_tampered_or_stale_ones_refused() {
    let server = MockServer::start().await.unwrap();
    let body = r#"{"eipIds":["eip-1"],"natId":"nat-1"}"#;

    let (status, answer) = raw_post(&server, body, now(), |b| b.to_string()).await;
    assert_eq!(status, 200, "{answer}");
    assert!(answer["response"].is_object());

    // The body changed after signing.
    let (status, answer) = raw_post(&server, body, now(), |b| b.replace("nat-1", "nat-2")).await;
    assert_eq!(status, 401);
    assert_eq!(answer["code"], "AUTHFAILURE_SIGNATURE_FAILURE");
    assert!(answer["requestId"].is_string());

    // A timestamp six minutes old.
    let (status, answer) = raw_post(&server, body, now() - 360, |b| b.to_string()).await;
    assert_eq!(status, 401);
    assert_eq!(answer["code"], "AUTHFAILURE_SIGNATURE_EXPIRED");

    // Our client with the wrong secret gets the typed common code.
    let client = Client::new(
        server
            .config()
            .credentials(Credentials::access_key(MOCK_ACCESS_KEY_ID, "wrong")),
    )
    .unwrap();
    match associate(&client).send().await {
        Err(Error::Api(e)) => {
            assert_eq!(e.http_status, 401);
            assert_eq!(
                e.error,
                zec_api::actions::AssociateEipAddressError::Common(
                    CommonError::AuthfailureSignatureFailure
                )
            );
            assert!(e.request_id.is_some());
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn requests_carry_the_documented_headers() {
    let server = MockServer::start().await.unwrap();
    associate(&server.client().unwrap()).send().await.unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.header("x-zc-action"), Some("AssociateEipAddress"));
    assert_eq!(request.header("x-zc-version"), Some("2025-09-01"));
    assert_eq!(request.header("x-zc-service"), Some("zec"));
    assert_eq!(
        request.header("x-zc-signature-method"),
        Some("ZC2-HMAC-SHA256")
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    let auth = request.header("authorization").unwrap();
    assert!(
        auth.starts_with(
            "ZC2-HMAC-SHA256 Credential=mock-access-key-id, SignedHeaders=content-type;host, Signature="
        ),
        "{auth}"
    );
    let timestamp: u64 = request.header("x-zc-timestamp").unwrap().parse().unwrap();
    assert!(now().abs_diff(timestamp) < 60);
}

#[tokio::test]
async fn bearer_tokens_send_no_signature_headers() {
    let server = MockServer::start_with(MockOptions::default().token("tok-123"))
        .await
        .unwrap();
    let client = Client::new(server.config().credentials(Credentials::token("tok-123"))).unwrap();
    associate(&client).send().await.unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.header("authorization"), Some("Bearer tok-123"));
    assert_eq!(request.header("x-zc-timestamp"), None);
    assert_eq!(request.header("x-zc-signature-method"), None);
}

#[tokio::test]
async fn throttling_is_retried_with_a_fresh_signature_each_time() {
    let server = MockServer::start().await.unwrap();
    server.inject(Fault::Throttle, 1);
    server.inject(Fault::ThrottleWith200, 1);
    // A write: throttling is retried even so.
    associate(&server.client().unwrap()).send().await.unwrap();
    let statuses: Vec<u16> = server.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [429, 200, 200]);
    // Every attempt passed the server's signature check, so each was signed.
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.header("authorization").is_some())
    );

    // When throttling outlasts the attempts, the error says so.
    server.inject(Fault::Throttle, 10);
    let client = Client::new(
        server.config().retry(
            RetryPolicy::default()
                .max_attempts(3)
                .backoff(Duration::from_millis(1), Duration::from_millis(5)),
        ),
    )
    .unwrap();
    match associate(&client).send().await {
        Err(Error::Throttled(e)) => {
            assert_eq!(e.code, "REQUEST_LIMIT_EXCEEDED");
            assert_eq!(e.http_status, 429);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.requests().len(), 3 + 3);
}

#[tokio::test]
async fn server_errors_are_retried_for_reads_and_not_for_writes() {
    let server = MockServer::start().await.unwrap();
    let client = server.client().unwrap();

    server.inject(Fault::Status(503), 2);
    let page = client.describe_snapshots().send().await.unwrap();
    assert!(page.total_count.is_some());
    assert_eq!(server.requests().len(), 3);

    server.inject(Fault::Status(500), 1);
    let err = client
        .create_snapshot()
        .disk_id("disk-1")
        .snapshot_name("nightly")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.http_status(), Some(500));
    assert!(matches!(err, Error::Api(_)), "{err:?}");
    assert_eq!(server.requests().len(), 4, "the write was sent once");

    // Opting in retries writes too.
    let eager = Client::new(
        server
            .config()
            .retry(RetryPolicy::default().retry_writes(true)),
    )
    .unwrap();
    server.inject(Fault::Status(500), 1);
    eager
        .create_snapshot()
        .disk_id("disk-1")
        .snapshot_name("nightly")
        .send()
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 6);
}

#[tokio::test]
async fn html_and_truncated_answers_are_undecodable_with_status_and_snippet() {
    let server = MockServer::start().await.unwrap();
    let client = Client::new(server.config().retry(RetryPolicy::none())).unwrap();

    server.inject(Fault::Html(502), 1);
    match associate(&client).send().await {
        Err(Error::Undecodable(u)) => {
            assert_eq!(u.http_status, 502);
            assert!(u.snippet.starts_with("<html>"), "{}", u.snippet);
            assert!(u.reason.contains("not JSON"), "{}", u.reason);
        }
        other => panic!("{other:?}"),
    }

    server.inject(Fault::TruncatedJson, 1);
    match associate(&client).send().await {
        Err(Error::Undecodable(u)) => {
            assert_eq!(u.http_status, 200);
            assert!(u.snippet.starts_with("{\"requestId\""), "{}", u.snippet);
        }
        other => panic!("{other:?}"),
    }

    server.inject(Fault::NoResponse, 1);
    match associate(&client).send().await {
        Err(Error::Undecodable(u)) => {
            assert_eq!(u.http_status, 200);
            assert!(u.reason.contains("without `response`"), "{}", u.reason);
            assert!(u.request_id.is_some());
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = MockServer::start().await.unwrap();
    server.inject(Fault::Delay(Duration::from_secs(2)), 1);
    let client = Client::new(
        server
            .config()
            .attempt_timeout(Duration::from_millis(200))
            .retry(RetryPolicy::none()),
    )
    .unwrap();
    let started = std::time::Instant::now();
    match associate(&client).send().await {
        Err(Error::Timeout { after, attempts }) => {
            assert_eq!(after, Duration::from_millis(200));
            assert_eq!(attempts, 1);
        }
        other => panic!("{other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_validation_failure_sends_nothing() {
    let server = MockServer::start().await.unwrap();
    let client = server.client().unwrap();
    let invalid = client
        .associate_eip_address()
        .eip_ids(["eip-1"])
        .nic_id("nic-1");
    match invalid.send().await {
        Err(Error::Validation(v)) => assert_eq!(v.violations[0].field, "lanIp"),
        other => panic!("{other:?}"),
    }
    // Required members left unset are reported with every other problem, by wire name.
    match client.associate_eip_address().nat_id("nat-1").send().await {
        Err(Error::Validation(v)) => {
            let fields: Vec<&str> = v.violations.iter().map(|v| v.field.as_str()).collect();
            assert_eq!(fields, ["eipIds"]);
            assert_eq!(v.violations[0].rule, RuleKind::Required);
        }
        other => panic!("{other:?}"),
    }
    match client.create_snapshot().send().await {
        Err(Error::Validation(v)) => {
            let fields: Vec<&str> = v.violations.iter().map(|v| v.field.as_str()).collect();
            assert_eq!(fields, ["diskId", "snapshotName"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn an_out_of_range_item_of_a_number_list_is_refused_before_sending() {
    let server = MockServer::start().await.unwrap();
    let client = server.client().unwrap();
    let policy = |hours: Vec<i64>| {
        client
            .create_auto_snapshot_policy()
            .zone_id("asia-east-1a")
            .auto_snapshot_policy_name("nightly")
            .repeat_week_days([1, 7])
            .hours(hours)
    };
    match policy(vec![0, 24]).send().await {
        Err(Error::Validation(v)) => {
            assert_eq!(v.violations.len(), 1, "{v}");
            assert_eq!(v.violations[0].field, "hours[1]");
            assert_eq!(v.violations[0].rule, RuleKind::Range);
        }
        other => panic!("{other:?}"),
    }
    assert!(server.requests().is_empty());
    // The same list in range is sent.
    policy(vec![0, 23]).send().await.unwrap();
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn the_mock_validates_bodies_with_the_documented_codes() {
    let server = MockServer::start().await.unwrap();
    let post = |body: &'static str| raw_post(&server, body, now(), |b| b.to_string());
    let (status, answer) = post(r#"{"natId":"nat-1"}"#).await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (400, Some("MISSING_PARAMETER"))
    );
    assert!(answer["message"].as_str().unwrap().contains("eipIds"));
    let (status, answer) = post(r#"{"eipIds":"eip-1","natId":"nat-1"}"#).await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (400, Some("INVALID_PARAMETER_TYPE"))
    );
    let (status, answer) = post(r#"{"eipIds":["eip-1"],"natId":"nat-1","nicId":"nic-1"}"#).await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (400, Some("INVALID_PARAMETER_VALUE"))
    );
}

fn snapshot(id: &str, status: &str) -> Value {
    json!({"snapshotId": id, "status": status, "snapshotName": id})
}

fn page(total: i64, items: &[Value]) -> Value {
    json!({"totalCount": total, "dataSet": items})
}

#[tokio::test]
async fn pagination_yields_every_item_once_and_stops_at_the_total() {
    let server = MockServer::start().await.unwrap();
    let ids = ["a", "b", "c", "d", "e"];
    let items: Vec<Value> = ids.iter().map(|i| snapshot(i, "AVAILABLE")).collect();
    server.respond_json("DescribeSnapshots", page(5, &items[0..2]));
    server.respond_json("DescribeSnapshots", page(5, &items[2..4]));
    server.respond_json("DescribeSnapshots", page(5, &items[4..5]));
    let client = server.client().unwrap();
    let got: Vec<String> = client
        .describe_snapshots()
        .page_size(2)
        .stream()
        .map(|item| item.unwrap().snapshot_id.unwrap())
        .collect()
        .await;
    assert_eq!(got, ids);
    let pages: Vec<i64> = server
        .requests()
        .iter()
        .map(|r| r.json().unwrap()["pageNum"].as_i64().unwrap())
        .collect();
    assert_eq!(pages, [1, 2, 3], "no page is fetched after the total");
}

#[tokio::test]
async fn pagination_does_not_loop_on_a_server_that_ignores_page_numbers() {
    let server = MockServer::start().await.unwrap();
    let items: Vec<Value> = ["a", "b"]
        .iter()
        .map(|i| snapshot(i, "AVAILABLE"))
        .collect();
    // Claims 1000 items but answers the same page whatever pageNum says.
    server.respond_json("DescribeSnapshots", page(1000, &items));
    let client = server.client().unwrap();
    let results: Vec<_> = client.describe_snapshots().stream().collect().await;
    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok() && results[1].is_ok());
    let err = results[2].as_ref().unwrap_err().to_string();
    assert!(err.contains("ignores pageNum"), "{err}");
    assert_eq!(server.requests().len(), 2);

    // A total larger than what exists ends with an error at the first empty page (here for a
    // request built ahead of time).
    let server = MockServer::start().await.unwrap();
    server.respond_json("DescribeSnapshots", page(10, &items));
    server.respond_json("DescribeSnapshots", page(10, &[]));
    let results: Vec<_> = server
        .client()
        .unwrap()
        .paginate::<DescribeSnapshots>(DescribeSnapshotsRequest::default())
        .collect()
        .await;
    assert_eq!(results.len(), 3);
    assert!(matches!(&results[2], Err(Error::Pagination(p)) if p.page == 2 && p.received == 2));
}

fn quick() -> WaitOptions {
    WaitOptions::new(Duration::from_millis(5), Duration::from_secs(5))
}

#[tokio::test]
async fn waiter_succeeds_when_the_documented_state_is_reached() {
    let server = MockServer::start().await.unwrap();
    server.respond_json("CreateSnapshot", json!({"snapshotId": "snap-1"}));
    for status in ["CREATING", "CREATING", "AVAILABLE"] {
        server.respond_json("DescribeSnapshots", page(1, &[snapshot("snap-1", status)]));
    }
    let client = server.client().unwrap();
    let done = client
        .create_snapshot()
        .disk_id("disk-1")
        .snapshot_name("nightly")
        .send_and_wait(quick())
        .await
        .unwrap();
    assert_eq!(done.response.snapshot_id.as_deref(), Some("snap-1"));
    assert_eq!(
        done.states,
        [("snap-1".to_string(), Some("AVAILABLE".to_string()))]
    );
    let polls: Vec<Value> = server
        .requests()
        .iter()
        .filter(|r| r.action.as_deref() == Some("DescribeSnapshots"))
        .map(|r| r.json().unwrap())
        .collect();
    assert_eq!(polls.len(), 3);
    assert_eq!(polls[0]["snapshotIds"], json!(["snap-1"]));
}

#[tokio::test]
async fn send_and_wait_reports_a_failed_call_and_keeps_the_response_of_a_failed_wait() {
    let server = MockServer::start().await.unwrap();
    let client = server.client().unwrap();
    // A request that fails validation is neither sent nor waited for.
    match client
        .create_snapshot()
        .disk_id("disk-1")
        .send_and_wait(quick())
        .await
    {
        Err(SendAndWaitError::Send(Error::Validation(v))) => {
            assert_eq!(v.violations[0].field, "snapshotName");
        }
        other => panic!("{other:?}"),
    }
    assert!(server.requests().is_empty());

    // The instance the call created fails; the error still names it.
    server.respond_json("CreateZecInstances", json!({"instanceIdSet": ["i-1"]}));
    server.respond_json(
        "DescribeInstances",
        page(
            1,
            &[json!({"instanceId": "i-1", "status": "CREATE_FAILED"})],
        ),
    );
    let err = client
        .create_zec_instances()
        .zone_id("asia-east-1a")
        .image_id("img-1")
        .instance_type("z2a.cpu.1")
        .instance_count(1)
        .subnet_id("subnet-1")
        .send_and_wait(quick())
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "CreateZecInstances succeeded, but waiting failed: i-1 reached the failure state CREATE_FAILED"
    );
    match err {
        SendAndWaitError::Wait { response, error } => {
            assert_eq!(response.instance_id_set, Some(vec!["i-1".to_string()]));
            assert!(matches!(error, WaitError::Failed { .. }), "{error:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn waiter_fails_fast_on_the_failure_state() {
    let server = MockServer::start().await.unwrap();
    server.register::<CopySnapshot>(None);
    server.respond_json("CopySnapshot", json!({"snapshotId": "snap-2"}));
    server.respond_json(
        "DescribeSnapshots",
        page(1, &[snapshot("snap-2", "CREATING")]),
    );
    server.respond_json(
        "DescribeSnapshots",
        page(1, &[snapshot("snap-2", "FAILED")]),
    );
    server.respond_json(
        "DescribeSnapshots",
        page(1, &[snapshot("snap-2", "AVAILABLE")]),
    );
    let client = server.client().unwrap();
    let request = CopySnapshotRequest::default().snapshot_id("snap-1");
    let response = client.send(request.clone()).await.unwrap();
    match client
        .wait::<CopySnapshot>(&request, &response, quick())
        .await
    {
        Err(WaitError::Failed { id, state }) => {
            assert_eq!((id.as_str(), state.as_str()), ("snap-2", "FAILED"));
        }
        other => panic!("{other:?}"),
    }
}

// Paused time: the 100 ms of the wait pass only when nothing else can, so a loaded machine
// cannot make the first poll outlast it.
#[tokio::test(start_paused = true)]
async fn waiter_gives_up_after_its_timeout() {
    let server = MockServer::start().await.unwrap();
    server.respond_json("CreateSnapshot", json!({"snapshotId": "snap-3"}));
    server.respond_json(
        "DescribeSnapshots",
        page(1, &[snapshot("snap-3", "CREATING")]),
    );
    let client = server.client().unwrap();
    // A request built ahead of time, sent, then waited for.
    let request = client
        .create_snapshot()
        .disk_id("disk-1")
        .snapshot_name("nightly")
        .request();
    let response = client.send(request.clone()).await.unwrap();
    let options = WaitOptions::new(Duration::from_millis(10), Duration::from_millis(100));
    match client
        .wait::<CreateSnapshot>(&request, &response, options)
        .await
    {
        Err(WaitError::TimedOut { last, .. }) => {
            assert_eq!(last, [("snap-3".to_string(), Some("CREATING".to_string()))]);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_client_written_apart_from_ours_talks_to_the_mock() {
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        // In CI the check must run: its absence fails rather than passes by skipping.
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 is not installed, and CI is set: the check of a client written apart \
             from ours cannot be skipped in CI"
        );
        eprintln!("skipping: python3 is not installed");
        return;
    }
    let server = MockServer::start().await.unwrap();
    let script = zec_tests::workspace().join("scripts/foreign_client.py");
    let endpoint = server.endpoint();
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new("python3")
            .arg(script)
            .args([&endpoint, MOCK_ACCESS_KEY_ID, MOCK_ACCESS_KEY_SECRET])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        ["200 ok", "401 AUTHFAILURE_SIGNATURE_FAILURE", "200 ok"]
    );
}
