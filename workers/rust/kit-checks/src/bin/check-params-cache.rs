//! `#[worker(params, cache)]`: stores the `id` route parameter in the KV namespace.
use wasm_workers_kit::anyhow::Result;
use wasm_workers_kit::http::{Request, Response};
use wasm_workers_kit::{worker, Cache, Content, Params};

#[worker(params, cache)]
fn remember(_req: Request<String>, params: &Params, cache: &mut Cache) -> Result<Response<Content>> {
    let id = params.get("id").cloned().unwrap_or_default();
    let previous = cache.insert("last-id".to_owned(), id.clone()).unwrap_or_default();
    Ok(Response::builder()
        .header("content-type", "text/plain")
        .body(format!("id {} previous {}", id, previous).into())?)
}
