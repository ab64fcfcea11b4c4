//! `zec-spec sync` against a docs site served from loopback by this test: the index, pages of
//! ZEC and of other products, validators, and faults on demand.
#![cfg(feature = "sync")]

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;
use tiny_http::{Header, Response, Server};
use zec_spec::sync::{Lang, Options, Summary, SyncError, Url, sync};

const ROOT: &str = "/api-reference";

fn action(name: &str, extra_field: &str) -> String {
    format!(
        "> For the complete documentation index, see [llms.txt]({ROOT}/llms.txt).\n\n\
         # {name}\n\n## 1. API Description\n\nDoes {name}.\n\n## 2. Input Parameters\n\n\
         | Parameter Name | Required | Type | Description |\n|---|---|---|---|\n\
         | a | Yes | String | A. |\n{extra_field}\n## 3. Output Parameters\n\n\
         | Parameter Name | Type | Description |\n|---|---|---|\n| requestId | String | Id. |\n"
    )
}

const TYPES: &str = "# Data Structures\n\n## Mode\n\nA mode.\n\n| Value | Description |\n|---|---|\n| FAST | Fast. |\n";
const ERRORS: &str = "# Common Error Codes\n\n## Error Codes\n\n| HTTP Status Code | Error Code | Description |\n|---|---|---|\n| 500 | INTERNAL_SERVER_ERROR | Failed. |\n";

/// One page as the site serves it.
#[derive(Clone)]
struct Served {
    body: String,
    content_type: &'static str,
    etag: Option<String>,
    last_modified: Option<String>,
    /// Statuses answered, one per request, before the page is served.
    failures: VecDeque<u16>,
}

/// A request the site saw.
#[derive(Debug, Clone)]
struct Hit {
    path: String,
    if_none_match: Option<String>,
    if_modified_since: Option<String>,
    status: u16,
}

#[derive(Default)]
struct State {
    pages: BTreeMap<String, Served>,
    hits: Vec<Hit>,
}

/// The docs site on loopback.
struct Site {
    server: Arc<Server>,
    state: Arc<Mutex<State>>,
    thread: Option<JoinHandle<()>>,
    port: u16,
}

