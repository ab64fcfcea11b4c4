//! Blocks of one page → IR items: actions, data structures, common error codes.
//!
//! Pages are recognised by their title and sections, tables by their header text (never by
//! column position), and type cells are resolved against the type names of the whole tree
//! ([`TypeIndex`]), which [`crate::load`] collects from the data-structure pages first.

use crate::diag::{Diagnostics, Kind, Pos, Severity};
use crate::ir::{
    Action, EnumValue, ErrorCode, Example, ExampleBody, Field, Pagination, Rule, Shape, SourceRef,
    TypeDef, TypeRef, Waiter,
};
use crate::markdown::{Block, Cell, Rich, Row, Table};
use crate::prose::{self, RuleDraft};
use std::collections::BTreeMap;

/// What a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// One action.
    Action,
    /// A product's data structures and enums.
    DataStructures,
    /// The error codes every action may return.
    CommonErrors,
    /// Anything else (overviews, guides, indexes); ignored.
    Other,
}

/// Header names of each kind of column, English and Chinese.
mod columns {
    pub const NAME: &[&str] = &[
        "Parameter Name",
        "Parameter",
        "Name",
        "Field",
        "Field Name",
        "参数名称",
        "参数名",
        "名称",
        "参数",
        "字段",
    ];
    pub const REQUIRED: &[&str] = &["Required", "必选", "是否必选", "必填", "是否必填"];
    pub const TYPE: &[&str] = &["Type", "Data Type", "类型", "数据类型"];
    pub const DESCRIPTION: &[&str] = &[
        "Description",
        "描述",
        "说明",
        "语义",
        "状态说明",
        "Meaning",
        "Remarks",
    ];
    pub const VALUE: &[&str] = &[
        "Value",
        "Enum Value",
        "Values",
        "状态值",
        "取值",
        "枚举值",
        "值",
        "Status",
        "状态",
    ];
    pub const STATUS: &[&str] = &[
        "HTTP Status Code",
        "HTTP Status",
        "Status Code",
        "HTTP状态码",
        "HTTP 状态码",
        "状态码",
    ];
    pub const CODE: &[&str] = &["Error Code", "Code", "错误码"];
}

/// Type names of the tree, for resolving type cells case-insensitively.
#[derive(Debug, Clone, Default)]
pub struct TypeIndex {
    /// Lower-cased name → (product, canonical name) for every definition.
    by_key: BTreeMap<String, Vec<(String, String)>>,
}

impl TypeIndex {
    /// Record a type defined by `product`.
    pub fn insert(&mut self, product: &str, name: &str) {
        let entry = self.by_key.entry(key(name)).or_default();
        let item = (product.to_string(), name.to_string());
        if !entry.contains(&item) {
            entry.push(item);
        }
    }

    /// The canonical name of `candidate` as seen from `product`: the product's own type first,
    /// then a type that only one product defines.
    pub fn resolve(&self, product: &str, candidate: &str) -> Option<String> {
        let defs = self.by_key.get(&key(candidate))?;
        if let Some((_, name)) = defs.iter().find(|(p, _)| p == product) {
            return Some(name.clone());
        }
        match defs.as_slice() {
            [(_, name)] => Some(name.clone()),
            _ => None,
        }
    }
}

/// Comparison key for type names: ASCII letters and digits, lower-cased.
fn key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
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

/// Decide what a page is from its title and section headings.
pub fn classify(blocks: &[Block]) -> PageKind {
    let Some(title) = title(blocks) else {
        return PageKind::Other;
    };
    let t = title.1.to_ascii_lowercase();
    if t.starts_with("data structure") || title.1.starts_with("数据结构") {
        return PageKind::DataStructures;
    }
    if t.starts_with("common error code") || title.1.starts_with("公共错误码") {
        return PageKind::CommonErrors;
    }
    let has_request = blocks.iter().any(|b| {
        matches!(b, Block::Heading { level: 2, text, .. } if section_of(&text.text) == Some(Section::Request))
    });
    if has_request {
        PageKind::Action
    } else {
        PageKind::Other
    }
}

/// Type names defined on a data-structure page: `##`/`###` headings that name an identifier.
pub fn type_headings(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading {
                level: 2 | 3, text, ..
            } => type_name_of_heading(&text.text),
            _ => None,
        })
        .collect()
}

fn type_name_of_heading(text: &str) -> Option<String> {
    let name = text.trim().trim_matches('`').trim();
    is_identifier(name).then(|| name.to_string())
}

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

/// The sections of an action page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Description,
    Request,
    Response,
    Examples,
    Errors,
    Other,
}

