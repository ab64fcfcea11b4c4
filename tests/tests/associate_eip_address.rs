//! Behaviour of the generated AssociateEipAddress bindings.

use serde_json::json;
use zec_api::ErrorCode;
use zec_api::actions::{
    AssociateEipAddressError, AssociateEipAddressRequest, AssociateEipAddressResponse,
};
use zec_api::errors::CommonError;
use zec_api::types::BindType;
use zec_api::validation::RuleKind;

/// A request built ahead of time, with its required `eipIds`.
fn with_eips() -> AssociateEipAddressRequest {
    AssociateEipAddressRequest::default().eip_ids(["eip-1", "eip-2"])
}

#[test]
fn no_target_is_rejected_naming_the_four_fields() {
    let err = with_eips().validate().unwrap_err();
    assert_eq!(err.violations.len(), 1);
    let v = &err.violations[0];
    assert_eq!(v.rule, RuleKind::ExactlyOneOf);
    assert_eq!(v.field, "loadBalancerId, nicId, natId, haVipId");
    assert!(v.message.contains("none is"), "{}", v.message);
}

#[test]
fn two_targets_are_rejected_naming_both() {
    let err = with_eips()
        .nat_id("nat-1")
        .load_balancer_id("lb-1")
        .validate()
        .unwrap_err();
    assert_eq!(err.violations.len(), 1);
    assert!(
        err.violations[0]
            .message
            .ends_with("2 are: `loadBalancerId`, `natId`"),
        "{}",
        err.violations[0].message
    );
}

#[test]
fn nic_without_lan_ip_is_rejected_naming_both_fields() {
    let err = with_eips().nic_id("nic-1").validate().unwrap_err();
    assert_eq!(err.violations.len(), 1);
    assert_eq!(err.violations[0].rule, RuleKind::RequiredIf);
    assert_eq!(err.violations[0].field, "lanIp");
    assert_eq!(err.violations[0].message, "is required when `nicId` is set");
    assert_eq!(
        err.to_string(),
        "invalid AssociateEipAddress request (1 problem): lanIp: is required when `nicId` is set"
    );
}

#[test]
fn every_violation_is_reported_at_once() {
    let err = with_eips()
        .nic_id("nic-1")
        .nat_id("nat-1")
        .validate()
        .unwrap_err();
    let rules: Vec<RuleKind> = err.violations.iter().map(|v| v.rule).collect();
    assert_eq!(rules, [RuleKind::RequiredIf, RuleKind::ExactlyOneOf]);
}

#[test]
fn vnic_request_is_valid_with_exact_wire_json() {
    let request = with_eips()
        .nic_id("nic-1")
        .lan_ip("10.0.0.2")
        .bind_type(BindType::Passthrough);
    request.validate().unwrap();
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        r#"{"eipIds":["eip-1","eip-2"],"nicId":"nic-1","lanIp":"10.0.0.2","bindType":"Passthrough"}"#
    );
}

#[test]
fn load_balancer_request_is_valid_with_exact_wire_json() {
    let request = AssociateEipAddressRequest::default()
        .eip_ids(["eip-1"])
        .load_balancer_id("lb-1");
    request.validate().unwrap();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"eipIds": ["eip-1"], "loadBalancerId": "lb-1"})
    );
}

#[test]
fn bind_types_round_trip_including_unknown_ones() {
    for (value, expected) in [
        ("FullNat", BindType::FullNat),
        ("Passthrough", BindType::Passthrough),
        ("BrandNewMode", BindType::Unknown("BrandNewMode".into())),
    ] {
        let parsed: BindType = serde_json::from_value(json!(value)).unwrap();
        assert_eq!(parsed, expected);
        assert_eq!(serde_json::to_value(&parsed).unwrap(), json!(value));
    }
    // Setters take the wire text too.
    let request = with_eips().bind_type("FullNat");
    assert_eq!(request.bind_type, Some(BindType::FullNat));
}

