/*
 * /reactor and /reactor-init - a WASI *reactor* (clang -mexec-model=reactor): the module
 * exports _initialize and no _start, as every wws Zig example does. wasi-libc's
 * _initialize runs the C constructors; `main` is never called.
 *
 * Built twice by build.sh:
 *   reactor.wasm       a constructor prepares a greeting, and the default export ""
 *                      (which the host calls after _initialize) reads the request and
 *                      answers with it: the answer shows that _initialize ran first.
 *   reactor-init.wasm  (-DWWS_ANSWER_IN_INITIALIZE) the constructor answers the request
 *                      itself and there is no default export, the shape Zig gives a
 *                      reactor whose `main` runs inside _initialize.
 *
 * Both answer 200 text/plain "<how>: <METHOD> <url>" and give the incoming kv back.
 */
#include <stdio.h>
#include <stdlib.h>

#include "wws.h"

static const char *how = "the default export ran without _initialize";

static void answer(void) {
    char *input = wws_read_stdin(NULL);
    if (!input) {
        fputs("reactor: could not read stdin\n", stderr);
        exit(1);
    }
    char *method = wws_get_string(input, NULL, "method");
    char *url = wws_get_string(input, NULL, "url");
    char *kv = wws_get_raw(input, "kv", "{}");

    wws_buf body = {0};
    wws_buf_puts(&body, how);
    wws_buf_puts(&body, ": ");
    wws_buf_puts(&body, method ? method : "?");
    wws_buf_puts(&body, " ");
    wws_buf_puts(&body, url ? url : "?");
    const wws_header headers[] = {{"content-type", "text/plain"}};
    int rc = body.failed ? -1 : wws_write_output(200, headers, 1, body.data, body.len, kv);

    wws_buf_free(&body);
    free(kv);
    free(url);
    free(method);
    free(input);
    if (rc != 0) {
        exit(1);
    }
}

#ifdef WWS_ANSWER_IN_INITIALIZE

__attribute__((constructor)) static void answer_in_initialize(void) {
    how = "answered by _initialize";
    answer();
}

#else

__attribute__((constructor)) static void prepare(void) {
    how = "_initialize ran, then the default export answered";
}

__attribute__((export_name(""))) void handle(void) {
    answer();
}

#endif
