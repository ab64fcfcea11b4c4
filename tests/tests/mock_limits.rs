//! The mock server does not fall over: bodies are limited, the request log is bounded,
//! connections that send nothing or stall are closed, and secrets never reach `Debug`.

use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use zec_api::mock::{Fault, MOCK_ACCESS_KEY_ID, MockOptions, MockServer};
use zec_api::{Client, Credentials, Error, RetryPolicy};

/// Everything the server writes on a raw connection until it closes it (bounded by `limit`,
/// so that a server that never closes fails the test instead of hanging it).
async fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> String {
    let mut out = Vec::new();
    let read = tokio::time::timeout(limit, async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    assert!(read.is_ok(), "the server kept the connection open");
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn bodies_beyond_the_limit_get_413_without_being_read_or_kept() {
    let server = MockServer::start_with(MockOptions::default().max_body_bytes(1024))
        .await
        .unwrap();
    // Through the client: a request of 2,000 elastic IPs is too long for this server.
    let ids: Vec<String> = (0..2000).map(|i| format!("eip-{i}")).collect();
    let client = Client::new(server.config().retry(RetryPolicy::none())).unwrap();
    let err = client
        .associate_eip_address()
        .eip_ids(ids)
        .nat_id("nat-1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.http_status(), Some(413), "{err:?}");
    assert!(err.to_string().contains("longer than 1024 bytes"), "{err}");

    // A chunked body, with no length announced, is cut off as it arrives.
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    let head = "POST /api/v2/zec HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    stream.write_all(head.as_bytes()).await.unwrap();
    let chunk = format!("200\r\n{}\r\n", "x".repeat(0x200));
    for _ in 0..4 {
        if stream.write_all(chunk.as_bytes()).await.is_err() {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let answer = read_until_closed(&mut stream, Duration::from_secs(10)).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");

    assert_eq!(server.received(), 2);
    for recorded in server.requests() {
        assert_eq!(recorded.status, 413);
        assert!(recorded.body.is_empty() && recorded.headers.is_empty());
    }
}

#[tokio::test]
async fn the_request_log_keeps_the_last_requests_and_counts_all() {
    let server = MockServer::start_with(MockOptions::default().max_recorded(3))
        .await
        .unwrap();
    let client = server.client().unwrap();
    for page in 1..=5 {
        client
            .describe_snapshots()
            .page_num(page)
            .send()
            .await
            .unwrap();
    }
    let kept: Vec<i64> = server
        .requests()
        .iter()
        .map(|r| r.json().unwrap()["pageNum"].as_i64().unwrap())
        .collect();
    assert_eq!(kept, [3, 4, 5]);
    assert_eq!(server.received(), 5);

    // Unauthenticated and misrouted requests are counted, not kept whole.
    let wrong = Client::new(
        server
            .config()
            .credentials(Credentials::access_key(MOCK_ACCESS_KEY_ID, "wrong")),
    )
    .unwrap();
    wrong.describe_snapshots().send().await.unwrap_err();
    let misrouted = reqwest::Client::new()
        .post(format!("{}/elsewhere", server.endpoint()))
        .body("x".repeat(500))
        .send()
        .await
        .unwrap();
    assert_eq!(misrouted.status().as_u16(), 404);
    assert_eq!(server.received(), 7);
    let statuses: Vec<u16> = server.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [200, 401, 404]);
    for refused in &server.requests()[1..] {
        assert!(refused.body.is_empty() && refused.headers.is_empty());
    }
}

// Paused time: the server's 200 ms limits pass only when nothing else can, so the normal call
// gets its request in first however loaded the machine.
#[tokio::test(start_paused = true)]
async fn connections_that_send_nothing_or_stall_are_closed() {
    let server = MockServer::start_with(
        MockOptions::default()
            .header_read_timeout(Duration::from_millis(200))
            .idle_timeout(Duration::from_millis(200)),
    )
    .await
    .unwrap();

    // Many idle connections: a normal call still gets through, and each is closed.
    let mut idle = Vec::new();
    for _ in 0..200 {
        idle.push(TcpStream::connect(server.addr()).await.unwrap());
    }
    server
        .client()
        .unwrap()
        .describe_snapshots()
        .send()
        .await
        .unwrap();
    for stream in &mut idle {
        assert_eq!(read_until_closed(stream, Duration::from_secs(10)).await, "");
    }

    // Headers that never end.
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    stream
        .write_all(b"POST /api/v2/zec HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let answer = read_until_closed(&mut stream, Duration::from_secs(10)).await;
    assert!(!answer.contains("200 OK"), "{answer}");

    // A body that stops halfway.
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    stream
        .write_all(
            b"POST /api/v2/zec HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"eipIds\":",
        )
        .await
        .unwrap();
    let answer = read_until_closed(&mut stream, Duration::from_secs(10)).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}

#[tokio::test]
async fn html_faults_answer_with_the_status_asked_for() {
    let server = MockServer::start().await.unwrap();
    let client = Client::new(server.config().retry(RetryPolicy::none())).unwrap();
    for status in [502, 503, 504, 403] {
        server.inject(Fault::Html(status), 1);
        match client.describe_snapshots().send().await {
            Err(Error::Undecodable(u)) => {
                assert_eq!(u.http_status, status);
                assert!(u.snippet.contains(&status.to_string()), "{}", u.snippet);
            }
            other => panic!("{status}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn secrets_and_tokens_never_reach_debug_output() {
    let options = MockOptions::default()
        .access_key("AK-visible", "sk-must-not-print")
        .token("tok-must-not-print");
    let shown = format!("{options:?}");
    assert!(shown.contains("AK-visible"), "{shown}");
    assert!(
        !shown.contains("sk-must-not-print") && !shown.contains("tok-must-not-print"),
        "{shown}"
    );

    let server = MockServer::start_with(options).await.unwrap();
    let client = Client::new(
        server
            .config()
            .credentials(Credentials::token("tok-must-not-print")),
    )
    .unwrap();
    client
        .associate_eip_address()
        .eip_ids(["eip-1"])
        .nat_id("nat-1")
        .send()
        .await
        .unwrap();
    let recorded = &server.requests()[0];
    assert_eq!(
        recorded.header("authorization"),
        Some("Bearer tok-must-not-print")
    );
    let shown = format!("{recorded:?}");
    assert!(!shown.contains("tok-must-not-print"), "{shown}");
    assert!(shown.contains("AssociateEipAddress"), "{shown}");
    assert!(
        shown.contains(&format!("<{} bytes>", recorded.body.len())),
        "{shown}"
    );
}