impl Site {
    /// A site with four ZEC pages (two actions, the data structures, the common errors), a
    /// page of another product, a Chinese page and a page outside the tree, all listed in
    /// the index along with a link elsewhere.
    fn new() -> Site {
        let server = Arc::new(Server::http("127.0.0.1:0").expect("a loopback port"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let state = Arc::new(Mutex::new(State::default()));
        let thread = {
            let (server, state) = (server.clone(), state.clone());
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    let response = answer(&state, &request);
                    let _ = request.respond(response);
                }
            })
        };
        let site = Site {
            server,
            state,
            thread: Some(thread),
            port,
        };
        site.put("compute/zec/vpc/createvpc.md", &action("CreateVpc", ""));
        site.put(
            "compute/zec/disk/createdisks.md",
            &action("CreateDisks", ""),
        );
        site.put("compute/zec/datastructure.md", TYPES);
        site.put("api-introduction/instruction/commonerrorcode.md", ERRORS);
        site.put(
            "compute/zvm/zone/describezones.md",
            &action("DescribeZones", ""),
        );
        site.put(
            "cn/compute/zec/vpc/createvpc.md",
            &action("CreateVpc", "| b | 否 | String | 中文。 |\n"),
        );
        site.put(
            "api-introduction/instruction/sign.md",
            "# Signature\n\nHow to sign.\n",
        );
        // One page with a date and no ETag, to check If-Modified-Since.
        site.edit("compute/zec/datastructure.md", |p| {
            p.etag = None;
            p.last_modified = Some("Wed, 21 Oct 2015 07:28:00 GMT".into());
        });
        site.set_index(&[
            "compute/zec/vpc/createvpc.md",
            // Linked without `.md`, and relative: sync appends `.md`.
            "compute/zec/disk/createdisks",
            "compute/zec/datastructure.md",
            "api-introduction/instruction/commonerrorcode.md",
            "compute/zvm/zone/describezones.md",
            "cn/compute/zec/vpc/createvpc.md",
            "api-introduction/instruction/sign.md",
        ]);
        site
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{ROOT}/{path}", self.port)
    }

    fn index_url(&self) -> Url {
        Url::parse(&self.url("llms.txt")).unwrap()
    }

    /// Serve `body` at `<root>/<path>` with a fresh ETag.
    fn put(&self, path: &str, body: &str) {
        let mut state = self.state.lock().unwrap();
        let etag = format!("\"v{}-{}\"", state.pages.len(), body.len());
        state.pages.insert(
            format!("{ROOT}/{path}"),
            Served {
                body: body.into(),
                content_type: "text/markdown; charset=utf-8",
                etag: Some(etag),
                last_modified: None,
                failures: VecDeque::new(),
            },
        );
    }

    fn edit(&self, path: &str, f: impl FnOnce(&mut Served)) {
        let mut state = self.state.lock().unwrap();
        f(state.pages.get_mut(&format!("{ROOT}/{path}")).unwrap());
    }

    /// The index: the pages given (absolute links, except those without `.md`), and a
    /// link off the site.
    fn set_index(&self, paths: &[&str]) {
        let mut index = String::from("# API References\n\n> Zenlayer's API docs.\n\n## Pages\n\n");
        for path in paths {
            let link = if path.ends_with(".md") {
                self.url(path)
            } else {
                format!("{ROOT}/{path}")
            };
            index.push_str(&format!("- [{path}]({link}): a page.\n"));
        }
        index.push_str("- [GitHub](https://github.com/zenlayer/docs/blob/main/zec/x.md)\n");
        self.put("llms.txt", &index);
        self.edit("llms.txt", |p| p.content_type = "text/plain; charset=utf-8");
    }

    /// Requests since the last call, without the index.
    fn take_hits(&self) -> Vec<Hit> {
        let mut state = self.state.lock().unwrap();
        std::mem::take(&mut state.hits)
            .into_iter()
            .filter(|h| !h.path.ends_with("llms.txt"))
            .collect()
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn answer(
    state: &Mutex<State>,
    request: &tiny_http::Request,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let header = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_string())
    };
    let (if_none_match, if_modified_since) = (header("If-None-Match"), header("If-Modified-Since"));
    let mut state = state.lock().unwrap();
    let path = request.url().to_string();
    let (status, response) = match state.pages.get_mut(&path) {
        None => (404, Response::from_string("no such page")),
        Some(page) => {
            if let Some(status) = page.failures.pop_front() {
                (status, Response::from_string("<html>failed</html>"))
            } else if if_none_match.is_some() && if_none_match == page.etag
                || if_none_match.is_none()
                    && if_modified_since.is_some()
                    && if_modified_since == page.last_modified
            {
                (304, Response::from_data(Vec::new()))
            } else {
                let mut response = Response::from_string(page.body.clone())
                    .with_header(Header::from_bytes("Content-Type", page.content_type).unwrap());
                if let Some(etag) = &page.etag {
                    response.add_header(Header::from_bytes("ETag", etag.as_str()).unwrap());
                }
                if let Some(date) = &page.last_modified {
                    response
                        .add_header(Header::from_bytes("Last-Modified", date.as_str()).unwrap());
                }
                (200, response)
            }
        }
    };
    state.hits.push(Hit {
        path,
        if_none_match,
        if_modified_since,
        status,
    });
    response.with_status_code(status)
}

/// A fresh directory for one test, removed at the end.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("zec-sync-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn docs(&self) -> PathBuf {
        self.0.join("docs")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn options(site: &Site, out: &Path) -> Options {
    let mut options = Options::new(site.index_url(), Lang::En, out);
    options.progress = false;
    options.attempts = 3;
    options.backoff = Duration::from_millis(1);
    options.timeout = Duration::from_secs(10);
    options
}

/// Every file under `dir` with its contents.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

const ZEC_PAGES: [&str; 4] = [
    "api-introduction/instruction/commonerrorcode.md",
    "compute/zec/datastructure.md",
    "compute/zec/disk/createdisks.md",
    "compute/zec/vpc/createvpc.md",
];

/// The first sync into a tree that holds a file sync does not own, and the requests it made.
fn first_sync(site: &Site, scratch: &Scratch) -> (Summary, Vec<Hit>) {
    std::fs::create_dir_all(scratch.docs()).unwrap();
    std::fs::write(scratch.docs().join("explained-lints.tsv"), "# kept\n").unwrap();
    let summary = sync(&options(site, &scratch.docs())).unwrap();
    (summary, site.take_hits())
}

