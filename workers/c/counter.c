/*
 * /counter - a visit counter kept in the KV namespace "counter" (see counter.toml).
 *
 * Reads kv["count"] (missing, or not a plain decimal number: 0), adds one, and answers
 * `count <n>` as text/plain. The output "kv" is the complete new namespace: the incoming
 * snapshot with "count" replaced, every other key kept as it was. rust/counter.wasm
 * shares the same namespace, so both routes advance the same count.
 */
#include <stdio.h>
#include <stdlib.h>

#include "wws.h"

/* Parses a plain decimal number ("0".."18446744073709551615"); anything else gives 0. */
static unsigned long long parse_count(const char *s) {
    unsigned long long n = 0;
    if (!s || !*s) return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return 0;
        unsigned digit = (unsigned)(*s - '0');
        if (n > (~0ULL - digit) / 10) return 0; /* does not fit in 64 bits */
        n = n * 10 + digit;
    }
    return n;
}

int main(void) {
    char *input = wws_read_stdin(NULL);
    if (!input) {
        fputs("counter: could not read stdin\n", stderr);
        return 1;
    }
    char *current = wws_get_string(input, "kv", "count");
    unsigned long long count = parse_count(current) + 1; /* wraps to 0 after 2^64-1 */

    char value[24];
    snprintf(value, sizeof value, "%llu", count);
    char *kv = wws_json_object_set(wws_json_find(input, "kv"), "count", value);
    if (!kv) kv = wws_json_object_set("{}", "count", value); /* no usable snapshot */

    char body[32];
    int body_len = snprintf(body, sizeof body, "count %s", value);
    const wws_header headers[] = {{"content-type", "text/plain"}};
    int rc = kv ? wws_write_output(200, headers, 1, body, (size_t)body_len, kv) : -1;
    free(kv);
    free(current);
    free(input);
    return rc == 0 ? 0 : 1;
}
