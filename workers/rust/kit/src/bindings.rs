//! Outbound HTTP requests through the wws host function `http.send-http-request`
//! (enabled by the `http-requests` feature).
//!
//! [`send_http_request`] has the shape of the wws Rust kit's function: it takes an
//! `http::Request` whose body converts into bytes and returns the whole
//! `http::Response<Vec<u8>>`, or an [`HttpRequestError`] with the kind and the message
//! the host gave. The host sends only what the worker's `[features.http_requests]` table
//! allows.
//!
//! The call uses the core-Wasm ABI of wit-bindgen 0.2 (documented in
//! `docs/outbound-http.md`): eleven i32 parameters, 16-byte header elements, and a 28-byte
//! return area the host fills with blocks it allocates through this module's
//! `canonical_abi_realloc`; they are taken over here as `Vec`s and freed normally.

use std::alloc::Layout;
use std::fmt;

#[link(wasm_import_module = "http")]
extern "C" {
    #[link_name = "send-http-request"]
    fn host_send_http_request(
        body_tag: i32,
        body_ptr: i32,
        body_len: i32,
        headers_ptr: i32,
        header_count: i32,
        method: i32,
        params_ptr: i32,
        param_count: i32,
        uri_ptr: i32,
        uri_len: i32,
        ret_ptr: i32,
    );
}

/// The allocator the host calls for every block it returns: `(0, 0, align, size)`.
///
/// # Safety
/// Called by the host with a layout it chose; `old_ptr`/`old_len` describe a block this
/// allocator gave out, or are 0.
#[no_mangle]
pub unsafe extern "C" fn canonical_abi_realloc(
    old_ptr: *mut u8,
    old_len: usize,
    align: usize,
    new_len: usize,
) -> *mut u8 {
    if new_len == 0 {
        if old_len != 0 {
            std::alloc::dealloc(old_ptr, Layout::from_size_align_unchecked(old_len, align));
        }
        // A dangling, aligned, non-null pointer for an empty block.
        return align as *mut u8;
    }
    let layout = Layout::from_size_align_unchecked(new_len, align);
    let ptr = if old_len == 0 {
        std::alloc::alloc(layout)
    } else {
        std::alloc::realloc(old_ptr, Layout::from_size_align_unchecked(old_len, align), new_len)
    };
    if ptr.is_null() {
        std::alloc::handle_alloc_error(layout);
    }
    ptr
}

/// Frees a block given out by [`canonical_abi_realloc`].
///
/// # Safety
/// `ptr`, `len` and `align` must describe such a block.
#[no_mangle]
pub unsafe extern "C" fn canonical_abi_free(ptr: *mut u8, len: usize, align: usize) {
    if len != 0 {
        std::alloc::dealloc(ptr, Layout::from_size_align_unchecked(len, align));
    }
}

/// Why the host did not return a response, in the order of the WIT `http-error` enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpError {
    InvalidRequest,
    InvalidRequestBody,
    InvalidResponseBody,
    NotAllowed,
    InternalError,
    Timeout,
    RedirectLoop,
}

impl HttpError {
    const ALL: [HttpError; 7] = [
        HttpError::InvalidRequest,
        HttpError::InvalidRequestBody,
        HttpError::InvalidResponseBody,
        HttpError::NotAllowed,
        HttpError::InternalError,
        HttpError::Timeout,
        HttpError::RedirectLoop,
    ];

    /// The case name as the WIT file writes it, such as `not-allowed`.
    pub fn name(&self) -> &'static str {
        match self {
            HttpError::InvalidRequest => "invalid-request",
            HttpError::InvalidRequestBody => "invalid-request-body",
            HttpError::InvalidResponseBody => "invalid-response-body",
            HttpError::NotAllowed => "not-allowed",
            HttpError::InternalError => "internal-error",
            HttpError::Timeout => "timeout",
            HttpError::RedirectLoop => "redirect-loop",
        }
    }
}

/// The error the host returned: its kind and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequestError {
    pub error: HttpError,
    pub message: String,
}

