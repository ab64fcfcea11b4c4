//! Streams over every item of a paginated action, fetching pages lazily.
//!
//! Servers get pagination wrong in several ways, and each ends the stream with
//! [`Error::Pagination`] instead of a quiet short list or an endless loop: a page that is empty
//! before the announced total is reached, a page whose items were all received before (the
//! server ignores `pageNum`, or serves pages in another order), and more pages than the
//! announced total can fill.

use crate::action::Action;
use crate::client::Client;
use crate::error::{Error, PaginationError};
use futures_util::stream::{self, Stream};
use serde::Serialize;
use std::collections::{HashSet, VecDeque};
use std::hash::{DefaultHasher, Hash, Hasher};

/// An action whose results come page by page (`pageNum`/`pageSize` in, `totalCount` and a
/// list of items out). Implemented by the generated markers of such actions.
pub trait Paginated: Action {
    /// One item of a page.
    type Item: Serialize + PartialEq + Clone + Send + 'static;
    /// Ask for page `page_num` (from 1); also sets the largest documented page size when the
    /// caller left it unset.
    fn set_page(request: &mut Self::Request, page_num: i64);
    /// The page size the request asks for.
    fn page_size(request: &Self::Request) -> Option<i64>;
    /// The total the server reports.
    fn total_count(response: &Self::Response) -> Option<i64>;
    /// Move the page's items out of the response.
    fn take_items(response: &mut Self::Response) -> Vec<Self::Item>;
}

/// Pages allowed beyond those the first announced total needs, for items added while the
/// stream runs.
const EXTRA_PAGES: u64 = 2;

/// The bound on pages when the server announces no total.
const MAX_PAGES_WITHOUT_TOTAL: u64 = 100_000;

/// Where a stream over pages stands.
struct Pages<A: Paginated> {
    client: Client,
    request: A::Request,
    /// The next page to fetch, from 1.
    next_page: u64,
    /// Items yielded or buffered so far (the buffer is empty whenever a page is fetched).
    received: u64,
    /// The most pages this stream may fetch, once known.
    max_pages: u64,
    buffer: VecDeque<A::Item>,
    /// Fingerprints of the items of earlier pages.
    seen: HashSet<u64>,
    done: bool,
}

/// A fingerprint of an item, from its wire form.
fn fingerprint<T: Serialize>(item: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    match serde_json::to_vec(item) {
        Ok(bytes) => bytes.hash(&mut hasher),
        Err(_) => 0u8.hash(&mut hasher),
    }
    hasher.finish()
}

impl<A: Paginated> Pages<A>
where
    A::Request: crate::action::ActionRequest<Action = A>,
{
    fn error(&mut self, page: u64, total: Option<u64>, reason: String) -> Error<A::Error> {
        self.done = true;
        Error::Pagination(PaginationError {
            action: A::NAME,
            page,
            received: self.received,
            total,
            reason,
        })
    }

    /// Fetch the next page into the buffer; an error, or `Ok` with `done` set at the end.
    async fn fetch(&mut self) -> Result<(), Error<A::Error>> {
        let page = self.next_page;
        if page > self.max_pages {
            return Err(self.error(
                page,
                None,
                format!(
                    "more than {} pages, more than the announced total can fill",
                    self.max_pages
                ),
            ));
        }
        A::set_page(&mut self.request, i64::try_from(page).unwrap_or(i64::MAX));
        self.next_page += 1;
        let mut response = match self.client.send(self.request.clone()).await {
            Ok(r) => r,
            Err(e) => {
                self.done = true;
                return Err(e);
            }
        };
        // A negative total means nothing; treat it as absent.
        let total = A::total_count(&response).and_then(|t| u64::try_from(t).ok());
        let items = A::take_items(&mut response);
        if items.is_empty() {
            self.done = true;
            return match total {
                Some(total) if self.received < total => Err(self.error(
                    page,
                    Some(total),
                    "the page is empty, short of the announced total".into(),
                )),
                _ => Ok(()),
            };
        }
        if page == 1 {
            let page_len = items.len() as u64;
            self.max_pages = match total {
                Some(total) => total.div_ceil(page_len).saturating_add(EXTRA_PAGES),
                None => MAX_PAGES_WITHOUT_TOTAL,
            };
        }
        let prints: Vec<u64> = items.iter().map(fingerprint).collect();
        if prints.iter().all(|p| self.seen.contains(p)) {
            return Err(self.error(
                page,
                total,
                "every item of the page came on an earlier page: the server ignores pageNum or reorders pages".into(),
            ));
        }
        let page_len = items.len();
        for (item, print) in items.into_iter().zip(&prints) {
            // An item seen on an earlier page (the list shifted while it was read) is
            // yielded once.
            if !self.seen.contains(print) {
                self.buffer.push_back(item);
            }
        }
        self.seen.extend(prints);
        self.received += self.buffer.len() as u64;
        match total {
            Some(total) if self.received >= total => {
                // Items beyond the total are not yielded.
                let excess = usize::try_from(self.received - total).unwrap_or(usize::MAX);
                self.buffer
                    .truncate(self.buffer.len().saturating_sub(excess));
                self.received = total;
                self.done = true;
            }
            Some(_) => {}
            None => {
                let size = A::page_size(&self.request);
                if size.is_none_or(|size| (page_len as i64) < size) {
                    self.done = true;
                }
            }
        }
        Ok(())
    }
}

impl Client {
    /// Every item of a paginated action, in order, fetching each page when the previous one
    /// is used up, from page 1.
    ///
    /// The stream stops after `totalCount` items, or (without a total) at an empty page or a
    /// page shorter than the page size. It ends with [`Error::Pagination`] when a page is
    /// empty before the total is reached, when every item of a page came on earlier pages
    /// (the server ignores `pageNum`), or after more pages than the first total can fill.
    pub fn paginate<A: Paginated>(
        &self,
        request: A::Request,
    ) -> impl Stream<Item = Result<A::Item, Error<A::Error>>> + Send + 'static + use<A>
    where
        A::Request: crate::action::ActionRequest<Action = A>,
    {
        let state = Pages::<A> {
            client: self.clone(),
            request,
            next_page: 1,
            received: 0,
            max_pages: 1,
            buffer: VecDeque::new(),
            seen: HashSet::new(),
            done: false,
        };
        stream::unfold(state, |mut s| async move {
            loop {
                if let Some(item) = s.buffer.pop_front() {
                    return Some((Ok(item), s));
                }
                if s.done {
                    return None;
                }
                if let Err(e) = s.fetch().await {
                    return Some((Err(e), s));
                }
            }
        })
    }
}
