use zec_api::actions::AssociateEipAddressRequest;

fn main() {
    let request = AssociateEipAddressRequest::new(vec!["eip-1".into()]);
    // Required fields are plain values, optional ones `Option`.
    let _: Option<Vec<String>> = request.eip_ids;
}
