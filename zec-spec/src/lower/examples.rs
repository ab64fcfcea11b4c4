//! Examples: request and response bodies from the code blocks of the examples section.

use super::Page;
use crate::diag::{Kind, Pos};
use crate::ir::{Example, ExampleBody};
use crate::markdown::Block;

/// Read the examples of an action page: each code block, titled by the heading or line above
/// it.
pub(super) fn read(page: &mut Page<'_>, action: &str, body: &[&Block]) -> Vec<Example> {
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
                out.push(read_example(page, action, &title, text, *pos, *first_line));
            }
            Block::Table(_) => {}
        }
    }
    out
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
