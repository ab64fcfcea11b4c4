//! Tables of fields (request, response, structure members): one row → one [`Field`], its
//! description read once for its default, constraints and the rules it states.

use super::action::SectionBlocks;
use super::{Page, columns, is_identifier, type_cell};
use crate::diag::{Kind, Pos, Severity};
use crate::ir::{Action, ExampleBody, Field, Rule, TypeRef};
use crate::markdown::{self, Block, Row};
use crate::prose::{self, Context, Fact};

/// Which table a field table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Table {
    Request,
    Response,
    Struct,
}

/// What a field table holds: the fields, and the rules their descriptions state.
#[derive(Debug, Default)]
pub(super) struct FieldTable {
    pub fields: Vec<Field>,
    pub rules: Vec<Rule>,
}

/// The columns of a field table.
struct Columns {
    name: usize,
    ty: usize,
    required: Option<usize>,
    description: Option<usize>,
}

/// Read the table of a request or response section.
pub(super) fn read_section(
    page: &mut Page<'_>,
    section: &SectionBlocks<'_>,
    kind: Table,
) -> FieldTable {
    let tables: Vec<&markdown::Table> = section
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    let Some((table, rest)) = tables.split_first() else {
        let says_none = section.body.iter().any(|b| match b {
            Block::Text { text, .. } => {
                let t = text.one_line().to_ascii_lowercase();
                t.contains("no parameter")
                    || t.contains("none")
                    || t.contains('无')
                    || t.contains("没有")
            }
            _ => false,
        });
        if !says_none && kind == Table::Request {
            // Bindings that cannot send the action's parameters are wrong bindings: in a
            // user's tree the action is left out, with the reason.
            page.with_hint(
                section.pos,
                Severity::Error,
                Kind::Structure,
                "the request section has no table that can be read, and does not say the action takes no parameters",
                "write the parameters as a Markdown or HTML table with a name and a type column, or say \"None.\"",
            );
        }
        return FieldTable::default();
    };
    for extra in rest {
        page.warning(
            extra.pos,
            Kind::Structure,
            "second table in a parameters section is ignored",
        );
    }
    read_table(page, table, kind).unwrap_or_default()
}

/// Read a table of fields. `None` (with an error) when its columns cannot be found.
pub(super) fn read_table(
    page: &mut Page<'_>,
    table: &markdown::Table,
    kind: Table,
) -> Option<FieldTable> {
    let (Some(name), Some(ty)) = (table.column(columns::NAME), table.column(columns::TYPE)) else {
        let heads: Vec<String> = table.head.iter().map(|c| c.rich.text.clone()).collect();
        page.with_hint(
            table.pos,
            Severity::Error,
            Kind::Structure,
            format!("cannot read the field table: no name or type column among {heads:?}"),
            "the header needs a name column (Parameter Name / 参数名称) and a Type / 类型 column",
        );
        return None;
    };
    let cols = Columns {
        name,
        ty,
        required: table.column(columns::REQUIRED),
        description: table.column(columns::DESCRIPTION),
    };
    if kind == Table::Request && cols.required.is_none() {
        page.warning(
            table.pos,
            Kind::Structure,
            "request table has no Required column; every parameter is read as optional",
        );
    }
    let mut fields: Vec<Field> = Vec::new();
    for row in &table.rows {
        if row.cells.iter().all(|c| c.rich.is_empty()) {
            continue; // a blank placeholder row
        }
        let Some(field) = read_row(page, row, kind, &cols, table.head.len()) else {
            continue;
        };
        if fields.iter().any(|f| f.name == field.name) {
            page.error(
                row.pos,
                Kind::Duplicate,
                format!("field {} appears twice in one table", field.name),
            );
            continue;
        }
        fields.push(field);
    }

    // Prose, once every sibling is known.
    let names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
    let mut rules = Vec::new();
    for field in &mut fields {
        let ctx = Context::field(&field.name, &field.ty, &names, field.source.clone());
        for reading in prose::read(&field.docs.join("\n"), &ctx) {
            if kind != Table::Response {
                page.diags.count_prose(
                    &page.info.file,
                    reading.facts.len(),
                    reading.lint.is_some(),
                );
            }
            for fact in reading.facts {
                match fact {
                    Fact::Default(v) => {
                        field.default.get_or_insert(v);
                    }
                    Fact::Constraint(c) => {
                        if !field.constraints.contains(&c) {
                            field.constraints.push(c);
                        }
                    }
                    Fact::Rule(r) => rules.push(r),
                }
            }
            // Response descriptions say what comes back, not what to send: there is nothing
            // to enforce, so nothing to report.
            if let Some(message) = reading.lint
                && kind != Table::Response
            {
                page.lint(field.source.line, &reading.sentence, message);
            }
        }
    }
    Some(FieldTable { fields, rules })
}

