//! The labelled corpus of constraint-like sentences: every such sentence of `spec/`, of the
//! Chinese reference pages and of the official CLI definitions' text, each labelled by hand
//! with the facts it states that the IR can hold (see `tests/prose-corpus/README.md`).
//!
//! The test reads each sentence with zec-spec's prose reader and compares: every fact the
//! reader makes must be in the label (precision must be 100%: a wrong fact becomes a check
//! that refuses valid requests), and it prints how many labelled facts the reader makes
//! (recall). A constraint-like sentence without a label, or a label whose sentence is gone,
//! fails the test. The reference's sentences are not copied here: their labels name them by
//! a hash of their text.

#[path = "prose_corpus/published.rs"]
mod published;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use zec_spec::ir::{Api, Shape, SourceRef, TypeRef};
use zec_spec::prose::{self, Context};

/// One sentence to judge, where it is, and what it is about.
struct Unit {
    /// The corpus file its label lives in (`spec`, `docs-cn`, `cli-en`, `cli-zh`).
    corpus: &'static str,
    /// Page or definition file, and the field or `-` for a note.
    location: String,
    /// The sentence, as the reader splits it.
    sentence: String,
    /// The field or note it belongs to.
    context: Context,
    /// The whole text the sentence is part of, for whoever labels it.
    text: String,
    /// What the reader makes of it.
    facts: Vec<String>,
}

impl Unit {
    /// How the label names the sentence: the text itself for our own pages, a hash of it for
    /// the reference's.
    fn key(&self) -> String {
        if self.corpus == "spec" {
            self.sentence.clone()
        } else {
            format!("#{:016x}", fnv1a(&self.sentence))
        }
    }
}

/// FNV-1a, 64 bits: a stable name for a sentence that does not repeat it.
fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

fn source() -> SourceRef {
    SourceRef {
        file: String::new(),
        line: 0,
    }
}

/// Units of a text: its sentences that look like a constraint or that the reader gets a fact
/// from.
fn units_of(
    corpus: &'static str,
    location: String,
    text: &str,
    context: Context,
    out: &mut Vec<Unit>,
) {
    if text.trim().is_empty() || (context.field.is_none() && prose::is_async_note(text)) {
        return;
    }
    for reading in prose::read(text, &context) {
        if prose::is_constraint_like(&reading.sentence) || !reading.facts.is_empty() {
            out.push(Unit {
                corpus,
                location: location.clone(),
                sentence: reading.sentence,
                context: context.clone(),
                text: text.to_string(),
                facts: reading.facts.iter().map(ToString::to_string).collect(),
            });
        }
    }
}

/// Units of a loaded tree of pages: request, response and structure fields, and notes.
fn units_of_api(corpus: &'static str, api: &Api, out: &mut Vec<Unit>) {
    for action in api.actions() {
        let page = &action.source.file;
        let request: Vec<String> = action.request.iter().map(|f| f.name.clone()).collect();
        let response: Vec<String> = action.response.iter().map(|f| f.name.clone()).collect();
        for (fields, names) in [(&action.request, &request), (&action.response, &response)] {
            for f in fields {
                let ctx = Context::field(&f.name, &f.ty, names, source());
                units_of(
                    corpus,
                    format!("{page}#{}", f.name),
                    &f.docs.join("\n"),
                    ctx,
                    out,
                );
            }
        }
        for paragraph in action.docs.iter().chain(&action.notes) {
            let ctx = Context::note(&request, source());
            units_of(corpus, format!("{page}#-"), paragraph, ctx, out);
        }
    }
    for def in api.types() {
        if let Shape::Struct { fields } = &def.shape {
            let names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
            for f in fields {
                let ctx = Context::field(&f.name, &f.ty, &names, source());
                let location = format!("{}#{}.{}", def.source.file, def.name, f.name);
                units_of(corpus, location, &f.docs.join("\n"), ctx, out);
            }
        }
    }
}

