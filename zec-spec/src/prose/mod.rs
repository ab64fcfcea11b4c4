//! Reading the contract the docs state in sentences, in English and Chinese.
//!
//! The docs say much in prose: "Default value: FullNat", "Value range: [1, 100]", "Up to 100
//! IDs", "If `nicId` is provided, this field is required", "This is an asynchronous API …".
//! Every rule read here becomes a check that refuses a request before it is sent, so the
//! reader is conservative:
//!
//! 1. Text is split into sentences, a sentence into parts (at `;`) and clauses (at `,`)
//!    ([`sentences`]).
//! 2. A clause is understood only when one template of `patterns::PATTERNS` matches all of
//!    it, and what it says fits the field's type. A template may span several clauses
//!    ("If `a` is `X`, `b` is required"); the longest match wins.
//! 3. A part gives its facts only when each of its clauses is understood or says nothing that
//!    could restrict them: a clause that names a condition ("if …", "for GPU instances"),
//!    a number or a value, and is not understood, voids the part. A rule on which characters
//!    a text may hold ("仅支持字母、数字") is not checked but voids nothing. A sentence that makes its
//!    numbers relative ("2 times the size of", "per day", "in total") gives nothing at all.
//! 4. Whatever looks like a constraint and was not read is reported, including the rest of a
//!    sentence of which one part was read.

mod facts;
mod patterns;
mod sentences;
mod slots;
mod template;
mod unnamed;
mod waiter;
mod words;

pub use sentences::{normalise, sentences};
pub use slots::Scope;
pub use waiter::{is_async_note, read_waiter};
pub use words::is_constraint_like;

use crate::ir::{Constraint, Rule, SourceRef, TypeRef};
use facts::{build, disagreeing, is_value_token, merge_bounds};
use patterns::{PATTERNS, Pattern};
use std::fmt;
use std::sync::OnceLock;
use template::Template;

/// One thing a sentence states.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact {
    /// The field's default value.
    Default(String),
    /// A constraint on the field's value.
    Constraint(Constraint),
    /// A rule over several request fields.
    Rule(Rule),
}

/// Facts in a short notation, used by the tests and the labelled corpus: `default 20`,
/// `range 1..100`, `range ..1000`, `length 2..63`, `max_items 100`, `values A|B`,
/// `required_if b when a`, `required_if b when a=X|Y`, `at_most_one_of a,b` (names sorted),
/// `exactly_one_of a,b` (with ` by_priority` when the order is a priority).
impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let num = |n: &Option<f64>| n.map(|v| v.to_string()).unwrap_or_default();
        let int = |n: &Option<u64>| n.map(|v| v.to_string()).unwrap_or_default();
        match self {
            Fact::Default(v) => write!(f, "default {v}"),
            Fact::Constraint(Constraint::Range { min, max }) => {
                write!(f, "range {}..{}", num(min), num(max))
            }
            Fact::Constraint(Constraint::Length { min, max }) => {
                write!(f, "length {}..{}", int(min), int(max))
            }
            Fact::Constraint(Constraint::MaxItems { max }) => write!(f, "max_items {max}"),
            Fact::Constraint(Constraint::AllowedValues { values }) => {
                write!(f, "values {}", values.join("|"))
            }
            Fact::Rule(Rule::RequiredIf {
                field,
                when,
                equals,
                ..
            }) if equals.is_empty() => write!(f, "required_if {field} when {when}"),
            Fact::Rule(Rule::RequiredIf {
                field,
                when,
                equals,
                ..
            }) => write!(f, "required_if {field} when {when}={}", equals.join("|")),
            Fact::Rule(Rule::AtMostOneOf { fields, .. }) => {
                let mut sorted = fields.clone();
                sorted.sort();
                write!(f, "at_most_one_of {}", sorted.join(","))
            }
            Fact::Rule(Rule::ExactlyOneOf {
                fields,
                by_priority,
                ..
            }) => {
                write!(f, "exactly_one_of {}", fields.join(","))?;
                if *by_priority {
                    f.write_str(" by_priority")?;
                }
                Ok(())
            }
        }
    }
}

