//! /rust/users/[id] - a dynamic route: `[id]` matches one path segment.
use wasm_workers_kit::anyhow::Result;
use wasm_workers_kit::http::{Request, Response};
use wasm_workers_kit::{worker, Content, Params};

#[worker(params)]
fn user(_req: Request<String>, params: &Params) -> Result<Response<Content>> {
    let response = match params.get("id") {
        Some(id) => Response::builder()
            .header("content-type", "text/plain")
            .body(format!("user {}", id).into())?,
        None => Response::builder()
            .status(400)
            .header("content-type", "text/plain")
            .body("missing route parameter: id".into())?,
    };
    Ok(response)
}
