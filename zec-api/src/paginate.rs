//! Streams over every item of a paginated action, fetching pages lazily.

use crate::action::Action;
use crate::client::Client;
use crate::error::{Error, Undecodable};
use futures_util::stream::{self, Stream};
use std::collections::VecDeque;

/// An action whose results come page by page (`pageNum`/`pageSize` in, `totalCount` and a
/// list of items out). Implemented by the generated markers of such actions.
pub trait Paginated: Action {
    /// One item of a page.
    type Item: PartialEq + Clone + Send + 'static;
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

/// A bound on pages per stream, so that no server can keep one going forever.
const MAX_PAGES: i64 = 100_000;

/// Where a stream over pages stands.
struct Pages<A: Paginated> {
    client: Client,
    request: A::Request,
    next_page: i64,
    yielded: i64,
    buffer: VecDeque<A::Item>,
    previous: Vec<A::Item>,
    done: bool,
}

impl Client {
    /// Every item of a paginated action, in order, fetching each page when the previous one
    /// is used up, from page 1.
    ///
    /// The stream stops after `totalCount` items, at an empty page, or (without a total) at
    /// a page shorter than the page size. A server that answers the same page again (it
    /// ignores `pageNum`) ends the stream with an error instead of looping.
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
            yielded: 0,
            buffer: VecDeque::new(),
            previous: Vec::new(),
            done: false,
        };
        stream::unfold(state, |mut s| async move {
            loop {
                if let Some(item) = s.buffer.pop_front() {
                    s.yielded += 1;
                    return Some((Ok(item), s));
                }
                if s.done {
                    return None;
                }
                if s.next_page > MAX_PAGES {
                    s.done = true;
                    let error = Error::Undecodable(Undecodable {
                        http_status: 200,
                        request_id: None,
                        reason: format!("{} returned more than {MAX_PAGES} pages", A::NAME),
                        snippet: String::new(),
                    });
                    return Some((Err(error), s));
                }
                A::set_page(&mut s.request, s.next_page);
                let page_num = s.next_page;
                s.next_page += 1;
                let mut response = match s.client.send(s.request.clone()).await {
                    Ok(r) => r,
                    Err(e) => {
                        s.done = true;
                        return Some((Err(e), s));
                    }
                };
                let total = A::total_count(&response);
                let mut items = A::take_items(&mut response);
                if items.is_empty() {
                    s.done = true;
                    continue;
                }
                if page_num > 1 && items == s.previous {
                    s.done = true;
                    let error = Error::Undecodable(Undecodable {
                        http_status: 200,
                        request_id: None,
                        reason: format!(
                            "page {page_num} of {} repeats page {}: the server ignores pageNum",
                            A::NAME,
                            page_num - 1
                        ),
                        snippet: String::new(),
                    });
                    return Some((Err(error), s));
                }
                let fetched = s.yielded + items.len() as i64;
                match total {
                    Some(total) if fetched >= total => {
                        items.truncate((total - s.yielded).max(0) as usize);
                        s.done = true;
                    }
                    Some(_) => {}
                    None => {
                        let size = A::page_size(&s.request);
                        if size.is_none_or(|size| (items.len() as i64) < size) {
                            s.done = true;
                        }
                    }
                }
                // A copy of this page, to notice a server that answers it again.
                s.previous = items.clone();
                s.buffer.extend(items);
            }
        })
    }
}