impl fmt::Display for HttpRequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.error.name(), self.message)
    }
}

impl std::error::Error for HttpRequestError {}

/// 28 bytes, 4-byte aligned, filled by the host.
#[repr(C, align(4))]
struct ReturnArea([u8; 28]);

impl ReturnArea {
    fn u8(&self, offset: usize) -> u8 {
        self.0[offset]
    }
    fn u16(&self, offset: usize) -> u16 {
        u16::from_le_bytes([self.0[offset], self.0[offset + 1]])
    }
    fn u32(&self, offset: usize) -> u32 {
        let b = &self.0[offset..offset + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }
}

/// Takes over a block of bytes the host allocated with align 1.
unsafe fn take_bytes(ptr: u32, len: u32) -> Vec<u8> {
    if len == 0 {
        return Vec::new();
    }
    Vec::from_raw_parts(ptr as *mut u8, len as usize, len as usize)
}

fn method_code(method: &http::Method) -> i32 {
    match *method {
        http::Method::GET => 0,
        http::Method::POST => 1,
        http::Method::PUT => 2,
        http::Method::PATCH => 3,
        http::Method::DELETE => 4,
        http::Method::OPTIONS => 5,
        http::Method::HEAD => 6,
        // As in the wws kit: any other method is sent as GET.
        _ => 0,
    }
}

/// Sends the request through the host and waits for the whole response.
///
/// Headers whose value is not visible ASCII are skipped, as in the wws kit. The body is
/// always sent (empty when the request has none).
pub fn send_http_request<T>(request: http::Request<T>) -> Result<http::Response<Vec<u8>>, HttpRequestError>
where
    T: Into<Vec<u8>>,
{
    let method = method_code(request.method());
    let uri = request.uri().to_string();
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .filter_map(|(name, value)| value.to_str().ok().map(|v| (name.as_str().to_owned(), v.to_owned())))
        .collect();
    // The 16-byte list elements: name pointer, name length, value pointer, value length.
    let elements: Vec<[u32; 4]> = headers
        .iter()
        .map(|(n, v)| [n.as_ptr() as u32, n.len() as u32, v.as_ptr() as u32, v.len() as u32])
        .collect();
    let body: Vec<u8> = request.into_body().into();
    let mut ret = ReturnArea([0; 28]);
    unsafe {
        host_send_http_request(
            1,
            body.as_ptr() as i32,
            body.len() as i32,
            elements.as_ptr() as i32,
            elements.len() as i32,
            method,
            0,
            0,
            uri.as_ptr() as i32,
            uri.len() as i32,
            &mut ret as *mut ReturnArea as i32,
        );
    }
    if ret.u8(0) != 0 {
        let error = HttpError::ALL.get(ret.u8(4) as usize).copied().unwrap_or(HttpError::InternalError);
        let message = unsafe { take_bytes(ret.u32(8), ret.u32(12)) };
        return Err(HttpRequestError { error, message: String::from_utf8_lossy(&message).into_owned() });
    }
    let body = if ret.u8(4) == 1 { unsafe { take_bytes(ret.u32(8), ret.u32(12)) } } else { Vec::new() };
    let mut builder = http::Response::builder().status(ret.u16(24));
    let (list, count) = (ret.u32(16), ret.u32(20) as usize);
    for i in 0..count {
        // Safety: the host wrote `count` elements of four u32 at `list`.
        let element = unsafe { std::ptr::read_unaligned((list as usize + i * 16) as *const [u32; 4]) };
        let name = unsafe { take_bytes(element[0], element[1]) };
        let value = unsafe { take_bytes(element[2], element[3]) };
        builder = builder.header(name.as_slice(), value.as_slice());
    }
    if count != 0 {
        unsafe { canonical_abi_free(list as *mut u8, count * 16, 4) };
    }
    builder.body(body).map_err(|e| HttpRequestError {
        error: HttpError::InvalidResponseBody,
        message: format!("the response cannot be represented: {}", e),
    })
}
