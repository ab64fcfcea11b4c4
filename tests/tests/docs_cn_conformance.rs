//! Conformance over the real doc pages in `../shared/reference` (skipped when it is absent).
//!
//! The table check reads each page with its own small line-based table reader, written apart
//! from the parser's code path, and compares what the tables say with the IR.

use std::collections::BTreeMap;
use zec_spec::ir::{Constraint, Rule, Shape, TypeRef};
use zec_spec::{load_dir, load_pages};
use zec_tests::reference;

fn spec_file(rel: &str) -> String {
    let path = zec_tests::workspace().join("spec").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn seed_page_yields_the_documented_contract() {
    let Some(reference) = reference() else { return };
    let seed = std::fs::read_to_string(reference.join("seed/associateeipaddress.md")).unwrap();
    let loaded = load_pages(&[
        ("compute/zec/elastic-ip/associateeipaddress.md".into(), seed),
        (
            "compute/zec/datastructure.md".into(),
            spec_file("compute/zec/datastructure.md"),
        ),
    ]);
    let errors: Vec<String> = loaded.errors().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let action = loaded
        .api
        .action("zec", "AssociateEipAddress")
        .expect("action read");
    let fields: Vec<(&str, bool)> = action
        .request
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(
        fields,
        [
            ("eipIds", true),
            ("loadBalancerId", false),
            ("nicId", false),
            ("lanIp", false),
            ("natId", false),
            ("haVipId", false),
            ("bindType", false),
        ]
    );
    let bind = &action.request[6];
    assert_eq!(bind.ty, TypeRef::Named("BindType".into()));
    assert_eq!(bind.default.as_deref(), Some("FullNat"));
    let bind_type = loaded.api.type_def("zec", "BindType").expect("BindType");
    assert!(
        matches!(&bind_type.shape, Shape::Enum { values } if values.iter().any(|v| v.value == "FullNat"))
    );

    assert!(action.rules.iter().any(|r| matches!(r,
        Rule::ExactlyOneOf { fields, by_priority: true, .. }
            if fields == &["loadBalancerId", "nicId", "natId", "haVipId"])));
    assert!(action.rules.iter().any(|r| matches!(r,
        Rule::RequiredIf { field, when, equals, .. }
            if field == "lanIp" && when == "nicId" && equals.is_empty())));

    let failed = action
        .response
        .iter()
        .find(|f| f.name == "failedEipIds")
        .expect("failedEipIds");
    assert_eq!(failed.ty, TypeRef::Array(Box::new(TypeRef::String)));

    let codes: Vec<(&str, Option<u16>)> = action
        .errors
        .iter()
        .map(|e| (e.code.as_str(), e.status))
        .collect();
    assert_eq!(
        codes,
        [
            ("INVALID_LB_NOT_FOUND", Some(404)),
            ("INVALID_LB_STATUS", Some(400)),
            ("INVALID_REGION_MISMATCH", Some(400)),
            ("INVALID_HAVIP_NOT_FOUND", Some(404)),
            ("OPERATION_DENIED_EIP_ASSIGNED_LIMIT_EXCEEDED", Some(400)),
        ]
    );
    assert_eq!(action.examples.len(), 5);
}

#[test]
fn chinese_create_instances_page_has_its_async_rule_and_range() {
    let Some(reference) = reference() else { return };
    let loaded = load_dir(&reference.join("docs-cn"));
    let create = loaded
        .api
        .actions()
        .find(|a| a.product == "zec" && a.name == "CreateZecInstances")
        .expect("CreateZecInstances");
    let waiter = create.waiter.as_ref().expect("async note read");
    assert_eq!(waiter.poll_action, "DescribeInstances");
    assert_eq!(waiter.pending, ["DEPLOYING"]);
    assert_eq!(waiter.success, ["RUNNING"]);
    assert_eq!(waiter.failure, ["CREATE_FAILED"]);
    let count = create
        .request
        .iter()
        .find(|f| f.name == "instanceCount")
        .unwrap();
    assert_eq!(count.default.as_deref(), Some("1"));
    assert_eq!(
        count.constraints,
        [Constraint::Range {
            min: Some(1.0),
            max: Some(100.0)
        }]
    );
    let v4 = create
        .request
        .iter()
        .find(|f| f.name == "eipV4Type")
        .unwrap();
    assert!(v4.deprecated);
}

#[test]
fn every_docs_cn_page_loads_and_tables_match_the_ir() {
    let Some(reference) = reference() else { return };
    let root = reference.join("docs-cn");
    let loaded = load_dir(&root);
    assert_eq!(loaded.pages, 93);
    assert!(
        loaded.api.actions().count() >= 60,
        "{}",
        loaded.api.actions().count()
    );

    let error_lines: BTreeMap<(String, u32), String> = loaded
        .errors()
        .map(|d| ((d.file.clone(), d.line), d.message.clone()))
        .collect();
    // Fields the page marks required but contradicts (a default, an example without them)
    // are read as optional, with a warning naming them.
    let relaxed: Vec<(String, String)> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("is marked required, but"))
        .filter_map(|d| Some((d.file.clone(), d.message.split(' ').next()?.to_string())))
        .collect();
    let mut compared = 0;
    for action in loaded.api.actions() {
        let file = &action.source.file;
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let page = independent::read(&text);

        let expect_request = page.table("request");
        let got: Vec<(String, bool, String)> = action
            .request
            .iter()
            .map(|f| (f.name.clone(), f.required, type_key(&f.ty)))
            .collect();
        let want: Vec<(String, bool, String)> = expect_request
            .iter()
            .map(|r| {
                let relaxed = relaxed.contains(&(file.clone(), r.name.clone()));
                (r.name.clone(), r.required && !relaxed, r.ty.clone())
            })
            .collect();
        compare_fields(file, "request", &got, &want, &error_lines);

        let got: Vec<(String, bool, String)> = action
            .response
            .iter()
            .map(|f| (f.name.clone(), false, type_key(&f.ty)))
            .collect();
        let want: Vec<(String, bool, String)> = page
            .table("response")
            .iter()
            .map(|r| (r.name.clone(), false, r.ty.clone()))
            .collect();
        compare_fields(file, "response", &got, &want, &error_lines);

        let got: Vec<(String, Option<u16>)> = action
            .errors
            .iter()
            .map(|e| (e.code.clone(), e.status))
            .collect();
        assert_eq!(got, page.errors, "{file}: error codes");
        compared += 1;
    }
    eprintln!("compared the tables of {compared} action pages with the IR");
    assert!(compared >= 71, "only {compared} action pages compared");
}

