//! Rust types for type cells, and the items of the data-structure page.

use crate::docs::Doc;
use crate::names::{self, Scope, ident};
use crate::record::{self, Record, RecordKind};
use crate::{Ctx, Error};
use proc_macro2::TokenStream;
use quote::quote;
use zec_spec::ir::{EnumValue, Shape, SourceRef, TypeDef, TypeRef};

/// The Rust type of a type cell.
pub fn rust_type(ctx: &Ctx<'_>, ty: &TypeRef, source: &SourceRef) -> Result<TokenStream, Error> {
    Ok(match ty {
        TypeRef::String | TypeRef::Timestamp => quote!(String),
        TypeRef::Integer | TypeRef::Long => quote!(i64),
        TypeRef::Float | TypeRef::Double | TypeRef::BigDecimal => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Unknown | TypeRef::Object => quote!(::zec_api::JsonValue),
        TypeRef::Array(inner) => {
            let inner = rust_type(ctx, inner, source)?;
            quote!(Vec<#inner>)
        }
        TypeRef::Named(name) => {
            if ctx.type_def(name).is_none() {
                return Err(Error {
                    source: source.clone(),
                    message: format!("type {name} is not defined on the data-structure page"),
                });
            }
            ctx.type_path(&ident(&names::type_name(name)))
        }
    })
}

/// Data structures renamed to the official SDK's names, as (product, old name, new name). The
/// old Rust name stays as a deprecated alias of the new one, so that code written against it
/// still compiles (with a warning naming the new name).
pub const RENAMED_TYPES: &[(&str, &str, &str)] = &[
    ("zec", "AsnObservation", "AsnObservationDetail"),
    ("zec", "RegionNetworkLineType", "EipRegionNetworkLineType"),
];

/// Every data structure and enum, and the aliases of renamed ones.
pub fn generate_types(ctx: &Ctx<'_>, errors: &mut Vec<Error>) -> TokenStream {
    let mut items = Vec::new();
    for def in &ctx.product.types {
        match &def.shape {
            Shape::Enum { values } => items.push(enum_tokens(ctx, def, values)),
            Shape::Struct { fields } => {
                let mut doc = type_doc(ctx, def);
                doc.markdown("Every member is optional here, so that a value from the server never fails to decode; build one from `default()` with the setters, and `validate()` on a request checks the members the docs mark required.");
                match Record::new(ctx, &def.name, doc, RecordKind::Data, fields, &[]) {
                    Ok(r) => items.push(record::generate(ctx, &r)),
                    Err(mut e) => errors.append(&mut e),
                }
            }
        }
    }
    items.push(renamed_aliases(ctx));
    quote! { #( #items )* }
}

/// `pub type Old = New;`, deprecated, for each renamed type whose new name the spec defines and
/// whose old name it no longer does (an older tree of pages still has the old one).
fn renamed_aliases(ctx: &Ctx<'_>) -> TokenStream {
    let aliases = RENAMED_TYPES
        .iter()
        .filter(|(product, old, new)| {
            *product == ctx.product.name
                && ctx.type_def(new).is_some()
                && ctx.type_def(old).is_none()
        })
        .map(|(_, old, new)| {
            let (old, new) = (names::type_name(old), names::type_name(new));
            let doc = format!(" The former name of [`{new}`].");
            let note = format!("renamed to `{new}`");
            let (old, new) = (ident(&old), ident(&new));
            quote! {
                #[doc = #doc]
                #[deprecated(note = #note)]
                pub type #old = #new;
            }
        });
    quote! { #( #aliases )* }
}

fn type_doc(ctx: &Ctx<'_>, def: &TypeDef) -> Doc {
    let mut doc = Doc::new();
    for line in &def.docs {
        doc.text(line);
    }
    if doc.is_empty() {
        doc.markdown(format!("The `{}` data structure.", def.name));
    }
    if !def.referenced_by.is_empty() {
        let refs: Vec<String> = def.referenced_by.iter().map(|r| format!("`{r}`")).collect();
        doc.markdown(format!("Used by {}.", refs.join(", ")));
    }
    if let Some(link) = ctx.docs_base.as_deref() {
        let url = crate::docs::page_url(link, &def.source.file);
        doc.markdown(format!(
            "[API reference]({url}#{})",
            def.name.to_ascii_lowercase()
        ));
    }
    doc
}

/// An enum that keeps unknown values: `#[non_exhaustive]`, with `Unknown(String)`.
fn enum_tokens(ctx: &Ctx<'_>, def: &TypeDef, values: &[EnumValue]) -> TokenStream {
    let name = ident(&names::type_name(&def.name));
    let mut doc = type_doc(ctx, def);
    doc.markdown(
        "A value this version does not know is kept in `Unknown` and sent back unchanged.",
    );
    let doc = doc.tokens();
    let mut scope = Scope::with_reserved(&["Unknown"]);
    let variants: Vec<_> = values
        .iter()
        .map(|v| ident(&scope.claim_camel(names::camel(&v.value))))
        .collect();
    let wires: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
    let variant_docs: Vec<TokenStream> = values
        .iter()
        .map(|v| {
            let mut d = Doc::new();
            if v.docs.is_empty() {
                d.markdown(format!("`{}`", v.value));
            } else {
                d.text(&v.docs);
            }
            d.markdown(format!("Wire value: `{}`.", v.value));
            d.tokens()
        })
        .collect();
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value this version of the SDK does not know, as the server sent it.
            Unknown(String),
        }

        impl #name {
            /// Every value the docs list, in their order.
            pub const VALUES: &'static [&'static str] = &[ #( #wires ),* ];

            /// The wire value.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wires, )*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::core::convert::From<&str> for #name {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    #( #wires => Self::#variants, )*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl ::core::convert::From<String> for #name {
            #[inline]
            fn from(value: String) -> Self {
                match value.as_str() {
                    #( #wires => Self::#variants, )*
                    _ => Self::Unknown(value),
                }
            }
        }

        impl ::core::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::zec_api::__private::WireText for #name {
            #[inline]
            fn wire_text(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
        }

        impl ::zec_api::__private::Serialize for #name {
            fn serialize<S: ::zec_api::__private::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl ::zec_api::__private::Decode for #name {
            const EXPECTED: &'static str = "a string";
            #[inline]
            fn decode(value: ::zec_api::JsonValue, cx: &mut ::zec_api::__private::Decoder) -> ::core::result::Result<Self, ::zec_api::__private::Mismatch> {
                ::zec_api::__private::decode_enum(value, cx)
            }
        }

        impl<'de> ::zec_api::__private::Deserialize<'de> for #name {
            fn deserialize<D: ::zec_api::__private::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                ::zec_api::__private::deserialize_tolerant(deserializer)
            }
        }
    }
}
