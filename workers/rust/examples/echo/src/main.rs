//! /rust/echo - describes the parsed request as JSON.
use serde::Serialize;
use wasm_workers_kit::anyhow::Result;
use wasm_workers_kit::http::{Request, Response};
use wasm_workers_kit::{worker, Content, Params};

#[derive(Serialize)]
struct Echo<'a> {
    method: &'a str,
    url: String,
    body: &'a str,
    params: &'a Params,
}

#[worker(params)]
fn echo(req: Request<String>, params: &Params) -> Result<Response<Content>> {
    let echo = Echo {
        method: req.method().as_str(),
        url: req.uri().to_string(),
        body: req.body(),
        params,
    };
    let json = serde_json::to_string(&echo)?;
    Ok(Response::builder()
        .header("content-type", "application/json")
        .body(json.into())?)
}