/// The IR's type for a CLI parameter type.
fn cli_type(p: &Value) -> TypeRef {
    let name = p["sdk-field"].as_str().or(p["name"].as_str()).unwrap_or("");
    let named = || TypeRef::Named(name.to_string());
    match p["type"].as_str().unwrap_or("") {
        "string" => TypeRef::String,
        "integer" => TypeRef::Integer,
        "float" => TypeRef::Float,
        "boolean" => TypeRef::Boolean,
        "string-array" => TypeRef::Array(Box::new(TypeRef::String)),
        "integer-array" => TypeRef::Array(Box::new(TypeRef::Integer)),
        "object-array" => TypeRef::Array(Box::new(named())),
        _ => named(),
    }
}

/// Units of the CLI's definitions in one language: the long description's lines as notes, and
/// every parameter's description, nested ones included.
fn units_of_cli(corpus: &'static str, dir: &Path, out: &mut Vec<Unit>) {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let def: Value = serde_yaml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let params = def["parameters"].as_array().cloned().unwrap_or_default();
        let wires: Vec<String> = params
            .iter()
            .filter_map(|p| p["sdk-field"].as_str().map(str::to_string))
            .collect();
        for line in def["long"].as_str().unwrap_or("").lines() {
            let line = line.trim().trim_start_matches(['*', ' ']);
            units_of(
                corpus,
                format!("{name}#-"),
                line,
                Context::note(&wires, source()),
                out,
            );
        }
        cli_params(corpus, &name, "", &params, out);
    }
}

fn cli_params(
    corpus: &'static str,
    file: &str,
    prefix: &str,
    params: &[Value],
    out: &mut Vec<Unit>,
) {
    let names: Vec<String> = params
        .iter()
        .filter_map(|p| {
            p["sdk-field"]
                .as_str()
                .or(p["name"].as_str())
                .map(str::to_string)
        })
        .collect();
    for p in params {
        let wire = p["sdk-field"].as_str().or(p["name"].as_str()).unwrap_or("");
        let ctx = Context::field(wire, &cli_type(p), &names, source());
        let text = p["description"].as_str().unwrap_or("");
        units_of(corpus, format!("{file}#{prefix}{wire}"), text, ctx, out);
        for (key, mark) in [("object-schema", "."), ("item-schema", "[].")] {
            if let Some(nested) = p[key].as_array() {
                cli_params(corpus, file, &format!("{prefix}{wire}{mark}"), nested, out);
            }
        }
    }
}

/// The IR's type for a Java type of the Java SDK's models.
fn java_type(java: &str) -> TypeRef {
    let java = java.trim();
    if let Some(inner) = java.strip_prefix("List<").and_then(|r| r.strip_suffix('>')) {
        return TypeRef::Array(Box::new(java_type(inner)));
    }
    match java {
        "String" => TypeRef::String,
        "Integer" => TypeRef::Integer,
        "Long" => TypeRef::Long,
        "Float" => TypeRef::Float,
        "Double" => TypeRef::Double,
        "Boolean" => TypeRef::Boolean,
        "BigDecimal" => TypeRef::BigDecimal,
        "Object" => TypeRef::Object,
        j if j.starts_with("Map<") => TypeRef::Object,
        class => TypeRef::Named(class.to_string()),
    }
}

/// Units of the Java SDK's models: every member's doc comment (the Chinese doc text the SDK
/// was generated from), with the member's Java type and its class's other members.
fn units_of_java(corpus: &'static str, path: &Path, out: &mut Vec<Unit>) {
    let models: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for (product, p) in models["products"].as_object().into_iter().flatten() {
        for (class, c) in p["classes"].as_object().into_iter().flatten() {
            let fields = c["fields"].as_array().cloned().unwrap_or_default();
            let names: Vec<String> = fields
                .iter()
                .filter_map(|f| f["name"].as_str().map(str::to_string))
                .collect();
            for f in &fields {
                let name = f["name"].as_str().unwrap_or_default();
                let ty = java_type(f["java_type"].as_str().unwrap_or("String"));
                let ctx = Context::field(name, &ty, &names, source());
                let text = f["doc"].as_str().unwrap_or_default();
                units_of(corpus, format!("{product}/{class}#{name}"), text, ctx, out);
            }
        }
    }
}

