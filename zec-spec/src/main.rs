//! `zec-spec`: check a spec tree, print its IR, show what changed between two trees, or sync a
//! tree with the published docs.

use std::path::Path;
use std::process::ExitCode;
use zec_spec::diff::Format;
use zec_spec::{diff, load_dir};

const USAGE: &str = "usage:
  zec-spec check <DIR>            diagnostics on stderr; exit 1 on errors
  zec-spec ir <DIR>               the IR as JSON on stdout; exit 1 on errors
  zec-spec diff [--format text|markdown|json] <OLD_DIR> <NEW_DIR>
                                  API changes between two trees; exit 1 if any is breaking
  zec-spec sync [--from URL] [--lang en|cn] [--product zec,zlb,...] <OUT_DIR>
                                  fetch the published pages of the products into OUT_DIR (by
                                  default those OUT_DIR has, or zec); exit 1 on failure,
                                  leaving OUT_DIR as it was (URL: the docs index, by default
                                  https://docs.console.zenlayer.com/api-reference/llms.txt)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["check", dir] => check(Path::new(dir)),
        ["ir", dir] => ir(Path::new(dir)),
        ["diff", rest @ ..] => match Flags::parse(rest, &["--format"]) {
            Ok(flags) => match (
                flags.value("--format").unwrap_or("text").parse(),
                &flags.positional[..],
            ) {
                (Ok(format), [old, new]) => diff_dirs(Path::new(old), Path::new(new), format),
                (Err(e), _) => usage_error(&e),
                (Ok(_), _) => usage_error("diff takes two directories"),
            },
            Err(e) => usage_error(&e),
        },
        ["sync", rest @ ..] => match Flags::parse(rest, &["--from", "--lang", "--product"]) {
            Ok(flags) => sync(&flags),
            Err(e) => usage_error(&e),
        },
        ["-h" | "--help" | "help"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage_error(""),
    }
}

fn usage_error(message: &str) -> ExitCode {
    if !message.is_empty() {
        eprintln!("zec-spec: {message}");
    }
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

/// Options (`--name VALUE` or `--name=VALUE`) and positional arguments, in any order.
struct Flags<'a> {
    values: Vec<(&'static str, &'a str)>,
    positional: Vec<&'a str>,
}

impl<'a> Flags<'a> {
    fn parse(args: &[&'a str], known: &[&'static str]) -> Result<Flags<'a>, String> {
        let mut flags = Flags {
            values: Vec::new(),
            positional: Vec::new(),
        };
        let mut args = args.iter();
        while let Some(&arg) = args.next() {
            if !arg.starts_with("--") {
                flags.positional.push(arg);
                continue;
            }
            let (name, value) = match arg.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (arg, None),
            };
            let Some(&name) = known.iter().find(|k| **k == name) else {
                return Err(format!("unknown option {name}"));
            };
            let value = match value {
                Some(v) => v,
                None => *args.next().ok_or_else(|| format!("{name} needs a value"))?,
            };
            if flags.value(name).is_some() {
                return Err(format!("{name} given twice"));
            }
            flags.values.push((name, value));
        }
        Ok(flags)
    }

    fn value(&self, name: &str) -> Option<&'a str> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }
}

/// Refuse a path that is not a directory, instead of reporting an empty API.
fn require_dir(dir: &Path) -> Result<(), ExitCode> {
    if dir.is_dir() {
        Ok(())
    } else {
        eprintln!("zec-spec: {} is not a directory", dir.display());
        Err(ExitCode::from(2))
    }
}

