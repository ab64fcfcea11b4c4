//! `validate()`: every documented constraint and rule, checked before a request is sent.
//!
//! The generated code only lists the checks; the runtime's `Validator` performs them and
//! collects every violation, so that one call reports all that is wrong.

use crate::Ctx;
use crate::record::{Record, RecordField, RecordKind};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;
use zec_spec::ir::{Constraint, Field, Rule, Shape, TypeRef};

/// The validation items of a record: `validate()` and the `Validate` impl for requests, the
/// `Validate` impl for data structures that have anything to check.
pub fn validation(ctx: &Ctx<'_>, r: &Record<'_>) -> TokenStream {
    let name = &r.name;
    let checks = checks(ctx, r);
    match r.kind {
        RecordKind::Response => quote!(),
        RecordKind::Data if checks.is_empty() => quote!(),
        RecordKind::Data => quote! {
            #[allow(deprecated)]
            impl ::zec_api::__private::Validate for #name {
                #[inline]
                fn check(&self, v: &mut ::zec_api::__private::Validator) {
                    #( #checks )*
                }
            }
        },
        RecordKind::Request => {
            let action = r.action.unwrap_or("");
            let v = if checks.is_empty() {
                quote!(_v)
            } else {
                quote!(v)
            };
            let rules = rule_docs(r.rules);
            quote! {
                impl #name {
                    /// Checks every documented constraint and rule, and reports all violations
                    /// at once, naming fields by their wire names. The client calls this before
                    /// sending; nothing is sent if it fails.
                    #( #[doc = #rules] )*
                    pub fn validate(&self) -> ::core::result::Result<(), ::zec_api::ValidationError> {
                        ::zec_api::__private::run_validation(#action, self)
                    }
                }

                #[allow(deprecated)]
                impl ::zec_api::__private::Validate for #name {
                    #[inline]
                    fn check(&self, #v: &mut ::zec_api::__private::Validator) {
                        #( #checks )*
                    }
                }
            }
        }
    }
}

