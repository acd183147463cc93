//! `#[worker(cache)]`: a visit counter kept in the KV namespace under "counter".
use wasm_workers_kit::anyhow::Result;
use wasm_workers_kit::http::{Request, Response};
use wasm_workers_kit::{worker, Cache, Content};

#[worker(cache)]
fn counter(_req: Request<String>, cache: &mut Cache) -> Result<Response<Content>> {
    let count: u64 = cache.get("counter").and_then(|v| v.parse().ok()).unwrap_or(0) + 1;
    cache.insert("counter".to_owned(), count.to_string());
    Ok(Response::builder()
        .header("content-type", "text/plain")
        .body(format!("count {}", count).into())?)
}
