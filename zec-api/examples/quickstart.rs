//! The quickstart: real ZEC calls through `zec_api::Client`, and one to the load balancer
//! service (ZLB) through the same client.
//!
//! `cargo run --example quickstart`
//!
//! With `ZENLAYER_ACCESS_KEY_ID` and `ZENLAYER_ACCESS_KEY_SECRET` (or `ZENLAYER_TOKEN`) set,
//! the calls go to ZEC (or to `ZENLAYER_ENDPOINT`); the IDs below are placeholders, so expect
//! ZEC to answer that they do not exist. Without credentials, the calls go to the embedded
//! mock server, which checks signatures and answers with the docs' examples.

use futures_util::StreamExt;
use std::process::ExitCode;
use zec_api::actions::{AssociateEipAddressError, AssociateEipAddressResponse};
use zec_api::mock::MockServer;
use zec_api::types::BindType;
use zec_api::{Client, Config, Error};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("quickstart failed: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env();
    let mock = if config.resolved_credentials()?.is_some() {
        println!(
            "Credentials found in the environment or a CLI profile: calling {}",
            config.endpoint_url()
        );
        None
    } else {
        let server = MockServer::start().await?;
        println!(
            "No ZENLAYER_ACCESS_KEY_ID/ZENLAYER_ACCESS_KEY_SECRET or ZENLAYER_TOKEN set:\n\
             calling the embedded mock server at {} instead.",
            server.endpoint()
        );
        Some(server)
    };
    let client = match &mock {
        Some(server) => server.client()?,
        None => Client::new(config)?,
    };

    println!("\n1. A request that breaks documented rules is refused before anything is sent:");
    // No `eipIds` (required), and `nicId` without the `lanIp` it needs.
    match client.associate_eip_address().nic_id("nic-1").send().await {
        Err(Error::Validation(v)) => {
            for violation in &v.violations {
                println!("   {}: {}", violation.field, violation.message);
            }
        }
        other => println!("   unexpected: {other:?}"),
    }

    println!("\n2. Bind two elastic IPs to a vNIC in pass-through mode (AssociateEipAddress):");
    let call = client
        .associate_eip_address()
        .eip_ids(["eip-1", "eip-2"])
        .nic_id("nic-1")
        .lan_ip("10.0.0.2")
        .bind_type(BindType::Passthrough);
    println!(
        "   sending {}",
        serde_json::to_string(&call.clone().request())?
    );
    report(call.send().await);

    println!("\n3. List the availability zones (DescribeZones, read-only, so retried on 5xx):");
    match client.describe_zones().send().await {
        Ok(response) => {
            for zone in response.zone_set.unwrap_or_default() {
                println!(
                    "   {} in region {} ({})",
                    zone.zone_id.as_deref().unwrap_or("?"),
                    zone.region_id.as_deref().unwrap_or("?"),
                    zone.zone_name.as_deref().unwrap_or("?"),
                );
            }
        }
        Err(e) => println!("   failed: {e}"),
    }

    println!("\n4. Walk every instance, page by page (DescribeInstances as a stream):");
    let mut instances = client.describe_instances().stream();
    let mut count = 0;
    while let Some(item) = instances.next().await {
        match item {
            Ok(instance) => {
                count += 1;
                println!(
                    "   {} is {}",
                    instance.instance_id.as_deref().unwrap_or("?"),
                    instance
                        .status
                        .as_ref()
                        .map_or("in an unreported state", |s| s.as_str()),
                );
            }
            Err(e) => {
                println!("   stopped: {e}");
                break;
            }
        }
    }
    println!("   {count} instance(s) in all");

    println!(
        "\n5. Find a load balancer with ZLB (DescribeLoadBalancers), then bind an elastic IP to it with ZEC:"
    );
    // Another product, through the same client: signed for the zlb service and its API
    // version, posted to /api/v2/zlb.
    let balancers = client
        .zlb()
        .describe_load_balancers()
        .page_size(10)
        .send()
        .await;
    match balancers {
        Ok(response) => {
            let first = response
                .data_set
                .unwrap_or_default()
                .into_iter()
                .find_map(|lb| lb.load_balancer_id.map(|id| (id, lb.load_balancer_name)));
            match first {
                Some((id, name)) => {
                    println!(
                        "   found {id} ({}); binding eip-1 to it",
                        name.as_deref().unwrap_or("unnamed")
                    );
                    let bound = client
                        .associate_eip_address()
                        .eip_ids(["eip-1"])
                        .load_balancer_id(id)
                        .send()
                        .await;
                    report(bound);
                }
                None => println!("   no load balancer to bind to"),
            }
        }
        Err(e) => println!("   failed: {e}"),
    }

    if let Some(server) = &mock {
        println!("\n6. Error codes arrive typed. The mock now answers INVALID_LB_NOT_FOUND:");
        server.respond_error(
            "AssociateEipAddress",
            404,
            "INVALID_LB_NOT_FOUND",
            "The load balancer does not exist.",
        );
        let result = client
            .associate_eip_address()
            .eip_ids(["eip-1"])
            .load_balancer_id("lb-1")
            .send()
            .await;
        report(result);
        println!(
            "\nThe mock server received {} request(s), each signed with ZC2-HMAC-SHA256.",
            server.requests().len()
        );
    }
    Ok(())
}

/// Print the outcome of an AssociateEipAddress call in plain words.
fn report(result: Result<AssociateEipAddressResponse, Error<AssociateEipAddressError>>) {
    match result {
        Ok(response) => {
            let failed = response.failed_eip_ids.unwrap_or_default();
            println!(
                "   done (request id {}); elastic IPs that could not be bound: {}",
                response.request_id.as_deref().unwrap_or("?"),
                if failed.is_empty() {
                    "none".to_string()
                } else {
                    failed.join(", ")
                }
            );
        }
        Err(Error::Api(e)) => {
            let meaning = match &e.error {
                AssociateEipAddressError::InvalidLbNotFound => "the load balancer does not exist",
                AssociateEipAddressError::Common(_) => "a common error",
                _ => "an error code of this action",
            };
            println!(
                "   ZEC answered {} (HTTP {}, request id {}): {meaning}; message: {}",
                e.code,
                e.http_status,
                e.request_id.as_deref().unwrap_or("?"),
                e.message
            );
        }
        Err(other) => println!("   failed: {other}"),
    }
}
