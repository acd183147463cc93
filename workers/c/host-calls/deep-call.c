/*
 * deep-call - recurses to a given depth and only then makes one host call, so that the
 * host call starts with whatever is left of the thread's stack.
 *
 *   ?depth=N   levels of recursion before the call (0 to 10000000)
 *   ?op=NAME   the call made at the bottom:
 *              none   no call at all (to find the deepest recursion that still returns)
 *              fetch  one outbound GET of the URI in the request body (http.send-http-request)
 *              file   writes, reads back and removes data/deep.txt (path_open, fd_write,
 *                     fd_read, fd_close, path_unlink_file), in the folder mounted at /data
 *              write  writes one line to stderr (fd_write)
 *
 * The answer is 200 text/plain: "none", "fetched <status>", "fetch failed <kind>",
 * "file ok", "file failed <errno>" or "written". A bad query answers 400. Running out of
 * stack traps, which is what a run near the limit is expected to do.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../misbehaving/tw.h"
#include "../wws_http.h"

typedef struct {
    const char *op;
    const char *uri;
    char answer[96];
} call;

static void fetch(call *c) {
    wws_http_request request = {WWS_HTTP_GET, c->uri, strlen(c->uri), NULL, 0, 0, NULL, 0};
    wws_http_result result;
    if (wws_http_send(&request, &result) == 0) {
        snprintf(c->answer, sizeof c->answer, "fetched %u", (unsigned)result.status);
    } else {
        snprintf(c->answer, sizeof c->answer, "fetch failed %s", wws_http_error_name(result.error));
    }
    wws_http_result_free(&result);
}

static void file(call *c) {
    static const char text[] = "deep";
    char back[8] = {0};
    FILE *out = fopen("/data/deep.txt", "w");
    int ok = out && fwrite(text, 1, 4, out) == 4;
    if (out && fclose(out) != 0) ok = 0;
    FILE *in = ok ? fopen("/data/deep.txt", "r") : NULL;
    ok = in && fread(back, 1, sizeof back, in) == 4 && memcmp(back, text, 4) == 0;
    if (in) fclose(in);
    if (ok && unlink("/data/deep.txt") != 0) ok = 0;
    if (ok) {
        strcpy(c->answer, "file ok");
    } else {
        snprintf(c->answer, sizeof c->answer, "file failed %d", errno);
    }
}

__attribute__((noinline)) static void bottom(call *c) {
    if (strcmp(c->op, "fetch") == 0) {
        fetch(c);
    } else if (strcmp(c->op, "file") == 0) {
        file(c);
    } else if (strcmp(c->op, "write") == 0) {
        static const char line[] = "deep-call: written at the bottom\n";
        strcpy(c->answer, write(2, line, sizeof line - 1) > 0 ? "written" : "write failed");
    } else {
        strcpy(c->answer, "none");
    }
}

static volatile unsigned long deepest;

/* Not a tail call (a store follows it), and nothing on the module's own stack in linear
 * memory, so that every level costs a frame on the host's stack only. */
__attribute__((noinline)) static unsigned long down(unsigned long depth, call *c) {
    if (depth == 0) {
        bottom(c);
        return 0;
    }
    unsigned long below = down(depth - 1, c);
    deepest = depth;
    return below + 1;
}

int main(void) {
    tw_request r;
    tw_read_request(&r, "deep-call");
    unsigned long long depth = 0;
    call c = {0};
    c.op = r.url ? wws_query_param(r.url, "op", NULL) : NULL;
    c.uri = r.input ? wws_get_string(r.input, NULL, "body") : NULL;
    if (!c.op || tw_query_uint(r.url, "depth", 10000000, &depth) < 0 || (strcmp(c.op, "fetch") == 0 && (!c.uri || !*c.uri))) {
        static const char usage[] = "usage: ?depth=N&op=none|fetch|file|write, the URI to fetch in the body";
        return tw_answer(&r, 400, "text/plain", usage, sizeof usage - 1) == 0 ? 0 : 1;
    }
    unsigned long levels = down((unsigned long)depth, &c);
    if (levels != depth) return 2;
    return tw_answer(&r, 200, "text/plain", c.answer, strlen(c.answer)) == 0 ? 0 : 1;
}
