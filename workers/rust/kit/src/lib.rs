//! # wasm-workers-kit
//!
//! A small kit to write workers for the Wasm Workers Server (wws) protocol in Rust, as
//! served by *Wasm Workers for Spring Boot*.
//!
//! A worker is a WASI preview1 command. For each HTTP request the host runs it once:
//!
//! * stdin holds one JSON object (see [`io::Input`]):
//!   `{"url":..,"method":..,"headers":{..},"body":..,"kv":{..},"params":{..}}`;
//! * the worker writes one JSON object to stdout (see [`io::Output`]):
//!   `{"data":..,"headers":{..},"status":200,"kv":{..},"base64":false}`;
//! * stderr goes to the server log.
//!
//! The kit turns the input into an [`http::Request<String>`], calls your handler, and
//! turns its [`http::Response<Content>`] into the output. Use [`worker`] (or [`handler`]):
//!
//! ```ignore
//! use wasm_workers_kit::{anyhow::Result, http::{Request, Response}, worker, Content};
//!
//! #[worker]
//! fn handler(req: Request<String>) -> Result<Response<Content>> {
//!     Ok(Response::builder()
//!         .header("content-type", "text/plain")
//!         .body(format!("you asked for {}", req.uri().path()).into())?)
//! }
//! ```
//!
//! The attribute takes `params` and/or `cache` (in any order), which add arguments to
//! the handler, always in this order:
//!
//! | attribute                   | handler signature                                   |
//! |-----------------------------|-----------------------------------------------------|
//! | `#[worker]`                 | `fn(Request<String>) -> Result<Response<Content>>`  |
//! | `#[worker(params)]`         | `fn(Request<String>, &Params) -> ...`               |
//! | `#[worker(cache)]`          | `fn(Request<String>, &mut Cache) -> ...`            |
//! | `#[worker(params, cache)]`  | `fn(Request<String>, &Params, &mut Cache) -> ...`   |
//!
//! `Params` holds the route parameters (`[id].wasm` gives `{"id": ..}`); `Cache` is the
//! worker's key/value namespace: its content after the handler returns becomes the new
//! state. Without `cache` the incoming KV snapshot is written back unchanged.
//!
//! Errors: if the handler returns `Err`, the output is a 500 response and the **incoming
//! KV snapshot is kept unchanged** (wws' own kit answers `"kv":{}` there, which empties
//! the namespace). The error is printed to stderr. If stdin is not a valid request
//! document, there is no snapshot to keep, so `"kv":{}` is written. A panic aborts the
//! module (the release profile uses `panic = "abort"`); the host answers 500 and keeps
//! the KV store as it was.

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};

pub use anyhow;
pub use http;
pub use wasm_workers_kit_macros::{handler, worker};

/// Route parameters: `[id].wasm` matched by `/42` gives `{"id": "42"}`.
pub type Params = HashMap<String, String>;

/// The worker's key/value namespace (a snapshot; what it holds when the handler returns
/// becomes the new state).
pub type Cache = HashMap<String, String>;

/// A response body: text, or binary bytes that are sent base64-encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// A UTF-8 body, written to `data` as it is.
    Text(String),
    /// Binary bytes, written to `data` as standard padded base64 with `"base64": true`.
    Binary(Vec<u8>),
}

impl From<String> for Content {
    fn from(s: String) -> Self {
        Content::Text(s)
    }
}

impl From<&str> for Content {
    fn from(s: &str) -> Self {
        Content::Text(s.to_owned())
    }
}

impl From<Vec<u8>> for Content {
    fn from(b: Vec<u8>) -> Self {
        Content::Binary(b)
    }
}

impl From<&[u8]> for Content {
    fn from(b: &[u8]) -> Self {
        Content::Binary(b.to_vec())
    }
}

impl<const N: usize> From<&[u8; N]> for Content {
    fn from(b: &[u8; N]) -> Self {
        Content::Binary(b.to_vec())
    }
}

/// The JSON documents of the protocol.
pub mod io {
    use super::*;
    use serde::{Deserialize, Serialize};

