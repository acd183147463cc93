/* trap - reads its request, then executes `unreachable` (__builtin_trap()). Nothing is
 * written to stdout. */
#include "tw.h"

int main(void) {
    tw_request r;
    tw_read_request(&r, "trap");
    __builtin_trap();
}
