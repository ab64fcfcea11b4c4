//! Markdown → a flat list of blocks: headings, text, tables and code, each with its position.
//!
//! The doc pages are GitBook exports: Markdown tables whose cells hold inline HTML (`<p>`,
//! `<br>`, `<code>`, `<ul><li>`, `<a>`, `<mark>`), GitBook template tags (`{% hint %}`), and
//! examples either fenced or as `<pre>` HTML blocks. This module turns pulldown-cmark's events
//! into [`Block`]s with the HTML interpreted, so that [`crate::lower`] only sees clean text,
//! links and code spans. It knows nothing about what an action page is.

use crate::diag::{LineIndex, Pos};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

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

/// Header text compared without spaces, case or trailing punctuation.
fn normalise_header(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：' | '*'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Parse a page into blocks. Never panics; unreadable constructs become text.
pub fn parse(source: &str) -> Vec<Block> {
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

/// Where inline content is currently collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    Heading(u8),
    Paragraph,
    Cell,
}

/// The state machine over pulldown-cmark events.
struct Walker<'a> {
    source: &'a str,
    index: &'a LineIndex,
    blocks: Vec<Block>,
    /// Inline content being collected and where it started.
    context: Option<(Context, Pos)>,
    rich: RichBuilder,
    in_hint: bool,
    list_depth: u8,
    /// List items whose text has already been emitted (nested lists split them).
    item_started: Vec<Pos>,
    table: Option<TableBuilder>,
    code: Option<(String, Pos)>,
    html: Option<(String, Pos)>,
    cell_padded: bool,
    row_end: usize,
}

struct TableBuilder {
    table: Table,
    in_head: bool,
    row: Option<Row>,
}

