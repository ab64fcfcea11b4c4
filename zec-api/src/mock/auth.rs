//! The mock server's check of a request's credentials: a ZC2-HMAC-SHA256 signature and its
//! timestamp, or a bearer token.

use super::MockOptions;
use crate::sign;
use std::time::{SystemTime, UNIX_EPOCH};

/// Check the credentials of a request; the error code and message when they do not hold.
pub(super) fn authenticate(
    options: &MockOptions,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<(), (&'static str, String)> {
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let invalid = |m: &str| ("AUTHFAILURE_INVALID_AUTHORIZATION", m.to_string());
    let authorization =
        header("authorization").ok_or_else(|| invalid("the Authorization header is missing"))?;
    if let Some(token) = authorization.strip_prefix("Bearer ") {
        return match &options.token {
            Some(expected) if expected == token.trim() => Ok(()),
            _ => Err(invalid("the bearer token is not accepted")),
        };
    }
    let Some(fields) = authorization.strip_prefix(sign::ALGORITHM) else {
        return Err(invalid(
            "the Authorization header is neither ZC2-HMAC-SHA256 nor Bearer",
        ));
    };
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in fields.split(',') {
        let Some((key, value)) = part.trim().split_once('=') else {
            continue;
        };
        match key.trim() {
            "Credential" => credential = Some(value.trim()),
            "SignedHeaders" => signed_headers = Some(value.trim()),
            "Signature" => signature = Some(value.trim()),
            _ => {}
        }
    }
    let (Some(credential), Some(signed_headers), Some(signature)) =
        (credential, signed_headers, signature)
    else {
        return Err(invalid(
            "the Authorization header lacks Credential, SignedHeaders or Signature",
        ));
    };
    let Some((id, secret)) = &options.access_key else {
        return Err(invalid("access keys are not accepted"));
    };
    if credential != id {
        return Err(invalid("the access key id is not known"));
    }
    let timestamp: u64 = header("x-zc-timestamp")
        .and_then(|t| t.trim().parse().ok())
        .ok_or_else(|| invalid("X-ZC-Timestamp is missing or not a number"))?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    if now.abs_diff(timestamp) > options.max_clock_skew.as_secs() {
        return Err((
            "AUTHFAILURE_SIGNATURE_EXPIRED",
            format!(
                "the timestamp {timestamp} is more than {} s from the server's clock",
                options.max_clock_skew.as_secs()
            ),
        ));
    }
    let names: Vec<&str> = signed_headers.split(';').map(str::trim).collect();
    if !names.contains(&"content-type") || !names.contains(&"host") {
        return Err(invalid("SignedHeaders must include content-type and host"));
    }
    let mut values = Vec::with_capacity(names.len());
    for name in &names {
        let value =
            header(name).ok_or_else(|| invalid(&format!("the signed header {name} is missing")))?;
        values.push((*name, value));
    }
    let canonical = sign::canonical_request_with(&values, body);
    let expected = sign::signature(secret, &sign::string_to_sign(timestamp, &canonical));
    if expected != signature {
        return Err((
            "AUTHFAILURE_SIGNATURE_FAILURE",
            "the signature does not match the request".to_string(),
        ));
    }
    Ok(())
}
