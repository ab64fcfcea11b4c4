//! Answers serde_json refuses whole for the sake of one member: a number beyond what an `f64`
//! holds (`"totalCount": 1e400`), or a member nested deeper than its recursion limit (128).
//!
//! [`tame`] reads the body once, byte by byte, with a stack of its own (one byte per open
//! array or object, so bounded by the body's length, itself bounded by the body limit), and
//! checks it against JSON's grammar as strictly as serde_json does. It writes a copy in which
//! every array or object nested deeper than [`MAX_DEPTH`] is `null` and every number beyond
//! ±1e308 is a string of its text, so that serde_json can read it and the member each belongs
//! to degrades as any member of the wrong type does. The copy is at most twice the body (`[]`
//! becomes `null`). Malformed JSON is left as it is, to fail as before.

/// Arrays and objects nested deeper than this are read as `null`. The docs' deepest structure
/// is far shallower: an answer's members sit a few levels down (`response.dataSet[0].nics[0]`).
pub(crate) const MAX_DEPTH: usize = 64;

/// The largest magnitude a number keeps; anything beyond (up to infinity, which serde_json
/// refuses) becomes a string.
const LARGEST: f64 = 1e308;

/// A body rewritten by [`tame`].
#[derive(Debug)]
pub(crate) struct Tamed {
    /// The JSON to parse instead.
    pub(crate) json: Vec<u8>,
    /// Arrays and objects nested deeper than [`MAX_DEPTH`], each now `null`.
    pub(crate) cut: usize,
    /// Numbers beyond ±1e308, each now a string.
    pub(crate) numbers: usize,
}

/// What comes next in the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A value (the whole body's, after `:`, or after `,` in an array).
    Value,
    /// A value or `]`, just after `[`.
    ValueOrClose,
    /// A member's name, after `,` in an object.
    Key,
    /// A member's name or `}`, just after `{`.
    KeyOrClose,
    /// `:` after a member's name.
    Colon,
    /// `,` or the end of the innermost array or object, after a value.
    CommaOrClose,
    /// Nothing but white space: the body's value is complete.
    Done,
}

/// `body` with arrays and objects nested deeper than [`MAX_DEPTH`] made `null` and numbers
/// beyond ±1e308 made strings; `None` when `body` is not valid JSON, or is and needs neither.
pub(crate) fn tame(body: &[u8]) -> Option<Tamed> {
    // serde_json refuses invalid UTF-8 in strings; outside them any non-ASCII byte is a
    // syntax error anyway.
    std::str::from_utf8(body).ok()?;
    let mut out = Vec::with_capacity(body.len());
    // `true` for an object, `false` for an array, per open container.
    let mut open: Vec<bool> = Vec::new();
    // The depth of the container being replaced by `null`, while inside it.
    let mut cutting: Option<usize> = None;
    let (mut cut, mut numbers) = (0usize, 0usize);
    let mut expect = Expect::Value;
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            if cutting.is_none() {
                out.push(b);
            }
            i += 1;
            continue;
        }
        let keep = cutting.is_none();
        match expect {
            Expect::Done => return None,
            Expect::Colon => {
                if b != b':' {
                    return None;
                }
                if keep {
                    out.push(b);
                }
                i += 1;
                expect = Expect::Value;
            }
            Expect::Key | Expect::KeyOrClose => {
                if b == b'}' && expect == Expect::KeyOrClose {
                    i += 1;
                    close(&mut open, &mut cutting, &mut out, true, keep)?;
                    expect = after_value(&open);
                } else if b == b'"' {
                    let end = string_end(body, i)?;
                    if keep {
                        out.extend_from_slice(&body[i..end]);
                    }
                    i = end;
                    expect = Expect::Colon;
                } else {
                    return None;
                }
            }
            Expect::CommaOrClose => match b {
                b',' => {
                    if keep {
                        out.push(b);
                    }
                    i += 1;
                    expect = if *open.last()? {
                        Expect::Key
                    } else {
                        Expect::Value
                    };
                }
                b']' | b'}' => {
                    i += 1;
                    close(&mut open, &mut cutting, &mut out, b == b'}', keep)?;
                    expect = after_value(&open);
                }
                _ => return None,
            },
            Expect::Value | Expect::ValueOrClose => match b {
                b']' if expect == Expect::ValueOrClose => {
                    i += 1;
                    close(&mut open, &mut cutting, &mut out, false, keep)?;
                    expect = after_value(&open);
                }
                b'[' | b'{' => {
                    open.push(b == b'{');
                    if keep && open.len() > MAX_DEPTH {
                        cutting = Some(open.len());
                        cut += 1;
                        out.extend_from_slice(b"null");
                    } else if keep {
                        out.push(b);
                    }
                    i += 1;
                    expect = if b == b'{' {
                        Expect::KeyOrClose
                    } else {
                        Expect::ValueOrClose
                    };
                }
                b'"' => {
                    let end = string_end(body, i)?;
                    if keep {
                        out.extend_from_slice(&body[i..end]);
                    }
                    i = end;
                    expect = after_value(&open);
                }
                b'-' | b'0'..=b'9' => {
                    let end = number_end(body, i)?;
                    let text = &body[i..end];
                    if keep {
                        if fits(text) {
                            out.extend_from_slice(text);
                        } else {
                            numbers += 1;
                            out.push(b'"');
                            out.extend_from_slice(text);
                            out.push(b'"');
                        }
                    }
                    i = end;
                    expect = after_value(&open);
                }
                b't' | b'f' | b'n' => {
                    let word: &[u8] = match b {
                        b't' => b"true",
                        b'f' => b"false",
                        _ => b"null",
                    };
                    if !body[i..].starts_with(word) {
                        return None;
                    }
                    if keep {
                        out.extend_from_slice(word);
                    }
                    i += word.len();
                    expect = after_value(&open);
                }
                _ => return None,
            },
        }
    }
    (expect == Expect::Done && (cut > 0 || numbers > 0)).then_some(Tamed {
        json: out,
        cut,
        numbers,
    })
}

