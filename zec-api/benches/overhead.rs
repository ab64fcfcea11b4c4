//! The client's own cost per call, and calls per second against a local server next to plain
//! `reqwest` POSTs of the same body to the same server.
//!
//! `cargo bench -p zec-api --bench overhead`. The ratio of `calls/zec-api` to `calls/reqwest`
//! is what the client adds on top of the HTTP round trip.

use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use zec_api::actions::{AssociateEipAddress, AssociateEipAddressRequest};
use zec_api::{Client, Config, Credentials, RetryPolicy, sign};

const ANSWER: &str = r#"{"requestId":"T1","response":{"requestId":"T1","failedEipIds":[]}}"#;

fn request() -> AssociateEipAddressRequest {
    AssociateEipAddressRequest::default()
        .eip_ids(["eip-1", "eip-2"])
        .nic_id("nic-1")
        .lan_ip("10.0.0.2")
}

/// A keep-alive HTTP/1.1 server that answers every POST with the same envelope.
async fn serve(listener: TcpListener) {
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            continue;
        };
        tokio::spawn(async move {
            let mut buf = Vec::with_capacity(4096);
            let mut chunk = [0u8; 4096];
            loop {
                // Read one request: headers, then Content-Length bytes of body.
                let end = loop {
                    if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        break i + 4;
                    }
                    match stream.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                };
                let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0);
                while buf.len() < end + length {
                    match stream.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                buf.drain(..end + length);
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{ANSWER}",
                    ANSWER.len()
                );
                if stream.write_all(response.as_bytes()).await.is_err() {
                    return;
                }
            }
        });
    }
}

fn overhead(c: &mut Criterion) {
    let body = serde_json::to_vec(&request()).unwrap();
    c.bench_function("overhead/validate", |b| {
        b.iter(|| request().validate().unwrap())
    });
    c.bench_function("overhead/serialise", |b| {
        let r = request();
        b.iter(|| serde_json::to_vec(&r).unwrap())
    });
    c.bench_function("overhead/sign", |b| {
        b.iter(|| {
            sign::sign(
                "id",
                "secret",
                1_700_000_000,
                "application/json",
                "127.0.0.1:8080",
                &body,
            )
        })
    });
    c.bench_function("overhead/decode", |b| {
        b.iter(|| {
            zec_api::decode::<AssociateEipAddress>(200, ANSWER.as_bytes())
                .1
                .unwrap()
        })
    });
}

fn calls(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    runtime.spawn(serve(listener));
    let endpoint = format!("http://{addr}");

    let client = Client::new(
        Config::new()
            .endpoint(&endpoint)
            .credentials(Credentials::access_key("id", "secret"))
            .retry(RetryPolicy::none()),
    )
    .unwrap();
    let plain = reqwest::Client::new();
    let url = format!("{endpoint}/api/v2/zec");
    let body = serde_json::to_vec(&request()).unwrap();

    let mut group = c.benchmark_group("calls");
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("zec-api", |b| {
        b.iter(|| runtime.block_on(client.send(request())).unwrap())
    });
    group.bench_function("reqwest", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let answer = plain
                    .post(&url)
                    .header("Content-Type", "application/json")
                    .body(body.clone())
                    .send()
                    .await
                    .unwrap();
                answer.bytes().await.unwrap()
            })
        })
    });
    group.finish();
}

criterion_group!(benches, overhead, calls);
criterion_main!(benches);
