//! Inline content: text, code spans, links and the inline HTML GitBook writes in cells
//! (`<p>`, `<br>`, `<code>`, `<a>`, `<mark>`, entities) → [`Rich`].

use super::{Link, Rich};

/// Builds a [`Rich`] from text, code spans and inline HTML.
#[derive(Default)]
pub(super) struct RichBuilder {
    text: String,
    links: Vec<Link>,
    /// Link being read: target and where its text starts in `text`.
    link: Option<(String, usize)>,
    /// Inside an HTML `<code>` span.
    in_code: bool,
}

impl RichBuilder {
    pub(super) fn text(&mut self, t: &str) {
        self.text.push_str(t);
    }

    /// A code span keeps its backticks in the text: rustdoc renders them, and the prose
    /// recognisers use them to tell field names and states from words.
    pub(super) fn code(&mut self, t: &str) {
        let t = t.trim();
        self.text.push('`');
        self.text.push_str(t);
        self.text.push('`');
    }

    pub(super) fn newline(&mut self) {
        self.text.push('\n');
    }

    pub(super) fn open_link(&mut self, href: &str) {
        self.link = Some((href.to_string(), self.text.len()));
    }

    pub(super) fn close_link(&mut self) {
        if let Some((href, start)) = self.link.take() {
            let text = clean_lines(self.text.get(start..).unwrap_or(""))
                .replace('\n', " ")
                .trim()
                .to_string();
            self.links.push(Link { text, href });
        }
    }

    /// Interpret one inline HTML tag (or a run of them).
    pub(super) fn html(&mut self, html: &str) {
        self.html_fragment(html);
    }

    /// Interpret HTML: tags change structure, text between them is kept with entities decoded.
    pub(super) fn html_fragment(&mut self, html: &str) {
        let mut rest = html;
        while !rest.is_empty() {
            let Some(lt) = rest.find('<') else {
                self.text(&decode_entities(rest));
                break;
            };
            if lt > 0 {
                self.text(&decode_entities(&rest[..lt]));
            }
            let after = &rest[lt..];
            let Some(gt) = after.find('>') else {
                self.text(&decode_entities(after));
                break;
            };
            self.tag(&after[1..gt]);
            rest = &after[gt + 1..];
        }
    }

    fn tag(&mut self, inner: &str) {
        let inner = inner.trim();
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        match (name.as_str(), closing) {
            ("p" | "br" | "div" | "ul" | "ol" | "tr", _) => self.newline(),
            ("li", false) => self.text.push_str("\n- "),
            ("li", true) => self.newline(),
            ("a", false) => match attribute(inner, "href") {
                Some(href) => self.open_link(&href),
                None => self.link = None,
            },
            ("a", true) => self.close_link(),
            ("code", false) => {
                self.text.push('`');
                self.in_code = true;
            }
            ("code", true) if self.in_code => {
                self.in_code = false;
                self.text.push('`');
            }
            ("td" | "th", false) => self.text.push(' '),
            // Bold keeps its markers, as Markdown's does.
            ("strong" | "b", _) if !self.in_code => self.text.push_str("**"),
            _ => {}
        }
    }

    pub(super) fn finish(mut self) -> Rich {
        self.close_link();
        // Empty bold (`****`) is an editor artefact.
        let text = self.text.replace("****", "");
        Rich {
            text: clean_lines(&text),
            links: self.links,
        }
    }
}

/// The value of an HTML attribute in a tag's inner text.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let needle = format!("{name}=");
    let at = lower.find(&needle)? + needle.len();
    let rest = tag.get(at..)?;
    let value = if let Some(r) = rest.strip_prefix('"') {
        r.split('"').next()?
    } else if let Some(r) = rest.strip_prefix('\'') {
        r.split('\'').next()?
    } else {
        rest.split(|c: char| c.is_whitespace() || c == '>').next()?
    };
    Some(decode_entities(value))
}

/// Trim every line, collapse runs of spaces, drop empty lines.
pub fn clean_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let collapsed = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&collapsed);
    }
    out
}

/// Remove HTML tags, keeping the text between them.
pub(super) fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' if !in_tag => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Decode the HTML entities GitBook writes (`&#x3C;`, `&#60;`, `&lt;`, `&amp;`, `&nbsp;`, …).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| {
            let name = &after[..i];
            let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                match name {
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "amp" => Some('&'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some(' '),
                    _ => None,
                }
            };
            c.map(|c| (c, i))
        });
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = &after[i + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
