//! Credentials from the files Zenlayer's CLI keeps: `~/.zenlayer/credentials.json`
//! (`{"<profile>": {"access_key_id", "access_key_secret", "token"}}`) and
//! `~/.zenlayer/config.json` (`{"current_profile": "<profile>", "profiles": {…}}`).

use crate::credentials::Credentials;
use crate::error::ConfigError;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The CLI's folder under a home directory.
pub(crate) fn dir_in(home: &Path) -> PathBuf {
    home.join(".zenlayer")
}

/// The profile's credentials from the files in `dir`.
///
/// The profile is `name` when given (by `Config::profile` or `ZENLAYER_PROFILE`), else the
/// `current_profile` of `config.json`, else `default`. A profile named in one of these ways
/// that does not exist is an error naming the file; when nothing names one and there is no
/// `default`, there are simply no credentials.
pub(crate) fn load(dir: &Path, name: Option<&str>) -> Result<Option<Credentials>, ConfigError> {
    let config_path = dir.join("config.json");
    let (name, named) = match name {
        Some(name) => (name.to_string(), true),
        None => match current_profile(&config_path)? {
            Some(name) => (name, true),
            None => ("default".to_string(), false),
        },
    };
    let path = dir.join("credentials.json");
    // Without a profile named anywhere, a missing `default` only means no credentials.
    let undefined = |where_: String| {
        if named {
            Err(ConfigError::new(format!(
                "profile {name:?} is not defined: {where_}"
            )))
        } else {
            Ok(None)
        }
    };
    let Some(profiles) = read_json(&path)? else {
        return undefined(format!("{} does not exist", path.display()));
    };
    warn_if_readable_by_others(&path);
    let Some(profile) = profiles.get(&name) else {
        return undefined(format!("it is not in {}", path.display()));
    };
    let field = |key: &str| {
        profile
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    // As with the environment, a token wins over an access key.
    if let Some(token) = field("token") {
        return Ok(Some(Credentials::token(token)));
    }
    match (field("access_key_id"), field("access_key_secret")) {
        (Some(id), Some(secret)) => Ok(Some(Credentials::access_key(id, secret))),
        _ => Err(ConfigError::new(format!(
            "profile {name:?} in {} has neither a token nor both access_key_id and access_key_secret",
            path.display()
        ))),
    }
}

/// `current_profile` from `config.json`, when the file exists and names one.
fn current_profile(path: &Path) -> Result<Option<String>, ConfigError> {
    Ok(read_json(path)?.and_then(|config| {
        config
            .get("current_profile")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_string)
    }))
}

/// A JSON object from `path`; `None` when the file does not exist.
fn read_json(path: &Path) -> Result<Option<serde_json::Map<String, Value>>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(ConfigError::new(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => Ok(Some(map)),
        Ok(_) => Err(ConfigError::new(format!(
            "{} is not a JSON object",
            path.display()
        ))),
        // serde_json's message gives the line and column.
        Err(e) => Err(ConfigError::new(format!(
            "{} is not valid JSON: {e}",
            path.display()
        ))),
    }
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        let mode = meta.permissions().mode();
        if mode & 0o077 != 0 {
            tracing::warn!(
                file = %path.display(),
                mode = format_args!("{:o}", mode & 0o777),
                "the credentials file can be read by other users; restrict it with chmod 600"
            );
        }
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_: &Path) {}