fn check(dir: &Path) -> ExitCode {
    if let Err(code) = require_dir(dir) {
        return code;
    }
    let loaded = load_dir(dir);
    for d in &loaded.diagnostics {
        eprintln!("{}", with_root(dir, d));
    }
    let errors = loaded.error_count();
    let warnings = loaded.warning_count();
    // What the prose reader made of each page's constraint-like sentences: what a sync
    // cost in validation, at a glance.
    let mut total = zec_spec::diag::ProseCount::default();
    for (file, count) in &loaded.prose {
        if count.total() > 0 {
            eprintln!(
                "  {}: {} constraint-like sentences: {} read, {} partly read, {} not read",
                dir.join(file).display(),
                count.total(),
                count.read,
                count.partly,
                count.unread
            );
            total.read += count.read;
            total.partly += count.partly;
            total.unread += count.unread;
        }
    }
    eprintln!(
        "  prose: {} constraint-like sentences: {} read, {} partly read, {} not read",
        total.total(),
        total.read,
        total.partly,
        total.unread
    );
    for p in &loaded.api.products {
        eprintln!(
            "  {} ({}, API version {}, {}): {} actions, {} types",
            p.name,
            p.path,
            p.version.as_deref().unwrap_or("unknown"),
            p.endpoint_path,
            p.actions.len(),
            p.types.len()
        );
    }
    eprintln!(
        "{}: {} pages, {} products, {} actions, {} types, {} common error codes; {errors} errors, {warnings} warnings ({} lints explained)",
        dir.display(),
        loaded.pages,
        loaded.api.products.len(),
        loaded.api.actions().count(),
        loaded.api.types().count(),
        loaded.api.common_errors.len(),
        loaded.explained,
    );
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A diagnostic with its file joined to the root, so that terminals and editors can open it.
fn with_root(dir: &Path, d: &zec_spec::diag::Diagnostic) -> String {
    let mut d = d.clone();
    d.file = dir.join(&d.file).display().to_string();
    d.to_string()
}

fn ir(dir: &Path) -> ExitCode {
    if let Err(code) = require_dir(dir) {
        return code;
    }
    let loaded = load_dir(dir);
    match serde_json::to_string_pretty(&loaded.api) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("zec-spec: cannot serialise the IR: {e}");
            return ExitCode::FAILURE;
        }
    }
    let errors: Vec<_> = loaded.errors().collect();
    for d in &errors {
        eprintln!("{}", with_root(dir, d));
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("{} errors; the IR holds what could be read", errors.len());
        ExitCode::FAILURE
    }
}

fn diff_dirs(old: &Path, new: &Path, format: Format) -> ExitCode {
    for dir in [old, new] {
        if let Err(code) = require_dir(dir) {
            return code;
        }
    }
    let before = load_dir(old);
    let after = load_dir(new);
    for (dir, loaded) in [(old, &before), (new, &after)] {
        let errors = loaded.error_count();
        if errors > 0 {
            eprintln!(
                "note: {} has {errors} errors; compared what could be read",
                dir.display()
            );
        }
    }
    let changes = diff::diff(&before.api, &after.api);
    print!("{}", format.render(&changes));
    if changes.iter().any(|c| c.breaking) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(feature = "sync")]
fn sync(flags: &Flags) -> ExitCode {
    use zec_spec::sync::{self, DEFAULT_INDEX, Lang, Options, Url};
    let [out_dir] = flags.positional[..] else {
        return usage_error("sync takes one output directory");
    };
    let from = flags.value("--from").unwrap_or(DEFAULT_INDEX);
    let index = match Url::parse(from) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => url,
        Ok(_) => return usage_error(&format!("--from {from}: not an http or https URL")),
        Err(e) => return usage_error(&format!("--from {from}: {e}")),
    };
    let lang: Lang = match flags.value("--lang").unwrap_or("en").parse() {
        Ok(lang) => lang,
        Err(e) => return usage_error(&e),
    };
    let mut options = Options::new(index, lang, out_dir);
    options.products = flags
        .value("--product")
        .map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    match sync::sync(&options) {
        Ok(summary) => {
            for warning in &summary.warnings {
                eprintln!("warning: {warning}");
            }
            for (what, paths) in [
                ("added", &summary.added),
                ("changed", &summary.changed),
                ("removed", &summary.removed),
            ] {
                for path in paths {
                    println!("{what} {path}");
                }
            }
            println!("{out_dir}: {summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("zec-spec sync: {e}");
            eprintln!("{out_dir} was left as it was");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "sync"))]
fn sync(_: &Flags) -> ExitCode {
    eprintln!("zec-spec: this build has no `sync`; build zec-spec with its `sync` feature");
    ExitCode::from(2)
}
