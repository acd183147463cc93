/*
 * huge-memory - declares an initial linear memory of 15,000 pages (937.5 MiB; linked with
 * --initial-memory, see workers/build.sh), then reads its request and answers 200
 * text/plain "ok" without touching that memory.
 *
 * The module is small: the memory is declared, not stored. A host that gave every module
 * its declared initial memory whatever its cap would allocate 937.5 MiB per run; ours
 * refuses to load it under the default 128 MB cap (its route answers 500, naming both
 * sizes), and with a larger cap of its own ([limits] max_memory = "1GB") a run that
 * cannot get the memory from the JVM's heap ends with the error page, not the server.
 */
#include "tw.h"

int main(void) {
    tw_request r;
    tw_read_request(&r, "huge-memory");
    return tw_answer(&r, 200, "text/plain", "ok", 2) == 0 ? 0 : 1;
}
