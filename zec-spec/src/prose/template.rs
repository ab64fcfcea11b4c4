//! Phrase templates: a small pattern language that a clause must match from start to end.
//!
//! A template is written as words and punctuation, with three kinds of syntax:
//!
//! - `[a b]` is optional, `(a | b c)` is a choice, and `\[` `\]` `\(` `\)` `\|` are literal;
//! - `{slot}` reads a piece of the clause (a number, a value, a field name; see [`Slot`]);
//! - everything else is literal, compared without regard to ASCII case, with any amount of
//!   white space (or none) between tokens. Words do not match inside longer words.
//!
//! The clause text is normalised first ([`super::sentences::normalise`]): full-width
//! punctuation becomes ASCII, bold markers go, spaces collapse. Matching backtracks over every
//! reading of every slot, so `[1,100]` reads as one to a hundred where a range is expected and
//! `100,000` as a hundred thousand where a single number is.

use super::slots::{self, Capture, Scope};

/// A piece of a template.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// Literal text, lower-cased.
    Lit(String),
    /// Optional sequence.
    Opt(Vec<Node>),
    /// One of several sequences.
    Alt(Vec<Vec<Node>>),
    /// A slot.
    Slot(Slot),
}

/// What a `{slot}` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// `{n}`: a number (`5`, `-1`, `0.5`, `100,000`, `` `20` ``).
    Number,
    /// `{value}`: one literal value: a code span, a quoted string, or a bare token.
    Value,
    /// `{phrase}`: a value as `{value}` reads it, or a few words that each start with a
    /// capital (`Standard NVMe SSD`), as the docs write a product name unquoted.
    Phrase,
    /// `{values}`: two or more values in a list (`A, B or C`, `A、B`).
    Values,
    /// `{field}`: a field of the context, as a code span or by its name; `{field:when}` is
    /// the field a rule's condition tests, `{field:then}` the one the rule makes required.
    Field(Role),
    /// `{fields}`: two or more fields in a list.
    Fields,
    /// `{this}`: the field being described ("this field", "该参数", or its name), as the
    /// field a rule makes required; `{this:when}` as the field its condition tests.
    This(Role),
    /// `{this?}`: the field being described, left unsaid ("Mutually exclusive with `a`");
    /// reads nothing, and matches only in a field's description. `{this?:when}` as the
    /// field a condition tests ("`STRICT` requires `bandwidth`" in the mode's description).
    ThisUnsaid(Role),
    /// `{chain}`: fields in priority order, `a > b > c`.
    Chain,
    /// `{unit}`: a unit of measure (`Mbps`, `GB`, `days`, `秒`).
    Unit,
    /// `{chars}`: a unit of string length (`characters`, `个字符`).
    Chars,
    /// `{noun}`: a few plain words naming what a list holds (`IDs`, `tag keys`, `个标签`).
    Noun,
    /// `{gloss}`: a parenthesised remark that states no condition (`(NAT mode)`, `(32 TB)`).
    Gloss,
}

/// The part a field plays in a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Just named (in a list of exclusive fields, say).
    Plain,
    /// The field a condition tests.
    When,
    /// The field a rule makes required.
    Then,
}

/// A parsed template.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Template {
    nodes: Vec<Node>,
}

impl Template {
    /// Parse a template; an error names what is wrong with it.
    pub(crate) fn parse(src: &str) -> Result<Template, String> {
        let tokens = tokenize(src)?;
        let mut at = 0;
        let nodes = parse_alt(&tokens, &mut at)?;
        if at != tokens.len() {
            return Err(format!("unbalanced brackets in template {src:?}"));
        }
        let nodes = match nodes {
            Node::Alt(mut alts) if alts.len() == 1 => alts.remove(0),
            other => vec![other],
        };
        Ok(Template { nodes })
    }

    /// Whether `lower_text` (lower-cased) holds every literal a match needs.
    pub(crate) fn may_match(&self, lower_text: &str) -> bool {
        self.nodes.iter().all(|n| match n {
            Node::Lit(l) => lower_text.contains(l.as_str()),
            _ => true,
        })
    }

