/*
 * stdout-flood - reads its request, then writes 'x' to stdout (fd 1, no stdio buffering)
 * in 64 KiB chunks forever and never returns. A failed write is ignored and the next
 * chunk is tried, so a host that starts refusing output still has to stop the worker
 * itself (deadline or stdout cap).
 *
 * Guard for running it where nothing would stop it (the smoke test under node):
 * ?chunks=N (0 to 2^40) writes N chunks (N * 65536 bytes of 'x', which is not a valid
 * output document) and then returns 0. A ?chunks that is not such a number answers a
 * valid 400 text/plain usage text instead. Without ?chunks the flood is endless.
 */
#include <string.h>

#include "tw.h"

#define CHUNK 65536

static char chunk[CHUNK];

int main(void) {
    tw_request r;
    tw_read_request(&r, "stdout-flood");
    unsigned long long limit = 0;
    int limited = tw_query_uint(r.url, "chunks", 1ULL << 40, &limit);
    if (limited < 0) {
        static const char usage[] = "usage: no query (endless), or ?chunks=N with N from 0 to 2^40";
        return tw_answer(&r, 400, "text/plain", usage, sizeof usage - 1) == 0 ? 0 : 1;
    }
    memset(chunk, 'x', sizeof chunk);
    for (unsigned long long n = 0; !limited || n < limit; n++) {
        tw_write_all(1, chunk, sizeof chunk); /* keep going even if it failed */
    }
    return 0;
}
