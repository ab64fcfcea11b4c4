//! Taking the client's own secrets out of text that came from an answer.
//!
//! A proxy or server may answer with a page that repeats the request (a 502 page listing the
//! request's headers), or point a redirect at a URL that carries them. The client knows what
//! it sent: the token or the access key secret, and the `Authorization` header of the
//! attempt. Every text taken from an answer (body excerpts, messages, codes, request ids,
//! `Location`) goes through [`Scrub`] before it is stored in an error or logged, and each of
//! those secrets in it becomes `<redacted>`, as sent and in the forms a page may have encoded
//! it into (JSON string escapes, percent-encoding, HTML entities).

use crate::credentials::Credentials;
use std::borrow::Cow;
use std::fmt;

/// What stands in for a secret in scrubbed text.
pub(crate) const REDACTED: &str = "<redacted>";

/// The forms of the client's long-lived secrets to look for, worked out once per client.
#[derive(Clone, Default)]
pub(crate) struct Secrets(Vec<String>);

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secrets(<{} redacted>)", self.0.len())
    }
}

impl Secrets {
    /// The secret of `credentials` (the token, or the access key secret), in every form.
    pub(crate) fn of(credentials: Option<&Credentials>) -> Self {
        let mut forms = Vec::new();
        match credentials {
            Some(Credentials::AccessKey { secret, .. }) => add_forms(&mut forms, secret.expose()),
            Some(Credentials::Token(token)) => add_forms(&mut forms, token.expose()),
            None => {}
        }
        // Longest first, so that a longer form is not left in pieces by a shorter one.
        forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
        Secrets(forms)
    }
}

/// `secret` as sent and in the forms a page may have encoded it into; nothing for an empty
/// one.
fn add_forms(forms: &mut Vec<String>, secret: &str) {
    if secret.is_empty() {
        return;
    }
    let json = serde_json::to_string(secret).unwrap_or_default();
    let json = json
        .strip_prefix('"')
        .and_then(|j| j.strip_suffix('"'))
        .unwrap_or(secret)
        .to_string();
    let candidates = [
        secret.to_string(),
        json.replace('/', "\\/"),
        json,
        percent_encoded(secret),
        html_escaped(secret),
    ];
    for form in candidates {
        if !form.is_empty() && !forms.contains(&form) {
            forms.push(form);
        }
    }
}

fn percent_encoded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn html_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What to take out of one attempt's answer: the `Authorization` header value the attempt
/// sent (whole, first, so that a page that lists it shows `Authorization: <redacted>`), the
/// client's secrets in every form, and the attempt's signature. The parts of a signed header
/// other than the signature (the algorithm, the key id, the header names) are not secret, so
/// the signature (hex, the same in every encoding) is all of it that must not show in any
/// form. Borrowed: making one costs nothing.
pub(crate) struct Scrub<'a> {
    authorization: &'a str,
    secrets: &'a [String],
    signature: &'a str,
}

impl<'a> Scrub<'a> {
    /// Nothing to take out (decoding outside a client).
    pub(crate) fn nothing() -> Self {
        Scrub {
            authorization: "",
            secrets: &[],
            signature: "",
        }
    }

    /// The client's `secrets`, and `authorization` as this attempt sent it.
    pub(crate) fn new(secrets: &'a Secrets, authorization: &'a str) -> Self {
        let signature = authorization
            .rsplit_once("Signature=")
            .map_or("", |(_, signature)| signature.trim());
        Scrub {
            authorization,
            secrets: &secrets.0,
            signature,
        }
    }

    /// Every text to take out, the whole header first.
    fn needles(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.authorization)
            .chain(self.secrets.iter().map(String::as_str))
            .chain(std::iter::once(self.signature))
            .filter(|n| !n.is_empty())
    }

    /// The length of the longest form of a secret, in bytes.
    fn longest(&self) -> usize {
        self.needles().map(str::len).max().unwrap_or(0)
    }

    /// `text` with every secret replaced by `<redacted>`.
    pub(crate) fn text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut out = Cow::Borrowed(text);
        for needle in self.needles() {
            if out.contains(needle) {
                out = Cow::Owned(out.replace(needle, REDACTED));
            }
        }
        out
    }

    /// [`Scrub::text`] into an owned string.
    pub(crate) fn owned(&self, text: &str) -> String {
        self.text(text).into_owned()
    }

    /// The start of `body`, scrubbed, for error messages: at most `max` bytes, whole
    /// characters only, with `…` when there was more. A secret that `max` would cut in two is
    /// scrubbed whole, and no part of one is shown.
    pub(crate) fn snippet(&self, body: &[u8], max: usize) -> String {
        let longest = self.longest();
        let window = body.len().min(max.saturating_add(longest));
        let whole = window == body.len();
        let text = String::from_utf8_lossy(&body[..window]);
        let scrubbed = self.text(&text);
        let mut shown = scrubbed.as_ref();
        if !whole {
            // A secret cut at the window's end was not recognised: what remains of it runs to
            // the end, and is not shown.
            shown = self.without_a_secret_s_start(shown.trim_end_matches('\u{FFFD}'));
        }
        let more = !whole || shown.len() > max;
        let mut s = cut(shown, max).trim_end_matches('\u{FFFD}').to_string();
        if more {
            s.push('…');
        }
        s
    }
}

