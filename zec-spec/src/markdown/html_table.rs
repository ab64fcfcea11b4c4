//! Tables written as HTML, as GitBook writes a table whose columns have set widths:
//! `<table><thead><tr><th>…</th></tr></thead><tbody><tr><td>…</td></tr></tbody></table>`.
//!
//! A cell may hold inline HTML (`<p>`, `<ul><li>`, `<code>`, `<strong>`, `<a>`, `<mark>`) and
//! also Markdown (GitBook writes links and code spans inside the HTML as Markdown); its text
//! is read as a small page of its own, so that both come out as they do in a Markdown table.

use super::{Block, Cell, Rich, Row, Table};
use crate::diag::Pos;

/// Whether an HTML block starts a table.
pub(super) fn starts_table(html: &str) -> bool {
    html.trim_start()
        .get(..6)
        .is_some_and(|t| t.eq_ignore_ascii_case("<table"))
}

/// The table of an HTML block starting at `pos`, or `None` when it holds no row.
pub(super) fn parse(html: &str, pos: Pos) -> Option<Table> {
    let mut table = Table {
        head: Vec::new(),
        rows: Vec::new(),
        pos,
    };
    let mut in_head = false;
    let mut row: Option<(Vec<Cell>, Pos, bool)> = None;
    // The open cell: where its content starts, whether it is a header cell.
    let mut cell: Option<(usize, bool)> = None;
    let mut depth = 0usize;
    let mut at = 0usize;
    while let Some(lt) = html[at..].find('<').map(|i| at + i) {
        let Some(gt) = html[lt..].find('>').map(|i| lt + i) else {
            break;
        };
        let inner = &html[lt + 1..gt];
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        at = gt + 1;
        match (name.as_str(), closing) {
            ("table", false) => depth += 1,
            ("table", true) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            // A table inside a cell is part of the cell's text.
            _ if depth > 1 => {}
            ("thead", open) => in_head = !open,
            ("tr", false) => row = Some((Vec::new(), line_pos(html, lt, pos), false)),
            ("tr", true) => {
                if let Some((cells, row_pos, header)) = row.take() {
                    if (in_head || header) && table.head.is_empty() && table.rows.is_empty() {
                        table.head = cells;
                    } else if !cells.is_empty() {
                        table.rows.push(Row {
                            cells,
                            pos: row_pos,
                        });
                    }
                }
            }
            ("td" | "th", false) => cell = Some((gt + 1, name == "th")),
            ("td" | "th", true) => {
                if let Some((start, header)) = cell.take() {
                    let content = cell_rich(&html[start..lt]);
                    let row =
                        row.get_or_insert_with(|| (Vec::new(), line_pos(html, start, pos), false));
                    row.2 |= header;
                    row.0.push(Cell {
                        rich: content,
                        pos: line_pos(html, start, pos),
                        padded: false,
                    });
                }
            }
            _ => {}
        }
    }
    (!table.head.is_empty() || !table.rows.is_empty()).then_some(table)
}

/// Where byte `offset` of a block starting at `start` is.
fn line_pos(html: &str, offset: usize, start: Pos) -> Pos {
    let newlines = html[..offset.min(html.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count();
    Pos {
        line: start.line + newlines as u32,
        col: if newlines == 0 { start.col } else { 1 },
    }
}

/// The text and links of a cell's content, read as a small page (HTML and Markdown alike).
/// Line breaks in the source are only spaces; paragraphs, line breaks and list items are the
/// tags' (made paragraphs of the small page, so that a bracket in one never pairs with one in
/// the next).
fn cell_rich(content: &str) -> Rich {
    let text = block_tags_as_paragraphs(&content.replace('\n', " "));
    let mut out = Rich::default();
    for block in super::parse(&text) {
        let rich = match block {
            Block::Heading { text, .. } | Block::Text { text, .. } => text,
            Block::Code { text, .. } => Rich {
                text,
                links: Vec::new(),
            },
            Block::Table(_) => continue,
        };
        if !out.text.is_empty() && !rich.text.is_empty() {
            out.text.push('\n');
        }
        out.text.push_str(&rich.text);
        out.links.extend(rich.links);
    }
    out
}

/// `<p>`, `</p>`, `<br>`, `<div>` as paragraph breaks, `<li>` as a list item's start, other
/// list tags as line breaks; everything else as it is.
fn block_tags_as_paragraphs(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt..];
        let Some(gt) = after.find('>') else {
            out.push_str(after);
            return out;
        };
        let tag = &after[..=gt];
        let name: String = tag[1..]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match name.as_str() {
            "p" | "br" | "div" => out.push_str("\n\n"),
            "li" if !tag.starts_with("</") => out.push_str("\n\n- "),
            "li" | "ul" | "ol" => out.push_str("\n\n"),
            _ => out.push_str(tag),
        }
        rest = &after[gt + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_body_and_markup_in_cells() {
        let html = "<table><thead><tr><th width=\"120\">Parameter Name</th><th>Required</th><th>Type</th><th>Description</th></tr></thead><tbody><tr><td>eipIds</td><td>Yes</td><td>Array of String</td><td><p>IDs.</p><p>Up to <strong>100</strong> items.</p></td></tr><tr><td><code>bindType</code></td><td>No</td><td><a href=\"../datastructure.md#bindtype\">BindType</a></td><td><ul><li>FullNat: NAT.</li><li>Passthrough: direct.</li></ul></td></tr></tbody></table>";
        let table = parse(html, Pos { line: 10, col: 1 }).unwrap();
        let head: Vec<&str> = table.head.iter().map(|c| c.rich.text.as_str()).collect();
        assert_eq!(head, ["Parameter Name", "Required", "Type", "Description"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(
            table.rows[0].cells[3].rich.text,
            "IDs.\nUp to **100** items."
        );
        assert_eq!(table.rows[1].cells[0].rich.text, "`bindType`");
        assert_eq!(
            table.rows[1].cells[2].rich.links[0].href,
            "../datastructure.md#bindtype"
        );
        assert!(table.rows[1].cells[3].rich.text.contains("FullNat: NAT."));
    }

    #[test]
    fn markdown_links_in_cells_and_lines_of_rows() {
        let html = "<table>\n<thead><tr><th>Name</th><th>Type</th></tr></thead>\n<tbody>\n<tr><td>mode</td><td>[Mode](#mode)</td></tr>\n</tbody>\n</table>";
        let table = parse(html, Pos { line: 3, col: 1 }).unwrap();
        let cell = &table.rows[0].cells[1];
        assert_eq!(cell.rich.links[0].href, "#mode");
        assert_eq!(cell.pos.line, 6);
        assert_eq!(table.rows[0].pos.line, 6);
    }

    #[test]
    fn a_table_with_no_thead_takes_its_header_row() {
        let html = "<table><tr><th>Value</th><th>Description</th></tr><tr><td>ON</td><td>On.</td></tr></table>";
        let table = parse(html, Pos::default()).unwrap();
        assert_eq!(table.head.len(), 2);
        assert_eq!(table.rows.len(), 1);
        assert!(parse("<table></table>", Pos::default()).is_none());
        assert!(parse("<table><tr><td>unclosed", Pos::default()).is_none());
    }
}