/// Units of the stored copies of the published English pages in `dir` (see [`published`]):
/// every request parameter's description, with the page's other parameters.
fn units_of_published(corpus: &'static str, dir: &Path, out: &mut Vec<Unit>) {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let Some(page) = published::read(&text) else {
            eprintln!("{}: no request parameters found; left out", file.display());
            continue;
        };
        let address = page
            .url
            .split_once("api-reference/")
            .map_or(page.url.as_str(), |(_, path)| path);
        let names: Vec<String> = page.params.iter().map(|p| p.name.clone()).collect();
        for p in &page.params {
            let ctx = Context::field(&p.name, &p.ty, &names, source());
            let location = format!("{address}#{}", p.name);
            units_of(corpus, location, &p.description, ctx, out);
        }
    }
}

/// Labels of one corpus file: (location, key) → facts.
fn read_labels(path: &Path) -> BTreeMap<(String, String), BTreeSet<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [location, key, facts] = cols[..] else {
            panic!(
                "{}:{}: expected three tab-separated columns",
                path.display(),
                n + 1
            );
        };
        let facts: BTreeSet<String> = facts
            .split(" ; ")
            .map(str::trim)
            .filter(|f| *f != "none" && !f.is_empty())
            .map(str::to_string)
            .collect();
        out.insert((location.to_string(), key.to_string()), facts);
    }
    out
}

/// Per corpus: the fewest sentences its source must yield, the fewest facts the reader must
/// make right in them (what it made when the floor was last raised), and the lowest recall in
/// percent. A reader that stops reading, a source that yields nothing or a template that loses
/// a single fact fails, instead of scoring 100% on nothing. When the reader learns more, raise
/// the floor; lower it only for a loss that is meant (sentences a new page no longer has).
const FLOORS: [(&str, usize, usize, f64); 6] = [
    ("spec", 1100, 798, 99.0),
    ("docs-cn", 255, 113, 90.0),
    ("cli-en", 700, 306, 90.0),
    ("cli-zh", 520, 203, 90.0),
    ("java", 1000, 481, 90.0),
    ("published-en", 310, 211, 90.0),
];

/// Every unit of every source that is present, and the corpora those sources are (whether or
/// not they yielded a sentence).
fn all_units() -> (Vec<Unit>, Vec<&'static str>) {
    let mut units = Vec::new();
    let mut corpora = vec!["spec"];
    let spec = zec_spec::load_dir(&zec_tests::workspace().join("spec"));
    units_of_api("spec", &spec.api, &mut units);
    if let Some(reference) = zec_tests::reference() {
        corpora.extend(["docs-cn", "cli-en", "cli-zh", "java"]);
        let cn = zec_spec::load_dir(&reference.join("docs-cn"));
        units_of_api("docs-cn", &cn.api, &mut units);
        units_of_cli(
            "cli-en",
            &reference.join("zenlayer-cli/en-US/zec"),
            &mut units,
        );
        units_of_cli(
            "cli-zh",
            &reference.join("zenlayer-cli/zh-CN/zec"),
            &mut units,
        );
        units_of_java(
            "java",
            &reference.join("zenlayer-java-sdk-0.6.85-models.json"),
            &mut units,
        );
    }
    // Zenlayer's published pages are not in the reference: a maintainer keeps stored copies
    // outside the project and names the folder.
    match std::env::var_os("ZEC_PUBLISHED_PAGES") {
        Some(dir) => {
            corpora.push("published-en");
            units_of_published("published-en", Path::new(&dir), &mut units)
        }
        None => eprintln!(
            "ZEC_PUBLISHED_PAGES is not set: the published English pages' sentences are not read"
        ),
    }
    (units, corpora)
}

