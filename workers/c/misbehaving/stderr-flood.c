/*
 * stderr-flood - writes exactly 10 MiB (10485760 bytes) of text to stderr (fd 2), as
 * 163840 lines of 64 bytes ("stderr-flood line 0000001 " padded with '.', then '\n'),
 * in 64 KiB chunks, then answers a valid 200 text/plain "done". Failed stderr writes are
 * ignored: the answer comes either way. The host must neither keep all of it in memory
 * nor let it hold up or break the response.
 */
#include <stdio.h>
#include <string.h>

#include "tw.h"

#define TOTAL (10 * 1024 * 1024)
#define CHUNK 65536
#define LINE 64

static char chunk[CHUNK];

int main(void) {
    tw_request r;
    tw_read_request(&r, "stderr-flood");
    unsigned line = 0;
    for (size_t sent = 0; sent < TOTAL; sent += CHUNK) {
        for (size_t off = 0; off < CHUNK; off += LINE) {
            char *l = chunk + off;
            memset(l, '.', LINE - 1);
            int n = snprintf(l, LINE, "stderr-flood line %07u ", ++line);
            l[n] = '.'; /* replace snprintf's terminator with padding */
            l[LINE - 1] = '\n';
        }
        tw_write_all(2, chunk, CHUNK);
    }
    return tw_answer(&r, 200, "text/plain", "done", 4) == 0 ? 0 : 1;
}