/// What a text is about.
#[derive(Debug, Clone)]
pub struct Context {
    /// The field described and its type; `None` for the notes of an action.
    pub field: Option<(String, TypeRef)>,
    /// Fields a sentence may name.
    pub fields: Vec<String>,
    /// Where the text is, for the rules read from it.
    pub source: SourceRef,
}

impl Context {
    /// The description of `name` of type `ty`, among `fields` (its table).
    pub fn field(name: &str, ty: &TypeRef, fields: &[String], source: SourceRef) -> Self {
        Context {
            field: Some((name.to_string(), ty.clone())),
            fields: fields.to_vec(),
            source,
        }
    }

    /// A note of an action whose request has `fields`.
    pub fn note(fields: &[String], source: SourceRef) -> Self {
        Context {
            field: None,
            fields: fields.to_vec(),
            source,
        }
    }

    fn scope(&self) -> Scope {
        Scope {
            this: self.field.as_ref().map(|(n, _)| n.clone()),
            fields: self.fields.clone(),
        }
    }

    fn ty(&self) -> Option<&TypeRef> {
        self.field.as_ref().map(|(_, t)| t)
    }
}

/// What one sentence (or one list of values) says.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The sentence as split from the text.
    pub sentence: String,
    /// What it states, when the parts stating it were fully understood.
    pub facts: Vec<Fact>,
    /// Why the sentence needs a maintainer's eye, when it does: it looks like a constraint
    /// and was not (or not wholly) read.
    pub lint: Option<String>,
}

/// Read a text (a field description or a note) sentence by sentence.
pub fn read(text: &str, ctx: &Context) -> Vec<Reading> {
    let mut out = Vec::new();
    // Bold marks values in lists as code spans do elsewhere; it is not part of them.
    let plain = text.replace("**", "");
    let lines: Vec<&str> = plain.lines().map(str::trim).collect();
    if let Some(reading) = value_list(&lines, ctx) {
        out.push(reading);
    }
    for sentence in sentences(text) {
        out.push(read_sentence(&sentence, ctx));
    }
    // A limit stated twice, once in a way the reader cannot follow ("between 2 and 63
    // characters" beside "Available range: [2.0, +)"), may be the docs contradicting
    // themselves: then no limit of the description on that side is read, and the server
    // judges.
    let mut contradicted = words::Sides::default();
    for r in out
        .iter()
        .filter(|r| r.lint.is_some() && r.facts.is_empty())
    {
        let sides = words::limit_sides(&r.sentence);
        contradicted.lower |= sides.lower;
        contradicted.upper |= sides.upper;
    }
    if contradicted.lower || contradicted.upper {
        for r in &mut out {
            let before = r.facts.len();
            r.facts.retain(|f| !bounds_side(f, contradicted));
            if r.facts.len() < before && r.lint.is_none() {
                r.lint = Some(format!(
                    "another sentence of this description states a limit that was not understood, so this one is not read either: {:?}",
                    r.sentence
                ));
            }
        }
    }
    // Two sentences that each state a default, a bound or the values, differently
    // ("Available value range: [0, 100000]" and later "[0, 999999]"): neither is read.
    let stated: Vec<&Fact> = out.iter().flat_map(|r| &r.facts).collect();
    let disputed = disagreeing(&stated);
    if !disputed.is_empty() {
        for r in &mut out {
            let before = r.facts.len();
            r.facts
                .retain(|f| !disputed.iter().any(|kind| kind.holds(f)));
            if r.facts.len() < before && r.lint.is_none() {
                r.lint = Some(format!(
                    "another sentence of this description states the same thing differently, so neither is read: {:?}",
                    r.sentence
                ));
            }
        }
    }
    out
}

/// Whether a fact bounds a value on one of `sides`: a range, a length or an item count.
fn bounds_side(fact: &Fact, sides: words::Sides) -> bool {
    let (lower, upper) = match fact {
        Fact::Constraint(Constraint::Range { min, max }) => (min.is_some(), max.is_some()),
        Fact::Constraint(Constraint::Length { min, max }) => (min.is_some(), max.is_some()),
        Fact::Constraint(Constraint::MaxItems { .. }) => (false, true),
        _ => (false, false),
    };
    (lower && sides.lower) || (upper && sides.upper)
}

