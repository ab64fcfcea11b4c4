use zec_api::actions::AssociateEipAddressRequest;

fn main() {
    // `eipIds` is required: `new` takes it.
    let _ = AssociateEipAddressRequest::new();
}