fn section_of(heading: &str) -> Option<Section> {
    // "2. Input Parameters" → "input parameters"
    let h = heading
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
        .trim()
        .to_ascii_lowercase();
    let is = |words: &[&str]| words.iter().any(|w| h.starts_with(w) || h == *w);
    Some(
        if is(&[
            "api description",
            "description",
            "接口描述",
            "接口说明",
            "描述",
        ]) {
            Section::Description
        } else if is(&[
            "input parameters",
            "request parameters",
            "request",
            "请求参数",
            "输入参数",
        ]) {
            Section::Request
        } else if is(&[
            "output parameters",
            "response parameters",
            "response",
            "响应结果",
            "响应",
            "输出参数",
            "返回参数",
        ]) {
            Section::Response
        } else if is(&["code example", "example", "示例", "代码示例"]) {
            Section::Examples
        } else if is(&["error code", "错误码"]) {
            Section::Errors
        } else {
            Section::Other
        },
    )
}

/// Lower one page.
pub fn lower_page(
    info: &PageInfo,
    blocks: &[Block],
    types: &TypeIndex,
    diags: &mut Diagnostics,
) -> PageItems {
    let mut items = PageItems::default();
    match classify(blocks) {
        PageKind::Action => items.action = lower_action(info, blocks, types, diags),
        PageKind::DataStructures => items.types = lower_types(info, blocks, types, diags),
        PageKind::CommonErrors => {
            items.common_errors = blocks
                .iter()
                .find_map(|b| match b {
                    Block::Table(t) if t.column(columns::CODE).is_some() => Some(t),
                    _ => None,
                })
                .map(|t| read_error_table(info, t, diags))
                .unwrap_or_default();
            if items.common_errors.is_empty() {
                diags.error(
                    &info.file,
                    Pos { line: 1, col: 1 },
                    Kind::Structure,
                    "common error codes page has no error-code table",
                );
            }
        }
        PageKind::Other => {}
    }
    items
}

// ---------------------------------------------------------------------------------------------
// Action pages

fn lower_action(
    info: &PageInfo,
    blocks: &[Block],
    types: &TypeIndex,
    diags: &mut Diagnostics,
) -> Option<Action> {
    let (title_pos, title) = title(blocks)?;
    let name = title.trim().to_string();
    if !is_identifier(&name) {
        diags.error(
            &info.file,
            title_pos,
            Kind::Structure,
            format!("action title {name:?} is not an action name"),
        );
        return None;
    }
    check_file_name(info, &name, title_pos, diags);

    // Split blocks by `##` section; a later `#` heading (the export's trailer) ends the page.
    let mut sections: Vec<(Section, Pos, Vec<&Block>)> = Vec::new();
    let mut current: Option<(Section, Pos, Vec<&Block>)> = None;
    let mut seen_title = false;
    for block in blocks {
        match block {
            Block::Heading { level: 1, .. } if !seen_title => seen_title = true,
            Block::Heading { level: 1, .. } => break,
            Block::Heading {
                level: 2,
                text,
                pos,
            } => {
                sections.extend(current.take());
                let s = section_of(&text.text).unwrap_or(Section::Other);
                current = Some((s, *pos, Vec::new()));
            }
            _ => {
                if let Some((_, _, body)) = &mut current {
                    body.push(block);
                }
            }
        }
    }
    sections.extend(current);
    let section = |s: Section| sections.iter().find(|(k, _, _)| *k == s);

    let source = SourceRef {
        file: info.file.clone(),
        line: title_pos.line,
    };
    let mut action = Action {
        name: name.clone(),
        product: info.product.clone(),
        group: info.group.clone(),
        summary: String::new(),
        docs: Vec::new(),
        notes: Vec::new(),
        request: Vec::new(),
        response: Vec::new(),
        errors: Vec::new(),
        rules: Vec::new(),
        examples: Vec::new(),
        pagination: None,
        waiter: None,
        source,
    };

    // Request and response first: the notes refer to the request's fields.
    match section(Section::Request) {
        Some((_, pos, body)) => {
            action.request = read_field_section(info, body, *pos, FieldTable::Request, types, diags)
        }
        None => diags.error(
            &info.file,
            title_pos,
            Kind::Structure,
            "action page has no request parameters section",
        ),
    }
    match section(Section::Response) {
        Some((_, pos, body)) => {
            action.response =
                read_field_section(info, body, *pos, FieldTable::Response, types, diags)
        }
        None => diags.warning(
            &info.file,
            title_pos,
            Kind::Structure,
            "action page has no response section; the response is read as empty",
        ),
    }

    let request_names: Vec<String> = action.request.iter().map(|f| f.name.clone()).collect();
    let mut drafts: Vec<(RuleDraft, SourceRef)> = Vec::new();
    // Rules stated in field descriptions.
    for field in &action.request {
        let text = field.docs.join("\n");
        let facts = prose::read_field(&text, &field.name, &field.ty, &request_names);
        drafts.extend(facts.rules.into_iter().map(|r| (r, field.source.clone())));
    }

    if let Some((_, _, body)) = section(Section::Description) {
        read_description(info, &mut action, body, &request_names, &mut drafts, diags);
    }
    action.rules = finish_rules(drafts);

    if let Some((_, _, body)) = section(Section::Examples) {
        action.examples = read_examples(info, &name, body, diags);
    }
    if let Some((_, _, body)) = section(Section::Errors)
        && let Some(table) = body.iter().find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    {
        action.errors = read_error_table(info, table, diags);
    }
    action.pagination = pagination(&action);
    Some(action)
}

