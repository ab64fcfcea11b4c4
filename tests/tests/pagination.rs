//! Page streams against servers whose pages do not add up: they end with
//! `Error::Pagination`, never quietly short and never after thousands of requests.

use futures_util::StreamExt;
use serde_json::{Value, json};
use zec_api::actions::{DescribeSnapshots, DescribeSnapshotsError, DescribeSnapshotsRequest};
use zec_api::mock::MockServer;
use zec_api::types::SnapshotInfo;
use zec_api::{Error, PaginationError};

fn items(ids: &[&str]) -> Vec<Value> {
    ids.iter()
        .map(|id| json!({"snapshotId": id, "status": "AVAILABLE"}))
        .collect()
}

fn page(total: i64, ids: &[&str]) -> Value {
    json!({"totalCount": total, "dataSet": items(ids)})
}

/// Serve these pages in order (the last one keeps answering) and collect the stream.
async fn stream(
    pages: &[Value],
) -> (
    Vec<Result<SnapshotInfo, Error<DescribeSnapshotsError>>>,
    MockServer,
) {
    let server = MockServer::start().await.unwrap();
    for p in pages {
        server.respond_json("DescribeSnapshots", p.clone());
    }
    let results = server
        .client()
        .unwrap()
        .paginate::<DescribeSnapshots>(DescribeSnapshotsRequest::default().page_size(2))
        .collect()
        .await;
    (results, server)
}

fn ids(results: &[Result<SnapshotInfo, Error<DescribeSnapshotsError>>]) -> Vec<String> {
    results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|s| s.snapshot_id.clone().unwrap())
        .collect()
}

fn pagination_error(
    results: &[Result<SnapshotInfo, Error<DescribeSnapshotsError>>],
) -> &PaginationError {
    match results.last() {
        Some(Err(Error::Pagination(p))) => p,
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_page_empty_before_the_total_is_an_error() {
    let (results, _) = stream(&[page(10, &["a", "b"]), page(10, &["c", "d"]), page(10, &[])]).await;
    assert_eq!(ids(&results), ["a", "b", "c", "d"]);
    let p = pagination_error(&results);
    assert_eq!((p.page, p.received, p.total), (3, 4, Some(10)));
    assert!(p.reason.contains("empty"), "{p}");
    assert!(
        results
            .last()
            .unwrap()
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("DescribeSnapshots page 3"),
    );

    // A page whose list is null is empty too.
    let (results, _) = stream(&[
        page(10, &["a", "b"]),
        json!({"totalCount": 10, "dataSet": null}),
    ])
    .await;
    assert_eq!(pagination_error(&results).page, 2);

    // An empty list that says it is empty is fine.
    let (results, _) = stream(&[page(0, &[])]).await;
    assert!(results.is_empty());
}

#[tokio::test]
async fn pages_that_repeat_earlier_items_end_the_stream() {
    // Alternating pages.
    let a = page(100, &["a", "b"]);
    let b = page(100, &["c", "d"]);
    let (results, server) = stream(&[a.clone(), b.clone(), a, b]).await;
    assert_eq!(ids(&results), ["a", "b", "c", "d"]);
    let p = pagination_error(&results);
    assert_eq!(p.page, 3);
    assert!(p.reason.contains("ignores pageNum"), "{p}");
    assert_eq!(server.received(), 3);

    // The same items in another order.
    let (results, server) = stream(&[
        page(100, &["a", "b"]),
        page(100, &["c", "d"]),
        page(100, &["b", "a"]),
    ])
    .await;
    assert_eq!(pagination_error(&results).page, 3);
    assert_eq!(server.received(), 3);

    // Without a total, too.
    let (results, server) = stream(&[json!({"dataSet": items(&["a", "b"])})]).await;
    assert_eq!(pagination_error(&results).page, 2);
    assert_eq!(server.received(), 2);
}

#[tokio::test]
async fn an_item_that_moves_to_the_next_page_is_yielded_once() {
    let (results, _) = stream(&[
        page(5, &["a", "b"]),
        page(5, &["b", "c"]),
        page(5, &["d", "e"]),
    ])
    .await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(ids(&results), ["a", "b", "c", "d", "e"]);
}

#[tokio::test]
async fn the_first_total_bounds_the_pages() {
    // The first page announces 4 items; later pages raise the total and bring new items
    // without end. Two pages hold 4 items; two more are allowed for items added meanwhile.
    let mut pages = vec![page(4, &["p1a", "p1b"])];
    let names: Vec<String> = (2..=20)
        .flat_map(|n| [format!("p{n}a"), format!("p{n}b")])
        .collect();
    for pair in names.chunks(2) {
        let pair: Vec<&str> = pair.iter().map(String::as_str).collect();
        pages.push(page(1_000_000, &pair));
    }
    let (results, server) = stream(&pages).await;
    assert_eq!(ids(&results).len(), 8);
    let p = pagination_error(&results);
    assert_eq!((p.page, p.received), (5, 8));
    assert!(p.reason.contains("more than 4 pages"), "{p}");
    assert_eq!(server.received(), 4);
}

#[tokio::test]
async fn without_a_total_a_short_page_is_the_last() {
    // No `totalCount`: a full page (two items, the page size) asks for the next; the page of
    // one item after it ends the stream without a third request.
    let untotalled = |ids: &[&str]| json!({"dataSet": items(ids)});
    let (results, server) = stream(&[
        untotalled(&["a", "b"]),
        untotalled(&["c"]),
        untotalled(&["d", "e"]),
    ])
    .await;
    assert_eq!(ids(&results), ["a", "b", "c"]);
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(server.received(), 2);
}
