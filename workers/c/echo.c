/* /echo - answers with the exact JSON request document the host wrote to stdin. */
#include <stdio.h>
#include <stdlib.h>

#include "wws.h"

int main(void) {
    size_t len = 0;
    char *input = wws_read_stdin(&len);
    if (!input) {
        fputs("echo: could not read stdin\n", stderr);
        return 1;
    }
    char *kv = wws_get_raw(input, "kv", "{}");
    const wws_header headers[] = {{"content-type", "application/json"}};

    int rc = wws_write_output(200, headers, 1, input, len, kv);
    free(kv);
    free(input);
    return rc == 0 ? 0 : 1;
}
