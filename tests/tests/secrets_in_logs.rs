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