#[test]
fn the_first_sync_writes_the_zec_pages_and_leaves_everything_else_out() {
    let site = Site::new();
    let scratch = Scratch::new("first");
    let (summary, hits) = first_sync(&site, &scratch);

    let tree = snapshot(&scratch.docs());
    let mut expected: Vec<&str> = ZEC_PAGES.to_vec();
    expected.extend(["explained-lints.tsv", "sync-manifest.json"]);
    expected.sort();
    assert_eq!(
        tree.keys().map(String::as_str).collect::<Vec<_>>(),
        expected
    );
    assert_eq!(
        tree["compute/zec/vpc/createvpc.md"],
        action("CreateVpc", "").into_bytes()
    );
    assert_eq!(tree["explained-lints.tsv"], b"# kept\n");
    assert_eq!(summary.added.len(), 4, "{summary:?}");
    assert_eq!((summary.downloaded, summary.unchanged), (4, 0));
    assert!(summary.removed.is_empty());

    // Other products, the Chinese page and other pages of the introduction were never asked for.
    let mut asked: Vec<String> = hits.into_iter().map(|h| h.path).collect();
    asked.sort();
    let mut want: Vec<String> = ZEC_PAGES.iter().map(|p| format!("{ROOT}/{p}")).collect();
    want.sort();
    assert_eq!(asked, want);

    // The tree is one the loader reads without errors.
    let loaded = zec_spec::load_dir(&scratch.docs());
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.api.actions().count(), 2);

    let manifest = String::from_utf8(tree["sync-manifest.json"].clone()).unwrap();
    assert!(
        manifest.contains(&site.url("compute/zec/disk/createdisks.md")),
        "{manifest}"
    );
    assert!(
        manifest.contains("Wed, 21 Oct 2015 07:28:00 GMT"),
        "{manifest}"
    );
}

#[test]
fn a_second_sync_asks_conditionally_and_downloads_nothing_unchanged() {
    let site = Site::new();
    let scratch = Scratch::new("second");
    first_sync(&site, &scratch);
    let before = snapshot(&scratch.docs());

    let summary = sync(&options(&site, &scratch.docs())).unwrap();
    assert_eq!(summary.downloaded, 0, "{summary:?}");
    assert_eq!(summary.unchanged, 4);
    assert!(summary.added.is_empty() && summary.changed.is_empty() && summary.removed.is_empty());
    let hits = site.take_hits();
    assert_eq!(hits.len(), 4);
    for hit in &hits {
        assert_eq!(hit.status, 304, "{hit:?}");
        if hit.path.ends_with("datastructure.md") {
            assert_eq!(hit.if_none_match, None);
            assert_eq!(
                hit.if_modified_since.as_deref(),
                Some("Wed, 21 Oct 2015 07:28:00 GMT")
            );
        } else {
            assert!(
                hit.if_none_match
                    .as_deref()
                    .is_some_and(|e| e.starts_with("\"v")),
                "{hit:?}"
            );
        }
    }
    assert_eq!(snapshot(&scratch.docs()), before);
}

#[test]
fn a_changed_page_is_fetched_and_diff_reports_it() {
    let site = Site::new();
    let scratch = Scratch::new("changed");
    first_sync(&site, &scratch);
    let old = scratch.0.join("old");
    std::fs::create_dir_all(&old).unwrap();
    for (rel, bytes) in snapshot(&scratch.docs()) {
        let path = old.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    site.put(
        "compute/zec/vpc/createvpc.md",
        &action("CreateVpc", "| c | Yes | Integer | C. |\n"),
    );

    let out = Command::new(env!("CARGO_BIN_EXE_zec-spec"))
        .args(["sync", "--from", site.index_url().as_str()])
        .arg(scratch.docs())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("changed compute/zec/vpc/createvpc.md\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("4 pages: 0 added, 1 changed, 3 unchanged, 0 removed (1 downloaded)"),
        "{stdout}"
    );
    let downloaded: Vec<Hit> = site
        .take_hits()
        .into_iter()
        .filter(|h| h.status == 200)
        .collect();
    assert_eq!(downloaded.len(), 1, "{downloaded:?}");

    let out = Command::new(env!("CARGO_BIN_EXE_zec-spec"))
        .args(["diff", "--format", "markdown"])
        .args([&old, &scratch.docs()])
        .output()
        .unwrap();
    let changelog = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a required member is breaking: {changelog}"
    );
    assert!(
        changelog.contains("### `zec`\n\n1 change, 1 breaking.\n\n#### Breaking changes\n\n##### Members added\n\n- CreateVpc request field c: added (required)\n"),
        "{changelog}"
    );
}

