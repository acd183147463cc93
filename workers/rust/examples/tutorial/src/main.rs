//! GET /rust/tutorial - the worker of the wws tutorial, as written there for wws's own kit
//! (crate `wasm_workers_rs`), with only the crate name changed: `#[handler]` and a
//! `Response<String>` body work as they do with wws.
use anyhow::Result;
use wasm_workers_kit::{
    handler,
    http::{self, Request, Response},
};

#[handler]
fn reply(req: Request<String>) -> Result<Response<String>> {
    Ok(http::Response::builder()
        .status(200)
        .header("x-generated-by", "wasm-workers-server")
        .body(String::from("Hello Wasm!").into())?)
}
