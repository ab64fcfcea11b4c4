//! Arbitrary bytes as doc pages: the loader must never panic.
//!
//! The input is split at NUL bytes into several pages placed in a small tree (an action page,
//! a data-structure page, a common error codes page), so that cross-page resolution runs too.
//! Seed the corpus with real pages: `cp ../../spec/**/*.md corpus/load_pages/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

const PLACES: &[&str] = &[
    "compute/zec/group/action.md",
    "compute/zec/datastructure.md",
    "api-introduction/instruction/commonerrorcode.md",
    "compute/zec/group/other.md",
];

fuzz_target!(|data: &[u8]| {
    let pages: Vec<(String, String)> = data
        .split(|b| *b == 0)
        .zip(PLACES)
        .map(|(bytes, place)| (place.to_string(), String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    let loaded = zec_spec::load_pages(&pages);
    // The IR of whatever was read must always serialise; a failure here is a finding.
    serde_json::to_string(&loaded.api).expect("the IR serialises");
    for d in &loaded.diagnostics {
        let _ = d.to_string();
    }
});
