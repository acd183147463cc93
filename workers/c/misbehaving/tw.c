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

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes `n` bytes of a query component into a new NUL-terminated string. */
static char *decode(const char *s, size_t n) {
    char *out = malloc(n + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (s[i] == '+') {
            out[o++] = ' ';
        } else if (s[i] == '%' && i + 2 < n && (hi = hexval(s[i + 1])) >= 0 &&
                   (lo = hexval(s[i + 2])) >= 0) {
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    return out;
}

char *tw_query(const char *url, const char *name) {
    const char *q = url ? strchr(url, '?') : NULL;
    if (!q) return NULL;
    q++;
    while (*q && *q != '#') {
        size_t n = strcspn(q, "&#");
        size_t key_n = strcspn(q, "=&#");
        char *key = decode(q, key_n);
        int match = key && strcmp(key, name) == 0;
        free(key);
        if (match) {
            if (key_n < n) return decode(q + key_n + 1, n - key_n - 1);
            return decode("", 0);
        }
        q += n;
        if (*q == '&') q++;
    }
    return NULL;
}

int tw_query_uint(const char *url, const char *name, unsigned long long max,
                  unsigned long long *out) {
    char *v = tw_query(url, name);
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
