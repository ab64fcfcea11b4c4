//! Fluent calls against the mock server: every value named at the call site, required members
//! checked when the call is sent, pages streamed from the same builder.

use futures_util::StreamExt;
use serde_json::{Value, json};
use zec_api::actions::AssociateEipAddressRequest;
use zec_api::mock::MockServer;
use zec_api::types::BindType;
use zec_api::validation::RuleKind;
use zec_api::{Error, ValidationError};

fn violations(error: &ValidationError) -> Vec<(&str, RuleKind)> {
    error
        .violations
        .iter()
        .map(|v| (v.field.as_str(), v.rule))
        .collect()
}

#[tokio::test]
async fn a_call_names_every_value_and_sends_exactly_those() {
    let server = MockServer::start().await.unwrap();
    let client = server.client().unwrap();
    let response = client
        .associate_eip_address()
        .eip_ids(vec!["eip-1".to_string()])
        .nic_id("nic-1")
        .lan_ip("10.0.0.2")
        .send()
        .await
        .unwrap();
    assert!(response.request_id.is_some());
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].status, 200);
    assert_eq!(
        requests[0].json().unwrap(),
        json!({"eipIds": ["eip-1"], "nicId": "nic-1", "lanIp": "10.0.0.2"})
    );
}

#[tokio::test]
async fn a_missing_required_member_is_refused_before_anything_is_sent() {
    let server = MockServer::start().await.unwrap();
    let client = server.client().unwrap();
    match client.associate_eip_address().nat_id("nat-1").send().await {
        Err(Error::Validation(v)) => {
            assert_eq!(violations(&v), [("eipIds", RuleKind::Required)]);
            assert_eq!(
                v.to_string(),
                "invalid AssociateEipAddress request (1 problem): eipIds: is required"
            );
        }
        other => panic!("{other:?}"),
    }
    // Every required member of an action with four, at once.
    match client.create_zec_instances().send().await {
        Err(Error::Validation(v)) => {
            let fields: Vec<&str> = v.violations.iter().map(|v| v.field.as_str()).collect();
            assert_eq!(fields, ["zoneId", "imageId", "instanceType", "subnetId"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(server.requests().is_empty(), "nothing went on the wire");
}

fn instance(id: &str) -> Value {
    json!({"instanceId": id, "status": "RUNNING"})
}

#[tokio::test]
async fn a_list_call_streams_every_page_to_the_end() {
    let server = MockServer::start().await.unwrap();
    let all: Vec<Value> = ["i-1", "i-2", "i-3", "i-4", "i-5"]
        .iter()
        .map(|id| instance(id))
        .collect();
    for chunk in all.chunks(2) {
        server.respond_json(
            "DescribeInstances",
            json!({"totalCount": 5, "dataSet": chunk}),
        );
    }
    let client = server.client().unwrap();
    let ids: Vec<String> = client
        .describe_instances()
        .page_size(2)
        .stream()
        .map(|item| item.unwrap().instance_id.unwrap())
        .collect()
        .await;
    assert_eq!(ids, ["i-1", "i-2", "i-3", "i-4", "i-5"]);
    let sent: Vec<(i64, i64)> = server
        .requests()
        .iter()
        .map(|r| {
            let body = r.json().unwrap();
            (
                body["pageNum"].as_i64().unwrap(),
                body["pageSize"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(sent, [(1, 2), (2, 2), (3, 2)]);
}

#[tokio::test]
async fn a_call_hands_out_its_request_for_sending_later() {
    let server = MockServer::start().await.unwrap();
    let client = server.client().unwrap();
    let call = client
        .associate_eip_address()
        .eip_ids(["eip-1", "eip-2"])
        .load_balancer_id("lb-1");
    // Cloned, the same call can be sent again (retries of one's own).
    call.clone().send().await.unwrap();
    let request = call.request();
    assert_eq!(
        request,
        AssociateEipAddressRequest::default()
            .eip_ids(["eip-1", "eip-2"])
            .load_balancer_id("lb-1")
    );
    client.send(request).await.unwrap();
    let bodies: Vec<Value> = server
        .requests()
        .iter()
        .map(|r| r.json().unwrap())
        .collect();
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0], bodies[1]);
}

#[test]
fn enum_setters_take_the_enum_or_its_wire_text() {
    let client = zec_api::Client::new(zec_api::Config::new()).unwrap();
    let typed = client
        .associate_eip_address()
        .bind_type(BindType::Passthrough)
        .request();
    let text = client
        .associate_eip_address()
        .bind_type("Passthrough")
        .request();
    let owned = client
        .associate_eip_address()
        .bind_type(String::from("Passthrough"))
        .request();
    assert_eq!(typed.bind_type, Some(BindType::Passthrough));
    assert_eq!(typed, text);
    assert_eq!(typed, owned);
    // A value this version does not know is kept and sent as it is.
    let unknown = client.associate_eip_address().bind_type("Turbo").request();
    assert_eq!(unknown.bind_type, Some(BindType::Unknown("Turbo".into())));
}
