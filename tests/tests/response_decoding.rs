//! Answers whose members have other types than the docs say, through the mock server: a
//! lossless conversion is made, anything else degrades that one member (or drops that one list
//! item) with a warning naming the action, the member's path and the JSON kind received.
//!
//! In its own test binary, because it captures `tracing` output for the whole process.

use serde_json::{Value, json};
use zec_api::Error;

use zec_api::mock::MockServer;
use zec_api::types::{InstanceInfo, InstanceState};
use zec_tests::CapturedLogs;

fn logs() -> &'static CapturedLogs {
    CapturedLogs::global()
}

/// The warning lines about `member` (a whole path).
fn warnings_about(member: &str) -> Vec<String> {
    logs().lines_with(&format!("member={member} "))
}

fn assert_warned(member: &str, received: &str, outcome: &str) {
    let lines = warnings_about(member);
    assert_eq!(lines.len(), 1, "{member}: {lines:#?}");
    let line = &lines[0];
    assert!(line.contains("WARN"), "{line}");
    assert!(line.contains("action=\"DescribeInstances\""), "{line}");
    assert!(line.contains(&format!("received=\"{received}\"")), "{line}");
    assert!(line.contains(outcome), "{line}");
}

fn instance(id: &str) -> Value {
    json!({
        "instanceId": id,
        "instanceName": "web",
        "cpu": 2,
        "memory": 4,
        "enableAgent": true,
        "status": "RUNNING",
        "publicIpAddresses": ["203.0.113.7"],
        "systemDisk": {"diskId": "disk-sys", "diskSize": 20},
        "dataDisks": [{"diskId": "disk-a", "portable": true}]
    })
}

async fn describe(
    server: &MockServer,
) -> Result<
    zec_api::actions::DescribeInstancesResponse,
    Error<zec_api::actions::DescribeInstancesError>,
> {
    server.client().unwrap().describe_instances().send().await
}

#[tokio::test]
async fn scalars_that_convert_without_loss_are_converted() {
    logs();
    let server = MockServer::start().await.unwrap();
    let mut item = instance("ins-convert");
    item["cpu"] = json!("5");
    item["memory"] = json!(8.0);
    item["instanceName"] = json!(42);
    item["enableAgent"] = json!("false");
    item["systemDisk"]["diskSize"] = json!("40");
    server.respond_json(
        "DescribeInstances",
        json!({"totalCount": "1", "dataSet": [item]}),
    );
    let response = describe(&server).await.unwrap();
    assert_eq!(response.total_count, Some(1));
    let got = &response.data_set.unwrap()[0];
    assert_eq!(got.cpu, Some(5));
    assert_eq!(got.memory, Some(8));
    assert_eq!(got.instance_name.as_deref(), Some("42"));
    assert_eq!(got.enable_agent, Some(false));
    assert_eq!(got.system_disk.as_ref().unwrap().disk_size, Some(40));
    // Conversions lose nothing, so they are not warned about.
    for member in [
        "totalCount",
        "dataSet[0].memory",
        "dataSet[0].instanceName",
        "dataSet[0].enableAgent",
        "dataSet[0].systemDisk.diskSize",
    ] {
        assert!(warnings_about(member).is_empty(), "{member}");
    }
}

#[tokio::test]
async fn a_member_of_another_kind_becomes_none_and_the_rest_is_kept() {
    logs();
    let server = MockServer::start().await.unwrap();
    let mut first = instance("ins-first");
    // An array member answered as an object.
    first["publicIpAddresses"] = json!({"ip": "203.0.113.7"});
    // A number that is not an integer, for an integer member.
    first["cpu"] = json!(2.5);
    // An object member answered as a string.
    first["systemDisk"] = json!("disk-sys");
    let mut second = instance("ins-second");
    // One bad boolean inside one item of a nested list.
    second["dataDisks"] = json!([
        {"diskId": "disk-b", "portable": true},
        {"diskId": "disk-c", "portable": "sometimes"}
    ]);
    server.respond_json(
        "DescribeInstances",
        json!({"totalCount": 2, "dataSet": [first, second]}),
    );
    let items = describe(&server).await.unwrap().data_set.unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].public_ip_addresses, None);
    assert_eq!(items[0].cpu, None);
    assert_eq!(items[0].system_disk, None);
    assert_eq!(items[0].memory, Some(4), "the other members are kept");
    let disks = items[1].data_disks.as_ref().unwrap();
    assert_eq!(disks.len(), 2);
    assert_eq!(disks[0].portable, Some(true));
    assert_eq!(disks[1].portable, None);
    assert_eq!(disks[1].disk_id.as_deref(), Some("disk-c"));

    assert_warned("dataSet[0].publicIpAddresses", "object", "read as absent");
    assert_warned("dataSet[0].cpu", "number", "read as absent");
    assert_warned("dataSet[0].systemDisk", "string", "read as absent");
    assert_warned(
        "dataSet[1].dataDisks[1].portable",
        "string",
        "read as absent",
    );
}

