//! The readers behind template slots: each returns every way it can read the text at a
//! position, as (end, captured value), and the template keeps the readings that lead to a
//! whole match.

use super::template::{Role, Slot, is_cjk, skip_space};
use super::words;

/// What the slots may refer to: the fields of the table or request, and the field described.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// The field a description belongs to (`None` for notes).
    pub this: Option<String>,
    /// Fields a sentence may name: the siblings in the table, or the request's fields.
    pub fields: Vec<String>,
}

/// What a slot read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Capture {
    /// A number.
    Number(f64),
    /// A value, as written.
    Value(String),
    /// A list of values.
    Values(Vec<String>),
    /// A field's wire name, and the part it plays.
    Field(String, Role),
    /// Field wire names, in the order written.
    Fields(Vec<String>),
    /// Words that carry no fact (a unit, a noun, a remark).
    Words,
}

/// Every reading of `slot` at `pos`.
pub(crate) fn read(slot: Slot, text: &str, pos: usize, scope: &Scope) -> Vec<(usize, Capture)> {
    match slot {
        Slot::Number => number(text, pos)
            .into_iter()
            .map(|(end, n)| (end, Capture::Number(n)))
            .collect(),
        Slot::Value => value(text, pos)
            .into_iter()
            .map(|(end, v)| (end, Capture::Value(v)))
            .collect(),
        Slot::Phrase => phrase(text, pos)
            .into_iter()
            .map(|(end, v)| (end, Capture::Value(v)))
            .collect(),
        Slot::Values => list(text, pos, glossed_value, words::VALUE_SEPARATORS)
            .into_iter()
            .map(|(end, v)| (end, Capture::Values(v)))
            .collect(),
        Slot::Field(role) => field(text, pos, scope)
            .into_iter()
            .map(|(end, f)| (end, Capture::Field(f, role)))
            .collect(),
        Slot::Fields => list(
            text,
            pos,
            |t, p| field(t, p, scope),
            words::FIELD_SEPARATORS,
        )
        .into_iter()
        .map(|(end, f)| (end, Capture::Fields(f)))
        .collect(),
        Slot::This(role) => this(text, pos, scope)
            .into_iter()
            .map(|end| {
                (
                    end,
                    Capture::Field(scope.this.clone().unwrap_or_default(), role),
                )
            })
            .collect(),
        Slot::ThisUnsaid(role) => scope
            .this
            .iter()
            .map(|name| (pos, Capture::Field(name.clone(), role)))
            .collect(),
        Slot::Chain => list(text, pos, |t, p| field(t, p, scope), &[">"])
            .into_iter()
            .map(|(end, f)| (end, Capture::Fields(f)))
            .collect(),
        Slot::Unit => one_of(text, pos, words::UNITS),
        Slot::Chars => one_of(text, pos, words::CHARACTER_UNITS),
        Slot::Noun => noun(text, pos),
        Slot::Gloss => gloss(text, pos),
    }
}

/// Readings of a number at `pos`: `5`, `-1`, `0.5`, `+1`, `` `20` ``, and with thousands
/// separators both as one number and as the number before the first comma.
pub(crate) fn number(text: &str, pos: usize) -> Vec<(usize, f64)> {
    let bytes = text.as_bytes();
    let (quoted, mut i) = match bytes.get(pos) {
        Some(b'`') => (true, pos + 1),
        _ => (false, pos),
    };
    let start = i;
    if matches!(bytes.get(i), Some(b'-' | b'+')) {
        i += 1;
    }
    let digits_from = i;
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    if i == digits_from {
        return Vec::new();
    }
    // A number glued to letters before it ("IPv4", "ext4") is part of a word.
    if !quoted
        && text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphabetic())
    {
        return Vec::new();
    }
    let mut ends = vec![i];
    // Thousands separators: "100,000,000".
    if i - digits_from <= 3 {
        let mut j = i;
        while bytes.get(j) == Some(&b',')
            && bytes
                .get(j + 1..j + 4)
                .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !bytes.get(j + 4).is_some_and(u8::is_ascii_digit)
        {
            j += 4;
            ends.push(j);
        }
    }
    // Decimals: "0.5" (a full stop followed by a digit).
    if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        let mut j = i + 1;
        while bytes.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        ends = vec![j];
    }
    let mut out = Vec::new();
    for end in ends {
        // Letters glued after the digits make a word ("4xlarge"), not a number; units are
        // read by their own slot and may follow directly ("32GB").
        let raw = text[start..end].replace(',', "");
        let Ok(n) = raw.parse::<f64>() else { continue };
        let end = if quoted {
            match bytes.get(end) {
                Some(b'`') => end + 1,
                _ => continue,
            }
        } else {
            end
        };
        out.push((end, n));
    }
    out
}