/// What may follow a complete value inside `open` containers.
fn after_value(open: &[bool]) -> Expect {
    if open.is_empty() {
        Expect::Done
    } else {
        Expect::CommaOrClose
    }
}

/// Close the innermost container, which must be an object when `object`; write the bracket
/// when `keep`, and stop cutting when it is the one being replaced.
fn close(
    open: &mut Vec<bool>,
    cutting: &mut Option<usize>,
    out: &mut Vec<u8>,
    object: bool,
    keep: bool,
) -> Option<()> {
    if *open.last()? != object {
        return None;
    }
    if *cutting == Some(open.len()) {
        *cutting = None;
    } else if keep {
        out.push(if object { b'}' } else { b']' });
    }
    open.pop();
    Some(())
}

/// The index just past the string that starts with the `"` at `start`, if it is valid JSON:
/// no raw control characters, only JSON's escapes, and `\u` escapes that name characters
/// (a surrogate only as the first of a pair), as serde_json requires.
fn string_end(body: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        match *body.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => match *body.get(i + 1)? {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
                b'u' => {
                    let unit = hex4(body, i + 2)?;
                    i += 6;
                    if (0xDC00..=0xDFFF).contains(&unit) {
                        return None;
                    }
                    if (0xD800..=0xDBFF).contains(&unit) {
                        if body.get(i..i + 2)? != b"\\u" {
                            return None;
                        }
                        let low = hex4(body, i + 2)?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return None;
                        }
                        i += 6;
                    }
                }
                _ => return None,
            },
            0x00..=0x1F => return None,
            _ => i += 1,
        }
    }
}

/// The four hex digits at `at`, as a number.
fn hex4(body: &[u8], at: usize) -> Option<u16> {
    let digits = std::str::from_utf8(body.get(at..at + 4)?).ok()?;
    if !digits.bytes().all(|d| d.is_ascii_hexdigit()) {
        return None;
    }
    u16::from_str_radix(digits, 16).ok()
}

/// The index just past the number that starts at `start`, if it follows JSON's grammar:
/// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn number_end(body: &[u8], start: usize) -> Option<usize> {
    let digits_from = |i: usize| {
        let mut j = i;
        while body.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        j
    };
    let mut i = start;
    if body.get(i) == Some(&b'-') {
        i += 1;
    }
    match body.get(i)? {
        b'0' => i += 1,
        b'1'..=b'9' => i = digits_from(i),
        _ => return None,
    }
    if body.get(i) == Some(&b'.') {
        let end = digits_from(i + 1);
        if end == i + 1 {
            return None;
        }
        i = end;
    }
    if matches!(body.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(body.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let end = digits_from(i);
        if end == i {
            return None;
        }
        i = end;
    }
    Some(i)
}

