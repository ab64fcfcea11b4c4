//! Diagnostics: what went wrong or was ignored, and exactly where.
//!
//! Like serde_derive's `Ctxt`, every stage pushes into one [`Diagnostics`] and keeps going, so a
//! maintainer sees every problem in a tree at once instead of one per build.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something the generator ignored or guessed; the bindings are still right.
    Warning,
    /// Something that would make the bindings wrong.
    Error,
}

/// What kind of problem a diagnostic reports; lets a build step summarise warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The file could not be read at all.
    Io,
    /// A page's structure is off: a missing section, a table without the expected columns.
    Structure,
    /// A table row is malformed: too few cells, a blank name, an unreadable flag.
    Row,
    /// A type cell could not be read or a type link resolves nowhere.
    Type,
    /// Two pages define the same thing.
    Duplicate,
    /// An example is not valid JSON or names another action.
    Example,
    /// A sentence looks like a constraint but no recogniser understood it.
    UnrecognisedProse,
}

impl Kind {
    /// Short stable name, shown in brackets after the message.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Io => "io",
            Kind::Structure => "structure",
            Kind::Row => "row",
            Kind::Type => "type",
            Kind::Duplicate => "duplicate",
            Kind::Example => "example",
            Kind::UnrecognisedProse => "unrecognised-prose",
        }
    }
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    /// File relative to the spec root.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
    /// How bad it is.
    pub severity: Severity,
    /// What kind of problem.
    pub kind: Kind,
    /// What is wrong.
    pub message: String,
    /// How to fix it, where that is not obvious.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The sentence a lint is about, so that a maintainer can explain it (see
    /// [`crate::load::EXPLAINED_LINTS`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

impl fmt::Display for Diagnostic {
    /// `file:line:col: severity: message [kind]`, then the hint on its own line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(
            f,
            "{}:{}:{}: {}: {} [{}]",
            self.file,
            self.line,
            self.col,
            sev,
            self.message,
            self.kind.as_str()
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// A position in a file, for building diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
}

/// How much of a page's constraint-like sentences the prose reader read.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ProseCount {
    /// Read whole: every fact they state became part of the IR.
    pub read: usize,
    /// Read in part: some facts were made, the rest is a lint.
    pub partly: usize,
    /// Not read at all: a lint, no fact.
    pub unread: usize,
}

impl ProseCount {
    /// Every constraint-like sentence counted.
    pub fn total(&self) -> usize {
        self.read + self.partly + self.unread
    }
}

/// Collects diagnostics from every stage, and per page how much of its prose was read.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    prose: std::collections::BTreeMap<String, ProseCount>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Record an error.
    pub fn error(&mut self, file: &str, pos: Pos, kind: Kind, message: impl Into<String>) {
        self.push(file, pos, Severity::Error, kind, message.into(), None);
    }

    /// Record a warning.
    pub fn warning(&mut self, file: &str, pos: Pos, kind: Kind, message: impl Into<String>) {
        self.push(file, pos, Severity::Warning, kind, message.into(), None);
    }

    /// Record a diagnostic with a hint.
    pub fn with_hint(
        &mut self,
        file: &str,
        pos: Pos,
        severity: Severity,
        kind: Kind,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(file, pos, severity, kind, message.into(), Some(hint.into()));
    }

    fn push(
        &mut self,
        file: &str,
        pos: Pos,
        severity: Severity,
        kind: Kind,
        message: String,
        hint: Option<String>,
    ) {
        self.items.push(Diagnostic {
            file: file.to_string(),
            line: pos.line,
            col: pos.col,
            severity,
            kind,
            message,
            hint,
            subject: None,
        });
    }

    /// Record that a sentence that looks like a constraint was not (wholly) understood;
    /// `message` says what was left unread.
    pub fn lint(&mut self, file: &str, pos: Pos, sentence: &str, message: impl Into<String>) {
        self.with_hint(
            file,
            pos,
            Severity::Warning,
            Kind::UnrecognisedProse,
            message,
            "rephrase it in a form the generator reads (see zec-spec's prose recognisers), or explain it in explained-lints.tsv",
        );
        if let Some(last) = self.items.last_mut() {
            last.subject = Some(sentence.to_string());
        }
    }

    /// Keep only the diagnostics for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    /// Count one sentence of `file` that states constraints: `facts` made of it, and whether
    /// some of it was left unread.
    pub fn count_prose(&mut self, file: &str, facts: usize, left_unread: bool) {
        let count = self.prose.entry(file.to_string()).or_default();
        match (facts > 0, left_unread) {
            (true, false) => count.read += 1,
            (true, true) => count.partly += 1,
            (false, true) => count.unread += 1,
            (false, false) => {}
        }
    }

    /// The prose counts per page, taken out.
    pub fn take_prose(&mut self) -> std::collections::BTreeMap<String, ProseCount> {
        std::mem::take(&mut self.prose)
    }

    /// All diagnostics, sorted by file, line and column.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }

    /// All diagnostics in the order they were recorded.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// A collection holding these diagnostics.
    pub fn from_vec(items: Vec<Diagnostic>) -> Self {
        Diagnostics {
            items,
            prose: Default::default(),
        }
    }

    /// Add every diagnostic of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
}

/// Maps byte offsets of a file to line and column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Index the lines of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// Line and column of a byte offset in `text` (which must be the indexed text).
    pub fn pos(&self, text: &str, offset: usize) -> Pos {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        Pos {
            line: line as u32 + 1,
            col: col as u32 + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let text = "ab\n参数名称 x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.pos(text, 0), Pos { line: 1, col: 1 });
        assert_eq!(idx.pos(text, 3), Pos { line: 2, col: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(idx.pos(text, x), Pos { line: 2, col: 6 });
        // Past the end clamps instead of panicking.
        assert_eq!(idx.pos(text, 999).line, 3);
    }

    #[test]
    fn display_is_clickable() {
        let mut d = Diagnostics::new();
        d.error("a/b.md", Pos { line: 3, col: 7 }, Kind::Type, "bad type");
        let all = d.into_sorted();
        assert_eq!(all[0].to_string(), "a/b.md:3:7: error: bad type [type]");
    }
}
