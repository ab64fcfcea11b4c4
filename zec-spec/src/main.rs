//! `zec-spec`: check a spec tree, print its IR, or show what changed between two trees.

use std::path::Path;
use std::process::ExitCode;
use zec_spec::diag::Severity;
use zec_spec::{diff, load_dir};

const USAGE: &str = "usage:
  zec-spec check <DIR>            diagnostics on stderr; exit 1 on errors
  zec-spec ir <DIR>               the IR as JSON on stdout; exit 1 on errors
  zec-spec diff <OLD_DIR> <NEW_DIR>   API changes between two trees; exit 1 if any is breaking";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["check", dir] => check(Path::new(dir)),
        ["ir", dir] => ir(Path::new(dir)),
        ["diff", old, new] => diff_dirs(Path::new(old), Path::new(new)),
        ["-h" | "--help" | "help"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
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
    let errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = loaded.diagnostics.len() - errors;
    eprintln!(
        "{}: {} pages, {} actions, {} types, {} common error codes; {errors} errors, {warnings} warnings ({} lints explained)",
        dir.display(),
        loaded.pages,
        loaded.api.actions.len(),
        loaded.api.types.len(),
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
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
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

fn diff_dirs(old: &Path, new: &Path) -> ExitCode {
    for dir in [old, new] {
        if let Err(code) = require_dir(dir) {
            return code;
        }
    }
    let before = load_dir(old);
    let after = load_dir(new);
    for (dir, loaded) in [(old, &before), (new, &after)] {
        let errors = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        if errors > 0 {
            eprintln!(
                "note: {} has {errors} errors; compared what could be read",
                dir.display()
            );
        }
    }
    let changes = diff::diff(&before.api, &after.api);
    print!("{}", diff::render(&changes));
    if changes.iter().any(|c| c.breaking) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