    /// Every way the template matches `text` from `start`: the end of the match and the
    /// captured slots in template order.
    pub(crate) fn matches(
        &self,
        text: &str,
        start: usize,
        scope: &Scope,
    ) -> Vec<(usize, Vec<Capture>)> {
        let mut out = Vec::new();
        let mut caps = Vec::new();
        walk(&self.nodes, None, text, start, scope, &mut caps, &mut out);
        out
    }
}

/// A template token before parsing.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open(char),
    Close(char),
    Bar,
    Slot(Slot),
    Lit(String),
}

fn tokenize(src: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut chars = src.chars().peekable();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Token>| {
        if !word.is_empty() {
            out.push(Token::Lit(std::mem::take(word)));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                flush(&mut word, &mut out);
                let escaped = chars
                    .next()
                    .ok_or_else(|| format!("template {src:?} ends in a backslash"))?;
                out.push(Token::Lit(escaped.to_string()));
            }
            '[' | '(' => {
                flush(&mut word, &mut out);
                out.push(Token::Open(c));
            }
            ']' | ')' => {
                flush(&mut word, &mut out);
                out.push(Token::Close(c));
            }
            '|' => {
                flush(&mut word, &mut out);
                out.push(Token::Bar);
            }
            '{' => {
                flush(&mut word, &mut out);
                let name: String = chars.by_ref().take_while(|&c| c != '}').collect();
                out.push(Token::Slot(slot_named(&name).ok_or_else(|| {
                    format!("unknown slot {{{name}}} in template {src:?}")
                })?));
            }
            c if c.is_whitespace() => flush(&mut word, &mut out),
            c if is_word_char(c) || is_cjk(c) => {
                // A run of CJK characters is one literal, and so is a run of word characters.
                if word
                    .chars()
                    .next_back()
                    .is_some_and(|last| is_cjk(last) != is_cjk(c))
                {
                    flush(&mut word, &mut out);
                }
                word.push(c);
            }
            c => {
                flush(&mut word, &mut out);
                out.push(Token::Lit(c.to_string()));
            }
        }
    }
    flush(&mut word, &mut out);
    Ok(out)
}

fn slot_named(name: &str) -> Option<Slot> {
    Some(match name {
        "n" => Slot::Number,
        "value" => Slot::Value,
        "phrase" => Slot::Phrase,
        "values" => Slot::Values,
        "field" => Slot::Field(Role::Plain),
        "field:when" => Slot::Field(Role::When),
        "field:then" => Slot::Field(Role::Then),
        "fields" => Slot::Fields,
        "this" => Slot::This(Role::Then),
        "this:when" => Slot::This(Role::When),
        "this?" => Slot::ThisUnsaid(Role::Then),
        "this?:when" => Slot::ThisUnsaid(Role::When),
        "chain" => Slot::Chain,
        "unit" => Slot::Unit,
        "chars" => Slot::Chars,
        "noun" => Slot::Noun,
        "gloss" => Slot::Gloss,
        _ => return None,
    })
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '\'')
}

/// Whether `c` is a CJK ideograph or CJK punctuation that stays in normalised text.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Parse alternatives separated by `|` until a closing bracket or the end.
fn parse_alt(tokens: &[Token], at: &mut usize) -> Result<Node, String> {
    let mut alts = vec![Vec::new()];
    while let Some(t) = tokens.get(*at) {
        match t {
            Token::Close(_) => break,
            Token::Bar => {
                *at += 1;
                alts.push(Vec::new());
            }
            Token::Open(open) => {
                *at += 1;
                let inner = parse_alt(tokens, at)?;
                let close = match tokens.get(*at) {
                    Some(Token::Close(c)) => *c,
                    _ => return Err("a bracket is not closed".into()),
                };
                *at += 1;
                let node = match (open, close) {
                    ('[', ']') => Node::Opt(match inner {
                        Node::Alt(mut a) if a.len() == 1 => a.remove(0),
                        other => vec![other],
                    }),
                    ('(', ')') => inner,
                    _ => return Err(format!("{open} is closed by {close}")),
                };
                if let Some(last) = alts.last_mut() {
                    last.push(node);
                }
            }
            Token::Slot(s) => {
                *at += 1;
                if let Some(last) = alts.last_mut() {
                    last.push(Node::Slot(*s));
                }
            }
            Token::Lit(l) => {
                *at += 1;
                if let Some(last) = alts.last_mut() {
                    // Literals match without regard to ASCII case; kept lower-cased.
                    last.push(Node::Lit(l.to_ascii_lowercase()));
                }
            }
        }
    }
    if alts.iter().any(Vec::is_empty) && alts.len() > 1 {
        return Err("an empty alternative".into());
    }
    Ok(Node::Alt(alts))
}

