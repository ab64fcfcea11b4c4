//! What a matched pattern states: the captures of a template turned into a [`Fact`], when
//! it fits the field's type and the fields the context knows.

use super::patterns::Says;
use super::slots::Capture;
use super::template::Role;
use super::{Context, Fact};
use crate::ir::{Constraint, Rule, TypeRef};

/// The fact a match states, if it fits the context.
pub(super) fn build(says: Says, caps: &[Capture], ctx: &Context) -> Option<Fact> {
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
    }
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
        TypeRef::Unknown | TypeRef::Object => false,
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
