// A page that the shipped spec does not have, expanded against the shipped types.
zec_api::generate_page!("pages/rebind_eips.md");

use zec_api::types::BindType;
use zec_api::{Action, ErrorCode};

fn main() {
    let request = RebindEipsRequest::default()
        .eip_ids(["eip-1"])
        .nic_id("nic-1")
        .bind_type(BindType::FullNat);
    request.validate().unwrap();
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        r#"{"eipIds":["eip-1"],"nicId":"nic-1","bindType":"FullNat"}"#
    );
    let err = RebindEipsRequest::default()
        .eip_ids(["eip-1"])
        .validate()
        .unwrap_err();
    assert_eq!(err.violations[0].field, "nicId, natId");
    let too_many = RebindEipsRequest::default()
        .eip_ids((0..11).map(|i| format!("eip-{i}")))
        .nat_id("nat-1")
        .validate()
        .unwrap_err();
    assert_eq!(too_many.violations[0].field, "eipIds");
    assert_eq!(<RebindEips as Action>::NAME, "RebindEips");
    assert_eq!(
        RebindEipsError::from_code("INVALID_NIC_NOT_FOUND"),
        RebindEipsError::InvalidNicNotFound
    );
    assert_eq!(
        <RebindEipsError as ErrorCode>::from_code("NEW_CODE"),
        RebindEipsError::Unknown("NEW_CODE".into())
    );
    let response: RebindEipsResponse =
        serde_json::from_str(r#"{"requestId":"T","movedEipIds":["eip-1"],"extra":1}"#).unwrap();
    assert_eq!(response.moved_eip_ids, Some(vec!["eip-1".to_string()]));
}