/// A clause of a sentence and what was made of it.
struct Clause<'a> {
    text: &'a str,
    /// What the clause states, when it was understood (one clause may state two things:
    /// "Minimum value: 1 (default value)").
    facts: Option<Vec<Fact>>,
    ends_part: bool,
}

/// Read one sentence.
pub fn read_sentence(sentence: &str, ctx: &Context) -> Reading {
    let text = normalise(sentence);
    let clauses = segment(&text, ctx);
    let relative = words::is_relative(&text);
    let mut facts = Vec::new();
    let mut dropped = false;
    let mut unread: Vec<&str> = Vec::new();
    let mut part: Vec<&Clause> = Vec::new();
    for clause in &clauses {
        part.push(clause);
        if !clause.ends_part {
            continue;
        }
        let voided = relative
            || part.iter().any(|c| {
                c.facts.is_none() && may_qualify(c.text) && !words::is_character_rule(c.text)
            });
        for c in &part {
            match &c.facts {
                Some(made) if !voided => facts.extend(made.iter().cloned()),
                Some(_) => dropped = true,
                None if may_qualify(c.text) || is_constraint_like(c.text) => unread.push(c.text),
                None => {}
            }
        }
        part.clear();
    }
    let any_read = clauses.iter().any(|c| c.facts.is_some());
    // "Minimum value: 1, maximum value: 100": one range, as the sentence means.
    let (facts, unjoinable) = match merge_bounds(facts) {
        Ok(facts) => (facts, false),
        Err(rest) => (rest, true),
    };
    let lint = if unjoinable {
        Some(format!(
            "the bounds this sentence states do not make one range, so none is read: {sentence:?}"
        ))
    } else if dropped {
        Some(if relative {
            format!(
                "a limit relative to something else, or a rate, is not a bound; ignored: {sentence:?}"
            )
        } else {
            format!(
                "part of this sentence was not understood ({}), so none of it is read: {sentence:?}",
                quoted(&unread)
            )
        })
    } else if !unread.is_empty() && any_read {
        Some(format!(
            "only part of this sentence was read; not understood: {} in {sentence:?}",
            quoted(&unread)
        ))
    } else if !any_read && is_constraint_like(&text) {
        Some(
            unnamed::why_no_rule(&text, ctx)
                .map(|why| format!("{why}; no rule is made: {sentence:?}"))
                .unwrap_or_else(|| format!("constraint not understood, ignored: {sentence:?}")),
        )
    } else {
        None
    };
    Reading {
        sentence: sentence.to_string(),
        facts,
        lint,
    }
}

