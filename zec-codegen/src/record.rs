//! Structs: requests, responses and data structures, with their setters, `Debug` (secrets
//! redacted) and wire format.
//!
//! Every member is an `Option`, required ones too: a request is built from `Default` with
//! setters (there is no positional constructor whose arguments could be swapped), and a
//! required member left unset is reported by `validate()` with every other problem.
//!
//! The wire format is written out here instead of derived: a `Serialize` that skips absent
//! fields, and a `Decode` (with a one-line `Deserialize` over it) that takes each member of a
//! JSON object by name through a shared runtime helper: unknown members ignored, absent ones
//! `None`, and in answers from the server a member of another type converted when that loses
//! nothing, else `None` with a warning. That is a fraction of the code serde's derive emits,
//! which matters with hundreds of structs.

use crate::docs::{self, Doc};
use crate::names::{self, Scope, ident};
use crate::types::rust_type;
use crate::validate;
use crate::{Ctx, Error};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use zec_spec::ir::{Field, Rule, TypeRef};

/// What a struct is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// Sent; required members checked by validation.
    Request,
    /// Received.
    Response,
    /// A data structure, sent and received; required members checked by validation.
    Data,
}

/// A struct to generate.
pub struct Record<'a> {
    /// Rust name.
    pub name: Ident,
    /// Its documentation.
    pub doc: Doc,
    /// What it is for.
    pub kind: RecordKind,
    /// Its fields in table order.
    pub fields: Vec<RecordField<'a>>,
    /// Rules over its fields (requests).
    pub rules: &'a [Rule],
    /// Wire name of the action, for validation messages (requests).
    pub action: Option<&'a str>,
}

/// One field of a [`Record`].
pub struct RecordField<'a> {
    /// The field in the IR.
    pub field: &'a Field,
    /// Rust name.
    pub ident: Ident,
    /// Rust type, without the `Option`.
    pub ty: TokenStream,
    /// The type its setter takes.
    pub param: TokenStream,
    /// How the setter turns `value` (of type `param`) into `ty`.
    pub convert: TokenStream,
    /// Hidden from `Debug`.
    pub sensitive: bool,
}