/// The rest of a template still to match after the current sequence.
struct Cont<'a> {
    nodes: &'a [Node],
    next: Option<&'a Cont<'a>>,
}

fn walk(
    nodes: &[Node],
    cont: Option<&Cont<'_>>,
    text: &str,
    pos: usize,
    scope: &Scope,
    caps: &mut Vec<Capture>,
    out: &mut Vec<(usize, Vec<Capture>)>,
) {
    let Some((first, rest)) = nodes.split_first() else {
        match cont {
            Some(c) => walk(c.nodes, c.next, text, pos, scope, caps, out),
            None => out.push((pos, caps.clone())),
        }
        return;
    };
    match first {
        Node::Lit(lit) => {
            if let Some(end) = match_literal(text, pos, lit) {
                walk(rest, cont, text, end, scope, caps, out);
            }
        }
        Node::Opt(inner) => {
            let after = Cont {
                nodes: rest,
                next: cont,
            };
            walk(inner, Some(&after), text, pos, scope, caps, out);
            walk(rest, cont, text, pos, scope, caps, out);
        }
        Node::Alt(alts) => {
            let after = Cont {
                nodes: rest,
                next: cont,
            };
            for alt in alts {
                walk(alt, Some(&after), text, pos, scope, caps, out);
            }
        }
        Node::Slot(slot) => {
            for (end, cap) in slots::read(*slot, text, skip_space(text, pos), scope) {
                caps.push(cap);
                walk(rest, cont, text, end, scope, caps, out);
                caps.pop();
            }
        }
    }
}

/// `pos` moved past white space.
pub(crate) fn skip_space(text: &str, pos: usize) -> usize {
    let rest = text.get(pos..).unwrap_or("");
    pos + (rest.len() - rest.trim_start().len())
}

/// Match a literal at `pos` (after white space), ignoring ASCII case; words must not continue
/// into the text around them.
fn match_literal(text: &str, pos: usize, lit: &str) -> Option<usize> {
    let start = skip_space(text, pos);
    let rest = text.get(start..)?;
    let mut end = start;
    let mut chars = rest.chars();
    for want in lit.chars() {
        let got = chars.next()?;
        if !got.eq_ignore_ascii_case(&want) {
            return None;
        }
        end += got.len_utf8();
    }
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let starts_word = lit.chars().next().is_some_and(is_word);
    let ends_word = lit.chars().next_back().is_some_and(is_word);
    if starts_word && text[..start].chars().next_back().is_some_and(is_word) {
        return None;
    }
    if ends_word && text[end..].chars().next().is_some_and(is_word) {
        return None;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ends(t: &str, text: &str) -> Vec<usize> {
        let scope = Scope::default();
        let mut e: Vec<usize> = Template::parse(t)
            .unwrap()
            .matches(text, 0, &scope)
            .into_iter()
            .map(|(end, _)| end)
            .collect();
        e.sort_unstable();
        e.dedup();
        e
    }

    #[test]
    fn literals_options_and_choices() {
        assert_eq!(
            ends("default [value] (is | :)", "Default value: 5"),
            vec![14]
        );
        assert_eq!(ends("default [value] (is | :)", "default is"), vec![10]);
        assert!(ends("default [value] (is | :)", "defaults is").is_empty());
        // Words do not match inside longer words.
        assert!(ends("to", "into").is_empty());
        assert_eq!(ends("\\[ {n} , {n} \\]", "[1,100]"), vec![7]);
        assert_eq!(ends("默认值 为 {value}", "默认值为 instance"), vec![21]);
    }

    #[test]
    fn malformed_templates_are_refused() {
        assert!(Template::parse("[a").is_err());
        assert!(Template::parse("a)").is_err());
        assert!(Template::parse("{nope}").is_err());
        assert!(Template::parse("(a]").is_err());
    }
}
