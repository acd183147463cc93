/*
 * Self-test of the wws.c helper, run by ../smoke-test.mjs (not installed in the sample
 * app). It ignores stdin and answers a wws output document: status 200 and body "ok"
 * when every check passes, otherwise status 500 and the failed checks in the body.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wws.h"

static char failures[4096];
static int failed;

static void check_str(const char *what, char *got, const char *want) {
    int ok = (got == NULL && want == NULL) || (got && want && strcmp(got, want) == 0);
    if (!ok) {
        failed++;
        size_t used = strlen(failures);
        snprintf(failures + used, sizeof failures - used, "%s: got %s%s%s\n", what,
                 got ? "\"" : "", got ? got : "NULL", got ? "\"" : "");
    }
    free(got);
}

int main(void) {
    const char *doc =
        " { \"url\" : \"http://h/p?x=1\", \"method\":\"POST\",\n"
        "   \"headers\":{\"body\":\"not-the-body\",\"x-q\":\"a \\\"b\\\" c\",\"dup\":\"1\",\"dup\":\"2\"},\n"
        "   \"nested\":[1, -2.5e3, true, false, null, {\"a\":[{}]}, \"]}\"],\n"
        "   \"body\":\"tab\\tnl\\nq\\\"bs\\\\sl\\/u\\u00e9\\u20ac\\ud83d\\ude80 lone\\ud800x\",\n"
        "   \"kv\":{\"k\":\"v\"}, \"params\":{}, \"n\": 42 }";

    check_str("method", wws_get_string(doc, NULL, "method"), "POST");
    check_str("url", wws_get_string(doc, NULL, "url"), "http://h/p?x=1");
    check_str("body (escapes, UTF-8, surrogates)", wws_get_string(doc, NULL, "body"),
              "tab\tnl\nq\"bs\\sl/u\xc3\xa9\xe2\x82\xac\xf0\x9f\x9a\x80 lone\xef\xbf\xbdx");
    check_str("nested header", wws_get_string(doc, "headers", "x-q"), "a \"b\" c");
    check_str("header named body", wws_get_string(doc, "headers", "body"), "not-the-body");
    check_str("duplicate key, last wins", wws_get_string(doc, "headers", "dup"), "2");
    check_str("missing key", wws_get_string(doc, NULL, "nope"), NULL);
    check_str("missing parent", wws_get_string(doc, "nope", "id"), NULL);
    check_str("empty params", wws_get_string(doc, "params", "id"), NULL);
    check_str("number is not a string", wws_get_string(doc, NULL, "n"), NULL);
    check_str("raw kv", wws_get_raw(doc, "kv", "{}"), "{\"k\":\"v\"}");
    check_str("raw missing", wws_get_raw(doc, "nope", "{}"), "{}");
    check_str("raw array", wws_get_raw(doc, "nested", NULL),
              "[1, -2.5e3, true, false, null, {\"a\":[{}]}, \"]}\"]");
    check_str("malformed", wws_get_string("{\"a\":\"unterminated}", NULL, "a"), NULL);
    check_str("not an object", wws_get_string("[\"a\"]", NULL, "a"), NULL);
    check_str("bad escape", wws_get_string("{\"a\":\"\\x\"}", NULL, "a"), NULL);

    /* wws_json_object_set: change one KV key, keep all the others as they are. */
    const char *kv = wws_json_find(doc, "kv");
    check_str("set: replace", wws_json_object_set(kv, "k", "w"), "{\"k\":\"w\"}");
    check_str("set: add", wws_json_object_set(kv, "n", "1"), "{\"k\":\"v\",\"n\":\"1\"}");
    check_str("set: delete", wws_json_object_set(kv, "k", NULL), "{}");
    check_str("set: delete missing", wws_json_object_set(kv, "x", NULL), "{\"k\":\"v\"}");
    check_str("set: empty object", wws_json_object_set(" { } ", "a", "b"), "{\"a\":\"b\"}");
    check_str("set: escapes kept and written",
              wws_json_object_set("{ \"a\\\"b\" : \"x\\ny\" , \"c\":\"d\", \"c\":\"e\", \"\\u0063\":\"f\"}",
                                  "c", "q\"\n"),
              "{\"a\\\"b\" : \"x\\ny\",\"c\":\"q\\\"\\n\"}");
    check_str("set: not an object", wws_json_object_set("[1]", "a", "b"), NULL);
    check_str("set: malformed", wws_json_object_set("{\"a\":\"b\",}", "a", "b"), NULL);
    check_str("set: NULL object", wws_json_object_set(NULL, "a", "b"), NULL);

    /* wws_buf: JSON strings built in memory, embedded NUL kept by length. */
    wws_buf b = {0};
    wws_buf_puts(&b, "[");
    wws_buf_json_string(&b, "a\"\\\x01\0z", 6);
    wws_buf_puts(&b, "]");
    check_str("buf json string", b.failed ? NULL : strdup(b.data), "[\"a\\\"\\\\\\u0001\\u0000z\"]");
    wws_buf_free(&b);
    for (int i = 0; i < 10000; i++) wws_buf_append(&b, "0123456789", 10);
    check_str("buf growth", strdup(b.failed || b.len != 100000 || b.data[b.len] != '\0' ? "bad" : "ok"), "ok");
    wws_buf_free(&b);

    /* Deep nesting must fail cleanly, not overflow the stack. */
    size_t depth = 100000;
    char *deep = malloc(2 * depth + 16);
    if (deep) {
        strcpy(deep, "{\"a\":");
        size_t n = strlen(deep);
        memset(deep + n, '[', depth);
        memset(deep + n + depth, ']', depth);
        strcpy(deep + n + 2 * depth, "}");
        check_str("deep nesting", wws_get_raw(deep, "a", NULL), NULL);
        free(deep);
    }

    const wws_header headers[] = {{"content-type", "text/plain"}};
    const char *body = failed ? failures : "ok";
    return wws_write_output(failed ? 500 : 200, headers, 1, body, strlen(body), NULL) == 0 ? 0 : 1;
}
