/*
 * memory-bomb - allocates memory until malloc fails, then does what ?then= says.
 *
 * It mallocs 1 MiB blocks and touches each one (writes one byte per 4 KiB page, through
 * a volatile pointer), keeping every block reachable from a volatile list head so that
 * neither the allocation nor the writes can be optimised away. Nothing is freed. In
 * wasm32 malloc grows the linear memory (memory.grow); it returns NULL once the host's
 * memory cap (or the 4 GiB of wasm32) is reached. Then one line goes to stderr
 * ("memory-bomb: malloc failed after <n> MiB") and:
 *
 *   (no ?then)      __builtin_trap(): the run ends with a trap (unreachable).
 *   ?then=trap      the same.
 *   ?then=exit      exit(1), nothing on stdout.
 *   ?then=report    a valid 200 text/plain output "allocated <n> MiB" (n = blocks that
 *                   succeeded; with a 16 MiB cap n is about 14-15: the stack, static
 *                   data and the request take the rest).
 *   ?then=loop      keeps trying to allocate (and touch) more blocks forever: only the
 *                   host's deadline ends it.
 *   anything else   400 text/plain usage text, before allocating anything.
 *
 * Guard for running it where memory is not capped (the smoke test under node):
 * ?max=N (MiB, 1 or more) stops allocating after N blocks as if malloc had failed.
 * Without it the worker grows until the host refuses memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tw.h"

#define BLOCK (1024 * 1024)
#define PAGE 4096

struct block {
    struct block *next;
};

static struct block *volatile head;      /* keeps every block reachable */
static volatile unsigned long long tries; /* the ?then=loop retries */
static unsigned long long max_mib;        /* 0: no guard */
static unsigned long long mib;            /* blocks allocated so far */

/* Allocates and touches one more block; returns 0 when malloc failed (or ?max hit). */
static int grow(void) {
    if (max_mib && mib >= max_mib) return 0;
    char *p = malloc(BLOCK);
    if (!p) return 0;
    volatile char *touch = p;
    for (size_t i = 0; i < BLOCK; i += PAGE) touch[i] = (char)(1 + (i / PAGE) % 255);
    struct block *b = (struct block *)p;
    b->next = head;
    head = b;
    mib++;
    return 1;
}

int main(void) {
    tw_request r;
    tw_read_request(&r, "memory-bomb");
    char *then = wws_query_param(r.url, "then", NULL);
    const char *mode = then ? then : "trap";
    int max_given = tw_query_uint(r.url, "max", 1ULL << 32, &max_mib);
    int bad_max = max_given < 0 || (max_given == 1 && max_mib == 0);
    int bad_then = strcmp(mode, "trap") && strcmp(mode, "exit") && strcmp(mode, "report") &&
                   strcmp(mode, "loop");
    if (bad_max || bad_then) {
        static const char usage[] =
            "usage: ?then=trap|exit|report|loop (default trap), optional ?max=N (MiB, N >= 1)";
        return tw_answer(&r, 400, "text/plain", usage, sizeof usage - 1) == 0 ? 0 : 1;
    }

    while (grow()) {
    }
    fprintf(stderr, "memory-bomb: malloc failed after %llu MiB\n", mib);

    if (strcmp(mode, "exit") == 0) exit(1);
    if (strcmp(mode, "report") == 0) {
        char body[48];
        int n = snprintf(body, sizeof body, "allocated %llu MiB", mib);
        return tw_answer(&r, 200, "text/plain", body, (size_t)n) == 0 ? 0 : 1;
    }
    if (strcmp(mode, "loop") == 0) {
        for (;;) {
            tries++;
            grow();
        }
    }
    __builtin_trap();
}
