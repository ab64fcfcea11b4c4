//! The changes between two trees as text (one per line, each naming its product), as a
//! Markdown changelog for release notes (a section per product, breaking changes first,
//! grouped by kind), or as JSON for tools.

use super::{Change, Kind};
use std::fmt::Write;

/// How `zec-spec diff` prints its changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One change per line, breaking ones marked, and a summary line.
    Text,
    /// A changelog to paste into a release note.
    Markdown,
    /// `{"changes": [...], "total": N, "breaking": M}`.
    Json,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "text" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            other => Err(format!(
                "unknown format {other:?}: expected text, markdown or json"
            )),
        }
    }
}

impl Format {
    /// The changes in this format.
    pub fn render(self, changes: &[Change]) -> String {
        match self {
            Format::Text => render(changes),
            Format::Markdown => render_markdown(changes),
            Format::Json => render_json(changes),
        }
    }
}

/// The changes as text, one per line, breaking ones marked, with a summary line.
pub fn render(changes: &[Change]) -> String {
    let mut out = String::new();
    for c in changes {
        let mark = if c.breaking { "  [breaking]" } else { "" };
        let product = if c.product.is_empty() {
            String::new()
        } else {
            format!("{}: ", c.product)
        };
        let _ = writeln!(out, "{product}{}: {}{mark}", c.subject, c.detail);
    }
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let _ = writeln!(out, "{} changes, {breaking} breaking", changes.len());
    out
}

/// The changes as a Markdown changelog: a section per product (the common error codes last),
/// in each breaking changes first, then the others, each part grouped by [`Kind`] in the order
/// the kinds are declared.
pub fn render_markdown(changes: &[Change]) -> String {
    let mut out = String::from("## API changes\n\n");
    if changes.is_empty() {
        out.push_str("No changes to the API.\n");
        return out;
    }
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let _ = writeln!(
        out,
        "{} in all, {}.",
        plural(changes.len(), "change"),
        match breaking {
            0 => "none of them breaking".to_string(),
            n => format!("{n} breaking"),
        }
    );
    // Products in the order `diff` found them, the common error codes (no product) last.
    let mut products: Vec<&str> = Vec::new();
    for c in changes {
        if !c.product.is_empty() && !products.contains(&c.product.as_str()) {
            products.push(&c.product);
        }
    }
    if changes.iter().any(|c| c.product.is_empty()) {
        products.push("");
    }
    for product in products {
        let in_product: Vec<&Change> = changes.iter().filter(|c| c.product == product).collect();
        let title = if product.is_empty() {
            "All products".to_string()
        } else {
            format!("`{product}`")
        };
        let count = in_product.iter().filter(|c| c.breaking).count();
        let _ = write!(
            out,
            "\n### {title}\n\n{}, {}.\n",
            plural(in_product.len(), "change"),
            match count {
                0 => "none breaking".to_string(),
                n => format!("{n} breaking"),
            }
        );
        for (part_title, want_breaking) in [("Breaking changes", true), ("Other changes", false)] {
            let mut part: Vec<&Change> = in_product
                .iter()
                .copied()
                .filter(|c| c.breaking == want_breaking)
                .collect();
            if part.is_empty() {
                continue;
            }
            // Stable: within a kind, the changes keep the order `diff` found them in.
            part.sort_by_key(|c| c.kind);
            let _ = write!(out, "\n#### {part_title}\n");
            let mut kind = None;
            for c in part {
                if kind != Some(c.kind) {
                    kind = Some(c.kind);
                    let _ = write!(out, "\n##### {}\n\n", heading(c.kind));
                }
                let _ = writeln!(out, "- {}", escape(&item(c)));
            }
        }
    }
    out
}

/// The changes as pretty JSON with counts.
pub fn render_json(changes: &[Change]) -> String {
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let value = serde_json::json!({
        "changes": changes,
        "total": changes.len(),
        "breaking": breaking,
    });
    // Serialising strings, booleans and numbers cannot fail.
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn heading(kind: Kind) -> &'static str {
    match kind {
        Kind::ProductRemoved => "Products removed",
        Kind::ProductAdded => "Products added",
        Kind::ProductVersion => "API versions",
        Kind::ActionRemoved => "Actions removed",
        Kind::ActionAdded => "Actions added",
        Kind::TypeRemoved => "Types removed",
        Kind::TypeAdded => "Types added",
        Kind::TypeReshaped => "Types changed between structure and enum",
        Kind::MemberRemoved => "Members removed",
        Kind::MemberAdded => "Members added",
        Kind::MemberRetyped => "Members retyped",
        Kind::Required => "Required flags",
        Kind::EnumValueRemoved => "Enum values removed",
        Kind::EnumValueAdded => "Enum values added",
        Kind::Deprecation => "Deprecations",
        Kind::Rule => "Rules",
        Kind::ErrorCode => "Error codes",
        Kind::Default => "Defaults",
        Kind::Constraint => "Constraints",
        Kind::Pagination => "Pagination",
        Kind::Waiter => "Waiters",
    }
}