/// Doc lines that state the rules over several fields, as the docs give them.
fn rule_docs(rules: &[Rule]) -> Vec<String> {
    let code = |fields: &[String]| {
        fields
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut lines: Vec<String> = rules
        .iter()
        .map(|rule| match rule {
            Rule::ExactlyOneOf {
                fields,
                by_priority: true,
                ..
            } => format!(
                " - exactly one of {} must be set (the docs list them in the server's order of priority);",
                code(fields)
            ),
            Rule::ExactlyOneOf { fields, .. } => {
                format!(" - exactly one of {} must be set;", code(fields))
            }
            Rule::AtMostOneOf { fields, .. } => {
                format!(" - at most one of {} may be set;", code(fields))
            }
            Rule::RequiredIf {
                field,
                when,
                equals,
                ..
            } if equals.is_empty() => format!(" - `{field}` is required when `{when}` is set;"),
            Rule::RequiredIf {
                field,
                when,
                equals,
                ..
            } => format!(
                " - `{field}` is required when `{when}` is {};",
                equals
                    .iter()
                    .map(|e| format!("`{e}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        })
        .collect();
    if !lines.is_empty() {
        lines.insert(0, String::new());
        lines.insert(1, " Rules over several fields:".to_string());
    }
    lines
}

/// Whether values of a data structure have anything to validate (a required member, a
/// constraint, or a member that has).
pub fn type_needs_validation(ctx: &Ctx<'_>, name: &str) -> bool {
    needs(ctx, name, &mut BTreeSet::new())
}

fn needs<'a>(ctx: &Ctx<'a>, name: &'a str, visiting: &mut BTreeSet<&'a str>) -> bool {
    if !visiting.insert(name) {
        return false;
    }
    let Some(def) = ctx.type_def(name) else {
        return false;
    };
    let Shape::Struct { fields } = &def.shape else {
        return false;
    };
    fields.iter().any(|f| {
        f.required
            || !f.constraints.is_empty()
            || f.ty.named().is_some_and(|n| needs(ctx, n, visiting))
    })
}

fn checks(ctx: &Ctx<'_>, r: &Record<'_>) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for f in &r.fields {
        let wire = f.field.name.as_str();
        let value = value_ref(f);
        if r.kind != RecordKind::Response && f.field.required {
            let ident = &f.ident;
            out.push(quote!(v.required(#wire, self.#ident.is_some());));
        }
        for c in &f.field.constraints {
            if let Some(check) = constraint_check(ctx, f.field, c, &value) {
                out.push(check);
            }
        }
        if let Some(n) = f.field.ty.named()
            && type_needs_validation(ctx, n)
        {
            out.push(match &f.field.ty {
                TypeRef::Array(_) => quote!(v.nested_each(#wire, #value);),
                _ => quote!(v.nested(#wire, #value);),
            });
        }
    }
    for rule in r.rules {
        if let Some(check) = rule_check(r, rule) {
            out.push(check);
        }
    }
    out
}

/// `Option<&T>` of a field's value.
fn value_ref(f: &RecordField<'_>) -> TokenStream {
    let ident = &f.ident;
    quote!(self.#ident.as_ref())
}

fn is_set(f: &RecordField<'_>) -> TokenStream {
    let ident = &f.ident;
    quote!(self.#ident.is_some())
}

/// Whether a field counts as given in a rule over several fields: a boolean only when it is
/// `true` ("`isAllSubnet` and `subnetIds` cannot both be given" allows `isAllSubnet: false`),
/// anything else when it is present.
fn is_given(f: &RecordField<'_>) -> TokenStream {
    let ident = &f.ident;
    match &f.field.ty {
        TypeRef::Boolean => quote!(self.#ident == Some(true)),
        _ => is_set(f),
    }
}

fn constraint_check(
    ctx: &Ctx<'_>,
    field: &Field,
    c: &Constraint,
    value: &TokenStream,
) -> Option<TokenStream> {
    let wire = field.name.as_str();
    let bound = |b: Option<f64>| match b {
        Some(x) => quote!(Some(#x)),
        None => quote!(None),
    };
    let count = |b: Option<u64>| match b {
        Some(x) => {
            let x = x as usize;
            quote!(Some(#x))
        }
        None => quote!(None),
    };
    let scalar_text = |t: &TypeRef| match t {
        TypeRef::Named(n) => ctx.is_enum(n),
        TypeRef::Array(_) | TypeRef::Unknown | TypeRef::Object => false,
        _ => true,
    };
    match c {
        Constraint::Range { min, max } if field.ty.is_numeric() => {
            let (min, max) = (bound(*min), bound(*max));
            Some(quote!(v.range(#wire, #value, #min, #max);))
        }
        Constraint::Range { min, max } if matches!(&field.ty, TypeRef::Array(inner) if inner.is_numeric()) =>
        {
            let (min, max) = (bound(*min), bound(*max));
            Some(quote!(v.each_range(#wire, #value, #min, #max);))
        }
        Constraint::Length { min, max } if matches!(field.ty, TypeRef::String) => {
            let (min, max) = (count(*min), count(*max));
            Some(quote!(v.length(#wire, #value, #min, #max);))
        }
        Constraint::MaxItems { max } if matches!(field.ty, TypeRef::Array(_)) => {
            let max = *max as usize;
            Some(quote!(v.max_items(#wire, #value, #max);))
        }
        Constraint::AllowedValues { values } => match &field.ty {
            TypeRef::Array(inner) if scalar_text(inner) => {
                Some(quote!(v.each_one_of(#wire, #value, &[ #( #values ),* ]);))
            }
            t if scalar_text(t) => Some(quote!(v.one_of(#wire, #value, &[ #( #values ),* ]);)),
            _ => None,
        },
        _ => None,
    }
}

fn rule_check(r: &Record<'_>, rule: &Rule) -> Option<TokenStream> {
    let find = |wire: &str| r.fields.iter().find(|f| f.field.name == wire);
    match rule {
        Rule::ExactlyOneOf {
            fields,
            by_priority: _,
            ..
        }
        | Rule::AtMostOneOf { fields, .. } => {
            let pairs: Vec<TokenStream> = fields
                .iter()
                .filter_map(|w| find(w))
                .map(|f| {
                    let wire = &f.field.name;
                    let given = is_given(f);
                    quote!((#wire, #given))
                })
                .collect();
            if pairs.len() < 2 {
                return None;
            }
            Some(match rule {
                Rule::ExactlyOneOf { .. } => quote!(v.exactly_one_of(&[ #( #pairs ),* ]);),
                _ => quote!(v.at_most_one_of(&[ #( #pairs ),* ]);),
            })
        }
        Rule::RequiredIf {
            field,
            when,
            equals,
            ..
        } => {
            let target = find(field)?;
            let cond_field = find(when)?;
            let set = is_set(target);
            let wire = &target.field.name;
            let (condition, text) = if equals.is_empty() {
                (is_given(cond_field), format!("`{when}` is set"))
            } else {
                let value = value_ref(cond_field);
                let list: Vec<String> = equals.iter().map(|e| format!("`{e}`")).collect();
                (
                    quote!(::zec_api::__private::wire_is(#value, &[ #( #equals ),* ])),
                    format!("`{when}` is {}", list.join(" or ")),
                )
            };
            Some(quote!(v.required_if(#wire, #set, #condition, #text);))
        }
    }
}
