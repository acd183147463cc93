/* healthy - the control worker: answers 200 text/plain "ok" at once. */
#include <stdlib.h>

#include "tw.h"

int main(void) {
    tw_request r;
    tw_read_request(&r, "healthy");
    return tw_answer(&r, 200, "text/plain", "ok", 2) == 0 ? 0 : 1;
}