fn quoted(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| format!("{p:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether an unread clause may change what the rest of its part says: it names a
/// condition ("if …", "for GPU instances"), a number or a value (a code span), any of which
/// could narrow when the rest holds or widen what it allows. ("TCP probe port" does not.)
fn may_qualify(clause: &str) -> bool {
    words::states_condition(clause)
        || clause.contains('`')
        || clause
            .char_indices()
            .any(|(i, c)| c.is_ascii_digit() && !slots::number(clause, i).is_empty())
}

/// Split normalised text into clauses, each the longest match of a pattern from where the
/// previous one ended, or the text up to the next comma or semicolon when none matches.
fn segment<'a>(text: &'a str, ctx: &Context) -> Vec<Clause<'a>> {
    let ends = sentences::clause_ends(text);
    let scope = ctx.scope();
    // Only the templates whose literals the text holds can match anywhere in it.
    let lower = text.to_ascii_lowercase();
    let candidates: Vec<&(&Pattern, Template)> = compiled()
        .iter()
        .filter(|(_, t)| t.may_match(&lower))
        .collect();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        pos = template::skip_space(text, pos);
        if pos >= text.len() {
            break;
        }
        let mut best: Option<(usize, Vec<Fact>)> = None;
        for (pattern, template) in &candidates {
            for (end, caps) in template.matches(text, pos, &scope) {
                let end = end + (text[end..].len() - text[end..].trim_start().len());
                let at_boundary = ends.iter().any(|(e, _)| *e == end);
                if !at_boundary || best.as_ref().is_some_and(|(b, _)| *b >= end) {
                    continue;
                }
                let facts = build(pattern.says, &caps, ctx);
                if !facts.is_empty() {
                    best = Some((end, facts));
                }
            }
        }
        let (end, facts) = match best {
            Some((end, facts)) => (end, Some(facts)),
            None => {
                let next = ends
                    .iter()
                    .map(|(e, _)| *e)
                    .find(|&e| e > pos)
                    .unwrap_or(text.len());
                (next, None)
            }
        };
        let ends_part = ends.iter().any(|&(e, part)| e == end && part);
        out.push(Clause {
            text: text[pos..end].trim(),
            facts,
            ends_part,
        });
        // Step over the separator: a comma or semicolon, or an `and` that joins the next
        // statement (see `sentences::clause_ends`).
        pos = if text[end..].to_ascii_lowercase().starts_with("and ") {
            end + "and ".len()
        } else {
            end + text[end..].chars().next().map_or(0, char::len_utf8)
        };
        // ", and the default is 10": the `and` after a comma joins too.
        let rest = &text[pos.min(text.len())..];
        let trimmed = rest.trim_start();
        if trimmed.to_ascii_lowercase().starts_with("and ")
            && sentences::opens_a_statement(&trimmed["and ".len()..])
        {
            pos += rest.len() - trimmed.len() + "and ".len();
        }
    }
    out
}

/// Every template of every pattern, parsed once.
fn compiled() -> &'static [(&'static Pattern, Template)] {
    static COMPILED: OnceLock<Vec<(&'static Pattern, Template)>> = OnceLock::new();
    COMPILED.get_or_init(|| {
        PATTERNS
            .iter()
            .flat_map(|p| {
                p.templates.iter().filter_map(move |t| {
                    // A template that does not parse is a bug caught by the tests; it is left
                    // out rather than stop a build.
                    Template::parse(t).ok().map(|t| (p, t))
                })
            })
            .collect()
    })
}

/// Values listed one per line (`- PREPAID: …`, `- CentOS`) on a text field: the allowed
/// values.
fn value_list(lines: &[&str], ctx: &Context) -> Option<Reading> {
    let text_like = match ctx.ty()? {
        TypeRef::String => true,
        TypeRef::Array(inner) => **inner == TypeRef::String,
        _ => false,
    };
    let items: Vec<&str> = lines.iter().filter_map(|l| l.strip_prefix("- ")).collect();
    if !text_like || items.len() < 2 {
        return None;
    }
    // "When `ipType` is `IPv6`, valid values:" before the list: the values hold only then,
    // and the client cannot know the rest.
    let first_item = lines.iter().position(|l| l.starts_with("- "))?;
    if lines[..first_item]
        .iter()
        .rev()
        .find(|l| !l.is_empty())
        .is_some_and(|intro| words::states_condition(intro))
    {
        return None;
    }
    let mut values = Vec::new();
    for item in &items {
        let item = item.trim().trim_matches('`');
        let head: String = item
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
            .collect();
        // "CREATING-创建中": the hyphen separates the value from its meaning.
        let head = head.trim_end_matches('-').to_string();
        let rest = item[head.len()..].trim_start().trim_start_matches('`');
        let separated = rest.is_empty()
            || rest.starts_with([':', '：', '-', '（', '(', '—'])
            || rest.starts_with(char::is_whitespace);
        if head.is_empty()
            || !separated
            || !is_value_token(&head)
            || !head.chars().any(|c| c.is_ascii_alphabetic())
        {
            return None;
        }
        values.push(head);
    }
    Some(Reading {
        sentence: items
            .iter()
            .map(|i| format!("- {i}"))
            .collect::<Vec<_>>()
            .join("\n"),
        facts: vec![Fact::Constraint(Constraint::AllowedValues { values })],
        lint: None,
    })
}

#[cfg(test)]
mod tests;
