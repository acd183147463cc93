/* exit1 - writes a complete, valid output document (200 text/plain), flushes it, then
 * calls exit(1): a non-zero exit code must still make the run fail. */
#include <stdlib.h>

#include "tw.h"

int main(void) {
    tw_request r;
    tw_read_request(&r, "exit1");
    static const char body[] = "valid output, then exit(1)";
    tw_answer(&r, 200, "text/plain", body, sizeof body - 1);
    exit(1);
}
