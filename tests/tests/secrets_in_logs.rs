//! Secrets never reach `Debug` output or logs. In its own test binary: `tracing` caches
//! which call sites are enabled per process, so a test that captures logs must not share the
//! process with tests that run without a subscriber.

use zec_api::mock::{Fault, MockOptions, MockServer};
use zec_api::{Client, Credentials};

#[test]
fn secrets_never_appear_in_debug_or_logs() {
    let secret = "s3cr3t-v4lue-that-must-not-leak";
    let captured = zec_tests::CapturedLogs::default();
    let subscriber = captured.subscriber(tracing::Level::TRACE);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    tracing::subscriber::with_default(subscriber, || {
        runtime.block_on(async {
            let server = MockServer::start_with(MockOptions::default().access_key("AKID", secret))
                .await
                .unwrap();
            server.inject(Fault::Throttle, 1);
            server.inject(Fault::Status(500), 1);
            let client = server.client().unwrap();
            // A read, so that the server error is retried as well as the throttling.
            client.describe_snapshots().send().await.unwrap();
            let wrong = Client::new(
                server
                    .config()
                    .credentials(Credentials::access_key("AKID", format!("{secret}-wrong"))),
            )
            .unwrap();
            let err = wrong
                .associate_eip_address()
                .eip_ids(["eip-1"])
                .nat_id("nat-1")
                .send()
                .await
                .unwrap_err();
            // A call being built shows its request, with passwords redacted.
            let call = client.create_zec_instances().password(secret);
            let shown = format!("{err} {err:?} {client:?} {:?} {call:?}", client.config());
            assert!(shown.contains("<redacted>"), "{shown}");
            assert!(!shown.contains(secret), "{shown}");
        });
    });
    let logs = captured.text();
    assert!(logs.contains("DescribeSnapshots"), "{logs}");
    assert!(logs.contains("AssociateEipAddress"), "{logs}");
    assert!(logs.contains("retrying"), "{logs}");
    assert!(!logs.contains(secret), "{logs}");
}

#[test]
fn secrets_an_answer_repeats_stay_out_of_logs() {
    use tokio::io::AsyncWriteExt;
    use zec_api::actions::{CreateSnapshot, CreateSnapshotRequest, CreateSnapshotResponse};
    use zec_api::{Config, RetryPolicy, WaitOptions};

    let token = "tok-5b2d4a6c8e0f1a3b5c7d9e1f3f9a1c7e";
    let captured = zec_tests::CapturedLogs::default();
    let subscriber = captured.subscriber(tracing::Level::TRACE);
    // Paused time: the waiter's polls take no real time.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap();
    tracing::subscriber::with_default(subscriber, || {
        runtime.block_on(async {
            // A proxy whose error page repeats the request's headers.
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            tokio::spawn(async move {
                while let Ok((mut stream, _)) = listener.accept().await {
                    tokio::spawn(async move {
                        let Some(head) = zec_tests::read_request(&mut stream).await else {
                            return;
                        };
                        let page = format!("<html><pre>{head}</pre></html>");
                        let answer = format!(
                            "HTTP/1.1 502 Bad Gateway\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                            page.len()
                        );
                        let _ = stream.write_all(answer.as_bytes()).await;
                    });
                }
            });
            let client = Client::new(
                Config::new()
                    .endpoint(format!("http://{addr}"))
                    .credentials(Credentials::token(token))
                    .retry(RetryPolicy::default().max_attempts(2)),
            )
            .unwrap();
            let request = CreateSnapshotRequest::default()
                .disk_id("disk-1")
                .snapshot_name("nightly");
            let response: CreateSnapshotResponse =
                serde_json::from_value(serde_json::json!({"snapshotId": "snap-1"})).unwrap();
            // Each poll's failure is logged with its text, then the wait times out.
            let options = WaitOptions::new(
                std::time::Duration::from_secs(1),
                std::time::Duration::from_secs(5),
            );
            let err = client
                .wait::<CreateSnapshot>(&request, &response, options)
                .await
                .unwrap_err();
            let shown = format!("{err} {err:?}");
            assert!(shown.contains("<redacted>"), "{shown}");
            assert!(!shown.contains(token), "{shown}");
        });
    });
    let logs = captured.text();
    assert!(logs.contains("a poll failed"), "{logs}");
    assert!(logs.contains("authorization: <redacted>"), "{logs}");
    assert!(!logs.contains(token), "{logs}");
}
