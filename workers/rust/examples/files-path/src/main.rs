//! /rust/files/[...path] - a catch-all route: `path` is the rest of the URL path and
//! may contain `/` (or be empty).
use wasm_workers_kit::anyhow::Result;
use wasm_workers_kit::http::{Request, Response};
use wasm_workers_kit::{worker, Content, Params};

#[worker(params)]
fn files(_req: Request<String>, params: &Params) -> Result<Response<Content>> {
    let path = params.get("path").map(String::as_str).unwrap_or("");
    Ok(Response::builder()
        .header("content-type", "text/plain")
        .body(format!("path {}", path).into())?)
}
