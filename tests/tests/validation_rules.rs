//! Rules read from the docs, checked on real actions through their request types: what they
//! refuse and what they let through.

use zec_api::catalog;

/// Validate a JSON request body of `action` as the client and the mock server do.
fn check(action: &str, body: &str) -> Result<(), String> {
    let info =
        catalog::find("zec", action).unwrap_or_else(|| panic!("{action} is not in the catalog"));
    (info.check_request)(body.as_bytes()).map_err(|e| e.to_string())
}

#[test]
fn a_boolean_counts_as_given_only_when_true() {
    // "`isAllSubnet` is mutually exclusive with `subnetIds`": false leaves the list free.
    let ok = r#"{"natGatewayId": "nat-1", "isAllSubnet": false, "subnetIds": ["subnet-1"]}"#;
    assert_eq!(check("ModifyNatGatewayAttribute", ok), Ok(()));
    let both = r#"{"natGatewayId": "nat-1", "isAllSubnet": true, "subnetIds": ["subnet-1"]}"#;
    let err = check("ModifyNatGatewayAttribute", both).unwrap_err();
    assert!(
        err.contains("isAllSubnet") && err.contains("subnetIds"),
        "{err}"
    );
}

#[test]
fn fields_the_docs_contradict_are_optional() {
    // Marked required, but with a default, or left out by the docs' own examples.
    assert_eq!(
        check(
            "ModifyCrossRegionBandwidth",
            r#"{"crossRegionBandwidthId": "crb-1", "bandwidthCap": 200}"#
        ),
        Ok(())
    );
    assert_eq!(
        check(
            "InquiryPriceCreateInstance",
            r#"{"zoneId": "asia-east-1a", "instanceType": "z2a.cpu.1", "eipV4Type": "BGPLine", "internetChargeType": "ByBandwidth", "bandwidth": 10}"#
        ),
        Ok(())
    );
    // A name with a pattern is expanded by the server; its length is not checked here.
    let long = format!(
        r#"{{"zoneId": "z", "imageId": "i", "instanceType": "t", "subnetId": "s", "instanceName": "{}_[1,6]"}}"#,
        "a".repeat(60)
    );
    assert_eq!(check("CreateZecInstances", &long), Ok(()));
    // What the docs do require is still checked.
    let err = check("CreateZecInstances", r#"{"zoneId": "z"}"#).unwrap_err();
    assert!(err.contains("imageId"), "{err}");
}
