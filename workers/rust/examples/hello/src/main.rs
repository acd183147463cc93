//! GET /rust/hello - an HTML greeting.
use wasm_workers_kit::anyhow::Result;
use wasm_workers_kit::http::{Request, Response};
use wasm_workers_kit::{worker, Content};

#[worker]
fn hello(req: Request<String>) -> Result<Response<Content>> {
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Rust worker</title></head>\n\
         <body>\n<h1>Hello from a Rust worker</h1>\n<p>You sent a {} request to {}.</p>\n</body>\n</html>\n",
        req.method(),
        html_escape(req.uri().path())
    );
    Ok(Response::builder()
        .status(200)
        .header("content-type", "text/html")
        .body(body.into())?)
}

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
