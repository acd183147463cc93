/* tw.c - see tw.h. */
#include "tw.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void tw_read_request(tw_request *r, const char *name) {
    r->input = wws_read_stdin(NULL);
    if (!r->input) fprintf(stderr, "%s: could not read stdin\n", name);
    r->url = r->input ? wws_get_string(r->input, NULL, "url") : NULL;
    r->kv = r->input ? wws_get_raw(r->input, "kv", "{}") : NULL;
    /* A NULL kv is written as "{}" by wws_write_output(). */
}

int tw_query_uint(const char *url, const char *name, unsigned long long max,
                  unsigned long long *out) {
    char *v = wws_query_param(url, name, NULL);
    if (!v) return 0;
    int ok = v[0] != '\0' && strlen(v) <= 19;
    unsigned long long n = 0;
    for (const char *p = v; ok && *p; p++) {
        if (*p < '0' || *p > '9') ok = 0;
        else n = n * 10 + (unsigned long long)(*p - '0');
    }
    free(v);
    if (!ok || n > max) return -1;
    *out = n;
    return 1;
}

int tw_answer(const tw_request *r, long long status, const char *content_type,
              const char *body, size_t len) {
    const wws_header headers[] = {{"content-type", content_type}};
    return wws_write_output(status, headers, 1, body, len, r->kv);
}

int tw_write_all(int fd, const char *p, size_t len) {
    while (len > 0) {
        ssize_t put = write(fd, p, len);
        if (put < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += put;
        len -= (size_t)put;
    }
    return 0;
}
