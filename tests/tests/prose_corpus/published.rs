//! The request parameters of stored copies of the published English pages, as text.
//!
//! The copies are not part of the project (they are Zenlayer's text): a maintainer keeps them
//! in a folder named by `ZEC_PUBLISHED_PAGES`, one file per page, whose first line is
//! `URL: <address>` and whose rest is the page as a browser or a crawler rendered it. Two
//! renderings occur: the Markdown source with `|` tables, and plain text in which every table
//! cell is a line of its own (name, `Yes`/`No`, type, then the description's lines).

use zec_spec::ir::TypeRef;

/// One request parameter of a page.
pub struct Param {
    pub name: String,
    pub ty: TypeRef,
    /// The description, one paragraph or list item per line (`- ` before list items).
    pub description: String,
}

/// A page: its address and its request parameters.
pub struct Page {
    pub url: String,
    pub params: Vec<Param>,
}

/// Read one stored page; `None` when it has no address line or no input parameters.
pub fn read(text: &str) -> Option<Page> {
    let mut lines = text.lines();
    let url = lines.next()?.strip_prefix("URL:")?.trim().to_string();
    let body: Vec<&str> = lines.collect();
    let start = body.iter().position(|l| l.contains("Input Parameters"))? + 1;
    let end = body[start..]
        .iter()
        .position(|l| l.contains("Output Parameters") || l.contains("Code Example"))
        .map_or(body.len(), |e| start + e);
    let section = &body[start..end];
    let params = if section.iter().any(|l| l.contains("<table")) {
        html_rows(&section.join("\n"))
    } else if section.iter().any(|l| l.matches('|').count() >= 3) {
        markdown_rows(section)
    } else {
        plain_cells(section)
    };
    (!params.is_empty()).then_some(Page { url, params })
}

/// Rows of a Markdown table: `| name | Yes | Type | Description |`.
fn markdown_rows(section: &[&str]) -> Vec<Param> {
    let mut out = Vec::new();
    for line in section {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        let [name, required, ty, description, ..] = cells[..] else {
            continue;
        };
        if !is_name(name) || !matches!(required, "Yes" | "No") {
            continue;
        }
        out.push(Param {
            name: name.to_string(),
            ty: type_of(&strip_link(ty)),
            description: cell_text(description),
        });
    }
    out
}

/// Rows of an HTML table (`<tr><td>name</td><td>Yes</td>…`), as GitBook writes a table
/// whose columns have set widths.
fn html_rows(section: &str) -> Vec<Param> {
    let mut out = Vec::new();
    for row in section.split("<tr>").skip(1) {
        let cells: Vec<String> = row
            .split("<td")
            .skip(1)
            .map(|cell| {
                let inner = cell.split_once('>').map_or("", |(_, rest)| rest);
                cell_text(inner.split("</td>").next().unwrap_or_default())
            })
            .collect();
        let [name, required, ty, description, ..] = &cells[..] else {
            continue;
        };
        if !is_name(name) || !matches!(required.as_str(), "Yes" | "No") {
            continue;
        }
        out.push(Param {
            name: name.clone(),
            ty: type_of(&strip_link(ty)),
            description: description.clone(),
        });
    }
    out
}

