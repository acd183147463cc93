/*
 * wws_http.c - see wws_http.h. The return area is decoded byte by byte at the offsets of
 * the ABI, not through a C struct, so that this file is also a readable statement of it.
 */
#include "wws_http.h"

#include <stdlib.h>
#include <string.h>

__attribute__((import_module("http"), import_name("send-http-request")))
extern void wws_http_import(int32_t body_tag, int32_t body_ptr, int32_t body_len,
                            int32_t headers_ptr, int32_t header_count, int32_t method,
                            int32_t params_ptr, int32_t param_count,
                            int32_t uri_ptr, int32_t uri_len, int32_t ret_ptr);

/* The host calls this for every block it returns: (0, 0, align, size) -> pointer.
 * malloc's 16-byte alignment covers the 1 and 4 the host asks for. A zero size gets a
 * non-null pointer that is never dereferenced, as in wit-bindgen. */
__attribute__((export_name("canonical_abi_realloc")))
void *canonical_abi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size) {
    (void)old_size;
    if (new_size == 0) {
        free(ptr);
        return (void *)align;
    }
    void *p = realloc(ptr, new_size);
    if (!p) abort();
    return p;
}

__attribute__((export_name("canonical_abi_free")))
void canonical_abi_free(void *ptr, size_t size, size_t align) {
    (void)align;
    if (size != 0) free(ptr);
}

_Static_assert(sizeof(wws_http_header) == 16, "a header must be the 16-byte ABI element (wasm32)");

static _Alignas(4) uint8_t ret_area[28];

static uint8_t u8_at(size_t offset) { return ret_area[offset]; }

static uint32_t u32_at(size_t offset) {
    uint32_t v;
    memcpy(&v, ret_area + offset, 4); /* wasm32 is little-endian, like the ABI */
    return v;
}

static uint16_t u16_at(size_t offset) {
    uint16_t v;
    memcpy(&v, ret_area + offset, 2);
    return v;
}

int wws_http_send(const wws_http_request *request, wws_http_result *result) {
    memset(result, 0, sizeof *result);
    memset(ret_area, 0xAA, sizeof ret_area); /* so that stale bytes cannot pass for an answer */
    wws_http_import(request->has_body ? 1 : 0,
                    request->has_body ? (int32_t)(uintptr_t)request->body : 0,
                    request->has_body ? (int32_t)request->body_len : 0,
                    (int32_t)(uintptr_t)request->headers, (int32_t)request->header_count,
                    (int32_t)request->method,
                    0, 0,
                    (int32_t)(uintptr_t)request->uri, (int32_t)request->uri_len,
                    (int32_t)(uintptr_t)ret_area);
    if (u8_at(0) == 0) {
        result->is_error = 0;
        result->has_body = u8_at(4);
        if (result->has_body) {
            result->body = (uint8_t *)(uintptr_t)u32_at(8);
            result->body_len = u32_at(12);
        }
        result->headers = (wws_http_header *)(uintptr_t)u32_at(16);
        result->header_count = u32_at(20);
        result->status = u16_at(24);
        return 0;
    }
    result->is_error = 1;
    result->error = (wws_http_error)u8_at(4);
    result->message = (char *)(uintptr_t)u32_at(8);
    result->message_len = u32_at(12);
    return 1;
}

void wws_http_result_free(wws_http_result *result) {
    if (result->is_error) {
        canonical_abi_free(result->message, result->message_len, 1);
    } else {
        if (result->has_body) canonical_abi_free(result->body, result->body_len, 1);
        for (size_t i = 0; i < result->header_count; i++) {
            canonical_abi_free((void *)result->headers[i].name, result->headers[i].name_len, 1);
            canonical_abi_free((void *)result->headers[i].value, result->headers[i].value_len, 1);
        }
        canonical_abi_free(result->headers, result->header_count * sizeof(wws_http_header), 4);
    }
    memset(result, 0, sizeof *result);
}

int wws_http_method_of(const char *name) {
    static const char *const names[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"};
    for (int i = 0; i < 7; i++) {
        if (strcmp(name, names[i]) == 0) return i;
    }
    return -1;
}

const char *wws_http_error_name(wws_http_error error) {
    static const char *const names[] = {"invalid-request", "invalid-request-body",
                                        "invalid-response-body", "not-allowed",
                                        "internal-error", "timeout", "redirect-loop"};
    return ((unsigned)error < 7) ? names[error] : "unknown";
}
