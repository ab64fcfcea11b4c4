//! Serve the mock ZEC server until stopped, for tests in any language:
//!
//! `cargo run --example mock_server -- --listen 127.0.0.1:8080 --access-key-id ID --access-key-secret SECRET [--token TOKEN]`
//!
//! Clients sign requests to `http://127.0.0.1:8080/api/v2/zec` as they would for ZEC.

use std::net::SocketAddr;
use std::process::ExitCode;
use zec_api::mock::{MOCK_ACCESS_KEY_ID, MOCK_ACCESS_KEY_SECRET, MockOptions, MockServer};

const USAGE: &str = "usage: mock_server [--listen ADDR] [--access-key-id ID] [--access-key-secret SECRET] [--token TOKEN]";

#[tokio::main]
async fn main() -> ExitCode {
    let mut listen: SocketAddr = SocketAddr::from(([127, 0, 0, 1], 8080));
    let mut id = MOCK_ACCESS_KEY_ID.to_string();
    let mut secret = MOCK_ACCESS_KEY_SECRET.to_string();
    let mut token = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let Some(value) = args.next() else {
            eprintln!("{flag} needs a value\n{USAGE}");
            return ExitCode::from(2);
        };
        match flag.as_str() {
            "--listen" => match value.parse() {
                Ok(addr) => listen = addr,
                Err(e) => {
                    eprintln!("--listen {value}: {e}\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--access-key-id" => id = value,
            "--access-key-secret" => secret = value,
            "--token" => token = Some(value),
            _ => {
                eprintln!("unknown option {flag}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let mut options = MockOptions::default().access_key(id.clone(), secret);
    if let Some(token) = token {
        options = options.token(token);
    }
    let server = match MockServer::bind(listen, options).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot listen on {listen}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "mock ZEC server at {}/api/v2/zec (access key id {id}); Ctrl-C stops it",
        server.endpoint()
    );
    let _ = tokio::signal::ctrl_c().await;
    println!("{} request(s) served", server.received());
    ExitCode::SUCCESS
}
