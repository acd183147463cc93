//! rust-fetch - sends ONE outbound request described by the JSON body of its request,
//! `{"method":"PUT","uri":"https://...","headers":{"a":"b"},"body":"...","base64":false}`,
//! through the kit's `bindings::send_http_request`, and answers 200 application/json:
//! `{"status":200,"headers":[["name","value"],...],"body":"<base64>","bodyLength":n}` or
//! `{"error":"not-allowed","message":"..."}`. An invalid document, or a request the
//! `http` crate refuses to build, answers 400 text/plain "usage: ... (<reason>)".
use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::json;
use wasm_workers_kit::anyhow::Result;
use wasm_workers_kit::bindings::send_http_request;
use wasm_workers_kit::http::{Request, Response};
use wasm_workers_kit::{worker, Content};

#[derive(Deserialize)]
struct Instructions {
    #[serde(default)]
    method: Option<String>,
    uri: String,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    base64: bool,
}

fn usage(why: &str) -> Result<Response<Content>> {
    Ok(Response::builder().status(400).header("content-type", "text/plain").body(
        format!(
            "usage: POST a JSON document {{\"method\":\"GET\",\"uri\":\"https://...\",\"headers\":{{\"name\":\"value\"}},\"body\":\"...\",\"base64\":false}} ({})",
            why
        )
        .into(),
    )?)
}

#[worker]
fn fetch(req: Request<String>) -> Result<Response<Content>> {
    let instructions: Instructions = match serde_json::from_str(req.body()) {
        Ok(i) => i,
        Err(e) => return usage(&format!("invalid document: {}", e)),
    };
    let body = match (instructions.body, instructions.base64) {
        (Some(b), true) => match base64::decode(b) {
            Ok(bytes) => bytes,
            Err(_) => return usage("\"body\" is not valid base64"),
        },
        (Some(b), false) => b.into_bytes(),
        (None, _) => Vec::new(),
    };
    let mut builder = Request::builder()
        .method(instructions.method.as_deref().unwrap_or("GET"))
        .uri(instructions.uri.as_str());
    for (name, value) in &instructions.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let request = match builder.body(body) {
        Ok(r) => r,
        Err(e) => return usage(&format!("the http crate refuses the request: {}", e)),
    };
    let answer = match send_http_request(request) {
        Ok(response) => {
            let headers: Vec<[String; 2]> = response
                .headers()
                .iter()
                .map(|(n, v)| [n.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()])
                .collect();
            json!({
                "status": response.status().as_u16(),
                "headers": headers,
                "body": base64::encode(response.body()),
                "bodyLength": response.body().len(),
            })
        }
        Err(e) => json!({ "error": e.error.name(), "message": e.message }),
    };
    Ok(Response::builder()
        .header("content-type", "application/json")
        .body(answer.to_string().into())?)
}
