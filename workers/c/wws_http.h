/*
 * wws_http.h - outbound HTTP for C workers: a binding of the wws host function
 * `http.send-http-request` (the core-Wasm ABI of wit-bindgen 0.2's canonical ABI, the
 * one the wws Rust and Go kits use), written by hand.
 *
 * The host call, as the module imports it (module "http", name "send-http-request"):
 *
 *   void send(i32 body_tag, i32 body_ptr, i32 body_len,      option<list<u8>>
 *             i32 headers_ptr, i32 header_count,             list<tuple<string,string>>
 *             i32 method,                                    enum, 0 GET .. 6 HEAD
 *             i32 params_ptr, i32 param_count,               list<tuple<..>>, ignored
 *             i32 uri_ptr, i32 uri_len,                      string (UTF-8)
 *             i32 ret_ptr);                                  28-byte return area
 *
 * A list element of tuple<string,string> is 16 bytes: name_ptr, name_len, value_ptr,
 * value_len (i32 little-endian) - on wasm32 exactly the layout of wws_http_header below.
 *
 * Return area: u8 @0 = 0 ok / 1 error.
 *   ok:    u8 @4 body tag, i32 @8 body ptr, i32 @12 body len, i32 @16 headers ptr,
 *          i32 @20 header count, u16 @24 status
 *   error: u8 @4 error kind, i32 @8 message ptr, i32 @12 message len
 *
 * Everything the host returns (the body, the header array, each header string, the error
 * message) is allocated inside this module by its export `canonical_abi_realloc(0, 0,
 * align, size)`; wws_http.c exports it (and `canonical_abi_free`) on top of malloc, so
 * wws_http_result_free() releases it with free(). The module must also export its
 * memory as "memory" (wasm-ld does by default).
 *
 * The host checks each request against the worker's [features.http_requests] table
 * (allowed_hosts, allowed_methods, allow_http) and answers not-allowed otherwise.
 */
#ifndef WWS_HTTP_H
#define WWS_HTTP_H

#include <stddef.h>
#include <stdint.h>

/* http-method, in the order of the WIT enum: the value is the ABI code. */
typedef enum {
    WWS_HTTP_GET = 0,
    WWS_HTTP_POST = 1,
    WWS_HTTP_PUT = 2,
    WWS_HTTP_PATCH = 3,
    WWS_HTTP_DELETE = 4,
    WWS_HTTP_OPTIONS = 5,
    WWS_HTTP_HEAD = 6
} wws_http_method;

/* http-error, in the order of the WIT enum: the value is the ABI code. */
typedef enum {
    WWS_HTTP_ERROR_INVALID_REQUEST = 0,
    WWS_HTTP_ERROR_INVALID_REQUEST_BODY = 1,
    WWS_HTTP_ERROR_INVALID_RESPONSE_BODY = 2,
    WWS_HTTP_ERROR_NOT_ALLOWED = 3,
    WWS_HTTP_ERROR_INTERNAL_ERROR = 4,
    WWS_HTTP_ERROR_TIMEOUT = 5,
    WWS_HTTP_ERROR_REDIRECT_LOOP = 6
} wws_http_error;

/* One header: on wasm32 this struct is the 16-byte ABI element. Strings are not
 * NUL-terminated when they come from the host: use the lengths. */
typedef struct {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
} wws_http_header;

typedef struct {
    wws_http_method method;
    const char *uri;                  /* UTF-8, uri_len bytes */
    size_t uri_len;
    const wws_http_header *headers;   /* header_count elements, sent in this order */
    size_t header_count;
    int has_body;                     /* 0: none (the host sends an empty body) */
    const uint8_t *body;
    size_t body_len;
} wws_http_request;

typedef struct {
    int is_error;
    /* when is_error == 0 */
    uint16_t status;
    int has_body;                     /* the host always answers 1 */
    uint8_t *body;
    size_t body_len;
    wws_http_header *headers;         /* lower-case names, one element per value */
    size_t header_count;
    /* when is_error == 1 */
    wws_http_error error;
    char *message;
    size_t message_len;
} wws_http_result;

/* Sends the request through the host and fills `result`. Returns 0 when the host
 * answered a response (whatever its status), 1 when it answered an error. */
int wws_http_send(const wws_http_request *request, wws_http_result *result);

/* Frees what the host allocated for `result`. */
void wws_http_result_free(wws_http_result *result);

/* "GET" .. "HEAD" -> the method; returns -1 for another name. */
int wws_http_method_of(const char *name);

/* The WIT name of an error kind ("invalid-request" .. "redirect-loop"), or "unknown". */
const char *wws_http_error_name(wws_http_error error);

#endif /* WWS_HTTP_H */