/// Whether a number's text, valid JSON, is within ±1e308.
fn fits(text: &[u8]) -> bool {
    std::str::from_utf8(text)
        .ok()
        .and_then(|t| t.parse::<f64>().ok())
        .is_some_and(|x| x.abs() <= LARGEST)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tamed(body: &str) -> Option<(String, usize, usize)> {
        tame(body.as_bytes()).map(|t| (String::from_utf8(t.json).unwrap(), t.cut, t.numbers))
    }

    fn nested(depth: usize, inner: &str) -> String {
        format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn numbers_beyond_an_f64_become_their_text() {
        assert_eq!(
            tamed(r#"{"a": 1e400, "b": [-1E+999, 2.5e-400], "c": 1e308}"#),
            Some((
                r#"{"a": "1e400", "b": ["-1E+999", 2.5e-400], "c": 1e308}"#.into(),
                0,
                2
            ))
        );
        let huge = format!("[1{}]", "0".repeat(400));
        assert_eq!(
            tamed(&huge),
            Some((format!("[\"1{}\"]", "0".repeat(400)), 0, 1))
        );
        // Nothing to change: nothing to parse again.
        assert_eq!(tamed(r#"{"a": 1, "b": [true, false, null, "x"]}"#), None);
    }

    #[test]
    fn containers_deeper_than_the_limit_become_null() {
        let body = format!(r#"{{"keep": 1, "deep": {}}}"#, nested(100_000, "1"));
        let (json, cut, numbers) = tamed(&body).unwrap();
        assert_eq!((cut, numbers), (1, 0));
        // The object is depth 1; the arrays from depth 2 to 64 stay, the 65th is `null`.
        assert_eq!(
            json,
            format!(
                r#"{{"keep": 1, "deep": {}}}"#,
                nested(MAX_DEPTH - 1, "null")
            )
        );
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["keep"], 1);
        // Siblings deep down are each cut, with what follows them kept.
        let body = format!(
            r#"[{}, {{"a": {}}}, 7]"#,
            nested(70, "{}"),
            nested(70, r#""x""#)
        );
        let (json, cut, _) = tamed(&body).unwrap();
        assert_eq!(cut, 2);
        assert_eq!(
            json,
            format!(
                r#"[{}, {{"a": {}}}, 7]"#,
                nested(MAX_DEPTH - 1, "null"),
                nested(MAX_DEPTH - 2, "null")
            )
        );
        // At the limit itself, nothing is cut.
        assert_eq!(tamed(&nested(MAX_DEPTH, "1")), None);
    }

    #[test]
    fn malformed_json_is_left_to_fail_even_where_it_would_be_cut() {
        for bad in [
            nested(100, "1,"),
            format!("{}1}}{}", "[".repeat(100), "]".repeat(99)),
            format!("{}{{1: 2}}{}", "[".repeat(100), "]".repeat(100)),
            format!("{}\"a\\x\"{}", "[".repeat(100), "]".repeat(100)),
            format!("{}\"\\udc00\"{}", "[".repeat(100), "]".repeat(100)),
            format!("{}\"\\ud800x\"{}", "[".repeat(100), "]".repeat(100)),
            format!("{}\"a\tb\"{}", "[".repeat(100), "]".repeat(100)),
            format!("{}01{}", "[".repeat(100), "]".repeat(100)),
            format!("{}tru{}", "[".repeat(100), "]".repeat(100)),
            nested(100, "1") + " 2",
            nested(100, "1.e5"),
            nested(100, "-"),
            "[1e400".to_string(),
            "{\"a\" 1e400}".to_string(),
            "[1e400,]".to_string(),
            "{\"a\": 1e400,}".to_string(),
            "".to_string(),
        ] {
            assert_eq!(tamed(&bad), None, "{bad:.60}");
            assert!(serde_json::from_str::<serde_json::Value>(&bad).is_err());
        }
        assert!(tame(b"[1e400, \"\xff\"]").is_none());
    }

    #[test]
    fn what_serde_json_reads_reads_the_same_after_taming() {
        let body = r#" { "s": "a\"b\\c\u00e9\ud83d\ude00/", "n": [0, -0.5, 12e3, 1E-2], "o": {}, "l": [], "big": 1e999 } "#;
        let (json, _, numbers) = tamed(body).unwrap();
        assert_eq!(numbers, 1);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let expected: serde_json::Value =
            serde_json::from_str(&body.replace("1e999", "\"1e999\"")).unwrap();
        assert_eq!(value, expected);
    }
}
