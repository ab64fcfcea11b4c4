//! `zec-spec sync`: fetch the published Markdown of the pages of some products into a tree
//! laid out as the docs site is (`compute/zec/<group>/<action>.md`,
//! `networking/zlb/datastructure.md`, `api-introduction/instruction/commonerrorcode.md`).
//! The products are those named (by service or directory), else those the tree already has,
//! else ZEC.
//!
//! The index (`llms.txt`) names the pages ([`index`]); each page is fetched with a conditional
//! GET when the last sync left validators in the tree's manifest ([`manifest`], [`fetch`]);
//! the new tree is built beside the old one and swapped in only when every page arrived
//! ([`tree`]). Files of the tree that are not pages of the chosen products
//! (`explained-lints.tsv`, the products' overview pages, other products, notes) are carried
//! over untouched.

pub mod fetch;
pub mod index;
pub mod manifest;
pub mod progress;
pub mod tree;

pub use fetch::FetchError;
pub use index::Lang;
pub use reqwest::Url;

use fetch::{Fetched, Fetcher};
use index::IndexedPage;
use manifest::{Entry, MANIFEST, Manifest};
use progress::Progress;
use std::collections::BTreeSet;
use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;
use tree::{Staging, TreeError};

/// The published docs index.
pub const DEFAULT_INDEX: &str = "https://docs.console.zenlayer.com/api-reference/llms.txt";

/// What to sync, where, and how patiently.
#[derive(Debug, Clone)]
pub struct Options {
    /// The index (`llms.txt`).
    pub index: Url,
    /// Which language's pages.
    pub lang: Lang,
    /// The products to sync, by service (`zlb`) or directory (`networking/zlb`); empty for
    /// those the tree has already (ZEC for an empty tree).
    pub products: Vec<String>,
    /// The tree to bring up to date; created if missing.
    pub out_dir: PathBuf,
    /// Pages fetched at once.
    pub jobs: usize,
    /// Time allowed for one attempt at one page.
    pub timeout: Duration,
    /// Attempts per page before the sync fails.
    pub attempts: u32,
    /// First wait before a retry; doubles after each.
    pub backoff: Duration,
    /// Draw a progress bar on stderr.
    pub progress: bool,
}

impl Options {
    /// The defaults: 8 pages at once, 30 s per attempt, 4 attempts from a 500 ms backoff, a
    /// progress bar when stderr is a terminal.
    pub fn new(index: Url, lang: Lang, out_dir: impl Into<PathBuf>) -> Options {
        Options {
            index,
            lang,
            products: Vec::new(),
            out_dir: out_dir.into(),
            jobs: 8,
            timeout: Duration::from_secs(30),
            attempts: 4,
            backoff: Duration::from_millis(500),
            progress: std::io::stderr().is_terminal(),
        }
    }
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Pages the index lists for the tree.
    pub pages: usize,
    /// Pages new to the tree.
    pub added: Vec<String>,
    /// Pages whose text changed.
    pub changed: Vec<String>,
    /// Pages that stayed as they were (not modified, or fetched with the same text).
    pub unchanged: usize,
    /// Pages of the old tree that the index no longer lists, now deleted.
    pub removed: Vec<String>,
    /// Pages the server sent in full (the others answered `304 Not Modified`).
    pub downloaded: usize,
    /// Links left out, and a manifest that could not be read.
    pub warnings: Vec<String>,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} pages: {} added, {} changed, {} unchanged, {} removed ({} downloaded)",
            self.pages,
            self.added.len(),
            self.changed.len(),
            self.unchanged,
            self.removed.len(),
            self.downloaded
        )
    }
}