fn check_file_name(info: &PageInfo, name: &str, pos: Pos, diags: &mut Diagnostics) {
    let stem = info
        .file
        .rsplit('/')
        .next()
        .unwrap_or("")
        .trim_end_matches(".md")
        .to_ascii_lowercase();
    // The docs add "-1", "-2" to repeated file names.
    let base = match stem.rsplit_once('-') {
        Some((b, n)) if n.chars().all(|c| c.is_ascii_digit()) => b.to_string(),
        _ => stem.clone(),
    };
    if base != name.to_ascii_lowercase() {
        diags.warning(
            &info.file,
            pos,
            Kind::Structure,
            format!("page title {name} does not match the file name {stem}.md"),
        );
    }
}

/// Description paragraphs become docs; hint items become notes. Both are read for rules and
/// async behaviour.
fn read_description(
    info: &PageInfo,
    action: &mut Action,
    body: &[&Block],
    request_names: &[String],
    drafts: &mut Vec<(RuleDraft, SourceRef)>,
    diags: &mut Diagnostics,
) {
    const LABELS: &[&str] = &[
        "note",
        "notes",
        "注意事项",
        "注意",
        "说明",
        "prerequisites",
        "preparation",
        "准备工作",
    ];
    let is_label = |s: &str| {
        let s = s.trim_matches(|c: char| c == '*' || c == ':' || c == '：' || c.is_whitespace());
        LABELS.contains(&s.to_ascii_lowercase().as_str())
    };
    // Gather paragraphs and items; a nested list item continues the item above it.
    let mut paragraphs: Vec<(String, bool, Pos)> = Vec::new();
    for block in body {
        match block {
            Block::Text {
                text,
                in_hint,
                list_depth,
                pos,
            } => {
                let one = text.lines().collect::<Vec<_>>().join(" ");
                if is_label(&one) {
                    continue;
                }
                match paragraphs.last_mut() {
                    Some(last) if *list_depth > 1 && last.1 == *in_hint => {
                        last.0.push_str("\n- ");
                        last.0.push_str(&one);
                    }
                    _ => paragraphs.push((one, *in_hint, *pos)),
                }
            }
            Block::Heading { text, pos, .. } => {
                // Sub-headings inside the description ("Preparation") are kept as doc lines.
                let line = text.one_line();
                if !is_label(&line) {
                    paragraphs.push((line, false, *pos));
                }
            }
            _ => {}
        }
    }
    for (text, in_hint, pos) in paragraphs {
        let facts = prose::read_note(&text, request_names);
        if in_hint {
            action.notes.push(text);
        } else {
            action.docs.push(text);
        }
        let src = SourceRef {
            file: info.file.clone(),
            line: pos.line,
        };
        drafts.extend(facts.rules.into_iter().map(|r| (r, src.clone())));
        for sentence in facts.unrecognised {
            lint(info, pos, &sentence, diags);
        }
        if let Some(w) = facts.waiter {
            match (&w.poll_action, w.success.is_empty() && !w.until_gone) {
                (Some(poll), false) => {
                    action.waiter = Some(Waiter {
                        poll_action: poll.clone(),
                        pending: w.pending,
                        success: w.success,
                        failure: w.failure,
                        until_gone: w.until_gone,
                        source: src,
                    })
                }
                _ => diags.with_hint(
                    &info.file,
                    pos,
                    Severity::Warning,
                    Kind::UnrecognisedProse,
                    "the action is asynchronous, but the note does not say which action to poll and which state means done",
                    "name the action in a code span and the states as `FROM` to `TO`",
                ),
            }
        }
    }
    action.summary = action
        .docs
        .first()
        .map(|d| prose::sentences(d).into_iter().next().unwrap_or_default())
        .unwrap_or_default();
}

fn lint(info: &PageInfo, pos: Pos, sentence: &str, diags: &mut Diagnostics) {
    diags.lint(&info.file, pos, sentence);
}

/// Turn rule drafts into rules, dropping repeats (a rule may be stated both in a note and in
/// a field's description).
fn finish_rules(drafts: Vec<(RuleDraft, SourceRef)>) -> Vec<Rule> {
    let mut seen: Vec<RuleDraft> = Vec::new();
    let mut rules = Vec::new();
    for (draft, source) in drafts {
        let mut canonical = draft.clone();
        if let RuleDraft::AtMostOneOf { fields } = &mut canonical {
            fields.sort();
        }
        if seen.contains(&canonical) {
            continue;
        }
        seen.push(canonical);
        rules.push(match draft {
            RuleDraft::ExactlyOneOf {
                fields,
                by_priority,
            } => Rule::ExactlyOneOf {
                fields,
                by_priority,
                source,
            },
            RuleDraft::AtMostOneOf { fields } => Rule::AtMostOneOf { fields, source },
            RuleDraft::RequiredIf {
                field,
                when,
                equals,
            } => Rule::RequiredIf {
                field,
                when,
                equals,
                source,
            },
        });
    }
    rules
}

