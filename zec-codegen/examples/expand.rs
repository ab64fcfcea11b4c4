//! Print the code generated for a spec tree, formatted, to read it or measure it:
//! `cargo run -p zec-codegen --example expand -- spec > expanded.rs`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: expand <SPEC_DIR>");
        return ExitCode::from(2);
    };
    let loaded = zec_spec::load_dir(std::path::Path::new(&dir));
    if loaded.has_errors() {
        eprintln!("{dir} has errors; run `zec-spec check {dir}`");
        return ExitCode::FAILURE;
    }
    let options = zec_codegen::Options {
        root_product: Some("zec".into()),
        features: Vec::new(),
        ir_path: "zec-ir.json".into(),
    };
    let tokens = match zec_codegen::generate_api(&loaded.api, &options) {
        Ok(t) => t,
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            return ExitCode::FAILURE;
        }
    };
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => {
            print!("{}", prettyplease::unparse(&file));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("generated code does not parse: {e}");
            ExitCode::FAILURE
        }
    }
}
