//! ZC2-HMAC-SHA256 request signing.
//!
//! ```text
//! CanonicalRequest = "POST\n/\n\n" + "content-type:<ct>\nhost:<host[:port]>\n" + "\n"
//!                    + "content-type;host\n" + hex(sha256(body))
//! StringToSign     = "ZC2-HMAC-SHA256\n" + <unix seconds> + "\n" + hex(sha256(CanonicalRequest))
//! Signature        = hex(hmac_sha256(secret, StringToSign))
//! Authorization    = "ZC2-HMAC-SHA256 Credential=<id>, SignedHeaders=content-type;host, Signature=<sig>"
//! ```
//! Header values are lower-cased and trimmed in the canonical request.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// The signing algorithm's name, in the string to sign, the Authorization header and
/// `X-ZC-Signature-Method`.
pub const ALGORITHM: &str = "ZC2-HMAC-SHA256";
/// The headers that take part in the signature.
pub const SIGNED_HEADERS: &str = "content-type;host";

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// The canonical request for a body sent with this content type to this host (with the port
/// when it is not the scheme's default).
pub fn canonical_request(content_type: &str, host: &str, body: &[u8]) -> String {
    canonical_request_with(&[("content-type", content_type), ("host", host)], body)
}

/// The canonical request over any signed headers, given as (name, value) in the order of the
/// `SignedHeaders` list; names and values are lower-cased and trimmed.
pub fn canonical_request_with(headers: &[(&str, &str)], body: &[u8]) -> String {
    let mut canonical = String::from("POST\n/\n\n");
    let mut names = Vec::with_capacity(headers.len());
    for (name, value) in headers {
        let name = name.trim().to_ascii_lowercase();
        canonical.push_str(&name);
        canonical.push(':');
        canonical.push_str(&value.trim().to_ascii_lowercase());
        canonical.push('\n');
        names.push(name);
    }
    canonical.push('\n');
    canonical.push_str(&names.join(";"));
    canonical.push('\n');
    canonical.push_str(&sha256_hex(body));
    canonical
}

/// The string to sign.
pub fn string_to_sign(timestamp: u64, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{timestamp}\n{}",
        sha256_hex(canonical_request.as_bytes())
    )
}

/// The signature of a string to sign.
pub fn signature(secret: &str, string_to_sign: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(string_to_sign.as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// The `Authorization` header value.
pub fn authorization(access_key_id: &str, signature: &str) -> String {
    format!(
        "{ALGORITHM} Credential={access_key_id}, SignedHeaders={SIGNED_HEADERS}, Signature={signature}"
    )
}

/// Everything at once: the Authorization header for one request.
pub fn sign(
    access_key_id: &str,
    secret: &str,
    timestamp: u64,
    content_type: &str,
    host: &str,
    body: &[u8],
) -> String {
    let canonical = canonical_request(content_type, host, body);
    let to_sign = string_to_sign(timestamp, &canonical);
    authorization(access_key_id, &signature(secret, &to_sign))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example of the signing docs.
    #[test]
    fn reproduces_the_documented_example() {
        let body = br#"{"pageSize":10,"pageNum":1,"zoneId":"HKG-A"}"#;
        assert_eq!(
            sha256_hex(body),
            "5f714687ba91c606d503467766151206392474accd137ffea6dce2420b67c29a"
        );
        let canonical = canonical_request(
            "application/json; charset=utf-8",
            "console.zenlayer.com",
            body,
        );
        let to_sign = string_to_sign(1673361177, &canonical);
        assert_eq!(
            signature("Gu5t9xGARNpq86cd98joQYCN3", &to_sign),
            "efb356c32e55c781e10dc676da59462c22596d82e91c57803666243379555b2f"
        );
    }

    #[test]
    fn header_values_are_normalised_and_port_is_signed() {
        let a = canonical_request(" Application/JSON ", "Example.com:8080", b"{}");
        assert!(a.contains(
            "content-type:application/json\nhost:example.com:8080\n\ncontent-type;host\n"
        ));
        assert_ne!(
            canonical_request("application/json", "example.com:8080", b"{}"),
            canonical_request("application/json", "example.com", b"{}")
        );
    }
}
