//! Why a sentence that states a rule between fields gave none: it names a field the request
//! does not have (a misspelt name), or names the fields only by what they are ("the pricing
//! model", "密钥与密码"). Either way the reader makes no rule, since it cannot be certain
//! which fields are meant; the lint says which case it is, so that a maintainer can fix the
//! page or teach the reader.

use super::Context;

/// Words that make a sentence a rule between fields.
const RULE_WORDS: &[&str] = &[
    "required",
    "must be specified",
    "must be provided",
    "must be used",
    "cannot both",
    "can not both",
    "not both",
    "at the same time",
    "together",
    "mutually exclusive",
    "either",
    "exactly one",
    "必填",
    "必传",
    "必选",
    "不能同时",
    "同时指定",
    "互斥",
    "其中一个",
    "其中的一种",
    "其一",
    "配合使用",
];

/// The reason a rule-like sentence gave no rule, when it is one of the two this module knows.
pub(super) fn why_no_rule(text: &str, ctx: &Context) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if !RULE_WORDS.iter().any(|w| lower.contains(w)) {
        return None;
    }
    let known: Vec<&str> = ctx
        .fields
        .iter()
        .map(String::as_str)
        .chain(ctx.field.as_ref().map(|(n, _)| n.as_str()))
        .collect();
    let mut strangers: Vec<&str> = names_in(text)
        .into_iter()
        .filter(|n| !known.contains(n))
        .collect();
    // A plain word a letter or two away from a camel-case field (`clusterld`).
    strangers.extend(words_in(text).filter(|w| {
        w.len() >= 5
            && !known.contains(w)
            && known.iter().any(|k| {
                let d = edit_distance(&k.to_ascii_lowercase(), &w.to_ascii_lowercase());
                k.chars().any(|c| c.is_ascii_uppercase()) && (1..=2).contains(&d)
            })
    }));
    if let Some(name) = strangers.first() {
        let near = known
            .iter()
            .filter(|k| edit_distance(&k.to_ascii_lowercase(), &name.to_ascii_lowercase()) <= 2)
            .min_by_key(|k| edit_distance(k, name));
        return Some(match near {
            Some(field) => format!(
                "a rule names `{name}`, which is not a field here (a misspelling of `{field}`?)"
            ),
            None => format!("a rule names `{name}`, which is not a field here"),
        });
    }
    let named = known.iter().any(|k| {
        text.contains(&format!("`{k}`"))
            || names_in(text).contains(k)
            || (k.chars().any(|c| c.is_ascii_uppercase()) && text.contains(k))
    });
    (!named).then(|| {
        "a rule names its fields by what they are, not by their names, so which fields it means is not certain".to_string()
    })
}

/// The field-like names in a text: code spans that hold an identifier starting with a
/// lower-case letter, and camel-case words (`internetChargeType`, `clusterld`).
fn names_in(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let identifier = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_lowercase())
            && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    for (i, span) in text.split('`').enumerate() {
        if i % 2 == 1 {
            if identifier(span) {
                out.push(span);
            }
            continue;
        }
        for word in words_in(span) {
            let camel = word.chars().skip(1).any(|c| c.is_ascii_uppercase());
            if identifier(word) && camel {
                out.push(word);
            }
        }
    }
    out
}

/// The words of a text, as runs of ASCII letters, digits and `_`.
fn words_in(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// The number of single-character edits between two names.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{SourceRef, TypeRef};

    fn ctx() -> Context {
        let fields: Vec<String> = ["internetChargeType", "clusterId", "keyId", "password"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let src = SourceRef {
            file: String::new(),
            line: 0,
        };
        Context::field("clusterId", &TypeRef::String, &fields, src)
    }

    #[test]
    fn a_misspelt_name_is_named_with_the_field_it_resembles() {
        let why = why_no_rule(
            "If the value of internetChargeType is Bandwidth , clusterld is required",
            &ctx(),
        );
        assert_eq!(
            why.as_deref(),
            Some(
                "a rule names `clusterld`, which is not a field here (a misspelling of `clusterId`?)"
            )
        );
        let why = why_no_rule("Required when `chargeMode` is set", &ctx());
        assert_eq!(
            why.as_deref(),
            Some("a rule names `chargeMode`, which is not a field here")
        );
    }

    #[test]
    fn fields_named_by_what_they_are() {
        for text in [
            "It is required if the pricing model is PREPAID",
            "密钥与密码不能同时指定",
        ] {
            let why = why_no_rule(text, &ctx()).unwrap_or_default();
            assert!(why.contains("by what they are"), "{text}: {why}");
        }
        // Named fields, or no rule at all: nothing to say.
        assert_eq!(
            why_no_rule(
                "`keyId` and `password` cannot both be set, ever, sometimes",
                &ctx()
            ),
            None
        );
        assert_eq!(why_no_rule("Instance password", &ctx()), None);
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("clusterld", "clusterid"), 1);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("", "ab"), 2);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