/// A value at `pos`: a code span, a quoted string, or a bare token of letters, digits and
/// `_ . : / + -` (without a trailing full stop or colon).
pub(crate) fn value(text: &str, pos: usize) -> Vec<(usize, String)> {
    let rest = &text[pos..];
    for quote in ['`', '"'] {
        if let Some(inner) = rest.strip_prefix(quote) {
            return match inner.find(quote) {
                Some(len) if !inner[..len].trim().is_empty() => {
                    vec![(pos + 1 + len + 1, inner[..len].trim().to_string())]
                }
                _ => Vec::new(),
            };
        }
    }
    let len = rest
        .find(|c: char| {
            !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '/' | '+' | '-'))
        })
        .unwrap_or(rest.len());
    let token = rest[..len].trim_end_matches(['.', ':', '-', '/']);
    if token.chars().any(|c| c.is_ascii_alphanumeric()) {
        vec![(pos + token.len(), token.to_string())]
    } else {
        Vec::new()
    }
}

/// A value as [`value`] reads it, and also two to four words that each start with an
/// upper-case letter (`Standard NVMe SSD`): the name of a thing written without quotes.
pub(crate) fn phrase(text: &str, pos: usize) -> Vec<(usize, String)> {
    let mut out = value(text, pos);
    let capitalised = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.chars().all(|c| c.is_ascii_alphanumeric())
    };
    let mut end = pos;
    let mut words = 0;
    while words < 4 {
        let start = if words == 0 {
            pos
        } else {
            skip_space(text, end)
        };
        if words > 0 && start == end {
            break;
        }
        let len = text[start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(text.len() - start);
        if len == 0 || !capitalised(&text[start..start + len]) {
            break;
        }
        end = start + len;
        words += 1;
        if words >= 2 {
            out.push((end, text[pos..end].to_string()));
        }
    }
    out
}

/// A value, optionally followed by a remark on it: `` `ModifyBandwidth` (bandwidth change) ``.
fn glossed_value(text: &str, pos: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (end, v) in value(text, pos) {
        for (after, _) in gloss(text, skip_space(text, end)) {
            out.push((after, v.clone()));
        }
        out.push((end, v));
    }
    out
}

/// A field of the scope at `pos`: a code span holding its name, or its name as a word. A name
/// that is a plain lower-case word ("bandwidth") counts only in a code span: in running text
/// the word means the thing, not the field.
fn field(text: &str, pos: usize, scope: &Scope) -> Vec<(usize, String)> {
    let known = |name: &str| {
        scope
            .fields
            .iter()
            .chain(scope.this.iter())
            .find(|f| f.as_str() == name)
            .cloned()
    };
    let rest = &text[pos..];
    if let Some(inner) = rest.strip_prefix('`') {
        return match inner.find('`') {
            Some(len) => known(inner[..len].trim())
                .map(|f| vec![(pos + len + 2, f)])
                .unwrap_or_default(),
            None => Vec::new(),
        };
    }
    let len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let word = &rest[..len];
    // `type=BANDWIDTH`: a plain word right before `=` is a name, not the thing it means.
    let compared = rest[len..].trim_start().starts_with('=');
    if word.chars().all(|c| c.is_ascii_lowercase()) && !compared {
        return Vec::new();
    }
    if text[..pos]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return Vec::new();
    }
    known(word)
        .map(|f| vec![(pos + len, f)])
        .unwrap_or_default()
}

/// Two or more items read by `item`, separated by one of `separators`.
fn list<T: Clone>(
    text: &str,
    pos: usize,
    item: impl Fn(&str, usize) -> Vec<(usize, T)>,
    separators: &[&str],
) -> Vec<(usize, Vec<T>)> {
    let mut out = Vec::new();
    let mut partial: Vec<(usize, Vec<T>)> = item(text, pos)
        .into_iter()
        .map(|(end, v)| (end, vec![v]))
        .collect();
    while !partial.is_empty() {
        let mut next = Vec::new();
        for (end, items) in partial {
            if items.len() >= 2 {
                out.push((end, items.clone()));
            }
            for sep in separators {
                let Some(after) = literal_at(text, end, sep) else {
                    continue;
                };
                for (end2, v) in item(text, skip_space(text, after)) {
                    let mut more = items.clone();
                    more.push(v);
                    next.push((end2, more));
                }
            }
        }
        partial = next;
    }
    out
}

/// The end of `lit` at `pos` (after white space), ignoring ASCII case; a word must end there.
fn literal_at(text: &str, pos: usize, lit: &str) -> Option<usize> {
    let start = skip_space(text, pos);
    let rest = text.get(start..)?;
    let head = rest.get(..lit.len())?;
    if !head.eq_ignore_ascii_case(lit) {
        return None;
    }
    let end = start + lit.len();
    let word_lit = lit
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphabetic());
    if word_lit
        && text[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    Some(end)
}

