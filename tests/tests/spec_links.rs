//! Links from one page of `spec/` to another ZEC page resolve to a page that is there, so the
//! docs generated from the pages never point nowhere.

use std::path::Path;

/// The `/api-reference/compute/zec/….md` targets linked from a page's text.
fn zec_links(text: &str) -> Vec<&str> {
    text.match_indices("](/api-reference/compute/zec/")
        .filter_map(|(at, _)| {
            let rest = &text[at + "](/api-reference/".len()..];
            let target = &rest[..rest.find([')', '#'])?];
            target.ends_with(".md").then_some(target)
        })
        .collect()
}

fn pages(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            pages(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

#[test]
fn links_between_pages_resolve() {
    let spec = zec_tests::workspace().join("spec");
    let mut files = Vec::new();
    pages(&spec, &mut files);
    let mut checked = 0;
    let mut broken = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for target in zec_links(&text) {
            checked += 1;
            if !spec.join(target).is_file() {
                broken.push(format!("{}: {target}", file.display()));
            }
        }
    }
    eprintln!("{checked} links checked in {} pages", files.len());
    assert!(checked > 0);
    assert!(
        broken.is_empty(),
        "links to no page:\n{}",
        broken.join("\n")
    );
}

#[test]
fn link_targets_are_read_without_anchors() {
    let text = "see [A](/api-reference/compute/zec/vnic/a.md) and \
                [T](/api-reference/compute/zec/datastructure.md#eipinfo) and [x](https://e.com)";
    assert_eq!(
        zec_links(text),
        ["compute/zec/vnic/a.md", "compute/zec/datastructure.md"]
    );
}
