//! Data-structure pages: each `##` or `###` heading that names a type and has a table under
//! it is a structure (a table with name and type columns) or an enum (a table of values).
//! The page is recognised by what it holds, whatever its title ("Data Structures", "Data
//! Types", "数据结构", or none).

use super::{Page, columns, fields, is_identifier};
use crate::diag::{Kind, Pos};
use crate::ir::{EnumValue, Shape, TypeDef};
use crate::markdown::{Block, Table};

/// A heading that names a type, with the blocks under it.
struct TypeSection<'a> {
    name: String,
    pos: Pos,
    body: Vec<&'a Block>,
}

/// The sections of a page under `##`/`###` headings, and whether each heading names a type.
fn sections(blocks: &[Block]) -> Vec<(Option<String>, &Block, Vec<&Block>)> {
    let mut out: Vec<(Option<String>, &Block, Vec<&Block>)> = Vec::new();
    for block in blocks {
        match block {
            Block::Heading { level: 1, .. } => out.push((None, block, Vec::new())),
            Block::Heading {
                level: 2 | 3, text, ..
            } => out.push((type_name_of_heading(&text.text), block, Vec::new())),
            _ => {
                if let Some((_, _, body)) = out.last_mut() {
                    body.push(block);
                }
            }
        }
    }
    out
}

/// The first table in a section's blocks.
fn first_table<'a>(body: &[&'a Block]) -> Option<&'a Table> {
    body.iter().find_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    })
}

/// Headings that name a type and have a field or value table under them.
fn type_sections(blocks: &[Block]) -> Vec<TypeSection<'_>> {
    sections(blocks)
        .into_iter()
        .filter_map(|(name, heading, body)| {
            let name = name?;
            let table = first_table(&body)?;
            let pos = match heading {
                Block::Heading { pos, .. } => *pos,
                _ => table.pos,
            };
            columns::is_field_or_value_table(table).then_some(TypeSection { name, pos, body })
        })
        .collect()
}

/// Whether a page holds data structures: a heading naming a type over a field or value table.
pub(super) fn holds_type_tables(blocks: &[Block]) -> bool {
    !type_sections(blocks).is_empty()
}

/// Type names defined on a data-structure page.
pub fn type_headings(blocks: &[Block]) -> Vec<String> {
    type_sections(blocks).into_iter().map(|s| s.name).collect()
}

fn type_name_of_heading(text: &str) -> Option<String> {
    let name = text.trim().trim_matches('`').trim();
    is_identifier(name).then(|| name.to_string())
}

/// Lower a data-structure page. Headings with a table that do not name a type, and type
/// headings over a table that is neither fields nor values, are reported; headings without a
/// table (a group heading over the types) are passed over.
pub(super) fn lower_types(page: &mut Page<'_>, blocks: &[Block]) -> Vec<TypeDef> {
    let mut out: Vec<TypeDef> = Vec::new();
    let sections = sections(blocks);
    let level = |b: &Block| match b {
        Block::Heading { level, .. } => *level,
        _ => 0,
    };
    for (i, (name, heading, body)) in sections.iter().enumerate() {
        let Block::Heading {
            level: 2 | 3,
            text,
            pos,
        } = heading
        else {
            continue;
        };
        let Some(table) = first_table(body) else {
            // A heading over deeper ones groups them; a type heading with nothing under it is
            // a type without its table.
            let groups = sections
                .get(i + 1)
                .is_some_and(|(_, next, _)| level(next) > level(heading));
            if let (Some(name), false) = (name, groups) {
                page.warning(
                    *pos,
                    Kind::Structure,
                    format!("type {name} has no table; it is skipped"),
                );
            }
            continue;
        };
        let Some(name) = name else {
            page.warning(
                *pos,
                Kind::Structure,
                format!(
                    "heading {:?} is not a type name; its table is skipped",
                    text.text
                ),
            );
            continue;
        };
        if !columns::is_field_or_value_table(table) {
            let heads: Vec<String> = table.head.iter().map(|c| c.rich.text.clone()).collect();
            page.error(
                table.pos,
                Kind::Structure,
                format!("cannot read the table of {name}: no value or name and type columns among {heads:?}"),
            );
            continue;
        }
        let section = TypeSection {
            name: name.clone(),
            pos: *pos,
            body: body.clone(),
        };
        let Some(def) = lower_type(page, &section) else {
            continue;
        };
        if out.iter().any(|t| t.name == def.name) {
            page.error(
                section.pos,
                Kind::Duplicate,
                format!("type {} is defined twice on this page", def.name),
            );
        } else {
            out.push(def);
        }
    }
    out
}

