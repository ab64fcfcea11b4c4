//! What a matched pattern states: the captures of a template turned into a [`Fact`], when
//! it fits the field's type and the fields the context knows.

use super::patterns::Says;
use super::slots::Capture;
use super::template::Role;
use super::{Context, Fact};
use crate::ir::{Constraint, Rule, TypeRef};

/// The facts a match states, if they fit the context (none when they do not).
pub(super) fn build(says: Says, caps: &[Capture], ctx: &Context) -> Vec<Fact> {
    match says {
        // Both or nothing.
        Says::MinAndDefault => match (one(Says::Min, caps, ctx), one(Says::Default, caps, ctx)) {
            (Some(min), Some(default)) => vec![min, default],
            _ => Vec::new(),
        },
        _ => one(says, caps, ctx).into_iter().collect(),
    }
}

/// The one fact a pattern that states one thing states.
fn one(says: Says, caps: &[Capture], ctx: &Context) -> Option<Fact> {
    let numbers: Vec<f64> = caps
        .iter()
        .filter_map(|c| match c {
            Capture::Number(n) => Some(*n),
            _ => None,
        })
        .collect();
    let ty = ctx.ty();
    let numeric = ty.is_some_and(|t| {
        t.is_numeric() || matches!(t, TypeRef::Array(inner) if inner.is_numeric())
    });
    let text = matches!(ty, Some(TypeRef::String));
    let list = matches!(ty, Some(TypeRef::Array(_)));
    let range = |min: Option<f64>, max: Option<f64>| {
        (numeric && ordered(min, max)).then_some(Fact::Constraint(Constraint::Range { min, max }))
    };
    let length = |min: Option<f64>, max: Option<f64>| {
        let whole = |n: Option<f64>| n.is_none_or(|v| v >= 0.0 && v.fract() == 0.0);
        (text && whole(min) && whole(max) && ordered(min, max)).then(|| {
            Fact::Constraint(Constraint::Length {
                min: min.map(|v| v as u64),
                max: max.map(|v| v as u64),
            })
        })
    };
    match says {
        Says::Default => {
            let value = caps.iter().find_map(|c| match c {
                Capture::Value(v) => Some(v.clone()),
                Capture::Number(n) => Some(n.to_string()),
                _ => None,
            })?;
            fits_type(&value, ty?).then_some(Fact::Default(value))
        }
        Says::DefaultOn | Says::DefaultOff => matches!(ty?, TypeRef::Boolean).then(|| {
            Fact::Default(
                if says == Says::DefaultOn {
                    "true"
                } else {
                    "false"
                }
                .to_string(),
            )
        }),
        Says::Range => range(Some(*numbers.first()?), Some(*numbers.get(1)?)),
        Says::RangeOr => {
            let (one, from, to) = (*numbers.first()?, *numbers.get(1)?, *numbers.get(2)?);
            range(Some(one.min(from)), Some(to.max(one)))
        }
        Says::Min => range(Some(*numbers.first()?), None),
        Says::Max => range(None, Some(*numbers.first()?)),
        Says::Positive => range(Some(1.0), None),
        Says::NonNegative => range(Some(0.0), None),
        Says::Length => length(Some(*numbers.first()?), Some(*numbers.get(1)?)),
        Says::MinLength => length(Some(*numbers.first()?), None),
        Says::MaxLength => length(None, Some(*numbers.first()?)),
        Says::MaxItems => {
            let n = *numbers.first()?;
            (list && n >= 0.0 && n.fract() == 0.0)
                .then_some(Fact::Constraint(Constraint::MaxItems { max: n as u64 }))
        }
        Says::Values => {
            let values = caps.iter().find_map(|c| match c {
                Capture::Values(v) => Some(v.clone()),
                _ => None,
            })?;
            // Text, or an enum whose values the sentence narrows.
            let text_like = matches!(ty, Some(TypeRef::String | TypeRef::Named(_)))
                || matches!(ty, Some(TypeRef::Array(inner)) if matches!(**inner, TypeRef::String | TypeRef::Named(_)));
            (text_like && values.iter().all(|v| is_value_token(v)))
                .then_some(Fact::Constraint(Constraint::AllowedValues { values }))
        }
        Says::RequiredIf => required_if(caps, ctx),
        Says::AtMostOneOf => {
            let fields = named_fields(caps);
            (fields.len() >= 2).then(|| {
                Fact::Rule(Rule::AtMostOneOf {
                    fields,
                    source: ctx.source.clone(),
                })
            })
        }
        Says::ExactlyOneOf => exactly_one_of(caps, ctx),
        Says::MinAndDefault => None,
    }
}

