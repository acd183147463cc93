/*
 * fetch - sends ONE outbound request through the wws host function and answers, as JSON,
 * what came back. The request to send is the JSON document in the body of the request
 * this worker gets:
 *
 *   {"method":"PUT","uri":"http://127.0.0.1:8080/x","headers":{"a":"b"},
 *    "body":"text, or base64 when base64 is true","base64":false}
 *
 * method defaults to "GET" (GET POST PUT PATCH DELETE OPTIONS HEAD); headers (an object
 * of strings, sent in order, repeated names allowed) and body are optional: without
 * "body" the request has none (option none). The answer is 200 application/json:
 *
 *   {"status":200,"headers":[["content-type","text/plain"],...],"body":"<base64>","bodyLength":5}
 *
 * or, when the host refused or failed the request,
 *
 *   {"error":"not-allowed","message":"The host 'x' is not allowed for this worker. ..."}
 *
 * A missing or invalid document answers 400 text/plain starting with "usage: ". The
 * incoming kv is given back unchanged.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wws.h"
#include "wws_http.h"

#define MAX_HEADERS 64

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void base64_encode(wws_buf *out, const uint8_t *p, size_t n) {
    char quad[4];
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        if (i + 1 < n) v |= (uint32_t)p[i + 1] << 8;
        if (i + 2 < n) v |= p[i + 2];
        quad[0] = B64[(v >> 18) & 63];
        quad[1] = B64[(v >> 12) & 63];
        quad[2] = (i + 1 < n) ? B64[(v >> 6) & 63] : '=';
        quad[3] = (i + 2 < n) ? B64[v & 63] : '=';
        wws_buf_append(out, quad, 4);
    }
}

static int b64_value(char c) {
    const char *at = (c != '\0') ? strchr(B64, c) : NULL;
    return at ? (int)(at - B64) : -1;
}

/* Decodes padded standard base64 in place; returns the length, or -1 when invalid. */
static long base64_decode(char *s, size_t n) {
    if (n % 4 != 0) return -1;
    size_t out = 0;
    for (size_t i = 0; i < n; i += 4) {
        int v[4];
        int pad = 0;
        for (int k = 0; k < 4; k++) {
            if (s[i + k] == '=' && i + 4 == n && k >= 2) { v[k] = 0; pad++; continue; }
            if (pad) return -1;
            v[k] = b64_value(s[i + k]);
            if (v[k] < 0) return -1;
        }
        uint32_t bits = ((uint32_t)v[0] << 18) | ((uint32_t)v[1] << 12) | ((uint32_t)v[2] << 6) | (uint32_t)v[3];
        s[out++] = (char)(bits >> 16);
        if (pad < 2) s[out++] = (char)(bits >> 8);
        if (pad < 1) s[out++] = (char)bits;
    }
    return (long)out;
}

