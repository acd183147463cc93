/*
 * slow - busy-waits ?ms=N milliseconds of wall clock (default 200, at most 3600000),
 * polling clock_gettime(CLOCK_MONOTONIC) in a loop that burns CPU (no sleep), then
 * answers 200 text/plain "slept <N> ms". A bad ?ms answers 400 with a usage text.
 * Used to keep worker slots busy in the concurrency tests.
 */
#include <stdio.h>
#include <time.h>

#include "tw.h"

#define DEFAULT_MS 200ULL
#define MAX_MS 3600000ULL

static volatile unsigned long long polls;

static unsigned long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

int main(void) {
    tw_request r;
    tw_read_request(&r, "slow");
    unsigned long long ms = DEFAULT_MS;
    if (tw_query_uint(r.url, "ms", MAX_MS, &ms) < 0) {
        static const char usage[] = "usage: ?ms=N with N from 0 to 3600000 (default 200)";
        return tw_answer(&r, 400, "text/plain", usage, sizeof usage - 1) == 0 ? 0 : 1;
    }
    unsigned long long start = now_ns(), wait = ms * 1000000ULL;
    while (now_ns() - start < wait) polls++;
    char body[48];
    int n = snprintf(body, sizeof body, "slept %llu ms", ms);
    return tw_answer(&r, 200, "text/plain", body, (size_t)n) == 0 ? 0 : 1;
}
