//! Error-code tables: an action's own, and the common error codes page.

use super::{Page, columns};
use crate::diag::{Kind, Pos};
use crate::ir::ErrorCode;
use crate::markdown::{Block, Table};

/// The codes of the common error codes page (its first table with an error-code column).
pub(super) fn common_errors(page: &mut Page<'_>, blocks: &[Block]) -> Vec<ErrorCode> {
    let codes = blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.column(columns::CODE).is_some() => Some(t),
            _ => None,
        })
        .map(|t| read_table(page, t))
        .unwrap_or_default();
    if codes.is_empty() {
        page.error(
            Pos { line: 1, col: 1 },
            Kind::Structure,
            "common error codes page has no error-code table",
        );
    }
    codes
}

/// Read an error-code table, its columns found by their headers in any order.
pub(super) fn read_table(page: &mut Page<'_>, table: &Table) -> Vec<ErrorCode> {
    let Some(code_col) = table.column(columns::CODE) else {
        page.error(
            table.pos,
            Kind::Structure,
            "error-code table has no Error Code / 错误码 column",
        );
        return Vec::new();
    };
    let status_col = table.column(columns::STATUS);
    let desc_col = table.column(columns::DESCRIPTION);
    let mut out: Vec<ErrorCode> = Vec::new();
    for row in &table.rows {
        if row.cells.iter().all(|c| c.rich.is_empty()) {
            continue;
        }
        let text_of = |col: Option<usize>| {
            col.and_then(|i| row.cells.get(i))
                .map(|c| c.rich.one_line())
                .unwrap_or_default()
        };
        let code = text_of(Some(code_col)).replace('`', "").trim().to_string();
        if code.is_empty()
            || !code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        {
            page.warning(
                row.pos,
                Kind::Row,
                format!("{code:?} is not an error code; the row is skipped"),
            );
            continue;
        }
        let status_text = text_of(status_col);
        let status = http_status(&status_text);
        if status.is_none() && !status_text.trim().is_empty() {
            page.warning(
                row.pos,
                Kind::Row,
                format!("HTTP status {status_text:?} of {code} is not a status code"),
            );
        }
        if out.iter().any(|e| e.code == code) {
            page.warning(
                row.pos,
                Kind::Duplicate,
                format!("error code {code} is listed twice; the first is kept"),
            );
            continue;
        }
        out.push(ErrorCode {
            status,
            code,
            description: text_of(desc_col),
            source: page.source(row.pos.line),
        });
    }
    out
}

/// The HTTP status a cell gives: three digits at its start, whatever follows
/// (`404`, `**404**`, `404 Not Found`).
fn http_status(cell: &str) -> Option<u16> {
    let text = cell.trim().trim_start_matches(['*', '`', '_']);
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let rest = &text[digits.len()..];
    if digits.len() != 3 || rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    digits
        .parse::<u16>()
        .ok()
        .filter(|s| (100..600).contains(s))
}

#[cfg(test)]
mod tests {
    use super::http_status;

    #[test]
    fn status_cells_with_emphasis_or_a_reason() {
        assert_eq!(http_status("404"), Some(404));
        assert_eq!(http_status("**404**"), Some(404));
        assert_eq!(http_status("404 Not Found"), Some(404));
        assert_eq!(http_status("`400`"), Some(400));
        assert_eq!(http_status("4040"), None);
        assert_eq!(http_status("40"), None);
        assert_eq!(http_status("999"), None);
        assert_eq!(http_status("Not Found"), None);
    }
}
