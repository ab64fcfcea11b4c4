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

#[test]
fn every_item_of_a_number_list_is_checked_against_its_range() {
    // "hours: Value range: [0, 23]" applies to each hour of the list.
    let body = |hours: &str| {
        format!(
            r#"{{"zoneId": "z", "autoSnapshotPolicyName": "nightly", "repeatWeekDays": [1, 7], "hours": {hours}}}"#
        )
    };
    assert_eq!(
        check("CreateAutoSnapshotPolicy", &body("[0, 12, 23]")),
        Ok(())
    );
    let err = check("CreateAutoSnapshotPolicy", &body("[0, 24, 3, -1]")).unwrap_err();
    assert!(
        err.contains("hours[1]: must be between 0 and 23, is 24")
            && err.contains("hours[3]: must be between 0 and 23, is -1"),
        "{err}"
    );
    assert!(
        !err.contains("hours[0]") && !err.contains("hours[2]"),
        "{err}"
    );
}
