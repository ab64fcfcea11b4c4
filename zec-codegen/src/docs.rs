//! Doc comments for generated items, written so that rustdoc renders them without warnings.
//!
//! Text from the pages is Markdown-ish prose: it can hold `[1, 100]` (an intra-doc link to
//! rustdoc), `<eipId>` (an HTML tag to rustdoc) and bare URLs. [`escape`] makes such text
//! literal while keeping code spans, bold and lists.

use proc_macro2::TokenStream;
use quote::quote;
use zec_spec::ir::{Constraint, Field};

/// A doc comment being built, paragraph by paragraph.
#[derive(Debug, Default, Clone)]
pub struct Doc {
    paragraphs: Vec<String>,
}

impl Doc {
    /// An empty doc comment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a paragraph of already-escaped Markdown.
    pub fn markdown(&mut self, text: impl Into<String>) -> &mut Self {
        let text = text.into();
        if !text.trim().is_empty() {
            self.paragraphs.push(text);
        }
        self
    }

    /// Add a paragraph of text from a page, escaped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.markdown(escape(text))
    }

    /// Add a heading (`# Notes`) and a bulleted list, when the list is not empty.
    pub fn list(&mut self, heading: &str, items: &[String]) -> &mut Self {
        if !items.is_empty() {
            self.paragraphs.push(format!("# {heading}"));
            let body: Vec<String> = items
                .iter()
                .map(|i| format!("- {}", escape(i).replace('\n', "\n  ")))
                .collect();
            self.paragraphs.push(body.join("\n"));
        }
        self
    }

    /// Whether nothing was added.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// `#[doc = "…"]` attributes, one per line.
    pub fn tokens(&self) -> TokenStream {
        let mut lines: Vec<String> = Vec::new();
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                lines.push(String::new());
            }
            lines.extend(p.lines().map(|l| format!(" {l}")));
        }
        quote! { #( #[doc = #lines] )* }
    }
}

/// Make page text safe for rustdoc: brackets and angle brackets outside code spans are escaped,
/// bare URLs become autolinks, a heading marker at a line start is escaped, and fences are
/// broken so that nothing becomes a doctest.
pub fn escape(text: &str) -> String {
    let text = text.replace("```", "'''");
    let mut out = String::with_capacity(text.len() + 8);
    for (n, line) in text.lines().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let line = line.trim();
        let balanced = line.matches('`').count() % 2 == 0;
        let mut in_code = false;
        let mut rest = line;
        if rest.starts_with('#') {
            out.push('\\');
        }
        while let Some(c) = rest.chars().next() {
            if c == '`' && balanced {
                in_code = !in_code;
                out.push(c);
                rest = &rest[1..];
                continue;
            }
            if !in_code && (rest.starts_with("http://") || rest.starts_with("https://")) {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                let url = rest[..end].trim_end_matches(['.', ',', ';', ')', '。', '，']);
                out.push('<');
                out.push_str(url);
                out.push('>');
                rest = &rest[url.len()..];
                continue;
            }
            match c {
                '[' | ']' | '<' | '>' | '\\' | '`' if !in_code => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Link to a page on the docs site, from its path in the spec tree.
pub fn page_url(base: &str, file: &str) -> String {
    format!("{base}{}", file.trim_end_matches(".md"))
}

/// Documentation of a field: its description, then what the generator enforces.
pub fn field_doc(field: &Field) -> Doc {
    let mut doc = Doc::new();
    for line in &field.docs {
        doc.text(line);
    }
    if doc.is_empty() {
        doc.markdown(format!("The `{}` field.", field.name));
    }
    let mut facts: Vec<String> = Vec::new();
    facts.push(format!("Wire name: `{}`.", field.name));
    if field.required {
        facts.push("Required.".into());
    }
    let mentions_default = field
        .docs
        .iter()
        .any(|d| d.to_ascii_lowercase().contains("default") || d.contains("默认"));
    if let Some(default) = &field.default
        && !mentions_default
    {
        facts.push(format!("Default: `{default}`."));
    }
    let each = matches!(field.ty, zec_spec::ir::TypeRef::Array(_));
    for c in &field.constraints {
        match c {
            Constraint::Range { .. } if each => {
                facts.push(format!("Each item: {}", constraint_text(c)))
            }
            _ => facts.push(constraint_text(c)),
        }
    }
    if field.deprecated {
        facts.push("Deprecated in the API docs.".into());
    }
    doc.markdown(facts.join(" "));
    doc
}

/// A constraint in words, as checked by `validate()`.
pub fn constraint_text(c: &Constraint) -> String {
    let num = |v: f64| {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            format!("{}", v as i64)
        } else {
            format!("{v}")
        }
    };
    match c {
        Constraint::Range {
            min: Some(a),
            max: Some(b),
        } => {
            format!("Range: {} to {}.", num(*a), num(*b))
        }
        Constraint::Range {
            min: Some(a),
            max: None,
        } => format!("At least {}.", num(*a)),
        Constraint::Range {
            min: None,
            max: Some(b),
        } => format!("At most {}.", num(*b)),
        Constraint::Range { .. } => String::new(),
        Constraint::Length {
            min: Some(a),
            max: Some(b),
        } => {
            format!("Length: {a} to {b} characters.")
        }
        Constraint::Length {
            min: Some(a),
            max: None,
        } => format!("At least {a} characters."),
        Constraint::Length {
            min: None,
            max: Some(b),
        } => format!("At most {b} characters."),
        Constraint::Length { .. } => String::new(),
        Constraint::MaxItems { max } => format!("At most {max} items."),
        Constraint::AllowedValues { values } => {
            let list: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            format!("One of {}.", list.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_code_and_escapes_markup() {
        assert_eq!(escape("Value range: [1, 100]"), "Value range: \\[1, 100\\]");
        assert_eq!(
            escape("Use `a[0]` and <eipId>"),
            "Use `a[0]` and \\<eipId\\>"
        );
        assert_eq!(
            escape("See https://x.example/a."),
            "See <https://x.example/a>."
        );
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("odd ` tick"), "odd \\` tick");
        assert_eq!(escape("```json"), "'''json");
    }

    #[test]
    fn tokens_are_one_attribute_per_line() {
        let mut d = Doc::new();
        d.text("First.").list("Notes", &["a".into(), "b".into()]);
        let s = d.tokens().to_string();
        assert_eq!(s.matches("doc").count(), 6, "{s}");
    }
}
