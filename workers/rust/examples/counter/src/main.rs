//! /rust/counter - a visit counter kept in the KV namespace "counter" (rust/counter.toml),
//! the same namespace as the C worker /counter: both advance one shared count.
//!
//! `#[worker(cache)]` hands the handler the whole namespace snapshot; the map as the
//! handler leaves it is written back, so every other key is kept as it was.
use wasm_workers_kit::anyhow::Result;
use wasm_workers_kit::http::{Request, Response};
use wasm_workers_kit::{worker, Cache, Content};

#[worker(cache)]
fn counter(_req: Request<String>, cache: &mut Cache) -> Result<Response<Content>> {
    let count = parse_count(cache.get("count")).wrapping_add(1);
    cache.insert("count".to_owned(), count.to_string());
    Ok(Response::builder()
        .header("content-type", "text/plain")
        .body(format!("count {}", count).into())?)
}

/// A plain decimal number ("0".."18446744073709551615"); missing or anything else is 0
/// (the same rule as the C worker: no sign, no spaces).
fn parse_count(value: Option<&String>) -> u64 {
    match value {
        Some(v) if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) => v.parse().unwrap_or(0),
        _ => 0,
    }
}
