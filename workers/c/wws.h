/*
 * wws.h - a tiny helper for writing Wasm Workers Server (wws) protocol workers in C.
 *
 * A worker is a WASI preview1 command. For every HTTP request the host runs `_start`
 * once, writes one JSON object to stdin:
 *
 *   {"url":"http://host/path?q","method":"GET","headers":{"name":"value"},
 *    "body":"<utf-8 text>","kv":{},"params":{"id":"42"}}
 *
 * and expects ONE JSON object on stdout:
 *
 *   {"data":"<body>","headers":{"content-type":"..."},"status":200,"kv":{},"base64":false}
 *
 * This is an example helper, not a JSON library. Its limits, on purpose:
 *   - It only *reads* strings: wws_get_string() returns the decoded value of a string
 *     field, either top-level or one level down (e.g. "headers" / "user-agent").
 *     Other value types (numbers, booleans, arrays) are skipped over but not returned.
 *   - It scans the input in place; the whole of stdin is kept in memory.
 *   - \uXXXX escapes (surrogate pairs included) are decoded to UTF-8; a lone surrogate
 *     becomes U+FFFD. A "\u0000" escape is decoded, so a C string would stop there:
 *     use the returned length if that matters.
 *   - Output is written with one fixed shape: status, headers given as name/value pairs,
 *     a text body (JSON-escaped here) and a raw JSON object for "kv".
 *   - Invalid input JSON is not diagnosed beyond "field not found".
 *   - To change the KV map, wws_json_object_set() copies an object with one key set or
 *     removed; wws_buf builds a body (or any JSON text) in memory.
 */
#ifndef WWS_H
#define WWS_H

#include <dirent.h>
#include <stddef.h>

/* Reads all of stdin into a malloc'ed, NUL-terminated buffer. Returns NULL on error.
 * If len is not NULL it receives the byte count (without the terminator). */
char *wws_read_stdin(size_t *len);

/* Finds the value of `key` in the JSON object that starts at `object` (leading
 * whitespace allowed). Returns a pointer to the first character of the value inside the
 * input text, or NULL when `object` is not an object or has no such key. If the key
 * occurs more than once, the last occurrence wins (like most JSON parsers). */
const char *wws_json_find(const char *object, const char *key);

/* Returns the end of the JSON value that starts at `value` (one past its last
 * character), or NULL if the value is malformed. */
const char *wws_json_skip(const char *value);

/* Decodes the JSON string that starts at `value` (which must point at a '"') into a
 * new malloc'ed UTF-8 C string. Returns NULL if `value` is not a valid string.
 * If len is not NULL it receives the decoded length. */
char *wws_json_decode_string(const char *value, size_t *len);

/* Convenience: the decoded string field `key` of the top-level object `json` (when
 * `parent` is NULL) or of its nested object `parent`, e.g.
 *   wws_get_string(input, NULL, "method")            -> "GET"
 *   wws_get_string(input, "params", "id")            -> "42"
 *   wws_get_string(input, "headers", "user-agent")   -> "curl/8.4.0"
 * Returns a malloc'ed string, or NULL when missing or not a string. */
char *wws_get_string(const char *json, const char *parent, const char *key);

/* Copies the raw JSON text of the top-level field `key` (for example "kv") into a new
 * malloc'ed string; returns a copy of `fallback` when missing. Handy to pass the
 * incoming KV snapshot back unchanged. */
char *wws_get_raw(const char *json, const char *key, const char *fallback);

/* Writes `s` (UTF-8, `len` bytes) as a JSON string literal, quotes included, to stdout.
 * Control characters, '"' and '\\' are escaped; other bytes are copied as they are. */
void wws_write_json_string(const char *s, size_t len);

/* One response header. */
typedef struct {
    const char *name;
    const char *value;
} wws_header;

/* Writes the output object to stdout and flushes it:
 *   {"data":<body>,"headers":{...},"status":<status>,"kv":<kv_json>,"base64":false}
 * `status` is written as it is (the host decides what to do with invalid codes).
 * `kv_json` must be the text of a JSON object; NULL means "{}" (which, for a worker
 * with a KV namespace, empties the namespace: pass the incoming "kv" to keep it).
 * Returns 0 on success, -1 if writing to stdout failed. */
int wws_write_output(long long status, const wws_header *headers, size_t header_count,
                     const char *body, size_t body_len, const char *kv_json);

/* ---- Building text in memory ---------------------------------------------------- */

/* A growable byte buffer for bodies and JSON text. Start with `wws_buf b = {0};`.
 * `data` is kept NUL-terminated (when not NULL). If an allocation fails, `failed` is set
 * and later appends do nothing, so check it once at the end. */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
    int failed;
} wws_buf;

/* Appends `n` bytes. Returns 0, or -1 if the buffer has failed. */
int wws_buf_append(wws_buf *b, const char *s, size_t n);

/* Appends a C string. */
int wws_buf_puts(wws_buf *b, const char *s);

/* Appends `s` (`len` bytes) as a JSON string literal, quotes included, escaped like
 * wws_write_json_string(). */
int wws_buf_json_string(wws_buf *b, const char *s, size_t len);

/* Frees the buffer's memory and resets it to empty. */
void wws_buf_free(wws_buf *b);

/* Copies the JSON object that starts at `object` (for example the incoming "kv", found
 * with wws_json_find(input, "kv")) into a new malloc'ed JSON object text in which every
 * member named `key` is removed and, when `value` is not NULL, "key":"value" is added at
 * the end. The other members are copied unchanged. Returns NULL if `object` is not a
 * valid JSON object or memory runs out. This is how a C worker changes one KV key while
 * keeping all the others:
 *   char *kv = wws_json_object_set(wws_json_find(input, "kv"), "count", "42");   set
 *   char *kv = wws_json_object_set(wws_json_find(input, "kv"), "count", NULL);   delete
 */
char *wws_json_object_set(const char *object, const char *key, const char *value);

/* The value of the first query parameter called `name` in the request URL `url`,
 * percent-decoded ('+' is a space, %XX a byte; a '%' without two hex digits stays as it
 * is) into a new malloc'ed string, "" for a parameter without '='; NULL when the URL has
 * no such parameter or memory runs out. When `len` is not NULL it gets the decoded
 * length (the value may contain NUL bytes). */
char *wws_query_param(const char *url, const char *name, size_t *len);

/* Reads the names of the entries of the open directory `dir` with readdir(), leaving out
 * "." and "..", in the order readdir() gives them, and closes `dir`. Returns 0 and sets
 * `*names` to a malloc'ed array of `*count` malloc'ed strings (free it with
 * wws_free_names()), or returns the errno value of the failure (ENOMEM when memory runs
 * out) with `*names` NULL and `*count` 0. */
int wws_read_dir(DIR *dir, char ***names, size_t *count);

/* Frees the names returned by wws_read_dir(). */
void wws_free_names(char **names, size_t count);

#endif /* WWS_H */
