/*
 * big-output - answers a valid 200 text/plain output whose "data" is ?kb=N KiB of 'a'
 * (default 1024 = 1 MiB; 0 to 1048576 = 1 GiB). The document is streamed straight to
 * fd 1 in 64 KiB chunks, without building it in memory, so the worker's own memory stays
 * small whatever N is:
 *
 *   {"data":"aaa...a","headers":{"content-type":"text/plain"},"status":200,"kv":<kv>,"base64":false}
 *
 * With the incoming kv {} that is exactly N * 1024 + 87 bytes of stdout. A bad ?kb answers
 * 400 with a usage text. If a write fails (a host that rejects output over its cap), the
 * worker says so on stderr and exits with code 1.
 * Used to test the host's stdout cap on both sides of the limit.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tw.h"

#define DEFAULT_KB 1024ULL
#define MAX_KB (1024ULL * 1024ULL)
#define CHUNK 65536

static char chunk[CHUNK];

int main(void) {
    tw_request r;
    tw_read_request(&r, "big-output");
    unsigned long long kb = DEFAULT_KB;
    if (tw_query_uint(r.url, "kb", MAX_KB, &kb) < 0) {
        static const char usage[] = "usage: ?kb=N with N from 0 to 1048576 (default 1024)";
        return tw_answer(&r, 400, "text/plain", usage, sizeof usage - 1) == 0 ? 0 : 1;
    }
    memset(chunk, 'a', sizeof chunk);
    static const char head[] = "{\"data\":\"";
    static const char tail[] = "\",\"headers\":{\"content-type\":\"text/plain\"},\"status\":200,\"kv\":";
    static const char end[] = ",\"base64\":false}";
    const char *kv = r.kv ? r.kv : "{}";

    unsigned long long left = kb * 1024ULL;
    int failed = tw_write_all(1, head, sizeof head - 1);
    while (!failed && left > 0) {
        size_t n = left < CHUNK ? (size_t)left : CHUNK;
        failed = tw_write_all(1, chunk, n);
        left -= n;
    }
    if (!failed) failed = tw_write_all(1, tail, sizeof tail - 1);
    if (!failed) failed = tw_write_all(1, kv, strlen(kv));
    if (!failed) failed = tw_write_all(1, end, sizeof end - 1);
    if (failed) {
        fprintf(stderr, "big-output: writing stdout failed after %llu of %llu data bytes: %s\n",
                kb * 1024ULL - left, kb * 1024ULL, strerror(errno));
        return 1;
    }
    return 0;
}