static const char *skip_ws(const char *p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

/* Reads the object of strings at `p` into `headers`; returns the count, or -1. */
static int read_headers(const char *p, wws_http_header *headers, int max) {
    int count = 0;
    p = skip_ws(p);
    if (*p != '{') return -1;
    p = skip_ws(p + 1);
    if (*p == '}') return 0;
    for (;;) {
        size_t name_len, value_len;
        char *name = wws_json_decode_string(p, &name_len);
        if (!name || count == max) return -1;
        p = skip_ws(wws_json_skip(p));
        if (*p != ':') return -1;
        p = skip_ws(p + 1);
        char *value = wws_json_decode_string(p, &value_len);
        if (!value) return -1;
        headers[count++] = (wws_http_header){name, name_len, value, value_len};
        p = skip_ws(wws_json_skip(p));
        if (*p == ',') { p = skip_ws(p + 1); continue; }
        return (*p == '}') ? count : -1;
    }
}

static int answer(const char *kv, long long status, const char *type, const char *body, size_t len) {
    const wws_header headers[] = {{"content-type", type}};
    return wws_write_output(status, headers, 1, body, len, kv) == 0 ? 0 : 1;
}

static int usage(const char *kv, const char *why) {
    wws_buf b = {0};
    wws_buf_puts(&b, "usage: POST a JSON document {\"method\":\"GET\",\"uri\":\"https://...\","
                     "\"headers\":{\"name\":\"value\"},\"body\":\"...\",\"base64\":false} (");
    wws_buf_puts(&b, why);
    wws_buf_puts(&b, ")");
    int rc = b.failed ? 1 : answer(kv, 400, "text/plain", b.data, b.len);
    wws_buf_free(&b);
    return rc;
}

int main(void) {
    char *input = wws_read_stdin(NULL);
    if (!input) {
        fputs("fetch: could not read stdin\n", stderr);
        return 1;
    }
    char *kv = wws_get_raw(input, "kv", "{}");
    char *spec = wws_get_string(input, NULL, "body");
    if (!spec || *skip_ws(spec) != '{') return usage(kv, "the request body is not a JSON object");

    char *method_name = wws_get_string(spec, NULL, "method");
    int method = wws_http_method_of(method_name ? method_name : "GET");
    if (method < 0) return usage(kv, "unknown method");
    size_t uri_len;
    const char *uri_value = wws_json_find(spec, "uri");
    char *uri = uri_value ? wws_json_decode_string(uri_value, &uri_len) : NULL;
    if (!uri) return usage(kv, "\"uri\" is missing or not a string");

    wws_http_header headers[MAX_HEADERS];
    int header_count = 0;
    const char *headers_value = wws_json_find(spec, "headers");
    if (headers_value && (header_count = read_headers(headers_value, headers, MAX_HEADERS)) < 0) {
        return usage(kv, "\"headers\" must be an object of strings");
    }

    wws_http_request request = {(wws_http_method)method, uri, uri_len, headers, (size_t)header_count, 0, NULL, 0};
    const char *body_value = wws_json_find(spec, "body");
    if (body_value) {
        size_t body_len;
        char *body = wws_json_decode_string(body_value, &body_len);
        if (!body) return usage(kv, "\"body\" must be a string");
        const char *flag = wws_json_find(spec, "base64");
        if (flag && strncmp(flag, "true", 4) == 0) {
            long decoded = base64_decode(body, body_len);
            if (decoded < 0) return usage(kv, "\"body\" is not valid base64");
            body_len = (size_t)decoded;
        }
        request.has_body = 1;
        request.body = (const uint8_t *)body;
        request.body_len = body_len;
    }

    wws_http_result result;
    wws_buf out = {0};
    if (wws_http_send(&request, &result) == 0) {
        char number[32];
        snprintf(number, sizeof number, "%u", (unsigned)result.status);
        wws_buf_puts(&out, "{\"status\":");
        wws_buf_puts(&out, number);
        wws_buf_puts(&out, ",\"headers\":[");
        for (size_t i = 0; i < result.header_count; i++) {
            wws_buf_puts(&out, i ? ",[" : "[");
            wws_buf_json_string(&out, result.headers[i].name, result.headers[i].name_len);
            wws_buf_puts(&out, ",");
            wws_buf_json_string(&out, result.headers[i].value, result.headers[i].value_len);
            wws_buf_puts(&out, "]");
        }
        wws_buf_puts(&out, "],\"body\":");
        if (result.has_body) {
            wws_buf_puts(&out, "\"");
            base64_encode(&out, result.body, result.body_len);
            wws_buf_puts(&out, "\"");
        } else {
            wws_buf_puts(&out, "null");
        }
        snprintf(number, sizeof number, "%zu", result.body_len);
        wws_buf_puts(&out, ",\"bodyLength\":");
        wws_buf_puts(&out, number);
        wws_buf_puts(&out, "}");
    } else {
        wws_buf_puts(&out, "{\"error\":");
        const char *name = wws_http_error_name(result.error);
        wws_buf_json_string(&out, name, strlen(name));
        wws_buf_puts(&out, ",\"message\":");
        wws_buf_json_string(&out, result.message, result.message_len);
        wws_buf_puts(&out, "}");
    }
    wws_http_result_free(&result);
    if (out.failed) {
        fputs("fetch: out of memory\n", stderr);
        return 1;
    }
    return answer(kv, 200, "application/json", out.data, out.len);
}
