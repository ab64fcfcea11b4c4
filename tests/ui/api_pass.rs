// The shipped bindings used the way the README shows, with deprecation and lints denied.
#![deny(warnings)]

use futures_util::StreamExt;
use zec_api::actions::{
    AssociateEipAddress, AssociateEipAddressCall, AssociateEipAddressError,
    AssociateEipAddressRequest,
};
use zec_api::types::BindType;
use zec_api::{Action, Client, Config, Credentials, Error, WaitOptions};

/// A call prepared in one place and sent in another.
fn to_vnic(client: &Client) -> AssociateEipAddressCall {
    client
        .associate_eip_address()
        .eip_ids(["eip-1"])
        .nic_id("nic-1")
        .lan_ip("10.0.0.2")
}

async fn bind(client: &Client) -> Result<Vec<String>, Error<AssociateEipAddressError>> {
    let response = to_vnic(client)
        .bind_type(BindType::Passthrough)
        .send()
        .await?;
    Ok(response.failed_eip_ids.unwrap_or_default())
}

async fn count_instances(client: &Client) -> usize {
    client.describe_instances().page_size(100).stream().count().await
}

async fn create(client: &Client) -> Result<(), Box<dyn std::error::Error>> {
    let done = client
        .create_zec_instances()
        .zone_id("asia-east-1a")
        .image_id("img-1")
        .instance_type("z2a.cpu.1")
        .instance_count(1)
        .subnet_id("subnet-1")
        .send_and_wait(WaitOptions::default())
        .await?;
    println!("{:?} {:?}", done.response.instance_id_set, done.states);
    Ok(())
}

fn assert_send<T: Send>(_: &T) {}

fn main() {
    let client = Client::new(Config::new().credentials(Credentials::access_key("id", "secret")))
        .expect("https endpoint");
    let bind_future = bind(&client);
    let count_future = count_instances(&client);
    let create_future = create(&client);
    // Calls can be spawned on a multi-threaded runtime.
    assert_send(&client.associate_eip_address().send());
    assert_send(&client.describe_instances().stream());
    let _ = (bind_future, count_future, create_future);
    // A request built ahead of time, sent through the generic entry point.
    let prepared = AssociateEipAddressRequest::default()
        .eip_ids(["eip-1"])
        .nat_id("nat-1");
    prepared.validate().expect("valid");
    let _future = client.send(prepared);
    assert!(!<AssociateEipAddress as Action>::READ_ONLY);
    match BindType::from("Passthrough") {
        BindType::FullNat => unreachable!(),
        BindType::Passthrough => {}
        other => panic!("{other}"),
    }
}
