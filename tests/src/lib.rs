//! Tests of the whole pipeline; see `tests/`. Shared helpers live here.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// `../shared/reference` beside the workspace, or `None` (with a notice) when it is absent.
///
/// In CI (`CI` set) the reference must be there: a test that compares against it must not
/// pass by skipping, so its absence panics.
pub fn reference() -> Option<PathBuf> {
    let path = workspace().join("../shared/reference");
    if path.is_dir() {
        return Some(path);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{} is absent, and CI is set: tests that compare against the reference cannot be skipped in CI",
            path.display()
        );
    }
    eprintln!("skipping: ../shared/reference is absent");
    None
}

/// The official CLI's definitions of every ZEC action under `reference`, in file-name order.
pub fn cli_definitions(reference: &Path) -> Vec<serde_json::Value> {
    let mut files: Vec<_> = std::fs::read_dir(reference.join("zenlayer-cli/en-US/zec"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| serde_yaml::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
        .collect()
}

/// Everything `tracing` writes, kept for assertions.
///
/// `tracing` caches per process which call sites are enabled, so a test binary that reads
/// logs installs one subscriber for the whole process ([`CapturedLogs::global`]) and does not
/// share its process with tests that run without one.
#[derive(Clone, Default)]
pub struct CapturedLogs(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for CapturedLogs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl CapturedLogs {
    /// A subscriber that writes events of `level` and above, without colours, here.
    pub fn subscriber(&self, level: tracing::Level) -> impl tracing::Subscriber + Send + Sync {
        let writer = self.clone();
        tracing_subscriber::fmt()
            .with_max_level(level)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish()
    }

    /// The logs of the whole process at WARN and above, captured from the first call on.
    pub fn global() -> &'static CapturedLogs {
        static GLOBAL: OnceLock<CapturedLogs> = OnceLock::new();
        GLOBAL.get_or_init(|| {
            let logs = CapturedLogs::default();
            tracing::subscriber::set_global_default(logs.subscriber(tracing::Level::WARN))
                .expect("no other global subscriber in this test binary");
            logs
        })
    }

    /// Everything written so far.
    pub fn text(&self) -> String {
        let bytes = self.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// The lines that contain `needle`.
    pub fn lines_with(&self, needle: &str) -> Vec<String> {
        self.text()
            .lines()
            .filter(|l| l.contains(needle))
            .map(str::to_string)
            .collect()
    }
}

/// What the newest official SDK has and the CLI definitions lack, as the additions file under
/// `reference` lists it: actions by name, and members of existing actions and structures as
/// (owner, wire name), the owner being `Action.request`, `Action.response` or a structure
/// name. New structures are left out: the CLI names none.
#[derive(Debug, Default)]
pub struct NewerThanCli {
    /// Actions the CLI definitions do not have.
    pub actions: std::collections::BTreeSet<String>,
    /// Members of existing actions and structures the CLI definitions do not have.
    pub members: std::collections::BTreeSet<(String, String)>,
}

impl NewerThanCli {
    /// Whether `member` of `side` (`request` or `response`) of `action` is newer than the CLI.
    pub fn has_member(&self, action: &str, side: &str, member: &str) -> bool {
        self.members
            .contains(&(format!("{action}.{side}"), member.to_string()))
    }
}

/// The part of the newest SDK's surface that the CLI definitions under `reference` lack.
pub fn newer_than_cli(reference: &Path) -> NewerThanCli {
    let path = reference.join("zec-2025-09-01-additions.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let additions: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut newer = NewerThanCli::default();
    for name in additions["actions"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| k)
    {
        newer.actions.insert(name.clone());
    }
    for (owner, fields) in additions["new_fields"].as_object().into_iter().flatten() {
        for field in fields.as_array().into_iter().flatten() {
            let name = field["name"].as_str().unwrap_or_default().to_string();
            newer.members.insert((owner.clone(), name));
        }
    }
    newer
}

/// The IR zec-api's build step wrote in a `cargo check` of zec-api with cargo arguments `args`
/// (feature flags) and environment `env` (`ZEC_API_SPEC_DIR`), in a target directory of its
/// own; panics with cargo's output if the check fails. This is the build users run.
pub fn check_zec_api(args: &[&str], env: &[(&str, &Path)]) -> zec_spec::ir::Api {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let target = workspace().join("target/feature-matrix");
    let mut command = std::process::Command::new(cargo);
    command
        .current_dir(workspace())
        .args(["check", "--quiet", "-p", "zec-api", "--message-format=json"])
        .args(args)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("ZEC_API_SPEC_DIR")
        .env_remove("ZEC_API_SPEC_STRICT");
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo check {args:?} {env:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|m| m["message"]["rendered"].as_str().map(str::to_string))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let out_dir = stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["reason"] == "build-script-executed")
        .find(|m| {
            m["package_id"]
                .as_str()
                .is_some_and(|p| p.contains("zec-api"))
        })
        .and_then(|m| m["out_dir"].as_str().map(PathBuf::from))
        .expect("zec-api's build step ran");
    serde_json::from_str(&std::fs::read_to_string(out_dir.join("zec-ir.json")).expect("the IR"))
        .expect("the IR reads")
}

/// Read one HTTP request (its head and the body its `Content-Length` announces) from a
/// loopback server's connection: the head, or `None` when the connection ends first. For the
/// servers tests write to misbehave in ways the mock server does not.
pub async fn read_request(stream: &mut tokio::net::TcpStream) -> Option<String> {
    use tokio::io::AsyncReadExt;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let length: usize = head
        .to_ascii_lowercase()
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    Some(head)
}
