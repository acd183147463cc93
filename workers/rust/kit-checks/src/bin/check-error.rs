//! A handler that changes the KV map and then fails: the kit must answer 500 and give
//! back the *incoming* KV snapshot, not the modified map and not an empty one.
use wasm_workers_kit::anyhow::{bail, Result};
use wasm_workers_kit::http::{Request, Response};
use wasm_workers_kit::{worker, Cache, Content};

#[worker(cache)]
fn fails(_req: Request<String>, cache: &mut Cache) -> Result<Response<Content>> {
    cache.clear();
    cache.insert("should-not".to_owned(), "be-kept".to_owned());
    bail!("this handler always fails")
}
