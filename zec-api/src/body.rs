//! Reading an answer's body as a stream, up to a limit: a server cannot make the client hold
//! more than the limit in memory, however long or endless the body it sends.

/// Why a body could not be read whole.
#[derive(Debug)]
pub(crate) enum BodyError {
    /// It is longer than the limit (by its `Content-Length`, or as it arrived).
    TooLarge,
    /// Reading failed (connection lost, timeout).
    Failed(reqwest::Error),
}

/// The first allocation for a body, whatever `Content-Length` claims.
const INITIAL_CAPACITY: u64 = 64 * 1024;

/// The whole body of `response`, if it has at most `limit` bytes. Over the limit, reading
/// stops; dropping the response then closes the connection instead of returning it to the
/// pool, so the rest is never read.
pub(crate) async fn read_limited(
    response: &mut reqwest::Response,
    limit: u64,
) -> Result<Vec<u8>, BodyError> {
    let announced = response.content_length();
    if announced.is_some_and(|n| n > limit) {
        return Err(BodyError::TooLarge);
    }
    let capacity = announced.unwrap_or(0).min(INITIAL_CAPACITY).min(limit);
    let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Failed)? {
        let total = (body.len() as u64).saturating_add(chunk.len() as u64);
        if total > limit {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
