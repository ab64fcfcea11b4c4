// The shipped bindings used the way the README shows, with deprecation and lints denied.
#![deny(warnings)]

use zec_api::actions::{AssociateEipAddress, AssociateEipAddressError, AssociateEipAddressRequest};
use zec_api::types::BindType;
use zec_api::{Action, Client, Config, Credentials, Error};

async fn bind(client: &Client) -> Result<Vec<String>, Error<AssociateEipAddressError>> {
    let request = AssociateEipAddressRequest::new(vec!["eip-1".into()])
        .nic_id("nic-1")
        .lan_ip("10.0.0.2")
        .bind_type(BindType::Passthrough);
    let response = client.associate_eip_address(request).await?;
    Ok(response.failed_eip_ids.unwrap_or_default())
}

fn main() {
    let client = Client::new(Config::new().credentials(Credentials::access_key("id", "secret")))
        .expect("https endpoint");
    let _future = bind(&client);
    assert!(!<AssociateEipAddress as Action>::READ_ONLY);
    match BindType::from("Passthrough") {
        BindType::FullNat => unreachable!(),
        BindType::Passthrough => {}
        other => panic!("{other}"),
    }
}
