//! `#[handler(params)]` with a `Response<Vec<u8>>` body: the bytes are sent base64-encoded.
use wasm_workers_kit::anyhow::Result;
use wasm_workers_kit::http::{Request, Response};
use wasm_workers_kit::{handler, Params};

#[handler(params)]
fn bytes(_req: Request<String>, params: &Params) -> Result<Response<Vec<u8>>> {
    let id = params.get("id").cloned().unwrap_or_default();
    let mut body = vec![0u8, 0xff];
    body.extend_from_slice(id.as_bytes());
    Ok(Response::builder().header("content-type", "application/octet-stream").body(body)?)
}