/// Compare fields; a type the parser could not resolve must come with an error on that row.
fn compare_fields(
    file: &str,
    what: &str,
    got: &[(String, bool, String)],
    want: &[(String, bool, String)],
    errors: &BTreeMap<(String, u32), String>,
) {
    let names = |v: &[(String, bool, String)]| v.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(got), names(want), "{file}: {what} field names");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g.1, w.1, "{file}: {what} field {} required flag", g.0);
        if g.2 == "unknown" {
            assert!(
                errors.keys().any(|(f, _)| f == file),
                "{file}: {what} field {} has no type and no error",
                g.0
            );
        } else {
            assert_eq!(g.2, w.2, "{file}: {what} field {} type", g.0);
        }
    }
}

/// Types compared as lower-case letters and digits, so `Array of DiskStatus` matches a cell
/// that links `[diskstatus](…#diskstatus)`.
fn type_key(t: &TypeRef) -> String {
    t.to_string()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// A deliberately simple reader of GitBook tables, line by line, sharing no code with the
/// parser.
mod independent {
    /// One field row.
    pub struct FieldRow {
        pub name: String,
        pub required: bool,
        pub ty: String,
    }

    pub struct Page {
        pub request: Vec<FieldRow>,
        pub response: Vec<FieldRow>,
        pub errors: Vec<(String, Option<u16>)>,
    }

    impl Page {
        pub fn table(&self, which: &str) -> &[FieldRow] {
            if which == "request" {
                &self.request
            } else {
                &self.response
            }
        }
    }

    pub fn read(text: &str) -> Page {
        let mut page = Page {
            request: Vec::new(),
            response: Vec::new(),
            errors: Vec::new(),
        };
        let mut section = "";
        let mut taken = (false, false, false);
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i].trim();
            if let Some(h) = line.strip_prefix("## ") {
                section = if h.contains("请求") || h.contains("输入") || h.contains("Input") {
                    "request"
                } else if h.contains("响应") || h.contains("输出") || h.contains("Output") {
                    "response"
                } else if h.contains("错误码") || h.contains("Error Code") {
                    "errors"
                } else {
                    ""
                };
            }
            if line.starts_with('|')
                && i + 1 < lines.len()
                && lines[i + 1].trim().starts_with("| -")
            {
                let header = split_row(line);
                let mut rows = Vec::new();
                let mut j = i + 2;
                while j < lines.len() && lines[j].trim().starts_with('|') {
                    rows.push(split_row(lines[j].trim()));
                    j += 1;
                }
                match section {
                    "request" if !taken.0 => {
                        taken.0 = true;
                        page.request = fields(&header, &rows, true);
                    }
                    "response" if !taken.1 => {
                        taken.1 = true;
                        page.response = fields(&header, &rows, false);
                    }
                    "errors" if !taken.2 => {
                        taken.2 = true;
                        page.errors = errors(&header, &rows);
                    }
                    _ => {}
                }
                i = j;
                continue;
            }
            i += 1;
        }
        page
    }

    fn split_row(line: &str) -> Vec<String> {
        let inner = line.trim().trim_start_matches('|');
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        inner.split('|').map(|c| c.trim().to_string()).collect()
    }

    fn find(header: &[String], names: &[&str]) -> Option<usize> {
        header
            .iter()
            .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
    }

    fn plain(cell: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in cell.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("\\_", "_")
            .replace("\\[", "[")
            .replace("&#x20;", " ")
            .replace('`', "")
            .trim()
            .to_string()
    }

    fn fields(header: &[String], rows: &[Vec<String>], request: bool) -> Vec<FieldRow> {
        let name =
            find(header, &["参数名称", "名称", "Parameter Name", "Name"]).expect("name column");
        let ty = find(header, &["类型", "Type"]).expect("type column");
        let req = find(header, &["必选", "Required"]);
        let mut out: Vec<FieldRow> = Vec::new();
        for row in rows {
            if row.iter().all(|c| plain(c).is_empty()) {
                continue;
            }
            let mut n = plain(row.get(name).map(String::as_str).unwrap_or(""));
            for marker in ["[已废弃]", "[Deprecated]"] {
                n = n.replace(marker, "");
            }
            let n = n.trim().to_string();
            let ident = n.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
            if !ident || out.iter().any(|f| f.name == n) {
                continue;
            }
            let required = request
                && req
                    .and_then(|i| row.get(i))
                    .is_some_and(|c| matches!(plain(c).as_str(), "是" | "Yes"));
            out.push(FieldRow {
                name: n,
                required,
                ty: type_of(row.get(ty).map(String::as_str).unwrap_or("")),
            });
        }
        out
    }

    /// The type a cell names, as lower-case letters and digits: a link's anchor when it has
    /// one, else the link text, else the cell's text.
    fn type_of(cell: &str) -> String {
        let text = plain(cell);
        let array = text.to_ascii_lowercase().starts_with("array of");
        let anchor = cell
            .rfind('#')
            .map(|i| cell[i + 1..].split([')', '"']).next().unwrap_or(""))
            .filter(|a| !a.is_empty());
        let name = match anchor {
            Some(a) => a.to_string(),
            None => {
                let t = text
                    .trim_start_matches("Array of ")
                    .trim_start_matches("array of ");
                // A Markdown link with no anchor: its text.
                match (t.find('['), t.find(']')) {
                    (Some(a), Some(b)) if b > a => t[a + 1..b].to_string(),
                    _ => t.to_string(),
                }
            }
        };
        let mut key = String::new();
        if array {
            key.push_str("arrayof");
        }
        key.extend(
            name.chars()
                .filter(char::is_ascii_alphanumeric)
                .flat_map(|c| c.to_lowercase()),
        );
        key
    }

    fn errors(header: &[String], rows: &[Vec<String>]) -> Vec<(String, Option<u16>)> {
        let code = find(header, &["错误码", "Error Code"]).expect("code column");
        let status = find(header, &["HTTP状态码", "HTTP Status Code"]);
        let mut out: Vec<(String, Option<u16>)> = Vec::new();
        for row in rows {
            let c = plain(row.get(code).map(String::as_str).unwrap_or(""));
            if c.is_empty()
                || !c
                    .chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '.')
                || out.iter().any(|(k, _)| *k == c)
            {
                continue;
            }
            let s = status
                .and_then(|i| row.get(i))
                .and_then(|s| plain(s).trim_matches('*').parse::<u16>().ok());
            out.push((c, s));
        }
        out
    }
}