/// One list item: the subject, and the detail unless the heading already says it.
fn item(c: &Change) -> String {
    let said_by_heading = matches!(
        (c.kind, c.detail.as_str()),
        (
            Kind::ProductRemoved
                | Kind::ActionRemoved
                | Kind::TypeRemoved
                | Kind::MemberRemoved
                | Kind::EnumValueRemoved,
            "removed"
        ) | (
            Kind::ActionAdded | Kind::TypeAdded | Kind::MemberAdded | Kind::EnumValueAdded,
            "added"
        )
    );
    if said_by_heading {
        c.subject.clone()
    } else {
        format!("{}: {}", c.subject, c.detail)
    }
}

/// Backslash-escape what Markdown would read as emphasis, code, links or HTML: wire names and
/// enum values may hold `_` or `*`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::diff;
    use crate::ir::Api;
    use crate::load_pages;

    const ACTION: &str = "# DoThing\n\n## 1. API Description\n\nDoes a thing.\n\n## 2. Input Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| a | Yes | String | A. |\n| b | No | Integer | B. |\n| mode | No | [Mode](../datastructure.md#mode) | M. |\n\n## 3. Output Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| requestId | String | Id. |\n| size | Integer | S. |\n";

    const OTHER: &str = "# OldThing\n\n## 1. API Description\n\nDoes an old thing.\n\n## 2. Input Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| x | No | String | X. |\n\n## 3. Output Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| requestId | String | Id. |\n";

    const TYPES: &str = "# Data Structures\n\n## Mode\n\nA mode.\n\n| Value | Description |\n|---|---|\n| FAST | Fast. |\n| SLOW | Slow. |\n";

    /// A tree of one product: the action pages given and the data-structure page.
    fn tree(pages: &[(&str, &str)], types: &str) -> Api {
        let mut all: Vec<(String, String)> = pages
            .iter()
            .map(|(file, text)| (format!("compute/zec/g/{file}"), text.to_string()))
            .collect();
        all.push(("compute/zec/datastructure.md".into(), types.into()));
        let loaded = load_pages(&all);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        loaded.api
    }

    /// Old: DoThing and OldThing. New: OldThing gone, NewThing added, DoThing's `a` retyped,
    /// `b` required and deprecated, a response member added and one removed, an enum value
    /// swapped for another.
    fn two_trees() -> Vec<Change> {
        let old = tree(&[("dothing.md", ACTION), ("oldthing.md", OTHER)], TYPES);
        let new_action = ACTION
            .replace("| a | Yes | String | A. |", "| a | Yes | Integer | A. |")
            .replace(
                "| b | No | Integer | B. |",
                "| [Deprecated] b | Yes | Integer | B. |",
            )
            .replace("| size | Integer | S. |", "| total_count | Integer | T. |");
        let new_other = OTHER.replace("OldThing", "NewThing");
        let new = tree(
            &[("dothing.md", &new_action), ("newthing.md", &new_other)],
            &TYPES.replace("| SLOW | Slow. |", "| EXTRA_SLOW | Slower. |"),
        );
        diff(&old, &new)
    }

    #[test]
    fn the_changelog_has_a_section_per_product_with_breaking_changes_first_grouped_by_kind() {
        let md = render_markdown(&two_trees());
        let expected = "## API changes

9 changes in all, 5 breaking.

### `zec`

9 changes, 5 breaking.

#### Breaking changes

##### Actions removed

- action OldThing

##### Members removed

- DoThing response field size

##### Members retyped

- DoThing request field a: type String → Integer

##### Required flags

- DoThing request field b: now required

##### Enum values removed

- type Mode value SLOW

#### Other changes

##### Actions added

- action NewThing

##### Members added

- DoThing response field total\\_count

##### Enum values added

- type Mode value EXTRA\\_SLOW

##### Deprecations

- DoThing request field b: deprecated
";
        assert_eq!(md, expected);
    }

    #[test]
    fn an_empty_changelog_says_so() {
        assert_eq!(
            render_markdown(&[]),
            "## API changes\n\nNo changes to the API.\n"
        );
    }

    #[test]
    fn json_lists_every_change_with_its_kind_and_the_counts() {
        let changes = two_trees();
        let json: serde_json::Value = serde_json::from_str(&render_json(&changes)).unwrap();
        assert_eq!(json["total"], 9);
        assert_eq!(json["breaking"], 5);
        let listed = json["changes"].as_array().unwrap();
        assert_eq!(listed.len(), changes.len());
        assert!(listed.iter().any(|c| c["kind"] == "member_retyped"
            && c["subject"] == "DoThing request field a"
            && c["detail"] == "type String → Integer"
            && c["breaking"] == true));
        assert!(
            listed
                .iter()
                .any(|c| c["kind"] == "enum_value_added" && c["breaking"] == false)
        );
    }

    #[test]
    fn text_marks_breaking_changes_and_counts_them() {
        let text = render(&two_trees());
        assert!(
            text.contains("action OldThing: removed  [breaking]\n"),
            "{text}"
        );
        assert!(text.contains("action NewThing: added\n"), "{text}");
        assert!(text.ends_with("9 changes, 5 breaking\n"), "{text}");
    }

    #[test]
    fn formats_parse_by_name() {
        assert_eq!("markdown".parse(), Ok(Format::Markdown));
        assert_eq!("json".parse(), Ok(Format::Json));
        assert_eq!("text".parse(), Ok(Format::Text));
        assert!("html".parse::<Format>().is_err());
    }

    #[test]
    fn markdown_specials_in_names_are_escaped() {
        assert_eq!(escape("a_b*c`d[e]<f>"), "a\\_b\\*c\\`d\\[e\\]\\<f\\>");
    }
}
