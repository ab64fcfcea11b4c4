//! Error enums: `CommonError` for the codes every action may return; one enum per action that
//! documents codes of its own, with a variant per code, `Common(CommonError)` and
//! `Unknown(String)`; and `GeneralError` (`Common` and `Unknown` only), which every action
//! without codes of its own names as `<Action>Error`, so that ~250 identical enums are not
//! compiled.

use crate::Ctx;
use crate::docs::Doc;
use crate::names::{self, Scope, ident};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use zec_spec::ir::{Action, Api, ErrorCode};

struct Variant<'a> {
    ident: Ident,
    code: &'a ErrorCode,
}

fn variants<'a>(codes: &'a [ErrorCode], reserved: &[&str]) -> Vec<Variant<'a>> {
    let mut scope = Scope::with_reserved(reserved);
    codes
        .iter()
        .map(|code| Variant {
            ident: ident(&scope.claim_camel(names::camel(&code.code))),
            code,
        })
        .collect()
}

fn variant_doc(code: &ErrorCode) -> TokenStream {
    let mut doc = Doc::new();
    if code.description.is_empty() {
        doc.markdown(format!("`{}`", code.code));
    } else {
        doc.text(&code.description);
    }
    match code.status {
        Some(status) => doc.markdown(format!("Code `{}`, HTTP {status}.", code.code)),
        None => doc.markdown(format!("Code `{}`.", code.code)),
    };
    doc.tokens()
}

fn status_tokens(code: &ErrorCode) -> TokenStream {
    match code.status {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    }
}

/// `zec_api::errors::CommonError`, shared by every product.
pub fn common_error_enum(api: &Api, docs_base: &str) -> TokenStream {
    let codes = &api.common_errors;
    let vs = variants(codes, &[]);
    let idents: Vec<&Ident> = vs.iter().map(|v| &v.ident).collect();
    let wires: Vec<&str> = vs.iter().map(|v| v.code.code.as_str()).collect();
    let docs: Vec<TokenStream> = vs.iter().map(|v| variant_doc(v.code)).collect();
    let statuses: Vec<TokenStream> = vs.iter().map(|v| status_tokens(v.code)).collect();
    let descriptions: Vec<&str> = vs.iter().map(|v| v.code.description.as_str()).collect();
    let mut doc = Doc::new();
    doc.markdown("An error code that any action may return.");
    if let Some(first) = codes.first() {
        doc.markdown(format!(
            "[API reference]({})",
            crate::docs::page_url(docs_base, &first.source.file)
        ));
    }
    let doc = doc.tokens();
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum CommonError {
            #( #docs #idents, )*
        }

        impl CommonError {
            /// Every common code, in the docs' order.
            pub const ALL: &'static [CommonError] = &[ #( CommonError::#idents ),* ];

            /// The common error with this code, if it is one.
            #[inline]
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    #( #wires => Some(Self::#idents), )*
                    _ => None,
                }
            }

            /// The code as the server sends it.
            #[inline]
            pub fn code(&self) -> &'static str {
                match *self {
                    #( Self::#idents => #wires, )*
                }
            }

            /// The HTTP status the docs give for this code.
            #[inline]
            pub fn http_status(&self) -> Option<u16> {
                match *self {
                    #( Self::#idents => #statuses, )*
                }
            }

            /// What the code means, from the docs.
            #[inline]
            pub fn description(&self) -> &'static str {
                match *self {
                    #( Self::#idents => #descriptions, )*
                }
            }
        }

        impl ::core::fmt::Display for CommonError {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                write!(f, "{}: {}", self.code(), self.description())
            }
        }
    }
}

/// `zec_api::errors::GeneralError`: the codes of an action whose page documents none of its
/// own.
pub fn general_error_enum() -> TokenStream {
    let doc = quote! {
        /// An error code returned by an action whose page documents no codes of its own: a
        /// common code, or a code this version does not know.
    };
    code_error_enum(&ident("GeneralError"), doc, &[])
}

/// `<Action>Error`: its own enum when the page documents codes, else an alias of
/// `GeneralError`.
pub fn action_error_enum(ctx: &Ctx<'_>, action: &Action) -> TokenStream {
    let name = ident(&format!("{}Error", names::type_name(&action.name)));
    let mut doc = Doc::new();
    if action.errors.is_empty() {
        doc.markdown(format!(
            "An error code returned by `{}`, whose page documents no codes of its own: a common code, or a code this version does not know.",
            action.name
        ));
        let doc = doc.tokens();
        return quote! {
            #doc
            pub type #name = ::zec_api::errors::GeneralError;
        };
    }
    doc.markdown(format!(
        "An error code returned by `{}`: one of its documented codes, a common code, or a code this version does not know.",
        action.name
    ));
    if let Some(link) = ctx.page_link(&action.source.file) {
        doc.markdown(link);
    }
    code_error_enum(&name, doc.tokens(), &action.errors)
}

/// An error enum with a variant per code of `codes`, `Common(CommonError)` and
/// `Unknown(String)`.
fn code_error_enum(name: &Ident, doc: TokenStream, codes: &[ErrorCode]) -> TokenStream {
    let vs = variants(codes, &["Common", "Unknown"]);
    let idents: Vec<&Ident> = vs.iter().map(|v| &v.ident).collect();
    let wires: Vec<&str> = vs.iter().map(|v| v.code.code.as_str()).collect();
    let docs: Vec<TokenStream> = vs.iter().map(|v| variant_doc(v.code)).collect();
    let statuses: Vec<TokenStream> = vs.iter().map(|v| status_tokens(v.code)).collect();
    let descriptions: Vec<&str> = vs.iter().map(|v| v.code.description.as_str()).collect();
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #idents, )*
            /// A code any action may return.
            Common(::zec_api::errors::CommonError),
            /// A code this version of the SDK does not know, as the server sent it.
            Unknown(String),
        }

        impl #name {
            /// The error for a code from the server; unknown codes are kept.
            #[inline]
            pub fn from_code(code: &str) -> Self {
                match code {
                    #( #wires => Self::#idents, )*
                    other => match ::zec_api::errors::CommonError::from_code(other) {
                        Some(common) => Self::Common(common),
                        None => Self::Unknown(other.to_owned()),
                    },
                }
            }

            /// The code as the server sends it.
            #[inline]
            pub fn code(&self) -> &str {
                match self {
                    #( Self::#idents => #wires, )*
                    Self::Common(common) => common.code(),
                    Self::Unknown(code) => code,
                }
            }

            /// The HTTP status the docs give for this code.
            #[inline]
            pub fn http_status(&self) -> Option<u16> {
                match self {
                    #( Self::#idents => #statuses, )*
                    Self::Common(common) => common.http_status(),
                    Self::Unknown(_) => None,
                }
            }

            /// What the code means, from the docs (`None` for an unknown code).
            #[inline]
            pub fn description(&self) -> Option<&'static str> {
                match self {
                    #( Self::#idents => Some(#descriptions), )*
                    Self::Common(common) => Some(common.description()),
                    Self::Unknown(_) => None,
                }
            }
        }

        impl ::core::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self.description() {
                    Some(description) => write!(f, "{}: {}", self.code(), description),
                    None => f.write_str(self.code()),
                }
            }
        }

        impl ::std::error::Error for #name {}

        impl ::zec_api::__private::ErrorCode for #name {
            fn from_code(code: &str) -> Self {
                Self::from_code(code)
            }
            fn code(&self) -> &str {
                self.code()
            }
        }
    }
}
