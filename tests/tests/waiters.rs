//! Waiters: every poll counts against the timeout, passing poll failures do not end the wait,
//! other failures and documented failure states do.

use serde_json::{Value, json};
use std::time::{Duration, Instant};
use zec_api::actions::{CreateSnapshot, CreateSnapshotRequest, CreateSnapshotResponse};
use zec_api::mock::{Fault, MockServer};
use zec_api::{Client, Error, RetryPolicy, WaitError, WaitOptions};

fn listing(status: &str) -> Value {
    json!({"totalCount": 1, "dataSet": [{"snapshotId": "snap-1", "status": status}]})
}

/// A snapshot made on `server`, to wait for.
async fn created(
    client: &Client,
    server: &MockServer,
) -> (CreateSnapshotRequest, CreateSnapshotResponse) {
    server.respond_json("CreateSnapshot", json!({"snapshotId": "snap-1"}));
    let request = CreateSnapshotRequest::default()
        .disk_id("disk-1")
        .snapshot_name("nightly");
    let response = client.send(request.clone()).await.unwrap();
    (request, response)
}

fn polls(server: &MockServer) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.action.as_deref() == Some("DescribeSnapshots"))
        .count()
}

#[tokio::test]
async fn a_slow_poll_counts_against_the_timeout() {
    let server = MockServer::start().await.unwrap();
    let client = server.client().unwrap();
    let (request, response) = created(&client, &server).await;
    server.respond_json("DescribeSnapshots", listing("CREATING"));
    // Each poll would take 5 s; the wait may take 300 ms.
    server.inject_for(
        "DescribeSnapshots",
        Fault::Delay(Duration::from_secs(5)),
        10,
    );
    let started = Instant::now();
    let options = WaitOptions::new(Duration::from_millis(20), Duration::from_millis(300));
    match client
        .wait::<CreateSnapshot>(&request, &response, options)
        .await
    {
        Err(WaitError::TimedOut { waited, .. }) => {
            assert!(waited < Duration::from_secs(5), "{waited:?}")
        }
        other => panic!("{other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_server_error_while_polling_does_not_end_the_wait() {
    let server = MockServer::start().await.unwrap();
    // No retries inside a poll: the waiter itself goes on after the failure.
    let client = Client::new(server.config().retry(RetryPolicy::none())).unwrap();
    let (request, response) = created(&client, &server).await;
    server.respond_json("DescribeSnapshots", listing("AVAILABLE"));
    server.inject_for("DescribeSnapshots", Fault::Status(503), 1);
    server.inject_for("DescribeSnapshots", Fault::Throttle, 1);
    let options = WaitOptions::new(Duration::from_millis(5), Duration::from_secs(10));
    let states = client
        .wait::<CreateSnapshot>(&request, &response, options)
        .await
        .unwrap();
    assert_eq!(
        states,
        [("snap-1".to_string(), Some("AVAILABLE".to_string()))]
    );
    assert_eq!(polls(&server), 3);
}

// Paused time: the polls take no time on tokio's clock, so however loaded the machine, the
// 200 ms of the wait see many of them.
#[tokio::test(start_paused = true)]
async fn polls_that_keep_failing_end_at_the_timeout_with_the_last_failure() {
    let server = MockServer::start().await.unwrap();
    let client = Client::new(server.config().retry(RetryPolicy::none())).unwrap();
    let (request, response) = created(&client, &server).await;
    server.inject_for("DescribeSnapshots", Fault::Status(503), 1000);
    let options = WaitOptions::new(Duration::from_millis(10), Duration::from_millis(200));
    match client
        .wait::<CreateSnapshot>(&request, &response, options)
        .await
    {
        Err(WaitError::TimedOut {
            last_error: Some(e),
            ..
        }) => assert_eq!(e.http_status(), Some(503)),
        other => panic!("{other:?}"),
    }
    // One poll at the start and one after each 10 ms interval that fits in the 200 ms.
    assert!(polls(&server) >= 10, "{}", polls(&server));
}

#[tokio::test]
async fn an_error_that_will_not_pass_ends_the_wait() {
    let server = MockServer::start().await.unwrap();
    let client = server.client().unwrap();
    let (request, response) = created(&client, &server).await;
    server.respond_error(
        "DescribeSnapshots",
        403,
        "AUTHFAILURE_UNAUTHORIZED_OPERATION",
        "not allowed",
    );
    let options = WaitOptions::new(Duration::from_millis(5), Duration::from_secs(10));
    match client
        .wait::<CreateSnapshot>(&request, &response, options)
        .await
    {
        Err(WaitError::Poll(Error::Api(e))) => assert_eq!(e.http_status, 403),
        other => panic!("{other:?}"),
    }
    assert_eq!(polls(&server), 1);
}
