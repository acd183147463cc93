/* GET /hello - a static HTML greeting from C. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wws.h"

int main(void) {
    char *input = wws_read_stdin(NULL);
    if (!input) {
        fputs("hello: could not read stdin\n", stderr);
        return 1;
    }
    /* Give the KV snapshot back untouched (matters only if a namespace is configured). */
    char *kv = wws_get_raw(input, "kv", "{}");

    static const char body[] =
        "<!DOCTYPE html>\n"
        "<html lang=\"en\">\n"
        "<head><meta charset=\"utf-8\"><title>C worker</title></head>\n"
        "<body>\n"
        "<h1>Hello from a C worker</h1>\n"
        "<p>This page was written by a WebAssembly module compiled from C (clang, wasm32-wasi).</p>\n"
        "</body>\n"
        "</html>\n";
    const wws_header headers[] = {{"content-type", "text/html"}};

    int rc = wws_write_output(200, headers, 1, body, sizeof body - 1, kv);
    free(kv);
    free(input);
    return rc == 0 ? 0 : 1;
}