    /// The request document the host writes to stdin.
    #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Input {
        /// The full URL, e.g. `http://localhost:8080/users/42?x=1`.
        pub url: String,
        /// The upper-case HTTP method.
        pub method: String,
        /// Request headers, names in lower case (one value per name).
        #[serde(default)]
        pub headers: HashMap<String, String>,
        /// The request body as UTF-8 text.
        #[serde(default)]
        pub body: String,
        /// A snapshot of the worker's KV namespace.
        #[serde(default)]
        pub kv: HashMap<String, String>,
        /// Route parameters.
        #[serde(default)]
        pub params: HashMap<String, String>,
    }

    impl Input {
        /// Parses a request document.
        pub fn from_json(text: &str) -> anyhow::Result<Input> {
            Ok(serde_json::from_str(text)?)
        }

        /// Splits the document into the HTTP request, the route parameters and the KV
        /// snapshot. Header names or values that `http` rejects are skipped (and
        /// reported on stderr); an invalid method or URL is an error.
        pub fn into_parts(self) -> anyhow::Result<(http::Request<String>, Params, Cache)> {
            let mut builder = http::Request::builder()
                .method(self.method.as_str())
                .uri(self.url.as_str());
            for (name, value) in &self.headers {
                match (
                    http::header::HeaderName::from_bytes(name.as_bytes()),
                    http::header::HeaderValue::from_str(value),
                ) {
                    (Ok(n), Ok(v)) => builder = builder.header(n, v),
                    _ => eprintln!("wasm-workers-kit: skipping invalid request header {:?}", name),
                }
            }
            let request = builder.body(self.body)?;
            Ok((request, self.params, self.kv))
        }
    }

    /// The response document the worker writes to stdout.
    #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Output {
        /// The body: text, or base64 when `base64` is true.
        pub data: String,
        /// Response headers (one value per name).
        pub headers: BTreeMap<String, String>,
        /// The HTTP status code.
        pub status: u16,
        /// The complete new state of the KV namespace.
        pub kv: HashMap<String, String>,
        /// Whether `data` is base64-encoded binary.
        #[serde(default)]
        pub base64: bool,
    }

    impl Output {
        /// Builds the output from a handler's response and the KV state to keep.
        /// Repeated header values are joined with `", "`; a value that is not UTF-8 is
        /// converted lossily.
        pub fn from_response(response: http::Response<Content>, kv: Cache) -> Output {
            let (parts, body) = response.into_parts();
            let mut headers: BTreeMap<String, String> = BTreeMap::new();
            for (name, value) in parts.headers.iter() {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                headers
                    .entry(name.as_str().to_owned())
                    .and_modify(|v| {
                        v.push_str(", ");
                        v.push_str(&value);
                    })
                    .or_insert(value);
            }
            let (data, base64) = match body {
                Content::Text(text) => (text, false),
                Content::Binary(bytes) => (base64::encode(bytes), true),
            };
            Output { data, headers, status: parts.status.as_u16(), kv, base64 }
        }

        /// The 500 answer used when the request cannot be parsed or the handler fails.
        /// `kv` is written back as it is: pass the incoming snapshot to keep it.
        pub fn error(kv: Cache) -> Output {
            let mut headers = BTreeMap::new();
            headers.insert("content-type".to_owned(), "text/plain".to_owned());
            Output {
                data: "There was an error running the handler".to_owned(),
                headers,
                status: 500,
                kv,
                base64: false,
            }
        }

        /// Serialises the document to JSON.
        pub fn to_json(&self) -> String {
            // Serialising these plain maps and strings cannot fail.
            serde_json::to_string(self).expect("output serialisation")
        }
    }
}

/// Runs one request: reads stdin, calls `handler`, writes the output to stdout.
///
/// The response body may be any type that converts into [`Content`]: `Response<String>`
/// or `Response<Vec<u8>>` work as well as `Response<Content>`, so wws's tutorial worker
/// (`#[handler] fn reply(req: Request<String>) -> Result<Response<String>>`) compiles with
/// only the crate name changed.
///
/// This is what the [`worker`] attribute generates; call it yourself from `main` if you
/// prefer no macro. The handler gets the request, the route parameters and the KV
/// namespace; whatever the KV map holds when the handler returns `Ok` is written back.
pub fn run<F, B>(handler: F)
where
    F: FnOnce(http::Request<String>, &Params, &mut Cache) -> anyhow::Result<http::Response<B>>,
    B: Into<Content>,
{
    let output = handle_stdin(handler);
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(output.to_json().as_bytes())
        .and_then(|_| stdout.flush());
    if let Err(e) = written {
        eprintln!("wasm-workers-kit: cannot write the output: {}", e);
        std::process::exit(1);
    }
}

fn handle_stdin<F, B>(handler: F) -> io::Output
where
    F: FnOnce(http::Request<String>, &Params, &mut Cache) -> anyhow::Result<http::Response<B>>,
    B: Into<Content>,
{
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("wasm-workers-kit: cannot read the request from stdin: {}", e);
        return io::Output::error(Cache::new());
    }
    let input = match io::Input::from_json(&text) {
        Ok(input) => input,
        Err(e) => {
            eprintln!("wasm-workers-kit: invalid request document: {:#}", e);
            return io::Output::error(Cache::new());
        }
    };
    let incoming_kv = input.kv.clone();
    let (request, params, mut cache) = match input.into_parts() {
        Ok(parts) => parts,
        Err(e) => {
            eprintln!("wasm-workers-kit: cannot build the request: {:#}", e);
            return io::Output::error(incoming_kv);
        }
    };
    match handler(request, &params, &mut cache) {
        Ok(response) => io::Output::from_response(response.map(Into::into), cache),
        Err(e) => {
            eprintln!("wasm-workers-kit: the handler failed: {:#}", e);
            io::Output::error(incoming_kv)
        }
    }
}

/// Outbound HTTP through the wws host function `http.send-http-request`:
/// [`bindings::send_http_request`] has the shape of the wws kit's function of the same
/// name. Enabled by the `http-requests` feature, which also exports
/// `canonical_abi_realloc` / `canonical_abi_free`. (Declared last so that enabling it moves
/// nothing above.)
#[cfg(feature = "http-requests")]
pub mod bindings;