#[tokio::test]
async fn an_unreadable_list_item_is_dropped() {
    logs();
    let server = MockServer::start().await.unwrap();
    let mut item = instance("ins-kept");
    item["publicIpAddresses"] = json!(["203.0.113.8", {"v4": "x"}, "203.0.113.9"]);
    server.respond_json(
        "DescribeInstances",
        json!({"totalCount": 3, "dataSet": ["ins-oops", item, null]}),
    );
    let items = describe(&server).await.unwrap().data_set.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].instance_id.as_deref(), Some("ins-kept"));
    assert_eq!(
        items[0].public_ip_addresses,
        Some(vec!["203.0.113.8".to_string(), "203.0.113.9".to_string()])
    );
    assert_warned("dataSet[0]", "string", "list item dropped");
    assert_warned(
        "dataSet[1].publicIpAddresses[1]",
        "object",
        "list item dropped",
    );
    assert_warned("dataSet[2]", "null", "list item dropped");
}

#[tokio::test]
async fn enums_keep_values_of_other_kinds_as_text() {
    logs();
    let server = MockServer::start().await.unwrap();
    let mut item = instance("ins-enum");
    item["status"] = json!(5);
    server.respond_json("DescribeInstances", json!({"dataSet": [item]}));
    let items = describe(&server).await.unwrap().data_set.unwrap();
    assert_eq!(items[0].status, Some(InstanceState::Unknown("5".into())));
}

#[tokio::test]
async fn a_response_that_is_not_an_object_is_undecodable() {
    logs();
    let server = MockServer::start().await.unwrap();
    server.respond_json("DescribeZones", json!(["zone-1"]));
    let err = server
        .client()
        .unwrap()
        .describe_zones()
        .send()
        .await
        .unwrap_err();
    match err {
        Error::Undecodable(u) => {
            assert_eq!(u.http_status, 200);
            assert!(
                u.reason.contains("expected an object, received an array"),
                "{}",
                u.reason
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn serde_deserialization_follows_the_same_policy() {
    logs();
    let info: InstanceInfo = serde_json::from_value(json!({
        "instanceId": "ins-serde",
        "cpu": "3",
        "nics": 7,
    }))
    .unwrap();
    assert_eq!(info.instance_id.as_deref(), Some("ins-serde"));
    assert_eq!(info.cpu, Some(3));
    assert_eq!(info.nics, None);
}

#[test]
fn numbers_beyond_an_f64_and_members_nested_too_deep_are_degraded_with_warnings() {
    logs();
    use zec_api::actions::DescribeInstances;
    // Built as text: a `serde_json::Value` 100,000 deep would overflow the stack when dropped.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    // Items at indices no other test of this binary warns about.
    let fillers = [r#"{"instanceId":"ins-filler"}"#; 7].join(",");
    let body = format!(
        r#"{{"requestId":"r-deep","response":{{"totalCount":9,
           "dataSet":[{fillers},{{"instanceId":"ins-deep","cpu":2e308,"instanceName":-1e309}},{deep}],
           "unknownDeep":{deep}}}}}"#
    );
    let (request_id, result) = zec_api::decode::<DescribeInstances>(200, body.as_bytes());
    assert_eq!(request_id.as_deref(), Some("r-deep"));
    let response = result.unwrap();
    assert_eq!(response.total_count, Some(9));
    let items = response.data_set.unwrap();
    assert_eq!(items.len(), 8);
    assert_eq!(items[7].instance_id.as_deref(), Some("ins-deep"));
    assert_eq!(items[7].cpu, None);
    // A number beyond an f64, for a text member, keeps its text.
    assert_eq!(items[7].instance_name.as_deref(), Some("-1e309"));
    assert_warned("dataSet[7].cpu", "string", "read as absent");
    assert_warned("dataSet[8]", "array", "list item dropped");
    let notes = logs().lines_with("nested deeper than 64 levels");
    assert!(
        notes.iter().any(|l| l.contains("deeper_than_64=2")
            && l.contains("beyond_f64=2")
            && l.contains("DescribeInstances")),
        "{notes:#?}"
    );
}
