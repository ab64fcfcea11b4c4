//! spec/ takes facts from the reference material, never its sentences (skipped when
//! `../shared/reference` is absent). Every sentence of the pages' prose is compared with the
//! reference's (the CLI definitions, the seed page, and every string of the additions file
//! that the pages of the newest SDK surface were written from): no sentence of five words or
//! more may be the same, and no run of seven words. Code spans are left out of the
//! comparison: names and values are facts.

use serde_json::Value;
use std::collections::BTreeSet;
use zec_spec::ir::Shape;

/// Lower-case words, without code spans, links' targets, HTML tags and Markdown marks.
fn words(text: &str) -> Vec<String> {
    let mut plain = String::with_capacity(text.len());
    let mut in_code = false;
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                plain.push(' ');
            }
            '<' if !in_code => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                plain.push(' ');
            }
            _ if in_code || in_tag => {}
            _ => plain.push(c.to_ascii_lowercase()),
        }
    }
    plain
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn sentences(text: &str) -> Vec<&str> {
    text.split(['\n', '。'])
        .flat_map(|line| line.split(". "))
        .filter(|s| !s.trim().is_empty())
        .collect()
}

#[derive(Default)]
struct Reference {
    sentences: BTreeSet<String>,
    runs: BTreeSet<String>,
}

impl Reference {
    fn add(&mut self, text: &str) {
        for sentence in sentences(text) {
            let w = words(sentence);
            if w.len() >= 5 {
                self.sentences.insert(w.join(" "));
            }
            for run in w.windows(7) {
                self.runs.insert(run.join(" "));
            }
        }
    }

    fn add_yaml(&mut self, value: &Value) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    match (key.as_str(), v) {
                        ("long" | "short" | "description" | "desc", Value::String(s)) => {
                            self.add(s)
                        }
                        _ => self.add_yaml(v),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| self.add_yaml(v)),
            _ => {}
        }
    }

    /// Every string in a JSON document (summaries, facts, meanings, notes).
    fn add_strings(&mut self, value: &Value) {
        match value {
            Value::String(s) => self.add(s),
            Value::Array(items) => items.iter().for_each(|v| self.add_strings(v)),
            Value::Object(map) => map.values().for_each(|v| self.add_strings(v)),
            _ => {}
        }
    }

    /// Why a sentence of ours is too close, if it is.
    fn copied(&self, sentence: &str) -> Option<String> {
        let w = words(sentence);
        if w.len() >= 5 && self.sentences.contains(&w.join(" ")) {
            return Some("the same sentence".into());
        }
        w.windows(7)
            .map(|run| run.join(" "))
            .find(|run| self.runs.contains(run))
            .map(|run| format!("seven words in a row: {run:?}"))
    }
}

#[test]
fn spec_prose_is_written_in_its_own_words() {
    let Some(reference) = zec_tests::reference() else {
        return;
    };
    let mut known = Reference::default();
    for definition in zec_tests::cli_definitions(&reference) {
        known.add_yaml(&definition);
    }
    known.add(&std::fs::read_to_string(reference.join("seed/associateeipaddress.md")).unwrap());
    let additions = reference.join("zec-2025-09-01-additions.json");
    let additions: Value =
        serde_json::from_str(&std::fs::read_to_string(&additions).unwrap()).unwrap();
    known.add_strings(&additions);

    let loaded = zec_spec::load_dir(&zec_tests::workspace().join("spec"));
    let api = &loaded.api;
    let mut prose: Vec<(String, &str)> = Vec::new();
    for action in api.actions() {
        let at = action.source.to_string();
        for text in action.docs.iter().chain(&action.notes) {
            prose.push((at.clone(), text));
        }
        for example in &action.examples {
            prose.push((example.source.to_string(), &example.title));
        }
        for field in action.request.iter().chain(&action.response) {
            for text in &field.docs {
                prose.push((field.source.to_string(), text));
            }
        }
        for error in &action.errors {
            prose.push((error.source.to_string(), &error.description));
        }
    }
    for def in api.types() {
        for text in &def.docs {
            prose.push((def.source.to_string(), text));
        }
        match &def.shape {
            Shape::Struct { fields } => {
                for field in fields {
                    for text in &field.docs {
                        prose.push((field.source.to_string(), text));
                    }
                }
            }
            Shape::Enum { values } => {
                for value in values {
                    prose.push((value.source.to_string(), &value.docs));
                }
            }
        }
    }
    let mut copied = Vec::new();
    for (at, text) in &prose {
        for sentence in sentences(text) {
            if let Some(why) = known.copied(sentence) {
                copied.push(format!("{at}: {why}: {sentence}"));
            }
        }
    }
    eprintln!(
        "compared {} pieces of prose with {} sentences and {} seven-word runs of the reference",
        prose.len(),
        known.sentences.len(),
        known.runs.len()
    );
    // A comparison with nothing on either side would find no copy.
    assert!(
        prose.len() >= 11_000 && known.sentences.len() >= 2_000,
        "too little compared: {} pieces of prose, {} reference sentences",
        prose.len(),
        known.sentences.len()
    );
    assert!(
        copied.is_empty(),
        "{} copied:\n{}",
        copied.len(),
        copied.join("\n")
    );
}

#[test]
fn the_comparison_catches_copies_and_spares_facts() {
    let mut known = Reference::default();
    known.add("Elastic IP IDs that failed to bind. Default value: FullNat.");
    assert!(known.copied("elastic IP IDs that failed to bind").is_some());
    assert!(
        known
            .copied("The IDs of the elastic IPs that could not be bound.")
            .is_none()
    );
    // Short fact sentences may match.
    assert!(known.copied("Default value: `FullNat`.").is_none());
    // Strings anywhere in a JSON document count.
    known.add_strings(
        &serde_json::json!({"a": [{"meaning": "Subnets that failed to delete in one batch"}]}),
    );
    assert!(
        known
            .copied("The subnets that failed to delete in one batch call.")
            .is_some()
    );
}