/// Pagination by the docs' convention: pageNum/pageSize in, totalCount/dataSet out.
fn pagination(action: &Action) -> Option<Pagination> {
    let has = |fields: &[Field], name: &str| fields.iter().any(|f| f.name == name);
    let items = action
        .response
        .iter()
        .find(|f| f.name == "dataSet" && matches!(f.ty, TypeRef::Array(_)))?;
    (has(&action.request, "pageNum")
        && has(&action.request, "pageSize")
        && has(&action.response, "totalCount"))
    .then(|| Pagination {
        page_num: "pageNum".into(),
        page_size: "pageSize".into(),
        total_count: "totalCount".into(),
        items: items.name.clone(),
    })
}

// ---------------------------------------------------------------------------------------------
// Field tables

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldTable {
    Request,
    Response,
    Struct,
}

fn read_field_section(
    info: &PageInfo,
    body: &[&Block],
    heading: Pos,
    kind: FieldTable,
    types: &TypeIndex,
    diags: &mut Diagnostics,
) -> Vec<Field> {
    let tables: Vec<&Table> = body
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    match tables.as_slice() {
        [] => {
            let says_none = body.iter().any(|b| match b {
                Block::Text { text, .. } => {
                    let t = text.one_line().to_ascii_lowercase();
                    t.contains("no parameter")
                        || t.contains("none")
                        || t.contains('无')
                        || t.contains("没有")
                }
                _ => false,
            });
            if !says_none && kind == FieldTable::Request {
                diags.warning(
                    &info.file,
                    heading,
                    Kind::Structure,
                    "request section has no table; the action is read as taking no parameters",
                );
            }
            Vec::new()
        }
        [table, rest @ ..] => {
            for extra in rest {
                diags.warning(
                    &info.file,
                    extra.pos,
                    Kind::Structure,
                    "second table in a parameters section is ignored",
                );
            }
            read_field_table(info, table, kind, types, diags).unwrap_or_default()
        }
    }
}

