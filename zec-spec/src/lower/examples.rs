//! Examples: request and response bodies from the code blocks of the examples section.

use super::Page;
use crate::diag::{Kind, Pos};
use crate::ir::{Example, ExampleBody};
use crate::markdown::Block;

/// Languages whose code blocks show a call in some SDK, not the request and response: the
/// docs put them in tabs beside the JSON.
const OTHER_LANGUAGES: &[&str] = &[
    "python",
    "py",
    "go",
    "golang",
    "java",
    "javascript",
    "js",
    "typescript",
    "ts",
    "php",
    "csharp",
    "cs",
    "c#",
    "ruby",
    "rust",
    "shell",
    "bash",
    "sh",
    "curl",
    "cli",
    "kotlin",
];

/// Which part of an example a titled code block holds, by its title.
fn part_of(title: &str) -> Option<Part> {
    let t = title.to_lowercase();
    if t.contains("response") || t.contains("响应") || t.contains("返回") || t.contains("output")
    {
        Some(Part::Response)
    } else if t.contains("request") || t.contains("请求") || t.contains("input") {
        Some(Part::Request)
    } else {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Request,
    Response,
}

/// Read the examples of an action page: each code block with its `Request:` and `Response:`
/// parts, titled by the heading or line above it; or a request and a response in code blocks
/// of their own, told apart by their tab's or block's title (`{% tab title="Request" %}`).
/// Code blocks in other languages (the SDKs' tabs) are left aside.
pub(super) fn read(page: &mut Page<'_>, action: &str, body: &[&Block]) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut title = String::new();
    // A request read from a titled block, waiting for its response.
    let mut pending: Option<Example> = None;
    for block in body {
        match block {
            Block::Heading { text, .. } | Block::Text { text, .. } => {
                title = text.one_line().replace("**", "");
            }
            Block::Code {
                text,
                lang,
                title: block_title,
                pos,
                first_line,
            } => {
                if lang
                    .as_deref()
                    .is_some_and(|l| OTHER_LANGUAGES.contains(&l))
                {
                    continue;
                }
                let part = block_title.as_deref().and_then(part_of);
                let marked = has_markers(text);
                match part {
                    Some(part) if !marked => {
                        let body = json_body(page, text, *first_line, part);
                        let example = pending.take().filter(|_| part == Part::Response);
                        let mut example = example.unwrap_or_else(|| Example {
                            title: title.clone(),
                            action_header: None,
                            endpoint: None,
                            request: None,
                            response: None,
                            source: page.source(pos.line),
                        });
                        let (header, endpoint) = headers(page, action, text, *first_line);
                        example.action_header = example.action_header.or(header);
                        example.endpoint = example.endpoint.or(endpoint);
                        match part {
                            Part::Request => {
                                example.request = body;
                                pending = Some(example);
                            }
                            Part::Response => {
                                example.response = body;
                                out.push(example);
                            }
                        }
                    }
                    _ => {
                        if let Some(request) = pending.take() {
                            out.push(request);
                        }
                        out.push(read_example(page, action, &title, text, *pos, *first_line));
                    }
                }
            }
            Block::Table(_) => {}
        }
    }
    if let Some(request) = pending.take() {
        out.push(request);
    }
    out
}

/// Whether a code block marks its parts with `Request:` / `Response:` lines.
fn has_markers(code: &str) -> bool {
    code.lines().any(|l| {
        let t = l
            .trim()
            .trim_end_matches([':', '：'])
            .trim()
            .to_ascii_lowercase();
        matches!(
            t.as_str(),
            "request" | "response" | "request body" | "response body"
        ) || matches!(
            l.trim().trim_end_matches([':', '：']).trim(),
            "请求" | "响应" | "返回" | "请求示例" | "响应示例" | "返回示例"
        )
    })
}

/// The JSON of a block that holds one part: everything from its first `{`, after any HTTP
/// request line and headers.
fn json_body(page: &mut Page<'_>, code: &str, first_line: u32, part: Part) -> Option<ExampleBody> {
    let at = code.find('{')?;
    let line = first_line + code[..at].matches('\n').count() as u32;
    let what = match part {
        Part::Request => "request",
        Part::Response => "response",
    };
    let text = code[at..].trim();
    Some(match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => ExampleBody::Json(v),
        Err(e) => {
            page.warning(
                Pos {
                    line: line + e.line().saturating_sub(1) as u32,
                    col: e.column().max(1) as u32,
                },
                Kind::Example,
                format!("example {what} is not valid JSON ({e}); kept as text"),
            );
            ExampleBody::Text(text.to_string())
        }
    })
}

/// The action header and endpoint path of a block's HTTP lines, warning when the header names
/// another action.
fn headers(
    page: &mut Page<'_>,
    action: &str,
    code: &str,
    first_line: u32,
) -> (Option<String>, Option<String>) {
    let mut header = None;
    for (i, line) in code.lines().enumerate() {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let name = name.trim().to_ascii_lowercase();
        if name == "x-zc-action" {
            let value = value.trim().to_string();
            if value != action {
                page.warning(
                    Pos {
                        line: first_line + i as u32,
                        col: 1,
                    },
                    Kind::Example,
                    format!("example calls {value}, but the page is {action}"),
                );
            }
            header = Some(value);
        }
    }
    (header, code.lines().find_map(endpoint_path))
}

/// One example code block: the `X-ZC-Action` header, and the request and response bodies
/// after their `Request:` / `Response:` markers. JSON that does not parse is kept as text,
/// with a warning.
fn read_example(
    page: &mut Page<'_>,
    action: &str,
    title: &str,
    code: &str,
    pos: Pos,
    first_line: u32,
) -> Example {
    let lines: Vec<&str> = code.lines().collect();
    if code.trim().is_empty() {
        page.warning(pos, Kind::Example, "example code block is empty");
    }
    let mut action_header = None;
    let endpoint = lines.iter().find_map(|l| endpoint_path(l));
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
                page.warning(
                    at,
                    Kind::Example,
                    "example uses the header X-TC-Action; requests send X-ZC-Action",
                );
            }
            if value != action {
                page.warning(
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
        page.warning(
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
                    page.warning(
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
        endpoint,
        request,
        response,
        source: page.source(pos.line),
    }
}

/// The endpoint path of an example's request line: `POST /api/v2/zec HTTP/1.1`, or the host
/// line of the older form, `Host: console.zenlayer.com/api/v2/bmc`.
fn endpoint_path(line: &str) -> Option<String> {
    let at = line.find("/api/")?;
    let path: String = line[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'))
        .collect();
    let path = path.trim_end_matches('/');
    let service = path.strip_prefix("/api/v2/")?;
    (!service.is_empty() && !service.contains('/')).then(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::endpoint_path;

    #[test]
    fn endpoint_paths_of_request_lines() {
        assert_eq!(
            endpoint_path("POST /api/v2/zlb HTTP/1.1").as_deref(),
            Some("/api/v2/zlb")
        );
        assert_eq!(
            endpoint_path("Host: console.zenlayer.com/api/v2/bmc").as_deref(),
            Some("/api/v2/bmc")
        );
        assert_eq!(endpoint_path("POST / HTTP/1.1"), None);
        assert_eq!(endpoint_path("see /api/v2/ for more"), None);
    }
}
