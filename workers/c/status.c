/*
 * /status?code=NNN - answers with status NNN (default 200) and a custom header.
 *
 * The code is passed through as it is, even when it is not a valid HTTP status
 * (0, 42, 1000, -1, ...): deciding what to do with it is the host's job. A value that is
 * not a plain integer (or does not fit in 64 bits) is ignored and 200 is used.
 *
 * The header name "x_custom_header" contains underscores on purpose: the host turns
 * every '_' of a worker header name into '-', so clients see "x-custom-header".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wws.h"

/* Parses "[+-]digits" completely into *out; returns 1 on success. */
static int parse_integer(const char *s, size_t n, long long *out) {
    char buf[32];
    if (n == 0 || n >= sizeof buf) return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    const char *p = buf;
    if (*p == '+' || *p == '-') p++;
    if (*p == '\0') return 0;
    for (const char *q = p; *q; q++)
        if (*q < '0' || *q > '9') return 0;
    errno = 0;
    long long v = strtoll(buf, NULL, 10);
    if (errno == ERANGE) return 0;
    *out = v;
    return 1;
}

/* Looks for "code=..." in the query string of `url` (first occurrence wins). */
static long long status_from_url(const char *url) {
    const char *q = url ? strchr(url, '?') : NULL;
    if (!q) return 200;
    q++;
    while (*q && *q != '#') {
        size_t n = strcspn(q, "&#");
        if (n > 5 && strncmp(q, "code=", 5) == 0) {
            long long v;
            if (parse_integer(q + 5, n - 5, &v)) return v;
            return 200;
        }
        q += n;
        if (*q == '&') q++;
    }
    return 200;
}

int main(void) {
    char *input = wws_read_stdin(NULL);
    if (!input) {
        fputs("status: could not read stdin\n", stderr);
        return 1;
    }
    char *url = wws_get_string(input, NULL, "url");
    char *kv = wws_get_raw(input, "kv", "{}");

    long long status = status_from_url(url);
    char body[48];
    int body_len = snprintf(body, sizeof body, "status %lld", status);

    const wws_header headers[] = {
        {"content-type", "text/plain"},
        {"x_custom_header", "from-c"},
    };
    int rc = wws_write_output(status, headers, 2, body, (size_t)body_len, kv);
    free(kv);
    free(url);
    free(input);
    return rc == 0 ? 0 : 1;
}