#[test]
fn responses_tolerate_unknown_and_absent_fields() {
    let response: AssociateEipAddressResponse = serde_json::from_value(json!({
        "requestId": "T1",
        "failedEipIds": ["eip-2"],
        "somethingNew": {"nested": [1, 2]},
    }))
    .unwrap();
    assert_eq!(response.request_id.as_deref(), Some("T1"));
    assert_eq!(response.failed_eip_ids, Some(vec!["eip-2".to_string()]));
    let empty: AssociateEipAddressResponse = serde_json::from_value(json!({})).unwrap();
    assert_eq!(empty, AssociateEipAddressResponse::default());
    // A member of the wrong type is read as absent, the others are kept.
    let degraded: AssociateEipAddressResponse =
        serde_json::from_value(json!({"requestId": "T2", "failedEipIds": "x"})).unwrap();
    assert_eq!(degraded.request_id.as_deref(), Some("T2"));
    assert_eq!(degraded.failed_eip_ids, None);
    // The strict check (of the docs' examples) names it.
    let info = zec_api::catalog::find("zec", "AssociateEipAddress").unwrap();
    let err = (info.check_response)(&json!({"failedEipIds": "x"})).unwrap_err();
    assert_eq!(err, "`failedEipIds`: expected an array, received a string");
}

#[test]
fn error_codes_are_typed_and_unknown_ones_kept() {
    let e = AssociateEipAddressError::from_code("INVALID_LB_NOT_FOUND");
    assert_eq!(e, AssociateEipAddressError::InvalidLbNotFound);
    assert_eq!(e.http_status(), Some(404));
    assert_eq!(e.code(), "INVALID_LB_NOT_FOUND");
    assert!(e.description().is_some());

    let common = AssociateEipAddressError::from_code("MISSING_PARAMETER");
    assert_eq!(
        common,
        AssociateEipAddressError::Common(CommonError::MissingParameter)
    );
    assert_eq!(common.http_status(), Some(400));

    let unknown = AssociateEipAddressError::from_code("SOMETHING_NEW");
    assert_eq!(
        unknown,
        AssociateEipAddressError::Unknown("SOMETHING_NEW".into())
    );
    assert_eq!(unknown.code(), "SOMETHING_NEW");
    assert_eq!(unknown.to_string(), "SOMETHING_NEW");
    // Through the trait the client uses.
    assert_eq!(
        <AssociateEipAddressError as ErrorCode>::from_code("INVALID_LB_STATUS").code(),
        "INVALID_LB_STATUS"
    );
}

#[test]
fn requests_round_trip_through_json() {
    let request = with_eips().ha_vip_id("havip-1");
    let back: AssociateEipAddressRequest =
        serde_json::from_str(&serde_json::to_string(&request).unwrap()).unwrap();
    assert_eq!(back, request);
    // A body without the required `eipIds` decodes; validation reports it missing.
    let partial: AssociateEipAddressRequest =
        serde_json::from_value(json!({"natId": "n"})).unwrap();
    let err = partial.validate().unwrap_err();
    assert_eq!(err.violations[0].field, "eipIds");
    assert_eq!(err.violations[0].rule, RuleKind::Required);
}

#[test]
fn a_missing_required_member_is_reported_with_every_other_problem() {
    let err = AssociateEipAddressRequest::default()
        .nic_id("nic-1")
        .validate()
        .unwrap_err();
    let found: Vec<(&str, RuleKind)> = err
        .violations
        .iter()
        .map(|v| (v.field.as_str(), v.rule))
        .collect();
    assert_eq!(
        found,
        [
            ("eipIds", RuleKind::Required),
            ("lanIp", RuleKind::RequiredIf)
        ]
    );
    assert_eq!(err.violations[0].message, "is required");
    // Not sent: nothing of it reaches the wire format either.
    assert_eq!(
        serde_json::to_value(AssociateEipAddressRequest::default().nic_id("nic-1")).unwrap(),
        json!({"nicId": "nic-1"})
    );
}

#[test]
fn list_setters_take_any_iterable_of_text() {
    let owned = AssociateEipAddressRequest::default().eip_ids(vec!["eip-1".to_string()]);
    let borrowed = AssociateEipAddressRequest::default().eip_ids(["eip-1"]);
    let ids = vec!["eip-1".to_string()];
    let by_reference = AssociateEipAddressRequest::default().eip_ids(&ids);
    assert_eq!(owned.eip_ids, Some(ids.clone()));
    assert_eq!(owned, borrowed);
    assert_eq!(owned, by_reference);
}
