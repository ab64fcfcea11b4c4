//! A way past a documented rule that is wrong: validation can enforce (the default), warn or
//! be off, for a client or for some calls.
//!
//! In its own test binary, because it captures `tracing` output for the whole process.

use zec_api::actions::AssociateEipAddressRequest;
use zec_api::mock::{MockOptions, MockServer};
use zec_api::{Client, Error, ValidationMode};

/// Breaks a documented rule: `lanIp` is required with `nicId`.
fn breaks_a_rule() -> AssociateEipAddressRequest {
    AssociateEipAddressRequest::default()
        .eip_ids(["eip-1"])
        .nic_id("nic-1")
}

// One test, so that what it reads from the log is what it caused.
#[test]
fn enforce_warn_and_off_per_client_and_per_call() {
    let captured = zec_tests::CapturedLogs::global();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        // The mock accepts what breaks the rule, as a server whose docs are wrong would.
        let server = MockServer::start_with(MockOptions::default().validation(ValidationMode::Off))
            .await
            .unwrap();
        let warned = || {
            captured
                .lines_with("sending a request that breaks documented rules")
                .len()
        };

        // Enforce, the default: nothing is sent.
        let client = server.client().unwrap();
        assert_eq!(client.validation_mode(), ValidationMode::Enforce);
        match client.send(breaks_a_rule()).await {
            Err(Error::Validation(v)) => assert_eq!(v.violations[0].field, "lanIp"),
            other => panic!("{other:?}"),
        }
        assert_eq!(server.received(), 0);

        // Warn for the client: a warning naming the violations, and the request is sent.
        let warn = Client::new(server.config().validation(ValidationMode::Warn)).unwrap();
        warn.send(breaks_a_rule()).await.unwrap();
        assert_eq!(server.received(), 1);
        assert_eq!(warned(), 1);
        assert_eq!(captured.lines_with("lanIp: is required when").len(), 1);
        assert_eq!(
            captured.lines_with("action=\"AssociateEipAddress\"").len(),
            1
        );

        // Off for one call, through a view that shares the client's connections.
        let off = client.with_validation(ValidationMode::Off);
        assert!(std::ptr::eq(off.config(), client.config()));
        off.send(breaks_a_rule()).await.unwrap();
        assert_eq!(server.received(), 2);
        assert_eq!(warned(), 1, "Off does not warn");
        // The client the view came from still enforces.
        assert!(client.send(breaks_a_rule()).await.is_err());
        assert_eq!(server.received(), 2);

        // Warn for one call.
        client
            .with_validation(ValidationMode::Warn)
            .send(breaks_a_rule())
            .await
            .unwrap();
        assert_eq!(server.received(), 3);
        assert_eq!(warned(), 2);

        // A server that enforces the rule still judges: the request arrives and is refused.
        let strict = MockServer::start().await.unwrap();
        let err = strict
            .client()
            .unwrap()
            .with_validation(ValidationMode::Off)
            .send(breaks_a_rule())
            .await
            .unwrap_err();
        match err {
            Error::Api(e) => {
                assert_eq!(
                    (e.http_status, e.code.as_str()),
                    (400, "INVALID_PARAMETER_VALUE")
                )
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(strict.received(), 1);
    });
}
