//! Credentials, kept out of every `Debug`, `Display`, log line and error.

use std::fmt;

/// A secret string: never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wrap a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for signing.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// How requests prove who sends them.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Credentials {
    /// An access key pair: requests are signed with ZC2-HMAC-SHA256.
    AccessKey {
        /// The access key id (not secret; it names the key).
        id: String,
        /// The access key secret.
        secret: Secret,
    },
    /// A bearer token, sent as `Authorization: Bearer …`.
    Token(Secret),
}

impl Credentials {
    /// An access key pair.
    pub fn access_key(id: impl Into<String>, secret: impl Into<String>) -> Self {
        Credentials::AccessKey {
            id: id.into(),
            secret: Secret::new(secret),
        }
    }

    /// A bearer token.
    pub fn token(token: impl Into<String>) -> Self {
        Credentials::Token(Secret::new(token))
    }

    /// From the environment, as the official CLI names it: `ZENLAYER_TOKEN` when set (it
    /// wins), else `ZENLAYER_ACCESS_KEY_ID` with `ZENLAYER_ACCESS_KEY_SECRET`. Empty values
    /// count as unset.
    pub fn from_env() -> Option<Self> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`Credentials::from_env`], reading variables through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Option<Self> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        if let Some(token) = get("ZENLAYER_TOKEN") {
            return Some(Credentials::token(token));
        }
        match (
            get("ZENLAYER_ACCESS_KEY_ID"),
            get("ZENLAYER_ACCESS_KEY_SECRET"),
        ) {
            (Some(id), Some(secret)) => Some(Credentials::access_key(id, secret)),
            _ => None,
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::AccessKey { id, .. } => f
                .debug_struct("AccessKey")
                .field("id", id)
                .field("secret", &"<redacted>")
                .finish(),
            Credentials::Token(_) => f.debug_tuple("Token").field(&"<redacted>").finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_wins_and_empty_values_are_unset() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|p| p.0 == name).map(|p| p.1.to_string())
        };
        assert_eq!(
            Credentials::from_lookup(env(&[
                ("ZENLAYER_TOKEN", "t"),
                ("ZENLAYER_ACCESS_KEY_ID", "id"),
                ("ZENLAYER_ACCESS_KEY_SECRET", "s")
            ])),
            Some(Credentials::token("t"))
        );
        assert_eq!(
            Credentials::from_lookup(env(&[
                ("ZENLAYER_TOKEN", " "),
                ("ZENLAYER_ACCESS_KEY_ID", "id"),
                ("ZENLAYER_ACCESS_KEY_SECRET", "s")
            ])),
            Some(Credentials::access_key("id", "s"))
        );
        assert_eq!(
            Credentials::from_lookup(env(&[("ZENLAYER_ACCESS_KEY_ID", "id")])),
            None
        );
    }

    #[test]
    fn secrets_never_print() {
        let c = Credentials::access_key("AKID", "super-secret-value");
        let shown = format!("{c:?} {:?}", Credentials::token("tok-secret"));
        assert!(shown.contains("AKID"));
        assert!(!shown.contains("super-secret-value"));
        assert!(!shown.contains("tok-secret"));
    }
}
