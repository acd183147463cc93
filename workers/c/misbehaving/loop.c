/*
 * loop - reads its request, then spins forever and never writes anything.
 * The counter is volatile so that the compiler keeps the loop (an empty infinite loop
 * may be removed or turned into a trap); only the host's deadline can end this worker.
 */
#include "tw.h"

static volatile unsigned long long spins;

int main(void) {
    tw_request r;
    tw_read_request(&r, "loop");
    for (;;) spins++;
}