#[test]
fn a_server_failing_midway_leaves_the_previous_tree_intact() {
    let site = Site::new();
    let scratch = Scratch::new("failing");
    first_sync(&site, &scratch);
    let before = snapshot(&scratch.docs());

    site.put(
        "compute/zec/vpc/createvpc.md",
        &action("CreateVpc", "| c | No | String | C. |\n"),
    );
    site.edit("compute/zec/disk/createdisks.md", |p| {
        p.failures = [503; 3].into();
    });
    let err = sync(&options(&site, &scratch.docs())).unwrap_err();
    let SyncError::Fetch(fetch) = &err else {
        panic!("{err}")
    };
    assert_eq!(fetch.url, site.url("compute/zec/disk/createdisks.md"));
    assert_eq!(fetch.status, Some(503));
    assert!(err.to_string().contains("HTTP 503"), "{err}");
    let tries = site
        .take_hits()
        .iter()
        .filter(|h| h.path.ends_with("createdisks.md"))
        .count();
    assert_eq!(tries, 3);
    assert_eq!(snapshot(&scratch.docs()), before);
    // Nothing is left beside the tree either.
    let beside: Vec<_> = std::fs::read_dir(&scratch.0)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside, ["docs"]);
}

#[test]
fn the_command_names_the_url_and_status_of_a_failure() {
    let site = Site::new();
    let scratch = Scratch::new("command-fails");
    first_sync(&site, &scratch);
    let before = snapshot(&scratch.docs());
    site.edit("compute/zec/datastructure.md", |p| {
        p.failures = [404].into()
    });
    let out = Command::new(env!("CARGO_BIN_EXE_zec-spec"))
        .args(["sync", "--from", site.index_url().as_str()])
        .arg(scratch.docs())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let url = site.url("compute/zec/datastructure.md");
    assert!(
        stderr.contains(&format!("{url}: HTTP 404: Not Found")),
        "{stderr}"
    );
    assert_eq!(snapshot(&scratch.docs()), before);
}

#[test]
fn an_html_answer_is_refused() {
    let site = Site::new();
    let scratch = Scratch::new("html");
    first_sync(&site, &scratch);
    let before = snapshot(&scratch.docs());
    site.put(
        "compute/zec/vpc/createvpc.md",
        "<!DOCTYPE html><html>Sign in</html>",
    );
    site.edit("compute/zec/vpc/createvpc.md", |p| {
        p.content_type = "text/html"
    });
    let err = sync(&options(&site, &scratch.docs())).unwrap_err();
    assert!(
        err.to_string()
            .contains("not Markdown: Content-Type text/html"),
        "{err}"
    );
    site.edit("compute/zec/vpc/createvpc.md", |p| {
        p.content_type = "text/markdown"
    });
    let err = sync(&options(&site, &scratch.docs())).unwrap_err();
    assert!(
        err.to_string().contains("not Markdown: an HTML document"),
        "{err}"
    );
    assert_eq!(snapshot(&scratch.docs()), before);
}

#[test]
fn throttling_and_server_errors_are_retried() {
    let site = Site::new();
    let scratch = Scratch::new("retry");
    first_sync(&site, &scratch);
    site.put(
        "compute/zec/vpc/createvpc.md",
        &action("CreateVpc", "| c | No | String | C. |\n"),
    );
    site.edit("compute/zec/vpc/createvpc.md", |p| {
        p.failures = [429, 502].into()
    });
    let summary = sync(&options(&site, &scratch.docs())).unwrap();
    assert_eq!(summary.changed, ["compute/zec/vpc/createvpc.md"]);
    let statuses: Vec<u16> = site
        .take_hits()
        .iter()
        .filter(|h| h.path.ends_with("createvpc.md"))
        .map(|h| h.status)
        .collect();
    assert_eq!(statuses, [429, 502, 200]);
}