impl<'a> Record<'a> {
    /// Prepare a struct named `name` (already a Rust type name) from table fields.
    pub fn new(
        ctx: &Ctx<'_>,
        name: &str,
        doc: Doc,
        kind: RecordKind,
        fields: &'a [Field],
        rules: &'a [Rule],
    ) -> Result<Self, Vec<Error>> {
        let mut errors = Vec::new();
        let mut scope = Scope::default();
        let mut out = Vec::new();
        for field in fields {
            let typed = rust_type(ctx, &field.ty, &field.source).and_then(|ty| {
                let setter = setter_param(ctx, &field.ty, &ty, &field.source)?;
                Ok((ty, setter))
            });
            let (ty, (param, convert)) = match typed {
                Ok(t) => t,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            let ident = ident(&scope.claim(names::field_ident_text(&field.name)));
            out.push(RecordField {
                field,
                ident,
                sensitive: is_sensitive(&field.name),
                ty,
                param,
                convert,
            });
        }
        if errors.is_empty() {
            Ok(Record {
                name: names::ident(name),
                doc,
                kind,
                fields: out,
                rules,
                action: None,
            })
        } else {
            Err(errors)
        }
    }
}

/// The Rust name [`Record::new`] gives the member `wire` of a struct with these fields (names
/// that collide are numbered in table order).
pub fn field_ident(fields: &[Field], wire: &str) -> Option<Ident> {
    let mut scope = Scope::default();
    fields
        .iter()
        .map(|f| (f, scope.claim(names::field_ident_text(&f.name))))
        .find(|(f, _)| f.name == wire)
        .map(|(_, name)| names::ident(&name))
}

/// What a setter takes for a member of type `ty` (`rust` in Rust), and how it converts it:
/// text and enums as `impl Into<_>` (an enum also from its wire text), lists as
/// `impl IntoIterator` of the same, anything else as it is.
fn setter_param(
    ctx: &Ctx<'_>,
    ty: &TypeRef,
    rust: &TokenStream,
    source: &zec_spec::ir::SourceRef,
) -> Result<(TokenStream, TokenStream), Error> {
    let into = |t: &TypeRef| match t {
        TypeRef::String | TypeRef::Timestamp => true,
        TypeRef::Named(n) => ctx.is_enum(n),
        _ => false,
    };
    Ok(match ty {
        TypeRef::Array(inner) => {
            let item = rust_type(ctx, inner, source)?;
            if into(inner) {
                (
                    quote!(impl IntoIterator<Item = impl Into<#item>>),
                    quote!(value.into_iter().map(Into::into).collect()),
                )
            } else {
                (
                    quote!(impl IntoIterator<Item = #item>),
                    quote!(value.into_iter().collect()),
                )
            }
        }
        t if into(t) => (quote!(impl Into<#rust>), quote!(value.into())),
        _ => (rust.clone(), quote!(value)),
    })
}

/// Fields whose values must never be printed.
fn is_sensitive(wire: &str) -> bool {
    let lower = wire.to_ascii_lowercase();
    [
        "password",
        "passwd",
        "secret",
        "privatekey",
        "token",
        "userdata",
    ]
    .iter()
    .any(|s| lower.contains(s))
}

/// The struct, its setters, `Debug`, wire format and validation.
pub fn generate(ctx: &Ctx<'_>, r: &Record<'_>) -> TokenStream {
    generate_with_doc(ctx, r, &r.doc)
}

/// As [`generate`], with `doc` as the struct's documentation.
pub fn generate_with_doc(ctx: &Ctx<'_>, r: &Record<'_>, doc: &Doc) -> TokenStream {
    let name = &r.name;
    let doc = doc.tokens();
    let fields = r.fields.iter().map(|f| {
        let ident = &f.ident;
        let ty = &f.ty;
        let doc = docs::field_doc(f.field).tokens();
        let deprecated = f
            .field
            .deprecated
            .then(|| quote!(#[deprecated = "deprecated in the API docs"]));
        quote! { #doc #deprecated pub #ident: Option<#ty>, }
    });
    let setters = r.fields.iter().map(setter);
    let debug = debug_impl(r);
    let wire = wire_impls(r);
    let validation = validate::validation(ctx, r);
    quote! {
        #doc
        #[derive(Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct #name {
            #( #fields )*
        }

        #[allow(deprecated, clippy::wrong_self_convention)]
        impl #name {
            #( #setters )*
        }

        #debug
        #wire
        #validation
    }
}

/// The doc comment (and deprecation) of a member's setter: on the struct, and on the fluent
/// call of a request.
pub fn setter_attrs(f: &RecordField<'_>) -> TokenStream {
    let summary = f
        .field
        .docs
        .first()
        .map(|d| docs::escape(d))
        .unwrap_or_default();
    let required = if f.field.required { " (required)" } else { "" };
    let doc = format!(" Sets `{}`{required}. {summary}", f.field.name);
    let deprecated = f
        .field
        .deprecated
        .then(|| quote!(#[deprecated = "deprecated in the API docs"]));
    quote! {
        #[doc = #doc]
        #deprecated
    }
}

fn setter(f: &RecordField<'_>) -> TokenStream {
    let ident = &f.ident;
    let param = &f.param;
    let convert = &f.convert;
    let attrs = setter_attrs(f);
    quote! {
        #attrs
        #[inline]
        pub fn #ident(mut self, value: #param) -> Self {
            self.#ident = Some(#convert);
            self
        }
    }
}

fn debug_impl(r: &Record<'_>) -> TokenStream {
    let name = &r.name;
    let name_str = name.to_string();
    let entries = r.fields.iter().map(|f| {
        let ident = &f.ident;
        let label = ident.to_string();
        if f.sensitive {
            quote!(.field(#label, &::zec_api::__private::Redacted))
        } else {
            quote!(.field(#label, &self.#ident))
        }
    });
    quote! {
        #[allow(deprecated)]
        impl ::core::fmt::Debug for #name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#name_str) #( #entries )* .finish()
            }
        }
    }
}

fn wire_impls(r: &Record<'_>) -> TokenStream {
    let name = &r.name;
    let entries = r.fields.iter().map(|f| {
        let ident = &f.ident;
        let wire = &f.field.name;
        quote!(map.add(#wire, self.#ident.as_ref());)
    });
    let reads = r.fields.iter().map(|f| {
        let ident = &f.ident;
        let wire = &f.field.name;
        quote!(#ident: fields.get(cx, #wire),)
    });
    let (map_binding, fields_binding) = if r.fields.is_empty() {
        (quote!(let map), quote!(let fields))
    } else {
        (quote!(let mut map), quote!(let mut fields))
    };
    // Requests are read strictly (as the server judges them); what the server sends is read
    // tolerantly, one bad member becoming `None` (see `zec_api::__private::Decode`).
    let deserialize = if r.kind == RecordKind::Request {
        quote!(deserialize_strict)
    } else {
        quote!(deserialize_tolerant)
    };
    quote! {
        #[allow(deprecated)]
        impl ::zec_api::__private::Serialize for #name {
            fn serialize<S: ::zec_api::__private::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                #map_binding = ::zec_api::__private::Entries::new(serializer)?;
                #( #entries )*
                map.end()
            }
        }

        #[allow(deprecated)]
        impl ::zec_api::__private::Decode for #name {
            const EXPECTED: &'static str = "an object";
            #[inline]
            fn decode(value: ::zec_api::JsonValue, cx: &mut ::zec_api::__private::Decoder) -> ::core::result::Result<Self, ::zec_api::__private::Mismatch> {
                #fields_binding = ::zec_api::__private::Fields::new(value, cx)?;
                let value = Self { #( #reads )* };
                fields.finish(value)
            }
        }

        impl<'de> ::zec_api::__private::Deserialize<'de> for #name {
            fn deserialize<D: ::zec_api::__private::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                ::zec_api::__private::#deserialize(deserializer)
            }
        }
    }
}
