//! /rust/files - reads /data/message.txt with std::fs. rust/files.toml mounts
//! ../_data (sample-app/workers/_data) at /data.
//!
//! 200 text/plain with the file's content, or 500 text/plain
//! `cannot read /data/message.txt: <error>` when it cannot be read.
use wasm_workers_kit::anyhow::Result;
use wasm_workers_kit::http::{Request, Response};
use wasm_workers_kit::{worker, Content};

const FILE: &str = "/data/message.txt";

#[worker]
fn files(_req: Request<String>) -> Result<Response<Content>> {
    let (status, body) = match std::fs::read_to_string(FILE) {
        Ok(text) => (200, text),
        Err(e) => (500, format!("cannot read {}: {}", FILE, e)),
    };
    Ok(Response::builder()
        .status(status)
        .header("content-type", "text/plain")
        .body(body.into())?)
}
