//! Which requests go through a proxy: `https://` endpoints through the environment's proxies
//! (or the one set with `Config::proxy`, or none with `Config::no_proxy`), an `http://`
//! loopback endpoint never, whatever the environment says.
//!
//! In a test binary of its own, with one test: it sets the proxy variables, which are
//! process-wide, before any client reads them.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use zec_api::mock::MockServer;
use zec_api::{Client, Config, Credentials, Error, RetryPolicy};

const TOKEN: &str = "tok-proxy-4a6c8e0f1a3b5c7d9e1f";

/// A listener on loopback that keeps the first bytes of every connection it gets (up to the
/// end of a request's head), then refuses with 403 and closes.
struct Recorder {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl Recorder {
    async fn start() -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let kept = seen.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let kept = kept.clone();
                tokio::spawn(async move {
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 4096];
                    // A TLS hello has no blank line: stop at whatever arrived first.
                    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 4096 {
                        match stream.read(&mut chunk).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                        if buf.first() == Some(&0x16) {
                            break;
                        }
                    }
                    kept.lock().unwrap().push(buf);
                    let _ = stream
                        .write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                        .await;
                });
            }
        });
        Recorder { addr, seen }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// What each connection sent first, as text.
    fn seen(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .collect()
    }

    /// Whether a connection began with a TLS handshake (a direct `https://` connection).
    fn saw_tls(&self) -> bool {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .any(|b| b.first() == Some(&0x16))
    }
}

fn config(endpoint: &str) -> Config {
    Config::new()
        .endpoint(endpoint)
        .credentials(Credentials::token(TOKEN))
        .retry(RetryPolicy::none())
}

async fn fails(config: Config) -> Error<zec_api::actions::DescribeZonesError> {
    Client::new(config)
        .unwrap()
        .describe_zones()
        .send()
        .await
        .unwrap_err()
}

#[test]
fn proxies_carry_https_requests_only() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    // The environment's proxy, and the one set in code.
    let (env_proxy, set_proxy) =
        runtime.block_on(async { (Recorder::start().await, Recorder::start().await) });
    // SAFETY: this binary's only test sets the variables before any client reads the
    // environment; the runtime's threads wait on sockets, and nothing else in the process
    // reads or writes the environment meanwhile.
    unsafe {
        for name in [
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
            "http_proxy",
            "https_proxy",
        ] {
            std::env::set_var(name, env_proxy.url());
        }
        std::env::set_var("NO_PROXY", "localhost");
        std::env::remove_var("no_proxy");
        std::env::remove_var("REQUEST_METHOD");
    }
    runtime.block_on(async {
        // An http:// loopback endpoint is reached directly, with a proxy in the environment
        // and with one set in code.
        let server = MockServer::start().await.unwrap();
        for config in [server.config(), server.config().proxy(set_proxy.url())] {
            Client::new(config)
                .unwrap()
                .describe_zones()
                .send()
                .await
                .unwrap();
        }
        assert_eq!(server.received(), 2);
        assert!(env_proxy.seen().is_empty(), "{:?}", env_proxy.seen());
        assert!(set_proxy.seen().is_empty(), "{:?}", set_proxy.seen());

        // An https:// endpoint goes through the environment's proxy, as a tunnel: the proxy
        // sees the host, never the request or its token.
        let err = fails(config("https://zec.example.test")).await;
        assert!(matches!(err, Error::Transport(_)), "{err:?}");
        let seen = env_proxy.seen();
        assert_eq!(seen.len(), 1, "{seen:?}");
        assert!(
            seen[0].starts_with("CONNECT zec.example.test:443 HTTP/1.1\r\n"),
            "{seen:?}"
        );
        assert!(!seen[0].contains(TOKEN), "{seen:?}");

        // Config::proxy wins over the environment.
        fails(config("https://zec.example.test").proxy(set_proxy.url())).await;
        assert_eq!(env_proxy.seen().len(), 1);
        let seen = set_proxy.seen();
        assert_eq!(seen.len(), 1, "{seen:?}");
        assert!(
            seen[0].starts_with("CONNECT zec.example.test:443 "),
            "{seen:?}"
        );

        // Config::no_proxy, and the environment's NO_PROXY, connect directly: the endpoint
        // itself sees the TLS handshake.
        for no_proxy in [true, false] {
            let endpoint = Recorder::start().await;
            let (host, config_of) = if no_proxy {
                ("127.0.0.1", Config::no_proxy as fn(Config) -> Config)
            } else {
                ("localhost", (|c| c) as fn(Config) -> Config)
            };
            let url = format!("https://{host}:{}", endpoint.addr.port());
            fails(config_of(config(&url))).await;
            assert!(endpoint.saw_tls(), "{:?}", endpoint.seen());
        }
        assert_eq!(env_proxy.seen().len(), 1);
        assert_eq!(set_proxy.seen().len(), 1);
    });
}
