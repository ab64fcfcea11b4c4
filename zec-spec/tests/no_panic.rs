//! No input makes the loader panic: arbitrary bytes, and real pages with random damage.
//!
//! The longer-running counterpart is the cargo-fuzz target in `zec-spec/fuzz`.

use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;
use zec_spec::load_pages;

/// Real pages to damage: `spec/`, plus the reference corpus when it is present.
fn real_pages() -> &'static [String] {
    static PAGES: OnceLock<Vec<String>> = OnceLock::new();
    PAGES.get_or_init(read_real_pages)
}

fn read_real_pages() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = Vec::new();
    for dir in [
        root.join("../spec"),
        root.join("../../shared/reference/docs-cn"),
    ] {
        collect(&dir, &mut pages);
    }
    pages.sort();
    pages
}

fn collect(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "md")
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            out.push(text);
        }
    }
}

/// One piece of damage to a page.
#[derive(Debug, Clone)]
enum Damage {
    /// Remove a byte range.
    Cut(usize, usize),
    /// Insert Markdown-significant text.
    Insert(usize, &'static str),
    /// Duplicate a range.
    Repeat(usize, usize),
    /// Cut the page short.
    Truncate(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    const SNIPPETS: &[&str] = &[
        "|",
        "||",
        "\n",
        "\n|---|\n",
        "<p>",
        "</p>",
        "<a href=\"#x\">",
        "</a>",
        "`",
        "```",
        "#",
        "\n# X\n",
        "\n## 2. Input Parameters\n",
        "{% hint %}",
        "{% endhint %}",
        "&#x",
        "\\",
        "[",
        "](",
        "Array of ",
        "<pre>",
        "---\n",
        "**",
        "\u{3000}",
        "：",
        "é",
        "\r\n",
    ];
    prop_oneof![
        (any::<usize>(), 0usize..200).prop_map(|(a, n)| Damage::Cut(a, n)),
        (any::<usize>(), prop::sample::select(SNIPPETS)).prop_map(|(a, s)| Damage::Insert(a, s)),
        (any::<usize>(), 0usize..400).prop_map(|(a, n)| Damage::Repeat(a, n)),
        any::<usize>().prop_map(Damage::Truncate),
    ]
}

/// Apply damage at byte positions, moved back to a character boundary.
fn apply(page: &str, damages: &[Damage]) -> String {
    let mut s = page.to_string();
    let boundary = |s: &str, mut i: usize| {
        i = i.min(s.len());
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    for d in damages {
        if s.is_empty() {
            break;
        }
        match *d {
            Damage::Cut(at, n) => {
                let a = boundary(&s, at % s.len());
                let b = boundary(&s, a + n);
                s.replace_range(a..b, "");
            }
            Damage::Insert(at, text) => {
                let a = boundary(&s, at % s.len());
                s.insert_str(a, text);
            }
            Damage::Repeat(at, n) => {
                let a = boundary(&s, at % s.len());
                let b = boundary(&s, a + n);
                let piece = s[a..b].to_string();
                s.insert_str(b, &piece);
            }
            Damage::Truncate(at) => {
                let a = boundary(&s, at % s.len());
                s.truncate(a);
            }
        }
    }
    s
}

fn load_one(text: String) {
    let loaded = load_pages(&[
        ("compute/zec/group/page.md".to_string(), text.clone()),
        ("compute/zec/datastructure.md".to_string(), text),
    ]);
    // Whatever was read serialises, and every diagnostic renders.
    serde_json::to_string(&loaded.api).expect("IR serialises");
    for d in &loaded.diagnostics {
        assert!(!d.to_string().is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        load_one(String::from_utf8_lossy(&bytes).into_owned());
    }

    #[test]
    fn damaged_real_pages_never_panic(
        index in any::<prop::sample::Index>(),
        damages in prop::collection::vec(damage(), 1..8),
    ) {
        let pages = real_pages();
        prop_assume!(!pages.is_empty());
        let page = &pages[index.index(pages.len())];
        load_one(apply(page, &damages));
    }
}