/// Facts of one sentence with the lower and upper bounds of a range (or a length) joined,
/// when the sentence states each once: "Minimum value: 1, maximum value: 100" is `1..100`.
/// Bounds that cannot be joined ("minimum 10, maximum 5") are an error, holding the
/// sentence's other facts.
pub(super) fn merge_bounds(facts: Vec<Fact>) -> Result<Vec<Fact>, Vec<Fact>> {
    let ranges: Vec<(Option<f64>, Option<f64>)> = facts
        .iter()
        .filter_map(|f| match f {
            Fact::Constraint(Constraint::Range { min, max }) => Some((*min, *max)),
            _ => None,
        })
        .collect();
    let lengths: Vec<(Option<u64>, Option<u64>)> = facts
        .iter()
        .filter_map(|f| match f {
            Fact::Constraint(Constraint::Length { min, max }) => Some((*min, *max)),
            _ => None,
        })
        .collect();
    let range = joined(&ranges).map(|(min, max)| Constraint::Range { min, max });
    let length = joined(&lengths).map(|(min, max)| Constraint::Length { min, max });
    if (ranges.len() > 1 && range.is_none()) || (lengths.len() > 1 && length.is_none()) {
        return Err(facts
            .into_iter()
            .filter(|f| {
                !matches!(
                    f,
                    Fact::Constraint(Constraint::Range { .. } | Constraint::Length { .. })
                )
            })
            .collect());
    }
    let mut out = Vec::new();
    for fact in facts {
        match fact {
            Fact::Constraint(Constraint::Range { .. }) if range.is_some() => {
                if let Some(r) = &range
                    && !out.contains(&Fact::Constraint(r.clone()))
                {
                    out.push(Fact::Constraint(r.clone()));
                }
            }
            Fact::Constraint(Constraint::Length { .. }) if length.is_some() => {
                if let Some(l) = &length
                    && !out.contains(&Fact::Constraint(l.clone()))
                {
                    out.push(Fact::Constraint(l.clone()));
                }
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

/// Two or more bounds joined into one, when each side is stated at most once (or the same
/// each time) and the result is in order; `None` for fewer than two or a disagreement.
fn joined<T: Copy + PartialEq + PartialOrd>(
    bounds: &[(Option<T>, Option<T>)],
) -> Option<(Option<T>, Option<T>)> {
    if bounds.len() < 2 {
        return None;
    }
    // One side: the value stated, if any; an error when two disagree.
    let side = |values: Vec<Option<T>>| {
        let mut found: Option<T> = None;
        for v in values.into_iter().flatten() {
            match found {
                Some(a) if a != v => return Err(()),
                _ => found = Some(v),
            }
        }
        Ok(found)
    };
    let min = side(bounds.iter().map(|b| b.0).collect()).ok()?;
    let max = side(bounds.iter().map(|b| b.1).collect()).ok()?;
    match (min, max) {
        (Some(a), Some(b)) if a > b => None,
        _ => Some((min, max)),
    }
}

/// A kind of fact a description states at most once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    Default,
    Min,
    Max,
    MinLength,
    MaxLength,
    MaxItems,
    Values,
}

impl Kind {
    /// Whether `fact` states this kind of thing.
    pub(super) fn holds(self, fact: &Fact) -> bool {
        !self.values_in(fact).is_empty()
    }

    /// What `fact` states of this kind, as text to compare.
    fn values_in(self, fact: &Fact) -> Vec<String> {
        let text = |n: &Option<f64>| n.map(|v| v.to_string());
        let int = |n: &Option<u64>| n.map(|v| v.to_string());
        let found = match (self, fact) {
            (Kind::Default, Fact::Default(v)) => Some(v.clone()),
            (Kind::Min, Fact::Constraint(Constraint::Range { min, .. })) => text(min),
            (Kind::Max, Fact::Constraint(Constraint::Range { max, .. })) => text(max),
            (Kind::MinLength, Fact::Constraint(Constraint::Length { min, .. })) => int(min),
            (Kind::MaxLength, Fact::Constraint(Constraint::Length { max, .. })) => int(max),
            (Kind::MaxItems, Fact::Constraint(Constraint::MaxItems { max })) => {
                Some(max.to_string())
            }
            (Kind::Values, Fact::Constraint(Constraint::AllowedValues { values })) => {
                Some(values.join("|"))
            }
            _ => None,
        };
        found.into_iter().collect()
    }
}

/// The kinds of fact that the facts of one description state in two different ways.
pub(super) fn disagreeing(facts: &[&Fact]) -> Vec<Kind> {
    const KINDS: [Kind; 7] = [
        Kind::Default,
        Kind::Min,
        Kind::Max,
        Kind::MinLength,
        Kind::MaxLength,
        Kind::MaxItems,
        Kind::Values,
    ];
    KINDS
        .into_iter()
        .filter(|kind| {
            let mut seen: Vec<String> = facts.iter().flat_map(|f| kind.values_in(f)).collect();
            seen.sort();
            seen.dedup();
            seen.len() > 1
        })
        .collect()
}

fn ordered(min: Option<f64>, max: Option<f64>) -> bool {
    match (min, max) {
        (Some(a), Some(b)) => a <= b,
        _ => true,
    }
}

/// Whether a default value can be a value of the type (and is not a masked placeholder such
/// as `0.0.XX.XX/0`).
fn fits_type(value: &str, ty: &TypeRef) -> bool {
    if is_placeholder(value) {
        return false;
    }
    match ty {
        TypeRef::Integer | TypeRef::Long => value.parse::<i64>().is_ok(),
        TypeRef::Float | TypeRef::Double | TypeRef::BigDecimal => value.parse::<f64>().is_ok(),
        TypeRef::Boolean => matches!(value, "true" | "false"),
        // A text default may be any words the docs quote (`Standard NVMe SSD`).
        TypeRef::String | TypeRef::Timestamp => !value.trim().is_empty(),
        TypeRef::Named(_) => is_value_token(value),
        // A list's default is written as its one item (`0.0.0.0/0`).
        TypeRef::Array(inner) => fits_type(value, inner),
        // A type the page gave no name for (a lost link): a value as the docs list them.
        TypeRef::Unknown => is_value_token(value),
        TypeRef::Object => false,
    }
}

/// A value with a part masked by `X`s (`0.0.XX.XX/0`, `xx.0`): an example, not a value.
fn is_placeholder(value: &str) -> bool {
    value
        .split(['.', '/', ':', '-'])
        .any(|part| part.len() >= 2 && part.chars().all(|c| c == 'x' || c == 'X'))
}

/// A value as the docs list them: letters, digits, `_ - . : /`, with at least one letter or
/// digit, and no longer than a value could sensibly be.
pub(super) fn is_value_token(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '/'))
        && s.chars().any(|c| c.is_ascii_alphanumeric())
}

/// Field names captured, in order, without repeats.
fn named_fields(caps: &[Capture]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in caps {
        let names: Vec<&String> = match c {
            Capture::Field(f, _) => vec![f],
            Capture::Fields(fs) => fs.iter().collect(),
            _ => continue,
        };
        for n in names {
            if !n.is_empty() && !out.contains(n) {
                out.push(n.clone());
            }
        }
    }
    out
}

/// Words that say a field is merely given; never a value a condition compares with.
const PRESENCE_WORDS: &[&str] = &[
    "provided",
    "specified",
    "set",
    "passed",
    "given",
    "present",
    "empty",
    "null",
    "not",
    "absent",
    "omitted",
];

fn required_if(caps: &[Capture], ctx: &Context) -> Option<Fact> {
    let role = |want: Role| {
        caps.iter().find_map(|c| match c {
            Capture::Field(f, r) if *r == want && !f.is_empty() => Some(f.clone()),
            _ => None,
        })
    };
    let field = role(Role::Then).or_else(|| ctx.field.as_ref().map(|(n, _)| n.clone()))?;
    let when = role(Role::When)?;
    if field == when {
        return None;
    }
    let mut equals = Vec::new();
    for c in caps {
        match c {
            Capture::Value(v) => equals.push(v.clone()),
            Capture::Values(vs) => equals.extend(vs.iter().cloned()),
            _ => {}
        }
    }
    if equals
        .iter()
        .any(|v| !is_value_token(v) || PRESENCE_WORDS.contains(&v.to_ascii_lowercase().as_str()))
    {
        return None;
    }
    Some(Fact::Rule(Rule::RequiredIf {
        field,
        when,
        equals,
        source: ctx.source.clone(),
    }))
}

fn exactly_one_of(caps: &[Capture], ctx: &Context) -> Option<Fact> {
    let lists: Vec<&Vec<String>> = caps
        .iter()
        .filter_map(|c| match c {
            Capture::Fields(f) => Some(f),
            _ => None,
        })
        .collect();
    let fields = (*lists.first()?).clone();
    if fields.len() < 2 {
        return None;
    }
    let (fields, by_priority) = match lists.get(1) {
        // A priority chain must order exactly the fields listed.
        Some(chain) => {
            let mut a = fields.clone();
            let mut b = (*chain).clone();
            a.sort();
            b.sort();
            if a != b {
                return None;
            }
            ((*chain).clone(), true)
        }
        None => (fields, false),
    };
    Some(Fact::Rule(Rule::ExactlyOneOf {
        fields,
        by_priority,
        source: ctx.source.clone(),
    }))
}