/// The field being described: one of the phrases that name it, or its own name.
fn this(text: &str, pos: usize, scope: &Scope) -> Vec<usize> {
    let Some(name) = &scope.this else {
        return Vec::new();
    };
    let mut out: Vec<usize> = words::THIS
        .iter()
        .filter_map(|phrase| literal_at(text, pos, phrase))
        .collect();
    out.extend(
        field(text, pos, scope)
            .into_iter()
            .filter(|(_, f)| f == name)
            .map(|(end, _)| end),
    );
    out
}

/// One of `options` at `pos`.
fn one_of(text: &str, pos: usize, options: &[&str]) -> Vec<(usize, Capture)> {
    options
        .iter()
        .filter_map(|o| literal_at(text, pos, o))
        .map(|end| (end, Capture::Words))
        .collect()
}

/// One to six plain words naming what a list holds (no word that states a condition), or a
/// run of CJK characters (optionally after `个`).
fn noun(text: &str, pos: usize) -> Vec<(usize, Capture)> {
    let rest = &text[pos..];
    if rest.starts_with(is_cjk) || rest.starts_with(|c: char| c.is_ascii_uppercase()) {
        // "个标签", "个ID", "ID": CJK and upper-case words mixed, up to the clause's end.
        let len = rest
            .find(|c: char| !(is_cjk(c) || c.is_ascii_alphanumeric() || c == ' '))
            .unwrap_or(rest.len());
        let phrase = rest[..len].trim_end();
        if phrase.chars().any(is_cjk) {
            if words::states_condition(phrase) {
                return Vec::new();
            }
            return (1..=phrase.len())
                .filter(|&l| phrase.is_char_boundary(l))
                .map(|l| (pos + l, Capture::Words))
                .collect();
        }
    }
    let mut out = Vec::new();
    let mut at = pos;
    for _ in 0..6 {
        let start = skip_space(text, at);
        let word_len = text[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(text.len() - start);
        let word = &text[start..start + word_len];
        if word.is_empty() || !word.chars().any(|c| c.is_ascii_alphabetic()) {
            break;
        }
        if words::NOT_A_NOUN.contains(&word.to_ascii_lowercase().as_str()) {
            break;
        }
        at = start + word_len;
        out.push((at, Capture::Words));
    }
    out
}

/// `( … )` with balanced brackets, holding no condition and no constraint.
fn gloss(text: &str, pos: usize) -> Vec<(usize, Capture)> {
    let rest = &text[pos..];
    if !rest.starts_with('(') {
        return Vec::new();
    }
    let mut depth = 0;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    let inner = &rest[1..i];
                    if words::is_constraint_like(inner) || words::states_condition(inner) {
                        return Vec::new();
                    }
                    return vec![(pos + i + 1, Capture::Words)];
                }
            }
            _ => {}
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_every_written_form() {
        let ns = |t: &str| number(t, 0).into_iter().map(|(_, n)| n).collect::<Vec<_>>();
        assert_eq!(ns("5 GB"), vec![5.0]);
        assert_eq!(ns("-1"), vec![-1.0]);
        assert_eq!(ns("0.5"), vec![0.5]);
        assert_eq!(ns("`20`"), vec![20.0]);
        assert_eq!(
            ns("100,000,000 Mbps"),
            vec![100.0, 100_000.0, 100_000_000.0]
        );
        assert_eq!(ns("1,100]"), vec![1.0, 1100.0]);
        assert!(ns("x").is_empty());
        assert!(number("IPv4", 3).is_empty());
    }

    #[test]
    fn values_and_fields() {
        assert_eq!(
            value("`Standard NVMe SSD`.", 0),
            vec![(19, "Standard NVMe SSD".into())]
        );
        assert_eq!(
            value("America/Los_Angeles .", 0)[0].1,
            "America/Los_Angeles"
        );
        assert_eq!(value("FullNat.", 0)[0].1, "FullNat");
        assert!(value("(x)", 0).is_empty());
        let scope = Scope {
            this: Some("lanIp".into()),
            fields: vec!["nicId".into(), "bandwidth".into()],
        };
        assert_eq!(field("nicId is", 0, &scope), vec![(5, "nicId".into())]);
        assert_eq!(
            field("`bandwidth`", 0, &scope),
            vec![(11, "bandwidth".into())]
        );
        assert!(field("bandwidth", 0, &scope).is_empty());
        assert!(field("vpcId", 0, &scope).is_empty());
    }

    #[test]
    fn lists_need_two_items() {
        let got = list("A, B or C.", 0, value, words::VALUE_SEPARATORS);
        let longest = got.iter().max_by_key(|(end, _)| *end).unwrap();
        assert_eq!(longest.1, vec!["A", "B", "C"]);
        assert!(list("A.", 0, value, words::VALUE_SEPARATORS).is_empty());
    }

    #[test]
    fn glosses_hold_no_condition() {
        assert_eq!(gloss("(NAT mode) x", 0).len(), 1);
        assert!(gloss("(only for IPv6)", 0).is_empty());
        assert!(gloss("(at most 10)", 0).is_empty());
    }
}
