//! The state machine over pulldown-cmark's events that collects [`Block`]s.

use super::html_table;
use super::inline::{RichBuilder, clean_lines, decode_entities, strip_tags};
use super::{Block, Cell, Rich, Row, Table};
use crate::diag::{LineIndex, Pos};
use pulldown_cmark::{Event, Tag, TagEnd};

/// Where inline content is currently collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    Heading(u8),
    Paragraph,
    Cell,
}

/// The state machine over pulldown-cmark events.
pub(super) struct Walker<'a> {
    source: &'a str,
    index: &'a LineIndex,
    pub(super) blocks: Vec<Block>,
    /// Inline content being collected and where it started.
    context: Option<(Context, Pos)>,
    rich: RichBuilder,
    in_hint: bool,
    list_depth: u8,
    /// List items whose text has already been emitted (nested lists split them).
    item_started: Vec<Pos>,
    table: Option<TableBuilder>,
    code: Option<(String, Pos, Option<String>)>,
    /// The title of the tab or titled code block being read, for the code blocks in it.
    code_title: Option<String>,
    html: Option<(String, Pos)>,
    cell_padded: bool,
    row_end: usize,
    /// An HTML table read whole from the source ends here; the events before it are its own.
    skip_until: usize,
}

struct TableBuilder {
    table: Table,
    in_head: bool,
    row: Option<Row>,
}

impl<'a> Walker<'a> {
    pub(super) fn new(source: &'a str, index: &'a LineIndex) -> Self {
        Walker {
            source,
            index,
            blocks: Vec::new(),
            context: None,
            rich: RichBuilder::default(),
            in_hint: false,
            list_depth: 0,
            item_started: Vec::new(),
            table: None,
            code: None,
            code_title: None,
            html: None,
            cell_padded: false,
            row_end: 0,
            skip_until: 0,
        }
    }

    fn pos(&self, offset: usize) -> Pos {
        self.index.pos(self.source, offset)
    }