/// A cell's HTML as lines: paragraphs and list items on lines of their own, tags dropped.
fn cell_text(cell: &str) -> String {
    let marked = cell
        .replace("<br>", "\n")
        .replace("<br/>", "\n")
        .replace("</p>", "\n")
        .replace("<li>", "\n- ");
    let mut out = String::new();
    let mut in_tag = false;
    for c in marked.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `Array of [Tag](…)` as `Array of Tag`.
fn strip_link(ty: &str) -> String {
    let mut out = String::new();
    let mut rest = ty;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            break;
        };
        out.push_str(&after[..close]);
        rest = &after[close + 1..];
        if let Some(link) = rest.strip_prefix('(') {
            rest = link.find(')').map_or("", |e| &link[e + 1..]);
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// Plain text with one cell per line: a name, `Yes` or `No`, a type (absent when the page
/// linked it), then the description up to the next name.
fn plain_cells(section: &[&str]) -> Vec<Param> {
    let lines: Vec<&str> = section
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| is_name(lines[i]) && matches!(lines.get(i + 1), Some(&"Yes" | &"No")))
        .collect();
    let mut out = Vec::new();
    for (n, &i) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(lines.len());
        let mut j = i + 2;
        let ty = match lines.get(j) {
            Some(t) if j < end && is_type(t) => {
                j += 1;
                type_of(t)
            }
            _ => TypeRef::Unknown,
        };
        let description = lines[j.min(end)..end]
            .iter()
            .map(|l| match l.strip_prefix('•') {
                Some(item) => format!("- {}", item.trim()),
                None => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        out.push(Param {
            name: lines[i].to_string(),
            ty,
            description,
        });
    }
    out
}

/// A parameter name: a word of letters and digits starting with a lower-case letter.
fn is_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A type cell: `String`, `Integer`, `Array of X`, or a structure's name.
fn is_type(s: &str) -> bool {
    let inner = s.strip_prefix("Array of ").unwrap_or(s);
    inner.starts_with(|c: char| c.is_ascii_uppercase())
        && inner.chars().all(|c| c.is_ascii_alphanumeric())
}

fn type_of(s: &str) -> TypeRef {
    TypeRef::parse(s).unwrap_or(TypeRef::Unknown)
}

#[test]
fn both_renderings_read_alike() {
    let plain = "URL: https://example.test/a\n\nA\n\n2. Input Parameters\n\nParameter NameRequiredTypeDescription\n\nsize\n\nNo\n\nInteger\n\nPage size.\n\nDefault value: 20;\n\nregionIds\n\nYes\n\nArray of String\n\nRegions.\n\n  • a\n\n  • b\n\ntags\n\nNo\n\nTags.\n\n3. Output Parameters\n\nrequestId\n\nString\n";
    let md = "URL: https://example.test/a\n\n## 2. Input Parameters\n\n| Parameter Name | Required | Type | Description |\n| --- | --- | --- | --- |\n| size | No | Integer | <p>Page size.</p><p>Default value: 20;</p> |\n| regionIds | Yes | Array of String | <p>Regions.</p><ul><li>a</li><li>b</li></ul> |\n| tags | No | [TagAssociation](https://x/y#t) | Tags. |\n\n## 3. Output Parameters\n";
    let html = "URL: https://example.test/a\n\n## 2. Input Parameters\n\n<table><thead><tr><th width=\"1\">Parameter Name</th><th>Required</th><th>Type</th><th>Description</th></tr></thead><tbody><tr><td>size</td><td>No</td><td>Integer</td><td><p>Page size.</p><p>Default value: 20;</p></td></tr><tr><td>regionIds</td><td>Yes</td><td>Array of String</td><td>Regions.<ul><li>a</li><li>b</li></ul></td></tr><tr><td>tags</td><td>No</td><td><a href=\"x\">TagAssociation</a></td><td>Tags.</td></tr></tbody></table>\n\n## 3. Output Parameters\n";
    for text in [plain, md, html] {
        let page = read(text).expect("a page");
        assert_eq!(page.url, "https://example.test/a");
        let got: Vec<(String, String, String)> = page
            .params
            .iter()
            .map(|p| (p.name.clone(), p.ty.to_string(), p.description.clone()))
            .collect();
        assert_eq!(
            got[0],
            (
                "size".into(),
                "Integer".into(),
                "Page size.\nDefault value: 20;".into()
            )
        );
        assert_eq!(
            got[1],
            (
                "regionIds".into(),
                "Array of String".into(),
                "Regions.\n- a\n- b".into()
            )
        );
        assert_eq!(got[2].0, "tags");
        assert_eq!(got[2].2, "Tags.");
        assert_eq!(got.len(), 3);
    }
    assert!(read("no address").is_none());
}