#[test]
fn the_reader_makes_only_labelled_facts() {
    let dir = zec_tests::workspace().join("tests/prose-corpus");
    let (units, corpora) = all_units();
    if let Some(out) = std::env::var_os("ZEC_CORPUS_DUMP") {
        dump(&units, Path::new(&out));
    }
    // Every label file of a source that is present, read before any sentence: when a source
    // yields nothing, its labels all count as matching no sentence.
    let labels: BTreeMap<&str, BTreeMap<(String, String), BTreeSet<String>>> = corpora
        .iter()
        .map(|c| (*c, read_labels(&dir.join(format!("{c}.tsv")))))
        .collect();
    let mut problems = Vec::new();
    let (mut made, mut right, mut stated) = (0usize, 0usize, 0usize);
    let mut used: BTreeSet<(&str, String, String)> = BTreeSet::new();
    let mut per_corpus: BTreeMap<&str, (usize, usize, usize, usize)> =
        corpora.iter().map(|c| (*c, (0, 0, 0, 0))).collect();
    // Facts made right and facts stated, on real sentences (not ours), by language and by
    // product.
    let mut per_language: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut per_product: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut missed: Vec<Value> = Vec::new();
    for unit in &units {
        let Some(file) = labels.get(unit.corpus) else {
            problems.push(format!("{}: no label file was read", unit.corpus));
            continue;
        };
        let key = (unit.location.clone(), unit.key());
        let Some(want) = file.get(&key) else {
            problems.push(format!(
                "{}: {}: no label for {:?}",
                unit.corpus, unit.location, unit.sentence
            ));
            continue;
        };
        used.insert((unit.corpus, key.0.clone(), key.1.clone()));
        let got: BTreeSet<String> = unit.facts.iter().cloned().collect();
        let product = product_of(unit);
        let (made_right, stated_here) =
            (got.iter().filter(|f| want.contains(*f)).count(), want.len());
        if unit.corpus != "spec" {
            let lang = per_language.entry(language_of(unit.corpus)).or_default();
            lang.0 += made_right;
            lang.1 += stated_here;
            let prod = per_product.entry(product).or_default();
            prod.0 += made_right;
            prod.1 += stated_here;
        }
        let stats = per_corpus.entry(unit.corpus).or_default();
        stats.0 += 1;
        for fact in &got {
            made += 1;
            stats.1 += 1;
            if want.contains(fact) {
                right += 1;
                stats.2 += 1;
            } else {
                problems.push(format!(
                    "{}: {}: {:?} gives `{fact}`, which its label ({}) does not state",
                    unit.corpus,
                    unit.location,
                    unit.sentence,
                    if want.is_empty() {
                        "none".to_string()
                    } else {
                        want.iter().cloned().collect::<Vec<_>>().join(" ; ")
                    }
                ));
            }
        }
        stated += want.len();
        stats.3 += want.len();
        if want.iter().any(|f| !got.contains(f)) {
            missed.push(serde_json::json!({
                "corpus": unit.corpus,
                "location": unit.location,
                "sentence": unit.sentence,
                "type": unit.context.field.as_ref().map(|(_, t)| t.to_string()),
                "label": want,
                "made": got,
            }));
        }
    }
    // For whoever teaches the reader a new phrasing: the sentences whose stated facts it
    // does not make yet (`ZEC_CORPUS_MISSED=/tmp/missed.jsonl`).
    if let Some(path) = std::env::var_os("ZEC_CORPUS_MISSED") {
        let lines: Vec<String> = missed.iter().map(|m| m.to_string()).collect();
        std::fs::write(path, lines.join("\n") + "\n").unwrap();
    }
    for (corpus, file) in &labels {
        for (location, key) in file.keys() {
            if !used.contains(&(*corpus, location.clone(), key.clone())) {
                problems.push(format!(
                    "{corpus}.tsv: the label for {location} {key:?} matches no sentence; remove it"
                ));
            }
        }
    }
    let pct = |a: usize, b: usize| {
        if b == 0 {
            100.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    for (corpus, (n, made, right, stated)) in &per_corpus {
        eprintln!("{corpus}: {n} sentences; {made} facts made, {right} right; {stated} stated");
        let Some(&(_, min_sentences, min_right, min_recall)) =
            FLOORS.iter().find(|f| f.0 == *corpus)
        else {
            problems.push(format!("{corpus}: no floor is set for this corpus"));
            continue;
        };
        if *n < min_sentences {
            problems.push(format!(
                "{corpus}: {n} sentences read, fewer than {min_sentences}: the reader or its source lost some"
            ));
        }
        if *right < min_right {
            problems.push(format!(
                "{corpus}: {right} facts made right, fewer than the {min_right} made before: a \
                 template lost some, or the source did"
            ));
        }
        // Nothing stated is no measure of recall: it fails like a low one.
        let recall = if *stated == 0 {
            0.0
        } else {
            pct(*right, *stated)
        };
        if recall < min_recall {
            problems.push(format!(
                "{corpus}: recall {recall:.1}% ({right} of {stated} facts stated), under its floor of {min_recall}%"
            ));
        }
    }
    eprintln!(
        "{} sentences: precision {:.1}% ({right} of {made} facts made are right), recall {:.1}% ({right} of {stated} facts stated are made)",
        units.len(),
        pct(right, made),
        pct(right, stated)
    );
    for (product, (right, stated)) in &per_product {
        eprintln!(
            "  {product}: recall {:.1}% ({right} of {stated})",
            pct(*right, *stated)
        );
    }
    for (language, (right, stated)) in &per_language {
        eprintln!(
            "{language}, real sentences: recall {:.1}% ({right} of {stated} facts stated are made)",
            pct(*right, *stated)
        );
        // The reader must make nine in ten of the facts real pages state, in each language.
        if *stated == 0 || pct(*right, *stated) < 90.0 {
            problems.push(format!(
                "{language}: recall {:.1}% on real sentences is under 90%",
                pct(*right, *stated)
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The language of a corpus's sentences.
fn language_of(corpus: &str) -> &'static str {
    match corpus {
        "cli-zh" | "docs-cn" | "java" => "Chinese",
        _ => "English",
    }
}

/// The product (service) a unit belongs to, from where it is: a page's folder, a Java
/// package, or the CLI (which covers ZEC).
fn product_of(unit: &Unit) -> String {
    let path = unit.location.split('#').next().unwrap_or_default();
    let parts: Vec<&str> = path.split('/').collect();
    let first = parts.first().copied().unwrap_or_default();
    let product = match unit.corpus {
        "cli-en" | "cli-zh" => "zec",
        "java" => first,
        // Published addresses: `compute/zec/…`, or the older `zec/…`, `bare-metal-cloud/…`.
        _ => match first {
            "compute" | "networking" | "platform-service" | "security" => {
                parts.get(1).copied().unwrap_or_default()
            }
            "bare-metal-cloud" => "bmc",
            "cloud-networking" => "sdn",
            "lb" => "zlb",
            "audit-logs" => "zls",
            "user-center" => "user",
            other => other,
        },
    };
    product.to_string()
}

/// Write the units as JSON lines, for whoever labels new sentences: where each is, its field
/// and type, the fields it may name, the whole text, and the key its label needs.
fn dump(units: &[Unit], path: &Path) {
    let lines: Vec<String> = units
        .iter()
        .map(|u| {
            serde_json::json!({
                "corpus": u.corpus,
                "location": u.location,
                "key": u.key(),
                "field": u.context.field.as_ref().map(|(n, _)| n.clone()),
                "type": u.context.field.as_ref().map(|(_, t)| t.to_string()),
                "fields": u.context.fields,
                "sentence": u.sentence,
                "text": u.text,
            })
            .to_string()
        })
        .collect();
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}
