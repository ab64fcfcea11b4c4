//! Markdown → a flat list of blocks: headings, text, tables and code, each with its position.
//!
//! The doc pages are GitBook exports: Markdown tables whose cells hold inline HTML (`<p>`,
//! `<br>`, `<code>`, `<ul><li>`, `<a>`, `<mark>`), GitBook template tags (`{% hint %}`), and
//! examples either fenced or as `<pre>` HTML blocks. This module turns pulldown-cmark's events
//! into [`Block`]s with the HTML interpreted, so that [`crate::lower`] only sees clean text,
//! links and code spans. It knows nothing about what an action page is.

mod html_table;
mod inline;
mod walk;

pub use inline::{clean_lines, decode_entities};

use crate::diag::{LineIndex, Pos};
use pulldown_cmark::{Options, Parser};
use walk::Walker;

/// One block of a page, in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `#`…`######` heading.
    Heading {
        /// 1 to 6.
        level: u8,
        /// Heading text, anchors and entities removed.
        text: Rich,
        /// Where it starts.
        pos: Pos,
    },
    /// A paragraph or a list item.
    Text {
        /// The text.
        text: Rich,
        /// Inside a `{% hint %}` block.
        in_hint: bool,
        /// Nesting depth in lists (0 for a paragraph outside any list).
        list_depth: u8,
        /// Where it starts.
        pos: Pos,
    },
    /// A table.
    Table(Table),
    /// A fenced code block or a `<pre>` block.
    Code {
        /// The code, with HTML removed and entities decoded.
        text: String,
        /// The language of a fenced block (`json`, `python`), if it names one.
        lang: Option<String>,
        /// The title GitBook gives it: its `{% code title="…" %}`, or the `{% tab title="…" %}`
        /// it sits in.
        title: Option<String>,
        /// Where it starts.
        pos: Pos,
        /// Line of the code's first line (after the fence, if fenced).
        first_line: u32,
    },
}

/// Text with the links that were in it. Code spans keep their backticks in the text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rich {
    /// Clean text: one line per paragraph, `<br>` or list item; spaces collapsed.
    pub text: String,
    /// Links in order.
    pub links: Vec<Link>,
}

impl Rich {
    /// Non-empty lines of the text.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.text.lines().map(str::trim).filter(|l| !l.is_empty())
    }

    /// The text on one line, lines joined by a space.
    pub fn one_line(&self) -> String {
        self.lines().collect::<Vec<_>>().join(" ")
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A link: its text and target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Link text, cleaned.
    pub text: String,
    /// The target as written.
    pub href: String,
}

/// A table: header cells and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Header cells.
    pub head: Vec<Cell>,
    /// Body rows.
    pub rows: Vec<Row>,
    /// Where the table starts.
    pub pos: Pos,
}

/// A table row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Cells as written; may be fewer than the header's.
    pub cells: Vec<Cell>,
    /// Where the row starts.
    pub pos: Pos,
}

/// One table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Content.
    pub rich: Rich,
    /// Where the cell starts.
    pub pos: Pos,
    /// Not in the source: the row had too few cells and the parser added this one.
    pub padded: bool,
}

impl Table {
    /// Index of the first header whose text (spaces removed, case ignored) is one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.head.iter().position(|c| {
            let h = normalise_header(&c.rich.text);
            names.iter().any(|n| normalise_header(n) == h)
        })
    }
}

impl Block {
    /// The links in this block (in a table, those of every cell), each with where its text
    /// or cell is.
    pub fn links(&self) -> Vec<(&Link, Pos)> {
        match self {
            Block::Heading { text, pos, .. } | Block::Text { text, pos, .. } => {
                text.links.iter().map(|l| (l, *pos)).collect()
            }
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| r.cells.iter())
                .flat_map(|c| c.rich.links.iter().map(|l| (l, c.pos)))
                .collect(),
            Block::Code { .. } => Vec::new(),
        }
    }
}

/// Header text compared without spaces, case or trailing punctuation.
fn normalise_header(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：' | '*'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Parse a page into blocks. Never panics; unreadable constructs become text.
pub fn parse(source: &str) -> Vec<Block> {
    // A byte-order mark is not text; dropping it keeps every position.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let body = blank_front_matter(source);
    let index = LineIndex::new(&body);
    let mut walker = Walker::new(&body, &index);
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    for (event, range) in Parser::new_ext(&body, options).into_offset_iter() {
        walker.event(event, range);
    }
    walker.blocks
}

/// Replace YAML front matter by blank lines, so that line numbers stay those of the file.
///
/// Done by hand rather than with pulldown-cmark's metadata option, which takes any `---` pair
/// for metadata.
fn blank_front_matter(source: &str) -> String {
    let mut lines = source.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return String::new();
    };
    if first.trim_end() != "---" {
        return source.to_string();
    }
    let mut out = String::from("\n");
    let mut closed = false;
    let mut consumed = first.len();
    for line in lines {
        consumed += line.len();
        out.push('\n');
        if line.trim_end() == "---" {
            closed = true;
            break;
        }
    }
    if !closed {
        return source.to_string();
    }
    out.push_str(&source[consumed..]);
    out
}

#[cfg(test)]
mod tests;