    pub(super) fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        let offset = range.start;
        if offset < self.skip_until {
            return;
        }
        match event {
            Event::Start(Tag::TableRow) => self.row_end = range.end,
            // pulldown-cmark pads a short row with empty cells placed at the row's end; an
            // empty cell that was written (`||`) sits before it.
            Event::Start(Tag::TableCell) => {
                self.cell_padded = range.is_empty() && range.start >= self.row_end;
            }
            _ => {}
        }
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if let Some((code, _, _)) = &mut self.code {
                    code.push_str(&t);
                } else {
                    self.inline_start(offset);
                    self.rich.text(&t);
                }
            }
            Event::Code(t) => {
                self.inline_start(offset);
                self.rich.code(&t);
            }
            Event::InlineHtml(h) | Event::InlineMath(h) | Event::DisplayMath(h) => {
                self.inline_start(offset);
                self.rich.html(&h);
            }
            Event::Html(h) => {
                if self.context.is_some() {
                    self.rich.html(&h);
                } else if let Some((buf, _)) = &mut self.html {
                    buf.push_str(&h);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.rich.newline(),
            Event::FootnoteReference(t) => self.rich.text(&t),
            Event::TaskListMarker(_) | Event::Rule => {}
        }
    }

    /// Text outside any paragraph (a tight list item) starts one implicitly.
    fn inline_start(&mut self, offset: usize) {
        if self.context.is_none() && self.code.is_none() {
            let pos = self
                .item_started
                .last()
                .copied()
                .unwrap_or(self.pos(offset));
            self.context = Some((Context::Paragraph, pos));
        }
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        let pos = self.pos(offset);
        match tag {
            Tag::Heading { level, .. } => {
                self.flush_inline();
                self.context = Some((Context::Heading(level as u8), pos));
            }
            Tag::Paragraph => {
                if self.context.is_none() {
                    let pos = self.item_started.last().copied().unwrap_or(pos);
                    self.context = Some((Context::Paragraph, pos));
                } else {
                    // A paragraph inside a list item continues the item's text.
                    self.rich.newline();
                }
            }
            Tag::Item => {
                self.flush_inline();
                self.item_started.push(pos);
            }
            Tag::List(_) => {
                self.flush_inline();
                self.list_depth = self.list_depth.saturating_add(1);
            }
            Tag::CodeBlock(kind) => {
                self.flush_inline();
                let lang = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .filter(|l| !l.is_empty())
                        .map(str::to_ascii_lowercase),
                    pulldown_cmark::CodeBlockKind::Indented => None,
                };
                self.code = Some((String::new(), pos, lang));
            }
            Tag::HtmlBlock => {
                self.flush_inline();
                let rest = &self.source[offset..];
                if html_table::starts_table(rest) {
                    // Read the whole table from the source: blank lines inside it split it
                    // into several blocks for pulldown-cmark.
                    let end = find_ignore_case(rest, "</table>")
                        .map_or(rest.len(), |i| i + "</table>".len());
                    if let Some(table) = html_table::parse(&rest[..end], pos) {
                        self.blocks.push(Block::Table(table));
                        self.skip_until = offset + end;
                        return;
                    }
                }
                self.html = Some((String::new(), pos));
            }
            Tag::Table(_) => {
                self.flush_inline();
                self.table = Some(TableBuilder {
                    table: Table {
                        head: Vec::new(),
                        rows: Vec::new(),
                        pos,
                    },
                    in_head: false,
                    row: None,
                });
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                }
            }
            Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.row = Some(Row {
                        cells: Vec::new(),
                        pos,
                    });
                }
            }
            Tag::TableCell => {
                self.rich = RichBuilder::default();
                self.context = Some((Context::Cell, pos));
            }
            Tag::Link { dest_url, .. } => {
                self.inline_start(offset);
                self.rich.open_link(&dest_url);
            }
            // Bold keeps its markers: rustdoc renders them, and the docs write states in bold.
            Tag::Strong => {
                self.inline_start(offset);
                self.rich.text("**");
            }
            Tag::BlockQuote(_)
            | Tag::Image { .. }
            | Tag::Emphasis
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Paragraph => {
                if !matches!(self.context, Some((Context::Paragraph, _)))
                    || self.item_started.is_empty()
                {
                    self.flush_inline();
                } else {
                    self.rich.newline();
                }
            }
            TagEnd::Item => {
                self.flush_inline();
                self.item_started.pop();
            }
            TagEnd::List(_) => {
                self.flush_inline();
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                if let Some((text, pos, lang)) = self.code.take() {
                    let first_line = pos.line + 1;
                    self.blocks.push(Block::Code {
                        text,
                        lang,
                        title: self.code_title.clone(),
                        pos,
                        first_line,
                    });
                }
            }
            TagEnd::HtmlBlock => {
                if let Some((html, pos)) = self.html.take() {
                    self.html_block(&html, pos);
                }
            }
            TagEnd::TableCell => {
                let rich = std::mem::take(&mut self.rich).finish();
                let pos = self.context.take().map(|(_, p)| p).unwrap_or_default();
                if let Some(t) = &mut self.table {
                    // A padded cell sits at the start of the next line; place it on its row.
                    let pos = match (&t.row, self.cell_padded) {
                        (Some(row), true) => row.pos,
                        _ => pos,
                    };
                    let cell = Cell {
                        rich,
                        pos,
                        padded: self.cell_padded,
                    };
                    if t.in_head {
                        t.table.head.push(cell);
                    } else if let Some(row) = &mut t.row {
                        row.cells.push(cell);
                    }
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = false;
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table
                    && let Some(row) = t.row.take()
                {
                    t.table.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.blocks.push(Block::Table(t.table));
                }
            }
            TagEnd::Link => self.rich.close_link(),
            TagEnd::Strong => self.rich.text("**"),
            _ => {}
        }
    }

    /// Emit the inline content collected so far as a heading or text block.
    fn flush_inline(&mut self) {
        let Some((context, pos)) = self.context.take() else {
            return;
        };
        let rich = std::mem::take(&mut self.rich).finish();
        let level = match context {
            Context::Heading(level) => Some(level),
            Context::Paragraph | Context::Cell => None,
        };
        self.push_text(rich, pos, level);
    }

    /// An HTML block: a `<pre>` example becomes code; anything else is read as text.
    fn html_block(&mut self, html: &str, pos: Pos) {
        if html.trim_start().starts_with("<pre") {
            let text = decode_entities(&strip_tags(html));
            self.blocks.push(Block::Code {
                text,
                lang: None,
                title: self.code_title.clone(),
                pos,
                first_line: pos.line,
            });
            return;
        }
        let mut rich = RichBuilder::default();
        rich.html_fragment(html);
        self.push_text(rich.finish(), pos, None);
    }

    /// Push a heading (`level`) or text block, after removing template tags and following
    /// the hint blocks they open and close. Text that opens or closes a hint belongs to it.
    fn push_text(&mut self, rich: Rich, pos: Pos, level: Option<u8>) {
        let (rich, tags) = strip_template_tags(rich);
        let (hint_open, hint_close) = (tags.hint_open, tags.hint_close);
        if let Some(title) = tags.title {
            self.code_title = title;
        }
        if !rich.is_empty() {
            self.blocks.push(match level {
                Some(level) => Block::Heading {
                    level,
                    text: rich,
                    pos,
                },
                None => Block::Text {
                    text: rich,
                    in_hint: self.in_hint || hint_open,
                    list_depth: self.list_depth,
                    pos,
                },
            });
        }
        if hint_open {
            self.in_hint = true;
        }
        if hint_close {
            self.in_hint = false;
        }
    }
}

/// What the GitBook template tags of a text did.
#[derive(Default)]
struct Tags {
    hint_open: bool,
    hint_close: bool,
    /// A tab or titled code block opened (`Some(Some(title))`) or closed (`Some(None)`).
    title: Option<Option<String>>,
}

/// Remove GitBook template tags (`{% hint %}`, `{% endhint %}`, `{% tabs %}`,
/// `{% tab title="…" %}`, `{% code title="…" %}`, …) from text, reporting the hints and
/// titled blocks they open and close.
fn strip_template_tags(mut rich: Rich) -> (Rich, Tags) {
    let mut tags = Tags::default();
    let mut out = String::with_capacity(rich.text.len());
    let mut rest = rich.text.as_str();
    while let Some(start) = rest.find("{%") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("%}") else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = after[..end].trim();
        let word = tag.split_whitespace().next().unwrap_or("");
        match word {
            "endhint" => tags.hint_close = true,
            "hint" => tags.hint_open = true,
            "tab" | "code" => tags.title = Some(Some(template_title(tag).unwrap_or_default())),
            "endtab" | "endcode" | "endtabs" => tags.title = Some(None),
            _ => {}
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    if tags.hint_open || tags.hint_close || tags.title.is_some() || out.len() != rich.text.len() {
        rich.text = clean_lines(&out);
    }
    (rich, tags)
}

/// The `title="…"` of a template tag.
fn template_title(tag: &str) -> Option<String> {
    let at = tag.find("title=")? + "title=".len();
    let rest = tag[at..].trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let inner = &rest[1..];
    Some(inner[..inner.find(quote)?].trim().to_string())
}

/// Where `needle` (ASCII) first occurs in `haystack`, in any case.
fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}
