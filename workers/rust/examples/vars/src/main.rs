//! /rust/vars - the worker's whole environment as a JSON object {"NAME":"value",...},
//! names sorted.
//!
//! The host gives a worker only the `[vars]` of its TOML file (rust/vars.toml); nothing
//! else of the host environment is inherited. This reads `std::env::vars_os()` (what
//! `std::env::vars()` reads, but a name or value that is not valid Unicode is converted
//! lossily instead of panicking).
use std::collections::BTreeMap;

use wasm_workers_kit::anyhow::Result;
use wasm_workers_kit::http::{Request, Response};
use wasm_workers_kit::{worker, Content};

#[worker]
fn vars(_req: Request<String>) -> Result<Response<Content>> {
    let env: BTreeMap<String, String> = std::env::vars_os()
        .map(|(name, value)| (name.to_string_lossy().into_owned(), value.to_string_lossy().into_owned()))
        .collect();
    Ok(Response::builder()
        .header("content-type", "application/json")
        .body(serde_json::to_string(&env)?.into())?)
}