/// Read a table of fields. `None` (with an error) when its columns cannot be found.
fn read_field_table(
    info: &PageInfo,
    table: &Table,
    kind: FieldTable,
    types: &TypeIndex,
    diags: &mut Diagnostics,
) -> Option<Vec<Field>> {
    let name_col = table.column(columns::NAME);
    let type_col = table.column(columns::TYPE);
    let (Some(name_col), Some(type_col)) = (name_col, type_col) else {
        let heads: Vec<String> = table.head.iter().map(|c| c.rich.text.clone()).collect();
        diags.with_hint(
            &info.file,
            table.pos,
            Severity::Error,
            Kind::Structure,
            format!("cannot read the field table: no name or type column among {heads:?}"),
            "the header needs a name column (Parameter Name / 参数名称) and a Type / 类型 column",
        );
        return None;
    };
    let required_col = table.column(columns::REQUIRED);
    let desc_col = table.column(columns::DESCRIPTION);
    if kind == FieldTable::Request && required_col.is_none() {
        diags.warning(
            &info.file,
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
        let needed = [Some(name_col), Some(type_col), required_col, desc_col]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(0);
        let written = row.cells.iter().filter(|c| !c.padded).count();
        if written <= needed {
            diags.warning(
                &info.file,
                row.pos,
                Kind::Row,
                format!("row has {written} cells, the header {}", table.head.len()),
            );
        }
        let Some(field) = read_field_row(
            info,
            row,
            kind,
            name_col,
            type_col,
            required_col,
            desc_col,
            types,
            diags,
        ) else {
            continue;
        };
        if fields.iter().any(|f| f.name == field.name) {
            diags.error(
                &info.file,
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
    for field in &mut fields {
        let text = field.docs.join("\n");
        let facts = prose::read_field(&text, &field.name, &field.ty, &names);
        field.default = facts.default;
        field.constraints = facts.constraints;
        // Response descriptions say what comes back, not what to send: there is nothing to
        // enforce, so nothing to report.
        if kind != FieldTable::Response {
            let pos = Pos {
                line: field.source.line,
                col: 1,
            };
            for sentence in facts.unrecognised {
                lint(info, pos, &sentence, diags);
            }
        }
    }
    Some(fields)
}

#[allow(clippy::too_many_arguments)]
fn read_field_row(
    info: &PageInfo,
    row: &Row,
    kind: FieldTable,
    name_col: usize,
    type_col: usize,
    required_col: Option<usize>,
    desc_col: Option<usize>,
    types: &TypeIndex,
    diags: &mut Diagnostics,
) -> Option<Field> {
    let cell = |i: usize| row.cells.get(i);
    let name_cell = cell(name_col)?;
    let (name, deprecated) = field_name(&name_cell.rich.one_line());
    if name.is_empty() {
        diags.warning(
            &info.file,
            row.pos,
            Kind::Row,
            "row without a field name is skipped",
        );
        return None;
    }
    if !is_identifier(&name) {
        diags.warning(
            &info.file,
            name_cell.pos,
            Kind::Row,
            format!("{name:?} is not a field name; the row is skipped"),
        );
        return None;
    }
    let required = match (kind, required_col.and_then(cell)) {
        (FieldTable::Response, _) | (_, None) => false,
        (_, Some(c)) => match required_flag(&c.rich.one_line()) {
            Some(r) => r,
            None => {
                diags.warning(
                    &info.file,
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
    let ty = match cell(type_col) {
        Some(c) => read_type_cell(info, c, types, diags),
        None => TypeRef::Unknown,
    };
    let docs: Vec<String> = desc_col
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
        source: SourceRef {
            file: info.file.clone(),
            line: row.pos.line,
        },
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

/// Read a type cell: a scalar, `Array of X`, or a link to a data structure.
pub fn read_type_cell(
    info: &PageInfo,
    cell: &Cell,
    types: &TypeIndex,
    diags: &mut Diagnostics,
) -> TypeRef {
    match parse_type(&cell.rich, &info.product, types) {
        Ok(t) => t,
        Err(message) => {
            diags.error(&info.file, cell.pos, Kind::Type, message);
            TypeRef::Unknown
        }
    }
}

/// The type a cell names, or why it cannot be read.
pub fn parse_type(rich: &Rich, product: &str, types: &TypeIndex) -> Result<TypeRef, String> {
    let text = rich.one_line().replace('`', "");
    let text = text.trim();
    if text.is_empty() {
        return Err("empty type cell".into());
    }
    let lower = text.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("array of") {
        let inner_text = text[text.len() - rest.len()..].trim();
        let inner = Rich {
            text: inner_text.to_string(),
            links: rich.links.clone(),
            codes: Vec::new(),
        };
        return parse_type(&inner, product, types).map(|t| TypeRef::Array(Box::new(t)));
    }
    if let Some(link) = rich.links.last() {
        let fragment = link.href.rsplit_once('#').map(|(_, f)| f);
        let last_segment = link
            .href
            .split('#')
            .next()
            .and_then(|p| p.trim_end_matches('/').rsplit('/').next())
            .map(|s| s.trim_end_matches(".md"));
        let candidates = [fragment, Some(link.text.as_str()), last_segment];
        for candidate in candidates.into_iter().flatten() {
            if let Some(name) = types.resolve(product, candidate) {
                return Ok(TypeRef::Named(name));
            }
        }
        return Err(format!(
            "type link [{}]({}) resolves to no type in the tree",
            link.text, link.href
        ));
    }
    if let Some(t) = scalar(text) {
        return Ok(t);
    }
    if let Some(name) = types.resolve(product, text) {
        return Ok(TypeRef::Named(name));
    }
    Err(format!("unknown type {text:?}"))
}

/// A scalar type name, tolerating case and common spellings.
fn scalar(text: &str) -> Option<TypeRef> {
    Some(match text.to_ascii_lowercase().as_str() {
        "string" | "str" => TypeRef::String,
        "integer" | "int" | "int32" => TypeRef::Integer,
        "long" | "int64" => TypeRef::Long,
        "float" => TypeRef::Float,
        "double" => TypeRef::Double,
        "bigdecimal" | "decimal" => TypeRef::BigDecimal,
        "boolean" | "bool" => TypeRef::Boolean,
        "timestamp" | "datetime" => TypeRef::Timestamp,
        _ => return None,
    })
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

// ---------------------------------------------------------------------------------------------
// Error codes

fn read_error_table(info: &PageInfo, table: &Table, diags: &mut Diagnostics) -> Vec<ErrorCode> {
    let Some(code_col) = table.column(columns::CODE) else {
        diags.error(
            &info.file,
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
        let code = row
            .cells
            .get(code_col)
            .map(|c| c.rich.one_line().replace('`', ""))
            .unwrap_or_default();
        let code = code.trim().to_string();
        if code.is_empty()
            || !code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        {
            diags.warning(
                &info.file,
                row.pos,
                Kind::Row,
                format!("{code:?} is not an error code; the row is skipped"),
            );
            continue;
        }
        let status_text = status_col
            .and_then(|i| row.cells.get(i))
            .map(|c| c.rich.one_line())
            .unwrap_or_default();
        let status = match status_text.trim().parse::<u16>() {
            Ok(s) if (100..600).contains(&s) => Some(s),
            _ => {
                if !status_text.trim().is_empty() {
                    diags.warning(
                        &info.file,
                        row.pos,
                        Kind::Row,
                        format!("HTTP status {status_text:?} of {code} is not a status code"),
                    );
                }
                None
            }
        };
        if out.iter().any(|e| e.code == code) {
            diags.warning(
                &info.file,
                row.pos,
                Kind::Duplicate,
                format!("error code {code} is listed twice; the first is kept"),
            );
            continue;
        }
        let description = desc_col
            .and_then(|i| row.cells.get(i))
            .map(|c| c.rich.one_line())
            .unwrap_or_default();
        out.push(ErrorCode {
            status,
            code,
            description,
            source: SourceRef {
                file: info.file.clone(),
                line: row.pos.line,
            },
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Examples

fn read_examples(
    info: &PageInfo,
    action: &str,
    body: &[&Block],
    diags: &mut Diagnostics,
) -> Vec<Example> {
    let mut out = Vec::new();
    let mut title = String::new();
    for block in body {
        match block {
            Block::Heading { text, .. } | Block::Text { text, .. } => {
                title = text.one_line().replace("**", "");
            }
            Block::Code {
                text,
                pos,
                first_line,
            } => {
                out.push(read_example(
                    info,
                    action,
                    &title,
                    text,
                    *pos,
                    *first_line,
                    diags,
                ));
            }
            Block::Table(_) => {}
        }
    }
    out
}

fn read_example(
    info: &PageInfo,
    action: &str,
    title: &str,
    code: &str,
    pos: Pos,
    first_line: u32,
    diags: &mut Diagnostics,
) -> Example {
    let lines: Vec<&str> = code.lines().collect();
    if code.trim().is_empty() {
        diags.warning(
            &info.file,
            pos,
            Kind::Example,
            "example code block is empty",
        );
    }
    let mut action_header = None;
    for (i, line) in lines.iter().enumerate() {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let header = name.trim().to_ascii_lowercase();
        if header == "x-zc-action" || header == "x-tc-action" {
            let value = value.trim().to_string();
            let at = Pos {
                line: first_line + i as u32,
                col: 1,
            };
            if header == "x-tc-action" {
                diags.warning(
                    &info.file,
                    at,
                    Kind::Example,
                    "example uses the header X-TC-Action; requests send X-ZC-Action",
                );
            }
            if value != action {
                diags.warning(
                    &info.file,
                    at,
                    Kind::Example,
                    format!("example calls {value}, but the page is {action}"),
                );
            }
            action_header = Some(value);
        }
    }
    let marker = |l: &str, words: &[&str]| {
        let t = l
            .trim()
            .trim_end_matches([':', '：'])
            .trim()
            .to_ascii_lowercase();
        words.iter().any(|w| t == *w)
    };
    let req_at = lines
        .iter()
        .position(|l| marker(l, &["request", "请求", "request body", "请求示例"]));
    let resp_at = lines.iter().position(|l| {
        marker(
            l,
            &[
                "response",
                "响应",
                "返回",
                "response body",
                "响应示例",
                "返回示例",
            ],
        )
    });
    let body = |from: Option<usize>, to: Option<usize>| -> Option<(String, u32)> {
        let from = from? + 1;
        let to = to.filter(|&t| t > from).unwrap_or(lines.len());
        let text = lines.get(from..to)?.join("\n").trim().to_string();
        (!text.is_empty()).then(|| (text, first_line + from as u32))
    };
    let request = body(req_at, resp_at.filter(|&r| Some(r) > req_at));
    let response = body(resp_at, req_at.filter(|&r| Some(r) > resp_at));
    if req_at.is_none() && resp_at.is_none() && !code.trim().is_empty() {
        diags.warning(
            &info.file,
            pos,
            Kind::Example,
            "example has neither a Request: nor a Response: part",
        );
    }
    let mut json = |part: Option<(String, u32)>, what: &str| {
        part.map(
            |(text, line)| match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(v) => ExampleBody::Json(v),
                Err(e) => {
                    diags.warning(
                        &info.file,
                        Pos {
                            line: line + e.line().saturating_sub(1) as u32,
                            col: e.column().max(1) as u32,
                        },
                        Kind::Example,
                        format!("example {what} is not valid JSON ({e}); kept as text"),
                    );
                    ExampleBody::Text(text)
                }
            },
        )
    };
    let request = json(request, "request");
    let response = json(response, "response");
    Example {
        title: title.to_string(),
        action_header,
        request,
        response,
        source: SourceRef {
            file: info.file.clone(),
            line: pos.line,
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Data-structure pages

fn lower_types(
    info: &PageInfo,
    blocks: &[Block],
    types: &TypeIndex,
    diags: &mut Diagnostics,
) -> Vec<TypeDef> {
    let mut out: Vec<TypeDef> = Vec::new();
    let mut current: Option<(String, Pos, Vec<&Block>)> = None;
    let finish = |cur: Option<(String, Pos, Vec<&Block>)>,
                  out: &mut Vec<TypeDef>,
                  diags: &mut Diagnostics| {
        if let Some((name, pos, body)) = cur
            && let Some(def) = lower_type(info, &name, pos, &body, types, diags)
        {
            if out.iter().any(|t| t.name == def.name) {
                diags.error(
                    &info.file,
                    pos,
                    Kind::Duplicate,
                    format!("type {name} is defined twice on this page"),
                );
            } else {
                out.push(def);
            }
        }
    };
    for block in blocks {
        match block {
            Block::Heading { level, text, pos } if *level <= 3 => {
                finish(current.take(), &mut out, diags);
                if *level >= 2 {
                    match type_name_of_heading(&text.text) {
                        Some(name) => current = Some((name, *pos, Vec::new())),
                        None => diags.warning(
                            &info.file,
                            *pos,
                            Kind::Structure,
                            format!(
                                "heading {:?} is not a type name; its section is skipped",
                                text.text
                            ),
                        ),
                    }
                }
            }
            _ => {
                if let Some((_, _, body)) = &mut current {
                    body.push(block);
                }
            }
        }
    }
    finish(current.take(), &mut out, diags);
    out
}

fn lower_type(
    info: &PageInfo,
    name: &str,
    pos: Pos,
    body: &[&Block],
    types: &TypeIndex,
    diags: &mut Diagnostics,
) -> Option<TypeDef> {
    let mut docs = Vec::new();
    let mut referenced_by = Vec::new();
    let mut table = None;
    for block in body {
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
            Block::Table(t) => diags.warning(
                &info.file,
                t.pos,
                Kind::Structure,
                format!("second table under {name} is ignored"),
            ),
            _ => {}
        }
    }
    let Some(table) = table else {
        diags.warning(
            &info.file,
            pos,
            Kind::Structure,
            format!("type {name} has no table; it is skipped"),
        );
        return None;
    };
    let source = SourceRef {
        file: info.file.clone(),
        line: pos.line,
    };
    let is_struct = table.column(columns::NAME).is_some() && table.column(columns::TYPE).is_some();
    let shape = if is_struct {
        Shape::Struct {
            fields: read_field_table(info, table, FieldTable::Struct, types, diags)?,
        }
    } else {
        Shape::Enum {
            values: read_enum_table(info, name, table, diags)?,
        }
    };
    Some(TypeDef {
        name: name.to_string(),
        product: info.product.clone(),
        docs,
        referenced_by,
        shape,
        source,
    })
}

/// "Referenced by：[A](…), [B](…)" or "被引用：A、B": the names listed.
fn referenced_by_line(line: &str) -> Option<Vec<String>> {
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

fn read_enum_table(
    info: &PageInfo,
    name: &str,
    table: &Table,
    diags: &mut Diagnostics,
) -> Option<Vec<EnumValue>> {
    // `类型 | 说明` tables keep the values in the 类型 column.
    let value_col = table
        .column(columns::VALUE)
        .or_else(|| table.column(columns::TYPE));
    let Some(value_col) = value_col else {
        let heads: Vec<String> = table.head.iter().map(|c| c.rich.text.clone()).collect();
        diags.error(
            &info.file,
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
            diags.warning(
                &info.file,
                row.pos,
                Kind::Row,
                format!("row of {name} without a value is skipped"),
            );
            continue;
        }
        if values.iter().any(|v| v.value == value) {
            diags.warning(
                &info.file,
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
            source: SourceRef {
                file: info.file.clone(),
                line: row.pos.line,
            },
        });
    }
    Some(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{Link, parse};

    fn index(names: &[&str]) -> TypeIndex {
        let mut i = TypeIndex::default();
        for n in names {
            i.insert("zec", n);
        }
        i
    }

    fn rich(text: &str, href: Option<&str>) -> Rich {
        Rich {
            text: text.to_string(),
            links: href
                .map(|h| {
                    vec![Link {
                        text: text.trim_start_matches("Array of ").to_string(),
                        href: h.to_string(),
                    }]
                })
                .unwrap_or_default(),
            codes: vec![],
        }
    }

    #[test]
    fn type_cells_scalars_arrays_and_every_link_form() {
        let idx = index(&[
            "BindType",
            "DiskStatus",
            "InstanceAvailableSecurityGroup",
            "VpcStatus",
        ]);
        let t = |text: &str, href: Option<&str>| parse_type(&rich(text, href), "zec", &idx);
        assert_eq!(t("String", None), Ok(TypeRef::String));
        assert_eq!(
            t("Array of Integer", None),
            Ok(TypeRef::Array(Box::new(TypeRef::Integer)))
        );
        assert_eq!(t("BigDecimal", None), Ok(TypeRef::BigDecimal));
        let bind = Ok(TypeRef::Named("BindType".into()));
        assert_eq!(t("BindType", Some("../datastructure.md#bindtype")), bind);
        assert_eq!(
            t(
                "BindType",
                Some("/api-reference/compute/zec/datastructure.md#bindtype")
            ),
            bind
        );
        assert_eq!(
            t(
                "BindType",
                Some(
                    "https://docs.console.zenlayer.com/api-reference/cn/compute/datastructure#bindtype"
                )
            ),
            bind
        );
        assert_eq!(
            t(
                "BindType",
                Some(
                    "https://docs.console.zenlayer.com/api-reference/compute/zec/datastructure.md#bindtype"
                )
            ),
            bind
        );
        assert_eq!(
            t(
                "diskstatus",
                Some(
                    "https://app.gitbook.com/o/Rd/s/q4/\\~/changes/236/xu-ni-ji/shu-ju-jie-gou#diskstatus"
                )
            ),
            Ok(TypeRef::Named("DiskStatus".into()))
        );
        // Chinese link text: the fragment names the type.
        let vpc = Rich {
            text: "VPC的状态。".into(),
            links: vec![Link {
                text: "VPC的状态。".into(),
                href: "datastructure.md#vpcstatus".into(),
            }],
            codes: vec![],
        };
        assert_eq!(
            parse_type(&vpc, "zec", &idx),
            Ok(TypeRef::Named("VpcStatus".into()))
        );
        assert_eq!(
            t(
                "Array of InstanceAvailableSecurityGroup",
                Some("../shu-ju-jie-gou.md#instanceavailablesecuritygroup")
            ),
            Ok(TypeRef::Array(Box::new(TypeRef::Named(
                "InstanceAvailableSecurityGroup".into()
            ))))
        );
        assert!(
            t("Nope", Some("../datastructure.md#nope"))
                .unwrap_err()
                .contains("resolves to no type")
        );
        assert!(t("", None).is_err());
        assert!(
            t("Array of zoneId", None)
                .unwrap_err()
                .contains("unknown type")
        );
    }

    #[test]
    fn resolution_prefers_the_own_product_and_refuses_ambiguity() {
        let mut idx = TypeIndex::default();
        idx.insert("bmc", "Nic");
        idx.insert("vm", "Nic");
        idx.insert("vm", "DiskInfo");
        assert_eq!(idx.resolve("bmc", "nic"), Some("Nic".into()));
        assert_eq!(idx.resolve("zec", "nic"), None);
        assert_eq!(idx.resolve("zec", "diskinfo"), Some("DiskInfo".into()));
    }

    #[test]
    fn name_cells_with_deprecation_markers() {
        assert_eq!(
            field_name("eipV4Type \\[已废弃]".replace('\\', "").as_str()),
            ("eipV4Type".into(), true)
        );
        assert_eq!(
            field_name("eipV4Type [Deprecated]"),
            ("eipV4Type".into(), true)
        );
        assert_eq!(field_name("`nicId`"), ("nicId".into(), false));
        assert_eq!(required_flag(" 是 "), Some(true));
        assert_eq!(required_flag("No"), Some(false));
        assert_eq!(required_flag("maybe"), None);
    }

    #[test]
    fn referenced_by_lines() {
        assert_eq!(
            referenced_by_line("Referenced by：AssociateEipAddress, CreateEipAddresses"),
            Some(vec![
                "AssociateEipAddress".to_string(),
                "CreateEipAddresses".to_string()
            ])
        );
        assert_eq!(referenced_by_line("A mode."), None);
    }

    #[test]
    fn enum_tables_in_every_header_form() {
        let src = "# 数据结构\n\n## A\n\n| Value | Description |\n|---|---|\n| FullNat | NAT |\n\n## B\n\n| 状态值 | 状态说明 |\n|---|---|\n| RUNNING | 运行中 |\n\n### C\n\n| 类型 | 说明 |\n|---|---|\n| ByBandwidth | 固定带宽 |\n| | |\n";
        let blocks = parse(src);
        assert_eq!(classify(&blocks), PageKind::DataStructures);
        let info = PageInfo {
            file: "ds.md".into(),
            product: "zec".into(),
            group: String::new(),
        };
        let mut d = Diagnostics::new();
        let types = lower_types(&info, &blocks, &TypeIndex::default(), &mut d);
        let values: Vec<(String, Vec<String>)> = types
            .iter()
            .map(|t| match &t.shape {
                Shape::Enum { values } => (
                    t.name.clone(),
                    values.iter().map(|v| v.value.clone()).collect(),
                ),
                Shape::Struct { .. } => panic!("{} read as a struct", t.name),
            })
            .collect();
        assert_eq!(
            values,
            vec![
                ("A".to_string(), vec!["FullNat".to_string()]),
                ("B".to_string(), vec!["RUNNING".to_string()]),
                ("C".to_string(), vec!["ByBandwidth".to_string()]),
            ]
        );
        assert_eq!(d.iter().count(), 0, "{:?}", d.into_sorted());
    }

    #[test]
    fn pagination_by_convention_in_both_languages() {
        let page = |req: &str, resp: &str| {
            format!(
                "# DescribeThings\n\n## 2. {req}\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| pageNum | No | Integer | Page. |\n| pageSize | No | Integer | Size. |\n\n## 3. {resp}\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| totalCount | Integer | Total. |\n| dataSet | Array of String | Items. |\n"
            )
        };
        for (req, resp) in [
            ("Input Parameters", "Output Parameters"),
            ("请求参数", "响应结果"),
        ] {
            let loaded = crate::load_pages(&[("p/g/describethings.md".into(), page(req, resp))]);
            let action = loaded.api.action("DescribeThings").expect("action");
            assert_eq!(
                action.pagination,
                Some(Pagination {
                    page_num: "pageNum".into(),
                    page_size: "pageSize".into(),
                    total_count: "totalCount".into(),
                    items: "dataSet".into(),
                })
            );
        }
        // Without totalCount there is no way to know when to stop: not paginated.
        let no_total = page("Input Parameters", "Output Parameters").replace("totalCount", "count");
        let loaded = crate::load_pages(&[("p/g/describethings.md".into(), no_total)]);
        assert_eq!(
            loaded.api.action("DescribeThings").unwrap().pagination,
            None
        );
    }
}
