//! Products besides ZEC, called through the one `Client` against the mock server: each call is
//! signed for its own service and version and posted to its own path, and gets the same
//! validation, retries, typed errors, page streams and waiters as ZEC's.

use futures_util::StreamExt;
use zec_api::mock::{Fault, MockServer};
use zec_api::zlb::actions::{
    DescribeLoadBalancers, DescribeLoadBalancersResponse, RegisterBackendError,
};
use zec_api::zlb::types::{LoadBalancer, LoadBalancerStatus};
use zec_api::{Error, WaitOptions};

#[tokio::test]
async fn a_call_of_another_product_is_signed_for_its_service_and_posted_to_its_path() {
    let server = MockServer::start().await.unwrap();
    let client = server.client().unwrap();
    let response = client
        .zlb()
        .describe_load_balancers()
        .region_id("asia-east-1")
        .send()
        .await
        .expect("the mock answers with the page's example");
    assert!(!response.data_set.unwrap_or_default().is_empty());
    let keys = client.ccs().describe_key_pairs().send().await.unwrap();
    assert!(keys.total_count.is_some());

    let requests = server.requests();
    let zlb = &requests[0];
    assert_eq!(zlb.service.as_deref(), Some("zlb"));
    assert_eq!(zlb.header("x-zc-service"), Some("zlb"));
    assert_eq!(zlb.header("x-zc-version"), Some(zec_api::zlb::API_VERSION));
    assert_eq!(zec_api::zlb::API_VERSION, "2025-04-01");
    assert!(
        zlb.header("authorization")
            .is_some_and(|a| a.starts_with("ZC2-HMAC-SHA256"))
    );
    let ccs = &requests[1];
    assert_eq!(ccs.service.as_deref(), Some("ccs"));
    assert_eq!(ccs.header("x-zc-version"), Some("2025-09-01"));
    // ZEC keeps its own constants and path.
    client.describe_zones().send().await.unwrap();
    let zec = &server.requests()[2];
    assert_eq!(zec.service.as_deref(), Some("zec"));
    assert_eq!(zec.header("x-zc-version"), Some(zec_api::API_VERSION));
}

#[tokio::test]
async fn validation_and_retries_are_the_clients_for_every_product() {
    let server = MockServer::start().await.unwrap();
    let client = server.client().unwrap();
    // DescribeLoadBalancerMonitorData requires its load balancer, metric and window.
    let refused = client
        .zlb()
        .describe_load_balancer_monitor_data()
        .send()
        .await;
    match refused {
        Err(Error::Validation(v)) => {
            let fields: Vec<&str> = v.violations.iter().map(|x| x.field.as_str()).collect();
            assert!(fields.contains(&"loadBalancerId"), "{fields:?}");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(server.received(), 0, "nothing is sent");

    // Throttling is retried for a product's write as for ZEC's.
    server.inject(Fault::Throttle, 1);
    client
        .zrm()
        .create_tags()
        .tags([zec_api::zrm::types::Tag::default().key("team").value("web")])
        .send()
        .await
        .expect("retried after throttling");
    assert_eq!(server.received(), 2);
}

#[tokio::test]
async fn error_codes_of_a_products_action_arrive_typed() {
    let server = MockServer::start().await.unwrap();
    let client = server.client().unwrap();
    let code = "INVALID_LB_LISTENER_NOT_FOUND";
    server.respond_error("RegisterBackend", 404, code, "no such listener");
    let result = client
        .zlb()
        .register_backend()
        .load_balancer_id("lb-1")
        .listener_id("lsn-1")
        .backend_servers([zec_api::zlb::types::BackendServer::default()
            .private_ip_address("10.0.0.5")
            .port(80)])
        .send()
        .await;
    match result {
        Err(Error::Api(e)) => {
            assert_eq!(e.code, code);
            assert_eq!(e.error, RegisterBackendError::InvalidLbListenerNotFound);
            assert_eq!(e.error.http_status(), Some(404));
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn list_actions_of_a_product_stream_every_page() {
    let server = MockServer::start().await.unwrap();
    let client = server.client().unwrap();
    let page = |ids: &[&str]| {
        DescribeLoadBalancersResponse::default()
            .total_count(3)
            .data_set(ids.iter().map(|id| {
                LoadBalancer::default()
                    .load_balancer_id(*id)
                    .status(LoadBalancerStatus::Running)
            }))
    };
    server.respond::<DescribeLoadBalancers>(page(&["lb-1", "lb-2"]));
    server.respond::<DescribeLoadBalancers>(page(&["lb-3"]));
    let ids: Vec<String> = client
        .zlb()
        .describe_load_balancers()
        .page_size(2)
        .stream()
        .map(|item| item.unwrap().load_balancer_id.unwrap())
        .collect()
        .await;
    assert_eq!(ids, ["lb-1", "lb-2", "lb-3"]);
}

#[tokio::test]
async fn an_asynchronous_action_of_a_product_waits_for_its_documented_state() {
    let server = MockServer::start().await.unwrap();
    let client = server.client().unwrap();
    // CreateLoadBalancer is asynchronous: wait until DescribeLoadBalancers shows RUNNING.
    let created = serde_json::json!({"loadBalancerIds": ["lb-9"], "orderNumber": "1"});
    server.respond_json("CreateLoadBalancer", created);
    let creating = DescribeLoadBalancersResponse::default()
        .total_count(1)
        .data_set([LoadBalancer::default()
            .load_balancer_id("lb-9")
            .status(LoadBalancerStatus::Creating)]);
    let running = DescribeLoadBalancersResponse::default()
        .total_count(1)
        .data_set([LoadBalancer::default()
            .load_balancer_id("lb-9")
            .status(LoadBalancerStatus::Running)]);
    server.respond::<DescribeLoadBalancers>(creating);
    server.respond::<DescribeLoadBalancers>(running);
    let options = WaitOptions::new(
        std::time::Duration::from_millis(1),
        std::time::Duration::from_secs(10),
    );
    let waited = client
        .zlb()
        .create_load_balancer()
        .region_id("asia-east-1")
        .load_balancer_name("web")
        .send_and_wait(options)
        .await
        .expect("waited until RUNNING");
    assert_eq!(
        waited.states,
        [("lb-9".to_string(), Some("RUNNING".to_string()))]
    );
    let polls = server
        .requests()
        .iter()
        .filter(|r| r.action.as_deref() == Some("DescribeLoadBalancers"))
        .count();
    assert_eq!(polls, 2, "CREATING, then RUNNING");
}
