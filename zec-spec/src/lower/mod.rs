//! Blocks of one page → IR items, one file per section of a page:
//!
//! | file | reads |
//! |---|---|
//! | `action` | an action page: splits it into sections and assembles the action |
//! | `description` | the description and its notes: docs, rules, asynchronous behaviour |
//! | `fields` | request, response and structure tables: one row → one field |
//! | `type_cell` | a type cell → a type, resolved against the tree's type names |
//! | `errors` | error-code tables, of an action or of the common error codes page |
//! | `examples` | example requests and responses |
//! | `datastructure` | data-structure pages: structures and enums |
//! | `overview` | a product's overview page: service name, API version, endpoint |
//!
//! Pages are recognised by what they hold, tables by their header text (never by column
//! position), and the sentences of descriptions are read by [`crate::prose`].

mod action;
mod columns;
mod datastructure;
mod description;
mod errors;
mod examples;
mod fields;
mod overview;
mod type_cell;

pub use datastructure::type_headings;
pub use fields::{field_name, required_flag};
pub use overview::Overview;
pub use type_cell::{TypeIndex, parse_type};

use crate::diag::{Diagnostics, Kind, Pos, Severity};
use crate::ir::{Action, ErrorCode, SourceRef, TypeDef};
use crate::markdown::Block;

/// What a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// One action.
    Action,
    /// A product's data structures and enums.
    DataStructures,
    /// The error codes every action may return.
    CommonErrors,
    /// A product's overview: its service name, API version and endpoint.
    Overview,
    /// Anything else (overviews, guides, indexes); ignored.
    Other,
}

/// Everything one page contributes.
#[derive(Debug, Default)]
pub struct PageItems {
    /// The page's action, if it is an action page.
    pub action: Option<Action>,
    /// Types from a data-structure page.
    pub types: Vec<TypeDef>,
    /// Codes from the common error codes page.
    pub common_errors: Vec<ErrorCode>,
    /// What a product's overview page says.
    pub overview: Option<Overview>,
}

/// Where a page sits: its file relative to the root, its product and group.
#[derive(Debug, Clone)]
pub struct PageInfo {
    /// Path relative to the spec root.
    pub file: String,
    /// Product the page belongs to.
    pub product: String,
    /// Group directory (action pages).
    pub group: String,
}

/// The page being lowered: where it is, the type names of the tree, and where diagnostics go.
pub(crate) struct Page<'a> {
    pub info: &'a PageInfo,
    pub types: &'a TypeIndex,
    pub diags: &'a mut Diagnostics,
}

impl Page<'_> {
    /// The source position of a line of this page.
    pub fn source(&self, line: u32) -> SourceRef {
        SourceRef {
            file: self.info.file.clone(),
            line,
        }
    }

    pub fn error(&mut self, pos: Pos, kind: Kind, message: impl Into<String>) {
        self.diags.error(&self.info.file, pos, kind, message);
    }

    pub fn warning(&mut self, pos: Pos, kind: Kind, message: impl Into<String>) {
        self.diags.warning(&self.info.file, pos, kind, message);
    }

    pub fn with_hint(
        &mut self,
        pos: Pos,
        severity: Severity,
        kind: Kind,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.diags
            .with_hint(&self.info.file, pos, severity, kind, message, hint);
    }

    /// Report a sentence that looks like a constraint and was not (wholly) read.
    pub fn lint(&mut self, line: u32, sentence: &str, message: String) {
        self.diags
            .lint(&self.info.file, Pos { line, col: 1 }, sentence, message);
    }
}

/// Decide what a page is. An action page has a title naming it and a request section; a
/// data-structure page holds headings with a table of fields or values under them, whatever
/// its title; the common error codes page is titled so.
pub fn classify(blocks: &[Block]) -> PageKind {
    let title = title(blocks).map(|(_, t)| t).unwrap_or_default();
    let t = title.to_ascii_lowercase();
    if t.starts_with("common error code") || title.starts_with("公共错误码") {
        return PageKind::CommonErrors;
    }
    if action::has_request_section(blocks) {
        return PageKind::Action;
    }
    if overview::is_overview(blocks) {
        return PageKind::Overview;
    }
    if datastructure::holds_type_tables(blocks) {
        return PageKind::DataStructures;
    }
    PageKind::Other
}

/// Lower one page.
pub fn lower_page(
    info: &PageInfo,
    blocks: &[Block],
    types: &TypeIndex,
    diags: &mut Diagnostics,
) -> PageItems {
    let mut page = Page { info, types, diags };
    let mut items = PageItems::default();
    match classify(blocks) {
        PageKind::Action => items.action = action::lower_action(&mut page, blocks),
        PageKind::DataStructures => items.types = datastructure::lower_types(&mut page, blocks),
        PageKind::CommonErrors => items.common_errors = errors::common_errors(&mut page, blocks),
        PageKind::Overview => items.overview = overview::read(&mut page, blocks),
        PageKind::Other => {
            if let Some(table) = blocks.iter().find_map(|b| match b {
                Block::Table(t) if columns::is_field_or_value_table(t) => Some(t),
                _ => None,
            }) {
                page.with_hint(
                    table.pos,
                    Severity::Warning,
                    Kind::Structure,
                    "this page holds a parameter or value table but is neither an action page, a data-structure page nor the common error codes page; it is skipped",
                    "an action page needs a title naming the action and a request parameters section",
                );
            }
        }
    }
    items
}

/// The page's `#` title and where it is.
fn title(blocks: &[Block]) -> Option<(Pos, String)> {
    blocks.iter().find_map(|b| match b {
        Block::Heading {
            level: 1,
            text,
            pos,
        } => Some((*pos, text.one_line().replace('`', ""))),
        _ => None,
    })
}

/// An action, field or type name: a letter or `_`, then letters, digits, `_` or `.`.
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

#[cfg(test)]
mod tests;
