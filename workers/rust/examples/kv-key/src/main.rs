//! /kv/[key] - one counter per key in the KV namespace "keys" (kv/[key].toml), for
//! concurrency tests.
//!
//! * `GET /kv/<key>` increments `kv[<key>]` (missing or not a number: 0) and answers
//!   `<key> <n>`;
//! * `DELETE /kv/<key>` removes the key and answers `<key> deleted` (also when it was
//!   not there);
//! * other methods answer 405 with `allow: GET, DELETE`.
//!
//! The output `kv` is the complete new namespace (the kit writes back the whole map), so
//! all the other keys are kept; a key missing from it is deleted by the host.
use wasm_workers_kit::anyhow::Result;
use wasm_workers_kit::http::{Method, Request, Response};
use wasm_workers_kit::{worker, Cache, Content, Params};

#[worker(params, cache)]
fn key(req: Request<String>, params: &Params, cache: &mut Cache) -> Result<Response<Content>> {
    let key = match params.get("key") {
        Some(key) if !key.is_empty() => key,
        _ => return text(400, "missing route parameter: key".to_owned()),
    };
    match *req.method() {
        Method::GET => {
            let n = parse_count(cache.get(key)).wrapping_add(1);
            cache.insert(key.clone(), n.to_string());
            text(200, format!("{} {}", key, n))
        }
        Method::DELETE => {
            cache.remove(key);
            text(200, format!("{} deleted", key))
        }
        _ => Ok(Response::builder()
            .status(405)
            .header("content-type", "text/plain")
            .header("allow", "GET, DELETE")
            .body("method not allowed: use GET or DELETE".into())?),
    }
}

fn text(status: u16, body: String) -> Result<Response<Content>> {
    Ok(Response::builder()
        .status(status)
        .header("content-type", "text/plain")
        .body(body.into())?)
}

/// A plain decimal number; missing or anything else is 0.
fn parse_count(value: Option<&String>) -> u64 {
    match value {
        Some(v) if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) => v.parse().unwrap_or(0),
        _ => 0,
    }
}