impl<'a> Walker<'a> {
    fn new(source: &'a str, index: &'a LineIndex) -> Self {
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
            html: None,
            cell_padded: false,
            row_end: 0,
        }
    }

    fn pos(&self, offset: usize) -> Pos {
        self.index.pos(self.source, offset)
    }

    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        let offset = range.start;
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
                if let Some((code, _)) = &mut self.code {
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
            Tag::CodeBlock(_) => {
                self.flush_inline();
                self.code = Some((String::new(), pos));
            }
            Tag::HtmlBlock => {
                self.flush_inline();
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
                if let Some((text, pos)) = self.code.take() {
                    let first_line = pos.line + 1;
                    self.blocks.push(Block::Code {
                        text,
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
        let (rich, hint_open, hint_close) = strip_template_tags(rich);
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

/// Remove GitBook template tags (`{% hint %}`, `{% endhint %}`, `{% tabs %}`, …) from text,
/// reporting whether a hint opened or closed in it.
fn strip_template_tags(mut rich: Rich) -> (Rich, bool, bool) {
    let mut open = false;
    let mut close = false;
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
        if tag.starts_with("endhint") {
            close = true;
        } else if tag.starts_with("hint") {
            open = true;
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    if open || close || out.len() != rich.text.len() {
        rich.text = clean_lines(&out);
    }
    (rich, open, close)
}

/// Builds a [`Rich`] from text, code spans and inline HTML.
#[derive(Default)]
struct RichBuilder {
    text: String,
    links: Vec<Link>,
    /// Link being read: target and where its text starts in `text`.
    link: Option<(String, usize)>,
    /// Inside an HTML `<code>` span.
    in_code: bool,
}

impl RichBuilder {
    fn text(&mut self, t: &str) {
        self.text.push_str(t);
    }

    /// A code span keeps its backticks in the text: rustdoc renders them, and the prose
    /// recognisers use them to tell field names and states from words.
    fn code(&mut self, t: &str) {
        let t = t.trim();
        self.text.push('`');
        self.text.push_str(t);
        self.text.push('`');
    }

    fn newline(&mut self) {
        self.text.push('\n');
    }

    fn open_link(&mut self, href: &str) {
        self.link = Some((href.to_string(), self.text.len()));
    }

    fn close_link(&mut self) {
        if let Some((href, start)) = self.link.take() {
            let text = clean_lines(self.text.get(start..).unwrap_or(""))
                .replace('\n', " ")
                .trim()
                .to_string();
            self.links.push(Link { text, href });
        }
    }

    /// Interpret one inline HTML tag (or a run of them).
    fn html(&mut self, html: &str) {
        self.html_fragment(html);
    }

    /// Interpret HTML: tags change structure, text between them is kept with entities decoded.
    fn html_fragment(&mut self, html: &str) {
        let mut rest = html;
        while !rest.is_empty() {
            let Some(lt) = rest.find('<') else {
                self.text(&decode_entities(rest));
                break;
            };
            if lt > 0 {
                self.text(&decode_entities(&rest[..lt]));
            }
            let after = &rest[lt..];
            let Some(gt) = after.find('>') else {
                self.text(&decode_entities(after));
                break;
            };
            self.tag(&after[1..gt]);
            rest = &after[gt + 1..];
        }
    }

    fn tag(&mut self, inner: &str) {
        let inner = inner.trim();
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        match (name.as_str(), closing) {
            ("p" | "br" | "div" | "ul" | "ol" | "tr", _) => self.newline(),
            ("li", false) => self.text.push_str("\n- "),
            ("li", true) => self.newline(),
            ("a", false) => match attribute(inner, "href") {
                Some(href) => self.open_link(&href),
                None => self.link = None,
            },
            ("a", true) => self.close_link(),
            ("code", false) => {
                self.text.push('`');
                self.in_code = true;
            }
            ("code", true) if self.in_code => {
                self.in_code = false;
                self.text.push('`');
            }
            ("td" | "th", false) => self.text.push(' '),
            _ => {}
        }
    }

    fn finish(mut self) -> Rich {
        self.close_link();
        // Empty bold (`****`) is an editor artefact.
        let text = self.text.replace("****", "");
        Rich {
            text: clean_lines(&text),
            links: self.links,
        }
    }
}

/// The value of an HTML attribute in a tag's inner text.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let needle = format!("{name}=");
    let at = lower.find(&needle)? + needle.len();
    let rest = tag.get(at..)?;
    let value = if let Some(r) = rest.strip_prefix('"') {
        r.split('"').next()?
    } else if let Some(r) = rest.strip_prefix('\'') {
        r.split('\'').next()?
    } else {
        rest.split(|c: char| c.is_whitespace() || c == '>').next()?
    };
    Some(decode_entities(value))
}

/// Trim every line, collapse runs of spaces, drop empty lines.
pub fn clean_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let collapsed = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&collapsed);
    }
    out
}

/// Remove HTML tags, keeping the text between them.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' if !in_tag => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Decode the HTML entities GitBook writes (`&#x3C;`, `&#60;`, `&lt;`, `&amp;`, `&nbsp;`, …).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| {
            let name = &after[..i];
            let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                match name {
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "amp" => Some('&'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some(' '),
                    _ => None,
                }
            };
            c.map(|c| (c, i))
        });
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = &after[i + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(src: &str) -> Vec<Table> {
        parse(src)
            .into_iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn table_walker_reads_head_and_rows_with_positions() {
        let src = "# T\n\n| Name | Type |\n| --- | --- |\n| a | String |\n| b | Integer |\n";
        let t = &tables(src)[0];
        assert_eq!(t.head.len(), 2);
        assert_eq!(t.head[1].rich.text, "Type");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].cells[0].rich.text, "b");
        assert_eq!(t.rows[1].pos.line, 6);
        assert_eq!(t.rows[0].cells[1].pos, Pos { line: 5, col: 6 });
        assert_eq!(t.column(&["type"]), Some(1));
        assert_eq!(t.column(&["Required"]), None);
    }

    #[test]
    fn table_walker_marks_padding_of_short_rows() {
        let src = "| 参数名称 | 必选 | 类型 | 描述 |\n| -- | -- | -- | -- |\n| x | 否 |\n| y | 是 | String ||\n";
        let t = &tables(src)[0];
        assert_eq!(t.rows.len(), 2);
        // The short row has its name and flag; the rest is padding, and says so.
        assert_eq!(t.rows[0].cells[0].rich.text, "x");
        assert!(
            t.rows[0]
                .cells
                .iter()
                .skip(2)
                .all(|c| c.rich.is_empty() && c.padded)
        );
        assert!(!t.rows[0].cells[1].padded);
        assert!(t.rows[1].cells.iter().all(|c| !c.padded));
        assert_eq!(t.rows[1].cells[2].rich.text, "String");
    }

    #[test]
    fn cell_cleaner_handles_html_entities_and_escapes() {
        let src = "| a | b |\n|---|---|\n| INVALID\\_LB\\_STATUS | <p>Private IP.</p><p>If <code>nicId</code> is set&#x20;it is required.</p><ul><li>SELL：ok</li><li>SOLD_OUT：gone &#x3C;10</li></ul> |\n";
        let t = &tables(src)[0];
        assert_eq!(t.rows[0].cells[0].rich.text, "INVALID_LB_STATUS");
        let d = &t.rows[0].cells[1].rich;
        assert_eq!(
            d.text,
            "Private IP.\nIf `nicId` is set it is required.\n- SELL：ok\n- SOLD_OUT：gone <10"
        );
    }

    #[test]
    fn cell_cleaner_reads_links_in_markdown_and_html_even_split_across_paragraphs() {
        let src = "| a | b |\n|---|---|\n| x | [BindType](/api-reference/compute/zec/datastructure.md#bindtype) |\n| y | <p>Array of </p><p><a href=\"../shu-ju-jie-gou.md#instanceavailablesecuritygroup\">InstanceAvailableSecurityGroup</a> </p> |\n";
        let t = &tables(src)[0];
        let first = &t.rows[0].cells[1].rich;
        assert_eq!(first.text, "BindType");
        assert_eq!(
            first.links[0].href,
            "/api-reference/compute/zec/datastructure.md#bindtype"
        );
        let second = &t.rows[1].cells[1].rich;
        assert_eq!(second.one_line(), "Array of InstanceAvailableSecurityGroup");
        assert_eq!(second.links[0].text, "InstanceAvailableSecurityGroup");
    }

    #[test]
    fn headings_lose_anchors_and_entities() {
        let blocks =
            parse("## 1. 接口描述 <a href=\"#1\" id=\"1\"></a>\n\n#### 1. EIP绑定&#x20;\n");
        let texts: Vec<_> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { text, level, .. } => Some((*level, text.text.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                (2, "1. 接口描述".to_string()),
                (4, "1. EIP绑定".to_string())
            ]
        );
    }

    #[test]
    fn front_matter_is_skipped_and_lines_kept() {
        let blocks = parse("---\ndescription: DeleteVpc\n---\n\n# DeleteVpc\n");
        match &blocks[0] {
            Block::Heading { text, pos, .. } => {
                assert_eq!(text.text, "DeleteVpc");
                assert_eq!(pos.line, 5);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn hint_blocks_mark_their_text_including_list_items() {
        let src = "before\n\n{% hint style=\"info\" %} <mark style=\"color:blue;\">**Note**</mark>\n\n* <mark>one</mark>\n* two\n  {% endhint %}\n\nafter\n";
        let texts: Vec<_> = parse(src)
            .into_iter()
            .filter_map(|b| match b {
                Block::Text { text, in_hint, .. } => Some((text.text, in_hint)),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                ("before".to_string(), false),
                ("**Note**".to_string(), true),
                ("one".to_string(), true),
                ("two".to_string(), true),
                ("after".to_string(), false),
            ]
        );
    }

    #[test]
    fn pre_blocks_become_code_with_entities_decoded() {
        let src = "<pre class=\"language-json\"><code class=\"lang-json\">POST / HTTP/1.1\n&#x3C;Common Request Params>\n\nRequest:\n<strong>{\n</strong>    \"a\": 1\n}\n</code></pre>\n";
        let code: Vec<_> = parse(src)
            .into_iter()
            .filter_map(|b| match b {
                Block::Code { text, .. } => Some(text),
                _ => None,
            })
            .collect();
        assert_eq!(code.len(), 1);
        assert!(code[0].contains("<Common Request Params>"));
        assert!(code[0].contains("Request:\n{\n    \"a\": 1\n}"));
    }

    #[test]
    fn entity_decoder_leaves_unknown_and_bare_ampersands() {
        assert_eq!(
            decode_entities("a &amp; b &#x3C; &#60; &bogus; & c"),
            "a & b < < &bogus; & c"
        );
        assert_eq!(decode_entities("&#xFFFFFFFF;"), "&#xFFFFFFFF;");
    }
}