fn read_row(
    page: &mut Page<'_>,
    row: &Row,
    kind: Table,
    cols: &Columns,
    header_len: usize,
) -> Option<Field> {
    let needed = [
        Some(cols.name),
        Some(cols.ty),
        cols.required,
        cols.description,
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(0);
    let written = row.cells.iter().filter(|c| !c.padded).count();
    if written <= needed {
        page.warning(
            row.pos,
            Kind::Row,
            format!("row has {written} cells, the header {header_len}"),
        );
    }
    let cell = |i: usize| row.cells.get(i);
    let name_cell = cell(cols.name)?;
    let (name, deprecated) = field_name(&name_cell.rich.one_line());
    if name.is_empty() {
        page.warning(row.pos, Kind::Row, "row without a field name is skipped");
        return None;
    }
    if !is_identifier(&name) {
        page.warning(
            name_cell.pos,
            Kind::Row,
            format!("{name:?} is not a field name; the row is skipped"),
        );
        return None;
    }
    let required = match (kind, cols.required.and_then(cell)) {
        (Table::Response, _) | (_, None) => false,
        (_, Some(c)) => match required_flag(&c.rich.one_line()) {
            Some(r) => r,
            None => {
                page.warning(
                    c.pos,
                    Kind::Row,
                    format!(
                        "required flag {:?} of {name} is not yes or no; read as optional",
                        c.rich.one_line()
                    ),
                );
                false
            }
        },
    };
    let ty = match cell(cols.ty) {
        Some(c) => type_cell::read(page, c),
        None => TypeRef::Unknown,
    };
    let docs: Vec<String> = cols
        .description
        .and_then(cell)
        .map(|c| c.rich.lines().map(str::to_string).collect())
        .unwrap_or_default();
    let deprecated = deprecated
        || docs.first().is_some_and(|d| {
            let l = d.to_ascii_lowercase();
            l.starts_with("deprecated") || l.starts_with("[deprecated]") || d.starts_with("已废弃")
        });
    Some(Field {
        name,
        ty,
        required,
        deprecated,
        docs,
        default: None,
        constraints: Vec::new(),
        source: page.source(row.pos.line),
    })
}

/// The wire name in a name cell, and whether the cell marks it deprecated
/// (`eipV4Type [Deprecated]`, `eipV4Type \[已废弃]`).
pub fn field_name(cell: &str) -> (String, bool) {
    let mut text = cell.replace('`', "");
    let mut deprecated = false;
    for marker in [
        "[Deprecated]",
        "[deprecated]",
        "(Deprecated)",
        "（已废弃）",
        "[已废弃]",
        "(已废弃)",
        "已废弃",
        "Deprecated",
    ] {
        if text.contains(marker) {
            text = text.replace(marker, "");
            deprecated = true;
        }
    }
    (text.trim().to_string(), deprecated)
}

/// Yes/no in a Required cell.
pub fn required_flag(cell: &str) -> Option<bool> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "required" | "是" | "必选" | "必填" => Some(true),
        "no" | "n" | "false" | "optional" | "否" | "可选" | "选填" => Some(false),
        _ => None,
    }
}

/// Where the page contradicts itself about a required request field, the field is optional
/// and the server decides: a field with a documented default need not be sent, and a field
/// the page's own example requests leave out is evidently not required. Each such field says
/// so in its docs, and the maintainer is told.
pub(super) fn relax_contradicted_requirements(page: &mut Page<'_>, action: &mut Action) {
    for field in action.request.iter_mut().filter(|f| f.required) {
        let why = if let Some(default) = &field.default {
            format!("it has a default ({default})")
        } else if let Some(n) = action.examples.iter().position(|e| {
            matches!(&e.request, Some(ExampleBody::Json(serde_json::Value::Object(m))) if !m.contains_key(&field.name))
        }) {
            format!("example {} leaves it out", n + 1)
        } else {
            continue;
        };
        field.required = false;
        field
            .docs
            .push(format!("The docs mark this field required, but {why}; it is optional here and the server decides."));
        page.warning(
            Pos {
                line: field.source.line,
                col: 1,
            },
            Kind::Structure,
            format!(
                "{} is marked required, but {why}; it is read as optional",
                field.name
            ),
        );
    }
}
