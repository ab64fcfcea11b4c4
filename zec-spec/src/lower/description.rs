//! The description section: paragraphs become the action's docs, `{% hint %}` items its notes,
//! and both are read for rules over the request's fields and for asynchronous behaviour.

use super::Page;
use crate::diag::{Kind, Pos, Severity};
use crate::ir::{Action, Rule};
use crate::markdown::Block;
use crate::prose::{self, Context, Fact};

/// Labels that introduce notes and are not notes themselves.
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

fn is_label(s: &str) -> bool {
    let s = s.trim_matches(|c: char| c == '*' || c == ':' || c == '：' || c.is_whitespace());
    LABELS.contains(&s.to_ascii_lowercase().as_str())
}

/// A paragraph or note of the description.
struct Paragraph {
    text: String,
    in_hint: bool,
    pos: Pos,
}

/// Read the description into `action` (docs, notes, summary, waiter); returns the rules its
/// sentences state.
pub(super) fn read(page: &mut Page<'_>, action: &mut Action, body: &[&Block]) -> Vec<Rule> {
    let request_names: Vec<String> = action.request.iter().map(|f| f.name.clone()).collect();
    let mut rules = Vec::new();
    for p in paragraphs(body) {
        if p.in_hint {
            action.notes.push(p.text.clone());
        } else {
            action.docs.push(p.text.clone());
        }
        let source = page.source(p.pos.line);
        if prose::is_async_note(&p.text) {
            match prose::read_waiter(&p.text, source) {
                Some(w) => action.waiter = Some(w),
                None => page.with_hint(
                    p.pos,
                    Severity::Warning,
                    Kind::UnrecognisedProse,
                    "the action is asynchronous, but the note does not say which action to poll and which state means done",
                    "name the action to poll and give the states as `FROM` to `TO`",
                ),
            }
            // The note describes polling, not a constraint.
            continue;
        }
        let ctx = Context::note(&request_names, source);
        for reading in prose::read(&p.text, &ctx) {
            page.diags
                .count_prose(&page.info.file, reading.facts.len(), reading.lint.is_some());
            for fact in reading.facts {
                if let Fact::Rule(rule) = fact {
                    rules.push(rule);
                }
            }
            if let Some(message) = reading.lint {
                page.lint(p.pos.line, &reading.sentence, message);
            }
        }
    }
    action.summary = action
        .docs
        .first()
        .and_then(|d| prose::sentences(d).into_iter().next())
        .unwrap_or_default();
    rules
}

/// Paragraphs and hint items, a nested list item joined to the item above it; headings inside
/// the description ("Preparation") are kept as paragraphs, labels are dropped.
fn paragraphs(body: &[&Block]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
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
                match out.last_mut() {
                    Some(last) if *list_depth > 1 && last.in_hint == *in_hint => {
                        last.text.push_str("\n- ");
                        last.text.push_str(&one);
                    }
                    _ => out.push(Paragraph {
                        text: one,
                        in_hint: *in_hint,
                        pos: *pos,
                    }),
                }
            }
            Block::Heading { text, pos, .. } => {
                let line = text.one_line();
                if !is_label(&line) {
                    out.push(Paragraph {
                        text: line,
                        in_hint: false,
                        pos: *pos,
                    });
                }
            }
            _ => {}
        }
    }
    out
}