#[test]
fn pages_gone_from_the_index_are_removed_and_reported() {
    let site = Site::new();
    let scratch = Scratch::new("removed");
    first_sync(&site, &scratch);
    std::fs::write(scratch.docs().join("compute/zec/notes.txt"), "mine").unwrap();
    site.set_index(&[
        "compute/zec/vpc/createvpc.md",
        "compute/zec/datastructure.md",
        "api-introduction/instruction/commonerrorcode.md",
    ]);
    let summary = sync(&options(&site, &scratch.docs())).unwrap();
    assert_eq!(summary.removed, ["compute/zec/disk/createdisks.md"]);
    let tree = snapshot(&scratch.docs());
    assert!(!tree.contains_key("compute/zec/disk/createdisks.md"));
    assert!(!scratch.docs().join("compute/zec/disk").exists());
    assert_eq!(tree["compute/zec/notes.txt"], b"mine");
    assert_eq!(tree["explained-lints.tsv"], b"# kept\n");
    let manifest = String::from_utf8(tree["sync-manifest.json"].clone()).unwrap();
    assert!(!manifest.contains("createdisks"), "{manifest}");
}

#[test]
fn an_index_without_zec_pages_changes_nothing() {
    let site = Site::new();
    let scratch = Scratch::new("empty-index");
    first_sync(&site, &scratch);
    let before = snapshot(&scratch.docs());
    site.set_index(&["compute/zvm/zone/describezones.md"]);
    let err = sync(&options(&site, &scratch.docs())).unwrap_err();
    assert!(err.to_string().contains("lists no pages of zec"), "{err}");
    assert_eq!(snapshot(&scratch.docs()), before);
}

#[test]
fn products_are_chosen_by_name_and_then_kept_by_the_tree() {
    let site = Site::new();
    let scratch = Scratch::new("products");
    first_sync(&site, &scratch);
    // A product of its own directory, named by it; its overview page (not published, the
    // tree's own) names its service, and the tree's ZEC pages stay as they are.
    site.put(
        "networking/zlb/load-balancer-instance/describeloadbalancers.md",
        &action("DescribeLoadBalancers", ""),
    );
    site.put("networking/zlb/datastructure.md", TYPES);
    let mut index = vec![
        "compute/zec/vpc/createvpc.md",
        "compute/zec/disk/createdisks",
        "compute/zec/datastructure.md",
        "api-introduction/instruction/commonerrorcode.md",
        "networking/zlb/load-balancer-instance/describeloadbalancers.md",
        "networking/zlb/datastructure.md",
    ];
    site.set_index(&index);
    let mut only_zlb = options(&site, &scratch.docs());
    only_zlb.products = vec!["zlb".into()];
    let summary = sync(&only_zlb).unwrap();
    assert_eq!(
        summary.added,
        [
            "networking/zlb/load-balancer-instance/describeloadbalancers.md",
            "networking/zlb/datastructure.md"
        ]
    );
    assert!(summary.removed.is_empty(), "{:?}", summary.removed);
    let tree = snapshot(&scratch.docs());
    assert!(tree.contains_key("compute/zec/vpc/createvpc.md"));
    std::fs::write(
        scratch.docs().join("networking/zlb/README.md"),
        "# ZLB\n\n| Item | Value |\n| --- | --- |\n| Service | `zlb` |\n| API version | `2025-04-01` |\n",
    )
    .unwrap();

    // Without --product: the products the tree has, both; a page the index drops goes, the
    // overview page stays.
    index.retain(|p| !p.starts_with("compute/zec/disk"));
    site.set_index(&index);
    let summary = sync(&options(&site, &scratch.docs())).unwrap();
    assert_eq!(summary.removed, ["compute/zec/disk/createdisks.md"]);
    let tree = snapshot(&scratch.docs());
    assert!(tree.contains_key("networking/zlb/README.md"));
    assert!(tree.contains_key("networking/zlb/datastructure.md"));
    let loaded = zec_spec::load_dir(&scratch.docs());
    let names: Vec<&str> = loaded
        .api
        .products
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["zec", "zlb"]);

    // A product the index does not have is refused by name, and nothing changes.
    let mut unknown = options(&site, &scratch.docs());
    unknown.products = vec!["vm".into()];
    let err = sync(&unknown).unwrap_err();
    assert!(err.to_string().contains("no product \"vm\""), "{err}");
    assert_eq!(snapshot(&scratch.docs()), tree);
}

#[test]
fn chinese_pages_go_to_the_same_layout() {
    let site = Site::new();
    let scratch = Scratch::new("cn");
    let mut options = options(&site, &scratch.docs());
    options.lang = Lang::Cn;
    let summary = sync(&options).unwrap();
    assert_eq!(summary.added, ["compute/zec/vpc/createvpc.md"]);
    let page =
        std::fs::read_to_string(scratch.docs().join("compute/zec/vpc/createvpc.md")).unwrap();
    assert!(page.contains("中文"), "{page}");
}