/// Why a sync failed. The old tree is left as it was in every case.
#[derive(Debug)]
pub enum SyncError {
    /// The index or a page could not be fetched.
    Fetch(FetchError),
    /// The index lists nothing to sync.
    Index(String),
    /// Reading the old tree or writing the new one failed.
    Tree(TreeError),
    /// The HTTP client could not be set up.
    Client(String),
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyncError::Fetch(e) => e.fmt(f),
            SyncError::Tree(e) => e.fmt(f),
            SyncError::Index(m) | SyncError::Client(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for SyncError {}

impl From<FetchError> for SyncError {
    fn from(e: FetchError) -> Self {
        SyncError::Fetch(e)
    }
}

impl From<TreeError> for SyncError {
    fn from(e: TreeError) -> Self {
        SyncError::Tree(e)
    }
}

/// How one page came out.
#[derive(Debug)]
enum Outcome {
    Added,
    Changed,
    Unchanged,
}

/// One page's outcome, its manifest entry, and whether its text came over the wire.
type Fetch = (Outcome, Entry, bool);

/// The products to sync: those named, else those of the tree (by the products its pages
/// hold), else ZEC. A product the tree has and the index no longer lists is left as it is,
/// with a warning; one named that the index does not list fails the sync.
fn choose_products(
    options: &Options,
    out_dir: &Path,
    index_text: &str,
    warnings: &mut Vec<String>,
) -> Result<index::Products, SyncError> {
    let tree = if out_dir.is_dir() {
        crate::load_dir(out_dir).api.products
    } else {
        Vec::new()
    };
    let services: Vec<(String, String)> = tree
        .iter()
        .map(|p| (p.name.clone(), p.path.clone()))
        .collect();
    let choose = |names: &[String]| {
        index::choose(&options.index, index_text, options.lang, names, &services)
    };
    if !options.products.is_empty() {
        return choose(&options.products).map_err(SyncError::Index);
    }
    if tree.is_empty() {
        return choose(&["zec".to_string()]).map_err(SyncError::Index);
    }
    let mut dirs = Vec::new();
    for product in &tree {
        match choose(std::slice::from_ref(&product.path)) {
            Ok(found) => dirs.extend(found.dirs),
            Err(_) => warnings.push(format!(
                "the index lists no pages of {} ({}), which the tree has; its pages are left as they are",
                product.name, product.path
            )),
        }
    }
    if dirs.is_empty() {
        let names: Vec<&str> = tree.iter().map(|p| p.name.as_str()).collect();
        return Err(SyncError::Index(format!(
            "{}: the index lists no pages of {}, the products of {}; it was left as it was",
            options.index,
            names.join(", "),
            out_dir.display()
        )));
    }
    Ok(index::Products { dirs })
}

/// Bring `options.out_dir` up to date with the index.
pub fn sync(options: &Options) -> Result<Summary, SyncError> {
    let out_dir = absolute(&options.out_dir)?;
    let fetcher = Fetcher::new(options.timeout, options.attempts, options.backoff)
        .map_err(SyncError::Client)?;
    let mut summary = Summary::default();

    let index_text = match fetcher.get(&options.index, None)? {
        Fetched::Page { body, .. } => String::from_utf8_lossy(&body).into_owned(),
        // Not asked conditionally, so not answered so.
        Fetched::NotModified => String::new(),
    };
    let products = choose_products(options, &out_dir, &index_text, &mut summary.warnings)?;
    let (pages, warnings) = index::select(&options.index, &index_text, options.lang, &products);
    summary.warnings.extend(warnings);
    if pages.is_empty() {
        return Err(SyncError::Index(format!(
            "{}: the index lists no pages of {} in language {}; {} was left as it was{}",
            options.index,
            products.dirs.join(", "),
            options.lang.as_str(),
            out_dir.display(),
            match options.lang {
                Lang::Cn =>
                    " (if the Chinese pages have an index of their own, pass it with --from)",
                Lang::En => "",
            }
        )));
    }
    summary.pages = pages.len();

    let old = match Manifest::read(&out_dir) {
        Ok(m) => m.unwrap_or_default(),
        Err(e) => {
            summary
                .warnings
                .push(format!("{e}; every page is fetched in full"));
            Manifest::default()
        }
    };
    let old_files = tree::files(&out_dir)?;
    let owned: BTreeSet<&str> = old_files
        .iter()
        .map(String::as_str)
        .filter(|f| {
            index::is_synced_path(f, &products)
                || (old.entry(f).is_some() && index::is_in_products(f, &products))
        })
        .collect();

    let staging = Staging::beside(&out_dir)?;
    let fetch_page = |page: &IndexedPage| -> Result<Fetch, SyncError> {
        let had = owned.contains(page.path.as_str());
        let last = old
            .entry(&page.path)
            .filter(|e| had && e.url == page.url.as_str());
        let mut entry = Entry {
            path: page.path.clone(),
            url: page.url.to_string(),
            etag: None,
            last_modified: None,
        };
        match fetcher.get(&page.url, last)? {
            Fetched::NotModified => {
                staging.keep(&out_dir, &page.path)?;
                if let Some(last) = last {
                    entry.etag.clone_from(&last.etag);
                    entry.last_modified.clone_from(&last.last_modified);
                }
                Ok((Outcome::Unchanged, entry, false))
            }
            Fetched::Page {
                body,
                etag,
                last_modified,
            } => {
                staging.write(&page.path, &body)?;
                entry.etag = etag;
                entry.last_modified = last_modified;
                let outcome = if !had {
                    Outcome::Added
                } else if std::fs::read(out_dir.join(&page.path)).is_ok_and(|old| old == body) {
                    Outcome::Unchanged
                } else {
                    Outcome::Changed
                };
                Ok((outcome, entry, true))
            }
        }
    };
    let progress = Progress::new(pages.len(), options.progress);
    let results = for_each_page(&pages, options.jobs, &progress, fetch_page);
    progress.finish();

    let mut manifest = Manifest {
        index: options.index.to_string(),
        lang: options.lang.as_str().to_string(),
        pages: Vec::with_capacity(pages.len()),
    };
    // The pages of products not synced this time keep their entries.
    let fresh_paths: BTreeSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    for entry in &old.pages {
        if !owned.contains(entry.path.as_str())
            && !fresh_paths.contains(entry.path.as_str())
            && old_files.contains(&entry.path)
        {
            manifest.pages.push(entry.clone());
        }
    }
    for (page, (outcome, entry, downloaded)) in pages.iter().zip(results?) {
        match outcome {
            Outcome::Added => summary.added.push(page.path.clone()),
            Outcome::Changed => summary.changed.push(page.path.clone()),
            Outcome::Unchanged => summary.unchanged += 1,
        }
        summary.downloaded += usize::from(downloaded);
        manifest.pages.push(entry);
    }

    let fresh: BTreeSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    for file in &old_files {
        if file == MANIFEST {
            continue;
        }
        if !owned.contains(file.as_str()) {
            staging.keep(&out_dir, file)?;
        } else if !fresh.contains(file.as_str()) {
            summary.removed.push(file.clone());
        }
    }
    staging.write(MANIFEST, manifest.to_json().as_bytes())?;
    staging.commit(&out_dir)?;
    Ok(summary)
}

/// Run `work` on every page with at most `jobs` at once. The first failure stops the pages
/// not yet started and is returned; otherwise the results come in page order.
fn for_each_page<T: Send>(
    pages: &[IndexedPage],
    jobs: usize,
    progress: &Progress,
    work: impl Fn(&IndexedPage) -> Result<T, SyncError> + Sync,
) -> Result<Vec<T>, SyncError> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let results: Mutex<Vec<Option<T>>> = Mutex::new(pages.iter().map(|_| None).collect());
    let first_error: Mutex<Option<SyncError>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, pages.len().max(1)) {
            scope.spawn(|| {
                while !failed.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(page) = pages.get(i) else { break };
                    match work(page) {
                        Ok(result) => {
                            lock(&results)[i] = Some(result);
                            progress.tick();
                        }
                        Err(e) => {
                            failed.store(true, Ordering::Relaxed);
                            lock(&first_error).get_or_insert(e);
                        }
                    }
                }
            });
        }
    });
    if let Some(e) = lock(&first_error).take() {
        return Err(e);
    }
    let results = std::mem::take(&mut *lock(&results));
    // Without a failure every page ran and left its result.
    Ok(results.into_iter().flatten().collect())
}

/// A lock whose holder panicked still holds plain data worth reading.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The tree as an absolute path, so that its parent and name are known for the staging
/// directory beside it; an existing path that is not a directory is refused.
fn absolute(dir: &Path) -> Result<PathBuf, SyncError> {
    let refuse = |path: &Path, why: &str| {
        SyncError::Tree(TreeError {
            path: path.to_path_buf(),
            error: std::io::Error::other(why.to_string()),
        })
    };
    let at = |error| {
        SyncError::Tree(TreeError {
            path: dir.to_path_buf(),
            error,
        })
    };
    let path = if dir.exists() {
        if !dir.is_dir() {
            return Err(refuse(dir, "not a directory"));
        }
        dir.canonicalize().map_err(at)?
    } else {
        std::path::absolute(dir).map_err(at)?
    };
    if path.file_name().is_none() || path.parent().is_none() {
        return Err(refuse(&path, "the tree needs a directory of its own"));
    }
    Ok(path)
}
