//! GitBook's other forms of the same page read exactly like the Markdown ones: tables written
//! as HTML (as GitBook writes a table whose columns have set widths, cells holding `<p>`,
//! `<code>`, `<strong>`, `<a>`), columns in another order, and examples whose request and
//! response sit in tabs of their own beside other languages' code, with no `Request:` or
//! `Response:` line. Every page of `spec/` is rewritten so here and must give the same IR.

use std::path::Path;
use zec_spec::ir::{Action, Api, TypeDef};
use zec_spec::load_pages;

/// A Markdown cell's text as GitBook writes it in an HTML table.
fn cell_html(cell: &str) -> String {
    let mut out = String::new();
    let mut rest = cell.trim();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('`') {
            let end = after.find('`').unwrap_or(after.len());
            out.push_str(&format!("<code>{}</code>", &after[..end]));
            rest = after.get(end + 1..).unwrap_or("");
        } else if let Some(after) = rest.strip_prefix("**") {
            let end = after.find("**").unwrap_or(after.len());
            out.push_str(&format!("<strong>{}</strong>", &after[..end]));
            rest = after.get(end + 2..).unwrap_or("");
        } else if rest.starts_with('[')
            && let Some(close) = rest.find(']')
            && rest[close..].starts_with("](")
            && let Some(end) = rest[close..].find(')')
        {
            let text = &rest[1..close];
            let href = &rest[close + 2..close + end];
            out.push_str(&format!("<a href=\"{href}\">{text}</a>"));
            rest = &rest[close + end + 1..];
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out.replace("\\|", "|")
}

/// Split a Markdown table row into its cells (escaped pipes stay in their cell).
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    let mut out = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                out.last_mut().unwrap().push_str("\\|");
                chars.next();
            }
            '|' => out.push(String::new()),
            _ => out.last_mut().unwrap().push(c),
        }
    }
    out
}

/// The page with every table as an HTML table whose first two columns are swapped, and every
/// example block split into a request tab and a response tab next to a Python tab.
fn gitbook_forms(page: &str) -> String {
    let lines: Vec<&str> = page.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.trim_start().starts_with('|')
            && lines.get(i + 1).is_some_and(|l| {
                l.trim_start().starts_with("| -") || l.trim_start().starts_with("|-")
            })
        {
            let head = cells(line);
            let mut rows = Vec::new();
            i += 2;
            while i < lines.len() && lines[i].trim_start().starts_with('|') {
                rows.push(cells(lines[i]));
                i += 1;
            }
            let swap = |mut r: Vec<String>| {
                if r.len() >= 2 {
                    r.swap(0, 1);
                }
                r
            };
            let mut html = String::from("<table><thead><tr>");
            for h in swap(head) {
                html.push_str(&format!("<th width=\"120\">{}</th>", cell_html(&h)));
            }
            html.push_str("</tr></thead><tbody>");
            for row in rows {
                html.push_str("<tr>");
                for c in swap(row) {
                    html.push_str(&format!("<td>{}</td>", cell_html(&c)));
                }
                html.push_str("</tr>");
            }
            html.push_str("</tbody></table>");
            out.push(html);
            continue;
        }
        if line.trim_start().starts_with("```") && !line.trim().eq("```") {
            // An example: request and response parts in tabs of their own.
            let mut code = Vec::new();
            i += 1;
            while i < lines.len() && !lines[i].trim_start().starts_with("```") {
                code.push(lines[i]);
                i += 1;
            }
            i += 1;
            let text = code.join("\n");
            let at = |marker: &str| code.iter().position(|l| l.trim().starts_with(marker));
            match (at("Request"), at("Response")) {
                (Some(req), Some(resp)) => {
                    let head = code[..req].join("\n");
                    let request = code[req + 1..resp].join("\n");
                    let response = code[resp + 1..].join("\n");
                    out.push("{% tabs %}".into());
                    out.push("{% tab title=\"Request\" %}".into());
                    out.push("```http".into());
                    out.push(format!("{head}\n\n{request}"));
                    out.push("```".into());
                    out.push("{% endtab %}".into());
                    out.push("{% tab title=\"Python\" %}".into());
                    out.push("```python".into());
                    out.push("response = client.call({\"x\": 1})".into());
                    out.push("```".into());
                    out.push("{% endtab %}".into());
                    out.push("{% tab title=\"Response\" %}".into());
                    out.push("```json".into());
                    out.push(response);
                    out.push("```".into());
                    out.push("{% endtab %}".into());
                    out.push("{% endtabs %}".into());
                }
                _ => {
                    out.push("```json".into());
                    out.push(text);
                    out.push("```".into());
                }
            }
            continue;
        }
        out.push(line.to_string());
        i += 1;
    }
    out.join("\n") + "\n"
}

/// An action without where it was read (lines move when a page is rewritten).
fn comparable_action(a: &Action) -> serde_json::Value {
    let mut v = serde_json::to_value(a).unwrap();
    strip_sources(&mut v);
    v
}

fn comparable_type(t: &TypeDef) -> serde_json::Value {
    let mut v = serde_json::to_value(t).unwrap();
    strip_sources(&mut v);
    v
}

fn strip_sources(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.remove("source");
            map.values_mut().for_each(strip_sources);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_sources),
        _ => {}
    }
}

fn load(pages: &[(String, String)]) -> Api {
    let loaded = load_pages(pages);
    let errors: Vec<String> = loaded.errors().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    loaded.api
}

#[test]
fn every_page_of_spec_reads_the_same_in_gitbooks_other_forms() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut pages = Vec::new();
    for entry in walk(&root) {
        let rel = entry
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        pages.push((rel, std::fs::read_to_string(&entry).unwrap()));
    }
    let markdown = load(&pages);
    let rewritten: Vec<(String, String)> = pages
        .iter()
        .map(|(p, t)| (p.clone(), gitbook_forms(t)))
        .collect();
    assert!(rewritten.iter().any(|(_, t)| t.contains("<table>")));
    let html = load(&rewritten);

    let mut compared = 0;
    for a in markdown.actions() {
        let b = html
            .action(&a.product, &a.name)
            .unwrap_or_else(|| panic!("{} {} is gone", a.product, a.name));
        assert_eq!(
            comparable_action(a),
            comparable_action(b),
            "{}",
            a.source.file
        );
        compared += 1;
    }
    for t in markdown.types() {
        let u = html.type_def(&t.product, &t.name).expect("type");
        assert_eq!(comparable_type(t), comparable_type(u), "{}", t.source.file);
    }
    assert_eq!(markdown.common_errors.len(), html.common_errors.len());
    assert_eq!(compared, html.actions().count());
    assert!(compared >= 628);
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out.sort();
    out
}