fn lower_type(page: &mut Page<'_>, section: &TypeSection<'_>) -> Option<TypeDef> {
    let name = &section.name;
    let mut docs = Vec::new();
    let mut referenced_by = Vec::new();
    let mut table = None;
    for block in &section.body {
        match block {
            Block::Text { text, .. } => {
                for line in text.lines() {
                    if let Some(refs) = referenced_by_line(line) {
                        referenced_by.extend(refs);
                    } else {
                        docs.push(line.to_string());
                    }
                }
            }
            Block::Table(t) if table.is_none() => table = Some(t),
            Block::Table(t) => page.warning(
                t.pos,
                Kind::Structure,
                format!("second table under {name} is ignored"),
            ),
            _ => {}
        }
    }
    let table = table?;
    let shape = if columns::is_field_table(table) {
        Shape::Struct {
            fields: fields::read_table(page, table, fields::Table::Struct)?.fields,
        }
    } else {
        Shape::Enum {
            values: read_enum_table(page, name, table)?,
        }
    };
    Some(TypeDef {
        name: name.clone(),
        product: page.info.product.clone(),
        docs,
        referenced_by,
        shape,
        source: page.source(section.pos.line),
    })
}

/// "Referenced by：[A](…), [B](…)" or "被引用：A、B": the names listed.
pub(super) fn referenced_by_line(line: &str) -> Option<Vec<String>> {
    let lower = line.to_ascii_lowercase();
    let rest = ["referenced by", "被引用", "引用于", "used by"]
        .iter()
        .find_map(|m| lower.strip_prefix(m).map(|r| &line[line.len() - r.len()..]))?;
    let rest = rest.trim_start_matches([':', '：', ' ']);
    Some(
        rest.split([',', '，', '、', ';'])
            .map(|s| {
                s.trim()
                    .trim_matches('`')
                    .trim_end_matches(['.', '。'])
                    .to_string()
            })
            .filter(|s| !s.is_empty())
            .collect(),
    )
}

fn read_enum_table(page: &mut Page<'_>, name: &str, table: &Table) -> Option<Vec<EnumValue>> {
    // `类型 | 说明` tables keep the values in the 类型 column.
    let value_col = table
        .column(columns::VALUE)
        .or_else(|| table.column(columns::TYPE));
    let Some(value_col) = value_col else {
        let heads: Vec<String> = table.head.iter().map(|c| c.rich.text.clone()).collect();
        page.error(
            table.pos,
            Kind::Structure,
            format!(
                "cannot read the table of {name}: no value or name and type columns among {heads:?}"
            ),
        );
        return None;
    };
    let desc_col = table
        .column(columns::DESCRIPTION)
        .filter(|&c| c != value_col);
    let mut values: Vec<EnumValue> = Vec::new();
    for row in &table.rows {
        if row.cells.iter().all(|c| c.rich.is_empty()) {
            continue;
        }
        let value = row
            .cells
            .get(value_col)
            .map(|c| c.rich.one_line().replace('`', ""))
            .unwrap_or_default();
        let value = value.trim().to_string();
        if value.is_empty() {
            page.warning(
                row.pos,
                Kind::Row,
                format!("row of {name} without a value is skipped"),
            );
            continue;
        }
        if values.iter().any(|v| v.value == value) {
            page.warning(
                row.pos,
                Kind::Duplicate,
                format!("value {value} of {name} is listed twice"),
            );
            continue;
        }
        let docs = desc_col
            .and_then(|i| row.cells.get(i))
            .map(|c| c.rich.one_line())
            .unwrap_or_default();
        values.push(EnumValue {
            value,
            docs,
            source: page.source(row.pos.line),
        });
    }
    Some(values)
}
