//! Credentials from the files Zenlayer's CLI keeps (`~/.zenlayer/credentials.json` and
//! `config.json`), under a temporary home directory, never the real one.
//!
//! In its own test binary, because it captures `tracing` output for the whole process.

use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use zec_api::mock::{MockOptions, MockServer};
use zec_api::{Client, Config, ConfigError, Credentials, Error};

/// A home directory under the system's temporary directory, removed when dropped.
struct TempHome(PathBuf);

impl TempHome {
    fn new() -> TempHome {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("zec-profiles-{}-{n}", std::process::id()));
        std::fs::create_dir_all(path.join(".zenlayer")).unwrap();
        TempHome(path)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.0.join(".zenlayer").join(name)
    }

    /// Write a file of the CLI's folder, readable by its owner only.
    fn write(&self, name: &str, value: serde_json::Value) -> PathBuf {
        let path = self.file(name);
        std::fs::write(&path, value.to_string()).unwrap();
        restrict(&path, 0o600);
        path
    }

    /// A lookup of environment variables: these, and `HOME` set to this directory.
    fn env(&self, vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let mut vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        vars.push(("HOME".into(), self.0.display().to_string()));
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }
}

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(unix)]
fn restrict(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(not(unix))]
fn restrict(_: &Path, _: u32) {}

fn two_profiles() -> serde_json::Value {
    json!({
        "default": {"access_key_id": "AK-default", "access_key_secret": "SK-default"},
        "prod": {"access_key_id": "AK-prod", "access_key_secret": "SK-prod", "token": ""},
        "bearer": {"access_key_id": "AK-b", "access_key_secret": "SK-b", "token": "tok-b"}
    })
}

fn credentials(config: &Config) -> Option<Credentials> {
    Client::new(config.clone())
        .unwrap()
        .config()
        .credentials_ref()
        .cloned()
}

#[test]
fn the_environment_comes_first_then_the_profile() {
    let home = TempHome::new();
    home.write("credentials.json", two_profiles());
    let from_env = Config::from_lookup(home.env(&[
        ("ZENLAYER_ACCESS_KEY_ID", "AK-env"),
        ("ZENLAYER_ACCESS_KEY_SECRET", "SK-env"),
    ]));
    assert_eq!(
        credentials(&from_env),
        Some(Credentials::access_key("AK-env", "SK-env"))
    );
    let from_file = Config::from_lookup(home.env(&[]));
    assert_eq!(
        credentials(&from_file),
        Some(Credentials::access_key("AK-default", "SK-default"))
    );
    // Credentials set in code win over both.
    let explicit = from_file.credentials(Credentials::token("t-code"));
    assert_eq!(credentials(&explicit), Some(Credentials::token("t-code")));
}

#[test]
fn the_profile_is_chosen_by_name_variable_or_cli_config() {
    let home = TempHome::new();
    home.write("credentials.json", two_profiles());
    let chosen = |config: Config| credentials(&config);

    home.write(
        "config.json",
        json!({"current_profile": "prod", "profiles": {}}),
    );
    assert_eq!(
        chosen(Config::from_lookup(home.env(&[]))),
        Some(Credentials::access_key("AK-prod", "SK-prod"))
    );
    // ZENLAYER_PROFILE wins over the CLI's current profile; a token wins over a key.
    assert_eq!(
        chosen(Config::from_lookup(
            home.env(&[("ZENLAYER_PROFILE", "bearer")])
        )),
        Some(Credentials::token("tok-b"))
    );
    // And a profile named in code wins over both.
    assert_eq!(
        chosen(Config::from_lookup(home.env(&[("ZENLAYER_PROFILE", "bearer")])).profile("default")),
        Some(Credentials::access_key("AK-default", "SK-default"))
    );
    // Without the environment: a profile from a given folder.
    assert_eq!(
        chosen(
            Config::new()
                .profile("prod")
                .profile_dir(home.0.join(".zenlayer"))
        ),
        Some(Credentials::access_key("AK-prod", "SK-prod"))
    );
}

#[test]
fn a_named_profile_that_does_not_exist_is_an_error_naming_the_file() {
    let home = TempHome::new();
    let path = home.write("credentials.json", two_profiles());
    let err: ConfigError = Client::new(Config::from_lookup(
        home.env(&[("ZENLAYER_PROFILE", "staging")]),
    ))
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("\"staging\""), "{text}");
    assert!(text.contains(&path.display().to_string()), "{text}");

    // The CLI's current profile names one too.
    home.write("config.json", json!({"current_profile": "gone"}));
    let err = Client::new(Config::from_lookup(home.env(&[]))).unwrap_err();
    assert!(err.to_string().contains("\"gone\""), "{err}");

    // A named profile without a credentials file at all.
    let empty = TempHome::new();
    let err = Client::new(Config::from_lookup(empty.env(&[])).profile("prod")).unwrap_err();
    assert!(
        err.to_string()
            .contains(&empty.file("credentials.json").display().to_string()),
        "{err}"
    );
}

#[test]
fn broken_files_are_errors_naming_the_file() {
    let home = TempHome::new();
    let path = home.file("credentials.json");
    std::fs::write(&path, "{\"default\": {\"access_key_id\": ").unwrap();
    restrict(&path, 0o600);
    let err = Client::new(Config::from_lookup(home.env(&[]))).unwrap_err();
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
    assert!(err.to_string().contains("not valid JSON"), "{err}");

    home.write(
        "credentials.json",
        json!({"default": {"access_key_id": "AK-only"}}),
    );
    let err = Client::new(Config::from_lookup(home.env(&[]))).unwrap_err();
    assert!(
        err.to_string().contains("neither a token nor both"),
        "{err}"
    );
}

#[tokio::test]
async fn without_any_credentials_the_call_fails_with_a_configuration_error() {
    let home = TempHome::new();
    let server = MockServer::start().await.unwrap();
    let client = Client::new(Config::from_lookup(
        home.env(&[("ZENLAYER_ENDPOINT", &server.endpoint())]),
    ))
    .unwrap();
    match client.describe_zones().send().await {
        Err(Error::Config(e)) => assert!(e.message().contains("no credentials"), "{e}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.received(), 0);
}

#[tokio::test]
async fn a_profile_signs_real_calls() {
    let home = TempHome::new();
    home.write("credentials.json", two_profiles());
    let server = MockServer::start_with(MockOptions::default().access_key("AK-prod", "SK-prod"))
        .await
        .unwrap();
    let config = Config::from_lookup(home.env(&[
        ("ZENLAYER_ENDPOINT", &server.endpoint()),
        ("ZENLAYER_PROFILE", "prod"),
    ]));
    Client::new(config)
        .unwrap()
        .describe_zones()
        .send()
        .await
        .unwrap();
    assert_eq!(server.requests()[0].status, 200);
}

#[cfg(unix)]
#[test]
fn a_credentials_file_others_can_read_is_warned_about() {
    let logs = zec_tests::CapturedLogs::global();
    let home = TempHome::new();
    let path = home.write("credentials.json", two_profiles());
    let shown = path.display().to_string();
    Client::new(Config::from_lookup(home.env(&[]))).unwrap();
    let text = logs.text();
    assert!(!text.contains(&shown), "{text}");

    restrict(&path, 0o644);
    Client::new(Config::from_lookup(home.env(&[]))).unwrap();
    let text = logs.text();
    let line = text
        .lines()
        .find(|l| l.contains(&shown))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("WARN") && line.contains("644"), "{line}");
    assert!(!text.contains("SK-default"), "{text}");
}
