//! Reads Zenlayer's Markdown API docs into an intermediate representation.
//!
//! The data flow is `markdown` (pages → blocks) → `lower` (blocks → IR items, one file per
//! section of a page, with `prose` reading the sentences) → `load` (a tree of pages → one
//! resolved [`ir::Api`]).
//! Every stage reports into [`diag::Diagnostics`] and keeps going.

pub mod diag;
pub mod diff;
pub mod ir;
pub mod leave_out;
pub mod load;
pub mod lower;
pub mod markdown;
pub mod prose;
pub mod resolve;
#[cfg(feature = "sync")]
pub mod sync;

pub use load::{Loaded, load_dir, load_pages, load_pages_with_types};