impl Scrub<'_> {
    /// `text` without the longest end of it that is the start of a secret.
    fn without_a_secret_s_start<'t>(&self, text: &'t str) -> &'t str {
        let from = text.len().saturating_sub(self.longest());
        for (i, _) in text.char_indices().filter(|(i, _)| *i >= from) {
            let rest = &text[i..];
            if self.needles().any(|n| n.starts_with(rest)) {
                return &text[..i];
            }
        }
        text
    }
}

/// The longest start of `text` of at most `max` bytes that ends at a character boundary.
pub(crate) fn cut(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrub_for(credentials: &Credentials, authorization: &str) -> (Secrets, String) {
        (Secrets::of(Some(credentials)), authorization.to_string())
    }

    #[test]
    fn every_form_of_a_secret_is_taken_out() {
        let token = "tok/en+val=ue&<x>";
        let (secrets, auth) = scrub_for(&Credentials::token(token), &format!("Bearer {token}"));
        let scrub = Scrub::new(&secrets, &auth);
        for shown in [
            format!("Authorization: Bearer {token}"),
            format!("{{\"auth\":{}}}", serde_json::to_string(token).unwrap()),
            "tok\\/en+val=ue&<x>".to_string(),
            "https://proxy.example/?t=tok%2Fen%2Bval%3Due%26%3Cx%3E".to_string(),
            "<td>tok/en+val=ue&amp;&lt;x&gt;</td>".to_string(),
        ] {
            let scrubbed = scrub.owned(&shown);
            assert!(scrubbed.contains(REDACTED), "{shown} -> {scrubbed}");
            assert!(!scrubbed.contains("en+val"), "{shown} -> {scrubbed}");
            assert!(!scrubbed.contains("en%2Bval"), "{shown} -> {scrubbed}");
        }
        // The header is taken out whole, not leaving `Bearer` with a hole.
        assert_eq!(
            scrub.owned(&format!("Authorization: Bearer {token}")),
            "Authorization: <redacted>"
        );
    }

    #[test]
    fn a_signed_request_s_header_and_signature_are_taken_out() {
        let credentials = Credentials::access_key("AKID", "the-secret");
        let auth =
            "ZC2-HMAC-SHA256 Credential=AKID, SignedHeaders=content-type;host, Signature=0a1b2c3d";
        let (secrets, auth) = scrub_for(&credentials, auth);
        let scrub = Scrub::new(&secrets, &auth);
        assert_eq!(
            scrub.owned(&format!(
                "authorization: {auth}\nsig 0a1b2c3d, key the-secret"
            )),
            "authorization: <redacted>\nsig <redacted>, key <redacted>"
        );
        // The access key id names the key; it is not a secret.
        assert_eq!(scrub.owned("Credential=AKID"), "Credential=AKID");
    }

    #[test]
    fn snippets_never_show_part_of_a_secret_cut_at_their_end() {
        let token = "0123456789abcdef0123456789abcdef";
        let (secrets, auth) = scrub_for(&Credentials::token(token), &format!("Bearer {token}"));
        let scrub = Scrub::new(&secrets, &auth);
        for start in 0..80 {
            for copies in 1..4 {
                let mut body = "x".repeat(start);
                for _ in 0..copies {
                    body.push_str(&format!("Bearer {token} "));
                }
                body.push_str(&"y".repeat(100));
                let snippet = scrub.snippet(body.as_bytes(), 64);
                if start >= 64 {
                    assert_eq!(snippet, format!("{}…", "x".repeat(64)));
                }
                assert!(snippet.len() <= 64 + '…'.len_utf8(), "{snippet}");
                assert!(snippet.ends_with('…'));
                // No run of four characters of the token is left.
                for piece in token.as_bytes().windows(4) {
                    let piece = std::str::from_utf8(piece).unwrap();
                    assert!(!snippet.contains(piece), "{start}/{copies}: {snippet}");
                }
            }
        }
    }

    #[test]
    fn without_secrets_snippets_are_the_start_of_the_body() {
        let none = Scrub::nothing();
        assert_eq!(none.snippet(b"<html>", 512), "<html>");
        assert_eq!(none.snippet("ééé".as_bytes(), 3), "é…");
        assert_eq!(none.snippet(b"abcdef", 3), "abc…");
        assert_eq!(none.snippet(b"abc", 3), "abc");
        assert_eq!(none.owned("text"), "text");
    }

    #[test]
    fn empty_secrets_take_nothing_out() {
        let secrets = Secrets::of(Some(&Credentials::token("")));
        let scrub = Scrub::new(&secrets, "");
        assert_eq!(scrub.owned("some text"), "some text");
        assert_eq!(cut("éa", 1), "");
        assert_eq!(cut("éa", 2), "é");
    }
}
