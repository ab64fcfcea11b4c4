//! An action page: its sections, and the action assembled from them.

use super::{Page, description, errors, examples, fields, is_identifier, title};
use crate::diag::{Kind, Pos};
use crate::ir::{Action, Field, Pagination, Rule, TypeRef, is_read_only_action};
use crate::markdown::Block;

/// The sections of an action page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    Description,
    Request,
    Response,
    Examples,
    Errors,
    Other,
}

/// The section a `##` heading opens.
fn section_of(heading: &str) -> Section {
    // "2. Input Parameters" → "input parameters"
    let h = heading
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
        .trim()
        .to_ascii_lowercase();
    let is = |words: &[&str]| words.iter().any(|w| h.starts_with(w));
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
    }
}

/// Whether the page has a `##` request section, as every action page does.
pub(super) fn has_request_section(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| {
        matches!(b, Block::Heading { level: 2, text, .. } if section_of(&text.text) == Section::Request)
    })
}

/// A section of the page: what it is, where its heading is, and its blocks.
pub(super) struct SectionBlocks<'a> {
    pub kind: Section,
    pub pos: Pos,
    pub body: Vec<&'a Block>,
}

/// Split the page by `##` heading; a later `#` heading (the export's trailer) ends the page.
fn sections(blocks: &[Block]) -> Vec<SectionBlocks<'_>> {
    let mut out: Vec<SectionBlocks> = Vec::new();
    let mut seen_title = false;
    for block in blocks {
        match block {
            Block::Heading { level: 1, .. } if !seen_title => seen_title = true,
            Block::Heading { level: 1, .. } => break,
            Block::Heading {
                level: 2,
                text,
                pos,
            } => out.push(SectionBlocks {
                kind: section_of(&text.text),
                pos: *pos,
                body: Vec::new(),
            }),
            _ => {
                if let Some(current) = out.last_mut() {
                    current.body.push(block);
                }
            }
        }
    }
    out
}

/// Lower an action page.
pub(super) fn lower_action(page: &mut Page<'_>, blocks: &[Block]) -> Option<Action> {
    let (title_pos, title) = title(blocks)?;
    let name = title.trim().to_string();
    if !is_identifier(&name) {
        page.error(
            title_pos,
            Kind::Structure,
            format!("action title {name:?} is not an action name"),
        );
        return None;
    }
    check_file_name(page, &name, title_pos);

    let sections = sections(blocks);
    let section = |s: Section| sections.iter().find(|x| x.kind == s);
    let mut action = Action {
        name: name.clone(),
        product: page.info.product.clone(),
        group: page.info.group.clone(),
        read_only: is_read_only_action(&name),
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
        source: page.source(title_pos.line),
    };

    // Request and response first: the notes refer to the request's fields.
    let mut rules: Vec<Rule> = Vec::new();
    match section(Section::Request) {
        Some(s) => {
            let table = fields::read_section(page, s, fields::Table::Request);
            action.request = table.fields;
            rules = table.rules;
        }
        None => page.error(
            title_pos,
            Kind::Structure,
            "action page has no request parameters section",
        ),
    }
    match section(Section::Response) {
        Some(s) => action.response = fields::read_section(page, s, fields::Table::Response).fields,
        None => page.warning(
            title_pos,
            Kind::Structure,
            "action page has no response section; the response is read as empty",
        ),
    }
    if let Some(s) = section(Section::Description) {
        rules.extend(description::read(page, &mut action, &s.body));
    }
    action.rules = without_repeats(rules);
    if let Some(s) = section(Section::Examples) {
        action.examples = examples::read(page, &name, &s.body);
    }
    if let Some(s) = section(Section::Errors)
        && let Some(table) = s.body.iter().find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    {
        action.errors = errors::read_table(page, table);
    }
    fields::relax_contradicted_requirements(page, &mut action);
    action.pagination = pagination(&action);
    Some(action)
}

fn check_file_name(page: &mut Page<'_>, name: &str, pos: Pos) {
    let stem = page
        .info
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
        page.warning(
            pos,
            Kind::Structure,
            format!("page title {name} does not match the file name {stem}.md"),
        );
    }
}

/// Rules without repeats: a rule may be stated both in a note and in a field's description.
fn without_repeats(rules: Vec<Rule>) -> Vec<Rule> {
    let mut out: Vec<Rule> = Vec::new();
    for rule in rules {
        if !out.iter().any(|r| r.same_as(&rule)) {
            out.push(rule);
        }
    }
    out
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
